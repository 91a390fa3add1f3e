"""Reading a register CSV: every cell typed, every problem located, nothing dropped."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import attrs

from posyandu_core.errors import InputFileError
from posyandu_core.model import Equipment, Issue, MeasureMethod, Severity, Sex
from posyandu_core.register._columns import (
    BY_NAME,
    REQUIRED,
    ColumnType,
    canonical_name,
)
from posyandu_core.register._row import RegisterRow

_TRUE = {"y", "ya", "yes", "1", "true", "t", "v", "x", "ada"}
_FALSE = {"n", "tidak", "no", "0", "false", "f", "", "-", "tidak ada", "2"}
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


@attrs.frozen(kw_only=True)
class Register:
    """A register file read into typed rows.

    Parameters
    ----------
    rows : tuple of RegisterRow
        One per data row, in file order (row numbers are 1-based, header
        excluded).
    columns : tuple of str
        Canonical names of the columns present.
    issues : tuple of Issue
        Cells that could not be read (the row keeps ``None`` there and the
        raw text in ``row.raw``).
    extra_columns : tuple of str
        Headers the format does not know; kept in ``row.raw``.
    equipment : mapping of str to Equipment
        Equipment inventory, if one was given, for calibration checks.
    source : str
        Where the rows came from.
    """

    rows: tuple[RegisterRow, ...]
    columns: tuple[str, ...]
    issues: tuple[Issue, ...] = ()
    extra_columns: tuple[str, ...] = ()
    equipment: Mapping[str, Equipment] = attrs.field(factory=dict)
    source: str = "<memory>"

    def __len__(self) -> int:
        return len(self.rows)

    def by_person(self) -> dict[str, list[RegisterRow]]:
        """Return rows grouped by person, each list sorted by visit date."""
        grouped: dict[str, list[RegisterRow]] = {}
        for row in self.rows:
            grouped.setdefault(row.person_id, []).append(row)
        for rows in grouped.values():
            rows.sort(key=lambda r: (r.visit_date or dt.date.min, r.row))
        return grouped

    def with_equipment(self, equipment: Iterable[Equipment]) -> Register:
        """Return a copy that knows the equipment inventory."""
        return attrs.evolve(self, equipment={e.id: e for e in equipment})


def _issue(row: int, field: str, value: str, expected: str, expected_id: str) -> Issue:
    return Issue(
        severity=Severity.ERROR,
        code=f"parse.{field}",
        row=row,
        field=field,
        value=value,
        message_id=f"nilai {value!r} tidak dapat dibaca sebagai {expected_id}",
        message_en=f"cannot read {value!r} as {expected}",
        rule="register.parse",
    )


def _parse_date(text: str) -> dt.date:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _parse_number(text: str) -> float:
    compact = text.replace(" ", "")
    if not _NUMBER.match(compact):
        raise ValueError(text)
    value = float(compact.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _parse_cell(kind: ColumnType, text: str) -> Any:
    if kind is ColumnType.TEXT:
        return text
    if kind is ColumnType.DATE:
        return _parse_date(text)
    if kind is ColumnType.NUMBER:
        return _parse_number(text)
    if kind is ColumnType.SEX:
        return Sex.parse(text)
    if kind is ColumnType.METHOD:
        return MeasureMethod.parse(text)
    if kind is ColumnType.BOOL:
        lowered = text.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(text)
    return tuple(part.strip() for part in re.split(r"[;|]", text) if part.strip())


_EXPECTED = {
    ColumnType.DATE: (
        "a date (YYYY-MM-DD or DD/MM/YYYY)",
        "tanggal (YYYY-MM-DD atau DD/MM/YYYY)",
    ),
    ColumnType.NUMBER: ("a number", "angka"),
    ColumnType.SEX: ("a sex code (L/P, M/F, 1/2)", "kode jenis kelamin (L/P)"),
    ColumnType.METHOD: (
        "a measuring method (terlentang/berdiri)",
        "cara ukur (terlentang/berdiri)",
    ),
    ColumnType.BOOL: ("yes/no (y/n)", "ya/tidak (y/n)"),
}


def _decode(data: bytes, source: str) -> str:
    if not data.strip():
        msg = "the file is empty"
        raise InputFileError(msg, fix=f"check that {source} is the register export")
    if b"\x00" in data[:8192]:
        msg = "the file is binary, not a CSV text file"
        raise InputFileError(msg, fix="export the register as CSV (UTF-8)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"the file is not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x})"
        raise InputFileError(
            msg, fix="save the file as CSV UTF-8 (in Excel: 'CSV UTF-8')"
        ) from exc


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to Indonesian locale export with ";" separators.
    if first_line.count(";") > first_line.count(","):

        class Semicolon(csv.excel):
            delimiter = ";"

        return Semicolon
    return csv.excel


def read_register(
    source: str | os.PathLike[str] | IO[str], *, equipment: Iterable[Equipment] = ()
) -> Register:
    """Read a register CSV into typed rows.

    Parameters
    ----------
    source : path or text file
        The CSV file (UTF-8, ``,`` or ``;`` separated, a header row).
        Headers may be the canonical names or their Indonesian aliases
        (e-PPGBM export headers included); unknown headers are kept raw.
    equipment : iterable of Equipment
        The Posyandu's equipment inventory, for calibration checks.

    Returns
    -------
    Register
        Rows in file order; cells that cannot be read are ``None`` in the
        row and reported in ``Register.issues``.

    Raises
    ------
    InputFileError
        The file is missing, unreadable, empty, binary, not UTF-8, not
        valid CSV, or lacks a required column.
    """
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        name = str(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            msg = f"no such file: {name}"
            raise InputFileError(msg, fix="check the path") from exc
        except OSError as exc:
            msg = f"cannot read {name}: {exc.strerror}"
            raise InputFileError(msg) from exc
        text = _decode(data, name)
    else:
        name = getattr(source, "name", "<stream>")
        text = source.read()
        if not text.strip():
            msg = "the input is empty"
            raise InputFileError(msg)
    return _parse(text, name, tuple(equipment))


def _parse(text: str, name: str, equipment: tuple[Equipment, ...]) -> Register:
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text), strict=True)
    try:
        header = next(reader)
        records = list(reader)
    except csv.Error as exc:
        msg = f"not a valid CSV file near line {reader.line_num}: {exc}"
        raise InputFileError(
            msg, row=None, fix="check the quoting of that line"
        ) from exc
    mapping = [canonical_name(h) for h in header]
    known = [m for m in mapping if m is not None]
    duplicates = sorted({m for m in known if known.count(m) > 1})
    if duplicates:
        msg = f"columns {duplicates} appear more than once (possibly under aliases)"
        raise InputFileError(msg, fix="keep one column per field")
    missing = [c for c in REQUIRED if c not in known]
    if "person_id" not in known and "nik" not in known:
        missing.insert(0, "person_id (or nik)")
    if missing:
        msg = f"required columns missing: {', '.join(missing)}; found: {', '.join(header)}"
        raise InputFileError(
            msg, fix="see the register format in the docs (docs/reference/register.md)"
        )
    rows, issues = [], []
    for number, record in enumerate(records, start=1):
        if not any(cell.strip() for cell in record):
            continue  # blank line: nothing to keep
        if len(record) != len(header):
            issues.append(
                Issue(
                    severity=Severity.ERROR,
                    code="parse.row_length",
                    row=number,
                    value=len(record),
                    message_id=f"baris berisi {len(record)} kolom, header {len(header)}",
                    message_en=f"row has {len(record)} cells but the header has {len(header)}",
                    rule="register.parse",
                )
            )
        row, row_issues = _row(number, header, mapping, record)
        rows.append(row)
        issues.extend(row_issues)
    extra = tuple(h for h, m in zip(header, mapping, strict=True) if m is None)
    return Register(
        rows=tuple(rows),
        columns=tuple(known),
        issues=tuple(issues),
        extra_columns=extra,
        equipment={e.id: e for e in equipment},
        source=name,
    )


def _row(
    number: int, header: list[str], mapping: list[str | None], record: list[str]
) -> tuple[RegisterRow, list[Issue]]:
    values: dict[str, Any] = {}
    raw: dict[str, str] = {}
    issues = []
    for head, column, cell in zip(header, mapping, record, strict=False):
        text = cell.strip()
        raw[column or head] = cell
        if column is None or not text:
            continue
        kind = BY_NAME[column].type
        try:
            values[column] = _parse_cell(kind, text)
        except ValueError:
            expected_en, expected_id = _EXPECTED[kind]
            issues.append(_issue(number, column, cell, expected_en, expected_id))
    person_id = values.pop("person_id", None) or values.get("nik") or f"row-{number}"
    return RegisterRow(row=number, person_id=person_id, raw=raw, **values), issues
