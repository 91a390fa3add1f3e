"""scripts/mutation_score.py: scoring mutmut's result files."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "mutation_score.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_score", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    module = _script()
    monkeypatch.setattr(module, "ROOT", tmp_path)
    monkeypatch.setattr(module, "EQUIVALENTS", tmp_path / "equivalent.md")
    folder = tmp_path / "mutants" / "src" / "posyandu_core" / "growth"
    folder.mkdir(parents=True)
    results = {
        "m.x_f__mutmut_1": 1,  # killed
        "m.x_f__mutmut_2": 0,  # survived
        "m.x_f__mutmut_3": 0,  # survived, judged equivalent
        "m.x_f__mutmut_4": 36,  # timeout: killed
        "m.x_f__mutmut_5": None,  # not run
        "m.x_f__mutmut_6": 37,  # caught by the type checker: killed
    }
    (folder / "_velocity.py.meta").write_text(
        json.dumps({"exit_code_by_key": results}), encoding="utf-8"
    )
    (tmp_path / "equivalent.md").write_text(
        "## Equivalent mutants\n\n- `m.x_f__mutmut_3` — reason\n", encoding="utf-8"
    )
    return module


def test_score_counts_killed_survived_equivalent_and_not_run(
    script: ModuleType,
) -> None:
    result = script.score("growth")
    expected = {
        "killed": 3,
        "survived": 1,
        "equivalent": 1,
        "not_checked": 1,
        "worker_minutes": 0.0,
        "score_percent": 75.0,
        "survivors": ["m.x_f__mutmut_2"],
    }
    assert result == {
        "package": "growth",
        **expected,
        "modules": {"_velocity": expected},
        "not_run": [],
    }
    only_lms = script.score("growth", ["_lms"])
    assert only_lms["score_percent"] is None
    assert only_lms["not_run"] == ["_lms"]


def test_forget_survivors_marks_them_not_run(script: ModuleType) -> None:
    assert script.forget_survivors("growth", "_velocity") == 2
    result = script.score("growth")
    assert (result["survived"], result["not_checked"]) == (0, 2)
    assert script.forget_survivors("growth", "_lms") == 0


def test_the_docs_list_names_real_mutants() -> None:
    names = _script().equivalent_mutants()
    assert names
    assert all(n.startswith("posyandu_core.") for n in names)
