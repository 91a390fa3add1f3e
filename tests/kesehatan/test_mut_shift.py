"""``_doses.shift``: a schedule span after every date of an array, as ``Duration.after``.

Every dose's earliest, due, overdue and last dates of the columnar services
are spans after birth or after the previous dose; each must be the day the
one-date rule gives, month ends clamped (DOMAIN.md §6.2: calendar months
from the birth date).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.plugins.kesehatan._doses import NAT, shift, shift_each
from posyandu_core.plugins.kesehatan.schedule import Duration

DATES = st.dates(dt.date(2019, 1, 1), dt.date(2030, 12, 31))
SPANS = st.builds(Duration, st.integers(0, 40), st.sampled_from(["d", "w", "m", "y"]))


@given(st.lists(DATES, max_size=12), SPANS)
def test_shift_is_duration_after_on_each_date(
    dates: list[dt.date], span: Duration
) -> None:
    got = shift(np.array(dates, dtype="datetime64[D]"), span)
    assert got.dtype == np.dtype("datetime64[D]")
    assert got.tolist() == [span.after(d) for d in dates]


@pytest.mark.parametrize(
    ("date", "span", "expected"),
    [
        ("2025-01-31", "1m", "2025-02-28"),  # month end clamped
        ("2024-01-31", "1m", "2024-02-29"),  # leap year
        ("2024-02-29", "1y", "2025-02-28"),
        ("2024-02-29", "4y", "2028-02-29"),
        ("2025-03-31", "2m", "2025-05-31"),
        ("2025-03-30", "1m", "2025-04-30"),
        ("2025-03-31", "1m", "2025-04-30"),
        ("2025-12-15", "1m", "2026-01-15"),
        ("2025-12-01", "8w", "2026-01-26"),
        ("2025-12-01", "1d", "2025-12-02"),
        ("2025-12-01", "0m", "2025-12-01"),
    ],
)
def test_shift_on_the_calendars_edges(date: str, span: str, expected: str) -> None:
    got = shift(np.array([date], dtype="datetime64[D]"), Duration.parse(span))
    assert got.tolist() == [dt.date.fromisoformat(expected)]


def test_no_span_is_no_date() -> None:
    got = shift(np.array(["2025-01-01", "2025-02-01"], dtype="datetime64[D]"), None)
    assert np.isnat(got).all()
    assert len(got) == 2


def test_shift_each_takes_each_dates_own_span() -> None:
    dates = np.array(["2025-01-31", "2025-01-31", "2025-01-31"], dtype="datetime64[D]")
    spans = [Duration.parse("1m"), None, Duration.parse("2w")]
    got = shift_each(dates, np.array([2, 0, 1]), spans)
    assert got[0] == np.datetime64("2025-02-14")
    assert np.isnat(got[2])
    assert got[1] == np.datetime64("2025-02-28")
    assert NAT.dtype == np.dtype("datetime64[D]")
