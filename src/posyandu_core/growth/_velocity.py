"""WHO growth velocity standards (2009): z-score and centile of an increment.

For an increment ``x`` over an interval (weight in grams, length and head
circumference in cm), with the row of the child's sex and the month at which
the interval starts: ``y = x + delta``, ``z = ((y / M)^L - 1) / (L S)``,
``centile = 100 Φ(z)``; the increment at z is ``M (1 + L S z)^(1/L) - delta``.
``delta`` (weight only) shifts the increment so that zero gain or a loss stay
inside the Box-Cox transform. The plain LMS formula is used: WHO's tabulated
±3 SD increments equal it, and whether WHO applies the restricted rule to
velocities is not documented.
"""

from __future__ import annotations

import functools
from typing import Final, Literal

import attrs
import numpy as np
from numpy.typing import NDArray
from scipy.special import ndtr, ndtri

from posyandu_core.errors import ReferenceDataError
from posyandu_core.growth import _inputs as inp
from posyandu_core.growth._tables import read_csv

VelocityKind = Literal["weight", "length", "head_circumference"]

#: Interval lengths (months) WHO publishes, per kind.
INTERVALS: Final[dict[str, tuple[int, ...]]] = {
    "weight": (1, 2, 3, 4, 6),
    "length": (2, 3, 4, 6),
    "head_circumference": (2, 3, 4, 6),
}
UNITS: Final = {"weight": "g", "length": "cm", "head_circumference": "cm"}


@attrs.frozen(eq=False)
class VelocityTable:
    """One WHO velocity table laid out by ``(sex - 1) * n + start - first``."""

    kind: str
    interval_months: int
    first_start: int
    n_starts: int
    delta: NDArray[np.float64]
    L: NDArray[np.float64]
    M: NDArray[np.float64]
    S: NDArray[np.float64]
    labels: tuple[str, ...]

    def index(
        self, sex: NDArray[np.int8], start_months: NDArray[np.float64]
    ) -> NDArray[np.intp]:
        """Row of each (sex, start month); the NaN sentinel row when there is none."""
        offset = start_months - self.first_start
        valid = (sex > 0) & (offset >= 0) & (offset < self.n_starts)
        valid &= offset == np.floor(offset)
        row = np.where(valid, offset, 0).astype(np.intp) + (sex == 2) * self.n_starts
        return np.where(valid, row, 2 * self.n_starts)


@functools.cache
def velocity_table(kind: VelocityKind, interval_months: int) -> VelocityTable:
    """Return WHO's velocity table for ``kind`` over ``interval_months`` months.

    Raises
    ------
    ReferenceDataError
        If WHO publishes no such table.

    Examples
    --------
    >>> velocity_table("weight", 1).labels[:2]
    ('0 – 4 wks', '4 wks – 2 mo')
    """
    if interval_months not in INTERVALS.get(kind, ()):
        msg = f"WHO publishes no {interval_months}-month {kind} velocity table"
        raise ReferenceDataError(
            msg,
            message_id=f"WHO tidak menerbitkan tabel laju {kind} {interval_months} "
            "bulan",
            field="interval_months",
            value=interval_months,
            fix=f"use one of {INTERVALS.get(kind, sorted(INTERVALS))}",
            fix_id=f"pakai salah satu dari {INTERVALS.get(kind, sorted(INTERVALS))}",
        )
    rows = read_csv(f"who2006_{kind}_velocity_{interval_months}mo")
    boys = [r for r in rows if r["sex"] == "1"]
    girls = [r for r in rows if r["sex"] == "2"]
    starts = [int(r["start_months"]) for r in boys]
    if [int(r["start_months"]) for r in girls] != starts or starts != list(
        range(starts[0], starts[0] + len(starts))
    ):
        msg = f"{kind} {interval_months}-month velocity table is malformed"
        raise ReferenceDataError(
            msg,
            message_id=f"tabel laju {kind} {interval_months} bulan rusak",
            fix="reinstall posyandu-core",
            fix_id="pasang ulang posyandu-core",
        )

    def column(name: str) -> NDArray[np.float64]:
        values = [float(r[name]) for r in boys + girls] + [np.nan]
        return np.array(values)

    return VelocityTable(
        kind=kind,
        interval_months=interval_months,
        first_start=starts[0],
        n_starts=len(starts),
        delta=column("delta"),
        L=column("L"),
        M=column("M"),
        S=column("S"),
        labels=tuple(r["interval"] for r in boys),
    )


