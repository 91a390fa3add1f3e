"""Ages from dates, as Posyandu and WHO count them."""

from __future__ import annotations

import datetime as dt

import numpy as np
from numpy.typing import NDArray


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


def completed_months_between(
    birth: NDArray[np.datetime64], on: NDArray[np.datetime64]
) -> NDArray[np.float64]:
    """:func:`completed_months` of arrays of dates (NaN where a date is missing).

    Examples
    --------
    >>> completed_months_between(
    ...     np.array(["2015-08-27", "2026-01-20", "NaT"], "datetime64[D]"),
    ...     np.array(["2017-07-20", "2026-06-13", "2026-06-13"], "datetime64[D]"),
    ... )
    array([22.,  4., nan])
    """
    by, bm, bd = _ymd(birth)
    oy, om, od = _ymd(on)
    months = ((oy - by) * 12 + (om - bm) - (od < bd)).astype(float)
    months[np.isnat(birth) | np.isnat(on)] = np.nan
    return months


def _ymd(
    dates: NDArray[np.datetime64],
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """Year (since 1970), month (0-11) and day (0-30) of each date.

    Integer arithmetic on the day count (the proleptic Gregorian calendar,
    as numpy's ``datetime64[M]`` casts give it, which are slower).
    """
    z = dates.astype("datetime64[D]").astype(np.int64) + 719_468  # days from 0000-03-01
    era = z // 146_097  # 400-year eras
    doe = z - era * 146_097
    yoe = (doe - doe // 1_460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)  # day of a year from March
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5
    month = np.where(mp < 10, mp + 2, mp - 10)
    year = yoe + era * 400 + (month <= 1) - 1970
    return year, month, day
