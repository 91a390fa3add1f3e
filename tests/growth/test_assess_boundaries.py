"""``assess`` on the day before, on and after its thresholds, and what it passes on.

Each result is compared with the vectorised engine called directly, so a
wrong argument (sex, age, measure, oedema) is seen, not only a wrong band.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from posyandu_core.errors import InvalidMeasurementError
from posyandu_core.growth import anthro_zscores, anthroplus_zscores, assess
from posyandu_core.growth._assess import IndicatorResult
from posyandu_core.model import MeasureMethod, Sex

BIRTH = dt.date(2020, 1, 1)


def _on(days: int) -> dt.date:
    return BIRTH + dt.timedelta(days=days)


@pytest.mark.parametrize(
    ("days", "reference"),
    [(1826, "who2006"), (1827, "who2007"), (6939, "who2007"), (6940, "none")],
)
def test_reference_by_age(days: int, reference: str) -> None:
    # 60 months = 1826.25 days; 228 months = 6939.75 days.
    a = assess(sex=1, birth_date=BIRTH, measured_on=_on(days), weight_kg=18.0)
    assert a.reference == reference
    assert a.age_days == days


@pytest.mark.parametrize(("sex", "who"), [("L", 1), (Sex.FEMALE, 2), (2, 2)])
def test_under_5_matches_the_engine(sex: Sex | str | int, who: int) -> None:
    a = assess(
        sex=sex,
        birth_date=BIRTH,
        measured_on=_on(800),
        weight_kg=11.0,
        length_cm=84.0,
        method=MeasureMethod.LYING,
        head_circumference_cm=47.0,
    )
    t = anthro_zscores(
        sex=who, age=800, weight=11.0, lenhei=84.0, measure="l", headc=47.0
    )
    assert a.sex is Sex.parse(who)
    assert a.length_height_cm == pytest.approx(t["clenhei"][0])  # 84 - 0.7
    assert a.length_height_cm == pytest.approx(83.3)
    assert a.bmi == pytest.approx(t["cbmi"][0])
    results = {
        "zwei": a.weight_for_age,
        "zlen": a.length_height_for_age,
        "zwfl": a.weight_for_length_height,
        "zbmi": a.bmi_for_age,
        "zhc": a.head_circumference_for_age,
    }
    for column, result in results.items():
        assert result is not None, column
        assert result.zscore == t[column][0], column
        assert result.flagged is False
        assert result.category is not None
    assert {r.index for r in results.values() if r} == {
        "bb_u", "pb_tb_u", "bb_pb_tb", "imt_u_0_60", "lk_u",
    }  # fmt: skip


def test_method_text_and_oedema_reach_the_engine() -> None:
    a = assess(
        sex="P",
        birth_date=BIRTH,
        measured_on=_on(500),
        weight_kg=9.0,
        length_cm=76.0,
        method="berdiri",
        oedema=True,
    )
    assert a.length_height_cm == pytest.approx(76.7)  # standing under 2 years
    assert a.weight_for_age is not None
    assert a.weight_for_age.zscore is None  # oedema: no weight-based z
    assert a.weight_for_age.flagged is None
    assert a.weight_for_age.category is None
    assert a.weight_for_age.label_id is None
    assert a.weight_for_age.label_en is None
    assert a.weight_for_age.kemkes_code is None
    assert a.length_height_for_age is not None
    assert a.length_height_for_age.zscore is not None
    without = assess(sex="P", birth_date=BIRTH, measured_on=_on(500), weight_kg=9.0)
    assert without.weight_for_age is not None
    assert without.weight_for_age.zscore is not None
    assert without.length_height_cm is None
    assert without.bmi is None
    assert without.length_height_for_age is None
    assert without.weight_for_length_height is None
    assert without.bmi_for_age is None
    assert without.head_circumference_for_age is None
    assert without.muac is None
    assert without.stunted is None


def test_only_what_was_measured_is_assessed() -> None:
    a = assess(sex=1, birth_date=BIRTH, measured_on=_on(300), length_cm=70.0)
    assert a.weight_for_age is None
    assert a.weight_for_length_height is None
    assert a.bmi_for_age is None
    assert a.length_height_for_age is not None
    head = assess(
        sex=1, birth_date=BIRTH, measured_on=_on(300), head_circumference_cm=44.0
    )
    assert head.length_height_for_age is None
    assert head.head_circumference_for_age is not None


@pytest.mark.parametrize(("z_length", "stunted"), [(67.0, True), (None, None)])
def test_stunted_needs_a_length(z_length: float | None, stunted: bool | None) -> None:
    a = assess(sex=1, birth_date=BIRTH, measured_on=_on(365), length_cm=z_length)
    assert a.stunted is stunted


@pytest.mark.parametrize(
    ("zscore", "stunted"), [(-2.01, True), (-2.0, False), (-1.99, False)]
)
def test_stunted_below_minus_two(zscore: float, stunted: bool) -> None:
    a = assess(sex=1, birth_date=BIRTH, measured_on=_on(365), length_cm=75.0)
    result = IndicatorResult(
        index="pb_tb_u", zscore=zscore, flagged=False, category=None
    )
    assert attrs.evolve(a, length_height_for_age=result).stunted is stunted


@pytest.mark.parametrize(
    ("months_days", "classified"),
    [(181, False), (182, True), (1825, True), (1827, False)],
)
def test_muac_from_6_to_59_completed_months(months_days: int, classified: bool) -> None:
    # 2020-01-01 + 182 days = 2020-07-01 (6 completed months);
    # + 1825 days = 2024-12-31 (59); + 1827 days = 2025-01-02 (60).
    a = assess(sex=1, birth_date=BIRTH, measured_on=_on(months_days), muac_cm=11.0)
    assert a.muac is not None
    assert a.muac.index == "lila"
    assert a.muac.zscore is None
    assert (a.muac.category is not None) is classified
    if classified:
        assert a.muac.category is not None
        assert a.muac.category.id == "gizi_buruk"
        assert a.muac.kemkes_code == "OV000249"


def test_school_age_matches_anthroplus() -> None:
    days = 3000
    a = assess(
        sex="P", birth_date=BIRTH, measured_on=_on(days), weight_kg=22.0,
        length_cm=122.0, oedema=False, muac_cm=16.0, head_circumference_cm=50.0,
    )  # fmt: skip
    t = anthroplus_zscores(
        sex=2, age_in_months=days / 30.4375, height_in_cm=122.0, weight_in_kg=22.0
    )
    assert a.reference == "who2007"
    assert a.length_height_cm == 122.0
    assert a.bmi == pytest.approx(t["cbmi"][0])
    assert a.weight_for_age is not None
    assert a.weight_for_age.index == "wfa_2007"
    assert a.weight_for_age.zscore == t["zwfa"][0]
    assert a.weight_for_age.flagged is False
    assert a.weight_for_age.category is None
    assert a.length_height_for_age is not None
    assert a.length_height_for_age.index == "hfa_2007"
    assert a.length_height_for_age.zscore == t["zhfa"][0]
    assert a.length_height_for_age.flagged is False
    assert a.bmi_for_age is not None
    assert a.bmi_for_age.index == "imt_u_5_18"
    assert a.bmi_for_age.zscore == t["zbfa"][0]
    assert a.bmi_for_age.category is not None
    assert a.head_circumference_for_age is None
    assert a.weight_for_length_height is None
    assert a.muac is not None
    assert a.muac.category is None  # LiLA cut-offs stop at 59 months


def test_school_age_oedema_and_missing_values() -> None:
    a = assess(
        sex=1, birth_date=BIRTH, measured_on=_on(3000), weight_kg=22.0,
        length_cm=122.0, oedema=True,
    )  # fmt: skip
    assert a.weight_for_age is not None
    assert a.weight_for_age.zscore is None
    assert a.weight_for_age.flagged is None
    assert a.bmi_for_age is not None
    assert a.bmi_for_age.zscore is None
    assert a.length_height_for_age is not None
    assert a.length_height_for_age.zscore is not None
    only_height = assess(
        sex=1, birth_date=BIRTH, measured_on=_on(3000), length_cm=122.0
    )
    assert only_height.weight_for_age is None
    assert only_height.bmi_for_age is None
    assert only_height.bmi is None
    only_weight = assess(sex=1, birth_date=BIRTH, measured_on=_on(3000), weight_kg=22.0)
    assert only_weight.length_height_for_age is None
    assert only_weight.length_height_cm is None


@pytest.mark.parametrize(("days", "error"), [(-1, True), (0, False)])
def test_measured_before_birth_is_an_error(days: int, error: bool) -> None:
    if not error:
        assert assess(sex=1, birth_date=BIRTH, measured_on=_on(days)).age_days == 0
        return
    with pytest.raises(InvalidMeasurementError, match="precedes") as caught:
        assess(sex=1, birth_date=BIRTH, measured_on=_on(days))
    assert caught.value.field == "measured_on"
    assert caught.value.value == _on(days)
