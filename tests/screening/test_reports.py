"""Monthly life-cycle counts."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.screening._helpers import row

from posyandu_core.plugins.kesehatan.screening.reports import (
    COLUMNS,
    INDICATORS,
    lifecycle_monthly_report,
)
from posyandu_core.register import Register
from posyandu_core.register.sample import load_sample_register

D = dt.date


REGISTER = Register(
    rows=(
        row(1, "B1", D(2026, 3, 10), D(1995, 1, 1), status=("hamil",), hpht=D(2026, 1, 1),
             muac_cm=22.0, hb_g_dl=10.0, systolic_mmhg=120, diastolic_mmhg=80),
        row(2, "B2", D(2026, 3, 10), D(1990, 1, 1), status=("hamil",), gestational_age_weeks=30,
             muac_cm=25.0, hb_g_dl=11.0, systolic_mmhg=140, diastolic_mmhg=85),
        row(3, "B3", D(2026, 3, 10), D(1999, 1, 1), status=("hamil",)),
        row(4, "M1", D(2026, 3, 3), D(1992, 1, 1), status=("nifas",), delivery_date=D(2026, 3, 1)),
        row(5, "M1", D(2026, 3, 10), D(1992, 1, 1), status=("nifas",)),
        row(6, "A1", D(2026, 3, 10), D(1980, 1, 1), sex="L", systolic_mmhg=150, diastolic_mmhg=95,
             waist_cm=95.0, glucose_mg_dl=130.0, glucose_kind="GDP"),
        row(7, "A2", D(2026, 3, 10), D(1990, 1, 1), sex="L", systolic_mmhg=118, diastolic_mmhg=76),
        row(8, "A3", D(2025, 6, 10), D(1985, 1, 1)),  # known, not screened this month
        row(9, "A4", D(2024, 6, 10), D(1985, 1, 1)),  # not seen for over a year
        row(10, "L1", D(2026, 3, 10), D(1950, 1, 1), systolic_mmhg=145, diastolic_mmhg=80,
             adl_barthel=10, skilas=("mobilitas",)),
        row(11, "L2", D(2026, 3, 10), D(1955, 1, 1), adl_barthel=20, skilas=("negatif",)),
        row(12, "L1", D(2026, 2, 10), D(1950, 1, 1), systolic_mmhg=170, diastolic_mmhg=100),
    ),
    columns=(),
)  # fmt: skip

EXPECTED = {
    "bumil_dilayani": 3, "bumil_trimester_1": 1, "bumil_trimester_2": 0, "bumil_trimester_3": 1,
    "bumil_trimester_tidak_diketahui": 1, "bumil_kek": 1, "bumil_anemia": 1, "bumil_hipertensi": 1,
    "bumil_k1_akses": 0, "bumil_k1_murni": 0, "bumil_k4": 0, "bumil_k4_sesuai_jadwal": 0,
    "bumil_k6": 0, "bumil_k6_sesuai_standar": 0, "bumil_anc_tidak_terbaca": 0,
    "nifas_dilayani": 1, "nifas_kf1": 1, "nifas_kf2": 0, "nifas_kf3": 1, "nifas_kf4": 0,
    "dewasa_skrining_td": 2, "dewasa_hipertensi": 1, "dewasa_obesitas_sentral": 1,
    "dewasa_gula_darah_diabetes": 1, "lansia_skrining_td": 1, "lansia_hipertensi": 1,
    "lansia_obesitas_sentral": 0, "lansia_gula_darah_diabetes": 0, "lansia_aks_kelompok_a": 1,
    "lansia_aks_kelompok_b": 1, "lansia_aks_kelompok_c": 0, "lansia_skilas_diperiksa": 2,
    "lansia_skilas_positif": 1,
}  # fmt: skip


def test_counts_of_a_month() -> None:
    report = lifecycle_monthly_report(REGISTER, "2026-03")
    assert {line.indicator: line.count for line in report.lines} == EXPECTED


def test_coverage_denominators() -> None:
    rows = {
        r["indicator"]: r
        for r in lifecycle_monthly_report(REGISTER, "2026-03").to_rows()
    }
    # DEWASA known in the 12 months to 2026-03-31: the three pregnant women, M1, A1, A2, A3.
    assert rows["dewasa_skrining_td"]["denominator"] == 7
    assert rows["lansia_skrining_td"]["denominator"] == 2
    assert rows["bumil_kek"]["denominator"] is None


def test_rows_have_the_documented_keys_and_every_indicator() -> None:
    rows = lifecycle_monthly_report(REGISTER, "2026-03").to_rows()
    assert [r["indicator"] for r in rows] == list(INDICATORS)
    for line in rows:
        assert set(line) == set(COLUMNS)
        assert line["bidang"] == "kesehatan"
        assert line["month"] == "2026-03"


def test_other_month_and_bad_month() -> None:
    february = lifecycle_monthly_report(REGISTER, "2026-02")
    assert february.count("lansia_hipertensi") == 1
    assert february.count("bumil_dilayani") == 0
    with pytest.raises(ValueError, match="YYYY-MM"):
        lifecycle_monthly_report(REGISTER, "Maret 2026")


def test_sample_register_counts_are_consistent() -> None:
    register = load_sample_register()
    for month in ("2026-01", "2026-06", "2026-11"):
        report = lifecycle_monthly_report(register, month)
        for prefix in ("dewasa", "lansia"):
            screened = report.count(f"{prefix}_skrining_td")
            assert report.count(f"{prefix}_hipertensi") <= screened
            line = next(
                x for x in report.lines if x.indicator == f"{prefix}_skrining_td"
            )
            assert line.denominator is not None
            assert screened <= line.denominator
        by_trimester = sum(
            report.count(f"bumil_{t}")
            for t in (
                "trimester_1",
                "trimester_2",
                "trimester_3",
                "trimester_tidak_diketahui",
            )
        )
        assert by_trimester == report.count("bumil_dilayani")
