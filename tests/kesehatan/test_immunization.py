"""DOMAIN.md §15 vectors #76-82 and the immunization engine."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.kesehatan._helpers import register, row

from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan.immunization import (
    CompletenessState,
    DoseState,
    DoseStatus,
    GivenDose,
    Timing,
    bias_due,
    check_dose,
    doses_from_rows,
    evaluate_child,
    immunization_status,
    open_day_list,
    td_status,
)
from posyandu_core.plugins.kesehatan.schedule import load_schedule

D = dt.date
BIRTH = D(2025, 1, 10)


def _given(*doses: tuple[str, dt.date]) -> list[GivenDose]:
    return [GivenDose(code=c, date=d, recorded_as=c) for c, d in doses]


def _doses(on: dt.date, *given: tuple[str, dt.date]) -> dict[str, DoseStatus]:
    record = evaluate_child(birth_date=BIRTH, sex=Sex.MALE, on=on, given=_given(*given))
    return {d.code: d for d in record.doses}


def test_vector_76_schedule_of_a_child_born_2025_01_10() -> None:
    doses = _doses(BIRTH)
    # "due by 2025-01-11": DOB+1 is the last on-time day, late from DOB+2.
    assert doses["HB0"].overdue_on == D(2025, 1, 12)
    for code in ("BCG", "OPV1"):
        assert doses[code].overdue_on == D(2025, 2, 10)  # before
    for code in ("DPT-HB-Hib1", "OPV2", "RV1", "PCV1"):
        assert doses[code].due_on == D(2025, 3, 10)
    for code in ("DPT-HB-Hib3", "OPV4", "RV3", "IPV1"):
        assert doses[code].due_on == D(2025, 5, 10)
    for code in ("MR1", "IPV2"):
        assert doses[code].due_on == D(2025, 10, 10)
    assert doses["PCV3"].due_on == D(2026, 1, 10)
    for code in ("DPT-HB-Hib4", "MR2"):
        assert doses[code].due_on == D(2026, 7, 10)
    assert "JE" not in doses  # endemic only


def test_vector_77_mr2_after_a_late_mr1() -> None:
    doses = _doses(D(2025, 12, 20), ("MR1", D(2025, 12, 15)))
    assert doses["MR2"].earliest == D(2026, 7, 10)
    assert doses["MR1"].timing is Timing.KEJAR


def test_vector_78_dpt4_after_a_late_dpt3() -> None:
    doses = _doses(
        D(2025, 9, 2),
        ("DPT-HB-Hib1", D(2025, 3, 10)),
        ("DPT-HB-Hib2", D(2025, 4, 10)),
        ("DPT-HB-Hib3", D(2025, 9, 1)),
    )
    assert doses["DPT-HB-Hib4"].earliest == D(2026, 9, 1)
    assert doses["DPT-HB-Hib4"].due_on == D(2026, 9, 1)


def test_vector_79_pcv3_eight_weeks_after_pcv2() -> None:
    doses = _doses(D(2025, 12, 2), ("PCV1", D(2025, 3, 10)), ("PCV2", D(2025, 12, 1)))
    assert doses["PCV3"].earliest == D(2026, 1, 26)


def test_vector_80_dpt2_three_weeks_after_dpt1_is_rejected() -> None:
    issues = check_dose(
        BIRTH, [("DPT-HB-Hib1", D(2025, 3, 10))], "DPT-HB-Hib2", D(2025, 3, 31)
    )
    # Rejected: < 1 month after DPT-HB-Hib1 (and, with the national ages,
    # also before 3 months of age).
    assert [(i.code, i.severity) for i in issues] == [
        ("imunisasi.too_early", "error"),
        ("imunisasi.too_soon", "error"),
    ]
    who = load_schedule("who_minimum")
    only_interval = check_dose(
        BIRTH,
        [("DPT-HB-Hib1", D(2025, 3, 10))],
        "DPT-HB-Hib2",
        D(2025, 3, 31),
        schedule=who,
    )
    assert [i.code for i in only_interval] == ["imunisasi.too_soon"]
    assert (
        check_dose(
            BIRTH, [("DPT-HB-Hib1", D(2025, 3, 10))], "DPT-HB-Hib2", D(2025, 4, 10)
        )
        == []
    )


def test_vector_81_td_intervals() -> None:
    one = td_status([("Td1", D(2025, 1, 1))], D(2025, 1, 2))
    assert (one.label, one.next_earliest) == ("T1", D(2025, 1, 29))
    two = td_status([("Td1", D(2025, 1, 1)), ("Td", D(2025, 1, 29))], D(2025, 2, 1))
    assert (two.label, two.next_earliest) == ("T2", D(2025, 7, 29))
    assert two.protected_until == D(2028, 1, 29)
    early = td_status([("Td1", D(2025, 1, 1)), ("Td2", D(2025, 1, 20))], D(2025, 2, 1))
    assert [i.code for i in early.issues] == ["imunisasi.too_soon"]


def test_td_screening_from_childhood_doses() -> None:
    history = [
        ("DPT-HB-Hib1", D(2000, 3, 1)),
        ("DPT-HB-Hib2", D(2000, 4, 1)),
        ("DPT-HB-Hib3", D(2000, 5, 1)),
        ("DPT-HB-Hib4", D(2001, 8, 1)),
    ]
    status = td_status(history, D(2025, 1, 1))
    assert (status.level, status.from_screening) == (3, 3)
    assert status.next_earliest == D(2002, 8, 1)


@pytest.mark.parametrize(
    ("sex", "grade", "month", "codes"),
    [
        ("P", 5, 8, ["HPV1"]),  # 82
        ("L", 5, 8, []),
        ("P", 5, 11, ["Td-BIAS"]),
        ("L", 1, 8, ["MR-BIAS"]),
        ("L", 1, 11, ["DT-BIAS"]),
        ("P", 6, 8, ["HPV2"]),
        ("P", 3, 8, []),
    ],
)
def test_vector_82_bias(sex: str, grade: int, month: int, codes: list[str]) -> None:
    assert [d.code for d in bias_due(sex=sex, grade=grade, month=month)] == codes


def test_states_due_overdue_waiting_too_old() -> None:
    doses = _doses(D(2025, 3, 20), ("HB0", BIRTH), ("BCG", D(2025, 1, 20)))
    assert doses["HB0"].state is DoseState.GIVEN
    assert doses["OPV1"].state is DoseState.OVERDUE
    assert doses["OPV2"].state is DoseState.WAITING
    assert doses["DPT-HB-Hib1"].state is DoseState.DUE
    assert doses["MR1"].state is DoseState.NOT_YET
    late = _doses(D(2025, 1, 18))
    assert late["HB0"].state is DoseState.TOO_OLD  # 8 days: past the 7-day limit
    assert _doses(D(2025, 1, 17))["HB0"].state is DoseState.OVERDUE


def test_recorded_too_early_dose_is_flagged_and_does_not_count() -> None:
    record = evaluate_child(
        birth_date=BIRTH,
        sex=Sex.FEMALE,
        on=D(2025, 11, 1),
        given=_given(("MR1", D(2025, 9, 20))),
    )
    (issue,) = [i for i in record.issues if i.code == "imunisasi.too_early"]
    assert issue.severity == "warning"
    assert record.given[0].valid is False
    assert "MR1" in record.idl.missing


def test_idl_and_ibl_completeness() -> None:
    idl = load_schedule().completeness["IDL_PMK12_2017"].required
    on_time = [
        (code, D(2025, 11, 1)) for code in idl if code not in ("HB0", "BCG", "OPV1")
    ]
    on_time += [("HB0", BIRTH), ("BCG", BIRTH), ("OPV1", BIRTH)]
    # Intervals: give the series a month apart.
    series = {
        "DPT-HB-Hib1": D(2025, 3, 10), "DPT-HB-Hib2": D(2025, 4, 10),
        "DPT-HB-Hib3": D(2025, 5, 10), "OPV2": D(2025, 3, 10), "OPV3": D(2025, 4, 10),
        "OPV4": D(2025, 5, 10), "IPV1": D(2025, 5, 10), "MR1": D(2025, 10, 10),
    }  # fmt: skip
    given = _given(*[(c, series.get(c, d)) for c, d in on_time])
    record = evaluate_child(
        birth_date=BIRTH, sex=Sex.MALE, on=D(2026, 2, 1), given=given
    )
    assert record.idl.state is CompletenessState.LENGKAP
    assert record.idl.completed_on == D(2025, 10, 10)
    assert record.ibl.state is CompletenessState.BELUM_LENGKAP
    later = evaluate_child(
        birth_date=BIRTH, sex=Sex.MALE, on=D(2027, 2, 1), given=given
    )
    assert later.ibl.state is CompletenessState.TIDAK_LENGKAP
    ilp = evaluate_child(
        birth_date=BIRTH,
        sex=Sex.MALE,
        on=D(2026, 2, 1),
        given=given,
        idl="IDL_ILP_2023",
    )
    assert ilp.idl.state is CompletenessState.TIDAK_LENGKAP


def test_je_only_when_switched_on() -> None:
    on = evaluate_child(birth_date=BIRTH, sex=Sex.MALE, on=BIRTH, endemic={"JE"})
    assert {d.code: d.due_on for d in on.doses}["JE"] == D(2025, 11, 10)


def test_dose_spellings_and_dated_history_in_the_register() -> None:
    rows = [
        row(1, "a", D(2025, 3, 12), 5.0, birth=BIRTH,
            immunizations=("HB-0@2025-01-10", "Pentabio1", "Polio 2", "Rota1", "PCV 1")),
        row(2, "a", D(2025, 4, 14), 5.8, birth=BIRTH,
            immunizations=("DPT-HB-Hib 2", "bOPV3", "xyz")),
        row(3, "a", D(2025, 10, 14), 8.0, birth=BIRTH, immunizations=("Campak",)),
    ]  # fmt: skip
    doses, issues = doses_from_rows(rows)
    assert [(d.code, d.date) for d in doses] == [
        ("HB0", D(2025, 1, 10)),
        ("DPT-HB-Hib1", D(2025, 3, 12)),
        ("OPV2", D(2025, 3, 12)),
        ("PCV1", D(2025, 3, 12)),
        ("RV1", D(2025, 3, 12)),
        ("DPT-HB-Hib2", D(2025, 4, 14)),
        ("OPV3", D(2025, 4, 14)),
        ("MR1", D(2025, 10, 14)),
    ]
    assert [i.code for i in issues] == ["imunisasi.unknown_code"]
    # File order does not matter.
    assert doses_from_rows(list(reversed(rows)))[0] == doses


def test_open_day_list_for_sweeping() -> None:
    rows = [
        row(1, "a", D(2025, 3, 10), 5.0, birth=BIRTH, immunizations=("HB0@2025-01-10",)),
        row(2, "b", D(2025, 3, 10), 5.0, birth=D(2025, 1, 20), sex=Sex.FEMALE,
            immunizations=("BCG@2025-01-25", "OPV1@2025-01-25", "HB0@2025-01-20")),
        row(3, "c", D(2020, 3, 10), 15.0, birth=D(2019, 1, 1)),  # 5+ years: not listed
    ]  # fmt: skip
    entries = open_day_list(register(rows), D(2025, 3, 20))
    a = [(e.state, e.code) for e in entries if e.person_id == "a"]
    assert (DoseState.OVERDUE, "BCG") in a
    assert (DoseState.DUE, "DPT-HB-Hib1") in a
    assert all(e.person_id != "c" for e in entries)
    b = [(e.state, e.code) for e in entries if e.person_id == "b"]
    due = DoseState.DUE
    assert b == [(due, "DPT-HB-Hib1"), (due, "OPV2"), (due, "PCV1"), (due, "RV1")]
    assert [
        r.person_id for r in immunization_status(register(rows), D(2025, 3, 20))
    ] == ["a", "b"]
