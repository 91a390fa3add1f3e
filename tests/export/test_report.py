from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from posyandu_core.plugins.export import report
from posyandu_core.plugins.export._common import ExportError
from posyandu_core.plugins.kesehatan.skdn import skdn_report
from posyandu_core.register import Register
from posyandu_core.registry import get_registry

MONTH = "2026-10"


def _cells(path: Path) -> list[list[object]]:
    book = openpyxl.load_workbook(path)
    return [[c.value for c in row] for row in book.active.iter_rows()]  # type: ignore[union-attr]


def test_skdn_xlsx_layout_and_numbers(sample: Register, tmp_path: Path) -> None:
    out = tmp_path / "skdn.xlsx"
    report.write_skdn_report(
        sample, out, month=MONTH, posyandu_name="Melati", kelurahan="Bontang Baru",
        kecamatan="Bontang Utara", place="Bontang", signed_on=dt.date(2026, 11, 2),
    )  # fmt: skip
    rows = _cells(out)
    first = [r[0] for r in rows]
    assert first[:5] == [
        "LAPORAN BULANAN KEGIATAN POSYANDU (SKDN)",
        "Posyandu: Melati",
        "Desa/Kelurahan: Bontang Baru",
        "Kecamatan: Bontang Utara",
        "Bulan: Oktober 2026",
    ]
    expected = skdn_report(sample, MONTH)
    counts = ["S", "K", "D", "N", "T", "O", "B", "BGM", "2T"]
    header = rows.index(["Umur (bln)", "JK", *counts])
    total = next(r for r in rows[header:] if r[0] == "Jumlah")
    assert total[2:] == [expected.total.to_dict()[k] for k in counts]
    for key, title in (
        ("gizi_buruk", "Daftar balita gizi buruk"),
        ("stunting", "Daftar balita pendek/sangat pendek (stunting)"),
    ):
        at = first.index(title)
        names = [r[1] for r in rows[at + 2 : at + 2 + len(expected.lists[key])]]
        assert names == [c.name for c in expected.lists[key]]
    assert "Bontang, 2 November 2026" in first
    assert rows[first.index("Bontang, 2 November 2026") + 1][:2] == [
        "Ketua Kader Posyandu",
        "Petugas Puskesmas / Bidan Desa",
    ]


def test_english_labels(sample: Register, tmp_path: Path) -> None:
    out = tmp_path / "skdn.xlsx"
    report.write_skdn_report(sample, out, month=MONTH, language="en")
    first = [r[0] for r in _cells(out)]
    assert first[0] == "MONTHLY POSYANDU REPORT (SKDN)"
    assert "Month: October 2026" in first
    assert "Severely wasted children" in first


def test_pdf_is_deterministic(sample: Register, tmp_path: Path) -> None:
    for name in ("a", "b"):
        get_registry().exporters["skdn-pdf"].write(
            sample, str(tmp_path / f"{name}.pdf")
        )
    data = (tmp_path / "a.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert data == (tmp_path / "b.pdf").read_bytes()
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2


def test_any_report_with_rows_and_labels_prints(tmp_path: Path) -> None:
    rows = [
        {"name": "=cmd|' /C calc'!A0", "visits": 3, "last": "2026-10-10"},
        {"name": "Siti", "visits": 1, "last": None},
    ]
    labels = {
        "name": ("Nama", "Name"),
        "visits": ("Kunjungan", "Visits"),
        "last": ("Terakhir", "Last"),
    }
    printable = report.printable_from_rows(
        rows, labels, title_id="Laporan uji", title_en="Test report",
        header=(("Bulan", "Month", "2026-10"),),
    )  # fmt: skip
    out = tmp_path / "r.xlsx"
    report.write_report_xlsx(printable, out)
    cells = _cells(out)
    at = cells.index(["Nama", "Kunjungan", "Terakhir"])
    assert cells[at + 1] == ["'=cmd|' /C calc'!A0", 3, dt.datetime(2026, 10, 10)]
    book = openpyxl.load_workbook(out)
    assert all(c.data_type != "f" for row in book.active.iter_rows() for c in row)  # type: ignore[union-attr]
    report.write_report_pdf(printable, tmp_path / "r.pdf", language="en")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_bad_format_and_empty_register(sample: Register, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown report format"):
        report.write_skdn_report(sample, tmp_path / "x.docx", month=MONTH)
    empty = Register(rows=(), columns=())
    with pytest.raises(ExportError, match="no visit dates"):
        report.write_skdn_report(empty, tmp_path / "x.xlsx")
