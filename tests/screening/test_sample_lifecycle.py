"""The packaged sample register shows the whole life cycle (issue #13 point 2)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import pytest

from posyandu_core.cli import main
from posyandu_core.plugins.kesehatan.screening.reports import lifecycle_monthly_report
from posyandu_core.plugins.kesehatan.screening.services import lifecycle_findings
from posyandu_core.register.sample import load_sample_register

LAST_OPEN_DAY = dt.date(2026, 11, 10)
SAMPLE = Path(str(files("posyandu_core").joinpath("data", "sample", "register.csv")))


def test_sample_findings_cover_every_life_stage() -> None:
    found = defaultdict(set)
    for finding in lifecycle_findings(load_sample_register(), LAST_OPEN_DAY):
        found[finding.code].add(finding.person_id)
    for code in (
        "maternal.trimester.trimester_1",
        "maternal.trimester.trimester_3",
        "maternal.kek.kek",
        "maternal.anaemia.anemia_sedang",
        "maternal.danger_signs.ada_tanda_bahaya",
        "maternal.pregnancy_blood_pressure.hipertensi",
        "maternal.anc_first_contact.k1_akses",
        "maternal.anc_summary.kurang",
        "maternal.postnatal_visit.due.KF2",
        "school.imt_u.obesitas",
        "school.ttd_rematri.sasaran",
        "adult.blood_pressure.hipertensi_1",
        "adult.glucose.diabetes",
        "adult.glucose.prediabetes",
        "elderly.barthel.ketergantungan_sedang",
        "elderly.barthel.ketergantungan_total",
        "elderly.skilas.positif",
    ):
        assert found[code], code
    # One woman per maternal finding, as the sample plans them.
    assert len(found["maternal.kek.kek"]) == 1
    assert len(found["maternal.danger_signs.ada_tanda_bahaya"]) == 1


def test_sample_november_report_counts_the_life_cycle() -> None:
    report = lifecycle_monthly_report(load_sample_register(), "2026-11")
    expected = {
        "bumil_dilayani": 3, "bumil_trimester_1": 1, "bumil_trimester_3": 2,
        "bumil_kek": 1, "bumil_anemia": 1, "bumil_hipertensi": 1,
        "bumil_k6": 1, "bumil_k6_sesuai_standar": 1, "bumil_anc_tidak_terbaca": 0,
        "nifas_kf1": 1, "lansia_aks_kelompok_a": 1, "lansia_aks_kelompok_b": 1,
        "lansia_aks_kelompok_c": 1, "lansia_skilas_positif": 3,
    }  # fmt: skip
    assert {k: report.count(k) for k in expected} == expected


def test_sample_k1_and_k4_months() -> None:
    register = load_sample_register()
    counts = {
        month: lifecycle_monthly_report(register, month)
        for month in ("2026-08", "2026-09", "2026-10")
    }
    assert counts["2026-08"].count("bumil_k1_akses") >= 1  # the late first contact
    assert counts["2026-10"].count("bumil_k1_murni") >= 1
    assert sum(r.count("bumil_k4") for r in counts.values()) >= 1


def test_cli_report_and_findings_on_the_sample(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sample = str(SAMPLE)
    argv = [
        "report",
        "siklus-hidup",
        sample,
        "--month",
        "11/2026",
        "--as-of",
        "10/11/2026",
    ]
    assert main([*argv, "--format", "json"]) == 0
    rows = {r["indicator"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    assert rows["bumil_k6_sesuai_standar"]["count"] == 1
    assert rows["lansia_aks_kelompok_c"]["count"] == 1
    argv = [
        "findings",
        sample,
        "--as-of",
        "10/11/2026",
        "--format",
        "csv",
        "--csv-dialect",
        "intl",
    ]
    assert main([*argv, "--lang", "en"]) == 0
    codes = {r["code"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert {"maternal.kek.kek", "maternal.anc_summary.kurang",
            "maternal.postnatal_visit.due.KF2", "elderly.skilas.positif"} <= codes  # fmt: skip
