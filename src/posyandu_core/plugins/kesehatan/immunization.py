"""Immunization: each dose checked, what is due and overdue, IDL/IBL, Td WUS, BIAS.

Dates follow the schedule data (``imunisasi.toml``, DOMAIN.md §6.2). For every
dose of a series the library computes

* ``earliest`` — the first valid date:
  ``max(birth + earliest age, previous + min_interval)``; the earliest age is
  the national schedule's age by default (calendar months from the birth
  date), WHO's minimum age with ``load_schedule("who_minimum")``;
* ``due_on`` — the recommended date:
  ``max(birth + ideal_age, previous + min_interval)``;
* ``overdue_on`` — from when a missing dose is late (terlambat):
  ``max(birth + ideal_until, due_on)`` plus the schedule's grace days (the
  ``overdue_rule`` convention; ``"due_date"`` uses ``due_on`` instead);
* ``last_on`` — the first date it is no longer given (``max_age``), if any.

``previous`` is the date the previous dose of the series was given or, if it
is still missing, the date it is projected for (its due date, or the
evaluation date once that has passed).

**Doses count in date order** (DOMAIN.md §6.3 counts doses): the recorded
doses of an antigen are taken by date, whatever number was written, and each
valid one fills the next dose of the series. An invalid dose (before birth,
too early, too soon after the previous counted dose) fills nothing and the
next valid one — a repeat written with the same number or the next — takes
its place. The written spelling is kept (``recorded_as``); a written number
that differs from the dose it counts as is a warning
(``imunisasi.number_mismatch``); doses past the end of the series are
reported (``imunisasi.extra_dose``) and not counted.

Only a counted dose has a timing: ``IM-Ideal`` when given before ``birth +
ideal_until`` (HB-0: the day of birth or the next day, DOMAIN.md §15 #76),
else ``IM-Kejar`` (catch-up, §13.4). An invalid dose has none.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NamedTuple

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core.model import Sex, add_months, completed_months
from posyandu_core.plugins.kesehatan import _columns as col
from posyandu_core.plugins.kesehatan._doses import (
    NAT,
    PROBLEMS,
    Counted,
    DoseEntries,
    ScheduleArrays,
    count,
    dose_entries,
    shift,
)
from posyandu_core.plugins.kesehatan._lazy import LazySequence
from posyandu_core.plugins.kesehatan.growth_monitoring import last_month
from posyandu_core.plugins.kesehatan.schedule import (
    BiasDose,
    CompletenessSet,
    Dose,
    Duration,
    Schedule,
    load_schedule,
    normalise_spelling,
)
from posyandu_core.register import Register, RegisterRow
from posyandu_core.rules import Issue, Severity

__all__ = [
    "BiasDose",
    "CompletenessState",
    "CompletenessStatus",
    "DoseState",
    "DoseStatus",
    "DueEntry",
    "GivenDose",
    "ImmunizationRecord",
    "ImmunizationRecords",
    "TdStatus",
    "Timing",
    "bias_due",
    "check_dose",
    "doses_from_rows",
    "evaluate_child",
    "immunization_status",
    "open_day_list",
    "td_status",
]

_RULE = "kesehatan.imunisasi"
# Problems that make a recorded dose invalid (it does not count).
_INVALIDATING = frozenset(
    {"imunisasi.before_birth", "imunisasi.too_early", "imunisasi.too_soon"}
)


class DoseState(enum.StrEnum):
    """Where one scheduled dose stands on the evaluation date."""

    GIVEN = "diberikan"  # given
    NOT_YET = "belum_waktunya"  # not yet due
    DUE = "jatuh_tempo"  # due now, still within the ideal window
    OVERDUE = "terlambat"  # missed the ideal window: catch-up (kejar)
    WAITING = "menunggu_dosis_sebelumnya"  # the previous dose is still missing
    TOO_OLD = "lewat_batas_usia"  # past the maximum age: no longer given


class Timing(enum.StrEnum):
    """SATUSEHAT immunization-routine-timing codes (DOMAIN.md §13.4)."""

    IDEAL = "IM-Ideal"
    KEJAR = "IM-Kejar"


class CompletenessState(enum.StrEnum):
    """State of a completeness indicator (IDL, IBL …)."""

    LENGKAP = "lengkap"  # complete before the age limit
    LENGKAP_TERLAMBAT = "lengkap_terlambat"  # complete, but after the limit
    BELUM_LENGKAP = "belum_lengkap"  # not yet complete, limit not reached
    TIDAK_LENGKAP = "tidak_lengkap"  # limit passed, incomplete


@attrs.frozen(kw_only=True)
class GivenDose:
    """A recorded dose, read from the register and checked.

    ``code`` is the dose as written (canonical spelling) until the dose is
    evaluated; then it is the dose of the series it counts as (or, for an
    invalid dose, the dose it was meant to be). ``valid`` is False when the
    dose was given before birth, too early or too soon after the previous
    counted dose, or past the end of the series; invalid doses are reported
    as issues, do not count towards IDL/IBL and have no ``timing``.
    ``numbered`` is False for spellings without a dose number ("Polio").
    """

    code: str
    date: dt.date
    recorded_as: str
    row: int | None = None
    valid: bool = True
    timing: Timing | None = None
    numbered: bool = True


@attrs.frozen(kw_only=True)
class DoseStatus:
    """One scheduled dose of one child on the evaluation date."""

    code: str
    antigen: str
    dose: int
    label_id: str
    label_en: str
    state: DoseState
    earliest: dt.date
    due_on: dt.date
    overdue_on: dt.date
    last_on: dt.date | None = None
    given_on: dt.date | None = None
    valid: bool | None = None
    timing: Timing | None = None
    reason: str = "IM-Dasar"


@attrs.frozen(kw_only=True)
class CompletenessStatus:
    """IDL / IBL / IRL status of one child."""

    id: str
    label_id: str
    label_en: str
    state: CompletenessState
    missing: tuple[str, ...]
    completed_on: dt.date | None
    deadline: dt.date


@attrs.frozen(kw_only=True)
class ImmunizationRecord:
    """A child's immunization picture on one date.

    Parameters
    ----------
    person_id, name, parent_name : str
        Who (name and parent for kader lists).
    sex : Sex
    birth_date, on : datetime.date
        Birth date and evaluation date.
    doses : tuple of DoseStatus
        Every scheduled dose (endemic-only ones if switched on).
    given : tuple of GivenDose
        The recorded doses in date order, including ones outside the
        infant schedule (BIAS, Td).
    idl, ibl : CompletenessStatus
    issues : tuple of Issue
        Doses given too early, too soon, after the maximum age, unknown codes.
    """

    person_id: str
    name: str
    parent_name: str
    sex: Sex
    birth_date: dt.date
    on: dt.date
    doses: tuple[DoseStatus, ...]
    given: tuple[GivenDose, ...]
    idl: CompletenessStatus
    ibl: CompletenessStatus
    issues: tuple[Issue, ...] = ()
    posyandu: str | None = None

    @property
    def age_months(self) -> int:
        """Age in completed months on the evaluation date."""
        return completed_months(self.birth_date, self.on)

    @property
    def due(self) -> tuple[DoseStatus, ...]:
        """Doses due now (within their ideal window)."""
        return tuple(d for d in self.doses if d.state is DoseState.DUE)

    @property
    def overdue(self) -> tuple[DoseStatus, ...]:
        """Doses past their ideal window and not given (catch-up, for sweeping)."""
        return tuple(d for d in self.doses if d.state is DoseState.OVERDUE)

    def next_due(self) -> dict[str, dt.date]:
        """Return, per antigen, the due date of its next missing dose."""
        found: dict[str, dt.date] = {}
        for d in self.doses:
            if d.antigen in found or d.state in (DoseState.GIVEN, DoseState.TOO_OLD):
                continue
            found[d.antigen] = d.due_on
        return found


@attrs.frozen(kw_only=True)
class TdStatus:
    """Td (tetanus-diphtheria) status T0-T5 of a woman of childbearing age."""

    level: int
    from_screening: int
    last_dose_on: dt.date | None
    next_earliest: dt.date | None
    protected_until: dt.date | None
    issues: tuple[Issue, ...] = ()

    @property
    def label(self) -> str:
        """``"T0"`` … ``"T5"``."""
        return f"T{self.level}"


@attrs.frozen(kw_only=True)
class DueEntry:
    """One line of the open-day list: a child and a dose due or overdue."""

    person_id: str
    name: str
    parent_name: str
    birth_date: dt.date
    age_months: int
    posyandu: str | None
    code: str
    label_id: str
    state: DoseState
    due_on: dt.date


#: While a register's doses are checked: the register, so each issue is
#: made located (``Register.location``) instead of made twice.
_LOCATION: ContextVar[Register | None] = ContextVar("_LOCATION", default=None)


@contextmanager
def located_in(register: Register) -> Iterator[None]:
    """Within the block, dose issues carry ``register``'s sheet row and header."""
    token = _LOCATION.set(register)
    try:
        yield
    finally:
        _LOCATION.reset(token)


