"""Recorded doses counted for every person of a register at once (numpy).

:mod:`.immunization` reads and counts one child at a time
(:func:`~.immunization.doses_from_cells`, :func:`~.immunization.count_doses`);
here the same rules run on arrays, one step per dose of a series for
everyone together. Only the ordinary doses go this way: a person with a
dose whose meaning depends on their history (a series spelling such as
"Polio"), a date written with ``@``, an unknown code, a code outside the
infant schedule (BIAS, Td) or an endemic-only antigen is *irregular* and the
callers evaluate them one by one, as before. Issues are built by the same
functions as the row-by-row path, for the flagged doses only, so their
texts and order are the same.
"""

from __future__ import annotations

import itertools
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core.plugins.kesehatan import _columns as col
from posyandu_core.plugins.kesehatan.schedule import (
    Dose,
    Duration,
    Schedule,
    normalise_spelling,
)
from posyandu_core.register import Register

Dates = NDArray[np.datetime64]
NAT = np.datetime64("NaT", "D")


def shift(dates: Dates, span: Duration | None) -> Dates:
    """:meth:`Duration.after` on an array of dates (NaT where ``span`` is None)."""
    if span is None:
        return np.full(len(dates), NAT)
    if span.unit in ("d", "w"):
        moved: Dates = dates + np.timedelta64(
            span.amount * (7 if span.unit == "w" else 1), "D"
        )
        return moved
    months = dates.astype("datetime64[M]")
    day = (dates - months).astype(np.int64)  # 0-based day of the month
    target = months + np.timedelta64(span.amount * (12 if span.unit == "y" else 1), "M")
    first = target.astype("datetime64[D]")
    length = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - first).astype(
        np.int64
    )
    shifted: Dates = first + np.minimum(day, length - 1).astype("timedelta64[D]")
    return shifted


def shift_each(
    dates: Dates, doses: NDArray[np.intp], spans: list[Duration | None]
) -> Dates:
    """``spans[doses[i]].after(dates[i])`` for each i (NaT where the span is None)."""
    out = np.full(len(dates), NAT)
    for d in np.unique(doses).tolist():
        chosen = doses == d
        out[chosen] = shift(dates[chosen], spans[d])
    return out


@attrs.frozen(eq=False)
class ScheduleArrays:
    """The schedule's doses as indices: series per antigen, numbers, spans."""

    schedule: Schedule
    antigens: tuple[str, ...]  # every antigen, schedule order
    series: NDArray[np.intp]  # antigen x slot -> dose index (-1 past the end)
    length: NDArray[np.intp]  # doses per antigen
    number: NDArray[np.intp]  # dose number of each dose

    @classmethod
    def of(cls, schedule: Schedule) -> ScheduleArrays:
        antigens = schedule.antigens(endemic={d.antigen for d in schedule.doses})
        index = {d.code: i for i, d in enumerate(schedule.doses)}
        width = max((len(schedule.series(a)) for a in antigens), default=0)
        series = np.full((len(antigens), max(width, 1)), -1, dtype=np.intp)
        for a, antigen in enumerate(antigens):
            for s, dose in enumerate(schedule.series(antigen)):
                series[a, s] = index[dose.code]
        return cls(
            schedule=schedule,
            antigens=antigens,
            series=series,
            length=np.array([len(schedule.series(a)) for a in antigens], dtype=np.intp),
            number=np.array([d.dose for d in schedule.doses], dtype=np.intp),
        )

    def spans(self, field: str) -> list[Duration | None]:
        """Each dose's span ``field`` (``"min_age"``, ``"max_age"`` …)."""
        return [getattr(d, field) for d in self.schedule.doses]

    @property
    def doses(self) -> tuple[Dose, ...]:
        return self.schedule.doses


@attrs.frozen(eq=False)
class DoseEntries:
    """The register's recorded doses of regular persons, one entry per dose kept.

    What :func:`~.immunization.doses_from_cells` keeps (the same dose on the
    same date once, the first in date, row and position order), sorted as
    :func:`~.immunization.count_doses` counts them: by person, antigen
    (schedule order), date, row and code.
    """

    person: NDArray[np.intp]
    date: Dates
    row: NDArray[np.int64]
    code: NDArray[np.intp]  # into ``codes`` (sorted: code order is string order)
    codes: tuple[str, ...]
    recorded: NDArray[Any]  # the spelling as written
    antigen: NDArray[np.intp]  # into ScheduleArrays.antigens
    number: NDArray[np.intp]  # the written dose number
    irregular: NDArray[np.bool_]  # per person code: evaluated one by one
    has_doses: NDArray[np.bool_]  # per person code: a row records doses


