"""Ages from dates, as Posyandu and WHO count them."""

from __future__ import annotations

import datetime as dt


def age_days(birth_date: dt.date, on: dt.date) -> int:
    """Return the age in whole days on date ``on`` (negative before birth).

    Examples
    --------
    >>> age_days(dt.date(2025, 1, 10), dt.date(2026, 1, 10))
    365
    """
    return (on - birth_date).days


def completed_months(birth_date: dt.date, on: dt.date) -> int:
    """Return the age in completed months (bulan penuh), as Kemenkes counts it.

    months = (Y2 − Y1)·12 + (M2 − M1), minus 1 when the day of the month has
    not yet been reached (DOMAIN.md §3.4).

    Examples
    --------
    >>> completed_months(dt.date(2015, 8, 27), dt.date(2017, 7, 20))
    22
    >>> completed_months(dt.date(2026, 1, 20), dt.date(2026, 6, 13))
    4
    """
    months = (on.year - birth_date.year) * 12 + (on.month - birth_date.month)
    if on.day < birth_date.day:
        months -= 1
    return months


def completed_years(birth_date: dt.date, on: dt.date) -> int:
    """Return the age in completed years.

    Examples
    --------
    >>> completed_years(dt.date(2000, 2, 29), dt.date(2001, 2, 28))
    0
    """
    return completed_months(birth_date, on) // 12


def add_months(date: dt.date, months: int) -> dt.date:
    """Return ``date`` moved by whole calendar months, clamped to month end.

    Examples
    --------
    >>> add_months(dt.date(2025, 1, 31), 1)
    datetime.date(2025, 2, 28)
    """
    index = date.year * 12 + (date.month - 1) + months
    year, month0 = divmod(index, 12)
    next_first = dt.date(year + (month0 + 1) // 12, (month0 + 1) % 12 + 1, 1)
    last_day = (next_first - dt.timedelta(days=1)).day
    return dt.date(year, month0 + 1, min(date.day, last_day))
