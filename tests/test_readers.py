"""Every reader gives the same register: CSV, xlsx, Parquet, DataFrames, model objects."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posyandu_core.errors import InputFileError
from posyandu_core.model import Measurement, MeasurementKind, Person, Visit
from posyandu_core.plugins.kesehatan.growth_monitoring import monitor_register
from posyandu_core.register import CellTable, Reader, Register, read_register

openpyxl = pytest.importorskip("openpyxl")
pd = pytest.importorskip("pandas")

COLUMNS = (
    "person_id", "name", "sex", "birth_date", "posyandu", "visit_date",
    "weight_kg", "length_cm", "measure",
)  # fmt: skip
TODAY = dt.date(2026, 1, 1)


@st.composite
def children(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Rows of a few children weighed monthly, sorted as the model reader sorts."""
    rows = []
    for k in range(draw(st.integers(1, 4))):
        birth = draw(st.dates(dt.date(2020, 1, 1), dt.date(2024, 12, 31)))
        sex = draw(st.sampled_from(["L", "P"]))
        first = birth + dt.timedelta(days=draw(st.integers(10, 300)))
        for month in range(draw(st.integers(1, 4))):
            visit = first + dt.timedelta(days=30 * month + draw(st.integers(0, 5)))
            weight = draw(
                st.one_of(st.none(), st.integers(25, 300).map(lambda g: g / 10))
            )
            length = draw(
                st.one_of(st.none(), st.integers(450, 1200).map(lambda m: m / 10))
            )
            rows.append(
                {
                    "person_id": f"C{k}",
                    "name": f"Anak {k}",
                    "sex": sex,
                    "birth_date": birth,
                    "posyandu": "Mawar",
                    "visit_date": visit,
                    "weight_kg": weight,
                    "length_cm": length,
                    "measure": None if length is None else "terlentang",
                }
            )
    rows.sort(key=lambda r: (r["visit_date"], r["person_id"]))
    return rows


def as_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow(["" if r[c] is None else r[c] for c in COLUMNS])
    return out.getvalue()


def as_xlsx(rows: list[dict[str, Any]], path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for r in rows:
        sheet.append([r[c] for c in COLUMNS])
    book.save(path)
    return path


def as_frame(rows: list[dict[str, Any]]) -> Any:
    frame = pd.DataFrame({c: [r[c] for r in rows] for c in COLUMNS})
    for c in ("birth_date", "visit_date"):
        frame[c] = pd.to_datetime(frame[c])
    return frame


def as_model(rows: list[dict[str, Any]]) -> list[Person | Visit]:
    people: dict[str, Person] = {}
    objects: list[Person | Visit] = []
    for r in rows:
        if r["person_id"] not in people:
            people[r["person_id"]] = Person(
                id=r["person_id"],
                name=r["name"],
                sex=r["sex"],
                birth_date=r["birth_date"],
            )
        at = dt.datetime.combine(r["visit_date"], dt.time(9))
        ms = []
        if r["weight_kg"] is not None:
            ms.append(
                Measurement(
                    kind=MeasurementKind.WEIGHT, value=r["weight_kg"], measured_at=at
                )
            )
        if r["length_cm"] is not None:
            ms.append(
                Measurement(kind=MeasurementKind.LENGTH_HEIGHT, value=r["length_cm"],
                            measured_at=at, method=r["measure"])
            )  # fmt: skip
        objects.append(
            Visit(person_id=r["person_id"], date=r["visit_date"], posyandu="Mawar",
                  measurements=ms)
        )  # fmt: skip
    return [*people.values(), *objects]


def snapshot(register: Register) -> dict[str, Any]:
    """What must be equal whatever the source: ids, rows and typed values."""
    data: dict[str, Any] = {
        "person_ids": register.person_ids.tolist(),
        "rows": register.row_numbers.tolist(),
    }
    for name in COLUMNS[1:]:
        column = register.column(name)
        data[name] = [None if v != v else v for v in column.tolist()]  # NaN -> None
    data["issues"] = sorted((i.row, i.field, i.code) for i in register.issues)
    return data


def results(register: Register) -> list[dict[str, Any]]:
    statuses, _ = monitor_register(register)
    return [s.to_dict() for s in statuses]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rows=children())
