"""Turning array-likes into the engine's columns: floats and small integer codes.

Arguments arrive as scalars, lists, numpy arrays or pandas Series (read
through ``__array__`` / ``to_numpy``; pandas is never imported here). Numbers
become float64 arrays with NaN for missing. Codes (sex, measure, oedema) become
``int8`` arrays: ``0`` missing, ``-1`` a value WHO does not accept, otherwise
the code. A value that cannot be read marks its row as bad; the caller turns
bad rows into :class:`~posyandu_core.rules.Issue` records and missing outputs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Final, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from posyandu_core.errors import ShapeMismatchError

#: A numeric argument: scalar, array, pandas Series, or a list (None = missing).
Numbers: TypeAlias = ArrayLike | Sequence[float | None]
#: A code argument (sex, measure, oedema): numbers or text, None = missing.
Codes: TypeAlias = ArrayLike | Sequence[str | float | None]

MISSING: Final = 0
UNKNOWN: Final = -1

#: WHO's accepted codes after ``tolower(trimws(x))``; numbers are compared as
#: the text R would print for them ("1", "2").
SEX_CODES: Final[Mapping[str, int]] = {"1": 1, "m": 1, "2": 2, "f": 2}
MEASURE_CODES: Final[Mapping[str, int]] = {"l": 1, "h": 2}
#: Oedema also accepts booleans (True = oedema), which WHO's R code does not.
OEDEMA_CODES: Final[Mapping[str, int]] = {
    "y": 1, "1": 1, "n": 2, "2": 2, "true": 1, "false": 2,
}  # fmt: skip

_MISSING_TEXT: Final = frozenset({"", "na", "nan", "<na>", "none", "null"})


def as_array(value: Any, name: str) -> NDArray[Any]:
    if hasattr(value, "to_numpy") and not isinstance(value, np.ndarray):
        value = value.to_numpy()
    array = np.asarray(value)
    if (
        isinstance(value, list | tuple)
        and array.dtype.kind in "US"
        and not all(isinstance(item, str | bytes) for item in value)
    ):
        # numpy would turn [1, "x"] into ["1", "x"]; keep the values as given.
        array = np.asarray(value, dtype=object)
    if array.ndim == 0:
        array = array.reshape(1)
    if array.ndim != 1:
        msg = f"{name} must be a scalar or a 1-d array, got shape {array.shape}"
        raise ShapeMismatchError(
            msg,
            message_id=f"{name} harus skalar atau larik 1-d, bukan bentuk {array.shape}",
            field=name,
            fix="pass one value per child",
            fix_id="berikan satu nilai per anak",
        )
    return array


def _is_missing(item: Any) -> bool:
    if item is None:
        return True
    if isinstance(item, float):
        return math.isnan(item)
    # pandas.NA and pandas.NaT without importing pandas.
    return type(item).__name__ in ("NAType", "NaTType")


def float_column(value: Any, name: str) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Return ``value`` as a 1-d float64 array and the indices of unreadable items.

    Unreadable items (text that is not a number, other objects) become NaN and
    are returned so the caller can report them.
    """
    array = as_array(value, name)
    if array.dtype.kind in "fiub":
        return array.astype(np.float64, copy=False), np.empty(0, np.intp)
    if array.dtype.kind not in "OUS":
        msg = f"{name} must be numeric, got dtype {array.dtype}"
        raise ShapeMismatchError(
            msg,
            message_id=f"{name} harus berupa angka, bukan dtype {array.dtype}",
            field=name,
            fix="pass numbers",
            fix_id="berikan angka",
        )
    values: list[float] = []
    bad = []
    for i, item in enumerate(array.tolist()):
        # float() first: it reads numbers and numeric text (" 12.5 ") fast;
        # only what it refuses is checked for the ways of writing "missing".
        try:
            values.append(float(item))
            continue
        except (TypeError, ValueError):
            pass
        text = item.decode("utf-8", "replace") if isinstance(item, bytes) else item
        if _is_missing(item) or (
            isinstance(text, str) and text.strip().lower() in _MISSING_TEXT
        ):
            values.append(math.nan)
        else:
            values.append(math.nan)
            bad.append(i)
    out = np.array(values, dtype=np.float64)
    return out, np.asarray(bad, dtype=np.intp)


