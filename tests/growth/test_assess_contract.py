"""``assess`` hands on what the z-score engine found: flags and issues.

A flagged (biologically implausible) z-score must reach the kader's screen as
``flagged=True``, and the engine's issues (a negative weight) must reach
``Assessment.issues`` — under five (WHO 2006) and from five (WHO 2007) alike.
"""

from __future__ import annotations

import datetime as dt

import pytest

from posyandu_core.growth import assess

BORN = dt.date(2018, 1, 1)
UNDER_FIVE = dt.date(2019, 1, 1)  # 12 months: WHO 2006
SCHOOL_AGE = dt.date(2025, 1, 1)  # 84 months: WHO 2007


def test_an_implausible_weight_under_five_is_flagged() -> None:
    a = assess(sex="L", birth_date=BORN, measured_on=UNDER_FIVE, weight_kg=30.0)
    assert a.reference == "who2006"
    assert a.weight_for_age is not None
    assert a.weight_for_age.flagged is True
    plausible = assess(sex="L", birth_date=BORN, measured_on=UNDER_FIVE, weight_kg=9.6)
    assert plausible.weight_for_age is not None
    assert plausible.weight_for_age.flagged is False


def test_implausible_values_from_five_years_are_flagged() -> None:
    a = assess(
        sex="P", birth_date=BORN, measured_on=SCHOOL_AGE, weight_kg=150.0,
        length_cm=190.0,
    )  # fmt: skip
    assert a.reference == "who2007"
    assert a.weight_for_age is not None
    assert a.weight_for_age.flagged is True
    assert a.length_height_for_age is not None
    assert a.length_height_for_age.flagged is True
    assert a.bmi_for_age is not None
    assert a.bmi_for_age.flagged is True
    plausible = assess(
        sex="P", birth_date=BORN, measured_on=SCHOOL_AGE, weight_kg=22.0,
        length_cm=120.0,
    )  # fmt: skip
    for result in (
        plausible.weight_for_age,
        plausible.length_height_for_age,
        plausible.bmi_for_age,
    ):
        assert result is not None
        assert result.flagged is False


@pytest.mark.parametrize("measured_on", [UNDER_FIVE, SCHOOL_AGE])
def test_the_engine_issues_reach_the_assessment(measured_on: dt.date) -> None:
    a = assess(sex="L", birth_date=BORN, measured_on=measured_on, weight_kg=-3.0)
    assert [issue.field for issue in a.issues] in (["weight"], ["weight_in_kg"])
    assert a.issues[0].code.startswith("growth.negative.")
    clean = assess(sex="L", birth_date=BORN, measured_on=measured_on, weight_kg=15.0)
    assert clean.issues == ()
