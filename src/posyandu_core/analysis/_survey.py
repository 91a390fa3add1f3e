"""The survey estimator of WHO's prevalence tables, on numpy and scipy.

WHO's ``anthro_prevalence`` and ``anthroplus_prevalence`` call T. Lumley's R
``survey`` package (``svymean``, ``svytotal``, ``svyvar``, ``svyciprop``
with ``method = "logit"``, domain estimation with ``svyby``). This module
redoes that arithmetic. Everything is computed from *partial sums per
primary sampling unit (PSU) and group level* (:class:`Cells`), so the same
code serves an in-memory frame and a map-reduce over a Dask dataframe: add
the partial sums of the partitions and the result is the in-memory one.

Why not a Python survey library: the logit confidence interval WHO
publishes comes from a quasibinomial GLM fitted by R's IRLS, which stops at
its tolerance before the exact maximum; a textbook logit interval differs
from WHO's files by about 2e-7 relative. This module replays the IRLS
(``glm.fit``: starting values, working weights, deviance test, at most 25
iterations) and R's ``confint.svyglm`` (normal quantile of the t-based
level), which agrees with WHO's files to about 1e-12.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal

import attrs
import numpy as np
from numpy.typing import NDArray
from scipy import stats

from posyandu_core.errors import UsageError

#: The three computation paths of WHO's code (``build_design``).
Path = Literal["simple", "hybrid", "survey"]

#: glm.control(): epsilon and maxit.
_EPSILON: Final = 1e-8
_MAXIT: Final = 25
#: R's logit link clamps (src/library/stats/src/family.c).
_THRESH: Final = 30.0
_DBL_EPSILON: Final = float(np.finfo(np.float64).eps)
_INVEPS: Final = 1.0 / _DBL_EPSILON
#: Level of every interval in WHO's tables.
LEVEL: Final = 0.95

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


def bincount(key: Ints, weights: Floats | None, size: int) -> Floats:
    """``np.bincount`` as float64 (sums of ``weights`` per key, or counts)."""
    return np.bincount(key, weights=weights, minlength=size).astype(np.float64)


@attrs.frozen
class Design:
    """The sampling design of a survey, as ``svydesign(..., nest = TRUE)`` sees it.

    Attributes
    ----------
    path : {"simple", "hybrid", "survey"}
        WHO's computation path: no design at all (closed forms), sampling
        weights only (closed-form z-score summaries, survey prevalences) or
        cluster and/or strata.
    n_rows : int
        Rows in the survey after WHO's exclusions (``N`` of the closed forms).
    psu_stratum : ndarray of int
        Stratum code (0-based) of each PSU code.
    n_psu : ndarray of int
        PSUs per stratum in the whole design (zero-weight rows included).
    df : int
        ``degf(design)``: PSUs minus strata, both over rows with a non-zero
        weight.
    lonely_psu : {"adjust", "fail"}
        What a stratum with a single PSU contributes: ``"adjust"`` centres it
        on the grand mean (``survey.lonely.psu = "adjust"``).
    """

    path: Path
    n_rows: int
    psu_stratum: Ints
    n_psu: Ints
    df: int
    lonely_psu: Literal["adjust", "fail"] = "adjust"


@attrs.frozen
class Cells:
    """Partial sums of one value column per (group level, PSU).

    One record per cell with at least one row whose value is not missing.
    ``n`` counts those rows, ``n_pos`` those with a positive weight; ``w``,
    ``wx`` and ``wxx`` are the sums of ``w``, ``w x`` and ``w x²``;
    ``w_exact`` is ``w`` accumulated in extended precision, as R's
    ``colSums`` and ``sum`` do, so the weighted counts (``_pop``) come out
    to the last bit. Cells of two partitions are combined with :meth:`merge`.
    """

    level: Ints
    psu: Ints
    n: Floats
    n_pos: Floats
    w: Floats
    wx: Floats
    wxx: Floats
    w_exact: NDArray[np.longdouble]

    @classmethod
    def of(
        cls, level: Ints, psu: Ints, x: Floats, w: Floats, n_psu_codes: int
    ) -> Cells:
        """Return the cells of value ``x`` (NaN = missing) by ``level`` (-1 = none)."""
        keep = (level >= 0) & ~np.isnan(x)
        key = level[keep] * n_psu_codes + psu[keep]
        order = np.argsort(key, kind="stable")
        key = key[order]
        xk, wk = x[keep][order], w[keep][order]
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else key
        unique = key[starts]

        def total(values: NDArray[Any]) -> NDArray[Any]:
            if not len(values):
                return values
            return np.add.reduceat(values, starts)

        wx = wk * xk
        return cls(
            level=unique // n_psu_codes,
            psu=unique % n_psu_codes,
            n=total(np.ones(len(key))),
            n_pos=total((wk > 0).astype(np.float64)),
            w=total(wk),
            wx=total(wx),
            wxx=total(wx * xk),
            w_exact=total(wk.astype(np.longdouble)),
        )

    @classmethod
    def merge(cls, parts: Sequence[Cells], n_psu_codes: int) -> Cells:
        """Add the cells of several partitions (same level and PSU codes)."""
        key = np.concatenate([p.level * n_psu_codes + p.psu for p in parts])
        unique, inverse = np.unique(key, return_inverse=True)
        inverse = inverse.reshape(-1)

        def total(name: str) -> Floats:
            values = np.concatenate([getattr(p, name) for p in parts])
            return bincount(inverse, values, len(unique))

        exact = np.zeros(len(unique), dtype=np.longdouble)
        np.add.at(exact, inverse, np.concatenate([p.w_exact for p in parts]))
        return cls(
            level=unique // n_psu_codes,
            psu=unique % n_psu_codes,
            w_exact=exact,
            **{name: total(name) for name in ("n", "n_pos", "w", "wx", "wxx")},
        )

    def by_level(self, name: str, n_levels: int) -> Floats:
        """Sum of column ``name`` per group level."""
        values: Floats = getattr(self, name)
        return bincount(self.level, values, n_levels)

    def weighted_count(self, n_levels: int) -> Floats:
        """Sum of the weights per level, accumulated in extended precision."""
        exact = np.zeros(n_levels, dtype=np.longdouble)
        np.add.at(exact, self.level, self.w_exact)
        return exact.astype(np.float64)


@attrs.frozen
class IrlsStart:
    """Per-level sums of glm's first IRLS step (they need row-level values).

    ``w0`` and ``w0z`` are the sums of the working weights and of working
    weight times working response at the starting values; ``dev0`` the
    deviance there; ``cells_w0``/``cells_w0y`` the PSU sums of the working
    weights and of working weight times y, used when IRLS stops after its
    first step.
    """

    w0: Floats
    w0z: Floats
    dev0: Floats
    cells: Cells  # ``w`` = sum of working weights, ``wx`` = of weight times y

    @classmethod
    def of(
        cls,
        level: Ints,
        psu: Ints,
        y: Floats,
        w: Floats,
        mean_w: Floats,
        n_levels: int,
        n_psu_codes: int,
    ) -> IrlsStart:
        """Return the first-step sums for 0/1 values ``y`` given each level's mean weight."""
        keep = (level >= 0) & ~np.isnan(y)
        lv, yk = level[keep], y[keep]
        prior = w[keep] / mean_w[lv]
        mu_start = (prior * yk + 0.5) / (prior + 1.0)
        eta = _logit(mu_start)
        mu = _linkinv(eta)
        mu_eta = _mu_eta(eta)
        variance = mu * (1.0 - mu)
        good = prior > 0
        z = eta + (yk - mu) / mu_eta
        weight = np.where(good, prior * mu_eta**2 / variance, 0.0)
        wz = np.where(good, weight * z, 0.0)
        dev = _deviance(yk, mu, prior)
        cells = Cells.of(lv, psu[keep], np.where(good, yk, 0.0), weight, n_psu_codes)
        return cls(
            w0=bincount(lv, weight, n_levels),
            w0z=bincount(lv, wz, n_levels),
            dev0=bincount(lv, dev, n_levels),
            cells=cells,
        )

    @classmethod
    def merge(cls, parts: list[IrlsStart], n_psu_codes: int) -> IrlsStart:
        """Add the first-step sums of several partitions."""
        return cls(
            w0=np.sum([p.w0 for p in parts], axis=0),
            w0z=np.sum([p.w0z for p in parts], axis=0),
            dev0=np.sum([p.dev0 for p in parts], axis=0),
            cells=Cells.merge([p.cells for p in parts], n_psu_codes),
        )