def _issue(
    severity: Severity,
    code: str,
    message_id: str,
    message_en: str,
    *,
    row: int | None = None,
    value: object = None,
) -> Issue:
    register = _LOCATION.get()
    sheet_row, header = (
        (None, None) if register is None else register.location(row, "immunizations")
    )
    return Issue(
        severity=severity,
        code=code,
        message_id=message_id,
        message_en=message_en,
        row=row,
        field="immunizations",
        value=value,
        rule=_RULE,
        sheet_row=sheet_row,
        header=header,
    )


def doses_from_rows(
    rows: Iterable[RegisterRow], *, schedule: Schedule | None = None
) -> tuple[list[GivenDose], list[Issue]]:
    """Read the doses recorded in a person's register rows.

    Each code in the ``immunizations`` cell is a dose given on the row's
    ``visit_date``; ``CODE@YYYY-MM-DD`` records a dose given elsewhere on
    that date (e.g. HB-0 at the birth facility, copied from the Buku KIA).
    Spellings are normalised through the schedule's aliases; a spelling
    without a dose number is the person's next dose of that series.

    Returns
    -------
    doses : list of GivenDose
        Sorted by date, then code. Every dose of an infant-schedule antigen
        is kept, repeats included (they count in date order when evaluated);
        the same dose written twice for the same date is kept once. Other
        codes (BIAS, Td, HPV) recorded twice are kept once (the earliest)
        and reported.
    issues : list of Issue
        Unknown codes, unreadable dates, duplicates.
    """
    return doses_from_cells(
        ((r.immunizations, r.visit_date, r.row) for r in rows),
        schedule or load_schedule(),
    )


#: One register row's doses: its ``immunizations`` cell, visit date and row number.
_Cell = tuple[tuple[str, ...], dt.date | None, int]


def doses_from_cells(
    cells: Iterable[_Cell], schedule: Schedule
) -> tuple[list[GivenDose], list[Issue]]:
    """:func:`doses_from_rows` on the rows' cells (in the person's row order)."""
    raw: list[tuple[dt.date, int, str, int]] = []
    issues: list[Issue] = []
    for codes, visit_date, row_no in cells:
        for position, text in enumerate(codes):
            spelling, _, when = text.partition("@")
            if when:
                try:
                    date = dt.date.fromisoformat(when.strip())
                except ValueError:
                    issues.append(
                        _issue(
                            Severity.ERROR,
                            "imunisasi.date",
                            f"tanggal imunisasi {when!r} tidak terbaca "
                            "(pakai YYYY-MM-DD)",
                            f"cannot read the dose date {when!r} (use YYYY-MM-DD)",
                            row=row_no,
                            value=text,
                        )
                    )
                    continue
            elif visit_date is not None:
                date = visit_date
            else:
                continue  # the row has no date: the register rules report it
            raw.append((date, position, spelling.strip(), row_no))
    # Resolve in date order so "Campak" after MR1 becomes MR2, whatever the
    # row order of the file.
    raw.sort(key=lambda x: (x[0], x[3] or 0, x[1]))
    kept: dict[tuple[str, dt.date], GivenDose] = {}
    first_of: dict[str, GivenDose] = {}
    for date, _, spelling, row_no in raw:
        code = schedule.canonical(spelling, given=first_of)
        if code is None:
            issues.append(
                _issue(
                    Severity.WARNING,
                    "imunisasi.unknown_code",
                    f"kode imunisasi {spelling!r} tidak dikenal",
                    f"unknown immunization code {spelling!r}",
                    row=row_no,
                    value=spelling,
                )
            )
            continue
        if (code, date) in kept:
            continue  # the same dose copied twice (row and Buku KIA date)
        earlier = first_of.get(code)
        if earlier is not None and schedule.antigen_number(code) is None:
            issues.append(
                _issue(
                    Severity.WARNING,
                    "imunisasi.duplicate",
                    f"{code} tercatat dua kali ({earlier.date} dan {date}); "
                    "dipakai yang pertama",
                    f"{code} recorded twice ({earlier.date} and {date}); "
                    "the first is used",
                    row=row_no,
                    value=spelling,
                )
            )
            continue
        given = GivenDose(
            code=code,
            date=date,
            recorded_as=spelling,
            row=row_no,
            numbered=normalise_spelling(spelling) not in schedule.series_aliases,
        )
        kept[(code, date)] = given
        first_of.setdefault(code, given)
    return sorted(kept.values(), key=lambda g: (g.date, g.code)), issues


def _bounds(
    dose: Dose, birth: dt.date, previous_on: dt.date | None, schedule: Schedule
) -> tuple[dt.date, dt.date, dt.date, dt.date | None]:
    after_previous = (
        dose.min_interval.after(previous_on)
        if previous_on is not None and dose.min_interval is not None
        else None
    )
    earliest = dose.min_age.after(birth)
    due = dose.ideal_age.after(birth)
    if after_previous is not None:
        earliest, due = max(earliest, after_previous), max(due, after_previous)
    late_from = (
        due
        if schedule.overdue_rule == "due_date"
        else max(dose.ideal_until.after(birth), due)
    )
    overdue = late_from + dt.timedelta(days=schedule.grace_days)
    last = dose.max_age.after(birth) if dose.max_age is not None else None
    return earliest, due, overdue, last


def _check_given(
    dose: Dose,
    date: dt.date,
    birth: dt.date,
    previous: GivenDose | None,
    has_previous_dose: bool,
    row: int | None,
    severity: Severity = Severity.WARNING,
) -> list[Issue]:
    """Check one dose; ``severity`` is ERROR for a requested dose (reject).

    A recorded dose given too early or too soon is a WARNING: the record is
    right, the practice was not; the dose is marked invalid (it may need
    repeating) and does not count towards IDL/IBL.
    """
    issues: list[Issue] = []
    on = str(date)  # each date formatted once: a register has many such doses
    if date < birth:
        issues.append(
            _issue(
                Severity.ERROR,
                "imunisasi.before_birth",
                f"{dose.code} tercatat {on}, sebelum tanggal lahir {birth}",
                f"{dose.code} recorded on {on}, before the birth date {birth}",
                row=row,
                value=on,
            )
        )
        return issues
    min_date = dose.min_age.after(birth)
    if date < min_date:
        age, earliest = str(dose.min_age), str(min_date)
        issues.append(
            _issue(
                severity,
                "imunisasi.too_early",
                f"{dose.code} diberikan {on}, sebelum usia minimal {age} ({earliest})",
                f"{dose.code} given on {on}, before the minimum age {age} ({earliest})",
                row=row,
                value=on,
            )
        )
    if previous is not None and dose.min_interval is not None:
        interval_date = dose.min_interval.after(previous.date)
        if date < interval_date:
            gap, after = str(dose.min_interval), f"{previous.code} ({previous.date})"
            soonest = str(interval_date)
            issues.append(
                _issue(
                    severity,
                    "imunisasi.too_soon",
                    f"{dose.code} diberikan {on}, kurang dari {gap} setelah "
                    f"{after}; paling cepat {soonest}",
                    f"{dose.code} given on {on}, less than {gap} after {after}; "
                    f"earliest {soonest}",
                    row=row,
                    value=on,
                )
            )
    elif has_previous_dose and previous is None:
        issues.append(
            _issue(
                Severity.INFO,
                "imunisasi.previous_missing",
                f"{dose.code} tercatat tetapi dosis sebelumnya tidak tercatat",
                f"{dose.code} is recorded but the previous dose of the series is not",
                row=row,
                value=dose.code,
            )
        )
    if dose.max_age is not None and date >= dose.max_age.after(birth):
        issues.append(
            _issue(
                Severity.WARNING,
                "imunisasi.too_old",
                f"{dose.code} diberikan {on}, melewati batas usia {dose.max_age}",
                f"{dose.code} given on {on}, past the maximum age {dose.max_age}",
                row=row,
                value=on,
            )
        )
    return issues