def _lookup(
    kind: VelocityKind,
    sex: inp.Codes,
    start_months: inp.Numbers,
    interval_months: int,
) -> tuple[VelocityTable, NDArray[np.intp]]:
    table = velocity_table(kind, interval_months)
    codes = inp.code_column(sex, "sex", inp.SEX_CODES)
    start, _ = inp.float_column(start_months, "start_months")
    codes_b, start_b = np.broadcast_arrays(codes, start)
    return table, table.index(codes_b, start_b)


def increment_zscore(
    increment: inp.Numbers,
    *,
    kind: VelocityKind,
    sex: inp.Codes,
    start_months: inp.Numbers,
    interval_months: int,
) -> NDArray[np.float64]:
    """Return the z-score of a growth increment (WHO velocity standards).

    Parameters
    ----------
    increment : array_like of float
        End value minus start value: weight in **grams** (may be negative),
        length or head circumference in cm.
    kind : {"weight", "length", "head_circumference"}
        Which velocity standard.
    sex : array_like
        ``1``/``"m"`` or ``2``/``"f"``.
    start_months : array_like of int
        Age in completed months at the start of the interval (WHO's row).
    interval_months : int
        Months between the two measurements: 1, 2, 3, 4, 6 (weight) or
        2, 3, 4, 6 (length, head circumference).

    Returns
    -------
    ndarray of float64
        Unrounded z-scores; NaN where there is no table row (age beyond the
        table, missing sex) or ``increment + delta <= 0``.

    Examples
    --------
    >>> z = increment_zscore(600, kind="weight", sex=1, start_months=2,
    ...                      interval_months=1)
    >>> round(float(z[0]), 3)
    -0.934
    """
    table, row = _lookup(kind, sex, start_months, interval_months)
    x, _ = inp.float_column(increment, "increment")
    with np.errstate(divide="ignore", invalid="ignore"):
        y = x + table.delta[row]
        y = np.where(y > 0, y, np.nan)
        L, M, S = table.L[row], table.M[row], table.S[row]
        z: NDArray[np.float64] = ((y / M) ** L - 1.0) / (L * S)
    return z


def increment_centile(
    increment: inp.Numbers,
    *,
    kind: VelocityKind,
    sex: inp.Codes,
    start_months: inp.Numbers,
    interval_months: int,
) -> NDArray[np.float64]:
    """Return the centile (0-100) of a growth increment: ``100 Φ(z)``.

    Examples
    --------
    >>> c = increment_centile(-100, kind="weight", sex=2, start_months=9,
    ...                       interval_months=1)
    >>> round(float(c[0]), 1)
    3.4
    """
    z = increment_zscore(
        increment,
        kind=kind,
        sex=sex,
        start_months=start_months,
        interval_months=interval_months,
    )
    return np.asarray(100.0 * ndtr(z), dtype=np.float64)


