"""WHO Child Growth Standards 2006 (0-5 years): ``anthro_zscores``.

Reproduces ``anthro::anthro_zscores()`` (WHO's R package, version 1.1.0.9000)
rule for rule; ``docs/explanation/who-rules.md`` lists them. The work is
done in blocks of :data:`BLOCK` rows, so temporaries stay in cache and memory
stays bounded whatever the number of children.
"""

from __future__ import annotations

from typing import Any, Final

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core.errors import WrongTypeError
from posyandu_core.growth import _inputs as inp
from posyandu_core.growth import _issues
from posyandu_core.growth._lms import plain_z_into, restrict_into, round_into
from posyandu_core.growth._result import ZScoreTable, input_index
from posyandu_core.growth._tables import LmsTable, lms_table

#: Days per month in WHO anthro (365.25 / 12).
DAYS_PER_MONTH: Final = 30.4375
#: Rows per block: large enough to amortise numpy's per-call overhead, small
#: enough that a block's temporaries stay in the CPU cache.
BLOCK: Final = 1 << 15

ANTHRO_COLUMNS: Final = (
    "clenhei", "cmeasure", "c9mo_flag", "cbmi", "csex",
    "zlen", "flen", "zwei", "fwei", "zwfl", "fwfl", "zbmi", "fbmi",
    "zhc", "fhc", "zac", "fac", "zts", "fts", "zss", "fss",
)  # fmt: skip

_LAST_DAY: Final = 1826  # last row of the 2006 age tables
_DAYS: Final = _LAST_DAY + 1  # rows per sex in the 2006 age tables
_MEASURE_TEXT: Final = np.array([None, "l", "h"], dtype=object)
_SEX_VALUE: Final = np.array([np.nan, np.nan, 1.0, 2.0])  # by code + 1


@attrs.frozen
class _AgeIndicator:
    z: str
    flag: str
    table: str
    source: str  # the measurement column it reads
    restricted: bool
    oedema_excludes: bool
    flag_low: float  # flagged when rounded z < flag_low or > flag_high
    flag_high: float


_AGE_INDICATORS: Final = (
    # WHO's anthro: restricted LMS for weight-based and arm/skinfold indicators,
    # oedema voids weight and BMI, flags |z| > 6 (length), z < -6 | z > 5 (weight).
    _AgeIndicator(
        "zlen", "flen", "who2006_length_height_for_age", "clenhei",
        restricted=False, oedema_excludes=False, flag_low=-6.0, flag_high=6.0,
    ),
    _AgeIndicator(
        "zwei", "fwei", "who2006_weight_for_age", "weight",
        restricted=True, oedema_excludes=True, flag_low=-6.0, flag_high=5.0,
    ),
    _AgeIndicator(
        "zbmi", "fbmi", "who2006_bmi_for_age", "cbmi",
        restricted=True, oedema_excludes=True, flag_low=-5.0, flag_high=5.0,
    ),
    _AgeIndicator(
        "zhc", "fhc", "who2006_head_circumference_for_age", "headc",
        restricted=False, oedema_excludes=False, flag_low=-5.0, flag_high=5.0,
    ),
    _AgeIndicator(
        "zac", "fac", "who2006_arm_circumference_for_age", "armc",
        restricted=True, oedema_excludes=False, flag_low=-5.0, flag_high=5.0,
    ),
    _AgeIndicator(
        "zts", "fts", "who2006_triceps_skinfold_for_age", "triskin",
        restricted=True, oedema_excludes=False, flag_low=-5.0, flag_high=5.0,
    ),
    _AgeIndicator(
        "zss", "fss", "who2006_subscapular_skinfold_for_age", "subskin",
        restricted=True, oedema_excludes=False, flag_low=-5.0, flag_high=5.0,
    ),
)  # fmt: skip


def _unit_l(table: LmsTable) -> bool:
    L = table.L[:-1]
    return bool(np.all((L == 1.0) | np.isnan(L)))


@attrs.frozen
class _WflTable:
    """Weight-for-length and weight-for-height in one flat array set.

    Layout: length table boys, girls (651 rows each, 45.0-110.0 cm), height
    table boys, girls (551 rows each, 65.0-120.0 cm), NaN sentinel.
    """

    L: NDArray[np.float64]
    M: NDArray[np.float64]
    S: NDArray[np.float64]
    n_length: int
    n_height: int

    @property
    def sentinel(self) -> int:
        return 2 * (self.n_length + self.n_height)


def _wfl_table() -> _WflTable:
    wfl = lms_table("who2006_weight_for_length")
    wfh = lms_table("who2006_weight_for_height")
    L, M, S = (
        np.concatenate([getattr(wfl, p)[:-1], getattr(wfh, p)[:-1], [np.nan]])
        for p in "LMS"
    )
    return _WflTable(L=L, M=M, S=S, n_length=wfl.n_keys, n_height=wfh.n_keys)


