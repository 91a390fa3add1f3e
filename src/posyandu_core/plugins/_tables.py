"""Tables in and out for the bidang, kader and wilayah plugins.

In: a file format is a :class:`Schema` of :class:`Field` (Indonesian headers,
English aliases); :func:`read_table` reads it from CSV or xlsx and raises an
:class:`~posyandu_core.errors.InputFileError` naming the row, the column, the
value and the fix for the first cell it cannot use.

Out: every report is a :class:`TableResult` whose ``to_rows()`` gives dicts
with stable keys and whose columns carry an Indonesian and an English label;
:func:`render` writes it as text, CSV, JSON or xlsx.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import enum
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from posyandu_core.errors import InputFileError, PosyanduError

__all__ = [
    "Col",
    "Field",
    "Record",
    "Schema",
    "TableResult",
    "parse_bool",
    "parse_date",
    "read_table",
    "render",
]

_TRUE = frozenset({"y", "ya", "yes", "1", "true", "lulus", "v", "x"})
_FALSE = frozenset({"n", "t", "tidak", "no", "0", "false", "gagal", "-"})
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


def parse_date(text: str) -> dt.date:
    """Read ``YYYY-MM-DD`` (or ``DD/MM/YYYY``, ``DD-MM-YYYY``).

    Examples
    --------
    >>> parse_date("06/03/2026")
    datetime.date(2026, 3, 6)
    """
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    msg = f"{text!r} is not a date"
    raise ValueError(msg)


def parse_bool(text: str) -> bool:
    """Read ``ya``/``tidak`` (also y/n, lulus/gagal, 1/0).

    Examples
    --------
    >>> parse_bool("Ya"), parse_bool("gagal")
    (True, False)
    """
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    msg = f"{text!r} is not ya/tidak"
    raise ValueError(msg)


_PARSERS: Mapping[str, tuple[Callable[[str], Any], str]] = {
    "text": (str, ""),
    "date": (
        parse_date,
        "tulis tanggal sebagai YYYY-MM-DD / write dates as YYYY-MM-DD",
    ),
    "bool": (parse_bool, "tulis ya atau tidak / write ya or tidak"),
    "int": (int, "tulis bilangan bulat / write a whole number"),
    "float": (
        lambda s: float(s.replace(",", ".")),
        "tulis angka, mis. 52,5 / write a number, e.g. 52.5",
    ),
    "list": (lambda s: tuple(p.strip() for p in s.split(";") if p.strip()), ""),
}


@attrs.frozen(kw_only=True)
class Field:
    """One column of an input file.

    Parameters
    ----------
    name : str
        The Indonesian header (the canonical name).
    kind : str
        ``text``, ``date``, ``bool``, ``int``, ``float`` or ``list``
        (``;``-separated).
    required : bool
        The column must exist and every cell must be filled.
    description : str
        What goes in it (English; the Indonesian is the header itself).
    aliases : tuple of str
        Other headers accepted (English names).
    """

    name: str
    kind: str = "text"
    required: bool = False
    description: str = ""
    aliases: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Schema:
    """A file format: its name and its columns."""

    name: str
    fields: tuple[Field, ...]

    def header_map(self) -> dict[str, Field]:
        """Map every accepted header (lower case) to its field."""
        mapping: dict[str, Field] = {}
        for field in self.fields:
            for header in (field.name, *field.aliases):
                mapping[header.strip().lower()] = field
        return mapping


@attrs.frozen(kw_only=True)
class Record:
    """One data row: its 1-based number (header excluded) and typed values."""

    row: int
    values: Mapping[str, Any]
    source: str

    def get(self, name: str) -> Any:
        """Return the typed value of column ``name`` (None if empty or absent)."""
        return self.values.get(name)

    def error(self, *, field: str, message: str, fix: str) -> InputFileError:
        """Return an error located at this row and column."""
        return InputFileError(
            f"{self.source}: {message}",
            row=self.row,
            field=field,
            value=self.values.get(field),
            fix=fix,
        )


def _cells_from_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    if not data.strip():
        msg = f"{path}: berkas kosong / the file is empty"
        raise InputFileError(
            msg, fix="isi berkas dengan baris judul / add the header row"
        )
    if b"\x00" in data[:4096]:
        msg = f"{path}: bukan berkas CSV teks / not a CSV text file"
        raise InputFileError(msg, fix="simpan sebagai CSV UTF-8 / save as CSV UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"{path}: bukan teks UTF-8 / not UTF-8 text (byte {exc.start})"
        raise InputFileError(
            msg, fix="simpan sebagai CSV UTF-8 / save as CSV UTF-8"
        ) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cells_from_xlsx(path: Path, sheet: str | None) -> list[list[str]]:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - the extra is installed in tests
        msg = "membaca xlsx perlu openpyxl / reading xlsx needs openpyxl"
        raise PosyanduError(msg, fix="pip install 'posyandu-core[xlsx]'") from exc
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a bad file
        msg = f"{path}: bukan berkas xlsx yang sah / not a valid xlsx file ({type(exc).__name__})"
        raise InputFileError(
            msg, fix="simpan ulang dari Excel / save it again from Excel"
        ) from exc
    name = sheet if sheet in book.sheetnames else book.sheetnames[0]
    ws = book[name]
    if not hasattr(ws, "iter_rows"):
        msg = f"{path}: lembar {name} bukan tabel / sheet {name} is a chart"
        raise InputFileError(msg, fix="put the table on a worksheet")
    rows = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    book.close()
    return rows


def read_table(
    path: str | os.PathLike[str], schema: Schema, *, sheet: str | None = None
) -> list[Record]:
    """Read a CSV or xlsx file of format ``schema`` into typed records.

    Empty rows are skipped; unknown columns are ignored.

    Raises
    ------
    InputFileError
        The file is missing, empty, not text, lacks a required column, or a
        cell cannot be read (the error names row, column, value and fix).
    """
    file = Path(path)
    source = file.name
    try:
        if file.suffix.lower() == ".xlsx":
            cells = _cells_from_xlsx(file, sheet or schema.name)
        else:
            cells = _cells_from_csv(file)
    except OSError as exc:
        msg = f"{path}: tidak bisa dibaca / cannot be read ({exc.strerror})"
        raise InputFileError(msg, fix="periksa path berkas / check the path") from exc
    if not cells:
        msg = f"{source}: berkas kosong / the file is empty"
        raise InputFileError(
            msg, fix="isi berkas dengan baris judul / add the header row"
        )
    headers = schema.header_map()
    columns = [headers.get(h.strip().lower()) for h in cells[0]]
    present = {f.name for f in columns if f is not None}
    missing = [f.name for f in schema.fields if f.required and f.name not in present]
    if missing:
        expected = ", ".join(f.name for f in schema.fields)
        msg = f"{source}: kolom wajib tidak ada / required columns missing: {', '.join(missing)}"
        raise InputFileError(
            msg, fix=f"gunakan judul kolom / use the headers: {expected}"
        )
    records = []
    for number, raw in enumerate(cells[1:], start=1):
        if not any(c.strip() for c in raw):
            continue
        values: dict[str, Any] = {}
        for field, text in zip(columns, raw, strict=False):
            if field is None or not text.strip():
                continue
            parse, hint = _PARSERS[field.kind]
            try:
                values[field.name] = parse(text.strip())
            except ValueError as exc:
                msg = f"{source}: {field.name} tidak terbaca / cannot be read"
                raise InputFileError(
                    msg, row=number, field=field.name, value=text, fix=hint
                ) from exc
        for field in schema.fields:
            if field.required and field.name not in values:
                msg = f"{source}: {field.name} wajib diisi / is required"
                raise InputFileError(
                    msg,
                    row=number,
                    field=field.name,
                    value="",
                    fix=f"isi kolom {field.name} / fill in {field.description or field.name}",
                )
        records.append(Record(row=number, values=values, source=source))
    return records


# -- output ---------------------------------------------------------------------


@attrs.frozen
class Col:
    """A report column: stable key, Indonesian and English label."""

    key: str
    label_id: str
    label_en: str


@attrs.frozen(kw_only=True)
class TableResult:
    """A report: title, columns and rows; ``items`` keeps the typed objects.

    Parameters
    ----------
    title_id, title_en : str
        Indonesian and English title.
    columns : tuple of Col
        Column keys and labels, in display order.
    rows : tuple of mapping
        One mapping per row, keyed by the column keys.
    items : tuple
        The typed objects the rows were made from (for apps).
    notes : tuple of str
        Conventions the numbers depend on (shown under text output).
    """

    title_id: str
    title_en: str
    columns: tuple[Col, ...]
    rows: tuple[Mapping[str, Any], ...]
    items: tuple[Any, ...] = ()
    notes: tuple[str, ...] = ()

    def to_rows(self) -> list[dict[str, Any]]:
        """Rows as plain dicts with the column keys, in column order."""
        return [
            {c.key: _plain(row.get(c.key)) for c in self.columns} for row in self.rows
        ]

    def labels(self, lang: str = "id") -> list[str]:
        """Column labels in ``"id"`` (Indonesian) or ``"en"`` (English)."""
        return [c.label_id if lang == "id" else c.label_en for c in self.columns]


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list, frozenset, set)):
        return ";".join(str(_plain(v)) for v in value)
    return value


def _text(value: Any, lang: str = "id") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        yes, no = ("ya", "tidak") if lang == "id" else ("yes", "no")
        return yes if value else no
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def render(result: TableResult, fmt: str = "text", *, lang: str = "id") -> str:
    """Return ``result`` as ``text``, ``csv`` or ``json`` (xlsx: :func:`write_xlsx`).

    CSV and JSON use the stable column keys; text uses the labels of ``lang``.
    """
    rows = result.to_rows()
    if fmt == "json":
        payload = {
            "title": {"id": result.title_id, "en": result.title_en},
            "columns": [attrs.asdict(c) for c in result.columns],
            "rows": rows,
            "notes": list(result.notes),
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([c.key for c in result.columns])
        writer.writerows([_text(r[c.key]) for c in result.columns] for r in rows)
        return out.getvalue()
    title = result.title_id if lang == "id" else result.title_en
    return (
        "\n".join(
            [title, *_aligned(result.labels(lang), rows, result, lang), *result.notes]
        )
        + "\n"
    )


def _aligned(
    header: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    result: TableResult,
    lang: str,
) -> list[str]:
    cells = [list(header)] + [
        [_text(r[c.key], lang) for c in result.columns] for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]


def write_xlsx(
    result: TableResult, path: str | os.PathLike[str], *, lang: str = "id"
) -> None:
    """Write ``result`` to an xlsx workbook (needs the ``xlsx`` extra).

    Row 1 holds the labels of ``lang``; row 2 the stable keys.
    """
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - the extra is installed in tests
        msg = "menulis xlsx perlu openpyxl / writing xlsx needs openpyxl"
        raise PosyanduError(msg, fix="pip install 'posyandu-core[xlsx]'") from exc
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "laporan"
    sheet.append(result.labels(lang))
    sheet.append([c.key for c in result.columns])
    for row in result.to_rows():
        sheet.append([row[c.key] for c in result.columns])
    book.save(path)


# -- command-line output -----------------------------------------------------------

FORMATS = ("text", "csv", "json", "xlsx")


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--format``, ``--output`` and ``--lang`` to a report command."""
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="output format (xlsx needs --output)",
    )
    parser.add_argument(
        "--output", "-o", help="write to this file instead of standard output"
    )
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        default="id",
        help="labels of text and xlsx output: Indonesian or English",
    )


def emit(result: TableResult, args: argparse.Namespace) -> None:
    """Write ``result`` as the command-line options ask."""
    if args.format == "xlsx":
        if not args.output:
            msg = "--format xlsx perlu --output FILE / xlsx output needs --output FILE"
            raise InputFileError(msg, field="--output", fix="add --output laporan.xlsx")
        write_xlsx(result, args.output, lang=args.lang)
        return
    text = render(result, args.format, lang=args.lang)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def iso_date(text: str) -> dt.date:
    """Parse a ``YYYY-MM-DD`` command-line argument."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"{text!r} bukan tanggal / is not a date; write YYYY-MM-DD"
        raise argparse.ArgumentTypeError(msg) from None


def iso_month(text: str) -> str:
    """Parse a ``YYYY-MM`` command-line argument."""
    try:
        dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        msg = f"{text!r} bukan bulan / is not a month; write YYYY-MM"
        raise argparse.ArgumentTypeError(msg) from None
    return text
