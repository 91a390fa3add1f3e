"""The column helpers the KMS sorts and dates with equal numpy's own ways."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.model import completed_months_between
from posyandu_core.model._age import _ymd
from posyandu_core.plugins.kesehatan._columns import (
    completed_months,
    is_none,
    order_by,
    pair_key,
    present,
)

DAYS = st.integers(-200_000, 200_000)  # 1422 to 2517


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3), st.integers(0, 2))))
def test_order_by_is_lexsort(rows: list[tuple[int, int, int]]) -> None:
    table = np.array(rows, dtype=np.int64).reshape(-1, 3)
    key, first, second = table[:, 0], table[:, 1], table[:, 2]
    expected = np.lexsort((second, first, key))
    assert order_by(key, first, second).tolist() == expected.tolist()
    assert order_by(key).tolist() == np.argsort(key, kind="stable").tolist()


@given(st.lists(st.tuples(st.integers(0, 50), st.none() | DAYS), min_size=1))
def test_pair_key_orders_as_the_pairs_with_empty_dates_first(
    pairs: list[tuple[int, int | None]],
) -> None:
    codes = np.array([c for c, _ in pairs])
    dates = np.array(
        [
            np.datetime64("NaT") if d is None else np.datetime64(d, "D")
            for _, d in pairs
        ],
        dtype="datetime64[D]",
    )
    key = pair_key(codes, dates)
    as_ints = dates.astype(np.int64)  # NaT is the smallest int64
    expected = np.lexsort((np.arange(len(key)), as_ints, codes))
    assert np.argsort(key, kind="stable").tolist() == expected.tolist()


@given(st.lists(DAYS, min_size=1), st.lists(DAYS, min_size=1))
def test_dates_split_and_completed_months_as_numpy_calendar(
    a: list[int], b: list[int]
) -> None:
    n = min(len(a), len(b))
    birth = np.array(a[:n], dtype="datetime64[D]")
    on = np.array(b[:n], dtype="datetime64[D]")
    years, months = on.astype("datetime64[Y]"), on.astype("datetime64[M]")
    year, month, day = _ymd(on)
    assert year.tolist() == years.astype(np.int64).tolist()
    assert month.tolist() == (months - years).astype(np.int64).tolist()
    assert day.tolist() == (on - months).astype(np.int64).tolist()
    expected = [
        (o.year - b.year) * 12 + (o.month - b.month) - (o.day < b.day)
        for b, o in zip(birth.tolist(), on.tolist(), strict=True)
    ]
    assert completed_months(birth, on).tolist() == expected
    assert completed_months_between(birth, on).tolist() == expected


@given(st.lists(st.sampled_from([None, "", "a", (), ("x",), True, False, 0, 1])))
def test_is_none_and_present_read_each_cell(cells: list[object]) -> None:
    column = np.empty(len(cells), dtype=object)
    for i, cell in enumerate(cells):
        column[i] = cell
    assert is_none(column).tolist() == [c is None for c in cells]
    assert present(column).tolist() == [bool(c) for c in cells]


@given(st.integers(0, 12), st.integers(0, 70), st.data())
def test_distinct_rows_group_as_numpy_unique_rows(
    rows: int, width: int, data: st.DataObject
) -> None:
    from posyandu_core.plugins.kesehatan.immunization import distinct_rows

    bits = data.draw(
        st.lists(st.booleans(), min_size=rows * width, max_size=rows * width)
    )
    matrix = np.array(bits, dtype=bool).reshape(rows, width)
    first, which = distinct_rows(matrix)
    _, expected = np.unique(matrix, axis=0, return_inverse=True)
    expected = expected.reshape(rows)
    # The same groups (numbered in another order), each named by its first row.
    pairs = set(zip(which.tolist(), expected.tolist(), strict=True))
    assert len(pairs) == len(set(which.tolist())) == len(set(expected.tolist()))
    assert (matrix[first[which]] == matrix).all()
    assert sorted(first.tolist()) == sorted(
        np.unique(expected, return_index=True)[1].tolist()
    )
