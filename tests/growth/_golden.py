"""Shared readers of the WHO reference cases copied into tests/golden/."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent.parent / "golden"

ANTHRO_OUT = (
    "clenhei", "cmeasure", "c9mo_flag", "cbmi", "csex",
    "zlen", "flen", "zwei", "fwei", "zwfl", "fwfl", "zbmi", "fbmi",
    "zhc", "fhc", "zac", "fac", "zts", "fts", "zss", "fss",
)  # fmt: skip
ANTHROPLUS_OUT = (
    "csex", "coedema", "cbmi", "zhfa", "zwfa", "zbfa", "fhfa", "fwfa", "fbfa",
)  # fmt: skip


def read(name: str) -> list[dict[str, str]]:
    with (GOLDEN / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def number(text: str) -> float:
    """R's text for a double (NA, Inf, -Inf or a decimal) as a float."""
    return math.nan if text == "NA" else float(text)


def code(text: str) -> str | None:
    return None if text == "NA" else text


def same(column: str, got: Any, expected: str) -> bool:
    """Whether an output value equals WHO's text (exact; 1e-12 for cbmi/clenhei)."""
    if column in ("cmeasure", "coedema"):
        return bool(got == code(expected))
    value = number(expected)
    if math.isnan(value):
        return bool(math.isnan(got))
    if column in ("clenhei", "cbmi") and math.isfinite(value):
        return bool(got == value or abs(got - value) <= 1e-12 * abs(value))
    return bool(got == value)
