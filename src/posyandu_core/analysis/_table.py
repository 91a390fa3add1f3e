"""From rows to WHO's prevalence table: groupings, value columns, partial sums.

The work is split so that it also runs as a map-reduce:

1. :class:`Rows` (built per partition by ``_prevalence``) holds, for the rows
   WHO keeps, the grouping variables, the value columns (flag-cleaned
   z-scores, the 0/1 indicators) and the design columns.
2. :func:`partial_sums` turns one :class:`Rows` into :class:`Partial` sums
   per (grouping level, PSU); partials of several partitions are added with
   :meth:`Partial.merge`.
3. :func:`irls_sums` is glm's first IRLS step, which needs rows again once
   each level's mean weight is known.
4. :func:`finish` turns the sums into the table's columns.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core.analysis import _survey as sv

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
BlockKind = Literal["count", "proportion", "mean"]

_MISSING_NAMES: Final = frozenset({"NAType", "NaTType"})


@attrs.frozen
class Grouping:
    """One grouping variable of the table (``Sex``, ``Age group``, ``Area`` …).

    Fixed groupings (age groups, sex, wealth quintiles) carry their ``levels``
    and per-row ``codes`` (-1 = none); free ones (``typeres``, Posyandu …)
    carry the raw ``values`` and get their levels from the data.
    """

    label: str
    levels: tuple[str, ...] | None = None
    codes: Ints | None = None
    values: NDArray[Any] | None = None


@attrs.frozen
class Block:
    """Output columns computed from one value column."""

    kind: BlockKind
    stem: str  # output prefix: "HAZ" (count), "HA_2" (proportion), "HA" (mean)
    column: str  # key in Rows.columns
    #: count blocks of the two combined indicators have no "Z" in their names
    suffixes: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Return the output column names of this block."""
        return tuple(self.stem + s for s in self.suffixes)


def count_block(stem: str, column: str) -> Block:
    return Block("count", stem, column, ("_pop", "_unwpop"))


def proportion_block(stem: str, column: str) -> Block:
    return Block("proportion", stem, column, ("_r", "_se", "_ll", "_ul"))


def mean_block(stem: str, column: str) -> Block:
    return Block("mean", stem, column, ("_r", "_se", "_ll", "_ul", "_stdev"))


@attrs.frozen
class Rows:
    """The rows WHO keeps, ready to be summed (one partition or all rows)."""

    groupings: tuple[Grouping, ...]
    columns: Mapping[str, Floats]
    weights: Floats | None
    cluster: NDArray[Any] | None
    strata: NDArray[Any] | None

    def __len__(self) -> int:
        return len(next(iter(self.columns.values())))


def is_missing(item: Any) -> bool:
    """None, NaN, pandas.NA / NaT (R's NA)."""
    if item is None:
        return True
    if isinstance(item, float | np.floating):
        return math.isnan(item)
    return type(item).__name__ in _MISSING_NAMES


def r_label(item: Any) -> str:
    """Return the text R prints for a grouping value (``as.character``)."""
    if isinstance(item, bool | np.bool_):
        return "TRUE" if item else "FALSE"
    if isinstance(item, int | np.integer):
        return str(int(item))
    if isinstance(item, float | np.floating):
        return f"{float(item):.15g}"
    return str(item)


def free_levels(values_in_order: Sequence[Any], path: sv.Path) -> tuple[Any, ...]:
    """Levels of a free grouping from its distinct non-missing values.

    The survey path (``svyby``) sorts them (numbers numerically, text by
    code point as R in the C.UTF-8 locale); the closed-form paths keep the
    order of first appearance (R's ``unique``).
    """
    seen: dict[Any, None] = {}
    for item in values_in_order:
        if not is_missing(item):
            seen.setdefault(item, None)
    levels = list(seen)
    if path == "survey":
        if all(isinstance(v, int | float | np.number) for v in levels):
            levels.sort()
        else:
            levels.sort(key=r_label)
    return tuple(levels)


def level_codes(grouping: Grouping, levels: Sequence[Any]) -> Ints:
    """Per-row level codes (-1 = none) of ``grouping`` given its levels."""
    if grouping.codes is not None:
        return grouping.codes
    values = grouping.values
    assert values is not None  # fixed or free, by construction
    index = {value: i for i, value in enumerate(levels)}
    return np.fromiter(
        (-1 if is_missing(v) else index.get(v, -1) for v in values.tolist()),
        dtype=np.int64,
        count=len(values),
    )


