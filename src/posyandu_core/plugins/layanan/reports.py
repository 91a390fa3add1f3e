"""Reports of the non-health bidang: the monthly case report and the bidang overview.

Pure functions: cases (and the registry, services, taxonomy) in, a
:class:`~posyandu_core.hookspecs.Table` out.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from posyandu_core.errors import UsageError
from posyandu_core.hookspecs import Option, Report, Service, Table
from posyandu_core.model import (
    Bidang,
    Case,
    CaseStatus,
    Episode,
    Posyandu,
    Taxonomy,
    WorkingCalendar,
)
from posyandu_core.model.case import case_types
from posyandu_core.plugins._files import columns, file_report
from posyandu_core.plugins.wilayah.hierarchy import (
    LEVEL_LABELS,
    ON,
    POSYANDU_FILE_OPTION,
    PosyanduRegistry,
    level_option,
    registry_from,
)
from posyandu_core.register import Register

__all__ = [
    "REPORTS",
    "bidang_group",
    "bidang_overview",
    "case_report",
    "overdue_report",
]

_COUNTED = {
    "received": CaseStatus.DICATAT,
    "verified": CaseStatus.DIVERIFIKASI,
    "forwarded": CaseStatus.DITERUSKAN_OPD,
    "closed": CaseStatus.SELESAI,
    "rejected": CaseStatus.DITOLAK,
    "reopened": CaseStatus.DIBUKA_KEMBALI,
}


def _services() -> Mapping[str, Service]:
    from posyandu_core.registry import get_registry

    return get_registry().services


def _taxonomy(taxonomy: Taxonomy | str) -> Taxonomy:
    if isinstance(taxonomy, Taxonomy):
        return taxonomy
    from posyandu_core.registry import get_registry

    return get_registry().taxonomies[taxonomy]


def bidang_group(
    case: Case, taxonomy: Taxonomy, services: Mapping[str, Service] | None = None
) -> str:
    """Return the id of the ``taxonomy`` label a case falls under.

    The case is placed where the taxonomy places its service (so a Bontang
    ``sosial.bansos`` case is *kesejahteraan keluarga*).
    """
    service_id = case_types().get(case.category, {}).get("service", "")
    service = (services if services is not None else _services()).get(service_id)
    tags = service.tags if service else frozenset()
    groups = taxonomy.groups_for(case.bidang, tags)
    return groups[0] if groups else case.bidang.value


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _month_end(month: str) -> dt.date:
    year, number = (int(p) for p in month.split("-"))
    first_next = dt.date(year + number // 12, number % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


@attrs.frozen(kw_only=True)
class CaseCounts:
    """One row of the case report: counts of one unit, month and bidang label."""

    unit: str
    month: str
    bidang: str
    received: int = 0
    verified: int = 0
    forwarded: int = 0
    closed: int = 0
    rejected: int = 0
    reopened: int = 0
    overdue: int = 0
    done_late: int = 0
    median_days_to_close: float | None = None


CASE_COLUMNS = columns(
    ("unit", "Wilayah", "Unit"),
    ("month", "Bulan", "Month"),
    ("bidang", "Bidang", "Field"),
    ("received", "Diterima", "Received"),
    ("verified", "Diverifikasi", "Verified"),
    ("forwarded", "Diteruskan ke OPD", "Forwarded to OPD"),
    ("closed", "Selesai", "Closed"),
    ("rejected", "Ditolak", "Rejected"),
    ("reopened", "Dibuka kembali", "Reopened"),
    ("overdue", "Terlambat (akhir bulan)", "Overdue (month end)"),
    ("done_late", "Selesai lewat batas", "Done past due"),
    ("median_days_to_close", "Median hari kerja sampai selesai", "Median working days to close"),
)  # fmt: skip


def case_report(
    cases: Iterable[Case],
    *,
    as_of: dt.date,
    months: Sequence[str] | None = None,
    taxonomy: Taxonomy | str = "permendagri-13-2024",
    level: str = "posyandu",
    registry: PosyanduRegistry | None = None,
    calendar: WorkingCalendar | None = None,
    services: Mapping[str, Service] | None = None,
) -> Table:
    """Count cases per unit, month and bidang label.

    Parameters
    ----------
    cases : iterable of Case
    as_of : date
        The report date: overdue is judged at the end of each month or on
        ``as_of``, whichever is earlier; later events are ignored.
    months : sequence of "YYYY-MM" or None
        Months to report (default: every month with an event).
    taxonomy : Taxonomy or id
        ``"permendagri-13-2024"`` (the six) or ``"bontang"`` (the city's labels).
    level : str
        Group by ``posyandu``, ``kelurahan``, ``kecamatan``, ``pustu``,
        ``puskesmas`` or ``kota``.
    registry, calendar, services
        The hierarchy, the working days, the registered services.

    Notes
    -----
    *received* counts recordings, *verified*/*forwarded*/*closed*/*rejected*/
    *reopened* count the steps dated in the month; *overdue* counts cases
    open on the Posyandu side past their due date at the month's end;
    *done_late* counts Posyandu-side handling finished in the month after the
    due date; the median counts working days from recording (or reopening)
    to closing, for cases closed in the month.
    """
    tax = _taxonomy(taxonomy)
    reg = registry or PosyanduRegistry()
    cal = calendar or WorkingCalendar()
    cells: dict[tuple[str, str, str], dict[str, int]] = defaultdict(
        lambda: defaultdict(int)
    )
    close_days: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    seen_months: set[str] = set()
    placed: list[tuple[str, str, tuple[Episode, ...]]] = []
    for case in cases:
        if case.submitted_on > as_of:
            continue
        visible = attrs.evolve(
            case, history=tuple(e for e in case.history if e.date <= as_of)
        )
        unit = reg.group_key(case.posyandu, level)
        label = bidang_group(case, tax, services)
        for event in visible.events:
            seen_months.add(_month(event.date))
            for key, status in _COUNTED.items():
                if event.status is status:
                    cells[(unit, _month(event.date), label)][key] += 1
        episodes = visible.episodes(cal)
        for episode in episodes:
            if episode.sla_end and not episode.met_sla:
                cells[(unit, _month(episode.sla_end), label)]["done_late"] += 1
            if episode.closed_on and episode.days_to_close is not None:
                close_days[(unit, _month(episode.closed_on), label)].append(
                    episode.days_to_close
                )
        placed.append((unit, label, episodes))
    wanted = sorted(months if months is not None else seen_months)
    for unit, label, episodes in placed:
        for month in wanted:
            judged = min(_month_end(month), as_of)
            if any(e.overdue_on(judged) for e in episodes):
                cells[(unit, month, label)]["overdue"] += 1
    rows = []
    for (unit, month, label), counts in sorted(cells.items()):
        if month not in wanted:
            continue
        days = close_days.get((unit, month, label))
        rows.append(
            CaseCounts(
                unit=unit,
                month=month,
                bidang=label,
                **counts,
                median_days_to_close=float(statistics.median(days)) if days else None,
            )
        )
    (unit_col,) = columns(("unit", *LEVEL_LABELS[level]))
    return Table(
        title_id=f"Laporan kasus bidang non-kesehatan per bulan ({tax.name})",
        title_en=f"Non-health cases per month ({tax.id})",
        columns=(unit_col, *CASE_COLUMNS[1:]),
        rows=tuple(attrs.asdict(r) for r in rows),
        data=tuple(rows),
        notes=(
            f"Hari kerja / working days: {cal.source}; batas layanan / service level from kasus.toml",
        ),
    )


def overdue_report(
    cases: Iterable[Case],
    *,
    on: dt.date,
    calendar: WorkingCalendar | None = None,
    registry: PosyanduRegistry | None = None,
) -> Table:
    """List the cases overdue on ``on``, most late first."""
    from posyandu_core.plugins.layanan.cases import overdue_cases

    reg = registry or PosyanduRegistry()
    found = overdue_cases(cases, on, calendar)
    rows = tuple(
        {
            "id": o.case.id,
            "posyandu": reg.group_key(o.case.posyandu, "posyandu"),
            "case_type": o.case.category,
            "status": o.case.status.value,
            "start": o.start,
            "due": o.due,
            "working_days_late": o.working_days_late,
            "missing_documents": o.case.missing_documents(),
        }
        for o in found
    )
    return Table(
        title_id=f"Kasus terlambat per {on}",
        title_en=f"Overdue cases on {on}",
        columns=columns(
            ("id", "No. kasus", "Case"),
            ("posyandu", "Posyandu", "Posyandu"),
            ("case_type", "Jenis kasus", "Case type"),
            ("status", "Status", "Status"),
            ("start", "Mulai", "Started"),
            ("due", "Batas", "Due"),
            ("working_days_late", "Hari kerja terlambat", "Working days late"),
            ("missing_documents", "Berkas kurang", "Missing documents"),
        ),
        rows=rows,
        data=tuple(found),
    )


def bidang_overview(
    posyandu: Posyandu,
    cases: Iterable[Case],
    *,
    as_of: dt.date,
    taxonomy: Taxonomy | str = "permendagri-13-2024",
    services: Mapping[str, Service] | None = None,
    calendar: WorkingCalendar | None = None,
    register: Register | None = None,
) -> Table:
    """Show what a Posyandu runs in each bidang label: services and case counts.

    Every label of the taxonomy gets a row, so the six (or Bontang's seven)
    are all shown, including those with no service registered yet. With a
    ``register``, the health label also counts the people seen in the month
    of ``as_of`` (labels the register cannot speak for, e.g. KB, stay empty).
    """
    tax = _taxonomy(taxonomy)
    registered = services if services is not None else _services()
    grouped = tax.group(registered.values())
    own = [
        c
        for c in cases
        if c.posyandu == posyandu.registration_number and c.submitted_on <= as_of
    ]
    cal = calendar or WorkingCalendar()
    served = _served(register, posyandu, as_of) if register is not None else None
    rows = []
    for group in tax.groups:
        mine = [c for c in own if bidang_group(c, tax, registered) == group.id]
        visible = [
            attrs.evolve(c, history=tuple(e for e in c.history if e.date <= as_of))
            for c in mine
        ]
        rows.append(
            {
                "bidang": group.id,
                "label": f"{group.label_id} / {group.label_en}",
                "enabled": any(posyandu.serves(b) for b in group.bidang),
                "services": tuple(s.name_id for s in grouped[group.id]),
                "cases": len(mine),
                "open": sum(
                    c.status not in (CaseStatus.SELESAI, CaseStatus.DITOLAK)
                    for c in visible
                ),
                "overdue": sum(
                    any(e.overdue_on(as_of) for e in c.episodes(cal)) for c in visible
                ),
                "served": served
                if group.bidang == {Bidang.KESEHATAN} and not group.service_tags
                else None,
            }
        )
    return Table(
        title_id=f"Ringkasan bidang {posyandu.name} per {as_of} ({tax.name})",
        title_en=f"Bidang overview of {posyandu.name} on {as_of} ({tax.id})",
        columns=columns(
            ("bidang", "Bidang", "Field"),
            ("label", "Nama", "Name"),
            ("enabled", "Aktif di Posyandu", "Enabled"),
            ("services", "Layanan", "Services"),
            ("cases", "Kasus", "Cases"),
            ("open", "Masih berjalan", "Open"),
            ("overdue", "Terlambat", "Overdue"),
            ("served", "Dilayani bulan ini (register)", "Seen this month (register)"),
        ),
        rows=tuple(rows),
    )


def _served(register: Register, posyandu: Posyandu, as_of: dt.date) -> int:
    names = {posyandu.registration_number, posyandu.name}
    return len(
        {
            r.person_id
            for r in register.rows
            if r.posyandu in names
            and r.visit_date is not None
            and (r.visit_date.year, r.visit_date.month) == (as_of.year, as_of.month)
            and r.visit_date <= as_of
        }
    )


# -- the reports ---------------------------------------------------------------------

_INPUTS = (
    Option(name="cases", required=True, help="berkas kasus / case file (kasus.csv or .xlsx)"),
    POSYANDU_FILE_OPTION,
    Option(name="closed_days", help="hari tutup Posyandu / Posyandu closed days (hari_tutup.csv)"),
    ON,
    Option(name="no_cuti_bersama", type=bool, default=False,
           help="hitung cuti bersama sebagai hari kerja / count collective leave as working days"),
)  # fmt: skip
_TAXONOMY = Option(
    name="taxonomy",
    default="permendagri-13-2024",
    help="label bidang / bidang labels: permendagri-13-2024 or bontang",
)


def _calendar(
    options: Mapping[str, Any], cases: Sequence[Case], registry: PosyanduRegistry
) -> WorkingCalendar:
    from posyandu_core.plugins.layanan.calendar import (
        indonesia_calendar,
        read_closed_days,
    )

    closed = (
        read_closed_days(options["closed_days"]) if options.get("closed_days") else {}
    )
    years = {d.year for c in cases for d in (c.submitted_on, options["on"])}
    years |= {y + 1 for y in years}
    return indonesia_calendar(
        years,
        cuti_bersama=not options.get("no_cuti_bersama"),
        closed={registry.number(k): v for k, v in closed.items()},
    )


def _checked_taxonomy(name: str) -> Taxonomy:
    from posyandu_core.registry import get_registry

    known = get_registry().taxonomies
    if name not in known:
        names = ", ".join(known)
        msg = f"unknown taxonomy {name!r}"
        raise UsageError(
            msg,
            message_id=f"taksonomi {name!r} tidak dikenal",
            field="taxonomy",
            value=name,
            fix=f"use one of {names}",
            fix_id=f"pakai salah satu dari {names}",
        )
    return known[name]


def _posyandu(key: str, registry: PosyanduRegistry, cases: Sequence[Case]) -> Posyandu:
    found = registry.find(key)
    if found is not None:
        return found
    if not registry.posyandu and any(c.posyandu == key for c in cases):
        return Posyandu(registration_number=key, name=key)
    msg = f"unknown Posyandu {key!r}"
    raise UsageError(
        msg,
        message_id=f"Posyandu {key!r} tidak dikenal",
        field="posyandu",
        value=key,
        fix="give --posyandu-file and a registration number",
        fix_id="beri --posyandu-file dan nomor registrasinya",
    )


def _build(report: str, register: Register, options: Mapping[str, Any]) -> Table:
    """Read the case file and the calendar once, then lay out ``report``."""
    from posyandu_core.plugins.layanan.cases import open_cases

    registry = registry_from(options)
    cases = open_cases(options["cases"], registry=registry)
    calendar = _calendar(options, cases, registry)
    on: dt.date = options["on"]
    if report == "terlambat":
        return overdue_report(cases, on=on, calendar=calendar, registry=registry)
    taxonomy = _checked_taxonomy(options["taxonomy"])
    if report == "laporan":
        return case_report(
            cases,
            as_of=on,
            months=options.get("month") or None,
            taxonomy=taxonomy,
            level=options["level"],
            registry=registry,
            calendar=calendar,
        )
    served = None
    if options.get("register"):
        from posyandu_core.register import read_register

        served = read_register(options["register"])
    table = bidang_overview(
        _posyandu(options["posyandu"], registry, cases),
        cases,
        as_of=on,
        taxonomy=taxonomy,
        calendar=calendar,
        register=served,
    )
    return attrs.evolve(table, register=served)


def _month_option(text: str) -> str:
    try:
        dt.date.fromisoformat(f"{text.strip()}-01")
    except ValueError:
        msg = f"{text!r} is not a month"
        raise UsageError(
            msg,
            message_id=f"{text!r} bukan bulan",
            fix="write YYYY-MM",
            fix_id="tulis YYYY-MM",
        ) from None
    return text.strip()


def _report(word: str, title_id: str, title_en: str, *extra: Option) -> Report:
    return file_report(
        "kasus", word, (title_id, title_en), build=_build, source="cases",
        options=(*_INPUTS, *extra),
    )  # fmt: skip


#: ``posyandu report kasus-…`` (aliases ``posyandu kasus laporan|terlambat|ringkasan``).
REPORTS = (
    _report("laporan", "Kasus per bulan: diterima, diverifikasi, diteruskan, selesai, terlambat, median hari",
            "Cases per month: received, verified, forwarded, closed, overdue, median days",
            Option(name="month", type=_month_option, multiple=True,
                   help="bulan laporan / report month YYYY-MM (default: every month)"),
            level_option(), _TAXONOMY),
    _report("terlambat", "Kasus lewat batas layanan 5 hari kerja",
            "Cases past their 5-working-day service level"),
    _report("ringkasan", "Ringkasan bidang satu Posyandu: layanan dan jumlah kasus",
            "Bidang overview of one Posyandu: services and case counts",
            Option(name="posyandu", required=True, help="nomor registrasi atau nama / registration number or name"),
            Option(name="register", help="register: hitung yang dilayani bulan ini / count the people seen in the month (kesehatan)"),
            _TAXONOMY),
)  # fmt: skip
