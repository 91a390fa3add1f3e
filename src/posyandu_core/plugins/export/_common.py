"""What every export format shares: measurements, z-scores, privacy, safe cells.

A *measurement* is one quantity measured on one register row (weight,
length or height, LiLA …). Every format writes each measurement of the
register exactly once; the round-trip tests read the files back against
:func:`measurements`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import importlib
import math
import os
import re
import tomllib
import zipfile
from collections.abc import Iterator, Sequence
from importlib.resources import files
from pathlib import Path
from types import ModuleType
from typing import Any, Final

import attrs
import numpy as np

from posyandu_core.errors import PosyanduError
from posyandu_core.growth import anthro_zscores, anthroplus_zscores, classify
from posyandu_core.growth import classify_muac as _classify_muac
from posyandu_core.model import MeasureMethod, Sex, age_days, completed_months
from posyandu_core.register import Register, RegisterRow

__all__ = [
    "ExportError",
    "Measurement",
    "Pseudonymiser",
    "VisitAssessment",
    "assess_rows",
    "measurements",
    "require",
    "safe_text",
]

Destination = str | os.PathLike[str]


class ExportError(PosyanduError, ValueError):
    """A register (or an option) cannot be exported as asked."""


def require(module: str) -> ModuleType:
    """Import an optional library of the ``export`` extra, or say how to get it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        msg = f"the library {module!r} is not installed"
        raise ExportError(
            msg,
            message_id=f"pustaka {module!r} belum terpasang",
            fix='pip install "posyandu-core[export]"',
            fix_id='pip install "posyandu-core[export]"',
        ) from exc


MONTHS_ID: Final = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
    "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


@functools.cache
def load_export_table(name: str) -> dict[str, Any]:
    """Return the parsed TOML file ``data/export/<name>.toml``."""
    resource = files("posyandu_core").joinpath("data", "export", f"{name}.toml")
    with resource.open("rb") as handle:
        return tomllib.load(handle)


# -- measurements -------------------------------------------------------------


@attrs.frozen
class Quantity:
    """A measured quantity: register field, tidy name and UCUM unit."""

    field: str
    name: str
    unit: str
    label_id: str
    label_en: str


QUANTITIES: Final = (
    Quantity("weight_kg", "weight", "kg", "Berat badan", "Body weight"),
    Quantity("length_cm", "length", "cm", "Panjang/tinggi badan", "Length/height"),
    Quantity("head_cm", "head_circumference", "cm", "Lingkar kepala", "Head circumference"),
    Quantity("muac_cm", "muac", "cm", "Lingkar lengan atas (LiLA)", "Mid-upper arm circumference"),
    Quantity("waist_cm", "waist", "cm", "Lingkar perut", "Waist circumference"),
    Quantity("systolic_mmhg", "systolic", "mm[Hg]", "Tekanan darah sistolik", "Systolic blood pressure"),
    Quantity("diastolic_mmhg", "diastolic", "mm[Hg]", "Tekanan darah diastolik", "Diastolic blood pressure"),
    Quantity("hb_g_dl", "haemoglobin", "g/dL", "Hemoglobin", "Haemoglobin"),
    Quantity("glucose_mg_dl", "glucose", "mg/dL", "Gula darah", "Blood glucose"),
)  # fmt: skip
QUANTITY_BY_NAME: Final = {q.name: q for q in QUANTITIES}


@attrs.frozen(kw_only=True)
class Measurement:
    """One quantity measured on one register row."""

    row: int
    person_id: str
    date: dt.date | None
    quantity: str
    value: float
    unit: str
    measure: MeasureMethod | None = None


def measurements(register: Register) -> list[Measurement]:
    """Return every measurement of the register, in row then quantity order.

    Examples
    --------
    >>> from posyandu_core.register.sample import load_sample_register
    >>> found = measurements(load_sample_register())
    >>> found[0].quantity, found[0].unit
    ('weight', 'kg')
    """
    out = []
    for row in register.rows:
        for q in QUANTITIES:
            value = getattr(row, q.field)
            if value is None or not math.isfinite(value):
                continue
            out.append(
                Measurement(
                    row=row.row,
                    person_id=row.person_id,
                    date=row.visit_date,
                    quantity=q.name,
                    value=float(value),
                    unit=q.unit,
                    measure=row.measure if q.name == "length" else None,
                )
            )
    return out


# -- z-scores and categories from the growth engine --------------------------

