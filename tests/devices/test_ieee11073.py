from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.devices import (
    SpecialValue,
    decode_float,
    decode_sfloat,
    encode_sfloat,
)


# DEVICES_EXPORTS A1.1.3 (HL7-PHD table) and the extra vectors under it.
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0x0002, "2"),
        (0xF014, "2.0"),
        (0xE0C8, "2.00"),
        (0x1002, "2E+1"),
        (0x2002, "2E+2"),
        (0x04D2, "1234"),
        (0x0B2E, "-1234"),
        (0x0078, "120"),
        (0xF0A0, "16.0"),
        (0xB05F, "0.00095"),
        (0xC03E, "0.0062"),
        (0xF7FF, "204.7"),  # B9: exponent -1, so not NaN
    ],
)
def test_sfloat_vectors(raw: int, expected: str) -> None:
    value = decode_sfloat(raw)
    assert isinstance(value, Decimal)
    # Same digits *and* the same exponent: the precision survives.
    assert value.as_tuple() == Decimal(expected).as_tuple()


def test_sfloat_values_compare_as_numbers() -> None:
    assert decode_sfloat(0x1002) == 20
    assert decode_sfloat(0x2002) == 200


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0xFF000014, "2.0"),
        (0xFE0000C8, "2.00"),
        (0x00FFFB2E, "-1234"),
        (0xFF00016D, "36.5"),
        (0xFE000EB0, "37.60"),
    ],
)
def test_float_vectors(raw: int, expected: str) -> None:
    value = decode_float(raw)
    assert isinstance(value, Decimal)
    assert value.as_tuple() == Decimal(expected).as_tuple()


@pytest.mark.parametrize(
    ("sfloat", "float32", "special"),
    [
        (0x07FF, 0x007FFFFF, SpecialValue.NAN),
        (0x0800, 0x00800000, SpecialValue.NRES),
        (0x07FE, 0x007FFFFE, SpecialValue.POSITIVE_INFINITY),
        (0x0802, 0x00800002, SpecialValue.NEGATIVE_INFINITY),
        (0x0801, 0x00800001, SpecialValue.RESERVED),
    ],
)
def test_special_values(sfloat: int, float32: int, special: SpecialValue) -> None:
    assert decode_sfloat(sfloat) is special
    assert decode_float(float32) is special


def test_fhir_data_absent_reasons() -> None:
    assert SpecialValue.NAN.data_absent_reason == "not-a-number"
    assert SpecialValue.POSITIVE_INFINITY.data_absent_reason == "positive-infinity"
    assert SpecialValue.NRES.data_absent_reason == "error"
    assert SpecialValue.RESERVED.data_absent_reason == "error"


@pytest.mark.parametrize("raw", [-1, 0x10000])
def test_sfloat_rejects_words_out_of_range(raw: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        decode_sfloat(raw)


@given(st.integers(0, 0xFFFF))
def test_sfloat_encode_inverts_decode(raw: int) -> None:
    mantissa = raw & 0x0FFF
    mantissa = mantissa - 0x1000 if mantissa >= 0x800 else mantissa
    value = decode_sfloat(raw)
    if isinstance(value, SpecialValue) or -2045 <= mantissa <= 2045:
        assert encode_sfloat(value) == raw
    else:  # ±2046..2048 are special words at exponent 0, so never encoded
        with pytest.raises(ValueError, match="does not fit"):
            encode_sfloat(value)


def test_encode_sfloat_rejects_values_that_do_not_fit() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        encode_sfloat(Decimal("123456"))
    assert decode_sfloat(encode_sfloat(Decimal("120000"))) == 120000
