"""Target groups (sasaran) on a date and the home-visit checklist bands (DOMAIN.md §2.3, §2.5).

The life stages are the shared table ``sasaran.toml`` read by
:mod:`posyandu_core.model.sasaran`; ``skrining_sasaran.toml`` adds PUS, the
PTM-screening age and the home-visit bands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from posyandu_core.model._age import completed_months, completed_years
from posyandu_core.model._enums import Sex
from posyandu_core.model.sasaran import Status, life_stages
from posyandu_core.plugins.kesehatan.screening._measures import sex_of
from posyandu_core.plugins.kesehatan.screening._result import ScreeningResult
from posyandu_core.plugins.kesehatan.screening._rules import (
    category_result,
    classified,
    code_texts,
    flag,
    invalid,
    missing,
    screening,
    screening_rule,
)


def _dates(birth_date: dt.date | None, on: dt.date | None) -> tuple[dt.date, dt.date]:
    if birth_date is None:
        missing("birth_date")
    if on is None:
        missing("on")
    for field, value in (("birth_date", birth_date), ("on", on)):
        if not isinstance(value, dt.date):
            invalid(field, value, "harus tanggal", "must be a date")
    if on < birth_date:
        invalid("on", on, "sebelum tanggal lahir", "before the birth date")
    if completed_years(birth_date, on) > 130:
        invalid(
            "birth_date", birth_date, "usia lebih dari 130 tahun", "age over 130 years"
        )
    return birth_date, on


@screening("sasaran.target_groups")
def target_groups(
    *,
    birth_date: dt.date | None,
    sex: Sex | str | None,
    on: dt.date | None,
    status: Iterable[Status | str] = (),
    married: bool = False,
    wife_birth_date: dt.date | None = None,
) -> ScreeningResult:
    """Return every target group a person belongs to on date ``on`` (DOMAIN.md §2.3).

    Groups overlap: BBL, BAYI, BADUTA, BALITA, APRAS, USEK, REMAJA, DEWASA,
    LANSIA, WUS (``sasaran.toml``), BUMIL / NIFAS / BUSUI from ``status``,
    PUS (``married``; for a man, give ``wife_birth_date``) and PTM (PTM
    screening age, >= 15 y). ``details["groups"]`` lists the codes,
    ``details["labels"]`` the (Indonesian, English) labels.

    Examples
    --------
    >>> r = target_groups(birth_date=dt.date(1990, 5, 1), sex="P", on=dt.date(2025, 6, 1),
    ...                   status=["hamil"], married=True)
    >>> r.details["groups"]
    ('DEWASA', 'WUS', 'BUMIL', 'PUS', 'PTM')
    """
    rule = screening_rule("sasaran.target_groups")
    born, day = _dates(birth_date, on)
    person_sex = sex_of(sex)
    codes = code_texts(
        "status", list(status) if isinstance(status, list | tuple) else status
    )
    is_married = flag("married", married)
    try:
        stages = life_stages(birth_date=born, sex=person_sex, on=day, status=codes)
    except ValueError:
        invalid(
            "status",
            codes,
            "status hamil/nifas/menyusui",
            "status hamil/nifas/menyusui",
        )
    groups = [(s.code, s.label_id, s.label_en) for s in stages]
    pus = rule.data["pus"]
    low, high = pus["wife_age_years"]
    wife_born = born if person_sex is Sex.FEMALE else wife_birth_date
    if (
        is_married
        and wife_born is not None
        and low <= completed_years(wife_born, day) < high
    ):
        groups.append((pus["code"], pus["label_id"], pus["label_en"]))
    ptm = rule.data["ptm"]
    if completed_years(born, day) >= rule.data["ptm_screening_from_years"]:
        groups.append((ptm["code"], ptm["label_id"], ptm["label_en"]))
    return category_result(
        rule.id,
        "sasaran",
        details={
            "groups": tuple(g[0] for g in groups),
            "labels": tuple((g[1], g[2]) for g in groups),
            "klaster": tuple(sorted({s.klaster for s in stages})),
        },
    )


@screening("sasaran.home_visit_band")
def home_visit_band(
    *, birth_date: dt.date | None, on: dt.date | None
) -> ScreeningResult:
    """Return the home-visit checklist band of a person on ``on`` (DOMAIN.md §2.5).

    Bayi 0-6 months; balita & prasekolah 6-71 months; usia sekolah &
    remaja 6-18 years; dewasa 19-59 years; lansia >= 60 years (completed
    months/years; the bands touch, so everyone has exactly one).

    Examples
    --------
    >>> home_visit_band(birth_date=dt.date(2007, 1, 1), on=dt.date(2025, 12, 31)).code
    'usia_sekolah_remaja'
    """
    rule = screening_rule("sasaran.home_visit_band")
    born, day = _dates(birth_date, on)
    ages = {"months": completed_months(born, day), "years": completed_years(born, day)}
    band = next(
        b
        for b in rule.data["bands"]
        if b["min"] <= ages[b["unit"]] < b.get("max", 10**6)
    )  # the bands touch and cover every age
    age = ages[band["unit"]]
    return classified(
        rule.id,
        band["code"],
        band["label_id"],
        band["label_en"],
        value=float(age),
        details={"unit": band["unit"]},
    )


__all__ = ["home_visit_band", "target_groups"]
