"""Readers for typed sources: Excel (.xlsx), pandas/polars DataFrames, Parquet.

Each hands :func:`build_register` the cells as the source holds them, so a
date cell stays a date, a number a number, and a NIK typed as a number is
caught (it has lost digits). The libraries are optional (the ``io`` and
``analysis`` extras) and imported only when used.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import numpy as np

from posyandu_core.errors import InputFileError, PosyanduError
from posyandu_core.register._build import CellTable
from posyandu_core.register._csv import no_such_file


def _need(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        msg = f"reading this register needs {module}, which is not installed"
        raise PosyanduError(
            msg,
            message_id=f"membaca register ini perlu {module}, yang belum terpasang",
            fix=f"pip install 'posyandu-core[{extra}]'",
            fix_id=f"pasang: pip install 'posyandu-core[{extra}]'",
        ) from exc


def read_xlsx_cells(
    source: str | os.PathLike[str], *, sheet: str | None = None
) -> CellTable:
    """Read the first sheet (or ``sheet``) of an ``.xlsx`` file.

    The header is the first non-empty row; empty rows are skipped (row
    numbers still count them: data row ``r`` is the sheet's row
    ``r + header_row``, which messages show).
    """
    openpyxl = _need("openpyxl", "io")
    path = Path(source)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise no_such_file(str(path)) from exc
    except Exception as exc:  # zipfile/openpyxl raise many kinds for a bad file
        msg = f"{path} is not a readable .xlsx workbook: {exc}"
        raise InputFileError(
            msg,
            message_id=f"{path} bukan buku kerja .xlsx yang terbaca: {exc}",
            fix="open it in a spreadsheet and save as .xlsx",
            fix_id="buka di aplikasi lembar kerja lalu simpan sebagai .xlsx",
        ) from exc
    try:
        worksheet = book[sheet] if sheet else book.worksheets[0]
        rows = worksheet.iter_rows(min_row=1, values_only=True)
        header: list[str] = []
        header_row = 0
        for header_row, values in enumerate(rows, start=1):  # noqa: B007
            if any(v not in (None, "") for v in values):
                header = [_header_text(v) for v in values]
                break
        if not header:
            msg = f"{path}: the sheet is empty"
            raise InputFileError(
                msg,
                message_id=f"{path}: lembar kerja kosong",
                fix="put the header in the first row",
                fix_id="taruh judul kolom di baris pertama",
            )
        width = len(header)
        while width and not header[width - 1]:
            width -= 1  # trailing empty header cells are formatting, not columns
        header = header[:width]
        columns: list[list[Any]] = [[] for _ in header]
        numbers: list[int] = []
        for number, values in enumerate(rows, start=1):
            cells = list(values[:width]) + [None] * (width - len(values))
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            numbers.append(number)
            for column, cell in zip(columns, cells, strict=True):
                column.append(cell)
    finally:
        book.close()
    return CellTable(
        header=tuple(header),
        cells=columns,
        source=str(path),
        row_numbers=np.asarray(numbers, dtype=np.int64),
        header_row=header_row,
    )


def _header_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _cells_of(values: Any) -> list[Any]:
    """Python cells of a pandas column: Timestamps as dates, missing as None."""
    pd = _need("pandas", "analysis")
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return [None if pd.isna(v) else v.to_pydatetime() for v in values]
    out = values.astype(object).where(values.notna(), None).tolist()
    return [v.to_pydatetime() if isinstance(v, pd.Timestamp) else v for v in out]


def read_pandas_cells(frame: Any, *, source: str = "<DataFrame>") -> CellTable:
    """Read a pandas DataFrame; its index is kept and given back by to_pandas()."""
    header = tuple(str(c) for c in frame.columns)
    cells = [_cells_of(frame.iloc[:, i]) for i in range(frame.shape[1])]
    index = frame.index
    if index.name == "row" and index.dtype.kind in "iu":
        # Register.to_pandas() of a file: the index is the row numbers.
        return CellTable(
            header=header,
            cells=cells,
            source=source,
            row_numbers=np.asarray(index, dtype=np.int64),
        )
    return CellTable(
        header=header,
        cells=cells,
        source=source,
        row_numbers=np.arange(1, len(frame) + 1, dtype=np.int64),
        index=index,
    )


def read_polars_cells(frame: Any, *, source: str = "<polars DataFrame>") -> CellTable:
    """Read a polars DataFrame (row positions become the index)."""
    cells = []
    for series in frame.get_columns():
        values = series.to_list()
        cells.append(
            [
                v.date() if isinstance(v, dt.datetime) and v.time() == dt.time() else v
                for v in values
            ]
        )
    return CellTable(
        header=tuple(frame.columns),
        cells=cells,
        source=source,
        row_numbers=np.arange(1, frame.height + 1, dtype=np.int64),
    )


def read_parquet_cells(source: str | os.PathLike[str]) -> CellTable:
    """Read a Parquet file (pyarrow): typed columns as written."""
    parquet = _need("pyarrow.parquet", "io")
    path = Path(source)
    try:
        table = parquet.read_table(path)
    except FileNotFoundError as exc:
        raise no_such_file(str(path)) from exc
    except Exception as exc:  # pyarrow raises ArrowInvalid and friends
        msg = f"{path} is not a readable Parquet file: {exc}"
        raise InputFileError(
            msg, message_id=f"{path} bukan berkas Parquet yang terbaca: {exc}"
        ) from exc
    cells = [table.column(i).to_pylist() for i in range(table.num_columns)]
    return CellTable(
        header=tuple(table.column_names),
        cells=cells,
        source=str(path),
        row_numbers=np.arange(1, table.num_rows + 1, dtype=np.int64),
    )
