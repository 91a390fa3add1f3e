"""WHO Growth Reference 2007 (5-19 years): ``anthroplus_zscores``.

Reproduces ``anthroplus::anthroplus_zscores()`` (WHO's R package, version
1.0.0.9000): age in months, not rounded, with L, M, S interpolated linearly
between the monthly rows.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from posyandu_core.growth import _inputs as inp
from posyandu_core.growth import _issues
from posyandu_core.growth._anthro import BLOCK, flag_into
from posyandu_core.growth._lms import plain_z_into, restrict_into, round_into
from posyandu_core.growth._result import ZScoreTable, input_index
from posyandu_core.growth._tables import LmsTable, lms_table

ANTHROPLUS_COLUMNS: Final = (
    "csex", "coedema", "cbmi", "zhfa", "zwfa", "zbfa", "fhfa", "fwfa", "fbfa",
)  # fmt: skip

_OEDEMA_TEXT: Final = np.array([None, "n", "y"], dtype=object)  # by code + 1
_SEX_VALUE: Final = np.array([np.nan, np.nan, 1.0, 2.0])  # by code + 1

# (z, flag, table, measurement, restricted, excluded by oedema, upper age,
#  flag below, flag above)
_INDICATORS: Final = (
    ("zhfa", "fhfa", "who2007_height_for_age", "height", False, False, 228.0, -6, 6),
    ("zwfa", "fwfa", "who2007_weight_for_age", "weight", True, True, 120.0, -6.0, 5.0),
    ("zbfa", "fbfa", "who2007_bmi_for_age", "cbmi", True, True, 228.0, -5.0, 5.0),
)  # fmt: skip


def _interpolated(
    table: LmsTable,
    sex: NDArray[np.int8],
    low: NDArray[np.float64],
    diff: NDArray[np.float64],
    valid: NDArray[np.bool_],
) -> tuple[NDArray[np.float64], ...]:
    # P = P(low) + diff * (P(low + 1) - P(low)); diff == 0 gives P(low) exactly.
    key = np.fmin(np.fmax(low, table.key_start), table.key_start + table.n_keys - 2)
    index = key.astype(np.intp) - table.key_start + (sex == 2) * table.n_keys
    index = np.where(valid, index, table.sentinel)
    upper_index = np.where(valid, index + 1, table.sentinel)
    params = []
    for p in (table.L, table.M, table.S):
        lower = p[index]
        params.append(lower + diff * (p[upper_index] - lower))
    return tuple(params)


def _block(
    out: dict[str, NDArray[Any]],
    sex: NDArray[np.int8],
    age: NDArray[np.float64],
    measures: dict[str, NDArray[np.float64]],
    oedema: NDArray[np.bool_],
    rounded: bool,
    lo: int,
    hi: int,
) -> None:
    low = np.trunc(age)
    diff = age - low
    for (
        z_name,
        f_name,
        name,
        source,
        restricted,
        by_oedema,
        upper,
        f_lo,
        f_hi,
    ) in _INDICATORS:
        table = lms_table(name)
        valid = (age >= 60.0) & (age <= upper) & (sex > 0)
        if by_oedema:
            valid &= ~oedema
        L, M, S = _interpolated(table, sex, low, diff, valid)
        y = measures[source]
        z = np.empty(hi - lo)
        plain_z_into(y, L, M, S, z, unit_l=not restricted)
        if restricted:
            restrict_into(z, y, L, M, S)
        z_out = out[z_name][lo:hi]
        rounded_z = round_into(z, z_out if rounded else np.empty_like(z))
        flag_into(rounded_z, f_lo, f_hi, out[f_name][lo:hi])
        if not rounded:
            z_out[...] = z


def anthroplus_zscores(
    *,
    sex: inp.Codes,
    age_in_months: inp.Numbers | None,
    oedema: inp.Codes | None = None,
    height_in_cm: inp.Numbers | None = None,
    weight_in_kg: inp.Numbers | None = None,
    rounded: bool = True,
) -> ZScoreTable:
    """Compute WHO 2007 z-scores (5-19 years) exactly as WHO's ``anthroplus``.

    Parameters
    ----------
    sex : array_like
        ``1``/``"m"`` male, ``2``/``"f"`` female (any case).
    age_in_months : array_like of float or None
        Age in months (not rounded). Height- and BMI-for-age need
        60 <= age <= 228, weight-for-age 60 <= age <= 120.
    oedema : array_like, optional
        ``"y"``/``"1"``/``True`` oedema, ``"n"``/``"2"``/``False``/missing
        none; with oedema
        weight- and BMI-for-age are missing.
    height_in_cm, weight_in_kg : array_like of float, optional
        Standing height (no length/height adjustment) and weight.
    rounded : bool, default True
        Round z-scores to 2 decimals as R's ``round(z, 2)``; flags always use
        the rounded z.

    Returns
    -------
    ZScoreTable
        Columns ``csex, coedema, cbmi, zhfa, zwfa, zbfa, fhfa, fwfa, fbfa``.

    Raises
    ------
    ShapeMismatchError
        If an argument is not 1-d, or lengths differ (other than 1).

    Notes
    -----
    WHO's R function stops the whole call when any age, height or weight is
    negative or a code is unknown; here only that row's outputs are missing,
    and an ``error`` issue names the row.

    Examples
    --------
    >>> t = anthroplus_zscores(sex="f", age_in_months=120, height_in_cm=130,
    ...                        weight_in_kg=21.6)
    >>> float(t["zhfa"][0]), float(t["zbfa"][0])
    (-1.35, -2.61)
    """
    numeric_args = {
        "age_in_months": age_in_months,
        "height_in_cm": height_in_cm,
        "weight_in_kg": weight_in_kg,
    }
    code_args = {"sex": sex, "oedema": oedema}
    raw = {
        name: inp.as_array(value, name)
        for name, value in {**numeric_args, **code_args}.items()
        if value is not None
    }
    n = inp.common_length(raw)
    bad = np.zeros(n, dtype=bool)
    # anthroplus stops on any negative input: those rows get NA and an error.
    columns, issues = _issues.read_numbers(
        raw, numeric_args, n, bad, drop_if_negative=numeric_args
    )
    nan_column = np.broadcast_to(np.float64(np.nan), (n,))
    numbers = {k: nan_column if v is None else v for k, v in columns.items()}
    codes, code_issues = _issues.read_codes(raw, code_args, n, bad)
    issues += code_issues

    out: dict[str, NDArray[Any]] = {
        name: np.empty(n) for name in ANTHROPLUS_COLUMNS if name != "coedema"
    }
    sex_code = codes["sex"]
    oedema_code = codes["oedema"]
    oedema_yes = oedema_code == 1
    age = numbers["age_in_months"]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for lo in range(0, n, BLOCK):
            hi = min(lo + BLOCK, n)
            height = numbers["height_in_cm"][lo:hi]
            cbmi = out["cbmi"][lo:hi]
            np.divide(height, 100.0, out=cbmi)
            np.multiply(cbmi, cbmi, out=cbmi)  # R evaluates x^2 as x * x
            np.divide(numbers["weight_in_kg"][lo:hi], cbmi, out=cbmi)
            measures = {
                "height": height,
                "weight": numbers["weight_in_kg"][lo:hi],
                "cbmi": cbmi,
            }
            _block(
                out,
                sex_code[lo:hi],
                age[lo:hi],
                measures,
                oedema_yes[lo:hi],
                rounded,
                lo,
                hi,
            )

    out["csex"][:] = _SEX_VALUE[sex_code + 1]
    # Missing oedema counts as "n", as in WHO's standardisation.
    coedema = _OEDEMA_TEXT[np.where(oedema_yes, 2, 1)]
    bad_rows = np.flatnonzero(bad)
    coedema[bad_rows] = None
    for column in out.values():
        column[bad_rows] = np.nan
    output = {
        name: coedema if name == "coedema" else out[name] for name in ANTHROPLUS_COLUMNS
    }
    issues.sort(key=lambda issue: issue.row or 0)
    index = input_index(n, sex, age_in_months, oedema, height_in_cm, weight_in_kg)
    return ZScoreTable(output, issues, n, index=index)
