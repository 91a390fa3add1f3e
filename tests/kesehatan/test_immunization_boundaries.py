"""Immunization rules on the day before, on and after every date boundary.

Child born 2025-01-10 unless stated. Each boundary is tested with the last
day on one side and the first day on the other (DOMAIN.md §6.2, §6.3, §6.5).
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from tests.kesehatan._helpers import register, row

from posyandu_core._data import load_rule_table
from posyandu_core.errors import RuleDataError
from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan.immunization import (
    CompletenessState,
    DoseState,
    GivenDose,
    ImmunizationRecord,
    Timing,
    check_dose,
    doses_from_rows,
    evaluate_child,
    immunization_status,
    td_status,
)
from posyandu_core.plugins.kesehatan.schedule import (
    Schedule,
    load_schedule,
)

D = dt.date
BIRTH = D(2025, 1, 10)


def _record(
    on: dt.date,
    *doses: tuple[str, dt.date],
    schedule: Schedule | None = None,
    birth: dt.date = BIRTH,
) -> ImmunizationRecord:
    given = [GivenDose(code=c, date=d, recorded_as=c) for c, d in doses]
    return evaluate_child(
        birth_date=birth, sex=Sex.FEMALE, on=on, given=given, schedule=schedule
    )


def _given(record: ImmunizationRecord, code: str) -> GivenDose:
    (found,) = [g for g in record.given if g.code == code]
    return found


def _codes(record: ImmunizationRecord) -> list[str]:
    return [i.code for i in record.issues]


# -- HB-0: < 24 hours, dates only: DOB and DOB+1 on time (§6.2, §15 #76) ----


@pytest.mark.parametrize(
    ("days", "timing"), [(0, Timing.IDEAL), (1, Timing.IDEAL), (2, Timing.KEJAR)]
)
def test_hb0_timing_on_dob_dob1_dob2(days: int, timing: Timing) -> None:
    given_on = BIRTH + dt.timedelta(days=days)
    record = _record(given_on, ("HB0", given_on))
    assert _given(record, "HB0").timing is timing
    assert _given(record, "HB0").valid


@pytest.mark.parametrize(
    ("days", "state"),
    [(0, DoseState.DUE), (1, DoseState.DUE), (2, DoseState.OVERDUE)],
)
def test_hb0_overdue_from_dob2(days: int, state: DoseState) -> None:
    record = _record(BIRTH + dt.timedelta(days=days))
    assert {d.code: d.state for d in record.doses}["HB0"] is state


@pytest.mark.parametrize(("days", "too_old"), [(7, False), (8, True), (9, True)])
def test_hb0_seven_day_limit(days: int, too_old: bool) -> None:
    given_on = BIRTH + dt.timedelta(days=days)
    record = _record(given_on, ("HB0", given_on))
    assert ("imunisasi.too_old" in _codes(record)) is too_old
    state = {d.code: d.state for d in _record(given_on).doses}["HB0"]
    assert (state is DoseState.TOO_OLD) is too_old


@pytest.mark.parametrize(("days", "valid"), [(-1, False), (0, True), (1, True)])
def test_no_dose_before_birth(days: int, valid: bool) -> None:
    given_on = BIRTH + dt.timedelta(days=days)
    record = _record(BIRTH + dt.timedelta(days=3), ("BCG", given_on))
    assert record.given[0].valid is valid
    assert ("imunisasi.before_birth" in _codes(record)) is not valid


# -- the ideal window of DPT-HB-Hib1: 2 months to 3 months (§6.2) ----------


@pytest.mark.parametrize(
    ("given_on", "valid", "timing"),
    [
        (D(2025, 3, 9), False, None),  # before 2 months: too early, no timing
        (D(2025, 3, 10), True, Timing.IDEAL),
        (D(2025, 3, 11), True, Timing.IDEAL),
        (D(2025, 4, 9), True, Timing.IDEAL),
        (D(2025, 4, 10), True, Timing.KEJAR),
        (D(2025, 4, 11), True, Timing.KEJAR),
    ],
)
def test_dpt1_window(given_on: dt.date, valid: bool, timing: Timing | None) -> None:
    record = _record(given_on, ("DPT-HB-Hib1", given_on))
    dose = _given(record, "DPT-HB-Hib1")
    assert (dose.valid, dose.timing) == (valid, timing)
    status = {d.code: d for d in record.doses}["DPT-HB-Hib1"]
    assert status.state is (DoseState.GIVEN if valid else DoseState.NOT_YET)


@pytest.mark.parametrize(
    ("on", "state"),
    [
        (D(2025, 3, 9), DoseState.NOT_YET),
        (D(2025, 3, 10), DoseState.DUE),
        (D(2025, 4, 9), DoseState.DUE),
        (D(2025, 4, 10), DoseState.OVERDUE),
        (D(2025, 4, 11), DoseState.OVERDUE),
    ],
)
def test_dpt1_due_and_overdue_days(on: dt.date, state: DoseState) -> None:
    assert {d.code: d.state for d in _record(on).doses}["DPT-HB-Hib1"] is state


def _with_conventions(**conventions: object) -> Schedule:
    table = load_rule_table("imunisasi")
    return Schedule.from_table({**table, "conventions": conventions})


@pytest.mark.parametrize(
    ("on", "state"),
    [
        (D(2025, 4, 16), DoseState.DUE),
        (D(2025, 4, 17), DoseState.OVERDUE),
        (D(2025, 4, 18), DoseState.OVERDUE),
    ],
)
def test_grace_days_move_the_overdue_day(on: dt.date, state: DoseState) -> None:
    schedule = _with_conventions(grace_days=7)
    record = _record(on, schedule=schedule)
    assert {d.code: d.state for d in record.doses}["DPT-HB-Hib1"] is state


@pytest.mark.parametrize(
    ("on", "state"),
    [
        (D(2025, 3, 9), DoseState.NOT_YET),
        (D(2025, 3, 10), DoseState.OVERDUE),
        (D(2025, 3, 11), DoseState.OVERDUE),
    ],
)
def test_overdue_rule_due_date(on: dt.date, state: DoseState) -> None:
    schedule = _with_conventions(
        overdue_rule="due_date", overdue_rule_choices=["ideal_window", "due_date"]
    )
    record = _record(on, schedule=schedule)
    assert {d.code: d.state for d in record.doses}["DPT-HB-Hib1"] is state


def test_an_unknown_convention_is_a_rule_data_error() -> None:
    with pytest.raises(RuleDataError, match="overdue_rule"):
        _with_conventions(overdue_rule="sometime")
    with pytest.raises(RuleDataError, match="earliest"):
        load_schedule("whenever")


# -- minimum intervals: 1 month within the series, PCV3, IPV2 (§6.2) --------


@pytest.mark.parametrize(
    ("second_on", "valid"),
    [(D(2025, 5, 19), False), (D(2025, 5, 20), True), (D(2025, 5, 21), True)],
)
def test_one_month_between_dpt_doses(second_on: dt.date, valid: bool) -> None:
    record = _record(
        second_on, ("DPT-HB-Hib1", D(2025, 4, 20)), ("DPT-HB-Hib2", second_on)
    )
    assert _given(record, "DPT-HB-Hib2").valid is valid
    assert ("imunisasi.too_soon" in _codes(record)) is not valid


@pytest.mark.parametrize(
    ("pcv3_on", "valid"),
    [(D(2026, 1, 25), False), (D(2026, 1, 26), True), (D(2026, 1, 27), True)],
)
def test_vector_79_pcv3_eight_weeks_boundary(pcv3_on: dt.date, valid: bool) -> None:
    record = _record(
        pcv3_on,
        ("PCV1", D(2025, 3, 10)),
        ("PCV2", D(2025, 12, 1)),
        ("PCV3", pcv3_on),
    )
    assert _given(record, "PCV3").valid is valid


@pytest.mark.parametrize(
    ("pcv3_on", "valid"),
    [(D(2026, 1, 9), False), (D(2026, 1, 10), True), (D(2026, 1, 11), True)],
)
def test_pcv3_not_before_12_months(pcv3_on: dt.date, valid: bool) -> None:
    record = _record(
        pcv3_on, ("PCV1", D(2025, 3, 10)), ("PCV2", D(2025, 4, 10)), ("PCV3", pcv3_on)
    )
    assert _given(record, "PCV3").valid is valid
    assert ("imunisasi.too_early" in _codes(record)) is not valid


def test_who_minimum_ages_are_a_switch() -> None:
    """IPV1 at 3 1/2 months: too early by the national ages, valid by WHO's."""
    given = ("IPV1", D(2025, 4, 25))
    national = _record(D(2025, 5, 1), given)
    assert _given(national, "IPV1").valid is False
    who = _record(D(2025, 5, 1), given, schedule=load_schedule("who_minimum"))
    assert _given(who, "IPV1").valid is True
    # PCV3 earliest is 9 months by WHO's table, 12 by the national one.
    assert load_schedule("who_minimum").dose("PCV3").min_age.after(BIRTH) == D(
        2025, 10, 10
    )


