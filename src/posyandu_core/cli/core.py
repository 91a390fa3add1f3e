"""The core commands about a register: ``plugins``, ``validate``, ``demo``, ``findings``."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from posyandu_core._files import csv_writer
from posyandu_core.cli._exit import Exit
from posyandu_core.cli._input import add_input_options, finish, parse_date, read_input
from posyandu_core.cli._messages import (
    describe_issue,
    error_line,
)
from posyandu_core.cli._output import (
    Output,
    add_lang_option,
    add_output_options,
    check_destination,
    lang_of,
    open_output,
    write_data,
    write_table,
)
from posyandu_core.errors import PosyanduError, UsageError
from posyandu_core.hookspecs import Column, Command, Table
from posyandu_core.rules import Issue, Severity, has_errors

__all__ = ["COMMANDS"]


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
    # The row and header as the spreadsheet shows the file; the data row and
    # canonical field follow for programs.
    Column(key="sheet_row", label_id="baris", label_en="row", kind="number"),
    Column(key="header", label_id="kolom", label_en="column"),
    Column(key="value", label_id="nilai", label_en="value", kind="id"),
    Column(key="severity", label_id="tingkat", label_en="severity"),
    Column(key="code", label_id="kode", label_en="code"),
    Column(key="message_id", label_id="pesan", label_en="message (Indonesian)"),
    Column(key="message_en", label_id="pesan (Inggris)", label_en="message"),
    Column(key="rule", label_id="aturan", label_en="rule"),
    Column(key="row", label_id="baris data", label_en="data row", kind="number"),
    Column(key="field", label_id="kolom kanonik", label_en="canonical field"),
)


def _configure_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "register", help="register: CSV, .xlsx or .parquet (see docs: register format)"
    )
    parser.add_argument(
        "--equipment", help="equipment inventory CSV, for calibration checks"
    )
    add_output_options(parser, ("text", "json", "csv", "xlsx"))
    add_input_options(parser)
    parser.add_argument(
        "--annotate",
        metavar="FILE",
        help="write a copy of the register with a column naming each row's issues",
    )


def _run_validate(args: argparse.Namespace) -> int:
    output = Output.from_args(args)
    if args.annotate:
        check_annotatable(args.register, Path(args.annotate))
    found = read_input(args.register, args=args, equipment=args.equipment, report=False)
    register, issues = found.register, found.issues
    quality = register.quality
    rows_read = quality.rows_read if quality else len(register)
    counts = {str(s): sum(i.severity is s for i in issues) for s in Severity}
    if args.annotate:
        write_annotated(args.register, issues, Path(args.annotate), output.lang)
    if output.format == "json":
        document = {
            "file": args.register,
            "rows": rows_read,
            "summary": counts,
            "issues": [i.to_dict() for i in issues],
            "data_quality": quality.to_dict() if quality else None,
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
        summary = (
            "{}: {} baris, {} kesalahan, {} peringatan, {} catatan"
            if output.lang == "id"
            else "{}: {} rows, {} errors, {} warnings, {} notes"
        )
        lines.append(
            summary.format(
                args.register, rows_read, counts["error"], counts["warning"],
                counts["info"],
            )
        )  # fmt: skip
        write_data("\n".join(lines) + "\n", output.destination)
    return Exit.DATA if finish(register) or has_errors(issues) else Exit.OK


# -- posyandu demo ----------------------------------------------------------------


def _configure_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--register", help="run on this register instead of the packaged sample"
    )
    add_lang_option(parser)
    add_input_options(parser)


def _run_demo(args: argparse.Namespace) -> int:
    from posyandu_core import api
    from posyandu_core.register.sample import load_sample_register
    from posyandu_core.registry import get_registry

    register = (
        read_input(args.register, args=args, lang=lang_of(args)).register
        if args.register
        else load_sample_register()
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
            print(error_line(exc, lang_of(args)))
    as_of = register.last_visit_date()
    if as_of is not None:
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
    return Exit.DATA if finish(register) else Exit.OK


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
    add_input_options(parser)


def _run_findings(args: argparse.Namespace) -> int:
    from posyandu_core import api

    output = Output.from_args(args)
    found = read_input(args.register, args=args, lang=output.lang)
    register = found.register
    as_of = args.as_of or register.last_visit_date() or dt.date.today()
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
    return Exit.DATA if finish(register) else Exit.OK


# -- the annotated register ----------------------------------------------------------


def check_annotatable(source: str, destination: Path) -> None:
    """Refuse at once an annotated copy that cannot be written (before reading)."""
    check_destination(destination)
    kind = Path(source).suffix.lower()
    if kind == ".xlsx" and destination.suffix.lower() != ".xlsx":
        msg = f"the annotated copy of an .xlsx register is an .xlsx file, not {destination}"
        raise UsageError(
            msg,
            message_id=f"salinan beranotasi dari register .xlsx berupa berkas .xlsx, "
            f"bukan {destination}",
            field="annotate",
            fix="end the copy's name with .xlsx",
            fix_id="akhiri nama salinan dengan .xlsx",
        )
    if kind in (".parquet", ".pq"):
        msg = "--annotate copies a CSV or .xlsx register, not Parquet"
        raise UsageError(
            msg,
            message_id="--annotate menyalin register CSV atau .xlsx, bukan Parquet",
            field="annotate",
            fix="use --format csv to list the issues instead",
            fix_id="pakai --format csv untuk daftar masalahnya",
        )


def _issue_texts(
    issues: Sequence[Issue], row_of: Callable[[Issue], int], lang: str
) -> dict[int, str]:
    """Return ``severity [code] header: message`` per row (0: about the whole file).

    The severity word and the first message are in ``lang``, the other
    language after it.
    """
    by_row: dict[int, list[str]] = {}
    for issue in issues:
        column = f"{issue.header or issue.field}: " if issue.field else ""
        first, second = (
            (issue.message_id, issue.message_en)
            if lang == "id"
            else (issue.message_en, issue.message_id)
        )
        by_row.setdefault(row_of(issue) if issue.row else 0, []).append(
            f"{issue.severity.label(lang)} [{issue.code}] {column}{first} / {second}"
        )
    return {row: " | ".join(texts) for row, texts in by_row.items()}


def write_annotated(
    source: str, issues: Sequence[Issue], destination: Path, lang: str = "id"
) -> None:
    """Write a copy of the register with a first column naming each row's issues.

    The copy keeps every cell as it was (an ``.xlsx`` register stays a
    workbook, formatting included); the new column ``masalah / issues``
    lists ``severity [code] message`` for the row (``lang`` first), so the
    register can be fixed in a spreadsheet and read again (the reader
    ignores the column).
    """
    if Path(source).suffix.lower() == ".xlsx":
        _write_annotated_xlsx(source, issues, destination, lang)
        return
    by_row = _issue_texts(issues, lambda issue: issue.row or 0, lang)
    text = Path(source).read_text(encoding="utf-8-sig")
    first = text.partition("\n")[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    with open_output(destination) as handle:
        writer = csv_writer(handle, delimiter=delimiter)
        for number, row in enumerate(rows):
            label = "masalah / issues" if number == 0 else by_row.get(number, "")
            writer.writerow([label, *row])
        if by_row.get(0):
            writer.writerow([by_row[0]])


def _write_annotated_xlsx(
    source: str, issues: Sequence[Issue], destination: Path, lang: str
) -> None:
    import openpyxl  # the io extra: the register was read with it

    by_row = _issue_texts(issues, lambda issue: issue.sheet_row or issue.row or 0, lang)
    book = openpyxl.load_workbook(source)
    sheet = book.worksheets[0]  # the sheet the register reader reads
    header_row = next(
        (
            cells[0].row or 1
            for cells in sheet.iter_rows()
            if any(c.value not in (None, "") for c in cells)
        ),
        1,
    )
    sheet.insert_cols(1)
    sheet.cell(row=header_row, column=1, value="masalah / issues")
    for row, text in by_row.items():
        if row:
            sheet.cell(row=row, column=1, value=text)
    if by_row.get(0):
        sheet.cell(row=sheet.max_row + 1, column=1, value=by_row[0])
    with open_output(destination, "wb") as handle:
        book.save(handle)


COMMANDS = (
    Command(name="plugins", help="list plugins, what each contributes and what failed",
            configure=_configure_plugins, run=_run_plugins),
    Command(name="validate", help="check a register CSV and report every issue",
            configure=_configure_validate, run=_run_validate),
    Command(name="demo", help="show what the library does on the packaged sample register",
            configure=_configure_demo, run=_run_demo),
    Command(name="findings", help="findings of every installed service for a register",
            configure=_configure_findings, run=_run_findings),
)  # fmt: skip
