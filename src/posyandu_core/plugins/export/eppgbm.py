"""The e-PPGBM sheet a Puskesmas nutrition officer uploads (DOMAIN.md §13.2).

One row per weighing of a child under five. The columns and their order
are data (``data/export/eppgbm_columns.toml``, a versioned column set); the
default is the export header of DOMAIN.md §13.2. NIK is written as text
(16 digits, leading zeros kept), sex as L/P, the position as
Berdiri/Terlentang, the growth status as N/T/O/B (kesehatan growth
monitoring) and z-scores rounded to 2 decimals with 999.99 where the growth
engine cannot compute one.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final, Literal

from posyandu_core._files import csv_writer
from posyandu_core.errors import RuleDataError
from posyandu_core.growth import category_table
from posyandu_core.model import MeasureMethod, add_months, completed_months
from posyandu_core.plugins.export._common import (
    FIXED_TIME,
    MONTHS_ID,
    Destination,
    ExportError,
    VisitAssessment,
    assess_rows,
    load_export_table,
    require,
    safe_text,
    save_workbook,
)
from posyandu_core.plugins.kesehatan.growth_monitoring import monitor_register
from posyandu_core.register import Register, RegisterRow

__all__ = ["column_set", "column_sets", "eppgbm_rows", "write_eppgbm"]

_Z_OF: Final = {"bb_u": "waz", "pb_tb_u": "haz", "bb_pb_tb": "whz"}


@functools.cache
def column_sets() -> dict[str, tuple[tuple[str, str], ...]]:
    """Return every e-PPGBM column set: id -> ((header, field), …).

    Examples
    --------
    >>> sets = column_sets()
    >>> [h for h, _ in sets["eppgbm-2019"][:4]]
    ['NIK', 'Nama', 'JK', 'Tgl Lahir']
    >>> [h for h, _ in sets["eppgbm-2025"][-2:]]
    ['Kelas Ibu Balita', 'MBG']
    """
    data = load_export_table("eppgbm_columns")
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    try:
        for set_id, spec in data["sets"].items():
            base = out[spec["extends"]] if "extends" in spec else ()
            own = spec.get("columns", []) + spec.get("append", [])
            out[set_id] = (*base, *((c["header"], c["field"]) for c in own))
    except KeyError as exc:
        msg = f"eppgbm_columns.toml is malformed: {exc!r}"
        raise RuleDataError(
            msg,
            message_id=f"eppgbm_columns.toml rusak: {exc!r}",
            fix="reinstall posyandu-core",
            fix_id="pasang ulang posyandu-core",
        ) from exc
    unknown = {f for cols in out.values() for _, f in cols} - set(_FIELDS) - {""}
    if unknown:
        msg = f"eppgbm_columns.toml names unknown fields {sorted(unknown)}"
        raise RuleDataError(
            msg,
            message_id=f"eppgbm_columns.toml menyebut kolom yang tidak dikenal "
            f"{sorted(unknown)}",
            fix="use the fields listed in the reference page",
            fix_id="pakai kolom yang tercantum di halaman referensi",
        )
    return out


def column_set(version: str | None = None) -> tuple[tuple[str, str], ...]:
    """Return one column set (default: the table's ``default``)."""
    version = version or str(load_export_table("eppgbm_columns")["default"])
    try:
        return column_sets()[version]
    except KeyError:
        msg = f"no e-PPGBM column set {version!r}"
        raise ExportError(
            msg,
            message_id=f"set kolom e-PPGBM {version!r} tidak ada",
            field="columns",
            value=version,
            fix=f"use one of {sorted(column_sets())}",
            fix_id=f"pakai salah satu dari {sorted(column_sets())}",
        ) from None


def _sentinel() -> float:
    return float(load_export_table("eppgbm_columns")["sentinel"])


def _age_text(row: RegisterRow) -> str | None:
    # e-PPGBM writes the age at measurement as years, months and days.
    if row.birth_date is None or row.visit_date is None:
        return None
    months = completed_months(row.birth_date, row.visit_date)
    days = (row.visit_date - add_months(row.birth_date, months)).days
    return f"{months // 12} Tahun - {months % 12} Bulan - {days} Hari"


def _label(table: str, a: VisitAssessment) -> str | None:
    z = _Z_OF[table]
    if a.flags.get(z):
        return "Outlier"
    category = a.categories.get(table)
    return (
        None if category is None else category_table(table).category(category).label_id
    )


def _z(table: str, a: VisitAssessment) -> float:
    value = a.z.get(_Z_OF[table])
    return _sentinel() if value is None else round(value, 2)


_Context = tuple[RegisterRow, VisitAssessment, Mapping[str, Any]]
_FIELDS: Final[dict[str, Callable[[_Context], Any]]] = {
    "nik": lambda c: c[0].nik,
    "name": lambda c: c[0].name,
    "sex": lambda c: None if c[0].sex is None else str(c[0].sex),
    "birth_date": lambda c: c[0].birth_date,
    "parent_name": lambda c: c[0].parent_name,
    "provinsi": lambda c: c[2]["provinsi"],
    "kabupaten_kota": lambda c: c[2]["kabupaten_kota"],
    "kecamatan": lambda c: c[2]["kecamatan"],
    "puskesmas": lambda c: c[2]["puskesmas"],
    "desa_kelurahan": lambda c: c[2]["desa_kelurahan"],
    "posyandu": lambda c: c[0].posyandu,
    "age_text": lambda c: _age_text(c[0]),
    "visit_date": lambda c: c[0].visit_date,
    "visit_month": lambda c: None
    if c[0].visit_date is None
    else MONTHS_ID[c[0].visit_date.month - 1],
    "weight_kg": lambda c: c[0].weight_kg,
    "length_cm": lambda c: c[0].length_cm,
    "measure": lambda c: {
        MeasureMethod.STANDING: "Berdiri",
        MeasureMethod.LYING: "Terlentang",
    }.get(c[0].measure),  # type: ignore[arg-type]
    "muac_cm": lambda c: c[0].muac_cm,
    "cat_bb_u": lambda c: _label("bb_u", c[1]),
    "z_bb_u": lambda c: _z("bb_u", c[1]),
    "cat_pb_tb_u": lambda c: _label("pb_tb_u", c[1]),
    "z_pb_tb_u": lambda c: _z("pb_tb_u", c[1]),
    "cat_bb_pb_tb": lambda c: _label("bb_pb_tb", c[1]),
    "z_bb_pb_tb": lambda c: _z("bb_pb_tb", c[1]),
    "growth_code": lambda c: c[2]["codes"].get(c[0].row),
    "vitamin_a": lambda c: None if c[0].vitamin_a is None else int(c[0].vitamin_a),
    "has_kia": lambda c: None if c[0].has_kia is None else ("Ya" if c[0].has_kia else "Tidak"),
    "kk": lambda c: c[0].kk,
    "nik_ibu": lambda c: c[0].nik_ibu,
}  # fmt: skip


def _is_balita(row: RegisterRow, a: VisitAssessment, max_age_months: int) -> bool:
    has_value = row.weight_kg is not None or row.length_cm is not None
    has_value = has_value or row.muac_cm is not None
    return (
        has_value
        and row.sex is not None
        and a.age_months is not None
        and a.age_months < max_age_months
    )


def eppgbm_rows(
    register: Register,
    *,
    columns: str | None = None,
    provinsi: str | None = None,
    kabupaten_kota: str | None = None,
    kecamatan: str | None = None,
    puskesmas: str | None = None,
    desa_kelurahan: str | None = None,
    max_age_months: int = 60,
) -> tuple[tuple[str, ...], list[list[Any]]]:
    """Return the header and the typed rows of the e-PPGBM sheet.

    Rows are the register rows of children under ``max_age_months`` completed
    months with a weight, length/height or LiLA, in register order.
    """
    spec = column_set(columns)
    rows = list(register.rows)
    assessed = assess_rows(rows)
    statuses, _ = monitor_register(register)
    context = {
        "provinsi": provinsi,
        "kabupaten_kota": kabupaten_kota,
        "kecamatan": kecamatan,
        "puskesmas": puskesmas,
        "desa_kelurahan": desa_kelurahan,
        "codes": {s.row: str(s.code) for s in statuses},
    }
    out = []
    for row, a in zip(rows, assessed, strict=True):
        if not _is_balita(row, a, max_age_months):
            continue
        out.append([_FIELDS[f]((row, a, context)) if f else None for _, f in spec])
    return tuple(h for h, _ in spec), out


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe_text(str(value)) or ""


def write_eppgbm(
    register: Register,
    destination: Destination,
    *,
    format: Literal["xlsx", "csv"] | None = None,
    columns: str | None = None,
    provinsi: str | None = None,
    kabupaten_kota: str | None = None,
    kecamatan: str | None = None,
    puskesmas: str | None = None,
    desa_kelurahan: str | None = None,
    max_age_months: int = 60,
    timestamp: dt.datetime = FIXED_TIME,
) -> None:
    """Write the e-PPGBM sheet as ``.xlsx`` (real date cells, NIK as text) or ``.csv``.

    Parameters
    ----------
    register : Register
    destination : path
        ``.xlsx`` or ``.csv``; ``format`` overrides the suffix.
    columns : str or None
        Column-set id (default ``eppgbm-2019``; ``eppgbm-2025``, ``bontang-ot``).
    provinsi, kabupaten_kota, kecamatan, puskesmas, desa_kelurahan : str
        The area columns, the same on every row (the register does not hold them).
    max_age_months : int, default 60
        Children under this age (completed months) are listed.
    timestamp : datetime
        Creation time stamped into the workbook.
    """
    kind = format or Path(destination).suffix.lstrip(".").lower()
    if kind not in ("xlsx", "csv"):
        msg = f"unknown e-PPGBM format {kind!r}"
        raise ExportError(
            msg,
            message_id=f"format e-PPGBM {kind!r} tidak dikenal",
            field="format",
            value=kind,
            fix="use .xlsx or .csv",
            fix_id="pakai .xlsx atau .csv",
        )
    header, rows = eppgbm_rows(
        register,
        columns=columns,
        provinsi=provinsi,
        kabupaten_kota=kabupaten_kota,
        kecamatan=kecamatan,
        puskesmas=puskesmas,
        desa_kelurahan=desa_kelurahan,
        max_age_months=max_age_months,
    )
    if kind == "csv":
        out = io.StringIO()
        writer = csv_writer(out)
        writer.writerow(header)
        writer.writerows([[_cell_text(v) for v in r] for r in rows])
        Path(destination).write_text(out.getvalue(), encoding="utf-8")
        return
    openpyxl = require("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "e-PPGBM"
    sheet.append(list(header))
    for values in rows:
        sheet.append([safe_text(v) if isinstance(v, str) else v for v in values])
    text_columns = {"NIK", "Nomor KK", "NIK Orang Tua"}
    for index, name in enumerate(header, start=1):
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if name in text_columns:
                cell.number_format = "@"  # text: Excel keeps all 16 digits
            elif isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(cell.value, float) and name.startswith("ZS "):
                cell.number_format = "0.00"
    sheet.freeze_panes = "A2"
    save_workbook(book, destination, timestamp)