@pytest.mark.parametrize(
    ("ipv2_on", "valid"),
    [(D(2025, 10, 14), False), (D(2025, 10, 15), True), (D(2025, 10, 16), True)],
)
def test_ipv2_four_months_after_ipv1(ipv2_on: dt.date, valid: bool) -> None:
    record = _record(ipv2_on, ("IPV1", D(2025, 6, 15)), ("IPV2", ipv2_on))
    assert _given(record, "IPV2").valid is valid


@pytest.mark.parametrize(
    ("birth", "due"),
    [
        (D(2024, 12, 31), D(2025, 2, 28)),  # clamped to the month's end
        (D(2025, 1, 1), D(2025, 3, 1)),
        (D(2024, 12, 30), D(2025, 2, 28)),
    ],
)
def test_calendar_months_from_the_birth_date(birth: dt.date, due: dt.date) -> None:
    record = _record(birth, birth=birth)
    assert {d.code: d.due_on for d in record.doses}["DPT-HB-Hib1"] == due
    assert {d.code: d.earliest for d in record.doses}["DPT-HB-Hib1"] == due


# -- counting doses in date order (§6.3) -----------------------------------


def _opv_register(*spellings: tuple[str, dt.date]) -> list[GivenDose]:
    rows = [
        row(i + 1, "a", d, birth=BIRTH, immunizations=(s,))
        for i, (s, d) in enumerate(spellings)
    ]
    doses, _ = doses_from_rows(rows)
    return doses