def check_dose(
    birth_date: dt.date,
    given: Iterable[tuple[str, dt.date]],
    code: str,
    on: dt.date,
    *,
    schedule: Schedule | None = None,
) -> list[Issue]:
    """Check whether dose ``code`` may be given on ``on`` (a requested dose).

    Parameters
    ----------
    birth_date : datetime.date
    given : iterable of (code, date)
        Doses already given (canonical codes or known spellings).
    code : str
        The dose to give.
    on : datetime.date
        The planned date.

    Returns
    -------
    list of Issue
        Empty if the dose may be given; errors for too early / too soon.

    Examples
    --------
    >>> [i.code for i in check_dose(dt.date(2025, 1, 10),
    ...     [("DPT-HB-Hib1", dt.date(2025, 3, 10))], "DPT-HB-Hib2", dt.date(2025, 3, 31)
    ... )]
    ['imunisasi.too_early', 'imunisasi.too_soon']
    """
    schedule = schedule or load_schedule()
    history: dict[str, GivenDose] = {}
    for spelling, date in given:
        canonical = schedule.canonical(spelling, given=history)
        if canonical is not None:
            history[canonical] = GivenDose(
                code=canonical, date=date, recorded_as=spelling
            )
    canonical = schedule.canonical(code, given=history)
    if canonical is None:
        return [
            _issue(
                Severity.ERROR,
                "imunisasi.unknown_code",
                f"kode imunisasi {code!r} tidak dikenal",
                f"unknown immunization code {code!r}",
                value=code,
            )
        ]
    dose = schedule.dose(canonical)
    prev = schedule.previous(dose)
    return _check_given(
        dose,
        on,
        birth_date,
        history.get(prev.code) if prev else None,
        prev is not None,
        None,
        Severity.ERROR,
    )


def _completeness(
    spec: CompletenessSet, birth: dt.date, on: dt.date, valid: Mapping[str, dt.date]
) -> CompletenessStatus:
    deadline = add_months(birth, spec.age_limit_months)
    missing = tuple(c for c in spec.required if c not in valid)
    completed = None if missing else max(valid[c] for c in spec.required)
    if completed is not None:
        state = (
            CompletenessState.LENGKAP
            if completed < deadline
            else CompletenessState.LENGKAP_TERLAMBAT
        )
    else:
        state = (
            CompletenessState.BELUM_LENGKAP
            if on < deadline
            else CompletenessState.TIDAK_LENGKAP
        )
    return CompletenessStatus(
        id=spec.id,
        label_id=spec.label_id,
        label_en=spec.label_en,
        state=state,
        missing=missing,
        completed_on=completed,
        deadline=deadline,
    )


def evaluate_child(
    *,
    birth_date: dt.date,
    sex: Sex,
    on: dt.date,
    given: Sequence[GivenDose] = (),
    person_id: str = "",
    name: str = "",
    parent_name: str = "",
    posyandu: str | None = None,
    endemic: Iterable[str] = (),
    schedule: Schedule | None = None,
    idl: str | None = None,
    ibl: str | None = None,
) -> ImmunizationRecord:
    """Evaluate one child's doses on date ``on``.

    Parameters
    ----------
    birth_date, sex, on
        The child and the evaluation date.
    given : sequence of GivenDose
        Recorded doses (see :func:`doses_from_rows`); doses after ``on`` are
        ignored, so the evaluation on a past date sees only that past.
    endemic : iterable of str
        Endemic-only antigens switched on (e.g. ``{"JE"}``).
    idl, ibl : str or None
        Completeness set ids (default: the schedule's configured ones).

    Returns
    -------
    ImmunizationRecord
    """
    schedule = schedule or load_schedule()
    counted, others, issues = count_doses(
        given, birth_date, on, schedule=schedule, endemic=endemic
    )
    statuses: list[DoseStatus] = []
    checked: list[GivenDose] = []
    for antigen, doses in counted.items():
        checked.extend(doses)
        by_slot = {g.code: g for g in doses if g.valid}
        statuses.extend(_dose_statuses(antigen, by_slot, birth_date, on, schedule))
    all_given = sorted([*checked, *others], key=lambda g: (g.date, g.code))
    valid_dates = {g.code: g.date for g in all_given if g.valid}
    return ImmunizationRecord(
        person_id=person_id,
        name=name,
        parent_name=parent_name,
        sex=sex,
        birth_date=birth_date,
        on=on,
        doses=tuple(statuses),
        given=tuple(all_given),
        idl=_completeness(
            schedule.completeness[idl or schedule.idl], birth_date, on, valid_dates
        ),
        ibl=_completeness(
            schedule.completeness[ibl or schedule.ibl], birth_date, on, valid_dates
        ),
        issues=tuple(issues),
        posyandu=posyandu,
    )


def count_doses(
    given: Iterable[GivenDose],
    birth_date: dt.date,
    on: dt.date,
    *,
    schedule: Schedule,
    endemic: Iterable[str] = (),
) -> tuple[dict[str, list[GivenDose]], list[GivenDose], list[Issue]]:
    """Count a child's recorded doses up to ``on`` (DOMAIN.md §6.3), without statuses.

    Returns the checked doses of each scheduled antigen (schedule order),
    the other doses (BIAS, Td, endemic antigens not switched on) and the
    issues; :func:`evaluate_child` adds what is due from them.
    """
    recorded: dict[str, list[GivenDose]] = {}
    others: list[GivenDose] = []
    for g in sorted(given, key=lambda g: (g.date, g.row or 0, g.code)):
        if g.date > on:
            continue
        found = schedule.antigen_number(g.code)
        if found is None:
            others.append(g)
        else:
            recorded.setdefault(found[0], []).append(g)
    counted: dict[str, list[GivenDose]] = {}
    issues: list[Issue] = []
    for antigen in schedule.antigens(endemic=set(endemic)):
        counted[antigen], found_issues = _count_doses(
            schedule.series(antigen), recorded.pop(antigen, []), birth_date, schedule
        )
        issues.extend(found_issues)
    for leftover in recorded.values():  # an endemic antigen not switched on
        others.extend(leftover)
    return counted, others, issues


