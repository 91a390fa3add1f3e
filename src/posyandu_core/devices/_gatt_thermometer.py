"""Health Thermometer (0x1809): Temperature Measurement (0x2A1C)."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import attrs

from posyandu_core.devices._gatt_time import DateTime, iso_timestamp, read_date_time
from posyandu_core.devices._ieee11073 import MedFloat, SpecialValue, as_float
from posyandu_core.devices._reader import PayloadReader

__all__ = [
    "TemperatureMeasurement",
    "TemperatureType",
    "decode_temperature_measurement",
]


class TemperatureType(enum.IntEnum):
    """Where the temperature was taken (GSS ``temperature_type``)."""

    ARMPIT = 1
    BODY = 2
    EAR = 3  # usually the earlobe
    FINGER = 4
    GASTROINTESTINAL_TRACT = 5
    MOUTH = 6
    RECTUM = 7
    TOE = 8
    TYMPANUM = 9  # ear drum


@attrs.frozen(kw_only=True)
class TemperatureMeasurement:
    """A Temperature Measurement (0x2A1C) as transmitted.

    Parameters
    ----------
    fahrenheit : bool
        ``True`` for °F, ``False`` for °C.
    temperature : Decimal or SpecialValue
        The value in the transmitted unit.
    time_stamp : DateTime or None
        The device's timestamp, if sent.
    temperature_type : int or None
        The raw type code, if sent (0 and 10–255 are reserved); see
        :attr:`site`.
    """

    fahrenheit: bool
    temperature: MedFloat
    time_stamp: DateTime | None = None
    temperature_type: int | None = None

    @property
    def unit(self) -> str:
        """``"°F"`` or ``"°C"``, as transmitted."""
        return "°F" if self.fahrenheit else "°C"

    @property
    def celsius(self) -> float | None:
        """The temperature in °C (``None`` for a special value)."""
        if isinstance(self.temperature, SpecialValue):
            return None
        if self.fahrenheit:
            return float((self.temperature - 32) * 5 / Decimal(9))
        return float(self.temperature)

    @property
    def site(self) -> TemperatureType | None:
        """The measurement site, or ``None`` if not sent or reserved."""
        if self.temperature_type is None:
            return None
        try:
            return TemperatureType(self.temperature_type)
        except ValueError:
            return None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        special = (
            self.temperature if isinstance(self.temperature, SpecialValue) else None
        )
        site = self.site
        return {
            "characteristic": "temperature_measurement",
            "temperature": as_float(self.temperature),
            "unit": self.unit,
            "celsius": self.celsius,
            "special_value": str(special) if special else None,
            "timestamp": iso_timestamp(self.time_stamp),
            "temperature_type": self.temperature_type,
            "site": site.name.lower() if site else None,
        }


def decode_temperature_measurement(payload: bytes) -> TemperatureMeasurement:
    """Decode a Temperature Measurement (0x2A1C) value.

    Examples
    --------
    >>> decode_temperature_measurement(bytes.fromhex("01da0300ff")).celsius
    37.0
    """
    reader = PayloadReader(payload, "Temperature Measurement")
    flags = reader.uint(1, "flags")
    temperature = reader.float32("temperature")
    time_stamp = read_date_time(reader) if flags & 0x02 else None
    temperature_type = reader.uint(1, "temperature_type") if flags & 0x04 else None
    return TemperatureMeasurement(
        fahrenheit=bool(flags & 0x01),
        temperature=temperature,
        time_stamp=time_stamp,
        temperature_type=temperature_type,
    )
