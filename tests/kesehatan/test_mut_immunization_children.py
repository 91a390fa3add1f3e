"""Who is on the immunization lists on a day, and under which name and Posyandu.

The rows known on the evaluation day (visited by then, or undated) decide
(``immunization_status``): the latest one stating sex and birth date gives
the birth date, the latest row's name is used, the latest Posyandu named.
"""

from __future__ import annotations

import datetime as dt

from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan.immunization import immunization_status
from posyandu_core.register import Register, RegisterRow

D = dt.date
ON = D(2026, 3, 1)


def _row(
    number: int, person: str, visit: dt.date | None, **fields: object
) -> RegisterRow:
    return RegisterRow(row=number, person_id=person, visit_date=visit, **fields)  # type: ignore[arg-type]


def _register() -> Register:
    child = {"sex": Sex.FEMALE, "birth_date": D(2025, 4, 1), "weight_kg": 7.0}
    rows = [
        # p1: a row after ON corrects the birth date and names another Posyandu.
        _row(1, "p1", D(2025, 6, 1), name="Anak Satu", parent_name="Ibu Satu",
             posyandu="Mawar", **child),
        _row(2, "p1", D(2026, 4, 1), name="Sesudah", sex=Sex.FEMALE,
             birth_date=D(2025, 4, 5), posyandu="Melati"),
        # p2: renamed later, on a row without sex or birth date.
        _row(3, "p2", D(2025, 6, 1), name="Anak Lama", parent_name="Ibu Dua",
             posyandu="Mawar", **child),
        _row(4, "p2", D(2025, 9, 1), name="Anak Baru", weight_kg=8.0),
        # p3: the latest row has no name: the describing row's is used.
        _row(5, "p3", D(2025, 6, 1), name="Anak Tiga", posyandu="Mawar", **child),
        _row(6, "p3", D(2025, 9, 1), weight_kg=8.0),
        # p4: no name, no parent name, no Posyandu anywhere.
        _row(7, "p4", D(2025, 6, 1), **child),
        # p5: born on ON.
        _row(8, "p5", ON, name="Anak Lima", sex=Sex.MALE, birth_date=ON,
             posyandu="Mawar", weight_kg=3.0),
        # p6: expected after ON (an undated row).
        _row(9, "p6", None, name="Anak Enam", sex=Sex.MALE,
             birth_date=D(2026, 3, 10), posyandu="Mawar"),
        # p7: an undated row says she moved out before ON.
        _row(10, "p7", D(2025, 6, 1), name="Anak Tujuh", posyandu="Mawar", **child),
        _row(11, "p7", None, moved_out_on=D(2026, 1, 15)),
    ]  # fmt: skip
    return Register(rows=tuple(rows), columns=())


def test_children_on_the_lists_and_how_they_are_named() -> None:
    records = immunization_status(_register(), ON)
    assert [
        (r.person_id, r.name, r.parent_name, r.birth_date, r.posyandu) for r in records
    ] == [
        ("p4", "", "", D(2025, 4, 1), None),
        ("p2", "Anak Baru", "Ibu Dua", D(2025, 4, 1), "Mawar"),
        ("p5", "Anak Lima", "", ON, "Mawar"),
        ("p1", "Anak Satu", "Ibu Satu", D(2025, 4, 1), "Mawar"),
        ("p3", "Anak Tiga", "", D(2025, 4, 1), "Mawar"),
    ]
    assert [r.sex for r in records] == [Sex.FEMALE] * 2 + [Sex.MALE] + [Sex.FEMALE] * 2


def test_the_row_after_the_day_counts_from_its_day() -> None:
    (p1,) = [r for r in immunization_status(_register(), D(2026, 4, 1))
             if r.person_id == "p1"]  # fmt: skip
    assert (p1.name, p1.birth_date, p1.posyandu) == ("Sesudah", D(2025, 4, 5), "Melati")
