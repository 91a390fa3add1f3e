"""Every row-level issue of the z-score functions, word for word, both languages."""

from __future__ import annotations

from typing import Any

import numpy as np

from posyandu_core.growth import anthro_zscores, anthroplus_zscores
from posyandu_core.rules import Severity


def _by_code(issues: Any) -> dict[tuple[str, int], Any]:
    return {(i.code, i.row): i for i in issues}


def test_anthro_issue_texts() -> None:
    sex: Any = np.array([1, "x", 2, 1, 1], dtype=object)
    age: Any = np.array([100, 100, -5, 100, "abc"], dtype=object)
    t = anthro_zscores(
        sex=sex,
        age=age,
        weight=[6.0, 6.0, 6.0, -2.0, 6.0],
        measure=np.array(["l", "l", "l", "q", "l"]),
        oedema=np.array(["n", "n", "n", "n", "?"]),
        lenhei=60.0,
    )
    issues = _by_code(t.issues)
    assert [(i.row, i.code) for i in t.issues] == [
        (2, "growth.code.sex"),
        (3, "growth.negative.age"),
        (4, "growth.negative.weight"),
        (4, "growth.code.measure"),
        (5, "growth.number.age"),
        (5, "growth.code.oedema"),
    ]
    assert all(i.rule == "growth.zscores" for i in t.issues)
    sex_issue = issues[("growth.code.sex", 2)]
    assert (sex_issue.severity, sex_issue.field, sex_issue.value) == (
        Severity.ERROR,
        "sex",
        "x",
    )
    assert sex_issue.message_id == (
        "kode sex tidak dikenal; gunakan 1/2/m/f. Baris ini tidak dihitung."
    )
    assert sex_issue.message_en == (
        "unknown sex code; use 1/2/m/f. The row was not computed."
    )
    assert "gunakan l/h." in issues[("growth.code.measure", 4)].message_id
    assert "use y/n/1/2." in issues[("growth.code.oedema", 5)].message_en
    age_issue = issues[("growth.negative.age", 3)]
    assert (age_issue.severity, age_issue.value) == (Severity.ERROR, -5)
    assert age_issue.message_id == "age bernilai negatif. Baris ini tidak dihitung."
    assert age_issue.message_en == "age is negative. The row was not computed."
    weight = issues[("growth.negative.weight", 4)]
    assert (weight.severity, weight.field, weight.value) == (
        Severity.WARNING,
        "weight",
        -2.0,
    )
    assert weight.message_id == (
        "weight bernilai negatif. Skor-z yang memakai nilai ini tidak dihitung."
    )
    assert weight.message_en == (
        "weight is negative. z-scores that use this value were not computed."
    )
    number = issues[("growth.number.age", 5)]
    assert (number.severity, number.field, number.value) == (
        Severity.ERROR,
        "age",
        "abc",
    )
    assert number.message_id == "age bukan angka. Baris ini tidak dihitung."
    assert number.message_en == "age is not a number. The row was not computed."


def test_a_length_one_argument_stands_for_every_row() -> None:
    t = anthro_zscores(sex=[1, 2, 1], age=[10, 20, 30], weight=np.array(["abc"]))
    assert [(i.row, i.value) for i in t.issues] == [(1, "abc"), (2, "abc"), (3, "abc")]
    assert np.isnan(t["csex"]).all()
    sexes = anthro_zscores(sex=np.array(["z"]), age=[10, 20], weight=5.0)
    assert [(i.row, i.value) for i in sexes.issues] == [(1, "z"), (2, "z")]


def test_anthroplus_negative_values_drop_the_row() -> None:
    t = anthroplus_zscores(
        sex=[1, 1, 2], age_in_months=[100, -1, 100], height_in_cm=[130, 130, -130]
    )
    assert [(i.row, i.field, i.severity) for i in t.issues] == [
        (2, "age_in_months", Severity.ERROR),
        (3, "height_in_cm", Severity.ERROR),
    ]
    assert t.issues[1].message_en.endswith("The row was not computed.")
    assert np.isnan(t["zhfa"][1:]).all()
    assert np.isfinite(t["zhfa"][0])
    assert t["coedema"].tolist() == ["n", None, None]
