"""Indonesian register codes next to WHO's: L/P, terlentang/berdiri, ya/tidak.

The growth engine reads WHO's codes (``1``/``2``/``m``/``f``, ``l``/``h``,
``y``/``n``/``1``/``2``). Survey and e-PPGBM files write sex as ``L``
(laki-laki) / ``P`` (perempuan), the measuring position as ``Terlentang`` /
``Berdiri`` and oedema as ``Ya`` / ``Tidak``. These are translated to WHO's
codes *before* the engine sees them; WHO's own codes pass unchanged. Note
that ``"l"`` means *length* to WHO but *laki-laki* in a sex column: each
column has its own table, so the two never meet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from posyandu_core.errors import ShapeMismatchError
from posyandu_core.growth import _inputs as inp

#: Per code column: Indonesian (and English) spellings -> WHO's code.
TRANSLATIONS: Final[Mapping[str, Mapping[str, str]]] = {
    "sex": {
        "l": "1", "lk": "1", "laki-laki": "1", "laki laki": "1", "male": "1",
        "p": "2", "pr": "2", "perempuan": "2", "female": "2",
    },
    "measure": {
        "terlentang": "l", "pb": "l", "lying": "l", "recumbent": "l",
        "berdiri": "h", "tb": "h", "standing": "h",
    },
    "oedema": {
        "ya": "y", "tidak": "n", "yes": "y", "no": "n", "t": "n",
    },
}  # fmt: skip

#: What the engine accepts per column, for error messages.
ACCEPTED: Final[Mapping[str, Mapping[str, int]]] = {
    "sex": inp.SEX_CODES,
    "measure": inp.MEASURE_CODES,
    "oedema": inp.OEDEMA_CODES,
}


def to_who(values: Any, kind: str) -> NDArray[Any]:
    """Return ``values`` with Indonesian codes of column ``kind`` as WHO's codes.

    Numbers and booleans pass unchanged; text is compared after
    ``strip().lower()``.

    Examples
    --------
    >>> to_who(["L", "P", "m", None], "sex").tolist()
    ['1', '2', 'm', None]
    >>> to_who(["Terlentang", "berdiri"], "measure").tolist()
    ['l', 'h']
    """
    array = inp.as_array(values, kind)
    if array.dtype.kind not in "OUS":
        return array
    table = TRANSLATIONS[kind]
    cache: dict[Any, Any] = {}
    out = np.empty(len(array), dtype=object)
    for i, item in enumerate(array.tolist()):
        try:
            out[i] = cache[item]
        except KeyError:
            out[i] = cache[item] = _translate(item, table)
        except TypeError:  # unhashable
            out[i] = _translate(item, table)
    return out


def _translate(item: Any, table: Mapping[str, str]) -> Any:
    if isinstance(item, bytes):
        item = item.decode("utf-8", "replace")
    if not isinstance(item, str):
        return item
    return table.get(item.strip().lower(), item)


def check_readable(
    values: NDArray[Any], kind: str, n_present: int, column: str | None = None
) -> None:
    """Raise when no value of a code column that has values is readable.

    ``column`` is the caller's name of the column (default: ``kind``).

    Raises
    ------
    ShapeMismatchError
        If every non-missing value is unknown (all outputs would be missing).
    """
    codes = inp.code_column(values, kind, ACCEPTED[kind])
    known = int(np.count_nonzero(codes > 0))
    unknown = np.flatnonzero(codes == inp.UNKNOWN)
    if n_present and known == 0 and len(unknown):
        example = values[unknown[0]]
        accepted = sorted({*ACCEPTED[kind], *TRANSLATIONS[kind]})
        name = column or kind
        msg = f"no value of column {name!r} can be read as {kind}"
        raise ShapeMismatchError(
            msg,
            message_id=f"tidak ada nilai kolom {name!r} yang terbaca sebagai {kind}",
            row=int(unknown[0]) + 1,
            field=name,
            value=example,
            fix=f"use one of {', '.join(accepted)}",
            fix_id=f"gunakan salah satu dari {', '.join(accepted)}",
        )


def to_who_factorized(
    uniques: list[Any], codes: NDArray[np.intp], kind: str
) -> NDArray[Any]:
    """Translate factorized text (distinct ``uniques``, per-row ``codes``, -1 missing).

    When every distinct value becomes one of WHO's one-letter codes the
    result is a ``<U1`` array ('' = missing), which the engine reads through
    its lookup table instead of a Python loop.
    """
    table = TRANSLATIONS[kind]
    translated = [_translate(u, table) for u in uniques]
    accepted = ACCEPTED[kind]
    short = [str(t).strip().lower() if isinstance(t, str) else None for t in translated]
    if all(t is not None and len(t) == 1 and t in accepted for t in short):
        lookup = np.array([*short, ""], dtype="<U1")
    else:
        lookup = np.array([*translated, None], dtype=object)
    result: NDArray[Any] = lookup[codes]  # code -1 picks the trailing missing
    return result
