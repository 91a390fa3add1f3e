"""Centiles and z-scores of the standard normal, and the result table's dictionary."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.growth import anthro_zscores, centile_of_zscore, zscore_of_centile


@pytest.mark.parametrize(
    ("z", "centile"),
    [(-1.6448536269514722, 5.0), (0.0, 50.0), (1.959963984540054, 97.5)],
)
def test_centile_and_zscore_are_inverse(z: float, centile: float) -> None:
    assert centile_of_zscore(z) == pytest.approx(centile, abs=1e-12)
    assert zscore_of_centile(centile) == pytest.approx(z, abs=1e-12)


@pytest.mark.parametrize(
    ("centile", "z"),
    [
        (-0.01, math.nan),
        (0.0, -math.inf),
        (100.0, math.inf),
        (100.01, math.nan),
        (math.nan, math.nan),
    ],
)
def test_zscore_of_centile_outside_0_to_100(centile: float, z: float) -> None:
    result = zscore_of_centile([centile])
    assert result.dtype == np.float64
    assert np.array_equal(result, [z], equal_nan=True)


def test_centiles_keep_the_shape_and_dtype() -> None:
    z = np.array([[0.0, np.nan], [-np.inf, np.inf]])
    centiles = centile_of_zscore(z)
    assert centiles.dtype == np.float64
    assert np.array_equal(centiles, [[50.0, np.nan], [0.0, 100.0]], equal_nan=True)
    back = zscore_of_centile(np.array([[50], [100]], dtype=np.int64))
    assert back.dtype == np.float64
    assert back.shape == (2, 1)


@given(st.floats(min_value=-8, max_value=5))  # above 5, 1 - p loses digits
def test_round_trip_through_the_centile(z: float) -> None:
    assert zscore_of_centile(centile_of_zscore(z)) == pytest.approx(z, abs=1e-6)


def test_result_table_as_a_dictionary() -> None:
    table = anthro_zscores(sex=[1, 2], age=[100, 200], weight=[6.0, 7.0])
    columns = table.to_dict()
    assert list(columns) == list(table.columns)
    assert columns["zwei"] is table["zwei"]
    columns.pop("zwei")
    assert "zwei" in table  # a new dictionary each time


def test_result_table_row_repr_and_errors() -> None:
    t = anthro_zscores(
        sex=[1, 2], age=[100, 200], weight=[6.0, np.nan], lenhei=60.0, measure="l"
    )
    first = t.row(0)
    flags = [first[c] for c in ("csex", "fwei", "c9mo_flag")]
    assert flags == [1, 0, 0]
    assert [type(v) for v in flags] == [int, int, int]
    assert type(first["zwei"]) is float
    assert first["cmeasure"] == "l"
    assert t.row(1)["zwei"] is None
    assert t.row(1)["fwei"] is None
    assert repr(t) == (
        f"<ZScoreTable 2 rows x {len(t.columns)} columns "
        f"({', '.join(t.columns)}); 0 issues>"
    )
    assert list(t) == list(t.columns)
    assert "zzz" not in t
    with pytest.raises(
        KeyError, match=r"no column 'zzz'; columns are clenhei, cmeasure"
    ):
        t["zzz"]
    assert t.index is None
    with pytest.raises(ValueError, match="read-only"):
        t["zwei"][0] = 1.0
