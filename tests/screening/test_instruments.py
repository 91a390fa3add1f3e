"""SPPB, SARC-CalF, SRQ-20 and the WHO eye chart: the follow-up instruments [U]."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.plugins.kesehatan.screening import (
    ScreeningStatus,
    adult,
    elderly,
    screening_rule,
)

POINTS = st.integers(0, 4)


def test_instruments_are_unverified_conventions_with_sources() -> None:
    for rule_id in (
        "elderly.sppb",
        "elderly.sarc_calf",
        "elderly.eye_chart",
        "adult.srq20",
    ):
        rule = screening_rule(rule_id)
        assert rule.confidence == "U"
        assert "[U]" in rule.domain
        assert "KMK" in rule.source


@pytest.mark.parametrize(
    ("points", "code"),
    [((2, 2, 2), "kinerja_rendah"), ((3, 2, 2), "kinerja_sedang"),
     ((3, 3, 3), "kinerja_sedang"), ((4, 3, 3), "kinerja_baik"), ((4, 4, 4), "kinerja_baik")],
)  # fmt: skip
def test_sppb_components(points: tuple[int, int, int], code: str) -> None:
    balance, gait, chair = points
    result = elderly.sppb(
        balance_points=balance, gait_speed_points=gait, chair_stand_points=chair
    )
    assert result.code == code
    assert result.value == sum(points)


@given(POINTS, POINTS, POINTS)
def test_sppb_components_equal_their_total(a: int, b: int, c: int) -> None:
    by_items = elderly.sppb(balance_points=a, gait_speed_points=b, chair_stand_points=c)
    assert by_items.code == elderly.sppb(score=a + b + c).code


def test_sppb_component_out_of_range_or_missing() -> None:
    assert (
        elderly.sppb(balance_points=5, gait_speed_points=1, chair_stand_points=1).status
        is ScreeningStatus.INVALID
    )
    missing = elderly.sppb(balance_points=4, gait_speed_points=1)
    assert (missing.status, missing.field) == (
        ScreeningStatus.MISSING_INPUT,
        "chair_stand_points",
    )
    assert elderly.sppb(score=13).status is ScreeningStatus.INVALID


@pytest.mark.parametrize(
    ("sex", "calf", "sarc_f", "code"),
    [("L", 33.9, 1, "kemungkinan_sarkopenia"), ("L", 34.0, 1, "tidak_ada_indikasi"),
     ("P", 32.9, 1, "kemungkinan_sarkopenia"), ("P", 33.0, 1, "tidak_ada_indikasi"),
     ("L", 34.0, 10, "tidak_ada_indikasi"), ("L", 33.9, 0, "tidak_ada_indikasi")],
)  # fmt: skip
def test_sarc_calf_calf_cut_offs_by_sex(
    sex: str, calf: float, sarc_f: int, code: str
) -> None:
    result = elderly.sarc_calf(sex=sex, calf_cm=calf, sarc_f_score=sarc_f)
    assert result.code == code
    assert result.details["low_calf"] is (calf < (34.0 if sex == "L" else 33.0))


def test_sarc_calf_items() -> None:
    items = {
        "strength": 1,
        "assistance_walking": 0,
        "rise_from_chair": 1,
        "climb_stairs": 0,
        "falls": 0,
    }
    result = elderly.sarc_calf(sex="L", calf_cm=32.0, sarc_f_items=items)
    assert (result.value, result.code) == (12.0, "kemungkinan_sarkopenia")
    bad = elderly.sarc_calf(sex="L", calf_cm=32.0, sarc_f_items={**items, "falls": 3})
    assert (bad.status, bad.field) == (ScreeningStatus.INVALID, "falls")
    short = elderly.sarc_calf(sex="L", calf_cm=32.0, sarc_f_items={"strength": 1})
    assert short.status is ScreeningStatus.MISSING_INPUT
    odd = elderly.sarc_calf(sex="L", calf_cm=5.0, sarc_f_score=1)
    assert odd.status is ScreeningStatus.IMPLAUSIBLE


@given(
    st.floats(20, 50),
    st.floats(20, 50),
    st.integers(0, 10),
    st.sampled_from(["L", "P"]),
)
def test_sarc_calf_smaller_calf_never_lowers_the_risk(
    a: float, b: float, sarc_f: int, sex: str
) -> None:
    small, large = sorted((a, b))
    codes = [band.code for band in screening_rule("elderly.sarc_calf").bands()]
    risk_small = elderly.sarc_calf(sex=sex, calf_cm=small, sarc_f_score=sarc_f).code
    risk_large = elderly.sarc_calf(sex=sex, calf_cm=large, sarc_f_score=sarc_f).code
    assert codes.index(str(risk_small)) >= codes.index(str(risk_large))


@pytest.mark.parametrize(
    ("denominator", "code"),
    [(6, "normal"), (12, "normal"), (18, "gangguan_ringan"), (24, "gangguan_sedang"),
     (60, "gangguan_sedang"), (120, "gangguan_berat"), (240, "kebutaan")],
)  # fmt: skip
def test_eye_chart_who_categories(denominator: float, code: str) -> None:
    assert elderly.eye_chart(acuity_denominator_6m=denominator).code == code


def test_eye_chart_implausible_line() -> None:
    assert (
        elderly.eye_chart(acuity_denominator_6m=1).status is ScreeningStatus.IMPLAUSIBLE
    )


def test_srq20_answers_and_cut_off() -> None:
    assert (
        adult.srq20(answers=[True] * 6 + [False] * 14).code
        == "kemungkinan_gangguan_mental_emosional"
    )
    assert adult.srq20(answers=[True] * 5 + [False] * 15).code == "normal"
    assert adult.srq20(answers=[True] * 19).status is ScreeningStatus.INVALID
    spoiled = adult.srq20(answers=[True] * 19 + ["ya"])  # type: ignore[list-item]
    assert (spoiled.status, spoiled.field) == (ScreeningStatus.INVALID, "answers")
    assert adult.srq20(score=21).status is ScreeningStatus.INVALID
    refer = adult.srq20(score=6).action
    assert refer is not None
    assert refer.referral == "puskesmas"


@given(st.lists(st.booleans(), min_size=20, max_size=20))
def test_srq20_answers_equal_their_count(answers: list[bool]) -> None:
    assert adult.srq20(answers=answers).code == adult.srq20(score=sum(answers)).code
