"""A carriage return inside a cell is quoted in every CSV the library writes.

Excel keeps line breaks inside a cell as ``"\\r\\n"`` or a bare ``"\\r"``;
Python's ``csv.writer`` with ``"\\n"`` line ends quotes ``"\\n"`` but not
``"\\r"``, and every reader (Excel, pandas, ``csv`` itself) then ends the
row there. Found by the tidy round-trip property (``"0\\r0"`` in a quoted
Posyandu cell).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from posyandu_core._files import csv_writer
from posyandu_core.cli import main
from posyandu_core.plugins.export import tidy
from posyandu_core.register import read_register

REGISTER = (
    "person_id,sex,birth_date,visit_date,weight_kg,posyandu\n"
    'A1,L,2024-01-01,2025-01-01,9.5,"Mawar\r1"\n'
    'B2,P,2024-02-01,2025-01-01,8.5,"Melati\r\n2"\n'
)

CELL = st.text(alphabet=st.sampled_from('ab,;"\r\n '), max_size=6)


@given(rows=st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=5))
def test_every_cell_reads_back_whole(rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv_writer(out).writerows(rows)
    text = out.getvalue()
    assert text.endswith("\n")
    got = list(csv.reader(io.StringIO(text, newline="")))
    # csv writes a row of one empty cell as '""' and reads it back as [""].
    assert got == rows


def test_tidy_csv_keeps_a_carriage_return(tmp_path: Path) -> None:
    source = tmp_path / "r.csv"
    source.write_bytes(REGISTER.encode())
    out = tmp_path / "t.csv"
    tidy.write_tidy_csv(read_register(source), out, key=b"k" * 32)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["posyandu"] for r in rows] == ["Mawar\r1", "Melati\r\n2"]


def test_a_report_csv_keeps_a_carriage_return(tmp_path: Path) -> None:
    source = tmp_path / "r.csv"
    source.write_bytes(REGISTER.encode())
    out = tmp_path / "kms.csv"
    main(["kms", str(source), "--format", "csv", "-o", str(out)])
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    widths = {len(r) for r in rows}
    assert len(widths) == 1
