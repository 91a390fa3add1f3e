"""The validation date: dates after it are errors, never "today"."""

from __future__ import annotations

import contextvars
import datetime as dt

#: Set by the gate for the duration of one validation.
TODAY: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar(
    "posyandu_today", default=None
)


def today() -> dt.date:
    """Return the validation date: the gate's ``today``, else the real today."""
    return TODAY.get() or dt.date.today()
