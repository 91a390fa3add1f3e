"""The one output layer: every table as text, CSV, JSON or xlsx, written safely.

CSV is written for the spreadsheet that opens it. The Indonesian dialect
(the default) separates cells with ``;`` and writes decimals with a comma,
as a spreadsheet in an Indonesian locale expects; ``--csv-dialect intl``
writes ``,`` and ``.`` for programs. In both, a cell beginning with
``= + - @`` (or a tab or carriage return) is neutralised with a leading
``'`` so it is never run as a formula, and in the Indonesian dialect
identifiers (NIK, KK) are written as ``="3201…"`` so no digit is lost.

Files are written atomically: to a temporary file with a unique name next to
the destination, then renamed over it, so concurrent runs never interleave
and an interrupted run leaves nothing behind. A destination that exists and
is not a regular file (a directory, a FIFO, a device) is refused at once.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import enum
import io
import itertools
import json
import math
import operator
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from posyandu_core._files import check_destination, csv_writer, open_output
from posyandu_core.errors import PosyanduError, UsageError
from posyandu_core.hookspecs import Column, ColumnRows, Table, _text_cell

__all__ = [
    "FORMATS",
    "LANG_ENV",
    "Output",
    "add_output_options",
    "check_destination",
    "neutralise",
    "open_output",
    "write_atomic",
    "write_table",
]

LANG_ENV = "POSYANDU_LANG"
FORMATS = ("text", "csv", "json", "xlsx")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def default_lang() -> str:
    """Return the language of labels and messages: ``POSYANDU_LANG`` or ``"id"``."""
    lang = os.environ.get(LANG_ENV, "id").strip().lower()
    return lang if lang in ("id", "en") else "id"


def lang_of(args: argparse.Namespace) -> str:
    """Return the ``--lang`` of a command line, or the default language."""
    return getattr(args, "lang", None) or default_lang()


@attrs.frozen(kw_only=True)
class Output:
    """Where and how a command writes its table."""

    format: str = "text"
    destination: Path | None = None
    lang: str = "id"
    dialect: str = "id"

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Output:
        """Read the options :func:`add_output_options` added."""
        destination = getattr(args, "output", None)
        fmt = getattr(args, "format", None) or "text"
        if fmt == "xlsx" and destination is None:
            msg = "--format xlsx needs -o FILE.xlsx (a spreadsheet is not text)"
            raise UsageError(
                msg,
                message_id="--format xlsx perlu -o BERKAS.xlsx (lembar kerja bukan "
                "teks)",
                field="output",
            )
        if destination is not None:  # a FIFO or a folder is refused before any work
            check_destination(Path(destination))
        lang = lang_of(args)
        return cls(
            format=fmt,
            destination=None if destination is None else Path(destination),
            lang=lang,
            dialect=getattr(args, "csv_dialect", None) or lang,
        )


def add_output_options(
    parser: argparse.ArgumentParser, formats: Sequence[str] = FORMATS
) -> None:
    """Add ``--format``, ``-o/--output``, ``--csv-dialect`` and ``--lang``."""
    parser.add_argument("--format", choices=formats, default=formats[0])
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of the screen"
    )
    parser.add_argument(
        "--csv-dialect",
        choices=("id", "intl"),
        help="id: ';' and decimal comma for an Indonesian spreadsheet; "
        "intl: ',' and '.' (default: the --lang)",
    )
    add_lang_option(parser)


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang id|en`` (default ``POSYANDU_LANG``, else Indonesian)."""
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        default=argparse.SUPPRESS,
        help=f"language of labels and messages (default: ${LANG_ENV} or id)",
    )


