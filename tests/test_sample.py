"""The packaged sample register: reproducible, readable, valid, every sasaran."""

from __future__ import annotations

import datetime as dt
import runpy
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from posyandu_core.model import life_stages, load_life_stages
from posyandu_core.register import Register, read_equipment, read_register
from posyandu_core.registry import get_registry
from posyandu_core.rules import Severity, validate_register

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_sample.py"
SAMPLE = files("posyandu_core").joinpath("data", "sample")
FILES = ("register.csv", "equipment.csv")
# Visits up to 2026-11-10: the date rule compares them with today's date.
LAST_VISIT = dt.date(2026, 11, 10)


@pytest.fixture(scope="module")
def script() -> dict[str, Any]:
    return runpy.run_path(str(SCRIPT))


@pytest.fixture(scope="module")
def register() -> Register:
    equipment = read_equipment(Path(str(SAMPLE.joinpath("equipment.csv"))))
    return read_register(
        Path(str(SAMPLE.joinpath("register.csv"))), equipment=equipment
    )


@pytest.mark.parametrize("name", FILES)
def test_packaged_files_equal_a_fresh_generation(
    script: dict[str, Any], tmp_path: Path, name: str
) -> None:
    script["write_sample"](tmp_path)
    assert (tmp_path / name).read_bytes() == SAMPLE.joinpath(name).read_bytes(), (
        f"{name} is stale: run `python scripts/make_sample.py`"
    )


def test_reads_without_parse_issues(register: Register) -> None:
    assert register.issues == ()
    assert register.extra_columns == ()
    assert len(register) > 500
    assert len(register.equipment) == 8


@pytest.mark.skipif(
    dt.date.today() < LAST_VISIT, reason="sample visits lie in the future"
)
def test_validates_without_errors(register: Register) -> None:
    issues = validate_register(register, registry=get_registry())
    errors = [i for i in issues if i.severity is Severity.ERROR]
    assert errors == []
    codes = sorted({i.code for i in issues})
    assert codes == [
        "equipment.calibration_overdue",
        # young[1] gets MR1 at the open day before 9 months (early_doses).
        "imunisasi.too_early",
        "method.lying_over_24m",
        "method.standing_under_24m",
    ]
    assert len(issues) < 15


def test_covers_every_life_stage(register: Register) -> None:
    seen: set[str] = set()
    for row in register.rows:
        assert row.birth_date is not None
        assert row.sex is not None
        assert row.visit_date is not None
        stages = life_stages(
            birth_date=row.birth_date, sex=row.sex, on=row.visit_date, status=row.status
        )
        seen.update(s.code for s in stages)
    assert {s.code for s in load_life_stages()} <= seen


def test_one_posyandu_and_the_reference_year(register: Register) -> None:
    assert {r.posyandu for r in register.rows} == {"64.74.01.1001.001"}
    months = {r.visit_date.strftime("%Y-%m") for r in register.rows if r.visit_date}
    assert min(months) == "2025-12"
    assert max(months) == "2026-11"
    assert len(months) == 12