def _normalise(item: Any) -> str | None:
    if _is_missing(item):
        return None
    if isinstance(item, bytes):
        item = item.decode("utf-8", "replace")
    if isinstance(item, bool | np.bool_):
        return "true" if item else "false"
    if isinstance(item, int | float | np.integer | np.floating):
        number = float(item)
        return str(int(number)) if number.is_integer() else repr(number)
    text = str(item).strip().lower()
    return None if text in _MISSING_TEXT else text


def code_of(item: Any, codes: Mapping[str, int]) -> int:
    """Return the code of one value: the mapped code, MISSING or UNKNOWN."""
    text = _normalise(item)
    if text is None:
        return MISSING
    return codes.get(text, UNKNOWN)


def _codes_by_unique(array: NDArray[Any], codes: Mapping[str, int]) -> NDArray[np.int8]:
    uniques, inverse = np.unique(array, return_inverse=True)
    table = np.array([code_of(u, codes) for u in uniques.tolist()], dtype=np.int8)
    result: NDArray[np.int8] = table[inverse.reshape(-1)]
    return result


def code_column(value: Any, name: str, codes: Mapping[str, int]) -> NDArray[np.int8]:
    """Return ``value`` as ``int8`` codes (0 missing, -1 unknown).

    Fast paths: small non-negative integers and one-character strings go
    through a lookup table; other numeric or string arrays through
    ``np.unique``; object arrays through a per-value cache.
    """
    array = as_array(value, name)
    kind = array.dtype.kind
    if kind == "b":
        lut = np.array([code_of(False, codes), code_of(True, codes)], dtype=np.int8)
        bool_result: NDArray[np.int8] = lut[array.view(np.uint8)]
        return bool_result
    if kind in "iu":
        if not array.size:
            return np.empty(0, dtype=np.int8)
        low, high = int(array.min()), int(array.max())
        if low >= 0 and high < 256:
            lut = np.array([code_of(v, codes) for v in range(high + 1)], dtype=np.int8)
            result: NDArray[np.int8] = lut[array]
            return result
        return _codes_by_unique(array, codes)
    if kind == "f":
        return _codes_by_unique(array, codes)
    if kind == "U" and array.dtype.itemsize == 4:
        points = array.view(np.uint32)
        if array.size == 0 or int(points.max()) < 128:
            lut = np.array([code_of(chr(v), codes) for v in range(128)], np.int8)
            lut[0] = MISSING  # the empty string
            ascii_result: NDArray[np.int8] = lut[points]
            return ascii_result
    if kind in "US":
        return _codes_by_unique(array, codes)
    if kind != "O":
        msg = f"{name} must hold codes as text or numbers, got dtype {array.dtype}"
        raise ShapeMismatchError(
            msg,
            message_id=f"{name} harus berisi kode berupa teks atau angka, bukan dtype "
            f"{array.dtype}",
            field=name,
            fix=f"use one of {sorted(codes)}",
            fix_id=f"pakai salah satu dari {sorted(codes)}",
        )
    # Keyed by type too: True == 1 (same hash) but reads "true", not "1".
    cache: dict[tuple[type, Any], int] = {}
    out = np.empty(array.shape, dtype=np.int8)
    for i, item in enumerate(array.tolist()):
        key = (type(item), item)
        try:
            code = cache[key]
        except KeyError:
            code = code_of(item, codes)
            cache[key] = code
        except TypeError:  # unhashable
            code = code_of(item, codes)
        out[i] = code
    return out


def common_length(columns: Mapping[str, NDArray[Any] | None]) -> int:
    """Return the length all columns broadcast to (R's recycling, made strict).

    Every column must have length 1 or the common length ``n``.

    Raises
    ------
    ShapeMismatchError
        If two columns have different lengths other than 1.
    """
    lengths = {name: len(col) for name, col in columns.items() if col is not None}
    longest = max(lengths.values(), default=1)
    for name, length in lengths.items():
        if length not in (1, longest):
            msg = f"{name} has {length} values but other arguments have {longest}"
            raise ShapeMismatchError(
                msg,
                message_id=f"{name} berisi {length} nilai, argumen lain {longest}",
                field=name,
                value=length,
                fix="pass one value per child, or one for all",
                fix_id="berikan satu nilai per anak, atau satu untuk semua",
            )
    return longest if lengths else 1


def broadcast(column: NDArray[Any], n: int) -> NDArray[Any]:
    """Return ``column`` as length ``n`` (a read-only view when it has length 1)."""
    return column if len(column) == n else np.broadcast_to(column, (n,))
