"""The LMS table reader at its edges: first and last keys, both sexes, bad files."""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import pytest

from posyandu_core.errors import ReferenceDataError
from posyandu_core.growth import _tables
from posyandu_core.growth._tables import lms_table, read_csv, read_text


@pytest.fixture
def fresh_tables() -> Iterator[None]:
    _tables.lms_table.cache_clear()
    yield
    _tables.lms_table.cache_clear()


def _printed(name: str, sex: int, key: str, column: str) -> tuple[float, ...]:
    (record,) = [r for r in read_csv(name) if r["sex"] == str(sex) and r[column] == key]
    return tuple(float(record[c]) for c in ("L", "M", "S"))


@pytest.mark.parametrize(
    ("sex", "key", "printed"),
    [
        (1, -1, None),
        (1, 0, "0"),
        (2, 0, "0"),
        (2, 1826, "1826"),
        (2, 1827, None),
        (1, 1827, None),  # one past the boys' last day is not the girls' first
        (0, 10, None),
        (3, 10, None),
    ],
)
def test_row_by_sex_and_day(sex: int, key: int, printed: str | None) -> None:
    table = lms_table("who2006_weight_for_age")
    assert (table.key_start, table.n_keys, table.sentinel) == (0, 1827, 3654)
    row = table.row(sex, key)
    if printed is None:
        assert all(math.isnan(v) for v in row)
    else:
        assert row == _printed("who2006_weight_for_age", sex, printed, "age_days")


@pytest.mark.parametrize(
    ("key", "printed"),
    [(449, None), (450, "45"), (1100, "110"), (1101, None)],
)
def test_length_keys_in_millimetres(key: int, printed: str | None) -> None:
    table = lms_table("who2006_weight_for_length")
    assert (table.key_start, table.n_keys) == (450, 651)
    row = table.row(2, key)
    if printed is None:
        assert math.isnan(row[1])
    else:
        assert row == _printed("who2006_weight_for_length", 2, printed, "length_cm")


def test_tables_are_read_only_and_padded_with_nan() -> None:
    table = lms_table("who2006_arm_circumference_for_age")  # starts at day 91
    assert math.isnan(table.row(1, 90)[1])
    assert not math.isnan(table.row(1, 91)[1])
    for values in (table.L, table.M, table.S):
        assert values.dtype == np.float64
        assert values.flags.c_contiguous
        assert not values.flags.writeable
        assert len(values) == 2 * table.n_keys + 1


def test_missing_file_names_it() -> None:
    with pytest.raises(ReferenceDataError, match=r"who/none\.csv is not packaged") as e:
        read_text("who", "none.csv")
    assert e.value.fix == "reinstall posyandu-core"


def test_unknown_table_lists_the_known_ones() -> None:
    with pytest.raises(ReferenceDataError, match="unknown LMS table 'x'") as caught:
        lms_table("x")
    assert "who2006_bmi_for_age" in (caught.value.fix or "")


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            {"sex": "1", "age_days": "0", "L": "x", "M": "1", "S": "1"},
            "line 2 is malformed",
        ),
        ({"sex": "1", "age_days": "0", "M": "1", "S": "1"}, "line 2 is malformed"),
        ({"sex": "3", "age_days": "0", "L": "1", "M": "1", "S": "1"}, "sex 3 / key 0"),
        ({"sex": "1", "age_days": "1827", "L": "1", "M": "1", "S": "1"}, "key 1827"),
        ({"sex": "2", "age_days": "-1", "L": "1", "M": "1", "S": "1"}, "key -1"),
    ],
)
def test_malformed_rows_are_reference_data_errors(
    record: dict[str, str],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    fresh_tables: None,
) -> None:
    monkeypatch.setattr(_tables, "read_csv", lambda _name: [record])
    with pytest.raises(ReferenceDataError, match=message) as caught:
        lms_table("who2006_weight_for_age")
    assert "who2006_weight_for_age.csv line 2" in str(caught.value)


def test_a_well_formed_row_lands_at_its_key(
    monkeypatch: pytest.MonkeyPatch, fresh_tables: None
) -> None:
    rows = [
        {"sex": "2", "age_days": "1826", "L": "0.5", "M": "17", "S": "0.1"},
        {"sex": "1", "age_days": "0", "L": "0.25", "M": "3", "S": "0.2"},
    ]
    monkeypatch.setattr(_tables, "read_csv", lambda _name: rows)
    table = lms_table("who2006_weight_for_age")
    assert table.row(2, 1826) == (0.5, 17.0, 0.1)
    assert table.row(1, 0) == (0.25, 3.0, 0.2)
    assert np.count_nonzero(~np.isnan(table.M)) == 2


def test_an_altered_or_missing_file_fails_verification(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = _tables.read_text("who", "SOURCE.toml")
    name = "who2006_weight_for_age.csv"
    altered = real.replace(f'{name}" = "', f'{name}" = "0')
    assert altered != real
    monkeypatch.setattr(_tables, "read_text", lambda *_: altered)
    with pytest.raises(ReferenceDataError, match=f"{name} was altered") as caught:
        _tables.verify_reference_data()
    assert caught.value.fix == "reinstall posyandu-core"
    assert caught.value.value is not None
    missing = '[files]\n"gone.csv" = "00"\n'
    monkeypatch.setattr(_tables, "read_text", lambda *_: missing)
    with pytest.raises(
        ReferenceDataError, match=r"gone\.csv listed in SOURCE\.toml is missing"
    ) as missing_file:
        _tables.verify_reference_data()
    assert missing_file.value.fix == "reinstall posyandu-core"
