"""Before, on and after every threshold of every screening rule."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from tests.screening._banded import BANDED, Call, ident

from posyandu_core.plugins.kesehatan.screening import (
    Conventions,
    ScreeningResult,
    ScreeningStatus,
    adult,
    elderly,
    kb,
    maternal,
    sasaran,
    school,
    screening_rule,
    screening_rules,
)


def test_every_banded_rule_is_exercised() -> None:
    covered = {(rule, key) for rule, key, _, _ in BANDED}
    for rule in screening_rules().values():
        bands = rule.data.get("bands")
        if bands is None or rule.id == "sasaran.home_visit_band":
            continue
        keys = list(bands) if isinstance(bands, dict) else [None]
        for key in keys:
            assert (rule.id, key) in covered, (rule.id, key)


def _plausible_band(rule_id: str, value: float) -> bool:
    ranges = screening_rule(rule_id).data.get("plausible", {})
    return all(low <= value <= high for low, high in ranges.values()) or not ranges


@pytest.mark.parametrize("entry", BANDED, ids=ident)
def test_before_on_after_every_edge(entry: tuple[str, str | None, float, Call]) -> None:
    rule_id, key, step, call = entry
    bands = screening_rule(rule_id).bands(key)
    codes = [b.code for b in bands]
    for i, band in enumerate(bands[:-1]):
        edge = band.upper
        before, on, after = (call(v) for v in (edge - step, edge, edge + step))
        if edge - step < 0:  # below a score's scale: invalid, never a category
            assert before.status is ScreeningStatus.INVALID
        else:
            wide = band.upper - band.lower > step
            assert codes.index(str(before.code)) == (i if wide else i - 1), (
                key,
                edge - step,
            )
        on_band = i if band.upper_inclusive else i + 1
        assert on.code == codes[on_band], (rule_id, key, edge, on.problem)
        assert after.code == codes[i + 1], (rule_id, key, edge + step, after.problem)


@pytest.mark.parametrize("entry", BANDED, ids=ident)
def test_band_labels_and_actions(entry: tuple[str, str | None, float, Call]) -> None:
    rule_id, key, _, _ = entry
    for band in screening_rule(rule_id).bands(key):
        assert band.label_id
        assert band.label_en
        assert (
            math.isfinite(band.upper) or band is screening_rule(rule_id).bands(key)[-1]
        )


def test_anaemia_printed_gap_follows_the_rounding_convention() -> None:
    assert maternal.anaemia(hb_g_dl=10.95, pregnant=True).code == "anemia_ringan"
    rounded = Conventions(round_to_printed=True)
    result = maternal.anaemia(hb_g_dl=10.95, pregnant=True, conventions=rounded)
    assert result.code == "tidak_anemia"
    assert result.value == 10.95  # the measure is kept as given


def test_kemenkes_2003_gap_between_25_0_and_25_1() -> None:
    for value, plain, rounded in [(25.0, "normal", "normal"), (25.04, "gemuk_ringan", "normal"),
                                  (25.05, "gemuk_ringan", "gemuk_ringan")]:  # fmt: skip
        assert adult.imt(imt_kg_m2=value, profile="KEMENKES_2003").code == plain
        conv = Conventions(round_to_printed=True)
        assert (
            adult.imt(imt_kg_m2=value, profile="KEMENKES_2003", conventions=conv).code
            == rounded
        )


def test_pregnancy_blood_pressure_edges() -> None:
    def code(s: float, d: float) -> str | None:
        return maternal.pregnancy_blood_pressure(systolic_mmhg=s, diastolic_mmhg=d).code

    assert (code(139, 89), code(140, 89), code(139, 90)) == (
        "normal",
        "hipertensi",
        "hipertensi",
    )


def test_isolated_systolic_edges() -> None:
    def code(s: float, d: float, override: bool = True) -> str | None:
        conv = Conventions(isolated_systolic_overrides=override)
        return adult.blood_pressure(
            systolic_mmhg=s, diastolic_mmhg=d, conventions=conv
        ).code

    assert code(139, 89) == "normal_tinggi"
    assert code(140, 89) == "hipertensi_sistolik_terisolasi"
    assert code(140, 90) == "hipertensi_1"
    assert code(185, 89) == "hipertensi_sistolik_terisolasi"
    assert code(185, 89, override=False) == "hipertensi_3"


@pytest.mark.parametrize("sex", ["L", "P"])
@pytest.mark.parametrize("age", [7, 8, 9, 10, 11, 12])
def test_school_bp_table_edges(age: int, sex: str) -> None:
    table = screening_rule("school.blood_pressure").data["screening_thresholds"][sex]
    s, d = table[str(age)]

    def code(sbp: float, dbp: float) -> str | None:
        return school.blood_pressure(
            age_years=age, sex=sex, systolic_mmhg=sbp, diastolic_mmhg=dbp
        ).code

    assert code(s - 1, d - 1) == "di_bawah_ambang"
    assert code(s, d - 1) == "perlu_evaluasi"
    assert code(s - 1, d) == "perlu_evaluasi"


def test_school_bp_ages() -> None:
    def status(age: int) -> ScreeningStatus:
        return school.blood_pressure(
            age_years=age, sex="P", systolic_mmhg=100, diastolic_mmhg=60
        ).status

    assert status(6) is ScreeningStatus.NOT_APPLICABLE
    assert status(7) is ScreeningStatus.CLASSIFIED
    assert status(17) is ScreeningStatus.CLASSIFIED
    assert status(18) is ScreeningStatus.NOT_APPLICABLE


def test_postnatal_window_edges() -> None:
    born = dt.date(2025, 5, 1)

    def visit(days: int, kind: str = "KF") -> str | None:
        return maternal.postnatal_visit(
            delivered_at=born, visit_at=born + dt.timedelta(days=days), kind=kind
        ).code

    assert [visit(d) for d in (0, 2, 3, 7, 8, 28, 29, 42)] == [
        "KF1", "KF1", "KF2", "KF2", "KF3", "KF3", "KF4", "KF4"]  # fmt: skip
    assert [visit(d, "KN") for d in (2, 3, 7, 8, 28)] == [
        "KN1",
        "KN2",
        "KN2",
        "KN3",
        "KN3",
    ]
    late = maternal.postnatal_visit(
        delivered_at=born, visit_at=born + dt.timedelta(days=43)
    )
    assert late.status is ScreeningStatus.NOT_APPLICABLE
    day_one = Conventions(delivery_day_number=1)
    shifted = maternal.postnatal_visit(
        delivered_at=born, visit_at=born + dt.timedelta(days=2), conventions=day_one
    )
    assert shifted.code == "KF2"


def test_postnatal_six_hours() -> None:
    born = dt.datetime(2025, 5, 1, 8, 0)
    early = maternal.postnatal_visit(
        delivered_at=born, visit_at=born + dt.timedelta(hours=5, minutes=59)
    )
    assert early.status is ScreeningStatus.NOT_APPLICABLE
    on_time = maternal.postnatal_visit(
        delivered_at=born, visit_at=born + dt.timedelta(hours=6)
    )
    assert on_time.code == "KF1"


def test_iron_and_vitamin_a_counts() -> None:
    assert maternal.pmt_kek(days_received=89).code == "belum_cukup"
    assert maternal.pmt_kek(days_received=90).code == "cukup"
    assert maternal.iron_supplement(tablets_consumed=89).code == "belum_cukup"
    assert maternal.iron_supplement(tablets_consumed=90).code == "cukup"
    assert (
        maternal.iron_supplement(tablets_consumed=179, supplement="MMS").code
        == "belum_cukup"
    )
    assert (
        maternal.iron_supplement(tablets_consumed=180, supplement="MMS").code == "cukup"
    )
    assert maternal.vitamin_a_nifas(capsules_given=1).code == "belum_lengkap"
    assert maternal.vitamin_a_nifas(capsules_given=2).code == "lengkap"


def test_breastfeeding_periods() -> None:
    glasses = [
        maternal.breastfeeding_fluids(baby_age_months=m).details[
            "advised_glasses_per_day"
        ]
        for m in (0, 5, 6, 11)
    ]
    assert glasses == [14, 14, 12, 12]
    assert (
        maternal.breastfeeding_fluids(baby_age_months=12).status
        is ScreeningStatus.NOT_APPLICABLE
    )
    assert (
        maternal.breastfeeding_fluids(baby_age_months=3, glasses_per_day=13.9).code
        == "kurang"
    )
    assert (
        maternal.breastfeeding_fluids(baby_age_months=3, glasses_per_day=14).code
        == "cukup"
    )


def test_trimester_of_contacts_and_first_contact() -> None:
    assert maternal.anc_first_contact(gestational_age_weeks=12).kemkes_code == "K1M"
    assert maternal.anc_first_contact(gestational_age_weeks=12.01).kemkes_code == "K1A"


def test_anaemia_group_edges() -> None:
    def group(months: int, sex: str = "P") -> str | None:
        return maternal.anaemia_group(age_months=months, sex=sex)

    assert [group(m) for m in (5, 6, 59, 60, 143, 144, 179, 180)] == [
        None, "child_6_59", "child_6_59", "child_5_11", "child_5_11", "child_12_14",
        "child_12_14", "women_15"]  # fmt: skip
    assert group(180, "L") == "men_15"


def test_four_t_edges() -> None:
    def risks(**kwargs: Any) -> tuple[str, ...]:
        result = kb.four_t(**kwargs)
        return tuple(result.details["risks"])

    assert risks(mother_age_years=19, children_born=0) == ("terlalu_muda",)
    assert risks(mother_age_years=20, children_born=0) == ()
    assert risks(mother_age_years=35, children_born=0) == ()
    assert risks(mother_age_years=36, children_born=0) == ("terlalu_tua",)
    assert risks(mother_age_years=25, children_born=1, birth_interval_months=23) == (
        "terlalu_dekat",
    )
    assert risks(mother_age_years=25, children_born=1, birth_interval_months=24) == ()
    assert risks(mother_age_years=25, children_born=2, birth_interval_months=30) == ()
    assert risks(mother_age_years=25, children_born=3, birth_interval_months=30) == (
        "terlalu_banyak",
    )
    four = Conventions(too_many_children_from=4)
    assert kb.four_t(mother_age_years=25, children_born=3, birth_interval_months=30,
                     conventions=four).code == "tidak_4t"  # fmt: skip


def test_layak_hamil_edges() -> None:
    ideal: dict[str, Any] = {"age_years": 20, "children_born": 2, "months_since_last_birth": 25,
             "imt_kg_m2": 18.5, "lila_cm": 23.5, "hb_g_dl": 12.0,
             "chronic_disease_controlled": True}  # fmt: skip
    assert kb.layak_hamil(**ideal).code == "layak_hamil"
    changes: list[tuple[dict[str, Any], str]] = [
        ({"age_years": 36}, "usia"), ({"age_years": 19}, "usia"),
        ({"children_born": 3}, "jumlah_anak"), ({"months_since_last_birth": 24}, "jarak_kelahiran"),
        ({"imt_kg_m2": 25.0}, "imt"), ({"imt_kg_m2": 18.4}, "imt"), ({"lila_cm": 23.4}, "lila"),
        ({"hb_g_dl": 11.9}, "tidak_anemia"), ({"chronic_disease_controlled": False}, "penyakit_kronis_terkontrol"),
    ]  # fmt: skip
    for change, criterion in changes:
        result = kb.layak_hamil(**{**ideal, **change})
        assert result.code == "belum_layak_hamil"
        assert result.details["unmet"] == (criterion,)
    assert kb.layak_hamil(**{**ideal, "age_years": 35}).code == "layak_hamil"


def test_puma_point_edges() -> None:
    base: dict[str, Any] = {"sex": "P", "breathless": False, "phlegm": False, "cough": False,
            "spirometry_before": False}  # fmt: skip

    def points(age: int, packs: float) -> dict[str, int]:
        return dict(
            adult.puma(age_years=age, pack_years=packs, **base).details["points"]
        )

    assert [points(a, 10)["age"] for a in (40, 49, 50, 59, 60)] == [0, 0, 1, 1, 2]
    assert [points(45, p)["pack_years"] for p in (19.9, 20, 30, 30.1)] == [0, 1, 1, 2]
    assert (
        adult.puma(age_years=39, pack_years=10, **base).status
        is ScreeningStatus.NOT_APPLICABLE
    )
    five = adult.puma(sex="L", age_years=60, pack_years=31, breathless=False, phlegm=False,
                      cough=False, spirometry_before=False)  # fmt: skip
    assert (five.value, five.code) == (5.0, "risiko_rendah")
    six = adult.puma(sex="L", age_years=60, pack_years=31, breathless=True, phlegm=False,
                     cough=False, spirometry_before=False)  # fmt: skip
    assert (six.value, six.code) == (6.0, "risiko_ppok")


def test_ptm_screening_ages() -> None:
    assert (
        adult.ptm_screening_due(age_years=14).status is ScreeningStatus.NOT_APPLICABLE
    )
    no_risk = {"obesity": False, "central_obesity": False, "high_blood_pressure": False}
    assert adult.ptm_screening_due(age_years=15, **no_risk).details["due"] == (
        "obesitas",
        "hipertensi",
    )
    assert (
        "diabetes"
        not in adult.ptm_screening_due(age_years=39, **no_risk).details["due"]
    )
    assert "diabetes" in adult.ptm_screening_due(age_years=40, **no_risk).details["due"]
    risky = adult.ptm_screening_due(age_years=20, obesity=False, central_obesity=True,
                                    high_blood_pressure=False)  # fmt: skip
    assert "diabetes" in risky.details["due"]
    assert (
        "diabetes"
        in adult.ptm_screening_due(age_years=20, tb_patient=True).details["due"]
    )
    assert adult.ptm_screening_due(age_years=20).details["undetermined"] == (
        "diabetes",
    )
    assert (
        adult.ptm_screening_due(age_years=50, months_since_last_screening=11).code
        == "tidak_wajib"
    )
    assert (
        adult.ptm_screening_due(age_years=50, months_since_last_screening=12).code
        == "wajib_skrining"
    )


def _action(result: ScreeningResult) -> str:
    assert result.action is not None
    return result.action.code


def test_lipid_profile_and_statin_edges() -> None:
    def code(age: int) -> str | None:
        return adult.lipid_profile_indicated(
            age_years=age, hypertension=True, diabetes=False
        ).code

    assert (code(40), code(41)) == ("tidak_diindikasikan", "diindikasikan")
    no_disease = adult.lipid_profile_indicated(
        age_years=60, hypertension=False, diabetes=False
    )
    assert no_disease.code == "tidak_diindikasikan"
    assert _action(adult.total_cholesterol(total_cholesterol_mg_dl=320)) == "edukasi"
    assert (
        _action(adult.total_cholesterol(total_cholesterol_mg_dl=321)) == "rujuk_statin"
    )


def test_school_programme_edges() -> None:
    due = school.anaemia_screening_due
    assert [due(sex="P", school_grade=g).code for g in (6, 7, 8, 10)] == [
        "tidak_dijadwalkan", "wajib_skrining", "tidak_dijadwalkan", "wajib_skrining"]  # fmt: skip
    assert due(sex="P", age_years=12, screened_before=False).code == "wajib_skrining"
    assert due(sex="P", age_years=13, screened_before=False).code == "tidak_dijadwalkan"
    assert due(sex="L", school_grade=7).status is ScreeningStatus.NOT_APPLICABLE
    ttd = school.ttd_rematri
    assert ttd(sex="P", school_grade=6).status is ScreeningStatus.NOT_APPLICABLE
    assert ttd(sex="P", school_grade=7).code == "sasaran"
    assert ttd(sex="P", school_grade=12).code == "sasaran"
    assert ttd(sex="P", school_grade=9, tablets_taken=12, weeks=12).code == "sesuai"
    assert ttd(sex="P", school_grade=9, tablets_taken=11, weeks=12).code == "kurang"
    assert [school.sdq_informant(age_years=a).code for a in (4, 11, 12, 18)] == [
        "orang_tua_guru", "orang_tua_guru", "mandiri", "mandiri"]  # fmt: skip
    assert school.sdq_informant(age_years=19).status is ScreeningStatus.NOT_APPLICABLE


def test_skilas_edges() -> None:
    base: dict[str, Any] = {"orientation_correct": True, "recalls_three_words": True, "weight_loss": False,
            "appetite_loss": False, "lila_cm": 21.0, "eye_problem": False,
            "finger_count_correct": True, "hears_whisper": True, "feeling_sad": False,
            "little_interest": False}  # fmt: skip
    assert elderly.skilas(chair_stand_seconds=14.0, **base).code == "negatif"
    assert elderly.skilas(chair_stand_seconds=14.01, **base).code == "positif"
    thin: dict[str, Any] = {**base, "lila_cm": 20.99}
    assert elderly.skilas(chair_stand_seconds=10, **thin).details[
        "positive_domains"
    ] == ("malnutrisi",)
    no_test = elderly.skilas(chair_stand_seconds=10, **{**base, "hears_whisper": None},
                             whisper_test_possible=False)  # fmt: skip
    assert no_test.details["positive_domains"] == ("pendengaran",)


def test_wus_pus_edges() -> None:
    assert [kb.wus(sex="P", age_years=a).code for a in (14, 15, 39, 40, 49, 50)] == [
        "bukan_wus", "wus_td", "wus_td", "wus", "wus", "bukan_wus"]  # fmt: skip
    assert kb.wus(sex="L", age_years=20).status is ScreeningStatus.NOT_APPLICABLE
    assert [kb.pus(married=True, wife_age_years=a).code for a in (14, 15, 49, 50)] == [
        "bukan_pus", "pus", "pus", "bukan_pus"]  # fmt: skip
    assert kb.pus(married=False, wife_age_years=30).code == "bukan_pus"


def test_home_visit_band_edges() -> None:
    born = dt.date(2000, 1, 15)

    def band(on: dt.date) -> str | None:
        return sasaran.home_visit_band(birth_date=born, on=on).code

    assert band(dt.date(2000, 7, 14)) == "bayi"  # 5 completed months
    assert band(dt.date(2000, 7, 15)) == "balita_prasekolah"
    assert band(dt.date(2006, 1, 14)) == "balita_prasekolah"  # 71 months
    assert band(dt.date(2006, 1, 15)) == "usia_sekolah_remaja"
    assert band(dt.date(2019, 1, 14)) == "usia_sekolah_remaja"  # 18 years
    assert band(dt.date(2019, 1, 15)) == "dewasa"
    assert band(dt.date(2060, 1, 14)) == "dewasa"
    assert band(dt.date(2060, 1, 15)) == "lansia"


def test_target_group_edges() -> None:
    born = dt.date(2000, 1, 15)

    def groups(on: dt.date, **kwargs: Any) -> tuple[str, ...]:
        return tuple(
            sasaran.target_groups(birth_date=born, sex="P", on=on, **kwargs).details[
                "groups"
            ]
        )

    assert "BBL" in groups(dt.date(2000, 2, 12))  # day 28
    assert "BBL" not in groups(dt.date(2000, 2, 13))  # day 29
    assert "PTM" not in groups(dt.date(2015, 1, 14))
    assert {"PTM", "WUS"} <= set(groups(dt.date(2015, 1, 15)))
    assert "PUS" in groups(dt.date(2020, 1, 15), married=True)
    assert "PUS" not in groups(dt.date(2050, 1, 15), married=True)
    assert "NIFAS" in groups(dt.date(2025, 1, 1), status=["nifas"])
    man = sasaran.target_groups(birth_date=born, sex="L", on=dt.date(2025, 1, 1), married=True,
                                wife_birth_date=dt.date(1999, 1, 1))  # fmt: skip
    assert "PUS" in man.details["groups"]


@pytest.mark.parametrize("kind", ["KF", "KN"])
@pytest.mark.parametrize("day_number", [0, 1])
def test_postnatal_schedule_matches_the_windows(kind: str, day_number: int) -> None:
    conv = Conventions(delivery_day_number=day_number)
    born = dt.date(2025, 12, 30)
    schedule = maternal.postnatal_schedule(
        delivered_on=born, kind=kind, conventions=conv
    )
    for visit, first, last in schedule:
        for day in (first, last):
            result = maternal.postnatal_visit(
                delivered_at=born, visit_at=day, kind=kind, conventions=conv
            )
            assert result.code == visit
        before = maternal.postnatal_visit(
            delivered_at=born,
            visit_at=first - dt.timedelta(days=1),
            kind=kind,
            conventions=conv,
        )
        assert before.code != visit
