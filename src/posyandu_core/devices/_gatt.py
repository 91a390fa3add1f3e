"""Dispatch a characteristic value to its decoder, by UUID."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TypeAlias

from posyandu_core.devices._gatt_bp import (
    BloodPressureFeature,
    BloodPressureMeasurement,
    IntermediateCuffPressure,
    decode_blood_pressure_feature,
    decode_blood_pressure_measurement,
    decode_intermediate_cuff_pressure,
)
from posyandu_core.devices._gatt_glucose import (
    GlucoseMeasurement,
    decode_glucose_measurement,
)
from posyandu_core.devices._gatt_thermometer import (
    TemperatureMeasurement,
    decode_temperature_measurement,
)
from posyandu_core.devices._gatt_time import DateTime, decode_date_time
from posyandu_core.devices._gatt_weight import (
    BodyCompositionMeasurement,
    WeightMeasurement,
    WeightScaleFeature,
    decode_body_composition_measurement,
    decode_weight_measurement,
    decode_weight_scale_feature,
)
from posyandu_core.errors import DecodeError

__all__ = [
    "BLOOD_PRESSURE_SERVICE",
    "BODY_COMPOSITION_SERVICE",
    "CHARACTERISTICS",
    "GLUCOSE_SERVICE",
    "HEALTH_SERVICES",
    "HEALTH_THERMOMETER_SERVICE",
    "WEIGHT_SCALE_SERVICE",
    "GattReading",
    "decode",
    "full_uuid",
    "uuid16",
]

GattReading: TypeAlias = (
    WeightMeasurement
    | WeightScaleFeature
    | BloodPressureMeasurement
    | IntermediateCuffPressure
    | BloodPressureFeature
    | TemperatureMeasurement
    | GlucoseMeasurement
    | BodyCompositionMeasurement
    | DateTime
)

WEIGHT_SCALE_SERVICE = 0x181D
BLOOD_PRESSURE_SERVICE = 0x1810
HEALTH_THERMOMETER_SERVICE = 0x1809
GLUCOSE_SERVICE = 0x1808
BODY_COMPOSITION_SERVICE = 0x181B
HEALTH_SERVICES: Mapping[int, str] = MappingProxyType(
    {
        WEIGHT_SCALE_SERVICE: "Weight Scale",
        BLOOD_PRESSURE_SERVICE: "Blood Pressure",
        HEALTH_THERMOMETER_SERVICE: "Health Thermometer",
        GLUCOSE_SERVICE: "Glucose",
        BODY_COMPOSITION_SERVICE: "Body Composition",
    }
)
"""The health services ``posyandu device scan`` looks for, by 16-bit UUID."""

_DECODERS: dict[int, tuple[str, Callable[[bytes], GattReading]]] = {
    0x2A9D: ("Weight Measurement", decode_weight_measurement),
    0x2A9E: ("Weight Scale Feature", decode_weight_scale_feature),
    0x2A35: ("Blood Pressure Measurement", decode_blood_pressure_measurement),
    0x2A36: ("Intermediate Cuff Pressure", decode_intermediate_cuff_pressure),
    0x2A49: ("Blood Pressure Feature", decode_blood_pressure_feature),
    0x2A1C: ("Temperature Measurement", decode_temperature_measurement),
    0x2A18: ("Glucose Measurement", decode_glucose_measurement),
    0x2A9C: ("Body Composition Measurement", decode_body_composition_measurement),
    0x2A08: ("Date Time", decode_date_time),
}
CHARACTERISTICS: Mapping[int, str] = MappingProxyType(
    {key: name for key, (name, _) in _DECODERS.items()}
)
"""Names of the characteristics :func:`decode` understands, by 16-bit UUID."""

_BASE_SUFFIX = "-0000-1000-8000-00805f9b34fb"
_SHORT = re.compile(r"(?:0x)?([0-9a-f]{1,4})")


def uuid16(characteristic: int | str | uuid.UUID) -> int:
    """Return the 16-bit SIG UUID of ``characteristic``.

    Parameters
    ----------
    characteristic : int, str or uuid.UUID
        ``0x2A9D``, ``"0x2A9D"``, ``"2a9d"`` or a 128-bit UUID on the
        Bluetooth base (``"00002a9d-0000-1000-8000-00805f9b34fb"``, the form
        bleak reports).

    Raises
    ------
    DecodeError
        For anything else, e.g. a vendor 128-bit UUID.

    Examples
    --------
    >>> uuid16("0x2A9D") == uuid16("2a9d") == uuid16(0x2A9D) == 0x2A9D
    True
    >>> hex(uuid16("00002A35-0000-1000-8000-00805F9B34FB"))
    '0x2a35'
    """
    if isinstance(characteristic, bool):
        characteristic = str(characteristic)  # not a UUID; fall through to the error
    if isinstance(characteristic, int) and 0 <= characteristic <= 0xFFFF:
        return characteristic
    text = str(characteristic).strip().lower()
    if match := _SHORT.fullmatch(text):
        return int(match.group(1), 16)
    try:
        full = str(uuid.UUID(text))
    except ValueError:
        full = ""
    if full.startswith("0000") and full.endswith(_BASE_SUFFIX):
        return int(full[4:8], 16)
    msg = f"not a 16-bit Bluetooth SIG UUID: {characteristic!r}"
    raise DecodeError(
        msg,
        message_id=f"bukan UUID Bluetooth SIG 16-bit: {characteristic!r}",
        field="characteristic",
        value=characteristic,
        fix='give it as 0x2A9D, "2a9d" or 00002a9d-0000-1000-8000-00805f9b34fb',
        fix_id='tulis sebagai 0x2A9D, "2a9d" atau 00002a9d-0000-1000-8000-00805f9b34fb',
    )


def full_uuid(short: int) -> str:
    """Return the 128-bit form of a 16-bit SIG UUID, as bleak spells it.

    Examples
    --------
    >>> full_uuid(0x181D)
    '0000181d-0000-1000-8000-00805f9b34fb'
    """
    return f"0000{short:04x}{_BASE_SUFFIX}"


def decode(characteristic: int | str | uuid.UUID, payload: bytes) -> GattReading:
    """Decode a characteristic value by its UUID.

    Parameters
    ----------
    characteristic : int, str or uuid.UUID
        The characteristic UUID in any form :func:`uuid16` accepts.
    payload : bytes
        The value only (what bleak passes to a notify callback), no ATT header.

    Returns
    -------
    GattReading
        The typed reading, e.g. :class:`WeightMeasurement` for 0x2A9D.

    Raises
    ------
    DecodeError
        The UUID is not supported or the payload does not follow the layout.

    Examples
    --------
    >>> decode("2a9d", bytes.fromhex("00d606")).weight_kg
    8.75
    """
    key = uuid16(characteristic)
    if key not in _DECODERS:
        known = ", ".join(f"0x{k:04X} {name}" for k, (name, _) in _DECODERS.items())
        msg = f"no decoder for characteristic 0x{key:04X}"
        raise DecodeError(
            msg,
            message_id=f"tidak ada pembaca untuk karakteristik 0x{key:04X}",
            field="characteristic",
            value=characteristic,
            fix=f"use one of {known}",
            fix_id=f"pakai salah satu dari {known}",
        )
    return _DECODERS[key][1](bytes(payload))
