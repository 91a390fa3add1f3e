"""WHO velocity standards: the README's worked examples and WHO's own cells."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from posyandu_core.errors import ReferenceDataError
from posyandu_core.growth import (
    increment_at_percentile,
    increment_at_zscore,
    increment_centile,
    increment_zscore,
)
from posyandu_core.growth._tables import read_csv


def test_worked_example_1_boy_weight_one_month() -> None:
    args: dict[str, Any] = {
        "kind": "weight",
        "sex": 1,
        "start_months": 2,
        "interval_months": 1,
    }
    assert float(increment_zscore(600, **args)[0]) == pytest.approx(-0.934, abs=5e-4)
    assert float(increment_centile(600, **args)[0]) == pytest.approx(17.5, abs=0.05)
    assert round(float(increment_at_percentile(5, **args)[0])) == 446


def test_worked_example_2_girl_weight_loss() -> None:
    args: dict[str, Any] = {
        "kind": "weight",
        "sex": "f",
        "start_months": 9,
        "interval_months": 1,
    }
    assert float(increment_zscore(-100, **args)[0]) == pytest.approx(-1.820, abs=5e-4)
    assert float(increment_centile(-100, **args)[0]) == pytest.approx(3.4, abs=0.05)
    assert round(float(increment_at_percentile(5, **args)[0])) == -70


def test_worked_example_3_boy_length_two_months() -> None:
    args: dict[str, Any] = {
        "kind": "length",
        "sex": 1,
        "start_months": 4,
        "interval_months": 2,
    }
    assert float(increment_zscore(2.5, **args)[0]) == pytest.approx(-1.363, abs=5e-4)
    assert float(increment_centile(2.5, **args)[0]) == pytest.approx(8.6, abs=0.05)
    assert float(increment_at_percentile(5, **args)[0]) == pytest.approx(
        2.2506, abs=1e-4
    )


@pytest.mark.parametrize("interval", [1, 2])
def test_every_who_percentile_cell_of_the_weight_tables(interval: int) -> None:
    rows = read_csv(f"who2006_weight_velocity_{interval}mo")
    columns = ["P1", "P3", "P5", "P15", "P25", "P50", "P75", "P85", "P95", "P97", "P99"]
    for column in columns:
        expected = np.array([float(r[column]) for r in rows])
        got = increment_at_percentile(
            float(column[1:]),
            kind="weight",
            sex=[int(r["sex"]) for r in rows],
            start_months=[int(r["start_months"]) for r in rows],
            interval_months=interval,
        )
        assert np.array_equal(np.round(got), expected), column


def test_vectorised_round_trip_and_missing() -> None:
    args: dict[str, Any] = {"kind": "head_circumference", "interval_months": 4}
    z = np.array([-1.5, 0.0, 1.5, np.nan])
    inc = increment_at_zscore(z, sex=[1, 2, 1, 2], start_months=[0, 5, 10, 3], **args)
    back = increment_zscore(inc, sex=[1, 2, 1, 2], start_months=[0, 5, 10, 3], **args)
    np.testing.assert_allclose(back[:3], z[:3], atol=1e-12)
    assert np.isnan(back[3])


def test_rows_outside_the_table_are_missing() -> None:
    z = increment_zscore(
        [500, 500, 500],
        kind="weight",
        sex=[1, None, 1],
        start_months=[12, 3, 2.5],
        interval_months=1,
    )
    assert np.isnan(z).all()


def test_unknown_interval_is_an_error() -> None:
    with pytest.raises(ReferenceDataError, match="no 1-month length"):
        increment_zscore(1.0, kind="length", sex=1, start_months=0, interval_months=1)
