"""Growth monitoring on the value or day before, on and after every threshold.

KBM bands (DOMAIN.md §4.3), last month (§4.2), the red and orange lines
(§4.2), weight faltering on WHO's P5 increment (§4.4), the 0-60-month range
(§3.1, §4.3), vitamin A and deworming months and bands (§4.6), and the
follow-up referral limits (§4.5).
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from tests.kesehatan._helpers import row, weighings

from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.plugins.kesehatan.growth_monitoring import (
    GrowthCode,
    GrowthMonitoringConfig,
    MonthlyStatus,
    deworming_due,
    kbm_table,
    last_month,
    monitor_child,
    vitamin_a_due,
)

D = dt.date
BIRTH = D(2025, 1, 10)

# DOMAIN.md §4.3, age in completed months at the current weighing -> KBM.
_KBM = {1: 800, 2: 900, 3: 800, 4: 600, 5: 500, 6: 400}
_KBM.update(dict.fromkeys(range(7, 11), 300))
_KBM.update(dict.fromkeys(range(11, 61), 200))
_KBM[0] = 800  # no KBM in DOMAIN; the first entry covers age 0


@pytest.mark.parametrize("age", range(61))
def test_kbm_every_month_0_to_60(age: int) -> None:
    assert kbm_table().grams(age) == _KBM[age]


@pytest.mark.parametrize(
    ("age", "grams"),
    [(2, 900), (3, 600), (4, 600), (5, 500), (7, 400), (8, 300), (12, 300), (13, 200)],
)
def test_kbm_variants_keep_their_bands(age: int, grams: int) -> None:
    variant = "spreadsheet_600" if age in (3, 4) else "split_6_7_400"
    assert kbm_table(variant).grams(age) == grams


def _pair(
    first: tuple[dt.date, float],
    second: tuple[dt.date, float],
    *,
    birth: dt.date = BIRTH,
    config: GrowthMonitoringConfig | None = None,
    sex: Sex = Sex.MALE,
) -> MonthlyStatus:
    rows = [
        row(1, "a", first[0], first[1], birth=birth, sex=sex),
        row(2, "a", second[0], second[1], birth=birth, sex=sex),
    ]
    return monitor_child(rows, config=config)[-1]


@pytest.mark.parametrize(
    ("gain_g", "code"), [(499, GrowthCode.T), (500, GrowthCode.N), (501, GrowthCode.N)]
)
def test_gain_against_kbm(gain_g: int, code: GrowthCode) -> None:
    # 5 completed months on 2025-06-10: KBM 500 g.
    status = _pair((D(2025, 5, 10), 6.0), (D(2025, 6, 10), 6.0 + gain_g / 1000))
    assert (status.kbm_g, status.gain_g, status.code) == (500, gain_g, code)


@pytest.mark.parametrize(
    ("grams", "gain_g"), [(6.2994, 299), (6.2995, 300), (6.3004, 300), (6.3005, 301)]
)
def test_gain_is_rounded_to_whole_grams(grams: float, gain_g: int) -> None:
    status = _pair((D(2025, 5, 10), 6.0), (D(2025, 6, 10), grams))
    assert status.gain_g == gain_g


@pytest.mark.parametrize(
    ("previous", "code"),
    [
        (D(2025, 3, 31), GrowthCode.N),  # last day of last month
        (D(2025, 3, 1), GrowthCode.N),
        (D(2025, 2, 28), GrowthCode.O),  # two months back
    ],
)
def test_last_month_is_the_previous_calendar_month(
    previous: dt.date, code: GrowthCode
) -> None:
    status = _pair((previous, 5.0), (D(2025, 4, 1), 6.0))
    assert status.code is code
    assert (status.gain_g is None) is (code is GrowthCode.O)


# -- the red and orange lines: below -2 SD, above +1 SD (strict) ------------


def _one(config: GrowthMonitoringConfig) -> MonthlyStatus:
    # DOMAIN §15 #1: boy 12 months, 7.2 kg -> WAZ -2.65.
    return monitor_child(weighings("a", BIRTH, [(D(2026, 1, 10), 7.2)]), config=config)[
        0
    ]


@pytest.mark.parametrize(
    ("shift", "below"), [(-1e-9, False), (0.0, False), (1e-9, True)]
)
def test_red_line_is_strictly_below(shift: float, below: bool) -> None:
    waz = _one(GrowthMonitoringConfig()).anthro.waz
    assert waz is not None
    status = _one(GrowthMonitoringConfig(red_line_sd=waz + shift))
    assert status.below_red_line is below
    assert ("pertumbuhan.bgm" in [f.code for f in status.findings]) is below


@pytest.mark.parametrize(
    ("shift", "above"), [(-1e-9, True), (0.0, False), (1e-9, False)]
)
def test_orange_line_is_strictly_above(shift: float, above: bool) -> None:
    waz = _one(GrowthMonitoringConfig()).anthro.waz
    assert waz is not None
    status = _one(GrowthMonitoringConfig(orange_line_sd=waz + shift))
    assert status.above_orange_line is above


def test_line_styles_are_data() -> None:
    old = GrowthMonitoringConfig.from_data(line_style="kms_2010")
    assert (old.red_line_sd, old.orange_line_sd) == (-3.0, None)
    assert _one(old).below_red_line is False  # -2.65 is above -3 SD
    assert _one(old).above_orange_line is None
    new = GrowthMonitoringConfig.from_data()
    assert (new.red_line_sd, new.orange_line_sd) == (-2.0, 1.0)


# -- weight faltering: gain below WHO's printed P5 increment (§4.4) ---------
# Boy, previous weighing at 59 days (nearest WHO start month 2: "2 - 3 mo",
# printed P5 = 446 g), current weighing 31 days later.


@pytest.mark.parametrize(
    ("gain_g", "faltering"), [(445, True), (446, False), (447, False)]
)
def test_faltering_on_the_printed_p5(gain_g: int, faltering: bool) -> None:
    status = _pair((D(2025, 3, 10), 5.0), (D(2025, 4, 10), 5.0 + gain_g / 1000))
    assert status.weight_faltering is faltering
    assert status.faltering_threshold_g == 446
    assert status.faltering_who_row == "2 – 3 mo"
    assert status.faltering_interval_months == 1
    data = status.to_dict()
    assert (data["faltering_threshold_g"], data["faltering_who_row"]) == (
        446,
        "2 – 3 mo",
    )


def test_faltering_threshold_for_girls_is_their_row() -> None:
    status = _pair((D(2025, 3, 10), 5.0), (D(2025, 4, 10), 5.4), sex=Sex.FEMALE)
    assert (status.faltering_threshold_g, status.weight_faltering) == (369, False)


@pytest.mark.parametrize(
    ("current", "assessed"),
    [
        (D(2025, 4, 7), True),  # 37 days: 6.56 days from a month
        (D(2025, 4, 8), False),  # 38 days: 7.56
        (D(2025, 3, 24), True),  # 24 days: 6.44
        (D(2025, 3, 23), False),  # 23 days: 7.44
    ],
)
def test_faltering_interval_tolerance(current: dt.date, assessed: bool) -> None:
    previous = D(2025, 3, 1) if current.month == 4 else D(2025, 2, 28)
    status = _pair((previous, 5.0), (current, 5.3))
    assert (status.weight_faltering is not None) is assessed
    assert (status.faltering_threshold_g is not None) is assessed


@pytest.mark.parametrize(
    ("start_days", "row_label"),
    [(45, "4 wks – 2 mo"), (46, "2 – 3 mo")],  # 1.478 -> 1, 1.511 -> 2
)
def test_faltering_row_is_the_nearest_start_month(
    start_days: int, row_label: str
) -> None:
    first = BIRTH + dt.timedelta(days=start_days)
    second = first + dt.timedelta(days=30)
    if Month.of(second) != Month.of(first).next():
        second = Month.of(first).next().first_day
    status = _pair((first, 5.0), (second, 5.5))
    assert status.faltering_who_row == row_label


def test_faltering_row_by_completed_months_is_a_switch() -> None:
    config = attrs.evolve(GrowthMonitoringConfig(), faltering_row="completed")
    status = _pair((D(2025, 3, 10), 5.0), (D(2025, 4, 10), 5.3), config=config)
    assert status.faltering_who_row == "4 wks – 2 mo"  # 59 days: 1 completed
    with pytest.raises(ValueError, match="faltering_row"):
        GrowthMonitoringConfig(faltering_row="sometimes")


def test_formula_threshold_agrees_with_the_printed_cell() -> None:
    config = attrs.evolve(GrowthMonitoringConfig(), faltering_threshold="formula")
    status = _pair((D(2025, 3, 10), 5.0), (D(2025, 4, 10), 5.3), config=config)
    assert status.faltering_threshold_g == 446


@pytest.mark.parametrize(
    ("start", "assessed"),
    [
        (D(2025, 11, 25), True),  # 319 days: nearest start month 10
        (D(2025, 12, 10), True),  # 334 days: 10.97 -> 11 ("11 - 12 mo")
        (D(2025, 12, 27), False),  # 351 days: 11.53 -> 12, past the table
    ],
)
def test_faltering_only_to_12_months(start: dt.date, assessed: bool) -> None:
    status = _pair((start, 8.0), (start + dt.timedelta(days=30), 8.3))
    assert (status.weight_faltering is not None) is assessed


def test_faltering_switched_off() -> None:
    config = GrowthMonitoringConfig(faltering=False)
    status = _pair((D(2025, 3, 10), 5.0), (D(2025, 4, 10), 5.1), config=config)
    assert (status.weight_faltering, status.faltering_threshold_g) == (None, None)


# -- 0 to 60 completed months (one boundary) --------------------------------


def test_last_month_is_60_and_the_config_default_agrees() -> None:
    assert last_month() == 60
    assert GrowthMonitoringConfig.from_data().max_age_months == 61
    assert GrowthMonitoringConfig().max_age_months == 61


# -- vitamin A and deworming (§4.6) -----------------------------------------


@pytest.mark.parametrize(
    ("birth", "capsule"),
    [
        (D(2025, 2, 2), None),  # 5 completed months on 1 August
        (D(2025, 2, 1), "biru"),  # 6
        (D(2024, 8, 2), "biru"),  # 11
        (D(2024, 8, 1), "merah"),  # 12
        (D(2020, 8, 2), "merah"),  # 59
        (D(2020, 8, 1), None),  # 60
    ],
)
def test_vitamin_a_bands(birth: dt.date, capsule: str | None) -> None:
    due = vitamin_a_due(birth, Month(2025, 8))
    assert (None if due is None else due["capsule"]) == capsule


@pytest.mark.parametrize(
    ("given", "due"),
    [(D(2025, 7, 31), False), (D(2025, 8, 1), True), (D(2025, 1, 31), True)],
)
def test_blue_capsule_once(given: dt.date, due: bool) -> None:
    # Born 2025-01-10: 6 months from 2025-07-10, so the July dose was at 6
    # months (blue already given); a January dose at 0 months does not count.
    found = vitamin_a_due(D(2025, 1, 10), Month(2025, 8), given_on=[given])
    assert (found is not None) is due


@pytest.mark.parametrize("month", range(1, 13))
def test_vitamin_a_only_in_february_and_august(month: int) -> None:
    due = vitamin_a_due(D(2023, 1, 10), Month(2025, month))
    assert (due is not None) is (month in (2, 8))


@pytest.mark.parametrize(
    ("birth", "due"),
    [
        (D(2024, 8, 2), False),  # 11 months
        (D(2024, 8, 1), True),  # 12
        (D(2020, 8, 2), True),  # 59
        (D(2020, 8, 1), False),  # 60
    ],
)
def test_deworming_band(birth: dt.date, due: bool) -> None:
    assert deworming_due(birth, Month(2025, 8)) is due


@pytest.mark.parametrize(
    ("last", "due"),
    [(D(2025, 2, 2), False), (D(2025, 2, 1), True), (D(2025, 1, 31), True)],
)
def test_deworming_six_months_apart(last: dt.date, due: bool) -> None:
    assert deworming_due(D(2023, 1, 1), Month(2025, 8), given_on=[last]) is due


# -- follow-up referral limits (§4.5) ---------------------------------------


def _gizi_buruk(age_months: int, weight: float) -> MonthlyStatus:
    from posyandu_core.plugins.kesehatan import _anthro, followup

    status = MonthlyStatus(
        person_id="a",
        name="A",
        parent_name="",
        posyandu=None,
        sex=Sex.MALE,
        birth_date=BIRTH,
        month=Month(2025, 9),
        date=D(2025, 9, 10),
        weight_kg=weight,
        age_months=age_months,
        code=GrowthCode.B,
        anthro=_anthro.Anthro(whz=-3.5, bbtb="gizi_buruk"),
    )
    return attrs.evolve(status, findings=followup.findings_for(status))


@pytest.mark.parametrize(
    ("age", "weight", "refer"),
    [
        (5, 5.0, True),  # under 6 months
        (6, 5.0, False),
        (7, 5.0, False),
        (8, 3.99, True),  # under 4 kg
        (8, 4.0, False),
        (8, 4.01, False),
    ],
)
def test_gizi_buruk_referral_limits(age: int, weight: float, refer: bool) -> None:
    findings = {f.code: f for f in _gizi_buruk(age, weight).findings}
    assert "pertumbuhan.gizi_buruk" in findings
    assert ("pertumbuhan.gizi_buruk_rujuk" in findings) is refer
    if refer:
        rujuk = findings["pertumbuhan.gizi_buruk_rujuk"]
        assert (dict(rujuk.details), str(rujuk.referral)) == ({"whz": -3.5}, "fktl")


# -- messages, errors and the JSON of one child-month ------------------------


def test_duplicate_weighing_message_in_both_languages() -> None:
    from tests.kesehatan._helpers import register

    from posyandu_core.plugins.kesehatan.growth_monitoring import monitor_register

    rows = [
        row(1, "a", D(2025, 6, 10), 9.5, birth=BIRTH),
        row(2, "a", D(2025, 6, 10), 9.05, birth=BIRTH),
    ]
    _, (issue,) = monitor_register(register(rows))
    assert issue.describe() == (
        "row 2, weight_kg = [9.05, 9.5]: warning [pertumbuhan.duplicate_weighing] "
        "weighed several times on 2025-06-10 with different weights; 9.05 kg is "
        "used / ditimbang beberapa kali pada 2025-06-10 dengan berat berbeda; "
        "dipakai 9.05 kg"
    )
    assert issue.rule == "kesehatan.pertumbuhan"


def test_unknown_variants_are_rule_data_errors() -> None:
    from posyandu_core.errors import RuleDataError

    with pytest.raises(RuleDataError, match="unknown KBM variant 'x'") as kbm:
        kbm_table("x")
    assert "buku_kia_2023" in (kbm.value.fix or "")
    with pytest.raises(RuleDataError, match="unknown chart-line style 'x'") as line:
        GrowthMonitoringConfig.from_data(line_style="x")
    assert "kms_2010" in (line.value.fix or "")
    with pytest.raises(ValueError, match="weighing_of_month must be 'first' or"):
        GrowthMonitoringConfig(weighing_of_month="middle")


def test_month_json_of_a_t_month() -> None:
    status = _pair((D(2025, 3, 10), 5.0), (D(2025, 4, 10), 5.3))
    data = status.to_dict()
    assert {k: data[k] for k in (
        "person_id", "name", "parent_name", "posyandu", "sex", "birth_date",
        "month", "date", "age_months", "weight_kg", "status", "previous_date",
        "gain_g", "kbm_g", "two_t", "below_red_line", "above_orange_line",
        "weight_faltering", "faltering_threshold_g", "faltering_who_row",
        "faltering_interval_months", "extra_weighings", "findings", "referral",
    )} == {
        "person_id": "a", "name": "Anak a", "parent_name": "Ibu a",
        "posyandu": "Mawar", "sex": "L", "birth_date": "2025-01-10",
        "month": "2025-04", "date": "2025-04-10", "age_months": 3,
        "weight_kg": 5.3, "status": "T", "previous_date": "2025-03-10",
        "gain_g": 300, "kbm_g": 800, "two_t": False,
        "below_red_line": False, "above_orange_line": False,
        "weight_faltering": True, "faltering_threshold_g": 446,
        "faltering_who_row": "2 – 3 mo", "faltering_interval_months": 1,
        "extra_weighings": 0,
        "findings": ["pertumbuhan.tidak_naik", "pertumbuhan.weight_faltering"],
        "referral": [],
    }  # fmt: skip
    assert data["waz"] == -1.51  # WHO weight-for-age, boy 3 months 5.3 kg
    assert status.interval_days == 31
    assert status.previous_weight_kg == 5.0


def test_a_kader_t_after_a_t_makes_2t() -> None:
    rows = weighings(
        "a",
        D(2024, 1, 10),
        [(D(2025, 4, 10), 9.0), (D(2025, 5, 10), 9.1), (D(2025, 6, 10), 9.5)],
    )
    by_kbm = monitor_child(rows)
    assert [s.code for s in by_kbm] == ["B", "T", "N"]
    chart = monitor_child(rows, overrides={("a", "2025-06"): "T"})
    assert [(s.code, s.t_streak, s.two_t) for s in chart] == [
        ("B", 0, False),
        ("T", 1, False),
        ("T", 2, True),
    ]
    # An override where no comparison was possible changes nothing.
    first = monitor_child(rows, overrides={("a", "2025-04"): "T"})[0]
    assert (first.code, first.t_streak) == ("B", 0)


@pytest.mark.parametrize("key", ["threshold", "row", "interval_months"])
def test_unknown_faltering_choice_in_the_data_is_an_error(
    key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from posyandu_core._data import load_rule_table
    from posyandu_core.errors import RuleDataError
    from posyandu_core.plugins.kesehatan import growth_monitoring

    table = dict(load_rule_table("pemantauan_pertumbuhan"))  # never the cached one
    table["faltering"] = {**table["faltering"], key: "x"}
    monkeypatch.setattr(growth_monitoring, "load_rule_table", lambda _name: table)
    with pytest.raises(RuleDataError) as caught:
        GrowthMonitoringConfig.from_data()
    assert str(caught.value).startswith(
        f"kolom {key!r}: faltering {key} = 'x' tidak dikenal / "
        f"faltering {key} = 'x' is unknown"
    )
    assert caught.value.field == key
    assert caught.value.value == "x"
    assert str(table["faltering"][f"{key}_choices"]) in (caught.value.fix or "")


def test_the_data_selects_every_faltering_choice() -> None:
    config = GrowthMonitoringConfig.from_data()
    assert (
        config.faltering,
        config.faltering_percentile,
        config.faltering_tolerance_days,
        config.faltering_threshold,
        config.faltering_row,
        config.weighing_of_month,
        config.kbm.variant,
    ) == (True, 5.0, 7, "tabulated", "nearest", "first", "buku_kia_2023")


def test_o_and_b_months_have_no_faltering_check() -> None:
    rows = weighings("a", BIRTH, [(D(2025, 2, 10), 4.0), (D(2025, 4, 10), 5.0)])
    b, o = monitor_child(rows)
    for status in (b, o):
        assert status.weight_faltering is None
        assert status.faltering_threshold_g is None
        assert status.previous_date is None
        assert status.interval_days is None


def test_t_streak_counts_consecutive_t_and_resets() -> None:
    rows = weighings(
        "a",
        D(2024, 1, 10),
        [
            (D(2025, 3, 10), 9.0),  # B
            (D(2025, 4, 10), 9.0),  # T 1
            (D(2025, 5, 10), 9.0),  # T 2
            (D(2025, 6, 10), 9.0),  # T 3
            (D(2025, 7, 10), 9.5),  # N 0
            (D(2025, 8, 10), 9.5),  # T 1
            (D(2025, 10, 10), 9.5),  # O 0 (no September)
            (D(2025, 11, 10), 9.5),  # T 1
        ],
    )
    got = [(str(s.code), s.t_streak, s.two_t) for s in monitor_child(rows)]
    assert got == [
        ("B", 0, False),
        ("T", 1, False),
        ("T", 2, True),
        ("T", 3, True),
        ("N", 0, False),
        ("T", 1, False),
        ("O", 0, False),
        ("T", 1, False),
    ]


@pytest.mark.parametrize(("weighed", "months"), [(-1, 0), (0, 1), (1, 1)])
def test_a_weighing_on_the_day_of_birth_counts(weighed: int, months: int) -> None:
    rows = weighings("a", BIRTH, [(BIRTH + dt.timedelta(days=weighed), 3.2)])
    assert len(monitor_child(rows)) == months


def test_same_weight_same_day_picks_the_shorter_length_whatever_the_row() -> None:
    rows = [
        row(1, "a", D(2025, 6, 10), 9.0, birth=D(2024, 1, 10), length_cm=75.0),
        row(2, "a", D(2025, 6, 10), 9.0, birth=D(2024, 1, 10), length_cm=74.0),
    ]
    (status,) = monitor_child(rows)
    assert status.row == 2


def test_identity_from_the_latest_dated_row_not_the_last_line() -> None:
    rows = [
        row(1, "a", D(2025, 6, 10), 9.0, birth=D(2024, 1, 10)),
        row(2, "a", D(2025, 5, 10), 8.8, birth=D(2024, 1, 10)),
    ]
    rows[0] = attrs.evolve(rows[0], name="Nama baru")
    rows[1] = attrs.evolve(rows[1], name="Nama lama")
    assert {s.name for s in monitor_child(rows)} == {"Nama baru"}


def test_referral_targets_in_the_json() -> None:
    config = GrowthMonitoringConfig(red_line_sd=0.0)
    status = monitor_child(
        weighings("a", BIRTH, [(D(2026, 1, 10), 7.2)]), config=config
    )[0]
    assert status.to_dict()["referral"] == ["pustu"]


@pytest.mark.parametrize(
    ("given", "due"), [(D(2025, 7, 31), False), (D(2025, 8, 1), True)]
)
def test_deworming_doses_of_the_month_itself_do_not_count(
    given: dt.date, due: bool
) -> None:
    assert deworming_due(D(2023, 1, 1), Month(2025, 8), given_on=[given]) is due


def test_every_config_value_comes_from_the_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from posyandu_core._data import load_rule_table
    from posyandu_core.plugins.kesehatan import growth_monitoring

    table = dict(load_rule_table("pemantauan_pertumbuhan"))
    table["faltering"] = {
        **table["faltering"],
        "enabled": False,
        "percentile": 3.0,
        "tolerance_days": 4,
        "threshold": "formula",
        "row": "completed",
    }
    table["month"] = {**table["month"], "weighing_of_month": "last"}
    table["age_range"] = {**table["age_range"], "last_month": 59}
    monkeypatch.setattr(growth_monitoring, "load_rule_table", lambda _name: table)
    config = GrowthMonitoringConfig.from_data()
    assert (
        config.faltering,
        config.faltering_percentile,
        config.faltering_tolerance_days,
        config.faltering_threshold,
        config.faltering_row,
        config.weighing_of_month,
        config.max_age_months,
    ) == (False, 3.0, 4, "formula", "completed", "last", 60)


def test_rule_data_error_texts() -> None:
    from posyandu_core.errors import RuleDataError

    with pytest.raises(RuleDataError) as line:
        GrowthMonitoringConfig.from_data(line_style="x")
    assert line.value.fix == "use one of: buku_kia_2020, kms_2010"


def test_every_measurement_reaches_the_growth_engine() -> None:
    # DOMAIN §15 #5: girl 36 months, 85.0 cm standing -> HAZ -2.64 (pendek).
    from posyandu_core.model import MeasureMethod

    girl = row(
        1,
        "a",
        D(2028, 1, 10),
        11.0,
        birth=D(2025, 1, 10),
        sex=Sex.FEMALE,
        length_cm=85.0,
        measure=MeasureMethod.STANDING,
        head_cm=44.5,
        muac_cm=14.0,
        oedema=False,
    )
    (status,) = monitor_child([girl])
    assert status.anthro.haz == -2.64
    assert status.anthro.tbu == "pendek"
    assert status.anthro.whz is not None
    assert status.anthro.hcz is not None
    assert status.anthro.lk == "mikrosefali"
    lying = attrs.evolve(girl, measure=MeasureMethod.LYING)
    (corrected,) = monitor_child([lying])
    assert corrected.anthro.haz != status.anthro.haz  # -0.7 cm applied
    oedema = attrs.evolve(girl, oedema=True)
    (with_oedema,) = monitor_child([oedema])
    assert with_oedema.anthro.waz is None  # WHO: no weight z with oedema


def test_faltering_near_a_high_threshold() -> None:
    # Boy, previous weighing at 30 days (WHO row "4 wks - 2 mo", P5 713 g).
    first, second = D(2025, 2, 9), D(2025, 3, 11)
    low = _pair((first, 4.0), (second, 4.712))
    assert (low.faltering_who_row, low.faltering_threshold_g) == ("4 wks – 2 mo", 713)
    assert low.weight_faltering is True
    assert _pair((first, 4.0), (second, 4.713)).weight_faltering is False


def test_a_person_without_sex_or_birth_date_is_not_monitored() -> None:
    unknown = attrs.evolve(row(1, "a", D(2025, 6, 10), 9.0), sex=None)
    assert monitor_child([unknown]) == []
    nameless = attrs.evolve(row(1, "b", D(2025, 6, 10), 9.0), name=None)
    assert monitor_child([nameless])[0].name == ""


def test_an_n_override_ends_a_t_run() -> None:
    rows = weighings(
        "a",
        D(2024, 1, 10),
        [(D(2025, 4, 10), 9.0), (D(2025, 5, 10), 9.0), (D(2025, 6, 10), 9.0)],
    )
    chart = monitor_child(rows, overrides={("a", "2025-06"): "N"})
    assert [(str(s.code), s.t_streak) for s in chart] == [("B", 0), ("T", 1), ("N", 0)]


def test_kbm_table_carries_its_source_and_names_the_variants() -> None:
    from posyandu_core.errors import RuleDataError

    table = kbm_table()
    assert table.source.startswith("Buku KIA 2023")
    assert table.confidence == "S"
    with pytest.raises(RuleDataError) as caught:
        kbm_table("x")
    assert caught.value.fix == (
        "use one of: buku_kia_2023, split_6_7_400, spreadsheet_600"
    )
