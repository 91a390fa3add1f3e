"""Non-health cases (kasus): a resident's request moving through its workflow.

The workflow, the service level and the documents per case type are data
(``data/rules/kasus.toml``, DOMAIN.md §1.4). Working days come from a
:class:`WorkingCalendar`: Monday to Friday minus the holidays it holds and the
Posyandu's own closed days.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import numpy as np

from posyandu_core._data import load_rule_table
from posyandu_core.errors import CaseTransitionError, PosyanduError
from posyandu_core.model.bidang import Bidang


class CaseStatus(enum.StrEnum):
    """Steps of a non-health request (DOMAIN.md §1.4)."""

    DICATAT = "dicatat"  # recorded by the kader, documents collected
    DIVERIFIKASI = "diverifikasi"  # verified with Pemdes, field visit
    DIAJUKAN_PEMDES = "diajukan_pemdes"  # submitted to the village government
    DITERUSKAN_OPD = "diteruskan_opd"  # forwarded to the OPD / kecamatan
    DITINDAKLANJUTI = "ditindaklanjuti"  # followed up by the OPD
    SELESAI = "selesai"  # closed
    DITOLAK = "ditolak"  # rejected (e.g. anonymous report)
    DIBUKA_KEMBALI = "dibuka_kembali"  # reopened: the clock starts again

    @property
    def label_id(self) -> str:
        """Indonesian label (from the rule table)."""
        return str(_table()["workflow"]["labels"][self.value][0])

    @property
    def label_en(self) -> str:
        """English label (from the rule table)."""
        return str(_table()["workflow"]["labels"][self.value][1])


TERMINAL = frozenset({CaseStatus.SELESAI, CaseStatus.DITOLAK})


def _table() -> Mapping[str, Any]:
    return load_rule_table("kasus")


def allowed_moves(
    status: CaseStatus, table: Mapping[str, Any] | None = None
) -> frozenset[CaseStatus]:
    """Return the statuses a case in ``status`` may move to (the workflow table).

    Examples
    --------
    >>> sorted(allowed_moves(CaseStatus.SELESAI))
    [<CaseStatus.DIBUKA_KEMBALI: 'dibuka_kembali'>]
    """
    workflow = (table or _table())["workflow"]
    moves = {CaseStatus(s) for s in workflow["next"][status.value]}
    if status in TERMINAL and workflow["allow_reopen"]:
        moves.add(CaseStatus(workflow["reopen_status"]))
    return frozenset(moves)


@attrs.frozen(kw_only=True)
class WorkingCalendar:
    """Working days: Monday to Friday, minus holidays and closed days.

    Parameters
    ----------
    holidays : frozenset of date
        Days off for everyone (public holidays, cuti bersama).
    closed : mapping of str to frozenset of date
        Extra days each Posyandu (by registration number) is closed.
    source : str
        Where the holidays come from.
    years : frozenset of int
        The years the holidays cover; a date outside them raises instead of
        silently counting its holidays as working days. Empty: no check
        (weekends only, or holidays given by hand).
    """

    holidays: frozenset[dt.date] = frozenset()
    closed: Mapping[str, frozenset[dt.date]] = attrs.field(factory=dict)
    source: str = "none"
    years: frozenset[int] = frozenset()

    def _check(self, *days: dt.date) -> None:
        outside = sorted({d.year for d in days} - self.years) if self.years else []
        if outside:
            msg = (
                f"the working-day calendar does not cover {outside} "
                f"(it covers {sorted(self.years)})"
            )
            raise PosyanduError(
                msg,
                message_id=f"kalender hari kerja tidak mencakup tahun {outside} "
                f"(mencakup {sorted(self.years)})",
                fix="build it for every year of the cases, e.g. indonesia_calendar([2025, 2026, 2027])",
                fix_id="buat kalender untuk setiap tahun kasus, mis. "
                "indonesia_calendar([2025, 2026, 2027])",
            )

    _busdays: dict[str, np.busdaycalendar] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )

    def days_off(self, posyandu: str | None = None) -> list[np.datetime64]:
        """Return the non-weekend days off that apply to ``posyandu``, as numpy dates."""
        days = self.holidays | self.closed.get(posyandu or "", frozenset())
        return [np.datetime64(d, "D") for d in sorted(days)]

    def _busdaycal(self, posyandu: str | None) -> np.busdaycalendar:
        # Built once per Posyandu: reports ask the same calendar many times.
        key = posyandu or ""
        if key not in self._busdays:
            self._busdays[key] = np.busdaycalendar(holidays=self.days_off(posyandu))
        return self._busdays[key]

    def add(self, start: dt.date, days: int, posyandu: str | None = None) -> dt.date:
        """Return the date ``days`` working days after ``start``.

        A start on a day off counts from the next working day.

        Examples
        --------
        >>> WorkingCalendar().add(dt.date(2026, 3, 6), 5)  # Friday
        datetime.date(2026, 3, 13)
        """
        day = np.busday_offset(
            np.datetime64(start, "D"), days, roll="forward",
            busdaycal=self._busdaycal(posyandu),
        )  # fmt: skip
        result = dt.date.fromisoformat(str(day))
        self._check(start, result)
        return result

    def count(self, start: dt.date, end: dt.date, posyandu: str | None = None) -> int:
        """Count working days from ``start`` to ``end``: the same clock as :meth:`add`.

        ``count(start, add(start, n)) == n`` for every start and n; 0 when
        ``end`` is not after the first working day from ``start``.

        Examples
        --------
        >>> WorkingCalendar().count(dt.date(2026, 3, 7), dt.date(2026, 3, 16))
        5
        """
        self._check(start, end)
        cal = self._busdaycal(posyandu)
        first = np.busday_offset(
            np.datetime64(start, "D"), 0, roll="forward", busdaycal=cal
        )
        counted = np.busday_count(first, np.datetime64(end, "D"), busdaycal=cal)
        return max(0, int(counted))


def add_working_days(
    start: dt.date, days: int, holidays: frozenset[dt.date] = frozenset()
) -> dt.date:
    """Return the date ``days`` working days (Mon–Fri, not holidays) after ``start``.

    Examples
    --------
    >>> add_working_days(dt.date(2026, 3, 6), 5)  # a Friday
    datetime.date(2026, 3, 13)
    """
    return WorkingCalendar(holidays=holidays).add(start, days)


@attrs.frozen(kw_only=True)
class CaseEvent:
    """One dated step in a case's history and who took it."""

    status: CaseStatus = attrs.field(converter=CaseStatus)
    date: dt.date
    by: str = ""
    note: str = ""