# WHO flag column of each z-score column (anthro 2006 and anthroplus 2007).
_Z: Final = {
    "waz": ("zwei", "fwei", "zwfa", "fwfa"),
    "haz": ("zlen", "flen", "zhfa", "fhfa"),
    "whz": ("zwfl", "fwfl", None, None),
    "baz": ("zbmi", "fbmi", "zbfa", "fbfa"),
    "hcz": ("zhc", "fhc", None, None),
    "acz": ("zac", "fac", None, None),
}
Z_NAMES: Final = tuple(_Z)
CATEGORY_NAMES: Final = ("bb_u", "pb_tb_u", "bb_pb_tb", "imt_u", "lk_u", "lila")
_CATEGORY_Z: Final = {
    "bb_u": "waz",
    "pb_tb_u": "haz",
    "bb_pb_tb": "whz",
    "imt_u": "baz",
    "lk_u": "hcz",
}
_ANTHRO_LAST_DAY: Final = 1856  # anthro computes age-based z below 60.0 months
_ANTHROPLUS_LAST_MONTH: Final = 228


@attrs.frozen(kw_only=True)
class VisitAssessment:
    """Ages, WHO z-scores, WHO flags and Permenkes categories of one row.

    A z-score is ``None`` where the growth engine could not compute it; its
    flag is True where WHO flags it implausible (then no category is given,
    as the kesehatan plugin decides). ``table`` tells which standard
    computed the z-scores: ``"who2006"`` (0-5 years), ``"who2007"``
    (5-19 years) or ``None``.
    """

    age_days: int | None = None
    age_months: int | None = None
    table: str | None = None
    z: dict[str, float | None] = attrs.field(factory=dict)
    flags: dict[str, bool | None] = attrs.field(factory=dict)
    categories: dict[str, str | None] = attrs.field(factory=dict)


def _sex_code(sex: Sex | None) -> float:
    return math.nan if sex is None else (1.0 if sex is Sex.MALE else 2.0)


def _num(value: float | None) -> float:
    return math.nan if value is None else value


def _opt(value: Any) -> float | None:
    value = float(value)
    return None if math.isnan(value) else value


def assess_rows(rows: Sequence[RegisterRow]) -> list[VisitAssessment]:
    """Return the assessment of each row, in order (two vectorised engine calls).

    Ages are counted from birth to the visit; rows without sex, birth date
    or visit date, or with a visit before birth, get an empty assessment.
    """
    ages = [
        age_days(r.birth_date, r.visit_date)
        if r.birth_date and r.visit_date and r.visit_date >= r.birth_date
        else None
        for r in rows
    ]
    if not rows:
        return []
    days = np.array([math.nan if a is None else a for a in ages], dtype=float)
    sex = [_sex_code(r.sex) for r in rows]
    lenhei = [_num(r.length_cm) for r in rows]
    measure = [None if r.measure is None else r.measure.who_code for r in rows]
    oedema = [None if r.oedema is None else ("y" if r.oedema else "n") for r in rows]
    weight = [_num(r.weight_kg) for r in rows]
    young = anthro_zscores(
        sex=sex,
        age=days,
        weight=weight,
        lenhei=lenhei,
        measure=measure,
        oedema=oedema,
        headc=[_num(r.head_cm) for r in rows],
        armc=[_num(r.muac_cm) for r in rows],
    )
    months = days / 30.4375
    older = anthroplus_zscores(
        sex=sex,
        age_in_months=np.where(days > _ANTHRO_LAST_DAY, months, np.nan),
        height_in_cm=lenhei,
        weight_in_kg=weight,
        oedema=oedema,
    )
    z: dict[str, np.ndarray[Any, Any]] = {}
    flag: dict[str, np.ndarray[Any, Any]] = {}
    is_young = days <= _ANTHRO_LAST_DAY
    for name, (z6, f6, z7, f7) in _Z.items():
        z[name] = np.where(is_young, young[z6], older[z7] if z7 else np.nan)
        flag[name] = np.where(is_young, young[f6], older[f7] if f7 else np.nan)
    usable = {n: np.where(flag[n] == 1.0, np.nan, z[n]) for n in z}
    categories = {
        table: classify(table, usable[zname])
        for table, zname in _CATEGORY_Z.items()
        if table != "imt_u"
    }
    categories["imt_u"] = np.where(
        is_young,
        classify("imt_u_0_60", usable["baz"]),
        classify("imt_u_5_18", usable["baz"]),
    )
    completed = [
        completed_months(r.birth_date, r.visit_date) if a is not None else None  # type: ignore[arg-type]
        for r, a in zip(rows, ages, strict=True)
    ]
    categories["lila"] = _classify_muac(
        [_num(r.muac_cm) for r in rows],
        [math.nan if m is None else m for m in completed],
    )
    out = []
    for i, (age, months_done) in enumerate(zip(ages, completed, strict=True)):
        if age is None or rows[i].sex is None:
            out.append(VisitAssessment(age_days=age, age_months=months_done))
            continue
        table = (
            "who2006"
            if age <= _ANTHRO_LAST_DAY
            else ("who2007" if months[i] <= _ANTHROPLUS_LAST_MONTH else None)
        )
        out.append(
            VisitAssessment(
                age_days=age,
                age_months=months_done,
                table=table,
                z={n: _opt(z[n][i]) for n in Z_NAMES},
                flags={
                    n: None if math.isnan(flag[n][i]) else bool(flag[n][i])
                    for n in Z_NAMES
                },
                categories={c: categories[c][i] for c in CATEGORY_NAMES},
            )
        )
    return out


