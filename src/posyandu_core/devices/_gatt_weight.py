"""Weight Scale (0x181D) and Body Composition (0x181B) characteristics.

Resolutions differ between unit systems: 0.005 kg against 0.01 lb, and
0.001 m against 0.1 in. Mixing them up gives a factor-of-two error that
looks plausible, so the unit flag is read once and every field is scaled
through :func:`_mass` / :func:`_length` (DEVICES_EXPORTS A1.3, A1.7).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from posyandu_core.devices._gatt_time import DateTime, iso_timestamp, read_date_time
from posyandu_core.devices._ieee11073 import SpecialValue, as_float
from posyandu_core.devices._reader import PayloadReader

__all__ = [
    "BodyCompositionMeasurement",
    "WeightMeasurement",
    "WeightScaleFeature",
    "decode_body_composition_measurement",
    "decode_weight_measurement",
    "decode_weight_scale_feature",
]

KG_PER_LB = Decimal("0.45359237")
M_PER_IN = Decimal("0.0254")
_UNSUCCESSFUL = 0xFFFF
_UNKNOWN_USER = 0xFF


def _mass(raw: int, imperial: bool) -> Decimal:
    return Decimal(raw) * (Decimal("0.01") if imperial else Decimal("0.005"))


def _length(raw: int, imperial: bool) -> Decimal:
    return Decimal(raw) * (Decimal("0.1") if imperial else Decimal("0.001"))


def _kg(value: Decimal | None, imperial: bool) -> float | None:
    if value is None:
        return None
    return float(value * KG_PER_LB) if imperial else float(value)


def _metres(value: Decimal | None, imperial: bool) -> float | None:
    if value is None:
        return None
    return float(value * M_PER_IN) if imperial else float(value)


def _tenths(raw: int | None) -> Decimal | None:
    return None if raw is None else Decimal(raw) * Decimal("0.1")


def _user(raw: int) -> int | None:
    return None if raw == _UNKNOWN_USER else raw


@attrs.frozen(kw_only=True)
class WeightMeasurement:
    """A Weight Measurement (0x2A9D) as transmitted.

    Parameters
    ----------
    imperial : bool
        ``True`` when the flags say lb/in, ``False`` for kg/m.
    weight : Decimal or SpecialValue
        Weight in the transmitted unit, or
        ``SpecialValue.MEASUREMENT_UNSUCCESSFUL`` for raw 0xFFFF.
    time_stamp : DateTime or None
        The device's timestamp, if sent.
    user_id : int or None
        User index; ``None`` when not sent or 0xFF ("unknown user").
    bmi : Decimal or None
        Body-mass index in kg/m², if sent.
    height : Decimal or None
        Height in the transmitted unit (m or in), if sent.
    """

    imperial: bool
    weight: Decimal | SpecialValue
    time_stamp: DateTime | None = None
    user_id: int | None = None
    bmi: Decimal | None = None
    height: Decimal | None = None

    @property
    def unit(self) -> str:
        """The weight unit as transmitted: ``"kg"`` or ``"lb"``."""
        return "lb" if self.imperial else "kg"

    @property
    def weight_kg(self) -> float | None:
        """Weight in kg (converted from lb when imperial); ``None`` if unsuccessful."""
        if isinstance(self.weight, SpecialValue):
            return None
        return _kg(self.weight, self.imperial)

    @property
    def height_m(self) -> float | None:
        """Height in metres (converted from inches when imperial), if sent."""
        return _metres(self.height, self.imperial)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary (the ``device decode`` output)."""
        special = self.weight if isinstance(self.weight, SpecialValue) else None
        return {
            "characteristic": "weight_measurement",
            "weight_kg": self.weight_kg,
            "unit": self.unit,
            "weight": None if special else float(self.weight),
            "special_value": str(special) if special else None,
            "timestamp": iso_timestamp(self.time_stamp),
            "user_id": self.user_id,
            "bmi": as_float(self.bmi),
            "height_m": self.height_m,
        }


def decode_weight_measurement(payload: bytes) -> WeightMeasurement:
    """Decode a Weight Measurement (0x2A9D) value.

    Examples
    --------
    >>> reading = decode_weight_measurement(bytes.fromhex("01983a"))
    >>> reading.weight, reading.unit, round(reading.weight_kg, 3)
    (Decimal('150.00'), 'lb', 68.039)
    """
    reader = PayloadReader(payload, "Weight Measurement")
    flags = reader.uint(1, "flags")
    imperial = bool(flags & 0x01)
    raw_weight = reader.uint(2, "weight")
    weight: Decimal | SpecialValue = (
        SpecialValue.MEASUREMENT_UNSUCCESSFUL
        if raw_weight == _UNSUCCESSFUL
        else _mass(raw_weight, imperial)
    )
    time_stamp = read_date_time(reader) if flags & 0x02 else None
    user_id = _user(reader.uint(1, "user_id")) if flags & 0x04 else None
    bmi = height = None
    if flags & 0x08:  # one bit announces both BMI and height
        bmi = _tenths(reader.uint(2, "bmi"))
        height = _length(reader.uint(2, "height"), imperial)
    return WeightMeasurement(
        imperial=imperial,
        weight=weight,
        time_stamp=time_stamp,
        user_id=user_id,
        bmi=bmi,
        height=height,
    )


