"""Month text as written by hand: spaces, one-digit months, the error's texts."""

from __future__ import annotations

import datetime as dt

import pytest

from posyandu_core.errors import UsageError
from posyandu_core.plugins.kesehatan._month import Month


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2025-08", Month(2025, 8)),
        (" 2025-08 ", Month(2025, 8)),
        ("2025-8", Month(2025, 8)),
        ("1999-12\n", Month(1999, 12)),
        ("2026-01", Month(2026, 1)),
    ],
)
def test_month_text(text: str, month: Month) -> None:
    assert Month.parse(text) == month
    assert (Month.parse(text).year, Month.parse(text).month) == (
        month.year,
        month.month,
    )


def test_not_a_month_says_so_in_both_languages() -> None:
    with pytest.raises(UsageError) as info:
        Month.parse("08/2025")
    assert info.value.message == (
        "'08/2025' is not a month; write it as YYYY-MM, e.g. 2025-08"
    )
    assert info.value.message_id == (
        "'08/2025' bukan bulan; tulis sebagai YYYY-MM, mis. 2025-08"
    )


@pytest.mark.parametrize(
    ("date", "month"),
    [
        (dt.date(2025, 1, 1), Month(2025, 1)),
        (dt.date(2025, 12, 31), Month(2025, 12)),
        (dt.date(2024, 2, 29), Month(2024, 2)),
    ],
)
def test_the_month_of_a_date(date: dt.date, month: Month) -> None:
    assert Month.of(date) == month
    assert str(Month.of(date)) == f"{date.year:04d}-{date.month:02d}"


def test_next_month_over_a_whole_year() -> None:
    month = Month(2024, 11)
    seen = []
    for _ in range(14):
        month = month.next()
        seen.append(str(month))
    assert seen == [
        "2024-12", "2025-01", "2025-02", "2025-03", "2025-04", "2025-05",
        "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11",
        "2025-12", "2026-01",
    ]  # fmt: skip
