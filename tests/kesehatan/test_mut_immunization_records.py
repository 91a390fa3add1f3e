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

import attrs
from tests.kesehatan._helpers import register, row

from posyandu_core.model import Sex, add_months
from posyandu_core.plugins.kesehatan.immunization import (
    CompletenessState,
    DoseState,
    ImmunizationRecord,
    Timing,
    doses_from_rows,
    evaluate_child,
    immunization_status,
)
from posyandu_core.plugins.kesehatan.schedule import load_schedule
from posyandu_core.register import Register, RegisterRow

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
    h_visits = [*_idl_visits(h), (D(2024, 7, 1), ("DPT-HB-Hib4", "MR2"))]
    return register(
        [
            *_rows("a", a, a_visits, 1),
            *_rows("b", b, _idl_visits(b, mr1=D(2025, 12, 1)), 20),
            *_rows("c", D(2025, 3, 1), [(D(2025, 3, 1), ("HB0",))], 40),
            *_rows("d", d, d_visits, 50),
            *_rows("e", e, e_visits, 60),
            row(70, "f", D(2026, 2, 1), 12.0, birth=D(2023, 6, 1)),
            *_rows(
                "g",
                D(2026, 1, 1),
                [(D(2026, 1, 1), ("HB0",)), (D(2026, 1, 20), ("BCG", "OPV1"))],
                80,
            ),
            *_rows("h", h, h_visits, 90),
            row(100, "i", D(2026, 2, 10), 3.2, birth=D(2026, 2, 10), posyandu="Melati"),
            row(101, "j", D(2026, 2, 25), 3.1, birth=D(2026, 2, 25), posyandu="Melati"),
            *_rows("k", D(2019, 1, 5), [(D(2025, 1, 5), ("DPT-HB-Hib1", "BCG"))], 110),
        ]
    )


def _one_by_one(reg: Register, record: ImmunizationRecord) -> ImmunizationRecord:
    rows = [r for r in reg.rows if r.person_id == record.person_id]
    given, read_issues = doses_from_rows(rows)
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
    )
    return attrs.evolve(expected, issues=(*read_issues, *expected.issues))


def _ids(records: object) -> list[str]:
    return [r.person_id for r in records]  # type: ignore[attr-defined]


def test_the_records_of_the_register() -> None:
    reg = _register()
    records = immunization_status(reg, ON)
    # "k" is 7 years old: not a child of the Posyandu lists (0-60 months).
    assert _ids(records) == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
    a = records[0]
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
    assert "BCG series is already complete" in a.issues[0].message_en
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
