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
    return anthro_columns(
        sex=np.array([x.sex for x in inputs], dtype=object),
        age_days=np.array([x.age_days for x in inputs], dtype=np.int64),
        weight_kg=_numbers([x.weight_kg for x in inputs]),
        length_cm=_numbers([x.length_cm for x in inputs]),
        measure=np.array([x.measure for x in inputs], dtype=object),
        oedema=np.array([x.oedema for x in inputs], dtype=object),
        head_cm=_numbers([x.head_cm for x in inputs]),
    ).objects()


@attrs.frozen(eq=False)
class AnthroColumns:
    """:class:`Anthro` of many weighings as columns (NaN / None where not computable).

    The z-scores are WHO's with flagged (implausible) values left out, as
    in ``Anthro``; ``at(i)`` is the ``Anthro`` of weighing ``i``.
    """

    waz: NDArray[np.float64]
    haz: NDArray[np.float64]
    whz: NDArray[np.float64]
    hcz: NDArray[np.float64]
    bbu: NDArray[np.object_]
    tbu: NDArray[np.object_]
    bbtb: NDArray[np.object_]
    lk: NDArray[np.object_]

    def __len__(self) -> int:
        return len(self.waz)

    def take(self, where: NDArray[Any]) -> AnthroColumns:
        """Return the weighings selected by ``where`` (mask or positions)."""
        return AnthroColumns(*(v[where] for v in attrs.astuple(self, recurse=False)))

    def at(self, i: int) -> Anthro:
        """Return the ``Anthro`` of weighing ``i``."""
        return self.take(np.array([i])).objects()[0]

    def objects(self) -> list[Anthro]:
        """Return one ``Anthro`` per weighing, in order."""
        return [
            Anthro(
                waz=waz, haz=haz, whz=whz, hcz=hcz, bbu=bbu, tbu=tbu, bbtb=bbtb, lk=lk
            )
            for waz, haz, whz, hcz, bbu, tbu, bbtb, lk in zip(
                optional(self.waz),
                optional(self.haz),
                optional(self.whz),
                optional(self.hcz),
                self.bbu.tolist(),
                self.tbu.tolist(),
                self.bbtb.tolist(),
                self.lk.tolist(),
                strict=True,
            )
        ]


def anthro_columns(
    *,
    sex: NDArray[np.object_],
    age_days: NDArray[np.int64],
    weight_kg: NDArray[np.float64],
    length_cm: NDArray[np.float64],
    measure: NDArray[np.object_],
    oedema: NDArray[np.object_],
    head_cm: NDArray[np.float64],
) -> AnthroColumns:
    """:func:`assess` on columns: ``Sex``, ``MeasureMethod`` and bool cells, NaN = empty.

    One growth-engine call, no object per weighing.
    """
    if not len(sex):
        z, category = np.empty(0), np.empty(0, dtype=object)
        return AnthroColumns(z, z, z, z, category, category, category, category)
    table = anthro_zscores(
        sex=np.where(sex == Sex.MALE, 1, 2),
        age=age_days,
        is_age_in_month=False,
        weight=weight_kg,
        lenhei=length_cm,
        measure=_letters(measure, MeasureMethod.LYING, MeasureMethod.STANDING, "lh"),
        oedema=_letters(oedema, True, False, "yn"),
        headc=head_cm,
    )
    categories = _categories(table)
    return AnthroColumns(
        waz=_usable(table, "zwei", "fwei"),
        haz=_usable(table, "zlen", "flen"),
        whz=_usable(table, "zwfl", "fwfl"),
        hcz=_usable(table, "zhc", "fhc"),
        bbu=categories["bbu"],
        tbu=categories["tbu"],
        bbtb=categories["bbtb"],
        lk=categories["lk"],
    )


def _letters(
    cells: NDArray[np.object_], first: object, second: object, letters: str
) -> NDArray[np.str_]:
    """WHO's one-letter codes of two-valued cells ("" where empty), as text.

    One-letter text is the growth engine's fastest code input (a lookup).
    """
    known = np.asarray(np.not_equal(cells, _NONE), dtype=np.bool_)
    is_first = known & np.asarray(
        np.equal(cells, np.array(first, dtype=object)), dtype=np.bool_
    )
    is_second = known & np.asarray(
        np.equal(cells, np.array(second, dtype=object)), dtype=np.bool_
    )
    return np.where(is_first, letters[0], np.where(is_second, letters[1], ""))


_NONE = np.array(None, dtype=object)


def optional(values: NDArray[np.float64]) -> list[float | None]:
    """Return z-scores as Python numbers, None where NaN (flagged or not computable)."""
    out = values.astype(object)
    out[np.isnan(values)] = None
    return out.tolist()  # type: ignore[no-any-return]


