"""Tests of the example plugin, written the way a plugin author would."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import posyandu_core_kia
from hypothesis import given, settings

from posyandu_core import api
from posyandu_core.register import read_register
from posyandu_core.registry import Registry
from posyandu_core.rules import validate_register
from posyandu_core.testing import installed, registered, strategies


def kia_registry() -> Registry:
    with registered(posyandu_core_kia) as pm:
        return Registry.from_plugin_manager(pm)


def test_rule_is_registered() -> None:
    assert "kia.ownership" in kia_registry().rules


def test_under_five_without_kia_is_flagged() -> None:
    text = "person_id,sex,birth_date,visit_date,has_kia\nA,P,2024-01-05,2025-02-10,n\n"
    # read_register runs the registry's rules once, on read.
    register = read_register(io.StringIO(text), registry=kia_registry())
    assert [i.code for i in register.issues] == ["kia.missing"]


@settings(deadline=None)  # the first example loads the plugins
@given(strategies.register_csv())
def test_rule_never_crashes(text: str) -> None:
    register = read_register(io.StringIO(text), validate=False)
    validate_register(register, registry=kia_registry())


def test_service_report_column_and_exporter(tmp_path: Path) -> None:
    text = (
        "person_id,name,sex,birth_date,visit_date,posyandu,has_kia,Nomor KIA\n"
        "A,Ani,P,2024-01-05,2025-02-10,Mawar,n,\n"
        "B,Budi,L,2023-03-01,2025-02-10,Mawar,y,KIA-0042\n"
    )
    register = read_register(io.StringIO(text))
    with installed(posyandu_core_kia):
        found = api.findings(register, as_of=dt.date(2025, 2, 28))
        table = api.report("kia", register, as_of=dt.date(2025, 2, 28))
        number = api.column_value(register.rows[1], "no_kia")
        target = api.export("kia-list", register, tmp_path / "visits.csv")
    assert [f.person_id for f in found if f.code == "kia.belum_punya"] == ["A"]
    assert table.to_rows() == [{"posyandu": "Mawar", "balita": 2, "kia": 1}]
    assert number == "KIA-0042"
    assert target.read_text().splitlines()[1] == "A,Ani,,Mawar"
