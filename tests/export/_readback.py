"""Readers that take each export back to (register row, quantity, value, unit).

They use only the file and the format's documented layout (not the writers'
code), so the round-trip tests compare what a consumer would read with
what the register holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow.parquet as pq

from posyandu_core.register import Register

Fact = tuple[int, str, float, str]  # register row, quantity, value, UCUM unit

UNITS = {
    "weight_kg": ("weight", "kg"),
    "length_cm": ("length", "cm"),
    "head_cm": ("head_circumference", "cm"),
    "muac_cm": ("muac", "cm"),
    "waist_cm": ("waist", "cm"),
    "systolic_mmhg": ("systolic", "mm[Hg]"),
    "diastolic_mmhg": ("diastolic", "mm[Hg]"),
    "hb_g_dl": ("haemoglobin", "g/dL"),
    "glucose_mg_dl": ("glucose", "mg/dL"),
}


def register_facts(
    register: Register, fields: tuple[str, ...] = tuple(UNITS)
) -> set[Fact]:
    """Every measurement of the register, straight from its rows."""
    out = set()
    for row in register.rows:
        for field in fields:
            value = getattr(row, field)
            if value is not None and value == value and abs(value) != float("inf"):
                name, unit = UNITS[field]
                out.add((row.row, name, value, unit))
    return out


def tidy_csv(path: Path) -> list[Fact]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (int(r["register_row"]), r["quantity"], float(r["value"]), r["unit"])
            for r in csv.DictReader(handle)
        ]


def tidy_parquet(path: Path) -> list[Fact]:
    table = pq.read_table(path).to_pydict()
    return list(
        zip(
            table["register_row"],
            table["quantity"],
            table["value"],
            table["unit"],
            strict=True,
        )
    )


def tidy_xlsx(path: Path) -> list[Fact]:
    out = []
    for r in xlsx_records(path, "data"):
        out.append(
            (
                int(r["register_row"]),
                str(r["quantity"]),
                float(r["value"]),
                str(r["unit"]),
            )
        )
    return out


def xlsx_records(path: Path, sheet: str) -> list[dict[str, Any]]:
    """The rows of one sheet as dicts keyed by the header row."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = book[sheet].iter_rows(values_only=True)
        header = [str(h) for h in next(rows)]
        return [dict(zip(header, r, strict=True)) for r in rows]
    finally:
        book.close()


def fhir_ndjson(path: Path, register: Register) -> list[Fact]:
    """Observations back to register rows through the Encounter's identifier.

    The identifier value is ``<person>/<visit date>/<n>``: the n-th row of
    that person on that date, in register order.
    """
    rows: dict[tuple[str, str, int], int] = {}
    counts: dict[tuple[str, dt.date | None], int] = {}
    for row in sorted(register.rows, key=lambda r: r.row):
        n = counts[(row.person_id, row.visit_date)] = (
            counts.get((row.person_id, row.visit_date), 0) + 1
        )
        rows[(row.person_id, str(row.visit_date), n)] = row.row
    loinc = {
        "29463-7": "weight", "8302-2": "length", "8306-3": "length",
        "9843-4": "head_circumference", "56072-2": "muac", "8280-0": "waist",
        "718-7": "haemoglobin", "2339-0": "glucose",
        "8480-6": "systolic", "8462-4": "diastolic",
    }  # fmt: skip
    out: list[Fact] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        bundle = json.loads(line)
        encounters = {
            e["fullUrl"]: e["resource"]["identifier"][0]["value"]
            for e in bundle["entry"]
            if e["resource"]["resourceType"] == "Encounter"
        }
        for entry in bundle["entry"]:
            obs = entry["resource"]
            if obs["resourceType"] != "Observation":
                continue
            person, date, n = encounters[obs["encounter"]["reference"]].rsplit("/", 2)
            row_no = rows[(person, date, int(n))]
            parts: list[dict[str, Any]] = [obs, *obs.get("component", [])]
            for part in parts:
                code = part["code"]["coding"][0]["code"]
                if code in loinc and "valueQuantity" in part:
                    q = part["valueQuantity"]
                    out.append((row_no, loinc[code], q["value"], q["code"]))
    return out
