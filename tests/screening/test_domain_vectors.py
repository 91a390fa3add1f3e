"""DOMAIN.md §15 vectors #21-#25, #47-#75 and #83, to the last published digit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from posyandu_core.model import ReferralTarget
from posyandu_core.plugins.kesehatan.screening import (
    ScreeningResult,
    adult,
    elderly,
    kb,
    maternal,
    school,
)


def _is(result: ScreeningResult, code: str) -> None:
    assert result.classified, result.problem
    assert result.code == code, (result.code, result.label_en)


@pytest.mark.parametrize(
    ("vector", "sex", "age_months", "imt", "z", "code"),
    [
        (21, "P", 120, 12.8, -2.59, "gizi_kurang"),
        (22, "P", 120, 12.0, -3.35, "gizi_buruk"),
        (23, "L", 180, 28.5, 2.27, "obesitas"),
        (24, "L", 180, 24.0, 1.35, "gizi_lebih"),
        (25, "L", 180, 19.8, 0.01, "gizi_baik"),
    ],
)
def test_imt_u_5_18(
    vector: int, sex: str, age_months: int, imt: float, z: float, code: str
) -> None:
    result = school.imt_u(sex=sex, age_months=age_months, imt_kg_m2=imt)
    _is(result, code)
    assert result.value == z


def test_47_48_kek_boundary() -> None:
    _is(maternal.kek(lila_cm=22.9), "kek")
    assert maternal.kek(lila_cm=22.9).kemkes_code == "OI000018"
    _is(maternal.kek(lila_cm=23.5), "tidak_kek")


def test_49_50_anaemia_in_pregnancy() -> None:
    mild = maternal.anaemia(hb_g_dl=10.5, pregnant=True)
    _is(mild, "anemia_ringan")
    assert mild.kemkes_code == "OI000032"
    severe = maternal.anaemia(hb_g_dl=6.8, pregnant=True)
    _is(severe, "anemia_berat")
    assert severe.kemkes_code == "OI000034"


def test_51_girl_13_anaemia() -> None:
    result = maternal.anaemia(hb_g_dl=11.5, age_months=13 * 12, sex="P")
    _is(result, "anemia_ringan")
    assert result.details["group"] == "child_12_14"


def test_52_weight_gain_range() -> None:
    result = maternal.weight_gain(pre_pregnancy_imt_kg_m2=17.9)
    _is(result, "kurang")
    assert result.details["recommended_gain_kg"] == (12.5, 18.0)


def test_53_hypertension_in_pregnancy_refers() -> None:
    result = maternal.pregnancy_blood_pressure(systolic_mmhg=142, diastolic_mmhg=88)
    _is(result, "hipertensi")
    assert result.referral is ReferralTarget.PUSKESMAS


def test_54_kf2() -> None:
    result = maternal.postnatal_visit(
        delivered_at=dt.date(2025, 5, 1), visit_at=dt.date(2025, 5, 5)
    )
    _is(result, "KF2")


def test_55_k1_murni() -> None:
    result = maternal.anc_first_contact(gestational_age_weeks=10)
    _is(result, "k1_murni")
    assert result.kemkes_code == "K1M"
    assert maternal.trimester(gestational_age_weeks=10).code == "trimester_1"


@pytest.mark.parametrize(
    ("vector", "systolic", "diastolic", "code"),
    [
        (56, 150, 95, "hipertensi_1"),
        (57, 135, 86, "normal_tinggi"),
        (58, 118, 78, "optimal"),
        (59, 145, 85, "hipertensi_sistolik_terisolasi"),
        (60, 128, 92, "hipertensi_1"),
    ],
)
def test_56_60_adult_blood_pressure(
    vector: int, systolic: int, diastolic: int, code: str
) -> None:
    _is(adult.blood_pressure(systolic_mmhg=systolic, diastolic_mmhg=diastolic), code)


def test_61_62_adult_imt_profiles() -> None:
    _is(adult.imt(imt_kg_m2=24.0), "berat_badan_lebih_berisiko")
    _is(adult.imt(imt_kg_m2=24.0, profile="KEMENKES_2003"), "normal")
    _is(adult.imt(imt_kg_m2=26.5), "obesitas_1")
    _is(adult.imt(imt_kg_m2=26.5, profile="KEMENKES_2003"), "gemuk_ringan")


def test_63_central_obesity() -> None:
    _is(adult.central_obesity(sex="L", waist_cm=92), "obesitas_sentral")
    _is(adult.central_obesity(sex="P", waist_cm=80), "normal")


def test_64_66_glucose() -> None:
    high = adult.glucose(glucose_mg_dl=210, kind="GDS")
    _is(high, "diabetes")
    assert high.referral is ReferralTarget.PUSKESMAS
    pre = adult.glucose(glucose_mg_dl=110, kind="GDP")
    _is(pre, "prediabetes")
    assert pre.action is not None
    assert pre.action.recheck_after_months == 3
    _is(adult.glucose(glucose_mg_dl=139, kind="GDS"), "normal")


def test_67_total_cholesterol() -> None:
    _is(adult.total_cholesterol(total_cholesterol_mg_dl=215), "batas_tinggi")


def test_68_puma() -> None:
    result = adult.puma(
        sex="L", age_years=52, pack_years=25, breathless=True, phlegm=True,
        cough=True, spirometry_before=False,
    )  # fmt: skip
    _is(result, "risiko_ppok")
    assert result.value == 6
    assert result.referral is ReferralTarget.PUSKESMAS


_NEGATIVE_SKILAS: dict[str, Any] = {
    "orientation_correct": True, "recalls_three_words": True, "chair_stand_seconds": 10.0,
    "weight_loss": False, "appetite_loss": False, "lila_cm": 25.0, "eye_problem": False,
    "finger_count_correct": True, "hears_whisper": True, "feeling_sad": False,
    "little_interest": False,
}  # fmt: skip


def test_69_skilas_mobility() -> None:
    result = elderly.skilas(**{**_NEGATIVE_SKILAS, "chair_stand_seconds": 16.0})
    _is(result, "positif")
    assert result.details["positive_domains"] == ("mobilitas",)
    assert result.details["follow_up"] == {"mobilitas": "SPPB"}


def test_70_skilas_malnutrition() -> None:
    result = elderly.skilas(**{**_NEGATIVE_SKILAS, "lila_cm": 20.5})
    _is(result, "positif")
    assert result.details["positive_domains"] == ("malnutrisi",)


def test_71_barthel() -> None:
    expected = {
        11: ("ketergantungan_sedang", "B"),
        20: ("mandiri", "A"),
        4: ("ketergantungan_total", "C"),
    }
    for total, (code, group) in expected.items():
        result = elderly.barthel(total=total)
        _is(result, code)
        assert result.details["care_group"] == group


def test_72_rapuh() -> None:
    _is(elderly.rapuh(score=2), "pra_rapuh")


def test_73_mini_cog() -> None:
    result = elderly.mini_cog(recall_words=1, clock_points=0)
    _is(result, "kemungkinan_gangguan_kognitif")
    assert result.value == 1


def test_74_terlalu_tua() -> None:
    result = kb.four_t(mother_age_years=36)
    _is(result, "berisiko_4t")
    assert result.details["risks"] == ("terlalu_tua",)


def test_75_terlalu_dekat() -> None:
    result = kb.four_t(birth_interval_months=18)
    assert result.details["risks"] == ("terlalu_dekat",)


def test_83_school_blood_pressure() -> None:
    result = school.blood_pressure(
        age_years=10, sex="L", systolic_mmhg=110, diastolic_mmhg=70
    )
    _is(result, "perlu_evaluasi")
    assert result.details["threshold_mmhg"] == (108, 72)
