"""The sample city: reproducible files, every report, the city view and the commands."""

from __future__ import annotations

import datetime as dt
import json
import runpy
from importlib.resources import files
from pathlib import Path

import pytest

from posyandu_core.cli import main
from posyandu_core.cli._output import render_csv, render_json, render_xlsx
from posyandu_core.model import CaseStatus, KaderStratum, PosyanduStratum, VenueType
from posyandu_core.plugins.kader.reports import strata_report as kader_strata
from posyandu_core.plugins.layanan.reports import bidang_overview, case_report
from posyandu_core.plugins.wilayah.city import (
    SAMPLE_AS_OF,
    City,
    city_performance,
    load_sample_city,
    render_city,
)
from posyandu_core.plugins.wilayah.equipment import CalibrationState, equipment_states

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_sample.py"
KOTA = files("posyandu_core").joinpath("data", "sample", "kota")
CITY_FILES = (
    "posyandu.csv", "register.csv", "kader.csv", "penilaian_kader.csv",
    "pelatihan_kader.csv", "kasus.csv", "alat.csv", "kalibrasi.csv",
    "hari_tutup.csv", "kinerja.csv",
)  # fmt: skip


@pytest.fixture(scope="module")
def city() -> City:
    return load_sample_city()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kota")
    runpy.run_path(str(SCRIPT))["write_city"](out)
    return out


@pytest.mark.parametrize("name", CITY_FILES)
def test_city_files_equal_a_fresh_generation(generated: Path, name: str) -> None:
    assert (generated / name).read_bytes() == KOTA.joinpath(name).read_bytes(), (
        f"kota/{name} is stale: run `python scripts/make_sample.py`"
    )


def test_the_city_shape(city: City) -> None:
    posyandu = city.registry.posyandu
    assert len(posyandu) == 6
    assert len({p.puskesmas for p in posyandu}) == 2
    assert VenueType.MASJID in {p.venue_type for p in posyandu}
    assert all(city.register_of(p.registration_number) is not None for p in posyandu)
    assert all(
        any(k.posyandu == p.registration_number for k in city.kader) for p in posyandu
    )
    assert all(
        any(e.posyandu == p.registration_number for e in city.inventory)
        for p in posyandu
    )
    assert len({c.posyandu for c in city.cases}) == 6
    assert all(r.quality is not None and r.quality.complete for r in city.registers)


def test_city_kader_strata(city: City) -> None:
    counts = {s: sum(k.stratum is s for k in city.kader) for s in (None, *KaderStratum)}
    assert counts == {
        None: 15,
        KaderStratum.PURWA: 11,
        KaderStratum.MADYA: 4,
        KaderStratum.UTAMA: 1,
    }
    rows = {
        r["unit"]: r
        for r in kader_strata(
            city.kader, level="puskesmas", registry=city.registry
        ).to_rows()
    }
    assert rows["Puskesmas Bontang Selatan I"]["share_pct"] == 25.0  # 4 of 16
    assert rows["Puskesmas Bontang Utara I"]["share_pct"] == 6.7  # 1 of 15


def test_city_strata_and_aktif(city: City) -> None:
    results = {r.posyandu: r for r in city_performance(city, 2026)}
    assert {n: r.stratum for n, r in results.items()} == {
        "64.74.01.1001.001": PosyanduStratum.PURNAMA,
        "64.74.01.1001.002": PosyanduStratum.MANDIRI,
        "64.74.01.1002.001": PosyanduStratum.PURNAMA,
        "64.74.02.1001.001": PosyanduStratum.PRATAMA,  # 7 openings
        "64.74.02.1002.001": PosyanduStratum.MADYA,  # KIA 45 %
        "64.74.02.1002.002": PosyanduStratum.PRATAMA,  # 4 kader
    }
    assert results["64.74.02.1002.002"].aktif_unmet == (
        "kader",
        "growth_and_development_tools",
    )
    assert results["64.74.01.1001.001"].value("openings_per_year") == 11


def test_city_cases_and_holidays(city: City) -> None:
    calendar = city.calendar({2026, 2027})
    by_id = {c.id: c for c in city.cases}
    # KS-002 recorded Tue 17 Mar 2026 at Melati: 18-24 Mar are Nyepi, Idul
    # Fitri and cuti bersama and Melati was closed on 25 Mar -> 26, 27, 30,
    # 31 Mar, 1 Apr. Forwarded on 31 Mar: on time.
    (episode,) = by_id["KS-002"].episodes(calendar)
    assert episode.due == dt.date(2026, 4, 1)
    assert episode.met_sla is True
    first, second = by_id["KS-005"].episodes(calendar)
    assert (first.closed_status, second.start) == (
        CaseStatus.SELESAI,
        dt.date(2026, 11, 2),
    )
    report = case_report(
        city.cases,
        as_of=SAMPLE_AS_OF,
        calendar=calendar,
        registry=city.registry,
        level="kota",
        taxonomy="bontang",
    )
    total = {
        k: sum(r[k] for r in report.to_rows())
        for k in ("received", "closed", "rejected", "reopened")
    }
    assert total == {"received": 10, "closed": 4, "rejected": 1, "reopened": 1}


