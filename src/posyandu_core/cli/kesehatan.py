"""``posyandu kms``, ``posyandu imunisasi`` and ``posyandu report check-skdn``.

The SKDN report itself is the kesehatan plugin's ``skdn`` Report, built by
the generic ``posyandu report skdn``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from posyandu_core.cli._exit import Exit
from posyandu_core.cli._input import (
    add_input_options,
    finish,
    not_after_today,
    parse_date,
    read_input,
)
from posyandu_core.cli._messages import describe_issue
from posyandu_core.cli._output import (
    Output,
    add_output_options,
    write_data,
    write_table,
)
from posyandu_core.errors import InputFileError
from posyandu_core.hookspecs import Column, Command, Table
from posyandu_core.register import check_on, match_posyandu
from posyandu_core.rules import Issue, has_errors

if TYPE_CHECKING:
    from posyandu_core.plugins.kesehatan.immunization import ImmunizationRecord
    from posyandu_core.register import Register

__all__ = ["COMMANDS", "REPORT_CHILDREN"]


def _exit(issues: Sequence[Issue]) -> int:
    return Exit.DATA if has_errors(issues) else Exit.OK


def _finish(register: Register) -> int:
    """Print the data-quality block; return 1 when anything was left out."""
    return Exit.DATA if finish(register) else Exit.OK


def _json(data: Any, output: Output) -> None:
    write_data(
        json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n",
        output.destination,
    )


def _columns(
    *spec: tuple[str, str, str] | tuple[str, str, str, str],
) -> tuple[Column, ...]:
    """Columns from (key, Indonesian label, English label[, kind])."""
    return tuple(
        Column(
            key=s[0], label_id=s[1], label_en=s[2], kind=s[3] if len(s) > 3 else "text"
        )
        for s in spec
    )


def _z(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


# -- posyandu kms --------------------------------------------------------------


def configure_kms(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``posyandu kms``."""
    parser.add_argument("register", help="register CSV")
    parser.add_argument("--kbm", help="KBM table variant (default: buku_kia_2023)")
    parser.add_argument("--posyandu", help="only this Posyandu")
    add_output_options(parser)
    add_input_options(parser)


_KMS_COLUMNS = _columns(
    ("person_id", "id", "person_id", "id"), ("name", "nama", "name"),
    ("posyandu", "posyandu", "posyandu"), ("month", "bulan", "month"),
    ("date", "tanggal", "date", "date"), ("age_months", "umur (bln)", "age_months", "number"),
    ("weight_kg", "BB (kg)", "weight_kg", "number"), ("status", "status (N/T/O/B)", "status"),
    ("gain_g", "kenaikan (g)", "gain_g", "number"), ("kbm_g", "KBM (g)", "kbm_g", "number"),
    ("2T", "2T", "2T"), ("bgm", "BGM", "bgm"), ("above_orange", "di atas garis oranye", "above_orange"),
    ("weight_faltering", "weight faltering", "weight_faltering"),
    ("faltering_threshold_g", "ambang P5 (g)", "faltering_threshold_g", "number"),
    ("faltering_who_row", "baris WHO P5", "faltering_who_row"),
    ("waz", "z BB/U", "waz"), ("haz", "z PB/TB/U", "haz"), ("whz", "z BB/PB/TB", "whz"),
    ("findings", "temuan", "findings"), ("referral", "rujukan", "referral"),
)  # fmt: skip


def run_kms(args: argparse.Namespace) -> int:
    """One row per child per month: N/T/O/B, 2T, red line, faltering, findings."""
    from posyandu_core.plugins.kesehatan.growth_monitoring import (
        GrowthMonitoringConfig,
        monitor_register,
    )

    output = Output.from_args(args)
    config = GrowthMonitoringConfig.from_data(kbm_variant=args.kbm)
    found = read_input(args.register, args=args, lang=output.lang)
    posyandu = match_posyandu(found.register, args.posyandu)
    statuses, issues = monitor_register(found.register, config=config)
    if posyandu:
        statuses = [s for s in statuses if s.posyandu == posyandu]
    if output.format == "json":
        _json(
            {
                "kbm": config.kbm.variant,
                "months": [s.to_dict() for s in statuses],
                "issues": [i.to_dict() for i in issues],
            },
            output,
        )
        return _finish(found.register)
    for issue in issues:
        print(describe_issue(issue, output.lang), file=sys.stderr)
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
    keys = [c.key for c in _KMS_COLUMNS]
    write_table(
        Table(
            title_id="KMS: pemantauan pertumbuhan",
            title_en="KMS: growth monitoring",
            columns=_KMS_COLUMNS,
            rows=[dict(zip(keys, row, strict=True)) for row in rows],
        ),
        output,
    )
    return _finish(found.register)


def _flag(value: bool | None) -> str:
    return "" if value is None else ("y" if value else "n")


# -- posyandu report check-skdn -------------------------------------------------


def configure_check_skdn(parser: argparse.ArgumentParser) -> None:
    """Add the argument of ``posyandu report check-skdn``."""
    parser.add_argument(
        "report_csv", help="SKDN report CSV (as written by report skdn --format csv)"
    )


def run_check_skdn(args: argparse.Namespace) -> int:
    """Check an SKDN report CSV for consistency."""
    return _check_skdn(args.report_csv)


