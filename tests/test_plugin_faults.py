"""Twenty faulty third-party plugins, installed for real: every command still runs.

Each plugin is a distribution of its own (a package and a ``.dist-info``
with its entry point) on ``PYTHONPATH``, found through
``importlib.metadata`` exactly as a pip-installed plugin is. Every fault
becomes one line naming the plugin, its distribution and version; the
built-ins keep working.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SAMPLE = Path(__file__).parents[1] / "src" / "posyandu_core" / "data" / "sample"
REGISTER = str(SAMPLE / "register.csv")

_HEADER = """\
import argparse, sys, time
from posyandu_core.hookspecs import (
    Column, Command, DemoSection, Exporter, Report, Rule, Service, Table, hookimpl,
)
"""

#: entry-point name -> module source (after the common imports)
FAULTY = {
    "raise_at_import": "raise RuntimeError('cannot start')",
    "exit_at_import": "sys.exit(3)",
    "slow_import": "time.sleep(0.4)",
    "unknown_hook": "@hookimpl\ndef register_nonsense(register): pass",
    "bad_signature": "@hookimpl\ndef register_services(register, flavour): pass",
    "hook_raises": "@hookimpl\ndef register_services(register): 1 / 0",
    "wrong_type": "@hookimpl\ndef register_services(register): register('a service')",
    "returns_value": "@hookimpl\ndef register_rules(register): return ['rule']",
    "duplicate_id": """\
@hookimpl
def register_services(register):
    register(Service(id='kesehatan.imunisasi', bidang='sosial', name_id='x', name_en='x'))
""",
    "duplicate_command": """\
@hookimpl
def register_commands(register):
    register(Command(name='validate', help='x', configure=lambda p: None, run=lambda a: 0))
""",
    "configure_raises": """\
def configure(parser): raise KeyError('no parser for me')
@hookimpl
def register_commands(register):
    register(Command(name='broken-cfg', help='x', configure=configure, run=lambda a: 0))
""",
    "run_raises": """\
def configure(parser): pass
def run(args): raise OSError('disk on fire')
@hookimpl
def register_commands(register):
    register(Command(name='broken-run', help='x', configure=configure, run=run))
""",
    "rule_raises": """\
def check(row): raise ValueError('cannot check ' + str(row.row))
@hookimpl
def register_rules(register):
    register(Rule(id='faulty.rule', target='row', check=check, description='x'))
""",
    "service_raises": """\
def findings(register, as_of): raise RuntimeError('no findings today')
@hookimpl
def register_services(register):
    register(Service(id='faulty.svc', bidang='kesehatan', name_id='x', name_en='x',
                     findings=findings))
""",
    "report_raises": """\
def build(register, options): raise MemoryError('report too big')
@hookimpl
def register_reports(register):
    register(Report(id='faulty-report', title_id='x', title_en='x', build=build))
""",
    "report_wrong_type": """\
@hookimpl
def register_reports(register):
    register(Report(id='wrong-report', title_id='x', title_en='x',
                    build=lambda register, options: {'rows': []}))
    register(Report(id='wrong-register', title_id='x', title_en='x',
                    build=lambda register, options: Table(
                        title_id='x', title_en='x', columns=(), rows=(),
                        register='register.csv')))
""",
    "exporter_raises": """\
def write(source, destination): raise RuntimeError('cannot write')
@hookimpl
def register_exporters(register):
    register(Exporter(id='faulty-fmt', name='x', suffix='.x', write=write))
""",
    "demo_raises": """\
def render(register): sys.exit('demo refuses')
@hookimpl
def register_demo_sections(register):
    register(DemoSection(id='faulty-demo', title='Faulty', render=render))
""",
    "growth": "# its entry-point name is a built-in's",
    "blocked": "raise RuntimeError('must never be imported')",
}


def _install(site: Path, name: str, body: str) -> None:
    package = f"faulty_{name}"
    (site / package).mkdir()
    (site / package / "__init__.py").write_text(_HEADER + textwrap.dedent(body) + "\n")
    dist = f"posyandu_faulty_{name}-1.{len(name)}.dist-info"
    (site / dist).mkdir()
    (site / dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: posyandu-faulty-{name}\nVersion: 1.{len(name)}\n"
    )
    (site / dist / "entry_points.txt").write_text(
        f"[posyandu_core]\n{name} = {package}\n"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("faulty-site")
    for name, body in FAULTY.items():
        _install(site, name, body)
    return site


_RUNS: dict[tuple[str, ...], subprocess.CompletedProcess[str]] = {}


def posyandu(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``posyandu ARGS`` with the faulty plugins installed (once per ARGS)."""
    if (site.name, *args) not in _RUNS:
        _RUNS[(site.name, *args)] = _run(site, *args)
    return _RUNS[(site.name, *args)]


