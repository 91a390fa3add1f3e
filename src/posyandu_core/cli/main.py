"""The ``posyandu`` command: the parser, the core commands and one error policy.

Core commands: ``plugins``, ``validate``, ``demo``, ``findings``, ``report``,
``export``, ``zscores``, ``kms``, ``imunisasi`` and ``device``; plugins add
theirs (top level, or under ``report``, ``device`` and ``export``) through
the ``register_commands`` hook. Errors never reach the user as a traceback:
one line, and an exit code from :mod:`posyandu_core.cli._exit`
(``POSYANDU_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import signal
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from types import FrameType
from typing import Any, NoReturn

from posyandu_core.cli import device, kesehatan, zscores
from posyandu_core.cli._exit import Exit, exit_code
from posyandu_core.cli._input import parse_date, read_input
from posyandu_core.cli._messages import (
    describe_issue,
    error_line,
    install_warning_lines,
)
from posyandu_core.cli._output import (
    Output,
    add_lang_option,
    add_output_options,
    check_destination,
    default_lang,
    write_data,
    write_table,
)
from posyandu_core.errors import PluginFaultWarning, PosyanduError, UsageError
from posyandu_core.hookspecs import Column, Command, Option, Table
from posyandu_core.rules import Severity, has_errors

__all__ = ["main"]

#: Commands that take plugin sub-commands (``posyandu report NAME`` …).
PARENTS = ("report", "device", "export")


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or default_lang()


# -- posyandu plugins -----------------------------------------------------------


def _configure_plugins(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _run_plugins(args: argparse.Namespace) -> int:
    from posyandu_core.registry import get_registry

    plugins = get_registry().plugins
    if args.format == "json":
        document = [
            {
                "name": p.name,
                "module": p.module,
                "distribution": p.distribution,
                "version": p.version,
                "builtin": p.builtin,
                "state": p.state,
                "problems": list(p.problems),
                "contributions": {k: list(v) for k, v in p.contributions.items()},
            }
            for p in plugins
        ]
        write_data(json.dumps(document, ensure_ascii=False, indent=2) + "\n", None)
        return Exit.OK
    for p in plugins:
        origin = (
            "built-in"
            if p.builtin
            else " ".join(x for x in (p.distribution or "?", p.version) if x)
        )
        state = "" if p.state == "loaded" else f" [{p.state}]"
        print(f"{p.name}  ({p.module}, {origin}){state}")
        for kind, ids in p.contributions.items():
            print(f"    {kind}: {', '.join(ids)}")
        for problem in p.problems:
            print(f"    ! {problem}")
    return Exit.OK


# -- posyandu validate ------------------------------------------------------------

_ISSUE_COLUMNS = (
    Column(key="row", label_id="baris", label_en="row", kind="number"),
    Column(key="field", label_id="kolom", label_en="column"),
    Column(key="value", label_id="nilai", label_en="value", kind="id"),
    Column(key="severity", label_id="tingkat", label_en="severity"),
    Column(key="code", label_id="kode", label_en="code"),
    Column(key="message_id", label_id="pesan", label_en="message (Indonesian)"),
    Column(key="message_en", label_id="pesan (Inggris)", label_en="message"),
    Column(key="rule", label_id="aturan", label_en="rule"),
)


def _configure_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("register", help="register CSV (see docs: register format)")
    parser.add_argument(
        "--equipment", help="equipment inventory CSV, for calibration checks"
    )
    add_output_options(parser, ("text", "json", "csv", "xlsx"))
    parser.add_argument(
        "--annotate",
        metavar="FILE",
        help="write a copy of the register with a column naming each row's issues",
    )


def _run_validate(args: argparse.Namespace) -> int:
    output = Output.from_args(args)
    if args.annotate:
        check_destination(_path(args.annotate))
    found = read_input(args.register, validate=True, equipment=args.equipment)
    register, issues = found.register, found.issues
    counts = {str(s): sum(i.severity is s for i in issues) for s in Severity}
    if args.annotate:
        kesehatan.write_annotated(args.register, issues, _path(args.annotate))
    if output.format == "json":
        document = {
            "file": args.register,
            "rows": len(register),
            "summary": counts,
            "issues": [i.to_dict() for i in issues],
        }
        write_data(
            json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n",
            output.destination,
        )
    elif output.format in ("csv", "xlsx"):
        write_table(
            Table(
                title_id="Masalah data",
                title_en="Data issues",
                columns=_ISSUE_COLUMNS,
                rows=[i.to_dict() for i in issues],
            ),
            output,
        )
    else:
        lines = [describe_issue(issue, output.lang) for issue in issues]
        lines.append(
            f"{args.register}: {len(register)} rows, {counts['error']} errors, "
            f"{counts['warning']} warnings, {counts['info']} notes"
        )
        write_data("\n".join(lines) + "\n", output.destination)
    return Exit.DATA if has_errors(issues) else Exit.OK


def _path(text: str) -> Any:
    from pathlib import Path

    return Path(text)


# -- posyandu demo ----------------------------------------------------------------


def _configure_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--register", help="run on this register instead of the packaged sample"
    )
    add_lang_option(parser)


def _run_demo(args: argparse.Namespace) -> int:
    from posyandu_core import api
    from posyandu_core.register.sample import load_sample_register
    from posyandu_core.registry import get_registry

    register = (
        read_input(args.register).register if args.register else load_sample_register()
    )
    print(f"posyandu_core demo — {register.source}: {len(register)} rows")
    sections = sorted(
        get_registry().demo_sections.values(), key=lambda s: (s.order, s.id)
    )
    for section in sections:
        print(f"\n== {section.title} ==")
        try:
            print(section.render(register).rstrip())
        except PosyanduError as exc:  # a third-party section: named, skipped
            print(error_line(exc, _lang(args)))
    dates = [r.visit_date for r in register.rows if r.visit_date]
    if dates:
        as_of = max(dates)
        found = api.findings(register, as_of=as_of)
        print(f"\n== Temuan semua layanan / Findings of every service ({as_of}) ==")
        by_code: dict[str, int] = {}
        for finding in found:
            by_code[finding.code] = by_code.get(finding.code, 0) + 1
        for code, n in sorted(by_code.items()):
            print(f"  {code}: {n}")
        reports = get_registry().reports
        print("\n== Laporan / Reports (posyandu report ID) ==")
        for report in reports.values():
            print(f"  {report.id}: {report.title_id} / {report.title_en}")
    return Exit.OK


# -- posyandu findings --------------------------------------------------------------

_FINDING_COLUMNS = (
    Column(key="person_id", label_id="id", label_en="id", kind="id"),
    Column(key="date", label_id="tanggal", label_en="date", kind="date"),
    Column(key="code", label_id="kode", label_en="code"),
    Column(key="label_id", label_id="temuan", label_en="finding (Indonesian)"),
    Column(key="label_en", label_id="temuan (Inggris)", label_en="finding"),
    Column(key="severity", label_id="tingkat", label_en="severity"),
    Column(key="referral", label_id="rujukan", label_en="referral"),
    Column(
        key="reevaluate_on",
        label_id="evaluasi ulang",
        label_en="re-evaluate on",
        kind="date",
    ),
)


def _configure_findings(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("register", help="register CSV")
    parser.add_argument(
        "--as-of",
        type=parse_date,
        help="DD/MM/YYYY or YYYY-MM-DD (default: last visit)",
    )
    parser.add_argument("--person", help="only this person id")
    parser.add_argument("--visit", type=parse_date, help="only this visit date")
    add_output_options(parser)


def _run_findings(args: argparse.Namespace) -> int:
    from posyandu_core import api

    output = Output.from_args(args)
    found = read_input(args.register, lang=output.lang)
    register = found.register
    dates = [r.visit_date for r in register.rows if r.visit_date]
    as_of = args.as_of or (max(dates) if dates else dt.date.today())
    results = api.findings(register, as_of=as_of, person=args.person, visit=args.visit)
    rows = [
        {
            "person_id": f.person_id,
            "date": f.date,
            "code": f.code,
            "label_id": f.label_id,
            "label_en": f.label_en,
            "severity": str(f.severity),
            "referral": None if f.referral is None else str(f.referral),
            "reevaluate_on": f.reevaluate_on,
        }
        for f in results
    ]
    write_table(
        Table(
            title_id=f"Temuan per {as_of}",
            title_en=f"Findings as of {as_of}",
            columns=_FINDING_COLUMNS,
            rows=rows,
        ),
        output,
    )
    return Exit.DATA if has_errors(found.issues) else Exit.OK


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
    found = read_input(args.register, lang=output.lang)
    options = {o.name: getattr(args, o.name) for o in report.options}
    table = api.report(args.report, found.register, **options)
    write_table(table, output)
    return Exit.DATA if has_errors(found.issues) else Exit.OK


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
    check_destination(_path(args.output))
    found = read_input(args.register, lang=_lang(args))
    source: Any = found.register
    if getattr(args, "report", None):
        report_options = dict(o.partition("=")[::2] for o in args.report_option)
        source = api.report(args.report, found.register, **report_options)
    options = {o.name: getattr(args, o.name) for o in exporter.options}
    path = api.export(args.exporter, source, args.output, **options)
    print(f"{path}")
    return Exit.DATA if has_errors(found.issues) else Exit.OK


def _normalise_argv(argv: list[str]) -> list[str]:
    """Read ``export --format ID`` and ``device read --driver ID`` as sub-commands."""
    if len(argv) >= 3 and argv[0] == "export" and argv[1] == "--format":
        return ["export", *argv[2:]]
    if len(argv) >= 2 and argv[0] == "export" and argv[1].startswith("--format="):
        return ["export", argv[1].partition("=")[2], *argv[2:]]
    return argv


# -- the parser -----------------------------------------------------------------------

CORE_COMMANDS = (
    Command(name="plugins", help="list plugins, what each contributes and what failed",
            configure=_configure_plugins, run=_run_plugins),
    Command(name="validate", help="check a register CSV and report every issue",
            configure=_configure_validate, run=_run_validate),
    Command(name="demo", help="show what the library does on the packaged sample register",
            configure=_configure_demo, run=_run_demo),
    Command(name="findings", help="findings of every installed service for a register",
            configure=_configure_findings, run=_run_findings),
    Command(name="report", help="list reports, or build one: posyandu report ID REGISTER",
            configure=_configure_report, run=_run_report),
    Command(name="export", help="write a register or a report: posyandu export --format ID",
            configure=_configure_export, run=_run_export),
    Command(name="zscores", help="WHO z-scores and flags for a CSV file, exactly as WHO's anthro/anthroplus",
            configure=zscores.configure, run=zscores.run),
    *kesehatan.COMMANDS,
    Command(name="device", help="decode device payloads, read a device, scan for BLE devices",
            configure=device.configure, run=device.run),
)  # fmt: skip


def _add_children(parser: argparse.ArgumentParser, children: Sequence[Command]) -> None:
    """Add sub-commands to a parent command (``report``, ``device``, ``export``)."""
    if not children:
        return
    # argparse keeps a parser's sub-commands in an action of its own; a
    # parent command may already have one (report ids, device actions).
    sub = next(
        (a for a in parser._actions if isinstance(a, argparse._SubParsersAction)),
        None,
    ) or parser.add_subparsers(dest=f"{parser.prog}_child", metavar="COMMAND")
    for command in children:
        child = sub.add_parser(
            command.name, help=command.help, description=command.help
        )
        command.configure(child)
        child.set_defaults(_child_run=command.run)


def _configures(command: Command) -> bool:
    """Try a plugin command's ``configure`` on a scratch parser (a failure: warned)."""
    try:
        command.configure(argparse.ArgumentParser(prog=command.path, add_help=False))
    except PosyanduError as exc:
        warnings.warn(
            f"{exc} (the command is left out)", PluginFaultWarning, stacklevel=2
        )
        return False
    return True


