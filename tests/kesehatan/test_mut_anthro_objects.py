"""The object forms of the plugin's growth-engine calls: ``assess``, ``faltering``.

``assess`` gives the z-scores and Permenkes 2/2020 categories of each
weighing (DOMAIN.md §3.2, §3.7 medians), ``faltering`` the §4.4 check of
each weight increment against WHO's printed 1-month percentile; both agree
with their column forms.
"""

from __future__ import annotations

import numpy as np
import pytest

from posyandu_core.errors import ReferenceDataError
from posyandu_core.model import MeasureMethod, Sex
from posyandu_core.plugins.kesehatan._anthro import (
    Anthro,
    AnthroInput,
    Faltering,
    IncrementInput,
    anthro_columns,
    assess,
    faltering,
    faltering_checks,
)

LYING, STANDING = MeasureMethod.LYING, MeasureMethod.STANDING

WEIGHINGS = [
    # §3.7 medians of a boy at 12 months: 9.6 kg, 75.7 cm
    AnthroInput(
        sex=Sex.MALE,
        age_days=365,
        weight_kg=9.6,
        length_cm=75.7,
        measure=LYING,
        head_cm=46.1,
    ),
    # a girl just under 24 months measured standing: +0.7 cm to a length
    AnthroInput(
        sex=Sex.FEMALE,
        age_days=730,
        weight_kg=9.0,
        length_cm=80.0,
        measure=STANDING,
        oedema=False,
    ),
    # the same girl lying, with oedema: no weight-based z-score
    AnthroInput(
        sex=Sex.FEMALE,
        age_days=730,
        weight_kg=9.0,
        length_cm=80.0,
        measure=LYING,
        oedema=True,
    ),
    # not weighed: only the length is assessed (§3.7 median height at 24 mo)
    AnthroInput(sex=Sex.MALE, age_days=731, weight_kg=None, length_cm=87.1),
    # weighed, no length
    AnthroInput(sex=Sex.FEMALE, age_days=365, weight_kg=8.9, head_cm=44.9),
]

EXPECTED = [
    Anthro(
        waz=-0.04,
        haz=-0.02,
        whz=-0.06,
        hcz=0.03,
        bbu="berat_badan_normal",
        tbu="normal",
        bbtb="gizi_baik",
        lk="normosefali",
    ),
    Anthro(
        waz=-2.03,
        haz=-1.77,
        whz=-1.47,
        bbu="berat_badan_kurang",
        tbu="normal",
        bbtb="gizi_baik",
    ),
    Anthro(haz=-1.98, tbu="normal"),
    Anthro(haz=-0.01, tbu="normal"),
    Anthro(waz=-0.04, hcz=0.0, bbu="berat_badan_normal", lk="normosefali"),
]


def test_assess_each_weighing_in_order() -> None:
    assert assess(WEIGHINGS) == EXPECTED
    assert assess(WEIGHINGS[::-1]) == EXPECTED[::-1]


def test_assess_one_weighing_at_a_time() -> None:
    for one, expected in zip(WEIGHINGS, EXPECTED, strict=True):
        assert assess([one]) == [expected]


def test_assess_nothing() -> None:
    assert assess([]) == []


def test_whole_numbers_are_read_as_numbers() -> None:
    whole = AnthroInput(
        sex=Sex.MALE, age_days=365, weight_kg=10, length_cm=76, head_cm=46
    )
    decimal = AnthroInput(
        sex=Sex.MALE, age_days=365, weight_kg=10.0, length_cm=76.0, head_cm=46.0
    )
    assert assess([whole]) == assess([decimal])
    assert assess([whole])[0].bbu == "berat_badan_normal"


def test_columns_at_a_weighing() -> None:
    columns = anthro_columns(
        sex=np.array([w.sex for w in WEIGHINGS], dtype=object),
        age_days=np.array([w.age_days for w in WEIGHINGS], dtype=np.int64),
        weight_kg=np.array(
            [np.nan if w.weight_kg is None else w.weight_kg for w in WEIGHINGS]
        ),
        length_cm=np.array(
            [np.nan if w.length_cm is None else w.length_cm for w in WEIGHINGS]
        ),
        measure=np.array([w.measure for w in WEIGHINGS], dtype=object),
        oedema=np.array([w.oedema for w in WEIGHINGS], dtype=object),
        head_cm=np.array(
            [np.nan if w.head_cm is None else w.head_cm for w in WEIGHINGS]
        ),
    )
    assert [columns.at(i) for i in range(len(WEIGHINGS))] == EXPECTED
    assert columns.at(1) == EXPECTED[1]
    assert columns.at(4) == EXPECTED[4]