def flag_into(
    z: NDArray[np.float64], low: float, high: float, out: NDArray[np.float64]
) -> None:
    """Write WHO's 0/1 flag of the rounded ``z`` into ``out`` (NaN where z is NaN)."""
    flagged = z < low
    flagged |= z > high
    np.copyto(out, flagged)
    out[np.isnan(z)] = np.nan


def _select(
    valid: NDArray[np.bool_], index: NDArray[np.intp], sentinel: int
) -> NDArray[np.intp]:
    # index where valid, else the NaN sentinel row; arithmetic beats np.where.
    out = index * valid
    out += (~valid) * sentinel
    return out


class _Run:
    """One call of anthro_zscores: inputs, outputs and the per-block work."""

    def __init__(
        self,
        n: int,
        columns: dict[str, NDArray[np.float64] | None],
        sex: NDArray[np.int8],
        measure: NDArray[np.int8],
        oedema_yes: NDArray[np.bool_],
        in_months: bool,
        rounded: bool,
    ) -> None:
        self.n = n
        self.inputs = columns
        self.sex = sex
        self.measure = measure
        self.oedema_yes = oedema_yes
        self.in_months = in_months
        self.rounded = rounded
        self.tables = {ind.table: lms_table(ind.table) for ind in _AGE_INDICATORS}
        self.unit_l = {name: _unit_l(table) for name, table in self.tables.items()}
        self.wfl = _wfl_table()
        present = {name for name, col in columns.items() if col is not None}
        if "lenhei" in present:
            present.add("clenhei")
        if {"weight", "clenhei"} <= present:
            present.add("cbmi")
        self.age_indicators = [
            ind for ind in _AGE_INDICATORS if ind.source in present and "age" in present
        ]
        self.do_wfl = {"weight", "clenhei"} <= present
        self.out: dict[str, NDArray[Any]] = {}
        for name in ("clenhei", "cbmi", "csex", "c9mo_flag"):
            self.out[name] = np.empty(n)
        self.cmeasure = np.empty(n, dtype=np.int8)
        for ind in self.age_indicators:
            self.out[ind.z] = np.empty(n)
            self.out[ind.flag] = np.empty(n)
        if self.do_wfl:
            self.out["zwfl"] = np.empty(n)
            self.out["fwfl"] = np.empty(n)

    def _col(self, name: str, lo: int, hi: int) -> NDArray[np.float64]:
        column = self.inputs[name]
        if column is None:
            return np.full(hi - lo, np.nan)
        return column[lo:hi]

    def block(self, lo: int, hi: int) -> None:
        sex = self.sex[lo:hi]
        age = self._col("age", lo, hi)
        if self.in_months:
            months = age
            x = age * DAYS_PER_MONTH
        else:
            months = age / DAYS_PER_MONTH
            x = age
        # as.integer(round_up(x)): floor, plus one when the rest is >= 0.5
        days = np.floor(x)
        days += (x - days) >= 0.5
        age_known = ~np.isnan(days)

        # Cleaning: measure, the < 9 months rule, the 0.7 cm rule, BMI.
        measure = self.measure[lo:hi].copy()
        c9mo = (measure == 2) & (months < 9.0)
        measure[c9mo] = inp.MISSING
        self.cmeasure[lo:hi] = measure
        np.copyto(self.out["c9mo_flag"][lo:hi], c9mo)
        self.out["csex"][lo:hi] = _SEX_VALUE[sex + 1]
        lenhei = self._col("lenhei", lo, hi)
        shift = ((days < 731) & (measure == 2)) * 0.7
        shift -= ((days >= 731) & (measure == 1)) * 0.7
        clenhei = self.out["clenhei"][lo:hi]
        np.add(lenhei, shift, out=clenhei)
        cbmi = self.out["cbmi"][lo:hi]
        weight = self._col("weight", lo, hi)
        np.divide(clenhei, 100.0, out=cbmi)
        np.multiply(cbmi, cbmi, out=cbmi)  # R evaluates x^2 as x * x
        np.divide(weight, cbmi, out=cbmi)
        values = {"clenhei": clenhei, "cbmi": cbmi}

        oedema = self.oedema_yes[lo:hi]
        if self.age_indicators:
            usable = (days >= 0) & (days <= _LAST_DAY) & (months < 60.0) & (sex > 0)
            day = np.fmin(np.fmax(days, 0.0), float(_LAST_DAY)).astype(np.intp)
            day += (sex == 2) * _DAYS
            usable_no_oedema = usable & ~oedema
            z = np.empty(hi - lo)
            for ind in self.age_indicators:
                y = values.get(ind.source)
                if y is None:
                    y = self._col(ind.source, lo, hi)
                table = self.tables[ind.table]
                valid = (usable_no_oedema if ind.oedema_excludes else usable) & (y > 0)
                index = _select(valid, day, table.sentinel)
                L, M, S = table.L[index], table.M[index], table.S[index]
                plain_z_into(y, L, M, S, z, unit_l=self.unit_l[ind.table])
                if ind.restricted:
                    restrict_into(z, y, L, M, S)
                self._store(z, ind.z, ind.flag, ind.flag_low, ind.flag_high, lo, hi)

        if self.do_wfl:
            self._wfl(
                clenhei, weight, measure, days, months, age_known, sex, oedema, lo, hi
            )

    def _wfl(
        self,
        clenhei: NDArray[np.float64],
        weight: NDArray[np.float64],
        measure: NDArray[np.int8],
        days: NDArray[np.float64],
        months: NDArray[np.float64],
        age_known: NDArray[np.bool_],
        sex: NDArray[np.int8],
        oedema: NDArray[np.bool_],
        lo: int,
        hi: int,
    ) -> None:
        c = clenhei
        # Table choice: by age when known, else by measure, else by 87 cm.
        # (Boolean algebra instead of np.where: several times faster.)
        by_measure = (measure == 1) | ((measure == 0) & (c < 87.0))
        use_length = (days < 731) | (~age_known & by_measure)
        in_range = use_length & (c >= 45.0) & (c <= 110.0)
        in_range |= ~use_length & (c >= 65.0) & (c <= 120.0)
        # A missing age makes R's `age_in_months < 60` NA, which keeps the z.
        age_ok = ~age_known | ((days <= 1856) & (months < 60.0))
        valid = in_range & age_ok & ~oedema & (sex > 0)

        # Interpolation between 0.1 cm rows exactly as anthro writes it.
        c10 = c * 10.0
        low_key = np.trunc(c10)
        diff = (c - low_key / 10.0) / 0.1
        # upper row = trunc(c10 + 1) where diff > 0, else the lower row itself
        upp_key = np.trunc(c10 + 1.0)
        upp_key -= low_key
        upp_key *= diff > 0.0
        upp_key += low_key
        table = self.wfl
        girls = sex == 2
        height_base = 2 * table.n_length + girls * table.n_height - 650
        length_base = girls * table.n_length - 450
        base = height_base + use_length * (length_base - height_base)
        low_i = np.fmin(np.fmax(low_key, 450.0), 1200.0).astype(np.intp) + base
        upp_i = np.fmin(np.fmax(upp_key, 450.0), 1200.0).astype(np.intp) + base
        low_i = _select(valid, low_i, table.sentinel)
        upp_i = _select(valid, upp_i, table.sentinel)
        # P = P(low) + diff * (P(upp) - P(low)); with upp = low when diff <= 0
        # this is P(low) exactly, as R's ifelse(diff > 0, ...) gives.
        params = []
        for p in (table.L, table.M, table.S):
            lower = p[low_i]
            upper = p[upp_i]
            upper -= lower
            upper *= diff
            upper += lower
            params.append(upper)
        L, M, S = params
        z = np.empty(hi - lo)
        plain_z_into(weight, L, M, S, z)
        restrict_into(z, weight, L, M, S)
        self._store(z, "zwfl", "fwfl", -5.0, 5.0, lo, hi)

    def _store(
        self,
        z: NDArray[np.float64],
        z_name: str,
        flag_name: str,
        low: float,
        high: float,
        lo: int,
        hi: int,
    ) -> None:
        z_out = self.out[z_name][lo:hi]
        if self.rounded:
            round_into(z, z_out)
            flag_into(z_out, low, high, self.out[flag_name][lo:hi])
        else:
            rounded = round_into(z, np.empty_like(z))
            flag_into(rounded, low, high, self.out[flag_name][lo:hi])
            z_out[...] = z


