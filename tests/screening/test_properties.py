"""Hypothesis properties of every screening rule.

Monotone in the measure, missing in → missing out, an invalid or
implausible input never gets a category, and a result's fields agree with
its status.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from tests.screening._banded import BANDED, Call, ident

from posyandu_core.plugins.kesehatan.screening import (
    Conventions,
    ScreeningResult,
    ScreeningStatus,
    adult,
    elderly,
    kb,
    maternal,
    school,
    screening_rule,
)


def _check_shape(result: ScreeningResult) -> None:
    if result.classified:
        assert result.code is not None
        assert result.label_id
        assert result.label_en
        assert result.action is not None
        assert result.problem is None
    else:
        assert result.code is None
        assert result.label_id is None
        assert result.kemkes_code is None
        assert result.action is None
        assert result.problem
    assert result.source
    assert result.confidence in {"V", "S", "U"}


def _span(rule_id: str, key: str | None, step: float) -> tuple[float, float]:
    bands = screening_rule(rule_id).bands(key)
    edges = [b.upper for b in bands[:-1]]
    low = max(0.0, edges[0] - 10 * step) if step < 1 else max(0.0, edges[0] - 10)
    return low, edges[-1] + (10 * step if step < 1 else 10)


@pytest.mark.parametrize("entry", BANDED, ids=ident)
@given(st.floats(0, 1), st.floats(0, 1))
def test_monotone_in_the_measure(
    entry: tuple[str, str | None, float, Call], a: float, b: float
) -> None:
    rule_id, key, step, call = entry
    low, high = _span(rule_id, key, step)
    x, y = sorted((low + a * (high - low), low + b * (high - low)))
    if step >= 1:
        x, y = math.floor(x), math.floor(y)
    first, second = call(x), call(y)
    _check_shape(first)
    _check_shape(second)
    assume(first.classified and second.classified)
    codes = [band.code for band in screening_rule(rule_id).bands(key)]
    assert codes.index(str(first.code)) <= codes.index(str(second.code))


_BAD = st.one_of(
    st.floats(max_value=-1e-9, allow_infinity=False, allow_nan=False),
    st.sampled_from([math.inf, -math.inf, "12", True, False, [1.0]]),
)


@pytest.mark.parametrize("entry", BANDED, ids=ident)
@given(value=_BAD)
def test_invalid_input_is_never_classified(
    entry: tuple[str, str | None, float, Call], value: Any
) -> None:
    _, _, _, call = entry
    result = call(value)
    _check_shape(result)
    assert result.status is ScreeningStatus.INVALID


@pytest.mark.parametrize("entry", BANDED, ids=ident)
def test_missing_in_missing_out(entry: tuple[str, str | None, float, Call]) -> None:
    _, _, _, call = entry
    for value in (None, math.nan):
        result = call(value)
        _check_shape(result)
        assert result.status is ScreeningStatus.MISSING_INPUT


_PLAUSIBLE: list[tuple[str, Call]] = [
    ("lila_cm", lambda v: maternal.kek(lila_cm=v)),
    ("hb_g_dl", lambda v: maternal.anaemia(hb_g_dl=v, pregnant=True)),
    ("imt_kg_m2", lambda v: adult.imt(imt_kg_m2=v)),
    ("waist_cm", lambda v: adult.central_obesity(sex="P", waist_cm=v)),
    ("glucose_mg_dl", lambda v: adult.glucose(glucose_mg_dl=v, kind="GDS")),
    ("hba1c_percent", lambda v: adult.hba1c(hba1c_percent=v)),
    (
        "systolic_mmhg",
        lambda v: adult.blood_pressure(systolic_mmhg=v, diastolic_mmhg=70),
    ),
    ("gestational_age_weeks", lambda v: maternal.trimester(gestational_age_weeks=v)),
]


@pytest.mark.parametrize(("field", "call"), _PLAUSIBLE, ids=[f for f, _ in _PLAUSIBLE])
@given(excess=st.floats(0.001, 1e6))
def test_implausible_input_is_flagged_not_classified(
    field: str, call: Call, excess: float
) -> None:
    result = call(1e3 + excess if field != "hba1c_percent" else 20 + excess)
    _check_shape(result)
    assert result.status is ScreeningStatus.IMPLAUSIBLE
    assert result.field == field


@given(
    systolic=st.integers(60, 300),
    diastolic=st.integers(30, 200),
    extra=st.integers(0, 40),
)
def test_adult_bp_never_improves_when_systolic_rises(
    systolic: int, diastolic: int, extra: int
) -> None:
    assume(systolic > diastolic)
    order = screening_rule("adult.blood_pressure").data["order"]["KMK_ILP_2023"]
    conv = Conventions(isolated_systolic_overrides=False)
    low = adult.blood_pressure(
        systolic_mmhg=systolic, diastolic_mmhg=diastolic, conventions=conv
    )
    high = adult.blood_pressure(
        systolic_mmhg=min(300, systolic + extra),
        diastolic_mmhg=diastolic,
        conventions=conv,
    )
    assert order.index(low.code) <= order.index(high.code)


@given(
    sex=st.sampled_from(["L", "P"]),
    age=st.integers(61, 228),
    a=st.floats(12.0, 30.0),
    b=st.floats(12.0, 30.0),
)
def test_imt_u_monotone_in_imt(sex: str, age: int, a: float, b: float) -> None:
    codes = ["gizi_buruk", "gizi_kurang", "gizi_baik", "gizi_lebih", "obesitas"]
    low, high = sorted((a, b))
    first = school.imt_u(sex=sex, age_months=age, imt_kg_m2=low)
    second = school.imt_u(sex=sex, age_months=age, imt_kg_m2=high)
    _check_shape(first)
    _check_shape(second)
    assume(first.classified and second.classified)
    assert first.value is not None
    assert second.value is not None
    assert first.value <= second.value
    assert codes.index(str(first.code)) <= codes.index(str(second.code))


_SKILAS_KEYS = [
    "orientation_correct", "recalls_three_words", "weight_loss", "appetite_loss",
    "eye_problem", "finger_count_correct", "hears_whisper", "feeling_sad", "little_interest",
]  # fmt: skip


@given(
    answers=st.fixed_dictionaries(
        {k: st.sampled_from([True, False, None]) for k in _SKILAS_KEYS}
    ),
    seconds=st.one_of(st.none(), st.floats(2.0, 60.0)),
)
def test_skilas_missing_only_without_a_positive(
    answers: dict[str, Any], seconds: float | None
) -> None:
    result = elderly.skilas(chair_stand_seconds=seconds, **answers)
    _check_shape(result)
    if result.status is ScreeningStatus.MISSING_INPUT:
        assert not any(
            v is True
            for k, v in answers.items()
            if k in {"weight_loss", "appetite_loss", "feeling_sad", "little_interest"}
        )
    else:
        assert result.classified
        positive = result.details["positive_domains"]
        assert (result.code == "positif") == bool(positive)


@given(
    items=st.fixed_dictionaries(
        {k: st.integers(0, m) for k, (m, _, _) in elderly.barthel_items().items()}
    )
)
def test_barthel_items_and_total_agree(items: dict[str, int]) -> None:
    by_items = elderly.barthel(items=items)
    by_total = elderly.barthel(total=sum(items.values()))
    assert by_items.code == by_total.code
    assert elderly.barthel(items=items, total=sum(items.values())).code == by_items.code
    mismatch = elderly.barthel(items=items, total=(sum(items.values()) + 1) % 21)
    assert mismatch.status is ScreeningStatus.INVALID


@given(
    age=st.one_of(st.none(), st.integers(10, 60)),
    children=st.one_of(st.none(), st.integers(0, 10)),
    interval=st.one_of(st.none(), st.integers(0, 120)),
)
def test_four_t_risks_follow_their_inputs(
    age: int | None, children: int | None, interval: int | None
) -> None:
    result = kb.four_t(
        mother_age_years=age, children_born=children, birth_interval_months=interval
    )
    _check_shape(result)
    if result.classified:
        risks = set(result.details["risks"])
        if age is not None:
            assert ("terlalu_muda" in risks) == (age < 20)
            assert ("terlalu_tua" in risks) == (age > 35)
        if interval is not None:
            assert ("terlalu_dekat" in risks) == (interval < 24)
    else:
        assert result.status is ScreeningStatus.MISSING_INPUT
        assert None in (age, children) or (interval is None and children)
