"""MT-SICS, A&D and continuous-output lines: every vector of DEVICES_EXPORTS A2."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.devices import (
    CAS,
    OHAUS,
    TOLEDO_POS,
    TORREY,
    ContinuousFormat,
    ScaleStatus,
    mtsics_crc16,
    parse_and_line,
    parse_continuous_line,
    parse_mtsics_line,
    to_kg,
)
from posyandu_core.errors import DecodeError

CRLF = "\r\n"


@pytest.mark.parametrize(
    ("line", "stable", "value", "unit", "kg"),
    [
        ("S S      12.34 kg", True, "12.34", "kg", 12.34),  # M1
        ("S D      12.36 kg", False, "12.36", "kg", 12.36),  # M2
        ("S S     -0.005 kg", True, "-0.005", "kg", -0.005),  # M3
        ("S S     100.00 g", True, "100.00", "g", 0.1),  # M4
        ("S S     14.256 g", True, "14.256", "g", 0.014256),  # M5
        ("S S     12.34 kg", True, "12.34", "kg", 12.34),  # 9-char field, same tokens
        ("SIC1 S   12325.00 g E603", True, "12325.00", "g", 12.325),  # M9
        ("SIC2 S 12325.0012 g C7C9", True, "12325.0012", "g", 12.3250012),  # M10
    ],
    ids=["M1", "M2", "M3", "M4", "M5", "M1-9char", "M9", "M10"],
)
def test_mtsics_weights(
    line: str, stable: bool, value: str, unit: str, kg: float
) -> None:
    for variant in (line + CRLF, line + "\r", line + "\n", (line + CRLF).encode()):
        r = parse_mtsics_line(variant)
        assert r.status is ScaleStatus.WEIGHT
        assert (r.stable, r.value, r.unit, r.raw) == (
            stable,
            Decimal(value),
            unit,
            line,
        )
        assert r.weight_kg == pytest.approx(kg)


@pytest.mark.parametrize(
    ("line", "status", "error"),
    [
        ("S I", ScaleStatus.ERROR, "S I"),  # M6
        ("S +", ScaleStatus.OVERLOAD, None),
        ("S -", ScaleStatus.UNDERLOAD, None),
        ("ES", ScaleStatus.ERROR, "ES"),  # M7
        ("ET", ScaleStatus.ERROR, "ET"),
        ("EL", ScaleStatus.ERROR, "EL"),
        ("S L", ScaleStatus.ERROR, "S L"),
        ("S S  Error 10b", ScaleStatus.ERROR, "Error 10b"),  # M8
    ],
)
def test_mtsics_no_value_replies(
    line: str, status: ScaleStatus, error: str | None
) -> None:
    r = parse_mtsics_line(line + CRLF)
    assert (r.status, r.error, r.value, r.weight_kg) == (status, error, None, None)


def test_m8_names_the_module_fault() -> None:
    assert parse_mtsics_line("S S  Error 10b").detail == "EEPROM error (electronics)"


def test_m11_bad_crc_is_rejected() -> None:
    with pytest.raises(DecodeError, match="CRC mismatch") as info:
        parse_mtsics_line("SIC1 S   12325.00 g E604\r\n")
    assert info.value.field == "crc"


def test_crc_check_value() -> None:
    assert mtsics_crc16(b"123456789") == 0x29B1
    assert mtsics_crc16(b"SIC1 S   12325.00 g ") == 0xE603


@pytest.mark.parametrize(
    "line",
    [
        "",
        'I4 A "0123456789"',
        "S X 12.3 kg",
        "S S twelve kg",
        "S S 12.34",
        "S S 12.34 %",
        "S S 1.2.3 kg",
        "SIC1 S 12.00 g XYZW",
    ],
)
def test_mtsics_malformed_lines(line: str) -> None:
    with pytest.raises(DecodeError):
        parse_mtsics_line(line)


def test_non_ascii_bytes_are_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="not ASCII"):
        parse_mtsics_line(b"S S \xff12.34 kg\r\n")


@pytest.mark.parametrize(
    ("line", "status", "stable", "value", "unit", "kg", "detail"),
    [
        ("ST,+00012.34 kg", ScaleStatus.WEIGHT, True, "12.34", "kg", 12.34, None),  # A1
        ("US,+00012.30 kg", ScaleStatus.WEIGHT, False, "12.30", "kg", 12.3, None),  # A2
        (
            "ST,-0000.015 kg",
            ScaleStatus.WEIGHT,
            True,
            "-0.015",
            "kg",
            -0.015,
            None,
        ),  # A3
        ("QT,+00012345 PC", ScaleStatus.COUNT, True, "12345", "PC", None, None),  # A5
        (
            "ST,+001234.5  g",
            ScaleStatus.WEIGHT,
            True,
            "1234.5",
            "g",
            1.2345,
            None,
        ),  # A6
        (
            "ST,OK,+0001.234 kg",
            ScaleStatus.WEIGHT,
            True,
            "1.234",
            "kg",
            1.234,
            "OK",
        ),  # A7
        ("ST,+00012.34 lb", ScaleStatus.WEIGHT, True, "12.34", "lb", 5.597329846, None),
        (
            "ST,+0012.345 oz",
            ScaleStatus.WEIGHT,
            True,
            "12.345",
            "oz",
            0.349974862,
            None,
        ),
    ],
    ids=["A1", "A2", "A3", "A5", "A6", "A7", "lb", "oz"],
)
def test_and_lines(
    line: str,
    status: ScaleStatus,
    stable: bool,
    value: str,
    unit: str,
    kg: float | None,
    detail: str | None,
) -> None:
    r = parse_and_line(line + CRLF)
    assert (r.status, r.stable, r.value, r.unit, r.detail) == (
        status,
        stable,
        Decimal(value),
        unit,
        detail,
    )
    assert r.weight_kg == (None if kg is None else pytest.approx(kg))


@pytest.mark.parametrize(
    "line", ["OL,+999999.9  g", "OL,-99999999 PC", "OL,+9999999E+19"]
)
def test_a4_overload_never_has_a_weight(line: str) -> None:
    r = parse_and_line(line)
    assert (r.status, r.value, r.weight_kg) == (ScaleStatus.OVERLOAD, None, None)


@pytest.mark.parametrize(
    "line",
    [
        "WT,+00012.34 kg",
        "ST+00012.34 kg",
        "ST,00012.34 kg",
        "ST,+00012.34",
        "QT,+00012.34 kg",
        "ST,+1E+5 kg",
        "ST,+00012.34 tl",
    ],
)
def test_and_malformed_lines(line: str) -> None:
    with pytest.raises(DecodeError):
        parse_and_line(line)


@pytest.mark.parametrize(
    ("fmt", "line", "stable", "kg"),
    [
        (TORREY, "ST,GS,+   1.250kg", True, 1.25),
        (TORREY, "US,GS,+   0.850kg", False, 0.85),
        (TORREY, "ST,NT,-   0.050kg", True, -0.05),
        (CAS, "ST,+001.250kg", True, 1.25),
        (TOLEDO_POS, "S   1.250 kg", True, 1.25),
        (TOLEDO_POS, "D   1.250 kg", False, 1.25),
        (OHAUS, "     192.21 g", True, 0.19221),
        (OHAUS, "       0.01 g ?", False, 0.00001),
    ],
)
def test_continuous_presets(
    fmt: ContinuousFormat, line: str, stable: bool, kg: float
) -> None:
    r = parse_continuous_line(line + CRLF, fmt)
    assert (r.status, r.stable, r.protocol) == (ScaleStatus.WEIGHT, stable, fmt.name)
    assert r.weight_kg == pytest.approx(kg)


def test_continuous_overload_and_unknown_state() -> None:
    assert parse_continuous_line("OL,+999.999kg", CAS).status is ScaleStatus.OVERLOAD
    with pytest.raises(DecodeError, match="unknown stability token"):
        parse_continuous_line(
            "XX,+001.250kg",
            ContinuousFormat(
                name="loose",
                pattern=r"(?P<state>\w\w),(?P<value>[+-][\d.]+)(?P<unit>kg)",
                stable_states={"ST"},
            ),
        )


def test_custom_format_with_default_unit() -> None:
    # A baby scale that prints grams with no unit: "W=003450 STABLE".
    fmt = ContinuousFormat(
        name="babyscale",
        pattern=r"W=(?P<value>\d+) (?P<state>STABLE|MOVING)",
        stable_states={"STABLE"},
        unstable_states={"MOVING"},
        default_unit="g",
    )
    r = fmt.parse("W=003450 STABLE\r\n")
    assert (r.stable, r.value, r.unit, r.weight_kg) == (True, Decimal(3450), "g", 3.45)
    assert not fmt.parse("W=003400 MOVING").stable
    with pytest.raises(DecodeError, match="does not match"):
        fmt.parse("W=?")


def test_format_needs_a_value_group() -> None:
    with pytest.raises(ValueError, match="named group 'value'"):
        ContinuousFormat(name="bad", pattern=r"(?P<weight>\d+)")


def test_to_kg_is_exact_and_rejects_other_units() -> None:
    assert to_kg(Decimal("150.00"), "lb") == Decimal("68.0388555000")
    assert to_kg(Decimal("1"), "KG") == 1
    with pytest.raises(DecodeError, match="not a mass unit"):
        to_kg(Decimal(1), "%")


_PARSERS = [
    parse_mtsics_line,
    parse_and_line,
    *(fmt.parse for fmt in (TORREY, CAS, TOLEDO_POS, OHAUS)),
]


@pytest.mark.parametrize("parse", _PARSERS)
@given(line=st.text(max_size=40) | st.binary(max_size=40))
def test_line_parsers_raise_only_decode_error(parse: object, line: str | bytes) -> None:
    try:
        reading = parse(line)  # type: ignore[operator]
    except DecodeError:
        return
    reading.to_dict()


@pytest.mark.parametrize("parse", _PARSERS)
@given(
    line=st.from_regex(
        r"\A(S|SI|ST|US|OL|QT|D) ?[SD,+-]? *-?[0-9 .]{0,10} ?[a-zA-Z%]{0,4}\Z"
    )
)
def test_line_parsers_near_the_grammar_raise_only_decode_error(
    parse: object, line: str
) -> None:
    with contextlib.suppress(DecodeError):
        parse(line)  # type: ignore[operator]