# A spelling's reading: (code, antigen index, written number), or None when
# the person is irregular (series spelling, unknown code, not infant schedule).
_Reading = tuple[str, int, int] | None


def _reading(text: str, arrays: ScheduleArrays) -> _Reading:
    schedule = arrays.schedule
    if "@" in text:
        return None
    key = normalise_spelling(text.strip())
    if key in schedule.series_aliases:
        return None
    code = schedule.canonical(text.strip())  # aliases first, then "DPT5"-style
    found = schedule.antigen_number(code) if code is not None else None
    if code is None or found is None or found[0] not in arrays.antigens:
        return None
    antigen = arrays.antigens.index(found[0])
    if schedule.series(found[0])[0].endemic_only:
        return None
    return code, antigen, found[1]


def dose_entries(register: Register, arrays: ScheduleArrays) -> DoseEntries:
    """Read every recorded dose of the register (see :class:`DoseEntries`)."""
    people = col.n_persons(register)
    irregular = np.zeros(people, dtype=bool)
    has_doses = np.zeros(people, dtype=bool)
    order = col.chronological(register)
    cells = register.column("immunizations")
    rows = order[col.present(cells[order])]
    # One entry per code written, in row order then position in the cell.
    lists = cells[rows].tolist()
    lengths = np.fromiter(map(len, lists), dtype=np.intp, count=len(lists))
    entry_row = np.repeat(np.arange(len(rows)), lengths)
    position = np.arange(len(entry_row)) - np.repeat(
        np.cumsum(lengths) - lengths, lengths
    )
    distinct: dict[str, int] = {}  # each spelling read once
    text = np.array(
        [
            distinct.setdefault(t, len(distinct))
            for t in itertools.chain.from_iterable(lists)
        ],
        dtype=np.intp,
    )
    texts = list(distinct)
    row_person = register.person_codes()[rows]
    has_doses[row_person] = True
    # A date written with "@" makes its person irregular; an undated row's
    # doses are left to the register rules, which report it.
    elsewhere = np.array(["@" in t for t in texts], dtype=bool)[text]
    irregular[row_person[entry_row[elsewhere]]] = True
    visits = register.column("visit_date")[rows].astype("datetime64[D]")
    taken = ~elsewhere & ~np.isnat(visits)[entry_row]
    entry_row, position, text = entry_row[taken], position[taken], text[taken]
    person = row_person[entry_row]
    readings = [_reading(t, arrays) for t in texts]
    unread = np.array([r is None for r in readings], dtype=bool)
    irregular[person[unread[text]]] = True
    keep = ~irregular[person]
    person, text = person[keep], text[keep]
    date = visits[entry_row[keep]]
    row = register.row_numbers[rows][entry_row[keep]]
    position = position[keep]
    recorded = np.array([t.strip() for t in texts], dtype=object)[text]
    fields = [r or ("", 0, 0) for r in readings]  # a kept spelling has its reading
    codes = tuple(sorted({fields[t][0] for t in np.unique(text).tolist()}))
    code_index = {c: i for i, c in enumerate(codes)}
    code = np.array([code_index.get(f[0], -1) for f in fields], dtype=np.intp)[text]
    antigen = np.array([f[1] for f in fields], dtype=np.intp)[text]
    number = np.array([f[2] for f in fields], dtype=np.intp)[text]
    # The same dose on the same date once: the first in date, row, position.
    first = np.lexsort((position, row, date, code, person))
    same = np.zeros(len(first), dtype=bool)
    if len(first):
        same[1:] = (
            (person[first][1:] == person[first][:-1])
            & (code[first][1:] == code[first][:-1])
            & (date[first][1:] == date[first][:-1])
        )
    kept = first[~same]
    # Counting order: person, antigen, then date, row and code (count_doses).
    kept = kept[
        np.lexsort((code[kept], row[kept], date[kept], antigen[kept], person[kept]))
    ]
    return DoseEntries(
        person=person[kept],
        date=date[kept],
        row=row[kept],
        code=code[kept],
        codes=codes,
        recorded=recorded[kept],
        antigen=antigen[kept],
        number=number[kept],
        irregular=irregular,
        has_doses=has_doses,
    )