def _count_doses(
    series: Sequence[Dose],
    records: Sequence[GivenDose],
    birth: dt.date,
    schedule: Schedule,
) -> tuple[list[GivenDose], list[Issue]]:
    """Fill the series with the valid doses in date order (DOMAIN.md §6.3)."""
    out: list[GivenDose] = []
    issues: list[Issue] = []
    previous: GivenDose | None = None
    slot = 0
    for record in records:
        if slot >= len(series):
            issues.append(_extra_dose(record, series))
            out.append(attrs.evolve(record, valid=False, timing=None))
            continue
        dose = series[slot]
        found = _check_given(
            dose,
            record.date,
            birth,
            previous,
            slot > 0,
            record.row,
        )
        issues.extend(found)
        if any(i.code in _INVALIDATING for i in found):
            out.append(attrs.evolve(record, code=dose.code, valid=False, timing=None))
            continue
        written = schedule.antigen_number(record.code)
        if record.numbered and written is not None and written[1] != dose.dose:
            issues.append(
                _number_mismatch(
                    record.recorded_as, str(record.date), record.row, dose, slot
                )
            )
        timing = (
            Timing.IDEAL
            if record.date < dose.ideal_until.after(birth)
            else Timing.KEJAR
        )
        counted = attrs.evolve(record, code=dose.code, valid=True, timing=timing)
        out.append(counted)
        previous = counted
        slot += 1
    return out, issues


def _extra_dose(record: GivenDose, series: Sequence[Dose]) -> Issue:
    return _issue(
        Severity.WARNING,
        "imunisasi.extra_dose",
        f"{record.recorded_as} ({record.date}): seri "
        f"{series[-1].antigen} sudah lengkap; dosis ini tidak dihitung",
        f"{record.recorded_as} ({record.date}): the "
        f"{series[-1].antigen} series is already complete; "
        "this dose is not counted",
        row=record.row,
        value=record.recorded_as,
    )


def _number_mismatch(
    recorded_as: str, on: str, row: int | None, dose: Dose, slot: int
) -> Issue:
    """``on``: the dose's date as ISO text (a big register formats each date once)."""
    head = f"{recorded_as} ({on})"
    tail_id, tail_en = _mismatch_tails(dose.code, dose.antigen, slot)
    return _issue(
        Severity.WARNING,
        "imunisasi.number_mismatch",
        head + tail_id,
        head + tail_en,
        row=row,
        value=recorded_as,
    )


@functools.cache
def _mismatch_tails(code: str, antigen: str, slot: int) -> tuple[str, str]:
    return (
        f" dihitung sebagai {code} (dosis sah ke-{slot + 1} {antigen})",
        f" counts as {code} (valid {antigen} dose number {slot + 1})",
    )


def _dose_statuses(
    antigen: str,
    by_slot: Mapping[str, GivenDose],
    birth: dt.date,
    on: dt.date,
    schedule: Schedule,
) -> Iterable[DoseStatus]:
    previous_on: dt.date | None = None
    previous_missing = False
    for dose in schedule.series(antigen):
        earliest, due, overdue, last = _bounds(dose, birth, previous_on, schedule)
        record = by_slot.get(dose.code)
        if record is not None:
            state = DoseState.GIVEN
            previous_on, previous_missing = record.date, False
        else:
            if last is not None and on >= last:
                state = DoseState.TOO_OLD
            elif previous_missing:
                state = DoseState.WAITING
            elif on < due:
                state = DoseState.NOT_YET
            elif on < overdue:
                state = DoseState.DUE
            else:
                state = DoseState.OVERDUE
            # Successors are projected from the day this dose can still
            # be given: its due date, or today once that has passed.
            previous_on = max(due, on)
            previous_missing = state is not DoseState.TOO_OLD
        yield DoseStatus(
            code=dose.code,
            antigen=dose.antigen,
            dose=dose.dose,
            label_id=dose.label_id,
            label_en=dose.label_en,
            state=state,
            earliest=earliest,
            due_on=due,
            overdue_on=overdue,
            last_on=last,
            given_on=record.date if record else None,
            valid=True if record else None,
            timing=record.timing if record else None,
            reason=dose.reason,
        )


def td_status(
    given: Iterable[GivenDose | tuple[str, dt.date]],
    on: dt.date,
    *,
    schedule: Schedule | None = None,
) -> TdStatus:
    """Return the Td status (T0-T5) of a woman from her documented doses.

    Childhood doses give a starting level through the screening steps of the
    schedule data (DPT-HB-Hib 1-3 = T2, + DPT-HB-Hib 4 = T3, + DT kelas 1 =
    T4, + Td kelas 2 = T5; [U], switchable). Each later Td dose (``Td``,
    ``TT``, ``Td1`` … ``Td5``) raises the level by one and must respect the
    interval after the previous level (DOMAIN.md §6.5). Spellings are read
    through the schedule's aliases, in any case (``"tt"``, ``"TT2"``,
    ``"td"``).

    Examples
    --------
    >>> s = td_status([("Td1", dt.date(2025, 1, 1))], dt.date(2025, 1, 2))
    >>> s.label, s.next_earliest
    ('T1', datetime.date(2025, 1, 29))
    """
    schedule = schedule or load_schedule()
    doses: list[tuple[str, dt.date, int | None]] = []
    seen: list[str] = []
    items = [
        (i.code, i.date, i.row) if isinstance(i, GivenDose) else (i[0], i[1], None)
        for i in given
    ]
    for spelling, date, row in sorted(items, key=lambda d: d[1]):
        # Any spelling the schedule knows ("TT", "td2", "dpt1") counts.
        code = schedule.canonical(spelling, given=seen) or spelling
        seen.append(code)
        if date <= on:
            doses.append((code, date, row))
    codes = {c for c, _, _ in doses}
    td_codes = set(schedule.series_aliases.get(normalise_spelling("Td"), ()))
    level, last = 0, None
    for step_level, requires in schedule.td_screening:
        if not set(requires) <= codes:
            break
        level = step_level
        last = max(d for c, d, _ in doses if c in requires)
    screened = level
    levels = {x.level: x for x in schedule.td_levels}
    issues: list[Issue] = []
    for code, date, row in doses:
        if code not in td_codes:
            continue
        if level >= max(levels):
            issues.append(
                _issue(
                    Severity.INFO,
                    "imunisasi.td_extra",
                    f"dosis Td {date} diberikan setelah status T5 (tidak diperlukan)",
                    f"Td dose on {date} given after status T5 (not needed)",
                    row=row,
                    value=code,
                )
            )
            continue
        spec = levels[level + 1]
        if last is not None and date < spec.min_interval.after(last):
            issues.append(
                _issue(
                    Severity.ERROR,
                    "imunisasi.too_soon",
                    f"Td untuk T{level + 1} diberikan {date}, kurang dari "
                    f"{spec.min_interval} setelah dosis sebelumnya ({last})",
                    f"Td for T{level + 1} given on {date}, less than "
                    f"{spec.min_interval} after the previous dose ({last})",
                    row=row,
                    value=code,
                )
            )
        level, last = level + 1, date
    next_earliest = None
    if level < max(levels):
        # T1 can be given any day; later levels wait for their interval.
        next_earliest = (
            on if last is None else levels[level + 1].min_interval.after(last)
        )
    protected = (
        add_months(last, 12 * levels[level].protection_years)
        if last is not None and level in levels and levels[level].protection_years
        else None
    )
    return TdStatus(
        level=level,
        from_screening=screened,
        last_dose_on=last,
        next_earliest=next_earliest,
        protected_until=protected,
        issues=tuple(issues),
    )


def bias_due(
    *, sex: Sex | str, grade: int, month: int, schedule: Schedule | None = None
) -> tuple[BiasDose, ...]:
    """Return the BIAS doses a pupil of ``grade`` gets in calendar ``month``.

    Examples
    --------
    >>> [d.code for d in bias_due(sex="P", grade=5, month=8)]
    ['HPV1']
    >>> [d.code for d in bias_due(sex="L", grade=5, month=8)]
    []
    """
    schedule = schedule or load_schedule()
    pupil_sex = Sex.parse(sex)
    return tuple(
        d
        for d in schedule.bias
        if d.grade == grade
        and d.month == month
        and (d.sex is None or d.sex is pupil_sex)
    )


