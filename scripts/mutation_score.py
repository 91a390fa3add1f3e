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

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {
    "kesehatan": "posyandu_core/plugins/kesehatan",
    "growth": "posyandu_core/growth",
}
EQUIVALENTS = ROOT / "docs" / "reference" / "mutation-testing.md"
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}  # killed, timeout, type check
NOT_CHECKED = {None, 2, 34}


def _modules(package: str) -> list[str]:
    folder = ROOT / "src" / PACKAGES[package]
    return sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")


def _run(package: str, module: str, children: int) -> int:
    dotted = PACKAGES[package].replace("/", ".")
    command = ["nice", "-n", "10", sys.executable, "-m", "mutmut", "run"]
    command += [f"{dotted}.{module}.*", "--max-children", str(children)]
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, cwd=ROOT, check=False).returncode


def forget_survivors(package: str, module: str) -> int:
    """Mark a module's surviving mutants as not run, so mutmut tests them again.

    mutmut keeps a result until the mutated file changes; after adding tests
    this re-runs only the survivors.
    """
    meta = ROOT / "mutants" / "src" / PACKAGES[package] / f"{module}.py.meta"
    if not meta.exists():
        return 0
    data = json.loads(meta.read_text(encoding="utf-8"))
    results = data["exit_code_by_key"]
    again = [name for name, code in results.items() if code == 0]
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


def score(package: str, modules: list[str] | None = None) -> dict[str, object]:
    """Return the counts and score of one package from mutmut's result files."""
    equivalent = equivalent_mutants()
    folder = ROOT / "mutants" / "src" / PACKAGES[package]
    killed = survived = not_checked = skipped = 0
    survivors: list[str] = []
    for meta in sorted(folder.glob("*.py.meta")):
        if modules and meta.name.removesuffix(".py.meta") not in modules:
            continue
        results = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        for name, code in results.items():
            if name in equivalent:
                skipped += 1
            elif code in NOT_CHECKED:
                not_checked += 1
            elif code in KILLED:
                killed += 1
            else:
                survived += 1
                survivors.append(name)
    scored = killed + survived
    return {
        "package": package,
        "killed": killed,
        "survived": survived,
        "equivalent": skipped,
        "not_checked": not_checked,
        "score_percent": round(100 * killed / scored, 1) if scored else None,
        "survivors": survivors,
    }


def main(argv: list[str] | None = None) -> int:
    """Run mutmut module by module and print the score per package."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="+", choices=sorted(PACKAGES))
    parser.add_argument("--module", action="append", help="only this module")
    parser.add_argument("--score-only", action="store_true")
    parser.add_argument(
        "--retest-survivors", action="store_true", help="run survivors again"
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
                _run(package, module, args.max_children)
        result = score(package, args.module)
        survivors = result.pop("survivors")
        print(json.dumps(result))
        if args.survivors:
            print("\n".join(f"  survived: {name}" for name in survivors))  # type: ignore[attr-defined]
        value = result["score_percent"]
        ok = ok and isinstance(value, float) and value >= args.target
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
