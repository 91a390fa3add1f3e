"""Rows held as columns (``hookspecs.ColumnRows``) and the CSV written from them.

A report of a million rows gives its rows as columns and the output layer
writes each column's texts once per distinct value, joined without the
``csv`` module. The oracle: the same table given as row dictionaries, which
goes through ``csv.writer``, must write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import enum
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.cli._output import (
    Output,
    render_csv,
    render_json,
    render_text,
    write_table,
)
from posyandu_core.errors import ShapeMismatchError, WrongTypeError
from posyandu_core.hookspecs import Column, ColumnRows, Table


class Code(enum.Enum):
    N = "N"
    T = "T"


def _table(rows: object, columns: tuple[Column, ...]) -> Table:
    return Table(title_id="uji", title_en="test", columns=columns, rows=rows)  # type: ignore[arg-type]


def test_rows_read_as_dictionaries_and_equal_lists() -> None:
    rows = ColumnRows({"a": [1, 2], "b": ["x", None]})
    assert list(rows) == [{"a": 1, "b": "x"}, {"a": 2, "b": None}]
    assert rows[-1] == {"a": 2, "b": None}
    assert rows[1:] == [{"a": 2, "b": None}]
    assert rows == ({"a": 1, "b": "x"}, {"a": 2, "b": None})
    assert rows != [{"a": 1, "b": "x"}]
    assert rows.column("missing") == [None, None]
    with pytest.raises(IndexError):
        rows[2]


def test_arrays_become_python_values() -> None:
    rows = ColumnRows({"z": np.array([1.5, -0.0])})
    assert type(rows[0]["z"]) is float
    table = _table(rows, (Column(key="z", label_id="z", label_en="z", kind="number"),
                          Column(key="y", label_id="y", label_en="y")))  # fmt: skip
    assert render_csv(table, "id", "id") == "z;y\n1,5;\n-0,0;\n"


def test_columns_of_unequal_length_are_refused() -> None:
    with pytest.raises(ShapeMismatchError, match="panjang kolom"):
        ColumnRows({"a": [1], "b": [1, 2]})


def test_a_mapping_is_not_rows() -> None:
    with pytest.raises(WrongTypeError, match="ColumnRows"):
        _table({"a": [1]}, ())


def test_an_empty_table_writes_its_header() -> None:
    columns = (Column(key="a", label_id="a", label_en="a"),
               Column(key="b", label_id="b", label_en="b"))  # fmt: skip
    assert (
        render_csv(_table(ColumnRows({"a": [], "b": []}), columns), "en", "intl")
        == "a,b\n"
    )


# Values that write alike and differ: equal values of two types, signed zeros,
# the delimiters, quotes and line breaks, formulas, identifiers.
VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([0.0, -0.0, 1.0, 2.5, -1.25, math.nan, math.inf]),
    st.floats(allow_nan=False, width=32),
    st.text(alphabet=st.sampled_from('ab;,"\r\n =+-@0'), max_size=5),
    st.dates(dt.date(2020, 1, 1), dt.date(2020, 1, 3)),
    st.sampled_from(Code),
    st.lists(st.integers(0, 2), max_size=2),
)
KINDS = st.sampled_from(["text", "number", "date", "id"])


@given(
    kinds=st.lists(KINDS, min_size=2, max_size=4),
    data=st.data(),
    dialect=st.sampled_from(["id", "intl"]),
)
def test_columns_write_what_row_dictionaries_write(
    kinds: list[str], data: st.DataObject, dialect: str
) -> None:
    n = data.draw(st.integers(0, 8))
    # one value kind per column most of the time, as reports have them
    values = {
        f"c{i}": data.draw(
            st.one_of(
                st.lists(VALUE, min_size=n, max_size=n),
                VALUE.flatmap(lambda v: st.just([v] * n)),
            )
        )
        for i in range(len(kinds))
    }
    columns = tuple(
        Column(key=f"c{i}", label_id=f"k{i}", label_en=f"c{i}", kind=k)
        for i, k in enumerate(kinds)
    )
    as_columns = _table(ColumnRows(values), columns)
    as_rows = _table([{k: v[r] for k, v in values.items()} for r in range(n)], columns)
    assert render_csv(as_columns, "id", dialect) == render_csv(as_rows, "id", dialect)
    assert render_json(as_columns) == render_json(as_rows)
    for lang in ("id", "en"):  # text written a block at a time, as to_text makes it
        assert render_text(as_columns, lang) == as_rows.to_text(lang)


def test_a_block_of_floats_then_one_of_integers() -> None:
    """Each type keeps its own texts: ``1`` after ``1.0`` is still ``1``."""
    from posyandu_core.cli import _output

    size = _output._BLOCK
    values = [1.0] * size + [1] * 3
    table = _table(ColumnRows({"a": values, "b": [""] * len(values)}),
                   (Column(key="a", label_id="a", label_en="a", kind="number"),
                    Column(key="b", label_id="b", label_en="b")))  # fmt: skip
    lines = render_csv(table, "en", "intl").splitlines()
    assert lines[1] == "1.0,"
    assert lines[-1] == "1,"
    assert len(lines) == size + 4


def test_a_csv_file_is_written_as_made(tmp_path: object) -> None:
    from pathlib import Path

    out = Path(str(tmp_path)) / "t.csv"
    table = _table(ColumnRows({"a": ["x;y", "z"], "b": [1.5, None]}),
                   (Column(key="a", label_id="a", label_en="a"),
                    Column(key="b", label_id="b", label_en="b", kind="number")))  # fmt: skip
    write_table(table, Output(format="csv", destination=out))
    assert out.read_text(encoding="utf-8") == 'a;b\n"x;y";1,5\nz;\n'
    assert [p.name for p in out.parent.iterdir()] == ["t.csv"]  # no temporary left


def test_text_widths_come_from_every_block(tmp_path: object) -> None:
    """The widest cell may sit in a later block: every line is padded to it."""
    from pathlib import Path

    from posyandu_core.cli import _output

    size = _output._BLOCK
    names = ["a"] * size + ["a much longer name"]
    table = Table(title_id="Judul", title_en="Title",
                  columns=(Column(key="a", label_id="nama", label_en="name"),
                           Column(key="b", label_id="b", label_en="b", kind="number")),
                  rows=ColumnRows({"a": names, "b": [-0.0] + [2.5] * size}),
                  notes=("catatan",))  # fmt: skip
    out = Path(str(tmp_path)) / "t.txt"
    write_table(table, Output(format="text", destination=out))
    text = out.read_text(encoding="utf-8")
    assert text == table.to_text("id")
    lines = text.splitlines()
    assert lines[:3] == ["Judul", "nama                b", "a                   -0"]
    assert lines[-2:] == ["a much longer name  2.5", "catatan"]