class _Child(NamedTuple):  # a tuple: made for every child of a big register
    person_id: str
    name: str
    parent_name: str
    sex: Sex
    birth_date: dt.date
    posyandu: str | None
    code: int  # person code in the register


def _children(
    register: Register, on: dt.date, posyandu: str | None, max_months: int
) -> list[_Child]:
    """Return the children evaluated on ``on``, from the register's columns.

    Rows known on ``on`` (visited by then, or undated) decide: the latest
    one stating sex and birth date describes the child, the latest one's
    name is used, the latest Posyandu named; born by ``on``, resident on
    ``on`` (one residence rule) and younger than ``max_months``.
    """
    day = np.datetime64(on)
    visit = register.column("visit_date")
    known = np.isnat(visit) | (visit <= day)
    people = col.n_persons(register)
    birth_col = register.column("birth_date")
    ident = col.latest_where(
        register,
        known & ~np.isnat(birth_col) & col.present(register.column("sex")),
        people,
    )
    ident = ident[ident >= 0]
    persons = register.person_codes()[ident]
    birth = birth_col[ident]
    born = birth <= day
    ident, persons, birth = ident[born], persons[born], birth[born]
    young = col.completed_months(birth, np.full(len(birth), day)) < max_months
    ident, persons = ident[young], persons[young]
    days = np.full(len(persons), day)
    resident = col.resident_between(register, persons, days, days, undated=True)
    ident, persons = ident[resident], persons[resident]
    place = register.column("posyandu")
    where = col.latest_where(register, known & col.present(place), people)[persons]
    where_name = place[np.maximum(where, 0)].copy()
    where_name[where < 0] = None
    if posyandu is not None:
        chosen = where_name == posyandu
        ident, persons, where_name = ident[chosen], persons[chosen], where_name[chosen]
    latest = col.latest_where(register, known, people)[persons]
    names = register.column("name")
    return [
        _Child(person_id, name or own or "", parent or "", sex, birth_date, at, code)
        for person_id, name, own, parent, sex, birth_date, at, code in zip(
            register.person_ids[ident].tolist(),
            names[latest].tolist(),
            names[ident].tolist(),
            register.column("parent_name")[ident].tolist(),
            register.column("sex")[ident].tolist(),
            birth_col[ident].tolist(),
            where_name.tolist(),
            persons.tolist(),
            strict=True,
        )
    ]


def dose_cells(
    register: Register, only: NDArray[np.bool_] | None = None
) -> dict[int, list[_Cell]]:
    """Per person code, the rows recording doses, in ``by_person()`` order.

    ``only``: a mask over person codes, the persons wanted (default: all).
    """
    order = col.chronological(register)
    cells = register.column("immunizations")
    rows = order[col.present(cells[order])]
    if only is not None:
        rows = rows[only[register.person_codes()[rows]]]
    found: dict[int, list[_Cell]] = {}
    for person, codes, visit, row in zip(
        register.person_codes()[rows].tolist(),
        cells[rows].tolist(),
        register.column("visit_date")[rows].tolist(),
        register.row_numbers[rows].tolist(),
        strict=True,
    ):
        found.setdefault(person, []).append((codes, visit, row))
    return found


def immunization_status(
    register: Register,
    on: dt.date,
    *,
    posyandu: str | None = None,
    endemic: Iterable[str] = (),
    max_months: int | None = None,
    schedule: Schedule | None = None,
) -> ImmunizationRecords:
    """Evaluate every child in a register on date ``on``.

    Children are those with a birth date, younger than ``max_months``
    completed months on ``on``, seen on or before ``on`` and not moved out by
    then. Doses recorded after ``on`` are ignored. ``max_months`` defaults
    to the growth-monitoring boundary (``[age_range] last_month`` + 1 = 61:
    0–60 completed months, as on the KMS and in the SKDN report).

    Returns
    -------
    ImmunizationRecords
        A read-only list of ImmunizationRecord (equal to the list of the
        same records), sorted by posyandu, then name, then person id; each
        record is built when first read.
    """
    if max_months is None:
        max_months = last_month() + 1
    endemic = tuple(endemic)
    if schedule is None:  # the packaged schedule: the same answer every time
        key = ("imunisasi", on, posyandu, endemic, max_months)
        return col.remembered(
            register,
            key,
            lambda: _status(register, on, posyandu, endemic, max_months, None),
        )
    return _status(register, on, posyandu, endemic, max_months, schedule)


def _status(
    register: Register,
    on: dt.date,
    posyandu: str | None,
    endemic: tuple[str, ...],
    max_months: int,
    schedule: Schedule | None,
) -> ImmunizationRecords:
    packaged = schedule is None
    schedule = schedule or load_schedule()
    arrays = ScheduleArrays.of(schedule)
    entries = register_doses(register, arrays, packaged=packaged)
    children = _children(register, on, posyandu, max_months)
    codes = np.array([c.code for c in children], dtype=np.intp)
    regular = ~entries.irregular[codes]
    owner = np.full(len(entries.irregular), -1, dtype=np.intp)
    owner[codes[regular]] = np.flatnonzero(regular)
    births = np.array([c.birth_date for c in children], dtype="datetime64[D]")
    # Doses recorded after ``on`` are not seen on ``on``.
    of_entry = owner[entries.person]
    chosen = np.flatnonzero((of_entry >= 0) & (entries.date <= np.datetime64(on)))
    counted = count(entries, arrays, chosen, births[of_entry[chosen]])
    child = of_entry[chosen]
    table = _StatusTable.of(arrays, endemic, births, on, counted, child)
    order = sorted(
        range(len(children)),
        key=lambda i: (
            children[i].posyandu or "",
            children[i].name,
            children[i].person_id,
        ),
    )
    return ImmunizationRecords(
        on=on,
        endemic=endemic,
        children=[children[i] for i in order],
        regular=regular[order],
        table=table,
        index=np.asarray(order, dtype=np.intp),
        counted=_ByChild.of(entries, counted, child, len(children)),
        cells=dose_cells(register, only=entries.irregular),
    )


@attrs.frozen(eq=False)
class _ByChild:
    """The counted doses grouped by child: child ``i``'s are ``order[lo[i]:hi[i]]``."""

    entries: DoseEntries
    counted: Counted
    child: NDArray[np.intp]  # of each counted dose
    order: NDArray[np.intp]
    lo: NDArray[np.intp]
    hi: NDArray[np.intp]

    @classmethod
    def of(
        cls, entries: DoseEntries, counted: Counted, child: NDArray[np.intp], n: int
    ) -> _ByChild:
        order = np.argsort(child, kind="stable")
        sorted_child = child[order]
        children = np.arange(n)
        return cls(
            entries=entries,
            counted=counted,
            child=child,
            order=order,
            lo=np.searchsorted(sorted_child, children, side="left"),
            hi=np.searchsorted(sorted_child, children, side="right"),
        )

    def given(self, i: int, schedule: Schedule) -> list[GivenDose]:
        """Child ``i``'s counted doses as :class:`GivenDose`, in date and code order."""
        return self.given_of(self.order[self.lo[i] : self.hi[i]], schedule).get(i, [])

    def given_of(
        self, k: NDArray[np.intp], schedule: Schedule
    ) -> dict[int, list[GivenDose]]:
        """Per child, the counted doses at positions ``k``, in date and code order."""
        e = self.counted.entry[k]
        entries, doses = self.entries, schedule.doses
        found: dict[int, list[GivenDose]] = {}
        for child, code, dose, date, recorded, row, valid, ideal in zip(
            self.child[k].tolist(),
            entries.code[e].tolist(),
            self.counted.dose[k].tolist(),
            entries.date[e].tolist(),
            entries.recorded[e].tolist(),
            entries.row[e].tolist(),
            self.counted.valid[k].tolist(),
            self.counted.ideal[k].tolist(),
            strict=True,
        ):
            found.setdefault(child, []).append(
                GivenDose(
                    code=entries.codes[code] if dose < 0 else doses[dose].code,
                    date=date,
                    recorded_as=recorded,
                    row=row,
                    valid=valid,
                    timing=(Timing.IDEAL if ideal else Timing.KEJAR) if valid else None,
                )
            )
        for given in found.values():
            given.sort(key=lambda g: (g.date, g.code))
        return found

    def issues(self, i: int, arrays: ScheduleArrays) -> list[Issue]:
        """Child ``i``'s issues, in counting order."""
        k = np.sort(self.order[self.lo[i] : self.hi[i]])
        found = counted_issues(self.entries, self.counted, arrays, k)
        return next(iter(found.values()), [])