@attrs.frozen(eq=False)
class Counted:
    """The counted doses (DOMAIN.md §6.3) of the entries chosen, in entry order.

    ``dose`` is the schedule dose each entry counts as (-1: past the end of
    the series); ``valid`` and ``ideal`` (timing IM-Ideal, else IM-Kejar);
    ``flagged`` entries carry issues (built by
    :func:`~.immunization.counted_issues`), ``problems`` says which (issue
    code -> where); ``previous`` / ``previous_on`` the counted dose before
    each entry.
    """

    entry: NDArray[np.intp]  # positions in DoseEntries
    date: Dates
    birth: Dates
    dose: NDArray[np.intp]
    valid: NDArray[np.bool_]
    ideal: NDArray[np.bool_]
    flagged: NDArray[np.bool_]
    problems: dict[str, NDArray[np.bool_]]
    previous: NDArray[np.intp]
    previous_on: Dates
    slot: NDArray[np.intp]


#: The issues counting finds, in the order of the arrays ``count`` fills.
PROBLEMS = (
    "imunisasi.extra_dose",
    "imunisasi.before_birth",
    "imunisasi.too_early",
    "imunisasi.too_soon",
    "imunisasi.too_old",
    "imunisasi.number_mismatch",
)


def count(
    entries: DoseEntries, arrays: ScheduleArrays, chosen: NDArray[np.intp], birth: Dates
) -> Counted:
    """Count the ``chosen`` entries (in entries order) with each one's birth date.

    Each antigen's doses fill its series in order: a dose before birth, too
    early or too soon after the previous counted one fills nothing; past
    the end of the series nothing is filled either.
    """
    person, antigen = entries.person[chosen], entries.antigen[chosen]
    date = entries.date[chosen]
    n = len(chosen)
    starts = np.ones(n, dtype=bool)
    starts[1:] = (person[1:] != person[:-1]) | (antigen[1:] != antigen[:-1])
    group = np.cumsum(starts) - 1
    first = np.flatnonzero(starts)
    step = np.arange(n) - first[group] if n else np.zeros(0, dtype=np.intp)
    slot = np.zeros(len(first), dtype=np.intp)
    last_dose = np.full(len(first), -1, dtype=np.intp)
    last_on = np.full(len(first), NAT)
    out_dose = np.full(n, -1, dtype=np.intp)
    out_slot = np.zeros(n, dtype=np.intp)
    valid = np.zeros(n, dtype=bool)
    ideal = np.zeros(n, dtype=bool)
    flagged = np.zeros(n, dtype=bool)
    problems = {code: np.zeros(n, dtype=bool) for code in PROBLEMS}
    previous = np.full(n, -1, dtype=np.intp)
    previous_on = np.full(n, NAT)
    min_age, interval = arrays.spans("min_age"), arrays.spans("min_interval")
    max_age, until = arrays.spans("max_age"), arrays.spans("ideal_until")
    for j in range(int(step.max()) + 1 if n else 0):
        at = np.flatnonzero(step == j)
        g, day, born = group[at], date[at], birth[at]
        s = slot[g]
        extra = s >= arrays.length[antigen[at]]
        d = arrays.series[antigen[at], np.minimum(s, arrays.length[antigen[at]] - 1)]
        before = day < born
        early = ~before & (day < shift_each(born, d, min_age))
        soon = ~before & (day < shift_each(last_on[g], d, interval))
        old = ~before & (day >= shift_each(born, d, max_age))
        ok = ~extra & ~before & ~early & ~soon
        mismatch = ok & (entries.number[chosen[at]] != arrays.number[d])
        out_dose[at] = np.where(extra, -1, d)
        out_slot[at] = s
        valid[at] = ok
        ideal[at] = ok & (day < shift_each(born, d, until))
        found = (
            extra,
            before & ~extra,
            early & ~extra,
            soon & ~extra,
            old & ~extra,
            mismatch,
        )
        for code, where in zip(PROBLEMS, found, strict=True):
            problems[code][at] = where
            flagged[at] |= where
        previous[at], previous_on[at] = last_dose[g], last_on[g]
        took = g[ok]
        slot[took] += 1
        last_dose[took], last_on[took] = d[ok], day[ok]
    return Counted(
        entry=chosen,
        date=date,
        birth=birth,
        dose=out_dose,
        valid=valid,
        ideal=ideal,
        flagged=flagged,
        problems=problems,
        previous=previous,
        previous_on=previous_on,
        slot=out_slot,
    )
