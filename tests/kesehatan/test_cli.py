"""posyandu kms / report skdn / report check-skdn / imunisasi."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from posyandu_core.cli import main

REGISTER = """\
person_id,name,sex,birth_date,parent_name,posyandu,visit_date,has_kia,weight_kg,immunizations
a,Andi,L,2025-01-10,Bu Ani,Mawar,2025-03-10,y,5.0,HB0@2025-01-10;DPT-HB-Hib 1;Polio2
a,Andi,L,2025-01-10,Bu Ani,Mawar,2025-04-10,y,5.75,Pentabio2
a,Andi,L,2025-01-10,Bu Ani,Mawar,2025-05-12,y,5.8,
b,Bunga,P,2023-06-01,Pak Budi,Mawar,2025-04-05,n,9.0,
b,Bunga,P,2023-06-01,Pak Budi,Mawar,2025-05-06,n,9.1,Campak
"""


@pytest.fixture
def register_csv(tmp_path: Path) -> Path:
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    return path


def test_kms_csv(register_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["kms", str(register_csv), "--format", "csv"]
    assert main([*argv, "--lang", "en", "--csv-dialect", "intl"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["person_id"], r["month"], r["status"], r["2T"]) for r in rows] == [
        ("a", "2025-03", "B", ""),
        ("a", "2025-04", "T", ""),
        ("a", "2025-05", "T", "y"),
        ("b", "2025-04", "B", ""),
        ("b", "2025-05", "T", ""),
    ]
    assert rows[2]["referral"] == "puskesmas"
    assert main(argv) == 0  # Indonesian labels, ';' and decimal commas by default
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out), delimiter=";"))
    assert rows[0]["BB (kg)"] == "5,0"
    assert rows[2]["status (N/T/O/B)"] == "T"


def test_kms_json(register_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["kms", str(register_csv), "--format", "json", "--kbm", "spreadsheet_600"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert "KBM: spreadsheet_600" in data["notes"]
    assert data["rows"][1]["status"] == "N"  # 750 g at 3 months with the 600 g table


def test_report_skdn_and_check(
    register_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "report",
                "skdn",
                str(register_csv),
                "--month",
                "2025-05",
                "--format",
                "json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    total = data["rows"][-1]
    assert (total["band"], total["D"], total["2T"]) == ("total", 2, 1)
    assert "Andi" in "\n".join(data["notes"])
    assert (
        main(
            [
                "report",
                "skdn",
                str(register_csv),
                "--month",
                "2025-05",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    report = tmp_path / "skdn.csv"
    report.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["report", "check-skdn", str(report)]) == 0
    bad = report.read_text(encoding="utf-8").replace(
        "12-23;P;1;0;1;0;1", "12-23;P;1;0;1;0;0"
    )
    report.write_text(bad, encoding="utf-8")
    assert main(["report", "check-skdn", str(report)]) == 1
    assert "skdn.d_sum" in capsys.readouterr().out
    assert main(["report", "skdn", str(register_csv), "--month", "2025-05"]) == 0
    assert "D/S" in capsys.readouterr().out


def test_imunisasi(register_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["imunisasi", str(register_csv), "--on", "2025-05-12", "--format", "json"])
        == 0
    )
    records = {r["person_id"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    # OPV2 is written but no OPV1 is recorded: it counts as the first OPV
    # dose (DOMAIN.md §6.3); the written spelling stays in the record
    # (api.report(...).data) and the issue is named.
    assert records["a"]["given"].split(";") == [
        "HB0",
        "DPT-HB-Hib1",
        "OPV1",
        "DPT-HB-Hib2",
    ]
    assert "imunisasi.number_mismatch" in records["a"]["issues"].split(";")
    assert "BCG" in records["a"]["overdue"].split(";")
    assert records["b"]["idl"] == "tidak_lengkap"
    assert (
        main(
            [
                "imunisasi",
                str(register_csv),
                "--on",
                "2025-05-12",
                "--due-list",
                "--format",
                "csv",
                "--lang",
                "en",
                "--csv-dialect",
                "intl",
            ]
        )
        == 0
    )
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["state"] == "terlambat"
    # The alias is the report: posyandu report imunisasi gives the same bytes.
    argv = [str(register_csv), "--on", "2025-05-12", "--due-list", "--format", "csv"]
    assert main(["imunisasi", *argv]) == 0
    alias = capsys.readouterr().out
    assert main(["report", "imunisasi", *argv]) == 0
    assert capsys.readouterr().out == alias


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "skdn", "REG", "--month", "2025-13"],
        ["report", "skdn", "REG", "--month", "May 2025"],
        ["imunisasi", "REG", "--on", "2025-02-30"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    register_csv: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [str(register_csv) if a == "REG" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("posyandu: kesalahan: ")
    assert len(err.strip().splitlines()) == 1


def test_unusable_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    for argv in (
        ["kms", str(empty)],
        ["report", "skdn", str(tmp_path / "missing.csv"), "--month", "2025-01"],
        ["imunisasi", str(empty), "--on", "2025-01-01"],
        ["report", "check-skdn", str(empty)],
    ):
        assert main(argv) == 2
        assert "Traceback" not in capsys.readouterr().err


def test_demo_sections_render_on_the_sample() -> None:
    from posyandu_core.register.sample import load_sample_register
    from posyandu_core.registry import get_registry

    sample = load_sample_register()
    sections = get_registry().demo_sections
    for key in ("kesehatan.kms", "kesehatan.skdn", "kesehatan.imunisasi"):
        text = sections[key].render(sample)
        assert len(text.splitlines()) >= 2
    assert "D/S" in sections["kesehatan.skdn"].render(sample)