# -- cells -------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """Return ``text`` safe for a spreadsheet cell: never a formula.

    Examples
    --------
    >>> neutralise("=HYPERLINK(1)"), neutralise("-3"), neutralise("Siti")
    ("'=HYPERLINK(1)", "'-3", 'Siti')
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def _plain(value: Any) -> Any:
    """Return a JSON-ready value."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return str(value)


def _csv_cell(value: Any, column: Column, dialect: str) -> str:
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, bool):
        return "y" if value else "n"
    if isinstance(value, int | float) and column.kind != "id":
        text = repr(value) if isinstance(value, float) else str(value)
        return text.replace(".", ",") if dialect == "id" else text
    if isinstance(value, dt.date):
        return value.isoformat()
    text = (
        ";".join(map(str, value))
        if isinstance(value, list | tuple | frozenset)
        else str(value)
    )
    if column.kind == "id" and dialect == "id" and text.isdigit():
        # A spreadsheet reads 16 digits as a number and drops the last one.
        return f'="{text}"'
    return neutralise(text)


def _cell_writer(column: Column, dialect: str) -> Callable[[Any], str]:
    """Return :func:`_csv_cell` for one column, quicker for the common plain types.

    A report of a million rows writes tens of millions of cells: values of
    exactly ``str``, ``int``, ``float``, ``date`` or None take a direct way
    (the same text), anything else (enums, bools, lists, ids) the general one.
    """

    def finite(text: Callable[[float], str]) -> Callable[[float], str]:
        return lambda v: text(v) if math.isfinite(v) else ""

    fast: dict[type, Callable[[Any], str]] = {
        type(None): lambda _: "",
        dt.date: dt.date.isoformat,
    }
    if column.kind != "id":
        fast[str] = neutralise
        fast[int] = str
        fast[float] = finite(
            (lambda v: repr(v).replace(".", ",")) if dialect == "id" else repr
        )

    def cell(value: Any) -> str:
        direct = fast.get(type(value))
        return direct(value) if direct else _csv_cell(value, column, dialect)

    return cell


def _padded_text(width: int) -> Callable[[Any], str]:
    """Return a cell's text (as ``Table.to_text`` writes it) padded to ``width``."""
    return lambda value: _text_cell(value).ljust(width)


def _label(column: Column, lang: str) -> str:
    return column.label_id if lang == "id" else column.label_en


# -- formats -----------------------------------------------------------------------


def render_text(table: Table, lang: str) -> str:
    """Return the table as aligned text under its title (``Table.to_text``)."""
    out = io.StringIO()
    write_text(table, out, lang)
    return out.getvalue()


def write_text(table: Table, out: IO[str], lang: str) -> None:
    """Write ``table.to_text(lang)`` to ``out``; rows held as columns a block at a time.

    The columns are read twice, for the widths and then for the lines, the
    text of each distinct value made once per column: a million-row KMS on
    the screen or in a file without all its text in memory.
    """
    if not isinstance(table.rows, ColumnRows) or not table.columns:
        out.write(table.to_text(lang))
        return
    title = table.title_id if lang == "id" else table.title_en
    header = [_label(c, lang) for c in table.columns]
    values = [table.rows.column(c.key) for c in table.columns]
    texts = [_ColumnTexts(_text_cell) for _ in values]
    widths = [len(h) for h in header]
    for start in range(0, len(table.rows), _BLOCK):
        for i, (column, maker) in enumerate(zip(values, texts, strict=True)):
            widths[i] = max(widths[i], maker.widest(column[start : start + _BLOCK]))
    # The second pass pads as it makes each distinct text (widths now known).
    padded = [_ColumnTexts(_padded_text(w)) for w in widths]
    if title:
        out.write(title + "\n")
    named = zip(header, widths, strict=True)
    out.write("  ".join(h.ljust(w) for h, w in named).rstrip() + "\n")
    for start in range(0, len(table.rows), _BLOCK):
        cells = [
            maker.of(column[start : start + _BLOCK])
            for column, maker in zip(values, padded, strict=True)
        ]
        lines = map("  ".join, zip(*cells, strict=True))
        out.writelines(line.rstrip() + "\n" for line in lines)
    out.writelines(note + "\n" for note in table.notes)


def render_csv(table: Table, lang: str, dialect: str) -> str:
    """Return the table as CSV in ``dialect`` (``"id"`` or ``"intl"``)."""
    out = io.StringIO()
    write_csv(table, out, lang, dialect)
    return out.getvalue()


