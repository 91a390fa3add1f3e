"""``posyandu report`` and ``posyandu export``: any registered report or exporter."""

from __future__ import annotations

import argparse
import datetime as dt
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
from posyandu_core.errors import PosyanduError
from posyandu_core.hookspecs import Command, Option

__all__ = ["COMMANDS"]


# -- posyandu report ------------------------------------------------------------------


def _add_options(parser: argparse.ArgumentParser, options: Sequence[Option]) -> None:
    for option in options:
        kind: Callable[[str], Any] = (
            parse_date if option.type is dt.date else option.type
        )
        flag = "--" + option.name.replace("_", "-")
        if kind is bool:
            parser.add_argument(
                flag, dest=option.name, action="store_true", help=option.help
            )
            continue
        parser.add_argument(
            flag,
            dest=option.name,
            type=_option_type(option.name, kind),
            required=option.required,
            choices=option.choices or None,
            default=option.default,
            help=option.help,
        )


def _option_type(name: str, kind: Callable[[str], Any]) -> Callable[[str], Any]:
    def convert(text: str) -> Any:
        try:
            return kind(text)
        except (ValueError, PosyanduError) as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = name
    return convert


def _configure_report(parser: argparse.ArgumentParser) -> None:
    from posyandu_core.registry import get_registry

    sub = parser.add_subparsers(dest="report", metavar="REPORT")
    for report in get_registry().reports.values():
        child = sub.add_parser(
            report.id,
            help=f"{report.title_id} / {report.title_en}",
            description=f"{report.title_id} / {report.title_en}",
        )
        child.add_argument("register", help="register CSV")
        _add_options(child, report.options)
        add_output_options(child)
        add_input_options(child)


def _run_report(args: argparse.Namespace) -> int:
    from posyandu_core import api
    from posyandu_core.registry import get_registry

    if getattr(args, "report", None) is None:
        print("Laporan / reports (posyandu report ID REGISTER …):")
        for report in get_registry().reports.values():
            origin = get_registry().origin("reports", report.id)
            print(
                f"  {report.id:<16} {report.title_id} / {report.title_en}  [{origin.name}]"
            )
        return Exit.OK
    report = get_registry().reports[args.report]
    output = Output.from_args(args)
    found = read_input(args.register, args=args, lang=output.lang)
    options = {o.name: getattr(args, o.name) for o in report.options}
    table = api.report(args.report, found.register, **options)
    write_table(table, output)
    return Exit.DATA if finish(found.register) else Exit.OK


# -- posyandu export ------------------------------------------------------------------


def _configure_export(parser: argparse.ArgumentParser) -> None:
    from posyandu_core.registry import get_registry

    sub = parser.add_subparsers(dest="exporter", metavar="FORMAT")
    for exporter in get_registry().exporters.values():
        child = sub.add_parser(
            exporter.id, help=exporter.name, description=exporter.name
        )
        child.add_argument("register", help="register CSV")
        child.add_argument(
            "-o", "--output", required=True, help=f"file to write ({exporter.suffix})"
        )
        if "report" in exporter.accepts:
            child.add_argument(
                "--report", help="export this report instead of the register"
            )
            child.add_argument(
                "--report-option", action="append", default=[], metavar="NAME=VALUE",
                help="an option of the report, e.g. month=2025-05",
            )  # fmt: skip
        _add_options(child, exporter.options)
        add_lang_option(child)
        add_input_options(child)


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
    found = read_input(args.register, args=args, lang=lang_of(args))
    source: Any = found.register
    if getattr(args, "report", None):
        report_options = dict(o.partition("=")[::2] for o in args.report_option)
        source = api.report(args.report, found.register, **report_options)
    options = {o.name: getattr(args, o.name) for o in exporter.options}
    path = api.export(args.exporter, source, args.output, **options)
    print(f"{path}")
    return Exit.DATA if finish(found.register) else Exit.OK


COMMANDS = (
    Command(name="report", help="list reports, or build one: posyandu report ID REGISTER",
            configure=_configure_report, run=_run_report),
    Command(name="export", help="write a register or a report: posyandu export --format ID",
            configure=_configure_export, run=_run_export),
)  # fmt: skip
