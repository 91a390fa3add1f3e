"""Next doses per antigen, a requested dose checked, Td status (DOMAIN.md §6.2-6.5)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from posyandu_core.errors import RuleDataError, UnknownNameError
from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan.immunization import (
    GivenDose,
    Timing,
    check_dose,
    evaluate_child,
    td_status,
)
from posyandu_core.plugins.kesehatan.schedule import Duration, load_schedule

D = dt.date
BIRTH = D(2025, 1, 10)


def test_next_due_date_per_antigen() -> None:
    given = [GivenDose(code=c, date=BIRTH, recorded_as=c) for c in ("BCG", "OPV1")]
    record = evaluate_child(
        birth_date=BIRTH, sex=Sex.FEMALE, on=D(2025, 3, 20), given=given
    )
    # HB-0 is past its 7 days (no longer given), BCG given: neither is next.
    assert record.next_due() == {
        "OPV": D(2025, 3, 10),  # OPV2 at 2 months
        "DPT-HB-Hib": D(2025, 3, 10),
        "RV": D(2025, 3, 10),
        "PCV": D(2025, 3, 10),
        "IPV": D(2025, 5, 10),
        "MR": D(2025, 10, 10),
    }


def test_check_dose_reads_series_spellings_through_the_history() -> None:
    # "Polio" after OPV1 is OPV2; OPV3 on 2025-04-01 is both too early
    # (3 months: 2025-04-10) and too soon after that OPV2 (1 month).
    issues = check_dose(
        BIRTH, [("OPV1", BIRTH), ("Polio", D(2025, 3, 10))], "OPV3", D(2025, 4, 1)
    )
    assert [i.code for i in issues] == ["imunisasi.too_early", "imunisasi.too_soon"]
    assert "after OPV2 (2025-03-10); earliest 2025-04-10" in issues[1].message_en


def test_check_dose_reads_the_requested_series_spelling_through_the_history() -> None:
    # "Polio" requested after OPV1 is OPV2: too early and too soon on 2025-02-01.
    issues = check_dose(BIRTH, [("OPV1", BIRTH)], "Polio", D(2025, 2, 1))
    assert [i.code for i in issues] == ["imunisasi.too_early", "imunisasi.too_soon"]
    assert issues[0].message_en.startswith("OPV2 given on 2025-02-01")


def test_check_dose_of_a_first_dose() -> None:
    assert check_dose(BIRTH, [], "BCG", BIRTH) == []
    assert check_dose(BIRTH, [], "DPT-HB-Hib1", D(2025, 3, 10)) == []


def _td(code: str, date: dt.date, row: int) -> GivenDose:
    return GivenDose(code=code, date=date, recorded_as=code, row=row)


def test_td_status_from_given_doses_with_their_rows() -> None:
    # T1 any day; T2 at least 4 weeks after T1 (DOMAIN.md §6.5).
    status = td_status(
        [_td("Td", D(2025, 1, 1), 2), _td("Td", D(2025, 1, 10), 3)], D(2025, 2, 1)
    )
    assert (status.label, status.last_dose_on) == ("T2", D(2025, 1, 10))
    assert [(i.code, i.row) for i in status.issues] == [("imunisasi.too_soon", 3)]


def test_td_status_after_t5() -> None:
    doses = [
        _td("Td", D(2020, 1, 1), 1),
        _td("Td", D(2020, 2, 1), 2),  # 4 weeks
        _td("Td", D(2020, 8, 1), 3),  # 6 months
        _td("Td", D(2021, 8, 1), 4),  # 1 year
        _td("Td", D(2022, 8, 1), 5),  # 1 year: T5
        _td("Td", D(2023, 1, 1), 6),
        _td("Td", D(2023, 6, 1), 7),
    ]
    status = td_status(doses, D(2024, 1, 1))
    assert (status.label, status.next_earliest) == ("T5", None)
    assert status.protected_until == D(2047, 8, 1)  # 25 years
    assert [(i.code, i.row) for i in status.issues] == [
        ("imunisasi.td_extra", 6),
        ("imunisasi.td_extra", 7),
    ]


def test_td_status_counts_td_doses_after_other_doses() -> None:
    status = td_status([("BCG", D(2000, 1, 1)), ("TT", D(2025, 1, 1))], D(2025, 1, 2))
    assert (status.label, status.next_earliest) == ("T1", D(2025, 1, 29))
    assert status.protected_until is None  # T1 protects no years


def test_td_status_with_a_schedule_without_a_td_series() -> None:
    packaged = load_schedule()
    schedule = attrs.evolve(
        packaged,
        series_aliases={
            k: v for k, v in packaged.series_aliases.items() if "Td1" not in v
        },
    )
    status = td_status([("Td", D(2025, 1, 1))], D(2025, 1, 2), schedule=schedule)
    assert (status.label, status.issues) == ("T0", ())


def test_ipv2_by_age_alone_without_its_interval() -> None:
    # imunisasi.toml: remove IPV2's min_interval to judge IPV2 by age alone.
    packaged = load_schedule()
    schedule = attrs.evolve(
        packaged,
        doses=tuple(
            attrs.evolve(d, min_interval=None) if d.code == "IPV2" else d
            for d in packaged.doses
        ),
    )
    given = [GivenDose(code="IPV1", date=D(2025, 9, 10), recorded_as="IPV1")]
    on = D(2025, 9, 11)
    by_age = evaluate_child(
        birth_date=BIRTH, sex=Sex.MALE, on=on, given=given, schedule=schedule
    )
    ipv2 = {d.code: d for d in by_age.doses}["IPV2"]
    assert (ipv2.earliest, ipv2.due_on) == (D(2025, 10, 10), D(2025, 10, 10))
    packaged_ipv2 = {
        d.code: d
        for d in evaluate_child(
            birth_date=BIRTH, sex=Sex.MALE, on=on, given=given
        ).doses
    }["IPV2"]
    assert packaged_ipv2.earliest == D(2026, 1, 10)  # 4 months after IPV1


def test_a_record_without_names() -> None:
    record = evaluate_child(birth_date=BIRTH, sex=Sex.MALE, on=BIRTH)
    assert (record.person_id, record.name, record.parent_name, record.posyandu) == (
        "",
        "",
        "",
        None,
    )
    assert (record.idl.id, record.idl.label_id, record.idl.label_en) == (
        "IDL_PMK12_2017",
        "Imunisasi Dasar Lengkap (Permenkes 12/2017)",
        "Complete basic immunization (Permenkes 12/2017)",
    )
    assert (record.ibl.id, record.ibl.label_id, record.ibl.label_en) == (
        "IBL",
        "Imunisasi Baduta Lengkap",
        "Complete second-year (baduta) immunization",
    )
    # Nothing given: IDL due before the first birthday, IBL before the second.
    assert (record.idl.deadline, record.ibl.deadline) == (
        D(2026, 1, 10),
        D(2027, 1, 10),
    )


def test_an_unknown_dose_code_is_named_in_both_languages() -> None:
    with pytest.raises(UnknownNameError) as caught:
        load_schedule().dose("DPT-HB-Hib5")
    error = caught.value
    assert isinstance(error, KeyError)
    assert (error.message, error.message_id, error.value) == (
        "the schedule has no dose 'DPT-HB-Hib5'",
        "jadwal tidak punya dosis 'DPT-HB-Hib5'",
        "DPT-HB-Hib5",
    )


def _g(code: str, date: dt.date, **fields: object) -> GivenDose:
    return GivenDose(code=code, date=date, recorded_as=code, **fields)  # type: ignore[arg-type]


def test_doses_are_counted_afresh_whatever_the_input_says() -> None:
    # Doses taken from an earlier record (valid / timing already set) are
    # counted again: only a counted dose has a timing (DOMAIN.md §6.3).
    given = [
        _g("BCG", BIRTH, valid=False),
        _g("BCG", D(2025, 2, 1), timing=Timing.IDEAL),  # extra
        _g("BCG", D(2025, 3, 1), timing=Timing.IDEAL),  # extra
        _g("DPT-HB-Hib1", D(2025, 2, 1), timing=Timing.IDEAL),  # too early
    ]
    record = evaluate_child(
        birth_date=BIRTH, sex=Sex.MALE, on=D(2025, 3, 2), given=given
    )
    assert [(g.code, g.valid, g.timing) for g in record.given] == [
        ("BCG", True, Timing.IDEAL),
        ("BCG", False, None),
        ("DPT-HB-Hib1", False, None),
        ("BCG", False, None),
    ]
    assert [i.code for i in record.issues] == [
        "imunisasi.extra_dose",
        "imunisasi.extra_dose",
        "imunisasi.too_early",
    ]


def test_doses_of_one_day_count_in_row_order() -> None:
    # Same day: the row decides which counts first (a dose without a row first).
    day = D(2025, 3, 10)
    for given in (
        [_g("OPV1", day, row=2), _g("OPV2", day, row=1)],
        [_g("OPV1", day, row=1), _g("OPV2", day)],
    ):
        record = evaluate_child(
            birth_date=BIRTH, sex=Sex.MALE, on=day, given=[_g("OPV1", BIRTH), *given]
        )
        assert [(g.recorded_as, g.code, g.valid) for g in record.given][1:] == [
            ("OPV2", "OPV2", True),
            ("OPV1", "OPV3", False),  # the same day: too soon
        ]


def test_endemic_antigen_not_switched_on_is_kept_as_another_dose() -> None:
    record = evaluate_child(
        birth_date=BIRTH,
        sex=Sex.MALE,
        on=D(2025, 12, 1),
        given=[_g("JE", D(2025, 11, 10))],
    )
    assert "JE" not in {d.code for d in record.doses}
    assert [(g.code, g.valid, g.timing) for g in record.given] == [("JE", True, None)]


def test_series_and_antigens_of_the_schedule() -> None:
    schedule = load_schedule()
    assert schedule.series("XYZ") == ()
    je_first = attrs.evolve(
        schedule,
        doses=tuple(sorted(schedule.doses, key=lambda d: not d.endemic_only)),
    )
    assert je_first.antigens() == schedule.antigens()
    assert je_first.antigens(endemic={"JE"})[0] == "JE"


def test_an_unreadable_duration_is_explained_in_both_languages() -> None:
    with pytest.raises(RuleDataError) as caught:
        Duration.parse("8 minggu")
    error = caught.value
    assert (error.message, error.message_id) == (
        "cannot read duration '8 minggu'",
        "jangka waktu '8 minggu' tidak terbaca",
    )
    assert (error.fix, error.fix_id) == (
        'write it as "<n>d", "<n>w", "<n>m" or "<n>y"',
        'tulis sebagai "<n>d", "<n>w", "<n>m" atau "<n>y"',
    )
