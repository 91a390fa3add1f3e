"""Which recorded doses the columnar counting reads, and which it leaves one by one.

``_doses.dose_entries`` reads a dose spelled as one numbered dose of the
infant schedule (any alias) into arrays; a person with any other spelling
— a series without a number ("Polio"), a dose dated elsewhere (``@``), an
unknown code, an endemic-only antigen, a dose outside the infant schedule
(Td) — is evaluated one by one (``irregular``). Both give the same answers
(``tests/speed``); this pins which path each spelling takes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from posyandu_core.plugins.kesehatan._doses import (
    ScheduleArrays,
    _reading,
    dose_entries,
)
from posyandu_core.plugins.kesehatan.schedule import load_schedule
from posyandu_core.register import read_register

REGISTER = """person_id,sex,birth_date,visit_date,immunizations
A,P,2025-01-10,2025-01-11,BCG;Polio1
A,P,2025-01-10,2025-03-12, penta2 ;PCV 1
A,P,2025-01-10,,OPV3
B,L,2025-01-10,2025-01-11,Polio
C,L,2025-01-10,2025-03-11,OPV1@2025-02-21
D,P,2025-01-10,2025-01-11,XYZ
E,P,2025-01-10,2025-01-11,JE
F,P,2000-01-10,2025-01-11,Td1
G,L,2025-01-10,2025-01-11,
"""


@pytest.fixture(scope="module")
def arrays() -> ScheduleArrays:
    return ScheduleArrays.of(load_schedule())


def test_each_spelling_takes_its_path(
    tmp_path_factory: pytest.TempPathFactory, arrays: ScheduleArrays
) -> None:
    path = Path(tmp_path_factory.mktemp("r")) / "r.csv"
    path.write_text(REGISTER, encoding="utf-8")
    register = read_register(path)
    entries = dose_entries(register, arrays)
    ids = register.person_ids[np.unique(register.person_codes(), return_index=True)[1]]
    irregular = dict(zip(ids.tolist(), entries.irregular.tolist(), strict=True))
    assert irregular == {
        "A": False, "B": True, "C": True, "D": True, "E": True, "F": True, "G": False,
    }  # fmt: skip
    has_doses = dict(zip(ids.tolist(), entries.has_doses.tolist(), strict=True))
    assert has_doses == {k: k != "G" for k in irregular}
    # A's four dated doses, read as their codes (the undated row is skipped)
    read = sorted(
        (entries.codes[c], arrays.antigens[a], n, str(d), r)
        for c, a, n, d, r in zip(
            entries.code, entries.antigen, entries.number, entries.date, entries.row,
            strict=True,
        )
    )  # fmt: skip
    assert read == [
        ("BCG", "BCG", 1, "2025-01-11", 1),
        ("DPT-HB-Hib2", "DPT-HB-Hib", 2, "2025-03-12", 2),
        ("OPV1", "OPV", 1, "2025-01-11", 1),
        ("PCV1", "PCV", 1, "2025-03-12", 2),
    ]
    assert sorted(entries.recorded.tolist()) == ["BCG", "PCV 1", "Polio1", "penta2"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BCG", ("BCG", "BCG", 1)),
        (" Polio1 ", ("OPV1", "OPV", 1)),
        ("Pentabio3", ("DPT-HB-Hib3", "DPT-HB-Hib", 3)),
        ("MR2", ("MR2", "MR", 2)),
        ("Polio", None),
        ("OPV1@2025-01-01", None),
        ("XYZ", None),
        ("JE", None),
        ("Td1", None),
        ("", None),
    ],
)
def test_a_spelling_read_alone(
    arrays: ScheduleArrays, text: str, expected: tuple[str, str, int] | None
) -> None:
    found = _reading(text, arrays)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        code, antigen, number = found
        assert (code, arrays.antigens[antigen], number) == expected