@attrs.frozen(kw_only=True)
class Episode:
    """One run of a case from recording (or reopening) to its end.

    Parameters
    ----------
    start : date
        Recorded or reopened on.
    due : date
        ``start`` plus the service level in working days.
    sla_end : date or None
        When the Posyandu side was done (first ``ends_at`` status), if yet.
    working_days : int or None
        Working days from ``start`` to ``sla_end``.
    closed_on : date or None
        When the episode was closed (selesai) or rejected.
    closed_status : CaseStatus or None
        ``SELESAI`` or ``DITOLAK``.
    days_to_close : int or None
        Working days from ``start`` to ``closed_on``.
    """

    start: dt.date
    due: dt.date
    sla_end: dt.date | None
    working_days: int | None
    closed_on: dt.date | None
    closed_status: CaseStatus | None
    days_to_close: int | None

    @property
    def met_sla(self) -> bool | None:
        """Whether the Posyandu side finished by the due date (None: still open)."""
        return None if self.sla_end is None else self.sla_end <= self.due

    def overdue_on(self, on: dt.date) -> bool:
        """Whether the Posyandu side is late on ``on``: not done by then, past the due date.

        A case done late was overdue between its due date and the day it was
        done, not after (see :attr:`met_sla`).
        """
        not_done = self.sla_end is None or self.sla_end > on
        return not_done and self.start <= on and on > self.due


