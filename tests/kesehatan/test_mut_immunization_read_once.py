"""The register's doses are read once per set of columns, and forgotten with them."""

from __future__ import annotations

import datetime as dt
import gc

import numpy as np
from tests.kesehatan._helpers import register, row

from posyandu_core.plugins.kesehatan import immunization
from posyandu_core.plugins.kesehatan._doses import ScheduleArrays
from posyandu_core.plugins.kesehatan.immunization import dose_cells, register_doses
from posyandu_core.plugins.kesehatan.rules import check_doses_in_register
from posyandu_core.plugins.kesehatan.schedule import load_schedule
from posyandu_core.register import Register

D = dt.date


def _register(code: str) -> Register:
    return register([row(1, "a", D(2025, 1, 10), 3.3, immunizations=(code, "BCG"))])


def test_read_once_with_the_packaged_schedule() -> None:
    arrays = ScheduleArrays.of(load_schedule())
    reg = _register("HB0")
    first = register_doses(reg, arrays, packaged=True)
    assert register_doses(reg, arrays, packaged=True) is first
    assert first.codes == ("BCG", "HB0")
    # Another schedule may spell doses otherwise: read again.
    again = register_doses(reg, arrays, packaged=False)
    assert again is not first
    assert again.codes == first.codes
    other = register_doses(_register("OPV1"), arrays, packaged=True)
    assert other.codes == ("BCG", "OPV1")
    # Each register's doses are kept while it lives, whatever was read since.
    assert register_doses(reg, arrays, packaged=True) is first


def test_forgotten_with_the_register() -> None:
    arrays = ScheduleArrays.of(load_schedule())
    gc.collect()  # registers of earlier tests forgotten first
    before = len(immunization._READ_DOSES)
    reg = _register("HB0")
    register_doses(reg, arrays, packaged=True)
    assert len(immunization._READ_DOSES) == before + 1
    del reg
    gc.collect()
    assert len(immunization._READ_DOSES) == before


def test_dose_cells_per_person_in_visit_order() -> None:
    reg = register(
        [
            row(1, "a", D(2025, 3, 10), 5.0, immunizations=("OPV2",)),
            row(2, "b", D(2025, 1, 10), 3.3, immunizations=("HB0",)),
            row(3, "a", D(2025, 1, 10), 3.3, immunizations=("HB0", "BCG")),
            row(4, "b", D(2025, 2, 10), 4.0),  # no doses
        ]
    )
    assert dose_cells(reg) == {
        0: [(("HB0", "BCG"), D(2025, 1, 10), 3), (("OPV2",), D(2025, 3, 10), 1)],
        1: [(("HB0",), D(2025, 1, 10), 2)],
    }
    assert dose_cells(reg, only=np.array([False, True])) == {
        1: [(("HB0",), D(2025, 1, 10), 2)]
    }


def test_the_register_rule_checks_every_person_with_doses() -> None:
    reg = register(
        [
            row(1, "a", D(2024, 2, 1), 4.0, immunizations=("DPT-HB-Hib1",)),  # 3 weeks
            row(2, "b", D(2024, 3, 10), 5.0, immunizations=("XYZ",)),
            row(3, "c", D(2024, 3, 10), 5.0, immunizations=("BCG",)),
        ]
    )
    assert [(i.code, i.row) for i in check_doses_in_register(reg)] == [
        ("imunisasi.too_early", 1),
        ("imunisasi.unknown_code", 2),
    ]
