"""What the kesehatan services conclude: ``findings(register, as_of)`` for each.

Thin wrappers: growth monitoring's follow-up findings come from
:func:`.growth_monitoring.monitor_register` (rules in
``data/rules/pemantauan_pertumbuhan.toml``), immunization's from
:func:`.immunization.immunization_status` on the as-of date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np

from posyandu_core.model import Finding, FrozenMapping, Severity
from posyandu_core.register import Register

__all__ = ["growth_findings", "immunization_findings"]


def growth_findings(register: Register, as_of: dt.date) -> Iterator[Finding]:
    """Follow-up findings of each child's latest weighing on or before ``as_of``.

    Older months' findings are superseded by the latest one (a child who
    gained again is no longer "tidak naik").
    """
    from posyandu_core.plugins.kesehatan.growth_monitoring import monitor_columns

    columns, _ = monitor_columns(register)  # sorted by person, then month
    dated = np.flatnonzero(columns.dates <= np.datetime64(as_of))
    person = columns.person_codes[dated]
    latest = dated[np.append(person[1:] != person[:-1], True)] if len(dated) else dated
    yield from columns.findings_of(latest[columns.findings[latest] != 0])


def immunization_findings(register: Register, as_of: dt.date) -> Iterator[Finding]:
    """Yield a finding per overdue dose of each child on ``as_of`` (to sweep for)."""
    from posyandu_core.plugins.kesehatan.immunization import immunization_status

    records = immunization_status(register, as_of)
    # Children born the same day share their doses' due dates: each label once.
    labels: dict[tuple[str, dt.date], tuple[str, str, FrozenMapping]] = {}
    for i, dose in records.overdue_doses():  # from the arrays: no record built
        key = (dose.code, dose.due_on)
        if key not in labels:
            labels[key] = (
                f"Imunisasi {dose.label_id} terlambat (jadwal {dose.due_on})",
                f"{dose.label_en} overdue (due {dose.due_on})",
                FrozenMapping({"dose": dose.code, "due_on": dose.due_on.isoformat()}),
            )
        label_id, label_en, details = labels[key]
        yield Finding(
            code="imunisasi.terlambat",
            label_id=label_id,
            label_en=label_en,
            severity=Severity.WARNING,
            rule="kesehatan.imunisasi",
            person_id=records.child(i)[0],
            date=as_of,
            details=details,  # one mapping shared by the findings of a label
        )
