"""Sections of ``posyandu demo`` for growth monitoring, SKDN and immunization."""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter

import numpy as np

from posyandu_core.hookspecs import DemoSection
from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.register import Register


def _latest(register: Register) -> dt.date | None:
    dates = register.column("visit_date")  # from the column: no row objects
    dates = dates[~np.isnat(dates)]
    return dates.max().item() if len(dates) else None


def render_kms(register: Register) -> str:
    """Summarise N/T/O/B and follow-up findings of the latest month."""
    from posyandu_core.plugins.kesehatan._kms import B, N, O, T
    from posyandu_core.plugins.kesehatan.growth_monitoring import monitor_columns

    latest = _latest(register)
    if latest is None:
        return "no dated rows"
    month = Month.of(latest)
    columns, _ = monitor_columns(register)
    now = np.flatnonzero(columns.months.month == month.number)
    codes = np.bincount(columns.months.code[now], minlength=4)
    lines = [
        f"{len(columns)} child-months weighed; {month}: "
        + ", ".join(
            f"{k} {codes[c]}" for k, c in (("N", N), ("T", T), ("O", O), ("B", B))
        )
        + f", 2T {np.count_nonzero(columns.months.streak[now] >= 2)}"
        + f", BGM {np.count_nonzero(columns.below_red_line[now] == 1)}",
    ]
    flagged = now[columns.findings[now] != 0]
    for s in columns.statuses(flagged[:8]):
        refer = sorted({str(f.referral) for f in s.findings if f.referral})
        lines.append(
            f"  {s.name} ({s.age_months} bln) {s.code} {s.weight_kg} kg: "
            + ", ".join(f.code.removeprefix("pertumbuhan.") for f in s.findings)
            + (f" → rujuk {'/'.join(refer)}" if refer else "")
        )
    if len(flagged) > 8:
        lines.append(f"  … {len(flagged) - 8} more children with follow-up")
    return "\n".join(lines)


def render_skdn(register: Register) -> str:
    """Render the SKDN report of the register's latest month."""
    from posyandu_core.plugins.kesehatan.skdn import skdn_report
    from posyandu_core.plugins.kesehatan.text import render_skdn as render

    latest = _latest(register)
    if latest is None:
        return "no dated rows"
    return render(skdn_report(register, Month.of(latest)))


def render_immunization(register: Register) -> str:
    """Summarise IDL/IBL and the next open day's due/overdue list.

    Read from the records' arrays (``ImmunizationRecords``): no object per
    child and dose; the open-day list is :func:`.immunization.open_day_list`'s.
    """
    from posyandu_core.plugins.kesehatan.immunization import immunization_status

    latest = _latest(register)
    if latest is None:
        return "no dated rows"
    on = latest
    records = immunization_status(register, on)
    ages = records.age_months().tolist()
    states = zip(
        records.completeness("idl"), records.completeness("ibl"), ages, strict=True
    )
    idl: Counter[str] = Counter()
    ibl: Counter[str] = Counter()
    for idl_state, ibl_state, age in states:
        idl.update([str(idl_state)] if age >= 12 else [])
        ibl.update([str(ibl_state)] if age >= 24 else [])
    due, overdue = records.due_doses(), records.overdue_doses()
    lines = [
        f"{len(records)} children 0-60 months on {on}; "
        f"IDL (12+ months): {dict(sorted(idl.items()))}; "
        f"IBL (24+ months): {dict(sorted(ibl.items()))}",
        f"open day {on}: {len(due)} doses due, {len(overdue)} overdue (sweeping list)",
    ]
    issues = records.issue_codes()
    if issues:
        lines.append(
            "dose issues: " + ", ".join(f"{k} {v}" for k, v in sorted(issues.items()))
        )
    # The sweeping list's order (open_day_list): due date, name, person id, code.
    first = heapq.nsmallest(
        8,
        ((dose.due_on, *records.child(i)[1::-1], dose.code, i) for i, dose in overdue),
    )
    for due_on, name, _, code, i in first:
        _, _, parent, _ = records.child(i)
        lines.append(f"  {name} ({ages[i]} bln, ortu {parent}): {code} since {due_on}")
    return "\n".join(lines)


SECTIONS = (
    DemoSection(
        id="kesehatan.kms", title="KMS: growth monitoring", render=render_kms, order=40
    ),
    DemoSection(
        id="kesehatan.skdn", title="SKDN monthly report", render=render_skdn, order=41
    ),
    DemoSection(
        id="kesehatan.imunisasi",
        title="Immunization",
        render=render_immunization,
        order=42,
    ),
)
