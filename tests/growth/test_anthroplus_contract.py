"""``anthroplus_zscores`` beyond WHO's reference cases: index, order, size, edges.

The golden tests prove the numbers equal WHO's R output; these prove the
rest of the contract a researcher relies on: the result keeps the index of
whichever argument is a pandas Series, issues come in row order, the row
count is the input's, inputs longer than one computation block give the
same numbers as short ones, and the last month of each table is used.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest

from posyandu_core.errors import ShapeMismatchError
from posyandu_core.growth import anthroplus_zscores
from posyandu_core.growth._anthro import BLOCK

ROWS: dict[str, Any] = {
    "sex": [1, 2, "f"],
    "age_in_months": [61.5, 150.0, 200.25],
    "oedema": ["n", "n", "y"],
    "height_in_cm": [112.0, 150.2, 161.0],
    "weight_in_kg": [19.5, 40.1, 55.0],
}
INDEX = pd.Index([30, 10, 20], name="anak")


@pytest.mark.parametrize("argument", sorted(ROWS))
def test_the_index_of_any_series_argument_is_kept(argument: str) -> None:
    arguments = dict(ROWS)
    arguments[argument] = pd.Series(ROWS[argument], index=INDEX)
    table = anthroplus_zscores(**arguments)
    assert table.index is not None
    assert table.index.equals(INDEX)
    assert table.to_pandas().index.equals(INDEX)


def test_plain_lists_give_no_index() -> None:
    assert anthroplus_zscores(**ROWS).index is None


@pytest.mark.parametrize("argument", ["sex", "age_in_months", "oedema", "height_in_cm"])
def test_series_of_different_indexes_are_refused(argument: str) -> None:
    arguments = dict(ROWS)
    arguments[argument] = pd.Series(ROWS[argument], index=INDEX)
    arguments["weight_in_kg"] = pd.Series(ROWS["weight_in_kg"], index=[1, 2, 3])
    with pytest.raises(ShapeMismatchError):
        anthroplus_zscores(**arguments)


def test_issues_come_in_row_order_whatever_found_them() -> None:
    # Row 2's negative weight is found by the number reader, row 1's unknown
    # sex by the code reader afterwards: the issues are sorted by row.
    table = anthroplus_zscores(
        sex=["x", "1", "2"],
        age_in_months=[70.0, 70.0, 70.0],
        weight_in_kg=[20.0, -20.0, 20.0],
    )
    assert [issue.row for issue in table.issues] == [1, 2]
    assert len(table) == 3


def test_more_rows_than_one_block_give_the_same_numbers() -> None:
    repeat = 2 + (2 * BLOCK) // len(ROWS["sex"])  # spans three blocks
    small = anthroplus_zscores(**ROWS)
    big = anthroplus_zscores(**{k: v * repeat for k, v in ROWS.items()})
    assert len(big) == 3 * repeat > 2 * BLOCK
    for name in small:
        expected = np.tile(small[name], repeat)
        if expected.dtype == object:
            assert list(big[name]) == list(expected)
        else:
            np.testing.assert_array_equal(big[name], expected)


@pytest.mark.parametrize("sex", [1, 2])
def test_the_last_month_of_each_table_is_used(sex: int) -> None:
    # 228 months is the last row of the height and BMI tables, 120 of weight:
    # the interpolation must not read past it (the other sex's rows, or NaN).
    at_end = anthroplus_zscores(
        sex=[sex, sex],
        age_in_months=[228.0, 120.0],
        height_in_cm=[170.0, 140.0],
        weight_in_kg=[60.0, 32.0],
    )
    assert not np.isnan(at_end["zhfa"]).any()
    assert not np.isnan(at_end["zbfa"]).any()
    assert not np.isnan(at_end["zwfa"][1])
    just_before = anthroplus_zscores(
        sex=[sex], age_in_months=[227.99], height_in_cm=[170.0]
    )
    assert abs(float(just_before["zhfa"][0]) - float(at_end["zhfa"][0])) <= 0.01


def test_huge_measurements_give_missing_scores_not_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = anthroplus_zscores(
            sex=[1, 2], age_in_months=[100.0, 100.0], height_in_cm=[1e200, 1e-200],
            weight_in_kg=[1e300, 1e300],
        )  # fmt: skip
    assert len(table) == 2


def test_no_values_at_all_is_one_empty_row() -> None:
    # As WHO's R functions: every argument missing gives one row of NA.
    table = anthroplus_zscores(sex=None, age_in_months=None)  # type: ignore[arg-type]
    assert len(table) == 1
    assert table.row(0) == {
        "csex": None, "coedema": "n", "cbmi": None, "zhfa": None, "zwfa": None,
        "zbfa": None, "fhfa": None, "fwfa": None, "fbfa": None,
    }  # fmt: skip


def test_unreadable_values_of_every_column_are_all_named() -> None:
    table = anthroplus_zscores(
        sex=["1", "1"],
        age_in_months=np.array(["x", "70"], dtype=object),
        weight_in_kg=np.array(["20", "y"], dtype=object),
    )
    assert [(issue.row, issue.field) for issue in table.issues] == [
        (1, "age_in_months"),
        (2, "weight_in_kg"),
    ]
