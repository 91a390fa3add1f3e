"""The kesehatan reports as tables: SKDN, immunization status / open-day list, life cycle.

Each report is built through ``api.report`` (its options given as text, as
the command line gives them) and checked row by row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.kesehatan._helpers import register, row

from posyandu_core import api
from posyandu_core.errors import NoMatchError
from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan.immunization import (
    ImmunizationRecords,
    immunization_status,
    open_day_list,
)
from posyandu_core.plugins.kesehatan.screening.reports import (
    LifecycleMonthlyReport,
    lifecycle_monthly_report,
)
from posyandu_core.plugins.kesehatan.skdn import SkdnReport, skdn_report
from posyandu_core.register import Register

D = dt.date
BIRTH = D(2025, 1, 10)
_KEYS = ("S", "K", "D", "N", "T", "O", "B", "BGM", "2T", "VITA_S", "VITA_D")
_CELLS = [(b, s) for b in ("0-5", "6-11", "12-23", "24-59") for s in ("L", "P")]


# -- SKDN -----------------------------------------------------------------------------


def _skdn_register() -> Register:
    return register(
        [
            # a: 750 g gained at 3 months: T with Buku KIA 2023's 800 g,
            # N with the 600 g spreadsheet table.
            row(1, "a", D(2025, 3, 10), 5.0, birth=BIRTH, has_kia=True),
            row(2, "a", D(2025, 4, 10), 5.75, birth=BIRTH),
            # g: another Posyandu, weighed for the first time (B).
            row(3, "g", D(2025, 4, 3), 8.0, birth=D(2024, 6, 1), sex=Sex.FEMALE,
                posyandu="Melati"),
        ]
    )  # fmt: skip


def _skdn_rows(
    posyandu: str, cells: dict[tuple[str, str], dict[str, int]]
) -> list[dict[str, Any]]:
    where = {"posyandu": posyandu, "month": "2025-04"}
    rows: list[dict[str, Any]] = [
        {
            **where,
            "band": b,
            "sex": s,
            **dict.fromkeys(_KEYS, 0),
            **cells.get((b, s), {}),
        }
        for b, s in _CELLS
    ]
    total = {k: sum(r[k] for r in rows) for k in _KEYS}
    return [*rows, {**where, "band": "total", "sex": "", **total}]


def test_skdn_table_of_the_whole_register() -> None:
    table = api.report("skdn", _skdn_register(), month="04/2025")  # MM/YYYY
    assert (table.title_id, table.title_en) == (
        "Laporan SKDN 2025-04",
        "SKDN monthly report 2025-04",
    )
    assert list(table.rows) == _skdn_rows(
        "",  # every Posyandu: the column is left empty
        {
            ("0-5", "L"): {"S": 1, "K": 1, "D": 1, "T": 1},
            ("6-11", "P"): {"S": 1, "D": 1, "B": 1},
        },
    )
    # The ratios follow the counts (the text rendering's lines after the total).
    assert table.notes == (
        "K/S 50.0 %  D/S 100.0 %  D/K 200.0 %  N/D 0.0 %  N/S 0.0 %  BGM/D 0.0 %  "
        "2T/D 0.0 %  T/D 50.0 %  N/(D-O-B) 0.0 %  VITA_D/VITA_S -",
    )
    assert isinstance(table.data, SkdnReport)
    assert table.data == skdn_report(_skdn_register(), "2025-04")


def test_skdn_table_of_one_posyandu_with_another_kbm_table() -> None:
    table = api.report(
        "skdn", _skdn_register(), month="2025-04", posyandu=" MAWAR ",
        kbm="spreadsheet_600",
    )  # fmt: skip
    # The register's spelling of the Posyandu; Melati's child is not counted;
    # a's 750 g is a gain (N) with the 600 g table.
    assert list(table.rows) == _skdn_rows(
        "Mawar", {("0-5", "L"): {"S": 1, "K": 1, "D": 1, "N": 1}}
    )
    assert table.notes[0].startswith(
        "K/S 100.0 %  D/S 100.0 %  D/K 100.0 %  N/D 100.0 %"
    )
    assert table.data.posyandu == "Mawar"


def test_skdn_posyandu_not_in_the_register() -> None:
    with pytest.raises(NoMatchError, match="'Kenanga' is not in the register"):
        api.report("skdn", _skdn_register(), month="2025-04", posyandu="Kenanga")


# -- immunization ---------------------------------------------------------------------


def _immunization_register() -> Register:
    return register(
        [
            row(1, "a", D(2025, 3, 10), 5.0, birth=BIRTH,
                immunizations=("HB0@2025-01-10", "BCG@2025-01-20", "OPV1@2025-01-20",
                               "DPT-HB-Hib1", "OPV2", "PCV1", "RV1")),
            # DPT-HB-Hib2 three weeks after the first (and before 3 months): not valid.
            row(2, "a", D(2025, 3, 31), 5.5, birth=BIRTH, immunizations=("DPT-HB-Hib2",)),
            row(3, "b", D(2025, 10, 20), 9.0, birth=D(2024, 12, 1), sex=Sex.FEMALE,
                posyandu="Melati", immunizations=("HB0@2024-12-01",)),
            # c: two months old on the open day, four doses due, BCG overdue.
            row(4, "c", D(2025, 10, 20), 4.0, birth=D(2025, 9, 5),
                immunizations=("HB0@2025-09-05",)),
        ]
    )  # fmt: skip


_A_STATUS = {
    "person_id": "a", "name": "Anak a", "age_months": 10,
    "given": "HB0;BCG;OPV1;DPT-HB-Hib1;OPV2;PCV1;RV1;DPT-HB-Hib2!",
    "due": "", "overdue": "OPV3;DPT-HB-Hib2;RV2;PCV2;IPV1;MR1",
    "idl": "belum_lengkap", "ibl": "belum_lengkap",
    "issues": "imunisasi.too_early;imunisasi.too_soon",
}  # fmt: skip
_C_STATUS = {
    "person_id": "c", "name": "Anak c", "age_months": 2, "given": "HB0",
    "due": "DPT-HB-Hib1;RV1;PCV1", "overdue": "BCG;OPV1",  # OPV2 waits for OPV1
    "idl": "belum_lengkap", "ibl": "belum_lengkap", "issues": "",
}  # fmt: skip


def test_imunisasi_status_table() -> None:
    reg = _immunization_register()
    table = api.report("imunisasi", reg, on="12/11/2025")
    assert (table.title_id, table.title_en) == (
        "Status imunisasi per 2025-11-12",
        "Immunization status on 2025-11-12",
    )
    # By Posyandu, then person: Mawar's a and c, then Melati's b.
    assert list(table.rows) == [
        _A_STATUS,
        _C_STATUS,
        {
            "person_id": "b", "name": "Anak b", "age_months": 11, "given": "HB0",
            "due": "", "overdue": "BCG;OPV1;DPT-HB-Hib1;RV1;PCV1;IPV1;MR1",
            "idl": "belum_lengkap", "ibl": "belum_lengkap", "issues": "",
        },
    ]  # fmt: skip
    assert isinstance(table.data, ImmunizationRecords)
    assert [r.person_id for r in table.data] == ["a", "c", "b"]


def test_imunisasi_status_of_one_posyandu_with_an_endemic_antigen() -> None:
    # JE is due at 10 months where it is endemic (a: 2025-11-10); the name
    # is read as written on the command line (" je ").
    table = api.report(
        "imunisasi", _immunization_register(), on="2025-11-12", posyandu="mawar",
        endemic=[" je "],
    )  # fmt: skip
    assert list(table.rows) == [{**_A_STATUS, "due": "JE"}, _C_STATUS]
    records = immunization_status(
        _immunization_register(), D(2025, 11, 12), posyandu="Mawar", endemic={"JE"}
    )
    assert [r.person_id for r in table.data] == [r.person_id for r in records]


def _entry(
    state: str, person: str, age: int, dose: str, due_on: dt.date
) -> dict[str, Any]:
    return {
        "state": state, "name": f"Anak {person}", "parent_name": f"Ibu {person}",
        "age_months": age, "dose": dose, "due_on": due_on, "person_id": person,
    }  # fmt: skip


def test_imunisasi_open_day_list_of_one_posyandu() -> None:
    reg = _immunization_register()
    table = api.report(
        "imunisasi", reg, on="2025-11-12", due_list="yes", posyandu="Mawar",
        endemic="je",
    )  # fmt: skip
    assert (table.title_id, table.title_en) == (
        "Daftar imunisasi hari buka 2025-11-12",
        "Immunization open-day list 2025-11-12",
    )
    late, due = "terlambat", "jatuh_tempo"
    assert list(table.rows) == [
        _entry(late, "a", 10, "DPT-HB-Hib2", D(2025, 4, 10)),
        _entry(late, "a", 10, "OPV3", D(2025, 4, 10)),
        _entry(late, "a", 10, "PCV2", D(2025, 4, 10)),
        _entry(late, "a", 10, "RV2", D(2025, 4, 10)),
        _entry(late, "a", 10, "IPV1", D(2025, 5, 10)),
        _entry(late, "c", 2, "BCG", D(2025, 9, 5)),
        _entry(late, "c", 2, "OPV1", D(2025, 9, 5)),
        _entry(late, "a", 10, "MR1", D(2025, 10, 10)),
        _entry(due, "c", 2, "DPT-HB-Hib1", D(2025, 11, 5)),
        _entry(due, "c", 2, "PCV1", D(2025, 11, 5)),
        _entry(due, "c", 2, "RV1", D(2025, 11, 5)),
        _entry(due, "a", 10, "JE", D(2025, 11, 10)),
    ]
    assert table.data == open_day_list(
        reg, D(2025, 11, 12), posyandu="Mawar", endemic={"JE"}
    )


def test_imunisasi_on_today_is_allowed_tomorrow_is_not() -> None:
    reg = _immunization_register()
    today = dt.date.today()
    table = api.report("imunisasi", reg, on=today)
    assert table.title_en == f"Immunization status on {today}"
    tomorrow = today + dt.timedelta(days=1)
    with pytest.raises(NoMatchError) as caught:
        api.report("imunisasi", reg, on=tomorrow)
    error = caught.value
    assert (error.message, error.message_id, error.field, error.fix, error.fix_id) == (
        f"--on: {tomorrow} is later than today ({today})",
        f"--on: {tomorrow} setelah hari ini ({today})",
        "on",
        "check the year; results are never guessed ahead",
        "periksa tahunnya; hasil tidak pernah ditebak ke depan",
    )


def test_imunisasi_before_the_first_visit() -> None:
    reg = _immunization_register()
    api.report("imunisasi", reg, on="2025-03-10")  # the first visit's day
    with pytest.raises(NoMatchError, match="before the register's first visit"):
        api.report("imunisasi", reg, on="2025-03-09")


# -- life cycle -----------------------------------------------------------------------


def _adults() -> Register:
    return register(
        [
            row(1, "x", D(2025, 6, 10), 70.0, birth=D(1980, 1, 1), sex=Sex.FEMALE,
                systolic_mmhg=150.0, diastolic_mmhg=95.0),
            row(2, "y", D(2025, 6, 11), 60.0, birth=D(1950, 1, 1),
                systolic_mmhg=120.0, diastolic_mmhg=80.0),
        ]
    )  # fmt: skip


def test_lifecycle_table() -> None:
    table = api.report("siklus-hidup", _adults(), month="06/2025")
    assert (table.title_id, table.title_en) == (
        "Laporan bulanan siklus hidup 2025-06",
        "Life-cycle monthly report 2025-06",
    )
    assert [(c.key, c.label_id, c.label_en, c.kind) for c in table.columns] == [
        ("month", "Bulan", "Month", "text"),
        ("bidang", "Bidang", "Field", "text"),
        ("sasaran", "Sasaran", "Target group", "text"),
        ("indicator", "Indikator", "Indicator", "text"),
        ("label_id", "Uraian", "Description (Indonesian)", "text"),
        ("label_en", "Uraian (Inggris)", "Description", "text"),
        ("count", "Jumlah", "Count", "number"),
        ("denominator", "Penyebut", "Denominator", "number"),
    ]
    counts = {r["indicator"]: (r["count"], r["denominator"]) for r in table.rows}
    # x (45 y) hypertensive, y (75 y) screened with a normal blood pressure.
    assert counts["dewasa_skrining_td"] == (1, 1)
    assert counts["dewasa_hipertensi"] == (1, None)
    assert counts["lansia_skrining_td"] == (1, 1)
    assert counts["lansia_hipertensi"] == (0, None)
    assert {r["month"] for r in table.rows} == {"2025-06"}
    assert isinstance(table.data, LifecycleMonthlyReport)
    assert list(table.rows) == lifecycle_monthly_report(_adults(), "2025-06").to_rows()


def test_lifecycle_month_without_visits() -> None:
    with pytest.raises(NoMatchError) as caught:
        api.report("siklus-hidup", _adults(), month="2025-07")
    assert caught.value.message == (
        "--month 2025-07: the register has no visit in that month"
    )
