"""WHO velocity functions at their edges: the Box-Cox domain, printed cells, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from posyandu_core.errors import ReferenceDataError, ShapeMismatchError
from posyandu_core.growth import (
    increment_at_percentile,
    increment_at_zscore,
    increment_centile,
    increment_zscore,
    tabulated_increment,
    velocity_table,
)
from posyandu_core.growth._tables import read_csv
from posyandu_core.growth._velocity import VelocityKind


@pytest.mark.parametrize(
    ("increment", "finite"), [(-401.0, False), (-400.0, False), (-399.0, True)]
)
def test_increment_plus_delta_must_be_positive(increment: float, finite: bool) -> None:
    # 1-month weight table: delta = 400 g, so y = increment + 400 must be > 0.
    z = increment_zscore(
        increment, kind="weight", sex=1, start_months=2, interval_months=1
    )
    assert math.isfinite(float(z[0])) is finite
    c = increment_centile(
        increment, kind="weight", sex=1, start_months=2, interval_months=1
    )
    assert math.isfinite(float(c[0])) is finite


def test_centile_is_float64() -> None:
    c = increment_centile(
        [100, 600], kind="weight", sex=[1, 2], start_months=2, interval_months=1
    )
    assert c.dtype == np.float64
    assert c[0] < c[1]


def test_increment_that_is_not_a_number_names_its_field() -> None:
    with pytest.raises(ShapeMismatchError) as caught:
        increment_zscore(
            np.array([1j]), kind="weight", sex=1, start_months=2, interval_months=1
        )
    assert caught.value.field == "increment"


def _cells() -> list[dict[str, str]]:
    return read_csv("who2006_weight_velocity_1mo")


@pytest.mark.parametrize("column", ["P1", "P3", "P5", "P15", "P50", "P95", "P99"])
def test_tabulated_increment_is_the_printed_cell(column: str) -> None:
    for record in _cells():
        found = tabulated_increment(
            float(column[1:]),
            kind="weight",
            sex=int(record["sex"]),
            start_months=int(record["start_months"]),
            interval_months=1,
        )
        assert found == (float(record[column]), record["interval"])


@pytest.mark.parametrize(("start", "present"), [(-1, False), (0, True), (11, True)])
def test_tabulated_increment_rows(start: int, present: bool) -> None:
    found = tabulated_increment(
        5, kind="weight", sex=2, start_months=start, interval_months=1
    )
    assert (found is not None) is present
    after = tabulated_increment(
        5, kind="weight", sex=2, start_months=12, interval_months=1
    )
    assert after is None


def test_tabulated_increment_two_month_table() -> None:
    first = read_csv("who2006_weight_velocity_2mo")[0]
    found = tabulated_increment(
        5, kind="weight", sex=1, start_months=0, interval_months=2
    )
    assert found == (float(first["P5"]), first["interval"])


def test_unprinted_percentile_is_an_error_naming_the_printed_ones() -> None:
    with pytest.raises(ReferenceDataError) as caught:
        tabulated_increment(10, kind="weight", sex=1, start_months=2, interval_months=1)
    error = caught.value
    assert error.field == "percentile"
    assert error.value == 10
    assert "P10" in str(error)
    assert "1-month weight" in str(error)
    assert "P5" in (error.fix or "")
    with pytest.raises(ReferenceDataError) as no_table:
        tabulated_increment(5, kind="length", sex=1, start_months=2, interval_months=2)
    assert no_table.value.fix == "use one of the formula (increment_at_percentile)"


def test_unknown_interval_is_an_error() -> None:
    with pytest.raises(ReferenceDataError):
        tabulated_increment(5, kind="weight", sex=1, start_months=2, interval_months=5)


def test_just_above_zero_after_the_shift_is_finite() -> None:
    z = increment_zscore(
        -399.5, kind="weight", sex=1, start_months=2, interval_months=1
    )
    assert math.isfinite(float(z[0]))


@pytest.mark.parametrize("kind", ["weight", "length", "head_circumference"])
def test_increment_at_an_impossible_z_is_missing_without_a_warning(
    kind: VelocityKind,
) -> None:
    # 1 + L S z <= 0: WHO prints 0, the library gives NaN (and no
    # floating-point warning, which pytest would turn into an error).
    inc = increment_at_zscore(
        [-50.0, 0.0],
        kind=kind,
        sex=1,
        start_months=5,
        interval_months=2,
    )
    assert math.isnan(float(inc[0]))
    assert math.isfinite(float(inc[1]))


@pytest.mark.parametrize("percentile", [-1.0, 0.0, 100.0, 150.0])
def test_percentile_outside_0_100_is_missing(percentile: float) -> None:
    inc = increment_at_percentile(
        percentile, kind="weight", sex=1, start_months=2, interval_months=1
    )
    assert not math.isfinite(float(inc[0]))


@pytest.mark.parametrize(
    ("function", "field"),
    [("increment_at_zscore", "z"), ("increment_at_percentile", "percentile")],
)
def test_inputs_that_are_not_numbers_name_their_field(
    function: str, field: str
) -> None:
    import posyandu_core.growth as growth

    with pytest.raises(ShapeMismatchError) as caught:
        getattr(growth, function)(
            np.array([1j]), kind="weight", sex=1, start_months=2, interval_months=1
        )
    assert caught.value.field == field


def test_increment_at_the_edge_of_a_negative_box_cox_power() -> None:
    # Girls' 0-6-month weight row has L < 0: at z = -1 / (L S) the base
    # 1 + L S z is exactly 0 and 0 ** (1 / L) would divide by zero.
    table = velocity_table("weight", 6)
    row = table.n_starts  # girls, start month 0
    z = -1.0 / (table.L[row] * table.S[row])
    assert 1.0 + table.L[row] * table.S[row] * z == 0.0
    inc = increment_at_zscore(
        [z, 0.0], kind="weight", sex=2, start_months=0, interval_months=6
    )
    assert math.isnan(float(inc[0]))
    assert math.isfinite(float(inc[1]))


@pytest.mark.parametrize("field", ["sex", "start_months"])
def test_sex_and_start_month_that_are_not_codes_name_their_field(field: str) -> None:
    bad = np.array([1j])
    sex, start = (bad, np.array([2])) if field == "sex" else (np.array([1]), bad)
    with pytest.raises(ShapeMismatchError) as caught:
        increment_zscore(
            100, kind="weight", sex=sex, start_months=start, interval_months=1
        )
    assert caught.value.field == field
