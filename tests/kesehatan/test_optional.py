"""``_anthro.optional``: z-scores as Python numbers, None where not computable.

The KMS report prints them as they come from the growth engine, already
rounded to two decimals as WHO's R code rounds.
"""

from __future__ import annotations

import math

import numpy as np

from posyandu_core.plugins.kesehatan._anthro import optional


def test_optional_gives_python_floats_and_none() -> None:
    got = optional(np.array([1.5, math.nan, -0.0]))
    assert got == [1.5, None, -0.0]
    assert type(got[0]) is float
    negative_zero = got[2]
    assert negative_zero is not None
    assert math.copysign(1, negative_zero) == -1


def test_the_kms_z_scores_have_two_decimals() -> None:
    from posyandu_core import api
    from posyandu_core.register.sample import load_sample_register

    rows = api.report("kms", load_sample_register()).rows
    for key in ("waz", "haz", "whz"):
        values = [r[key] for r in rows if r[key] is not None]
        assert values
        assert all(round(v, 2) == v for v in values)
