"""The schedule data: durations, dose lookups, spellings and the table checks."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from posyandu_core._data import load_rule_table
from posyandu_core.errors import RuleDataError
from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan.schedule import (
    Duration,
    Schedule,
    load_schedule,
    normalise_spelling,
)

D = dt.date


@pytest.fixture(scope="module")
def schedule() -> Schedule:
    return load_schedule()


def _table() -> dict[str, Any]:
    return copy.deepcopy(dict(load_rule_table("imunisasi")))


@pytest.mark.parametrize(
    ("text", "start", "after", "shown"),
    [
        ("3d", D(2025, 1, 30), D(2025, 2, 2), "3d"),
        (" 2 w ", D(2025, 1, 30), D(2025, 2, 13), "2w"),
        ("1m", D(2025, 1, 31), D(2025, 2, 28), "1m"),  # clamps to month end
        ("13m", D(2024, 1, 31), D(2025, 2, 28), "13m"),
        ("1y", D(2024, 2, 29), D(2025, 2, 28), "1y"),
        ("2y", D(2024, 3, 1), D(2026, 3, 1), "2y"),
        ("0d", D(2025, 5, 5), D(2025, 5, 5), "0d"),
    ],
)
def test_duration_reads_and_moves_a_date(
    text: str, start: dt.date, after: dt.date, shown: str
) -> None:
    duration = Duration.parse(text)
    assert duration.after(start) == after
    assert str(duration) == shown


@pytest.mark.parametrize("text", ["", "8", "w8", "8x", "8 weeks", "-1d", "1.5m", "8W"])
def test_unreadable_duration_is_a_rule_data_error(text: str) -> None:
    with pytest.raises(RuleDataError) as caught:
        Duration.parse(text)
    assert repr(text) in str(caught.value)
    assert '"<n>d", "<n>w", "<n>m" or "<n>y"' in (caught.value.fix or "")


def test_packaged_schedule_reads_the_table(schedule: Schedule) -> None:
    assert schedule.earliest == "national"
    assert schedule.overdue_rule == "ideal_window"
    assert schedule.grace_days == 0
    assert schedule.idl == "IDL_PMK12_2017"
    assert schedule.ibl == "IBL"
    assert schedule.td_target_age_years == (15, 39)
    assert schedule.source.startswith("KMK HK.01.07/MENKES/2015/2023")
    assert [level.level for level in schedule.td_levels] == [1, 2, 3, 4, 5]
    assert str(schedule.td_levels[2].min_interval) == "6m"
    assert schedule.td_levels[4].protection_years == 25
    assert schedule.td_screening[0] == (
        2,
        ("DPT-HB-Hib1", "DPT-HB-Hib2", "DPT-HB-Hib3"),
    )
    assert [s[0] for s in schedule.td_screening] == [2, 3, 4, 5]


def test_dose_fields_come_from_the_table(schedule: Schedule) -> None:
    pcv3 = schedule.dose("PCV3")
    assert (pcv3.antigen, pcv3.dose, pcv3.reason) == ("PCV", 3, "IM-Lanjutan")
    assert pcv3.label_id == "PCV 3 (booster)"
    assert pcv3.label_en == "Pneumococcal conjugate 3 (booster)"
    assert (str(pcv3.ideal_age), str(pcv3.ideal_until)) == ("12m", "13m")
    assert str(pcv3.min_age) == "12m"  # the national age, not WHO's 9 months
    assert str(pcv3.who_min_age) == "9m"
    assert str(pcv3.min_interval) == "8w"
    assert pcv3.max_age is None
    assert not pcv3.endemic_only
    hb0 = schedule.dose("HB0")
    assert (hb0.dose, str(hb0.max_age), hb0.min_interval) == (0, "8d", None)
    assert schedule.dose("JE").endemic_only
    assert schedule.dose("BCG").reason == "IM-Dasar"


def test_completeness_sets_and_bias(schedule: Schedule) -> None:
    idl = schedule.completeness["IDL_PMK12_2017"]
    assert idl.age_limit_months == 12
    assert idl.required[:2] == ("HB0", "BCG")
    assert idl.confidence == "S"
    assert idl.label_en.startswith("Complete basic immunization")
    assert schedule.completeness["IDL_ILP_2023"].confidence == "U"
    assert schedule.completeness["IBL"].required == ("DPT-HB-Hib4", "MR2")
    (hpv,) = [b for b in schedule.bias if b.code == "HPV1"]
    assert (hpv.grade, hpv.month, hpv.sex) == (5, 8, Sex.FEMALE)
    mr = schedule.bias[0]
    assert (mr.code, mr.grade, mr.month, mr.sex) == ("MR-BIAS", 1, 8, None)
    assert mr.label_id == "MR (campak-rubela) BIAS kelas 1"


@pytest.mark.parametrize(
    ("code", "national", "who"),
    [("IPV1", "4m", "14w"), ("PCV3", "12m", "9m"), ("OPV2", "2m", "6w")],
)
def test_earliest_ages_national_or_who_minimum(
    code: str, national: str, who: str
) -> None:
    assert str(load_schedule().dose(code).min_age) == national
    assert str(load_schedule("national").dose(code).min_age) == national
    assert str(load_schedule("who_minimum").dose(code).min_age) == who
    assert load_schedule("who_minimum").earliest == "who_minimum"


def test_who_minimum_falls_back_to_the_national_age() -> None:
    table = _table()
    (ipv1,) = [d for d in table["schedule"]["dose"] if d["code"] == "IPV1"]
    del ipv1["who_min_age"]
    schedule = Schedule.from_table(table, earliest="who_minimum")
    assert str(schedule.dose("IPV1").min_age) == "4m"
    assert schedule.dose("IPV1").who_min_age is None


def test_unknown_earliest_choice_names_the_field() -> None:
    with pytest.raises(RuleDataError) as caught:
        load_schedule("earliest_possible")
    assert caught.value.field == "earliest"
    assert caught.value.value == "earliest_possible"
    assert "national, who_minimum" in str(caught.value)
    assert "harus salah satu dari" in str(caught.value)


def test_conventions_are_read_from_the_table() -> None:
    table = _table()
    table["conventions"]["grace_days"] = 7
    table["conventions"]["overdue_rule"] = "due_date"
    schedule = Schedule.from_table(table)
    assert (schedule.grace_days, schedule.overdue_rule) == (7, "due_date")
    del table["conventions"]
    schedule = Schedule.from_table(table)
    assert (schedule.grace_days, schedule.overdue_rule) == (0, "ideal_window")


def test_td_screening_switched_off_or_absent() -> None:
    table = _table()
    table["td"]["screening"]["enabled"] = False
    assert Schedule.from_table(table).td_screening == ()
    del table["td"]["screening"]
    assert Schedule.from_table(table).td_screening == ()


def test_dose_defaults_when_the_table_leaves_them_out() -> None:
    table = _table()
    (bcg,) = [d for d in table["schedule"]["dose"] if d["code"] == "BCG"]
    del bcg["reason"], bcg["max_age"]
    del table["completeness"]["sets"]["IBL"]["confidence"]
    schedule = Schedule.from_table(table)
    assert schedule.dose("BCG").reason == "IM-Dasar"
    assert schedule.dose("BCG").max_age is None
    assert schedule.completeness["IBL"].confidence == "U"  # the section's tag


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t.pop("schedule"),
        lambda t: t["schedule"]["dose"][0].pop("ideal_age"),
        lambda t: t["schedule"]["dose"][0].update(dose="first"),
        lambda t: t["td"].pop("levels"),
        lambda t: t["bias"]["dose"][0].update(sex="X"),
    ],
)
def test_malformed_table_is_a_rule_data_error(damage: Any) -> None:
    table = _table()
    damage(table)
    with pytest.raises(RuleDataError) as caught:
        Schedule.from_table(table)
    assert "immunization schedule table is malformed" in str(caught.value)
    assert caught.value.fix == "compare with data/rules/imunisasi.toml"


@pytest.mark.parametrize("key", ["idl", "ibl"])
def test_selected_completeness_set_must_exist(key: str) -> None:
    table = _table()
    table["completeness"][key] = "IDL_2099"
    with pytest.raises(RuleDataError, match="'IDL_2099' is selected but not defined"):
        Schedule.from_table(table)


def test_dose_lookup_series_and_previous(schedule: Schedule) -> None:
    with pytest.raises(KeyError):
        schedule.dose("OPV9")
    assert [d.code for d in schedule.series("OPV")] == ["OPV1", "OPV2", "OPV3", "OPV4"]
    assert [d.code for d in schedule.series("HB")] == ["HB0"]
    assert schedule.previous(schedule.dose("OPV3")) == schedule.dose("OPV2")
    assert schedule.previous(schedule.dose("OPV1")) is None
    assert schedule.previous(schedule.dose("HB0")) is None


def test_series_is_ordered_by_dose_whatever_the_table_order() -> None:
    table = _table()
    table["schedule"]["dose"].reverse()
    schedule = Schedule.from_table(table)
    assert [d.dose for d in schedule.series("PCV")] == [1, 2, 3]


def test_antigens_in_order_endemic_only_when_switched_on(schedule: Schedule) -> None:
    plain = schedule.antigens()
    assert plain[:4] == ("HB", "BCG", "OPV", "DPT-HB-Hib")
    assert len(plain) == len(set(plain))
    assert "JE" not in plain
    assert schedule.antigens(endemic=["JE"]) == (*plain, "JE")


@pytest.mark.parametrize(
    ("spelling", "given", "code"),
    [
        ("Pentabio1", (), "DPT-HB-Hib1"),
        ("dpt-hb-hib 1", (), "DPT-HB-Hib1"),
        ("BCG", (), "BCG"),
        ("HB-0", (), "HB0"),
        ("TT2", (), "Td2"),
        ("td 2", (), "Td2"),
        ("Polio", (), "OPV1"),
        ("Polio", ("OPV1", "OPV2"), "OPV3"),
        ("polio tetes", ("OPV1", "OPV2", "OPV3", "OPV4"), "OPV4"),  # a repeat
        ("Campak", ("MR1",), "MR2"),
        ("TT", ("Td1",), "Td2"),
        ("OPV5", (), "OPV5"),
        ("Polio 6", (), "OPV6"),
        ("MR3", (), "MR3"),
        ("pcv 4", (), "PCV4"),
        ("HPV3", (), None),  # a BIAS series, not in the infant schedule
        ("Td6", (), None),
        ("xyz", (), None),
        ("xyz9", (), None),
    ],
)
def test_canonical_spellings(
    schedule: Schedule, spelling: str, given: tuple[str, ...], code: str | None
) -> None:
    assert schedule.canonical(spelling, given=given) == code


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("OPV2", ("OPV", 2)),
        ("HB0", ("HB", 0)),
        ("OPV5", ("OPV", 5)),
        ("DPT-HB-Hib5", ("DPT-HB-Hib", 5)),
        ("MR12", ("MR", 12)),
        ("JE", ("JE", 1)),
        ("HB3", None),  # HB's only dose is number 0: no series to repeat
        ("Td2", None),
        ("BCG2", ("BCG", 2)),
        ("MR-BIAS", None),
        ("xyz", None),
    ],
)
def test_antigen_number(
    schedule: Schedule, code: str, expected: tuple[str, int] | None
) -> None:
    assert schedule.antigen_number(code) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [(" DPT-HB-Hib 1 ", "dpthbhib1"), ("Td_WUS", "tdwus"), ("B.C.G", "bcg")],
)
def test_normalise_spelling(text: str, key: str) -> None:
    assert normalise_spelling(text) == key
