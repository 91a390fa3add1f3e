"""National scale: z-scores and Permenkes categories of a Parquet dataset through Dask.

Run ``python benchmarks/national.py [N] [--workers 2] [--threads]``: N
children (default 5,000,000) × 12 monthly weighings, written as a synthetic
e-PPGBM-like Parquet dataset (Indonesian column names and codes: ``jk`` L/P,
``umur_hari``, ``bb``, ``tb``, ``cara_ukur`` terlentang/berdiri, ``edema``
ya/tidak, ``posyandu``, ``kelurahan``), then:

1. the single-process engine on one partition in memory (the baseline);
2. ``analysis.zscores(..., categories=True)`` over the whole dataset with
   Dask on a LocalCluster (one worker per core), Parquet in, Parquet out;
3. where the time of one partition goes (read, codes, engine, categories,
   write), measured in this process.

It prints rows per second, the peak resident memory of each worker, the
ratio to the single-process engine and the projected time for one year of
national data (22 M under-fives × 12 weighings = 264 M rows).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

NATIONAL_ROWS = 22_000_000 * 12
CHILDREN_PER_FILE = 25_000  # 300,000 rows per file = per Dask partition
CATEGORY_TABLES = (
    ("zwei", "bb_u"), ("zlen", "pb_tb_u"), ("zwfl", "bb_pb_tb"),
    ("zbmi", "imt_u_0_60"), ("zhc", "lk_u"),
)  # fmt: skip
COLUMNS: dict[str, Any] = {
    "sex": "jk", "age": "umur_hari", "weight": "bb", "lenhei": "tb",
    "measure": "cara_ukur", "oedema": "edema",
}  # fmt: skip


def synthetic(children: int, first_id: int, seed: int) -> Any:
    """One file's worth of children, 12 monthly weighings each (a pandas frame)."""
    import pandas as pd

    from posyandu_core.growth._lms import lms_value
    from posyandu_core.growth._tables import lms_table

    rng = np.random.default_rng(seed)
    months = 12
    sex = rng.integers(1, 3, children)
    start = rng.uniform(0, 1826 - 365, children)
    age = (start[:, None] + 30.4375 * np.arange(months)[None, :]).ravel()
    sex_rows = np.repeat(sex, months)
    day = np.clip(np.floor(age + 0.5), 0, 1826).astype(np.intp) + (sex_rows == 2) * 1827
    z_len = np.repeat(rng.normal(-0.9, 1.2, children), months) + rng.normal(
        0, 0.2, age.size
    )
    z_wei = 0.7 * z_len + rng.normal(-0.3, 0.8, age.size)
    lh, wfa = (
        lms_table("who2006_length_height_for_age"),
        lms_table("who2006_weight_for_age"),
    )
    length = lh.M[day] * (1 + lh.S[day] * z_len)
    weight = lms_value(z_wei, wfa.L[day], wfa.M[day], wfa.S[day], restricted=True)
    posyandu = np.repeat(rng.integers(0, 300_000, children), months)
    return pd.DataFrame(
        {
            "nik": np.repeat(np.arange(first_id, first_id + children), months).astype(
                str
            ),
            "posyandu": posyandu,
            "kelurahan": posyandu // 10,
            "jk": np.where(sex_rows == 1, "L", "P"),
            "umur_hari": np.round(age),
            "bb": np.round(weight, 1),
            "tb": np.round(length, 1),
            "cara_ukur": np.where(age < 731, "terlentang", "berdiri"),
            "edema": np.where(rng.random(age.size) < 0.002, "ya", "tidak"),
        }
    )


