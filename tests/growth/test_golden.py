"""WHO's own outputs (anthro, anthroplus R packages) reproduced exactly."""

from __future__ import annotations

from typing import Any

import pytest

from posyandu_core.growth import ZScoreTable, anthro_zscores, anthroplus_zscores
from posyandu_core.rules import Severity

from ._golden import ANTHRO_OUT, ANTHROPLUS_OUT, code, number, read, same

ANTHRO_CASES = read("reference_cases_0_5.csv")
ANTHROPLUS_CASES = read("reference_cases_5_19.csv")
NUMERIC = ("age", "weight", "lenhei", "headc", "armc", "triskin", "subskin")


def _numbers(cases: list[dict[str, str]]) -> dict[str, Any]:
    return {name: [number(r[name]) for r in cases] for name in NUMERIC}


def _anthro(unit: str) -> tuple[list[dict[str, str]], ZScoreTable]:
    cases = [r for r in ANTHRO_CASES if r["age_unit"] == unit]
    table = anthro_zscores(
        sex=[code(r["sex"]) for r in cases],
        measure=[code(r["measure"]) for r in cases],
        oedema=[code(r["oedema"]) for r in cases],
        is_age_in_month=unit == "months",
        **_numbers(cases),
    )
    return cases, table


@pytest.mark.parametrize("unit", ["days", "months"])
def test_anthro_reproduces_every_who_output(unit: str) -> None:
    cases, table = _anthro(unit)
    assert len(cases) > 300
    mismatches = [
        (case["case_id"], column, table[column][i], case[column])
        for i, case in enumerate(cases)
        for column in ANTHRO_OUT
        if not same(column, table[column][i], case[column])
    ]
    assert mismatches == []


@pytest.mark.parametrize("unit", ["days", "months"])
def test_anthro_rows_who_refuses_are_missing_with_an_issue(unit: str) -> None:
    cases, table = _anthro(unit)
    refused = {i + 1 for i, case in enumerate(cases) if case["r_error"]}
    errors = {issue.row for issue in table.issues if issue.severity is Severity.ERROR}
    assert errors == refused
    for row in refused:
        assert all(cases[row - 1][c] == "NA" for c in ANTHRO_OUT)
        issue = next(i for i in table.issues if i.row == row)
        assert issue.field == "age"
        assert issue.value < 0


def test_anthro_unrounded_rounds_to_who() -> None:
    cases, table = _anthro("days")
    raw = anthro_zscores(
        sex=[code(r["sex"]) for r in cases],
        measure=[code(r["measure"]) for r in cases],
        oedema=[code(r["oedema"]) for r in cases],
        rounded=False,
        **_numbers(cases),
    )
    for column in ("zlen", "zwei", "zwfl", "zbmi", "zhc", "zac", "zts", "zss"):
        for i, case in enumerate(cases):
            expected = number(case[column])
            got = raw[column][i]
            if expected != expected:
                assert got != got
            elif abs(expected) == float("inf"):
                assert got == expected
            else:
                assert abs(got - expected) <= 0.005 + 1e-9, (case["case_id"], column)
        flag = "f" + column[1:]
        assert list(map(str, raw[flag])) == list(map(str, table[flag]))


def test_anthroplus_reproduces_every_who_output() -> None:
    cases = ANTHROPLUS_CASES
    table = anthroplus_zscores(
        sex=[code(r["sex"]) for r in cases],
        age_in_months=[number(r["age_in_months"]) for r in cases],
        oedema=[code(r["oedema"]) for r in cases],
        height_in_cm=[number(r["height_in_cm"]) for r in cases],
        weight_in_kg=[number(r["weight_in_kg"]) for r in cases],
    )
    mismatches = [
        (case["case_id"], column, table[column][i], case[column])
        for i, case in enumerate(cases)
        for column in ANTHROPLUS_OUT
        if not same(column, table[column][i], case[column])
    ]
    assert mismatches == []
    refused = {i + 1 for i, case in enumerate(cases) if case["r_error"]}
    assert len(refused) == 31
    assert {i.row for i in table.issues if i.severity is Severity.ERROR} == refused
    fields = {i.field for i in table.issues if i.row in refused}
    assert fields == {"age_in_months", "height_in_cm", "weight_in_kg"}
