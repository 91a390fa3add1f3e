"""Packaged data files: rule tables (TOML) read lazily and cached."""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Mapping, Sequence
from importlib.resources import files
from typing import Any, NamedTuple

from posyandu_core.errors import RuleDataError


@functools.cache
def load_rule_table(name: str, package: str = "posyandu_core") -> dict[str, Any]:
    """Return the parsed TOML file ``data/rules/<name>.toml`` of ``package``.

    Plugins that ship their own tables pass their own package name.
    """
    resource = files(package).joinpath("data", "rules", f"{name}.toml")
    try:
        with resource.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        msg = f"rule table {name!r} is not packaged in {package!r}"
        raise RuleDataError(
            msg,
            message_id=f"tabel aturan {name!r} tidak ada di paket {package!r}",
            fix="reinstall the package",
            fix_id="pasang ulang paketnya",
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        msg = f"rule table {name!r} of {package!r} is not valid TOML: {exc}"
        raise RuleDataError(
            msg,
            message_id=f"tabel aturan {name!r} dari {package!r} bukan TOML yang sah: "
            f"{exc}",
        ) from exc


class BandEdges(NamedTuple):
    """The edges of one band of a band table, with the table's entry for it.

    ``lower`` is -inf for the first band and ``upper`` +inf for the last; a
    band's lower edge is the previous band's upper edge, inclusive exactly
    when that one was not.
    """

    lower: float
    upper: float
    lower_inclusive: bool
    upper_inclusive: bool
    entry: Mapping[str, Any]


def read_bands(
    table_id: str, raw: Sequence[Mapping[str, Any]]
) -> tuple[BandEdges, ...]:
    """Return the bands of a band table: ``upper`` edges in increasing order.

    Every entry but the last gives ``upper`` (and optionally
    ``upper_inclusive``, default false); the last has no upper edge. The
    screening rules and the growth categories are both written this way.

    Examples
    --------
    >>> [(b.lower, b.upper, b.lower_inclusive) for b in read_bands(
    ...     "t", [{"upper": 23.5}, {}])]
    [(-inf, 23.5, False), (23.5, inf, True)]
    """
    bands = []
    lower, lower_inclusive = -math.inf, False
    for i, entry in enumerate(raw):
        last = i == len(raw) - 1
        if last != ("upper" not in entry):
            msg = f"table {table_id}: only the last band may lack an upper bound"
            raise RuleDataError(
                msg,
                message_id=f"tabel {table_id}: hanya pita terakhir yang boleh tanpa "
                "batas atas",
                field="bands",
                value=dict(entry),
            )
        upper = float(entry.get("upper", math.inf))
        upper_inclusive = bool(entry.get("upper_inclusive", False))
        if upper <= lower:
            msg = f"table {table_id}: band bounds must increase"
            raise RuleDataError(
                msg,
                message_id=f"tabel {table_id}: batas pita harus makin besar",
                field="bands",
                value=dict(entry),
            )
        bands.append(BandEdges(lower, upper, lower_inclusive, upper_inclusive, entry))
        lower, lower_inclusive = upper, not upper_inclusive
    return tuple(bands)
