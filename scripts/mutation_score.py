"""Mutation score of the kesehatan services and the growth engine (mutmut).

Runs mutmut (configured in ``pyproject.toml`` ``[tool.mutmut]``) one module
at a time at low priority, then prints, per package, the mutants killed out
of the non-equivalent ones. Mutants judged equivalent are listed, with the
reason, in ``docs/reference/mutation-testing.md`` (lines starting
with ``- `<mutant name>```); they are left out of the denominator.

Usage::

    pip install -e ".[mutation]"
    python scripts/mutation_score.py kesehatan growth      # run, then score
    python scripts/mutation_score.py kesehatan --module skdn
    python scripts/mutation_score.py growth --score-only   # score what ran
    python scripts/mutation_score.py kesehatan --module skdn --retest-survivors

Runs resume: only mutants without a result are run (``--rerun`` runs a
module's mutants again, ``--retest-survivors`` only its survivors), so an
interrupted run continues where it stopped. One JSON line is printed per
module and one per package (``not_run`` names modules never run).

A mutant killed by a test, by a timeout or by the type checker counts as
killed; one never run counts as not checked and is reported, never scored.
Exit status 0 when every package scored reaches ``--target`` (default 90).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {
    "kesehatan": "posyandu_core/plugins/kesehatan",
    "growth": "posyandu_core/growth",
}
EQUIVALENTS = ROOT / "docs" / "reference" / "mutation-testing.md"
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}  # killed, timeout, type check
NOT_CHECKED = {None, 2, 34}


def _modules(package: str) -> list[str]:
    """Return the package's modules: its source files and any mutmut results."""
    source = (ROOT / "src" / PACKAGES[package]).glob("*.py")
    results = (ROOT / "mutants" / "src" / PACKAGES[package]).glob("*.py.meta")
    stems = {p.stem for p in source} | {
        p.name.removesuffix(".py.meta") for p in results
    }
    return sorted(stems - {"__init__"})


def _meta(package: str, module: str) -> Path:
    return ROOT / "mutants" / "src" / PACKAGES[package] / f"{module}.py.meta"


def pending(package: str, module: str) -> list[str] | None:
    """Return a module's mutants not yet run (None: never generated, run all)."""
    meta = _meta(package, module)
    if not meta.exists():
        return None
    results = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return [name for name, code in results.items() if code in NOT_CHECKED]


def _run(package: str, modules: list[str], children: int, *, everything: bool) -> None:
    """Run mutmut over modules in one call, resuming: only pending mutants run.

    mutmut re-runs every mutant named on its command line, so a glob would
    start a module from scratch; naming the pending mutants resumes it. One
    call for all modules pays mutmut's start (listing and clean run of the
    tests) once. A second pass picks up mutants mutmut reset because their
    function changed.
    """
    dotted = PACKAGES[package].replace("/", ".")
    for _ in range(3):
        names: list[str] = []
        for module in modules:
            todo = None if everything else pending(package, module)
            names += [f"{dotted}.{module}.*"] if todo is None else todo
        if not names:
            break
        command = ["nice", "-n", "10", sys.executable, "-m", "mutmut", "run"]
        command += [*names, "--max-children", str(children)]
        print(f"$ mutmut run: {package} {', '.join(modules)}: {len(names)} names")
        sys.stdout.flush()
        subprocess.run(command, cwd=ROOT, check=False)
        everything = False


def forget_survivors(package: str, module: str) -> int:
    """Mark a module's mutants not killed as not run, so mutmut tests them again.

    Survivors and mutants no test reached ("no tests") are run again.

    mutmut keeps a result until the mutated file changes; after adding tests
    this re-runs only the survivors.
    """
    meta = _meta(package, module)
    if not meta.exists():
        return 0
    data = json.loads(meta.read_text(encoding="utf-8"))
    results = data["exit_code_by_key"]
    again = [
        name
        for name, code in results.items()
        if code not in KILLED and code not in NOT_CHECKED
    ]
    for name in again:
        results[name] = None
    meta.write_text(json.dumps(data), encoding="utf-8")
    return len(again)


def equivalent_mutants() -> set[str]:
    """Return the mutant names listed as equivalent in the docs page."""
    if not EQUIVALENTS.exists():
        return set()
    text = EQUIVALENTS.read_text(encoding="utf-8")
    return set(re.findall(r"^- `([^`]+__mutmut_\d+)`", text, flags=re.MULTILINE))


def _count(
    results: dict[str, int | None],
    equivalent: set[str],
    durations: dict[str, float],
) -> dict[str, Any]:
    counts: dict[str, Any] = dict.fromkeys(
        ("killed", "survived", "equivalent", "not_checked"), 0
    )
    counts["survivors"] = []
    for name, code in results.items():
        if name in equivalent:
            counts["equivalent"] += 1
        elif code in NOT_CHECKED:
            counts["not_checked"] += 1
        elif code in KILLED:
            counts["killed"] += 1
        else:  # survived, no test reached it, suspicious: all count against
            counts["survived"] += 1
            counts["survivors"].append(name)
    scored = counts["killed"] + counts["survived"]
    counts["worker_minutes"] = round(sum(durations.values()) / 60, 1)
    counts["score_percent"] = (
        round(100 * counts["killed"] / scored, 1) if scored else None
    )
    return counts


def score(package: str, modules: list[str] | None = None) -> dict[str, Any]:
    """Return the counts and score of one package, and of each of its modules.

    Computed from mutmut's result files; a module never run is listed under
    ``not_run``.
    """
    equivalent = equivalent_mutants()
    every: dict[str, int | None] = {}
    every_duration: dict[str, float] = {}
    per_module: dict[str, dict[str, Any]] = {}
    not_run = []
    for module in modules or _modules(package):
        meta = _meta(package, module)
        if not meta.exists():
            not_run.append(module)
            continue
        data = json.loads(meta.read_text(encoding="utf-8"))
        results = data["exit_code_by_key"]
        durations = data.get("durations_by_key", {})
        if results:
            per_module[module] = _count(results, equivalent, durations)
            every.update(results)
            every_duration.update(durations)
    total = _count(every, equivalent, every_duration)
    return {"package": package, **total, "modules": per_module, "not_run": not_run}


def main(argv: list[str] | None = None) -> int:
    """Run mutmut module by module and print the score per module and package."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="+", choices=sorted(PACKAGES))
    parser.add_argument("--module", action="append", help="only this module")
    parser.add_argument("--score-only", action="store_true")
    parser.add_argument(
        "--retest-survivors", action="store_true", help="run survivors again"
    )
    parser.add_argument(
        "--rerun", action="store_true", help="run every mutant, not only pending"
    )
    parser.add_argument("--max-children", type=int, default=1)
    parser.add_argument("--target", type=float, default=90.0)
    parser.add_argument("--survivors", action="store_true", help="list them")
    args = parser.parse_args(argv)
    ok = True
    for package in args.packages:
        modules = args.module or _modules(package)
        if not args.score_only:
            for module in modules:
                if args.retest_survivors:
                    print(f"{module}: {forget_survivors(package, module)} survivors")
            _run(package, modules, args.max_children, everything=args.rerun)
        result = score(package, modules)
        for module, counts in result.pop("modules").items():
            counts.pop("survivors")
            print(json.dumps({"module": f"{package}.{module}", **counts}))
        survivors = result.pop("survivors")
        print(json.dumps(result))
        if args.survivors:
            print("\n".join(f"  survived: {name}" for name in survivors))
        value = result["score_percent"]
        ok = ok and not result["not_run"] and result["not_checked"] == 0
        ok = ok and isinstance(value, float) and value >= args.target
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