class _Missing(NamedTuple):
    """A dose not given, as the arrays know it: the dose and its due date.

    A tuple: a big register has close to a million of them.
    """

    dose: Dose
    due_on: dt.date

    @property
    def code(self) -> str:
        return self.dose.code

    @property
    def label_id(self) -> str:
        return self.dose.label_id

    @property
    def label_en(self) -> str:
        return self.dose.label_en


class ImmunizationRecords(LazySequence[ImmunizationRecord]):
    """What :func:`immunization_status` returns: the records, built when read.

    A list of :class:`ImmunizationRecord` (it compares equal to one), whose
    records are computed for every child at once as arrays and turned into
    objects only when asked for, once each.
    """

    def __init__(
        self,
        *,
        on: dt.date,
        endemic: tuple[str, ...],
        children: list[_Child],
        regular: NDArray[np.bool_],
        table: _StatusTable,
        index: NDArray[np.intp],
        counted: _ByChild,
        cells: dict[int, list[_Cell]],
    ) -> None:
        super().__init__(len(children))
        self._on, self._endemic, self._children = on, endemic, children
        self._regular, self._table, self._index = regular, table, index
        self._counted, self._cells = counted, cells
        # Every child's doses and issues, prepared together when all are read.
        self._all: tuple[dict[int, list[GivenDose]], dict[int, list[Issue]]] | None
        self._all = None

    def _prepare_all(self) -> None:
        # One pass over the arrays for every child instead of one per child.
        counted, table = self._counted, self._table
        everything = np.arange(len(counted.counted.entry))
        given = counted.given_of(everything, table.arrays.schedule)
        issues = counted_issues(counted.entries, counted.counted, table.arrays)
        table.prepare(np.fromiter(given, dtype=np.intp, count=len(given)))
        self._all = (given, issues)

    # -- the same answers from the arrays, for the reports (no object per dose)

    def overdue_doses(self) -> list[tuple[int, DoseStatus | _Missing]]:
        """Each overdue dose, as ``(record position, dose)``, in record and dose order.

        Regular children's doses come from the arrays (code, labels and due
        date only); the others' are their records' :class:`DoseStatus`.
        """
        return self._doses_in(DoseState.OVERDUE)

    def due_doses(self) -> list[tuple[int, DoseStatus | _Missing]]:
        """Each dose due now, as :meth:`overdue_doses`."""
        return self._doses_in(DoseState.DUE)

    def _doses_in(self, state: DoseState) -> list[tuple[int, DoseStatus | _Missing]]:
        table, regular = self._table, self._regular
        doses = table.arrays.schedule.doses
        chosen = table.state[self._index] == _STATES.index(state)
        chosen[~regular] = False
        rows, cols = np.nonzero(chosen)
        due = table.due[self._index[rows], cols].tolist()
        found: list[tuple[int, DoseStatus | _Missing]] = [
            (i, _Missing(doses[table.columns[k]], on))
            for i, k, on in zip(rows.tolist(), cols.tolist(), due, strict=True)
        ]
        for i in np.flatnonzero(~regular).tolist():
            found += [(i, d) for d in self[i].doses if d.state is state]
        found.sort(key=lambda x: x[0])  # stable: dose order kept
        return found

    def completeness(self, which: str) -> list[CompletenessState]:
        """Each record's ``idl`` or ``ibl`` state (``which``), in record order."""
        table = self._table
        schedule = table.arrays.schedule
        spec = schedule.completeness[schedule.idl if which == "idl" else schedule.ibl]
        index = {d.code: i for i, d in enumerate(schedule.doses)}
        wanted = [index.get(c, -1) for c in spec.required]
        births = table.births[self._index]
        completed = np.full(len(self), np.datetime64("0001-01-01", "D"))
        complete = np.ones(len(self), dtype=bool)
        for d in wanted:
            given = (
                table.given_on[self._index, d] if d >= 0 else np.full(len(self), NAT)
            )
            complete &= ~np.isnat(given)
            completed = np.where(complete, np.maximum(completed, given), completed)
        deadline = shift(births, Duration(spec.age_limit_months, "m"))
        day = np.datetime64(self._on)
        state = np.where(
            complete,
            np.where(completed < deadline, 0, 1),
            np.where(day < deadline, 2, 3),
        )
        names = (
            CompletenessState.LENGKAP,
            CompletenessState.LENGKAP_TERLAMBAT,
            CompletenessState.BELUM_LENGKAP,
            CompletenessState.TIDAK_LENGKAP,
        )
        found = [names[s] for s in state.tolist()]
        for i in np.flatnonzero(~self._regular).tolist():
            record = self[i]
            found[i] = (record.idl if which == "idl" else record.ibl).state
        return found

    def age_months(self) -> NDArray[np.int64]:
        """Each record's age in completed months on the evaluation date."""
        births = self._table.births[self._index]
        return col.completed_months(
            births, np.full(len(births), np.datetime64(self._on))
        )

    def issue_codes(self) -> Counter[str]:
        """How many issues of each code the records carry."""
        counted, regular = self._counted.counted, self._regular
        mine = np.zeros(len(counted.entry), dtype=bool)
        for i in np.flatnonzero(regular).tolist():
            row = int(self._index[i])
            mine[self._counted.order[self._counted.lo[row] : self._counted.hi[row]]] = (
                True
            )
        found: Counter[str] = Counter(
            {code: int(where[mine].sum()) for code, where in counted.problems.items()}
        )
        for i in np.flatnonzero(~regular).tolist():
            found.update(issue.code for issue in self[i].issues)
        return +found

    def summary(self) -> dict[str, list[Any]]:
        """Return what the ``imunisasi`` report prints of each record, as columns.

        Lists in record order keyed ``person_id``, ``name``, ``age_months``,
        ``given`` (codes in date order, ``!`` after a dose that does not
        count), ``due``, ``overdue`` (codes in schedule order), ``idl``,
        ``ibl`` (states) and ``issues`` (distinct codes, sorted), each text
        joined with ``;``. Regular children's come from the arrays (no
        record built); the others' from their records.
        """
        rows = self._index.tolist()
        given = [";".join(codes) for codes in self._given_texts()]
        issues = [";".join(sorted(codes)) for codes in self._issue_codes()]
        found = {
            "person_id": [c.person_id for c in self._children],
            "name": [c.name for c in self._children],
            "age_months": self.age_months().tolist(),
            "given": [given[r] for r in rows],
            "due": self._codes_in(DoseState.DUE),
            "overdue": self._codes_in(DoseState.OVERDUE),
            "idl": [str(s) for s in self.completeness("idl")],
            "ibl": [str(s) for s in self.completeness("ibl")],
            "issues": [issues[r] for r in rows],
        }
        for i in np.flatnonzero(~self._regular).tolist():
            r = self[i]
            found["given"][i] = ";".join(
                g.code + ("" if g.valid else "!") for g in r.given
            )
            found["due"][i] = ";".join(d.code for d in r.due)
            found["overdue"][i] = ";".join(d.code for d in r.overdue)
            found["issues"][i] = ";".join(sorted({x.code for x in r.issues}))
        return found

    def _given_texts(self) -> list[list[str]]:
        # Per table row, its counted doses' codes in date and code order,
        # "!" after a dose that does not count (as ``given`` lists them).
        by_child, doses = self._counted, self._table.arrays.schedule.doses
        counted, entries = by_child.counted, by_child.entries
        codes = [
            entries.codes[c] if d < 0 else doses[d].code
            for c, d in zip(
                entries.code[counted.entry].tolist(), counted.dose.tolist(), strict=True
            )
        ]
        texts = [
            c if ok else c + "!"
            for c, ok in zip(codes, counted.valid.tolist(), strict=True)
        ]
        position = {name: i for i, name in enumerate(sorted(set(codes)))}
        rank = np.fromiter(map(position.__getitem__, codes), np.intp, len(codes))
        dates = entries.date[counted.entry]
        order = np.lexsort((rank, dates, by_child.child)).tolist()
        found: list[list[str]] = [[] for _ in range(len(self._table.births))]
        child = by_child.child.tolist()
        for k in order:
            found[child[k]].append(texts[k])
        return found

    def _issue_codes(self) -> list[set[str]]:
        # Per table row, the codes of its counted doses' issues.
        by_child = self._counted
        found: list[set[str]] = [set() for _ in range(len(self._table.births))]
        for code, where in by_child.counted.problems.items():
            for row in by_child.child[where].tolist():
                found[row].add(code)
        return found

    def _codes_in(self, state: DoseState) -> list[str]:
        # Per record, the codes of its doses in ``state``, in schedule order.
        table = self._table
        doses = table.arrays.schedule.doses
        chosen = table.state[self._index] == _STATES.index(state)
        first, which = distinct_rows(chosen)
        texts = [
            ";".join(doses[table.columns[k]].code for k in np.flatnonzero(chosen[f]))
            for f in first.tolist()
        ]
        return [texts[w] for w in which.tolist()]

    def child(self, i: int) -> tuple[str, str, str, dt.date]:
        """Record ``i``'s person id, name, parent name and birth date (no record built)."""
        c = self._children[i]
        return c.person_id, c.name, c.parent_name, c.birth_date

    def _build(self, i: int) -> ImmunizationRecord:
        child, table = self._children[i], self._table
        schedule = table.arrays.schedule
        if not self._regular[i]:
            cells = self._cells.get(child.code, ())
            return _one_by_one(child, cells, self._on, self._endemic, schedule)
        row = int(self._index[i])
        if self._all is not None:
            given = self._all[0].get(row, [])
            issues = self._all[1].get(child.code, [])
        else:
            given = self._counted.given(row, schedule)
            issues = self._counted.issues(row, table.arrays)
        return table.record(
            row, child, self._on, given, issues, posyandu=child.posyandu
        )


