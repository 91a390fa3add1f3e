"""The immunization records of a register: array answers, records, the open-day list.

One register evaluated on one day (:data:`ON`) holds a child for every
completeness state (IDL / IBL, DOMAIN.md §6.4), doses given on time, late,
too early, too soon, past the end of a series and written with another
number, one child whose doses are read one by one (a dose dated elsewhere
with ``@``), children without any dose and two Posyandu. Every record equals
the one-by-one evaluation of the same rows (:func:`evaluate_child`), and the
array answers of :class:`ImmunizationRecords` equal the records'.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import attrs
from tests.kesehatan._helpers import register, row

from posyandu_core.model import Sex, add_months
from posyandu_core.plugins.kesehatan.immunization import (
    CompletenessState,
    CompletenessStatus,
    DoseState,
    DueEntry,
    ImmunizationRecord,
    Timing,
    doses_from_rows,
    evaluate_child,
    immunization_status,
    open_day_list,
)
from posyandu_core.plugins.kesehatan.schedule import Schedule, load_schedule
from posyandu_core.register import Register, RegisterRow
from posyandu_core.rules import Issue, Severity

D = dt.date
ON = D(2026, 3, 1)
L, LT = CompletenessState.LENGKAP, CompletenessState.LENGKAP_TERLAMBAT
BL, TL = CompletenessState.BELUM_LENGKAP, CompletenessState.TIDAK_LENGKAP


def _idl_visits(
    birth: dt.date, mr1: dt.date | None = None
) -> list[tuple[dt.date, tuple[str, ...]]]:
    """The IDL doses on their national-schedule days (DOMAIN.md §6.2)."""
    return [
        (birth, ("HB0", "BCG", "OPV1")),
        (add_months(birth, 2), ("DPT-HB-Hib1", "OPV2", "PCV1", "RV1")),
        (add_months(birth, 3), ("DPT-HB-Hib2", "OPV3", "PCV2", "RV2")),
        (add_months(birth, 4), ("DPT-HB-Hib3", "OPV4", "IPV1", "RV3")),
        (mr1 or add_months(birth, 9), ("MR1",)),
    ]


def _rows(
    person: str,
    birth: dt.date,
    visits: list[tuple[dt.date, tuple[str, ...]]],
    start: int,
    posyandu: str = "Mawar",
) -> list[RegisterRow]:
    return [
        row(
            start + n,
            person,
            day,
            8.0,
            birth=birth,
            immunizations=codes,
            posyandu=posyandu,
        )
        for n, (day, codes) in enumerate(visits)
    ]


def _register() -> Register:
    a = D(2025, 4, 1)
    a_visits = [
        (a, ("HB0", "OPV1")),
        (D(2025, 5, 10), ("BCG",)),  # after the 1-month window: IM-Kejar
        (D(2025, 6, 1), ("DPT-HB-Hib1", "OPV3", "PCV1", "RV1")),  # OPV3 counts as OPV2
        (D(2025, 6, 15), ("DPT-HB-Hib2", "BCG")),  # too early and too soon; extra BCG
        (D(2025, 7, 1), ("DPT-HB-Hib2", "OPV3", "PCV2", "RV2")),
        (D(2025, 8, 1), ("DPT-HB-Hib3", "OPV4", "IPV1", "RV3")),
        (D(2026, 1, 1), ("MR1",)),
    ]
    b = D(2024, 12, 1)
    d = D(2025, 6, 1)
    d_visits = [
        (day, tuple(c for c in codes if c != "HB0")) for day, codes in _idl_visits(d)
    ]
    e = D(2025, 4, 1)
    e_visits = [
        (D(2025, 4, 15), ("HB0@2025-04-01", "BCG", "OPV1")),
        *_idl_visits(e)[1:],
        (D(2026, 1, 2), ("XYZ",)),
    ]
    h = D(2023, 1, 1)
    h_visits = [
        *_idl_visits(h),
        (D(2024, 7, 1), ("DPT-HB-Hib4", "MR2")),
        (D(2024, 7, 1), ("MR2",)),  # the same dose copied on another row: once
        (D(2025, 1, 1), ("DPT-HB-Hib4",)),  # a fifth DPT-HB-Hib: not counted
    ]
    return register(
        [
            # First in the register, first in the lists (Posyandu Anggrek).
            row(
                100, "i", D(2026, 2, 10), 3.2, birth=D(2026, 2, 10), posyandu="Anggrek"
            ),
            row(
                101, "j", D(2026, 2, 27), 3.1, birth=D(2026, 2, 27), posyandu="Anggrek"
            ),
            *_rows("a", a, a_visits, 1),
            *_rows("b", b, _idl_visits(b, mr1=D(2025, 12, 1)), 20),
            *_rows(
                "c",
                D(2025, 3, 1),
                [
                    (D(2025, 2, 20), ("BCG",)),  # before birth
                    (D(2025, 3, 1), ("HB0",)),
                    (D(2026, 3, 10), ("OPV1",)),  # after ON
                ],
                40,
            ),
            *_rows("d", d, d_visits, 50),
            *_rows("e", e, e_visits, 60),
            # f: HB-0 and BCG past their maximum ages: counted, with warnings.
            row(
                69,
                "f",
                D(2024, 7, 1),
                9.0,
                birth=D(2023, 6, 1),
                immunizations=("HB0", "BCG"),
            ),
            row(70, "f", D(2026, 2, 1), 12.0, birth=D(2023, 6, 1)),
            *_rows(
                "g",
                D(2026, 1, 1),
                [
                    (D(2026, 1, 1), ("HB0",)),
                    (D(2026, 1, 20), ("BCG", "OPV1")),
                    (D(2026, 2, 15), ("DPT-HB-Hib1",)),  # too early, never repeated
                ],
                80,
            ),
            *_rows("h", h, h_visits, 90),
            # m: born on the 31st, months clamp to the month's end.
            *_rows(
                "m",
                D(2025, 1, 31),
                [
                    (D(2025, 1, 31), ("HB0", "BCG", "OPV1")),
                    (D(2025, 3, 31), ("DPT-HB-Hib1", "OPV2")),
                    (D(2025, 4, 30), ("DPT-HB-Hib2", "OPV3")),  # 1 month: Apr 30
                ],
                130,
            ),
            # p: DOMAIN.md §15 #79, PCV3 at least 8 weeks after a late PCV2.
            *_rows(
                "p",
                D(2025, 1, 10),
                [
                    (D(2025, 1, 10), ("HB0", "BCG", "OPV1")),
                    (D(2025, 3, 10), ("PCV1",)),
                    (D(2025, 12, 1), ("PCV2",)),
                    (D(2026, 1, 26), ("PCV3",)),  # the earliest day
                ],
                140,
            ),
            # q: "Polio" is the next OPV dose (read one by one).
            *_rows(
                "q",
                D(2025, 4, 1),
                [
                    (D(2025, 4, 1), ("HB0", "BCG", "OPV1")),
                    (D(2025, 6, 1), ("Polio",)),
                ],
                150,
            ),
            # r: only series spellings, "Polio" twice: OPV1 then OPV2.
            *_rows(
                "r",
                D(2025, 5, 1),
                [(D(2025, 5, 1), ("Polio",)), (D(2025, 7, 1), ("Polio",))],
                160,
            ),
            # s: an undated row with a dose dated elsewhere ("@"): read one by one.
            *_rows("s", D(2025, 8, 1), [(D(2025, 8, 1), ("HB0",))], 170),
            attrs.evolve(
                row(
                    171,
                    "s",
                    D(2025, 8, 1),
                    birth=D(2025, 8, 1),
                    immunizations=("OPV1", "BCG@2025-08-10"),
                ),
                visit_date=None,
            ),
            # t: on the boundaries: HB-0 on day 8 (too old), OPV1 the day before
            # its 1-month window ends (IM-Ideal), BCG on that day (IM-Kejar).
            *_rows(
                "t",
                D(2025, 5, 1),
                [
                    (D(2025, 5, 9), ("HB0",)),
                    (D(2025, 5, 31), ("OPV1",)),
                    (D(2025, 6, 1), ("BCG",)),
                ],
                180,
            ),
            *_rows("k", D(2019, 1, 5), [(D(2025, 11, 1), ("DPT-HB-Hib1", "BCG"))], 110),
            RegisterRow(  # no Posyandu named
                row=120,
                person_id="n",
                name="Anak n",
                parent_name="Ibu n",
                sex=Sex.FEMALE,
                birth_date=D(2025, 10, 1),
                visit_date=D(2026, 1, 5),
                weight_kg=7.5,
            ),
        ]
    )


def _one_by_one(
    reg: Register,
    record: ImmunizationRecord,
    schedule: Schedule | None = None,
    endemic: tuple[str, ...] = (),
) -> ImmunizationRecord:
    rows = [r for r in reg.rows if r.person_id == record.person_id]
    given, read_issues = doses_from_rows(rows, schedule=schedule)
    first = rows[0]
    expected = evaluate_child(
        birth_date=first.birth_date or ON,
        sex=first.sex or Sex.MALE,
        on=ON,
        given=given,
        person_id=first.person_id,
        name=first.name or "",
        parent_name=first.parent_name or "",
        posyandu=first.posyandu,
        endemic=endemic,
        schedule=schedule,
    )
    return attrs.evolve(expected, issues=(*read_issues, *expected.issues))


def _warning(
    code: str, row: int, value: str, message_id: str, message_en: str
) -> Issue:
    return Issue(
        severity=Severity.WARNING,
        code=code,
        message_id=message_id,
        message_en=message_en,
        row=row,
        field="immunizations",
        value=value,
        rule="kesehatan.imunisasi",
    )


#: The children evaluated on ON, in the records' order (see the first test).
ORDER = [
    "n",
    "i",
    "j",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "m",
    "p",
    "q",
    "r",
    "s",
    "t",
]


def _ids(records: object) -> list[str]:
    return [r.person_id for r in records]  # type: ignore[attr-defined]


def test_the_records_of_the_register() -> None:
    reg = _register()
    records = immunization_status(reg, ON)
    # "k" is 7 years old: not a child of the Posyandu lists (0-60 months).
    # By Posyandu (none first), then name.
    assert _ids(records) == ORDER
    a = records[3]
    assert (a.name, a.parent_name, a.sex, a.posyandu) == (
        "Anak a",
        "Ibu a",
        Sex.MALE,
        "Mawar",
    )
    assert [
        (g.code, g.recorded_as, g.date, g.row, g.valid, g.timing) for g in a.given[:6]
    ] == [
        ("HB0", "HB0", D(2025, 4, 1), 1, True, Timing.IDEAL),
        ("OPV1", "OPV1", D(2025, 4, 1), 1, True, Timing.IDEAL),
        ("BCG", "BCG", D(2025, 5, 10), 2, True, Timing.KEJAR),
        ("DPT-HB-Hib1", "DPT-HB-Hib1", D(2025, 6, 1), 3, True, Timing.IDEAL),
        ("OPV2", "OPV3", D(2025, 6, 1), 3, True, Timing.IDEAL),
        ("PCV1", "PCV1", D(2025, 6, 1), 3, True, Timing.IDEAL),
    ]
    assert [(g.code, g.date, g.valid, g.timing) for g in a.given if not g.valid] == [
        ("BCG", D(2025, 6, 15), False, None),  # past the end of the series
        ("DPT-HB-Hib2", D(2025, 6, 15), False, None),  # too early, too soon
    ]
    assert [(i.code, i.row) for i in a.issues] == [
        ("imunisasi.extra_dose", 4),
        ("imunisasi.number_mismatch", 3),
        ("imunisasi.too_early", 4),
        ("imunisasi.too_soon", 4),
    ]
    assert a.issues == (
        _warning(
            "imunisasi.extra_dose",
            4,
            "BCG",
            "BCG (2025-06-15): seri BCG sudah lengkap; dosis ini tidak dihitung",
            "BCG (2025-06-15): the BCG series is already complete; "
            "this dose is not counted",
        ),
        _warning(
            "imunisasi.number_mismatch",
            3,
            "OPV3",
            "OPV3 (2025-06-01) dihitung sebagai OPV2 (dosis sah ke-2 OPV)",
            "OPV3 (2025-06-01) counts as OPV2 (valid OPV dose number 2)",
        ),
        _warning(
            "imunisasi.too_early",
            4,
            "2025-06-15",
            "DPT-HB-Hib2 diberikan 2025-06-15, sebelum usia minimal 3m (2025-07-01)",
            "DPT-HB-Hib2 given on 2025-06-15, before the minimum age 3m (2025-07-01)",
        ),
        _warning(
            "imunisasi.too_soon",
            4,
            "2025-06-15",
            "DPT-HB-Hib2 diberikan 2025-06-15, kurang dari 1m setelah DPT-HB-Hib1 "
            "(2025-06-01); paling cepat 2025-07-01",
            "DPT-HB-Hib2 given on 2025-06-15, less than 1m after DPT-HB-Hib1 "
            "(2025-06-01); earliest 2025-07-01",
        ),
    )
    assert records[8].issues == (
        _warning(
            "imunisasi.too_old",
            69,
            "2024-07-01",
            "HB0 diberikan 2024-07-01, melewati batas usia 8d",
            "HB0 given on 2024-07-01, past the maximum age 8d",
        ),
        _warning(
            "imunisasi.too_old",
            69,
            "2024-07-01",
            "BCG diberikan 2024-07-01, melewati batas usia 1y",
            "BCG given on 2024-07-01, past the maximum age 1y",
        ),
    )
    assert a.idl == CompletenessStatus(
        id="IDL_PMK12_2017",
        label_id="Imunisasi Dasar Lengkap (Permenkes 12/2017)",
        label_en="Complete basic immunization (Permenkes 12/2017)",
        state=L,
        missing=(),
        completed_on=D(2026, 1, 1),  # MR1, the last IDL dose
        deadline=D(2026, 4, 1),
    )
    assert a.ibl.missing == ("DPT-HB-Hib4", "MR2")
    m, p, q, r, s, t = records[-6:]
    assert [(g.code, g.timing) for g in t.given] == [
        ("HB0", Timing.KEJAR),
        ("OPV1", Timing.IDEAL),
        ("BCG", Timing.KEJAR),
    ]
    assert [i.code for i in t.issues] == ["imunisasi.too_old"]  # HB-0 on day 8
    assert [(g.code, g.date, g.row) for g in s.given] == [
        ("HB0", D(2025, 8, 1), 170),
        ("BCG", D(2025, 8, 10), 171),
    ]
    h = records[10]
    assert [(g.code, g.row) for g in h.given if g.code == "MR2"] == [("MR2", 95)]
    assert [(g.code, g.recorded_as) for g in r.given] == [
        ("OPV1", "Polio"),
        ("OPV2", "Polio"),
    ]
    assert r.issues == ()
    assert [(g.code, g.recorded_as, g.numbered) for g in q.given][-1] == (
        "OPV2",
        "Polio",
        False,
    )
    # Born 2025-01-31: 2 months is 2025-03-31, 3 months 2025-04-30 (the
    # month's end), 4 months 2025-05-31.
    assert [(g.code, g.date, g.valid) for g in m.given if g.code.startswith("DPT")] == [
        ("DPT-HB-Hib1", D(2025, 3, 31), True),
        ("DPT-HB-Hib2", D(2025, 4, 30), True),
    ]
    dpt3 = {d.code: d for d in m.doses}["DPT-HB-Hib3"]
    assert (dpt3.earliest, dpt3.overdue_on) == (D(2025, 5, 31), D(2025, 6, 30))
    # PCV2 on 2025-12-01: PCV3 from 8 weeks later, 2026-01-26 (§15 #79).
    pcv3 = {d.code: d for d in p.doses}["PCV3"]
    assert (pcv3.earliest, pcv3.given_on, pcv3.valid) == (
        D(2026, 1, 26),
        D(2026, 1, 26),
        True,
    )
    e = records[7]  # read one by one
    assert (e.person_id, e.name, e.parent_name, e.sex, e.posyandu) == (
        "e",
        "Anak e",
        "Ibu e",
        Sex.MALE,
        "Mawar",
    )
    assert (e.idl.id, e.idl.state, e.ibl.id, e.ibl.state) == (
        "IDL_PMK12_2017",
        L,
        "IBL",
        BL,
    )
    doses = {d.code: d for d in a.doses}
    bcg, dpt4 = doses["BCG"], doses["DPT-HB-Hib4"]
    assert (bcg.state, bcg.given_on, bcg.valid, bcg.timing, bcg.last_on) == (
        DoseState.GIVEN,
        D(2025, 5, 10),
        True,
        Timing.KEJAR,
        D(2026, 4, 1),
    )
    assert (dpt4.state, dpt4.given_on, dpt4.valid, dpt4.timing, dpt4.reason) == (
        DoseState.NOT_YET,
        None,
        None,
        None,
        "IM-Lanjutan",
    )
    assert (dpt4.antigen, dpt4.dose, dpt4.label_id) == (
        "DPT-HB-Hib",
        4,
        "DPT-HB-Hib 4 (lanjutan baduta)",
    )
    # DPT-HB-Hib 3 on 2025-08-01: DPT-HB-Hib 4 from 12 months later (§15 #78).
    assert (dpt4.earliest, dpt4.due_on, dpt4.overdue_on) == (
        D(2026, 10, 1),
        D(2026, 10, 1),
        D(2027, 4, 1),
    )


def test_every_record_equals_the_one_by_one_evaluation() -> None:
    reg = _register()
    records = immunization_status(reg, ON)
    # Read one by one (last first), then all at once from a fresh evaluation.
    alone = [records[i] for i in reversed(range(len(records)))][::-1]
    together = list(immunization_status(reg, ON, schedule=load_schedule()))
    expected = [_one_by_one(reg, r) for r in alone]
    assert alone == expected
    assert together == expected


def test_completeness_states_from_the_arrays() -> None:
    records = immunization_status(_register(), ON)
    idl, ibl = records.completeness("idl"), records.completeness("ibl")
    assert dict(zip(_ids(records), idl, strict=True)) == {
        "a": L,  # every IDL dose before the first birthday
        "b": LT,  # MR1 on the first birthday itself: late
        "c": TL,  # first birthday today, HB0 only
        "d": BL,  # no HB0 (everything else given), under one year
        "e": L,  # HB0 dated elsewhere (read one by one)
        "f": TL,
        "g": BL,
        "h": L,
        "i": BL,
        "j": BL,
        "n": BL,
        "m": TL,  # 13 months old, no MR1
        "p": TL,
        "q": BL,
        "r": BL,
        "s": BL,
        "t": BL,
    }
    assert dict(zip(_ids(records), ibl, strict=True)) == {
        "a": BL,
        "b": BL,
        "c": BL,
        "d": BL,
        "e": BL,
        "f": TL,
        "g": BL,
        "h": L,  # DPT-HB-Hib 4 and MR 2 at 18 months
        "i": BL,
        "j": BL,
        "n": BL,
        "m": BL,
        "p": BL,
        "q": BL,
        "r": BL,
        "s": BL,
        "t": BL,
    }
    assert idl == [r.idl.state for r in records]
    assert ibl == [r.ibl.state for r in records]


def test_completeness_of_a_set_requiring_a_dose_outside_the_schedule() -> None:
    # A set may name a dose the schedule does not give (a BIAS dose here):
    # no child of the infant schedule ever completes it. (A schedule without
    # its endemic-only dose: MR2 is its last dose.)
    packaged = load_schedule()
    table = dict(packaged.completeness)
    table[packaged.idl] = attrs.evolve(
        table[packaged.idl], required=("HB0", "MR-BIAS", "BCG")
    )
    schedule = attrs.evolve(
        packaged,
        completeness=table,
        doses=tuple(d for d in packaged.doses if not d.endemic_only),
    )
    reg = _register()
    records = immunization_status(reg, ON, schedule=schedule)
    assert records.completeness("idl") == [r.idl.state for r in records]
    assert set(records.completeness("idl")) == {BL, TL}


def _dose_list(
    found: list[tuple[int, Any]],
) -> list[tuple[int, str, str, str, dt.date]]:
    return [(i, d.code, d.label_id, d.label_en, d.due_on) for i, d in found]


def test_due_and_overdue_doses_from_the_arrays() -> None:
    records = immunization_status(_register(), ON)
    for found, state in (
        (records.overdue_doses(), "overdue"),
        (records.due_doses(), "due"),
    ):
        expected = [(i, d) for i, r in enumerate(records) for d in getattr(r, state)]
        assert _dose_list(found) == _dose_list(expected)
    # Child "j", born two days before ON: HB-0 late from today (DOB + 2).
    assert [x for x in _dose_list(records.overdue_doses()) if x[0] == 2] == [
        (2, "HB0", "Hepatitis B lahir (HB-0)", "Hepatitis B birth dose", D(2026, 2, 27))
    ]
    # Child "g": DPT-HB-Hib 1 of 2026-02-15 was too early, due again today.
    assert [x[1] for x in _dose_list(records.due_doses()) if x[0] == 9] == [
        "OPV2",
        "DPT-HB-Hib1",
        "RV1",
        "PCV1",
    ]
    # Child "e" (read one by one): only IPV 2 is overdue.
    assert [x[1] for x in _dose_list(records.overdue_doses()) if x[0] == 7] == ["IPV2"]


def test_issue_codes_and_ages_from_the_arrays() -> None:
    records = immunization_status(_register(), ON)
    assert records.issue_codes() == Counter(
        {
            "imunisasi.before_birth": 1,  # child "c"
            "imunisasi.extra_dose": 2,
            "imunisasi.number_mismatch": 1,
            "imunisasi.too_early": 2,
            "imunisasi.too_old": 3,
            "imunisasi.too_soon": 1,
            "imunisasi.unknown_code": 1,  # child "e", read one by one
        }
    )
    assert records.issue_codes() == Counter(i.code for r in records for i in r.issues)
    assert records.age_months().tolist() == [
        5,
        0,
        0,
        11,
        15,
        12,
        9,
        11,
        33,
        2,
        38,
        13,
        13,
        11,
        10,
        7,
        10,
    ]
    assert records.age_months().tolist() == [r.age_months for r in records]


def _entry(e: DueEntry) -> tuple[object, ...]:
    return (
        e.person_id,
        e.name,
        e.parent_name,
        e.birth_date,
        e.age_months,
        e.posyandu,
        e.code,
        e.label_id,
        e.state,
        e.due_on,
    )


def test_open_day_list_of_one_posyandu() -> None:
    # Overdue first, then by due date: "j"'s HB-0 (due 2026-02-27) before
    # "i"'s BCG due since 2026-02-10.
    entries = open_day_list(_register(), ON, posyandu="Anggrek")
    i, j = D(2026, 2, 10), D(2026, 2, 27)
    assert [_entry(e) for e in entries] == [
        (
            "j",
            "Anak j",
            "Ibu j",
            j,
            0,
            "Anggrek",
            "HB0",
            "Hepatitis B lahir (HB-0)",
            DoseState.OVERDUE,
            j,
        ),
        ("i", "Anak i", "Ibu i", i, 0, "Anggrek", "BCG", "BCG", DoseState.DUE, i),
        (
            "i",
            "Anak i",
            "Ibu i",
            i,
            0,
            "Anggrek",
            "OPV1",
            "Polio tetes 1 (bOPV)",
            DoseState.DUE,
            i,
        ),
        ("j", "Anak j", "Ibu j", j, 0, "Anggrek", "BCG", "BCG", DoseState.DUE, j),
        (
            "j",
            "Anak j",
            "Ibu j",
            j,
            0,
            "Anggrek",
            "OPV1",
            "Polio tetes 1 (bOPV)",
            DoseState.DUE,
            j,
        ),
    ]


def _strict() -> Schedule:
    """A district's convention: overdue from the due date plus 3 days' grace."""
    return attrs.evolve(load_schedule(), overdue_rule="due_date", grace_days=3)


def test_records_with_another_schedule_and_the_endemic_antigen() -> None:
    reg = _register()
    schedule = _strict()
    records = immunization_status(reg, ON, endemic=["JE"], schedule=schedule)
    assert _ids(records) == ORDER
    for record in records:
        assert record == _one_by_one(reg, record, schedule, ("JE",))
    # JE from 10 months: "a" (born 2025-04-01) due 2026-02-01, late from
    # 2026-02-04 under the due-date rule with 3 days' grace.
    je = {d.code: d for d in records[3].doses}["JE"]
    assert (je.state, je.due_on, je.overdue_on) == (
        DoseState.OVERDUE,
        D(2026, 2, 1),
        D(2026, 2, 4),
    )
    # "j" born 2026-02-27: HB-0 late only from 2026-03-02.
    hb0 = records[2].doses[0]
    assert (hb0.code, hb0.state, hb0.overdue_on) == (
        "HB0",
        DoseState.DUE,
        D(2026, 3, 2),
    )
    young = immunization_status(
        reg, ON, posyandu="Mawar", max_months=12, schedule=schedule
    )
    assert _ids(young) == [
        "a",
        "d",
        "e",
        "g",
        "q",
        "r",
        "s",
        "t",
    ]  # "c" is 12 months old today


def test_open_day_list_with_another_schedule_and_the_endemic_antigen() -> None:
    entries = open_day_list(_register(), ON, endemic=("JE",), schedule=_strict())
    mine = [(e.person_id, e.code, e.state) for e in entries if e.person_id in "aij"]
    assert mine == [
        ("a", "IPV2", DoseState.OVERDUE),  # due 2026-01-01
        ("a", "JE", DoseState.OVERDUE),  # due 2026-02-01
        ("i", "BCG", DoseState.OVERDUE),  # due 2026-02-10, late from 02-13
        ("i", "OPV1", DoseState.OVERDUE),
        ("j", "BCG", DoseState.DUE),  # due 2026-02-27, late from 03-02
        ("j", "HB0", DoseState.DUE),
        ("j", "OPV1", DoseState.DUE),
    ]


def test_each_evaluation_day_and_posyandu_has_its_own_answer() -> None:
    reg = _register()
    assert len(immunization_status(reg, ON)) == 17
    # Remembered per day and Posyandu: another day or Posyandu is evaluated anew.
    # On 20 February "j" is left out; the others keep ON's order.
    assert _ids(immunization_status(reg, D(2026, 2, 20))) == [
        c for c in ORDER if c != "j"
    ]
    assert _ids(immunization_status(reg, ON, posyandu="Anggrek")) == ["i", "j"]
    assert immunization_status(reg, ON) is immunization_status(reg, ON)


def test_each_schedule_reads_the_spellings_its_own_way() -> None:
    reg = register([row(1, "p", D(2025, 4, 1), 6.0, immunizations=("Pentabio 1",))])
    on = D(2025, 4, 2)
    packaged = immunization_status(reg, on, schedule=load_schedule())
    assert [g.code for g in packaged[0].given] == ["DPT-HB-Hib1"]
    plain = load_schedule()
    plain = attrs.evolve(  # a schedule that does not know the brand name
        plain,
        aliases={k: v for k, v in plain.aliases.items() if "penta" not in k},
        series_aliases={
            k: v for k, v in plain.series_aliases.items() if "penta" not in k
        },
    )
    (record,) = immunization_status(reg, on, schedule=plain)
    assert record.given == ()
    assert [i.code for i in record.issues] == ["imunisasi.unknown_code"]


def test_a_schedule_without_infant_doses() -> None:
    # Only school and Td rules: nothing is due, recorded doses are kept.
    schedule = attrs.evolve(load_schedule(), doses=())
    reg = register([row(1, "a", D(2025, 1, 10), 3.3, immunizations=("HB0",))])
    (record,) = immunization_status(reg, D(2025, 2, 1), schedule=schedule)
    assert record.doses == ()
    assert [(g.code, g.valid, g.timing) for g in record.given] == [("HB0", True, None)]
    # HB0 is recorded (not checked: no schedule entry), the rest is missing.
    assert record.idl.missing == (
        "BCG",
        "DPT-HB-Hib1",
        "DPT-HB-Hib2",
        "DPT-HB-Hib3",
        "OPV1",
        "OPV2",
        "OPV3",
        "OPV4",
        "IPV1",
        "MR1",
    )
