"""FHIR R4 transaction Bundles for SATUSEHAT (DOMAIN.md §13.3-13.5, DEVICES_EXPORTS.md §B1).

One Bundle per visit (or per person): the Patient (NIK identifier; a
newborn without NIK by the mother's NIK, with a RelatedPerson for the
mother), the Encounter, one Observation per measurement (LOINC, UCUM; body
length vs body height by the position measured; BMI derived from weight and
length/height; the blood-pressure panel with its components) carrying the
Kemkes interpretation codes of the categories the growth engine computed,
and one Immunization per dose recorded at the visit (KFA/CVX codes, Kemkes
reason, IM-Ideal/IM-Kejar timing and dose number from the kesehatan
immunization engine).

Every reference resolves inside the Bundle (``urn:uuid:`` with uuid5 ids
derived from stable register ids) or to ``Patient/<IHS number>`` when the
IHS number is known. Every resource carries a business identifier and is
sent as a conditional create (``ifNoneExist``), so sending a Bundle twice
creates nothing twice. Times are sent in UTC. The Bundles are validated by
``fhir.resources`` (FHIR R4B classes: the R4 structure SATUSEHAT uses) as
they are written.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Literal, cast

import attrs

from posyandu_core.growth import category_table
from posyandu_core.model import MeasureMethod, Sex, completed_months, is_valid_nik
from posyandu_core.plugins.export._common import (
    Destination,
    ExportError,
    VisitAssessment,
    assess_rows,
    load_export_table,
    require,
)
from posyandu_core.plugins.kesehatan.immunization import (
    GivenDose,
    doses_from_rows,
    evaluate_child,
)
from posyandu_core.plugins.kesehatan.schedule import load_schedule
from posyandu_core.plugins.kesehatan.screening import ScreeningResult, elderly, maternal
from posyandu_core.register import Register, RegisterRow

__all__ = [
    "UTC_OFFSETS",
    "FhirOptions",
    "fhir_bundles",
    "validate_bundle",
    "write_fhir",
]

UTC_OFFSETS: Final = {"WIB": 7, "WITA": 8, "WIT": 9}
"""Indonesian time zones (no daylight saving): hours ahead of UTC."""

_NAMESPACE: Final = uuid.UUID("6f1c7d52-3b8e-5d0a-9a51-5f0f6b0c2a77")
# Categories the engine computes, by the observation that carries them.
_INTERPRETED: Final = {
    "weight": ("bb_u", "bb_pb_tb"),
    "length": ("pb_tb_u",),
    "height": ("pb_tb_u",),
    "head_circumference": ("lk_u",),
    "muac": ("lila",),
    "bmi": ("imt_u",),
}
_LYING_BEFORE_MONTHS: Final = 24  # DOMAIN.md §3.3: under 2 years measured lying


@functools.cache
def _codes() -> dict[str, Any]:
    return load_export_table("fhir")


@functools.cache
def _vaccines() -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    table = load_export_table("vaccines")
    by_code = {code: v for v in table["vaccines"].values() for code in v["codes"]}
    return table["systems"], by_code


@attrs.frozen(kw_only=True)
class FhirOptions:
    """How to write the Bundles (every option of :func:`write_fhir`)."""

    organization_id: str
    per: Literal["visit", "person"] = "visit"
    ihs_numbers: Mapping[str, str] = attrs.field(factory=dict)
    timezone: Literal["WIB", "WITA", "WIT"] = "WIB"
    visit_time: dt.time = dt.time(9, 0)
    first_accepted_date: dt.date | None = None
    practitioner_id: str | None = None
    location_id: str | None = None
    early_doses: Literal["refuse", "omit"] = "refuse"


# -- small builders -----------------------------------------------------------


def _uid(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, '/'.join(parts))}"


def _system(name: str, organization: str = "") -> str:
    return str(_codes()["systems"][name]).replace("{organization}", organization)


def _coding(system: str, code: str, display: str | None = None) -> dict[str, str]:
    out = {"system": _system(system) if "://" not in system else system, "code": code}
    if display:
        out["display"] = display
    return out


def _quantity(value: float, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": _system("ucum"), "code": unit}


def _entry(full_url: str, resource: dict[str, Any], identifier: str) -> dict[str, Any]:
    kind = resource["resourceType"]
    return {
        "fullUrl": full_url,
        "resource": resource,
        "request": {
            "method": "POST",
            "url": kind,
            "ifNoneExist": f"identifier={identifier}",
        },
    }


def _utc(date: dt.date, options: FhirOptions) -> str:
    zone = dt.timezone(dt.timedelta(hours=UTC_OFFSETS[options.timezone]))
    local = dt.datetime.combine(date, options.visit_time, tzinfo=zone)
    return local.astimezone(dt.UTC).isoformat()


# -- the register, visit by visit ---------------------------------------------


@attrs.frozen
class _Visit:
    person_id: str
    key: str  # stable: person, date, n-th row of that date
    row: RegisterRow
    assessment: VisitAssessment
    doses: tuple[tuple[GivenDose, int | str, str], ...]  # dose, number, reason


def _first_accepted(options: FhirOptions) -> dt.date:
    return options.first_accepted_date or dt.date.fromisoformat(
        str(_codes()["first_accepted_date"])
    )


def _refuse_early(row: int | None, field: str, date: dt.date, limit: dt.date) -> None:
    if date < limit:
        msg = f"SATUSEHAT accepts no date before {limit}"
        raise ExportError(
            msg,
            message_id=f"SATUSEHAT tidak menerima tanggal sebelum {limit}",
            row=row,
            field=field,
            value=date.isoformat(),
            fix="leave this row out of the FHIR export, or pass first_accepted_date "
            "if your SATUSEHAT environment accepts it",
            fix_id="keluarkan baris ini dari ekspor FHIR, atau beri first_accepted_date "
            "bila lingkungan SATUSEHAT Anda menerimanya",
        )


def _dose_details(
    rows: Sequence[RegisterRow],
) -> dict[int, list[tuple[GivenDose, int | str, str]]]:
    """Doses by register row, with dose number, reason and timing from the engine."""
    schedule = load_schedule()
    given, _ = doses_from_rows(rows, schedule=schedule)
    person = next((r for r in reversed(rows) if r.sex and r.birth_date), None)
    if person is not None and person.sex and person.birth_date and given:
        record = evaluate_child(
            birth_date=person.birth_date,
            sex=person.sex,
            on=max(g.date for g in given),
            given=given,
        )
        given = list(record.given)
    _, vaccines = _vaccines()
    out: dict[int, list[tuple[GivenDose, int | str, str]]] = {}
    scheduled = {d.code: d for d in schedule.doses}
    for dose in given:
        vaccine = vaccines.get(dose.code)
        if vaccine is None:
            msg = f"no vaccine codes for {dose.code!r}"
            raise ExportError(
                msg,
                message_id=f"kode vaksin {dose.code!r} tidak ada di tabel",
                row=dose.row,
                field="immunizations",
                value=dose.code,
                fix="add the dose code to data/export/vaccines.toml",
                fix_id="tambahkan kode dosisnya ke data/export/vaccines.toml",
            )
        if dose.code in scheduled:
            number: int | str = scheduled[dose.code].dose
            reason = scheduled[dose.code].reason
        else:
            number = vaccine.get("dose", {}).get(dose.code, dose.code)
            reason = vaccine.get("reason", {}).get(dose.code, "IM-Program")
        out.setdefault(dose.row or 0, []).append((dose, number, reason))
    return out


def _visits(register: Register, options: FhirOptions) -> list[_Visit]:
    limit = _first_accepted(options)
    assessed = dict(
        zip((r.row for r in register.rows), assess_rows(register.rows), strict=True)
    )
    visits = []
    for person_id, rows in sorted(register.by_person().items()):
        doses = _dose_details(rows)
        seen: dict[dt.date, int] = {}
        for row in rows:
            if row.visit_date is None:
                msg = "a row without a visit date"
                raise ExportError(
                    msg,
                    message_id="baris tanpa tanggal kunjungan",
                    row=row.row,
                    field="visit_date",
                    fix="fill in visit_date",
                    fix_id="isi tanggal kunjungan (visit_date)",
                )
            _refuse_early(row.row, "visit_date", row.visit_date, limit)
            row_doses = doses.get(row.row, [])
            if options.early_doses == "omit":
                # Doses copied from the Buku KIA that predate SATUSEHAT.
                row_doses = [d for d in row_doses if d[0].date >= limit]
            for dose, _, _ in row_doses:
                _refuse_early(row.row, "immunizations", dose.date, limit)
            n = seen[row.visit_date] = seen.get(row.visit_date, 0) + 1
            visits.append(
                _Visit(
                    person_id=person_id,
                    key=f"{person_id}/{row.visit_date.isoformat()}/{n}",
                    row=row,
                    assessment=assessed[row.row],
                    doses=tuple(row_doses),
                )
            )
    return visits


# -- resources ------------------------------------------------------------------


def _patient(
    row: RegisterRow, options: FhirOptions
) -> tuple[str, list[dict[str, Any]]]:
    """Return the Patient reference and the entries (Patient, RelatedPerson) to send."""
    ihs = options.ihs_numbers.get(row.person_id)
    if ihs:
        return f"Patient/{ihs}", []
    org = options.organization_id
    full_url = _uid(org, "patient", row.person_id)
    for field, value in (("nik", row.nik), ("nik_ibu", row.nik_ibu)):
        if value and not is_valid_nik(value):
            msg = "a NIK has exactly 16 digits"
            raise ExportError(
                msg,
                message_id="NIK harus 16 angka",
                row=row.row,
                field=field,
                value=value,
                fix="correct the NIK in the register",
                fix_id="perbaiki NIK di register",
            )
    if row.nik:
        identifiers = [{"use": "official", "system": _system("nik"), "value": row.nik}]
    elif row.nik_ibu:
        identifiers = [
            {"use": "official", "system": _system("nik_ibu"), "value": row.nik_ibu}
        ]
    else:
        msg = "a patient without NIK or mother's NIK"
        raise ExportError(
            msg,
            message_id="pasien tanpa NIK dan tanpa NIK ibu",
            row=row.row,
            field="nik",
            fix="fill in nik (or nik_ibu for a newborn), or map the person to an IHS "
            "number with ihs_numbers=",
            fix_id="isi nik (atau nik_ibu untuk bayi baru lahir), atau petakan orangnya "
            "ke nomor IHS dengan ihs_numbers=",
        )
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": identifiers,
        "active": True,
    }
    if row.name:
        patient["name"] = [{"use": "official", "text": row.name}]
    if row.sex is not None:
        patient["gender"] = "male" if row.sex is Sex.MALE else "female"
    if row.birth_date is not None:
        patient["birthDate"] = row.birth_date.isoformat()
    first = identifiers[0]
    entries = [_entry(full_url, patient, f"{first['system']}|{first['value']}")]
    if not row.nik and row.nik_ibu:
        mother: dict[str, Any] = {
            "resourceType": "RelatedPerson",
            "active": True,
            "patient": {"reference": full_url},
            "identifier": [
                {"use": "official", "system": _system("nik"), "value": row.nik_ibu}
            ],
            "relationship": [{"coding": [_coding("role_code", "MTH", "mother")]}],
        }
        if row.parent_name:
            mother["name"] = [{"use": "official", "text": row.parent_name}]
        entries.append(
            _entry(
                _uid(org, "mother", row.person_id),
                mother,
                f"{_system('nik')}|{row.nik_ibu}",
            )
        )
    return full_url, entries


def _interpretations(quantity: str, a: VisitAssessment) -> list[dict[str, Any]]:
    out = []
    for table_id in _INTERPRETED.get(quantity, ()):
        category_id = a.categories.get(table_id)
        if category_id is None:
            continue
        table = (
            "imt_u_0_60" if table_id == "imt_u" and a.table == "who2006" else table_id
        )
        if table_id == "imt_u" and a.table == "who2007":
            table = "imt_u_5_18"
        category = category_table(table).category(category_id)
        if category.kemkes_code:
            coding = _coding("clinical_term", category.kemkes_code, category.label_id)
            out.append({"coding": [coding], "text": category.label_id})
    return out


def _finding_result(rule: str, row: RegisterRow) -> ScreeningResult | None:
    """Screen the row with a life-cycle rule that has Kemkes codes (``[findings]``)."""
    if rule == "maternal.kek":
        return maternal.kek(lila_cm=row.muac_cm)
    if rule == "maternal.anaemia":
        if "hamil" in row.status:
            return maternal.anaemia(hb_g_dl=row.hb_g_dl, pregnant=True)
        if row.birth_date is None or row.visit_date is None:
            return None
        months = completed_months(row.birth_date, row.visit_date)
        return maternal.anaemia(hb_g_dl=row.hb_g_dl, age_months=months, sex=row.sex)
    if rule == "elderly.barthel" and row.adl_barthel is not None:
        return elderly.barthel(total=cast(int, row.adl_barthel))
    return None


def _finding_interpretations(kind: str, row: RegisterRow) -> list[dict[str, Any]]:
    """Kemkes codes of the life-cycle findings the row's ``kind`` Observation carries.

    Only categories with a code in ``[findings]`` are sent; a result that is
    not classified (missing, invalid, implausible, not applicable) sends none.
    """
    out = []
    for spec in _codes()["findings"].values():
        if not isinstance(spec, dict) or spec["observation"] != kind:
            continue
        if spec.get("when") == "pregnant" and "hamil" not in row.status:
            continue
        result = _finding_result(spec["rule"], row)
        if result is None or not result.classified or result.code not in spec["codes"]:
            continue
        label = result.label_id or ""
        code = spec["codes"][result.code]
        out.append({"coding": [_coding("clinical_term", code, label)], "text": label})
    return out


def _length_kind(row: RegisterRow, a: VisitAssessment) -> str:
    if row.measure is MeasureMethod.LYING:
        return "length"
    if row.measure is MeasureMethod.STANDING:
        return "height"
    # Position not recorded: the Permenkes rule (lying under 24 months).
    young = a.age_months is not None and a.age_months < _LYING_BEFORE_MONTHS
    return "length" if young else "height"


def _observation(
    visit: _Visit,
    kind: str,
    *,
    subject: str,
    encounter: str,
    when: str,
    options: FhirOptions,
    value: float | None = None,
    components: Sequence[tuple[str, float | None]] = (),
    derived_from: Sequence[str] = (),
) -> dict[str, Any]:
    spec = _codes()["observations"][kind]
    org = options.organization_id
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "identifier": [
            {"system": _system("observation", org), "value": f"{visit.key}/{kind}"}
        ],
        "status": "final",
        "category": [{"coding": [_coding("observation_category", spec["category"])]}],
        "code": {"coding": [_coding("loinc", spec["loinc"], spec["display"])]},
        "subject": {"reference": subject},
        "encounter": {"reference": encounter},
        "effectiveDateTime": when,
    }
    if options.practitioner_id:
        obs["performer"] = [{"reference": f"Practitioner/{options.practitioner_id}"}]
    if value is not None:
        obs["valueQuantity"] = _quantity(value, spec["unit"])
    if components:
        obs["component"] = [_component(name, v) for name, v in components]
    interpretation = [
        *_interpretations(kind, visit.assessment),
        *_finding_interpretations(kind, visit.row),
    ]
    if "method" in spec:
        obs["method"] = {"text": spec["method"]}
    if interpretation:
        obs["interpretation"] = interpretation
    if derived_from:
        obs["derivedFrom"] = [{"reference": r} for r in derived_from]
    return obs


def _component(name: str, value: float | None) -> dict[str, Any]:
    spec = _codes()["observations"][name]
    out: dict[str, Any] = {
        "code": {"coding": [_coding("loinc", spec["loinc"], spec["display"])]}
    }
    if value is None:
        absent = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
        out["dataAbsentReason"] = {
            "coding": [_coding(absent, "not-performed", "Not Performed")]
        }
    else:
        out["valueQuantity"] = _quantity(value, spec["unit"])
    return out


def _bmi(weight_kg: float, length_cm: float) -> float:
    # Rounded to 2 decimals, as WHO's anthro computes cbmi before z-scores.
    return round(weight_kg / (length_cm / 100) ** 2, 2)


def _observations(
    visit: _Visit, subject: str, encounter: str, options: FhirOptions
) -> list[dict[str, Any]]:
    row, org = visit.row, options.organization_id
    when = _utc(row.visit_date or dt.date.min, options)
    made: list[dict[str, Any]] = []
    urls: dict[str, str] = {}

    def add(kind: str, **kwargs: Any) -> None:
        url = urls[kind] = _uid(org, "observation", visit.key, kind)
        resource = _observation(
            visit, kind, subject=subject, encounter=encounter, when=when,
            options=options, **kwargs,
        )  # fmt: skip
        made.append(_entry(url, resource, _identifier(resource)))

    simple = (
        ("weight", row.weight_kg),
        (_length_kind(row, visit.assessment), row.length_cm),
        ("head_circumference", row.head_cm),
        ("muac", row.muac_cm),
        ("waist", row.waist_cm),
        ("haemoglobin", row.hb_g_dl),
        ("glucose", row.glucose_mg_dl),
        ("hba1c", row.hba1c_percent),
        ("cholesterol", row.cholesterol_mg_dl),
        ("barthel", row.adl_barthel),
    )
    for kind, value in simple:
        if value is not None and math.isfinite(value):
            add(kind, value=value)
    # The panel always carries both components (the vital-signs BP profile
    # requires them); a pressure not measured gets a dataAbsentReason.
    pressures = [
        (name, v if v is not None and math.isfinite(v) else None)
        for name, v in (
            ("systolic", row.systolic_mmhg),
            ("diastolic", row.diastolic_mmhg),
        )
    ]
    if any(v is not None for _, v in pressures):
        add("bp_panel", components=pressures)
    stature = urls.get("length") or urls.get("height")
    # BMI only from a plausible pair the register actually holds.
    if (
        stature
        and "weight" in urls
        and row.weight_kg
        and row.length_cm
        and row.length_cm > 0
    ):
        add(
            "bmi",
            value=_bmi(row.weight_kg, row.length_cm),
            derived_from=(urls["weight"], stature),
        )
    return made


def _identifier(resource: Mapping[str, Any]) -> str:
    first = resource["identifier"][0]
    return f"{first['system']}|{first['value']}"


def _immunizations(
    visit: _Visit, subject: str, encounter: str, options: FhirOptions
) -> list[dict[str, Any]]:
    systems, vaccines = _vaccines()
    org = options.organization_id
    out = []
    for dose, number, reason in visit.doses:
        vaccine = vaccines[dose.code]
        codings = []
        if vaccine.get("kfa"):
            codings.append(
                _coding(systems["kfa"], vaccine["kfa"], vaccine.get("kfa_display"))
            )
        if vaccine.get("group"):
            codings.append(
                _coding(systems["kfa"], vaccine["group"], vaccine.get("group_display"))
            )
        codings.append(
            _coding(systems["cvx"], vaccine["cvx"], vaccine.get("cvx_display"))
        )
        reasons = [_coding("immunization_reason", reason)]
        if dose.timing is not None:
            reasons.append(_coding("immunization_timing", str(dose.timing)))
        # A dose written CODE@date was given elsewhere: copied from the Buku KIA.
        here = dose.date == visit.row.visit_date
        resource: dict[str, Any] = {
            "resourceType": "Immunization",
            "identifier": [
                {
                    "system": _system("immunization", org),
                    "value": f"{visit.person_id}/{dose.code}",
                }
            ],
            "status": "completed",
            "vaccineCode": {"coding": codings, "text": dose.recorded_as},
            "patient": {"reference": subject},
            "encounter": {"reference": encounter},
            "occurrenceDateTime": _utc(dose.date, options),
            "primarySource": here,
            "reasonCode": [{"coding": reasons}],
            "protocolApplied": [
                {"doseNumberPositiveInt": number}
                if isinstance(number, int) and number >= 1
                else {"doseNumberString": str(number)}
            ],
        }
        if options.practitioner_id and here:
            resource["performer"] = [
                {
                    "function": {"coding": [_coding("http://terminology.hl7.org/CodeSystem/v2-0443", "AP")]},
                    "actor": {"reference": f"Practitioner/{options.practitioner_id}"},
                }
            ]  # fmt: skip
        out.append(
            _entry(_uid(org, "immunization", visit.person_id, dose.code), resource, _identifier(resource))
        )  # fmt: skip
    return out


def _encounter(visit: _Visit, subject: str, options: FhirOptions) -> dict[str, Any]:
    org = options.organization_id
    when = _utc(visit.row.visit_date or dt.date.min, options)
    resource: dict[str, Any] = {
        "resourceType": "Encounter",
        "identifier": [{"system": _system("encounter", org), "value": visit.key}],
        "status": "finished",
        "class": _coding("act_code", "AMB", "ambulatory"),
        "subject": {"reference": subject},
        "period": {"start": when, "end": when},
        "statusHistory": [
            {"status": "finished", "period": {"start": when, "end": when}}
        ],
        "serviceProvider": {"reference": f"Organization/{org}"},
    }
    if options.location_id:
        resource["location"] = [
            {"location": {"reference": f"Location/{options.location_id}"}}
        ]
    if options.practitioner_id:
        attender = _coding(
            "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
            "ATND",
            "attender",
        )
        resource["participant"] = [
            {"type": [{"coding": [attender]}],
             "individual": {"reference": f"Practitioner/{options.practitioner_id}"}}
        ]  # fmt: skip
    return _entry(_uid(org, "encounter", visit.key), resource, _identifier(resource))


def _visit_entries(
    visit: _Visit, options: FhirOptions, with_patient: bool
) -> list[dict[str, Any]]:
    subject, patient_entries = _patient(visit.row, options)
    encounter = _encounter(visit, subject, options)
    url = encounter["fullUrl"]
    return [
        *(patient_entries if with_patient else []),
        encounter,
        *_observations(visit, subject, url, options),
        *_immunizations(visit, subject, url, options),
    ]


def fhir_bundles(
    register: Register,
    *,
    organization_id: str,
    per: Literal["visit", "person"] = "visit",
    ihs_numbers: Mapping[str, str] | None = None,
    timezone: Literal["WIB", "WITA", "WIT"] = "WIB",
    visit_time: dt.time = dt.time(9, 0),
    first_accepted_date: dt.date | None = None,
    practitioner_id: str | None = None,
    location_id: str | None = None,
    early_doses: Literal["refuse", "omit"] = "refuse",
) -> list[dict[str, Any]]:
    """Return the transaction Bundles as JSON-ready dicts (options as :func:`write_fhir`)."""
    options = FhirOptions(
        organization_id=organization_id,
        per=per,
        ihs_numbers=dict(ihs_numbers or {}),
        timezone=timezone,
        visit_time=visit_time,
        first_accepted_date=first_accepted_date,
        practitioner_id=practitioner_id,
        location_id=location_id,
        early_doses=early_doses,
    )
    visits = _visits(register, options)
    groups: dict[str, list[_Visit]] = {}
    for visit in visits:
        key = visit.key if per == "visit" else visit.person_id
        groups.setdefault(key, []).append(visit)
    bundles = []
    for key, group in groups.items():
        entries: list[dict[str, Any]] = []
        for i, visit in enumerate(group):
            entries.extend(_visit_entries(visit, options, with_patient=i == 0))
        bundles.append(
            {
                "resourceType": "Bundle",
                "id": str(uuid.uuid5(_NAMESPACE, f"{organization_id}/bundle/{key}")),
                "type": "transaction",
                "entry": entries,
            }
        )
    return bundles


def validate_bundle(bundle: Mapping[str, Any]) -> None:
    """Validate one Bundle with ``fhir.resources`` (R4B classes) or raise ExportError."""
    require("fhir.resources")
    module = require("fhir.resources.R4B.bundle")
    try:
        module.Bundle.model_validate(dict(bundle))
    except ValueError as exc:  # pydantic.ValidationError is a ValueError
        msg = f"invalid FHIR Bundle: {exc}"
        raise ExportError(
            msg,
            message_id=f"Bundle FHIR tidak valid: {exc}",
            fix="report this as a bug in posyandu-core",
            fix_id="laporkan ini sebagai kesalahan posyandu-core",
        ) from exc


def write_fhir(
    register: Register,
    destination: Destination,
    *,
    organization_id: str = "ORGANIZATION-ID",
    per: Literal["visit", "person"] = "visit",
    ihs_numbers: Mapping[str, str] | None = None,
    timezone: Literal["WIB", "WITA", "WIT"] = "WIB",
    visit_time: dt.time = dt.time(9, 0),
    first_accepted_date: dt.date | None = None,
    practitioner_id: str | None = None,
    location_id: str | None = None,
    early_doses: Literal["refuse", "omit"] = "refuse",
    validate: bool = True,
) -> None:
    """Write one FHIR R4 transaction Bundle per line (NDJSON), validated.

    Parameters
    ----------
    register : Register
    destination : path
        The ``.ndjson`` file: one Bundle per line, in person then visit order.
    organization_id : str
        The Organization (Puskesmas) id SATUSEHAT gave the sender; it is
        the ``serviceProvider`` and names the business identifier systems.
    per : {"visit", "person"}
        One Bundle per visit (default) or per person.
    ihs_numbers : mapping of person_id to IHS number
        People already in SATUSEHAT's patient index: referenced as
        ``Patient/<IHS>``, no Patient resource sent.
    timezone : {"WIB", "WITA", "WIT"}
        Local time of the Posyandu; times are sent in UTC.
    visit_time : datetime.time
        Local time of the visits (the register records dates only).
    first_accepted_date : date or None
        Earliest date SATUSEHAT accepts (default from ``data/export/fhir.toml``);
        earlier visits or doses raise :class:`ExportError`.
    practitioner_id : str or None
        SATUSEHAT Practitioner id of the health worker, if one took part
        (the Encounter's attender and the Observations' performer).
    location_id : str or None
        SATUSEHAT Location id of the Posyandu (the Encounter's location).
    early_doses : {"refuse", "omit"}
        Doses recorded as given before ``first_accepted_date`` (history
        copied from the Buku KIA, ``CODE@date``): refuse the export
        (default) or leave those doses out on purpose.
    validate : bool, default True
        Validate every Bundle with ``fhir.resources`` before writing
        (about 30 ms a visit); ``False`` only when the caller validates.
    """
    bundles = fhir_bundles(
        register,
        organization_id=organization_id,
        per=per,
        ihs_numbers=ihs_numbers,
        timezone=timezone,
        visit_time=visit_time,
        first_accepted_date=first_accepted_date,
        practitioner_id=practitioner_id,
        location_id=location_id,
        early_doses=early_doses,
    )
    lines = []
    for bundle in bundles:
        if validate:
            validate_bundle(bundle)
        lines.append(json.dumps(bundle, ensure_ascii=False, separators=(",", ":")))
    Path(destination).write_text(
        "".join(f"{line}\n" for line in lines), encoding="utf-8"
    )
