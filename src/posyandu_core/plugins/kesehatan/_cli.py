"""The ``posyandu kms``, ``posyandu report`` and ``posyandu imunisasi`` commands."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from posyandu_core.growth import category_table
from posyandu_core.hookspecs import Command
from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.plugins.kesehatan.growth_monitoring import (
    GrowthMonitoringConfig,
    monitor_register,
)
from posyandu_core.plugins.kesehatan.immunization import (
    ImmunizationRecord,
    immunization_status,
    open_day_list,
)
from posyandu_core.plugins.kesehatan.skdn import (
    SkdnReport,
    read_skdn_csv,
    skdn_report,
)
from posyandu_core.register import Register, read_register
from posyandu_core.rules import Issue, has_errors

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _usage_error(message: str) -> int:
    sys.stderr.write(f"posyandu: error: {message}\n")
    return EXIT_USAGE


def _read(path: str) -> Register:
    """Read a register; cells that cannot be read are reported on stderr.

    The services run without those cells (a weight that cannot be read is a
    month not weighed), so the command then exits 1 even though it prints
    its results.
    """
    register = read_register(path)
    _report(register.issues)
    if register.issues:
        sys.stderr.write(
            f"posyandu: {len(register.issues)} cells of {path} could not be read and "
            "were left out; `posyandu validate` lists every issue\n"
        )
    return register


def _report(issues: Iterable[Issue]) -> None:
    for issue in issues:
        sys.stderr.write(issue.describe() + "\n")


def _exit(register: Register) -> int:
    return EXIT_DATA if has_errors(register.issues) else EXIT_OK


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")


def _json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    sys.stdout.write(out.getvalue())


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Print rows as an aligned text table under a header line."""
    cells = [list(header)] + [
        ["" if v is None else str(v) for v in row] for row in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        _out("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _z(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


# -- posyandu kms --------------------------------------------------------------


def configure_kms(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``posyandu kms``."""
    parser.add_argument("register", help="register CSV")
    parser.add_argument("--format", choices=("text", "csv", "json"), default="text")
    parser.add_argument("--kbm", help="KBM table variant (default: buku_kia_2023)")
    parser.add_argument("--posyandu", help="only this Posyandu")


def run_kms(args: argparse.Namespace) -> int:
    """One row per child per month: N/T/O/B, 2T, red line, faltering, findings."""
    config = GrowthMonitoringConfig.from_data(kbm_variant=args.kbm)
    register = _read(args.register)
    statuses, issues = monitor_register(register, config=config)
    if args.posyandu:
        statuses = [s for s in statuses if s.posyandu == args.posyandu]
    if args.format == "json":
        _json(
            {
                "kbm": config.kbm.variant,
                "months": [s.to_dict() for s in statuses],
                "issues": [i.to_dict() for i in issues],
            }
        )
        return _exit(register)
    _report(issues)
    header = (
        "person_id", "name", "posyandu", "month", "date", "age_months", "weight_kg",
        "status", "gain_g", "kbm_g", "2T", "bgm", "above_orange", "weight_faltering",
        "faltering_threshold_g", "faltering_who_row", "waz", "haz", "whz", "findings", "referral",
    )  # fmt: skip
    rows = [
        (
            s.person_id, s.name, s.posyandu, s.month, s.date, s.age_months, s.weight_kg,
            s.code, s.gain_g, s.kbm_g, "y" if s.two_t else "",
            _flag(s.below_red_line),
            _flag(s.above_orange_line),
            _flag(s.weight_faltering),
            s.faltering_threshold_g, s.faltering_who_row,
            _z(s.anthro.waz), _z(s.anthro.haz), _z(s.anthro.whz),
            ";".join(f.code.removeprefix("pertumbuhan.") for f in s.findings),
            ";".join(sorted({str(f.referral) for f in s.findings if f.referral})),
        )
        for s in statuses
    ]  # fmt: skip
    if args.format == "csv":
        _csv(header, rows)
    else:
        _table(header, rows)
    return _exit(register)


def _flag(value: bool | None) -> str:
    return "" if value is None else ("y" if value else "n")


# -- posyandu report skdn ------------------------------------------------------


def configure_report(parser: argparse.ArgumentParser) -> None:
    """Add ``posyandu report skdn`` and ``posyandu report check-skdn``."""
    sub = parser.add_subparsers(dest="report", metavar="REPORT", required=True)
    skdn = sub.add_parser("skdn", help="SKDN monthly report from a register")
    skdn.add_argument("register", help="register CSV")
    skdn.add_argument("--month", required=True, help="report month, YYYY-MM")
    skdn.add_argument("--posyandu", help="only this Posyandu")
    skdn.add_argument("--format", choices=("text", "json", "csv"), default="text")
    skdn.add_argument("--kbm", help="KBM table variant (default: buku_kia_2023)")
    check = sub.add_parser(
        "check-skdn", help="check an SKDN report CSV for consistency"
    )
    check.add_argument(
        "report_csv", help="SKDN report CSV (as written by --format csv)"
    )


def run_report(args: argparse.Namespace) -> int:
    """Dispatch ``posyandu report`` subcommands."""
    if args.report == "check-skdn":
        return _check_skdn(args.report_csv)
    try:
        month = Month.parse(args.month)
    except ValueError as exc:
        return _usage_error(f"--month: {exc}")
    register = _read(args.register)
    config = GrowthMonitoringConfig.from_data(kbm_variant=args.kbm)
    report = skdn_report(register, month, posyandu=args.posyandu, config=config)
    if args.format == "json":
        _json(report.to_dict())
    elif args.format == "csv":
        sys.stdout.write(report.to_csv())
    else:
        _out(render_skdn(report))
    return _exit(register)


def _check_skdn(path: str) -> int:
    from posyandu_core.plugins.kesehatan.skdn import check_skdn_consistency
    from posyandu_core.registry import get_registry
    from posyandu_core.rules import has_errors, run_rules

    report = read_skdn_csv(path)
    rules = get_registry().rules_for("skdn_report")
    issues = (
        run_rules(rules, "skdn_report", report)
        if rules
        else check_skdn_consistency(report)
    )
    for issue in issues:
        _out(f"{issue.severity} [{issue.code}] {issue.message_en} / {issue.message_id}")
    _out(f"{path}: {len(issues)} issues")
    return EXIT_DATA if has_errors(issues) else EXIT_OK


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f} %"


def render_skdn(report: SkdnReport) -> str:
    """Return the report as a plain-text table (used by the CLI and the demo)."""
    keys = ("S", "K", "D", "N", "T", "O", "B", "BGM", "2T")
    lines = [
        f"SKDN {report.month}" + (f" — {report.posyandu}" if report.posyandu else ""),
        f"{'umur (bln)':<11}{'JK':<3}" + "".join(f"{k:>5}" for k in keys),
    ]
    for cell in report.cells:
        values = cell.counts.to_dict()
        lines.append(
            f"{cell.band:<11}{cell.sex!s:<3}" + "".join(f"{values[k]:>5}" for k in keys)
        )
    total = report.total.to_dict()
    lines.append(f"{'jumlah':<14}" + "".join(f"{total[k]:>5}" for k in keys))
    ratios = report.total.ratios()
    lines.append("  ".join(f"{k} {_pct(v)}" for k, v in ratios.items()))
    lines.extend(
        f"Vitamin A {v.label_id} {v.sex}: {v.diberi}/{v.sasaran} ({_pct(v.cakupan)})"
        for v in report.vitamin_a
    )
    for name, children in report.lists.items():
        if not children:
            continue
        lines.append(f"Daftar {_LIST_TITLES.get(name, name)}:")
        lines.extend(
            f"  {c.name} ({c.sex}, {c.age_months} bln), ortu {c.parent_name}: "
            f"{c.weight_kg} kg"
            + (f", {c.length_cm} cm" if c.length_cm is not None else "")
            + f" — {_category_label(c.category)}"
            + (f" (z {c.z:.2f})" if c.z is not None else "")
            for c in children
        )
    return "\n".join(lines)


_LIST_TITLES = {
    "gizi_buruk": "gizi buruk / severely wasted",
    "gizi_kurang": "gizi kurang / wasted",
    "stunting": "stunting (pendek, sangat pendek) / stunted",
    "2t": "2T (dua kali tidak naik) / no gain twice",
    "bgm": "BGM (bawah garis merah) / below the red line",
}


def _category_label(category_id: str) -> str:
    """Indonesian label of a growth-engine category id (the id if none matches)."""
    for table in ("pb_tb_u", "bb_pb_tb", "bb_u"):
        labels = {c.id: c.label_id for c in category_table(table).categories}
        if category_id in labels:
            return labels[category_id]
    return category_id


# -- posyandu imunisasi --------------------------------------------------------


def configure_imunisasi(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``posyandu imunisasi``."""
    parser.add_argument("register", help="register CSV")
    parser.add_argument(
        "--on", required=True, help="evaluation date (open day), YYYY-MM-DD"
    )
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text")
    parser.add_argument("--posyandu", help="only this Posyandu")
    parser.add_argument(
        "--endemic",
        action="append",
        default=[],
        help="switch on an endemic antigen (JE)",
    )
    parser.add_argument(
        "--due-list",
        action="store_true",
        help="print the open-day list (due and overdue)",
    )


def _record_row(r: ImmunizationRecord) -> dict[str, Any]:
    return {
        "person_id": r.person_id,
        "name": r.name,
        "parent_name": r.parent_name,
        "posyandu": r.posyandu,
        "birth_date": r.birth_date.isoformat(),
        "age_months": r.age_months,
        "given": [
            {
                "code": g.code,
                "recorded_as": g.recorded_as,
                "date": g.date.isoformat(),
                "valid": g.valid,
                "timing": g.timing,
            }
            for g in r.given
        ],
        "due": [{"code": d.code, "due_on": d.due_on.isoformat()} for d in r.due],
        "overdue": [
            {"code": d.code, "due_on": d.due_on.isoformat()} for d in r.overdue
        ],
        "next_due": {k: v.isoformat() for k, v in r.next_due().items()},
        "idl": str(r.idl.state),
        "ibl": str(r.ibl.state),
        "issues": [i.to_dict() for i in r.issues],
    }


def run_imunisasi(args: argparse.Namespace) -> int:
    """Per child: doses given, due, overdue and IDL/IBL status on a date."""
    try:
        on = dt.date.fromisoformat(args.on)
    except ValueError:
        return _usage_error(f"--on: {args.on!r} is not a date; write it as YYYY-MM-DD")
    register = _read(args.register)
    endemic = {e.strip().upper() for e in args.endemic}
    if args.due_list:
        entries = open_day_list(register, on, posyandu=args.posyandu, endemic=endemic)
        columns = (
            "state",
            "name",
            "parent_name",
            "age_months",
            "dose",
            "due_on",
            "person_id",
        )
        entry_rows = [
            (
                e.state,
                e.name,
                e.parent_name,
                e.age_months,
                e.code,
                e.due_on,
                e.person_id,
            )
            for e in entries
        ]
        if args.format == "json":
            _json([dict(zip(columns, row, strict=True)) for row in entry_rows])
        elif args.format == "csv":
            _csv(columns, entry_rows)
        else:
            _table(columns, entry_rows)
        return _exit(register)
    records = immunization_status(register, on, posyandu=args.posyandu, endemic=endemic)
    if args.format == "json":
        _json([_record_row(r) for r in records])
        return _exit(register)
    header = (
        "person_id", "name", "age_months", "given", "due", "overdue",
        "idl", "ibl", "issues",
    )  # fmt: skip
    rows = [
        (
            r.person_id, r.name, r.age_months,
            ";".join(g.code + ("" if g.valid else "!") for g in r.given),
            ";".join(d.code for d in r.due), ";".join(d.code for d in r.overdue),
            r.idl.state, r.ibl.state, ";".join(sorted({i.code for i in r.issues})),
        )
        for r in records
    ]  # fmt: skip
    if args.format == "csv":
        _csv(header, rows)
    else:
        _table(header, rows)
    return _exit(register)


COMMANDS = (
    Command(
        name="kms",
        help="growth monitoring (KMS): N/T/O/B, 2T, BGM, faltering per child-month",
        configure=configure_kms,
        run=run_kms,
    ),
    Command(
        name="report",
        help="monthly reports: 'report skdn' (SKDN) and 'report check-skdn'",
        configure=configure_report,
        run=run_report,
    ),
    Command(
        name="imunisasi",
        help="immunization status per child on a date: given, due, overdue, IDL/IBL",
        configure=configure_imunisasi,
        run=run_imunisasi,
    ),
)
