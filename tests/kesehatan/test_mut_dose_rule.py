"""The register-wide dose rule: each recorded dose judged, regular and irregular persons.

A person whose cells all read (regular) is counted with everyone at once; a
person with an unreadable date or an unknown code (irregular) is read one
by one. Persons without a birth date, or without doses, give nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.kesehatan._helpers import register, row

from posyandu_core.plugins.kesehatan.rules import check_doses_in_register
from posyandu_core.register import Register, read_register
from posyandu_core.registry import get_registry

D = dt.date
BIRTH = D(2025, 1, 10)


def _register() -> Register:
    return register(
        [
            # b (the register's first row): regular; a second dose without a
            # first counts as the first
            row(2, "b", D(2025, 5, 20), 6.0, birth=BIRTH,
                immunizations=("DPT-HB-Hib2",)),
            # a: irregular (a dated cell); DPT-HB-Hib1 before 2 months
            row(1, "a", D(2025, 2, 20), 4.5, birth=BIRTH,
                immunizations=("HB0@2025-01-10", "BCG", "DPT-HB-Hib1")),
            # c: irregular (an unreadable date, an unknown code), then too soon
            row(3, "c", D(2025, 3, 12), 5.0, birth=BIRTH,
                immunizations=("OPV1@2025-13-01", "xyz", "DPT-HB-Hib1")),
            row(4, "c", D(2025, 3, 30), 5.2, birth=BIRTH,
                immunizations=("DPT-HB-Hib2",)),
            # d: irregular with no readable dose at all
            row(5, "d", D(2025, 4, 1), 6.0, birth=BIRTH, immunizations=("xyz",)),
            # e: no birth date: not judged
            row(6, "e", D(2025, 2, 20), 4.5, birth=None,  # type: ignore[arg-type]
                immunizations=("DPT-HB-Hib1",)),
            # f: no dose recorded
            row(7, "f", D(2025, 2, 20), 4.5, birth=BIRTH),
            # g: no birth date, an unknown code: not judged either
            row(8, "g", D(2025, 2, 20), 4.5, birth=None,  # type: ignore[arg-type]
                immunizations=("xyz",)),
            # h: regular, every dose on time: nothing to say
            row(9, "h", D(2025, 3, 12), 5.0, birth=BIRTH,
                immunizations=("BCG", "OPV1", "DPT-HB-Hib1")),
        ]
    )  # fmt: skip


EXPECTED = [  # person by person, in the register's order; rows as the sheet shows
    "row 3, immunizations = 'DPT-HB-Hib2': warning [imunisasi.number_mismatch] "
    "DPT-HB-Hib2 (2025-05-20) counts as DPT-HB-Hib1 (valid DPT-HB-Hib dose "
    "number 1) / DPT-HB-Hib2 (2025-05-20) dihitung sebagai DPT-HB-Hib1 (dosis "
    "sah ke-1 DPT-HB-Hib)",
    "row 2, immunizations = '2025-02-20': warning [imunisasi.too_early] "
    "DPT-HB-Hib1 given on 2025-02-20, before the minimum age 2m (2025-03-10) / "
    "DPT-HB-Hib1 diberikan 2025-02-20, sebelum usia minimal 2m (2025-03-10)",
    "row 4, immunizations = 'OPV1@2025-13-01': error [imunisasi.date] cannot "
    "read the dose date '2025-13-01' (use YYYY-MM-DD) / tanggal imunisasi "
    "'2025-13-01' tidak terbaca (pakai YYYY-MM-DD)",
    "row 4, immunizations = 'xyz': warning [imunisasi.unknown_code] unknown "
    "immunization code 'xyz' / kode imunisasi 'xyz' tidak dikenal",
    "row 5, immunizations = '2025-03-30': warning [imunisasi.too_early] "
    "DPT-HB-Hib2 given on 2025-03-30, before the minimum age 3m (2025-04-10) / "
    "DPT-HB-Hib2 diberikan 2025-03-30, sebelum usia minimal 3m (2025-04-10)",
    "row 5, immunizations = '2025-03-30': warning [imunisasi.too_soon] "
    "DPT-HB-Hib2 given on 2025-03-30, less than 1m after DPT-HB-Hib1 "
    "(2025-03-12); earliest 2025-04-12 / DPT-HB-Hib2 diberikan 2025-03-30, "
    "kurang dari 1m setelah DPT-HB-Hib1 (2025-03-12); paling cepat 2025-04-12",
    "row 6, immunizations = 'xyz': warning [imunisasi.unknown_code] unknown "
    "immunization code 'xyz' / kode imunisasi 'xyz' tidak dikenal",
]


def test_every_recorded_dose_is_judged() -> None:
    found = check_doses_in_register(_register())
    assert [i.describe() for i in found] == EXPECTED
    # Made located: the data row kept, the sheet row (header on row 1) beside it.
    assert [(i.row, i.sheet_row) for i in found] == [
        (r, r + 1) for r in (2, 1, 3, 3, 4, 4, 5)
    ]


def test_the_rule_is_the_registers_dose_check() -> None:
    (rule,) = [
        r for r in get_registry().rules_for("register") if r.id == "kesehatan.imunisasi"
    ]
    assert [i.describe() for i in rule.check(_register())] == EXPECTED


def test_nothing_to_judge() -> None:
    assert check_doses_in_register(register([row(1, "f", D(2025, 2, 20), 4.5)])) == []
    assert check_doses_in_register(Register(rows=(), columns=())) == []


def test_each_dose_of_one_cell_is_reported_and_only_overlaps_are_dropped(
    tmp_path: Path,
) -> None:
    # A register started at 3 months: the three second doses written in one
    # cell each count as a first dose, so each carries its own warning
    # (before, one rule's findings on one cell were cut to the first).
    path = tmp_path / "r.csv"
    path.write_text(
        "person_id,name,sex,birth_date,visit_date,weight_kg,immunizations\n"
        "A1,Ani,P,2025-01-10,2025-04-15,6.0,OPV2;DPT-HB-Hib2;PCV2\n",
        encoding="utf-8",
    )
    found = read_register(path).issues
    mismatch = [i.value for i in found if i.code == "imunisasi.number_mismatch"]
    assert mismatch == ["OPV2", "DPT-HB-Hib2", "PCV2"]
    assert {i.sheet_row for i in found} == {2}
