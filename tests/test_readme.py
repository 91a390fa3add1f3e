"""The README's commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text())


def test_readme_first_screen_has_demo_and_test_commands() -> None:
    demo, test = readme_commands()[:2]
    assert demo.endswith("pip install . && posyandu demo")
    assert test.endswith("&& pytest -n auto")  # one worker per core (pytest-xdist)


def test_ci_runs_the_readme_test_command() -> None:
    test = readme_commands()[1]
    assert test in (ROOT / ".ci" / "run").read_text().splitlines()
