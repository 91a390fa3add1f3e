"""SKDN report boundaries and the added outputs (DOMAIN.md §5.1-5.3, §4.6).

Ratios T/D and N/(D-O-B), vitamin A coverage in February and August, the
0-60-month range shared with the KMS and the immunization list, the month's
first and last day.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from tests.kesehatan._helpers import register, row

from posyandu_core.growth import anthro_zscores
from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan.immunization import immunization_status
from posyandu_core.plugins.kesehatan.skdn import (
    SkdnCounts,
    check_skdn_consistency,
    read_skdn_csv,
    skdn_report,
)
from posyandu_core.plugins.kesehatan.text import render_skdn
from posyandu_core.register import RegisterRow

D = dt.date


def test_vector_45_t_over_d_and_n_over_d_minus_o_minus_b() -> None:
    counts = SkdnCounts(s=50, k=48, d=40, n=30, t=6, o=2, b=2)
    ratios = counts.ratios()
    assert ratios["T/D"] == 6 / 40
    assert ratios["N/(D-O-B)"] == 30 / 36


def test_ratios_without_a_denominator_are_none() -> None:
    ratios = SkdnCounts(s=3, d=2, o=1, b=1).ratios()
    assert ratios["N/(D-O-B)"] is None
    assert ratios["T/D"] == 0.0
    assert ratios["VITA_D/VITA_S"] is None
    assert SkdnCounts().ratios()["T/D"] is None


@pytest.mark.parametrize(
    ("birth", "counted"),
    [
        (D(2020, 7, 1), True),  # 59 completed months at the 2025-06-15 weighing
        (D(2020, 6, 15), True),  # exactly 60
        (D(2020, 5, 15), False),  # 61
    ],
)
def test_s_and_d_from_0_to_60_months(birth: dt.date, counted: bool) -> None:
    rows = [row(1, "a", D(2025, 6, 15), 16.0, birth=birth)]
    report = skdn_report(register(rows), "2025-06")
    assert (report.total.s, report.total.d) == ((1, 1) if counted else (0, 0))
    if counted:
        cell = {c.band: c.counts for c in report.cells if c.sex is Sex.MALE}
        assert cell["24-59"].s == 1
    listed = immunization_status(register(rows), D(2025, 6, 15))
    assert bool(listed) is counted  # the same boundary


@pytest.mark.parametrize(
    ("seen", "in_s"),
    [(D(2025, 5, 31), True), (D(2025, 6, 30), True), (D(2025, 7, 1), False)],
)
def test_known_from_the_first_row_on_or_before_the_month_end(
    seen: dt.date, in_s: bool
) -> None:
    rows = [row(1, "a", seen, 12.0, birth=D(2023, 1, 1))]
    assert skdn_report(register(rows), "2025-06").total.s == int(in_s)


@pytest.mark.parametrize(
    ("moved_out", "in_s"),
    [(D(2025, 5, 31), False), (D(2025, 6, 2), True), (D(2025, 6, 30), True)],
)
def test_moved_out_before_the_month(moved_out: dt.date, in_s: bool) -> None:
    rows = [row(1, "a", D(2025, 5, 10), 12.0, birth=D(2023, 1, 1))]
    rows.append(
        row(2, "a", D(2025, 5, 20), None, birth=D(2023, 1, 1), moved_out_on=moved_out)
    )
    assert skdn_report(register(rows), "2025-06").total.s == int(in_s)


@pytest.mark.parametrize(
    ("weighed", "in_d"),
    [(D(2025, 5, 31), False), (D(2025, 6, 1), True), (D(2025, 6, 30), True)],
)
def test_d_is_weighed_within_the_calendar_month(weighed: dt.date, in_d: bool) -> None:
    rows = [
        row(1, "a", D(2025, 4, 10), 11.0, birth=D(2023, 1, 1)),
        row(2, "a", weighed, 11.5, birth=D(2023, 1, 1)),
    ]
    total = skdn_report(register(rows), "2025-06").total
    assert (total.s, total.d) == (1, int(in_d))


def _vitamin_a_register() -> list[RegisterRow]:
    return [
        # 6 months on 1 Feb, given blue in February
        row(1, "a", D(2025, 2, 10), 7.0, birth=D(2024, 8, 1), vitamin_a=True),
        # 5 months on 1 Feb: not due; given anyway -> not counted
        row(2, "b", D(2025, 2, 10), 6.5, birth=D(2024, 8, 2), vitamin_a=True),
        # 12 months, girl, weighed but no capsule
        row(3, "c", D(2025, 2, 10), 9.0, birth=D(2024, 2, 1), sex=Sex.FEMALE),
        # 59 months, red capsule given (row without a weight)
        row(4, "d", D(2025, 2, 20), None, birth=D(2020, 2, 2), vitamin_a=True),
        # 60 months: past the red-capsule band, still in S
        row(5, "e", D(2025, 2, 10), 17.0, birth=D(2020, 2, 1), vitamin_a=True),
        # 8 months, never had a capsule: blue due, not given
        row(6, "f", D(2024, 12, 5), 7.0, birth=D(2024, 6, 1)),
        # 8 months, blue given in December at 6 months: not due again
        row(7, "g", D(2024, 12, 5), 7.0, birth=D(2024, 6, 1), vitamin_a=True),
    ]


def test_vitamin_a_coverage_in_february() -> None:
    report = skdn_report(register(_vitamin_a_register()), "2025-02")
    rows = {(v.capsule, str(v.sex)): (v.sasaran, v.diberi) for v in report.vitamin_a}
    assert rows == {
        ("biru", "L"): (2, 1),  # a given; f due (no blue at 6+ months)
        ("biru", "P"): (0, 0),
        ("merah", "L"): (1, 1),  # d
        ("merah", "P"): (1, 0),  # c
    }
    assert (report.total.vita_s, report.total.vita_d) == (4, 2)
    assert report.total.ratios()["VITA_D/VITA_S"] == 0.5
    data = report.to_dict()
    assert data["vitamin_a"][0]["cakupan_percent"] == 50.0
    assert data["ratios_percent"]["VITA_D/VITA_S"] == 50.0
    assert "Vitamin A" in render_skdn(report)
    assert check_skdn_consistency(report) == []


def test_no_vitamin_a_rows_outside_february_and_august() -> None:
    report = skdn_report(register(_vitamin_a_register()), "2025-03")
    assert report.vitamin_a == ()
    assert report.total.vita_s == 0


def test_csv_carries_the_vitamin_a_columns_and_reads_back() -> None:
    report = skdn_report(register(_vitamin_a_register()), "2025-02")
    text = report.to_csv()
    assert text.splitlines()[0].endswith(",VITA_S,VITA_D")
    again = read_skdn_csv(io.StringIO(text))
    assert again.total == report.total


@pytest.mark.parametrize(("given", "flagged"), [(2, False), (3, False), (4, True)])
def test_vitamin_a_given_cannot_exceed_its_target(given: int, flagged: bool) -> None:
    counts = SkdnCounts(s=5, k=5, d=5, n=5, vita_s=3, vita_d=given)
    codes = [i.code for i in check_skdn_consistency(counts)]
    assert ("skdn.vita_d_gt_s" in codes) is flagged


def test_consistency_messages_in_both_languages() -> None:
    counts = SkdnCounts(s=1, k=2, d=3, n=4, t=-1, vita_s=0, vita_d=1)
    lines = [i.describe() for i in check_skdn_consistency(counts)]
    (d_sum,) = check_skdn_consistency(SkdnCounts(s=9, d=3, n=1))
    assert d_sum.describe() == (
        "file, D = 3: error [skdn.d_sum] total: D = 3 but N + T + O + B = 1 / "
        "total: D = 3 tetapi N + T + O + B = 1"
    )
    assert lines == [
        "file, D = 3: error [skdn.d_gt_s] total: D (3) exceeds S (1) / "
        "total: D (3) lebih dari S (1)",
        "file, K = 2: error [skdn.k_gt_s] total: K (2) exceeds S (1) / "
        "total: K (2) lebih dari S (1)",
        "file, N = 4: error [skdn.n_gt_d] total: N (4) exceeds D (3) / "
        "total: N (4) lebih dari D (3)",
        "file, VITA_D = 1: error [skdn.vita_d_gt_s] total: vitamin A given (1) "
        "exceeds its target (0) / total: vitamin A diberi (1) lebih dari "
        "sasaran (0)",
        "file, T = -1: error [skdn.negative] total: T is negative / total: T negatif",
    ]


def _listed_register() -> list[RegisterRow]:
    girl = D(2024, 3, 1)
    return [
        # a boy of 17 months, 6 kg and 70 cm: gizi buruk, sangat pendek, BGM
        row(1, "a", D(2025, 6, 10), 6.0, length_cm=70.0),
        # a girl not gaining for two months: 2T
        *[
            row(n, "b", D(2025, m, 10), 9.0, birth=girl, sex=Sex.FEMALE)
            for n, m in ((2, 4), (3, 5), (4, 6))
        ],
    ]


def test_the_lists_carry_each_child_and_the_z_it_is_listed_for() -> None:
    report = skdn_report(register(_listed_register()), "2025-06")
    days = (D(2025, 6, 10) - D(2024, 1, 10)).days
    z = anthro_zscores(sex=1, age=days, weight=6.0, lenhei=70.0)
    boy = {
        "person_id": "a",
        "name": "Anak a",
        "sex": "L",
        "birth_date": "2024-01-10",
        "age_months": 17,
        "parent_name": "Ibu a",
        "weighed_on": "2025-06-10",
        "weight_kg": 6.0,
        "length_cm": 70.0,
    }
    lists = report.to_dict()["lists"]
    assert lists["gizi_buruk"] == [
        {**boy, "category": "gizi_buruk", "z": float(z["zwfl"][0])}
    ]
    assert lists["stunting"] == [
        {**boy, "category": "sangat_pendek", "z": float(z["zlen"][0])}
    ]
    assert lists["bgm"] == [
        {**boy, "category": "berat_badan_sangat_kurang", "z": float(z["zwei"][0])}
    ]
    assert lists["gizi_kurang"] == []
    (two_t,) = lists["2t"]
    assert (two_t["person_id"], two_t["sex"], two_t["category"]) == ("b", "P", "2T")
    assert (two_t["length_cm"], two_t["z"]) == (None, None)
    assert (report.total.t, report.total.two_t, report.total.bgm) == (1, 1, 1)


def test_vitamin_a_rows_as_json() -> None:
    report = skdn_report(register(_vitamin_a_register()), "2025-02")
    assert report.to_dict()["vitamin_a"][0] == {
        "capsule": "biru",
        "label_id": "kapsul biru 100.000 IU (6-11 bulan, sekali)",
        "label_en": "blue capsule 100,000 IU (6-11 months, once)",
        "sex": "L",
        "sasaran": 2,
        "diberi": 1,
        "cakupan_percent": 50.0,
    }
    assert report.to_dict()["vitamin_a"][1]["cakupan_percent"] is None
