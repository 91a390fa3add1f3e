"""One indicator at a time: LMS parameters, z-score and its inverse.

Looks L, M, S up exactly as WHO's packages do (whole days rounded half-up for
the 2006 age tables, linear interpolation between 0.1 cm rows for
weight-for-length/height, between months for the 2007 reference) and offers
the inverse (measurement at a z-score) for drawing the -3 ... +3 SD curves.
"""

from __future__ import annotations

from typing import Final, Literal

import numpy as np
from numpy.typing import NDArray

from posyandu_core.errors import UsageError
from posyandu_core.growth import _inputs as inp
from posyandu_core.growth._lms import lms_value, lms_zscore
from posyandu_core.growth._tables import LmsTable, lms_table

Indicator = Literal[
    "wfa", "lhfa", "bmi", "hcfa", "acfa", "tsfa", "ssfa", "wfl", "wfh",
    "wfa_2007", "hfa_2007", "bfa_2007",
]  # fmt: skip

#: indicator: (table, how the table is keyed, restricted LMS beyond ±3 SD)
INDICATORS: Final[dict[str, tuple[str, str, bool]]] = {
    "wfa": ("who2006_weight_for_age", "age_days", True),
    "lhfa": ("who2006_length_height_for_age", "age_days", False),
    "bmi": ("who2006_bmi_for_age", "age_days", True),
    "hcfa": ("who2006_head_circumference_for_age", "age_days", False),
    "acfa": ("who2006_arm_circumference_for_age", "age_days", True),
    "tsfa": ("who2006_triceps_skinfold_for_age", "age_days", True),
    "ssfa": ("who2006_subscapular_skinfold_for_age", "age_days", True),
    "wfl": ("who2006_weight_for_length", "length_cm", True),
    "wfh": ("who2006_weight_for_height", "length_cm", True),
    "wfa_2007": ("who2007_weight_for_age", "age_months", True),
    "hfa_2007": ("who2007_height_for_age", "age_months", False),
    "bfa_2007": ("who2007_bmi_for_age", "age_months", True),
}


def _rows(
    table: LmsTable, sex: NDArray[np.int8], key: NDArray[np.float64]
) -> NDArray[np.intp]:
    offset = key - table.key_start
    valid = (sex > 0) & (offset >= 0) & (offset < table.n_keys)
    row = np.where(valid, offset, 0).astype(np.intp) + (sex == 2) * table.n_keys
    return np.where(valid, row, table.sentinel)


def _interpolate(
    table: LmsTable,
    sex: NDArray[np.int8],
    low: NDArray[np.float64],
    upp: NDArray[np.float64],
    diff: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    # WHO: P = P(low) + diff * (P(upp) - P(low)) when diff > 0, else P(low).
    low_row = _rows(table, sex, low)
    upp_row = np.where(diff > 0, _rows(table, sex, upp), low_row)
    L, M, S = (
        p[low_row] + diff * (p[upp_row] - p[low_row])
        for p in (table.L, table.M, table.S)
    )
    return L, M, S


def lms_parameters(
    indicator: Indicator, *, sex: inp.Codes, at: inp.Numbers
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Return WHO's ``(L, M, S)`` for an indicator, sex and age or length.

    Parameters
    ----------
    indicator : str
        ``wfa, lhfa, bmi, hcfa, acfa, tsfa, ssfa`` (2006, ``at`` = age in
        days, rounded half-up), ``wfl, wfh`` (``at`` = length/height in cm,
        interpolated between 0.1 cm rows), ``wfa_2007, hfa_2007, bfa_2007``
        (``at`` = age in months, interpolated between months).
    sex : array_like
        ``1``/``"m"`` or ``2``/``"f"``.
    at : array_like of float
        Age in days, length in cm or age in months, as above.

    Returns
    -------
    tuple of ndarray
        L, M, S (NaN outside the table).

    Examples
    --------
    >>> [round(float(p[0]), 5) for p in lms_parameters("wfa", sex=1, at=365)]
    [0.0645, 9.646, 0.10925]
    """
    try:
        table_name, keyed_by, _ = INDICATORS[indicator]
    except KeyError:
        msg = f"unknown indicator {indicator!r}; use one of {', '.join(INDICATORS)}"
        raise UsageError(
            msg,
            message_id=f"indikator tidak dikenal {indicator!r}; pakai salah satu {', '.join(INDICATORS)}",
        ) from None
    table = lms_table(table_name)
    codes = inp.code_column(sex, "sex", inp.SEX_CODES)
    key, _ = inp.float_column(at, "at")
    codes, key = np.broadcast_arrays(codes, key)
    with np.errstate(invalid="ignore"):
        if keyed_by == "age_days":
            day = np.floor(key)
            day += (key - day) >= 0.5
            row = _rows(table, codes, day)
            return table.L[row], table.M[row], table.S[row]
        if keyed_by == "length_cm":
            low = np.trunc(key * 10.0)
            upp = np.trunc(key * 10.0 + 1.0)
            diff = (key - low / 10.0) / 0.1
            return _interpolate(table, codes, low, upp, diff)
        low = np.trunc(key)
        return _interpolate(table, codes, low, np.trunc(key + 1.0), key - low)


def zscore_of_measurement(
    indicator: Indicator, measurement: inp.Numbers, *, sex: inp.Codes, at: inp.Numbers
) -> NDArray[np.float64]:
    """Return the unrounded z-score of a measurement for one indicator.

    Uses WHO's restricted LMS beyond ±3 SD for weight-based indicators
    (``wfa, bmi, acfa, tsfa, ssfa, wfl, wfh, wfa_2007, bfa_2007``). No
    validity rules (age limits, oedema, 0.7 cm): those belong to
    :func:`anthro_zscores` / :func:`anthroplus_zscores`.

    Examples
    --------
    >>> round(float(zscore_of_measurement("wfa", 14.5, sex=1, at=365)[0]), 2)
    3.85
    """
    L, M, S = lms_parameters(indicator, sex=sex, at=at)
    y, _ = inp.float_column(measurement, "measurement")
    return lms_zscore(y, L, M, S, restricted=INDICATORS[indicator][2])


def measurement_at_zscore(
    indicator: Indicator, z: inp.Numbers, *, sex: inp.Codes, at: inp.Numbers
) -> NDArray[np.float64]:
    """Return the measurement at z-score ``z``: the curves of a growth chart.

    Beyond ±3 SD, weight-based indicators use WHO's restricted inverse (the
    SD2-SD3 distance per SD unit), so that
    ``zscore_of_measurement(measurement_at_zscore(z))`` returns ``z``.

    Parameters
    ----------
    indicator : str
        As for :func:`lms_parameters`.
    z : array_like of float
        z-scores, broadcast with ``sex`` and ``at``.
    sex : array_like
        ``1``/``"m"`` or ``2``/``"f"``.
    at : array_like of float
        Age in days, length in cm or age in months (see :func:`lms_parameters`).

    Returns
    -------
    ndarray of float64
        Measurements in the indicator's unit (kg, cm, kg/m², mm).

    Examples
    --------
    >>> curve = measurement_at_zscore("wfa", [-3, -2, -1, 0, 1, 2, 3], sex=1, at=365)
    >>> curve.round(1).tolist()
    [6.9, 7.7, 8.6, 9.6, 10.8, 12.0, 13.3]
    """
    zz, _ = inp.float_column(z, "z")
    L, M, S = lms_parameters(indicator, sex=sex, at=at)
    return lms_value(zz, L, M, S, restricted=INDICATORS[indicator][2])
