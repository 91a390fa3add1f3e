"""Tidy research data: one row per measurement with z-scores and categories.

Three containers of the same table — CSV, Parquet (typed schema) and Excel
(typed cells with a data-dictionary sheet) — plus a data-dictionary file
beside each. Research exports are pseudonymised by default: NIK, names and
ids become keyed hashes (HMAC-SHA256 with the user's key) and the exact
birth date becomes its month (DEVICES_EXPORTS.md §B2.3).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, Literal

import attrs

from posyandu_core._files import csv_writer
from posyandu_core.model import Sex
from posyandu_core.plugins.export._common import (
    CATEGORY_NAMES,
    FIXED_TIME,
    QUANTITIES,
    Z_NAMES,
    Destination,
    Pseudonymiser,
    assess_rows,
    measurements,
    require,
    safe_text,
    save_workbook,
)
from posyandu_core.register import Register

__all__ = [
    "SCHEMA_VERSION",
    "TidyColumn",
    "tidy_columns",
    "tidy_rows",
    "write_data_dictionary",
    "write_tidy_csv",
    "write_tidy_parquet",
    "write_tidy_xlsx",
]

SCHEMA_VERSION: Final = "1"
BirthPrecision = Literal["month", "day"]


@attrs.frozen
class TidyColumn:
    """One column of the tidy table: name, type, unit and bilingual meaning."""

    name: str
    type: str  # int, float, date, text, category, bool
    label_id: str
    label_en: str
    unit: str = ""
    values: str = ""


def tidy_columns(birth_date: BirthPrecision = "month") -> tuple[TidyColumn, ...]:
    """Return the columns of the tidy table, in order.

    Examples
    --------
    >>> [c.name for c in tidy_columns()][:4]
    ['register_row', 'subject_key', 'nik', 'name']
    """
    c = TidyColumn
    quantities = ", ".join(q.name for q in QUANTITIES)
    birth = (
        c("birth_date", "date", "Tanggal lahir", "Date of birth")
        if birth_date == "day"
        else c(
            "birth_month", "text", "Bulan lahir (YYYY-MM)", "Month of birth (YYYY-MM)"
        )
    )
    ages = (
        (c("age_days", "int", "Umur (hari)", "Age (days)", "d"),)
        if birth_date == "day"
        else ()
    )
    zs = tuple(
        col
        for z in Z_NAMES
        for col in (
            c(z, "float", f"Z-skor {z}", f"{z} z-score (WHO)"),
            c(f"{z}_flag", "bool", f"Tanda WHO {z} tidak masuk akal",
              f"WHO implausibility flag of {z}"),
        )
    )  # fmt: skip
    cats = tuple(
        c(f"cat_{name}", "category", f"Kategori {name} (Permenkes 2/2020)",
          f"{name} category (Permenkes 2/2020)")
        for name in CATEGORY_NAMES
    )  # fmt: skip
    return (
        c("register_row", "int", "Baris register", "Register row"),
        c("subject_key", "text", "Kunci orang (pseudonim)", "Person key (pseudonym)"),
        c("nik", "text", "NIK (pseudonim HMAC-SHA256)", "NIK (HMAC-SHA256 pseudonym)"),
        c("name", "text", "Nama (pseudonim)", "Name (pseudonym)"),
        c("sex", "category", "Jenis kelamin", "Sex", values="L, P"),
        birth,
        c("posyandu", "text", "Posyandu", "Posyandu"),
        c("visit_date", "date", "Tanggal pengukuran", "Date measured"),
        *ages,
        c("age_months", "int", "Umur (bulan penuh)", "Age (completed months)", "mo"),
        c("quantity", "category", "Besaran", "Quantity", values=quantities),
        c("value", "float", "Nilai", "Value"),
        c("unit", "category", "Satuan (UCUM)", "Unit (UCUM)"),
        c("measure", "category", "Cara ukur", "Position measured",
          values="l = terlentang/lying, h = berdiri/standing"),
        c("oedema", "bool", "Edema bilateral", "Bilateral oedema"),
        c("growth_standard", "category", "Standar pertumbuhan", "Growth standard",
          values="who2006 (0-5 y), who2007 (5-19 y)"),
        *zs,
        *cats,
    )  # fmt: skip


def tidy_rows(
    register: Register,
    *,
    key: str | bytes | None = None,
    identifiable: bool = False,
    birth_date: BirthPrecision = "month",
) -> list[dict[str, Any]]:
    """Return the tidy table as typed Python values, one dict per measurement.

    Parameters
    ----------
    register : Register
    key : str or bytes
        Secret for the keyed hash of NIK, names and ids (required unless
        ``identifiable``). Keep it; never ship it with the data.
    identifiable : bool, default False
        Keep NIK, names and ids as they are (for the Posyandu's own use).
    birth_date : {"month", "day"}
        ``"month"`` (default) writes only the month of birth and no age in
        days; ``"day"`` writes the exact date and the age in days.
    """
    alias = Pseudonymiser.from_options(key, identifiable=identifiable)
    by_row = {r.row: r for r in register.rows}
    assessed = dict(zip(by_row, assess_rows(register.rows), strict=True))
    out = []
    for m in measurements(register):
        row, a = by_row[m.row], assessed[m.row]
        record: dict[str, Any] = {
            "register_row": m.row,
            "subject_key": alias("person", row.person_id),
            "nik": alias("nik", row.nik),
            "name": alias("name", row.name),
            "sex": None if row.sex is None else ("L" if row.sex is Sex.MALE else "P"),
        }
        if birth_date == "day":
            record["birth_date"] = row.birth_date
        else:
            record["birth_month"] = (
                row.birth_date.strftime("%Y-%m") if row.birth_date else None
            )
        record["posyandu"] = row.posyandu
        record["visit_date"] = row.visit_date
        if birth_date == "day":
            record["age_days"] = a.age_days
        record |= {
            "age_months": a.age_months,
            "quantity": m.quantity,
            "value": m.value,
            "unit": m.unit,
            "measure": None if m.measure is None else m.measure.who_code,
            "oedema": row.oedema,
            "growth_standard": a.table,
        }
        for z in Z_NAMES:
            record[z] = a.z.get(z)
            record[f"{z}_flag"] = a.flags.get(z)
        for name in CATEGORY_NAMES:
            record[f"cat_{name}"] = a.categories.get(name)
        out.append(record)
    return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return safe_text(value) or ""
    return str(value)


def _csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(header)
    writer.writerows([[_text(v) for v in r] for r in rows])
    return out.getvalue()


def _dictionary_path(destination: Destination) -> Path:
    path = Path(destination)
    return path.with_name(f"{path.stem}.dictionary.csv")


def write_data_dictionary(
    destination: Destination, *, birth_date: BirthPrecision = "month"
) -> None:
    """Write the data dictionary of the tidy table as CSV (one row per column)."""
    header = ("column", "type", "unit", "label_id", "label_en", "values")
    rows = [
        (c.name, c.type, c.unit, c.label_id, c.label_en, c.values)
        for c in tidy_columns(birth_date)
    ]
    Path(destination).write_text(_csv(header, rows), encoding="utf-8")


def write_tidy_csv(
    register: Register,
    destination: Destination,
    *,
    key: str | bytes | None = None,
    identifiable: bool = False,
    birth_date: BirthPrecision = "month",
    dictionary: bool = True,
) -> None:
    """Write the tidy table as UTF-8 CSV (``,`` separator, ``.`` decimals, ISO dates).

    Options as :func:`tidy_rows`; ``dictionary`` also writes
    ``<name>.dictionary.csv`` beside the file. Text cells are escaped
    against formula injection.
    """
    rows = tidy_rows(
        register, key=key, identifiable=identifiable, birth_date=birth_date
    )
    names = [c.name for c in tidy_columns(birth_date)]
    text = _csv(names, [[r[n] for n in names] for r in rows])
    Path(destination).write_text(text, encoding="utf-8")
    if dictionary:
        write_data_dictionary(_dictionary_path(destination), birth_date=birth_date)


def _arrow_type(pa: Any, column: TidyColumn) -> Any:
    return {
        "int": pa.int32(),
        "float": pa.float64(),
        "date": pa.date32(),
        "text": pa.string(),
        "category": pa.dictionary(pa.int8(), pa.string()),
        "bool": pa.bool_(),
    }[column.type]


def write_tidy_parquet(
    register: Register,
    destination: Destination,
    *,
    key: str | bytes | None = None,
    identifiable: bool = False,
    birth_date: BirthPrecision = "month",
    dictionary: bool = True,
) -> None:
    """Write the tidy table as Parquet with an explicit schema.

    Dates are ``date32``, enumerations dictionary-encoded strings, NIK a
    string; the file's key/value metadata holds ``schema_version``,
    ``generator`` and ``growth_reference`` and each field its labels.
    """
    pa = require("pyarrow")
    pq = require("pyarrow.parquet")
    columns = tidy_columns(birth_date)
    rows = tidy_rows(
        register, key=key, identifiable=identifiable, birth_date=birth_date
    )
    fields = [
        pa.field(
            c.name,
            _arrow_type(pa, c),
            metadata={"label_id": c.label_id, "label_en": c.label_en, "unit": c.unit},
        )
        for c in columns
    ]
    schema = pa.schema(
        fields,
        metadata={
            "schema_version": SCHEMA_VERSION,
            "generator": "posyandu-core",
            "growth_reference": "WHO 2006 (0-5 y), WHO 2007 (5-19 y)",
            "pseudonymised": "false" if identifiable else "true",
        },
    )
    arrays = [
        pa.array([r[c.name] for r in rows], type=_arrow_type(pa, c)) for c in columns
    ]
    table = pa.Table.from_arrays(arrays, schema=schema)
    pq.write_table(table, str(destination))
    if dictionary:
        write_data_dictionary(_dictionary_path(destination), birth_date=birth_date)


_NUMBER_FORMATS: Final = {"float": "0.00", "int": "0", "date": "yyyy-mm-dd"}


def write_tidy_xlsx(
    register: Register,
    destination: Destination,
    *,
    key: str | bytes | None = None,
    identifiable: bool = False,
    birth_date: BirthPrecision = "month",
    timestamp: dt.datetime = FIXED_TIME,
) -> None:
    """Write the tidy table as an Excel workbook: typed cells and a dictionary sheet.

    Sheet ``data`` holds real numbers, dates and booleans (header frozen,
    drop-down lists for sex and position); sheet ``kamus_data`` the data
    dictionary. ``timestamp`` is the creation time stamped into the file.
    """
    openpyxl = require("openpyxl")
    validation = require("openpyxl.worksheet.datavalidation")
    columns = tidy_columns(birth_date)
    rows = tidy_rows(
        register, key=key, identifiable=identifiable, birth_date=birth_date
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append([c.name for c in columns])
    for r in rows:
        sheet.append(
            [safe_text(v) if isinstance(v := r[c.name], str) else v for c in columns]
        )
    for index, c in enumerate(columns, start=1):
        fmt = _NUMBER_FORMATS.get(c.type)
        if fmt is None:
            continue
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = fmt
    sheet.freeze_panes = "A2"
    names = [c.name for c in columns]
    # Drop-down lists for the coded columns (an empty table has no cells).
    for column, choices in (("sex", '"L,P"'), ("measure", '"l,h"')) if rows else ():
        letter = openpyxl.utils.get_column_letter(names.index(column) + 1)
        check = validation.DataValidation(
            type="list", formula1=choices, allow_blank=True
        )
        check.add(f"{letter}2:{letter}{len(rows) + 1}")
        sheet.add_data_validation(check)
    info = book.create_sheet("kamus_data")
    info.append(["column", "type", "unit", "label_id", "label_en", "values"])
    for c in columns:
        info.append([c.name, c.type, c.unit, c.label_id, c.label_en, c.values])
    info.freeze_panes = "A2"
    save_workbook(book, destination, timestamp)
