"""The growth service's findings: each child's latest weighing's follow-up (§4.5).

``growth_findings(register, as_of)`` gives, for each child, the findings of
the latest weighing on or before ``as_of`` with their details (gain and KBM,
T streak, z-scores and categories), equal to that month's status's findings.
"""

from __future__ import annotations

import datetime as dt

from tests.kesehatan._helpers import register, row

from posyandu_core.model import MeasureMethod, Sex
from posyandu_core.plugins.kesehatan.growth_monitoring import monitor_register
from posyandu_core.plugins.kesehatan.services import growth_findings
from posyandu_core.register import Register

D = dt.date
BIRTH_A = D(2024, 1, 10)
BIRTH_B = D(2023, 6, 1)


def _register() -> Register:
    return register(
        [
            # a: underweight, wasted, small head; T twice -> 2T in May
            row(1, "a", D(2025, 3, 10), 8.0, birth=BIRTH_A, length_cm=76.0,
                head_cm=43.0, measure=MeasureMethod.LYING),
            row(2, "a", D(2025, 4, 10), 7.9, birth=BIRTH_A, length_cm=76.5),
            row(3, "a", D(2025, 5, 10), 7.8, birth=BIRTH_A, length_cm=77.0,
                head_cm=43.5),
            # b: a girl above the orange line, at risk of overweight
            row(4, "b", D(2025, 4, 12), 14.0, birth=BIRTH_B, length_cm=85.0,
                sex=Sex.FEMALE),
            row(5, "b", D(2025, 5, 12), 14.5, birth=BIRTH_B, length_cm=86.0,
                sex=Sex.FEMALE),
            # c: no finding
            row(6, "c", D(2025, 5, 3), 12.0, birth=D(2023, 1, 1)),
            # d: stunted
            row(7, "d", D(2025, 5, 5), 10.5, birth=D(2023, 5, 1), length_cm=79.0,
                measure=MeasureMethod.STANDING),
        ]
    )  # fmt: skip


def _details(as_of: dt.date) -> list[tuple[str, dt.date, str, dict[str, object]]]:
    return [
        (f.person_id, f.date, f.code, dict(f.details))
        for f in growth_findings(_register(), as_of)
    ]


def test_findings_of_each_childs_latest_weighing() -> None:
    may_a, may_b, may_d = D(2025, 5, 10), D(2025, 5, 12), D(2025, 5, 5)
    assert _details(D(2025, 5, 31)) == [
        ("a", may_a, "pertumbuhan.tidak_naik", {"gain_g": -100, "kbm_g": 200}),
        ("a", may_a, "pertumbuhan.2t", {"t_streak": 2}),
        ("a", may_a, "pertumbuhan.bgm", {"waz": -2.69}),
        ("a", may_a, "pertumbuhan.gizi_kurang", {"whz": -2.99}),
        ("a", may_a, "pertumbuhan.bb_kurang",
         {"waz": -2.69, "category": "berat_badan_kurang"}),
        ("a", may_a, "pertumbuhan.lk_tidak_normal",
         {"hcz": -2.67, "category": "mikrosefali"}),
        ("b", may_b, "pertumbuhan.di_atas_garis_oranye", {"waz": 1.91}),
        ("b", may_b, "pertumbuhan.gizi_lebih", {"whz": 2.52, "category": "gizi_lebih"}),
        ("b", may_b, "pertumbuhan.risiko_bb_lebih", {"waz": 1.91}),
        ("d", may_d, "pertumbuhan.stunting", {"haz": -2.69, "category": "pendek"}),
    ]  # fmt: skip


def test_an_earlier_day_gives_the_months_before() -> None:
    april_a, april_b = D(2025, 4, 10), D(2025, 4, 12)
    assert _details(D(2025, 4, 30)) == [
        ("a", april_a, "pertumbuhan.tidak_naik", {"gain_g": -100, "kbm_g": 200}),
        ("a", april_a, "pertumbuhan.bgm", {"waz": -2.4}),
        ("a", april_a, "pertumbuhan.gizi_kurang", {"whz": -2.7}),
        ("a", april_a, "pertumbuhan.bb_kurang",
         {"waz": -2.4, "category": "berat_badan_kurang"}),
        ("b", april_b, "pertumbuhan.di_atas_garis_oranye", {"waz": 1.79}),
        ("b", april_b, "pertumbuhan.gizi_lebih", {"whz": 2.39, "category": "gizi_lebih"}),
        ("b", april_b, "pertumbuhan.risiko_bb_lebih", {"waz": 1.79}),
    ]  # fmt: skip
    # a's first weighing: no comparison (B), head circumference measured
    assert [c for _, _, c, _ in _details(D(2025, 3, 10))] == [
        "pertumbuhan.bgm",
        "pertumbuhan.gizi_kurang",
        "pertumbuhan.bb_kurang",
        "pertumbuhan.lk_tidak_normal",
    ]
    assert _details(D(2025, 3, 9)) == []


def test_findings_equal_the_latest_statuses_findings() -> None:
    reg = _register()
    statuses, _ = monitor_register(reg)
    latest = {s.person_id: s for s in statuses}  # sorted by person, then month
    expected = [f for s in latest.values() for f in s.findings]
    assert list(growth_findings(reg, D(2025, 6, 30))) == expected
    assert expected[0].reevaluate_on == D(2025, 5, 24)  # T: after 2 weeks
