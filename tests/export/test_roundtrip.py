"""Every measurement survives each export: nothing dropped, altered or invented."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posyandu_core.model import age_days, completed_months
from posyandu_core.plugins.export import anthro, eppgbm, fhir, tidy
from posyandu_core.plugins.export._common import ExportError
from posyandu_core.register import Register, read_register
from posyandu_core.testing.strategies import register_csv

from . import _readback as rb

KEY = "kunci-uji"


def _same(found: list[rb.Fact], expected: set[rb.Fact]) -> None:
    counts = Counter(found)
    duplicated = [f for f, n in counts.items() if n > 1]
    assert not duplicated, duplicated[:5]
    assert set(found) - expected == set(), "invented or altered"
    assert expected - set(found) == set(), "dropped"


@pytest.mark.parametrize(
    ("writer", "reader", "suffix"),
    [
        (tidy.write_tidy_csv, rb.tidy_csv, "csv"),
        (tidy.write_tidy_parquet, rb.tidy_parquet, "parquet"),
        (tidy.write_tidy_xlsx, rb.tidy_xlsx, "xlsx"),
    ],
)
def test_tidy_round_trip(
    sample: Register,
    tmp_path: Path,
    writer: Callable[..., None],
    reader: Callable[[Path], list[rb.Fact]],
    suffix: str,
) -> None:
    out = tmp_path / f"t.{suffix}"
    writer(sample, out, key=KEY)
    _same(reader(out), rb.register_facts(sample))


def test_fhir_round_trip(sample: Register, tmp_path: Path) -> None:
    out = tmp_path / "f.ndjson"
    # Dose history before SATUSEHAT (HB-0 of children born in 2021-22) is
    # left out on purpose; every measurement is a 2025-26 visit.
    fhir.write_fhir(
        sample, out, organization_id="10000004", timezone="WITA", early_doses="omit"
    )
    found = rb.fhir_ndjson(out, sample)
    assert len(found) > 1500
    _same(found, rb.register_facts(sample))


def _balita(register: Register) -> list[int]:
    return [
        r.row
        for r in register.rows
        if r.sex and r.birth_date and r.visit_date and r.visit_date >= r.birth_date
        and completed_months(r.birth_date, r.visit_date) < 60
        and (r.weight_kg is not None or r.length_cm is not None or r.muac_cm is not None)
    ]  # fmt: skip


def test_eppgbm_round_trip(sample: Register, tmp_path: Path) -> None:
    out = tmp_path / "e.xlsx"
    eppgbm.write_eppgbm(sample, out)
    got = rb.xlsx_records(out, "e-PPGBM")
    by_row = {r.row: r for r in sample.rows}
    expected = [by_row[n] for n in _balita(sample)]
    assert len(got) == len(expected) > 400
    for cells, row in zip(got, expected, strict=True):
        assert cells["NIK"] == row.nik
        assert row.birth_date is not None
        assert row.visit_date is not None
        assert cells["Tgl Lahir"] == dt.datetime.combine(row.birth_date, dt.time())
        assert cells["Tanggal Pengukuran"] == dt.datetime.combine(
            row.visit_date, dt.time()
        )
        assert cells["Berat"] == row.weight_kg
        assert cells["Tinggi"] == row.length_cm
        assert cells["LiLA"] == row.muac_cm
        assert cells["JK"] == str(row.sex)
        method = {"Berdiri": "berdiri", "Terlentang": "terlentang", None: None}
        assert method[cells["Cara Ukur"]] == (row.measure and str(row.measure))


def test_anthro_round_trip(sample: Register, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    anthro.write_anthro(sample, out)
    with out.open(encoding="utf-8", newline="") as handle:
        got = list(csv.DictReader(handle))
    by_row = {r.row: r for r in sample.rows}
    expected = [
        by_row[n]
        for n in _balita(sample)
        if by_row[n].weight_kg is not None or by_row[n].length_cm is not None
    ]
    assert len(got) == len(expected) > 400

    def num(text: str) -> float | None:
        return float(text) if text else None

    for cells, row in zip(got, expected, strict=True):
        assert int(cells["sex"]) == (1 if str(row.sex) == "L" else 2)
        assert int(cells["age"]) == age_days(row.birth_date, row.visit_date)  # type: ignore[arg-type]
        assert num(cells["weight"]) == row.weight_kg
        assert num(cells["lenhei"]) == row.length_cm
        assert num(cells["headc"]) == row.head_cm
        assert num(cells["armc"]) == row.muac_cm
        assert (cells["measure"] or None) == (row.measure and row.measure.who_code)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=register_csv())
def test_any_readable_register_round_trips_through_tidy(
    text: str, tmp_path: Path
) -> None:
    source = tmp_path / "r.csv"
    source.write_text(text, encoding="utf-8")
    try:
        register = read_register(source)
    except Exception:  # unusable files are the reader's business
        return
    out = tmp_path / "t.csv"
    tidy.write_tidy_csv(register, out, key=KEY)
    _same(rb.tidy_csv(out), rb.register_facts(register))


def _readable(text: str, tmp_path: Path) -> Register | None:
    source = tmp_path / "r.csv"
    source.write_text(text, encoding="utf-8")
    try:
        return read_register(source)
    except Exception:
        return None


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=register_csv())
def test_any_register_through_fhir_is_refused_clearly_or_kept_whole(
    text: str, tmp_path: Path
) -> None:
    register = _readable(text, tmp_path)
    if register is None:
        return
    out = tmp_path / "f.ndjson"
    try:
        fhir.write_fhir(
            register, out, organization_id="1", first_accepted_date=dt.date(1, 1, 1)
        )
    except ExportError as error:
        fix = error.fix
        assert fix  # a clear error, never a crash
        return
    _same(rb.fhir_ndjson(out, register), rb.register_facts(register))


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=register_csv())
def test_any_register_through_eppgbm_and_anthro(text: str, tmp_path: Path) -> None:
    register = _readable(text, tmp_path)
    if register is None:
        return
    eppgbm.write_eppgbm(register, tmp_path / "e.xlsx")
    eppgbm.write_eppgbm(register, tmp_path / "e.csv")
    anthro.write_anthro(register, tmp_path / "a.csv")
    got = rb.xlsx_records(tmp_path / "e.xlsx", "e-PPGBM")
    rows = {r.row: r for r in register.rows}
    assert [(g["Berat"], g["Tinggi"], g["LiLA"]) for g in got] == [
        (rows[n].weight_kg, rows[n].length_cm, rows[n].muac_cm)
        for n in _balita(register)
    ]


_VALUE = {
    "weight_kg": st.floats(1.5, 90, allow_nan=False).map(lambda v: round(v, 2)),
    "length_cm": st.floats(44, 190, allow_nan=False).map(lambda v: round(v, 1)),
    "head_cm": st.floats(30, 56, allow_nan=False).map(lambda v: round(v, 1)),
    "muac_cm": st.floats(9, 35, allow_nan=False).map(lambda v: round(v, 1)),
    "waist_cm": st.floats(40, 140, allow_nan=False).map(lambda v: round(v, 1)),
    "systolic_mmhg": st.integers(70, 200).map(float),
    "diastolic_mmhg": st.integers(40, 130).map(float),
    "hb_g_dl": st.floats(5, 18, allow_nan=False).map(lambda v: round(v, 1)),
    "glucose_mg_dl": st.integers(50, 400).map(float),
}


@st.composite
def valid_registers(draw: st.DrawFn) -> list[dict[str, str]]:
    """Plausible registers: a few people, several visits, any subset of measurements."""
    rows = []
    for person in range(draw(st.integers(1, 4))):
        birth = draw(st.dates(dt.date(1970, 1, 1), dt.date(2025, 6, 1)))
        nik = draw(st.from_regex(r"\A\d{16}\Z"))
        newborn = draw(st.booleans())
        sex = draw(st.sampled_from(["L", "P"]))
        for visit in range(draw(st.integers(1, 4))):
            date = birth + dt.timedelta(days=draw(st.integers(0, 1900)) + 30 * visit)
            date = min(date, dt.date(2026, 6, 1))  # a valid register: never ahead
            row = {
                "person_id": f"P{person}",
                "nik": "" if newborn else nik,
                "nik_ibu": nik if newborn else "",
                "name": draw(
                    st.sampled_from(["Siti", "=SUM(A1)", "-Budi", "@x", "Ayu"])
                ),
                "sex": sex,
                "birth_date": birth.isoformat(),
                "visit_date": date.isoformat(),
                "measure": draw(st.sampled_from(["", "berdiri", "terlentang"])),
            }
            for field, values in _VALUE.items():
                if draw(st.booleans()):
                    row[field] = repr(draw(values))
            rows.append(row)
    return rows


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=valid_registers())
def test_unseen_registers_round_trip_through_every_format(
    records: list[dict[str, str]], tmp_path: Path
) -> None:
    header = sorted({k for r in records for k in r})
    source = tmp_path / "r.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(records)
    register = read_register(source)
    # Values the gate leaves out (a weight impossible at that age) are not
    # facts of the register: every exporter must agree on what remains.
    assert register.quality is not None
    facts = rb.register_facts(register)
    for writer_fn, reader, suffix in (
        (tidy.write_tidy_csv, rb.tidy_csv, "csv"),
        (tidy.write_tidy_parquet, rb.tidy_parquet, "parquet"),
        (tidy.write_tidy_xlsx, rb.tidy_xlsx, "xlsx"),
    ):
        writer_fn(register, tmp_path / f"t.{suffix}", key=KEY)
        _same(reader(tmp_path / f"t.{suffix}"), facts)
    fhir.write_fhir(
        register, tmp_path / "f.ndjson", organization_id="1",
        first_accepted_date=dt.date(1970, 1, 1),
    )  # fmt: skip
    _same(rb.fhir_ndjson(tmp_path / "f.ndjson", register), facts)
    eppgbm.write_eppgbm(register, tmp_path / "e.xlsx")
    rows = {r.row: r for r in register.rows}
    got = rb.xlsx_records(tmp_path / "e.xlsx", "e-PPGBM")
    assert [(g["NIK"], g["Berat"], g["Tinggi"], g["LiLA"]) for g in got] == [
        (rows[n].nik, rows[n].weight_kg, rows[n].length_cm, rows[n].muac_cm)
        for n in _balita(register)
    ]
