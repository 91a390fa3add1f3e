"""register_rules: a row rule the core runs in ``validate_register``."""

from __future__ import annotations

from collections.abc import Iterator

from posyandu_core.hookspecs import Registrar, Rule, hookimpl
from posyandu_core.register import RegisterRow
from posyandu_core.register.sample import load_sample_register
from posyandu_core.rules import ROW, Issue, Severity, validate_register
from posyandu_core.testing import installed


def sunday_visit(row: RegisterRow) -> Iterator[Issue]:
    """A visit dated on a Sunday is worth a second look (a typo in the date?)."""
    if row.visit_date is not None and row.visit_date.isoweekday() == 7:
        yield Issue(
            severity=Severity.INFO,
            code="jadwal.minggu",
            row=row.row,
            field="visit_date",
            value=row.visit_date.isoformat(),
            message_id="kunjungan pada hari Minggu: periksa tanggalnya",
            message_en="visit on a Sunday: check the date",
        )


class SchedulePlugin:
    @hookimpl
    def register_rules(self, register: Registrar[Rule]) -> None:
        register(
            Rule(
                id="jadwal.minggu",
                target=ROW,
                check=sunday_visit,
                description="Visits on a Sunday",
            )
        )


with installed(SchedulePlugin()) as registry:
    issues = validate_register(load_sample_register(), registry=registry)
sundays = [i for i in issues if i.code == "jadwal.minggu"]
print(f"{len(issues)} issues, {len(sundays)} visits on a Sunday")
