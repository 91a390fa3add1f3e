"""The two CSV paths give the same cells: pyarrow's parser and the ``csv`` module.

``read_register`` reads a file with pyarrow when it is installed; the
standard-library path stays for streams, small and odd files. Wherever the
pyarrow path answers, its cells, row numbers and codes must be exactly the
standard library's; wherever the standard library refuses a file, the
pyarrow path must decline (so the error is the same).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.errors import InputFileError
from posyandu_core.register import read_register
from posyandu_core.register._arrow_csv import read_arrow_cells
from posyandu_core.register._build import CellTable
from posyandu_core.register._csv import read_csv_cells

SAMPLE = Path(__file__).parents[1] / "src/posyandu_core/data/sample/register.csv"


def same(fast: CellTable, slow: CellTable) -> None:
    assert fast.header == slow.header
    assert fast.row_numbers is not None
    assert slow.row_numbers is not None
    assert fast.row_numbers.tolist() == slow.row_numbers.tolist()
    assert fast.source == slow.source
    for a, b in zip(fast.cells, slow.cells, strict=True):
        assert a.texts == b.texts  # type: ignore[union-attr]
        assert a.codes.tolist() == b.codes.tolist()  # type: ignore[union-attr]
    assert fast.issues == slow.issues == ()


def test_sample_register_same_cells_and_same_register() -> None:
    fast = read_arrow_cells(SAMPLE, min_bytes=0)
    assert fast is not None
    same(fast, read_csv_cells(SAMPLE))
    by_file = read_register(SAMPLE)  # pyarrow (the file is big enough)
    with SAMPLE.open(encoding="utf-8") as stream:  # a stream: the csv module
        by_stream = read_register(stream)
    assert len(by_file) == len(by_stream)
    assert by_file.issues == by_stream.issues
    for name in by_file.columns:
        assert by_file.raw[name].tolist() == by_stream.raw[name].tolist()


def test_big_files_take_the_fast_path_small_ones_do_not(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert read_arrow_cells(path) is None  # under MIN_BYTES
    assert read_arrow_cells(path, min_bytes=0) is not None
    assert read_arrow_cells(io.StringIO("a,b\n1,2\n"), min_bytes=0) is None


CELL = st.text(alphabet='ab 1,;\t"\n\r\u00e9', max_size=6)


@given(
    rows=st.lists(st.lists(CELL, min_size=3, max_size=3), max_size=8),
    header=st.lists(st.text(alphabet="abcXY _", min_size=1, max_size=5), min_size=3,
                    max_size=3),
    separator=st.sampled_from([",", ";", "\t"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    ending=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    blank_after=st.sets(st.integers(0, 8)),
)  # fmt: skip
def test_written_files_read_alike(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[list[str]],
    header: list[str],
    separator: str,
    quoting: Literal[0, 1, 2, 3],
    ending: str,
    bom: bool,
    blank_after: set[int],
) -> None:
    text = io.StringIO()
    writer = csv.writer(
        text, delimiter=separator, quoting=quoting, lineterminator=ending
    )
    writer.writerow(header)
    for i, row in enumerate(rows):
        writer.writerow(row)
        if i in blank_after:
            text.write(ending)  # a blank line: skipped, but counted
    path = tmp_path_factory.mktemp("csv") / "r.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.getvalue().encode())
    fast = read_arrow_cells(path, min_bytes=0)
    slow = read_csv_cells(path)
    if fast is None:
        # It may decline a quoted field that ends in a separator or holds a
        # quote (the quick check cannot tell its closing quote from an
        # opening one), or a lone CR (csv.writer leaves it unquoted: a ragged
        # row), never a plain file.
        cells = [c for row in rows for c in row]
        assert not rows or any(
            '"' in c or "\r" in c or c.endswith((separator, "\n")) for c in cells
        )
        return
    same(fast, slow)


@given(text=st.text(alphabet='a1,"\n\r \u00e9', max_size=40))
def test_any_text_reads_alike_or_is_left_to_the_csv_module(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.mktemp("csv") / "r.csv"
    path.write_text("h1,h2\n" + text, encoding="utf-8", newline="")
    fast = read_arrow_cells(path, min_bytes=0)
    try:
        slow = read_csv_cells(path)
    except InputFileError:
        assert fast is None  # broken quoting: the csv module names the line
        return
    if fast is not None:
        same(fast, slow)


@pytest.mark.parametrize(
    "body",
    ['1,"b"c,d\n', '1,"b,\n2,3,4\n', "1,2\n", "1,2,3,4\n", "1,\xff,3\n"],
    ids=["text-after-quote", "unclosed-quote", "short-row", "long-row", "latin-1"],
)
def test_odd_files_are_left_to_the_csv_module(tmp_path: Path, body: str) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"a,b,c\n" + body.encode("latin-1"))
    assert read_arrow_cells(path, min_bytes=0) is None
