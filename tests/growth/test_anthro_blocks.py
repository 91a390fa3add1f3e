"""``anthro_zscores`` computes in blocks: more rows than a block, same numbers.

The engine works on :data:`BLOCK` rows at a time so temporaries stay in
cache; a national register has hundreds of blocks. Every column of a table
three blocks long must equal the same few rows computed alone, repeated.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from posyandu_core.growth import anthro_zscores
from posyandu_core.growth._anthro import BLOCK

ROWS: dict[str, Any] = {
    "sex": [1, 2, 2, 1],
    "age": [30, 400, 1000, 1800],
    "weight": [4.1, 9.0, 13.2, 17.5],
    "lenhei": [52.0, 74.5, 92.0, 108.3],
    "measure": ["l", "l", "h", "h"],
    "headc": [36.0, 45.0, 48.5, 50.0],
    "armc": [11.0, 14.5, 15.0, 16.0],
}


def test_more_rows_than_one_block_give_the_same_numbers() -> None:
    repeat = 2 + (2 * BLOCK) // len(ROWS["sex"])  # spans three blocks
    small = anthro_zscores(**ROWS)
    big = anthro_zscores(**{k: v * repeat for k, v in ROWS.items()})
    assert len(big) == len(ROWS["sex"]) * repeat > 2 * BLOCK
    for name in small:
        expected = np.tile(small[name], repeat)
        if expected.dtype == object:
            assert list(big[name]) == list(expected)
        else:
            np.testing.assert_array_equal(big[name], expected)


INDEX = pd.Index([40, 10, 30, 20], name="anak")
SERIES_ROWS: dict[str, Any] = {
    **ROWS,
    "oedema": ["n", "n", "y", "n"],
    "triskin": [7.0, 8.0, 9.0, 10.0],
    "subskin": [6.0, 7.0, 8.0, 9.0],
}


@pytest.mark.parametrize("argument", sorted(SERIES_ROWS))
def test_the_index_of_any_series_argument_is_kept(argument: str) -> None:
    arguments = dict(SERIES_ROWS)
    arguments[argument] = pd.Series(SERIES_ROWS[argument], index=INDEX)
    table = anthro_zscores(**arguments)
    assert table.index is not None
    assert table.index.equals(INDEX)