class _Parser(argparse.ArgumentParser):
    """A parser whose errors are one line and exit code 2, like every other error."""

    def error(self, message: str) -> NoReturn:
        msg = f"{self.prog}: {message}"
        raise UsageError(msg, fix=f"{self.prog} --help")


def _build_parser() -> argparse.ArgumentParser:
    from posyandu_core.registry import get_registry

    parser = _Parser(
        prog="posyandu",
        description="posyandu_core: data Posyandu, standar pertumbuhan WHO dan laporan / "
        "Posyandu data, WHO growth standards and reports.",
        epilog="Kode keluar / exit codes: 0 ok, 1 data bermasalah / data errors, "
        "2 penggunaan / usage, 3 plugin gagal / a plugin failed, 4 perangkat / device, "
        "70 bug, 130 dihentikan / interrupted.",
    )
    parser.add_argument("--version", action="version", version=_version())
    add_lang_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    core = {c.name for c in CORE_COMMANDS}
    children: dict[str, list[Command]] = {"report": list(kesehatan.REPORT_CHILDREN)}
    top: list[Command] = list(CORE_COMMANDS)
    for command in get_registry().commands.values():
        if command.parent is None and command.name in core:
            warnings.warn(
                f"{get_registry().origin('commands', command.path).describe()}: "
                f"command {command.name!r} is a core command; the plugin's is left out",
                PluginFaultWarning,
                stacklevel=2,
            )
        elif command.parent is not None and command.parent not in PARENTS:
            warnings.warn(
                f"command {command.path!r}: parent must be one of {', '.join(PARENTS)}",
                PluginFaultWarning,
                stacklevel=2,
            )
        elif _configures(command):
            if command.parent is None:
                top.append(command)
            else:
                children.setdefault(command.parent, []).append(command)
    for command in top:
        child = sub.add_parser(
            command.name, help=command.help, description=command.help
        )
        command.configure(child)
        _add_children(child, children.get(command.name, ()))
        child.set_defaults(_run=command.run)
    return parser


