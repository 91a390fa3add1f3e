"""WHO's anthro rules on the value before, on and after every threshold.

Flags are decided on the 2-decimal z (|z| beyond WHO's limits), the
length/height correction on day 731, the < 9 months height rule, the
weight-for-length/height table ranges and, without an age, the 87 cm rule.
Measurements at a chosen z come from ``measurement_at_zscore``, so every
case states the z it stands for.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from posyandu_core.growth import (
    anthro_zscores,
    anthroplus_zscores,
    measurement_at_zscore,
    round_half_even_r,
    zscore_of_measurement,
)

# (z column, flag column, indicator, anthro argument, low limit, high limit)
FLAG_LIMITS = [
    ("zlen", "flen", "lhfa", "lenhei", -6.0, 6.0),
    ("zwei", "fwei", "wfa", "weight", -6.0, 5.0),
    ("zhc", "fhc", "hcfa", "headc", -5.0, 5.0),
    ("zac", "fac", "acfa", "armc", -5.0, 5.0),
    ("zts", "fts", "tsfa", "triskin", -5.0, 5.0),
    ("zss", "fss", "ssfa", "subskin", -5.0, 5.0),
]
AGE_DAYS = 400
# Unrounded z just inside, on (rounds to the limit) and just past each limit.
STEPS = [(-0.011, 0), (0.004, 0), (0.009, 1)]


def _outward(limit: float, step: float) -> float:
    return limit + math.copysign(1.0, limit) * step


def _r2(z: float) -> float:
    return float(round_half_even_r(z))


@pytest.mark.parametrize("rounded", [True, False])
@pytest.mark.parametrize(("step", "flagged"), STEPS)
@pytest.mark.parametrize("side", ["low", "high"])
@pytest.mark.parametrize(
    ("z_col", "flag_col", "indicator", "argument", "low", "high"), FLAG_LIMITS
)
def test_age_indicator_flag_on_the_rounded_limit(
    z_col: str,
    flag_col: str,
    indicator: str,
    argument: str,
    low: float,
    high: float,
    side: str,
    step: float,
    flagged: int,
    rounded: bool,
) -> None:
    z = _outward(low if side == "low" else high, step)
    value = measurement_at_zscore(indicator, z, sex=2, at=AGE_DAYS)  # type: ignore[arg-type]
    arguments: dict[str, Any] = {argument: value}
    if argument == "lenhei":
        arguments["measure"] = "l"
    table = anthro_zscores(sex=2, age=AGE_DAYS, rounded=rounded, **arguments)
    assert table[z_col][0] == pytest.approx(_r2(z) if rounded else z, abs=1e-9)
    assert table[flag_col][0] == flagged


@pytest.mark.parametrize(("step", "flagged"), STEPS)
@pytest.mark.parametrize("limit", [-5.0, 5.0])
def test_bmi_and_weight_for_length_flags_at_five(
    limit: float, step: float, flagged: int
) -> None:
    z = _outward(limit, step)
    length = 75.0
    weight = measurement_at_zscore("wfl", z, sex=1, at=length)
    table = anthro_zscores(
        sex=1, age=AGE_DAYS, weight=weight, lenhei=length, measure="l"
    )
    assert table["zwfl"][0] == _r2(z)
    assert table["fwfl"][0] == flagged
    bmi = measurement_at_zscore("bmi", z, sex=1, at=AGE_DAYS)
    table = anthro_zscores(
        sex=1, age=AGE_DAYS, weight=bmi * 0.75 * 0.75, lenhei=length, measure="l"
    )
    assert table["zbmi"][0] == _r2(z)
    assert table["fbmi"][0] == flagged


@pytest.mark.parametrize(
    ("days", "measure", "shift"),
    [
        (730, "h", 0.7),  # standing under 24 months: +0.7 cm
        (731, "h", 0.0),
        (732, "h", 0.0),
        (730, "l", 0.0),
        (731, "l", -0.7),  # lying from 24 months: -0.7 cm
        (732, "l", -0.7),
    ],
)
def test_length_height_correction_from_day_731(
    days: int, measure: str, shift: float
) -> None:
    table = anthro_zscores(sex=1, age=days, lenhei=85.0, measure=measure)
    assert table["clenhei"][0] == pytest.approx(85.0 + shift, abs=1e-12)


@pytest.mark.parametrize(
    ("days", "measure"),
    [(730.4, "h"), (730.5, "l"), (730.6, "l")],
)
def test_age_in_days_rounds_half_up_for_the_correction(
    days: float, measure: str
) -> None:
    # 730.4 days is day 730 (standing: +0.7); 730.5 and 730.6 are day 731.
    table = anthro_zscores(sex=1, age=days, lenhei=85.0, measure=measure)
    expected = 85.7 if days < 730.5 else 84.3
    assert table["clenhei"][0] == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("months", "flag", "cmeasure"),
    [(8.99, 1.0, None), (9.0, 0.0, "h"), (9.01, 0.0, "h")],
)
def test_standing_height_under_9_months_is_not_used(
    months: float, flag: float, cmeasure: str | None
) -> None:
    table = anthro_zscores(
        sex=1, age=months, is_age_in_month=True, lenhei=72.0, measure="h"
    )
    assert table["c9mo_flag"][0] == flag
    assert table["cmeasure"][0] == cmeasure


@pytest.mark.parametrize(("days", "known"), [(1825, True), (1826, True), (1827, False)])
def test_age_indicators_end_before_60_months(days: int, known: bool) -> None:
    # 60 months = 1826.25 days: day 1826 is the last row WHO uses.
    table = anthro_zscores(sex=1, age=days, weight=18.0, lenhei=110.0, measure="h")
    for column in ("zwei", "zlen", "zbmi", "zwfl"):
        assert math.isfinite(table[column][0]) is known, column


@pytest.mark.parametrize(
    ("length", "days", "known"),
    [
        (44.9, 100, False),
        (45.0, 100, True),
        (45.1, 100, True),
        (109.9, 700, True),
        (110.0, 700, True),
        (110.1, 700, False),
        (64.9, 800, False),
        (65.0, 800, True),
        (65.1, 800, True),
        (119.9, 800, True),
        (120.0, 800, True),
        (120.1, 800, False),
    ],
)
def test_weight_for_length_and_height_table_ranges(
    length: float, days: int, known: bool
) -> None:
    # Under 731 days the length table (45-110 cm), from 731 the height table.
    measure = "l" if days < 731 else "h"
    table = anthro_zscores(sex=2, age=days, weight=10.0, lenhei=length, measure=measure)
    assert math.isfinite(table["zwfl"][0]) is known


@pytest.mark.parametrize(
    ("length", "indicator"),
    [(86.9, "wfl"), (87.0, "wfh"), (87.1, "wfh")],
)
def test_without_age_or_measure_87_cm_picks_the_table(
    length: float, indicator: str
) -> None:
    table = anthro_zscores(sex=1, age=None, weight=12.0, lenhei=length)
    expected = zscore_of_measurement(indicator, 12.0, sex=1, at=length)  # type: ignore[arg-type]
    other = zscore_of_measurement(
        "wfh" if indicator == "wfl" else "wfl", 12.0, sex=1, at=length
    )
    assert table["zwfl"][0] == _r2(expected[0])
    assert _r2(other[0]) != table["zwfl"][0]


@pytest.mark.parametrize(("measure", "indicator"), [("l", "wfl"), ("h", "wfh")])
def test_without_age_the_measure_picks_the_table(measure: str, indicator: str) -> None:
    table = anthro_zscores(sex=2, age=None, weight=12.0, lenhei=90.0, measure=measure)
    expected = zscore_of_measurement(indicator, 12.0, sex=2, at=90.0)  # type: ignore[arg-type]
    assert table["zwfl"][0] == _r2(expected[0])


# -- anthroplus (WHO 2007, 5-19 years) ---------------------------------------


@pytest.mark.parametrize(
    ("months", "height", "weight"),
    [
        (59.99, False, False),
        (60.0, True, True),
        (120.0, True, True),
        (120.01, True, False),  # weight-for-age stops at 10 years
        (228.0, True, False),
        (228.01, False, False),
    ],
)
def test_anthroplus_age_ranges(months: float, height: bool, weight: bool) -> None:
    table = anthroplus_zscores(
        sex=1, age_in_months=months, height_in_cm=140.0, weight_in_kg=30.0
    )
    assert math.isfinite(table["zhfa"][0]) is height
    assert math.isfinite(table["zbfa"][0]) is height
    assert math.isfinite(table["zwfa"][0]) is weight


@pytest.mark.parametrize(("step", "flagged"), STEPS)
@pytest.mark.parametrize(
    ("indicator", "z_col", "flag_col", "limit"),
    [
        ("hfa_2007", "zhfa", "fhfa", -6.0),
        ("hfa_2007", "zhfa", "fhfa", 6.0),
        ("wfa_2007", "zwfa", "fwfa", -6.0),
        ("wfa_2007", "zwfa", "fwfa", 5.0),
        ("bfa_2007", "zbfa", "fbfa", -5.0),
        ("bfa_2007", "zbfa", "fbfa", 5.0),
    ],
)
def test_anthroplus_flags_on_the_rounded_limit(
    indicator: str, z_col: str, flag_col: str, limit: float, step: float, flagged: int
) -> None:
    z = _outward(limit, step)
    months = 100.5
    value = float(measurement_at_zscore(indicator, z, sex=2, at=months)[0])  # type: ignore[arg-type]
    if indicator == "bfa_2007":
        arguments = {"height_in_cm": 130.0, "weight_in_kg": value * 1.3 * 1.3}
    elif indicator == "hfa_2007":
        arguments = {"height_in_cm": value}
    else:
        arguments = {"weight_in_kg": value}
    for rounded in (True, False):
        table = anthroplus_zscores(
            sex=2, age_in_months=months, rounded=rounded, **arguments
        )
        assert table[flag_col][0] == flagged
        assert np.round(table[z_col][0], 2) == _r2(z)
