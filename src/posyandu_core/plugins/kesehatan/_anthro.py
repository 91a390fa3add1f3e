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
    tabulated_increment,
    velocity_table,
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


@attrs.frozen(kw_only=True)
class Faltering:
    """The weight-faltering check of one increment (DOMAIN.md §4.4).

    ``faltering`` is None (and the other fields too) when the increment
    could not be assessed: the interval is not one month within the
    tolerance, or the start month is past WHO's table.
    """

    faltering: bool | None = None
    threshold_g: int | None = None
    who_row: str | None = None
    interval_months: int | None = None


def faltering(
    inputs: Sequence[IncrementInput],
    *,
    percentile: float,
    tolerance_days: int,
    row_rule: str = "nearest",
    threshold_rule: str = "tabulated",
) -> list[Faltering]:
    """Check each increment against WHO's ``percentile`` of 1-month weight gain.

    The WHO 1-month weight-increment standard covers start ages 0–11
    months. An interval is assessed when it is one month (30.4375 days)
    within ``tolerance_days``. The WHO row is the start month nearest to the
    age at the earlier weighing (``row_rule="nearest"``) or its completed
    months (``"completed"``). The threshold is WHO's printed percentile cell
    in whole grams (``threshold_rule="tabulated"``, the reference) or the LMS
    formula rounded to whole grams (``"formula"``). The child is faltering
    when the gain in whole grams is below the threshold.
    """
    if not inputs:
        return []
    starts = [
        round(x.start_age_days / _MONTH_DAYS)
        if row_rule == "nearest"
        else int(x.start_age_days // _MONTH_DAYS)
        for x in inputs
    ]
    sexes = [1 if x.sex is Sex.MALE else 2 for x in inputs]
    in_table = [0 <= m <= _LAST_START_MONTH for m in starts]
    formula = increment_at_percentile(
        percentile,
        kind="weight",
        sex=sexes,
        start_months=[m if ok else 0 for m, ok in zip(starts, in_table, strict=True)],
        interval_months=1,
    )
    out: list[Faltering] = []
    for x, sex, start, ok, value in zip(
        inputs, sexes, starts, in_table, formula, strict=True
    ):
        days = x.end_age_days - x.start_age_days
        if not ok or abs(days - _MONTH_DAYS) > tolerance_days:
            out.append(Faltering())
            continue
        threshold = round(value)
        if threshold_rule == "tabulated":
            printed = tabulated_increment(
                percentile,
                kind="weight",
                sex=sex,
                start_months=start,
                interval_months=1,
            )
            assert printed is not None  # start is inside the table
            threshold = round(printed[0])
        out.append(
            Faltering(
                faltering=round(x.increment_g) < threshold,
                threshold_g=threshold,
                who_row=velocity_table("weight", 1).labels[start],
                interval_months=1,
            )
        )
    return out


_MONTH_DAYS = 30.4375  # WHO's average month
_LAST_START_MONTH = 11  # WHO's 1-month table: 0–1 … 11–12 months
