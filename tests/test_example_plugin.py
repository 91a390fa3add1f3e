"""The example third-party plugin, pip-installed, is found through its entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--no-build-isolation", "--target", str(target), str(ROOT / "examples" / "plugin")],
        check=True, timeout=300,
    )  # fmt: skip
    return target


def posyandu(
    plugin_path: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(plugin_path), **env}
    return subprocess.run(
        [sys.executable, "-c", "import sys; from posyandu_core.cli import main; sys.exit(main())", *args],
        capture_output=True, text=True, env=environ, timeout=120, check=False,
    )  # fmt: skip


def test_installed_plugin_is_listed(plugin_path: Path) -> None:
    done = posyandu(plugin_path, "plugins", "--format", "json")
    assert done.returncode == 0, done.stderr
    by_name = {p["name"]: p for p in json.loads(done.stdout)}
    kia = by_name["kia"]
    assert kia["module"] == "posyandu_core_kia"
    assert kia["builtin"] is False
    assert kia["distribution"] == "posyandu-core-kia"
    assert kia["contributions"]["rules"] == ["kia.ownership"]
    assert kia["contributions"]["reports"] == ["kia"]
    assert kia["contributions"]["exporters"] == ["kia-list"]
    assert kia["contributions"]["columns"] == ["no_kia"]
    assert kia["version"] == "0.1.0"


def test_installed_plugin_rule_and_command_work(
    plugin_path: Path, tmp_path: Path
) -> None:
    register = tmp_path / "r.csv"
    register.write_text(
        "person_id,sex,birth_date,visit_date,has_kia\nA,P,2024-01-05,2025-02-10,n\n"
    )
    done = posyandu(plugin_path, "validate", str(register))
    assert "kia.missing" in done.stdout
    done = posyandu(plugin_path, "kia", str(register))
    assert done.stdout.strip() == "1 people without a Buku KIA"
    done = posyandu(plugin_path, "report", "kia-count", str(register))
    assert done.stdout.strip() == "1 people without a Buku KIA"


def test_installed_plugin_through_the_core_commands(
    plugin_path: Path, tmp_path: Path
) -> None:
    register = tmp_path / "r.csv"
    register.write_text(
        "person_id,name,sex,birth_date,visit_date,posyandu,has_kia\n"
        "A,Ani,P,2024-01-05,2025-02-10,Mawar,n\n"
    )
    done = posyandu(plugin_path, "report", "kia", str(register), "--as-of", "28/02/2025",
                    "--format", "json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows"] == [
        {"posyandu": "Mawar", "balita": 1, "kia": 0}
    ]
    done = posyandu(plugin_path, "findings", str(register), "--format", "json")
    assert "kia.belum_punya" in {r["code"] for r in json.loads(done.stdout)["rows"]}
    target = tmp_path / "visits.csv"
    done = posyandu(
        plugin_path, "export", "--format", "kia-list", str(register), "-o", str(target)
    )
    assert done.returncode == 0, done.stderr
    assert target.read_text().splitlines()[1] == "A,Ani,,Mawar"


def test_autoload_off_hides_it(plugin_path: Path) -> None:
    done = posyandu(
        plugin_path,
        "plugins",
        "--format",
        "json",
        POSYANDU_CORE_DISABLE_PLUGIN_AUTOLOAD="1",
    )
    assert "kia" not in {p["name"] for p in json.loads(done.stdout)}


def test_plugin_authors_tests_pass(plugin_path: Path) -> None:
    environ = {**os.environ, "PYTHONPATH": str(plugin_path)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         str(ROOT / "examples" / "plugin" / "tests")],
        capture_output=True, text=True, env=environ, timeout=300, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout
