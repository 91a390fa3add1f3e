"""DOMAIN.md §15 vectors #45-46 and the SKDN report from a register."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from tests.kesehatan._helpers import register, row

from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan.skdn import (
    SkdnCounts,
    age_bands,
    check_skdn_consistency,
    read_skdn_csv,
    skdn_report,
)
from posyandu_core.register import Register
from posyandu_core.registry import get_registry
from posyandu_core.rules import has_errors, run_rules

D = dt.date


def test_vector_45_ratios_and_identity() -> None:
    counts = SkdnCounts(s=50, k=48, d=40, n=30, t=6, o=2, b=2)
    pct = {k: round(100 * v, 1) for k, v in counts.ratios().items() if v is not None}
    assert (pct["D/S"], pct["K/S"], pct["D/K"], pct["N/D"]) == (80.0, 96.0, 83.3, 75.0)
    assert check_skdn_consistency(counts) == []


def test_vector_46_inconsistent_report_is_a_validation_error() -> None:
    counts = SkdnCounts(s=50, k=48, d=40, n=30, t=4, o=2, b=2)  # N+T+O+B = 38
    rules = get_registry().rules_for("skdn_report")
    assert [r.id for r in rules] == ["kesehatan.skdn_consistency"]
    issues = run_rules(rules, "skdn_report", counts)
    assert has_errors(issues)
    assert [i.code for i in issues] == ["skdn.d_sum"]
    assert issues[0].rule == "kesehatan.skdn_consistency"


@pytest.mark.parametrize(
    ("counts", "code"),
    [
        (SkdnCounts(s=10, k=5, d=11, n=11), "skdn.d_gt_s"),
        (SkdnCounts(s=10, k=11, d=5, n=5), "skdn.k_gt_s"),
        (SkdnCounts(s=10, k=10, d=5, n=6, t=-1), "skdn.n_gt_d"),
    ],
)
def test_other_consistency_checks(counts: SkdnCounts, code: str) -> None:
    assert code in [i.code for i in check_skdn_consistency(counts)]


def _register() -> Register:
    b1, b2 = D(2025, 1, 10), D(2023, 6, 1)
    return register(
        [
            # a: weighed May (B), June (N)
            row(1, "a", D(2025, 5, 10), 6.0, birth=b1, has_kia=True),
            row(2, "a", D(2025, 6, 10), 6.6, birth=b1),
            # b: girl, weighed April and June -> O in June; no KIA
            row(3, "b", D(2025, 4, 5), 9.0, birth=b2, sex=Sex.FEMALE, has_kia=False),
            row(4, "b", D(2025, 6, 5), 9.4, birth=b2, sex=Sex.FEMALE),
            # c: known since May, not weighed in June -> in S, not in D
            row(5, "c", D(2025, 5, 12), 12.0, birth=D(2022, 2, 1), has_kia=True),
            # d: moved out in May -> not in June's S
            row(
                6,
                "d",
                D(2025, 5, 12),
                11.0,
                birth=D(2022, 2, 1),
                moved_out_on=D(2025, 5, 20),
            ),
            # e: moved in, first seen in July -> not in June's S
            row(7, "e", D(2025, 7, 2), 10.0, birth=D(2023, 2, 1)),
            # f: 5 years old -> not a balita
            row(8, "f", D(2025, 6, 3), 17.0, birth=D(2020, 1, 1)),
            # g: another Posyandu
            row(9, "g", D(2025, 6, 3), 8.0, birth=D(2024, 6, 1), posyandu="Melati"),
        ]
    )


def test_report_from_a_register() -> None:
    report = skdn_report(_register(), "2025-06", posyandu="Mawar")
    total = report.total
    assert total.to_dict() == {
        "S": 3, "K": 2, "D": 2, "N": 1, "T": 0, "O": 1, "B": 0, "BGM": 0, "2T": 0,
        "VITA_S": 0, "VITA_D": 0,
    }  # fmt: skip
    cells = {(c.band, str(c.sex)): c.counts for c in report.cells}
    assert cells[("0-5", "L")].n == 1
    assert cells[("24-59", "P")].o == 1
    assert cells[("24-59", "L")].to_dict()["S"] == 1  # c, 40 months
    everyone = skdn_report(_register(), "2025-06")
    assert everyone.total.s == 4  # + g at Melati
    assert check_skdn_consistency(report) == []


def test_later_rows_do_not_change_a_month() -> None:
    reg = _register()
    before = skdn_report(reg, "2025-05").to_dict()
    extra = register(
        [*reg.rows, row(20, "a", D(2025, 8, 1), 7.0, birth=D(2025, 1, 10))]
    )
    assert skdn_report(extra, "2025-05").to_dict() == before


def test_csv_round_trip_and_validation() -> None:
    report = skdn_report(_register(), "2025-06", posyandu="Mawar")
    back = read_skdn_csv(io.StringIO(report.to_csv()))
    assert back.total == report.total
    assert back.month == report.month
    assert back.posyandu == "Mawar"
    tampered = report.to_csv().replace("0-5,L,1,1,1,1,", "0-5,L,1,1,2,1,")
    issues = run_rules(
        get_registry().rules_for("skdn_report"),
        "skdn_report",
        read_skdn_csv(io.StringIO(tampered)),
    )
    assert {i.code for i in issues} >= {"skdn.d_sum"}


def test_bands_are_data() -> None:
    assert [b.label for b in age_bands()] == ["0-5", "6-11", "12-23", "24-59"]
    assert [b.label for b in age_bands("devices_b32")] == ["0-12", "13-36", "37-60"]
    report = skdn_report(_register(), "2025-06", bands=age_bands("devices_b32"))
    assert report.total.s == 4
