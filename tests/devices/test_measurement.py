"""Readings -> Measurements: SI units, device ids, plausibility and calibration issues."""

from __future__ import annotations

import datetime as dt

import pytest

from posyandu_core.devices import (
    check_plausibility,
    decode,
    parse_and_line,
    parse_mtsics_line,
    to_measurements,
)
from posyandu_core.model import Equipment, Measurement, MeasurementKind
from posyandu_core.rules import Severity

WHEN = dt.datetime(2025, 3, 14, 9, 5)


def codes(conversion: object) -> list[str]:
    return [i.code for i in conversion.issues]  # type: ignore[attr-defined]


def test_stable_scale_line_becomes_a_weight() -> None:
    c = to_measurements(
        parse_mtsics_line("S S     3450.0 g"),
        measured_at=WHEN,
        device_class="baby_scale",
        device_id="TB-01",
        device_model="XS204",
        person_id="P1",
        kader="Siti",
    )
    (m,) = c.measurements
    assert (m.kind, m.value, m.unit) == (MeasurementKind.WEIGHT, 3.45, "kg")
    assert (m.device_id, m.device_model, m.person_id, m.kader) == (
        "TB-01",
        "XS204",
        "P1",
        "Siti",
    )
    assert m.raw == "S S     3450.0 g"
    assert dict(m.derived) == {
        "value_as_transmitted": 3450.0,
        "unit_as_transmitted": "g",
    }
    assert c.ok
    assert not c.issues


def test_pounds_are_converted_and_kept() -> None:
    c = to_measurements(decode(0x2A9D, bytes.fromhex("01983a")), measured_at=WHEN)
    (m,) = c.measurements
    assert m.value == pytest.approx(68.0388555)
    assert (m.derived["value_as_transmitted"], m.derived["unit_as_transmitted"]) == (
        150.0,
        "lb",
    )


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("S D      12.36 kg", "device.unstable"),
        ("S +", "device.overload"),
        ("ES", "device.error"),
        ("S S     -0.005 kg", "device.non_positive"),
    ],
)
def test_lines_without_a_recordable_value(line: str, code: str) -> None:
    c = to_measurements(parse_mtsics_line(line), measured_at=WHEN)
    assert c.measurements == ()
    assert codes(c) == [code]
    assert c.issues[0].severity is Severity.ERROR
    assert not c.ok


def test_count_mode_is_not_a_weight() -> None:
    c = to_measurements(parse_and_line("QT,+00012345 PC"), measured_at=WHEN)
    assert (c.measurements, codes(c)) == ((), ["device.count"])


def test_baby_scale_capacity_and_resolution_are_flagged_not_changed() -> None:
    c = to_measurements(
        parse_mtsics_line("S S     21.345 kg"),
        measured_at=WHEN,
        device_class="baby_scale",
    )
    (m,) = c.measurements
    assert m.value == 21.345  # kept as measured
    assert codes(c) == ["device.capacity", "device.resolution"]
    assert [i.severity for i in c.issues] == [Severity.ERROR, Severity.WARNING]


def test_floor_scale_limits() -> None:
    ok = to_measurements(
        parse_and_line("ST,+00149.90 kg"), measured_at=WHEN, device_class="floor_scale"
    )
    assert codes(ok) == []
    heavy = to_measurements(
        parse_and_line("ST,+00150.10 kg"), measured_at=WHEN, device_class="floor_scale"
    )
    assert codes(heavy) == ["device.capacity"]
    fine = to_measurements(
        parse_and_line("ST,+00012.34 kg"), measured_at=WHEN, device_class="floor_scale"
    )
    assert codes(fine) == ["device.resolution"]


def test_length_board_resolution_on_any_measurement() -> None:
    def length(cm: float) -> Measurement:
        return Measurement(
            kind="length_height", value=cm, measured_at=WHEN, method="terlentang"
        )

    assert check_plausibility(length(67.3), "length_board") == []
    assert [i.code for i in check_plausibility(length(67.35), "length_board")] == [
        "device.resolution"
    ]
    assert [i.code for i in check_plausibility(length(151.0), "length_board")] == [
        "device.capacity"
    ]
    assert check_plausibility(length(67.35), None) == []


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("00 78 00 50 00 5d 00", []),  # B1 120/80
        ("00 2d 01 50 00 5d 00", ["device.range.systolic"]),  # 301/80
        (
            "00 3b 00 1d 00 2d 00",
            ["device.range.systolic", "device.range.diastolic"],
        ),  # 59/29
        ("00 50 00 50 00 50 00", ["device.bp_order"]),  # 80/80
    ],
)
def test_blood_pressure_ranges(payload: str, expected: list[str]) -> None:
    c = to_measurements(
        decode("2a35", bytes.fromhex(payload)),
        measured_at=WHEN,
        device_class="bp_monitor",
    )
    assert sorted(codes(c)) == sorted(expected)
    assert len(c.measurements) == 2  # flagged, still recorded