def test_a_repeated_invalid_dose_counts_when_valid() -> None:
    doses = _opv_register(
        ("OPV1", BIRTH),
        ("OPV2", D(2025, 2, 20)),  # before 2 months: invalid
        ("OPV2", D(2025, 3, 10)),  # repeated with the same number: counts
        ("OPV4", D(2025, 4, 10)),  # written 4, counts as the third
        ("Polio 5", D(2025, 5, 10)),  # written 5, counts as the fourth
    )
    record = evaluate_child(
        birth_date=BIRTH, sex=Sex.MALE, on=D(2025, 6, 1), given=doses
    )
    opv = [(g.code, g.recorded_as, g.valid) for g in record.given]
    assert opv == [
        ("OPV1", "OPV1", True),
        ("OPV2", "OPV2", False),
        ("OPV2", "OPV2", True),
        ("OPV3", "OPV4", True),
        ("OPV4", "Polio 5", True),
    ]
    mismatch = [i for i in record.issues if i.code == "imunisasi.number_mismatch"]
    assert [i.value for i in mismatch] == ["OPV4", "Polio 5"]
    assert all(i.severity == "warning" for i in mismatch)
    states = {d.code: d for d in record.doses}
    assert states["OPV4"].given_on == D(2025, 5, 10)
    assert not any(c.startswith("OPV") for c in record.idl.missing)


@pytest.mark.parametrize("spelling", ["OPV", "Polio", "polio", "bOPV", "OPV5"])
def test_four_valid_opv_doses_before_12_months(spelling: str) -> None:
    doses = _opv_register(
        (spelling, BIRTH),
        (spelling, D(2025, 1, 20)),  # too soon: invalid
        (spelling, D(2025, 3, 10)),
        (spelling, D(2025, 4, 10)),
        (spelling, D(2025, 5, 10)),
    )
    record = evaluate_child(
        birth_date=BIRTH, sex=Sex.MALE, on=D(2026, 2, 1), given=doses
    )
    counted = [g for g in record.given if g.valid]
    assert [g.code for g in counted] == ["OPV1", "OPV2", "OPV3", "OPV4"]
    assert [g.code for g in record.given if not g.valid] == ["OPV2"]
    assert not any(c.startswith("OPV") for c in record.idl.missing)


