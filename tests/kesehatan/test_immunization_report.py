"""The ``imunisasi`` report's columns (``ImmunizationRecords.summary``) equal its records'.

The report reads every regular child from the arrays, without building a
record; what it prints must be what the records say (the hypothesis form
of this is in ``tests/speed/test_columnar_services.py``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.speed.test_columnar_services import _report_row

from posyandu_core import api
from posyandu_core.plugins.kesehatan.immunization import (
    immunization_status,
)
from posyandu_core.plugins.kesehatan.schedule import load_schedule
from posyandu_core.register import Register, read_register
from posyandu_core.register.sample import load_sample_register


def _fresh(register: Register, on: dt.date) -> list[dict[str, object]]:
    records = immunization_status(register, on, schedule=load_schedule())
    return [_report_row(r) for r in records]


@pytest.mark.parametrize("on", [dt.date(2026, 3, 15), dt.date(2026, 11, 28)])
def test_the_sample_report_prints_the_records(on: dt.date) -> None:
    sample = load_sample_register()
    table = api.report("imunisasi", sample, on=on)
    assert list(table.rows) == _fresh(sample, on)
    assert len(table.rows) > 20


REGISTER = """person_id,name,sex,birth_date,visit_date,immunizations
A,Ani,P,2025-01-10,2025-01-11,HB0;BCG;OPV1
A,Ani,P,2025-01-10,2025-02-20,DPT-HB-Hib1;OPV2
A,Ani,P,2025-01-10,2025-03-25,DPT-HB-Hib1;OPV3;OPV4;OPV5;PCV1
B,Budi,L,2025-02-01,2025-02-02,XYZ;BCG
B,Budi,L,2025-02-01,2025-06-01,OPV1@2025-03-01;DPT-HB-Hib1
C,Cici,P,2024-01-05,2024-01-05,
C,Cici,P,2024-01-05,2025-01-05,MR1;PCV3;IPV1
"""


@pytest.mark.parametrize(
    "on",
    [
        dt.date(2025, 1, 11),
        dt.date(2025, 3, 1),
        dt.date(2025, 6, 30),
        dt.date(2026, 1, 31),
    ],
)
def test_repeats_early_doses_and_irregular_children(
    tmp_path: object, on: dt.date
) -> None:
    """Repeated, early and extra doses, an unknown code, a dose dated elsewhere."""
    from pathlib import Path

    path = Path(str(tmp_path)) / "r.csv"
    path.write_text(REGISTER, encoding="utf-8")
    register = read_register(path)
    rows = list(api.report("imunisasi", register, on=on).rows)
    assert rows == _fresh(register, on)
    assert [r["person_id"] for r in rows] == sorted(r["person_id"] for r in rows)
