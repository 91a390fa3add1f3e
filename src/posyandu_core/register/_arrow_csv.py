"""The fast CSV path: pyarrow's C++ parser, when the ``io``/``analysis`` extra is installed.

It gives exactly what the standard-library path of ``_csv.py`` gives — the
same cells, row numbers and codes — and declines (returns ``None``) whenever
it could differ: no pyarrow, a stream rather than a file, an odd first line,
ragged rows, bad UTF-8, or a quoted field that ``csv``'s strict mode would
refuse (pyarrow would read ``"b"c`` as ``bc``). The standard-library path then
reads the file and names the problem, so errors and odd files behave as
before. ``tests/test_csv_paths.py`` checks the equality.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from posyandu_core.register._build import CellTable
from posyandu_core.register._csv import delimiter, read_csv_cells
from posyandu_core.register._store import RawColumn

#: Files at least this big take the fast path; small ones are not worth it.
MIN_BYTES = 1 << 16
_FIRST_LINE = re.compile(rb"^([^\r\n]*)(\r\n|\r|\n)")


def _unstrict_quotes(separator: str) -> re.Pattern[bytes]:
    """Match a quote opening a field that does not close before a separator or line end."""
    outside = b"[^" + re.escape(separator.encode()) + rb"\r\n]"
    return re.compile(b"(?<!" + outside + b')"(?!(?:[^"]|"")*"(?!' + outside + b"))")


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.csv
    except ImportError:
        return None
    return pyarrow


def read_csv_file(source: Any) -> CellTable:
    """Read a CSV register: pyarrow's parser when it can, else the ``csv`` module."""
    return read_arrow_cells(source) or read_csv_cells(source)


def read_arrow_cells(source: object, *, min_bytes: int = MIN_BYTES) -> CellTable | None:
    """Read a CSV register file with pyarrow, or return None to leave it to ``csv``."""
    if not isinstance(source, str | os.PathLike):
        return None
    pa = _pyarrow()
    path = Path(source)
    try:
        if pa is None or path.stat().st_size < min_bytes:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if b"\x00" in data[:8192]:
        return None
    data = data.removeprefix(codecs.BOM_UTF8)
    first = _FIRST_LINE.match(data)
    if first is None:
        return None
    try:  # the header is the first line, read as the csv path reads it
        line = first.group(0).decode("utf-8")
        separator = delimiter(line)
        header = next(csv.reader([line], delimiter=separator, strict=True), [])
    except (UnicodeDecodeError, csv.Error):
        return None
    body = memoryview(data)[first.end() :]
    quoted = data.find(b'"', first.end()) >= 0  # (``in`` would crawl a memoryview)
    if not header or not body or (quoted and _unstrict_quotes(separator).search(body)):
        return None
    names = [f"c{i}" for i in range(len(header))]
    try:
        table = pa.csv.read_csv(
            pa.py_buffer(body),
            read_options=pa.csv.ReadOptions(column_names=names, use_threads=False),
            parse_options=pa.csv.ParseOptions(
                delimiter=separator, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=pa.csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None  # ragged rows, bad UTF-8 …: the csv path names them
    del data, body
    encoded = [_codes(table.column(i)) for i in range(table.num_columns)]
    del table
    # pyarrow's allocator keeps freed pages; give them back before the
    # register's own arrays and the services need the memory (200 MB on 1M rows).
    pa.default_memory_pool().release_unused()
    blank = np.ones(len(encoded[0][0]) if encoded else 0, dtype=bool)
    for codes, texts in encoded:
        blank &= np.array([not t.strip() for t in texts], dtype=bool)[codes]
    keep = np.flatnonzero(~blank)
    return CellTable(
        header=tuple(header),
        cells=[_dense(codes[keep], texts) for codes, texts in encoded],
        source=str(path),
        row_numbers=keep.astype(np.int64) + 1,
    )


def _codes(column: Any) -> tuple[NDArray[np.int32], list[str]]:
    encoded = column.combine_chunks().dictionary_encode()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    return codes, encoded.dictionary.to_pylist()


def _dense(codes: NDArray[np.int32], texts: list[str]) -> RawColumn:
    """Codes as the csv path numbers them: ``""`` first, then by first appearance."""
    first = np.full(len(texts), len(codes), dtype=np.int64)
    # With repeated indices the last write wins: reversed, that is the first row.
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    used = np.flatnonzero(first < len(codes))
    order = used[np.argsort(first[used], kind="stable")]
    ordered = [texts[i] for i in order.tolist() if texts[i]]
    remap = np.zeros(len(texts), dtype=np.int32)
    remap[[i for i in order.tolist() if texts[i]]] = np.arange(
        1, len(ordered) + 1, dtype=np.int32
    )
    return RawColumn(remap[codes], ("", *ordered))
