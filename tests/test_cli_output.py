"""The one command line: exit codes, languages, dates, spreadsheet-safe output, files."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.cli import main
from posyandu_core.cli._exit import Exit
from posyandu_core.cli._output import neutralise, render_csv
from posyandu_core.hookspecs import (
    Column,
    Command,
    Exporter,
    Registrar,
    Table,
    hookimpl,
)
from posyandu_core.testing import installed

ROOT = Path(__file__).parents[1]
NIK = "3201010101900001"
REGISTER = f"""\
person_id,nik,name,sex,birth_date,parent_name,posyandu,visit_date,weight_kg
a,{NIK},=HYPERLINK("http://x"),L,2025-01-10,Bu Ani,Mawar,2025-03-10,5.0
a,{NIK},=HYPERLINK("http://x"),L,2025-01-10,Bu Ani,Mawar,2025-04-10,5.75
b,,Bunga,P,2023-06-01,Pak Budi,Mawar,2025-04-05,-9.0
"""


@pytest.fixture
def register_csv(tmp_path: Path) -> Path:
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- exit codes: one table, each code tested ------------------------------------------


class Failing:
    @hookimpl
    def register_commands(self, register: Registrar[Command]) -> None:
        register(Command(name="gagal", help="x", configure=lambda p: None, run=_oops))


def _oops(args: argparse.Namespace) -> int:
    msg = "oops"
    raise RuntimeError(msg)


def test_every_exit_code_is_documented() -> None:
    page = (ROOT / "docs" / "reference" / "cli.md").read_text()
    for code in Exit:
        assert f"| {code.value} |" in page, code


def test_exit_0_and_1(register_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "plugins")[0] == Exit.OK
    assert run(capsys, "validate", str(register_csv))[0] == Exit.DATA  # weight -9


def test_exit_2_bad_usage_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "kms", "--no-such-option")
    assert code == Exit.USAGE
    assert err.count("\n") == 1


def test_exit_3_a_plugin_failed(capsys: pytest.CaptureFixture[str]) -> None:
    with installed(Failing()):
        code, _, err = run(capsys, "gagal")
    assert code == Exit.PLUGIN
    assert "command 'gagal' run failed: RuntimeError: oops" in err


def test_exit_4_device_unreachable(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("serial")
    code, _, err = run(
        capsys, "device", "read", "--protocol", "and", "--port", "/dev/nope"
    )
    assert code == Exit.DEVICE
    assert "/dev/nope" in err


def test_exit_70_a_bug_and_130_interrupted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def bug() -> None:
        msg = "a bug"
        raise RuntimeError(msg)

    monkeypatch.setattr("posyandu_core.registry.get_registry", bug)
    code, _, err = run(capsys, "plugins")
    assert code == Exit.INTERNAL
    assert "this is a bug" in err

    def interrupt() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("posyandu_core.registry.get_registry", interrupt)
    assert run(capsys, "plugins")[0] == Exit.INTERRUPTED


# -- language -----------------------------------------------------------------------


def test_indonesian_by_default_english_on_request(
    register_csv: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ("report", "skdn", str(register_csv), "--month", "2025-04")
    assert "Laporan SKDN 2025-04" in run(capsys, *argv)[1]
    assert "SKDN monthly report 2025-04" in run(capsys, *argv, "--lang", "en")[1]
    monkeypatch.setenv("POSYANDU_LANG", "en")
    assert "SKDN monthly report 2025-04" in run(capsys, *argv)[1]
    assert run(capsys, "validate", str(register_csv / "missing"))[2].startswith(
        "posyandu: error: "
    )


# -- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso", "written"),
    [
        ("2025-04-10", "10/04/2025"),
        ("2025-04-10", "10-04-2025"),
        ("2025-04-05", "5/4/2025"),
    ],
)
def test_dd_mm_yyyy_is_accepted(
    register_csv: Path, iso: str, written: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("imunisasi", str(register_csv), "--format", "json", "--on")
    assert run(capsys, *base, iso)[1] == run(capsys, *base, written)[1]


def test_month_as_mm_yyyy(
    register_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("report", "skdn", str(register_csv), "--format", "json", "--month")
    assert run(capsys, *base, "2025-04")[1] == run(capsys, *base, "04/2025")[1]


# -- spreadsheet-safe CSV and xlsx --------------------------------------------------------


def test_csv_for_an_indonesian_spreadsheet(
    register_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, "kms", str(register_csv), "--format", "csv")[1]
    rows = list(csv.DictReader(io.StringIO(out), delimiter=";"))
    assert rows[0]["nama"] == '\'=HYPERLINK("http://x")'  # never a formula
    assert rows[1]["BB (kg)"] == "5,75"  # decimal comma


def test_identifiers_keep_every_digit() -> None:
    table = Table(
        title_id="t", title_en="t",
        columns=(Column(key="nik", label_id="NIK", label_en="NIK", kind="id"),),
        rows=[{"nik": NIK}],
    )  # fmt: skip
    assert render_csv(table, "id", "id").splitlines()[1] == f'"=""{NIK}"""'
    assert render_csv(table, "en", "intl").splitlines()[1] == NIK


@given(st.text())
def test_no_text_cell_is_ever_a_formula(text: str) -> None:
    safe = neutralise(text)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe.removeprefix("'") == text or safe == text