def write_csv(table: Table, out: IO[str], lang: str, dialect: str) -> None:
    """Write the table as CSV in ``dialect`` to ``out``, a block of rows at a time."""
    writer = csv_writer(out, delimiter=";" if dialect == "id" else ",")
    writer.writerow([_label(c, lang) for c in table.columns])
    if isinstance(table.rows, ColumnRows) and len(table.columns) > 1:
        _write_columns(out, table, dialect)
    else:
        cells = [(c.key, _cell_writer(c, dialect)) for c in table.columns]
        writer.writerows(
            [cell(row.get(key)) for key, cell in cells] for row in table.rows
        )


def _write_columns(out: IO[str], table: Table, dialect: str) -> None:
    """Write rows held as columns, a block of rows at a time.

    The same text as the ``csv`` module writes (a cell holding the
    delimiter, a quote or a line break is quoted, its quotes doubled), made
    once per distinct value of a column: a million-row KMS in seconds, with
    no text held for more than a block. A table of one column goes through
    the ``csv`` module, which quotes an empty only cell.
    """
    assert isinstance(table.rows, ColumnRows)
    delimiter = ";" if dialect == "id" else ","
    needs_quotes = re.compile(f'[{delimiter}"\r\n]').search

    def quoted(cell: Callable[[Any], str]) -> Callable[[Any], str]:
        def write(value: Any) -> str:
            text = cell(value)
            if needs_quotes(text):
                return '"' + text.replace('"', '""') + '"'
            return text

        return write

    columns = [
        (table.rows.column(c.key), _ColumnTexts(quoted(_cell_writer(c, dialect))))
        for c in table.columns
    ]
    for start in range(0, len(table.rows), _BLOCK):
        texts = [maker.of(values[start : start + _BLOCK]) for values, maker in columns]
        out.write("\n".join(map(delimiter.join, zip(*texts, strict=True))))
        out.write("\n")


_BLOCK = 65536
# Types whose equal values always write the same text (and enums: equal only
# to themselves); not Decimal (1.0 and 1.00), not datetime (equal instants
# in two time zones).
_BY_VALUE = frozenset({str, int, float, bool, dt.date})


class _ColumnTexts:
    """One column's cell texts, the text of each distinct value made once.

    Values of one plain type (and None) are looked up by value, in a memo
    per type: equal values of two types (``1``, ``1.0``, ``True``) write
    differently, so a block mixing types is written cell by cell.
    """

    def __init__(self, cell: Callable[[Any], str]) -> None:
        self.cell = cell
        self.memos: dict[type, _Memo] = {}

    def of(self, values: Sequence[Any]) -> list[str]:
        """Return the texts of a block of the column's values."""
        memo = self._memo(values)
        if memo is None:
            return list(map(self.cell, values))
        cells = list(map(memo.__getitem__, values))
        for i in self._zeros(values, memo):
            cells[i] = self.cell(values[i])
        return cells

    def widest(self, values: Sequence[Any]) -> int:
        """Return the length of the longest text of a block (0 when empty).

        Only each distinct value's text is looked at (``of`` without a list).
        """
        memo = self._memo(values)
        if memo is None:
            return max(map(len, map(self.cell, values)), default=0)
        width = max(map(len, map(memo.__getitem__, dict.fromkeys(values))), default=0)
        zeros = [len(self.cell(values[i])) for i in self._zeros(values, memo)]
        return max(width, *zeros) if zeros else width

    def _memo(self, values: Sequence[Any]) -> _Memo | None:
        """Return the memo of the block's one type (None: write it cell by cell)."""
        kinds = set(map(type, values)) - {type(None)}
        if len(kinds) > 1 or not all(
            k in _BY_VALUE or issubclass(k, enum.Enum) for k in kinds
        ):
            return None
        kind = next(iter(kinds), type(None))
        if kind not in self.memos:
            self.memos[kind] = _Memo(self.cell, kind)
        return self.memos[kind]

    @staticmethod
    def _zeros(values: Sequence[Any], memo: _Memo) -> Iterator[int]:
        """Positions whose text the memo cannot give: -0.0 == 0.0, each writes its sign."""
        if memo.kind is float and 0.0 in memo:
            zeros = map(operator.eq, values, itertools.repeat(0.0))
            yield from itertools.compress(range(len(values)), zeros)


