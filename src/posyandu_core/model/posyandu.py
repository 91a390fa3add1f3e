"""The Posyandu itself: a village institution serving six bidang."""

from __future__ import annotations

import re

import attrs
from attrs import validators as v

from posyandu_core._data import load_rule_table
from posyandu_core.errors import UsageError
from posyandu_core.model._enums import VenueType
from posyandu_core.model.bidang import Bidang, to_bidang_set


def is_valid_registration_number(value: str) -> bool:
    """Return whether ``value`` is a Posyandu number ``PP.KK.KC.DDDD.NNN``.

    Examples
    --------
    >>> is_valid_registration_number("11.01.10.2001.001")
    True
    >>> is_valid_registration_number("11.1.10.2001.001")
    False
    """
    pattern = load_rule_table("posyandu")["registration_number"]["pattern"]
    return bool(re.match(pattern, value))


def _check_registration(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not is_valid_registration_number(value):
        msg = f"{attribute.name} {value!r} is not PP.KK.KC.DDDD.NNN"
        raise UsageError(
            msg,
            message_id=f"{attribute.name} {value!r} bukan PP.KK.KC.DDDD.NNN",
            field=attribute.name,
            fix="write it like 11.01.10.2001.001",
            fix_id="tulis seperti 11.01.10.2001.001",
        )


def _check_village(
    _: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    pattern = load_rule_table("posyandu")["village_code"]["pattern"]
    if value is not None and not re.match(pattern, value):
        msg = f"{attribute.name} {value!r} is not a 10-digit Kemendagri village code"
        raise UsageError(
            msg,
            message_id=(
                f"{attribute.name} {value!r} bukan kode desa Kemendagri 10 digit"
            ),
            field=attribute.name,
            fix="write the village's 10-digit code, e.g. 1101102001",
            fix_id="tulis kode desa 10 digit, mis. 1101102001",
        )


@attrs.frozen(kw_only=True)
class Posyandu:
    """A Posyandu (LKD/LKK) and the bidang it has enabled.

    Parameters
    ----------
    registration_number : str
        ``PP.KK.KC.DDDD.NNN`` (province.regency.district.village.serial).
    name : str
        Its name, e.g. ``"Posyandu Melati"``.
    village_code : str or None
        10-digit Kemendagri code of the desa/kelurahan.
    venue_type : VenueType
        Where open days are held (balai, masjid, mushola …).
    bidang_enabled : frozenset of Bidang
        Fields the Posyandu serves; all six by default.
    pustu, puskesmas : str or None
        The parent Pustu and Puskesmas.
    kelurahan, kecamatan, kota : str or None
        Names of the desa/kelurahan, kecamatan and kabupaten/kota.
    """

    registration_number: str = attrs.field(validator=_check_registration)
    name: str
    village_code: str | None = attrs.field(default=None, validator=_check_village)
    venue_type: VenueType = attrs.field(default=VenueType.BALAI, converter=VenueType)
    bidang_enabled: frozenset[Bidang] = attrs.field(
        default=frozenset(Bidang),
        converter=to_bidang_set,
        validator=v.min_len(1),
    )
    pustu: str | None = None
    puskesmas: str | None = None
    address: str = ""
    kelurahan: str | None = None
    kecamatan: str | None = None
    kota: str | None = None

    def serves(self, bidang: Bidang) -> bool:
        """Return whether this Posyandu has ``bidang`` enabled."""
        return bidang in self.bidang_enabled
