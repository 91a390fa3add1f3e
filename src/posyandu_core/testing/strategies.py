"""Hypothesis strategies for the posyandu_core model and register format.

Requires ``hypothesis`` (``pip install posyandu-core[testing]``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import strategies as st

from posyandu_core.model import (
    Equipment,
    EquipmentKind,
    Measurement,
    MeasurementKind,
    MeasureMethod,
    Person,
    Sex,
)
from posyandu_core.register import COLUMNS

__all__ = [
    "birth_dates",
    "equipment",
    "measurements",
    "niks",
    "persons",
    "register_csv",
    "register_records",
    "sexes",
]

_EPOCH = dt.date(1930, 1, 1)
_END = dt.date(2026, 11, 1)


def sexes() -> st.SearchStrategy[Sex]:
    """Return either sex."""
    return st.sampled_from(Sex)


def birth_dates(
    min_value: dt.date = _EPOCH, max_value: dt.date = _END
) -> st.SearchStrategy[dt.date]:
    """Return birth dates between ``min_value`` and ``max_value``."""
    return st.dates(min_value=min_value, max_value=max_value)


def niks() -> st.SearchStrategy[str]:
    """Return well-formed 16-digit NIKs (the date part is not necessarily consistent)."""
    return st.text(alphabet="0123456789", min_size=16, max_size=16)


def persons() -> st.SearchStrategy[Person]:
    """Return valid persons of any age."""
    return st.builds(
        Person,
        id=st.text(alphabet="ABCDEFGHJK0123456789", min_size=1, max_size=8),
        name=st.text(min_size=0, max_size=30),
        sex=sexes(),
        birth_date=birth_dates(),
        nik=st.none() | niks(),
        nik_ibu=st.none() | niks(),
    )


_RANGES = {
    MeasurementKind.WEIGHT: (0.5, 150.0),
    MeasurementKind.LENGTH_HEIGHT: (40.0, 200.0),
    MeasurementKind.MUAC: (8.0, 40.0),
    MeasurementKind.HEAD_CIRCUMFERENCE: (28.0, 60.0),
}


def measurements(kind: MeasurementKind | None = None) -> st.SearchStrategy[Measurement]:
    """Return valid anthropometric measurements (weight, length/height, MUAC, head)."""
    kinds = st.just(kind) if kind is not None else st.sampled_from(sorted(_RANGES))

    def build(k: MeasurementKind) -> st.SearchStrategy[Measurement]:
        low, high = _RANGES[k]
        return st.builds(
            Measurement,
            kind=st.just(k),
            value=st.floats(min_value=low, max_value=high).map(lambda x: round(x, 2)),
            measured_at=st.datetimes(
                min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2026, 11, 1)
            ),
            method=st.sampled_from(MeasureMethod)
            if k is MeasurementKind.LENGTH_HEIGHT
            else st.none(),
        )

    return kinds.flatmap(build)


def equipment() -> st.SearchStrategy[Equipment]:
    """Return equipment with consistent calibration dates."""
    return st.builds(
        lambda kind, start, days: Equipment(
            id=f"{kind.value[:2].upper()}-{days}",
            kind=kind,
            calibrated_on=start,
            calibration_due=start + dt.timedelta(days=days),
        ),
        st.sampled_from(EquipmentKind),
        st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2026, 1, 1)),
        st.integers(min_value=0, max_value=730),
    )


_CELL = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["", "L", "P", "x", "2025-02-30", "12,5", "-3", "1e400", "NaN"]),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
)


def register_records() -> st.SearchStrategy[list[dict[str, str]]]:
    """Return rows of register cells: anything a spreadsheet might hold, valid or not."""
    names = [c.name for c in COLUMNS]
    # Few rows: every record holds every column, and Hypothesis limits the input size.
    return st.lists(st.fixed_dictionaries(dict.fromkeys(names, _CELL)), max_size=4)


def register_csv() -> st.SearchStrategy[str]:
    """Return register CSV text with every column and arbitrary cell content."""

    def render(records: list[dict[str, str]]) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=[c.name for c in COLUMNS])
        writer.writeheader()
        writer.writerows(records)
        return out.getvalue()

    return register_records().map(render)