class _Memo(dict[Any, str]):
    """Cell texts by value, each made when first asked for."""

    def __init__(self, cell: Callable[[Any], str], kind: type) -> None:
        super().__init__()
        self.cell = cell
        self.kind = kind

    def __missing__(self, value: Any) -> str:
        text = self[value] = self.cell(value)
        return text


def render_json(table: Table) -> str:
    """Return the table as JSON: title, columns (key and labels) and rows."""
    document = {
        "title_id": table.title_id,
        "title_en": table.title_en,
        "columns": [attrs.asdict(c) for c in table.columns],
        "rows": [_plain(row) for row in table.to_rows()],
        "notes": list(table.notes),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_xlsx(table: Table, lang: str) -> bytes:
    """Return the table as an xlsx workbook (needs ``posyandu-core[xlsx]``)."""
    try:
        from openpyxl import Workbook
    except ImportError as exc:
        msg = "xlsx output needs openpyxl"
        raise UsageError(
            msg,
            message_id="keluaran xlsx perlu openpyxl, yang belum terpasang",
            fix="pip install 'posyandu-core[xlsx]'",
            fix_id="pip install 'posyandu-core[xlsx]'",
        ) from exc
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    title = table.title_id if lang == "id" else table.title_en
    sheet.title = re.sub(r"[][:/\\?*]", " ", title)[:31].strip() or "data"
    sheet.append([_label(c, lang) for c in table.columns])
    for row in table.rows:
        values = []
        for column in table.columns:
            value = _plain(row.get(column.key))
            if isinstance(value, list):
                value = ";".join(str(v) for v in value)
            if isinstance(value, str):
                value = neutralise(value)
            values.append(value)
        sheet.append(values)
    for column_cells, column in zip(
        sheet.iter_cols(min_row=2), table.columns, strict=False
    ):
        if column.kind == "id":
            for cell in column_cells:
                cell.number_format = "@"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_table(table: Table, output: Output) -> None:
    """Write ``table`` as ``output`` says: to the screen or atomically to a file."""
    if output.format == "csv":  # written as made: a million rows need no copy
        if output.destination is None:
            write_csv(table, sys.stdout, output.lang, output.dialect)
        else:
            with _writing(output.destination, "w") as handle:
                write_csv(table, handle, output.lang, output.dialect)
        return
    if output.format == "xlsx":
        write_data(render_xlsx(table, output.lang), output.destination)
    elif output.format == "json":
        write_data(render_json(table), output.destination)
    elif output.destination is None:  # text, written as made like CSV
        write_text(table, sys.stdout, output.lang)
    else:
        with _writing(output.destination, "w") as handle:
            write_text(table, handle, output.lang)


def write_data(data: bytes | str, destination: Path | None) -> None:
    """Write to ``destination`` atomically, or to standard output when None."""
    if destination is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    write_atomic(destination, data.encode("utf-8") if isinstance(data, str) else data)


def write_atomic(destination: Path, data: bytes) -> None:
    """Write ``data`` to ``destination`` atomically (see ``open_output``)."""
    with _writing(destination, "wb") as handle:
        handle.write(data)


@contextlib.contextmanager
def _writing(destination: Path, mode: str) -> Iterator[IO[Any]]:
    """``open_output``, its system errors told as a usage error naming the file."""
    try:
        with open_output(destination, mode) as handle:
            yield handle
    except PosyanduError:
        raise
    except OSError as exc:
        msg = f"cannot write {str(destination)!r}: {exc.strerror}"
        raise UsageError(
            msg,
            message_id=f"tidak dapat menulis {str(destination)!r}: {exc.strerror}",
            field="output",
        ) from exc