# -- privacy ------------------------------------------------------------------


@attrs.frozen
class Pseudonymiser:
    """Keyed pseudonyms (HMAC-SHA256) for identifying text, or the text itself.

    The key comes from the user and is never written anywhere: without it a
    pseudonym cannot be linked back to a NIK or name, and the same key gives
    the same pseudonyms in every export (so exports can be joined).
    ``identifiable=True`` keeps the text as it is.
    """

    key: bytes | None
    identifiable: bool = False

    @classmethod
    def from_options(
        cls, key: str | bytes | None, *, identifiable: bool
    ) -> Pseudonymiser:
        """Check the options of a research export and return the pseudonymiser."""
        if identifiable:
            return cls(None, identifiable=True)
        if not key:
            msg = "a research export needs a pseudonymisation key"
            raise ExportError(
                msg,
                message_id="ekspor penelitian butuh kunci pseudonim (key)",
                field="key",
                fix="give --key SECRET (key= in Python), a secret only you keep, or "
                "--identifiable (identifiable=True) for an export keeping NIK and names",
                fix_id="beri --key RAHASIA (key= di Python), rahasia yang hanya Anda "
                "simpan, atau --identifiable (identifiable=True) untuk ekspor yang "
                "memuat NIK dan nama",
            )
        raw = key.encode("utf-8") if isinstance(key, str) else bytes(key)
        return cls(raw)

    def __call__(self, kind: str, text: str | None) -> str | None:
        """Return the pseudonym of ``text`` (``kind`` separates NIK from names)."""
        if text is None or text == "":
            return None
        if self.identifiable:
            return text
        assert self.key is not None  # from_options guarantees it
        digest = hmac.new(self.key, f"{kind}\x00{text}".encode(), hashlib.sha256)
        return digest.hexdigest()[:32]


# -- cells --------------------------------------------------------------------

_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str | None) -> str | None:
    """Return user text that a spreadsheet will not run as a formula.

    Text starting with ``= + - @`` (or a tab / carriage return) gets a
    leading apostrophe, OWASP's advice against CSV/formula injection.

    Examples
    --------
    >>> safe_text("=HYPERLINK(1)"), safe_text("Siti"), safe_text(None)
    ("'=HYPERLINK(1)", 'Siti', None)
    """
    if text and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def unsafe_text(text: str | None) -> str | None:
    """Undo :func:`safe_text` (for reading an export back)."""
    if text and text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text


FIXED_TIME: Final = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""The time stamped into files when the caller gives none (reproducible builds)."""


_W3CDTF: Final = 'xsi:type="dcterms:W3CDTF"'
_MODIFIED: Final = re.compile(r"<dcterms:modified [^>]*>[^<]*</dcterms:modified>")


def normalise_zip(path: Path, when: dt.datetime) -> None:
    """Rewrite a zip container (xlsx) with every entry stamped ``when``.

    openpyxl stamps each zip entry with the current time; a fixed stamp
    makes the same workbook byte-identical on every run.
    """
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    utc = when.astimezone(dt.UTC)
    stamp = utc.timetuple()[:6]
    # openpyxl writes the save time as "modified" whatever the workbook says.
    modified = (
        f"<dcterms:modified {_W3CDTF}>{utc:%Y-%m-%dT%H:%M:%SZ}</dcterms:modified>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = _MODIFIED.sub(modified, data.decode("utf-8")).encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


def save_workbook(workbook: Any, destination: Destination, when: dt.datetime) -> None:
    """Save an openpyxl workbook reproducibly (fixed properties and zip stamps)."""
    naive = when.astimezone(dt.UTC).replace(tzinfo=None)
    workbook.properties.created = naive
    workbook.properties.modified = naive
    workbook.properties.creator = "posyandu-core"
    path = Path(destination)
    workbook.save(path)
    normalise_zip(path, when)


def person_rows(register: Register) -> Iterator[tuple[str, list[RegisterRow]]]:
    """Yield (person id, rows by visit date) in person-id order."""
    grouped = register.by_person()
    for person_id in sorted(grouped):
        yield person_id, grouped[person_id]
