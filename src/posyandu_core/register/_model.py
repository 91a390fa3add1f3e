"""The model reader: Person, Visit and Measurement objects → a register.

An app that keeps its own database builds the attrs model objects and gets
every service, rule and report of posyandu_core through this reader: one
register row per visit (measurements given without a visit are grouped by
person and date into one).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from posyandu_core.errors import InputFileError
from posyandu_core.model import Measurement, MeasurementKind, Person, Visit
from posyandu_core.register._build import CellTable

_KIND_COLUMNS = {
    MeasurementKind.WEIGHT: "weight_kg",
    MeasurementKind.LENGTH_HEIGHT: "length_cm",
    MeasurementKind.MUAC: "muac_cm",
    MeasurementKind.HEAD_CIRCUMFERENCE: "head_cm",
    MeasurementKind.WAIST: "waist_cm",
    MeasurementKind.SYSTOLIC: "systolic_mmhg",
    MeasurementKind.DIASTOLIC: "diastolic_mmhg",
    MeasurementKind.HEMOGLOBIN: "hb_g_dl",
    MeasurementKind.GLUCOSE: "glucose_mg_dl",
    MeasurementKind.TRICEPS_SKINFOLD: "triceps_mm",
    MeasurementKind.SUBSCAPULAR_SKINFOLD: "subscapular_mm",
}
HEADER = (
    "person_id", "nik", "name", "sex", "birth_date", "nik_ibu", "parent_name", "kk",
    "posyandu", "visit_date", "visit_type", "kader", *_KIND_COLUMNS.values(), "measure",
    "equipment",
)  # fmt: skip


def is_model_source(source: object) -> bool:
    """Return whether ``source`` is a collection of model objects."""
    if isinstance(source, list | tuple | set | frozenset):
        return bool(source) and all(
            isinstance(o, Person | Visit | Measurement) for o in source
        )
    return False


def read_model_cells(objects: Iterable[Person | Visit | Measurement]) -> CellTable:
    """Return one row per visit of the given people.

    Raises
    ------
    InputFileError
        A visit or measurement names a person who is not among the objects,
        or a measurement has no person.
    """
    people: dict[str, Person] = {}
    visits: list[Visit] = []
    loose: dict[tuple[str, Any], list[Measurement]] = {}
    for item in objects:
        if isinstance(item, Person):
            people[item.id] = item
        elif isinstance(item, Visit):
            visits.append(item)
        else:
            if item.person_id is None:
                msg = f"a {item.kind} measurement has no person_id"
                raise InputFileError(
                    msg,
                    message_id=f"pengukuran {item.kind} tanpa person_id",
                    field="person_id",
                    fix="set person_id",
                    fix_id="isi person_id",
                )
            key = (item.person_id, item.measured_at.date())
            loose.setdefault(key, []).append(item)
    visits += [
        Visit(person_id=pid, date=day, measurements=(*ms,))
        for (pid, day), ms in loose.items()
    ]
    visits.sort(key=lambda v: (v.date, v.person_id))
    columns: list[list[Any]] = [[] for _ in HEADER]
    for visit in visits:
        person = people.get(visit.person_id)
        if person is None:
            msg = f"a visit on {visit.date} is of person {visit.person_id!r}, who is not given"
            raise InputFileError(
                msg,
                message_id=f"kunjungan {visit.date} milik orang {visit.person_id!r} "
                "yang tidak diberikan",
                field="person_id",
                fix="pass the Person object too",
                fix_id="berikan juga objek Person-nya",
            )
        row = _row(person, visit)
        for column, name in zip(columns, HEADER, strict=True):
            column.append(row.get(name))
    return CellTable(header=HEADER, cells=columns, source="<model objects>")


def _row(person: Person, visit: Visit) -> dict[str, Any]:
    row: dict[str, Any] = {
        "person_id": person.id,
        "nik": person.nik,
        "name": person.name or None,
        "sex": str(person.sex),
        "birth_date": person.birth_date,
        "nik_ibu": person.nik_ibu,
        "parent_name": person.parent_name,
        "kk": person.household_id,
        "posyandu": visit.posyandu,
        "visit_date": visit.date,
        "visit_type": str(visit.type),
        "kader": visit.kader,
    }
    devices = []
    for m in visit.measurements:
        column = _KIND_COLUMNS.get(m.kind)
        if column is None:
            continue  # pulse, temperature: no register column (yet)
        row[column] = m.value
        if m.method is not None:
            row["measure"] = str(m.method)
        if m.device_id:
            devices.append(m.device_id)
    row["equipment"] = ";".join(dict.fromkeys(devices)) or None
    return row
