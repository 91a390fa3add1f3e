"""Reading one cell's text as a typed value: the one place cell text is parsed.

Readers factorise each column (every distinct text once) and call
:func:`parse_cell` on the distinct texts only, so a million-row register
parses a few thousand strings. A text that cannot be read raises
``ValueError``; the reader turns it into a located issue.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from posyandu_core.model import MeasureMethod, Sex
from posyandu_core.register._columns import ColumnType

_TRUE = frozenset({"y", "ya", "yes", "1", "true", "t", "v", "x", "ada"})
_FALSE = frozenset({"n", "tidak", "no", "0", "false", "f", "-", "tidak ada", "2"})
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Digits with one decimal point or comma, an optional exponent; no "_", no
# thousands separators, no "inf"/"nan" (Python's float() takes all of those).
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_MANTISSA = re.compile(r"[1-9]")
# A spreadsheet's timestamp ("2025-02-10 00:00:00") is a date at midnight.
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(:00(\.0+)?)?$")

EXPECTED: dict[ColumnType, tuple[str, str]] = {
    ColumnType.DATE: (
        "a date (YYYY-MM-DD or DD/MM/YYYY)",
        "tanggal (YYYY-MM-DD atau DD/MM/YYYY)",
    ),
    ColumnType.NUMBER: (
        "a number (digits, one decimal point or comma)",
        "angka (digit, satu titik atau koma desimal)",
    ),
    ColumnType.SEX: ("a sex code (L/P, M/F, 1/2)", "kode jenis kelamin (L/P)"),
    ColumnType.METHOD: (
        "a measuring method (terlentang/berdiri)",
        "cara ukur (terlentang/berdiri)",
    ),
    ColumnType.BOOL: ("yes/no (y/n, ya/tidak)", "ya/tidak (y/n)"),
}


def parse_date(text: str) -> dt.date:
    """Read a date written as YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY or DD.MM.YYYY.

    Examples
    --------
    >>> parse_date("10/02/2025"), parse_date("2025-02-10 00:00:00")
    (datetime.date(2025, 2, 10), datetime.date(2025, 2, 10))
    """
    if _ISO_DATE.match(text):
        return dt.date.fromisoformat(text)
    midnight = _MIDNIGHT.match(text)
    if midnight:
        return dt.date.fromisoformat(midnight.group(1))
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_number(text: str) -> float:
    """Read a decimal number (point or comma); refuse what is not plainly one.

    ``1_25`` (Python would read 125), ``inf``, ``nan`` and a number too small
    to represent (``1e-400``, which would silently become 0) are refused.

    Examples
    --------
    >>> parse_number("8,2"), parse_number(" 61 ")
    (8.2, 61.0)
    >>> parse_number("1_25")
    Traceback (most recent call last):
    ValueError: 1_25
    """
    compact = text.replace(" ", "")
    if not _NUMBER.match(compact):
        raise ValueError(text)
    value = float(compact.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(text)
    mantissa = re.split("[eE]", compact)[0]
    if value == 0 and _MANTISSA.search(mantissa):
        raise ValueError(text)  # underflow: a non-zero number read as 0
    return value


def parse_bool(text: str) -> bool:
    """Read ya/tidak, y/n, yes/no, 1/0 (and 2 = tidak, as in SKDN forms)."""
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(text)


def parse_list(text: str) -> tuple[str, ...]:
    """Split codes separated by ``;`` or ``|``."""
    return tuple(part.strip() for part in re.split(r"[;|]", text) if part.strip())


def parse_cell(kind: ColumnType, text: str) -> Any:
    """Return the typed value of a non-empty, stripped cell text.

    Raises
    ------
    ValueError
        The text is not a value of that type.
    """
    if kind is ColumnType.TEXT:
        return text
    if kind is ColumnType.DATE:
        return parse_date(text)
    if kind is ColumnType.NUMBER:
        return parse_number(text)
    if kind is ColumnType.SEX:
        return Sex.parse(text)
    if kind is ColumnType.METHOD:
        return MeasureMethod.parse(text)
    if kind is ColumnType.BOOL:
        return parse_bool(text)
    return parse_list(text)
