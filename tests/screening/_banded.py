"""Every banded screening rule as a one-argument callable, for data-driven tests.

Each entry: (rule id, band key, step, call). ``call(value)`` classifies
``value`` with everything else held where it does not move the category
(systolic tests keep the diastolic optimal and switch the ISH override off).
``step`` is the smallest meaningful change: 1 for whole-number scores.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, cast

from posyandu_core.plugins.kesehatan.screening import (
    Conventions,
    ScreeningResult,
    adult,
    elderly,
    maternal,
    school,
)

Call = Callable[[Any], ScreeningResult]
NO_ISH = Conventions(isolated_systolic_overrides=False)
KMK_FORM = Conventions(mna_sf_profile="kmk_form")

_ANAEMIA_AGES = {
    "child_6_59": (30, "L"), "child_5_11": (8 * 12, "L"), "child_12_14": (13 * 12, "P"),
    "women_15": (20 * 12, "P"), "men_15": (20 * 12, "L"),
}  # fmt: skip


def _anaemia(key: str) -> Call:
    if key == "pregnant":
        return lambda v: maternal.anaemia(hb_g_dl=v, pregnant=True)
    months, sex = _ANAEMIA_AGES[key]
    return lambda v: maternal.anaemia(hb_g_dl=v, age_months=months, sex=sex)


def _adult_bp(profile: str, which: str) -> Call:
    if which == "systolic":
        return lambda v: adult.blood_pressure(
            systolic_mmhg=v, diastolic_mmhg=60, profile=profile, conventions=NO_ISH
        )
    return lambda v: adult.blood_pressure(
        systolic_mmhg=119, diastolic_mmhg=v, profile=profile, conventions=NO_ISH
    )


def _glucose(kind: str) -> Call:
    if kind == "HBA1C":
        return lambda v: adult.hba1c(hba1c_percent=v)
    return lambda v: adult.glucose(glucose_mg_dl=v, kind=kind)


_LIPIDS: dict[str, Call] = {
    "total": lambda v: adult.total_cholesterol(total_cholesterol_mg_dl=v),
    "ldl": lambda v: adult.ldl(ldl_mg_dl=v),
    "hdl": lambda v: adult.hdl(hdl_mg_dl=v),
    "triglycerides": lambda v: adult.triglycerides(triglycerides_mg_dl=v),
}


def _school_bp(which: str) -> Call:
    if which == "systolic":
        return lambda v: school.blood_pressure(
            age_years=15, sex="L", systolic_mmhg=v, diastolic_mmhg=60
        )
    return lambda v: school.blood_pressure(
        age_years=15, sex="L", systolic_mmhg=115, diastolic_mmhg=v
    )


def _assist(substance: str) -> Call:
    return lambda v: school.assist(score=v, substance=substance)


def _adult_imt(profile: str) -> Call:
    return lambda v: adult.imt(imt_kg_m2=v, profile=profile)


def _waist(sex: str) -> Call:
    return lambda v: adult.central_obesity(sex=sex, waist_cm=v)


def _mini_cog(total: Any) -> ScreeningResult:
    if (
        not isinstance(total, int | float)
        or isinstance(total, bool)
        or math.isnan(total)
    ):
        return elderly.mini_cog(recall_words=total, clock_points=0)
    clock = 2 if total > 3 else 0
    return elderly.mini_cog(recall_words=cast(int, total - clock), clock_points=clock)


BANDED: list[tuple[str, str | None, float, Call]] = [
    ("maternal.trimester", None, 0.01, lambda v: maternal.trimester(gestational_age_weeks=v)),
    ("maternal.kek", None, 0.01, lambda v: maternal.kek(lila_cm=v)),
    ("maternal.short_stature", None, 0.01, lambda v: maternal.short_stature(height_cm=v)),
    ("maternal.underweight_pre_pregnancy", None, 0.01,
     lambda v: maternal.underweight_pre_pregnancy(imt_kg_m2=v)),
    *[("maternal.anaemia", k, 0.01, _anaemia(k)) for k in (*_ANAEMIA_AGES, "pregnant")],
    ("maternal.weight_gain", None, 0.01,
     lambda v: maternal.weight_gain(pre_pregnancy_imt_kg_m2=v)),
    *[("school.blood_pressure", w, 1.0, _school_bp(w)) for w in ("systolic", "diastolic")],
    *[("school.assist", s, 1.0, _assist(s)) for s in ("alcohol", "other")],
    *[("adult.imt", p, 0.01, _adult_imt(p)) for p in ("ASIA_PACIFIC_WHO_2000", "KEMENKES_2003")],
    *[("adult.central_obesity", s, 0.01, _waist(s)) for s in ("L", "P")],
    *[("adult.blood_pressure", f"{p}_{w}", 1.0, _adult_bp(p, w))
      for p in ("KMK_ILP_2023", "JNC7", "ISH_2020") for w in ("systolic", "diastolic")],
    *[("adult.glucose", k, 0.01 if k == "HBA1C" else 1.0, _glucose(k))
      for k in ("GDS", "GDP", "TTGO", "HBA1C")],
    *[("adult.lipids", k, 1.0, call) for k, call in _LIPIDS.items()],
    ("elderly.elderly_group", None, 1.0, lambda v: elderly.elderly_group(age_years=v)),
    ("elderly.barthel", None, 1.0, lambda v: elderly.barthel(total=v)),
    ("elderly.mini_cog", None, 1.0, _mini_cog),
    ("elderly.amt", None, 1.0, lambda v: elderly.amt(score=v)),
    ("elderly.mna_sf", "nestle", 1.0, lambda v: elderly.mna_sf(score=v)),
    ("elderly.mna_sf", "kmk_form", 1.0, lambda v: elderly.mna_sf(score=v, conventions=KMK_FORM)),
    ("elderly.rapuh", None, 1.0, lambda v: elderly.rapuh(score=v)),
    ("elderly.gds4", None, 1.0, lambda v: elderly.gds4(score=v)),
    ("elderly.sppb", None, 1.0, lambda v: elderly.sppb(score=v)),
    ("elderly.sarc_calf", None, 1.0, lambda v: elderly.sarc_calf(score=v)),
    ("elderly.eye_chart", None, 1.0, lambda v: elderly.eye_chart(acuity_denominator_6m=v)),
    ("adult.srq20", None, 1.0, lambda v: adult.srq20(score=v)),
]  # fmt: skip


def ident(entry: tuple[str, str | None, float, Call]) -> str:
    """Test id of a BANDED entry."""
    rule_id, key, _, _ = entry
    return rule_id if key is None else f"{rule_id}[{key}]"
