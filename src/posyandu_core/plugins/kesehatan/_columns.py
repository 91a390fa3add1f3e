"""Per-person facts from the register's columns, one numpy pass for everyone.

The kesehatan services used to walk ``register.by_person()`` (a Python
object per row); these helpers answer the same questions on the columns:
rows in the order ``by_person()`` gives them (visit date, empty first, then
row number), the latest row of each person with a property, and ages.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from posyandu_core.model import completed_months_between
from posyandu_core.register import Register

T = TypeVar("T")


def chronological(register: Register) -> NDArray[np.intp]:
    """Return the register's positions by person code, visit date (empty first), row."""
    cached: NDArray[np.intp] | None = register.__dict__.get("_kesehatan_order")
    if cached is None:
        visit = register.column("visit_date")
        cached = order_by(
            pair_key(register.person_codes(), visit), register.row_numbers
        )
        register.__dict__["_kesehatan_order"] = cached
    return cached


def pair_key(
    codes: NDArray[np.integer[Any]], dates: NDArray[np.datetime64]
) -> NDArray[np.int64]:
    """One integer per (code, date) ordered as the pairs are, an empty date first."""
    days = dates.astype("datetime64[D]").astype(np.int64)
    known = ~np.isnat(dates)
    low = int(days[known].min()) - 1 if known.any() else 0
    days = np.where(known, days, low) - low  # NaT: 0, before every date
    span = int(days.max()) + 1 if len(days) else 1
    return codes.astype(np.int64) * span + days


def order_by(key: NDArray[np.int64], *ties: NDArray[Any]) -> NDArray[np.intp]:
    """Positions sorted by ``key``, then ``ties`` in turn, then position (stable).

    ``np.lexsort((*reversed(ties), key))``, with one integer sort for all
    and the lexicographic one only for the positions sharing a key.
    """
    order = np.argsort(key, kind="stable")
    if not ties or len(key) < 2:
        return order
    sorted_key = key[order]
    tie = sorted_key[1:] == sorted_key[:-1]
    if tie.any():
        tied = np.flatnonzero(np.append(tie, False) | np.append(False, tie))
        group = order[tied]
        order[tied] = group[
            np.lexsort((*(t[group] for t in reversed(ties)), sorted_key[tied]))
        ]
    return order


def latest_where(
    register: Register, mask: NDArray[np.bool_], n_persons: int
) -> NDArray[np.intp]:
    """Per person code, the position of the latest row where ``mask`` (else -1).

    "Latest" is the last in :func:`chronological` order, as ``by_person()``
    lists a person's rows.
    """
    order = chronological(register)
    chosen = order[mask[order]][::-1]  # latest first
    codes, first = np.unique(register.person_codes()[chosen], return_index=True)
    out = np.full(n_persons, -1, dtype=np.intp)
    out[codes] = chosen[first]
    return out


def n_persons(register: Register) -> int:
    """Return the number of distinct persons."""
    codes = register.person_codes()
    return int(codes.max()) + 1 if len(codes) else 0


def identity(register: Register) -> NDArray[np.intp]:
    """Per person code, the latest row stating sex and birth date (else -1).

    That row describes the person (name, parent, sex, birth date), as in the
    services' row-by-row rule ``next(r for r in reversed(rows) if r.sex and
    r.birth_date)``.
    """
    has = ~np.isnat(register.column("birth_date")) & present(register.column("sex"))
    return latest_where(register, has, n_persons(register))


def id_rank(register: Register) -> NDArray[np.intp]:
    """Per person code, its rank when persons are sorted by id (``sorted(ids)``)."""
    codes = register.person_codes()
    _, first = np.unique(codes, return_index=True)
    ids = register.person_ids[first]
    rank = np.empty(len(ids), dtype=np.intp)
    rank[np.argsort(ids, kind="stable")] = np.arange(len(ids))
    return rank


def completed_months(
    birth: NDArray[np.datetime64], on: NDArray[np.datetime64]
) -> NDArray[np.int64]:
    """Completed months from ``birth`` to ``on`` (DOMAIN.md §3.4); both dates set."""
    return completed_months_between(birth, on).astype(np.int64)


def is_none(column: NDArray[Any]) -> NDArray[np.bool_]:
    """Where an object column holds ``None``."""
    return np.asarray(np.equal(column, _NONE), dtype=np.bool_)  # one C comparison


_NONE = np.array(None, dtype=object)


def present(column: NDArray[Any]) -> NDArray[np.bool_]:
    """Where an object column holds a true value (``bool(cell)``: set, not empty)."""
    return np.asarray(column, dtype=object).astype(bool)  # bool() of each cell, in C


def resident_between(
    register: Register,
    persons: NDArray[np.integer[Any]],
    first: NDArray[np.datetime64],
    last: NDArray[np.datetime64],
    *,
    undated: bool,
) -> NDArray[np.bool_]:
    """Whether each person lives here on at least one day of ``first``–``last``.

    The register's one residence rule (``residence_of`` then
    ``resident_in_month``) on the person's rows visited up to ``last`` (and
    rows without a visit date when ``undated``). Only people with a move
    date are looked at one by one; everyone else is resident.
    """
    moved_in = register.column("moved_in_on")
    moved_out = register.column("moved_out_on")
    out = np.ones(len(persons), dtype=bool)
    moving = ~np.isnat(moved_in) | ~np.isnat(moved_out)
    if not moving.any():
        return out
    codes = register.person_codes()
    order = chronological(register)
    by_person = codes[order]
    lo = np.searchsorted(by_person, persons, side="left")
    hi = np.searchsorted(by_person, persons, side="right")
    visit = register.column("visit_date")
    for i in np.flatnonzero(np.isin(persons, codes[moving])):
        rows = order[lo[i] : hi[i]]
        seen = visit[rows] <= last[i]
        if undated:
            seen |= np.isnat(visit[rows])
        rows = rows[seen]
        ins = moved_in[rows][~np.isnat(moved_in[rows])]
        outs = moved_out[rows][~np.isnat(moved_out[rows])]
        if len(ins):
            came = ins.max()
            outs = outs[outs > came]
            if came > last[i]:
                out[i] = False
                continue
        out[i] = not len(outs) or first[i] < outs.min()
    return out


def remembered(register: Register, key: Hashable, compute: Callable[[], T]) -> T:
    """Return ``compute()``, computed once per register and ``key``.

    ``posyandu demo`` and ``posyandu findings`` ask the same register for
    the same KMS and immunization lists several times (each section, each
    service); registers do not change, and the results are frozen objects.
    """
    cache: dict[Hashable, Any] = register.__dict__.setdefault("_kesehatan_memo", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]  # type: ignore[no-any-return]


def recalled(register: Register, key: Hashable) -> Any:
    """Return what :func:`remembered` holds for ``register`` and ``key``, or None."""
    return register.__dict__.get("_kesehatan_memo", {}).get(key)
