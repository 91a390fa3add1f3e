"""The bidang plugins' own files in, the columns of their tables out.

In: a file format (kader, cases, Posyandu registry, equipment …) is a
:class:`Schema` of :class:`Field` (Indonesian headers, English aliases);
:func:`read_table` reads it from CSV or xlsx and raises an
:class:`~posyandu_core.errors.InputFileError` naming the row, the column, the
value and the fix for the first cell it cannot use.

Out: reports are :class:`~posyandu_core.hookspecs.Report` contributions
building :class:`~posyandu_core.hookspecs.Table`; :func:`columns` spells their
columns compactly. The one output layer (``posyandu_core.cli._output``)
writes them as text, CSV, JSON and xlsx.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from posyandu_core.errors import InputFileError, PosyanduError, UsageError
from posyandu_core.hookspecs import Column, Option, Report, Table
from posyandu_core.register import Register

__all__ = [
    "Field",
    "Record",
    "Schema",
    "columns",
    "file_report",
    "parse_bool",
    "parse_date",
    "read_table",
]


def file_report(
    group: str,
    word: str,
    titles: tuple[str, str],
    *,
    build: Callable[[str, Register, Mapping[str, Any]], Table],
    source: str,
    options: tuple[Option, ...],
) -> Report:
    """Return a report built from a file of its own: ``group-word``, alias ``group word``.

    ``build(word, register, options)`` reads the file once and lays out the
    report ``word``; the kader and case reports are families of these.
    """
    return Report(
        id=f"{group}-{word}",
        title_id=titles[0],
        title_en=titles[1],
        build=lambda register, given: build(word, register, given),
        options=options,
        source=source,
        aliases=(f"{group} {word}",),
    )


def columns(*spec: tuple[str, ...]) -> tuple[Column, ...]:
    """Columns from ``(key, Indonesian label, English label[, kind])``.

    Examples
    --------
    >>> [(c.key, c.label_en, c.kind) for c in columns(("nik", "NIK", "NIK", "id"))]
    [('nik', 'NIK', 'id')]
    """
    return tuple(
        Column(
            key=s[0], label_id=s[1], label_en=s[2], kind=s[3] if len(s) > 3 else "text"
        )
        for s in spec
    )


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
    raise UsageError(
        msg,
        message_id=f"{text!r} bukan tanggal",
        fix="write it as DD/MM/YYYY or YYYY-MM-DD",
        fix_id="tulis sebagai DD/MM/YYYY atau YYYY-MM-DD",
    )


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
    raise UsageError(msg, message_id=f"{text!r} bukan ya/tidak")


#: Each kind's parser and the fix for a cell it cannot read (English, Indonesian).
_PARSERS: Mapping[str, tuple[Callable[[str], Any], str, str]] = {
    "text": (str, "", ""),
    "date": (
        parse_date,
        "write dates as YYYY-MM-DD",
        "tulis tanggal sebagai YYYY-MM-DD",
    ),
    "bool": (parse_bool, "write ya or tidak", "tulis ya atau tidak"),
    "int": (int, "write a whole number", "tulis bilangan bulat"),
    "float": (
        lambda s: float(s.replace(",", ".")),
        "write a number, e.g. 52.5",
        "tulis angka, mis. 52,5",
    ),
    "list": (lambda s: tuple(p.strip() for p in s.split(";") if p.strip()), "", ""),
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

    def error(
        self, *, field: str, message: str, message_id: str, fix: str, fix_id: str
    ) -> InputFileError:
        """Return an error located at this row and column, in both languages."""
        return InputFileError(
            f"{self.source}: {message}",
            message_id=f"{self.source}: {message_id}",
            row=self.row,
            field=field,
            value=self.values.get(field),
            fix=fix,
            fix_id=fix_id,
        )


def _empty(name: str) -> InputFileError:
    msg = f"{name}: the file is empty"
    return InputFileError(
        msg,
        message_id=f"{name}: berkas kosong",
        fix="add the header row",
        fix_id="isi berkas dengan baris judul kolom",
    )


def _cells_from_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    if not data.strip():
        raise _empty(str(path))
    if b"\x00" in data[:4096]:
        msg = f"{path}: not a CSV text file"
        raise InputFileError(
            msg,
            message_id=f"{path}: bukan berkas CSV teks",
            fix="save as CSV UTF-8",
            fix_id="simpan sebagai CSV UTF-8",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"{path}: not UTF-8 text (byte {exc.start})"
        raise InputFileError(
            msg,
            message_id=f"{path}: bukan teks UTF-8 (bita {exc.start})",
            fix="save as CSV UTF-8",
            fix_id="simpan sebagai CSV UTF-8",
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
        msg = "reading xlsx needs openpyxl"
        raise PosyanduError(
            msg,
            message_id="membaca xlsx perlu openpyxl",
            fix="pip install 'posyandu-core[xlsx]'",
            fix_id="pip install 'posyandu-core[xlsx]'",
        ) from exc
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a bad file
        kind = type(exc).__name__
        msg = f"{path}: not a valid xlsx file ({kind})"
        raise InputFileError(
            msg,
            message_id=f"{path}: bukan berkas xlsx yang sah ({kind})",
            fix="save it again from Excel",
            fix_id="simpan ulang dari Excel",
        ) from exc
    name = sheet if sheet in book.sheetnames else book.sheetnames[0]
    ws = book[name]
    if not hasattr(ws, "iter_rows"):
        msg = f"{path}: sheet {name} is a chart"
        raise InputFileError(
            msg,
            message_id=f"{path}: lembar {name} bukan tabel",
            fix="put the table on a worksheet",
            fix_id="letakkan tabelnya di lembar kerja",
        )
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
        msg = f"{path}: cannot be read ({exc.strerror})"
        raise InputFileError(
            msg,
            message_id=f"{path}: tidak bisa dibaca ({exc.strerror})",
            fix="check the path",
            fix_id="periksa nama dan folder berkas",
        ) from exc
    if not cells:
        raise _empty(source)
    headers = schema.header_map()
    columns = [headers.get(h.strip().lower()) for h in cells[0]]
    present = {f.name for f in columns if f is not None}
    missing = [f.name for f in schema.fields if f.required and f.name not in present]
    if missing:
        expected = ", ".join(f.name for f in schema.fields)
        absent = ", ".join(missing)
        msg = f"{source}: required columns missing: {absent}"
        raise InputFileError(
            msg,
            message_id=f"{source}: kolom wajib tidak ada: {absent}",
            fix=f"use the headers: {expected}",
            fix_id=f"gunakan judul kolom: {expected}",
        )
    records = []
    for number, raw in enumerate(cells[1:], start=1):
        if not any(c.strip() for c in raw):
            continue
        values: dict[str, Any] = {}
        for field, text in zip(columns, raw, strict=False):
            if field is None or not text.strip():
                continue
            parse, hint, hint_id = _PARSERS[field.kind]
            try:
                values[field.name] = parse(text.strip())
            except ValueError as exc:
                msg = f"{source}: {field.name} cannot be read"
                raise InputFileError(
                    msg,
                    message_id=f"{source}: {field.name} tidak terbaca",
                    row=number,
                    field=field.name,
                    value=text,
                    fix=hint,
                    fix_id=hint_id,
                ) from exc
        for field in schema.fields:
            if field.required and field.name not in values:
                msg = f"{source}: {field.name} is required"
                raise InputFileError(
                    msg,
                    message_id=f"{source}: {field.name} wajib diisi",
                    row=number,
                    field=field.name,
                    value="",
                    fix=f"fill in {field.description or field.name}",
                    fix_id=f"isi kolom {field.name}",
                )
        records.append(Record(row=number, values=values, source=source))
    return records