def test_kpa_becomes_mmhg() -> None:
    c = to_measurements(
        decode("2a35", bytes.fromhex("05 a0 f0 6b f0 7d f0 40 00")), measured_at=WHEN
    )
    values = {m.kind: m.value for m in c.measurements}
    assert values[MeasurementKind.SYSTOLIC] == pytest.approx(120.01, abs=0.01)
    assert values[MeasurementKind.PULSE] == 64


def test_bp_special_values_and_status() -> None:
    b8 = to_measurements(
        decode("2a35", bytes.fromhex("00 fe 07 00 08 02 08")), measured_at=WHEN
    )
    assert b8.measurements == ()
    assert codes(b8) == ["device.positive-infinity", "device.nres"]
    b5 = to_measurements(
        decode("2a35", bytes.fromhex("14 8e 00 5b 00 6c 00 79 00 29 00")),
        measured_at=WHEN,
    )
    assert codes(b5) == ["device.bp_repeat", "device.pulse_range"]


def test_intermediate_cuff_pressure_is_never_stored() -> None:
    c = to_measurements(
        decode("2a36", bytes.fromhex("00 96 00 ff 07 ff 07")), measured_at=WHEN
    )
    assert (c.measurements, codes(c)) == ((), ["device.intermediate"])


def test_temperature_window_and_fahrenheit() -> None:
    t3 = to_measurements(
        decode("2a1c", bytes.fromhex("01 da 03 00 ff")),
        measured_at=WHEN,
        device_class="thermometer",
    )
    (m,) = t3.measurements
    assert (m.kind, m.value, m.unit) == (MeasurementKind.TEMPERATURE, 37.0, "Cel")
    assert codes(t3) == []
    # 98.6 read as if it were Celsius: outside 30-45.
    hot = to_measurements(
        decode("2a1c", bytes.fromhex("00 da 03 00 ff")),
        measured_at=WHEN,
        device_class="thermometer",
    )
    assert codes(hot) == ["device.range.temperature"]


def test_glucose() -> None:
    g2 = to_measurements(
        decode("2a18", bytes.fromhex("07 02 00 e9 07 04 0a 07 1e 00 0f 00 3e c0 12")),
        measured_at=WHEN,
    )
    (m,) = g2.measurements
    assert m.value == pytest.approx(6.2 * 18.0156)
    assert m.derived["unit_as_transmitted"] == "mol/L"
    g4 = to_measurements(
        decode("2a18", bytes.fromhex("08 04 00 e9 07 04 0a 08 00 00 20 00")),
        measured_at=WHEN,
    )
    assert (g4.measurements, codes(g4)) == (
        (),
        ["device.glucose_status", "device.no_glucose"],
    )


def test_unsuccessful_weight() -> None:
    c = to_measurements(decode("2a9d", bytes.fromhex("00 ff ff")), measured_at=WHEN)
    assert (c.measurements, codes(c)) == ((), ["device.measurement-unsuccessful"])


def test_features_are_not_measurements() -> None:
    with pytest.raises(TypeError, match="WeightScaleFeature is not a measurement"):
        to_measurements(decode("2a9e", bytes(4)), measured_at=WHEN)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (dt.date(2025, 1, 31), ["equipment.calibration_overdue"]),
        (dt.date(2025, 12, 31), []),
        (None, ["equipment.calibration_unknown"]),
    ],
)
def test_calibration_status_becomes_an_issue(
    due: dt.date | None, expected: list[str]
) -> None:
    scale = Equipment(
        id="TB-01", kind="baby_scale", model="SECA 334", calibration_due=due
    )
    c = to_measurements(
        parse_mtsics_line("S S       8.75 kg"), measured_at=WHEN, equipment=scale
    )
    (m,) = c.measurements
    assert (m.value, m.device_id, m.device_model) == (
        8.75,
        "TB-01",
        "SECA 334",
    )  # value unchanged
    assert codes(c) == expected
