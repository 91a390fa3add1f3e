"""One residence rule, its boundaries, and the services that use it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan.growth_monitoring import monitor_register
from posyandu_core.plugins.kesehatan.immunization import immunization_status
from posyandu_core.plugins.kesehatan.skdn import skdn_report
from posyandu_core.register import (
    Register,
    RegisterRow,
    residence_of,
    resident_in_month,
    resident_on,
)
from posyandu_core.rules._checks import check_person_consistency

MARCH = (dt.date(2025, 3, 1), dt.date(2025, 3, 31))


def test_resident_on_boundaries() -> None:
    day = dt.date(2025, 3, 10)
    before, after = day - dt.timedelta(days=1), day + dt.timedelta(days=1)
    # moved out: the day itself is the first day away
    assert [resident_on(d, None, day) for d in (before, day, after)] == [
        True,
        False,
        False,
    ]
    # moved in: the day itself is the first day here
    assert [resident_on(d, day, None) for d in (before, day, after)] == [
        False,
        True,
        True,
    ]


def test_resident_in_month_boundaries() -> None:
    first, last = MARCH
    day = dt.timedelta(days=1)
    assert not resident_in_month(first, last, None, first)
    assert resident_in_month(first, last, None, first + day)
    assert resident_in_month(first, last, last, None)
    assert not resident_in_month(first, last, last + day, None)


def test_residence_of_a_person_who_came_back() -> None:
    rows = [
        RegisterRow(row=1, person_id="A", visit_date=dt.date(2025, 1, 5),
                    moved_out_on=dt.date(2025, 2, 1)),
        RegisterRow(row=2, person_id="A", visit_date=dt.date(2025, 4, 5),
                    moved_in_on=dt.date(2025, 4, 1)),
    ]  # fmt: skip
    assert residence_of(rows) == (dt.date(2025, 4, 1), None)
    assert residence_of(rows, upto=dt.date(2025, 3, 31)) == (None, dt.date(2025, 2, 1))


def child(moved_out_on: dt.date | None) -> Register:
    rows = [
        RegisterRow(
            row=i + 1,
            person_id="A",
            name="Ani",
            parent_name="Sri",
            sex=Sex.FEMALE,
            birth_date=dt.date(2024, 1, 5),
            posyandu="Mawar",
            visit_date=dt.date(2025, month, 10),
            weight_kg=8.0 + 0.2 * i,
            moved_out_on=moved_out_on,
        )
        for i, month in enumerate((1, 2))
    ]
    return Register(rows=rows)


def test_skdn_counts_a_child_until_the_day_before_moving_out() -> None:
    def s(moved: dt.date | None) -> int:
        return skdn_report(child(moved), "2025-03").total.s

    assert s(None) == 1
    assert s(dt.date(2025, 3, 1)) == 0  # moved out on the 1st: never here in March
    assert s(dt.date(2025, 3, 2)) == 1  # here on the 1st


def test_immunization_and_kms_use_the_same_rule() -> None:
    on = dt.date(2025, 3, 15)
    assert immunization_status(child(on), on) == []
    assert len(immunization_status(child(on + dt.timedelta(days=1)), on)) == 1
    months = [str(s.month) for s in monitor_register(child(dt.date(2025, 2, 1)))[0]]
    assert months == ["2025-01"]  # February's weighing is after moving out


def _naive_consistency(rows: list[dict[str, Any]]) -> set[tuple[int, str]]:
    found: set[tuple[int, str]] = set()
    first: dict[tuple[str, str], Any] = {}
    visits: defaultdict[str, set[Any]] = defaultdict(set)
    for number, r in enumerate(rows, start=1):
        for field in ("sex", "birth_date"):
            if r[field] is None:
                continue
            reference = first.setdefault((r["person_id"], field), r[field])
            if r[field] != reference:
                found.add((number, f"consistency.{field}"))
        if r["visit_date"] is not None:
            if r["visit_date"] in visits[r["person_id"]]:
                found.add((number, "duplicate.visit"))
            visits[r["person_id"]].add(r["visit_date"])
    return found


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "person_id": st.sampled_from(["A", "B", "C"]),
                "sex": st.sampled_from([None, Sex.MALE, Sex.FEMALE]),
                "birth_date": st.sampled_from(
                    [None, dt.date(2024, 1, 1), dt.date(2024, 2, 1)]
                ),
                "visit_date": st.sampled_from(
                    [None, dt.date(2025, 1, 1), dt.date(2025, 2, 1)]
                ),
            }
        ),
        max_size=12,
    )
)
def test_vectorised_consistency_equals_the_row_by_row_rule(
    rows: list[dict[str, Any]],
) -> None:
    register = Register(rows=[RegisterRow(row=i + 1, **r) for i, r in enumerate(rows)])
    got = {(i.row, i.code) for i in check_person_consistency(register)}
    assert got == _naive_consistency(rows)
    assert np.all(register.row_numbers == np.arange(1, len(rows) + 1))
