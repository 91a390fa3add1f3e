"""The columnar kesehatan services equal the row-by-row rules on any register.

``tests/speed/_reference.py`` keeps the services as they were written row by
row (``register.by_person()``); Hypothesis draws small registers with every
awkward case the rules know (several weighings a day, months skipped,
missing weights and sexes, birth dates that change, moves in and out,
repeated and unknown doses, doses dated elsewhere, several Posyandu) and the
columnar services must give exactly the same statuses, reports, records and
issues.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

import attrs
from hypothesis import given
from hypothesis import strategies as st
from tests.speed import _reference as ref

from posyandu_core.model import Finding, MeasureMethod, Sex
from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.plugins.kesehatan.growth_monitoring import (
    GrowthMonitoringConfig,
    monitor_register,
)
from posyandu_core.plugins.kesehatan.immunization import (
    ImmunizationRecord,
    immunization_status,
)
from posyandu_core.plugins.kesehatan.rules import check_doses_in_register
from posyandu_core.plugins.kesehatan.schedule import load_schedule
from posyandu_core.plugins.kesehatan.services import growth_findings
from posyandu_core.plugins.kesehatan.skdn import skdn_report
from posyandu_core.register import Register, RegisterRow

START = dt.date(2024, 1, 1)
DOSES = ("HB0", "BCG", "OPV1", "OPV2", "Polio", "DPT-HB-Hib1", "DPT-HB-Hib3",
         "PCV1", "MR1", "Campak", "IPV1", "XYZ")  # fmt: skip
#: Doses whose meaning does not depend on the child's history: the columnar
#: counting (``_doses``) takes every child, none is left to the one-by-one path.
REGULAR = ("HB0", "BCG", "OPV1", "OPV2", "OPV3", "OPV5", "polio 2", "DPT-HB-Hib1",
           "Pentabio 2", "DPT-HB-Hib3", "PCV1", "PCV2", "MR1", "MR2", "IPV1")  # fmt: skip


def _day(draw: st.DrawFn, low: int, high: int) -> dt.date:
    return START + dt.timedelta(days=draw(st.integers(low, high)))


def _maybe(draw: st.DrawFn, strategy: st.SearchStrategy[object]) -> object:
    # Mostly set: an empty cell one time in four.
    return draw(strategy) if draw(st.integers(0, 3)) else None


def _rare(draw: st.DrawFn, day: dt.date) -> dt.date | None:
    # A move is rare: one row in eight.
    return day if draw(st.integers(0, 7)) == 0 else None


@st.composite
def registers(draw: st.DrawFn, doses: tuple[str, ...] = DOSES) -> Register:
    """A register of up to five people, dated rows in random order."""
    rows: list[RegisterRow] = []
    for person in range(draw(st.integers(1, 5))):
        birth = _day(draw, -1850, 300)
        sex = draw(st.sampled_from([Sex.MALE, Sex.FEMALE]))
        weight = draw(st.floats(2.5, 14.0))
        for _ in range(draw(st.integers(1, 12))):
            weight = round(weight + draw(st.floats(-0.5, 0.9)), 1)
            given = draw(st.lists(st.sampled_from(doses), max_size=3))
            if draw(st.integers(0, 9)) == 0 and given and doses is DOSES:
                given[0] += f"@{_day(draw, -400, 400)}"
            rows.append(
                RegisterRow(
                    row=0,
                    person_id=f"p{person}",
                    name=draw(st.sampled_from([f"Anak {person}", None, "Lain"])),
                    parent_name=draw(st.sampled_from([f"Ibu {person}", None])),
                    sex=draw(st.sampled_from([sex, sex, sex, None])),
                    birth_date=draw(
                        st.sampled_from([birth, birth, birth, None])
                        | st.just(birth + dt.timedelta(days=draw(st.integers(-40, 40))))
                    ),
                    posyandu=draw(st.sampled_from(["Mawar", "Melati", None])),
                    visit_date=_maybe(draw, st.just(_day(draw, 0, 500))),  # type: ignore[arg-type]
                    has_kia=_maybe(draw, st.booleans()),  # type: ignore[arg-type]
                    weight_kg=_maybe(draw, st.just(max(weight, 1.0))),  # type: ignore[arg-type]
                    length_cm=_maybe(draw, st.floats(45.0, 110.0)),  # type: ignore[arg-type]
                    measure=_maybe(draw, st.sampled_from(list(MeasureMethod))),  # type: ignore[arg-type]
                    oedema=_maybe(draw, st.booleans()),  # type: ignore[arg-type]
                    head_cm=_maybe(draw, st.floats(30.0, 52.0)),  # type: ignore[arg-type]
                    immunizations=tuple(given),
                    vitamin_a=_maybe(draw, st.booleans()),  # type: ignore[arg-type]
                    moved_in_on=_rare(draw, _day(draw, 0, 500)),
                    moved_out_on=_rare(draw, _day(draw, 0, 500)),
                )
            )
    order = draw(st.permutations(range(len(rows))))
    return Register(
        rows=[attrs.evolve(rows[i], row=n) for n, i in enumerate(order, start=1)]
    )


@given(registers(), st.sampled_from(["first", "last"]), st.booleans())
def test_kms_equals_the_row_by_row_rules(
    register: Register, rule: str, override: bool
) -> None:
    config = attrs.evolve(GrowthMonitoringConfig.from_data(), weighing_of_month=rule)
    overrides = {(f"p{p}", f"2024-{m:02d}"): "T" for p in range(3) for m in (2, 5)}
    chosen = overrides if override else None
    statuses, issues = monitor_register(register, config=config, overrides=chosen)
    expected, expected_issues = ref.monitor_register(register, config, chosen)
    assert [s.to_dict() for s in statuses] == [s.to_dict() for s in expected]
    assert statuses == expected
    assert [_whole(s.findings) for s in statuses] == [
        _whole(s.findings) for s in expected
    ]
    assert issues == expected_issues


def _whole(findings: Iterable[Finding]) -> list[tuple[Finding, dict[str, object]]]:
    # Finding's equality leaves its details out: compare them too.
    return [(f, dict(f.details)) for f in findings]


@given(registers(), st.integers(0, 520))
def test_growth_findings_are_each_childs_latest_month(
    register: Register, days: int
) -> None:
    as_of = START + dt.timedelta(days=days)
    statuses, _ = ref.monitor_register(register)
    latest = {s.person_id: s for s in statuses if s.date <= as_of}
    expected = [f for s in latest.values() for f in s.findings]
    assert _whole(growth_findings(register, as_of)) == _whole(expected)


@given(registers(), st.integers(0, 17), st.sampled_from([None, "Mawar"]))
def test_skdn_equals_the_row_by_row_rules(
    register: Register, months: int, posyandu: str | None
) -> None:
    month = Month(2024 + months // 12, months % 12 + 1)
    report = skdn_report(register, month, posyandu=posyandu).to_dict()
    expected = ref.skdn_report(register, month, posyandu)
    assert report["cells"] == expected["cells"]
    assert report["vitamin_a"] == expected["vitamin_a"]
    assert report["lists"] == expected["lists"]


@given(registers(), st.integers(0, 520))
def test_immunization_equals_the_row_by_row_rules(
    register: Register, days: int
) -> None:
    on = START + dt.timedelta(days=days)
    assert immunization_status(register, on) == ref.immunization_status(register, on)


@given(registers())
def test_dose_check_rule_equals_the_row_by_row_rule(register: Register) -> None:
    # The rule makes its issues located, as ``Register.locate`` makes them.
    assert check_doses_in_register(register) == register.locate(
        ref.dose_issues(register)
    )


@given(registers(REGULAR), st.integers(0, 520))
def test_columnar_immunization_equals_the_row_by_row_rules(
    register: Register, days: int
) -> None:
    on = START + dt.timedelta(days=days)
    assert immunization_status(register, on) == ref.immunization_status(register, on)


@given(registers(REGULAR))
def test_columnar_dose_check_equals_the_row_by_row_rule(register: Register) -> None:
    assert check_doses_in_register(register) == register.locate(
        ref.dose_issues(register)
    )


@given(
    st.one_of(registers(), registers(REGULAR)),
    st.integers(0, 520),
    st.sampled_from([(), ("JE",)]),
)
def test_record_arrays_answer_as_the_records(
    register: Register, days: int, endemic: tuple[str, ...]
) -> None:
    """The reports' array answers (``ImmunizationRecords``) equal the objects'."""
    on = START + dt.timedelta(days=days)
    records = immunization_status(register, on, endemic=endemic)
    built = immunization_status(register, on, endemic=endemic)
    objects = list(built)  # every record built, all prepared together
    alone = immunization_status(  # another schedule object: not remembered
        register, on, endemic=endemic, schedule=load_schedule()
    )
    assert [alone[i] for i in reversed(range(len(alone)))][::-1] == objects
    for state, found in (
        ("overdue", records.overdue_doses()),
        ("due", records.due_doses()),
    ):
        expected = [(i, d) for i, r in enumerate(objects) for d in getattr(r, state)]
        assert [(i, d.code, d.label_id, d.label_en, d.due_on) for i, d in found] == [
            (i, d.code, d.label_id, d.label_en, d.due_on) for i, d in expected
        ]
    assert records.completeness("idl") == [r.idl.state for r in objects]
    assert records.completeness("ibl") == [r.ibl.state for r in objects]
    assert records.age_months().tolist() == [r.age_months for r in objects]
    assert records.issue_codes() == Counter(i.code for r in objects for i in r.issues)
    assert [records.child(i) for i in range(len(objects))] == [
        (r.person_id, r.name, r.parent_name, r.birth_date) for r in objects
    ]


def _report_row(r: ImmunizationRecord) -> dict[str, object]:
    # The imunisasi report's row, as it was written from each record.
    return {
        "person_id": r.person_id, "name": r.name, "age_months": r.age_months,
        "given": ";".join(g.code + ("" if g.valid else "!") for g in r.given),
        "due": ";".join(d.code for d in r.due),
        "overdue": ";".join(d.code for d in r.overdue),
        "idl": str(r.idl.state), "ibl": str(r.ibl.state),
        "issues": ";".join(sorted({i.code for i in r.issues})),
    }  # fmt: skip


@given(
    st.one_of(registers(), registers(REGULAR)),
    st.integers(0, 520),
    st.sampled_from([(), ("JE",)]),
)
def test_report_summary_answers_as_the_records(
    register: Register, days: int, endemic: tuple[str, ...]
) -> None:
    """``ImmunizationRecords.summary`` (the report's columns) equals the records'."""
    on = START + dt.timedelta(days=days)
    fresh = immunization_status(  # not remembered: no record built before
        register, on, endemic=endemic, schedule=load_schedule()
    )
    summary = fresh.summary()
    rows = [_report_row(r) for r in fresh]
    assert [
        dict(zip(summary, values, strict=True))
        for values in zip(*summary.values(), strict=True)
    ] == rows
