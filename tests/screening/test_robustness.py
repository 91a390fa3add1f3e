"""Any bad value in any argument gives a status, never an exception or a category."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.plugins.kesehatan.screening import (
    ScreeningResult,
    ScreeningStatus,
    adult,
    elderly,
    kb,
    maternal,
    sasaran,
    school,
)

D = dt.date
# A valid call of every screening function; each argument is then spoiled in turn.
CALLS: list[tuple[Callable[..., ScreeningResult], dict[str, Any]]] = [
    (sasaran.target_groups, {"birth_date": D(1990, 1, 1), "sex": "P", "on": D(2025, 1, 1), "status": ["hamil"], "married": True}),
    (sasaran.home_visit_band, {"birth_date": D(1990, 1, 1), "on": D(2025, 1, 1)}),
    (maternal.trimester, {"gestational_age_weeks": 10}),
    (maternal.anc_first_contact, {"gestational_age_weeks": 10}),
    (maternal.anc_summary, {"contacts": [maternal.AncContact(gestational_age_weeks=8)], "gestational_age_weeks": 20}),
    (maternal.anc_visit_requirements, {"contact": "K1"}),
    (maternal.kek, {"lila_cm": 23.0}),
    (maternal.pmt_kek, {"days_received": 30}),
    (maternal.short_stature, {"height_cm": 152.0}),
    (maternal.underweight_pre_pregnancy, {"imt_kg_m2": 19.0}),
    (maternal.anaemia, {"hb_g_dl": 11.0, "age_months": 200, "sex": "P"}),
    (maternal.iron_supplement, {"tablets_consumed": 60}),
    (maternal.weight_gain, {"pre_pregnancy_imt_kg_m2": 21.0, "gain_kg": 10.0}),
    (maternal.pregnancy_blood_pressure, {"systolic_mmhg": 120, "diastolic_mmhg": 80}),
    (maternal.danger_signs, {"stage": "nifas", "signs": ["demam_lebih_2_hari"]}),
    (maternal.postnatal_visit, {"delivered_at": D(2025, 5, 1), "visit_at": D(2025, 5, 3)}),
    (maternal.vitamin_a_nifas, {"capsules_given": 2}),
    (maternal.breastfeeding_fluids, {"baby_age_months": 3, "glasses_per_day": 12}),
    (school.imt_u, {"sex": "L", "age_months": 150, "imt_kg_m2": 18.0}),
    (school.blood_pressure, {"age_years": 10, "sex": "P", "systolic_mmhg": 100, "diastolic_mmhg": 60}),
    (school.anaemia_screening_due, {"sex": "P", "school_grade": 7}),
    (school.ttd_rematri, {"sex": "P", "school_grade": 8, "tablets_taken": 4, "weeks": 4}),
    (school.assist, {"score": 5}),
    (school.sdq_informant, {"age_years": 10}),
    (adult.imt, {"imt_kg_m2": 22.0, "age_years": 30}),
    (adult.central_obesity, {"sex": "L", "waist_cm": 85.0}),
    (adult.blood_pressure, {"systolic_mmhg": 120, "diastolic_mmhg": 80}),
    (adult.glucose, {"glucose_mg_dl": 100.0, "kind": "GDS"}),
    (adult.hba1c, {"hba1c_percent": 5.5}),
    (adult.total_cholesterol, {"total_cholesterol_mg_dl": 190.0}),
    (adult.ldl, {"ldl_mg_dl": 90.0}),
    (adult.hdl, {"hdl_mg_dl": 50.0}),
    (adult.triglycerides, {"triglycerides_mg_dl": 120.0}),
    (adult.lipid_profile_indicated, {"age_years": 50, "hypertension": True, "diabetes": False}),
    (adult.puma, {"sex": "L", "age_years": 50, "pack_years": 20, "breathless": True, "phlegm": False, "cough": False, "spirometry_before": False}),
    (adult.ptm_screening_due, {"age_years": 30, "obesity": False, "central_obesity": False, "high_blood_pressure": False}),
    (elderly.elderly_group, {"age_years": 65}),
    (elderly.skilas, {"orientation_correct": True, "recalls_three_words": True, "chair_stand_seconds": 10.0, "weight_loss": False, "appetite_loss": False, "lila_cm": 24.0, "eye_problem": False, "finger_count_correct": True, "hears_whisper": True, "feeling_sad": False, "little_interest": False}),
    (elderly.barthel, {"total": 15}),
    (elderly.mini_cog, {"recall_words": 3, "clock_points": 2}),
    (elderly.amt, {"score": 9}),
    (elderly.mna_sf, {"score": 12}),
    (elderly.rapuh, {"score": 1}),
    (elderly.gds4, {"score": 0}),
    (elderly.sppb, {"balance_points": 4, "gait_speed_points": 3, "chair_stand_points": 2}),
    (elderly.sarc_calf, {"sex": "L", "calf_cm": 35.0, "sarc_f_score": 3}),
    (elderly.eye_chart, {"acuity_denominator_6m": 9.0}),
    (adult.srq20, {"score": 3}),
    (kb.wus, {"sex": "P", "age_years": 25}),
    (kb.pus, {"married": True, "wife_age_years": 25}),
    (kb.four_t, {"mother_age_years": 25, "children_born": 1, "birth_interval_months": 30}),
    (kb.layak_hamil, {"age_years": 25, "children_born": 1, "months_since_last_birth": 30, "imt_kg_m2": 21.0, "lila_cm": 24.0, "hb_g_dl": 12.5, "chronic_disease_controlled": True}),
    (kb.contraceptive_method, {"method": "pil"}),
]  # fmt: skip

#: Option arguments (a closed set of names): a wrong one is a programming error.
OPTIONS = {"stage", "kind", "profile", "supplement", "conventions"}
JUNK = st.sampled_from(["x", math.inf, -math.inf, [object()], {"a": 1}, object()])


@pytest.mark.parametrize(
    ("function", "kwargs"), CALLS, ids=[f.__name__ for f, _ in CALLS]
)
def test_the_valid_call_is_classified(
    function: Callable[..., ScreeningResult], kwargs: dict[str, Any]
) -> None:
    assert function(**kwargs).classified


@pytest.mark.parametrize(
    ("function", "kwargs"), CALLS, ids=[f.__name__ for f, _ in CALLS]
)
@given(junk=JUNK, data=st.data())
def test_a_spoiled_argument_gets_a_status(
    function: Callable[..., ScreeningResult],
    kwargs: dict[str, Any],
    junk: Any,
    data: st.DataObject,
) -> None:
    name = data.draw(st.sampled_from(sorted(set(kwargs) - OPTIONS)))
    result = function(**{**kwargs, name: junk})
    assert isinstance(result, ScreeningResult)
    assert result.status is ScreeningStatus.INVALID, (name, junk, result)
    assert result.code is None
    assert result.field is not None