def test_same_children_same_register_whatever_the_source(
    rows: list[dict[str, Any]], tmp_path: Path
) -> None:
    from_csv = read_register(io.StringIO(as_csv(rows)), today=TODAY)
    sources = {
        "xlsx": read_register(as_xlsx(rows, tmp_path / "r.xlsx"), today=TODAY),
        "pandas": read_register(as_frame(rows), today=TODAY),
        "model": read_register(as_model(rows), today=TODAY),
        "roundtrip": read_register(from_csv.to_pandas(), today=TODAY),
    }
    expected, expected_results = snapshot(from_csv), results(from_csv)
    for name, register in sources.items():
        assert snapshot(register) == expected, name
        assert results(register) == expected_results, name


def test_round_trip_keeps_the_dataframe_index() -> None:
    rows = [
        {"person_id": "A", "name": "Ani", "sex": "P", "birth_date": dt.date(2024, 1, 5),
         "posyandu": "Mawar", "visit_date": dt.date(2025, 2, 10), "weight_kg": 8.2,
         "length_cm": 75.1, "measure": "terlentang"},
        {"person_id": "B", "name": "Budi", "sex": "L", "birth_date": dt.date(2023, 5, 1),
         "posyandu": "Mawar", "visit_date": dt.date(2025, 2, 10), "weight_kg": 11.0,
         "length_cm": None, "measure": None},
    ]  # fmt: skip
    frame = as_frame(rows)
    frame.index = pd.Index(["x", "y"], name="kode")
    filtered = frame.iloc[::-1]
    register = read_register(filtered, today=TODAY)
    back = register.to_pandas()
    assert list(back.index) == ["y", "x"]
    assert back.index.name == "kode"
    assert list(back["weight_kg"]) == [11.0, 8.2]
    again = read_register(back, today=TODAY)
    assert snapshot(again) == snapshot(register)
    assert list(again.to_pandas().index) == ["y", "x"]


def test_xlsx_typed_cells_and_numeric_nik(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["NIK", "Nama Anak", "JK", "Tgl Lahir", "Tgl Ukur", "BB"])
    sheet.append(
        [
            6474014501240001,
            "Ani",
            "P",
            dt.datetime(2024, 1, 5),
            dt.date(2025, 2, 10),
            8.2,
        ]
    )
    sheet.append(["6474014501240002", "Budi", "L", "05/01/2024", "10/02/2025", "8,4"])
    path = tmp_path / "eppgbm.xlsx"
    book.save(path)
    register = read_register(path, today=TODAY)
    codes = {(i.row, i.code) for i in register.issues}
    assert (1, "nik.scientific.nik") in codes  # a number: its digits cannot be trusted
    budi = register.rows[-1]
    assert (budi.birth_date, budi.weight_kg) == (dt.date(2024, 1, 5), 8.4)
    assert budi.nik == "6474014501240002"


