"""Row-level issues of the z-score functions, in Indonesian and English."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from posyandu_core.growth import _inputs as inp
from posyandu_core.model import Issue, Severity

_RULE = "growth.zscores"


def _value(raw: NDArray[Any], i: int) -> Any:
    item = raw[i] if len(raw) > 1 else raw[0]
    return item.item() if isinstance(item, np.generic) else item


def unknown_code(
    rows: Iterable[int], raw: NDArray[Any], field: str, allowed: str
) -> list[Issue]:
    """Issues for values that are not one of WHO's codes (row left out)."""
    return [
        Issue(
            severity=Severity.ERROR,
            code=f"growth.code.{field}",
            message_id=(
                f"kode {field} tidak dikenal; gunakan {allowed}. "
                "Baris ini tidak dihitung."
            ),
            message_en=(
                f"unknown {field} code; use {allowed}. The row was not computed."
            ),
            row=int(i) + 1,
            field=field,
            value=_value(raw, int(i)),
            rule=_RULE,
        )
        for i in rows
    ]


def not_a_number(rows: Iterable[int], raw: NDArray[Any], field: str) -> list[Issue]:
    """Issues for values of a numeric argument that are not numbers (row left out)."""
    return [
        Issue(
            severity=Severity.ERROR,
            code=f"growth.number.{field}",
            message_id=f"{field} bukan angka. Baris ini tidak dihitung.",
            message_en=f"{field} is not a number. The row was not computed.",
            row=int(i) + 1,
            field=field,
            value=_value(raw, int(i)),
            rule=_RULE,
        )
        for i in rows
    ]


def negative(
    rows: Iterable[int], raw: NDArray[Any], field: str, *, row_dropped: bool
) -> list[Issue]:
    """Issues for negative values.

    ``row_dropped`` says whether the whole row was left out (negative age, or
    any negative value in anthroplus, where WHO's R code stops) or only the
    z-scores that use the value are missing (anthro's measurements).
    """
    consequence_id = (
        "Baris ini tidak dihitung."
        if row_dropped
        else "Skor-z yang memakai nilai ini tidak dihitung."
    )
    consequence_en = (
        "The row was not computed."
        if row_dropped
        else "z-scores that use this value were not computed."
    )
    return [
        Issue(
            severity=Severity.ERROR if row_dropped else Severity.WARNING,
            code=f"growth.negative.{field}",
            message_id=f"{field} bernilai negatif. {consequence_id}",
            message_en=f"{field} is negative. {consequence_en}",
            row=int(i) + 1,
            field=field,
            value=_value(raw, int(i)),
            rule=_RULE,
        )
        for i in rows
    ]


#: WHO's code columns: the codes each accepts, and how to say so in a message.
_CODE_TABLES: dict[str, tuple[Mapping[str, int], str]] = {
    "sex": (inp.SEX_CODES, "1/2/m/f"),
    "measure": (inp.MEASURE_CODES, "l/h"),
    "oedema": (inp.OEDEMA_CODES, "y/n/1/2"),
}


def read_codes(
    raw: dict[str, Any], names: Iterable[str], n: int, bad: NDArray[np.bool_]
) -> tuple[dict[str, NDArray[np.int8]], list[Issue]]:
    """Read WHO's code columns (sex, measure, oedema) for ``n`` rows.

    A column not given is all-missing (code 0). An unknown code marks its
    row in ``bad`` and becomes an error Issue; the other rows are read.
    """
    codes: dict[str, NDArray[np.int8]] = {}
    issues: list[Issue] = []
    for name in names:
        if name not in raw:
            codes[name] = np.zeros(n, dtype=np.int8)
            continue
        table, allowed = _CODE_TABLES[name]
        code = inp.broadcast(inp.code_column(raw[name], name, table), n)
        unknown = np.flatnonzero(code == inp.UNKNOWN)
        if unknown.size:
            bad[unknown] = True
            issues += unknown_code(unknown, raw[name], name, allowed)
        codes[name] = code
    return codes, issues


def read_numbers(
    raw: dict[str, Any],
    names: Iterable[str],
    n: int,
    bad: NDArray[np.bool_],
    *,
    drop_if_negative: Iterable[str],
) -> tuple[dict[str, NDArray[np.float64] | None], list[Issue]]:
    """Read WHO's numeric columns for ``n`` rows (None for a column not given).

    Text that is not a number marks its row in ``bad`` (a length-1 argument
    stands for every row). A negative value is a warning, or an error that
    marks the row in ``bad`` for the columns in ``drop_if_negative`` (where
    WHO's R code stops).
    """
    dropping = frozenset(drop_if_negative)
    columns: dict[str, NDArray[np.float64] | None] = {}
    issues: list[Issue] = []
    for name in names:
        if name not in raw:
            columns[name] = None
            continue
        values, unreadable = inp.float_column(raw[name], name)
        values = inp.broadcast(values, n)
        columns[name] = values
        if unreadable.size:
            rows = np.arange(n) if len(raw[name]) == 1 else unreadable
            bad[rows] = True
            issues += not_a_number(rows, raw[name], name)
        below_zero = np.flatnonzero(values < 0)
        if below_zero.size:
            if name in dropping:
                bad[below_zero] = True
            issues += negative(
                below_zero, raw[name], name, row_dropped=name in dropping
            )
    return columns, issues