@attrs.frozen(kw_only=True)
class Case:
    """A request to a non-health bidang moving through its workflow.

    Parameters
    ----------
    id : str
        Case number.
    bidang : Bidang
        The canonical bidang.
    category : str
        The case type id (``data/rules/kasus.toml``), e.g. ``"perumahan.rtlh"``.
    requester_id : str or None
        Who asked (person id or name).
    submitted_on : date
        The day the kader recorded it (the service clock starts).
    documents : tuple of str
        Document codes collected (``ktp``, ``kk`` …).
    history : tuple of CaseEvent
        The steps after recording, in date order.
    posyandu : str or None
        Registration number (or name) of the Posyandu.
    household_id : str or None
        Nomor KK of the requester's household.
    recorded_by : str
        The kader who recorded it.
    """

    id: str
    bidang: Bidang = attrs.field(converter=Bidang)
    category: str
    requester_id: str | None
    submitted_on: dt.date
    documents: tuple[str, ...] = ()
    history: tuple[CaseEvent, ...] = ()
    posyandu: str | None = None
    household_id: str | None = None
    recorded_by: str = ""

    @property
    def case_type(self) -> str:
        """The case type id (same as ``category``)."""
        return self.category

    @property
    def status(self) -> CaseStatus:
        """The current status (the last event's, or DICATAT)."""
        return self.history[-1].status if self.history else CaseStatus.DICATAT

    @property
    def events(self) -> tuple[CaseEvent, ...]:
        """Every step, the recording included."""
        first = CaseEvent(
            status=CaseStatus.DICATAT, date=self.submitted_on, by=self.recorded_by
        )
        return (first, *self.history)

    def missing_documents(self) -> tuple[str, ...]:
        """Documents the case type requires that were not collected."""
        for kind in _table()["case_type"]:
            if kind["id"] == self.category:
                return tuple(d for d in kind["documents"] if d not in self.documents)
        return ()

    def sla_due(self, holidays: frozenset[dt.date] = frozenset()) -> dt.date:
        """Return the date by which the Posyandu side should be done (first episode)."""
        days = int(_table()["sla"]["working_days"])
        return add_working_days(self.submitted_on, days, holidays)

    def advance(
        self, status: CaseStatus | str, on: dt.date, note: str = "", *, by: str = ""
    ) -> Case:
        """Return the case moved to ``status`` on ``on`` by ``by``.

        Raises
        ------
        CaseTransitionError
            The workflow does not allow the move, or ``on`` is before the
            last step.
        """
        try:
            target = CaseStatus(status)
        except ValueError:
            known = ", ".join(s.value for s in CaseStatus)
            msg = f"case {self.id}: unknown status {status!r}"
            raise CaseTransitionError(
                msg,
                message_id=f"kasus {self.id}: status {status!r} tidak dikenal",
                field="status",
                value=status,
                fix=f"use one of {known}",
                fix_id=f"pakai salah satu dari {known}",
            ) from None
        allowed = allowed_moves(self.status)
        if target not in allowed:
            names = ", ".join(sorted(allowed))
            msg = f"case {self.id}: cannot go from {self.status} to {target}"
            raise CaseTransitionError(
                msg,
                message_id=f"kasus {self.id}: tidak bisa dari {self.status} ke {target}",
                field="status",
                value=str(target),
                fix=f"allowed next: {names or 'none'}",
                fix_id=f"langkah berikut yang boleh: {names or 'tidak ada'}",
            )
        last = self.events[-1].date
        if on < last:
            msg = f"case {self.id}: date {on} is before the last step {last}"
            raise CaseTransitionError(
                msg,
                message_id=f"kasus {self.id}: tanggal {on} sebelum langkah terakhir "
                f"{last}",
                field="tanggal",
                value=on.isoformat(),
                fix="record steps in date order",
                fix_id="catat langkah menurut urutan tanggal",
            )
        event = CaseEvent(status=target, date=on, by=by, note=note)
        return attrs.evolve(self, history=(*self.history, event))

    def episodes(self, calendar: WorkingCalendar | None = None) -> tuple[Episode, ...]:
        """Return the runs of this case from recording/reopening to closing.

        Working days use ``calendar`` (no holidays if None) with this case's
        Posyandu closed days.
        """
        cal = calendar or WorkingCalendar()
        sla = _table()["sla"]
        days, ends = int(sla["working_days"]), frozenset(sla["ends_at"])
        reopen = CaseStatus(_table()["workflow"]["reopen_status"])
        runs: list[list[CaseEvent]] = []
        for event in self.events:
            if not runs or event.status is reopen:
                runs.append([])
            runs[-1].append(event)
        return tuple(self._episode(run, cal, days, ends) for run in runs)

    def _episode(
        self,
        run: list[CaseEvent],
        cal: WorkingCalendar,
        days: int,
        ends: frozenset[str],
    ) -> Episode:
        start = run[0].date
        sla_end = next((e.date for e in run[1:] if e.status.value in ends), None)
        closed = next((e for e in run[1:] if e.status in TERMINAL), None)
        where = self.posyandu
        return Episode(
            start=start,
            due=cal.add(start, days, where),
            sla_end=sla_end,
            working_days=None if sla_end is None else cal.count(start, sla_end, where),
            closed_on=closed.date if closed else None,
            closed_status=closed.status if closed else None,
            days_to_close=None
            if closed is None
            else cal.count(start, closed.date, where),
        )


def case_types() -> dict[str, Mapping[str, Any]]:
    """Return the case types of ``kasus.toml`` by id."""
    return {t["id"]: t for t in _table()["case_type"]}


def replay(case: Case, events: Iterable[CaseEvent]) -> Case:
    """Return ``case`` with ``events`` applied in order through the workflow."""
    for event in events:
        case = case.advance(event.status, event.date, event.note, by=event.by)
    return case
