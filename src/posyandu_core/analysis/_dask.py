"""Datasets bigger than memory: the same functions over a Dask DataFrame.

- :func:`zscores` on a Dask DataFrame maps :func:`posyandu_core.analysis.zscores`
  (and so the vectorised engine) over the partitions; :func:`zscores_parquet`
  streams a Parquet dataset to another, one partition in memory per worker.
- :func:`prevalence` computes WHO's prevalence table by map-reduce: each
  partition yields partial sums per (group level, PSU) (``_table.Partial``),
  a tree of merges adds them, and the table is finished from the sums: the
  in-memory functions run the very same code on a single partition.

Three passes read the data: the design and the groups' levels, the partial
sums, then glm's first IRLS step (it needs each level's mean weight).

The scheduler is whatever Dask uses at the time of the call: a
``distributed.Client`` connected to a multi-node cluster
(``Client("tcp://scheduler:8786")``) runs the same code unchanged.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial as partial_fn
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs
import numpy as np

from posyandu_core.analysis import _prevalence as pv
from posyandu_core.analysis import _survey as sv
from posyandu_core.analysis import _table as tb
from posyandu_core.analysis._deps import require
from posyandu_core.analysis._frames import zscores as frame_zscores
from posyandu_core.register._csv import no_such_file

T = TypeVar("T")
#: Partial sums merged per task of the reduction tree.
FAN_IN: Final = 8
#: Environment variable naming a running Dask scheduler (Dask's own name).
SCHEDULER_ENV: Final = "DASK_SCHEDULER_ADDRESS"


def is_dask(df: Any) -> bool:
    """Whether ``df`` is a Dask DataFrame."""
    return type(df).__module__.split(".")[0] == "dask"


def zscores(ddf: Any, **options: Any) -> Any:
    """Return ``ddf`` with WHO's columns appended, partition by partition (lazy)."""
    meta = frame_zscores(ddf._meta, **options)
    return ddf.map_partitions(frame_zscores, meta=meta, **options)


def read_dataset(path: Path) -> Any:
    """Return a Dask DataFrame of a Parquet file or folder, or of a (large) CSV file."""
    dd = require("dask.dataframe")
    if not path.exists():
        raise no_such_file(str(path))
    if path.suffix.lower() in (".csv", ".txt"):
        return dd.read_csv(
            str(path), keep_default_na=False, na_values=["NA", ""], dtype=object
        ).pipe(_numbers_where_possible)
    return dd.read_parquet(str(path))


def _numbers_where_possible(ddf: Any) -> Any:
    """CSV cells are read as text; WHO's numeric columns become numbers."""
    numeric = {
        "age", "age_days", "age_months", "age_in_months", "weight", "lenhei",
        "height_in_cm", "weight_in_kg", "sw", "headc", "armc", "triskin", "subskin",
    }  # fmt: skip
    dd = require("dask.dataframe")
    for name in numeric & set(ddf.columns):
        ddf[name] = dd.to_numeric(ddf[name], errors="coerce")
    return ddf


def zscores_parquet(source: Path, destination: Path, **options: Any) -> int:
    """Read a Parquet dataset, append WHO's columns, write a Parquet dataset.

    Memory stays bounded by the partitions in flight, whatever the size of
    the dataset. Returns the number of rows written.
    """
    ddf = read_dataset(source)
    out = zscores(ddf, **options)
    with scheduler():
        compute(out.to_parquet(str(destination), write_index=False, compute=False))
    return _rows_written(destination)


def _rows_written(destination: Path) -> int:
    """Rows of a written Parquet dataset, from its footers (no data read)."""
    pq = require("pyarrow.parquet")
    files = (
        sorted(destination.glob("*.parquet")) if destination.is_dir() else [destination]
    )
    return sum(pq.ParquetFile(f).metadata.num_rows for f in files)


def run_zscores_cli(args: Any) -> int:
    """``posyandu zscores --engine dask IN.parquet -o OUT.parquet``."""
    source: Path = args.input
    if not source.exists():
        raise no_such_file(str(source))
    options: dict[str, Any] = {
        "reference": args.reference,
        "is_age_in_month": args.age_unit == "months",
        "rounded": not args.unrounded,
    }
    zscores_parquet(source, args.output, **options)
    return 0


#: glibc setting for worker processes. distributed sets MALLOC_TRIM_THRESHOLD_
#: in its workers, which freezes glibc's mmap threshold at 128 KiB: every
#: block temporary of the engine is then a fresh mmap and page faults, 2-3
#: times slower. A 64 MiB mmap threshold restores the speed (measured in
#: benchmarks/national.py); set it on a multi-node cluster too.
WORKER_ENVIRON: Final = {"MALLOC_MMAP_THRESHOLD_": str(64 * 2**20)}


