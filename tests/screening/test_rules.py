"""Rule data, IMT/U reference rows (DOMAIN.md §3.7) and the functions' inputs."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest

from posyandu_core._data import load_rule_table
from posyandu_core.growth import measurement_at_zscore
from posyandu_core.model import ReferralTarget
from posyandu_core.plugins.kesehatan.screening import (
    Conventions,
    ScreeningStatus,
    actions,
    adult,
    convention_docs,
    elderly,
    kb,
    maternal,
    sasaran,
    school,
    screening_rules,
)

MODULES = (sasaran, maternal, school, adult, elderly, kb)

# DOMAIN.md §3.7: IMT/U -3 ... +3 SD, rounded to 0.1.
IMT_U_ROWS = [
    ("L", 180, [14.7, 16.0, 17.6, 19.8, 22.7, 27.0, 34.1]),
    ("P", 120, [12.4, 13.5, 14.8, 16.6, 19.0, 22.6, 28.4]),
]
# Permenkes 2/2020 IMT/U 5-18 y: the category of a z equal to -3 ... +3.
AT_SD = [
    "gizi_kurang",
    "gizi_baik",
    "gizi_baik",
    "gizi_baik",
    "gizi_baik",
    "gizi_lebih",
    "obesitas",
]


@pytest.mark.parametrize(("sex", "months", "row"), IMT_U_ROWS)
def test_imt_u_reference_rows(sex: str, months: int, row: list[float]) -> None:
    who_sex = 1 if sex == "L" else 2
    curve = measurement_at_zscore(
        "bfa_2007", [-3, -2, -1, 0, 1, 2, 3], sex=who_sex, at=months
    )
    assert curve.round(1).tolist() == row
    for z, imt, code in zip(range(-3, 4), curve.tolist(), AT_SD, strict=True):
        result = school.imt_u(sex=sex, age_months=months, imt_kg_m2=imt)
        assert result.value == z
        assert result.code == code


def test_imt_u_ages_and_plausibility() -> None:
    assert (
        school.imt_u(sex="L", age_months=60, imt_kg_m2=15).status
        is ScreeningStatus.NOT_APPLICABLE
    )
    assert school.imt_u(sex="L", age_months=61, imt_kg_m2=15).classified
    assert school.imt_u(sex="L", age_months=228, imt_kg_m2=20).classified
    assert (
        school.imt_u(sex="L", age_months=229, imt_kg_m2=20).status
        is ScreeningStatus.NOT_APPLICABLE
    )
    extreme = school.imt_u(sex="P", age_months=120, imt_kg_m2=60)
    assert extreme.status is ScreeningStatus.IMPLAUSIBLE
    computed = school.imt_u(sex="P", age_months=120, weight_kg=21.6, height_cm=130)
    assert computed.value == -2.61  # WHO anthroplus: zbfa -2.61
    assert (
        school.imt_u(sex="X", age_months=120, imt_kg_m2=15).status
        is ScreeningStatus.INVALID
    )
    obese = school.imt_u(sex="L", age_months=180, imt_kg_m2=28.5)
    assert obese.action is not None
    assert obese.action.recheck_after_months == 3


def test_every_rule_has_source_date_confidence() -> None:
    rules = screening_rules()
    assert len(rules) >= 45
    for rule in rules.values():
        assert rule.source
        assert dt.date.fromisoformat(rule.valid_from) >= dt.date(2000, 1, 1)
        assert rule.confidence in {"V", "S", "U"}
        assert rule.domain.startswith("§")


def test_every_action_named_by_a_rule_exists() -> None:
    known = set(actions())
    for rule in screening_rules().values():
        raw = rule.data.get("bands", {})
        sets = raw.values() if isinstance(raw, dict) else [raw]
        for bands in sets:
            for band in bands:
                assert band.get("action", "tidak_ada") in known, (rule.id, band)
        for entry in rule.data.get("categories", {}).values():
            assert entry.get("action", "tidak_ada") in known, rule.id
        for code in rule.data.get("actions", {}).values():
            assert code in known


def test_conventions_are_documented_with_their_defaults() -> None:
    docs = convention_docs()
    defaults = Conventions()
    for field in Conventions.__attrs_attrs__:
        assert field.name in docs
        assert docs[field.name]["default"] == getattr(defaults, field.name)
        assert docs[field.name]["doc_id"]
        assert docs[field.name]["doc_en"]


def test_refer_on_monitoring_switch() -> None:
    high_normal = adult.blood_pressure(systolic_mmhg=135, diastolic_mmhg=86)
    assert high_normal.referral is None
    refer = Conventions(refer_on_monitoring=True)
    switched = adult.blood_pressure(
        systolic_mmhg=135, diastolic_mmhg=86, conventions=refer
    )
    assert switched.referral is ReferralTarget.PUSKESMAS
    normal = adult.blood_pressure(
        systolic_mmhg=125, diastolic_mmhg=82, conventions=refer
    )
    assert normal.referral is None


def test_every_public_function_is_documented_with_an_example() -> None:
    count = 0
    for module in MODULES:
        for name in module.__all__:
            function = getattr(module, name)
            if inspect.isfunction(function):
                doc = inspect.getdoc(function) or ""
                assert ">>>" in doc, f"{module.__name__}.{name} has no example"
                count += 1
    assert count >= 45


def test_screening_functions_take_keywords_only() -> None:
    for module in MODULES:
        for name in module.__all__:
            function = getattr(module, name)
            if not hasattr(function, "__wrapped__"):
                continue
            for parameter in inspect.signature(function).parameters.values():
                assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, (
                    name,
                    parameter,
                )


def test_anc_summary() -> None:
    contacts = [
        maternal.AncContact(gestational_age_weeks=8, by_doctor=True, usg=True),
        maternal.AncContact(gestational_age_weeks=16),
        maternal.AncContact(gestational_age_weeks=22),
        maternal.AncContact(gestational_age_weeks=28),
        maternal.AncContact(gestational_age_weeks=32, by_doctor=True, usg=True),
        maternal.AncContact(gestational_age_weeks=36),
    ]
    done = maternal.anc_summary(contacts=contacts, delivered=True)
    assert done.code == "lengkap"
    assert done.details["per_trimester"] == {
        "trimester_1": 1,
        "trimester_2": 2,
        "trimester_3": 3,
    }
    assert all(c["on_schedule"] for c in done.details["contacts"])
    no_usg = [*contacts[:4], maternal.AncContact(gestational_age_weeks=32), contacts[5]]
    assert maternal.anc_summary(contacts=no_usg, delivered=True).details[
        "shortfalls"
    ] == ("K5: dokter + USG / doctor + ultrasound",)
    late = [maternal.AncContact(gestational_age_weeks=14), *contacts[1:]]
    summary = maternal.anc_summary(contacts=late, delivered=True)
    assert summary.code == "kurang"
    assert summary.details["contacts"][0] == {
        "contact": "K1",
        "trimester": "trimester_2",
        "on_schedule": False,
    }
    extra = maternal.anc_summary(
        contacts=[*contacts, maternal.AncContact(gestational_age_weeks=38)],
        delivered=True,
    )
    assert extra.details["contacts"][-1]["contact"] == "tambahan"
    ongoing = maternal.anc_summary(contacts=contacts[:1], gestational_age_weeks=12)
    assert ongoing.code == "sesuai_jadwal"  # trimester 1 not over yet
    none_yet = maternal.anc_summary(contacts=[], gestational_age_weeks=13)
    assert none_yet.code == "kurang"
    missing_age = maternal.anc_summary(contacts=[])
    assert missing_age.status is ScreeningStatus.MISSING_INPUT
    bad = maternal.anc_summary(
        contacts=[maternal.AncContact(gestational_age_weeks=60)], delivered=True
    )
    assert bad.status is ScreeningStatus.IMPLAUSIBLE


def test_anc_visit_requirements() -> None:
    k1 = maternal.anc_visit_requirements(contact="K1")
    assert {"dokter", "usg", "dokter_gigi", "hb", "triple_eliminasi"} <= set(
        k1.details["requirements"]
    )
    assert (
        "usg" in maternal.anc_visit_requirements(contact="K5").details["requirements"]
    )
    assert (
        maternal.anc_visit_requirements(contact="K7").status is ScreeningStatus.INVALID
    )


def test_danger_signs() -> None:
    assert (
        maternal.danger_signs(stage="kehamilan", signs=[]).code
        == "tidak_ada_tanda_bahaya"
    )
    refer = maternal.danger_signs(stage="kehamilan", signs=["perdarahan"])
    assert refer.referral is ReferralTarget.PUSKESMAS
    assert (
        maternal.danger_signs(stage="kehamilan", signs=None).status
        is ScreeningStatus.MISSING_INPUT
    )
    unknown = maternal.danger_signs(stage="nifas", signs=["perdarahan"])
    assert unknown.status is ScreeningStatus.INVALID
    slow = maternal.danger_signs(
        stage="bayi_baru_lahir", signs=[], respiratory_rate_per_min=59
    )
    assert slow.code == "tidak_ada_tanda_bahaya"
    with pytest.raises(ValueError, match="not a valid"):
        maternal.danger_signs(stage="lansia", signs=[])


def test_weight_gain_position() -> None:
    below = maternal.weight_gain(pre_pregnancy_imt_kg_m2=22, gain_kg=11.4)
    within = maternal.weight_gain(pre_pregnancy_imt_kg_m2=22, gain_kg=16)
    above = maternal.weight_gain(pre_pregnancy_imt_kg_m2=31, gain_kg=9.1)
    assert [r.details["gain"] for r in (below, within, above)] == [
        "below",
        "within",
        "above",
    ]
    assert within.kemkes_code == "OV000009"


def test_glucose_for_known_diabetes() -> None:
    controlled = adult.glucose(glucose_mg_dl=150, kind="GDS", known_diabetes=True)
    assert controlled.action is not None
    assert controlled.action.code == "pantau_gula_darah_bulanan"
    uncontrolled = adult.glucose(glucose_mg_dl=250, kind="GDS", known_diabetes=True)
    assert uncontrolled.referral is ReferralTarget.PUSKESMAS
    unknown = adult.glucose(glucose_mg_dl=100, kind="random")
    assert unknown.status is ScreeningStatus.INVALID
    assert unknown.field == "kind"


def test_missing_and_invalid_inputs_of_the_other_rules() -> None:
    missing = ScreeningStatus.MISSING_INPUT
    invalid = ScreeningStatus.INVALID
    na = ScreeningStatus.NOT_APPLICABLE
    cases = [
        (maternal.anaemia(hb_g_dl=12.0, age_months=4, sex="L"), na),
        (maternal.anaemia(hb_g_dl=12.0, age_months=200), missing),
        (maternal.anaemia(hb_g_dl=12.0), missing),
        (maternal.iron_supplement(tablets_consumed=90.5), invalid),  # type: ignore[arg-type]
        (maternal.iron_supplement(tablets_consumed=None), missing),
        (maternal.postnatal_visit(delivered_at=dt.date(2025, 5, 2), visit_at=dt.date(2025, 5, 1)), invalid),
        (maternal.postnatal_visit(delivered_at=None, visit_at=dt.date(2025, 5, 1)), missing),
        (maternal.postnatal_visit(delivered_at=dt.date(2025, 5, 1), visit_at=dt.date(2025, 5, 1), kind="KX"), invalid),
        (maternal.vitamin_a_nifas(capsules_given=-1), invalid),
        (maternal.underweight_pre_pregnancy(), missing),
        (maternal.underweight_pre_pregnancy(weight_kg=50), missing),
        (maternal.underweight_pre_pregnancy(weight_kg=50, height_cm=1.55), ScreeningStatus.IMPLAUSIBLE),
        (school.blood_pressure(age_years=10, sex="L", systolic_mmhg=70, diastolic_mmhg=80), ScreeningStatus.IMPLAUSIBLE),
        (school.anaemia_screening_due(sex="P"), missing),
        (school.anaemia_screening_due(sex="P", age_years=12), missing),
        (school.assist(score=40, substance="alcohol"), invalid),
        (school.assist(score=5, substance="tobacco"), invalid),
        (school.ttd_rematri(sex="P"), missing),
        (school.ttd_rematri(sex="P", school_grade=8, tablets_taken=100, weeks=10), invalid),
        (adult.imt(imt_kg_m2=22, age_years=17), na),
        (adult.central_obesity(sex=None, waist_cm=80), missing),
        (adult.central_obesity(sex="Q", waist_cm=80), invalid),
        (adult.puma(sex="L", age_years=50, pack_years=0, breathless=True, phlegm=True, cough=True, spirometry_before=True), na),
        (adult.puma(sex="L", age_years=50, pack_years=10, breathless=None, phlegm=True, cough=True, spirometry_before=True), missing),
        (adult.lipid_profile_indicated(age_years=50, hypertension=None, diabetes=True), missing),
        (elderly.elderly_group(age_years=44), na),
        (elderly.barthel(), missing),
        (elderly.barthel(total=21), invalid),
        (elderly.barthel(items={"bab": 3}), invalid),
        (elderly.barthel(items={"mandi": 1}), missing),
        (elderly.barthel(items={"terbang": 1}), invalid),
        (elderly.mini_cog(recall_words=2, clock_points=1), invalid),
        (elderly.rapuh(resistance=True), missing),
        (elderly.gds4(satisfied_with_life=True), missing),
        (elderly.skilas(), missing),
        (elderly.skilas(weight_loss="ya"), invalid),  # type: ignore[arg-type]
        (kb.four_t(), missing),
        (kb.four_t(mother_age_years=25, children_born=2), missing),
        (kb.layak_hamil(age_years=25), missing),
        (kb.contraceptive_method(method="susuk"), invalid),
        (kb.contraceptive_method(method=None), missing),
        (kb.pus(married=None, wife_age_years=30), missing),
        (sasaran.target_groups(birth_date=None, sex="P", on=dt.date(2025, 1, 1)), missing),
        (sasaran.target_groups(birth_date=dt.date(2025, 1, 2), sex="P", on=dt.date(2025, 1, 1)), invalid),
        (sasaran.target_groups(birth_date=dt.date(2000, 1, 1), sex="P", on=dt.date(2025, 1, 1), status=["sakit"]), invalid),
        (sasaran.home_visit_band(birth_date=dt.date(1800, 1, 1), on=dt.date(2025, 1, 1)), invalid),
    ]  # fmt: skip
    for i, (result, status) in enumerate(cases):
        assert result.status is status, (i, result.rule, result.problem)
        assert result.code is None
        assert result.problem
        assert " / " in result.problem  # Indonesian / English


def test_rapuh_items_and_gds4_items() -> None:
    frail = elderly.rapuh(
        resistance=True,
        activity=True,
        illness_count=5,
        walking=False,
        weight_loss=False,
    )
    assert (frail.value, frail.code) == (3.0, "rapuh")
    four = elderly.rapuh(
        resistance=True,
        activity=True,
        illness_count=4,
        walking=False,
        weight_loss=False,
    )
    assert four.code == "pra_rapuh"
    depressed = elderly.gds4(
        satisfied_with_life=False,
        often_bored=True,
        often_helpless=False,
        feel_worthless=False,
    )
    assert (depressed.value, depressed.code) == (2.0, "depresi")
    assert depressed.referral is ReferralTarget.PUSTU


def test_contraceptive_groups_and_levels() -> None:
    expected = {
        "akdr": ("mkjp", "pustu"), "implan": ("mkjp", "pustu"), "mow": ("mkjp", "puskesmas"),
        "mop": ("mkjp", "puskesmas"), "suntik_3_bulan": ("non_mkjp", "posyandu"),
        "pil": ("non_mkjp", "posyandu"), "kondom": ("non_mkjp", "posyandu"), "mal": ("alamiah", "posyandu"),
    }  # fmt: skip
    for method, (group, level) in expected.items():
        result = kb.contraceptive_method(method=method)
        assert (result.code, result.details["level"]) == (group, level)
    assert kb.contraceptive_method(method="suntik_1_bulan").details["by_nakes"] is True


def test_wus_reuses_the_shared_tables() -> None:
    stage = next(s for s in load_rule_table("sasaran")["stage"] if s["code"] == "WUS")
    assert kb.wus_age_years() == (stage["min"], stage["max"])
    assert kb.td_target_age_years() == tuple(
        load_rule_table("imunisasi")["td"]["target_age_years"]
    )


def test_reference_page_lists_every_rule_from_the_data() -> None:
    from pathlib import Path

    from posyandu_core.plugins.kesehatan.screening._reference import reference_tables

    page = Path(__file__).parents[2] / "docs" / "reference" / "screening.md"
    text = page.read_text(encoding="utf-8")
    assert reference_tables() in text, (
        "regenerate: python -m posyandu_core.plugins.kesehatan.screening._reference docs/reference/screening.md"
    )
    for rule in screening_rules().values():
        assert f"| `{rule.id}` |" in text
        assert rule.source.replace("|", "\\|") in text
