"""R's round(x, 2), vectorised, against a line-by-line transcription of R."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from posyandu_core.growth import round_half_even_r


def fround_r(x: float) -> float:
    """R >= 4.0.0 src/nmath/fround.c, digits = 2, one double at a time."""
    if math.isnan(x) or math.isinf(x) or x == 0.0:
        return x
    sgn = -1.0 if x < 0 else 1.0
    x = abs(x)
    if math.log10(2) * (0.5 + math.frexp(x)[1] - 1) + 2 > 15:  # logb(x)
        return sgn * x
    x10 = 100.0 * x
    i10 = math.floor(x10)
    xd = i10 / 100.0
    xu = math.ceil(x10) / 100.0
    du, dd = xu - x, x - xd
    return sgn * (xu if du < dd or (math.fmod(i10, 2.0) == 1 and du == dd) else xd)


def test_every_near_half_value_matches_r() -> None:
    # (k + 0.5) / 100: the values where rint(100 x) / 100 and R can disagree.
    values = (np.arange(-200_000, 200_000) + 0.5) / 100.0
    expected = np.array([fround_r(v) for v in values.tolist()])
    assert np.array_equal(round_half_even_r(values), expected)
    # Python's round() is not R's here: it rounds the exact binary value.
    python = np.array([round(v, 2) for v in values.tolist()])
    assert not np.array_equal(python, expected)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=50))
def test_any_double_matches_r(values: list[float]) -> None:
    got = round_half_even_r(np.array(values, dtype=np.float64))
    expected = np.array([fround_r(v) for v in values], dtype=np.float64)
    assert np.array_equal(got, expected, equal_nan=True)