@contextlib.contextmanager
def worker_environ() -> Iterator[None]:
    """Start Dask worker processes with :data:`WORKER_ENVIRON` in their environment."""
    dask = require("dask")
    key = "distributed.nanny.pre-spawn-environ"
    current = dict(dask.config.get(key, default={}) or {})
    with dask.config.set({key: {**current, **WORKER_ENVIRON}}):
        yield


@contextlib.contextmanager
def scheduler(address: str | None = None) -> Iterator[Any]:
    """Use a running cluster (``address`` or ``$DASK_SCHEDULER_ADDRESS``) or a LocalCluster.

    An existing ``distributed`` client is used as is. Otherwise a
    LocalCluster is started for the block and closed after: one worker per
    core (at most ``$POSYANDU_DASK_WORKERS``, default 2), no dashboard,
    worker threads in this process (``$POSYANDU_DASK_PROCESSES=1`` for
    worker processes: they start slower and copy partitions between
    processes, see benchmarks/national.py).
    """
    distributed = require("distributed")
    try:
        client = distributed.get_client()
    except ValueError:
        client = None
    if client is not None and address is None:
        yield client
        return
    address = address or os.environ.get(SCHEDULER_ENV)
    if address:
        with distributed.Client(address) as remote:
            yield remote
        return
    limit = int(os.environ.get("POSYANDU_DASK_WORKERS", "2"))
    workers = max(1, min(limit, os.cpu_count() or 1))
    with (
        worker_environ(),
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=os.environ.get("POSYANDU_DASK_PROCESSES", "") == "1",
            dashboard_address="127.0.0.1:0",  # loopback, any free port
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as local,
    ):
        yield local


def compute(*objects: Any) -> tuple[Any, ...]:
    """``dask.compute`` with a progress bar when stderr is a terminal."""
    dask = require("dask")
    distributed = require("distributed")
    tty = sys.stderr.isatty()
    try:
        client = distributed.get_client()
    except ValueError:
        client = None
    if client is not None:
        futures = client.compute(list(objects))
        if tty:
            distributed.progress(futures)
        return tuple(client.gather(futures))
    if tty:
        diagnostics = require("dask.diagnostics")
        with diagnostics.ProgressBar():
            return tuple(dask.compute(*objects))
    return tuple(dask.compute(*objects))


def _tree(parts: Sequence[Any], merge: Callable[[list[T]], T]) -> Any:
    """Reduce delayed ``parts`` with ``merge`` in a tree of fan-in :data:`FAN_IN`."""
    delayed = require("dask").delayed
    level = list(parts)
    while len(level) > 1:
        level = [
            delayed(merge)(level[i : i + FAN_IN]) for i in range(0, len(level), FAN_IN)
        ]
    return level[0]


# --- prevalence ---------------------------------------------------------------


def frame_of_series(columns: Mapping[str, Any]) -> Any:
    """One Dask DataFrame of Dask Series (same partitions); scalars broadcast."""
    dd = require("dask.dataframe")
    series = {k: v for k, v in columns.items() if is_dask(v)}
    frame = dd.concat([s.rename(k) for k, s in series.items()], axis=1)
    for name, value in columns.items():
        if name not in series:
            frame = frame.assign(**{name: value})
    return frame


def prevalence(
    ddf: Any,
    *,
    reference: str = "who2006",
    columns: Mapping[str, str],
    is_age_in_month: bool = False,
    by: Sequence[str] = (),
    convention: pv.Convention = "who",
) -> Any:
    """WHO's prevalence table of a Dask DataFrame, by map-reduce (a pandas frame).

    ``columns`` maps WHO's argument names (``sex``, ``age``, ``sw``,
    ``cluster`` …) to the frame's columns; ``by`` names further grouping
    columns.
    """
    conv = pv.counting_convention(convention)
    blocks = pv.anthro_blocks(conv) if reference == "who2006" else pv.plus_blocks(conv)
    delayed = require("dask").delayed
    parts = ddf.to_delayed()
    rows_of = delayed(_rows_of)
    rows = [
        rows_of(p, reference, dict(columns), is_age_in_month, tuple(by), conv)
        for p in parts
    ]
    (summaries,) = compute([delayed(_summary)(r) for r in rows])
    plan = _global_layout(summaries)
    layout = plan.layout
    n_codes = len(layout.design.psu_stratum)
    partials = [delayed(_partial)(r, plan, i, blocks) for i, r in enumerate(rows)]
    (partial,) = compute(
        _tree(partials, partial_fn(tb.Partial.merge, n_psu_codes=n_codes))
    )
    starts = None
    if layout.design.path != "simple":
        irls = [delayed(_irls)(r, plan, i, blocks, partial) for i, r in enumerate(rows)]
        (starts,) = compute(_tree(irls, partial_fn(tb.merge_irls, n_psu_codes=n_codes)))
    table = tb.finish(
        layout.design, layout.groupings, layout.levels, blocks, partial, starts
    )
    if reference == "who2007":
        table = pv.plus_frame(table)
    return pv.to_frame(table)