def anthro_zscores(
    *,
    sex: inp.Codes,
    age: inp.Numbers | None,
    is_age_in_month: bool = False,
    weight: inp.Numbers | None = None,
    lenhei: inp.Numbers | None = None,
    measure: inp.Codes | None = None,
    oedema: inp.Codes | None = None,
    headc: inp.Numbers | None = None,
    armc: inp.Numbers | None = None,
    triskin: inp.Numbers | None = None,
    subskin: inp.Numbers | None = None,
    rounded: bool = True,
) -> ZScoreTable:
    """Compute WHO 2006 z-scores (0-5 years) exactly as WHO's ``anthro`` R package.

    Each argument is a scalar or a 1-d array-like (list, numpy array, pandas
    Series) with one value per child; scalars (length 1) are used for every
    child, like R's recycling. ``None`` means "not measured" for all children.

    Parameters
    ----------
    sex : array_like
        ``1``/``"m"`` male, ``2``/``"f"`` female (any case, spaces ignored);
        missing (None, NaN, ``""``) gives missing age-based z-scores.
    age : array_like of float or None
        Age in days, or in months when ``is_age_in_month``. Days are rounded
        half-up to whole days for the table lookup; the unrounded age in
        months decides ``< 60`` and ``< 9`` months.
    is_age_in_month : bool, default False
        Whether ``age`` is in months (1 month = 30.4375 days).
    weight : array_like of float, optional
        Weight in kg.
    lenhei : array_like of float, optional
        Recumbent length or standing height in cm.
    measure : array_like, optional
        ``"l"`` recumbent length, ``"h"`` standing height (any case).
    oedema : array_like, optional
        ``"y"``/``"1"``/``True`` bilateral pitting oedema, ``"n"``/``"2"``/
        ``False``/missing none.
        With oedema, weight-based z-scores (zwei, zwfl, zbmi) are missing.
    headc, armc : array_like of float, optional
        Head and mid-upper arm circumference in cm.
    triskin, subskin : array_like of float, optional
        Triceps and subscapular skinfold in mm.
    rounded : bool, default True
        Round z-scores to 2 decimals as R's ``round(z, 2)``. Flags are always
        decided on the rounded z, as WHO does.

    Returns
    -------
    ZScoreTable
        Columns ``clenhei, cmeasure, c9mo_flag, cbmi, csex, zlen, flen, zwei,
        fwei, zwfl, fwfl, zbmi, fbmi, zhc, fhc, zac, fac, zts, fts, zss, fss``
        and ``issues``.

    Raises
    ------
    ShapeMismatchError
        If an argument is not 1-d, or lengths differ (other than 1).

    Notes
    -----
    Unlike WHO's R function, a bad row never stops the call. A negative age,
    an unknown sex/measure/oedema code or text in a numeric argument makes
    that row's outputs all missing and adds an ``error`` issue; a negative or
    zero measurement only makes the z-scores using it missing, as in WHO's
    code, and adds a ``warning`` issue when negative.

    Examples
    --------
    >>> t = anthro_zscores(sex=1, age=365, weight=14.5, lenhei=76, measure="l")
    >>> float(t["zwei"][0]), float(t["zwfl"][0]), float(t["zbmi"][0])
    (3.85, 4.76, 4.92)
    >>> float(t["fwei"][0])
    0.0
    """
    flag: object = is_age_in_month
    if not isinstance(flag, bool | np.bool_):
        msg = f"is_age_in_month must be True or False, not {is_age_in_month!r}"
        raise WrongTypeError(
            msg,
            message_id=f"is_age_in_month harus True atau False, bukan {is_age_in_month!r}",
        )
    numeric_args = {
        "age": age, "weight": weight, "lenhei": lenhei, "headc": headc,
        "armc": armc, "triskin": triskin, "subskin": subskin,
    }  # fmt: skip
    code_args = {"sex": sex, "measure": measure, "oedema": oedema}
    raw = {
        name: inp.as_array(value, name)
        for name, value in {**numeric_args, **code_args}.items()
        if value is not None
    }
    n = inp.common_length(raw)
    bad = np.zeros(n, dtype=bool)
    columns, issues = _issues.read_numbers(
        raw, numeric_args, n, bad, drop_if_negative=("age",)
    )
    codes, code_issues = _issues.read_codes(raw, code_args, n, bad)
    issues += code_issues

    run = _Run(
        n,
        columns,
        np.ascontiguousarray(codes["sex"]),
        np.ascontiguousarray(codes["measure"]),
        np.ascontiguousarray(codes["oedema"] == 1),
        bool(is_age_in_month),
        rounded,
    )
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for lo in range(0, n, BLOCK):
            run.block(lo, min(lo + BLOCK, n))

    bad_rows = np.flatnonzero(bad)
    output: dict[str, NDArray[Any]] = {}
    missing = np.broadcast_to(np.float64(np.nan), (n,))
    for name in ANTHRO_COLUMNS:
        if name == "cmeasure":
            column = _MEASURE_TEXT[run.cmeasure]
            column[bad_rows] = None
        elif name in run.out:
            column = run.out[name]
            column[bad_rows] = np.nan
        else:
            column = missing
        output[name] = column
    issues.sort(key=lambda issue: issue.row or 0)
    index = input_index(
        n, sex, age, weight, lenhei, measure, oedema, headc, armc, triskin, subskin
    )
    return ZScoreTable(output, issues, n, index=index)
