"""DOMAIN.md §15 vectors #34-44 and the monthly definitions of growth monitoring."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.kesehatan._helpers import register, row, weighings

from posyandu_core.model import Sex, completed_months
from posyandu_core.plugins.kesehatan.growth_monitoring import (
    GrowthCode,
    GrowthMonitoringConfig,
    Month,
    MonthlyStatus,
    deworming_due,
    kbm_table,
    monitor_child,
    monitor_register,
    vitamin_a_due,
)

D = dt.date


@pytest.mark.parametrize(
    ("birth", "measured", "months"),
    [
        (D(2015, 8, 27), D(2017, 7, 20), 22),  # 34
        (D(2015, 6, 7), D(2017, 7, 30), 25),  # 35
        (D(2015, 6, 14), D(2017, 7, 5), 24),  # 36
        (D(2026, 1, 20), D(2026, 6, 13), 4),  # 37
    ],
)
def test_vectors_34_37_age_in_completed_months(
    birth: dt.date, measured: dt.date, months: int
) -> None:
    assert completed_months(birth, measured) == months


def _two_months(
    age_months: int, gain_g: int, config: GrowthMonitoringConfig | None = None
) -> MonthlyStatus:
    # Born on the 1st; weighed on the 1st of consecutive months, the second
    # weighing at exactly `age_months`.
    birth = D(2023, 1, 1)
    first = D(2023 + (age_months - 1) // 12, (age_months - 1) % 12 + 1, 1)
    second = D(2023 + age_months // 12, age_months % 12 + 1, 1)
    start = 6.0
    rows = weighings("a", birth, [(first, start), (second, start + gain_g / 1000)])
    return monitor_child(rows, config=config)[-1]


@pytest.mark.parametrize(
    ("age", "gain", "code", "kbm"),
    [
        (3, 750, GrowthCode.T, 800),  # 38
        (5, 500, GrowthCode.N, 500),  # 39: gain = KBM is N
        (9, 250, GrowthCode.T, 300),  # 40
        (14, 200, GrowthCode.N, 200),  # 41
    ],
)
def test_vectors_38_41_kbm(age: int, gain: int, code: GrowthCode, kbm: int) -> None:
    status = _two_months(age, gain)
    assert status.age_months == age
    assert (status.code, status.kbm_g, status.gain_g) == (code, kbm, gain)


def test_vector_38_with_the_600_g_table_is_n() -> None:
    config = GrowthMonitoringConfig.from_data(kbm_variant="spreadsheet_600")
    assert _two_months(3, 750, config).code is GrowthCode.N


def test_kbm_variants_are_data() -> None:
    assert [kbm_table().grams(m) for m in range(1, 13)] == [
        800, 900, 800, 600, 500, 400, 300, 300, 300, 300, 200, 200,
    ]  # fmt: skip
    assert kbm_table("split_6_7_400").grams(7) == 400
    with pytest.raises(ValueError, match="unknown KBM variant"):
        kbm_table("nope")


def test_vector_42_not_weighed_last_month_is_o() -> None:
    rows = weighings(
        "a", D(2024, 1, 10), [(D(2024, 3, 10), 5.0), (D(2024, 5, 10), 6.0)]
    )
    assert [s.code for s in monitor_child(rows)] == [GrowthCode.B, GrowthCode.O]


def test_vector_43_first_weighing_is_b() -> None:
    rows = weighings("a", D(2024, 1, 10), [(D(2024, 6, 3), 7.0)])
    (status,) = monitor_child(rows)
    assert status.code is GrowthCode.B
    assert status.gain_g is None


def test_vector_44_two_consecutive_t_is_2t_and_refers() -> None:
    birth = D(2024, 1, 10)
    rows = weighings(
        "a",
        birth,
        [(D(2025, 5, 10), 9.0), (D(2025, 6, 10), 9.1), (D(2025, 7, 10), 9.2)],
    )
    _may, jun, jul = monitor_child(rows)
    assert (jun.code, jul.code) == (GrowthCode.T, GrowthCode.T)
    assert not jun.two_t
    assert jul.two_t
    codes = {f.code: f for f in jul.findings}
    assert codes["pertumbuhan.2t"].referral == "puskesmas"
    assert codes["pertumbuhan.tidak_naik"].reevaluate_on == D(2025, 7, 24)


def test_o_or_b_breaks_a_run_of_t() -> None:
    birth = D(2024, 1, 10)
    rows = weighings(
        "a",
        birth,
        [
            (D(2025, 5, 10), 9.0),
            (D(2025, 6, 10), 9.1),  # T
            (D(2025, 8, 10), 9.2),  # O (July skipped)
            (D(2025, 9, 10), 9.3),  # T, but not 2T
        ],
    )
    statuses = monitor_child(rows)
    assert [s.code for s in statuses] == ["B", "T", "O", "T"]
    assert [s.two_t for s in statuses] == [False, False, False, False]


def test_first_weighing_of_a_month_stands_for_it() -> None:
    birth = D(2024, 1, 10)
    rows = weighings(
        "a",
        birth,
        [(D(2025, 5, 10), 9.0), (D(2025, 6, 10), 9.1), (D(2025, 6, 24), 9.6)],
    )
    jun = monitor_child(rows)[-1]
    assert (jun.date, jun.code, jun.extra_weighings) == (D(2025, 6, 10), "T", 1)
    last = GrowthMonitoringConfig.from_data()
    import attrs

    last = attrs.evolve(last, weighing_of_month="last")
    assert monitor_child(rows, config=last)[-1].code is GrowthCode.N


def test_same_day_duplicates_do_not_depend_on_row_order() -> None:
    birth = D(2024, 1, 10)
    base = weighings("a", birth, [(D(2025, 5, 10), 9.0)])
    a = row(2, "a", D(2025, 6, 10), 9.5, birth=birth)
    b = row(3, "a", D(2025, 6, 10), 9.05, birth=birth)
    first = monitor_register(register([*base, a, b]))
    second = monitor_register(register([b, *base, a]))
    assert [s.code for s in first[0]] == [s.code for s in second[0]] == ["B", "T"]
    assert [i.code for i in first[1]] == ["pertumbuhan.duplicate_weighing"]


def test_manual_override_reads_the_chart() -> None:
    rows = weighings(
        "a", D(2024, 1, 10), [(D(2025, 5, 10), 9.0), (D(2025, 6, 10), 9.1)]
    )
    status = monitor_child(rows, overrides={("a", "2025-06"): "N"})[-1]
    assert status.code is GrowthCode.N


def test_children_up_to_60_completed_months_are_monitored() -> None:
    # Born 2020-01-10: 60 completed months from 2025-01-10, 61 from 2025-02-10.
    rows = weighings(
        "a",
        D(2020, 1, 10),
        [
            (D(2024, 12, 10), 16.0),  # 59
            (D(2025, 1, 10), 16.2),  # 60: still on the KMS
            (D(2025, 2, 9), 16.3),  # 60 (the day before 61)
            (D(2025, 3, 10), 16.4),  # 62
        ],
    )
    assert [s.age_months for s in monitor_child(rows)] == [59, 60, 60]
    assert [s.month for s in monitor_child(rows)][-1] == Month(2025, 2)
    on_61 = weighings("b", D(2020, 1, 10), [(D(2025, 2, 10), 16.3)])
    assert monitor_child(on_61) == []


def test_red_and_orange_lines_use_the_growth_engine_waz() -> None:
    birth = D(2025, 1, 10)  # 12 months later = 365 days, as in DOMAIN §15
    # DOMAIN §15 #1: boy 12 months 7.2 kg -> WAZ -2.65 (below -2 SD)
    low = monitor_child(weighings("a", birth, [(D(2026, 1, 10), 7.2)]))[0]
    assert low.anthro.waz == pytest.approx(-2.65, abs=0.01)
    assert low.below_red_line is True
    assert {f.code for f in low.findings} >= {"pertumbuhan.bgm"}
    # #3: 11.5 kg -> +1.62, above the orange line (+1 SD)
    high = monitor_child(weighings("b", birth, [(D(2026, 1, 10), 11.5)]))[0]
    assert (high.below_red_line, high.above_orange_line) == (False, True)
    old_kms = GrowthMonitoringConfig.from_data(line_style="kms_2010")
    assert (
        monitor_child(weighings("a", birth, [(D(2026, 1, 10), 7.2)]), config=old_kms)[
            0
        ].below_red_line
        is False
    )


def test_weight_faltering_below_who_p5_increment() -> None:
    # Boy 3 -> 4 months: WHO P5 of the 1-month increment is 285 g.
    birth = D(2025, 1, 1)
    slow = monitor_child(
        weighings("a", birth, [(D(2025, 4, 1), 6.0), (D(2025, 5, 1), 6.25)])
    )
    fast = monitor_child(
        weighings("a", birth, [(D(2025, 4, 1), 6.0), (D(2025, 5, 1), 6.3)])
    )
    assert slow[-1].weight_faltering is True
    assert fast[-1].weight_faltering is False
    # Older than the 1-month table: not assessed.
    old = monitor_child(
        weighings("a", D(2023, 1, 1), [(D(2025, 4, 1), 12), (D(2025, 5, 1), 12)])
    )
    assert old[-1].weight_faltering is None


def test_vitamin_a_february_and_august_by_age_band() -> None:
    blue = vitamin_a_due(D(2025, 1, 10), Month(2025, 8))
    assert blue is not None
    assert blue["capsule"] == "biru"
    assert (
        vitamin_a_due(D(2025, 1, 10), Month(2025, 8), given_on=[D(2025, 7, 20)]) is None
    )
    red = vitamin_a_due(D(2023, 1, 10), Month(2025, 2))
    assert red is not None
    assert red["iu"] == 200000
    assert vitamin_a_due(D(2025, 6, 10), Month(2025, 8)) is None  # 1 month old
    assert vitamin_a_due(D(2020, 1, 1), Month(2025, 8)) is None  # 67 months
    assert vitamin_a_due(D(2023, 1, 10), Month(2025, 3)) is None


def test_deworming_in_august_for_balita() -> None:
    assert deworming_due(D(2023, 1, 10), Month(2025, 8))
    assert not deworming_due(D(2023, 1, 10), Month(2025, 7))
    assert not deworming_due(D(2025, 1, 10), Month(2025, 8))  # 6 months old
    assert not deworming_due(D(2023, 1, 10), Month(2025, 8), given_on=[D(2025, 4, 1)])


def test_sex_and_birth_come_from_the_register() -> None:
    rows = [row(1, "g", D(2025, 3, 1), 6.0, birth=D(2024, 11, 5), sex=Sex.FEMALE)]
    (status,) = monitor_child(rows)
    assert (status.sex, status.age_months) == (Sex.FEMALE, 3)