# Weight Scale Feature resolution codes -> (kg, lb) and (m, in); GSS.
_WEIGHT_RESOLUTIONS = {
    1: ("0.5", "1"),
    2: ("0.2", "0.5"),
    3: ("0.1", "0.2"),
    4: ("0.05", "0.1"),
    5: ("0.02", "0.05"),
    6: ("0.01", "0.02"),
    7: ("0.005", "0.01"),
}
_HEIGHT_RESOLUTIONS = {1: ("0.01", "1"), 2: ("0.005", "0.5"), 3: ("0.001", "0.1")}


@attrs.frozen(kw_only=True)
class WeightScaleFeature:
    """What a weight scale supports (0x2A9E), read once at pairing.

    Parameters
    ----------
    time_stamp_supported, multiple_users_supported, bmi_supported : bool
        Support flags (bits 0–2).
    weight_resolution_code : int
        Bits 3–6: 0 not specified, 1–7 as in the GSS, 8–15 reserved.
    height_resolution_code : int
        Bits 7–9: 0 not specified, 1–3 as in the GSS, 4–7 reserved.
    """

    time_stamp_supported: bool
    multiple_users_supported: bool
    bmi_supported: bool
    weight_resolution_code: int
    height_resolution_code: int

    @property
    def weight_resolution_kg(self) -> Decimal | None:
        """The declared weight resolution in kg; ``None`` if not specified."""
        entry = _WEIGHT_RESOLUTIONS.get(self.weight_resolution_code)
        return Decimal(entry[0]) if entry else None

    @property
    def weight_resolution_lb(self) -> Decimal | None:
        """The declared weight resolution in lb; ``None`` if not specified."""
        entry = _WEIGHT_RESOLUTIONS.get(self.weight_resolution_code)
        return Decimal(entry[1]) if entry else None

    @property
    def height_resolution_m(self) -> Decimal | None:
        """The declared height resolution in metres; ``None`` if not specified."""
        entry = _HEIGHT_RESOLUTIONS.get(self.height_resolution_code)
        return Decimal(entry[0]) if entry else None

    @property
    def height_resolution_in(self) -> Decimal | None:
        """The declared height resolution in inches; ``None`` if not specified."""
        entry = _HEIGHT_RESOLUTIONS.get(self.height_resolution_code)
        return Decimal(entry[1]) if entry else None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        return {
            "characteristic": "weight_scale_feature",
            "time_stamp_supported": self.time_stamp_supported,
            "multiple_users_supported": self.multiple_users_supported,
            "bmi_supported": self.bmi_supported,
            "weight_resolution_kg": as_float(self.weight_resolution_kg),
            "weight_resolution_lb": as_float(self.weight_resolution_lb),
            "height_resolution_m": as_float(self.height_resolution_m),
            "height_resolution_in": as_float(self.height_resolution_in),
        }


def decode_weight_scale_feature(payload: bytes) -> WeightScaleFeature:
    """Decode a Weight Scale Feature (0x2A9E) value.

    Examples
    --------
    >>> decode_weight_scale_feature(bytes.fromhex("31000000")).weight_resolution_kg
    Decimal('0.01')
    """
    bits = PayloadReader(payload, "Weight Scale Feature").uint(4, "features")
    return WeightScaleFeature(
        time_stamp_supported=bool(bits & 0x01),
        multiple_users_supported=bool(bits & 0x02),
        bmi_supported=bool(bits & 0x04),
        weight_resolution_code=(bits >> 3) & 0x0F,
        height_resolution_code=(bits >> 7) & 0x07,
    )


