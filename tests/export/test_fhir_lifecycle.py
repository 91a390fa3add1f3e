"""Life-cycle findings in the FHIR Bundles: KEK, anaemia, ADL Barthel (issue #15 point 1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from posyandu_core.plugins.export import fhir
from posyandu_core.plugins.export._common import load_export_table
from posyandu_core.plugins.kesehatan.screening import screening_rule
from posyandu_core.register import Register, read_register

from .test_fhir import ORG, check_bundle

HEADER = (
    "person_id,nik,name,sex,birth_date,posyandu,visit_date,status,muac_cm,hb_g_dl,"
    "systolic_mmhg,diastolic_mmhg,hba1c_percent,cholesterol_mg_dl,adl_barthel\n"
)
ROWS = {
    "pregnant_kek": "B1,6474014101950001,Sari,P,1995-01-01,Melati,2026-03-10,hamil,22.9,10.5,150,95,,,",
    "pregnant_not_kek": "B2,6474014101950002,Rini,P,1995-01-01,Melati,2026-03-10,hamil,23.5,11.0,,,,,",
    "woman_thin_arm": "W1,6474014101950003,Ani,P,1995-01-01,Melati,2026-03-10,,22.0,11.5,,,6.8,245,",
    "elder_dependent": "L1,6474010101500004,Udin,L,1950-01-01,Melati,2026-03-10,,,,,,,,11",
    "elder_independent": "L2,6474010101500005,Amir,L,1950-01-01,Melati,2026-03-10,,,,,,,,20",
}


@pytest.fixture
def register(tmp_path: Path) -> Register:
    path = tmp_path / "siklus.csv"
    path.write_text(HEADER + "\n".join(ROWS.values()) + "\n", encoding="utf-8")
    return read_register(path)


def _observations(
    bundles: list[dict[str, Any]], person: str
) -> dict[str, dict[str, Any]]:
    """LOINC code -> Observation of the one visit of ``person``."""
    out = {}
    for bundle in bundles:
        for entry in bundle["entry"]:
            resource = entry["resource"]
            if resource["resourceType"] == "Encounter" and not resource["identifier"][
                0
            ]["value"].startswith(f"{person}/"):
                break
            if resource["resourceType"] == "Observation":
                out[resource["code"]["coding"][0]["code"]] = resource
    return out


def _codes(observation: dict[str, Any]) -> list[str]:
    return [i["coding"][0]["code"] for i in observation.get("interpretation", [])]


def test_codes_in_the_table_are_the_rules_codes() -> None:
    for name, spec in load_export_table("fhir")["findings"].items():
        if name == "source":
            continue
        rule = screening_rule(spec["rule"])
        bands = rule.data["bands"]
        keys = list(bands) if isinstance(bands, dict) else [None]
        rule_codes = {(b.code, b.kemkes_code) for k in keys for b in rule.bands(k)}
        assert set(spec["codes"].items()) <= rule_codes, name


def test_findings_are_interpretations_with_kemkes_codes(register: Register) -> None:
    bundles = fhir.fhir_bundles(register, organization_id=ORG)
    for bundle in bundles:
        check_bundle(bundle)
    kek = _observations(bundles, "B1")
    assert _codes(kek["56072-2"]) == ["OI000018"]  # LiLA 22.9 in pregnancy
    assert _codes(kek["718-7"]) == ["OI000032"]  # Hb 10.5 in pregnancy: ringan
    # Hypertension in pregnancy has no published code: the panel, no interpretation.
    assert "interpretation" not in kek["85354-9"]
    edge = _observations(bundles, "B2")
    assert _codes(edge["56072-2"]) == []  # 23.5 cm is not KEK
    assert _codes(edge["718-7"]) == []  # 11.0 g/dL is not anaemia in pregnancy
    woman = _observations(bundles, "W1")
    assert _codes(woman["56072-2"]) == []  # KEK is a pregnancy finding
    assert _codes(woman["718-7"]) == ["OI000032"]  # women >= 15 y: < 12.0
    assert woman["4548-4"]["valueQuantity"]["value"] == 6.8
    assert woman["2093-3"]["valueQuantity"] == {
        "value": 245.0, "unit": "mg/dL", "system": "http://unitsofmeasure.org", "code": "mg/dL",
    }  # fmt: skip
    elder = _observations(bundles, "L1")["96761-2"]
    assert _codes(elder) == ["OI000046"]  # 11/20: ketergantungan sedang
    assert elder["valueQuantity"]["value"] == 11
    assert elder["valueQuantity"]["code"] == "{score}"
    assert "0-20" in elder["method"]["text"]
    assert _codes(_observations(bundles, "L2")["96761-2"]) == []  # mandiri: no code


def test_every_life_cycle_value_of_the_sample_is_sent(sample: Register) -> None:
    bundles = fhir.fhir_bundles(sample, organization_id=ORG, early_doses="omit")
    sent = set()
    for bundle in bundles:
        for entry in bundle["entry"]:
            resource = entry["resource"]
            if (
                resource["resourceType"] == "Observation"
                and "valueQuantity" in resource
            ):
                code = resource["code"]["coding"][0]["code"]
                sent.add(
                    (
                        resource["subject"]["reference"],
                        code,
                        resource["valueQuantity"]["value"],
                    )
                )
    fields = {
        "hba1c_percent": "4548-4",
        "cholesterol_mg_dl": "2093-3",
        "adl_barthel": "96761-2",
    }
    expected = [
        (row.person_id, loinc, getattr(row, field))
        for row in sample.rows
        for field, loinc in fields.items()
        if getattr(row, field) is not None
    ]
    assert len(expected) > 20
    values = {(code, value) for _, code, value in sent}
    assert {(loinc, value) for _, loinc, value in expected} <= values


def test_sample_bundles_carry_kek_anaemia_and_barthel_codes(sample: Register) -> None:
    bundles = fhir.fhir_bundles(sample, organization_id=ORG, early_doses="omit")
    codes = set()
    for bundle in bundles:
        check_bundle(bundle)
        for entry in bundle["entry"]:
            codes.update(_codes(entry["resource"]))
    assert {"OI000018", "OI000032", "OI000033", "OI000045", "OI000046", "OI000047",
            "OI000048"} <= codes  # fmt: skip


def test_findings_without_code_are_documented() -> None:
    page = (
        Path(__file__).parents[2] / "docs" / "how-to" / "export-fhir.md"
    ).read_text()
    for rule in load_export_table("fhir")["findings_without_code"]:
        assert f"`{rule}`" in page, rule
