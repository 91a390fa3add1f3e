"""The one place this plugin talks to the growth engine (z-scores, categories).

No z-score or category is computed here: everything comes from
:mod:`posyandu_core.growth` in one vectorised call per batch.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core.growth import (
    ZScoreTable,
    anthro_zscores,
    classify,
    increment_at_percentile,
)
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


def _z(table: ZScoreTable, z: str, flag: str, i: int) -> float | None:
    # A flagged (implausible, WHO flag) z-score is not used for decisions.
    value = float(table[z][i])
    if math.isnan(value) or float(table[flag][i]) == 1.0:
        return None
    return value


def _usable(table: ZScoreTable, z: str, flag: str) -> NDArray[np.float64]:
    """Return the z-scores to classify, flagged (implausible) ones as missing."""
    return np.where(table[flag] == 1.0, np.nan, table[z])


def _categories(table: ZScoreTable) -> dict[str, NDArray[np.object_]]:
    """Permenkes 2/2020 categories from the growth engine, one array per index."""
    return {
        "bbu": classify("bb_u", _usable(table, "zwei", "fwei")),
        "tbu": classify("pb_tb_u", _usable(table, "zlen", "flen")),
        "bbtb": classify("bb_pb_tb", _usable(table, "zwfl", "fwfl")),
        "lk": classify("lk_u", _usable(table, "zhc", "fhc")),
    }


def assess(inputs: Sequence[AnthroInput]) -> list[Anthro]:
    """Return z-scores and categories for each input, in order.

    One vectorised :func:`posyandu_core.growth.anthro_zscores` call; age in
    days (WHO's by-day tables); the length/height correction and the
    restricted ±3 SD rule for weight indices are the engine's.
    """
    if not inputs:
        return []
    table = anthro_zscores(
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
    categories = _categories(table)
    return [
        Anthro(
            waz=_z(table, "zwei", "fwei", i),
            haz=_z(table, "zlen", "flen", i),
            whz=_z(table, "zwfl", "fwfl", i),
            hcz=_z(table, "zhc", "fhc", i),
            bbu=categories["bbu"][i],
            tbu=categories["tbu"][i],
            bbtb=categories["bbtb"][i],
            lk=categories["lk"][i],
        )
        for i in range(len(inputs))
    ]


_MEASURE = {MeasureMethod.LYING: "l", MeasureMethod.STANDING: "h", None: None}


def faltering(
    inputs: Sequence[IncrementInput], *, percentile: float, tolerance_days: int
) -> list[bool | None]:
    """Return whether each increment is below WHO's ``percentile`` (None: not assessable).

    The WHO 1-month weight-increment standard covers start ages 0–11
    completed months. An interval is assessed when it is one month within
    ``tolerance_days``; the row is the WHO start month nearest to the age at
    the earlier weighing. The threshold is the growth engine's
    :func:`~posyandu_core.growth.increment_at_percentile` (WHO's LMS formula,
    which reproduces every published percentile cell).
    """
    if not inputs:
        return []
    # WHO increments run between exact month ages: take the nearest one.
    start = np.array([round(x.start_age_days / 30.4375) for x in inputs], dtype=float)
    in_table = (start >= 0) & (start <= _LAST_START_MONTH)
    threshold = increment_at_percentile(
        percentile,
        kind="weight",
        sex=[1 if x.sex is Sex.MALE else 2 for x in inputs],
        start_months=np.where(in_table, start, 0.0),
        interval_months=1,
    )
    out: list[bool | None] = []
    for x, ok, limit in zip(inputs, in_table, threshold, strict=True):
        days = x.end_age_days - x.start_age_days
        if not ok or abs(days - 30.4375) > tolerance_days:
            out.append(None)
        else:
            out.append(bool(x.increment_g < limit))
    return out


_LAST_START_MONTH = 11  # WHO's 1-month table: 0–1 … 11–12 months
