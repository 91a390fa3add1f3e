"""The kesehatan reports: SKDN as a :class:`~posyandu_core.hookspecs.Report`.

The report wraps :func:`.skdn.skdn_report` unchanged; this module only lays
its result out as a table (one row per age band and sex, then the total).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from posyandu_core.hookspecs import Column, Option, Report, Table
from posyandu_core.register import Register, check_month, match_posyandu

__all__ = ["LIFECYCLE", "SKDN", "SKDN_COLUMNS", "build_lifecycle", "build_skdn"]

_COUNTS = (
    ("S", "S (sasaran balita)", "S (under-fives)"),
    ("K", "K (punya KIA/KMS)", "K (own a KIA/KMS)"),
    ("D", "D (ditimbang)", "D (weighed)"),
    ("N", "N (naik)", "N (gained)"),
    ("T", "T (tidak naik)", "T (no gain)"),
    ("O", "O (tidak ditimbang bulan lalu)", "O (not weighed last month)"),
    ("B", "B (baru)", "B (new)"),
    ("BGM", "BGM (bawah garis merah)", "BGM (below the red line)"),
    ("2T", "2T (dua kali tidak naik)", "2T (no gain twice)"),
    ("VITA_S", "sasaran vitamin A (Feb/Agu)", "vitamin A target (Feb/Aug)"),
    ("VITA_D", "diberi vitamin A", "vitamin A given"),
)
SKDN_COLUMNS = (
    Column(key="posyandu", label_id="posyandu", label_en="posyandu"),
    Column(key="month", label_id="bulan", label_en="month", kind="date"),
    Column(key="band", label_id="umur (bln)", label_en="age (months)"),
    Column(key="sex", label_id="JK", label_en="sex"),
    *(Column(key=k, label_id=i, label_en=e, kind="number") for k, i, e in _COUNTS),
)


def parse_month(text: str) -> Any:
    """Read ``YYYY-MM`` or ``MM/YYYY`` as a report month.

    Examples
    --------
    >>> str(parse_month("05/2025")), str(parse_month("2025-05"))
    ('2025-05', '2025-05')
    """
    from posyandu_core.plugins.kesehatan._month import Month

    month, slash, year = text.strip().partition("/")
    return Month.parse(f"{year}-{month}" if slash else text.strip())


def build_skdn(register: Register, options: Mapping[str, Any]) -> Table:
    """Build the SKDN table of ``options["month"]`` from a register."""
    from posyandu_core.plugins.kesehatan.growth_monitoring import (
        GrowthMonitoringConfig,
    )
    from posyandu_core.plugins.kesehatan.skdn import skdn_report
    from posyandu_core.plugins.kesehatan.text import render_skdn

    config = GrowthMonitoringConfig.from_data(kbm_variant=options.get("kbm"))
    check_month(register, str(options["month"]))
    report = skdn_report(
        register,
        options["month"],
        posyandu=match_posyandu(register, options.get("posyandu")),
        config=config,
    )
    where = {"posyandu": report.posyandu or "", "month": str(report.month)}
    rows = [
        {**where, "band": c.band, "sex": str(c.sex), **c.counts.to_dict()}
        for c in report.cells
    ]
    rows.append({**where, "band": "total", "sex": "", **report.total.to_dict()})
    # The ratios and the lists follow the counts in the text rendering.
    text = render_skdn(report).splitlines()
    notes = tuple(text[2 + len(report.cells) + 1 :])
    return Table(
        title_id=f"Laporan SKDN {report.month}",
        title_en=f"SKDN monthly report {report.month}",
        columns=SKDN_COLUMNS,
        rows=rows,
        notes=notes,
        data=report,
    )


SKDN = Report(
    id="skdn",
    title_id="Laporan bulanan SKDN",
    title_en="SKDN monthly report",
    build=build_skdn,
    options=(
        Option(
            name="month",
            type=parse_month,
            required=True,
            help="bulan laporan / report month, MM/YYYY or YYYY-MM",
        ),
        Option(name="posyandu", help="hanya Posyandu ini / only this Posyandu"),
        Option(
            name="kbm",
            help="varian tabel KBM / KBM table variant (default buku_kia_2023)",
        ),
    ),
)


def build_lifecycle(register: Register, options: Mapping[str, Any]) -> Table:
    """Build the life-cycle monthly counts (DOMAIN §7-§10) of ``options["month"]``."""
    from posyandu_core.plugins.kesehatan.screening.reports import (
        COLUMNS,
        lifecycle_monthly_report,
    )

    check_month(register, str(options["month"]))
    report = lifecycle_monthly_report(register, options["month"])
    kinds = {"count": "number", "denominator": "number"}
    return Table(
        title_id=f"Laporan bulanan siklus hidup {report.month}",
        title_en=f"Life-cycle monthly report {report.month}",
        columns=tuple(
            Column(key=k, label_id=i, label_en=e, kind=kinds.get(k, "text"))
            for k, (i, e) in COLUMNS.items()
        ),
        rows=report.to_rows(),
        data=report,
    )


LIFECYCLE = Report(
    id="siklus-hidup",
    title_id="Laporan bulanan siklus hidup (ibu hamil, nifas, dewasa, lansia)",
    title_en="Life-cycle monthly report (pregnancy, postpartum, adults, elderly)",
    build=build_lifecycle,
    options=(
        Option(
            name="month",
            type=parse_month,
            required=True,
            help="bulan laporan / report month, MM/YYYY or YYYY-MM",
        ),
    ),
)