def _rows_of(
    frame: Any,
    reference: str,
    columns: Mapping[str, str],
    is_age_in_month: bool,
    by: tuple[str, ...],
    convention: pv.CountingConvention,
) -> tb.Rows:
    args = {arg: frame[col].to_numpy() for arg, col in columns.items()}
    extra = {name: frame[name].to_numpy() for name in by}
    if reference == "who2006":
        return pv.anthro_rows(
            args, is_age_in_month=is_age_in_month, extra=extra, convention=convention
        )
    return pv.anthroplus_rows(args, extra=extra, convention=convention)


class _Summary:
    """What the driver needs to know of one partition before summing."""

    def __init__(self, rows: tb.Rows) -> None:
        self.n_rows = len(rows)
        w = rows.weights
        self.has_weights = w is not None
        self.all_ones = w is None or bool(np.all(w == 1.0))
        self.has_cluster = rows.cluster is not None
        self.has_strata = rows.strata is not None
        strata = rows.strata if rows.strata is not None else np.zeros(self.n_rows)
        cluster = rows.cluster if rows.cluster is not None else np.zeros(self.n_rows)
        positive = np.ones(self.n_rows, bool) if w is None else w > 0
        self.pairs = set(zip(strata.tolist(), cluster.tolist(), strict=True))
        self.positive_pairs = set(
            zip(strata[positive].tolist(), cluster[positive].tolist(), strict=True)
        )
        self.strata_rows: dict[Any, int] = {}
        self.strata_positive: dict[Any, int] = {}
        for value, count in zip(*np.unique(strata, return_counts=True), strict=True):
            self.strata_rows[value.item()] = int(count)
        for value, count in zip(
            *np.unique(strata[positive], return_counts=True), strict=True
        ):
            self.strata_positive[value.item()] = int(count)
        self.groupings = [
            (g.label, g.levels, None if g.codes is None else bool(np.any(g.codes >= 0)))
            for g in rows.groupings
        ]
        self.values = [
            None if g.values is None else _first_seen(g.values) for g in rows.groupings
        ]


def _summary(rows: tb.Rows) -> _Summary:
    return _Summary(rows)


def _first_seen(values: Any) -> list[Any]:
    seen: dict[Any, None] = {}
    for item in values.tolist():
        if not tb.is_missing(item):
            seen.setdefault(item, None)
    return list(seen)


def _global_layout(summaries: Sequence[_Summary]) -> _Plan:
    """Return the design and the groups' levels of the whole dataset."""
    first = summaries[0]
    n_rows = sum(s.n_rows for s in summaries)
    if n_rows == 0:
        raise pv.all_rows_excluded()
    if first.has_cluster or first.has_strata:
        path: sv.Path = "survey"
    elif not first.has_weights or all(s.all_ones for s in summaries):
        path = "simple"
    else:
        path = "hybrid"
    pairs = sorted(set().union(*(s.pairs for s in summaries)))
    strata_values = sorted({h for h, _ in pairs})
    stratum_code = {h: i for i, h in enumerate(strata_values)}
    clusters = {c for _, c in pairs}
    by_row = not first.has_cluster or len(clusters) <= 1
    if by_row:
        rows_h = _add([s.strata_rows for s in summaries])
        pos_h = _add([s.strata_positive for s in summaries])
        n_psu = np.array([rows_h.get(h, 0) for h in strata_values], dtype=np.int64)
        psu_stratum = np.repeat(np.arange(len(strata_values)), n_psu)
        df = sum(pos_h.values()) - len(pos_h)
        psu_codes: dict[tuple[Any, Any], int] | None = None  # each row a PSU
    else:
        psu_stratum = np.array([stratum_code[h] for h, _ in pairs], dtype=np.int64)
        n_psu = np.bincount(psu_stratum, minlength=len(strata_values)).astype(np.int64)
        positive = set().union(*(s.positive_pairs for s in summaries))
        df = len(positive) - len({h for h, _ in positive})
        psu_codes = {pair: i for i, pair in enumerate(pairs)}
    design = sv.Design(
        path=path, n_rows=n_rows, psu_stratum=psu_stratum, n_psu=n_psu, df=df
    )
    groupings, levels = [], []
    for g, spec in enumerate(first.groupings):
        label, fixed, _ = spec
        if fixed is not None:
            if not any(s.groupings[g][2] for s in summaries):
                continue
            found: tuple[Any, ...] = fixed
        else:
            seen = [v for s in summaries for v in (s.values[g] or [])]
            found = tb.free_levels(seen, path)
            if not found:
                continue
        groupings.append((g, tb.Grouping(label, fixed)))
        levels.append(found)
    layout = pv.Layout(design, tuple(gr for _, gr in groupings), tuple(levels))
    per_partition = np.array(
        [[s.strata_rows.get(h, 0) for h in strata_values] for s in summaries],
        dtype=np.int64,
    ).reshape(len(summaries), len(strata_values))
    before = np.cumsum(per_partition, axis=0) - per_partition
    return _Plan(
        layout=layout,
        kept=tuple(g for g, _ in groupings),
        strata_values=tuple(strata_values),
        psu_codes=psu_codes,
        stratum_offsets=tuple(before),
    )


