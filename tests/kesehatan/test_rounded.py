"""``_anthro.rounded``: numpy's rounding, made equal to Python's ``round``.

The KMS prints z-scores with two decimals as ``round(z, 2)`` did; numpy
rounds ``z * 100``, which differs near a half (``2.675`` is 2.67499…).
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.plugins.kesehatan._anthro import optional, rounded

# z-scores, and numbers a hair from a half at two decimals
Z = (
    st.floats(-10, 10, allow_nan=False)
    | st.integers(-1000, 1000).map(lambda k: (k + 0.5) / 100)
    | st.integers(-1000, 1000).map(lambda k: math.nextafter((k + 0.5) / 100, k))
)


@given(st.lists(Z | st.just(math.nan), max_size=20), st.integers(0, 3))
def test_rounded_is_pythons_round(values: list[float], digits: int) -> None:
    expected = [None if math.isnan(v) else round(v, digits) for v in values]
    got = rounded(np.array(values, dtype=float), digits)
    assert got == expected
    assert [math.copysign(1, g) for g in got if g is not None] == [
        math.copysign(1, e) for e in expected if e is not None
    ]
    assert all(type(g) is float for g in got if g is not None)


def test_numpy_alone_would_round_otherwise() -> None:
    # the values the correction is for: numpy and Python differ on them
    values = np.array([1.005, 2.675, 1.015, 0.285])
    assert np.round(values, 2).tolist() != [round(v, 2) for v in values.tolist()]
    assert rounded(values, 2) == [round(v, 2) for v in values.tolist()]


def test_optional_gives_python_floats_and_none() -> None:
    got = optional(np.array([1.5, math.nan, -0.0]))
    assert got == [1.5, None, -0.0]
    assert type(got[0]) is float
    assert math.copysign(1, got[2]) == -1
