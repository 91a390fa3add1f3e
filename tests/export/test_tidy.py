from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from posyandu_core.plugins.export import tidy
from posyandu_core.plugins.export._common import (
    ExportError,
    measurements,
    safe_text,
    unsafe_text,
)
from posyandu_core.register import Register
from posyandu_core.registry import get_registry

KEY = "rahasia-posyandu"


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_refuses_without_key(tiny: Register, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="key") as info:
        tidy.write_tidy_csv(tiny, tmp_path / "t.csv")
    assert info.value.fix
    assert "identifiable=True" in info.value.fix
    assert not (tmp_path / "t.csv").exists()


def test_registered_writer_also_refuses_without_key(
    tiny: Register, tmp_path: Path
) -> None:
    with pytest.raises(ExportError):
        get_registry().exporters["tidy-parquet"].write(
            tiny, str(tmp_path / "t.parquet")
        )


def test_pseudonyms_are_keyed_hmac(tiny: Register, tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    tidy.write_tidy_csv(tiny, out, key=KEY)
    rows = _read_csv(out)
    expected = hmac.new(KEY.encode(), b"nik\x000074010101240001", hashlib.sha256)
    assert rows[0]["nik"] == expected.hexdigest()[:32]
    text = out.read_text(encoding="utf-8")
    for secret in ("0074010101240001", "=1+2", "Ibu Sum", "2024-01-15", "A1", "Rahma"):
        assert secret not in text
    assert rows[0]["birth_month"] == "2024-01"
    assert "age_days" not in rows[0]
    # Another key gives other pseudonyms; the same key the same ones.
    tidy.write_tidy_csv(tiny, tmp_path / "u.csv", key="other")
    assert _read_csv(tmp_path / "u.csv")[0]["nik"] != rows[0]["nik"]
    tidy.write_tidy_csv(tiny, tmp_path / "v.csv", key=KEY)
    assert (tmp_path / "v.csv").read_bytes() == out.read_bytes()


def test_identifiable_keeps_text_escaped(tiny: Register, tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    tidy.write_tidy_csv(tiny, out, identifiable=True, birth_date="day")
    rows = _read_csv(out)
    assert rows[0]["nik"] == "0074010101240001"
    assert rows[0]["name"] == "'=1+2"  # formula injection escaped
    assert rows[0]["birth_date"] == "2024-01-15"
    assert rows[0]["age_days"] == str(
        (dt.date(2025, 3, 14) - dt.date(2024, 1, 15)).days
    )


def test_one_row_per_measurement_with_zscores(tiny: Register, tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    tidy.write_tidy_csv(tiny, out, key=KEY)
    rows = _read_csv(out)
    assert len(rows) == len(measurements(tiny)) == 10
    first = {r["quantity"]: r for r in rows if r["register_row"] == "1"}
    assert set(first) == {"weight", "length", "head_circumference", "muac"}
    assert first["length"]["measure"] == "l"
    assert first["weight"]["growth_standard"] == "who2006"
    # The same z-scores on every measurement of the visit, from the engine.
    assert first["weight"]["waz"] == first["length"]["waz"] != ""
    adult = [r for r in rows if r["register_row"] == "4"]
    assert {r["waz"] for r in adult} == {""}
    assert (tmp_path / "t.dictionary.csv").exists()
    dictionary = _read_csv(tmp_path / "t.dictionary.csv")
    assert [d["column"] for d in dictionary] == list(rows[0])


def test_parquet_schema_is_typed(tiny: Register, tmp_path: Path) -> None:
    out = tmp_path / "t.parquet"
    tidy.write_tidy_parquet(tiny, out, identifiable=True, birth_date="day")
    table = pq.read_table(out)
    schema = table.schema
    assert schema.field("birth_date").type == pa.date32()
    assert schema.field("visit_date").type == pa.date32()
    assert schema.field("nik").type == pa.string()
    assert pa.types.is_dictionary(schema.field("sex").type)
    assert pa.types.is_dictionary(schema.field("quantity").type)
    assert schema.field("value").type == pa.float64()
    assert schema.metadata[b"schema_version"] == tidy.SCHEMA_VERSION.encode()
    assert table.column("nik")[0].as_py() == "0074010101240001"
    assert table.column("birth_date")[0].as_py() == dt.date(2024, 1, 15)


def test_xlsx_cells_are_typed_and_safe(tiny: Register, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    tidy.write_tidy_xlsx(tiny, out, identifiable=True)
    book = openpyxl.load_workbook(out)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert first["name"] == "'=1+2"
    assert sheet.cell(2, header.index("name") + 1).data_type == "s"
    assert isinstance(first["visit_date"], dt.datetime)
    assert first["value"] == 9.85
    assert first["nik"] == "0074010101240001"
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in book["kamus_data"]["A"]][1:] == header
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate


def test_outputs_are_byte_identical(sample: Register, tmp_path: Path) -> None:
    for writer, suffix in (
        (tidy.write_tidy_xlsx, "xlsx"),
        (tidy.write_tidy_parquet, "parquet"),
        (tidy.write_tidy_csv, "csv"),
    ):
        writer(sample, tmp_path / f"a.{suffix}", key=KEY)
        writer(sample, tmp_path / f"b.{suffix}", key=KEY)
        assert (tmp_path / f"a.{suffix}").read_bytes() == (
            tmp_path / f"b.{suffix}"
        ).read_bytes(), suffix


@pytest.mark.parametrize("text", ["=1", "+1", "-1", "@A", "\tx", "\rx", "Siti", ""])
def test_safe_text_round_trips(text: str) -> None:
    escaped = safe_text(text)
    assert escaped is not None
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unsafe_text(escaped) == text


def test_missing_extra_names_the_extra(
    tiny: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import now fails
    with pytest.raises(ExportError, match="not installed") as info:
        tidy.write_tidy_parquet(tiny, tmp_path / "t.parquet", key=KEY)
    assert info.value.fix == 'pip install "posyandu-core[export]"'
