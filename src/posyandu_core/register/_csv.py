"""The CSV reader: ``,``, ``;`` or tab separated, UTF-8, a header row.

Rows are read in chunks and each column is factorised as it comes (every
distinct text stored once), so a million-row file never exists as a million
lists of Python strings.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

import numpy as np
from numpy.typing import NDArray

from posyandu_core.errors import InputFileError
from posyandu_core.model import Issue, Severity
from posyandu_core.register._build import CellTable
from posyandu_core.register._store import RawColumn

CHUNK_ROWS = 50_000
_UTF8_FIX = "save the file as CSV UTF-8 (in Excel: 'CSV UTF-8')"
_UTF8_FIX_ID = "simpan berkas sebagai CSV UTF-8 (di Excel: 'CSV UTF-8')"


def row_length(row: int, cells: int, width: int) -> Issue:
    """Return the issue of data row ``row``: ``cells`` cells under a ``width``-wide header."""
    return Issue(
        severity=Severity.ERROR,
        code="parse.row_length",
        row=row,
        value=cells,
        message_id=f"baris berisi {cells} kolom, header {width}: "
        "nilai baris ini tidak dipakai",
        message_en=f"row has {cells} cells but the header has {width}: "
        "the row's values are left out",
        rule="register.parse",
    )


def no_such_file(name: str) -> InputFileError:
    """Return the error for a path that does not exist."""
    return InputFileError(
        f"no such file: {name}",
        message_id=f"berkas tidak ada: {name}",
        fix="check the path",
        fix_id="periksa nama dan folder berkas",
    )


def decode(data: bytes, source: str) -> str:
    """Return the text of a CSV file's bytes, or say why it is not one."""
    if not data.strip():
        msg = "the file is empty"
        raise InputFileError(
            msg,
            message_id="berkas kosong",
            fix=f"check that {source} is the register export",
            fix_id=f"periksa bahwa {source} adalah ekspor register",
        )
    if b"\x00" in data[:8192]:
        msg = "the file is binary, not a CSV text file"
        raise InputFileError(
            msg,
            message_id="berkas biner, bukan teks CSV",
            fix="export the register as CSV (UTF-8), or give the .xlsx file itself",
            fix_id="ekspor register sebagai CSV (UTF-8), atau berikan berkas .xlsx-nya",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = f"{exc.start} = {data[exc.start]:#04x}"
        msg = f"the file is not UTF-8 text (byte {byte})"
        raise InputFileError(
            msg,
            message_id=f"berkas bukan teks UTF-8 (bita {byte})",
            fix=_UTF8_FIX,
            fix_id=_UTF8_FIX_ID,
        ) from exc


def open_text(source: str | os.PathLike[str] | IO[str]) -> tuple[IO[str], str]:
    """Open a path (or take a text stream) for streaming; return it and its name.

    A file is checked from its first bytes (empty, binary) and then decoded
    as it is read, so a big register never exists twice in memory.
    """
    if not isinstance(source, str | os.PathLike):
        name = str(getattr(source, "name", "<stream>"))
        text = source.read()
        if not text.strip():
            msg = "the input is empty"
            raise InputFileError(msg, message_id="masukan kosong")
        return io.StringIO(text, newline=""), name
    path = Path(source)
    name = str(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError as exc:
        raise no_such_file(name) from exc
    except OSError as exc:
        msg = f"cannot read {name}: {exc.strerror}"
        raise InputFileError(
            msg, message_id=f"{name} tidak dapat dibaca: {exc.strerror}"
        ) from exc
    head = handle.read(1 << 16)
    try:
        if len(head) < 1 << 16:  # the whole file: check it as before
            decode(head, name)
        elif b"\x00" in head[:8192]:
            decode(head[:8192], name)
    except InputFileError:
        handle.close()
        raise
    handle.seek(0)
    return io.TextIOWrapper(handle, encoding="utf-8-sig", newline=""), name


def delimiter(first_line: str) -> str:
    r"""Return the separator a header line uses: ``,``, ``;`` or tab.

    Spreadsheets set to the Indonesian locale export ``;``.

    Examples
    --------
    >>> delimiter("a;b;c"), delimiter("a\tb"), delimiter("a,b")
    (';', '\t', ',')
    """
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


class _Factoriser:
    """Codes of one column's texts, built chunk by chunk.

    Each cell is one C-level ``dict.setdefault`` with a running counter (a
    new text keeps the counter's value, a known one its first code); the
    codes are made dense once, at the end.
    """

    def __init__(self) -> None:
        self.table: dict[str, int] = {"": 0}
        self.counter = itertools.count(1)
        self.parts: list[NDArray[np.int64]] = []

    def add(self, texts: list[str]) -> None:
        codes = map(self.table.setdefault, texts, self.counter)
        self.parts.append(np.fromiter(codes, np.int64, len(texts)))

    def column(self) -> RawColumn:
        sparse = np.concatenate(self.parts) if self.parts else np.zeros(0, np.int64)
        dense = np.zeros(next(self.counter), dtype=np.int32)
        firsts = np.fromiter(self.table.values(), np.int64, len(self.table))
        dense[firsts] = np.arange(len(self.table), dtype=np.int32)
        return RawColumn(dense[sparse], tuple(self.table))


def open_chunks(
    text_stream: IO[str], name: str, chunk_rows: int = CHUNK_ROWS
) -> tuple[list[str], Iterator[tuple[list[list[str]], int]]]:
    """Return a CSV stream's header and an iterator of ``(records, first_row)``.

    ``first_row`` is the 1-based row number (header excluded) of the chunk's
    first record. An unclosed quote or another CSV error raises
    :class:`InputFileError` naming the line: nothing after it could be
    trusted, so nothing is silently cut.
    """
    first = text_stream.readline()
    sep = delimiter(first)
    try:
        header = next(csv.reader([first], delimiter=sep, strict=True), [])
    except csv.Error as exc:
        msg = f"{name}: the header line is not valid CSV: {exc}"
        raise InputFileError(
            msg,
            message_id=f"{name}: baris judul kolom bukan CSV yang sah: {exc}",
            fix="check the quoting of the header",
            fix_id='periksa tanda kutip (") di baris judul',
        ) from exc
    if not header:
        msg = "the file has no header row"
        raise InputFileError(
            msg,
            message_id="berkas tidak punya baris judul kolom",
            fix="export the register with its header row",
            fix_id="ekspor register dengan baris judul kolomnya",
        )
    reader = csv.reader(text_stream, delimiter=sep, strict=True)
    return header, _chunks(reader, name, chunk_rows)


def _chunks(
    reader: Any, name: str, chunk_rows: int
) -> Iterator[tuple[list[list[str]], int]]:
    number = 0
    while True:
        records: list[list[str]] = []
        start = number + 1
        try:
            for record in reader:
                number += 1
                records.append(record)
                if len(records) >= chunk_rows:
                    break
        except csv.Error as exc:
            line = reader.line_num + 1
            msg = f"{name} is not a valid CSV file near line {line}: {exc}"
            raise InputFileError(
                msg,
                message_id=f"{name} bukan CSV yang sah di sekitar baris {line}: {exc}",
                row=number + 1,
                sheet_row=number + 2,
                fix='check the quoting of that line (an unclosed " swallows every '
                "row after it)",
                fix_id='periksa tanda kutip (") di baris itu (kutip yang tidak '
                "ditutup menelan semua baris sesudahnya)",
            ) from exc
        if not records:
            return
        yield records, start


def read_csv_cells(
    source: str | os.PathLike[str] | IO[str], *, chunk_rows: int = CHUNK_ROWS
) -> CellTable:
    """Read a CSV register into a :class:`CellTable` (texts, factorised).

    The standard-library path: it reads streams and every odd file and
    names each problem. ``read_register`` tries pyarrow's parser first
    (``_arrow_csv``), which gives the same cells faster or declines.
    """
    stream, name = open_text(source)
    numbers: list[NDArray[np.int64]] = []
    issues: list[Issue] = []
    with stream:
        try:
            header, chunks = open_chunks(stream, name, chunk_rows)
            columns = [_Factoriser() for _ in header]
            for records, start in chunks:
                kept, kept_numbers = _normalise(records, start, len(header), issues)
                numbers.append(np.asarray(kept_numbers, dtype=np.int64))
                for position, factoriser in enumerate(columns):
                    factoriser.add(list(map(itemgetter(position), kept)))
        except UnicodeDecodeError as exc:
            row = sum(len(n) for n in numbers) + 1  # the spreadsheet's row
            msg = f"the file is not UTF-8 text (after row {row})"
            raise InputFileError(
                msg,
                message_id=f"berkas bukan teks UTF-8 (setelah baris {row})",
                fix=_UTF8_FIX,
                fix_id=_UTF8_FIX_ID,
            ) from exc
    return CellTable(
        header=tuple(header),
        cells=[c.column() for c in columns],
        source=name,
        row_numbers=np.concatenate(numbers) if numbers else np.zeros(0, np.int64),
        issues=tuple(issues),
    )


def _normalise(
    records: list[list[str]], start: int, width: int, issues: list[Issue]
) -> tuple[list[list[str]], list[int]]:
    """Drop blank records; pad or cut ragged ones (reporting them)."""
    kept: list[list[str]] = []
    numbers: list[int] = []
    for offset, record in enumerate(records):
        number = start + offset
        # Most records start with a filled cell: only the others need a full look.
        blank = not (record and record[0].strip()) and not "".join(record).strip()
        if len(record) == width:
            if not blank:
                kept.append(record)
                numbers.append(number)
            continue
        if blank:
            continue
        issues.append(row_length(number, len(record), width))
        kept.append((record + [""] * width)[:width])
        numbers.append(number)
    return kept, numbers
