"""Calendar months across the year's end, and month text that is not a month."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.kesehatan._helpers import weighings

from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.plugins.kesehatan.growth_monitoring import (
    GrowthCode,
    monitor_child,
)


@pytest.mark.parametrize(
    ("month", "previous", "following"),
    [
        (Month(2025, 1), Month(2024, 12), Month(2025, 2)),
        (Month(2025, 12), Month(2025, 11), Month(2026, 1)),
        (Month(2025, 6), Month(2025, 5), Month(2025, 7)),
    ],
)
def test_previous_and_next_across_the_year(
    month: Month, previous: Month, following: Month
) -> None:
    assert month.previous() == previous
    assert month.next() == following
    assert following.previous() == month


@pytest.mark.parametrize(
    ("month", "first", "last"),
    [
        (Month(2024, 2), dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (Month(2025, 2), dt.date(2025, 2, 1), dt.date(2025, 2, 28)),
        (Month(2025, 12), dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
    ],
)
def test_first_and_last_day(month: Month, first: dt.date, last: dt.date) -> None:
    assert (month.first_day, month.last_day) == (first, last)


@pytest.mark.parametrize("text", ["25-01", "2025/01", "", "2025-001"])
def test_text_that_is_not_a_month(text: str) -> None:
    with pytest.raises(ValueError, match="is not a month; write it as YYYY-MM"):
        Month.parse(text)


@pytest.mark.parametrize("text", ["2025-13", "2025-0"])
def test_month_text_out_of_range(text: str) -> None:
    with pytest.raises(ValueError, match="month must be 1-12"):
        Month.parse(text)


@pytest.mark.parametrize(
    ("value", "ok"), [(0, False), (1, True), (12, True), (13, False)]
)
def test_month_number_1_to_12(value: int, ok: bool) -> None:
    if ok:
        assert Month(2025, value).month == value
    else:
        with pytest.raises(ValueError, match="month must be 1-12"):
            Month(2025, value)


def test_december_to_january_is_consecutive() -> None:
    rows = weighings(
        "a",
        dt.date(2024, 1, 10),
        [(dt.date(2025, 12, 10), 10.0), (dt.date(2026, 1, 10), 10.3)],
    )
    assert [s.code for s in monitor_child(rows)] == [GrowthCode.B, GrowthCode.N]
    gap = weighings(
        "b",
        dt.date(2024, 1, 10),
        [(dt.date(2025, 11, 30), 10.0), (dt.date(2026, 1, 1), 10.3)],
    )
    assert [s.code for s in monitor_child(gap)] == [GrowthCode.B, GrowthCode.O]
