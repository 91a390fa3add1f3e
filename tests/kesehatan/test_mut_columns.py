"""The column helpers agree with their one-row-at-a-time meaning.

Completed months (DOMAIN.md §3.4) and calendar parts against Python's
dates over two centuries (1900 and 2100 are not leap years, 2000 is);
the register's row order against ``by_person()``; the latest row with a
property; residence against the register's one rule
(``residence_of`` then ``resident_in_month``).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from tests.kesehatan._helpers import register, row

from posyandu_core.model._age import _ymd
from posyandu_core.plugins.kesehatan import _columns as col
from posyandu_core.register import Register, residence_of, resident_in_month

D = dt.date


def _days(start: dt.date, stop: dt.date, step: int) -> list[dt.date]:
    return [
        start + dt.timedelta(days=n) for n in range(0, (stop - start).days + 1, step)
    ]


DATES = [
    *_days(D(1899, 12, 1), D(1900, 3, 31), 1),
    *_days(D(1999, 12, 1), D(2000, 3, 31), 1),
    *_days(D(2099, 12, 1), D(2100, 3, 31), 1),
    *_days(D(1900, 1, 1), D(2100, 12, 31), 97),
    *_days(D(2024, 1, 1), D(2025, 12, 31), 1),
]


def test_calendar_parts_of_each_date() -> None:
    year, month, day = _ymd(np.array(DATES, dtype="datetime64[D]"))
    assert year.tolist() == [d.year - 1970 for d in DATES]
    assert month.tolist() == [d.month - 1 for d in DATES]
    assert day.tolist() == [d.day - 1 for d in DATES]


def _completed(birth: dt.date, on: dt.date) -> int:
    return (on.year - birth.year) * 12 + on.month - birth.month - (on.day < birth.day)


@pytest.mark.parametrize(
    ("birth", "on", "months"),
    [
        (D(2024, 1, 31), D(2024, 2, 29), 0),  # the 31st: no 31st in February
        (D(2024, 1, 31), D(2024, 3, 1), 1),
        (D(2024, 1, 10), D(2024, 2, 9), 0),
        (D(2024, 1, 10), D(2024, 2, 10), 1),  # the same day of the month
        (D(2020, 2, 29), D(2021, 2, 28), 11),
        (D(2020, 2, 29), D(2021, 3, 1), 12),
        (D(2019, 12, 15), D(2025, 1, 14), 60),
        (D(2019, 12, 15), D(2025, 1, 15), 61),
        (D(2025, 3, 9), D(2025, 3, 9), 0),
    ],
)
def test_completed_months_on_the_day(birth: dt.date, on: dt.date, months: int) -> None:
    got = col.completed_months(
        np.array([birth], dtype="datetime64[D]"), np.array([on], dtype="datetime64[D]")
    )
    assert got.tolist() == [months] == [_completed(birth, on)]
    assert got.dtype == np.int64
    # any unit of time: the day counts
    seconds = col.completed_months(
        np.array([birth], dtype="datetime64[s]"), np.array([on], dtype="datetime64[s]")
    )
    assert seconds.tolist() == [months]


def test_completed_months_of_many_pairs() -> None:
    births = DATES[::7]
    ons = DATES[::-7][: len(births)]
    got = col.completed_months(
        np.array(births, dtype="datetime64[D]"), np.array(ons, dtype="datetime64[D]")
    )
    assert got.tolist() == [_completed(b, o) for b, o in zip(births, ons, strict=True)]


def test_order_by_a_key_then_its_ties() -> None:
    rng = np.random.default_rng(7)
    key = rng.integers(0, 6, 60).astype(np.int64)
    first = rng.integers(0, 4, 60)
    second = rng.permutation(60)
    expected = np.lexsort((second, first, key))
    assert col.order_by(key, first, second).tolist() == expected.tolist()
    assert col.order_by(key, second).tolist() == np.lexsort((second, key)).tolist()
    stable = np.argsort(key, kind="stable")
    assert col.order_by(key).tolist() == stable.tolist()
    assert col.order_by(np.array([3]), np.array([1])).tolist() == [0]
    # two rows with one key: the tie is broken
    assert col.order_by(np.array([5, 5]), np.array([1, 0])).tolist() == [1, 0]
    assert col.order_by(np.array([5, 5, 5]), np.array([2, 0, 1])).tolist() == [
        1, 2, 0,
    ]  # fmt: skip
    assert col.order_by(np.arange(5)[::-1].copy(), np.zeros(5)).tolist() == [
        4, 3, 2, 1, 0,
    ]  # fmt: skip


def test_pair_keys_order_by_code_then_date_empty_first() -> None:
    codes = np.array([1, 0, 1, 0, 1, 2, 0], dtype=np.int32)
    dates = np.array(
        ["2025-03-01", "2025-01-31", "NaT", "1999-12-31", "2025-02-28", "NaT", "NaT"],
        dtype="datetime64[D]",
    )
    key = col.pair_key(codes, dates)
    assert np.argsort(key, kind="stable").tolist() == [6, 3, 1, 2, 4, 0, 5]
    assert key[3] < key[1] < key[2]  # code 0 before code 1, whatever the date
    same = col.pair_key(np.array([4, 4]), np.array(["2025-01-01"] * 2, "datetime64[D]"))
    assert same[0] == same[1]
    only_empty = col.pair_key(
        np.array([0, 1]), np.array(["NaT", "NaT"], "datetime64[D]")
    )
    assert only_empty[0] < only_empty[1]
    assert col.pair_key(np.array([], np.int32), np.array([], "datetime64[D]")).size == 0
    # dates before 1970 too: code first, then date, an empty one first
    old = col.pair_key(
        np.array([0, 1, 1, 2]),
        np.array(["2025-01-01", "1960-01-01", "NaT", "1950-06-30"], "datetime64[D]"),
    )
    assert np.argsort(old, kind="stable").tolist() == [0, 2, 1, 3]


def _register() -> Register:
    return register(
        [
            row(1, "b", D(2025, 3, 10), 8.0, has_kia=True),
            row(2, "a", D(2025, 2, 10), 7.0, has_kia=None),
            row(3, "b", D(2025, 1, 10), 7.5, has_kia=False),
            row(4, "a", D(2025, 4, 10), 7.4, has_kia=False),
            row(5, "a", D(2025, 4, 10), 7.6, has_kia=None),  # same day: later row
            row(6, "c", D(2025, 5, 1), 9.0),
            row(7, "b", None, None, has_kia=True),  # type: ignore[arg-type]
        ]
    )


def test_rows_in_by_person_order() -> None:
    reg = _register()
    order = col.chronological(reg)
    by_rows = [r.row for rows in reg.by_person().values() for r in rows]
    codes = reg.person_codes()[order]
    assert np.all(np.diff(codes) >= 0)
    assert sorted(reg.row_numbers[order].tolist()) == list(range(1, 8))
    per_person = {
        p: [
            n for n in reg.row_numbers[order].tolist() if reg.rows[n - 1].person_id == p
        ]
        for p in ("a", "b", "c")
    }
    assert per_person == {"a": [2, 4, 5], "b": [7, 3, 1], "c": [6]}
    assert sorted(by_rows) == list(range(1, 8))
    assert col.chronological(reg) is order  # computed once per register


def test_rows_of_one_day_in_row_number_order() -> None:
    # rows need not come in file order (a register merged from several files)
    reg = register(
        [
            row(9, "a", D(2025, 4, 10), 7.6, has_kia=True),
            row(3, "a", D(2025, 4, 10), 7.4, has_kia=False),
            row(5, "b", D(2025, 4, 10), 8.0),
        ]
    )
    assert reg.row_numbers[col.chronological(reg)].tolist() == [3, 9, 5]
    kia = col.latest_where(reg, ~col.is_none(reg.column("has_kia")), 2)
    assert reg.row_numbers[kia[0]] == 9


def test_the_latest_row_with_a_property() -> None:
    reg = _register()
    people = col.n_persons(reg)
    assert people == 3
    kia = col.latest_where(reg, ~col.is_none(reg.column("has_kia")), people)
    codes = reg.person_codes()
    code = {p: int(codes[reg.person_ids.tolist().index(p)]) for p in ("a", "b", "c")}
    rows = reg.row_numbers
    assert rows[kia[code["a"]]] == 4  # row 5 is empty
    assert rows[kia[code["b"]]] == 1  # row 7 has no visit date: first
    assert kia[code["c"]] == -1
    assert col.n_persons(register([])) == 0


def test_none_and_present_cells() -> None:
    cells = np.array([None, "", "x", 0, 1, False, True, ()], dtype=object)
    assert col.is_none(cells).tolist() == [
        True, False, False, False, False, False, False, False,
    ]  # fmt: skip
    assert col.present(cells).tolist() == [
        False, False, True, False, True, False, True, False,
    ]  # fmt: skip


def _moving() -> Register:
    return register(
        [
            row(1, "a", D(2025, 1, 5), 8.0),
            row(2, "a", D(2025, 3, 5), 8.2, moved_out_on=D(2025, 3, 20)),
            row(3, "b", D(2025, 2, 5), 9.0, moved_in_on=D(2025, 2, 1)),
            row(4, "c", D(2025, 1, 5), 9.0, moved_out_on=D(2025, 1, 31)),
            row(5, "c", D(2025, 4, 5), 9.1, moved_in_on=D(2025, 4, 2)),
            row(6, "d", D(2025, 2, 10), 9.0),
            row(7, "e", D(2025, 5, 5), 9.0, moved_in_on=D(2025, 6, 1)),
            row(8, "f", None, None, moved_out_on=D(2025, 2, 15)),  # type: ignore[arg-type]
            row(9, "f", D(2025, 1, 20), 9.0),
            # g: a move-out written on the month's last day
            row(10, "g", D(2025, 2, 10), 9.0),
            row(11, "g", D(2025, 3, 31), 9.1, moved_out_on=D(2025, 3, 1)),
            # h: moved in and out on the same day, on two rows
            row(12, "h", D(2025, 2, 10), 9.0, moved_in_on=D(2025, 2, 10)),
            row(13, "h", D(2025, 2, 11), 9.0, moved_out_on=D(2025, 2, 10)),
        ]
    )


@pytest.mark.parametrize("undated", [False, True])
@pytest.mark.parametrize("month", [1, 2, 3, 4, 5, 6])
def test_residence_is_the_registers_rule(month: int, undated: bool) -> None:
    reg = _moving()
    first = D(2025, month, 1)
    last = (D(2025, month + 1, 1) if month < 12 else D(2026, 1, 1)) - dt.timedelta(1)
    codes = reg.person_codes()
    ids = reg.person_ids.tolist()
    persons = np.unique(codes)
    got = col.resident_between(
        reg,
        persons,
        np.full(len(persons), np.datetime64(first)),
        np.full(len(persons), np.datetime64(last)),
        undated=undated,
    )
    expected = []
    for person in persons.tolist():
        rows = [
            r
            for r in reg.by_person()[ids[codes.tolist().index(person)]]
            if (r.visit_date is None and undated)
            or (r.visit_date is not None and r.visit_date <= last)
        ]
        moved_in, moved_out = residence_of(rows)
        expected.append(resident_in_month(first, last, moved_in, moved_out))
    assert got.tolist() == expected
    assert got.dtype == np.bool_


def test_residence_cases_by_hand() -> None:
    reg = _moving()
    ids = reg.person_ids.tolist()
    codes = reg.person_codes().tolist()

    def resident(person: str, first: dt.date, last: dt.date, undated: bool) -> bool:
        code = codes[ids.index(person)]
        return bool(
            col.resident_between(
                reg,
                np.array([code]),
                np.array([np.datetime64(first)]),
                np.array([np.datetime64(last)]),
                undated=undated,
            )[0]
        )

    march, april = (D(2025, 3, 1), D(2025, 3, 31)), (D(2025, 4, 1), D(2025, 4, 30))
    assert resident("a", *march, undated=False)  # moved out on the 20th
    assert not resident("a", *april, undated=False)
    assert resident("a", D(2025, 3, 19), D(2025, 3, 19), undated=False)
    assert not resident("a", D(2025, 3, 20), D(2025, 3, 20), undated=False)
    assert not resident("c", D(2025, 2, 1), D(2025, 2, 28), undated=False)
    assert resident("c", *april, undated=False)  # came back on the 2nd
    assert resident("d", *march, undated=False)  # never moved
    # e moves in on 1 June: not resident in May
    assert not resident("e", D(2025, 5, 1), D(2025, 5, 31), undated=False)
    assert resident("e", D(2025, 5, 1), D(2025, 6, 1), undated=False)
    # f's move-out is on an undated row: read only when undated rows count
    assert resident("f", *march, undated=False)
    assert not resident("f", *march, undated=True)
    assert resident("f", D(2025, 2, 1), D(2025, 2, 28), undated=True)
    assert not resident("f", D(2025, 2, 15), D(2025, 2, 28), undated=True)
    assert not resident("g", *march, undated=False)  # seen on 31 March
    assert resident("g", D(2025, 2, 1), D(2025, 3, 30), undated=False)


def test_residence_without_any_move() -> None:
    reg = register([row(1, "a", D(2025, 1, 5), 8.0), row(2, "b", D(2025, 1, 6), 8.0)])
    got = col.resident_between(
        reg,
        np.array([0, 1]),
        np.full(2, np.datetime64("2030-01-01")),
        np.full(2, np.datetime64("2030-01-31")),
        undated=False,
    )
    assert got.tolist() == [True, True]


def test_remembered_once_per_register_and_key() -> None:
    reg, other = _register(), _register()
    calls: list[str] = []

    def compute(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert col.recalled(reg, "k") is None
    assert col.remembered(reg, "k", lambda: compute("x")) == "X"
    assert col.remembered(reg, "k", lambda: compute("y")) == "X"
    assert col.recalled(reg, "k") == "X"
    assert col.remembered(reg, "j", lambda: compute("z")) == "Z"
    assert col.recalled(other, "k") is None
    assert col.remembered(other, "k", lambda: compute("w")) == "W"
    assert calls == ["x", "z", "w"]