def test_xlsx_output(
    register_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "kms.xlsx"
    assert (
        run(capsys, "kms", str(register_csv), "--format", "xlsx", "-o", str(target))[0]
        == Exit.DATA  # the -9 kg weighing was left out, and said so
    )
    sheet = openpyxl.load_workbook(target).active
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["id", "nama"]
    assert sheet["B2"].value == '\'=HYPERLINK("http://x")'
    code, _, err = run(capsys, "kms", str(register_csv), "--format", "xlsx")
    assert code == Exit.USAGE
    assert "-o" in err


# -- validation issues for a spreadsheet -------------------------------------------------------


def test_issues_as_csv_and_an_annotated_register(
    register_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    issues, annotated = tmp_path / "issues.csv", tmp_path / "annotated.csv"
    argv = ("validate", str(register_csv), "--format", "csv", "-o", str(issues))
    assert run(capsys, *argv, "--annotate", str(annotated))[0] == Exit.DATA
    rows = list(csv.DictReader(io.StringIO(issues.read_text("utf-8")), delimiter=";"))
    # "baris" is the spreadsheet's row (header on row 1), "kolom" the file's header.
    assert any(
        (r["kolom"], r["baris"], r["kolom kanonik"], r["baris data"])
        == ("weight_kg", "4", "weight_kg", "3")
        for r in rows
    )
    lines = list(csv.reader(io.StringIO(annotated.read_text("utf-8"))))
    assert lines[0][0] == "masalah / issues"
    assert "weight_kg" in lines[3][0] or "range" in lines[3][0]
    assert lines[3][1:] == REGISTER.splitlines()[3].split(",")


# -- personal data masked ----------------------------------------------------------------


def test_nik_masked_in_messages_unless_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    headerless = tmp_path / "no-header.csv"
    headerless.write_text(f"a,{NIK},Siti,P,2020-01-01,2025-01-01\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(headerless))
    assert code == Exit.USAGE
    assert NIK not in err
    monkeypatch.setenv("POSYANDU_SHOW_PERSONAL", "1")
    assert NIK in run(capsys, "validate", str(headerless))[2]


# -- output files ----------------------------------------------------------------------


def test_fifo_and_folder_refused_at_once(
    register_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (fifo, tmp_path):
        code, _, err = run(
            capsys, "kms", str(register_csv), "--format", "csv", "-o", str(target)
        )
        assert code == Exit.USAGE
        assert err.count("\n") == 1


def test_concurrent_runs_never_corrupt_the_output(
    register_csv: Path, tmp_path: Path
) -> None:
    target = tmp_path / "kms.csv"
    command = [sys.executable, "-c", "import sys; from posyandu_core.cli import main; sys.exit(main())",
               "kms", str(register_csv), "--format", "csv", "-o", str(target)]  # fmt: skip
    runs = [subprocess.Popen(command, stderr=subprocess.DEVNULL) for _ in range(5)]
    # Exit 1: the register's -9 kg weighing is left out (and named) each time.
    assert [p.wait(timeout=120) for p in runs] == [Exit.DATA] * 5
    alone = subprocess.run(
        [*command[:-1], str(tmp_path / "alone.csv")], stderr=subprocess.DEVNULL
    )
    assert alone.returncode == Exit.DATA
    assert target.read_bytes() == (tmp_path / "alone.csv").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "alone.csv",
        "kms.csv",
        "register.csv",
    ]


# -- plugin sub-commands under device and export --------------------------------------------


def _configure_halo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--siapa", default="kader")


def _halo(args: argparse.Namespace) -> int:
    print(f"halo {args.siapa}")
    return 0


class Children:
    @hookimpl
    def register_commands(self, register: Registrar[Command]) -> None:
        for parent in ("device", "export", "report"):
            register(
                Command(name="halo", help="x", parent=parent,
                        configure=_configure_halo, run=_halo)
            )  # fmt: skip


@pytest.mark.parametrize("parent", ["device", "export", "report"])
def test_plugins_add_sub_commands(
    parent: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with installed(Children()):
        assert run(capsys, parent, "halo", "--siapa", "bidan")[1] == "halo bidan\n"
        assert json.loads(run(capsys, "plugins", "--format", "json")[1])


def test_sigterm_leaves_no_partial_output(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    os.mkfifo(source)  # an input that never ends: the run is caught mid-way
    command = [sys.executable, "-c", "import sys; from posyandu_core.cli import main; sys.exit(main())",
               "zscores", str(source), "-o", str(target), "--chunk-rows", "1"]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    with source.open("w") as writer:
        writer.write("sex,age,weight\n1,100,6.0\n1,200,7.5\n")
        writer.flush()
        for _ in range(200):  # the temporary output appears next to the target
            if any(p.name.endswith(".part") for p in tmp_path.iterdir()):
                break
            assert process.poll() is None
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == Exit.INTERRUPTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def _write_rows(source: object, destination: Path) -> None:
    assert isinstance(source, Table)
    destination.write_text(json.dumps(source.to_rows()))


class TableExporter:
    @hookimpl
    def register_exporters(self, register: Registrar[Exporter]) -> None:
        register(
            Exporter(id="rows-json", name="rows", suffix=".json", write=_write_rows,
                     accepts={"report"})
        )  # fmt: skip


def test_export_a_report_with_a_plugin_exporter(
    register_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "skdn.json"
    with installed(TableExporter()):
        argv = ["export", "--format", "rows-json", str(register_csv), "-o", str(target)]
        code, _, err = run(capsys, *argv)
        assert code == Exit.USAGE  # it writes reports, not registers
        assert "not a register" in err
        argv += ["--report", "skdn", "--report-option", "month=04/2025"]
        assert run(capsys, *argv)[0] == Exit.DATA  # the -9 kg weighing left out
    rows = json.loads(target.read_text())
    assert rows[-1]["band"] == "total"
    assert rows[-1]["D"] == 1  # the -9 kg weighing does not count as weighed
