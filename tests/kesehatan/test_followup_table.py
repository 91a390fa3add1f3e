"""Follow-up (tindak lanjut) findings, DOMAIN.md §4.5: every rule, its fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan import _anthro, followup
from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.plugins.kesehatan.growth_monitoring import (
    GrowthCode,
    MonthlyStatus,
)

D = dt.date
ON = D(2025, 9, 10)


def _status(**changes: Any) -> MonthlyStatus:
    anthro = changes.pop("anthro", _anthro.Anthro())
    base = MonthlyStatus(
        person_id="a",
        name="A",
        parent_name="",
        posyandu=None,
        sex=Sex.MALE,
        birth_date=D(2024, 9, 1),
        month=Month(2025, 9),
        date=ON,
        weight_kg=8.0,
        age_months=12,
        code=GrowthCode.N,
        anthro=anthro,
    )
    return attrs.evolve(base, **changes)


def _facts(status: MonthlyStatus) -> list[tuple[Any, ...]]:
    return [
        (
            f.code,
            str(f.severity),
            None if f.referral is None else str(f.referral),
            f.reevaluate_on,
            dict(f.details),
            f.person_id,
            f.date,
            f.rule,
        )
        for f in followup.findings_for(status)
    ]


RULE = "kesehatan.tindak_lanjut@2023-01-01"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        (
            {"code": GrowthCode.T, "gain_g": 100, "kbm_g": 200, "t_streak": 1},
            [("pertumbuhan.tidak_naik", "warning", None, D(2025, 9, 24),
              {"gain_g": 100, "kbm_g": 200})],
        ),
        (
            {"code": GrowthCode.T, "gain_g": 0, "kbm_g": 200, "t_streak": 2},
            [("pertumbuhan.tidak_naik", "warning", None, D(2025, 9, 24),
              {"gain_g": 0, "kbm_g": 200}),
             ("pertumbuhan.2t", "error", "puskesmas", None, {"t_streak": 2})],
        ),
        (
            {"below_red_line": True, "anthro": _anthro.Anthro(waz=-2.5)},
            [("pertumbuhan.bgm", "error", "pustu", None, {"waz": -2.5})],
        ),
        (
            {"above_orange_line": True, "anthro": _anthro.Anthro(waz=1.5)},
            [("pertumbuhan.di_atas_garis_oranye", "warning", "pustu", None,
              {"waz": 1.5})],
        ),
        (
            {"weight_faltering": True, "gain_g": 300},
            [("pertumbuhan.weight_faltering", "warning", None, D(2025, 9, 17),
              {"gain_g": 300})],
        ),
        (
            {"anthro": _anthro.Anthro(haz=-2.5, tbu="pendek")},
            [("pertumbuhan.stunting", "error", "fktl", None,
              {"haz": -2.5, "category": "pendek"})],
        ),
        (
            {"anthro": _anthro.Anthro(whz=-3.5, bbtb="gizi_buruk")},
            [("pertumbuhan.gizi_buruk", "error", "puskesmas", D(2025, 9, 17),
              {"whz": -3.5})],
        ),
        (
            {"anthro": _anthro.Anthro(whz=-2.5, bbtb="gizi_kurang")},
            [("pertumbuhan.gizi_kurang", "warning", None, D(2025, 9, 24),
              {"whz": -2.5})],
        ),
        (
            {"anthro": _anthro.Anthro(whz=1.5, bbtb="berisiko_gizi_lebih")},
            [("pertumbuhan.gizi_lebih", "warning", None, D(2025, 9, 24),
              {"whz": 1.5, "category": "berisiko_gizi_lebih"})],
        ),
        (
            {"anthro": _anthro.Anthro(whz=2.5, bbtb="gizi_lebih")},
            [("pertumbuhan.gizi_lebih", "warning", None, D(2025, 9, 24),
              {"whz": 2.5, "category": "gizi_lebih"})],
        ),
        (
            {"anthro": _anthro.Anthro(whz=3.5, bbtb="obesitas")},
            [("pertumbuhan.obesitas", "error", "fktl", None, {"whz": 3.5})],
        ),
        (
            {"anthro": _anthro.Anthro(waz=-3.5, bbu="berat_badan_sangat_kurang")},
            [("pertumbuhan.bb_kurang", "warning", None, D(2025, 9, 24),
              {"waz": -3.5, "category": "berat_badan_sangat_kurang"})],
        ),
        (
            {"anthro": _anthro.Anthro(waz=-2.5, bbu="berat_badan_kurang")},
            [("pertumbuhan.bb_kurang", "warning", None, D(2025, 9, 24),
              {"waz": -2.5, "category": "berat_badan_kurang"})],
        ),
        (
            {"anthro": _anthro.Anthro(waz=1.5, bbu="risiko_berat_badan_lebih")},
            [("pertumbuhan.risiko_bb_lebih", "info", None, None, {"waz": 1.5})],
        ),
        (
            {"anthro": _anthro.Anthro(hcz=-2.5, lk="mikrosefali")},
            [("pertumbuhan.lk_tidak_normal", "error", "puskesmas", None,
              {"hcz": -2.5, "category": "mikrosefali"})],
        ),
        (
            {"anthro": _anthro.Anthro(hcz=2.5, lk="makrosefali")},
            [("pertumbuhan.lk_tidak_normal", "error", "puskesmas", None,
              {"hcz": 2.5, "category": "makrosefali"})],
        ),
    ],
)  # fmt: skip
def test_each_follow_up_rule(
    changes: dict[str, Any], expected: list[tuple[Any, ...]]
) -> None:
    status = _status(**changes)
    assert _facts(status) == [(*e, "a", ON, RULE) for e in expected]


def test_labels_are_bilingual_and_from_the_data() -> None:
    status = _status(code=GrowthCode.T, gain_g=0, kbm_g=200, t_streak=2)
    (t, two_t) = followup.findings_for(status)
    assert t.label_id.startswith("Berat badan tidak naik (T)")
    assert t.label_en.startswith("Weight not increasing (T)")
    assert two_t.label_en.startswith("Two consecutive weighings without gain")
    one = followup.finding("pertumbuhan.bgm", status, waz=-2.1)
    assert one.label_id.startswith("Di bawah garis merah")