# -- weight faltering (§4.4): WHO's printed P5 of 1-month increments --------


def _boy(start: int, end: int, gain: float) -> IncrementInput:
    return IncrementInput(
        sex=Sex.MALE, start_age_days=start, end_age_days=end, increment_g=gain
    )


NOT_ASSESSED = Faltering()


def test_faltering_below_the_printed_p5() -> None:
    increments = [
        _boy(61, 91, 445),  # below 446 g, boys 2-3 months
        _boy(61, 91, 446.0),  # on it
        IncrementInput(
            sex=Sex.FEMALE, start_age_days=61, end_age_days=91, increment_g=368.4
        ),  # girls: 369 g; 368.4 g reads as 368
        _boy(61, 121, 100),  # two months: not assessed
        _boy(350, 380, -200),  # 11-12 months: P5 is a loss of 106 g
        _boy(366, 396, -200),  # past WHO's table
    ]
    assert faltering(increments, percentile=5, tolerance_days=7) == [
        Faltering(
            faltering=True, threshold_g=446, who_row="2 – 3 mo", interval_months=1
        ),
        Faltering(
            faltering=False, threshold_g=446, who_row="2 – 3 mo", interval_months=1
        ),
        Faltering(
            faltering=True, threshold_g=369, who_row="2 – 3 mo", interval_months=1
        ),
        NOT_ASSESSED,
        Faltering(
            faltering=True, threshold_g=-106, who_row="11 – 12 mo", interval_months=1
        ),
        NOT_ASSESSED,
    ]


def test_faltering_row_rule_defaults_to_the_nearest_month() -> None:
    # 50 days is 1.64 months: nearest row 2-3 months, completed row 1-2 months
    early = [_boy(50, 80, 500)]
    nearest = Faltering(
        faltering=False, threshold_g=446, who_row="2 – 3 mo", interval_months=1
    )
    completed = Faltering(
        faltering=True, threshold_g=713, who_row="4 wks – 2 mo", interval_months=1
    )
    assert faltering(early, percentile=5, tolerance_days=7) == [nearest]
    assert faltering(early, percentile=5, tolerance_days=7, row_rule="nearest") == [
        nearest
    ]
    assert faltering(early, percentile=5, tolerance_days=7, row_rule="completed") == [
        completed
    ]


def test_faltering_tolerance_days() -> None:
    # one month is 30.4375 days: 37 days is 6.56 days over
    late = [_boy(61, 98, 100)]
    assert faltering(late, percentile=5, tolerance_days=6) == [NOT_ASSESSED]
    assert faltering(late, percentile=5, tolerance_days=7)[0].threshold_g == 446


def test_faltering_percentile_is_the_one_asked() -> None:
    assert faltering([_boy(61, 91, 500)], percentile=15, tolerance_days=7) == [
        Faltering(
            faltering=True, threshold_g=577, who_row="2 – 3 mo", interval_months=1
        )
    ]


def test_faltering_threshold_defaults_to_the_printed_cell() -> None:
    # WHO prints no P10: only the LMS formula gives one
    with pytest.raises(ReferenceDataError, match="WHO prints no P10"):
        faltering([_boy(61, 91, 500)], percentile=10, tolerance_days=7)
    with pytest.raises(ReferenceDataError, match="WHO prints no P10"):
        faltering(
            [_boy(61, 91, 500)],
            percentile=10,
            tolerance_days=7,
            threshold_rule="tabulated",
        )
    assert faltering(
        [_boy(61, 91, 500)],
        percentile=10,
        tolerance_days=7,
        threshold_rule="formula",
    ) == [
        Faltering(
            faltering=True, threshold_g=524, who_row="2 – 3 mo", interval_months=1
        )
    ]


def test_faltering_agrees_with_its_columns() -> None:
    increments = [_boy(61, 91, 445), _boy(50, 80, 500), _boy(61, 121, 100)]
    columns = faltering_checks(
        sex=np.array([Sex.MALE] * 3, dtype=object),
        start_age_days=np.array([61, 50, 61]),
        end_age_days=np.array([91, 80, 121]),
        increment_g=np.array([445.0, 500.0, 100.0]),
        percentile=5,
        tolerance_days=7,
    )
    assert faltering(increments, percentile=5, tolerance_days=7) == columns.objects()


def test_faltering_of_nothing() -> None:
    assert faltering([], percentile=5, tolerance_days=7) == []
