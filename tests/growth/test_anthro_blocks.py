"""``anthro_zscores`` computes in blocks: more rows than a block, same numbers.

The engine works on :data:`BLOCK` rows at a time so temporaries stay in
cache; a national register has hundreds of blocks. Every column of a table
three blocks long must equal the same few rows computed alone, repeated.
"""

from __future__ import annotations

from typing import Any

import numpy as np

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
