"""The register: one row per person per visit, read from CSV into typed rows.

The format is documented in ``docs/reference/register.md``. Canonical
column names carry their units (``weight_kg``); the Indonesian headers of
e-PPGBM exports are accepted as aliases.
"""

from __future__ import annotations

from posyandu_core.register._columns import (
    COLUMNS,
    REQUIRED,
    Column,
    ColumnType,
    canonical_name,
)
from posyandu_core.register._equipment import read_equipment
from posyandu_core.register._read import Register, read_register
from posyandu_core.register._row import RegisterRow

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "Column",
    "ColumnType",
    "Register",
    "RegisterRow",
    "canonical_name",
    "read_equipment",
    "read_register",
]