def test_doses_past_the_series_are_reported_not_counted() -> None:
    doses = _opv_register(
        ("MR1", D(2025, 10, 10)),
        ("MR2", D(2026, 7, 10)),
        ("MR3", D(2026, 8, 10)),
    )
    record = evaluate_child(
        birth_date=BIRTH, sex=Sex.MALE, on=D(2026, 9, 1), given=doses
    )
    assert [(g.code, g.valid, g.timing) for g in record.given] == [
        ("MR1", True, Timing.IDEAL),
        ("MR2", True, Timing.IDEAL),
        ("MR3", False, None),
    ]
    assert "imunisasi.extra_dose" in _codes(record)


def test_the_same_dose_copied_twice_on_one_day_is_one_dose() -> None:
    rows = [
        row(1, "a", D(2025, 3, 10), birth=BIRTH, immunizations=("OPV2", "Polio2")),
        row(2, "a", D(2025, 3, 12), birth=BIRTH, immunizations=("OPV2@2025-03-10",)),
    ]
    doses, issues = doses_from_rows(rows)
    assert [(g.code, g.date) for g in doses] == [("OPV2", D(2025, 3, 10))]
    assert issues == []


def test_a_register_without_the_first_doses_counts_what_it_has() -> None:
    rows = [row(1, "a", D(2025, 5, 12), birth=BIRTH, immunizations=("DPT-HB-Hib3",))]
    (record,) = immunization_status(register(rows), D(2025, 5, 12))
    assert [(g.code, g.recorded_as) for g in record.given] == [
        ("DPT-HB-Hib1", "DPT-HB-Hib3")
    ]
    assert "imunisasi.number_mismatch" in _codes(record)


# -- IDL / IBL deadlines (§6.3) --------------------------------------------


def _idl_doses(last_on: dt.date) -> list[tuple[str, dt.date]]:
    return [
        ("HB0", BIRTH), ("BCG", BIRTH), ("OPV1", BIRTH),
        ("DPT-HB-Hib1", D(2025, 3, 10)), ("OPV2", D(2025, 3, 10)),
        ("DPT-HB-Hib2", D(2025, 4, 10)), ("OPV3", D(2025, 4, 10)),
        ("DPT-HB-Hib3", D(2025, 5, 10)), ("OPV4", D(2025, 5, 10)),
        ("IPV1", D(2025, 5, 10)), ("MR1", last_on),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("last_on", "state"),
    [
        (D(2026, 1, 9), CompletenessState.LENGKAP),
        (D(2026, 1, 10), CompletenessState.LENGKAP_TERLAMBAT),
        (D(2026, 1, 11), CompletenessState.LENGKAP_TERLAMBAT),
    ],
)
def test_idl_deadline_12_months(last_on: dt.date, state: CompletenessState) -> None:
    record = _record(D(2026, 2, 1), *_idl_doses(last_on))
    assert record.idl.state is state
    assert record.idl.deadline == D(2026, 1, 10)


@pytest.mark.parametrize(
    ("on", "state"),
    [
        (D(2026, 1, 9), CompletenessState.BELUM_LENGKAP),
        (D(2026, 1, 10), CompletenessState.TIDAK_LENGKAP),
        (D(2026, 1, 11), CompletenessState.TIDAK_LENGKAP),
    ],
)
def test_idl_missing_at_the_deadline(on: dt.date, state: CompletenessState) -> None:
    assert _record(on, *_idl_doses(D(2025, 10, 10))[:-1]).idl.state is state


@pytest.mark.parametrize(
    ("last_on", "state"),
    [
        (D(2027, 1, 9), CompletenessState.LENGKAP),
        (D(2027, 1, 10), CompletenessState.LENGKAP_TERLAMBAT),
    ],
)
def test_ibl_deadline_24_months(last_on: dt.date, state: CompletenessState) -> None:
    record = _record(
        D(2027, 2, 1),
        ("MR1", D(2025, 10, 10)),
        ("MR2", last_on),
        ("DPT-HB-Hib1", D(2025, 3, 10)),
        ("DPT-HB-Hib2", D(2025, 4, 10)),
        ("DPT-HB-Hib3", D(2025, 5, 10)),
        ("DPT-HB-Hib4", D(2026, 7, 10)),
    )
    assert record.ibl.state is state


# -- Td WUS intervals (§6.5, §15 #81) ---------------------------------------


