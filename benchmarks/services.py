"""Speed and peak memory of the kesehatan services on a big register.

Run ``python benchmarks/services.py [--children 84000] [--months 12]`` (or
``--register FILE`` to reuse a register). It writes the seeded synthetic
register of ``benchmarks/register.py`` (``children × months`` rows:
monthly weighings and lengths, doses at the schedule's ages, 40 Posyandu),
then runs each service in a fresh subprocess, so that its peak resident
memory is its own:

- ``kms``: ``monitor_register`` (growth monitoring, every child-month);
- ``skdn``: ``skdn_report`` for the last month;
- ``imunisasi``: ``immunization_status`` on the last month's 28th (the
  records as arrays; each record object is built when read);
- ``imunisasi-records``: the same, every record object built (what a
  caller that reads every record pays: the ``imunisasi`` report);
- ``dose-rule``: the ``kesehatan.imunisasi`` rule (every recorded dose
  checked), which reading a register runs once;
- ``demo``: ``posyandu demo --register`` (every demo section, reading
  included).

Each service stage first reads the register with the dose rule switched off
(reading is the reader's benchmark, ``benchmarks/register.py``), then times
the service alone. Rows/s is the register's rows over the service's CPU
time: on a shared machine wall time measures the neighbours; both are
printed. Peak MB is the process's maximum resident memory (reading
included); ``after reading`` is the resident memory the service started
from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.register import FIRST_MONTH, write_register

STAGES = ("kms", "skdn", "imunisasi", "imunisasi-records", "dose-rule", "demo")
_DEMO = "import sys; from posyandu_core.cli import main; main(['demo', '--register', sys.argv[1]])"


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def stage(name: str, path: str, month: str, on: str) -> dict[str, Any]:
    """Run one stage in this process; return its times and memory."""
    if name == "demo":  # the command as a user runs it, in a child process
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", _DEMO, path],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,  # exit 1 when the data-quality block leaves values out
        )
        child = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {
            "seconds": time.perf_counter() - start,
            "cpu_seconds": child.ru_utime + child.ru_stime,
            "peak_mb": child.ru_maxrss / 1024,
        }
    from posyandu_core.plugins.kesehatan.growth_monitoring import monitor_register
    from posyandu_core.plugins.kesehatan.immunization import immunization_status
    from posyandu_core.plugins.kesehatan.rules import check_doses_in_register
    from posyandu_core.plugins.kesehatan.skdn import skdn_report
    from posyandu_core.register import read_register
    from posyandu_core.rules import RuleConfig

    cpu = time.process_time()
    register = read_register(
        path, config=RuleConfig(disable=frozenset({"kesehatan.imunisasi"}))
    )
    read_cpu, after_reading = time.process_time() - cpu, _rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    if name == "kms":
        monitor_register(register)
    elif name == "skdn":
        skdn_report(register, month)
    elif name == "imunisasi":
        immunization_status(register, dt.date.fromisoformat(on))
    elif name == "imunisasi-records":
        list(immunization_status(register, dt.date.fromisoformat(on)))
    elif name == "dose-rule":
        check_doses_in_register(register)
    return {
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu,
        "read_cpu_seconds": read_cpu,
        "after_reading_mb": after_reading,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=84_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--register", help="an existing register CSV to use")
    parser.add_argument("--stages", nargs="+", default=list(STAGES), choices=STAGES)
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    args = parser.parse_args()
    last = FIRST_MONTH.replace(month=1 + (args.months - 1) % 12)
    month, on = last.strftime("%Y-%m"), last.replace(day=28).isoformat()
    if args.stage:
        print(json.dumps(stage(args.stage, args.register, month, on)))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.register or Path(folder) / "register.csv")
        if not args.register:
            write_register(path, args.children, args.months)
        with path.open(encoding="utf-8") as handle:
            rows = sum(1 for _ in handle) - 1
        print(f"register: {rows:,} rows, {path.stat().st_size / 1e6:.0f} MB")
        for name in args.stages:
            done = subprocess.run(
                [sys.executable, __file__, "--stage", name, "--register", str(path),
                 "--months", str(args.months)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            r = json.loads(done.stdout.strip().splitlines()[-1])
            line = (
                f"{name:<10} {r['cpu_seconds']:7.1f} s CPU "
                f"{rows / r['cpu_seconds']:>9,.0f} rows/s  "
                f"(wall {r['seconds']:6.1f} s)  peak {r['peak_mb']:6.0f} MB"
            )
            if "after_reading_mb" in r:
                line += (
                    f"  (after reading {r['after_reading_mb']:.0f} MB; "
                    f"reading {r['read_cpu_seconds']:.1f} s CPU)"
                )
            print(line, flush=True)


if __name__ == "__main__":
    main()