def _skdn_csv_text(path: str) -> str:
    """Return the SKDN CSV with keys as header and ``,`` cells, whatever its dialect.

    ``report skdn --format csv`` writes labels in either language and ``;``
    in the Indonesian dialect; the reader of the report table wants keys.
    """
    from posyandu_core.plugins.kesehatan.reports import SKDN_COLUMNS

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        msg = f"input file {path!r} does not exist"
        raise InputFileError(msg, fix="check the path") from exc
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"cannot read {path!r} as UTF-8 text"
        raise InputFileError(msg) from exc
    first = text.partition("\n")[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    keys = {c.label_id: c.key for c in SKDN_COLUMNS} | {
        c.label_en: c.key for c in SKDN_COLUMNS
    }
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if rows:
        rows[0] = [keys.get(h, h) for h in rows[0]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _check_skdn(path: str) -> int:
    from posyandu_core.plugins.kesehatan.skdn import (
        check_skdn_consistency,
        read_skdn_csv,
    )
    from posyandu_core.registry import get_registry
    from posyandu_core.rules import run_rules

    report = read_skdn_csv(io.StringIO(_skdn_csv_text(path)))
    rules = get_registry().rules_for("skdn_report")
    issues = (
        run_rules(rules, "skdn_report", report)
        if rules
        else check_skdn_consistency(report)
    )
    for issue in issues:
        print(
            f"{issue.severity} [{issue.code}] {issue.message_id} / {issue.message_en}"
        )
    print(f"{path}: {len(issues)} masalah / issues")
    return _exit(issues)


# -- posyandu imunisasi --------------------------------------------------------


def configure_imunisasi(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``posyandu imunisasi``."""
    parser.add_argument("register", help="register CSV")
    parser.add_argument(
        "--on", required=True, type=_date_option,
        help="evaluation date (open day), DD/MM/YYYY or YYYY-MM-DD",
    )  # fmt: skip
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
    add_output_options(parser)
    add_input_options(parser)


def _date_option(text: str) -> Any:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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


_DUE_COLUMNS = _columns(
    ("state", "keadaan", "state"), ("name", "nama", "name"),
    ("parent_name", "nama ortu", "parent_name"), ("age_months", "umur (bln)", "age_months", "number"),
    ("dose", "imunisasi", "dose"), ("due_on", "jadwal", "due_on", "date"),
    ("person_id", "id", "person_id", "id"),
)  # fmt: skip
_STATUS_COLUMNS = _columns(
    ("person_id", "id", "person_id", "id"), ("name", "nama", "name"),
    ("age_months", "umur (bln)", "age_months", "number"), ("given", "diberikan", "given"),
    ("due", "jatuh tempo", "due"), ("overdue", "terlambat", "overdue"),
    ("idl", "IDL", "idl"), ("ibl", "IBL", "ibl"), ("issues", "masalah", "issues"),
)  # fmt: skip


def run_imunisasi(args: argparse.Namespace) -> int:
    """Per child: doses given, due, overdue and IDL/IBL status on a date."""
    from posyandu_core.plugins.kesehatan.immunization import (
        immunization_status,
        open_day_list,
    )

    output = Output.from_args(args)
    found = read_input(args.register, args=args, lang=output.lang)
    register, on = found.register, not_after_today("--on", args.on)
    check_on(register, on)
    posyandu = match_posyandu(register, args.posyandu)
    endemic = {e.strip().upper() for e in args.endemic}
    if args.due_list:
        entries = open_day_list(register, on, posyandu=posyandu, endemic=endemic)
        rows = [
            {
                "state": str(e.state), "name": e.name, "parent_name": e.parent_name,
                "age_months": e.age_months, "dose": e.code, "due_on": e.due_on,
                "person_id": e.person_id,
            }
            for e in entries
        ]  # fmt: skip
        if output.format == "json":
            _json(rows, output)
        else:
            write_table(
                Table(
                    title_id=f"Daftar imunisasi hari buka {on}",
                    title_en=f"Immunization open-day list {on}",
                    columns=_DUE_COLUMNS,
                    rows=rows,
                ),
                output,
            )
        return _finish(register)
    records = immunization_status(register, on, posyandu=posyandu, endemic=endemic)
    if output.format == "json":
        _json([_record_row(r) for r in records], output)
        return _finish(register)
    rows = [
        {
            "person_id": r.person_id, "name": r.name, "age_months": r.age_months,
            "given": ";".join(g.code + ("" if g.valid else "!") for g in r.given),
            "due": ";".join(d.code for d in r.due),
            "overdue": ";".join(d.code for d in r.overdue),
            "idl": str(r.idl.state), "ibl": str(r.ibl.state),
            "issues": ";".join(sorted({i.code for i in r.issues})),
        }
        for r in records
    ]  # fmt: skip
    write_table(
        Table(
            title_id=f"Status imunisasi per {on}",
            title_en=f"Immunization status on {on}",
            columns=_STATUS_COLUMNS,
            rows=rows,
        ),
        output,
    )
    return _finish(register)


COMMANDS = (
    Command(
        name="kms",
        help="growth monitoring (KMS): N/T/O/B, 2T, BGM, faltering per child-month",
        configure=configure_kms,
        run=run_kms,
    ),
    Command(
        name="imunisasi",
        help="immunization status per child on a date: given, due, overdue, IDL/IBL",
        configure=configure_imunisasi,
        run=run_imunisasi,
    ),
)

#: Core sub-commands of ``posyandu report`` besides the registered reports.
REPORT_CHILDREN = (
    Command(
        name="check-skdn",
        help="check an SKDN report CSV for consistency",
        configure=configure_check_skdn,
        run=run_check_skdn,
        parent="report",
    ),
)
