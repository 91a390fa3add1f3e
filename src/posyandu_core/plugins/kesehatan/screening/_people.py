"""Which persons a life-cycle service looks at, chosen from the register's columns.

Each service reads a person's rows up to ``as_of`` and first checks who
the person is (pregnant, newly delivered, a pupil's age, an adult …); on a
national register most persons are none of these. The columns answer that
first check for everyone at once, and row objects are built only for the
persons a service then reads row by row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core.plugins.kesehatan import _columns as col
from posyandu_core.register import Register, RegisterRow


@attrs.frozen(eq=False)
class Persons:
    """What the columns say of everyone on ``as_of``, for a :data:`Who` to choose."""

    register: Register
    seen: NDArray[np.bool_]  # rows visited up to as_of
    birth: NDArray[np.datetime64]  # per person code, of the latest seen row
    as_of: dt.date


#: The persons (a mask over person codes) a service looks at.
Who = Callable[[Persons], NDArray[np.bool_]]


def people(
    register: Register, as_of: dt.date, who: Who
) -> Iterator[tuple[str, list[RegisterRow]]]:
    """Yield ``who``'s persons and their rows up to ``as_of``, sorted by visit date.

    Only persons whose latest row up to ``as_of`` states a birth date and a
    sex, in the order ``register.by_person()`` lists them.
    """
    visit = register.column("visit_date")
    seen = ~np.isnat(visit) & (visit <= np.datetime64(as_of))
    n = col.n_persons(register)
    last = col.latest_where(register, seen, n)
    birth = np.full(n, np.datetime64("NaT", "D"))
    has = last >= 0
    birth[has] = register.column("birth_date")[last[has]]
    has &= ~np.isnat(birth)
    has[has] &= ~col.is_none(register.column("sex")[last[has]])
    chosen = has & who(Persons(register=register, seen=seen, birth=birth, as_of=as_of))
    if not chosen.any():
        return
    order = col.chronological(register)
    codes = register.person_codes()[order]
    order = order[chosen[codes] & seen[order]]
    built = register.built_rows()
    rows = (
        [built[i] for i in order.tolist()]
        if built is not None
        else list(register.take(order).rows)
    )
    codes = register.person_codes()[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]).tolist()
    ids = register.person_ids[order]
    for start, end in zip(starts, [*starts[1:], len(codes)], strict=True):
        yield str(ids[start]), rows[start:end]


def years_between(low: int | None, high: int | None) -> Who:
    """Persons aged ``low`` to under ``high`` completed years on ``as_of``."""
    return months_between(
        None if low is None else 12 * low, None if high is None else 12 * high
    )


def months_between(low: int | None, high: int | None) -> Who:
    """Persons aged ``low`` to under ``high`` completed months on ``as_of``."""

    def who(persons: Persons) -> NDArray[np.bool_]:
        birth = persons.birth
        known = ~np.isnat(birth)
        months = np.zeros(len(birth), dtype=np.int64)
        months[known] = col.completed_months(
            birth[known], np.full(int(known.sum()), np.datetime64(persons.as_of))
        )
        inside = known.copy()
        if low is not None:
            inside &= months >= low
        if high is not None:
            inside &= months < high
        return inside

    return who


def any_seen_row(has: Callable[[Register], NDArray[np.bool_]]) -> Who:
    """Persons with a row up to ``as_of`` where ``has`` (a mask over rows)."""

    def who(persons: Persons) -> NDArray[np.bool_]:
        out = np.zeros(len(persons.birth), dtype=bool)
        register = persons.register
        out[register.person_codes()[persons.seen & has(register)]] = True
        return out

    return who


def either(*choices: Who) -> Who:
    """Persons any of ``choices`` looks at."""

    def who(persons: Persons) -> NDArray[np.bool_]:
        out = np.zeros(len(persons.birth), dtype=bool)
        for choice in choices:
            out |= choice(persons)
        return out

    return who
