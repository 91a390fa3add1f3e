"""``posyandu report`` and ``posyandu export``: any registered report or exporter."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from posyandu_core.cli._exit import Exit
from posyandu_core.cli._input import add_input_options, finish, parse_date, read_input
from posyandu_core.cli._output import (
    Output,
    add_lang_option,
    add_output_options,
    check_destination,
    lang_of,
    write_table,
)
from posyandu_core.errors import PosyanduError, UsageError, texts_of
from posyandu_core.hookspecs import Command, Option, Report, Table

__all__ = ["COMMANDS", "configure_report", "run_report"]


# -- posyandu report ------------------------------------------------------------------


def _add_options(parser: argparse.ArgumentParser, options: Sequence[Option]) -> None:
    for option in options:
        kind: Callable[[str], Any] = (
            parse_date if option.type is dt.date else option.type
        )
        flag = "--" + option.name.replace("_", "-")
        if kind is bool:
            parser.add_argument(
                flag, dest=option.name, action="store_true", help=_escaped(option.help)
            )
            continue
        parser.add_argument(
            flag,
            dest=option.name,
            type=_option_type(option.name, kind),
            required=option.required,
            choices=option.choices or None,
            default=[] if option.multiple else option.default,
            action="append" if option.multiple else "store",
            help=_escaped(option.help) + (" (repeatable)" if option.multiple else ""),
        )


def _escaped(text: str) -> str:
    """Return help text safe for argparse, which formats it with ``%``."""
    return text.replace("%", "%%")


def _option_type(name: str, kind: Callable[[str], Any]) -> Callable[[str], Any]:
    def convert(text: str) -> Any:
        try:
            return kind(text)
        except UsageError:
            raise  # argparse's ArgumentTypeError already, in both languages
        except (ValueError, PosyanduError) as exc:
            message_id, message = texts_of(exc)
            fix = exc.fix if isinstance(exc, PosyanduError) else None
            fix_id = exc.fix_id if isinstance(exc, PosyanduError) else None
            raise UsageError(
                message, message_id=message_id, fix=fix, fix_id=fix_id
            ) from None

    convert.__name__ = name
    return convert


def configure_report(parser: argparse.ArgumentParser, report: Report) -> None:
    """Add a report's input, options and output options to ``parser``.

    ``posyandu report ID`` and every alias of the report (``posyandu kms``,
    ``posyandu kader strata`` …) are configured here, so they are one command.
    """
    source = report.input
    if source is None:
        parser.add_argument("register", help="register (CSV, xlsx, Parquet)")
    else:
        parser.add_argument(
            source.name,
            nargs=None if source.required else "?",
            default=source.default,
            help=_escaped(source.help),
        )
    _add_options(parser, [o for o in report.options if o is not source])
    add_output_options(parser)
    if source is None:
        add_input_options(parser)
    parser.set_defaults(report=report.id)


def run_report(args: argparse.Namespace) -> int:
    """Build the report ``args.report`` and write it as the output options say."""
    from posyandu_core import api
    from posyandu_core.registry import get_registry

    report = get_registry().reports[args.report]
    output = Output.from_args(args)
    options = {o.name: getattr(args, o.name) for o in report.options}
    if report.input is not None:
        table = api.report(report.id, **options)
        _write(table, output)
        read = table.register  # a register the report read from one of its options
        return Exit.DATA if read is not None and finish(read) else Exit.OK
    found = read_input(args.register, args=args, lang=output.lang)
    _write(api.report(report.id, found.register, **options), output)
    return Exit.DATA if finish(found.register) else Exit.OK


def _write(table: Table, output: Output) -> None:
    write_table(table, output)
    if output.format in ("csv", "xlsx"):  # notes have no cell there: say them
        for note in table.notes:
            print(note, file=sys.stderr)


def _configure_report(parser: argparse.ArgumentParser) -> None:
    from posyandu_core.registry import get_registry

    sub = parser.add_subparsers(dest="report", metavar="REPORT")
    for report in get_registry().reports.values():
        title = f"{report.title_id} / {report.title_en}"
        child = sub.add_parser(report.id, help=_escaped(title), description=title)
        configure_report(child, report)


def _run_report(args: argparse.Namespace) -> int:
    from posyandu_core.registry import get_registry

    if getattr(args, "report", None) is None:
        print("Laporan / reports (posyandu report ID MASUKAN/INPUT …):")
        for report in get_registry().reports.values():
            origin = get_registry().origin("reports", report.id)
            also = "".join(f"; posyandu {a}" for a in report.aliases)
            print(
                f"  {report.id:<20} {report.title_id} / {report.title_en}"
                f"  [{origin.label}{also}]"
            )
        return Exit.OK
    return run_report(args)


# -- posyandu export ------------------------------------------------------------------


def _configure_export(parser: argparse.ArgumentParser) -> None:
    from posyandu_core.registry import get_registry

    sub = parser.add_subparsers(dest="exporter", metavar="FORMAT")
    for exporter in get_registry().exporters.values():
        child = sub.add_parser(
            exporter.id, help=exporter.name, description=exporter.name
        )
        reports = "report" in exporter.accepts
        child.add_argument(
            "register",
            nargs="?" if reports else None,
            help="register (CSV, xlsx, Parquet)"
            + ("; not needed for a report built from its own file" if reports else ""),
        )
        child.add_argument(
            "-o", "--output", required=True, help=f"file to write ({exporter.suffix})"
        )
        if reports:
            child.add_argument(
                "--report", help="export this report (posyandu report lists them)"
            )
            child.add_argument(
                "--report-option", action="append", default=[], metavar="NAME=VALUE",
                help="an option of the report, e.g. month=2025-05 (repeatable)",
            )  # fmt: skip
        _add_options(child, exporter.options)
        add_lang_option(child)
        add_input_options(child)


def _report_options(pairs: Sequence[str]) -> dict[str, Any]:
    """``["month=2026-11", "month=2026-10"]`` -> one value, or a list when repeated."""
    given: dict[str, list[str]] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals:
            msg = f"--report-option {pair!r}: write NAME=VALUE"
            raise UsageError(
                msg,
                message_id=f"--report-option {pair!r}: tulis NAMA=NILAI",
                field="report-option",
                value=pair,
            )
        given.setdefault(name.strip().replace("-", "_"), []).append(value)
    return {k: v[0] if len(v) == 1 else v for k, v in given.items()}


def _run_export(args: argparse.Namespace) -> int:
    from posyandu_core import api
    from posyandu_core.registry import get_registry

    if getattr(args, "exporter", None) is None:
        print(
            "Format ekspor / export formats (posyandu export --format ID REGISTER -o FILE):"
        )
        for exporter in get_registry().exporters.values():
            print(f"  {exporter.id:<12} {exporter.name} ({exporter.suffix})")
        return Exit.OK
    exporter = get_registry().exporters[args.exporter]
    check_destination(Path(args.output))
    report_id = getattr(args, "report", None)
    needs_register = report_id is None or (api.report_source(report_id) == "register")
    register = None
    if needs_register:
        if args.register is None:
            msg = f"export {exporter.id}: no register given"
            raise UsageError(
                msg,
                message_id=f"ekspor {exporter.id}: register tidak diberikan",
                field="register",
                fix=f"posyandu export {exporter.id} REGISTER -o FILE",
                fix_id=f"posyandu export {exporter.id} REGISTER -o BERKAS",
            )
        register = read_input(args.register, args=args, lang=lang_of(args)).register
    source: Any = register
    if report_id:
        options = _report_options(args.report_option)
        source = api.report(report_id, register, **options)
    options = {o.name: getattr(args, o.name) for o in exporter.options}
    path = api.export(args.exporter, source, args.output, **options)
    print(f"{path}")
    return Exit.DATA if register is not None and finish(register) else Exit.OK


COMMANDS = (
    Command(name="report", help="list reports, or build one: posyandu report ID REGISTER",
            configure=_configure_report, run=_run_report),
    Command(name="export", help="write a register or a report: posyandu export --format ID",
            configure=_configure_export, run=_run_export),
)  # fmt: skip
