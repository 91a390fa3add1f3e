"""The one place this plugin talks to the growth engine (z-scores, categories).

No z-score or category is computed here: everything comes from
:mod:`posyandu_core.growth` in one vectorised call per batch.
"""

from __future__ import annotations

import functools
import importlib
import math
from collections.abc import Sequence
from typing import Any

import attrs

from posyandu_core.errors import RuleDataError
from posyandu_core.model import MeasureMethod, Sex


@attrs.frozen(kw_only=True)
class AnthroInput:
    """One weighing to assess."""

    sex: Sex
    age_days: int
    weight_kg: float | None
    length_cm: float | None = None
    measure: MeasureMethod | None = None
    oedema: bool | None = None
    head_cm: float | None = None
    muac_cm: float | None = None


@attrs.frozen(kw_only=True)
class IncrementInput:
    """One weight increment between two weighings."""

    sex: Sex
    start_age_days: int
    end_age_days: int
    increment_g: float


@attrs.frozen(kw_only=True)
class Anthro:
    """Z-scores (WHO names) and Permenkes 2/2020 categories of one weighing.

    ``None`` where the growth engine could not compute a value (no length,
    out of range, flagged implausible).
    """

    waz: float | None = None
    haz: float | None = None
    whz: float | None = None
    hcz: float | None = None
    bbu: str | None = None  # BB/U category code
    tbu: str | None = None  # PB/U-TB/U category code
    bbtb: str | None = None  # BB/PB-BB/TB category code
    lk: str | None = None  # head-circumference category code

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        return attrs.asdict(self)


def _growth() -> Any:
    return importlib.import_module("posyandu_core.growth")


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _z(table: Any, z: str, flag: str, i: int) -> float | None:
    # A flagged (implausible, WHO flag) z-score is not used for decisions.
    value = float(table[z][i])
    if math.isnan(value) or float(table[flag][i]) == 1.0:
        return None
    return value


def _categories(growth: Any, table: Any) -> list[dict[str, str | None]]:
    """Return the Permenkes 2/2020 categories the growth engine assigns.

    The growth engine's classification API is wired here; until it exposes
    one, categories are unknown (None) rather than re-derived in this plugin.
    """
    classify = getattr(growth, "permenkes_categories", None)
    if classify is None:
        return [{} for _ in range(len(table))]
    return list(classify(table))  # pragma: no cover - depends on the engine


def assess(inputs: Sequence[AnthroInput]) -> list[Anthro]:
    """Return z-scores and categories for each input, in order.

    One vectorised :func:`posyandu_core.growth.anthro_zscores` call; age in
    days (WHO's by-day tables); the length/height correction and the
    restricted ±3 SD rule for weight indices are the engine's.
    """
    if not inputs:
        return []
    growth = _growth()
    table = growth.anthro_zscores(
        sex=[1 if x.sex is Sex.MALE else 2 for x in inputs],
        age=[x.age_days for x in inputs],
        is_age_in_month=False,
        weight=[math.nan if x.weight_kg is None else x.weight_kg for x in inputs],
        lenhei=[math.nan if x.length_cm is None else x.length_cm for x in inputs],
        measure=[_MEASURE.get(x.measure) for x in inputs],
        oedema=[
            None if x.oedema is None else ("y" if x.oedema else "n") for x in inputs
        ],
        headc=[math.nan if x.head_cm is None else x.head_cm for x in inputs],
    )
    categories = _categories(growth, table)
    return [
        Anthro(
            waz=_z(table, "zwei", "fwei", i),
            haz=_z(table, "zlen", "flen", i),
            whz=_z(table, "zwfl", "fwfl", i),
            hcz=_z(table, "zhc", "fhc", i),
            bbu=categories[i].get("bbu"),
            tbu=categories[i].get("tbu"),
            bbtb=categories[i].get("bbtb"),
            lk=categories[i].get("lk"),
        )
        for i in range(len(inputs))
    ]


_MEASURE = {MeasureMethod.LYING: "l", MeasureMethod.STANDING: "h", None: None}


@functools.cache
def _increment_table(percentile: float) -> dict[tuple[int, int], float]:
    """Return WHO's tabulated 1-month weight increment (g) at ``percentile``.

    Key: (sex 1/2, start month). WHO publishes the increment percentiles
    P1, P3, P5, P15 … P99 in its velocity tables; a percentile it does not
    tabulate needs the engine's LMS increment function.
    """
    from posyandu_core.growth._tables import read_csv

    column = f"P{percentile:g}"
    rows = read_csv("who2006_weight_velocity_1mo")
    if rows and column not in rows[0]:
        msg = f"WHO weight-velocity tables have no {column} column"
        raise RuleDataError(
            msg, fix="use one of the tabulated percentiles (1, 3, 5, 15 …)"
        )
    return {(int(r["sex"]), int(r["start_months"])): float(r[column]) for r in rows}


def faltering(
    inputs: Sequence[IncrementInput], *, percentile: float, tolerance_days: int
) -> list[bool | None]:
    """Return whether each increment is below WHO's ``percentile`` (None: not assessable).

    The WHO 1-month table covers start ages 0–11 completed months. An
    interval is assessed when it is one month within ``tolerance_days``
    (the table is for 1-month intervals); the row is the WHO start month
    nearest to the age at the earlier weighing.
    """
    table = _increment_table(percentile)
    out: list[bool | None] = []
    for x in inputs:
        days = x.end_age_days - x.start_age_days
        # WHO increments run between exact month ages: take the nearest one.
        start_month = round(x.start_age_days / 30.4375)
        threshold = table.get((1 if x.sex is Sex.MALE else 2, start_month))
        if threshold is None or abs(days - 30.4375) > tolerance_days:
            out.append(None)
        else:
            out.append(x.increment_g < threshold)
    return out