def increment_at_zscore(
    z: inp.Numbers,
    *,
    kind: VelocityKind,
    sex: inp.Codes,
    start_months: inp.Numbers,
    interval_months: int,
) -> NDArray[np.float64]:
    """Return the increment at z-score ``z``: ``M (1 + L S z)^(1/L) - delta``.

    NaN where ``1 + L S z <= 0`` (WHO prints 0 in such cells) or no row exists.

    Examples
    --------
    >>> inc = increment_at_zscore(0, kind="length", sex=1, start_months=4,
    ...                           interval_months=2)
    >>> round(float(inc[0]), 4)
    3.7228
    """
    table, row = _lookup(kind, sex, start_months, interval_months)
    zz, _ = inp.float_column(z, "z")
    with np.errstate(divide="ignore", invalid="ignore"):
        L, M, S = table.L[row], table.M[row], table.S[row]
        base = 1.0 + L * S * zz
        value = np.where(base > 0, M * base ** (1.0 / L), np.nan)
    result: NDArray[np.float64] = value - table.delta[row]
    return result


def increment_at_percentile(
    percentile: inp.Numbers,
    *,
    kind: VelocityKind,
    sex: inp.Codes,
    start_months: inp.Numbers,
    interval_months: int,
) -> NDArray[np.float64]:
    """Return the increment at a centile, e.g. the 5th-percentile weight gain.

    This is what a "weight faltering" rule compares a child's gain with:
    gain below ``increment_at_percentile(5, ...)`` is below WHO's 5th
    percentile for that sex, start month and interval.

    Parameters
    ----------
    percentile : array_like of float
        Centile between 0 and 100 (exclusive).
    kind, sex, start_months, interval_months
        As for :func:`increment_zscore`.

    Returns
    -------
    ndarray of float64
        Increment in grams (weight) or cm; not rounded (WHO's tables round to
        whole grams / 0.1 cm).

    Examples
    --------
    >>> p5 = increment_at_percentile(5, kind="weight", sex=1, start_months=2,
    ...                              interval_months=1)
    >>> round(float(p5[0]))
    446
    """
    p, _ = inp.float_column(percentile, "percentile")
    with np.errstate(invalid="ignore"):
        z = ndtri(p / 100.0)
    return increment_at_zscore(
        z,
        kind=kind,
        sex=sex,
        start_months=start_months,
        interval_months=interval_months,
    )


@functools.cache
def _printed_percentiles(
    kind: str, interval_months: int
) -> dict[tuple[int, int], dict[str, str]]:
    rows = read_csv(f"who2006_{kind}_velocity_{interval_months}mo")
    return {(int(r["sex"]), int(r["start_months"])): r for r in rows}


def tabulated_increment(
    percentile: float,
    *,
    kind: VelocityKind,
    sex: int,
    start_months: int,
    interval_months: int,
) -> tuple[float, str] | None:
    """Return WHO's printed increment at a centile and the row's interval label.

    WHO prints percentile tables (P1, P3, P5, P15 … P99, whole grams) for the
    1- and 2-month weight increments only. This returns the printed cell,
    not the formula value of :func:`increment_at_percentile` (they agree to
    the printed rounding).

    Returns
    -------
    (value, label) or None
        None when WHO prints no such row (start month outside the table).

    Raises
    ------
    ReferenceDataError
        When WHO prints no such percentile column for this table.

    Examples
    --------
    >>> tabulated_increment(5, kind="weight", sex=1, start_months=2,
    ...                     interval_months=1)
    (446.0, '2 – 3 mo')
    """
    velocity_table(kind, interval_months)  # checks the kind and interval
    table = _printed_percentiles(kind, interval_months)
    column = f"P{percentile:g}"
    some_row = next(iter(table.values()))
    if column not in some_row:
        printed = [c for c in some_row if c.startswith("P")]
        msg = (
            f"WHO prints no {column} for the {interval_months}-month {kind} increments"
        )
        raise ReferenceDataError(
            msg,
            message_id=f"WHO tidak mencetak {column} untuk kenaikan {kind} "
            f"{interval_months} bulan",
            field="percentile",
            value=percentile,
            fix=f"use one of {printed or 'the formula (increment_at_percentile)'}",
            fix_id="pakai salah satu dari "
            f"{printed or 'rumusnya (increment_at_percentile)'}",
        )
    found = table.get((sex, start_months))
    if found is None:
        return None
    return float(found[column]), found["interval"]
