from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from posyandu_core.register import Register, read_register
from posyandu_core.register.sample import load_sample_register


@pytest.fixture(scope="session")
def sample() -> Register:
    return load_sample_register()


TINY = """person_id,nik,name,sex,birth_date,nik_ibu,parent_name,posyandu,visit_date,weight_kg,length_cm,measure,muac_cm,head_cm,oedema,immunizations,has_kia
A1,0074010101240001,=1+2,L,2024-01-15,,@Ibu Sum,Melati,2025-03-14,9.85,75.3,terlentang,13.4,45.1,n,DPT-HB-Hib1;OPV2,y
A1,0074010101240001,=1+2,L,2024-01-15,,@Ibu Sum,Melati,2025-04-14,10.05,,,,,,,y
B2,,Bayi Baru,P,2025-03-01,6474014112951020,Nur,Melati,2025-03-10,3.1,49.0,terlentang,,34.0,,HB0@2025-03-01;BCG,y
C3,6474015602931021,Rahma,P,1993-02-16,,,Melati,2025-03-14,61.4,150.7,berdiri,,,,,
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Register:
    path = tmp_path / "tiny.csv"
    path.write_text(TINY, encoding="utf-8")
    register = read_register(path)
    # Warnings (a NIK whose date digits differ, a renumbered dose) are fine;
    # nothing may be left out.
    assert register.quality is not None
    assert register.quality.complete, register.quality.describe()
    assert register.rows[0].visit_date == dt.date(2025, 3, 14)
    return register
