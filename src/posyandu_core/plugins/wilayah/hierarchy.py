"""The Posyandu registry: each Posyandu under its Pustu, Puskesmas and area.

Reports group by one :data:`LEVELS` entry: Posyandu, kelurahan, kecamatan,
Pustu, Puskesmas or city (kota).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from posyandu_core.errors import InputFileError, texts_of
from posyandu_core.hookspecs import Option
from posyandu_core.model import Bidang, Posyandu, VenueType
from posyandu_core.plugins._files import Field, Record, Schema, read_table

__all__ = [
    "LEVELS",
    "ON",
    "POSYANDU_FILE",
    "POSYANDU_FILE_OPTION",
    "PosyanduRegistry",
    "level_option",
    "read_posyandu",
    "registry_from",
]

LEVELS = ("posyandu", "kelurahan", "kecamatan", "pustu", "puskesmas", "kota")
LEVEL_LABELS = {
    "posyandu": ("Posyandu", "Posyandu"),
    "kelurahan": ("Kelurahan", "Village (kelurahan)"),
    "kecamatan": ("Kecamatan", "District (kecamatan)"),
    "pustu": ("Pustu", "Auxiliary health post (Pustu)"),
    "puskesmas": ("Puskesmas", "Health centre (Puskesmas)"),
    "kota": ("Kota", "City"),
}

POSYANDU_FILE = Schema(
    name="posyandu",
    fields=(
        Field(name="nomor_registrasi", required=True, description="PP.KK.KC.DDDD.NNN", aliases=("registration_number",)),
        Field(name="nama", required=True, description="name", aliases=("name",)),
        Field(name="kode_desa", description="10-digit Kemendagri village code", aliases=("village_code",)),
        Field(name="kelurahan", description="desa/kelurahan name", aliases=("desa", "village")),
        Field(name="kecamatan", description="kecamatan name", aliases=("district",)),
        Field(name="kota", description="kabupaten/kota name", aliases=("city", "kabupaten")),
        Field(name="pustu", description="parent Pustu"),
        Field(name="puskesmas", description="parent Puskesmas"),
        Field(name="tempat", description="venue: balai, masjid, musholla, pustu, rumah, sekolah, lainnya", aliases=("venue_type",)),
        Field(name="bidang", kind="list", description="enabled bidang, ;-separated (empty: all six)", aliases=("bidang_enabled",)),
        Field(name="alamat", description="address (RT/RW/dusun)", aliases=("address",)),
    ),
)  # fmt: skip

# Spellings of the venue seen in real lists.
_VENUES = {
    "musholla": VenueType.MUSHOLA, "mushola": VenueType.MUSHOLA,
    "mushalla": VenueType.MUSHOLA, "musala": VenueType.MUSHOLA,
    "masjid": VenueType.MASJID, "mesjid": VenueType.MASJID,
}  # fmt: skip


def parse_venue(text: str) -> VenueType:
    """Read a venue type, accepting the common spellings of musholla.

    Examples
    --------
    >>> parse_venue("Musholla")
    <VenueType.MUSHOLA: 'mushola'>
    """
    value = text.strip().lower()
    return _VENUES.get(value) or VenueType(value)


@attrs.frozen
class PosyanduRegistry:
    """The Posyandu of an area and the lookups reports need."""

    posyandu: tuple[Posyandu, ...] = ()

    def __len__(self) -> int:
        return len(self.posyandu)

    def find(self, key: str) -> Posyandu | None:
        """Return the Posyandu with registration number or name ``key``."""
        wanted = key.strip().lower()
        for item in self.posyandu:
            if wanted in (item.registration_number, item.name.lower()):
                return item
        return None

    def number(self, key: str) -> str:
        """Return the registration number of ``key`` (``key`` itself if unknown)."""
        found = self.find(key)
        return found.registration_number if found else key

    def group_key(self, key: str | None, level: str) -> str:
        """Return the name of the ``level`` unit Posyandu ``key`` belongs to.

        Unknown Posyandu and missing parents group under ``"?"``.
        """
        if level not in LEVELS:
            levels = ", ".join(LEVELS)
            msg = f"unknown level {level!r}"
            raise InputFileError(
                msg,
                message_id=f"tingkat {level!r} tidak dikenal",
                field="level",
                value=level,
                fix=f"use one of {levels}",
                fix_id=f"pakai salah satu dari {levels}",
            )
        found = self.find(key) if key else None
        if level == "posyandu":
            return found.name if found else (key or "?")
        if found is None:
            return "?"
        value: str | None = getattr(found, level)
        return value or "?"

    def under(self, level: str, name: str) -> tuple[Posyandu, ...]:
        """Return the Posyandu whose ``level`` unit is ``name``."""
        return tuple(
            p
            for p in self.posyandu
            if self.group_key(p.registration_number, level) == name
        )

    @classmethod
    def of(cls, items: Iterable[Posyandu]) -> PosyanduRegistry:
        """Build a registry, refusing duplicate registration numbers."""
        seen: set[str] = set()
        for item in items:
            if item.registration_number in seen:
                number = item.registration_number
                msg = f"duplicate registration number {number}"
                raise InputFileError(
                    msg,
                    message_id=f"nomor registrasi ganda {number}",
                    field="nomor_registrasi",
                    value=number,
                    fix="each Posyandu once",
                    fix_id="tulis setiap Posyandu satu kali",
                )
            seen.add(item.registration_number)
        return cls(tuple(items))


def read_posyandu(path: str | os.PathLike[str]) -> PosyanduRegistry:
    """Read a Posyandu registry file (CSV or xlsx, sheet ``posyandu``).

    Raises
    ------
    InputFileError
        A row is not a valid Posyandu; the error names row, column, value, fix.
    """
    items: list[Posyandu] = []
    seen: dict[str, int] = {}
    for record in read_table(path, POSYANDU_FILE):
        number = record.get("nomor_registrasi")
        if number in seen:
            raise record.error(
                field="nomor_registrasi",
                message=f"duplicate registration number (first on row {seen[number]})",
                message_id=f"nomor registrasi sudah ada di baris {seen[number]}",
                fix="each Posyandu once",
                fix_id="tulis setiap Posyandu satu kali",
            )
        seen[number] = record.row
        venues = ", ".join(v.value for v in VenueType)
        try:
            venue = parse_venue(record.get("tempat") or "balai")
        except ValueError:
            raise record.error(
                field="tempat",
                message="unknown venue",
                message_id="tempat tidak dikenal",
                fix=f"use {venues}",
                fix_id=f"pakai {venues}",
            ) from None
        bidang: Sequence[str] = record.get("bidang") or tuple(Bidang)
        try:
            items.append(
                Posyandu(
                    registration_number=number,
                    name=record.get("nama"),
                    village_code=record.get("kode_desa"),
                    venue_type=venue,
                    bidang_enabled=[b.strip().lower() for b in bidang],
                    pustu=record.get("pustu"),
                    puskesmas=record.get("puskesmas"),
                    address=record.get("alamat") or "",
                    kelurahan=record.get("kelurahan"),
                    kecamatan=record.get("kecamatan"),
                    kota=record.get("kota"),
                )
            )
        except ValueError as exc:
            why_id, why = texts_of(exc)
            column = _column_of(why)
            raise record.error(
                field=column,
                message=f"{column} is invalid: {why}",
                message_id=f"{column} tidak sah: {why_id}",
                fix=_FIXES[column][0],
                fix_id=_FIXES[column][1],
            ) from None
    return PosyanduRegistry(tuple(items))


_BIDANG = ", ".join(b.value for b in Bidang)
#: The fix for an invalid cell, in English and in Indonesian.
_FIXES = {
    "nomor_registrasi": (
        "write PP.KK.KC.DDDD.NNN, e.g. 64.74.01.1001.001",
        "tulis PP.KK.KC.DDDD.NNN, mis. 64.74.01.1001.001",
    ),
    "kode_desa": (
        "write the 10-digit Kemendagri code, e.g. 6474011001",
        "tulis kode Kemendagri 10 digit, mis. 6474011001",
    ),
    "bidang": (f"use {_BIDANG}", f"pakai {_BIDANG}"),
}


def _column_of(message: str) -> str:
    if "registration_number" in message:
        return "nomor_registrasi"
    if "village_code" in message:
        return "kode_desa"
    return "bidang"


def posyandu_of(record: Record, registry: PosyanduRegistry | None) -> str:
    """Return the record's ``posyandu`` cell as a registration number of ``registry``.

    Without a registry (or an empty one) the cell is kept as written.

    Raises
    ------
    InputFileError
        The registry has no Posyandu of that number or name (row and column named).
    """
    posyandu: str = record.get("posyandu")
    if registry is None or not len(registry):
        return posyandu
    found = registry.find(posyandu)
    if found is None:
        raise record.error(
            field="posyandu",
            message="not in the Posyandu registry",
            message_id="Posyandu tidak ada di daftar Posyandu",
            fix="use a registration number of the registry",
            fix_id="pakai nomor registrasi yang ada di daftar Posyandu",
        )
    return found.registration_number


# -- the options the bidang reports share ---------------------------------------------

POSYANDU_FILE_OPTION = Option(
    name="posyandu_file",
    help="registri Posyandu / Posyandu registry (posyandu.csv), for names and grouping",
)
ON = Option(
    name="on",
    type=dt.date,
    required=True,
    help="tanggal laporan / report date, DD/MM/YYYY or YYYY-MM-DD",
)


def level_option(default: str = "posyandu") -> Option:
    """Return the ``--level`` option: the unit a report groups by."""
    return Option(
        name="level",
        choices=LEVELS,
        default=default,
        help="kelompokkan per / group by this level",
    )


def registry_from(options: Mapping[str, Any]) -> PosyanduRegistry:
    """Return the registry a report's ``posyandu_file`` names (empty without one)."""
    path = options.get("posyandu_file")
    return read_posyandu(path) if path else PosyanduRegistry()