def test_city_equipment(city: City) -> None:
    states = {
        s.equipment.id: s.state
        for s in equipment_states(city.inventory, city.calibrations, SAMPLE_AS_OF)
    }
    assert states["GD-01"] is CalibrationState.TERLAMBAT
    assert states["TBY-01"] is CalibrationState.BERLAKU
    assert states["AGR-TD-01"] is CalibrationState.BELUM_PERNAH
    assert states["DHL-TIJ-01"] is CalibrationState.GAGAL
    assert states["KNG-TBY-01"] is CalibrationState.TERLAMBAT
    assert states["MWR-TBY-01"] is CalibrationState.SEGERA


def test_every_report_renders_in_every_format(city: City, tmp_path: Path) -> None:
    melati = city.registry.posyandu[0]
    for result in (
        case_report(city.cases, as_of=SAMPLE_AS_OF),
        bidang_overview(melati, city.cases, as_of=SAMPLE_AS_OF, taxonomy="bontang"),
        kader_strata(city.kader, level="kota", registry=city.registry),
    ):
        assert len(json.loads(render_json(result))["rows"]) == len(result.rows)
        assert render_csv(result, "en", "intl").splitlines()[0] == ",".join(
            c.label_en for c in result.columns
        )
        assert result.title_id in result.to_text()
        assert result.title_en in result.to_text("en")
        (tmp_path / "r.xlsx").write_bytes(render_xlsx(result, "id"))
        import openpyxl

        sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").active
        assert sheet is not None
        assert sheet.max_row == len(result.rows) + 1


def test_render_city(city: City) -> None:
    text = render_city(city)
    for part in (
        "Kota Bontang: 6 Posyandu, 4 Pustu, 2 Puskesmas",
        "Posyandu Mawar",
        "masjid",
        "KS-007",
        "DHL-TIJ-01",
        "Persentase Posyandu Aktif",
    ):
        assert part in text


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def kota(name: str) -> str:
    return str(KOTA.joinpath(name))


def test_commands_on_the_sample(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    posyandu = ("--posyandu-file", kota("posyandu.csv"))
    code, out, _ = run(
        capsys,
        "kasus",
        "terlambat",
        kota("kasus.csv"),
        "--on",
        "2026-11-30",
        *posyandu,
        "--closed-days",
        kota("hari_tutup.csv"),
    )
    assert code == 0
    assert "KS-007" in out
    code, out, _ = run(
        capsys,
        "kasus",
        "laporan",
        kota("kasus.csv"),
        "--on",
        "2026-11-30",
        "--month",
        "2026-03",
        "--taxonomy",
        "bontang",
        "--format",
        "json",
    )
    assert {r["bidang"] for r in json.loads(out)["rows"]} == {
        "kesejahteraan_keluarga",
        "lingkungan_hidup",
    }
    code, out, _ = run(
        capsys,
        "kasus",
        "ringkasan",
        kota("kasus.csv"),
        "--on",
        "2026-11-30",
        "--posyandu",
        "Posyandu Melati",
        *posyandu,
        "--format",
        "csv",
    )
    assert out.startswith("Bidang;Nama;Aktif di Posyandu;Layanan;Kasus;Masih berjalan")
    code, out, _ = run(
        capsys,
        "kader",
        "strata",
        kota("kader.csv"),
        "--assessments",
        kota("penilaian_kader.csv"),
        *posyandu,
        "--level",
        "kota",
        "--format",
        "csv",
    )
    assert out.splitlines()[1].startswith("Kota Bontang;31;15;11;4;1;5;16,1;20,0;n")
    code, _, _ = run(
        capsys,
        "kader",
        "berikutnya",
        kota("kader.csv"),
        "--assessments",
        kota("penilaian_kader.csv"),
        "--format",
        "xlsx",
        "--output",
        str(tmp_path / "k.xlsx"),
    )
    assert code == 0
    assert (tmp_path / "k.xlsx").stat().st_size > 0
    code, out, _ = run(
        capsys,
        "alat",
        kota("alat.csv"),
        "--calibrations",
        kota("kalibrasi.csv"),
        "--on",
        "2026-11-30",
        "--format",
        "json",
    )
    assert {r["state"] for r in json.loads(out)["rows"]} == {
        "terlambat",
        "segera",
        "gagal",
        "belum_pernah",
    }
    code, out, _ = run(
        capsys, "wilayah", "aktif", "--year", "2026", "--format", "csv",
        "--csv-dialect", "intl",
    )  # fmt: skip
    assert out.splitlines()[1:] == [
        "Bontang Selatan,3,3,0,100.0,80.0,y",
        "Bontang Utara,3,0,0,0.0,80.0,n",
    ]
    code, out, _ = run(
        capsys, "wilayah", "daftar", kota("posyandu.csv"), "--lang", "en"
    )
    assert "Posyandu registry" in out


BAD: list[tuple[str, ...]] = [
    ("kasus", "terlambat", "{bad}", "--on", "2026-11-30"),
    ("kader", "strata", "{bad}"),
    ("alat", "{bad}", "--on", "2026-11-30"),
    ("wilayah", "daftar", "{bad}"),
]


@pytest.mark.parametrize("argv", BAD, ids=lambda a: a[0])
@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01binary", "id_kasus;nama\n\xe9".encode("latin-1"), b"a,b\n1,2\n"],
    ids=["empty", "binary", "latin1", "wrong-columns"],
)
def test_bad_files_exit_non_zero_with_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    argv: tuple[str, ...],
    content: bytes,
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    code, _, err = run(capsys, *(a.format(bad=bad) for a in argv))
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("posyandu: kesalahan:")
    assert "Traceback" not in err


