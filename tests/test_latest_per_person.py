"""``Register.latest_per_person`` and ``last_visit_date`` agree with ``by_person()``."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.register import Register

visits = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", "C"]),
        st.none() | st.dates(dt.date(2024, 1, 1), dt.date(2024, 3, 1)),
        st.booleans(),
    ),
    max_size=12,
)


def _register(cases: list[tuple[str, dt.date | None, bool]]) -> Register:
    dates = np.array(
        [str(d) if d else "NaT" for _, d, _ in cases], dtype="datetime64[D]"
    )
    return Register(
        row_numbers=np.arange(1, len(cases) + 1),
        person_ids=np.array([p for p, _, _ in cases] + [None], dtype=object)[:-1],
        values={"visit_date": dates},
    )


@given(visits)
def test_latest_per_person_is_by_persons_last_row(
    cases: list[tuple[str, dt.date | None, bool]],
) -> None:
    register = _register(cases)
    where = np.array([w for _, _, w in cases], dtype=bool)
    # People in order of first appearance in the whole register.
    kept = (
        [r for r in rows if where[r.row - 1]] for rows in register.by_person().values()
    )
    expected = [rows[-1].row for rows in kept if rows]
    found = register.row_numbers[register.latest_per_person(where)].tolist()
    assert found == expected


@given(visits)
def test_last_visit_date_is_the_latest_date(
    cases: list[tuple[str, dt.date | None, bool]],
) -> None:
    dates = [d for _, d, _ in cases if d is not None]
    assert _register(cases).last_visit_date() == (max(dates) if dates else None)
