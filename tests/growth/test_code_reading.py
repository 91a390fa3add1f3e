"""How the engine reads codes (sex, measure, oedema) from any kind of input.

Every dtype takes its own fast path (integer lookup table, ASCII code points,
unique values); each must give what reading the values one by one gives, and
one by one every spelling a file or a DataFrame can hold is pinned here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.growth._inputs import (
    MISSING,
    OEDEMA_CODES,
    SEX_CODES,
    UNKNOWN,
    code_column,
    code_of,
)


@pytest.mark.parametrize(
    ("item", "codes", "expected"),
    [
        (None, SEX_CODES, MISSING),
        (float("nan"), SEX_CODES, MISSING),
        (pd.NA, SEX_CODES, MISSING),
        (pd.NaT, SEX_CODES, MISSING),
        ("", SEX_CODES, MISSING),
        (" NA ", SEX_CODES, MISSING),
        ("null", SEX_CODES, MISSING),
        (b"f", SEX_CODES, 2),
        (b"\xff", SEX_CODES, UNKNOWN),
        (" F ", SEX_CODES, 2),
        ("M", SEX_CODES, 1),
        (2, SEX_CODES, 2),
        (2.0, SEX_CODES, 2),
        (np.int64(1), SEX_CODES, 1),
        (np.float32(2.0), SEX_CODES, 2),
        (1.5, SEX_CODES, UNKNOWN),
        (3, SEX_CODES, UNKNOWN),
        (True, OEDEMA_CODES, 1),
        (False, OEDEMA_CODES, 2),
        (np.bool_(True), OEDEMA_CODES, 1),
        ("TRUE", OEDEMA_CODES, 1),
        ("y", OEDEMA_CODES, 1),
        (1, OEDEMA_CODES, 1),
    ],
)
def test_one_value(item: Any, codes: dict[str, int], expected: int) -> None:
    assert code_of(item, codes) == expected


def _one_by_one(array: np.ndarray[Any, Any]) -> list[int]:
    return [code_of(item, SEX_CODES) for item in array.tolist()]


INTEGERS = {
    "int8": (-128, 127),
    "int16": (-300, 300),
    "int64": (-5, 400),
    "uint8": (0, 255),
    "uint16": (0, 300),
}


@given(
    dtype=st.sampled_from(sorted(INTEGERS)),
    data=st.data(),
)
def test_integer_arrays(dtype: str, data: st.DataObject) -> None:
    low, high = INTEGERS[dtype]
    values = data.draw(st.lists(st.integers(low, high), max_size=12))
    array = np.array(values, dtype=dtype)
    assert code_column(array, "sex", SEX_CODES).tolist() == _one_by_one(array)


@given(st.lists(st.booleans(), max_size=8))
def test_boolean_arrays(values: list[bool]) -> None:
    array = np.array(values, dtype=bool)
    expected = [code_of(v, OEDEMA_CODES) for v in values]
    assert code_column(array, "oedema", OEDEMA_CODES).tolist() == expected


TEXT = st.sampled_from(["1", "2", "m", "f", "M", " f", "x", "", "é", "ф", "na", "12"])


@given(st.lists(TEXT, max_size=12))
def test_text_arrays(values: list[str]) -> None:
    array = np.array(values, dtype=str)
    assert code_column(array, "sex", SEX_CODES).tolist() == _one_by_one(array)
    objects = np.array(values, dtype=object)
    assert code_column(objects, "sex", SEX_CODES).tolist() == _one_by_one(objects)


@given(
    st.lists(
        st.sampled_from([None, pd.NA, 1, 2.0, "f", b"m", float("nan"), True, 7]),
        max_size=10,
    )
)
def test_object_arrays(values: list[Any]) -> None:
    array = np.array(values, dtype=object)
    assert code_column(array, "sex", SEX_CODES).tolist() == _one_by_one(array)


def test_an_empty_array_has_no_codes() -> None:
    for dtype in ("int64", "uint8", str, object):
        assert code_column(np.array([], dtype=dtype), "sex", SEX_CODES).tolist() == []
