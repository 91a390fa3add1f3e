"""Reading a person's dose cells (``doses_from_rows``): date, row and position order.

Series spellings ("Polio") are read in date order, then row, then position
in the cell, so the same rows give the same doses whatever the file order;
the same dose written twice for a date is kept once; an undated row's doses
are skipped except those dated with ``@``.
"""

from __future__ import annotations

import datetime as dt

import attrs
from tests.kesehatan._helpers import row

from posyandu_core.plugins.kesehatan.immunization import doses_from_rows

D = dt.date
BIRTH = D(2025, 1, 10)


def test_doses_read_in_date_row_and_position_order() -> None:
    rows = [
        row(1, "a", BIRTH, 3.3, birth=BIRTH, immunizations=("HB0", "Polio")),
        row(2, "a", BIRTH, 3.3, birth=BIRTH, immunizations=("OPV1",)),  # a copy
        row(3, "a", D(2025, 3, 10), 5.0, birth=BIRTH, immunizations=("Polio", "OPV2")),
        row(4, "a", D(2025, 2, 10), 4.0, birth=BIRTH, immunizations=("BCG",)),
        row(5, "a", D(2025, 4, 10), 6.0, birth=BIRTH, immunizations=("Polio",)),
    ]
    rows.insert(0, rows.pop(4))  # the file's row order does not matter
    undated = row(6, "a", BIRTH, birth=BIRTH, immunizations=("BCG", "IPV1@2025-05-10"))
    doses, issues = doses_from_rows([*rows, attrs.evolve(undated, visit_date=None)])
    assert issues == []
    assert [(g.code, g.date, g.recorded_as, g.row, g.numbered) for g in doses] == [
        ("HB0", BIRTH, "HB0", 1, True),
        ("OPV1", BIRTH, "Polio", 1, False),  # row 1 before row 2's copy
        ("BCG", D(2025, 2, 10), "BCG", 4, True),
        ("OPV2", D(2025, 3, 10), "Polio", 3, False),  # first in its cell
        ("OPV3", D(2025, 4, 10), "Polio", 5, False),
        ("IPV1", D(2025, 5, 10), "IPV1", 6, True),
    ]