def test_parquet_and_polars(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    polars = pytest.importorskip("polars")
    rows = [
        {"person_id": "A", "name": "Ani", "sex": "P", "birth_date": dt.date(2024, 1, 5),
         "posyandu": "Mawar", "visit_date": dt.date(2025, 2, 10), "weight_kg": 8.2,
         "length_cm": 75.1, "measure": "terlentang"},
    ]  # fmt: skip
    frame = as_frame(rows)
    path = tmp_path / "r.parquet"
    frame.to_parquet(path)
    expected = snapshot(read_register(frame, today=TODAY))
    assert snapshot(read_register(path, today=TODAY)) == expected
    assert snapshot(read_register(polars.from_pandas(frame), today=TODAY)) == expected


def read_pipe(source: Any) -> CellTable:
    """A pipe-separated register: a plugin's reader hands over headers and cells."""
    lines = Path(source).read_text(encoding="utf-8").splitlines()
    header, *records = (line.split("|") for line in lines)
    return CellTable(
        header=tuple(header),
        cells=[[r[i] for r in records] for i in range(len(header))],
        source=str(source),
    )


def test_a_plugin_reader_is_used_for_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "r.pipe"
    path.write_text(
        "person_id|sex|birth_date|visit_date|weight_kg\nA|P|2024-01-05|2025-02-10|8,2\n",
        encoding="utf-8",
    )
    reader = Reader(
        id="pipe", name="pipe-separated", suffixes=(".pipe",), read=read_pipe
    )
    register = read_register(path, readers={"pipe": reader}, today=TODAY)
    assert register.rows[0].weight_kg == 8.2


def test_model_objects_need_their_person() -> None:
    visit = Visit(person_id="Z", date=dt.date(2025, 2, 10))
    with pytest.raises(InputFileError, match="not given"):
        read_register([visit])


def test_vectorised_age_matches_completed_months() -> None:
    from posyandu_core.model import completed_months

    births = [dt.date(2015, 8, 27), dt.date(2024, 1, 31), dt.date(2024, 2, 29)]
    visits = [dt.date(2017, 7, 20), dt.date(2024, 2, 29), dt.date(2025, 2, 28)]
    register = Register(
        values={
            "birth_date": np.array(births, dtype="datetime64[D]"),
            "visit_date": np.array(visits, dtype="datetime64[D]"),
        }
    )
    assert register.age_months().tolist() == [
        completed_months(b, v) for b, v in zip(births, visits, strict=True)
    ]
    assert register.age_days().tolist() == [
        (v - b).days for b, v in zip(births, visits, strict=True)
    ]


def test_round_trip_keeps_row_numbers_after_rows_were_left_out() -> None:
    text = (
        "person_id,sex,birth_date,visit_date,weight_kg,immunizations,has_kia\n"
        'A,P,2024-01-05,2025-01-10,"8,0",BCG;OPV1,ya\n'
        ",P,2024-01-05,2025-02-10,8.2,,\n"
        "A,P,2024-01-05,2025-03-10,8.4,DPT-HB-Hib1,n\n"
    )
    register = read_register(io.StringIO(text), today=TODAY)
    assert register.row_numbers.tolist() == [1, 3]
    again = read_register(register.to_pandas(), today=TODAY)
    assert again.row_numbers.tolist() == [1, 3]
    for name in ("weight_kg", "immunizations", "has_kia", "visit_date", "sex"):
        assert again.column(name).tolist() == register.column(name).tolist(), name
    raw = register.to_pandas(raw=True)
    assert list(raw["weight_kg"]) == ["8,0", "8.4"]


def test_one_reader_type_for_plugins_and_builtins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from posyandu_core import hookspecs
    from posyandu_core.cli import main
    from posyandu_core.register import BUILTIN_READERS
    from posyandu_core.testing import installed

    assert hookspecs.Reader is Reader
    assert all(isinstance(r, hookspecs.Reader) for r in BUILTIN_READERS.values())

    class PipePlugin:
        @hookspecs.hookimpl
        def register_readers(self, register: Any) -> None:
            register(hookspecs.Reader(id="pipe", name="pipe", suffixes=(".pipe",),
                                      read=read_pipe))  # fmt: skip

    path = tmp_path / "r.pipe"
    path.write_text(
        "person_id|sex|birth_date|visit_date|Berat\nA|P|2024-01-05|2025-02-10|8,2\n"
        "A|P|2024-01-05|2025-03-10|600\n",
        encoding="utf-8",
    )
    with installed(PipePlugin()):
        code = main(["validate", str(path), "--format", "json"])
    out = capsys.readouterr().out
    assert code == 1  # the plugin's source goes through the same gate
    assert '"unit.weight_grams"' in out
