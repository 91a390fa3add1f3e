"""Glucose (0x1808): Glucose Measurement (0x2A18).

The GSS field text gives the concentration in SI units, kg/L (flag bit 2
clear) or mol/L (set); Nordic and Wireshark decode it so. Hence
mg/dL = kg/L × 100 000 and mmol/L = mol/L × 1 000 (DEVICES_EXPORTS A1.6).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from posyandu_core.devices._gatt_time import DateTime, iso_timestamp, read_date_time
from posyandu_core.devices._ieee11073 import MedFloat, SpecialValue, as_float
from posyandu_core.devices._reader import PayloadReader
from posyandu_core.errors import DecodeError

__all__ = ["GlucoseMeasurement", "GlucoseSensorStatus", "decode_glucose_measurement"]

# 1 mmol/L of glucose is 18.0156 mg/dL (molar mass 180.156 g/mol).
MG_DL_PER_MMOL_L = Decimal("18.0156")

_SAMPLE_TYPES = {
    1: "capillary_whole_blood",
    2: "capillary_plasma",
    3: "venous_whole_blood",
    4: "venous_plasma",
    5: "arterial_whole_blood",
    6: "arterial_plasma",
    7: "undetermined_whole_blood",
    8: "undetermined_plasma",
    9: "interstitial_fluid",
    10: "control_solution",
}
_SAMPLE_LOCATIONS = {
    1: "finger",
    2: "alternate_site_test",
    3: "earlobe",
    4: "control_solution",
    15: "not_available",
}
_SENSOR_STATUS_BITS = (
    "battery_low",
    "sensor_malfunction",
    "sample_size_insufficient",
    "strip_insertion_error",
    "strip_type_incorrect",
    "result_too_high",
    "result_too_low",
    "temperature_too_high",
    "temperature_too_low",
    "read_interrupted",
    "general_device_fault",
    "time_fault",
)


@attrs.frozen(kw_only=True)
class GlucoseSensorStatus:
    """Sensor Status Annunciation bits.

    Parameters
    ----------
    raw : int
        The 16-bit field as sent.
    """

    raw: int

    @property
    def flags(self) -> frozenset[str]:
        """Names of the set bits."""
        return frozenset(
            name for i, name in enumerate(_SENSOR_STATUS_BITS) if self.raw & (1 << i)
        )

    @property
    def result_unusable(self) -> bool:
        """Result too high or too low: the meter has no value to give (A4)."""
        return bool(self.flags & {"result_too_high", "result_too_low"})

    def to_dict(self) -> dict[str, Any]:
        """Return every bit as a named boolean, plus the raw value."""
        flags = self.flags
        return {
            "raw": self.raw,
            **{name: name in flags for name in _SENSOR_STATUS_BITS},
        }


@attrs.frozen(kw_only=True)
class GlucoseMeasurement:
    """A Glucose Measurement (0x2A18) as transmitted.

    Parameters
    ----------
    sequence_number : int
        The meter's record number; de-duplicate on (device, sequence).
    base_time : DateTime
        The record's base time on the meter's clock.
    time_offset_minutes : int or None
        Signed offset to add to ``base_time``, if sent.
    concentration : Decimal, SpecialValue or None
        In kg/L (``molar`` false) or mol/L (``molar`` true), if sent.
    molar : bool
        Flag bit 2: mol/L instead of kg/L.
    sample_type, sample_location : int or None
        Raw codes, if a concentration was sent.
    sensor_status : GlucoseSensorStatus or None
        Sensor Status Annunciation, if sent.
    context_follows : bool
        A Glucose Measurement Context (0x2A34) with the same sequence follows.
    """

    sequence_number: int
    base_time: DateTime
    time_offset_minutes: int | None = None
    concentration: MedFloat | None = None
    molar: bool = False
    sample_type: int | None = None
    sample_location: int | None = None
    sensor_status: GlucoseSensorStatus | None = None
    context_follows: bool = False

    @property
    def unit(self) -> str:
        """``"mol/L"`` or ``"kg/L"``, the unit of :attr:`concentration`."""
        return "mol/L" if self.molar else "kg/L"

    @property
    def mg_dl(self) -> float | None:
        """The concentration in mg/dL (molar values converted with 18.0156)."""
        if self.concentration is None or isinstance(self.concentration, SpecialValue):
            return None
        if self.molar:
            return float(self.concentration * 1000 * MG_DL_PER_MMOL_L)
        return float(self.concentration * 100_000)

    @property
    def mmol_l(self) -> float | None:
        """The concentration in mmol/L, when the meter sent mol/L."""
        if not self.molar or self.concentration is None:
            return None
        if isinstance(self.concentration, SpecialValue):
            return None
        return float(self.concentration * 1000)

    @property
    def recorded_at(self) -> dt.datetime | None:
        """Base time plus offset, on the meter's clock; ``None`` if unknown."""
        base = self.base_time.datetime
        if base is None:
            return None
        return base + dt.timedelta(minutes=self.time_offset_minutes or 0)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        concentration = self.concentration
        return {
            "characteristic": "glucose_measurement",
            "sequence_number": self.sequence_number,
            "timestamp": iso_timestamp(self.recorded_at),
            "base_time": self.base_time.to_dict(),
            "time_offset_minutes": self.time_offset_minutes,
            "concentration": as_float(concentration),
            "unit": self.unit,
            "special_value": (
                str(concentration) if isinstance(concentration, SpecialValue) else None
            ),
            "mg_dl": self.mg_dl,
            "mmol_l": self.mmol_l,
            "sample_type": _SAMPLE_TYPES.get(self.sample_type or 0, self.sample_type),
            "sample_location": _SAMPLE_LOCATIONS.get(
                self.sample_location or 0, self.sample_location
            ),
            "sensor_status": self.sensor_status.to_dict()
            if self.sensor_status
            else None,
            "context_follows": self.context_follows,
        }


def decode_glucose_measurement(payload: bytes) -> GlucoseMeasurement:
    """Decode a Glucose Measurement (0x2A18) value.

    Examples
    --------
    >>> g = decode_glucose_measurement(bytes.fromhex("020100e907040a071e005fb011"))
    >>> g.sequence_number, g.concentration, g.mg_dl
    (1, Decimal('0.00095'), 95.0)
    """
    reader = PayloadReader(payload, "Glucose Measurement")
    flags = reader.uint(1, "flags")
    sequence = reader.uint(2, "sequence_number")
    base_time = read_date_time(reader, "base_time")
    offset = reader.sint(2, "time_offset") if flags & 0x01 else None
    concentration = sample_type = sample_location = None
    if flags & 0x02:  # concentration and type/location come together
        concentration = reader.sfloat("concentration")
        packed = reader.uint(1, "type_sample_location")
        sample_type, sample_location = packed & 0x0F, packed >> 4
    status = reader.uint(2, "sensor_status") if flags & 0x08 else None
    record = GlucoseMeasurement(
        sequence_number=sequence,
        base_time=base_time,
        time_offset_minutes=offset,
        concentration=concentration,
        molar=bool(flags & 0x04),
        sample_type=sample_type,
        sample_location=sample_location,
        sensor_status=None if status is None else GlucoseSensorStatus(raw=status),
        context_follows=bool(flags & 0x10),
    )
    try:
        record.recorded_at  # noqa: B018 - only checks that the offset fits the calendar
    except OverflowError as exc:
        msg = "Glucose Measurement: base time plus offset is outside the calendar"
        raise DecodeError(
            msg,
            message_id="Glucose Measurement: waktu dasar ditambah selisihnya di luar "
            "kalender",
            field="time_offset",
            value=offset,
        ) from exc
    return record
