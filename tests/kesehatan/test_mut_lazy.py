"""The read-only list whose items are built when read (KMS statuses of a big register).

Each item is built once, on first read; a full iteration prepares every
item in one pass first (once, and only for two items or more); it reads
like a list (negative indices, slices, IndexError) and compares equal to
the list of the same items.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from tests.kesehatan._helpers import register, weighings

from posyandu_core.plugins.kesehatan._lazy import LazySequence
from posyandu_core.plugins.kesehatan.growth_monitoring import (
    KmsColumns,
    MonthlyStatuses,
    monitor_columns,
)

D = dt.date


class Squares(LazySequence[int]):
    """Squares whose builds and one-pass preparations are counted."""

    def __init__(self, length: int, *, prepare: bool = True) -> None:
        super().__init__(length)
        self.built: list[int] = []
        self.prepared = 0
        self.prepare = prepare

    def _build(self, i: int) -> int:
        self.built.append(i)
        return i * i

    def _prepare_all(self) -> None:
        self.prepared += 1
        if self.prepare:
            for i in range(len(self)):
                if self._built[i] is None:
                    self._built[i] = i * i


def test_reads_like_a_list() -> None:
    squares = Squares(4)
    assert len(squares) == 4
    assert (squares[0], squares[3]) == (0, 9)
    assert (squares[-1], squares[-4]) == (9, 0)
    assert squares[1:3] == [1, 4]
    assert squares[::-1] == [9, 4, 1, 0]
    assert squares[-2:] == [4, 9]
    assert squares[2:99] == [4, 9]
    assert squares[5:] == []


@pytest.mark.parametrize("i", [4, 5, -5, -9])
def test_an_index_outside_is_an_index_error_naming_it(i: int) -> None:
    squares = Squares(4)
    with pytest.raises(IndexError) as info:
        squares[i]
    assert info.value.args == (i + 4 if i < 0 else i,)
    assert squares.built == []


def test_each_item_is_built_once_when_first_read() -> None:
    squares = Squares(4)
    assert squares.built == []
    assert squares[2] == 4
    assert squares[2] == 4
    assert squares[-2] == 4
    assert squares.built == [2]
    assert squares[1:4] == [1, 4, 9]
    assert squares.built == [2, 1, 3]


def test_a_full_iteration_prepares_every_item_once() -> None:
    squares = Squares(4)
    assert list(squares) == [0, 1, 4, 9]
    assert (squares.prepared, squares.built) == (1, [])
    assert list(squares) == [0, 1, 4, 9]
    assert squares == [0, 1, 4, 9]
    assert squares.prepared == 1


@pytest.mark.parametrize(("length", "prepared"), [(0, 0), (1, 0), (2, 1), (3, 1)])
def test_one_item_is_not_worth_a_pass(length: int, prepared: int) -> None:
    squares = Squares(length, prepare=False)
    assert list(squares) == [i * i for i in range(length)]
    assert squares.prepared == prepared
    assert squares.built == list(range(length))


def test_compares_equal_to_the_list_of_its_items() -> None:
    assert Squares(4) == [0, 1, 4, 9]
    assert Squares(4) == (0, 1, 4, 9)
    assert Squares(3) == Squares(3)
    assert [0, 1, 4] == Squares(3)  # noqa: SIM300  # the reflected comparison
    assert Squares(0) == []
    assert Squares(4) != [0, 1, 4, 10]
    assert Squares(4) != [0, 1, 4]
    assert Squares(3) != [0, 1, 4, 9]
    assert Squares(3) != Squares(4)
    assert Squares(4) != {0, 1, 4, 9}
    assert Squares(4) != "0149"
    assert Squares(2).__eq__(range(2)) is NotImplemented


def test_is_not_hashable_and_shows_its_items() -> None:
    assert repr(Squares(4)) == "[0, 1, 4, 9]"
    assert repr(Squares(0)) == "[]"
    with pytest.raises(TypeError):
        hash(Squares(1))


# -- the KMS statuses of a register, built when read -----------------------


def _columns() -> KmsColumns:
    birth = D(2024, 1, 10)
    rows = [
        *weighings("a", birth, [(D(2025, 3, 10), 8.0), (D(2025, 4, 10), 7.9)]),
        *weighings("b", birth, [(D(2025, 4, 12), 9.0)], start=3),
    ]
    columns, _ = monitor_columns(register(rows))
    return columns


def test_monthly_statuses_read_one_by_one() -> None:
    columns = _columns()
    every = columns.statuses()
    lazy = MonthlyStatuses(columns)
    assert len(lazy) == 3
    assert lazy[1] == every[1]
    assert lazy[2] == every[2]
    assert lazy[0] == every[0]
    assert [(s.person_id, str(s.month), str(s.code)) for s in lazy[:]] == [
        ("a", "2025-03", "B"),
        ("a", "2025-04", "T"),
        ("b", "2025-04", "B"),
    ]
    assert lazy == every


def test_monthly_statuses_read_whole_in_one_pass(monkeypatch: Any) -> None:
    columns = _columns()
    every = columns.statuses()
    lazy = MonthlyStatuses(columns)
    first = lazy[1]
    calls: list[int | None] = []
    build = KmsColumns.statuses

    def counted(self: KmsColumns, where: Any = None, **kw: Any) -> Any:
        calls.append(None if where is None else len(np.asarray(where)))
        return build(self, where, **kw)

    monkeypatch.setattr(KmsColumns, "statuses", counted)
    statuses = list(lazy)
    assert calls == [None]  # every status at once, none one by one
    assert statuses == every
    assert statuses[1] is first  # an item read before stays the same object
    assert lazy[1] is first
    assert list(lazy) == statuses
    assert calls == [None]  # read whole once: every status is kept
