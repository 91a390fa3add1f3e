from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings

from posyandu_core.model import Equipment
from posyandu_core.register import read_register
from posyandu_core.rules import Severity, has_errors, validate_register
from posyandu_core.testing import strategies

HEADER = "person_id,nik,sex,birth_date,visit_date,weight_kg,length_cm,measure,systolic_mmhg,diastolic_mmhg,equipment\n"


def issues_for(
    line: str, equipment: tuple[Equipment, ...] = ()
) -> list[tuple[str, str, str | None]]:
    register = read_register(io.StringIO(HEADER + line), equipment=equipment)
    return [(str(i.severity), i.code, i.field) for i in validate_register(register)]


def test_clean_row_has_no_issues() -> None:
    assert (
        issues_for(
            "A,6474014501240001,P,2024-01-05,2025-02-10,8.2,75.1,terlentang,,,\n"
        )
        == []
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "A,,L,2024-01-05,2025-02-10,600,75,l,,,\n",
            ("error", "unit.weight_grams", "weight_kg"),
        ),
        (
            "A,,L,2024-01-05,2025-02-10,8200,75,l,,,\n",
            ("error", "unit.weight_grams", "weight_kg"),
        ),
        (
            "A,,L,2024-01-05,2025-02-10,8.2,0.75,l,,,\n",
            ("error", "unit.length_metres", "length_cm"),
        ),
        (
            "A,,L,2024-01-05,2025-02-10,65,75,l,,,\n",
            ("warning", "plausibility.weight_kg", "weight_kg"),
        ),
        (
            "A,,L,1970-01-05,2025-02-10,60,170,,250,260,\n",
            ("error", "range.bp_order", "systolic_mmhg"),
        ),
        (
            "A,,L,1970-01-05,2025-02-10,60,170,,320,90,\n",
            ("error", "range.systolic_mmhg", "systolic_mmhg"),
        ),
        (
            "A,,L,2024-01-05,2023-02-10,8,75,l,,,\n",
            ("error", "date.visit_before_birth", "visit_date"),
        ),
        (
            "A,,L,2024-01-05,2099-02-10,8,75,l,,,\n",
            ("error", "date.visit_in_future", "visit_date"),
        ),
        (
            "A,,L,1800-01-05,2025-02-10,60,170,,,,\n",
            ("error", "date.age_impossible", "birth_date"),
        ),
        (
            "A,64740105012400011,L,2024-01-05,2025-02-10,8,75,l,,,\n",
            ("error", "nik.format.nik", "nik"),
        ),
        (
            "A,6474010601240001,L,2024-01-05,2025-02-10,8,75,l,,,\n",
            ("warning", "nik.mismatch", "nik"),
        ),
        (
            "A,,L,2024-01-05,2025-02-10,8,75,berdiri,,,\n",
            ("warning", "method.standing_under_24m", "measure"),
        ),
        (
            "A,,L,2020-01-05,2022-07-10,12,85.6,terlentang,,,\n",
            ("warning", "method.lying_over_24m", "measure"),
        ),
        (
            "A,,L,2024-01-05,2025-02-10,8,75,,,,\n",
            ("warning", "method.missing", "measure"),
        ),
        ("A,,,2024-01-05,2025-02-10,8,75,l,,,\n", ("error", "required.sex", "sex")),
    ],
)
def test_rule_vectors(line: str, expected: tuple[str, str, str]) -> None:
    assert expected in issues_for(line)


def test_calibration_overdue_is_a_warning() -> None:
    scale = Equipment(
        id="TB-1", kind="baby_scale", calibration_due=dt.date(2025, 1, 31)
    )
    found = issues_for("A,,L,2024-01-05,2025-02-10,8.2,75.1,l,,,TB-1;PB-9\n", (scale,))
    assert ("warning", "equipment.calibration_overdue", "equipment") in found
    assert ("warning", "equipment.unknown", "equipment") in found


def test_person_consistency_and_duplicates() -> None:
    lines = (
        "A,,L,2024-01-05,2025-02-10,8.2,75.1,l,,,\n"
        "A,,P,2024-01-05,2025-03-10,8.4,76,l,,,\n"
        "A,,L,2024-01-05,2025-03-10,8.4,76,l,,,\n"
    )
    found = issues_for(lines)
    assert ("error", "consistency.sex", "sex") in found
    assert ("warning", "duplicate.visit", "visit_date") in found


def test_raw_values_are_never_altered() -> None:
    text = HEADER + "A,,L,2024-01-05,2025-02-10,600,75,l,,,\n"
    register = read_register(io.StringIO(text), validate=False)
    issues = validate_register(register)
    assert register.rows[0].weight_kg == 600
    assert any(i.value == "600" for i in issues)
    # The gate leaves the value out of every computation; its text stays.
    gated = read_register(io.StringIO(text))
    assert gated.rows[0].weight_kg is None
    assert gated.rows[0].raw["weight_kg"] == "600"


@settings(deadline=None)  # the first example loads every plugin
@given(strategies.register_csv())
def test_validation_never_crashes_and_locates_every_issue(text: str) -> None:
    register = read_register(io.StringIO(text), validate=False)
    issues = validate_register(register)
    rows = {r.row for r in register.rows}
    for issue in issues:
        assert issue.row in rows
        assert issue.message_id
        assert issue.message_en
    if any(i.severity is Severity.ERROR for i in register.issues):
        assert has_errors(issues)


def test_examples_dir_exists() -> None:
    assert (Path(__file__).parents[1] / "examples").is_dir()
