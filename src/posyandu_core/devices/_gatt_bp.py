"""Blood Pressure service (0x1810): measurement, intermediate cuff pressure, feature.

Pressures are SFLOATs in mmHg or kPa (flag bit 0) and keep their special
values: a monitor that could not compute the mean arterial pressure sends
NaN there, and that stays a :class:`SpecialValue` (DEVICES_EXPORTS A1.4).
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import attrs

from posyandu_core.devices._gatt_time import DateTime, iso_timestamp, read_date_time
from posyandu_core.devices._ieee11073 import MedFloat, SpecialValue, as_float
from posyandu_core.devices._reader import PayloadReader

__all__ = [
    "BloodPressureFeature",
    "BloodPressureMeasurement",
    "BloodPressureStatus",
    "IntermediateCuffPressure",
    "PulseRateRange",
    "decode_blood_pressure_feature",
    "decode_blood_pressure_measurement",
    "decode_intermediate_cuff_pressure",
]

MMHG_PER_KPA = Decimal("7.500617")


def _special_or_none(value: MedFloat | None) -> str | None:
    return str(value) if isinstance(value, SpecialValue) else None


class PulseRateRange(enum.StrEnum):
    """Measurement Status bits 3–4."""

    WITHIN = "within_range"
    ABOVE_UPPER_LIMIT = "exceeds_upper_limit"
    BELOW_LOWER_LIMIT = "below_lower_limit"
    RESERVED = "reserved"


_PULSE_RANGES = (
    PulseRateRange.WITHIN,
    PulseRateRange.ABOVE_UPPER_LIMIT,
    PulseRateRange.BELOW_LOWER_LIMIT,
    PulseRateRange.RESERVED,
)


@attrs.frozen(kw_only=True)
class BloodPressureStatus:
    """The Measurement Status bits of a blood-pressure record.

    Parameters
    ----------
    raw : int
        The 16-bit field as sent.
    """

    raw: int

    @property
    def body_movement_detected(self) -> bool:
        """Bit 0."""
        return bool(self.raw & 0x0001)

    @property
    def cuff_too_loose(self) -> bool:
        """Bit 1."""
        return bool(self.raw & 0x0002)

    @property
    def irregular_pulse(self) -> bool:
        """Bit 2."""
        return bool(self.raw & 0x0004)

    @property
    def pulse_rate_range(self) -> PulseRateRange:
        """Bits 3–4."""
        return _PULSE_RANGES[(self.raw >> 3) & 0x03]

    @property
    def improper_measurement_position(self) -> bool:
        """Bit 5 (0x0020; one popular library wrongly uses 0x0010)."""
        return bool(self.raw & 0x0020)

    @property
    def needs_repeat(self) -> bool:
        """Bits 0, 1, 2 or 5 set: the reading should be taken again (A4)."""
        return bool(self.raw & 0x0027)

    def to_dict(self) -> dict[str, Any]:
        """Return the bits as named booleans, plus the raw value."""
        pulse_range = self.pulse_rate_range
        above, below = (
            PulseRateRange.ABOVE_UPPER_LIMIT,
            PulseRateRange.BELOW_LOWER_LIMIT,
        )
        return {
            "raw": self.raw,
            "body_movement_detected": self.body_movement_detected,
            "cuff_too_loose": self.cuff_too_loose,
            "irregular_pulse": self.irregular_pulse,
            "pulse_rate_exceeds_upper_limit": pulse_range is above,
            "pulse_rate_below_lower_limit": pulse_range is below,
            "pulse_rate_range": str(pulse_range),
            "improper_measurement_position": self.improper_measurement_position,
        }


@attrs.frozen(kw_only=True)
class BloodPressureMeasurement:
    """A Blood Pressure Measurement (0x2A35) as transmitted.

    Parameters
    ----------
    kpa : bool
        ``True`` when the pressures are in kPa, ``False`` for mmHg.
    systolic, diastolic, mean_arterial_pressure : Decimal or SpecialValue
        Pressures in the transmitted unit.
    time_stamp : DateTime or None
        The device's timestamp, if sent.
    pulse_rate : Decimal, SpecialValue or None
        Beats per minute, if sent.
    user_id : int or None
        User index; ``None`` when not sent or 0xFF.
    status : BloodPressureStatus or None
        Measurement Status, if sent.
    """

    kpa: bool
    systolic: MedFloat
    diastolic: MedFloat
    mean_arterial_pressure: MedFloat
    time_stamp: DateTime | None = None
    pulse_rate: MedFloat | None = None
    user_id: int | None = None
    status: BloodPressureStatus | None = None

    @property
    def unit(self) -> str:
        """``"kPa"`` or ``"mmHg"``, as transmitted."""
        return "kPa" if self.kpa else "mmHg"

    def in_mmhg(self, value: MedFloat) -> float | None:
        """Return one of this record's pressures in mmHg (``None`` if special)."""
        if isinstance(value, SpecialValue):
            return None
        return float(value * MMHG_PER_KPA) if self.kpa else float(value)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary (numbers in the transmitted unit)."""
        return {
            "characteristic": "blood_pressure_measurement",
            "systolic": as_float(self.systolic),
            "diastolic": as_float(self.diastolic),
            "mean_arterial_pressure": as_float(self.mean_arterial_pressure),
            "unit": self.unit,
            "special_values": {
                name: special
                for name in ("systolic", "diastolic", "mean_arterial_pressure")
                if (special := _special_or_none(getattr(self, name)))
            },
            "pulse_rate": as_float(self.pulse_rate),
            "user_id": self.user_id,
            "timestamp": iso_timestamp(self.time_stamp),
            "measurement_status": self.status.to_dict() if self.status else None,
        }


@attrs.frozen(kw_only=True)
class IntermediateCuffPressure:
    """An Intermediate Cuff Pressure (0x2A36): live cuff pressure, never a result.

    Same layout as 0x2A35; the second and third values are unused (NaN).
    """

    kpa: bool
    cuff_pressure: MedFloat
    time_stamp: DateTime | None = None
    pulse_rate: MedFloat | None = None
    user_id: int | None = None
    status: BloodPressureStatus | None = None

    @property
    def unit(self) -> str:
        """``"kPa"`` or ``"mmHg"``, as transmitted."""
        return "kPa" if self.kpa else "mmHg"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        return {
            "characteristic": "intermediate_cuff_pressure",
            "cuff_pressure": as_float(self.cuff_pressure),
            "unit": self.unit,
            "special_value": _special_or_none(self.cuff_pressure),
            "pulse_rate": as_float(self.pulse_rate),
            "user_id": self.user_id,
            "timestamp": iso_timestamp(self.time_stamp),
            "measurement_status": self.status.to_dict() if self.status else None,
        }


def _read_pressure_record(payload: bytes, name: str) -> dict[str, Any]:
    reader = PayloadReader(payload, name)
    flags = reader.uint(1, "flags")
    fields: dict[str, Any] = {
        "kpa": bool(flags & 0x01),
        "first": reader.sfloat("systolic"),
        "second": reader.sfloat("diastolic"),
        "third": reader.sfloat("mean_arterial_pressure"),
    }
    if flags & 0x02:
        fields["time_stamp"] = read_date_time(reader)
    if flags & 0x04:
        fields["pulse_rate"] = reader.sfloat("pulse_rate")
    if flags & 0x08:
        user = reader.uint(1, "user_id")
        fields["user_id"] = None if user == 0xFF else user
    if flags & 0x10:
        fields["status"] = BloodPressureStatus(raw=reader.uint(2, "measurement_status"))
    return fields


def decode_blood_pressure_measurement(payload: bytes) -> BloodPressureMeasurement:
    """Decode a Blood Pressure Measurement (0x2A35) value.

    Examples
    --------
    >>> bp = decode_blood_pressure_measurement(bytes.fromhex("00780050005d00"))
    >>> bp.systolic, bp.diastolic, bp.mean_arterial_pressure, bp.unit
    (Decimal('120'), Decimal('80'), Decimal('93'), 'mmHg')
    """
    fields = _read_pressure_record(payload, "Blood Pressure Measurement")
    return BloodPressureMeasurement(
        systolic=fields.pop("first"),
        diastolic=fields.pop("second"),
        mean_arterial_pressure=fields.pop("third"),
        **fields,
    )


def decode_intermediate_cuff_pressure(payload: bytes) -> IntermediateCuffPressure:
    """Decode an Intermediate Cuff Pressure (0x2A36) value.

    Examples
    --------
    >>> decode_intermediate_cuff_pressure(bytes.fromhex("009600ff07ff07")).cuff_pressure
    Decimal('150')
    """
    fields = _read_pressure_record(payload, "Intermediate Cuff Pressure")
    del fields["second"], fields["third"]  # unused in this characteristic
    return IntermediateCuffPressure(cuff_pressure=fields.pop("first"), **fields)


_FEATURE_BITS = (
    "body_movement_detection",
    "cuff_fit_detection",
    "irregular_pulse_detection",
    "pulse_rate_range_detection",
    "measurement_position_detection",
    "multiple_bonds",
    "e2e_crc",
    "user_data_service",
    "user_facing_time",
)


@attrs.frozen(kw_only=True)
class BloodPressureFeature:
    """What a blood-pressure monitor supports (0x2A49).

    Parameters
    ----------
    raw : int
        The 16-bit field; :attr:`supported` names the set bits.
    """

    raw: int

    @property
    def supported(self) -> frozenset[str]:
        """Names of the supported features (bits 0–8)."""
        return frozenset(n for i, n in enumerate(_FEATURE_BITS) if self.raw & (1 << i))

    def to_dict(self) -> dict[str, Any]:
        """Return every feature as a named boolean, plus the raw value."""
        supported = self.supported
        return {
            "characteristic": "blood_pressure_feature",
            "raw": self.raw,
            **{name: name in supported for name in _FEATURE_BITS},
        }


def decode_blood_pressure_feature(payload: bytes) -> BloodPressureFeature:
    r"""Decode a Blood Pressure Feature (0x2A49) value.

    Examples
    --------
    >>> sorted(decode_blood_pressure_feature(b"\x07\x00").supported)
    ['body_movement_detection', 'cuff_fit_detection', 'irregular_pulse_detection']
    """
    return BloodPressureFeature(
        raw=PayloadReader(payload, "Blood Pressure Feature").uint(2, "features")
    )