def _logit(mu: Floats) -> Floats:
    result: Floats = np.log(mu / (1.0 - mu))
    return result


def _linkinv(eta: Floats) -> Floats:
    with np.errstate(over="ignore"):
        tmp = np.where(
            eta < -_THRESH, _DBL_EPSILON, np.where(eta > _THRESH, _INVEPS, np.exp(eta))
        )
    result: Floats = tmp / (1.0 + tmp)
    return result


def _mu_eta(eta: Floats) -> Floats:
    with np.errstate(over="ignore", invalid="ignore"):
        opexp = 1.0 + np.exp(eta)
        value = np.exp(eta) / (opexp * opexp)
    result: Floats = np.where(np.abs(eta) > _THRESH, _DBL_EPSILON, value)
    return result


def _deviance(y: Floats, mu: Floats, weight: Floats) -> Floats:
    """R's binomial deviance residuals ``2 wt (y log(y/mu) + (1-y) log((1-y)/(1-mu)))``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        first = np.where(y != 0.0, y * np.log(y / mu), 0.0)
        second = np.where(
            1.0 - y != 0.0, (1.0 - y) * np.log((1.0 - y) / (1.0 - mu)), 0.0
        )
    result: Floats = 2.0 * weight * (first + second)
    return result


def _linkinv_scalar(eta: float) -> float:
    if eta < -_THRESH:
        tmp = _DBL_EPSILON
    elif eta > _THRESH:
        tmp = _INVEPS
    else:
        tmp = math.exp(eta)
    return tmp / (1.0 + tmp)


def _mu_eta_scalar(eta: float) -> float:
    if abs(eta) > _THRESH:
        return _DBL_EPSILON
    opexp = 1.0 + math.exp(eta)
    return math.exp(eta) / (opexp * opexp)


def linearised_variance(
    design: Design,
    cells: Cells,
    n_levels: int,
    total: Floats,
    numerator: Floats,
    denominator: Floats,
    centre: Floats,
) -> Floats:
    """Return the Taylor-linearisation variance per level (``svyrecvar``).

    The influence total of PSU ``c`` in level ``g`` is
    ``(numerator_c - centre_g * denominator_c) / total_g``; PSUs of the
    stratum without rows of the level count as zeros. A stratum with ``n_h``
    PSUs contributes ``n_h / (n_h - 1)`` times the sum of squares about its
    mean; one with a single PSU is centred on the mean of all PSU totals of
    the strata the level touches (``survey.lonely.psu = "adjust"``).
    """
    n_strata = len(design.n_psu)
    level = cells.level
    stratum = design.psu_stratum[cells.psu]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (numerator - centre[level] * denominator) / total[level]
    key = level * n_strata + stratum
    size = n_levels * n_strata
    n_h = np.tile(design.n_psu, n_levels).astype(np.float64)
    sum_t = bincount(key, t, size)
    present = bincount(key, None, size)
    mean = sum_t / n_h
    deviation = t - mean[key]
    squares = bincount(key, deviation * deviation, size)
    squares += (n_h - present) * mean * mean
    lonely = n_h == 1
    if np.any(lonely & (present > 0)):
        if design.lonely_psu != "adjust":
            msg = "a stratum has only one PSU"
            raise UsageError(
                msg,
                message_id="ada strata yang hanya punya satu PSU",
                fix="use lonely_psu='adjust'",
                fix_id="pakai lonely_psu='adjust'",
            )
        touched = (present > 0).reshape(n_levels, n_strata)
        psus_touched = (touched * design.n_psu).sum(axis=1)
        grand = sum_t.reshape(n_levels, n_strata).sum(axis=1) / psus_touched
        # the single PSU's total t: sum_t of that (level, stratum)
        squares = np.where(lonely, (sum_t - np.repeat(grand, n_strata)) ** 2, squares)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(n_h > 1, n_h / (n_h - 1.0), 1.0)
    contribution = np.where(present > 0, scale * squares, 0.0)
    result: Floats = contribution.reshape(n_levels, n_strata).sum(axis=1)
    return result


def _survey_scale(big_n: int) -> np.float64:
    """``N / (N - 1)`` of the closed forms (infinite for a single row, as in R)."""
    with np.errstate(divide="ignore"):
        return np.float64(big_n) / np.float64(big_n - 1)


@functools.cache
def t_quantile(df: float) -> float:
    """``qt(0.975, df)``."""
    return float(stats.t.ppf(1.0 - (1.0 - LEVEL) / 2.0, df))


@attrs.frozen
class MeanSummary:
    """``_r, _se, _ll, _ul, _stdev`` of a z-score, per level."""

    r: Floats
    se: Floats
    ll: Floats
    ul: Floats
    stdev: Floats


@attrs.frozen
class ProportionSummary:
    """``_r, _se, _ll, _ul`` (percent) of a 0/1 indicator, per level."""

    r: Floats
    se: Floats
    ll: Floats
    ul: Floats


def _row_squares(cells: Cells, n_levels: int, r: Floats) -> Floats:
    """Sum of ``(w (x - r))²`` over rows when each PSU is one row."""
    t = cells.wx - r[cells.level] * cells.w
    result: Floats = bincount(cells.level, t * t, n_levels)
    return result


def _weighted_squares(cells: Cells, n_levels: int, r: Floats) -> Floats:
    """Sum of ``w (x - r)²`` over rows: ``Σwx² - 2rΣwx + r²Σw``."""
    wxx, wx, w = (cells.by_level(name, n_levels) for name in ("wxx", "wx", "w"))
    result: Floats = wxx - 2.0 * r * wx + r * r * w
    return result


def _level_means(cells: Cells, n_levels: int) -> tuple[Floats, Floats, Floats]:
    """Rows with a value, their weight sum and the weighted mean, per level."""
    n = cells.by_level("n", n_levels)
    w = cells.by_level("w", n_levels)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(n > 0, cells.by_level("wx", n_levels) / w, np.nan)
    return n, w, r


def mean_summary(design: Design, cells: Cells, n_levels: int) -> MeanSummary:
    """WHO's z-score mean, its SE and t interval, and the standard deviation."""
    n, w, r = _level_means(cells, n_levels)
    nan = np.full(n_levels, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        if design.path == "simple":
            # prevalence-simple.R: sd(x); se with the survey's N, not the group's.
            squares = _row_squares(cells, n_levels, r)
            big_n = design.n_rows
            stdev = np.sqrt(squares / (n - 1.0))
            se = np.sqrt(_survey_scale(big_n)) / n * np.sqrt(squares)
            q = t_quantile(big_n - 1)
        elif design.path == "hybrid":
            squares = _row_squares(cells, n_levels, r)
            big_n = design.n_rows
            stdev = np.sqrt(_weighted_squares(cells, n_levels, r) / w * n / (n - 1.0))
            se = np.sqrt(_survey_scale(big_n)) * np.sqrt(squares) / w
            q = t_quantile(big_n - 1)
        else:
            n_pos = cells.by_level("n_pos", n_levels)
            var = linearised_variance(design, cells, n_levels, w, cells.wx, cells.w, r)
            se = np.sqrt(var)
            ratio = n_pos / (n_pos - 1.0)
            stdev = np.sqrt(_weighted_squares(cells, n_levels, r) / w * ratio)
            stdev = np.where(n_pos > 1, stdev, np.nan)
            q = t_quantile(design.df)
    stdev = np.where(n > 1, stdev, np.nan)
    se = np.where((n > 0) & (w > 0), se, nan)
    return MeanSummary(r=r, se=se, ll=r - q * se, ul=r + q * se, stdev=stdev)


def _irls(
    prior_sum: float,
    prior_y: float,
    start: tuple[float, float, float],
) -> tuple[float, int]:
    """Replay glm.fit's IRLS for ``y ~ 1`` (quasibinomial, logit).

    ``prior_sum``/``prior_y``: sums of the prior weights ``w / mean(w)`` and
    of prior weight times y over the rows with a value; ``start``: the sums
    of working weights, working weight times working response and the
    deviance at glm's starting values. Returns the coefficient and the
    iteration at which IRLS stopped.
    """
    w0, w0z, dev_old = start
    beta = w0z / w0
    iteration = 1
    while True:
        mu = _linkinv_scalar(beta)
        dev = _binomial_deviance_sum(prior_sum, prior_y, mu)
        if abs(dev - dev_old) / (abs(dev) + 0.1) < _EPSILON or iteration >= _MAXIT:
            return beta, iteration
        dev_old = dev
        # Every row now has the same mu: the weighted mean of the working
        # response is eta + Σ prior (y - mu) / (Σ prior * mu.eta).
        beta = beta + (prior_y - mu * prior_sum) / (prior_sum * _mu_eta_scalar(beta))
        iteration += 1


def _binomial_deviance_sum(prior_sum: float, prior_y: float, mu: float) -> float:
    """Σ 2 prior (y log(y/mu) + (1-y) log((1-y)/(1-mu))) for 0/1 y and one mu."""
    ones = prior_y * math.log(1.0 / mu) if prior_y else 0.0
    zeros = prior_sum - prior_y
    rest = zeros * math.log(1.0 / (1.0 - mu)) if zeros else 0.0
    return 2.0 * (ones + rest)


@functools.cache
def _normal_factors(df: float) -> tuple[float, float]:
    """``qnorm(c(a, 1 - a))`` of ``confint.svyglm``, ``a = (1 - tlevel) / 2``.

    ``confint.svyglm`` turns the t level into a normal one,
    ``tlevel = 1 - 2 pnorm(qt((1 - level) / 2, df))``, and
    ``confint.default`` then uses normal quantiles.
    """
    tlevel = 1.0 - 2.0 * float(stats.norm.cdf(stats.t.ppf((1.0 - LEVEL) / 2.0, df)))
    a = (1.0 - tlevel) / 2.0
    return float(stats.norm.ppf(a)), float(stats.norm.ppf(1.0 - a))


def proportion_summary(
    design: Design,
    cells: Cells,
    n_levels: int,
    group_rows: Floats,
    group_w: Floats,
    start: IrlsStart | None,
) -> ProportionSummary:
    """WHO's prevalence of a 0/1 indicator in percent: estimate, SE and interval.

    ``group_rows``/``group_w``: rows and weight sum of each level over all
    its rows (missing values included), for glm's rescaled prior weights.
    ``start`` is required unless ``design.path == "simple"``.
    """
    n, w, r = _level_means(cells, n_levels)
    wy = cells.by_level("wx", n_levels)
    if design.path == "simple":
        return _simple_proportion(design, cells, n_levels, n, r)
    if start is None:
        msg = "IRLS start sums are required for a survey design"
        raise ValueError(msg)
    with np.errstate(divide="ignore", invalid="ignore"):
        var = linearised_variance(design, cells, n_levels, w, cells.wx, cells.w, r)
    se = np.sqrt(var)
    low, high = _normal_factors(design.df) if design.df > 0 else (math.nan, math.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_w = group_w / group_rows
    beta = np.full(n_levels, np.nan)
    mu = np.full(n_levels, np.nan)
    mu_eta = np.full(n_levels, np.nan)
    first_step = np.zeros(n_levels, dtype=bool)
    for g in np.flatnonzero(w > 0).tolist():
        beta[g], iterations = _irls(
            w[g] / mean_w[g],
            wy[g] / mean_w[g],
            (start.w0[g], start.w0z[g], start.dev0[g]),
        )
        mu[g], mu_eta[g] = _linkinv_scalar(beta[g]), _mu_eta_scalar(beta[g])
        first_step[g] = iterations == 1
    # glm's working residuals times its last working weights, over the PSUs:
    # after two or more steps every row has the same working weight, so the
    # influence is w (y - mu) / (mu.eta Σw); after one step the weights are
    # still the per-row ones of the starting values.
    var_beta = linearised_variance(
        design, cells, n_levels, w * mu_eta, cells.wx, cells.w, mu
    )
    if np.any(first_step):
        early = linearised_variance(
            design,
            start.cells,
            n_levels,
            start.w0 * mu_eta,
            start.cells.wx,
            start.cells.w,
            mu,
        )
        var_beta = np.where(first_step, early, var_beta)
    with np.errstate(invalid="ignore", over="ignore"):  # degenerate fits: NaN, as R
        se_beta = np.sqrt(var_beta)
        ll = _expit(beta + se_beta * low)
        ul = _expit(beta + se_beta * high)
    se = np.where(w > 0, se, np.nan)  # svyby drops a level without weight
    percent = 100.0 * r
    ll, ul = 100.0 * ll, 100.0 * ul
    # prevalence-survey.R: r == 0 gives [0, 0]; the test `r == 1` is on the
    # percentage, so exactly 1 % gives [1, 1] (WHO's code, kept as is).
    ll = np.where(percent == 0.0, 0.0, np.where(percent == 1.0, 1.0, ll))
    ul = np.where(percent == 0.0, 0.0, np.where(percent == 1.0, 1.0, ul))
    return ProportionSummary(r=percent, se=100.0 * se, ll=ll, ul=ul)


def _expit(eta: Floats) -> Floats:
    """Survey's ``expit``: ``exp(eta) / (1 + exp(eta))``."""
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(eta)
        result: Floats = np.where(np.isinf(e), 1.0, e / (1.0 + e))
    return result


def _simple_proportion(
    design: Design, cells: Cells, n_levels: int, n: Floats, r: Floats
) -> ProportionSummary:
    """prevalence-simple.R ``logit_rate_estimate``."""
    big_n = design.n_rows
    scale = _survey_scale(big_n)
    squares = _row_squares(cells, n_levels, r)
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.sqrt(scale) / n * np.sqrt(squares)
        logit = np.log(r / (1.0 - r))
        half = np.sqrt(scale * (1.0 / (n * r * (1.0 - r)))) * t_quantile(big_n - 1)
        ll = 1.0 / (1.0 + np.exp(-(logit - half)))
        ul = 1.0 / (1.0 + np.exp(-(logit + half)))
    ll = np.where(r == 1.0, 1.0, np.where(r == 0.0, 0.0, ll))
    ul = np.where(r == 1.0, 1.0, np.where(r == 0.0, 0.0, ul))
    return ProportionSummary(r=100.0 * r, se=100.0 * se, ll=100.0 * ll, ul=100.0 * ul)


def make_design(
    n_rows: int,
    weights: Floats | None,
    cluster: NDArray[np.generic] | None,
    strata: NDArray[np.generic] | None,
    lonely_psu: Literal["adjust", "fail"] = "adjust",
) -> tuple[Design, Ints]:
    """Return the design of the (already filtered) rows and each row's PSU code.

    Follows WHO's ``build_design`` and ``svydesign(ids, strata, weights,
    nest = TRUE)``: no cluster, strata or weights other than 1 → the closed
    forms; weights only → every row its own PSU; otherwise the clusters
    (ignored when there is a single one) nested in the strata.
    """
    if weights is not None and np.any(weights < 0):
        msg = "negative sampling weights are not allowed"
        raise UsageError(
            msg,
            message_id="bobot sampel tidak boleh negatif",
            fix="use weights >= 0",
            fix_id="pakai bobot >= 0",
        )
    if cluster is None and strata is None:
        if weights is None or bool(np.all(weights == 1.0)):
            path: Path = "simple"
        else:
            path = "hybrid"
    else:
        path = "survey"
    stratum = _codes(strata) if strata is not None else np.zeros(n_rows, np.int64)
    if cluster is not None and len(np.unique(_codes(cluster))) > 1:
        pairs = stratum * (n_rows + 1) + _codes(cluster)
        psu = np.unique(pairs, return_inverse=True)[1].reshape(-1).astype(np.int64)
    else:
        psu = np.arange(n_rows, dtype=np.int64)
    return design_of(path, n_rows, psu, stratum, weights, lonely_psu), psu


def design_weights(path: Path, weights: Floats | None) -> Floats | None:
    """Return the weights the estimator uses (``svydesign`` keeps ``1 / w``).

    The survey package then multiplies by ``1 / prob``, which is not always
    ``w`` to the last bit; WHO's weighted counts show it. The closed-form
    paths use ``w`` itself.
    """
    if weights is None or path != "survey":
        return weights
    with np.errstate(divide="ignore"):
        result: Floats = 1.0 / (1.0 / weights)
    return result


def design_of(
    path: Path,
    n_rows: int,
    psu: Ints,
    stratum: Ints,
    weights: Floats | None,
    lonely_psu: Literal["adjust", "fail"] = "adjust",
) -> Design:
    """Return the design given each row's PSU code (0..P-1) and stratum code."""
    n_codes = int(psu.max()) + 1 if len(psu) else 0
    psu_stratum = np.zeros(n_codes, dtype=np.int64)
    psu_stratum[psu] = stratum
    n_strata = int(stratum.max()) + 1 if len(stratum) else 0
    n_psu = np.bincount(psu_stratum, minlength=n_strata).astype(np.int64)
    positive = psu if weights is None else psu[weights > 0]
    used = np.unique(positive)
    df = len(used) - len(np.unique(psu_stratum[used]))
    return Design(
        path=path,
        n_rows=n_rows,
        psu_stratum=psu_stratum,
        n_psu=n_psu,
        df=df,
        lonely_psu=lonely_psu,
    )


def _codes(values: NDArray[np.generic]) -> Ints:
    """0-based codes of the distinct values (any dtype)."""
    inverse = np.unique(values, return_inverse=True)[1]
    result: Ints = inverse.reshape(-1).astype(np.int64)
    return result


def level_totals(level: Ints, w: Floats, n_levels: int) -> Mapping[str, Floats]:
    """Rows and weight sum per level over all rows (for glm's prior weights)."""
    keep = level >= 0
    return {
        "rows": bincount(level[keep], None, n_levels),
        "w": bincount(level[keep], w[keep], n_levels),
    }