@pytest.mark.parametrize(
    ("previous", "dose_on", "expected_level"),
    [
        # T2 >= 4 weeks after T1 (2025-01-01 -> 2025-01-29)
        ([D(2025, 1, 1)], D(2025, 1, 28), (2, True)),
        ([D(2025, 1, 1)], D(2025, 1, 29), (2, False)),
        # T3 >= 6 months after T2
        ([D(2025, 1, 1), D(2025, 1, 29)], D(2025, 7, 28), (3, True)),
        ([D(2025, 1, 1), D(2025, 1, 29)], D(2025, 7, 29), (3, False)),
        # T4 >= 1 year after T3
        ([D(2025, 1, 1), D(2025, 1, 29), D(2025, 7, 29)], D(2026, 7, 28), (4, True)),
        ([D(2025, 1, 1), D(2025, 1, 29), D(2025, 7, 29)], D(2026, 7, 29), (4, False)),
        # T5 >= 1 year after T4
        (
            [D(2025, 1, 1), D(2025, 1, 29), D(2025, 7, 29), D(2026, 7, 29)],
            D(2027, 7, 28),
            (5, True),
        ),
        (
            [D(2025, 1, 1), D(2025, 1, 29), D(2025, 7, 29), D(2026, 7, 29)],
            D(2027, 7, 29),
            (5, False),
        ),
    ],
)
def test_td_intervals(
    previous: list[dt.date], dose_on: dt.date, expected_level: tuple[int, bool]
) -> None:
    history = [("Td", d) for d in (*previous, dose_on)]
    status = td_status(history, dose_on)
    level, too_soon = expected_level
    assert status.level == level
    assert ("imunisasi.too_soon" in [i.code for i in status.issues]) is too_soon
    assert status.last_dose_on == dose_on


@pytest.mark.parametrize("spelling", ["TT", "tt", "td", "Td", "TT1", "tt1", "T1"])
def test_td_status_reads_tt_and_any_case(spelling: str) -> None:
    status = td_status([(spelling, D(2025, 1, 1))], D(2025, 1, 2))
    assert (status.label, status.next_earliest) == ("T1", D(2025, 1, 29))


def test_td_status_reads_lower_case_childhood_doses() -> None:
    history = [
        ("dpt1", D(2000, 3, 1)),
        ("penta2", D(2000, 4, 1)),
        ("DPT3", D(2000, 5, 1)),
    ]
    status = td_status(history, D(2025, 1, 1))
    assert (status.level, status.from_screening) == (2, 2)


@pytest.mark.parametrize(("days", "counted"), [(-1, False), (0, True), (1, True)])
def test_doses_after_the_evaluation_day_are_ignored(days: int, counted: bool) -> None:
    on = D(2025, 3, 20)
    record = _record(on, ("DPT-HB-Hib1", on - dt.timedelta(days=days)))
    assert bool(record.given) is counted
    td = td_status([("Td", on - dt.timedelta(days=days))], on)
    assert (td.level == 1) is counted


def test_evolve_keeps_the_schedule_frozen() -> None:
    schedule = attrs.evolve(load_schedule(), grace_days=3)
    assert schedule.grace_days == 3
    assert load_schedule().grace_days == 0


@pytest.mark.parametrize(
    ("on", "listed"),
    [(D(2025, 6, 14), True), (D(2025, 6, 15), False), (D(2025, 6, 16), False)],
)
def test_moved_out_children_leave_the_list_on_the_day(
    on: dt.date, listed: bool
) -> None:
    # Resident on day d iff d < moved_out_on (the register's one rule).
    rows = [
        row(1, "a", D(2025, 3, 10), 5.0, birth=BIRTH),
        row(2, "a", D(2025, 5, 10), 6.0, birth=BIRTH, moved_out_on=D(2025, 6, 15)),
    ]
    assert bool(immunization_status(register(rows), on)) is listed


