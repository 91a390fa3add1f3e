"""The CSV writer's quick per-column cells equal the general ``_csv_cell``."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.cli._output import _cell_writer, _csv_cell
from posyandu_core.hookspecs import Column
from posyandu_core.plugins.kesehatan.growth_monitoring import GrowthCode

VALUES = (
    st.none()
    | st.text(max_size=8)
    | st.sampled_from(["=1+1", "-3", "+62", "@x", "123", "0812"])
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.dates()
    | st.datetimes()
    | st.sampled_from(list(GrowthCode))
    | st.lists(st.integers(0, 9), max_size=3)
)


@given(
    VALUES,
    st.sampled_from(["text", "number", "date", "id"]),
    st.sampled_from(["id", "intl"]),
)
def test_quick_cells_equal_the_general_cell(
    value: object, kind: str, dialect: str
) -> None:
    column = Column(key="k", label_id="k", label_en="k", kind=kind)
    assert _cell_writer(column, dialect)(value) == _csv_cell(value, column, dialect)


def test_a_date_is_iso_and_a_missing_float_empty() -> None:
    column = Column(key="k", label_id="k", label_en="k", kind="number")
    cell = _cell_writer(column, "id")
    assert cell(dt.date(2025, 1, 2)) == "2025-01-02"
    assert cell(float("nan")) == ""
    assert cell(2.5) == "2,5"
    assert _cell_writer(column, "intl")(2.5) == "2.5"
