"""What a serial scale said, and how a protocol is driven over a line."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs

from posyandu_core.errors import DecodeError
from posyandu_core.model import Measurement

__all__ = [
    "MASS_UNITS_KG",
    "DeviceReading",
    "ScaleProtocol",
    "ScaleReading",
    "ScaleStatus",
    "to_kg",
]

# Exact factors to kg; the pound and ounces are defined exactly in SI.
MASS_UNITS_KG: dict[str, Decimal] = {
    "kg": Decimal(1),
    "g": Decimal("0.001"),
    "mg": Decimal("0.000001"),
    "lb": Decimal("0.45359237"),
    "lbs": Decimal("0.45359237"),
    "oz": Decimal("0.028349523125"),
    "ozt": Decimal("0.0311034768"),  # troy ounce
    "dwt": Decimal("0.00155517384"),  # pennyweight
    "gn": Decimal("0.00006479891"),  # grain
    "ct": Decimal("0.0002"),  # metric carat
}
COUNT_UNITS = frozenset({"pc", "pcs"})


def to_kg(value: Decimal, unit: str) -> Decimal:
    """Convert a mass to kg, exactly.

    Raises
    ------
    DecodeError
        ``unit`` is not a mass unit (``PC``, ``%``, the ambiguous ``tl`` …).

    Examples
    --------
    >>> to_kg(Decimal("1234.5"), "g"), to_kg(Decimal("150"), "lb")
    (Decimal('1.2345'), Decimal('68.03885550'))
    """
    factor = MASS_UNITS_KG.get(unit.strip().lower())
    if factor is None:
        units = ", ".join(sorted(MASS_UNITS_KG))
        msg = f"unit {unit!r} is not a mass unit posyandu_core converts"
        raise DecodeError(
            msg,
            message_id=f"satuan {unit!r} bukan satuan massa yang diubah posyandu_core",
            field="unit",
            value=unit,
            fix=f"set the scale to one of {units}",
            fix_id=f"atur timbangan ke salah satu dari {units}",
        )
    return value * factor


class ScaleStatus(enum.StrEnum):
    """What kind of line the scale sent."""

    WEIGHT = "weight"
    COUNT = "count"  # counting mode (pieces): not a weight
    OVERLOAD = "overload"  # above capacity: no value
    UNDERLOAD = "underload"  # below zero range: no value
    ERROR = "error"  # an error reply (syntax, logical, module fault …)


@attrs.frozen(kw_only=True)
class ScaleReading:
    """One decoded line from a serial scale.

    Parameters
    ----------
    protocol : str
        ``"mt-sics"``, ``"and"`` or the name of a continuous format.
    status : ScaleStatus
        Weight, count, overload, underload or error.
    stable : bool
        The scale reported the value as stable. Only stable weights are
        recorded; unstable ones are for live display.
    value : Decimal or None
        The number as sent, in ``unit``; ``None`` without a value.
    unit : str or None
        The unit as sent (``kg``, ``g``, ``lb``, ``PC`` …).
    raw : str
        The line as received, without its terminator.
    error : str or None
        The error code for ``ERROR`` (``ES``, ``S I``, ``Error 10b`` …).
    detail : str or None
        What the error code means, or the A&D comparator result.
    """

    protocol: str
    status: ScaleStatus = attrs.field(converter=ScaleStatus)
    stable: bool
    value: Decimal | None = None
    unit: str | None = None
    raw: str = ""
    error: str | None = None
    detail: str | None = None

    @property
    def weight_kg(self) -> float | None:
        """The weight in kg, or ``None`` for counts, overloads and errors."""
        if self.status is not ScaleStatus.WEIGHT or self.value is None:
            return None
        return float(to_kg(self.value, self.unit or "kg"))

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary (the ``device read`` output)."""
        return {
            "protocol": self.protocol,
            "status": str(self.status),
            "weight_kg": self.weight_kg,
            "stable": self.stable,
            "value": None if self.value is None else float(self.value),
            "unit": self.unit,
            "raw": self.raw,
            "error": self.error,
            "detail": self.detail,
        }


def _measurements(values: Iterable[Measurement]) -> tuple[Measurement, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class DeviceReading:
    """One line from a serial device of any kind, as the Measurements it carries.

    A blood-pressure monitor's line gives a systolic, a diastolic and a
    pulse; a thermometer's a temperature. A protocol's ``parse`` returns a
    ``DeviceReading`` for anything that is not a weight (a weight is a
    :class:`ScaleReading`).

    Parameters
    ----------
    protocol : str
        The protocol (driver) that read it.
    measurements : tuple of Measurement
        What the line says, each with its kind and unit.
    stable : bool
        Whether the device reports the reading as final; unstable ones are
        skipped by the serial reader.
    raw : str
        The line as received.
    """

    protocol: str
    measurements: tuple[Measurement, ...] = attrs.field(converter=_measurements)
    stable: bool = True
    raw: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary (the ``device read`` output)."""
        return {
            "protocol": self.protocol,
            "stable": self.stable,
            "raw": self.raw,
            "measurements": [
                {
                    "kind": str(m.kind),
                    "value": m.value,
                    "unit": m.unit,
                    "measured_at": m.measured_at.isoformat(),
                }
                for m in self.measurements
            ],
        }


def weight_reading(
    protocol: str,
    *,
    stable: bool,
    number: str,
    unit: str,
    raw: str,
    detail: str | None = None,
) -> ScaleReading:
    """Build a weight (or count) reading, checking the number and the unit."""
    try:
        value = Decimal(number)
    except ArithmeticError:
        value = Decimal("NaN")
    if not value.is_finite() or not number.strip():
        msg = f"{protocol}: {number!r} is not a number"
        raise DecodeError(
            msg,
            message_id=f"{protocol}: {number!r} bukan angka",
            field="value",
            value=raw,
        )
    if unit.strip().lower() in COUNT_UNITS:
        return ScaleReading(
            protocol=protocol,
            status=ScaleStatus.COUNT,
            stable=stable,
            value=value,
            unit=unit,
            raw=raw,
            detail=detail,
        )
    to_kg(value, unit)  # raises for units that are not masses
    return ScaleReading(
        protocol=protocol,
        status=ScaleStatus.WEIGHT,
        stable=stable,
        value=value,
        unit=unit,
        raw=raw,
        detail=detail,
    )


def text_of(line: str | bytes, protocol: str) -> str:
    """Return ``line`` as text without its CR/LF terminator."""
    if isinstance(line, str):
        return line.rstrip("\r\n")
    try:
        text = bytes(line).decode("ascii")
    except UnicodeDecodeError as exc:
        msg = f"{protocol}: line is not ASCII"
        raise DecodeError(
            msg,
            message_id=f"{protocol}: baris bukan teks ASCII",
            value=bytes(line),
            fix="check the baud rate, parity and data bits",
            fix_id="periksa baud rate, paritas dan bit data",
        ) from exc
    return text.rstrip("\r\n")


@attrs.frozen(kw_only=True)
class ScaleProtocol:
    r"""How to get a reading from one kind of serial scale.

    Parameters
    ----------
    name : str
        Id used by the CLI and in readings, e.g. ``"mt-sics"``.
    parse : callable
        ``parse(line) -> ScaleReading`` for a weight, or a
        :class:`DeviceReading` for any other kind; raises ``DecodeError``.
    request : bytes or None
        Command that asks for one reading (``b"SI\r\n"``), or ``None`` for
        a scale that streams on its own.
    """

    name: str
    parse: Callable[[str | bytes], ScaleReading | DeviceReading]
    request: bytes | None = None
