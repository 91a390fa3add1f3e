"""A malformed argument is named in the error: the caller sees which one.

Every public growth function reads its array arguments through one reader;
a 2-d array is refused with a ``ShapeMismatchError`` whose ``field`` is the
argument's own name, so a researcher passing a DataFrame where a column was
meant learns which argument to fix.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from posyandu_core.errors import ShapeMismatchError
from posyandu_core.growth import (
    classify,
    lms_parameters,
    measurement_at_zscore,
    zscore_of_measurement,
)

GRID = [[1.0, 2.0], [3.0, 4.0]]
CALLS: dict[str, tuple[str, Callable[[], Any]]] = {
    "classify values": ("values", lambda: classify("bb_u", GRID)),
    "lms sex": ("sex", lambda: lms_parameters("wfa", sex=[[1, 2]], at=[10, 20])),
    "lms at": ("at", lambda: lms_parameters("wfa", sex=1, at=GRID)),
    "measurement": (
        "measurement",
        lambda: zscore_of_measurement("wfa", GRID, sex=1, at=100),
    ),
    "z": ("z", lambda: measurement_at_zscore("wfa", GRID, sex=1, at=100)),
}


@pytest.mark.parametrize("case", sorted(CALLS))
def test_a_2d_argument_is_named(case: str) -> None:
    name, call = CALLS[case]
    with pytest.raises(ShapeMismatchError) as caught:
        call()
    assert caught.value.field == name


def test_eppgbm_counting_keeps_missing_values_missing() -> None:
    # NaN stays missing when the e-PPGBM sentinel 999.99 is also checked.
    ids = classify("bb_u", [np.nan, 999.99, -2.5, 0.0], convention="eppgbm")
    assert ids.tolist()[:2] == [None, None]
    assert ids.tolist()[2:] == ["berat_badan_kurang", "berat_badan_normal"]


def test_an_unknown_table_error_lists_the_tables() -> None:
    from posyandu_core.growth import category_table

    with pytest.raises(LookupError, match=r"tables: .*bb_u, "):
        category_table("bb_x")


def test_an_issue_carries_its_own_row_value_as_a_python_number() -> None:
    from posyandu_core.growth import anthroplus_zscores

    table = anthroplus_zscores(
        sex=np.array([1, 2]),
        age_in_months=np.array([70.0, 70.0]),
        weight_in_kg=np.array([20.0, -7.5]),
    )
    (issue,) = table.issues
    assert issue.row == 2
    assert issue.value == -7.5
    assert type(issue.value) is float


@pytest.mark.parametrize("indicator", ["wfa", "wfl", "hfa_2007"])
@pytest.mark.parametrize("at", [np.inf, -np.inf, np.nan])
def test_parameters_outside_every_table_are_missing_silently(
    indicator: str, at: float
) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parameters = lms_parameters(indicator, sex=[1, 2], at=at)  # type: ignore[arg-type]
    for p in parameters:
        assert np.isnan(p).all()


def test_anthro_names_a_2d_argument() -> None:
    from posyandu_core.growth import anthro_zscores

    with pytest.raises(ShapeMismatchError) as caught:
        anthro_zscores(sex=[[1, 2]], age=[100, 200], weight=[8.0, 9.0])
    assert caught.value.field == "sex"


def test_weight_for_length_needs_no_age() -> None:
    # WHO's anthro computes weight-for-length/height from weight and length
    # alone; the columns it cannot compute are float NaN, never None.
    from posyandu_core.growth import anthro_zscores

    table = anthro_zscores(
        sex=[1, 2], age=None, weight=[9.0, 10.0], lenhei=[75.0, 80.0]
    )
    assert table["zwfl"].tolist() == [-0.66, -0.1]
    for name in ("zwei", "zlen", "zhc", "zac"):
        assert table[name].dtype == np.float64
        assert np.isnan(table[name]).all()
