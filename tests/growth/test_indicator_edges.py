"""One indicator at a time: the table row WHO uses, interpolation, restricted LMS."""

from __future__ import annotations

import math

import numpy as np
import pytest

from posyandu_core.growth import (
    INDICATORS,
    lms_parameters,
    lms_zscore,
    measurement_at_zscore,
    zscore_of_measurement,
)
from posyandu_core.growth._tables import lms_table


def _row(table: str, sex: int, key: int) -> tuple[float, float, float]:
    return lms_table(table).row(sex, key)


@pytest.mark.parametrize(
    ("at", "day"), [(364.49, 364), (364.5, 365), (365.0, 365), (365.49, 365)]
)
def test_age_in_days_rounds_half_up(at: float, day: int) -> None:
    got = tuple(float(p[0]) for p in lms_parameters("wfa", sex=2, at=at))
    assert got == _row("who2006_weight_for_age", 2, day)


@pytest.mark.parametrize(
    ("at", "known"), [(-0.6, False), (-0.4, True), (1826.4, True), (1826.5, False)]
)
def test_age_table_ends(at: float, known: bool) -> None:
    _, M, _ = lms_parameters("lhfa", sex=1, at=at)
    assert math.isfinite(M[0]) is known


def test_length_is_interpolated_between_millimetre_rows() -> None:
    table = "who2006_weight_for_length"
    low, high = _row(table, 1, 750), _row(table, 1, 751)
    L, M, S = (float(p[0]) for p in lms_parameters("wfl", sex=1, at=75.04))
    for got, a, b in zip((L, M, S), low, high, strict=True):
        assert got == pytest.approx(a + 0.4 * (b - a), rel=1e-9)
        assert min(a, b) <= got <= max(a, b) or a == b
    exact = tuple(float(p[0]) for p in lms_parameters("wfh", sex=2, at=90.0))
    assert exact == _row("who2006_weight_for_height", 2, 900)


@pytest.mark.parametrize(
    ("indicator", "at", "known"),
    [
        ("wfl", 44.9, False),
        ("wfl", 45.0, True),
        ("wfl", 110.0, True),
        ("wfl", 110.1, False),
        ("wfh", 64.9, False),
        ("wfh", 65.0, True),
        ("wfh", 120.0, True),
        ("wfh", 120.1, False),
        ("wfa_2007", 59.9, False),
        ("wfa_2007", 60.0, True),
        ("wfa_2007", 120.0, True),
        ("hfa_2007", 228.0, True),
        ("hfa_2007", 229.0, True),
        ("hfa_2007", 229.1, False),
    ],
)
def test_key_ranges(indicator: str, at: float, known: bool) -> None:
    _, M, _ = lms_parameters(indicator, sex=1, at=at)  # type: ignore[arg-type]
    assert math.isfinite(M[0]) is known


def test_months_are_interpolated() -> None:
    table = "who2007_height_for_age"
    low, high = _row(table, 2, 100), _row(table, 2, 101)
    M = float(lms_parameters("hfa_2007", sex=2, at=100.25)[1][0])
    assert pytest.approx(low[1] + 0.25 * (high[1] - low[1]), rel=1e-12) == M
    assert float(lms_parameters("hfa_2007", sex=2, at=100)[1][0]) == low[1]


def test_sex_picks_the_half_of_the_table() -> None:
    boys = float(lms_parameters("wfa", sex="m", at=300)[1][0])
    girls = float(lms_parameters("wfa", sex="f", at=300)[1][0])
    assert (boys, girls) == (
        _row("who2006_weight_for_age", 1, 300)[1],
        _row("who2006_weight_for_age", 2, 300)[1],
    )
    assert math.isnan(lms_parameters("wfa", sex=[None], at=300)[1][0])
    assert math.isnan(lms_parameters("wfl", sex="x", at=70.0)[1][0])


def test_unknown_indicator() -> None:
    with pytest.raises(
        ValueError, match="unknown indicator 'bfa'; use one of wfa, lhfa"
    ):
        lms_parameters("bfa", sex=1, at=1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("indicator", "at"), [(i, 70.0 if i in ("wfl", "wfh") else 100) for i in INDICATORS]
)
def test_restricted_exactly_where_who_restricts(indicator: str, at: float) -> None:
    restricted = INDICATORS[indicator][2]
    L, M, S = lms_parameters(indicator, sex=1, at=at)  # type: ignore[arg-type]
    y = float(M[0]) * 3.0  # far beyond +3 SD: the two rules differ
    z = zscore_of_measurement(indicator, y, sex=1, at=at)  # type: ignore[arg-type]
    assert z[0] == lms_zscore(y, L, M, S, restricted=restricted)[0]
    if L[0] != 1.0:  # with L = 1 the SD lines are straight: both rules agree
        assert z[0] != lms_zscore(y, L, M, S, restricted=not restricted)[0]
    back = measurement_at_zscore(indicator, z, sex=1, at=at)  # type: ignore[arg-type]
    assert back[0] == pytest.approx(y, rel=1e-9)


def test_2007_indicators_are_keyed_by_months() -> None:
    assert {k for k, v in INDICATORS.items() if v[1] == "age_months"} == {
        "wfa_2007",
        "hfa_2007",
        "bfa_2007",
    }
    got = measurement_at_zscore("bfa_2007", [0.0, np.nan], sex=2, at=150)
    assert got[0] == pytest.approx(_row("who2007_bmi_for_age", 2, 150)[1])
    assert math.isnan(got[1])
