"""The kesehatan services' findings, through ``api.findings`` (DOMAIN.md §4.5, §6).

Growth monitoring: the follow-up findings of each child's latest weighing
on or before the as-of date (older months superseded). Immunization: one
finding per overdue dose on the as-of date.
"""

from __future__ import annotations

import datetime as dt

from tests.kesehatan._helpers import register, row

from posyandu_core import api
from posyandu_core.model import Finding
from posyandu_core.register import Register

D = dt.date
BIRTH = D(2025, 1, 10)


def _growth_register() -> Register:
    # 750 g gained at 3 months is T (KBM 800 g, Buku KIA 2023); 850 g at 4
    # months is N; 50 g at 4 months is T again, so 2T (and weight faltering).
    return register(
        [
            row(1, "a", D(2025, 3, 10), 5.0, birth=BIRTH),
            row(2, "a", D(2025, 4, 10), 5.75, birth=BIRTH),  # T, not weighed after
            row(3, "b", D(2025, 3, 10), 5.0, birth=BIRTH),
            row(4, "b", D(2025, 4, 10), 5.75, birth=BIRTH),  # T ...
            row(5, "b", D(2025, 5, 12), 6.6, birth=BIRTH),  # ... then N again
            row(6, "c", D(2025, 3, 10), 5.0, birth=BIRTH),
            row(7, "c", D(2025, 4, 10), 5.75, birth=BIRTH),  # T ...
            row(8, "c", D(2025, 5, 12), 5.8, birth=BIRTH),  # ... and T again: 2T
        ]
    )


def _growth(as_of: dt.date) -> list[tuple[str, str, dt.date]]:
    return [
        (f.code, f.person_id, f.date)
        for f in api.findings(_growth_register(), as_of=as_of)
        if f.code.startswith("pertumbuhan.")
    ]


def test_growth_findings_before_the_first_t() -> None:
    # The March weighings are everyone's first (B): nothing to follow up.
    assert _growth(D(2025, 4, 9)) == []


def test_growth_findings_on_the_day_of_a_weighing() -> None:
    april = D(2025, 4, 10)
    assert _growth(april) == [
        ("pertumbuhan.tidak_naik", "a", april),
        ("pertumbuhan.tidak_naik", "b", april),
        ("pertumbuhan.tidak_naik", "c", april),
    ]


def test_growth_findings_the_day_before_the_next_weighing() -> None:
    # Still April's findings: the May weighings are not yet made.
    april = D(2025, 4, 10)
    assert _growth(D(2025, 5, 11)) == [
        ("pertumbuhan.tidak_naik", "a", april),
        ("pertumbuhan.tidak_naik", "b", april),
        ("pertumbuhan.tidak_naik", "c", april),
    ]


def test_growth_findings_superseded_by_the_latest_weighing() -> None:
    may = D(2025, 5, 12)
    found = [
        f
        for f in api.findings(_growth_register(), as_of=may)
        if f.code.startswith("pertumbuhan.")
    ]
    # a keeps April's T (not weighed since); b gained again (no finding);
    # c's May weighing is its second T in a row.
    assert [(f.code, f.person_id, f.date) for f in found] == [
        ("pertumbuhan.tidak_naik", "a", D(2025, 4, 10)),
        ("pertumbuhan.tidak_naik", "c", may),
        ("pertumbuhan.2t", "c", may),
        ("pertumbuhan.weight_faltering", "c", may),
    ]
    assert dict(found[0].details) == {"gain_g": 750, "kbm_g": 800}
    assert dict(found[1].details) == {"gain_g": 50, "kbm_g": 600}
    assert str(found[2].referral) == "puskesmas"
    # The person filter of api.findings sees the same findings.
    assert [
        f.code
        for f in api.findings(_growth_register(), as_of=may, person="c")
        if f.code.startswith("pertumbuhan.")
    ] == ["pertumbuhan.tidak_naik", "pertumbuhan.2t", "pertumbuhan.weight_faltering"]


def test_growth_findings_of_an_empty_register() -> None:
    assert [
        f
        for f in api.findings(register([]), as_of=D(2025, 5, 12))
        if f.code.startswith("pertumbuhan.")
    ] == []


def _overdue(person: str, as_of: dt.date, dose: str, due: dt.date) -> Finding:
    label_id, label_en = {
        "BCG": ("Imunisasi BCG", "BCG"),
        "OPV1": ("Imunisasi Polio tetes 1 (bOPV)", "Oral polio 1"),
    }[dose]
    return Finding(
        code="imunisasi.terlambat",
        label_id=f"{label_id} terlambat (jadwal {due})",
        label_en=f"{label_en} overdue (due {due})",
        severity="warning",
        rule="kesehatan.imunisasi",
        person_id=person,
        date=as_of,
        details={"dose": dose, "due_on": due.isoformat()},
    )


def test_immunization_findings_one_per_overdue_dose() -> None:
    # BCG and OPV1 are due at birth, late after the first month (DOMAIN.md
    # §6); b and c were born the same day and share their doses' due dates,
    # d a day later; a has had both.
    reg = register(
        [
            row(1, "a", D(2025, 3, 10), 5.0, birth=BIRTH,
                immunizations=("HB0@2025-01-10", "BCG@2025-01-20", "OPV1@2025-01-20")),
            row(2, "b", D(2025, 3, 10), 5.0, birth=BIRTH, immunizations=("HB0@2025-01-10",)),
            row(3, "c", D(2025, 3, 10), 5.2, birth=BIRTH, immunizations=("HB0@2025-01-10",)),
            row(4, "d", D(2025, 3, 10), 5.1, birth=D(2025, 1, 11),
                immunizations=("HB0@2025-01-11",)),
        ]
    )  # fmt: skip
    on = D(2025, 3, 12)
    found = [f for f in api.findings(reg, as_of=on) if f.code.startswith("imunisasi.")]
    assert found == [
        _overdue("b", on, "BCG", BIRTH),
        _overdue("b", on, "OPV1", BIRTH),
        _overdue("c", on, "BCG", BIRTH),
        _overdue("c", on, "OPV1", BIRTH),
        _overdue("d", on, "BCG", D(2025, 1, 11)),
        _overdue("d", on, "OPV1", D(2025, 1, 11)),
    ]
    assert str(found[0].severity) == "warning"
    # Each finding names its dose and due date (details are not compared by ==).
    assert [dict(f.details) for f in found] == [
        {"dose": "BCG", "due_on": "2025-01-10"},
        {"dose": "OPV1", "due_on": "2025-01-10"},
        {"dose": "BCG", "due_on": "2025-01-10"},
        {"dose": "OPV1", "due_on": "2025-01-10"},
        {"dose": "BCG", "due_on": "2025-01-11"},
        {"dose": "OPV1", "due_on": "2025-01-11"},
    ]
