"""The public LMS functions for callers' own parameters (not only WHO's tables).

WHO's tables never have |L| below 0.0001, so the golden tests never reach
the small-L paths of ``lms_zscore``/``lms_value``: these tests do, against
scalar reference formulas, and pin each threshold (``_L_EPS``,
``_L_SMALL``) on, just below and just above. They also hold the functions to
their promises: no floating-point warning for any input, NaN where the
transform is undefined, restricted only when asked, and R's signed zero.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.growth import lms_value, lms_zscore, round_half_even_r
from posyandu_core.growth._lms import _L_EPS, _L_SMALL, _round2_exact

M, S = 9.646, 0.10925


def reference_z(y: float, L: float) -> float:
    ratio = math.log(y / M)
    return ratio / S if L == 0 else math.expm1(L * ratio) / (L * S)


def reference_y(z: float, L: float) -> float:
    return M * math.exp(S * z) if L == 0 else M * math.exp(math.log1p(L * S * z) / L)


SMALL_L = st.one_of(
    st.just(0.0),
    st.floats(min_value=-9.9e-7, max_value=9.9e-7).filter(lambda v: abs(v) > 1e-300),
)


@given(L=SMALL_L, y=st.floats(min_value=2.0, max_value=30.0))
def test_small_l_z_scores_keep_their_digits(L: float, y: float) -> None:
    assert float(lms_zscore(y, L, M, S)) == pytest.approx(reference_z(y, L), rel=1e-12)


@given(L=SMALL_L, z=st.floats(min_value=-5.0, max_value=5.0))
def test_small_l_measurements_keep_their_digits(L: float, z: float) -> None:
    assert float(lms_value(z, L, M, S)) == pytest.approx(reference_y(z, L), rel=1e-12)


@given(L=st.floats(min_value=-2.0, max_value=2.0), z=st.floats(-2.5, 2.5))
def test_value_and_zscore_are_inverse(L: float, z: float) -> None:
    y = lms_value(z, L, M, S)
    if not np.isnan(y):
        assert float(lms_zscore(y, L, M, S)) == pytest.approx(z, abs=1e-7)


def _plain_z(y: float, L: float) -> float:
    # WHO's order of operations, as plain_z_into computes it.
    return float((np.float64(y) / M) ** L - 1.0) / (S * L)


@pytest.mark.parametrize(
    ("L", "formula"),
    [
        (_L_SMALL * 1.000001, "plain"),
        (_L_SMALL, "plain"),
        (_L_SMALL * 0.999999, "expm1"),
        (_L_EPS * 1.000001, "expm1"),
        (_L_EPS, "expm1"),
        (_L_EPS * 0.999999, "log"),
    ],
)
def test_each_l_threshold_picks_its_formula(L: float, formula: str) -> None:
    y = 14.5
    ratio = np.log(np.float64(y) / M)
    expected = {
        "plain": _plain_z(y, L),
        "expm1": float(np.expm1(L * ratio) / (L * S)),
        "log": float(ratio / S),
    }[formula]
    assert float(lms_zscore(y, L, M, S)) == expected


@pytest.mark.parametrize(
    ("L", "formula"),
    [
        (_L_SMALL * 1.000001, "plain"),
        (_L_SMALL, "plain"),
        (_L_SMALL * 0.999999, "log1p"),
        (_L_EPS, "log1p"),
        (_L_EPS * 0.999999, "exp"),
        (0.0, "exp"),
    ],
)
def test_each_l_threshold_picks_its_inverse(L: float, formula: str) -> None:
    z = np.float64(2.4)
    base = 1.0 + L * S * z
    expected = {
        "plain": M * base ** (1.0 / L) if L else math.nan,
        "log1p": M * np.exp(np.log1p(L * S * z) / L) if L else math.nan,
        "exp": M * np.exp(S * z),
    }[formula]
    assert float(lms_value(z, L, M, S)) == float(expected)


def test_a_measurement_where_the_transform_is_undefined_is_missing() -> None:
    # 1 + L S z == 0 exactly (L = 1, S = 0.1, z = -10): no measurement.
    assert np.isnan(lms_value(-10.0, 1.0, 20.0, 0.1))
    assert float(lms_value(-9.0, 1.0, 20.0, 0.1)) == pytest.approx(2.0)
    # The same with a small L (2^-20 S 2^21 == 1 exactly): log1p(-1) is not used.
    assert np.isnan(lms_value(-(2.0**21), 2.0**-20, M, 0.5))


@pytest.mark.parametrize("z", [3.0, -3.0])
def test_at_three_sd_the_restricted_inverse_is_the_plain_one(z: float) -> None:
    # Exactly ±3 is inside the LMS curve: with a small L it is the accurate
    # log1p form, not the SD2-SD3 line (whose SD3 uses the power form).
    L = 1e-7
    expected = M * np.exp(np.log1p(L * S * np.float64(z)) / L)
    assert float(lms_value(z, L, M, S, restricted=True)) == float(expected)


def test_restricted_only_when_asked() -> None:
    plain = float(lms_zscore(14.5, 0.0645, M, S))
    assert round(plain, 4) == 3.7804
    assert round(float(lms_zscore(14.5, 0.0645, M, S, restricted=True)), 2) == 3.85
    y = float(lms_value(3.8530403, 0.0645, M, S, restricted=True))
    assert round(y, 2) == 14.5
    assert float(lms_value(3.8530403, 0.0645, M, S)) != pytest.approx(y, abs=1e-3)


@pytest.mark.parametrize(
    ("y", "L", "m"),
    [
        (0.0, 0.0, M),  # log(0): divide by zero
        (0.0, 1e-9, M),
        (-1.0, 0.5, M),  # negative power: invalid
        (1e300, 0.5, 1e-300),  # overflow
        (1e300, 1e-9, 1e-300),
    ],
)
def test_no_floating_point_warning_for_any_measurement(
    y: float, L: float, m: float
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lms_zscore(y, L, m, S)
        lms_zscore(y, L, m, S, restricted=True)


@pytest.mark.parametrize(
    ("z", "L", "s"),
    [
        (-10.0, 1.0, 0.1),  # log1p(-1): divide by zero
        (-20.0, 1.0, 0.1),  # base < 0: invalid
        (1e4, 0.0, 1.0),  # exp overflow
        (1e4, 1e-9, 1.0),
        (1e300, 2.0, 1.0),
    ],
)
def test_no_floating_point_warning_for_any_z(z: float, L: float, s: float) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lms_value(z, L, M, s)
        lms_value(z, L, M, s, restricted=True)


def test_r_rounding_keeps_the_sign_of_zero() -> None:
    rounded = _round2_exact(np.array([0.0, -0.0, 0.004, -0.004, 1.0, -1.0]))
    assert np.signbit(rounded).tolist() == [False, True, False, True, False, True]
    assert rounded.tolist() == [0.0, 0.0, 0.0, 0.0, 1.0, -1.0]


def test_whole_numbers_are_computed_as_floats() -> None:
    # Integer input must not make integer outputs (z of 15 at M 10, S 1 is 0.5).
    assert float(lms_zscore(15, 1, 10, 1)) == 0.5
    assert float(lms_value(1, 1, 10, 1)) == 20.0
    assert round_half_even_r([1, 2]).dtype == np.float64
