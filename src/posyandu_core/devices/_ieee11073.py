"""IEEE 11073-20601 medical floats: SFLOAT (16 bit) and FLOAT (32 bit).

A value is ``mantissa × 10**exponent``, both two's complement. The exponent
carries the precision (``0xF014`` is "2.0", ``0xE0C8`` is "2.00"), so values
decode to :class:`decimal.Decimal`, never to ``float``, and the trailing zeros
survive. Five raw words at exponent 0 are special values; they decode to a
:class:`SpecialValue`, never to ``float("nan")`` (DEVICES_EXPORTS A1.1).
"""

from __future__ import annotations

import enum
from decimal import Decimal

from posyandu_core.errors import DecodeError, UsageError

__all__ = [
    "MedFloat",
    "SpecialValue",
    "as_float",
    "decode_float",
    "decode_sfloat",
    "encode_sfloat",
]


class SpecialValue(enum.StrEnum):
    """A value a device sent instead of a number.

    The string values are the FHIR ``dataAbsentReason`` codes HL7-PHD maps
    them to (``error`` for NRes and the reserved word).
    """

    NAN = "not-a-number"
    NRES = "nres"  # not at this resolution
    POSITIVE_INFINITY = "positive-infinity"
    NEGATIVE_INFINITY = "negative-infinity"
    RESERVED = "reserved"  # reserved for future use (RFU)
    MEASUREMENT_UNSUCCESSFUL = "measurement-unsuccessful"  # 0xFFFF in WSS/BCS

    @property
    def data_absent_reason(self) -> str:
        """The FHIR ``dataAbsentReason`` code for this value."""
        if self in (
            SpecialValue.NAN,
            SpecialValue.POSITIVE_INFINITY,
            SpecialValue.NEGATIVE_INFINITY,
        ):
            return str(self)
        return "error"


MedFloat = Decimal | SpecialValue
"""A decoded medical float: a number with its precision, or a special value."""

_SFLOAT_SPECIAL = {
    0x07FF: SpecialValue.NAN,
    0x0800: SpecialValue.NRES,
    0x07FE: SpecialValue.POSITIVE_INFINITY,
    0x0802: SpecialValue.NEGATIVE_INFINITY,
    0x0801: SpecialValue.RESERVED,
}
_FLOAT_SPECIAL = {
    0x007FFFFF: SpecialValue.NAN,
    0x00800000: SpecialValue.NRES,
    0x007FFFFE: SpecialValue.POSITIVE_INFINITY,
    0x00800002: SpecialValue.NEGATIVE_INFINITY,
    0x00800001: SpecialValue.RESERVED,
}


def as_float(value: MedFloat | None) -> float | None:
    """Return a number as ``float``; ``None`` for a special value or no value.

    For JSON and for arithmetic once the precision no longer matters.
    """
    if value is None or isinstance(value, SpecialValue):
        return None
    return float(value)


def _signed(value: int, bits: int) -> int:
    return value - (1 << bits) if value >= 1 << (bits - 1) else value


def decode_sfloat(raw: int) -> MedFloat:
    """Decode a 16-bit SFLOAT word (already read little-endian).

    Parameters
    ----------
    raw : int
        The word, 0 to 0xFFFF.

    Returns
    -------
    Decimal or SpecialValue
        The value with its precision, or the special value the word encodes.
        Special values exist at exponent 0 only: ``0xF7FF`` is 204.7.

    Examples
    --------
    >>> decode_sfloat(0xF014), decode_sfloat(0x0B2E), decode_sfloat(0x07FF)
    (Decimal('2.0'), Decimal('-1234'), <SpecialValue.NAN: 'not-a-number'>)
    """
    if not 0 <= raw <= 0xFFFF:
        msg = f"SFLOAT word out of range: {raw!r}"
        raise DecodeError(msg, message_id=f"kata SFLOAT di luar rentang: {raw!r}")
    if raw in _SFLOAT_SPECIAL:
        return _SFLOAT_SPECIAL[raw]
    return Decimal(_signed(raw & 0x0FFF, 12)).scaleb(_signed(raw >> 12, 4))


def decode_float(raw: int) -> MedFloat:
    """Decode a 32-bit FLOAT word (already read little-endian).

    Parameters
    ----------
    raw : int
        The word, 0 to 0xFFFFFFFF.

    Returns
    -------
    Decimal or SpecialValue
        The value with its precision, or the special value the word encodes.

    Examples
    --------
    >>> decode_float(0xFF00016D), decode_float(0xFE000EB0)
    (Decimal('36.5'), Decimal('37.60'))
    """
    if not 0 <= raw <= 0xFFFFFFFF:
        msg = f"FLOAT word out of range: {raw!r}"
        raise DecodeError(msg, message_id=f"kata FLOAT di luar rentang: {raw!r}")
    if raw in _FLOAT_SPECIAL:
        return _FLOAT_SPECIAL[raw]
    return Decimal(_signed(raw & 0xFFFFFF, 24)).scaleb(_signed(raw >> 24, 8))


def encode_sfloat(value: MedFloat) -> int:
    """Encode a value as a 16-bit SFLOAT word, keeping its exponent.

    Used by the simulators; the inverse of :func:`decode_sfloat` for every
    value that fits (mantissa −2045…2045 after normalisation).

    Examples
    --------
    >>> hex(encode_sfloat(Decimal("2.00"))), hex(encode_sfloat(Decimal("16.0")))
    ('0xe0c8', '0xf0a0')
    """
    if isinstance(value, SpecialValue):
        for raw, special in _SFLOAT_SPECIAL.items():
            if special is value:
                return raw
        msg = f"{value} has no SFLOAT encoding"
        raise UsageError(msg, message_id=f"{value} tidak punya sandi SFLOAT")
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        msg = f"cannot encode {value} as SFLOAT"
        raise UsageError(
            msg, message_id=f"{value} tidak dapat disandikan sebagai SFLOAT"
        )
    mantissa = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
    # Too many digits: drop trailing zeros into the exponent before giving up.
    while not -2045 <= mantissa <= 2045 and mantissa % 10 == 0:
        mantissa //= 10
        exponent += 1
    if not -2045 <= mantissa <= 2045 or not -8 <= exponent <= 7:
        msg = f"{value} does not fit an SFLOAT"
        raise UsageError(msg, message_id=f"{value} tidak muat dalam SFLOAT")
    return ((exponent & 0xF) << 12) | (mantissa & 0x0FFF)
