"""Device readings become :class:`~posyandu_core.model.Measurement` records.

Values are converted to the unit of their kind (kg, cm, mmHg, °C, mg/dL)
and the value and unit as transmitted are kept in ``derived``; the raw
bytes or line go to ``raw``. Plausibility for the device class and the
equipment's calibration become :class:`~posyandu_core.rules.Issue` objects:
a value is never dropped or changed because it looks wrong (A4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from posyandu_core._data import load_rule_table
from posyandu_core.devices._ble import BleReading
from posyandu_core.devices._gatt import GattReading
from posyandu_core.devices._gatt_bp import (
    BloodPressureMeasurement,
    IntermediateCuffPressure,
)
from posyandu_core.devices._gatt_glucose import GlucoseMeasurement
from posyandu_core.devices._gatt_thermometer import TemperatureMeasurement
from posyandu_core.devices._gatt_weight import (
    BodyCompositionMeasurement,
    WeightMeasurement,
)
from posyandu_core.devices._ieee11073 import SpecialValue
from posyandu_core.devices._scale import ScaleReading, ScaleStatus
from posyandu_core.errors import WrongTypeError
from posyandu_core.model import (
    Equipment,
    EquipmentKind,
    Measurement,
    MeasurementKind,
    MeasureMethod,
)
from posyandu_core.rules import Issue, Severity
from posyandu_core.rules._calibration import calibration_issues

__all__ = ["Conversion", "check_plausibility", "to_measurements"]

RULE = "devices.plausibility"


@attrs.frozen(kw_only=True)
class Conversion:
    """Measurements made from one reading, and what is wrong with them.

    Parameters
    ----------
    measurements : tuple of Measurement
        Zero (no value: unstable, overload, special value …), one, or
        several (blood pressure gives systolic, diastolic and pulse).
    issues : tuple of Issue
        Plausibility, device-status and calibration findings.
    """

    measurements: tuple[Measurement, ...] = ()
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        """At least one measurement and no error-level issue."""
        return bool(self.measurements) and not any(
            i.severity is Severity.ERROR for i in self.issues
        )


def _issue(
    severity: Severity, code: str, field: str | None, value: Any, id_: str, en: str
) -> Issue:
    return Issue(
        severity=severity, code=code, field=field, value=value,
        message_id=id_, message_en=en, rule=RULE,
    )  # fmt: skip


def _device_classes() -> Mapping[str, Any]:
    return load_rule_table("devices")["classes"]  # type: ignore[no-any-return]


def check_plausibility(
    measurement: Measurement, device_class: EquipmentKind | str | None
) -> list[Issue]:
    """Check one measurement against its device class's resolution, capacity, ranges.

    Parameters
    ----------
    measurement : Measurement
        Any measurement, from a device or typed in.
    device_class : EquipmentKind, str or None
        ``baby_scale``, ``floor_scale``, ``length_board``, ``bp_monitor`` …;
        ``None`` checks nothing.

    Examples
    --------
    >>> import datetime as dt
    >>> m = Measurement(kind="weight", value=21.5, measured_at=dt.datetime(2025, 1, 6))
    >>> [i.code for i in check_plausibility(m, "baby_scale")]
    ['device.capacity']
    """
    if device_class is None:
        return []
    rules = _device_classes().get(str(EquipmentKind(device_class)), {})
    kind = measurement.kind
    value = Decimal(str(measurement.value))
    unit = kind.unit
    label = str(EquipmentKind(device_class)).replace("_", " ")
    issues = []
    if rules.get("kind") == str(kind):
        if "maximum" in rules and value > Decimal(rules["maximum"]):
            issues.append(_issue(
                Severity.ERROR, "device.capacity", str(kind), measurement.value,
                f"{value} {unit} melebihi kapasitas {label} ({rules['maximum']} {unit}); "
                "alat yang dipakai salah?",
                f"{value} {unit} is beyond the capacity of a {label} "
                f"({rules['maximum']} {unit}); wrong device for this person?",
            ))  # fmt: skip
        if "resolution" in rules and value % Decimal(rules["resolution"]) != 0:
            issues.append(_issue(
                Severity.WARNING, "device.resolution", str(kind), measurement.value,
                f"{value} {unit} bukan kelipatan ketelitian {label} ({rules['resolution']} {unit})",
                f"{value} {unit} is not a multiple of the {label} resolution "
                f"({rules['resolution']} {unit})",
            ))  # fmt: skip
    low_high = rules.get("ranges", {}).get(str(kind))
    if low_high and not Decimal(low_high[0]) <= value <= Decimal(low_high[1]):
        issues.append(_issue(
            Severity.ERROR, f"device.range.{kind}", str(kind), measurement.value,
            f"{kind} {value} {unit} di luar rentang wajar {low_high[0]}–{low_high[1]}",
            f"{kind} {value} {unit} is outside the plausible range {low_high[0]}–{low_high[1]}",
        ))  # fmt: skip
    return issues


def _no_value(code: str, field: str, value: Any, why_id: str, why_en: str) -> Issue:
    return _issue(
        Severity.ERROR, code, field, value,
        f"tidak ada nilai yang dicatat: {why_id}", f"no value recorded: {why_en}",
    )  # fmt: skip


# (kind, value in kind.unit, value as transmitted, unit as transmitted)
_Value = tuple[MeasurementKind, float, float, str]


def _scale_values(reading: ScaleReading) -> tuple[list[_Value], list[Issue]]:
    if reading.status is not ScaleStatus.WEIGHT or reading.value is None:
        why = str(reading.status) + (f" ({reading.error})" if reading.error else "")
        return [], [_no_value(f"device.{reading.status}", "weight", reading.raw,
                              f"timbangan melaporkan {why}", f"the scale reported {why}")]  # fmt: skip
    if not reading.stable:
        return [], [_no_value("device.unstable", "weight", reading.raw,
                              "bacaan belum stabil", "the reading was not stable")]  # fmt: skip
    weight = reading.weight_kg
    assert weight is not None  # a WEIGHT status always has a value
    return [
        (MeasurementKind.WEIGHT, weight, float(reading.value), reading.unit or "kg")
    ], []


def _special(field: str, value: SpecialValue) -> Issue:
    return _no_value(f"device.{value}", field, str(value),
                     f"alat mengirim nilai khusus {value}", f"the device sent the special value {value}")  # fmt: skip


def _bp_values(r: BloodPressureMeasurement) -> tuple[list[_Value], list[Issue]]:
    values: list[_Value] = []
    issues: list[Issue] = []
    for kind, raw in (
        (MeasurementKind.SYSTOLIC, r.systolic),
        (MeasurementKind.DIASTOLIC, r.diastolic),
    ):
        if isinstance(raw, SpecialValue):
            issues.append(_special(str(kind), raw))
        else:
            values.append((kind, r.in_mmhg(raw) or 0.0, float(raw), r.unit))
    if r.pulse_rate is not None:
        if isinstance(r.pulse_rate, SpecialValue):
            issues.append(_special("pulse", r.pulse_rate))
        else:
            values.append(
                (
                    MeasurementKind.PULSE,
                    float(r.pulse_rate),
                    float(r.pulse_rate),
                    "/min",
                )
            )
    sbp, dbp = r.in_mmhg(r.systolic), r.in_mmhg(r.diastolic)
    if sbp is not None and dbp is not None and sbp <= dbp:
        issues.append(_issue(
            Severity.ERROR, "device.bp_order", "systolic", sbp,
            "sistolik harus lebih tinggi dari diastolik; ukur ulang",
            "systolic must be higher than diastolic; measure again",
        ))  # fmt: skip
    if r.status is not None:
        if r.status.needs_repeat:
            issues.append(_issue(
                Severity.WARNING, "device.bp_repeat", "measurement_status", r.status.raw,
                "alat melaporkan gerakan, manset longgar, nadi tidak teratur atau posisi salah; "
                "ukur ulang",
                "the monitor reported movement, a loose cuff, an irregular pulse or a wrong "
                "position; measure again",
            ))  # fmt: skip
        if str(r.status.pulse_rate_range) != "within_range":
            issues.append(_issue(
                Severity.WARNING, "device.pulse_range", "pulse", str(r.status.pulse_rate_range),
                f"alat menandai denyut nadi: {r.status.pulse_rate_range}",
                f"the monitor flagged the pulse rate: {r.status.pulse_rate_range}",
            ))  # fmt: skip
    return values, issues


def _gatt_values(reading: GattReading) -> tuple[list[_Value], list[Issue]]:
    if isinstance(reading, WeightMeasurement | BodyCompositionMeasurement):
        raw = reading.weight
        if raw is None:
            return [], [_no_value("device.no_weight", "weight", None,
                                  "tidak ada berat", "the record has no weight")]  # fmt: skip
        if isinstance(raw, SpecialValue):
            return [], [_special("weight", raw)]
        weight = reading.weight_kg
        assert weight is not None  # a number was sent
        return [(MeasurementKind.WEIGHT, weight, float(raw), reading.unit)], []
    if isinstance(reading, BloodPressureMeasurement):
        return _bp_values(reading)
    if isinstance(reading, TemperatureMeasurement):
        if isinstance(reading.temperature, SpecialValue):
            return [], [_special("temperature", reading.temperature)]
        celsius = reading.celsius or 0.0
        return [
            (
                MeasurementKind.TEMPERATURE,
                celsius,
                float(reading.temperature),
                reading.unit,
            )
        ], []
    if isinstance(reading, GlucoseMeasurement):
        issues = []
        status = reading.sensor_status
        if status is not None and status.flags:
            flags = ", ".join(sorted(status.flags))
            issues.append(_issue(
                Severity.WARNING, "device.glucose_status", "sensor_status", status.raw,
                f"glukometer melaporkan: {flags}", f"the meter reported: {flags}",
            ))  # fmt: skip
        concentration = reading.concentration
        if isinstance(concentration, SpecialValue):
            return [], [*issues, _special("glucose", concentration)]
        if concentration is None or (status is not None and status.result_unusable):
            return [], [*issues, _no_value("device.no_glucose", "glucose", None,
                                           "tidak ada hasil glukosa", "the meter sent no usable result")]  # fmt: skip
        mg_dl = reading.mg_dl or 0.0
        return [
            (MeasurementKind.GLUCOSE, mg_dl, float(concentration), reading.unit)
        ], issues
    if isinstance(reading, IntermediateCuffPressure):
        return [], [_issue(
            Severity.INFO, "device.intermediate", "cuff_pressure", None,
            "tekanan manset sementara bukan hasil pengukuran",
            "an intermediate cuff pressure is not a result",
        )]  # fmt: skip
    msg = f"{type(reading).__name__} is not a measurement"
    raise WrongTypeError(msg, message_id=f"{type(reading).__name__} bukan pengukuran")


def _positive(values: Iterable[_Value], issues: list[Issue]) -> list[_Value]:
    kept = []
    for kind, value, sent, unit in values:
        if value > 0:
            kept.append((kind, value, sent, unit))
        else:
            issues.append(_no_value(
                "device.non_positive", str(kind), sent,
                f"nilai {sent} {unit} tidak positif (tara/nol?)",
                f"the value {sent} {unit} is not positive (tare or zero?)",
            ))  # fmt: skip
    return kept


def to_measurements(
    reading: ScaleReading | GattReading | BleReading,
    *,
    measured_at: dt.datetime,
    device_class: EquipmentKind | str | None = None,
    equipment: Equipment | None = None,
    device_id: str | None = None,
    device_model: str | None = None,
    person_id: str | None = None,
    kader: str | None = None,
    method: MeasureMethod | str | None = None,
) -> Conversion:
    """Turn a device reading into measurements plus issues.

    Parameters
    ----------
    reading : ScaleReading, GattReading or BleReading
        A decoded reading. Features and Date Time are not measurements.
    measured_at : datetime.datetime
        When it was taken (the caller's clock; the device's clock, if it sent
        one, is kept in ``derived["device_time"]``).
    device_class : EquipmentKind, str or None
        Role of the device for the plausibility checks; defaults to
        ``equipment.kind``.
    equipment : Equipment or None
        The inventory record: supplies ``device_id``/``device_model`` and its
        calibration status on ``measured_at`` becomes an issue when overdue.
    device_id, device_model : str or None
        Override the ids; for BLE they default to the address and the
        advertised name.
    person_id, kader : str or None
        Copied into each measurement.
    method : MeasureMethod, str or None
        Lying or standing, for length/height only.

    Returns
    -------
    Conversion
        The measurements and the issues; an implausible value is kept and
        flagged, never changed.
    """
    raw: str
    device_time: dt.datetime | None = None
    if isinstance(reading, BleReading):
        device_id = device_id or reading.device.address
        device_model = device_model or reading.device.name
        raw = reading.payload.hex(" ")
        reading = reading.reading
    else:
        raw = reading.raw if isinstance(reading, ScaleReading) else ""
    if isinstance(reading, ScaleReading):
        values, issues = _scale_values(reading)
    else:
        values, issues = _gatt_values(reading)
        stamp = getattr(reading, "time_stamp", None)
        device_time = stamp.datetime if stamp is not None else None
    if equipment is not None:
        device_class = device_class or equipment.kind
        device_id = device_id or equipment.id
        device_model = device_model or equipment.model
        issues.extend(
            calibration_issues(equipment, measured_at.date(), field="device_id")
        )
    measurements = []
    for kind, value, sent, unit in _positive(values, issues):
        derived: dict[str, Any] = {
            "value_as_transmitted": sent,
            "unit_as_transmitted": unit,
        }
        if device_time is not None:
            derived["device_time"] = device_time.isoformat()
        measurement = Measurement(
            kind=kind, value=value, measured_at=measured_at,
            method=method if kind is MeasurementKind.LENGTH_HEIGHT else None,
            person_id=person_id, device_id=device_id, device_model=device_model,
            kader=kader, raw=raw or None, derived=derived,
        )  # fmt: skip
        issues.extend(check_plausibility(measurement, device_class))
        measurements.append(measurement)
    return Conversion(measurements=tuple(measurements), issues=tuple(issues))