def _version() -> str:
    import posyandu_core

    return f"posyandu_core {posyandu_core.__version__}"


@contextlib.contextmanager
def _signals_as_interrupts() -> Iterator[None]:
    """SIGTERM becomes KeyboardInterrupt, so temporary files are cleaned up."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``posyandu`` command; return the exit code."""
    arguments = _normalise_argv(list(sys.argv[1:] if argv is None else argv))
    lang = default_lang()
    if "--lang" in arguments[:-1]:
        lang = arguments[arguments.index("--lang") + 1]
    showwarning = warnings.showwarning
    install_warning_lines(lang=lang)
    try:
        with _signals_as_interrupts():
            parser = _build_parser()
            args = parser.parse_args(arguments)
            run = getattr(args, "_child_run", None) or args._run
            return int(run(args))
    except UsageError as exc:
        print(error_line(exc, lang), file=sys.stderr)
        return Exit.USAGE
    except PosyanduError as exc:
        print(error_line(exc, lang), file=sys.stderr)
        return exit_code(exc)
    except KeyboardInterrupt:
        print("posyandu: dihentikan / interrupted", file=sys.stderr)
        return Exit.INTERRUPTED
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours.
        sys.stderr.close()
        return Exit.OK
    except Exception as exc:
        if os.environ.get("POSYANDU_DEBUG"):
            traceback.print_exc()
        print(
            f"posyandu: internal error: {type(exc).__name__}: {exc} "
            "(this is a bug; rerun with POSYANDU_DEBUG=1 and report it)",
            file=sys.stderr,
        )
        return Exit.INTERNAL
    finally:
        warnings.showwarning = showwarning


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
