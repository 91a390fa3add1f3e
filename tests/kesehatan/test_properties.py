"""Hypothesis properties of growth monitoring and SKDN."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.kesehatan._helpers import register

from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan.growth_monitoring import monitor_register
from posyandu_core.plugins.kesehatan.skdn import check_skdn_consistency, skdn_report
from posyandu_core.register import Register, RegisterRow

START = dt.date(2024, 1, 1)


@st.composite
def registers(draw: st.DrawFn) -> Register:
    rows: list[RegisterRow] = []
    for person in range(draw(st.integers(1, 5))):
        birth = START + dt.timedelta(days=draw(st.integers(-1500, 200)))
        sex = draw(st.sampled_from([Sex.MALE, Sex.FEMALE]))
        weight = draw(st.floats(3.0, 12.0))
        for _ in range(draw(st.integers(1, 8))):
            day = START + dt.timedelta(days=draw(st.integers(0, 420)))
            weight = round(weight + draw(st.floats(-0.4, 0.9)), 2)
            rows.append(
                RegisterRow(
                    row=len(rows) + 1,
                    person_id=f"p{person}",
                    name=f"Anak {person}",
                    sex=sex,
                    birth_date=birth,
                    visit_date=day,
                    weight_kg=max(weight, 1.0),
                    has_kia=draw(st.booleans()),
                )
            )
    return register(rows)


def _codes(reg: Register) -> dict[tuple[str, str], tuple[str, bool]]:
    statuses, _ = monitor_register(reg)
    return {(s.person_id, str(s.month)): (str(s.code), s.two_t) for s in statuses}


# The first call loads WHO tables: no per-example deadline.
@settings(deadline=None)
@given(registers(), st.randoms(use_true_random=False))
def test_status_never_depends_on_row_order(reg: Register, rnd: random.Random) -> None:
    shuffled = list(reg.rows)
    rnd.shuffle(shuffled)
    assert _codes(register(shuffled)) == _codes(reg)


@settings(deadline=None)
@given(registers(), st.integers(0, 420))
def test_adding_later_months_never_changes_earlier_ones(
    reg: Register, cut: int
) -> None:
    cutoff = START + dt.timedelta(days=cut)
    first_day = cutoff.replace(day=1)
    earlier = register(r for r in reg.rows if r.visit_date and r.visit_date < first_day)
    whole = _codes(reg)
    for key, value in _codes(earlier).items():
        assert whole[key] == value


@settings(deadline=None)
@given(registers(), st.integers(0, 13))
def test_skdn_identity_holds_for_any_register(reg: Register, offset: int) -> None:
    month = f"{2024 + offset // 12}-{offset % 12 + 1:02d}"
    report = skdn_report(reg, month)
    total = report.total
    assert total.d == total.n + total.t + total.o + total.b
    assert total.d <= total.s
    assert total.k <= total.s
    assert total.n <= total.d
    assert total.two_t <= total.t
    assert check_skdn_consistency(report) == []
