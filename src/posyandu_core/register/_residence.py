"""Who lives here: the one residence rule every service uses.

A person is resident on day *d* when ``moved_in_on`` is empty or on/before
*d*, and ``moved_out_on`` is empty or after *d* (the day of moving out is
the first day away). Resident in a month: resident on at least one of its
days. A person's dates come from their rows known at the time: the latest
``moved_in_on`` and the earliest ``moved_out_on`` after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol


class _Dated(Protocol):
    @property
    def visit_date(self) -> dt.date | None: ...

    @property
    def moved_in_on(self) -> dt.date | None: ...

    @property
    def moved_out_on(self) -> dt.date | None: ...


def resident_on(
    day: dt.date, moved_in_on: dt.date | None, moved_out_on: dt.date | None
) -> bool:
    """Return whether someone with these dates lives here on ``day``.

    Examples
    --------
    >>> out = dt.date(2025, 3, 1)
    >>> resident_on(dt.date(2025, 2, 28), None, out), resident_on(out, None, out)
    (True, False)
    """
    return (moved_in_on is None or moved_in_on <= day) and (
        moved_out_on is None or day < moved_out_on
    )


def resident_in_month(
    first_day: dt.date,
    last_day: dt.date,
    moved_in_on: dt.date | None,
    moved_out_on: dt.date | None,
) -> bool:
    """Return whether someone lives here on at least one day of a month.

    Examples
    --------
    >>> first, last = dt.date(2025, 3, 1), dt.date(2025, 3, 31)
    >>> resident_in_month(first, last, None, dt.date(2025, 3, 1))
    False
    >>> resident_in_month(first, last, None, dt.date(2025, 3, 2))
    True
    >>> resident_in_month(first, last, dt.date(2025, 3, 31), None)
    True
    """
    return (moved_in_on is None or moved_in_on <= last_day) and (
        moved_out_on is None or first_day < moved_out_on
    )


def residence_of(
    rows: Iterable[_Dated], upto: dt.date | None = None
) -> tuple[dt.date | None, dt.date | None]:
    """Return a person's ``(moved_in_on, moved_out_on)`` from their rows.

    Only rows whose visit is on or before ``upto`` count (all when None).
    A later move-in after a move-out means the person came back: the
    move-out before it no longer applies.

    Examples
    --------
    >>> from posyandu_core.register import RegisterRow
    >>> rows = [RegisterRow(row=1, person_id="A", visit_date=dt.date(2025, 1, 5),
    ...                     moved_out_on=dt.date(2025, 2, 1))]
    >>> residence_of(rows)
    (None, datetime.date(2025, 2, 1))
    """
    known = [
        r for r in rows if upto is None or r.visit_date is None or r.visit_date <= upto
    ]
    moved_in = max((r.moved_in_on for r in known if r.moved_in_on), default=None)
    outs = [
        r.moved_out_on
        for r in known
        if r.moved_out_on and (moved_in is None or r.moved_out_on > moved_in)
    ]
    return moved_in, min(outs, default=None)