def test_bad_xlsx_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "kasus.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    code, _, err = run(capsys, "kasus", "terlambat", str(bad), "--on", "2026-11-30")
    assert code == 2
    assert "xlsx" in err


def test_file_format_reference_documents_every_column() -> None:
    from posyandu_core.plugins.kader.files import (
        ASSESSMENT_FILE,
        KADER_FILE,
        TRAINING_FILE,
    )
    from posyandu_core.plugins.layanan.calendar import CLOSED_DAYS_FILE
    from posyandu_core.plugins.layanan.cases import CASE_FILE
    from posyandu_core.plugins.wilayah.equipment import CALIBRATION_FILE, EQUIPMENT_FILE
    from posyandu_core.plugins.wilayah.hierarchy import POSYANDU_FILE
    from posyandu_core.plugins.wilayah.performance import PERFORMANCE_FILE

    text = (
        Path(__file__).parents[2] / "docs" / "reference" / "bidang-files.md"
    ).read_text()
    for schema in (
        POSYANDU_FILE,
        CASE_FILE,
        CLOSED_DAYS_FILE,
        KADER_FILE,
        ASSESSMENT_FILE,
        TRAINING_FILE,
        EQUIPMENT_FILE,
        CALIBRATION_FILE,
        PERFORMANCE_FILE,
    ):
        assert f"({schema.name})" in text
        for field in schema.fields:
            assert f"| `{field.name}` |" in text, (schema.name, field.name)


def test_measurements_with_equipment_past_calibration_are_counted(city: City) -> None:
    import csv

    def rows(name: str) -> list[dict[str, str]]:
        with open(str(name), encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    melati = rows(
        str(files("posyandu_core").joinpath("data", "sample", "register.csv"))
    )
    others = rows(kota("register.csv"))
    # Counted straight from the files: GD-01 is due 2026-10-01 (calibrated
    # 2025-10-01, 12 months); Kenanga's kit is due 2026-10-27; Dahlia's floor
    # scale failed on 2026-10-05.
    expected = {
        "64.74.01.1001.001": sum(
            "GD-01" in r["equipment"] and r["visit_date"] > "2026-10-01" for r in melati
        ),
        "64.74.02.1001.001": sum(
            r["posyandu"] == "64.74.02.1001.001" and r["visit_date"] > "2026-10-27"
            for r in others
        ),
        "64.74.02.1002.001": sum(
            r["equipment"] == "DHL-TIJ-01" and r["visit_date"] >= "2026-10-05"
            for r in others
        ),
    }
    assert expected["64.74.01.1001.001"] == 7
    got = {r.posyandu: r.calibration_warnings for r in city_performance(city, 2026)}
    assert {k: got[k] for k in expected} == expected
    assert got["64.74.01.1001.002"] == 0


def test_bidang_overview_counts_people_seen_from_the_register(city: City) -> None:
    melati = city.registry.posyandu[0]
    register = city.register_of(melati.registration_number)
    assert register is not None
    on = dt.date(2026, 11, 10)
    seen = {
        r.person_id
        for r in register.rows
        if r.visit_date and r.visit_date.strftime("%Y-%m") == "2026-11"
    }
    rows = {
        r["bidang"]: r
        for r in bidang_overview(
            melati, city.cases, as_of=on, taxonomy="bontang", register=register
        ).to_rows()
    }
    # 50 since the sample shows the life cycle (pregnant women, a mother in nifas).
    assert rows["kesehatan"]["served"] == len(seen) == 50
    assert rows["keluarga_berencana"]["served"] is None
    assert rows["lingkungan_hidup"]["cases"] == 1


def test_measurements_past_calibration_per_item(city: City) -> None:
    from posyandu_core.plugins.wilayah.equipment import (
        calibration_report,
        measurements_past_calibration,
    )

    rows = [r for register in city.registers for r in register.rows]
    per_item = measurements_past_calibration(rows, city.inventory, city.calibrations)
    assert per_item == {"GD-01": 7, "KNG-TBY-01": 4, "KNG-TIJ-01": 10, "DHL-TIJ-01": 12}
    states = equipment_states(city.inventory, city.calibrations, SAMPLE_AS_OF)
    report = calibration_report(states, attention_only=True, measured=per_item)
    assert report.columns[-1].key == "measured_past_due"
    assert sum(r["measured_past_due"] for r in report.to_rows()) == 33