@attrs.frozen(kw_only=True)
class BodyCompositionMeasurement:
    """A Body Composition Measurement (0x2A9C) as transmitted.

    Masses and height are in the transmitted unit (kg/m or lb/in, see
    ``imperial``); :meth:`to_dict` converts them to kg and m.

    Parameters
    ----------
    imperial : bool
        ``True`` for lb/in.
    body_fat_percent : Decimal or SpecialValue
        Body fat in %, or ``MEASUREMENT_UNSUCCESSFUL`` for raw 0xFFFF.
    multiple_packet : bool
        Flag bit 12: this record is one of several packets.
    basal_metabolism_kj : int or None
        Basal metabolism in kJ.
    impedance_ohm : Decimal or None
        Impedance in Ω (× 0.1 scaling, UNVERIFIED in the GSS text).
    """

    imperial: bool
    body_fat_percent: Decimal | SpecialValue
    multiple_packet: bool = False
    time_stamp: DateTime | None = None
    user_id: int | None = None
    basal_metabolism_kj: int | None = None
    muscle_percent: Decimal | None = None
    muscle_mass: Decimal | None = None
    fat_free_mass: Decimal | None = None
    soft_lean_mass: Decimal | None = None
    body_water_mass: Decimal | None = None
    impedance_ohm: Decimal | None = None
    weight: Decimal | None = None
    height: Decimal | None = None

    @property
    def unit(self) -> str:
        """The mass unit as transmitted: ``"kg"`` or ``"lb"``."""
        return "lb" if self.imperial else "kg"

    @property
    def weight_kg(self) -> float | None:
        """Weight in kg, if sent."""
        return _kg(self.weight, self.imperial)

    @property
    def height_m(self) -> float | None:
        """Height in metres, if sent."""
        return _metres(self.height, self.imperial)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary with masses in kg and height in m."""
        fat = self.body_fat_percent
        return {
            "characteristic": "body_composition_measurement",
            "unit": self.unit,
            "body_fat_percent": None if isinstance(fat, SpecialValue) else float(fat),
            "special_value": str(fat) if isinstance(fat, SpecialValue) else None,
            "multiple_packet": self.multiple_packet,
            "timestamp": iso_timestamp(self.time_stamp),
            "user_id": self.user_id,
            "basal_metabolism_kj": self.basal_metabolism_kj,
            "muscle_percent": as_float(self.muscle_percent),
            "muscle_mass_kg": _kg(self.muscle_mass, self.imperial),
            "fat_free_mass_kg": _kg(self.fat_free_mass, self.imperial),
            "soft_lean_mass_kg": _kg(self.soft_lean_mass, self.imperial),
            "body_water_mass_kg": _kg(self.body_water_mass, self.imperial),
            "impedance_ohm": as_float(self.impedance_ohm),
            "weight_kg": self.weight_kg,
            "height_m": self.height_m,
        }


def decode_body_composition_measurement(payload: bytes) -> BodyCompositionMeasurement:
    """Decode a Body Composition Measurement (0x2A9C) value.

    Examples
    --------
    >>> decode_body_composition_measurement(bytes.fromhex("0000fd00")).body_fat_percent
    Decimal('25.3')
    """
    reader = PayloadReader(payload, "Body Composition Measurement")
    flags = reader.uint(2, "flags")
    imperial = bool(flags & 0x0001)
    raw_fat = reader.uint(2, "body_fat_percent")
    fat: Decimal | SpecialValue = (
        SpecialValue.MEASUREMENT_UNSUCCESSFUL
        if raw_fat == _UNSUCCESSFUL
        else Decimal(raw_fat) * Decimal("0.1")
    )

    def optional(bit: int, field: str) -> int | None:
        return reader.uint(2, field) if flags & (1 << bit) else None

    def mass(bit: int, field: str) -> Decimal | None:
        raw = optional(bit, field)
        return None if raw is None else _mass(raw, imperial)

    time_stamp = read_date_time(reader) if flags & 0x0002 else None
    user_id = _user(reader.uint(1, "user_id")) if flags & 0x0004 else None
    basal = optional(3, "basal_metabolism")
    muscle_raw = optional(4, "muscle_percent")
    muscle_mass = mass(5, "muscle_mass")
    fat_free = mass(6, "fat_free_mass")
    soft_lean = mass(7, "soft_lean_mass")
    water = mass(8, "body_water_mass")
    impedance_raw = optional(9, "impedance")
    weight = mass(10, "weight")
    height_raw = optional(11, "height")
    return BodyCompositionMeasurement(
        imperial=imperial,
        body_fat_percent=fat,
        multiple_packet=bool(flags & 0x1000),
        time_stamp=time_stamp,
        user_id=user_id,
        basal_metabolism_kj=basal,
        muscle_percent=_tenths(muscle_raw),
        muscle_mass=muscle_mass,
        fat_free_mass=fat_free,
        soft_lean_mass=soft_lean,
        body_water_mass=water,
        impedance_ohm=_tenths(impedance_raw),
        weight=weight,
        height=None if height_raw is None else _length(height_raw, imperial),
    )