def test_every_immunization_message_in_both_languages() -> None:
    """One child, one Td history and two requested doses: every issue text."""
    rows = [
        row(1, "a", D(2025, 3, 12), 5.0, birth=BIRTH, immunizations=(
            "HB0@2025-01-09", "HB0@2025-01-20", "BCG@2025-01-10", "xyz",
            "OPV1@2025-13-01", "OPV3", "DPT-HB-Hib1")),
        row(2, "a", D(2025, 3, 30), 5.2, birth=BIRTH, immunizations=("DPT-HB-Hib2",)),
        row(3, "a", D(2025, 10, 10), 8.0, birth=BIRTH, immunizations=(
            "MR1", "MR2@2026-07-10", "MR3@2026-08-10", "Td1", "Td1@2025-11-11")),
    ]  # fmt: skip
    (record,) = immunization_status(register(rows), D(2026, 9, 1))
    td = td_status(
        [("Td1", D(2025, 1, 1)), ("Td2", D(2025, 1, 20)), ("TT", D(2025, 8, 1)),
         ("TT", D(2026, 8, 1)), ("TT", D(2027, 8, 1)), ("tt", D(2028, 8, 1))],
        D(2029, 1, 1),
    )  # fmt: skip
    requested = [
        *check_dose(BIRTH, [], "DPT-HB-Hib2", D(2025, 4, 10)),
        *check_dose(BIRTH, [], "nope", D(2025, 4, 10)),
    ]
    lines = [i.describe() for i in (*record.issues, *td.issues, *requested)]
    assert lines == [
        "row 1, immunizations = 'OPV1@2025-13-01': error [imunisasi.date] cannot read the dose date '2025-13-01' (use YYYY-MM-DD) / tanggal imunisasi '2025-13-01' tidak terbaca (pakai YYYY-MM-DD)",
        "row 1, immunizations = 'xyz': warning [imunisasi.unknown_code] unknown immunization code 'xyz' / kode imunisasi 'xyz' tidak dikenal",
        "row 3, immunizations = 'Td1': warning [imunisasi.duplicate] Td1 recorded twice (2025-10-10 and 2025-11-11); the first is used / Td1 tercatat dua kali (2025-10-10 dan 2025-11-11); dipakai yang pertama",
        "row 1, immunizations = '2025-01-09': error [imunisasi.before_birth] HB0 recorded on 2025-01-09, before the birth date 2025-01-10 / HB0 tercatat 2025-01-09, sebelum tanggal lahir 2025-01-10",
        "row 1, immunizations = '2025-01-20': warning [imunisasi.too_old] HB0 given on 2025-01-20, past the maximum age 8d / HB0 diberikan 2025-01-20, melewati batas usia 8d",
        "row 1, immunizations = 'OPV3': warning [imunisasi.number_mismatch] OPV3 (2025-03-12) counts as OPV1 (valid OPV dose number 1) / OPV3 (2025-03-12) dihitung sebagai OPV1 (dosis sah ke-1 OPV)",
        "row 2, immunizations = '2025-03-30': warning [imunisasi.too_early] DPT-HB-Hib2 given on 2025-03-30, before the minimum age 3m (2025-04-10) / DPT-HB-Hib2 diberikan 2025-03-30, sebelum usia minimal 3m (2025-04-10)",
        "row 2, immunizations = '2025-03-30': warning [imunisasi.too_soon] DPT-HB-Hib2 given on 2025-03-30, less than 1m after DPT-HB-Hib1 (2025-03-12); earliest 2025-04-12 / DPT-HB-Hib2 diberikan 2025-03-30, kurang dari 1m setelah DPT-HB-Hib1 (2025-03-12); paling cepat 2025-04-12",
        "row 3, immunizations = 'MR3': warning [imunisasi.extra_dose] MR3 (2026-08-10): the MR series is already complete; this dose is not counted / MR3 (2026-08-10): seri MR sudah lengkap; dosis ini tidak dihitung",
        "file, immunizations = 'Td2': error [imunisasi.too_soon] Td for T2 given on 2025-01-20, less than 4w after the previous dose (2025-01-01) / Td untuk T2 diberikan 2025-01-20, kurang dari 4w setelah dosis sebelumnya (2025-01-01)",
        "file, immunizations = 'Td5': info [imunisasi.td_extra] Td dose on 2028-08-01 given after status T5 (not needed) / dosis Td 2028-08-01 diberikan setelah status T5 (tidak diperlukan)",
        "file, immunizations = 'DPT-HB-Hib2': info [imunisasi.previous_missing] DPT-HB-Hib2 is recorded but the previous dose of the series is not / DPT-HB-Hib2 tercatat tetapi dosis sebelumnya tidak tercatat",
        "file, immunizations = 'nope': error [imunisasi.unknown_code] unknown immunization code 'nope' / kode imunisasi 'nope' tidak dikenal",
    ]
    assert {i.rule for i in record.issues} == {"kesehatan.imunisasi"}
