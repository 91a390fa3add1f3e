"""People: the sasaran (Person), their household (KK) and the kader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from attrs import validators as v

from posyandu_core._data import load_rule_table
from posyandu_core.model._convert import to_sex
from posyandu_core.model._enums import KaderStratum, Sex
from posyandu_core.model._nik import NIK_PATTERN
from posyandu_core.model.sasaran import LifeStage, Status, life_stages

_optional_nik = v.optional(v.matches_re(NIK_PATTERN))


@attrs.frozen(kw_only=True)
class Person:
    """Someone the Posyandu serves (sasaran), at any stage of life.

    Parameters
    ----------
    id : str
        Local id, stable across visits.
    name : str
        Full name.
    sex : Sex
        ``L`` or ``P`` (other common codes are converted).
    birth_date : datetime.date
        Date of birth.
    nik : str or None
        16-digit NIK as a string (newborns may not have one yet).
    nik_ibu : str or None
        Mother's NIK, used for newborns without their own.
    ihs_number : str or None
        SATUSEHAT patient id (IHS number).
    household_id : str or None
        Nomor KK of the household.
    """

    id: str = attrs.field(validator=v.min_len(1))
    name: str
    sex: Sex = attrs.field(converter=to_sex)
    birth_date: dt.date = attrs.field(validator=v.instance_of(dt.date))
    nik: str | None = attrs.field(default=None, validator=_optional_nik)
    nik_ibu: str | None = attrs.field(default=None, validator=_optional_nik)
    ihs_number: str | None = None
    household_id: str | None = None
    parent_name: str | None = None

    def life_stages(
        self, on: dt.date, status: Iterable[Status | str] = ()
    ) -> tuple[LifeStage, ...]:
        """Return the target groups this person belongs to on ``on``."""
        return life_stages(
            birth_date=self.birth_date, sex=self.sex, on=on, status=status
        )


@attrs.frozen(kw_only=True)
class Household:
    """A household (keluarga) identified by its Kartu Keluarga number."""

    kk_number: str = attrs.field(validator=v.matches_re(NIK_PATTERN))
    head_name: str
    address: str = ""
    rt: str | None = None
    rw: str | None = None
    member_ids: tuple[str, ...] = ()


def _skill_groups() -> Mapping[str, Any]:
    return load_rule_table("kader")["groups"]  # type: ignore[no-any-return]


def kader_stratum(
    skills: Iterable[str], table: Mapping[str, Any] | None = None
) -> KaderStratum | None:
    """Return the stratum reached with the mastered ``skills`` (None: not yet).

    Examples
    --------
    >>> skills = ["A1", "A2", "A3", "A4", *[f"B{i}" for i in range(1, 8)],
    ...           *[f"C{i}" for i in range(1, 7)]]
    >>> kader_stratum(skills)
    <KaderStratum.PURWA: 'purwa'>
    """
    data = load_rule_table("kader") if table is None else table
    mastered = frozenset(skills)
    complete = {
        name for name, g in data["groups"].items() if set(g["skills"]) <= mastered
    }
    for rule in data["strata"]:
        if set(rule["all_of"]) <= complete and (
            not rule.get("any_of") or complete & set(rule["any_of"])
        ):
            return KaderStratum(rule["stratum"])
    return None


def _known_skills(values: Iterable[str]) -> frozenset[str]:
    skills = frozenset(values)
    known = {s for g in _skill_groups().values() for s in g["skills"]}
    unknown = sorted(skills - known)
    if unknown:
        msg = f"unknown kader skill ids {unknown}; known ids are A1–A4, B1–B7, C1–C6, D1–D4, E1–E4"
        raise ValueError(msg)
    return skills


@attrs.frozen(kw_only=True)
class Kader:
    """A Posyandu cadre (kader) with the basic skills they have mastered."""

    id: str = attrs.field(validator=v.min_len(1))
    name: str
    nik: str | None = attrs.field(default=None, validator=_optional_nik)
    role: str = "kader"  # ketua, sekretaris, bendahara, ketua bidang …, kader
    skills_mastered: frozenset[str] = attrs.field(
        default=frozenset(), converter=_known_skills
    )

    @property
    def stratum(self) -> KaderStratum | None:
        """The competency stratum the mastered skills reach (DOMAIN.md §12.2)."""
        return kader_stratum(self.skills_mastered)