def _numbers(values: Sequence[float | None]) -> NDArray[np.float64]:
    return np.array([math.nan if v is None else v for v in values], dtype=float)


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
    return faltering_checks(
        sex=np.array([x.sex for x in inputs], dtype=object),
        start_age_days=np.array([x.start_age_days for x in inputs], dtype=np.int64),
        end_age_days=np.array([x.end_age_days for x in inputs], dtype=np.int64),
        increment_g=np.array([x.increment_g for x in inputs], dtype=float),
        percentile=percentile,
        tolerance_days=tolerance_days,
        row_rule=row_rule,
        threshold_rule=threshold_rule,
    ).objects()


@attrs.frozen(eq=False)
class FalteringColumns:
    """:class:`Faltering` of many increments as columns.

    Where not ``assessed`` the other columns hold 0 (``Faltering()``: all None).
    """

    assessed: NDArray[np.bool_]
    faltering: NDArray[np.bool_]
    threshold_g: NDArray[np.int64]
    start_month: NDArray[np.int64]  # the WHO row: start month of the interval

    def __len__(self) -> int:
        return len(self.assessed)

    def take(self, where: NDArray[Any]) -> FalteringColumns:
        """Return the increments selected by ``where`` (mask or positions)."""
        return FalteringColumns(*(v[where] for v in attrs.astuple(self, recurse=False)))

    def objects(self) -> list[Faltering]:
        """Return one ``Faltering`` per increment; equal results share one object."""
        labels = velocity_labels()
        shared: dict[tuple[bool, int, int], Faltering] = {}
        not_assessed = Faltering()
        out = []
        for ok, flag, grams, start in zip(
            self.assessed.tolist(),
            self.faltering.tolist(),
            self.threshold_g.tolist(),
            self.start_month.tolist(),
            strict=True,
        ):
            if not ok:
                out.append(not_assessed)
                continue
            key = (flag, grams, start)
            found = shared.get(key)
            if found is None:
                found = shared[key] = Faltering(
                    faltering=flag,
                    threshold_g=grams,
                    who_row=labels[start],
                    interval_months=1,
                )
            out.append(found)
        return out


def not_assessed(n: int) -> FalteringColumns:
    """Faltering columns of ``n`` increments none of which was assessed."""
    return FalteringColumns(
        np.zeros(n, dtype=bool),
        np.zeros(n, dtype=bool),
        np.zeros(n, dtype=np.int64),
        np.zeros(n, dtype=np.int64),
    )


def faltering_checks(
    *,
    sex: NDArray[np.object_],
    start_age_days: NDArray[np.int64],
    end_age_days: NDArray[np.int64],
    increment_g: NDArray[np.float64],
    percentile: float,
    tolerance_days: int,
    row_rule: str = "nearest",
    threshold_rule: str = "tabulated",
) -> FalteringColumns:
    """:func:`faltering` on columns (``Sex`` cells), no object per increment."""
    if not len(sex):
        return not_assessed(0)
    months = start_age_days / _MONTH_DAYS
    starts = (np.rint(months) if row_rule == "nearest" else np.floor(months)).astype(
        np.int64
    )
    sexes = np.where(sex == Sex.MALE, 1, 2)
    assessed = (
        (starts >= 0)
        & (starts <= _LAST_START_MONTH)
        & (np.abs((end_age_days - start_age_days) - _MONTH_DAYS) <= tolerance_days)
    )
    starts = np.where(assessed, starts, 0)
    if threshold_rule == "tabulated":
        cells = np.array(
            [
                [_printed(percentile, s, m) for m in range(_LAST_START_MONTH + 1)]
                for s in (1, 2)
            ]
        )
        threshold = cells[sexes - 1, starts]
    else:
        threshold = np.rint(
            increment_at_percentile(
                percentile,
                kind="weight",
                sex=sexes,
                start_months=starts,
                interval_months=1,
            )
        ).astype(np.int64)
    below = np.rint(increment_g) < threshold
    return FalteringColumns(
        assessed=assessed,
        faltering=below & assessed,
        threshold_g=np.where(assessed, threshold, 0),
        start_month=starts,
    )


def _printed(percentile: float, sex: int, start: int) -> int:
    printed = tabulated_increment(
        percentile, kind="weight", sex=sex, start_months=start, interval_months=1
    )
    assert printed is not None  # start is inside the table
    return round(printed[0])


_MONTH_DAYS = 30.4375  # WHO's average month
_LAST_START_MONTH = 11  # WHO's 1-month table: 0–1 … 11–12 months


def velocity_labels() -> Sequence[str]:
    """WHO's 1-month weight-increment rows, by start month (e.g. ``"2 – 3 mo"``)."""
    return velocity_table("weight", 1).labels
