from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from posyandu_core.plugins.export import fhir
from posyandu_core.plugins.export._common import ExportError
from posyandu_core.register import Register
from posyandu_core.registry import get_registry

ORG = "10000004"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind
    ]


def _references(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "reference":
                yield v
            else:
                yield from _references(v)
    elif isinstance(value, list):
        for v in value:
            yield from _references(v)


def check_bundle(bundle: dict[str, Any], ihs: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """Our own checks of what fhir.resources does not enforce."""
    Bundle.model_validate(bundle)
    assert bundle["type"] == "transaction"
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls)
    for entry in bundle["entry"]:
        assert entry["fullUrl"].startswith("urn:uuid:")
        resource = entry["resource"]
        assert entry["request"]["url"] == resource["resourceType"]
        assert entry["request"]["ifNoneExist"].startswith("identifier=")
        for ref in _references(resource):
            assert (
                ref in urls
                or ref.startswith(("Organization/", "Practitioner/", "Location/"))
                or ref.removeprefix("Patient/") in ihs
            ), ref
        for key in ("effectiveDateTime", "occurrenceDateTime"):
            if key in resource:
                assert resource[key].endswith("+00:00")
        if resource["resourceType"] == "Observation":
            assert resource["status"] == "final"
            assert resource["code"]["coding"][0]["system"] == LOINC
            assert resource["encounter"]["reference"] in urls
            quantities = [resource.get("valueQuantity")] + [
                c.get("valueQuantity") for c in resource.get("component", [])
            ]
            for c in resource.get("component", []):
                assert ("valueQuantity" in c) != ("dataAbsentReason" in c)
            for q in filter(None, quantities):
                assert q["system"] == UCUM
                assert q["code"] == q["unit"]
            for concept in resource.get("interpretation", []):
                coding = concept["coding"][0]
                assert (
                    coding["system"]
                    == "http://terminology.kemkes.go.id/CodeSystem/clinical-term"
                )
                assert coding["code"].startswith(("OI", "OV"))


def _only(bundles: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return [
        o
        for b in bundles
        for o in _resources(b, "Observation")
        if o["code"]["coding"][0]["code"] == code
    ]


def test_tiny_register_bundles(tiny: Register) -> None:
    bundles = fhir.fhir_bundles(tiny, organization_id=ORG, timezone="WITA")
    assert len(bundles) == 4  # one per visit
    for bundle in bundles:
        check_bundle(bundle)
    first = bundles[0]
    (patient,) = _resources(first, "Patient")
    assert patient["identifier"][0] == {
        "use": "official",
        "system": "https://fhir.kemkes.go.id/id/nik",
        "value": "0074010101240001",
    }
    assert patient["gender"] == "male"
    assert patient["birthDate"] == "2024-01-15"
    (encounter,) = _resources(first, "Encounter")
    assert encounter["period"]["start"] == "2025-03-14T01:00:00+00:00"  # 09:00 WITA
    assert encounter["serviceProvider"] == {"reference": f"Organization/{ORG}"}
    codes = {
        o["code"]["coding"][0]["code"]: o for o in _resources(first, "Observation")
    }
    assert set(codes) == {"29463-7", "8306-3", "9843-4", "56072-2", "39156-5"}
    assert codes["29463-7"]["valueQuantity"]["value"] == 9.85
    assert codes["8306-3"]["valueQuantity"] == {
        "value": 75.3, "unit": "cm", "system": UCUM, "code": "cm",
    }  # fmt: skip
    bmi = codes["39156-5"]
    assert bmi["valueQuantity"]["value"] == round(9.85 / 0.753**2, 2)
    assert {r["reference"] for r in bmi["derivedFrom"]} == {
        e["fullUrl"] for e in first["entry"]
        if e["resource"].get("code", {}).get("coding", [{}])[0].get("code") in ("29463-7", "8306-3")
    }  # fmt: skip
    interpretation = [
        c["coding"][0]["code"] for c in codes["29463-7"]["interpretation"]
    ]
    assert interpretation[0] in ("OI000007", "OI000008", "OI000009", "OI000010")
    assert [c["coding"][0]["code"] for c in codes["56072-2"]["interpretation"]] == [
        "OV000251"
    ]
    # Standing height of the adult: 8302-2.
    assert _only(bundles, "8302-2")[0]["valueQuantity"]["value"] == 150.7


def test_newborn_without_nik_is_linked_to_the_mother(tiny: Register) -> None:
    bundles = fhir.fhir_bundles(tiny, organization_id=ORG)
    newborn = next(b for b in bundles if _resources(b, "RelatedPerson"))
    (patient,) = _resources(newborn, "Patient")
    assert patient["identifier"][0]["system"] == "https://fhir.kemkes.go.id/id/nik-ibu"
    assert patient["identifier"][0]["value"] == "6474014112951020"
    (mother,) = _resources(newborn, "RelatedPerson")
    assert mother["relationship"][0]["coding"][0]["code"] == "MTH"
    assert mother["identifier"][0]["system"] == "https://fhir.kemkes.go.id/id/nik"
    patient_url = newborn["entry"][0]["fullUrl"]
    assert mother["patient"]["reference"] == patient_url


def test_immunizations_carry_codes_reason_timing_and_dose(tiny: Register) -> None:
    bundles = fhir.fhir_bundles(tiny, organization_id=ORG)
    doses = {
        i["identifier"][0]["value"].split("/")[1]: i
        for b in bundles
        for i in _resources(b, "Immunization")
    }
    # OPV written "OPV2" with no earlier OPV counts as OPV1 (DOMAIN §6.3).
    assert set(doses) == {"DPT-HB-Hib1", "OPV1", "HB0", "BCG"}
    hb0 = doses["HB0"]
    systems = [c["system"] for c in hb0["vaccineCode"]["coding"]]
    assert systems == ["http://sys-ids.kemkes.go.id/kfa", "http://hl7.org/fhir/sid/cvx"]
    assert hb0["occurrenceDateTime"] == "2025-03-01T02:00:00+00:00"  # 09:00 WIB
    assert hb0["primarySource"] is False  # copied from the Buku KIA
    assert hb0["protocolApplied"] == [{"doseNumberString": "0"}]
    reasons = {
        c["system"].rsplit("/", 1)[1]: c["code"] for c in hb0["reasonCode"][0]["coding"]
    }
    assert reasons == {
        "immunization-reason": "IM-Dasar",
        "immunization-routine-timing": "IM-Ideal",
    }
    bcg = doses["BCG"]
    assert bcg["primarySource"] is True
    assert bcg["protocolApplied"] == [{"doseNumberPositiveInt": 1}]
    assert doses["DPT-HB-Hib1"]["protocolApplied"] == [{"doseNumberPositiveInt": 1}]
    # DPT-HB-Hib1 at 14 months is late: catch-up.
    dpt = {c["code"] for c in doses["DPT-HB-Hib1"]["reasonCode"][0]["coding"]}
    assert dpt == {"IM-Dasar", "IM-Kejar"}


def test_ihs_number_replaces_the_patient_resource(tiny: Register) -> None:
    bundles = fhir.fhir_bundles(
        tiny, organization_id=ORG, ihs_numbers={"A1": "P02478375538"}, per="person"
    )
    assert len(bundles) == 3  # one per person
    a1 = bundles[0]
    check_bundle(a1, ihs={"P02478375538"})
    assert not _resources(a1, "Patient")
    assert len(_resources(a1, "Encounter")) == 2
    for obs in _resources(a1, "Observation"):
        assert obs["subject"] == {"reference": "Patient/P02478375538"}


def test_dates_before_satusehat_are_refused(tiny: Register) -> None:
    with pytest.raises(ExportError, match="SATUSEHAT") as info:
        fhir.fhir_bundles(
            tiny, organization_id=ORG, first_accepted_date=dt.date(2025, 3, 15)
        )
    assert info.value.row == 1
    assert info.value.field == "visit_date"
    # The day itself is accepted.
    fhir.fhir_bundles(
        tiny, organization_id=ORG, first_accepted_date=dt.date(2025, 3, 1)
    )
    with pytest.raises(ExportError, match="SATUSEHAT") as info:
        fhir.fhir_bundles(
            tiny, organization_id=ORG, first_accepted_date=dt.date(2025, 3, 2)
        )
    assert info.value.field == "immunizations"  # HB0@2025-03-01
    bundles = fhir.fhir_bundles(
        tiny,
        organization_id=ORG,
        first_accepted_date=dt.date(2025, 3, 2),
        early_doses="omit",
    )
    assert "HB0" not in json.dumps(bundles)


def test_patient_without_any_nik_is_refused(tiny: Register, tmp_path: Path) -> None:
    import attrs

    rows = list(tiny.rows)
    rows[2] = attrs.evolve(rows[2], nik_ibu=None)
    register = attrs.evolve(tiny, rows=tuple(rows))
    with pytest.raises(ExportError, match="NIK") as info:
        fhir.fhir_bundles(register, organization_id=ORG)
    assert info.value.row == 3


def test_written_file_is_valid_and_deterministic(
    tiny: Register, tmp_path: Path
) -> None:
    write = get_registry().exporters["fhir-ndjson"].write
    write(tiny, str(tmp_path / "a.ndjson"))
    write(tiny, str(tmp_path / "b.ndjson"))
    data = (tmp_path / "a.ndjson").read_bytes()
    assert data == (tmp_path / "b.ndjson").read_bytes()
    for line in data.decode().splitlines():
        check_bundle(json.loads(line))


def test_an_invalid_bundle_is_caught() -> None:
    with pytest.raises(ExportError, match="invalid FHIR"):
        fhir.validate_bundle({"resourceType": "Bundle", "type": "transaction",
                              "entry": [{"resource": {"resourceType": "Observation",
                                                      "code": {"text": "x"}}}]})  # fmt: skip


def test_blood_pressure_panel_and_encounter_participants(tiny: Register) -> None:
    import attrs

    rows = list(tiny.rows)
    rows[3] = attrs.evolve(rows[3], systolic_mmhg=135.0, diastolic_mmhg=None)
    register = attrs.evolve(tiny, rows=tuple(rows))
    bundles = fhir.fhir_bundles(
        register, organization_id=ORG, practitioner_id="N10000001", location_id="L1"
    )
    for bundle in bundles:
        check_bundle(bundle)
    (panel,) = _only(bundles, "85354-9")
    systolic, diastolic = panel["component"]
    assert systolic["code"]["coding"][0]["code"] == "8480-6"
    assert systolic["valueQuantity"] == {
        "value": 135.0, "unit": "mm[Hg]", "system": UCUM, "code": "mm[Hg]",
    }  # fmt: skip
    assert diastolic["code"]["coding"][0]["code"] == "8462-4"
    assert diastolic["dataAbsentReason"]["coding"][0]["code"] == "not-performed"
    assert "valueQuantity" not in panel
    (encounter,) = _resources(bundles[-1], "Encounter")
    assert encounter["location"] == [{"location": {"reference": "Location/L1"}}]
    assert encounter["participant"][0]["individual"] == {
        "reference": "Practitioner/N10000001"
    }
    assert encounter["statusHistory"][0]["status"] == "finished"
    assert panel["performer"] == [{"reference": "Practitioner/N10000001"}]
