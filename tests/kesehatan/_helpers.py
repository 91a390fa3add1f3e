"""Small in-memory registers for the kesehatan tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from posyandu_core.model import Sex
from posyandu_core.register import Register, RegisterRow


def row(
    number: int,
    person: str,
    visit: dt.date,
    weight: float | None = None,
    *,
    birth: dt.date = dt.date(2024, 1, 10),
    sex: Sex = Sex.MALE,
    **extra: object,
) -> RegisterRow:
    return RegisterRow(
        row=number,
        person_id=person,
        name=f"Anak {person}",
        parent_name=f"Ibu {person}",
        sex=sex,
        birth_date=birth,
        visit_date=visit,
        weight_kg=weight,
        posyandu=str(extra.pop("posyandu", "Mawar")),
        **extra,  # type: ignore[arg-type]
    )


def register(rows: Iterable[RegisterRow]) -> Register:
    return Register(rows=tuple(rows), columns=())


def weighings(
    person: str, birth: dt.date, series: Sequence[tuple[dt.date, float]], start: int = 1
) -> list[RegisterRow]:
    return [
        row(start + i, person, d, w, birth=birth) for i, (d, w) in enumerate(series)
    ]
