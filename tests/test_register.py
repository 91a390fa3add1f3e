from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posyandu_core.errors import InputFileError
from posyandu_core.model import MeasureMethod, Sex
from posyandu_core.register import Register, canonical_name, read_register
from posyandu_core.register._store import factorise
from posyandu_core.register.sample import load_sample_register
from posyandu_core.testing import strategies

HEADER = "person_id,name,sex,birth_date,visit_date,weight_kg,length_cm,measure\n"


def write(tmp_path: Path, text: str | bytes, name: str = "r.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_reads_typed_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path, HEADER + 'A1,Ani,P,2024-01-05,10/02/2025,"8,2",75.1,Terlentang\n'
    )
    register = read_register(path)
    (row,) = register.rows
    assert row.sex is Sex.FEMALE
    assert row.visit_date == dt.date(2025, 2, 10)
    assert row.weight_kg == 8.2
    assert row.measure is MeasureMethod.LYING
    assert row.raw["weight_kg"] == "8,2"
    assert register.issues == ()


def test_eppgbm_headers_are_aliases(tmp_path: Path) -> None:
    text = (
        "NIK,Nama,JK,Tgl Lahir,Nama Ortu,Posyandu,RT,Tanggal Pengukuran,Berat,Tinggi,Cara Ukur,LiLA\n"
        "6474015203240001,Ani,P,2024-03-12,Siti,Melati,03,2025-02-10,8.2,75.1,Berdiri,13.1\n"
    )
    register = read_register(write(tmp_path, text))
    (row,) = register.rows
    assert row.person_id == "6474015203240001"
    assert row.parent_name == "Siti"
    assert row.measure is MeasureMethod.STANDING
    assert register.extra_columns == ("RT",)
    assert row.raw["RT"] == "03"


def test_semicolon_separated(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER.replace(",", ";") + "A1;Ani;P;2024-01-05;2025-02-10;8,2;75,1;l\n",
    )
    assert read_register(path).rows[0].length_cm == 75.1


def test_nik_stays_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "nik,sex,birth_date,visit_date\n0074015203240001,P,2024-03-12,2025-02-10\n",
    )
    assert read_register(path).rows[0].nik == "0074015203240001"


def test_text_in_number_column_is_an_issue_not_a_crash(tmp_path: Path) -> None:
    register = read_register(
        write(tmp_path, HEADER + "A1,Ani,P,2024-01-05,2025-02-10,delapan,75,l\n")
    )
    (issue,) = register.issues
    assert (issue.row, issue.field, issue.value) == (1, "weight_kg", "delapan")
    assert register.rows[0].weight_kg is None
    assert register.rows[0].raw["weight_kg"] == "delapan"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        (b"person_id,sex,birth_date\n", "visit_date"),
        (b"foo,bar\n1,2\n", "required columns missing"),
        (
            "person_id,sex,birth_date,visit_date\nA,P,Zo\xe9,2025-01-01\n".encode(
                "latin-1"
            ),
            "UTF-8",
        ),
        (b'person_id,sex,birth_date,visit_date\nA,P,"2024-01-01,2025-01-01\n', "CSV"),
        (b"person_id,sex,Tgl Lahir,birth_date,visit_date\n", "more than once"),
    ],
)
def test_unusable_files(tmp_path: Path, content: bytes, message: str) -> None:
    with pytest.raises(InputFileError, match=message):
        read_register(write(tmp_path, content))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        read_register(tmp_path / "nope.csv")


def test_ragged_row_is_reported(tmp_path: Path) -> None:
    register = read_register(
        write(tmp_path, HEADER + "A1,Ani,P,2024-01-05,2025-02-10,8\n")
    )
    assert [i.code for i in register.issues] == ["parse.row_length"]


def test_canonical_name_ignores_case_and_spacing() -> None:
    assert canonical_name("TGL  LAHIR") == "birth_date"
    assert canonical_name("\ufeffperson_id") == "person_id"


@settings(deadline=None)  # the first example loads every plugin
@given(strategies.register_csv())
def test_any_csv_reads_without_losing_rows(text: str) -> None:
    records = list(csv.reader(io.StringIO(text, newline="")))[1:]
    register = read_register(io.StringIO(text), validate=False)
    # Nothing is dropped: every non-blank data record becomes a row.
    read = sum(any(c.strip() for c in r) for r in records)
    assert len(register.rows) == read
    # The gate leaves rows out only with an error naming them.
    gated = read_register(io.StringIO(text))
    assert gated.quality is not None
    assert gated.quality.rows_read == read
    assert gated.quality.rows_used == len(gated)
    assert (len(gated) < read) <= (not gated.quality.complete)
    for row in register.rows:
        assert row.row >= 1
    for issue in register.issues:
        assert issue.row is not None


SAMPLE = load_sample_register()


@settings(deadline=None, max_examples=60)
@given(st.lists(st.integers(0, len(SAMPLE) - 1), max_size=200))
def test_person_codes_kept_by_a_take_are_as_if_made_anew(where: list[int]) -> None:
    """A reader's person codes, carried through ``take``, equal codes made afresh.

    The sample's persons appear several times, so positions taken in any
    order (repeats too) reorder who appears first.
    """
    register = SAMPLE
    assert "_person_codes" in register.__dict__  # made while reading
    taken = register.take(np.asarray(where, dtype=np.intp))
    expected, _ = factorise(register.person_ids[where].tolist(), len(where))
    assert taken.person_codes().tolist() == expected.tolist()
    fresh = Register(person_ids=taken.person_ids, row_numbers=taken.row_numbers)
    assert fresh.person_codes().tolist() == expected.tolist()