def _one_by_one(
    child: _Child,
    cells: Iterable[_Cell],
    on: dt.date,
    endemic: tuple[str, ...],
    schedule: Schedule,
) -> ImmunizationRecord:
    """Evaluate a child with irregular doses alone (:mod:`._doses`)."""
    doses, read_issues = doses_from_cells(cells, schedule)
    record = evaluate_child(
        birth_date=child.birth_date,
        sex=child.sex,
        on=on,
        given=doses,
        person_id=child.person_id,
        name=child.name,
        parent_name=child.parent_name,
        posyandu=child.posyandu,
        endemic=endemic,
        schedule=schedule,
    )
    if read_issues:
        record = attrs.evolve(record, issues=(*read_issues, *record.issues))
    return record


def register_doses(
    register: Register, arrays: ScheduleArrays, *, packaged: bool
) -> DoseEntries:
    """Return the register's doses (:func:`._doses.dose_entries`), read once.

    Read once per set of columns they come from: the validation rule reads
    them, and the register the reader returns (a copy with its issues)
    shares those columns. Only with the packaged schedule (``packaged``):
    another schedule may spell doses otherwise.
    """
    if not packaged:
        return dose_entries(register, arrays)
    sources = (
        register.column("immunizations"),
        register.column("visit_date"),
        register.person_ids,
        register.row_numbers,
    )
    key = tuple(id(a) for a in sources)
    known = _READ_DOSES.get(key)
    if known is not None and all(
        ref() is a for ref, a in zip(known[0], sources, strict=True)
    ):
        return known[1]
    entries = dose_entries(register, arrays)
    _READ_DOSES[key] = ([weakref.ref(a) for a in sources], entries)
    weakref.finalize(sources[0], _READ_DOSES.pop, key, None)
    return entries


#: Doses already read, by the ids of the columns they come from (and weak
#: references that tell the columns are still those).
_READ_DOSES: dict[tuple[int, ...], tuple[list[weakref.ref[Any]], DoseEntries]] = {}


