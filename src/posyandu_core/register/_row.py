"""One register row: one person at one visit, typed, with its raw text kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from posyandu_core.errors import UsageError
from posyandu_core.model import MeasureMethod, Person, Sex, is_valid_nik


def _valid_nik(value: str | None) -> str | None:
    return value if value is not None and is_valid_nik(value) else None


def _frozen(value: Mapping[str, str]) -> Mapping[str, str]:
    # Rows read from a register hold a read-only view of its raw columns.
    if isinstance(value, MappingProxyType) or type(value).__name__ == "RawView":
        return value
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class RegisterRow:
    """A typed register row. ``None`` means empty or unreadable (see issues).

    ``raw`` keeps every cell exactly as read, keyed by canonical column name
    (and by the original header for columns the format does not know).
    """

    row: int
    person_id: str
    nik: str | None = None
    name: str | None = None
    sex: Sex | None = None
    birth_date: dt.date | None = None
    nik_ibu: str | None = None
    parent_name: str | None = None
    kk: str | None = None
    posyandu: str | None = None
    visit_date: dt.date | None = None
    visit_type: str | None = None
    kader: str | None = None
    status: tuple[str, ...] = ()
    has_kia: bool | None = None
    weight_kg: float | None = None
    length_cm: float | None = None
    measure: MeasureMethod | None = None
    muac_cm: float | None = None
    head_cm: float | None = None
    waist_cm: float | None = None
    systolic_mmhg: float | None = None
    diastolic_mmhg: float | None = None
    hb_g_dl: float | None = None
    glucose_mg_dl: float | None = None
    glucose_kind: str | None = None
    hba1c_percent: float | None = None
    cholesterol_mg_dl: float | None = None
    hpht: dt.date | None = None
    gestational_age_weeks: float | None = None
    delivery_date: dt.date | None = None
    anc_contact: str | None = None
    anc_provider: str | None = None
    anc_usg: bool | None = None
    danger_signs: tuple[str, ...] = ()
    skilas: tuple[str, ...] = ()
    adl_barthel: float | None = None
    oedema: bool | None = None
    immunizations: tuple[str, ...] = ()
    vitamin_a: bool | None = None
    deworming: bool | None = None
    school_grade: float | None = None
    equipment: tuple[str, ...] = ()
    moved_in_on: dt.date | None = None
    moved_out_on: dt.date | None = None
    age: float | None = None
    triceps_mm: float | None = None
    subscapular_mm: float | None = None
    raw: Mapping[str, str] = attrs.field(
        factory=dict, converter=_frozen, eq=False, repr=False
    )

    def to_person(self) -> Person:
        """Return the Person this row describes (needs sex and birth date)."""
        if self.sex is None or self.birth_date is None:
            msg = "sex and birth_date are needed to describe a person"
            raise UsageError(
                msg,
                message_id="jenis kelamin dan tanggal lahir diperlukan untuk orang",
                row=self.row,
                fix="fill in sex and birth_date on this row",
                fix_id="isi jenis kelamin dan tanggal lahir di baris ini",
            )
        return Person(
            id=self.person_id,
            name=self.name or "",
            sex=self.sex,
            birth_date=self.birth_date,
            # A malformed NIK is reported by the rules; the Person just lacks it.
            nik=_valid_nik(self.nik),
            nik_ibu=_valid_nik(self.nik_ibu),
            household_id=self.kk,
            parent_name=self.parent_name,
        )