@attrs.frozen
class Partial:
    """Partial sums of one partition (or of several, merged)."""

    cells: Mapping[tuple[int, str], sv.Cells]  # (grouping index, column)
    rows: Mapping[int, Floats]  # per grouping: rows per level
    weight: Mapping[int, Floats]  # per grouping: weight sum per level

    @classmethod
    def merge(cls, parts: Sequence[Partial], n_psu_codes: int) -> Partial:
        first = parts[0]
        return cls(
            cells={
                key: sv.Cells.merge([p.cells[key] for p in parts], n_psu_codes)
                for key in first.cells
            },
            rows={g: np.sum([p.rows[g] for p in parts], axis=0) for g in first.rows},
            weight={
                g: np.sum([p.weight[g] for p in parts], axis=0) for g in first.weight
            },
        )


def weights_of(rows: Rows) -> Floats:
    return np.ones(len(rows)) if rows.weights is None else rows.weights


def partial_sums(
    rows: Rows,
    psu: Ints,
    codes: Sequence[Ints],
    n_levels: Sequence[int],
    blocks: Sequence[Block],
    n_psu_codes: int,
) -> Partial:
    """Sum every value column of ``blocks`` per (level, PSU) for each grouping."""
    w = weights_of(rows)
    columns = sorted({b.column for b in blocks})
    cells = {}
    totals_rows, totals_w = {}, {}
    for g, level in enumerate(codes):
        totals = sv.level_totals(level, w, n_levels[g])
        totals_rows[g], totals_w[g] = totals["rows"], totals["w"]
        for column in columns:
            cells[g, column] = sv.Cells.of(
                level, psu, rows.columns[column], w, n_psu_codes
            )
    return Partial(cells=cells, rows=totals_rows, weight=totals_w)


def irls_sums(
    rows: Rows,
    psu: Ints,
    codes: Sequence[Ints],
    n_levels: Sequence[int],
    blocks: Sequence[Block],
    partial: Partial,
    n_psu_codes: int,
) -> dict[tuple[int, str], sv.IrlsStart]:
    """Sum the first IRLS step of glm for every proportion column and grouping."""
    w = weights_of(rows)
    columns = sorted({b.column for b in blocks if b.kind == "proportion"})
    result = {}
    for g, level in enumerate(codes):
        with np.errstate(divide="ignore", invalid="ignore"):
            mean_w = partial.weight[g] / partial.rows[g]
        for column in columns:
            result[g, column] = sv.IrlsStart.of(
                level, psu, rows.columns[column], w, mean_w, n_levels[g], n_psu_codes
            )
    return result


def merge_irls(
    parts: Sequence[dict[tuple[int, str], sv.IrlsStart]], n_psu_codes: int
) -> dict[tuple[int, str], sv.IrlsStart]:
    return {
        key: sv.IrlsStart.merge([p[key] for p in parts], n_psu_codes)
        for key in parts[0]
    }


def finish(
    design: sv.Design,
    groupings: Sequence[Grouping],
    levels: Sequence[Sequence[Any]],
    blocks: Sequence[Block],
    partial: Partial,
    starts: Mapping[tuple[int, str], sv.IrlsStart] | None,
) -> dict[str, list[Any]]:
    """Return the table as ``{column: values}``: ``Group`` then every block."""
    table: dict[str, list[Any]] = {"Group": []}
    for block in blocks:
        for name in block.names():
            table[name] = []
    for g, grouping in enumerate(groupings):
        n = len(levels[g])
        if n == 0:
            continue
        labels = [r_label(v) for v in levels[g]]
        table["Group"] += (
            labels
            if grouping.label == "All"
            else [f"{grouping.label}: {x}" for x in labels]
        )
        for block in blocks:
            cells = partial.cells[g, block.column]
            values = _block_values(design, block, cells, n, partial, g, starts)
            for name, column in zip(block.names(), values, strict=True):
                table[name] += [float(v) for v in column]
    return table


def _block_values(
    design: sv.Design,
    block: Block,
    cells: sv.Cells,
    n: int,
    partial: Partial,
    g: int,
    starts: Mapping[tuple[int, str], sv.IrlsStart] | None,
) -> tuple[Floats, ...]:
    if block.kind == "count":
        return cells.weighted_count(n), cells.by_level("n", n)
    if block.kind == "mean":
        m = sv.mean_summary(design, cells, n)
        return m.r, m.se, m.ll, m.ul, m.stdev
    start = None if starts is None else starts[g, block.column]
    p = sv.proportion_summary(
        design, cells, n, partial.rows[g], partial.weight[g], start
    )
    return p.r, p.se, p.ll, p.ul
