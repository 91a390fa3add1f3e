"""The register: one row per person per visit, read once, typed, validated.

The format is documented in ``docs/reference/register.md``. Canonical
column names carry their units (``weight_kg``); the Indonesian headers of
e-PPGBM and ASIK exports and WHO's argument names are accepted as aliases.
Readers: CSV (``,`` ``;`` tab), ``.xlsx``, Parquet, pandas and polars
DataFrames, and the model's Person/Visit/Measurement objects.
"""

from __future__ import annotations

from posyandu_core._reader import Reader
from posyandu_core.register._build import CellTable, build_register, suggest
from posyandu_core.register._columns import (
    COLUMNS,
    REQUIRED,
    Column,
    ColumnType,
    canonical_name,
)
from posyandu_core.register._equipment import read_equipment
from posyandu_core.register._filters import (
    check_month,
    check_on,
    match_posyandu,
    visit_months,
)
from posyandu_core.register._quality import DataQuality, LeftOut
from posyandu_core.register._read import BUILTIN_READERS, read_register
from posyandu_core.register._residence import (
    residence_of,
    resident_in_month,
    resident_on,
)
from posyandu_core.register._row import RegisterRow
from posyandu_core.register._store import RawColumn, Register

__all__ = [
    "BUILTIN_READERS",
    "COLUMNS",
    "REQUIRED",
    "CellTable",
    "Column",
    "ColumnType",
    "DataQuality",
    "LeftOut",
    "RawColumn",
    "Reader",
    "Register",
    "RegisterRow",
    "build_register",
    "canonical_name",
    "check_month",
    "check_on",
    "match_posyandu",
    "read_equipment",
    "read_register",
    "residence_of",
    "resident_in_month",
    "resident_on",
    "suggest",
    "visit_months",
]
