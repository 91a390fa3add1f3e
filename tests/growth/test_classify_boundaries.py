"""Every band edge of the Permenkes 2/2020 tables: the value before, on and after.

The expected categories are written out from the regulation's wording
(``< -3``, ``-3 sampai < -2``, ``-2 sampai +1``, ``> +1`` …), not read
from the rule data, so a wrong edge in the data or the code is caught.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from posyandu_core.errors import RuleDataError, ShapeMismatchError
from posyandu_core.growth import category_table, classify, classify_muac
from posyandu_core.growth._classify import _category_table, _rules

# table: (value, category) on both sides of and on every edge
EDGES: dict[str, list[tuple[float, str]]] = {
    "bb_u": [
        (-3.01, "berat_badan_sangat_kurang"),
        (-3.0, "berat_badan_kurang"),
        (-2.01, "berat_badan_kurang"),
        (-2.0, "berat_badan_normal"),
        (1.0, "berat_badan_normal"),
        (1.01, "risiko_berat_badan_lebih"),
    ],
    "pb_tb_u": [
        (-3.01, "sangat_pendek"),
        (-3.0, "pendek"),
        (-2.0, "normal"),
        (3.0, "normal"),
        (3.01, "tinggi"),
    ],
    "bb_pb_tb": [
        (-3.01, "gizi_buruk"),
        (-3.0, "gizi_kurang"),
        (-2.0, "gizi_baik"),
        (1.0, "gizi_baik"),
        (1.01, "berisiko_gizi_lebih"),
        (2.0, "berisiko_gizi_lebih"),
        (2.01, "gizi_lebih"),
        (3.0, "gizi_lebih"),
        (3.01, "obesitas"),
    ],
    "imt_u_5_18": [
        (-3.0, "gizi_kurang"),
        (1.0, "gizi_baik"),
        (1.01, "gizi_lebih"),
        (2.0, "gizi_lebih"),
        (2.01, "obesitas"),
    ],
    "lk_u": [
        (-2.01, "mikrosefali"),
        (-2.0, "normosefali"),
        (2.0, "normosefali"),
        (2.01, "makrosefali"),
    ],
    "lila": [
        (11.49, "gizi_buruk"),
        (11.5, "gizi_kurang"),
        (12.49, "gizi_kurang"),
        (12.5, "normal"),
    ],
}
CASES = [(table, value, cat) for table, edges in EDGES.items() for value, cat in edges]


@pytest.mark.parametrize(("table", "value", "category"), CASES)
def test_band_edges(table: str, value: float, category: str) -> None:
    assert classify(table, [value]).tolist() == [category]
    assert classify(table, value, convention="eppgbm").tolist() == [category]


def test_many_values_at_once_and_missing() -> None:
    values = [-3.5, -2.5, np.nan, 0.0, 2.0]
    assert classify("bb_u", values).tolist() == [
        "berat_badan_sangat_kurang",
        "berat_badan_kurang",
        None,
        "berat_badan_normal",
        "risiko_berat_badan_lebih",
    ]
    text = np.array(["-2.5", None], dtype=object)  # as read from a file
    assert classify("bb_u", text).tolist() == ["berat_badan_kurang", None]


def test_text_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match="item 1 is not"):
        classify("bb_u", np.array([0.0, "tinggi"], dtype=object))


@pytest.mark.parametrize(
    ("z", "permenkes", "eppgbm"),
    [
        (-2.004, "pendek", "normal"),  # e-PPGBM rounds first
        (-2.006, "pendek", "pendek"),
        (-6.0, "sangat_pendek", "sangat_pendek"),
        (-6.01, "sangat_pendek", None),  # <= -6.01 left out as implausible
        (-6.02, "sangat_pendek", None),
        (999.99, "tinggi", None),  # the sentinel
        (999.98, "tinggi", "tinggi"),
    ],
)
def test_eppgbm_convention(z: float, permenkes: str, eppgbm: str | None) -> None:
    assert classify("pb_tb_u", [z])[0] == permenkes
    assert classify("pb_tb_u", [z], convention="eppgbm")[0] == eppgbm


def test_eppgbm_exclusion_applies_to_length_for_age_only() -> None:
    assert classify("bb_u", [-6.5], convention="eppgbm")[0] == (
        "berat_badan_sangat_kurang"
    )
    assert classify("bb_u", [999.99], convention="eppgbm")[0] is None


@pytest.mark.parametrize(
    ("age", "category"),
    [(5.99, None), (6, "gizi_buruk"), (59, "gizi_buruk"), (59.01, None)],
)
def test_muac_only_from_6_to_59_months(age: float, category: str | None) -> None:
    assert classify_muac([11.0], [age]).tolist() == [category]


def test_muac_broadcasts_one_age() -> None:
    assert classify_muac([11.0, 12.0, 13.0], 24).tolist() == [
        "gizi_buruk",
        "gizi_kurang",
        "normal",
    ]


def test_table_metadata() -> None:
    table = category_table("pb_tb_u")
    assert (table.id, table.index) == ("pb_tb_u", "PB/U atau TB/U")
    assert table.name_id == "Panjang Badan atau Tinggi Badan menurut Umur"
    assert table.name_en == "Length/height-for-age"
    assert table.variable == "zlen"
    assert category_table("lila").variable == "armc"
    assert table.age_months == (0.0, 60.0)
    assert (table.confidence, table.valid_from) == ("V", "2020-01-01")
    assert table.source.startswith("Permenkes RI No. 2 Tahun 2020")
    first, second = table.categories[:2]
    assert (first.lower, first.lower_inclusive) == (-np.inf, False)
    assert (first.upper, first.upper_inclusive) == (-3.0, False)
    assert (second.lower, second.lower_inclusive) == (-3.0, True)
    assert (first.table, first.id, first.label_id) == (
        "pb_tb_u",
        "sangat_pendek",
        "Sangat pendek",
    )
    assert (first.label_en, first.kemkes_code) == ("Severely stunted", "OI000011")
    with pytest.raises(KeyError, match="has no category 'kurus'"):
        table.category("kurus")


def _table(bands: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "bands": bands,
        "index": "X",
        "name_id": "x",
        "name_en": "x",
        "zscore": "zx",
        "age_months": [0, 60],
        "source": "test",
        "valid_from": "2020-01-01",
        "confidence": "U",
    }


def _band(name: str, upper: float | None = None, **extra: Any) -> dict[str, Any]:
    band = {"id": name, "label_id": name, "label_en": name, **extra}
    if upper is not None:
        band["upper"] = upper
    return band


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ([_band("a", 1.0), _band("b", 1.0), _band("c")], "must increase"),
        ([_band("a", 1.0), _band("b", 0.5), _band("c")], "must increase"),
        ([_band("a"), _band("b")], "only the last band"),
        ([_band("a", 1.0), _band("b", 2.0)], "only the last band"),
    ],
)
def test_malformed_bands_are_refused(bands: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(RuleDataError, match=f"table x: .*{message}") as caught:
        _category_table("x", _table(bands))
    assert caught.value.field == "bands"
    assert caught.value.value in bands


def test_inclusive_upper_bound_makes_the_next_lower_exclusive() -> None:
    bands = [
        _band("a", 1.0, upper_inclusive=True),
        _band("b", 2.0),
        _band("c", kemkes_code="K"),
    ]
    table = _category_table("x", _table(bands))
    a, b, c = table.categories
    assert (a.lower, a.lower_inclusive, a.upper_inclusive) == (-np.inf, False, True)
    assert (b.lower, b.lower_inclusive, b.upper_inclusive) == (1.0, False, False)
    assert (c.lower, c.lower_inclusive, c.upper) == (2.0, True, np.inf)
    assert (a.kemkes_code, c.kemkes_code) == (None, "K")
    assert table.variable == "zx"
    no_variable = _table([_band("a")])
    del no_variable["zscore"]
    assert _category_table("y", no_variable).variable == ""


@pytest.mark.parametrize(
    ("muac", "age", "field"),
    [(np.ones((2, 2)), 10, "muac_cm"), (11.0, np.ones((2, 2)), "age_months")],
)
def test_muac_arguments_must_be_one_dimensional(
    muac: object, age: object, field: str
) -> None:
    with pytest.raises(ShapeMismatchError, match=f"{field} must be a scalar") as caught:
        classify_muac(muac, age)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_a_packaged_table_read_directly() -> None:
    data = _rules()["tables"]["lila"]
    table = _category_table("lila", data)
    assert table == category_table("lila")
    assert (table.id, table.index, table.variable) == ("lila", data["index"], "armc")
    assert (table.name_id, table.name_en) == (data["name_id"], data["name_en"])
    assert (table.source, table.confidence) == (data["source"], data["confidence"])
    assert table.valid_from == str(data["valid_from"])
    assert table.age_months == (6.0, 59.0)
    first = table.categories[0]
    assert (first.table, first.id) == ("lila", "gizi_buruk")
    assert (first.label_id, first.label_en) == (
        data["bands"][0]["label_id"],
        data["bands"][0]["label_en"],
    )
    assert first.kemkes_code == "OV000249"
