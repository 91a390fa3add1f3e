"""register_reports: a report the core lists and builds (``posyandu report ID``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from posyandu_core import api
from posyandu_core.cli import main
from posyandu_core.hookspecs import (
    Column,
    ColumnRows,
    Option,
    Registrar,
    Report,
    Table,
    hookimpl,
)
from posyandu_core.register import Register
from posyandu_core.register.sample import load_sample_register
from posyandu_core.testing import installed


def visits_per_month(register: Register, options: Mapping[str, Any]) -> Table:
    """Visits per month, optionally of one visit type."""
    kind = options["visit_type"]
    months = sorted(
        Counter(
            r.visit_date.strftime("%Y-%m")
            for r in register.rows
            if r.visit_date and (kind is None or r.visit_type == kind)
        ).items()
    )
    return Table(
        title_id="Kunjungan per bulan",
        title_en="Visits per month",
        columns=(
            Column(key="month", label_id="bulan", label_en="month"),
            Column(
                key="visits", label_id="kunjungan", label_en="visits", kind="number"
            ),
        ),
        # Rows as columns (a list per key), as a report of many rows gives them.
        rows=ColumnRows(
            {"month": [m for m, _ in months], "visits": [n for _, n in months]}
        ),
    )


class VisitsPlugin:
    @hookimpl
    def register_reports(self, register: Registrar[Report]) -> None:
        register(
            Report(
                id="kunjungan",
                title_id="Kunjungan per bulan",
                title_en="Visits per month",
                build=visits_per_month,
                options=(
                    Option(name="visit_type", help="hari_buka, kunjungan_rumah …"),
                ),
            )
        )


sample = load_sample_register()
with installed(VisitsPlugin()):
    table = api.report("kunjungan", sample, visit_type="hari_buka")
    assert sum(row["visits"] for row in table.rows) > 0
    # The same report through the command line, as CSV for a spreadsheet:
    assert main(["report"]) == 0  # lists skdn and kunjungan
    sample_csv = "src/posyandu_core/data/sample/register.csv"
    assert main(["report", "kunjungan", sample_csv, "--format", "csv"]) == 0
