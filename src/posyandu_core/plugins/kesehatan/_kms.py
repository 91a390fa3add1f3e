"""Growth monitoring on the register's columns: every child-month in one pass.

The rules are those of :mod:`.growth_monitoring` (its module docstring);
this module computes them with numpy over the whole register — the month's
weighing, N/T/O/B, gains, KBM, 2T streaks, residence — and
``growth_monitoring`` turns the child-months asked for into
``MonthlyStatus`` objects. ``tests/speed/_reference.py`` holds
the row-by-row reference it is checked against.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core.plugins.kesehatan import _columns as col
from posyandu_core.register import Register
from posyandu_core.rules import Issue, Severity

#: Status codes by index (the order of ``GrowthCode``).
N, T, O, B = range(4)  # noqa: E741 - the KMS letters


@attrs.frozen(eq=False)
class ChildMonths:
    """Monitored child-months, sorted by person id then month (parallel arrays).

    ``pos`` is the register position of the weighing standing for the month,
    ``ident`` that of the row describing the person; ``prev_pos`` the
    weighing compared with (-1 when the status is not N or T); ``gain`` and
    ``kbm`` hold where ``has_gain``; ``month`` counts months since 1970-01.
    """

    pos: NDArray[np.intp]
    ident: NDArray[np.intp]
    month: NDArray[np.int64]
    age: NDArray[np.int64]
    code: NDArray[np.int64]
    gain: NDArray[np.int64]
    kbm: NDArray[np.int64]
    has_gain: NDArray[np.bool_]
    prev_pos: NDArray[np.intp]
    streak: NDArray[np.int64]
    extra: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.pos)

    def take(self, where: NDArray[Any]) -> ChildMonths:
        """Return the child-months selected by ``where`` (mask or positions)."""
        return ChildMonths(**{k: v[where] for k, v in attrs.asdict(self).items()})


def child_months(
    register: Register,
    *,
    kbm: tuple[tuple[int, int], ...],
    max_age_months: int,
    weighing_of_month: str,
    overrides: Mapping[tuple[str, str], Any],
    code_of: Callable[[Any], int],
) -> tuple[ChildMonths, list[Issue]]:
    """Return every monitored child-month of ``register`` and the issues found.

    ``kbm`` is the KBM table as ``(from_months, grams)`` ascending;
    ``code_of`` reads a manual override into a status index.
    """
    codes = register.person_codes()
    ident_of = col.identity(register)
    ident = ident_of[codes]
    birth = register.column("birth_date")[np.maximum(ident, 0)]
    visit = register.column("visit_date")
    weight = register.column("weight_kg")
    candidates = np.flatnonzero(~np.isnat(visit) & ~np.isnan(weight) & (ident >= 0))
    candidates = candidates[visit[candidates] >= birth[candidates]]
    age = col.completed_months(birth[candidates], visit[candidates])
    young = age < max_age_months
    candidates, age = candidates[young], age[young]
    rank = col.id_rank(register)[codes[candidates]]
    length = register.column("length_cm")[candidates]
    # Sorting on values, not on file position, keeps the choice among
    # same-day duplicates independent of row order.
    order = col.order_by(
        col.pair_key(rank, visit[candidates]),
        weight[candidates],
        np.where(np.isnan(length), 0.0, length),
        register.row_numbers[candidates],
    )
    w = candidates[order]
    rank, age = rank[order], age[order]
    days = visit[w].astype(np.int64)
    month = visit[w].astype("datetime64[M]").astype(np.int64)
    starts = _starts(rank, month)
    ends = np.append(starts[1:], len(w)) if len(w) else starts
    day = days[starts] if weighing_of_month == "first" else days[ends - 1]
    same = days == np.repeat(day, ends - starts)
    same_count = np.add.reduceat(same.astype(np.int64), starts) if len(w) else starts
    pick = starts if weighing_of_month == "first" else ends - same_count
    last_same = pick + same_count - 1
    issues = [
        _duplicate(register, w[pick[g] : last_same[g] + 1], weight)
        for g in np.flatnonzero(weight[w[last_same]] != weight[w[pick]])
    ]
    pos, month, rank = w[pick], month[starts], rank[starts]
    first = _starts_mask(rank)
    consecutive = ~first & (month - np.roll(month, 1) == 1)
    gain = np.rint((weight[pos] - weight[np.roll(pos, 1)]) * 1000).astype(np.int64)
    age = age[pick]
    starts_kbm = np.array([s for s, _ in kbm], dtype=np.int64)
    grams = np.array([g for _, g in kbm], dtype=np.int64)
    kbm_g = grams[np.maximum(np.searchsorted(starts_kbm, age, side="right") - 1, 0)]
    code = np.where(first, B, np.where(~consecutive, O, np.where(gain >= kbm_g, N, T)))
    if overrides:
        _override(register, pos, month, code, overrides, code_of)
    is_t = code == T
    run_start = is_t & (first | ~np.roll(is_t, 1))
    index = np.arange(len(pos))
    streak = np.where(
        is_t, index - np.maximum.accumulate(np.where(run_start, index, 0)) + 1, 0
    )
    compared = (code == N) | (code == T)
    months = ChildMonths(
        pos=pos,
        ident=ident[pos],
        month=month,
        age=age,
        code=code,
        gain=gain,
        kbm=kbm_g,
        has_gain=consecutive,
        prev_pos=np.where(compared, np.roll(pos, 1), -1),
        streak=streak,
        extra=ends - starts - 1,
    )
    # Months the child did not live here are not the Posyandu's (one residence rule).
    first_day = month.astype("datetime64[M]").astype("datetime64[D]")
    last_day = (month + 1).astype("datetime64[M]").astype("datetime64[D]") - 1
    resident = col.resident_between(
        register, codes[pos], first_day, last_day, undated=True
    )
    return months.take(resident), issues


def _starts(rank: NDArray[np.intp], month: NDArray[np.int64]) -> NDArray[np.intp]:
    """Positions where a new (person, month) group begins."""
    new = np.ones(len(rank), dtype=bool)
    new[1:] = (rank[1:] != rank[:-1]) | (month[1:] != month[:-1])
    return np.flatnonzero(new)


def _starts_mask(rank: NDArray[np.intp]) -> NDArray[np.bool_]:
    """Where a new person begins."""
    new = np.ones(len(rank), dtype=bool)
    new[1:] = rank[1:] != rank[:-1]
    return new


def _duplicate(
    register: Register, same_day: NDArray[np.intp], weight: NDArray[np.float64]
) -> Issue:
    pick = int(same_day[0])
    day = register.column("visit_date")[pick].item()
    kg = float(weight[pick])
    return Issue(
        severity=Severity.WARNING,
        code="pertumbuhan.duplicate_weighing",
        row=int(register.row_numbers[pick]),
        field="weight_kg",
        value=weight[same_day].tolist(),
        message_id=f"ditimbang beberapa kali pada {day} dengan berat berbeda; "
        f"dipakai {kg} kg",
        message_en=f"weighed several times on {day} with different weights; "
        f"{kg} kg is used",
        rule="kesehatan.pertumbuhan",
    )


def _override(
    register: Register,
    pos: NDArray[np.intp],
    month: NDArray[np.int64],
    code: NDArray[np.int64],
    overrides: Mapping[tuple[str, str], Any],
    code_of: Callable[[Any], int],
) -> None:
    """Apply manual N/T (the Buku KIA "follows the growth line" branch) in place."""
    people = {person for person, _ in overrides}
    ids = register.person_ids[pos]
    for i in np.flatnonzero(np.isin(ids, list(people))):
        year, index = divmod(int(month[i]), 12)
        manual = overrides.get((ids[i], f"{1970 + year:04d}-{index + 1:02d}"))
        if manual is not None and code[i] in (N, T):
            code[i] = code_of(manual)