@attrs.frozen
class _Plan:
    """The whole dataset's layout and how each partition maps onto it."""

    layout: pv.Layout
    kept: tuple[int, ...]  # indices of the partition groupings kept
    strata_values: tuple[Any, ...]
    psu_codes: Mapping[tuple[Any, Any], int] | None  # None: each row a PSU
    stratum_offsets: tuple[Any, ...]  # per partition: rows of each stratum before it


def _add(counts: Sequence[Mapping[Any, int]]) -> dict[Any, int]:
    total: dict[Any, int] = {}
    for c in counts:
        for k, v in c.items():
            total[k] = total.get(k, 0) + v
    return total


def _codes(
    rows: tb.Rows, plan: _Plan, partition: int
) -> tuple[Any, list[Any], list[int], tb.Rows]:
    """PSU codes and level codes of one partition's rows."""
    n = len(rows)
    design = plan.layout.design
    strata = rows.strata if rows.strata is not None else np.zeros(n)
    if plan.psu_codes is None:
        # Each row its own PSU; codes grouped by stratum as in the design:
        # stratum block start + rows of the stratum in earlier partitions +
        # the row's rank within its stratum here.
        index = {h: i for i, h in enumerate(plan.strata_values)}
        stratum = np.fromiter((index[h] for h in strata.tolist()), np.int64, n)
        rank = np.empty(n, dtype=np.int64)
        for h in np.unique(stratum).tolist():
            where = np.flatnonzero(stratum == h)
            rank[where] = np.arange(len(where))
        starts = np.r_[0, np.cumsum(design.n_psu)[:-1]]
        psu = starts[stratum] + plan.stratum_offsets[partition][stratum] + rank
    else:
        cluster = rows.cluster if rows.cluster is not None else np.zeros(n)
        codes_of = plan.psu_codes
        psu = np.fromiter(
            (
                codes_of[(h, c)]
                for h, c in zip(strata.tolist(), cluster.tolist(), strict=True)
            ),
            np.int64,
            n,
        )
    groupings = [rows.groupings[g] for g in plan.kept]
    levels = plan.layout.levels
    codes = [tb.level_codes(g, lv) for g, lv in zip(groupings, levels, strict=True)]
    used = tb.Rows(
        groupings=tuple(groupings),
        columns=rows.columns,
        weights=sv.design_weights(design.path, rows.weights),
        cluster=rows.cluster,
        strata=rows.strata,
    )
    return psu, codes, [len(lv) for lv in levels], used


def _partial(
    rows: tb.Rows, plan: _Plan, partition: int, blocks: Sequence[tb.Block]
) -> tb.Partial:
    psu, codes, n_levels, used = _codes(rows, plan, partition)
    n_codes = len(plan.layout.design.psu_stratum)
    return tb.partial_sums(used, psu, codes, n_levels, blocks, n_codes)


def _irls(
    rows: tb.Rows,
    plan: _Plan,
    partition: int,
    blocks: Sequence[tb.Block],
    partial: tb.Partial,
) -> dict[tuple[int, str], sv.IrlsStart]:
    psu, codes, n_levels, used = _codes(rows, plan, partition)
    n_codes = len(plan.layout.design.psu_stratum)
    return tb.irls_sums(used, psu, codes, n_levels, blocks, partial, n_codes)


def prevalence_of_parquet(
    path: Path,
    *,
    reference: str,
    age_unit: str | None,
    by: list[str],
    convention: str,
) -> Any:
    """``posyandu prevalence --engine dask``: the table of a Parquet dataset."""
    from posyandu_core.analysis._cli import call_arguments

    ddf = read_dataset(path)
    mapping, in_months, by = call_arguments(list(ddf.columns), reference, age_unit, by)
    with scheduler():
        return prevalence(
            ddf,
            reference=reference,
            columns=mapping,
            is_age_in_month=in_months,
            by=by,
            convention=convention,  # type: ignore[arg-type]
        )
