"""The LMS method as WHO's R packages compute it, vectorised.

Every formula keeps the order of operations of WHO's R code
(``anthro:::compute_zscore`` and ``compute_zscore_adjusted``), because a
different but algebraically equal order can move a z-score by one ulp and
therefore, at a rounding boundary, change the second decimal.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import ndtr, ndtri

__all__ = [
    "centile_of_zscore",
    "lms_value",
    "lms_zscore",
    "round_half_even_r",
    "zscore_of_centile",
]

#: Below |L| of this size the Box-Cox transform is taken as its limit log(y/M)/S.
#: (No WHO table has L == 0; the limit only serves callers' own parameters.)
_L_EPS = 1e-12

#: R's round() leaves numbers this large unrounded (logb(x) >= 43, see fround.c).
_R_NO_ROUND = 2.0**43

#: Within this distance of .5 (in units of the last kept decimal) the fast
#: rint() path might disagree with R's algorithm; such values take the exact path.
_NEAR_HALF = 0.5 - 1e-6


def _as_float(value: ArrayLike) -> NDArray[np.float64]:
    return np.asarray(value, dtype=np.float64)


def plain_z_into(
    y: NDArray[np.float64],
    L: NDArray[np.float64],
    M: NDArray[np.float64],
    S: NDArray[np.float64],
    out: NDArray[np.float64],
    *,
    unit_l: bool = False,
) -> NDArray[np.float64]:
    """Write ``((y / M)^L - 1) / (S * L)`` into ``out`` (WHO's plain z).

    With ``unit_l`` (every L is exactly 1, as in the length and head
    circumference tables) the power is skipped: ``x^1 == x`` exactly in C's
    ``pow``, so the result is bit-identical and much cheaper.
    """
    np.divide(y, M, out=out)
    if unit_l:
        np.subtract(out, 1.0, out=out)
        return np.divide(out, S, out=out)
    np.power(out, L, out=out)
    np.subtract(out, 1.0, out=out)
    return np.divide(out, S * L, out=out)


def _sd(
    L: NDArray[np.float64], M: NDArray[np.float64], S: NDArray[np.float64], k: float
) -> NDArray[np.float64]:
    # calc_sd <- function(sd) M * ((1 + L * S * sd)^(1 / L))
    result: NDArray[np.float64] = M * ((1.0 + L * S * k) ** (1.0 / L))
    return result


def restrict_into(
    z: NDArray[np.float64],
    y: NDArray[np.float64],
    L: NDArray[np.float64],
    M: NDArray[np.float64],
    S: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Apply WHO's restricted LMS rule in place to the few rows beyond ±3.

    ``z`` must be the plain z of ``y``. Rows with z > 3 become
    ``3 + (y - SD3) / (SD3 - SD2)``; rows with z < -3 become
    ``-3 + (y - SD-3) / (SD-2 - SD-3)``. Only those rows are touched.
    """
    beyond = np.flatnonzero(np.abs(z) > 3.0)
    if beyond.size == 0:
        return z
    zb = z[beyond]
    yb, Lb, Mb, Sb = y[beyond], L[beyond], M[beyond], S[beyond]
    upper = zb > 3.0
    if upper.any():
        u = np.flatnonzero(upper)
        sd3 = _sd(Lb[u], Mb[u], Sb[u], 3.0)
        sd23 = sd3 - _sd(Lb[u], Mb[u], Sb[u], 2.0)
        zb[u] = 3.0 + ((yb[u] - sd3) / sd23)
    lower = np.flatnonzero(~upper)
    if lower.size:
        sd3n = _sd(Lb[lower], Mb[lower], Sb[lower], -3.0)
        sd23n = _sd(Lb[lower], Mb[lower], Sb[lower], -2.0) - sd3n
        zb[lower] = -3.0 + ((yb[lower] - sd3n) / sd23n)
    z[beyond] = zb
    return z


def _round2_exact(x: NDArray[np.float64]) -> NDArray[np.float64]:
    # R >= 4.0.0 src/nmath/fround.c for digits = 2, element by element:
    # candidates i10/100 and ceil(x10)/100, the nearer one wins, ties to even i10.
    a = np.abs(x)
    x10 = a * 100.0
    i10 = np.floor(x10)
    xd = i10 / 100.0
    xu = np.ceil(x10) / 100.0
    du = xu - a
    dd = a - xd
    pick_up = (du < dd) | ((np.fmod(i10, 2.0) == 1.0) & (du == dd))
    r = np.where(pick_up, xu, xd)
    r = np.where(a >= _R_NO_ROUND, a, r)
    return np.where(x < 0.0, -r, np.where(x == 0.0, x, r))


def round_half_even_r(z: ArrayLike) -> NDArray[np.float64]:
    """Round to 2 decimals exactly as R's ``round(z, 2)`` does (R >= 4.0.0).

    R picks, of ``floor(100 z) / 100`` and ``ceil(100 z) / 100``, the double
    nearer to ``z`` (ties to the even hundredth). ``rint(100 z) / 100`` gives
    the same double except when ``100 z`` lies within rounding error of a
    half; those few values are recomputed with R's own algorithm. (Python's
    ``round(z, 2)`` rounds the exact binary value instead and can differ from
    R at such near-half values.)

    Parameters
    ----------
    z : array_like of float
        Values to round; NaN and ±inf pass through.

    Returns
    -------
    ndarray of float64
        Same shape as ``z``.

    Examples
    --------
    >>> round_half_even_r([0.125, -2.675, 1.005, np.nan]).tolist()
    [0.12, -2.67, 1.0, nan]
    """
    x = _as_float(z)
    shape = x.shape
    flat = x.ravel()
    out = np.empty_like(flat)
    round_into(flat, out)
    return out.reshape(shape)


def round_into(
    z: NDArray[np.float64],
    out: NDArray[np.float64],
    scratch: NDArray[np.float64] | None = None,
) -> NDArray[np.float64]:
    """Write R's ``round(z, 2)`` of the 1-d array ``z`` into ``out``."""
    x10 = np.multiply(z, 100.0, out=scratch)
    np.rint(x10, out=out)
    np.subtract(x10, out, out=x10)
    np.abs(x10, out=x10)
    special = x10 > _NEAR_HALF
    special |= np.abs(z) >= _R_NO_ROUND
    np.divide(out, 100.0, out=out)
    exact = np.flatnonzero(special)
    if exact.size:
        out[exact] = _round2_exact(z[exact])
    return out


def lms_zscore(
    y: ArrayLike,
    L: ArrayLike,
    M: ArrayLike,
    S: ArrayLike,
    *,
    restricted: bool = False,
) -> NDArray[np.float64]:
    """Return the (unrounded) LMS z-score of measurement ``y``.

    ``z = ((y / M)^L - 1) / (L S)``, or ``ln(y / M) / S`` when ``L == 0``.
    With ``restricted=True`` WHO's restricted application beyond ±3 SD is
    used (weight-based indicators): the distance between SD2 and SD3 is
    taken as one SD unit beyond ±3.

    Parameters
    ----------
    y : array_like of float
        Measurements, broadcastable with ``L``, ``M``, ``S``; NaN marks missing.
    L, M, S : array_like of float
        Box-Cox power, median and coefficient of variation.
    restricted : bool, default False
        Apply WHO's restricted LMS rule beyond ±3 SD.

    Returns
    -------
    ndarray of float64
        The broadcast shape; NaN where any input is NaN or undefined.

    References
    ----------
    WHO Multicentre Growth Reference Study Group (2006). WHO Child Growth
    Standards: Methods and development, chapter 7 (computation of centiles
    and z-scores).

    Examples
    --------
    >>> round(float(lms_zscore(14.5, 0.0645, 9.646, 0.10925)), 4)
    3.7804
    >>> round(float(lms_zscore(14.5, 0.0645, 9.646, 0.10925, restricted=True)), 2)
    3.85
    """
    yb, Lb, Mb, Sb = np.broadcast_arrays(*(_as_float(a) for a in (y, L, M, S)))
    shape = yb.shape
    yf, Lf, Mf, Sf = (np.ascontiguousarray(a).ravel() for a in (yb, Lb, Mb, Sb))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        z = np.empty_like(yf)
        plain_z_into(yf, Lf, Mf, Sf, z)
        zero_l = np.abs(Lf) < _L_EPS
        if zero_l.any():
            z[zero_l] = np.log(yf[zero_l] / Mf[zero_l]) / Sf[zero_l]
        if restricted:
            restrict_into(z, yf, Lf, Mf, Sf)
    return z.reshape(shape)


def lms_value(
    z: ArrayLike,
    L: ArrayLike,
    M: ArrayLike,
    S: ArrayLike,
    *,
    restricted: bool = False,
) -> NDArray[np.float64]:
    """Return the measurement at z-score ``z`` (the inverse of :func:`lms_zscore`).

    ``y = M (1 + L S z)^(1/L)`` (``M exp(S z)`` when ``L == 0``). With
    ``restricted=True``, beyond ±3 the line through SD2 and SD3 is extended,
    so ``lms_zscore(lms_value(z, ..., restricted=True), ..., restricted=True)``
    returns ``z``.

    Parameters
    ----------
    z : array_like of float
        z-scores, broadcastable with ``L``, ``M``, ``S``.
    L, M, S : array_like of float
        LMS parameters.
    restricted : bool, default False
        Use WHO's restricted rule beyond ±3 SD (weight-based indicators).

    Returns
    -------
    ndarray of float64
        Measurements; NaN where the transform is undefined (``1 + L S z <= 0``).

    Examples
    --------
    >>> round(float(lms_value(0.0, 0.0645, 9.646, 0.10925)), 3)
    9.646
    >>> round(float(lms_value(3.8530403, 0.0645, 9.646, 0.10925, restricted=True)), 2)
    14.5
    """
    zb, Lb, Mb, Sb = np.broadcast_arrays(*(_as_float(a) for a in (z, L, M, S)))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        base = 1.0 + Lb * Sb * zb
        zero_l = np.abs(Lb) < _L_EPS
        safe_l = np.where(zero_l, 1.0, Lb)
        plain = np.where(base > 0.0, Mb * base ** (1.0 / safe_l), np.nan)
        plain = np.where(zero_l, Mb * np.exp(Sb * zb), plain)
        if not restricted:
            return np.asarray(plain, dtype=np.float64)
        sd3 = _sd(Lb, Mb, Sb, 3.0)
        sd2 = _sd(Lb, Mb, Sb, 2.0)
        sd3n = _sd(Lb, Mb, Sb, -3.0)
        sd2n = _sd(Lb, Mb, Sb, -2.0)
        above = sd3 + (zb - 3.0) * (sd3 - sd2)
        below = sd3n + (zb + 3.0) * (sd2n - sd3n)
        out = np.where(zb > 3.0, above, np.where(zb < -3.0, below, plain))
    return np.asarray(out, dtype=np.float64)


def centile_of_zscore(z: ArrayLike) -> NDArray[np.float64]:
    """Return the centile (0-100) of a z-score: ``100 Φ(z)``.

    Examples
    --------
    >>> centile_of_zscore([-1.6448536269514722, 0.0]).round(6).tolist()
    [5.0, 50.0]
    """
    return np.asarray(100.0 * ndtr(_as_float(z)), dtype=np.float64)


def zscore_of_centile(centile: ArrayLike) -> NDArray[np.float64]:
    """Return the z-score of a centile (0-100): ``Φ⁻¹(centile / 100)``.

    Examples
    --------
    >>> zscore_of_centile([5.0, 50.0, 97.5]).round(4).tolist()
    [-1.6449, 0.0, 1.96]
    """
    p = _as_float(centile) / 100.0
    with np.errstate(invalid="ignore"):
        return np.asarray(ndtri(p), dtype=np.float64)
