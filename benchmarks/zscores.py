"""Throughput and peak memory of anthro_zscores on synthetic children.

Run ``python benchmarks/zscores.py [--n 1000000 10000000]``. Each size runs in
a fresh subprocess so that its peak resident memory (``ru_maxrss`` of that
process: inputs, outputs and temporaries together) is its own. Speed is the
best of ``--repeat`` calls of ``anthro_zscores`` with sex, age, weight, lenhei,
measure and oedema (weight-for-age, length/height-for-age, weight-for-
length/height and BMI-for-age with every rule and flag). For comparison the
same process times a bare numpy LMS loop for the same four indicators
(lookup and formula only, no rules, no rounding, no flags).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np

from posyandu_core.growth import anthro_zscores
from posyandu_core.growth._lms import lms_value
from posyandu_core.growth._tables import lms_table


def synthetic(n: int, seed: int = 2026) -> dict[str, np.ndarray]:
    """Children 0-5 years whose length and weight follow the WHO standard.

    Each child gets correlated length and weight z-scores drawn from
    N(0, 1.1) and the measurements at those z-scores, so that a few per cent
    are beyond ±3 SD, as in real surveys.
    """
    rng = np.random.default_rng(seed)
    sex = rng.integers(1, 3, n).astype(np.int8)
    age = rng.uniform(0, 1856, n)
    day = np.clip(np.floor(age + 0.5), 0, 1826).astype(np.intp) + (sex == 2) * 1827
    length_table = lms_table("who2006_length_height_for_age")
    weight_table = lms_table("who2006_weight_for_age")
    z_length = rng.normal(0, 1.1, n)
    # Heavier children are longer: weight z correlates with length z.
    z_weight = 0.8 * z_length + 0.6 * rng.normal(0, 1.1, n)
    lenhei = length_table.M[day] * (1 + length_table.S[day] * z_length)
    wfa = weight_table
    weight = lms_value(z_weight, wfa.L[day], wfa.M[day], wfa.S[day], restricted=True)
    return {
        "sex": sex,
        "age": np.round(age, 2),
        "weight": np.round(weight, 2),
        "lenhei": np.round(lenhei, 1),
        "measure": np.where(age < 731, "l", "h").astype("<U1"),
        "oedema": np.where(rng.random(n) < 0.01, "y", "n").astype("<U1"),
    }


def plain_lms(data: dict[str, np.ndarray]) -> list[np.ndarray]:
    """The four z-scores by a bare numpy LMS loop: lookup and formula, no rules.

    No rounding, flags, oedema, 0.7 cm rule, validity checks, restricted LMS
    or interpolation (weight-for-length takes the nearest 0.1 cm row).
    """
    sex, age, weight, lenhei = data["sex"], data["age"], data["weight"], data["lenhei"]
    day = np.clip(np.rint(age), 0, 1826).astype(np.intp) + (sex == 2) * 1827
    bmi = weight / (lenhei / 100) ** 2
    mm = np.clip(np.rint(lenhei * 10) - 450, 0, 650).astype(np.intp) + (sex == 2) * 651
    result = []
    for name, index, y in (
        ("who2006_weight_for_age", day, weight),
        ("who2006_length_height_for_age", day, lenhei),
        ("who2006_bmi_for_age", day, bmi),
        ("who2006_weight_for_length", mm, weight),
    ):
        table = lms_table(name)
        L, M, S = table.L[index], table.M[index], table.S[index]
        result.append(((y / M) ** L - 1) / (L * S))
    return result


def measure(n: int, repeat: int) -> dict[str, float]:
    data = synthetic(n)
    best = plain_best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        table = anthro_zscores(
            sex=data["sex"],
            age=data["age"],
            weight=data["weight"],
            lenhei=data["lenhei"],
            measure=data["measure"],
            oedema=data["oedema"],
        )
        best = min(best, time.perf_counter() - start)
        del table
    for _ in range(repeat):
        start = time.perf_counter()
        z = plain_lms(data)
        plain_best = min(plain_best, time.perf_counter() - start)
        del z
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "n": n,
        "seconds": best,
        "children_per_second": n / best,
        "plain_lms_seconds": plain_best,
        "peak_rss_mib": maxrss_kib / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.repeat)))
        return 0
    print(
        f"{'children':>12} {'seconds':>8} {'children/s':>12} "
        f"{'plain LMS s':>11} {'ratio':>6} {'peak RSS MiB':>13}"
    )
    for n in args.n:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n), "--repeat", str(args.repeat)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out)
        ratio = r["seconds"] / r["plain_lms_seconds"]
        print(
            f"{n:>12,} {r['seconds']:>8.3f} {r['children_per_second']:>12,.0f} "
            f"{r['plain_lms_seconds']:>11.3f} {ratio:>6.2f} "
            f"{r['peak_rss_mib']:>13,.0f}"
        )
    print(
        "peak RSS = resource.getrusage(RUSAGE_SELF).ru_maxrss of the process "
        "that ran that size (inputs + outputs + temporaries)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