def write_dataset(children: int, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    rows = 0
    for i, first in enumerate(range(0, children, CHILDREN_PER_FILE)):
        n = min(CHILDREN_PER_FILE, children - first)
        frame = synthetic(n, first, seed=i)
        frame.to_parquet(folder / f"part-{i:05d}.parquet", index=False)
        rows += len(frame)
    return rows


def single_process(folder: Path) -> tuple[float, dict[str, float]]:
    """Rows/s of one process doing what a task does (read, zscores, write), and where its time goes."""
    import pandas as pd

    from posyandu_core.analysis import zscores
    from posyandu_core.analysis._frames import _read
    from posyandu_core.growth import anthro_zscores, classify

    path = sorted(folder.glob("*.parquet"))[0]
    steps: dict[str, float] = {}
    t = time.perf_counter()
    frame = pd.read_parquet(path)
    steps["read Parquet"] = time.perf_counter() - t
    t = time.perf_counter()
    values: dict[str, Any] = {
        arg: _read(frame, col, arg) for arg, col in COLUMNS.items()
    }
    steps["read columns + translate codes"] = time.perf_counter() - t
    t = time.perf_counter()
    table = anthro_zscores(**values)
    steps["z-score engine"] = time.perf_counter() - t
    t = time.perf_counter()
    for z, tid in (
        ("zwei", "bb_u"),
        ("zlen", "pb_tb_u"),
        ("zwfl", "bb_pb_tb"),
        ("zbmi", "imt_u_0_60"),
    ):
        classify(tid, table[z])
    steps["Permenkes categories"] = time.perf_counter() - t
    t = time.perf_counter()
    out = zscores(frame, categories=True, **COLUMNS)
    whole = time.perf_counter() - t
    t = time.perf_counter()
    out.to_parquet(Path(tempfile.mkdtemp()) / "x.parquet", index=False)
    steps["write Parquet"] = time.perf_counter() - t
    steps["frame assembly (zscores() minus its parts)"] = max(
        0.0,
        whole
        - steps["read columns + translate codes"]
        - steps["z-score engine"]
        - steps["Permenkes categories"],
    )
    return len(frame) / whole, steps


def _cpu_seconds() -> float:
    """User + system CPU time of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mib() -> float:
    """Peak resident memory of this process (VmHWM), MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dask_run(folder: Path, out: Path, workers: int, processes: bool) -> dict[str, Any]:
    import dask.dataframe as dd
    import distributed

    from posyandu_core.analysis import zscores
    from posyandu_core.analysis._dask import worker_environ

    with (
        worker_environ(),
        distributed.LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address="127.0.0.1:0",  # loopback, any free port
            memory_limit="3GiB",
        ) as cluster,
        distributed.Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        ddf = dd.read_parquet(str(folder))
        cpu_before = client.run(_cpu_seconds)
        own_before = _cpu_seconds()
        t = time.perf_counter()
        lazy = zscores(ddf, categories=True, **COLUMNS)
        lazy.to_parquet(str(out), write_index=False)
        seconds = time.perf_counter() - t
        peaks = client.run(_peak_mib)
        cpu_after = client.run(_cpu_seconds)
        if processes:
            cpu = sum(cpu_after[w] - cpu_before[w] for w in cpu_after)
        else:  # worker threads run in this process
            cpu = _cpu_seconds() - own_before
    rows = sum(
        __import__("pyarrow.parquet").parquet.ParquetFile(f).metadata.num_rows
        for f in out.glob("*.parquet")
    )
    return {"seconds": seconds, "rows": rows, "worker_peak_mib": peaks, "cpu": cpu}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("children", nargs="?", type=int, default=5_000_000)
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument(
        "--threads", action="store_true", help="worker threads, not processes"
    )
    parser.add_argument(
        "--dir", type=Path, help="where to write the data (default: a temporary folder)"
    )
    parser.add_argument("--generate-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_only:
        write_dataset(args.children, args.generate_only)
        return 0
    base = args.dir or Path(tempfile.mkdtemp(prefix="posyandu-national-"))
    source, target = base / "register", base / "zscores"
    try:
        t = time.perf_counter()
        # A child process writes the data, so that this process (and the
        # workers it starts) stay small and their peak memory is their own.
        subprocess.run(
            [
                sys.executable,
                __file__,
                str(args.children),
                "--generate-only",
                str(source),
            ],
            check=True,
        )
        files = list(source.glob("*.parquet"))
        size = sum(f.stat().st_size for f in files) / 2**20
        print(
            f"synthetic dataset: {args.children:,} children x 12 = "
            f"{args.children * 12:,} rows in {len(files)} files ({size:,.0f} MiB, "
            f"written in {time.perf_counter() - t:.1f} s)"
        )
        result = dask_run(source, target, args.workers, processes=not args.threads)
        rate = result["rows"] / result["seconds"]
        mode = "threads" if args.threads else "processes"
        print(
            f"Dask LocalCluster, {args.workers} worker {mode}: {result['rows']:,} rows "
            f"in {result['seconds']:.1f} s = {rate:,.0f} rows/s"
        )
        for worker, mib in sorted(result["worker_peak_mib"].items()):
            print(f"  peak resident memory of worker {worker}: {mib:,.0f} MiB")
        per_cpu = result["rows"] / result["cpu"]
        print(
            f"  worker CPU time {result['cpu']:.1f} s = {per_cpu:,.0f} rows per CPU-second "
            f"(wall time depends on what else the machine runs)"
        )
        base_rate, steps = single_process(source)
        print(
            f"single process, one file of {CHILDREN_PER_FILE * 12:,} rows (read "
            f"Parquet, zscores() with categories, write Parquet): {base_rate:,.0f} rows/s; "
            f"Dask / single process = {rate / base_rate:.2f}"
        )
        total = sum(steps.values())
        print("where one partition's time goes (single process):")
        for name, sec in steps.items():
            print(f"  {name:<44} {sec:7.3f} s  {100 * sec / total:5.1f} %")
        cores = args.workers
        print(
            f"projected for one national year ({NATIONAL_ROWS:,} rows): "
            f"{NATIONAL_ROWS / rate / 60:.1f} min at the measured wall rate; "
            f"{NATIONAL_ROWS / (per_cpu * cores) / 60:.1f} min on {cores} cores "
            f"that run nothing else (from the CPU time)"
        )
    finally:
        if args.dir is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
