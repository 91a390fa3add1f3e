"""Every registered report prints: xlsx and PDF with title block, table and signatures."""

from __future__ import annotations

from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pypdf
import pytest

from posyandu_core import api
from posyandu_core.hookspecs import Table
from posyandu_core.register import Register, read_register
from posyandu_core.registry import get_registry

DATA = files("posyandu_core").joinpath("data", "sample")
KOTA = DATA.joinpath("kota")
CITY = {"posyandu_file": str(KOTA.joinpath("posyandu.csv"))}
ON = "2026-11-30"

#: How each built-in report is asked for on the sample data (a register or its file).
ASKED: Mapping[str, dict[str, Any]] = {
    "skdn": {"month": "2026-11"},
    "kms": {},
    "imunisasi": {"on": ON},
    "siklus-hidup": {"month": "2026-11"},
    "kader-strata": {"kader_file": str(KOTA.joinpath("kader.csv")), "assessments": str(KOTA.joinpath("penilaian_kader.csv")), **CITY},
    "kader-kurang": {"kader_file": str(KOTA.joinpath("kader.csv")), "assessments": str(KOTA.joinpath("penilaian_kader.csv"))},
    "kader-berikutnya": {"kader_file": str(KOTA.joinpath("kader.csv")), "assessments": str(KOTA.joinpath("penilaian_kader.csv")), **CITY},
    "kader-pelatihan": {"kader_file": str(KOTA.joinpath("kader.csv")), "trainings": str(KOTA.joinpath("pelatihan_kader.csv"))},
    "kasus-laporan": {"cases": str(KOTA.joinpath("kasus.csv")), "on": ON, "month": "2026-11", **CITY},
    "kasus-terlambat": {"cases": str(KOTA.joinpath("kasus.csv")), "on": ON, **CITY},
    "kasus-ringkasan": {"cases": str(KOTA.joinpath("kasus.csv")), "on": ON, "posyandu": "Posyandu Melati", **CITY},
    "alat": {"inventory": str(KOTA.joinpath("alat.csv")), "calibrations": str(KOTA.joinpath("kalibrasi.csv")), "on": ON, **CITY},
    "wilayah-daftar": CITY,
    "wilayah-strata": {"year": "2026"},
    "wilayah-aktif": {"year": "2026"},
}  # fmt: skip


@pytest.fixture(scope="module")
def sample() -> Register:
    return read_register(str(DATA.joinpath("register.csv")))


def build(report_id: str, sample: Register) -> Table:
    register = sample if api.report_source(report_id) == "register" else None
    return api.report(report_id, register, **ASKED[report_id])


def test_every_registered_report_is_asked_for() -> None:
    assert set(get_registry().reports) == set(ASKED)


@pytest.mark.parametrize("report_id", sorted(ASKED))
def test_report_prints_as_xlsx_and_pdf(
    report_id: str, sample: Register, tmp_path: Path
) -> None:
    table = build(report_id, sample)
    if len(table.rows) > 60:  # the layout is what is tested; 60 rows span pages
        table = attrs.evolve(table, rows=table.rows[:60])
    options: dict[str, Any] = {"place": "Bontang", "kelurahan": "Tanjung Laut"}
    api.export("laporan-xlsx", table, tmp_path / "r.xlsx", **options)
    api.export("laporan-pdf", table, tmp_path / "r.pdf", **options)
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    assert sheet is not None
    cells = [
        [c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)
    ]
    first = [row[0] if row else None for row in cells]
    skdn = report_id == "skdn"
    title = (
        "LAPORAN BULANAN KEGIATAN POSYANDU (SKDN)" if skdn else table.title_id.upper()
    )
    assert first[0] == title
    assert first[1].startswith("Posyandu: ")  # type: ignore[union-attr]
    assert "Desa/Kelurahan: Tanjung Laut" in first
    assert any(str(f).startswith("Bulan: ") for f in first)
    signed = first.index("Bontang, ....................")
    assert cells[signed + 1] == [
        "Ketua Kader Posyandu",
        "Petugas Puskesmas / Bidan Desa",
    ]
    if skdn:  # the counts, then the named lists (DOMAIN.md §5.3)
        assert "Daftar balita gizi buruk" in first
        assert "Daftar balita 2T (dirujuk)" in first
    else:
        labels = [c.label_id for c in table.columns]
        at = next(i for i, row in enumerate(cells) if row == labels)
        body = cells[at + 1 : at + 1 + len(table.rows)]
        assert len(body) == len(table.rows) or table.rows == ()
        for row, cell in zip(table.to_rows(), body, strict=False):
            key = table.columns[0].key
            assert (
                str(cell[0]).lstrip("'") == str(row[key]).lstrip("'")
                or row[key] is None
            )
    text = "\n".join(
        p.extract_text() for p in pypdf.PdfReader(tmp_path / "r.pdf").pages
    )
    assert title in text
    assert "Ketua Kader Posyandu" in text
    assert "Desa/Kelurahan: Tanjung Laut" in text


def test_skdn_through_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from posyandu_core.cli import main

    out = tmp_path / "skdn.pdf"
    argv = ["export", "--format", "laporan-pdf", str(DATA.joinpath("register.csv")),
            "--report", "skdn", "--report-option", "month=11/2026", "-o", str(out),
            "--posyandu-name", "Posyandu Melati", "--kelurahan", "Tanjung Laut"]  # fmt: skip
    assert main(argv) == 0
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "Bulan: November 2026" in text
    assert "Posyandu: Posyandu Melati" in text
    assert "Daftar balita gizi buruk" in text
    capsys.readouterr()


def test_file_report_through_the_command_needs_no_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from posyandu_core.cli import main

    out = tmp_path / "kader.xlsx"
    argv = ["export", "laporan-xlsx", "--report", "kader-strata",
            "--report-option", f"kader_file={KOTA.joinpath('kader.csv')}", "-o", str(out)]  # fmt: skip
    assert main(argv) == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    first = [r[0] for r in sheet.iter_rows(values_only=True)]
    assert first[0] == "KADER MENURUT STRATA"
    # A register report without its register is a usage error naming it.
    argv = ["export", "laporan-xlsx", "--report", "kms", "-o", str(out)]
    assert main(argv) == 2
    assert "register" in capsys.readouterr().err