def distinct_rows(
    matrix: NDArray[np.bool_],
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Return the first row of each distinct row of ``matrix`` and each row's group.

    The groups of ``np.unique(matrix, axis=0)``, which sorts rows of booleans
    far slower: each row is read as one bit pattern (as bytes when wider
    than 62 columns).
    """
    rows, width = matrix.shape
    patterns = (
        matrix.astype(np.int64) @ (1 << np.arange(width, dtype=np.int64))
        if width < 63
        else np.packbits(matrix, axis=1).view(f"V{-(-width // 8)}")
    )
    _, first, which = np.unique(
        patterns.reshape(rows), return_index=True, return_inverse=True
    )
    return first, which.reshape(rows)


def counted_issues(
    entries: DoseEntries,
    counted: Counted,
    arrays: ScheduleArrays,
    among: NDArray[np.intp] | None = None,
) -> dict[int, list[Issue]]:
    """Per person code, the issues of the counted doses, in counting order.

    ``among``: only these positions of ``counted`` (sorted), default all.
    """
    schedule = arrays.schedule
    found: dict[int, list[Issue]] = {}
    k = np.flatnonzero(counted.flagged)
    if among is not None:
        k = among[counted.flagged[among]]
    e = counted.entry[k]
    # Most flagged doses only carry a written number that differs from the
    # count (a register started mid-series): no timing to check for those.
    timing = np.zeros(len(counted.flagged), dtype=bool)
    for problem in PROBLEMS:
        if problem != "imunisasi.number_mismatch":
            timing |= counted.problems[problem]
    texts: dict[dt.date, str] = {}  # each date's ISO text, made once
    for (
        person,
        code,
        date,
        recorded,
        row,
        antigen,
        d,
        slot,
        p,
        after,
        birth,
        valid,
        n,
        checked,
    ) in zip(
        entries.person[e].tolist(),
        entries.code[e].tolist(),
        entries.date[e].tolist(),
        entries.recorded[e].tolist(),
        entries.row[e].tolist(),
        entries.antigen[e].tolist(),
        counted.dose[k].tolist(),
        counted.slot[k].tolist(),
        counted.previous[k].tolist(),
        counted.previous_on[k].tolist(),
        counted.birth[k].tolist(),
        counted.valid[k].tolist(),
        entries.number[e].tolist(),
        timing[k].tolist(),
        strict=True,
    ):
        issues = found.setdefault(person, [])
        if d < 0:
            record = GivenDose(
                code=entries.codes[code], date=date, recorded_as=recorded, row=row
            )
            series = schedule.series(arrays.antigens[antigen])
            issues.append(_extra_dose(record, series))
            continue
        dose = schedule.doses[d]
        if checked:
            previous = (
                GivenDose(code=schedule.doses[p].code, date=after, recorded_as="")
                if p >= 0
                else None
            )
            issues.extend(_check_given(dose, date, birth, previous, slot > 0, row))
        if valid and n != dose.dose:
            on = texts.get(date) or texts.setdefault(date, str(date))
            issues.append(_number_mismatch(recorded, on, row, dose, slot))
    return found


_STATES = tuple(DoseState)


@attrs.frozen(eq=False)
class _StatusTable:
    """Every regular child's dose statuses on one date, as arrays (child x dose).

    :func:`_dose_statuses` for everyone at once; :meth:`record` builds one
    child's objects. Children without a counted dose share theirs with the
    children born the same day (the same answer).
    """

    arrays: ScheduleArrays
    columns: tuple[int, ...]  # dose indices, in evaluation order
    births: NDArray[np.datetime64]
    state: NDArray[np.int8]  # child x column, index into _STATES
    earliest: NDArray[np.datetime64]
    due: NDArray[np.datetime64]
    overdue: NDArray[np.datetime64]
    last: NDArray[np.datetime64]
    given_on: NDArray[np.datetime64]
    ideal: NDArray[np.bool_]
    shared: dict[Any, Any] = attrs.field(factory=dict)
    lists: dict[int, tuple[list[Any], ...]] = attrs.field(factory=dict)

    @classmethod
    def of(
        cls,
        arrays: ScheduleArrays,
        endemic: tuple[str, ...],
        births: NDArray[np.datetime64],
        on: dt.date,
        counted: Counted,
        child: NDArray[np.intp],
    ) -> _StatusTable:
        schedule = arrays.schedule
        index = {d.code: i for i, d in enumerate(schedule.doses)}
        columns = tuple(
            index[d.code]
            for a in schedule.antigens(endemic=set(endemic))
            for d in schedule.series(a)
        )
        n, width = len(births), len(schedule.doses)
        given_on = np.full((n, width), NAT)
        ideal = np.zeros((n, width), dtype=bool)
        ok = counted.valid
        given_on[child[ok], counted.dose[ok]] = counted.date[ok]
        ideal[child[ok], counted.dose[ok]] = counted.ideal[ok]
        shape = (n, len(columns))
        state = np.zeros(shape, dtype=np.int8)
        earliest, due, overdue, last = (np.full(shape, NAT) for _ in range(4))
        day = np.datetime64(on)
        grace = np.timedelta64(schedule.grace_days, "D")
        k = 0
        # Many doses share an age (2 months, 9 months …): shift the births once.
        from_birth: dict[Duration | None, NDArray[np.datetime64]] = {}

        def at_age(span: Duration | None) -> NDArray[np.datetime64]:
            if span not in from_birth:
                from_birth[span] = shift(births, span)
            return from_birth[span]

        for antigen in schedule.antigens(endemic=set(endemic)):
            previous_on = np.full(n, NAT)
            previous_missing = np.zeros(n, dtype=bool)
            for dose in schedule.series(antigen):
                after = shift(previous_on, dose.min_interval)
                first, on_due = (
                    at_age(dose.min_age).copy(),
                    at_age(dose.ideal_age).copy(),
                )
                later = ~np.isnat(after)
                first[later] = np.maximum(first[later], after[later])
                on_due[later] = np.maximum(on_due[later], after[later])
                late = (
                    on_due
                    if schedule.overdue_rule == "due_date"
                    else np.maximum(at_age(dose.ideal_until), on_due)
                )
                end = at_age(dose.max_age)
                given = given_on[:, index[dose.code]]
                has = ~np.isnat(given)
                too_old = ~has & ~np.isnat(end) & (day >= end)
                states = np.select(
                    [has, too_old, previous_missing, day < on_due, day < late + grace],
                    [
                        _STATES.index(s)
                        for s in (
                            DoseState.GIVEN,
                            DoseState.TOO_OLD,
                            DoseState.WAITING,
                            DoseState.NOT_YET,
                            DoseState.DUE,
                        )
                    ],
                    _STATES.index(DoseState.OVERDUE),
                )
                state[:, k] = states
                earliest[:, k], due[:, k] = first, on_due
                overdue[:, k], last[:, k] = late + grace, end
                # Successors are projected from the day this dose can still
                # be given: its due date, or today once that has passed.
                previous_on = np.where(has, given, np.maximum(on_due, day))
                previous_missing = ~has & ~too_old
                k += 1
        return cls(
            arrays=arrays,
            columns=columns,
            births=births,
            state=state,
            earliest=earliest,
            due=due,
            overdue=overdue,
            last=last,
            given_on=given_on,
            ideal=ideal,
        )

    def record(
        self,
        i: int,
        child: _Child,
        on: dt.date,
        given: list[GivenDose],
        issues: Iterable[Issue],
        *,
        posyandu: str | None,
    ) -> ImmunizationRecord:
        """Child ``i``'s record (its counted doses ``given``, their ``issues``)."""
        schedule = self.arrays.schedule
        valid = {g.code: g.date for g in given if g.valid}
        if valid:
            doses = self._statuses(i)
            idl = _completeness(
                schedule.completeness[schedule.idl], child.birth_date, on, valid
            )
            ibl = _completeness(
                schedule.completeness[schedule.ibl], child.birth_date, on, valid
            )
        else:  # nothing counted: as every child born that day
            key = child.birth_date
            if key not in self.shared:
                self.shared[key] = (
                    self._statuses(i),
                    _completeness(schedule.completeness[schedule.idl], key, on, valid),
                    _completeness(schedule.completeness[schedule.ibl], key, on, valid),
                )
            doses, idl, ibl = self.shared[key]
        return ImmunizationRecord(
            person_id=child.person_id,
            name=child.name,
            parent_name=child.parent_name,
            sex=child.sex,
            birth_date=child.birth_date,
            on=on,
            doses=doses,
            given=tuple(given),
            idl=idl,
            ibl=ibl,
            issues=tuple(issues),
            posyandu=posyandu,
        )

    def prepare(self, rows: NDArray[np.intp]) -> None:
        """Turn the arrays of children ``rows`` into Python values at once."""
        columns = (self.given_on, self.ideal, self.state, self.earliest, self.due)
        found = [c[rows].tolist() for c in (*columns, self.overdue, self.last)]
        for n, row in enumerate(rows.tolist()):
            self.lists[row] = tuple(values[n] for values in found)

    def _statuses(self, i: int) -> tuple[DoseStatus, ...]:
        doses = self.arrays.schedule.doses
        if i not in self.lists:
            self.prepare(np.array([i]))
        given_on, ideal, states, earliest, due, overdue, last = self.lists.pop(i)
        out = []
        for d, state, first, on_due, late, end in zip(
            self.columns, states, earliest, due, overdue, last, strict=True
        ):
            dose, given = doses[d], given_on[d]
            out.append(
                DoseStatus(
                    code=dose.code,
                    antigen=dose.antigen,
                    dose=dose.dose,
                    label_id=dose.label_id,
                    label_en=dose.label_en,
                    state=_STATES[state],
                    earliest=first,
                    due_on=on_due,
                    overdue_on=late,
                    last_on=end,
                    given_on=given,
                    valid=True if given else None,
                    timing=(Timing.IDEAL if ideal[d] else Timing.KEJAR)
                    if given
                    else None,
                    reason=dose.reason,
                )
            )
        return tuple(out)


def open_day_list(
    register: Register,
    on: dt.date,
    *,
    posyandu: str | None = None,
    endemic: Iterable[str] = (),
    schedule: Schedule | None = None,
) -> list[DueEntry]:
    """Return who is due and who is overdue on the next open day ``on``.

    Overdue children are the kader's sweeping list. Sorted overdue first,
    then by due date and name.
    """
    entries = []
    for record in immunization_status(
        register, on, posyandu=posyandu, endemic=endemic, schedule=schedule
    ):
        for dose in (*record.overdue, *record.due):
            entries.append(
                DueEntry(
                    person_id=record.person_id,
                    name=record.name,
                    parent_name=record.parent_name,
                    birth_date=record.birth_date,
                    age_months=record.age_months,
                    posyandu=record.posyandu,
                    code=dose.code,
                    label_id=dose.label_id,
                    state=dose.state,
                    due_on=dose.due_on,
                )
            )
    order = {DoseState.OVERDUE: 0, DoseState.DUE: 1}
    return sorted(
        entries, key=lambda e: (order[e.state], e.due_on, e.name, e.person_id, e.code)
    )
