"""The packaged sample register: reproducible, readable, valid, every sasaran."""

from __future__ import annotations

import datetime as dt
import runpy
from collections import defaultdict
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest

from posyandu_core.growth import anthro_zscores
from posyandu_core.model import MeasureMethod, Sex, life_stages, load_life_stages
from posyandu_core.plugins.kesehatan.growth_monitoring import (
    GrowthCode,
    GrowthMonitoringConfig,
    monitor_register,
)
from posyandu_core.plugins.kesehatan.immunization import (
    DoseState,
    immunization_status,
    open_day_list,
)
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
    assert [i for i in register.issues if (i.rule or "").startswith("register.")] == []
    assert register.quality is not None
    assert register.quality.complete
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
        # newborns[0] gets DPT-HB-Hib1/OPV2/RV1/PCV1 before 2 months and
        # young[1] MR1 before 9 months (early_doses): too early by the national
        # ages (DOMAIN §6.2); newborns[0]'s later doses then count one lower
        # than written (DOMAIN §6.3).
        "imunisasi.number_mismatch",
        "imunisasi.too_early",
        "method.lying_over_24m",
        "method.standing_under_24m",
    ]
    assert len(issues) < 25


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


def test_latest_month_shows_every_nutrition_finding(register: Register) -> None:
    # The WHO z-scores of the open-day weighings of under-fives in 2026-11.
    weighed = [
        (r, (r.visit_date - r.birth_date).days)
        for r in register.rows
        if r.visit_date is not None
        and r.birth_date is not None
        and r.visit_date.strftime("%Y-%m") == "2026-11"
        and r.visit_type == "hari_buka"
        and r.weight_kg is not None
    ]
    weighed = [(r, days) for r, days in weighed if days < 1826]
    rows = [r for r, _ in weighed]
    assert len({r.person_id for r in rows}) == len(rows) > 25
    table = anthro_zscores(
        sex=[1 if r.sex is Sex.MALE else 2 for r in rows],
        age=[days for _, days in weighed],
        weight=[r.weight_kg for r in rows],
        lenhei=[r.length_cm for r in rows],
        measure=["h" if r.measure is MeasureMethod.STANDING else "l" for r in rows],
    )
    zlen, zwei, zwfl = (
        [float(z) for z in table[name]] for name in ("zlen", "zwei", "zwfl")
    )
    assert sum(z < -2 for z in zlen) >= 3  # stunted
    assert sum(z < -2 for z in zwfl) >= 1  # wasted
    assert sum(z < -2 for z in zwei) >= 1  # underweight (BGM on the KMS)
    assert sum(min(a, b) < -3 for a, b in zip(zlen, zwfl, strict=True)) >= 1  # severe
    assert sum(z > 2 for z in zwfl) >= 1  # overweight


def test_latest_month_has_bgm_and_2t(register: Register) -> None:
    statuses, _ = monitor_register(register)
    latest = [s for s in statuses if str(s.month) == "2026-11"]
    assert any(s.below_red_line for s in latest)
    assert any(s.two_t for s in latest)


def test_re_checks_leave_the_month_to_the_first_weighing(register: Register) -> None:
    statuses, _ = monitor_register(register)
    rechecked = {(s.person_id, str(s.month)): s for s in statuses if s.extra_weighings}
    assert len(rechecked) == 2
    # One child was T at the open day and gained enough by the re-check a week
    # later: T under the first-weighing rule, N if the last weighing counted.
    last = attrs.evolve(GrowthMonitoringConfig.from_data(), weighing_of_month="last")
    by_last = {
        (s.person_id, str(s.month)): s
        for s in monitor_register(register, config=last)[0]
        if (s.person_id, str(s.month)) in rechecked
    }
    flips = [
        key
        for key, s in rechecked.items()
        if s.code is GrowthCode.T and by_last[key].code is GrowthCode.N
    ]
    assert len(flips) == 1


def test_earlier_doses_are_recorded_so_only_deliberate_gaps_are_overdue(
    register: Register,
) -> None:
    on = dt.date(2026, 11, 10)
    records = immunization_status(register, on)
    issues = sorted({i.code for r in records for i in r.issues})
    # The deliberately early doses (newborns[0], young[1]) and the renumbering
    # they cause.
    assert issues == ["imunisasi.number_mismatch", "imunisasi.too_early"]
    overdue: dict[str, set[str]] = defaultdict(set)
    for entry in open_day_list(register, on):
        if entry.state is DoseState.OVERDUE:
            overdue[entry.person_id].add(entry.code)
    assert sorted(map(sorted, overdue.values())) == [
        ["DPT-HB-Hib3", "IPV1", "MR1", "PCV3"],  # stopped after DPT-HB-Hib2
        # newborns[0]: the doses given before 2 months do not count, so the
        # series is one dose short (DOMAIN §6.2, §6.3)
        ["DPT-HB-Hib3", "OPV4", "PCV2", "RV3"],
        ["DPT-HB-Hib4", "MR2"],  # the toddler who never got the boosters
        ["MR1"],  # young[1]: the MR1 before 9 months does not count
        ["RV1"],  # rotavirus out of stock (RV2, RV3 wait for RV1)
    ]
