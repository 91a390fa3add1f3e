from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from posyandu_core.plugins.export import anthro, eppgbm
from posyandu_core.plugins.export._common import ExportError
from posyandu_core.register import Register
from posyandu_core.registry import get_registry

DOMAIN_13_2 = [
    "NIK",
    "Nama",
    "JK",
    "Tgl Lahir",
    "BB Lahir",
    "TB Lahir",
    "Nama Ortu",
    "Prov",
    "Kab/Kota",
    "Kec",
    "Pukesmas",
    "Desa/Kel",
    "Posyandu",
    "RT",
    "RW",
    "Alamat",
    "Usia Saat Ukur",
    "Tanggal Pengukuran",
    "Bulan Pengukuran",
    "Berat",
    "Tinggi",
    "Cara Ukur",
    "LiLA",
    "BB/U",
    "ZS BB/U",
    "TB/U",
    "ZS TB/U",
    "BB/TB",
    "ZS BB/TB",
    "Naik Berat Badan",
    "PMT Diterima (kg)",
    "Jml Vit A",
    "KPSP",
    "KIA",
    "Detail (Status)",
]


def test_default_header_is_domain_13_2_exactly(tiny: Register, tmp_path: Path) -> None:
    out = tmp_path / "e.xlsx"
    eppgbm.write_eppgbm(tiny, out)
    sheet = openpyxl.load_workbook(out)["e-PPGBM"]
    assert [c.value for c in sheet[1]] == DOMAIN_13_2


def test_newer_column_sets_extend_the_default() -> None:
    assert [h for h, _ in eppgbm.column_set("eppgbm-2025")] == [
        *DOMAIN_13_2,
        "Kelas Ibu Balita",
        "MBG",
    ]
    assert [h for h, _ in eppgbm.column_set("bontang-ot")][:35] == DOMAIN_13_2
    with pytest.raises(ExportError, match="no e-PPGBM column set"):
        eppgbm.column_set("v9")


def test_xlsx_cells(tiny: Register, tmp_path: Path) -> None:
    out = tmp_path / "e.xlsx"
    eppgbm.write_eppgbm(tiny, out, puskesmas="Bontang Utara I")
    sheet = openpyxl.load_workbook(out)["e-PPGBM"]
    rows = [
        dict(zip(DOMAIN_13_2, [c.value for c in r], strict=True))
        for r in sheet.iter_rows(min_row=2)
    ]
    assert len(rows) == 3  # the adult is not a balita
    first = rows[0]
    assert first["NIK"] == "0074010101240001"  # text, leading zeros kept
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].number_format == "@"
    assert first["Nama"] == "'=1+2"
    assert first["Nama Ortu"] == "'@Ibu Sum"
    assert first["JK"] == "L"
    assert first["Tgl Lahir"] == dt.datetime(2024, 1, 15)
    assert first["Tanggal Pengukuran"] == dt.datetime(2025, 3, 14)
    assert first["Bulan Pengukuran"] == "Maret"
    assert first["Usia Saat Ukur"] == "1 Tahun - 1 Bulan - 27 Hari"
    assert first["Cara Ukur"] == "Terlentang"
    assert first["Berat"] == 9.85
    assert first["Tinggi"] == 75.3
    assert first["LiLA"] == 13.4
    assert first["Naik Berat Badan"] == "B"
    assert rows[1]["Naik Berat Badan"] in ("N", "T")
    assert first["Pukesmas"] == "Bontang Utara I"
    assert first["KIA"] == "Ya"
    assert isinstance(first["ZS BB/U"], float)
    # No length at the second visit: the sentinel, not a guess.
    assert rows[1]["ZS TB/U"] == 999.99
    assert rows[1]["ZS BB/TB"] == 999.99
    assert rows[1]["TB/U"] is None
    assert rows[2]["NIK"] is None  # newborn without NIK


def test_csv_keeps_nik_as_text(tiny: Register, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    get_registry().exporters["eppgbm-csv"].write(tiny, str(out))
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["NIK"] == "0074010101240001"
    assert rows[0]["Tgl Lahir"] == "2024-01-15"
    assert rows[1]["ZS TB/U"] == "999.99"


def test_unknown_format_is_refused(tiny: Register, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown e-PPGBM format"):
        eppgbm.write_eppgbm(tiny, tmp_path / "e.ods")


def test_anthro_file_codes_and_no_identity(tiny: Register, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    anthro.write_anthro(tiny, out, strata={"Melati": "urban"})
    text = out.read_text(encoding="utf-8")
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(anthro.ANTHRO_SURVEY_COLUMNS)
    assert [r["sex"] for r in rows] == ["1", "1", "2"]
    assert rows[0]["age"] == str((dt.date(2025, 3, 14) - dt.date(2024, 1, 15)).days)
    assert rows[0]["measure"] == "l"
    assert rows[0]["oedema"] == "n"
    assert rows[0]["cluster"] == "Melati"
    assert rows[0]["strata"] == "urban"
    assert rows[0]["sw"] == "1.0"
    for secret in ("0074010101240001", "A1", "2024-01-15", "2025-03-14", "Ibu", "Bayi"):
        assert secret not in text


def test_anthro_file_reads_back_into_the_growth_engine(
    sample: Register, tmp_path: Path
) -> None:
    from posyandu_core.growth import anthro_zscores
    from posyandu_core.plugins.export._common import assess_rows

    out = tmp_path / "a.csv"
    anthro.write_anthro(sample, out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    def num(v: str) -> float:
        return float(v) if v else float("nan")

    table = anthro_zscores(
        sex=[int(r["sex"]) for r in rows],
        age=[num(r["age"]) for r in rows],
        weight=[num(r["weight"]) for r in rows],
        lenhei=[num(r["lenhei"]) for r in rows],
        measure=[r["measure"] or None for r in rows],
        oedema=[r["oedema"] for r in rows],
    )
    # The file gives the engine exactly what the register gave it.
    expected = [
        a.z["waz"]
        for r, a in zip(sample.rows, assess_rows(sample.rows), strict=True)
        if (r.weight_kg is not None or r.length_cm is not None)
        and a.age_months is not None
        and a.age_months < 60
    ]
    got = [None if z != z else float(z) for z in table["zwei"]]
    assert len(got) > 300
    assert got == expected