def _run(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "POSYANDU_CORE_BLOCK_PLUGINS": "blocked",
        "POSYANDU_CORE_SLOW_PLUGIN_SECONDS": "0.3",
        "POSYANDU_LANG": "en",
    }
    env.pop("POSYANDU_CORE_DISABLE_PLUGIN_AUTOLOAD", None)
    return subprocess.run(
        [sys.executable, "-c", "import sys; from posyandu_core.cli import main; sys.exit(main())", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def plugins(site: Path) -> dict[str, dict[str, object]]:
    done = posyandu(site, "plugins", "--format", "json")
    assert done.returncode == 0, done.stderr
    return {
        p["name"] if p["builtin"] else p["distribution"]: p
        for p in json.loads(done.stdout)
    }


def test_there_are_at_least_fifteen_faulty_plugins() -> None:
    assert len(FAULTY) >= 15


@pytest.mark.parametrize(
    ("name", "state", "reason"),
    [
        ("raise_at_import", "failed", "RuntimeError: cannot start"),
        ("exit_at_import", "failed", "SystemExit: 3"),
        ("slow_import", "loaded", "slow: took"),
        ("unknown_hook", "failed", "register_nonsense"),
        ("bad_signature", "failed", "flavour"),
        ("hook_raises", "loaded", "ZeroDivisionError"),
        ("wrong_type", "loaded", "registered a str where a Service is expected"),
        ("returns_value", "loaded", "returned a value"),
        ("duplicate_id", "loaded", "already registered by plugin 'kesehatan'"),
        ("growth", "skipped", "taken by plugin 'growth'"),
        ("blocked", "blocked", "POSYANDU_CORE_BLOCK_PLUGINS"),
        ("report_wrong_type", "loaded", ""),
    ],
)
def test_plugins_lists_each_fault_with_its_reason(
    plugins: dict[str, dict[str, object]], name: str, state: str, reason: str
) -> None:
    entry = plugins[f"posyandu-faulty-{name}"]
    assert entry["state"] == state
    assert entry["version"] == f"1.{len(name)}"
    assert reason in " ".join(entry["problems"])  # type: ignore[arg-type]


def test_the_builtins_are_all_there(plugins: dict[str, dict[str, object]]) -> None:
    builtins = {p["name"] for p in plugins.values() if p["builtin"]}
    assert {
        "bidang",
        "growth",
        "devices",
        "kesehatan",
        "overview",
        "validation",
    } <= builtins
    assert plugins["kesehatan"]["contributions"]["services"][:2] == [  # type: ignore[index]
        "kesehatan.pemantauan_pertumbuhan",
        "kesehatan.imunisasi",
    ]


def _named(stderr: str, name: str) -> bool:
    return f"posyandu-faulty-{name} 1.{len(name)}" in stderr


def test_help_runs_and_names_each_plugin_in_one_line(site: Path) -> None:
    done = posyandu(site, "--help")
    assert done.returncode == 0
    assert "validate" in done.stdout
    assert "Traceback" not in done.stderr
    for name in (
        "raise_at_import",
        "exit_at_import",
        "hook_raises",
        "configure_raises",
    ):
        lines = [line for line in done.stderr.splitlines() if _named(line, name)]
        assert len(lines) == 1, (name, done.stderr)
        assert lines[0].startswith("posyandu: warning: plugin ")
    assert "broken-cfg" not in done.stdout  # its configure failed: left out
    assert "broken-run" in done.stdout


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["demo"], 0),
        (["kms", REGISTER, "--format", "csv"], 0),
        (["imunisasi", REGISTER, "--on", "10/11/2026"], 0),
        (["report"], 0),
        (["report", "skdn", REGISTER, "--month", "11/2026"], 0),
        (["findings", REGISTER, "--format", "json"], 0),
        (["validate", REGISTER, "--format", "json"], 0),
        (["zscores", "--help"], 0),
    ],
    ids=lambda v: "-".join(v) if isinstance(v, list) else str(v),
)
def test_every_command_still_runs(site: Path, argv: list[str], code: int) -> None:
    done = posyandu(site, *argv)
    assert done.returncode == code, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "internal error" not in done.stderr


def test_a_failing_rule_is_named_once_and_validation_goes_on(site: Path) -> None:
    done = posyandu(site, "validate", REGISTER, "--format", "json")
    assert done.returncode == 0
    failures = [line for line in done.stderr.splitlines() if "faulty.rule" in line]
    assert len(failures) == 1
    assert _named(failures[0], "rule_raises")
    assert json.loads(done.stdout)["rows"] > 500


def test_a_failing_service_is_skipped_and_the_others_answer(site: Path) -> None:
    done = posyandu(site, "findings", REGISTER, "--format", "json")
    codes = {row["code"] for row in json.loads(done.stdout)["rows"]}
    assert "pertumbuhan.stunting" in codes
    assert "imunisasi.terlambat" in codes
    assert _named(done.stderr, "service_raises")
    assert "no findings today" in done.stderr


def test_a_failing_demo_section_is_named_in_place(site: Path) -> None:
    done = posyandu(site, "demo")
    assert done.returncode == 0
    assert "== Faulty ==" in done.stdout
    assert "demo refuses" in done.stdout
    assert "Status gizi" in done.stdout  # the built-in sections after it


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["broken-run"], "disk on fire"),
        (["report", "faulty-report", REGISTER], "report too big"),
        (["report", "wrong-report", REGISTER], "built a dict, not a Table"),
        (["report", "wrong-register", REGISTER], "a Table whose register is a str"),
    ],
)
def test_a_failing_command_or_report_exits_3_naming_the_plugin(
    site: Path, argv: list[str], message: str
) -> None:
    done = posyandu(site, *argv)
    assert done.returncode == 3, done.stderr
    (line,) = done.stderr.strip().splitlines()[-1:]
    assert message in line
    assert "posyandu-faulty-" in line


def test_a_failing_exporter_exits_3_and_leaves_nothing(
    site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.x"
    done = posyandu(site, "export", "--format", "faulty-fmt", REGISTER, "-o", str(out))
    assert done.returncode == 3
    assert _named(done.stderr, "exporter_raises")
    assert list(tmp_path.iterdir()) == []
