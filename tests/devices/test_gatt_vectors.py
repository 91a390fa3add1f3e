"""Every GATT test vector of DEVICES_EXPORTS.md Part A1, by its label."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from posyandu_core.devices import (
    BloodPressureMeasurement,
    PulseRateRange,
    SpecialValue,
    TemperatureType,
    decode,
    decode_blood_pressure_feature,
    decode_blood_pressure_measurement,
    decode_body_composition_measurement,
    decode_date_time,
    decode_glucose_measurement,
    decode_intermediate_cuff_pressure,
    decode_temperature_measurement,
    decode_weight_measurement,
    decode_weight_scale_feature,
)
from posyandu_core.errors import DecodeError


def D(value: int) -> Decimal:  # noqa: N802 - reads like the literal it stands for
    return Decimal(value)


def h(text: str) -> bytes:
    return bytes.fromhex(text)


# --- A1.2 Date Time -----------------------------------------------------------


def test_d1_date_time() -> None:
    assert decode_date_time(h("e9 07 03 0e 09 05 1e")).datetime == dt.datetime(
        2025, 3, 14, 9, 5, 30
    )


def test_d2_all_unknown_is_no_timestamp() -> None:
    stamp = decode_date_time(h("00 00 00 00 00 00 00"))
    assert stamp.datetime is None
    assert stamp.to_dict()["datetime"] is None


def test_d3_date_time() -> None:
    assert decode_date_time(h("d0 07 01 01 00 00 00")).datetime == dt.datetime(
        2000, 1, 1
    )


@pytest.mark.parametrize(
    "payload",
    [
        "e9 07 0d 0e 09 05 1e",
        "e9 07 02 1e 09 05 1e",
        "e9 07 03 0e 18 05 1e",
        "2d 06 03 0e 09 05 1e",
    ],
    ids=["month-13", "feb-30", "hour-24", "year-1581"],
)
def test_impossible_date_times_are_decode_errors(payload: str) -> None:
    with pytest.raises(DecodeError):
        decode_date_time(h(payload))


# --- A1.3 Weight Scale --------------------------------------------------------


def test_w1() -> None:
    w = decode_weight_measurement(h("00 d6 06"))
    assert (w.weight, w.unit, w.weight_kg) == (Decimal("8.750"), "kg", 8.75)
    assert (w.time_stamp, w.user_id, w.bmi, w.height) == (None, None, None, None)


def test_w2() -> None:
    w = decode_weight_measurement(h("06 a5 09 e9 07 03 0e 09 05 1e 01"))
    assert w.weight == Decimal("12.345")
    assert w.time_stamp is not None
    assert w.time_stamp.datetime == dt.datetime(2025, 3, 14, 9, 5, 30)
    assert w.user_id == 1


def test_w3() -> None:
    w = decode_weight_measurement(h("0e 20 2b e9 07 08 11 0a 00 00 ff dd 00 2c 06"))
    assert w.weight_kg == pytest.approx(55.2)
    assert w.weight == Decimal("55.200")
    assert w.time_stamp is not None
    assert w.time_stamp.datetime == dt.datetime(2025, 8, 17, 10)
    assert w.user_id is None  # 0xFF, unknown user
    assert w.bmi == Decimal("22.1")
    assert w.height == Decimal("1.580")
    assert w.height_m == pytest.approx(1.58)


def test_w4_pounds_become_kg() -> None:
    w = decode_weight_measurement(h("01 98 3a"))
    assert (w.weight, w.unit) == (Decimal("150.00"), "lb")
    assert w.weight_kg == pytest.approx(68.0388555)


def test_w5_imperial_bmi_and_height() -> None:
    w = decode_weight_measurement(h("09 e8 44 fd 00 bc 02"))
    assert w.weight == Decimal("176.40")
    assert w.weight_kg == pytest.approx(176.40 * 0.45359237)
    assert w.bmi == Decimal("25.3")
    assert w.height == Decimal("70.0")
    assert w.height_m == pytest.approx(1.778)


def test_w6_unsuccessful_has_no_value() -> None:
    w = decode_weight_measurement(h("00 ff ff"))
    assert w.weight is SpecialValue.MEASUREMENT_UNSUCCESSFUL
    assert w.weight_kg is None
    assert w.to_dict()["special_value"] == "measurement-unsuccessful"


def test_w7_truncated_timestamp_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="too short for time_stamp") as info:
        decode_weight_measurement(h("02 d6 06 e9 07"))
    assert info.value.field == "time_stamp"


@pytest.mark.parametrize(
    ("payload", "ts", "users", "bmi", "kg", "m"),
    [
        ("00 00 00 00", False, False, False, None, None),  # F1
        ("bf 01 00 00", True, True, True, "0.005", "0.001"),  # F2
        ("21 00 00 00", True, False, False, "0.05", None),  # F3
        ("31 00 00 00", True, False, False, "0.01", None),  # F4
    ],
    ids=["F1", "F2", "F3", "F4"],
)
def test_weight_scale_feature(
    payload: str, ts: bool, users: bool, bmi: bool, kg: str | None, m: str | None
) -> None:
    f = decode_weight_scale_feature(h(payload))
    assert (f.time_stamp_supported, f.multiple_users_supported, f.bmi_supported) == (
        ts,
        users,
        bmi,
    )
    assert f.weight_resolution_kg == (Decimal(kg) if kg else None)
    assert f.height_resolution_m == (Decimal(m) if m else None)


def test_f2_imperial_resolutions() -> None:
    f = decode_weight_scale_feature(h("bf 01 00 00"))
    assert (f.weight_resolution_lb, f.height_resolution_in) == (
        Decimal("0.01"),
        Decimal("0.1"),
    )


# --- A1.4 Blood Pressure ------------------------------------------------------


def bp(payload: str) -> BloodPressureMeasurement:
    return decode_blood_pressure_measurement(h(payload))


def test_b1() -> None:
    r = bp("00 78 00 50 00 5d 00")
    assert (r.systolic, r.diastolic, r.mean_arterial_pressure, r.unit) == (
        D(120),
        D(80),
        D(93),
        "mmHg",
    )
    assert (r.time_stamp, r.pulse_rate, r.user_id, r.status) == (None, None, None, None)


def test_b2() -> None:
    r = bp("1e 87 00 55 00 66 00 e9 07 01 14 08 0f 00 48 00 01 04 00")
    assert (r.systolic, r.diastolic, r.mean_arterial_pressure) == (
        D(135),
        D(85),
        D(102),
    )
    assert r.time_stamp is not None
    assert r.time_stamp.datetime == dt.datetime(2025, 1, 20, 8, 15)
    assert (r.pulse_rate, r.user_id) == (D(72), 1)
    assert r.status is not None
    assert r.status.raw == 0x0004
    assert r.status.irregular_pulse
    assert not r.status.body_movement_detected


def test_b3_kpa() -> None:
    r = bp("05 a0 f0 6b f0 7d f0 40 00")
    assert r.unit == "kPa"
    assert (r.systolic, r.diastolic, r.mean_arterial_pressure) == (
        Decimal("16.0"),
        Decimal("10.7"),
        Decimal("12.5"),
    )
    assert r.in_mmhg(r.systolic) == pytest.approx(120.0, abs=0.05)
    assert r.in_mmhg(r.diastolic) == pytest.approx(80.3, abs=0.05)
    assert r.in_mmhg(r.mean_arterial_pressure) == pytest.approx(93.8, abs=0.05)
    assert r.pulse_rate == 64


def test_b4_map_nan() -> None:
    r = bp("04 76 00 4c 00 ff 07 50 00")
    assert (r.systolic, r.diastolic, r.pulse_rate) == (D(118), D(76), D(80))
    assert r.mean_arterial_pressure is SpecialValue.NAN
    assert r.to_dict()["mean_arterial_pressure"] is None


def test_b5_status_bits() -> None:
    r = bp("14 8e 00 5b 00 6c 00 79 00 29 00")
    assert (r.systolic, r.diastolic, r.mean_arterial_pressure, r.pulse_rate) == (
        D(142),
        D(91),
        D(108),
        D(121),
    )
    assert r.status is not None
    assert r.status.raw == 0x0029
    assert r.status.body_movement_detected
    assert r.status.pulse_rate_range is PulseRateRange.ABOVE_UPPER_LIMIT
    assert r.status.improper_measurement_position
    assert not r.status.cuff_too_loose
    assert not r.status.irregular_pulse


def test_b6_unknown_year_keeps_the_parts() -> None:
    r = bp("1e 8a 00 58 00 78 00 00 00 04 11 14 29 3b 3c 00 01 27 00")
    assert (r.systolic, r.diastolic, r.mean_arterial_pressure) == (
        D(138),
        D(88),
        D(120),
    )
    assert r.time_stamp is not None
    assert (r.time_stamp.year, r.time_stamp.month, r.time_stamp.day) == (0, 4, 17)
    assert (r.time_stamp.hours, r.time_stamp.minutes, r.time_stamp.seconds) == (
        20,
        41,
        59,
    )
    assert r.time_stamp.datetime is None
    assert (r.pulse_rate, r.user_id) == (D(60), 1)
    assert r.status is not None
    assert r.status.raw == 0x0027
    assert r.status.needs_repeat


def test_b7_kpa_cuff_loose_pulse_low() -> None:
    r = bp("15 bd f0 0b 00 9f f0 3c 00 12 00")
    assert r.unit == "kPa"
    assert (r.systolic, r.diastolic, r.mean_arterial_pressure) == (
        Decimal("18.9"),
        Decimal("11"),
        Decimal("15.9"),
    )
    assert r.pulse_rate == 60
    assert r.status is not None
    assert r.status.cuff_too_loose
    assert r.status.pulse_rate_range is PulseRateRange.BELOW_LOWER_LIMIT


def test_b8_infinities_and_nres() -> None:
    r = bp("00 fe 07 00 08 02 08")
    assert r.systolic is SpecialValue.POSITIVE_INFINITY
    assert r.diastolic is SpecialValue.NRES
    assert r.mean_arterial_pressure is SpecialValue.NEGATIVE_INFINITY


def test_b9_special_values_only_at_exponent_zero() -> None:
    r = bp("00 ff f7 01 08 ff 07")
    assert r.systolic == Decimal("204.7")
    assert r.diastolic is SpecialValue.RESERVED
    assert r.mean_arterial_pressure is SpecialValue.NAN


def test_icp1() -> None:
    r = decode_intermediate_cuff_pressure(h("00 96 00 ff 07 ff 07"))
    assert (r.cuff_pressure, r.unit) == (D(150), "mmHg")


def test_bp_feature() -> None:
    f = decode_blood_pressure_feature(h("07 00"))
    assert f.supported == {
        "body_movement_detection",
        "cuff_fit_detection",
        "irregular_pulse_detection",
    }


# --- A1.5 Temperature ---------------------------------------------------------


def test_t1() -> None:
    t = decode_temperature_measurement(h("00 6d 01 00 ff"))
    assert (t.temperature, t.unit, t.celsius) == (Decimal("36.5"), "°C", 36.5)


def test_t2() -> None:
    t = decode_temperature_measurement(h("06 7a 01 00 ff e9 07 02 03 07 2d 0a 01"))
    assert t.temperature == Decimal("37.8")
    assert t.time_stamp is not None
    assert t.time_stamp.datetime == dt.datetime(2025, 2, 3, 7, 45, 10)
    assert t.site is TemperatureType.ARMPIT


def test_t3_fahrenheit() -> None:
    t = decode_temperature_measurement(h("01 da 03 00 ff"))
    assert (t.temperature, t.unit) == (Decimal("98.6"), "°F")
    assert t.celsius == pytest.approx(37.0)


def test_t4_ear() -> None:
    t = decode_temperature_measurement(h("04 f1 0e 00 fe 03"))
    assert t.temperature == Decimal("38.25")
    assert t.site is TemperatureType.EAR


def test_t5_nan() -> None:
    t = decode_temperature_measurement(h("00 ff ff 7f 00"))
    assert t.temperature is SpecialValue.NAN
    assert t.celsius is None


def test_t6_nordic() -> None:
    t = decode_temperature_measurement(h("06 b0 0e 00 fe dc 07 0c 05 0b 32 1b 04"))
    assert t.temperature.as_tuple() == Decimal("37.60").as_tuple()  # type: ignore[union-attr]
    assert t.time_stamp is not None
    assert t.time_stamp.datetime == dt.datetime(2012, 12, 5, 11, 50, 27)
    assert t.site is TemperatureType.FINGER


# --- A1.6 Glucose -------------------------------------------------------------


def test_g1() -> None:
    g = decode_glucose_measurement(h("02 01 00 e9 07 04 0a 07 1e 00 5f b0 11"))
    assert g.sequence_number == 1
    assert g.recorded_at == dt.datetime(2025, 4, 10, 7, 30)
    assert (g.concentration, g.unit) == (Decimal("0.00095"), "kg/L")
    assert g.mg_dl == pytest.approx(95)
    assert (g.sample_type, g.sample_location) == (1, 1)
    assert g.to_dict()["sample_type"] == "capillary_whole_blood"


def test_g2_molar_with_offset() -> None:
    g = decode_glucose_measurement(h("07 02 00 e9 07 04 0a 07 1e 00 0f 00 3e c0 12"))
    assert g.sequence_number == 2
    assert g.time_offset_minutes == 15
    assert g.recorded_at == dt.datetime(2025, 4, 10, 7, 45)
    assert (g.concentration, g.unit) == (Decimal("0.0062"), "mol/L")
    assert g.mmol_l == pytest.approx(6.2)
    assert g.to_dict()["sample_type"] == "capillary_plasma"
    assert g.to_dict()["sample_location"] == "finger"


def test_g3_negative_offset_status_context() -> None:
    g = decode_glucose_measurement(
        h("1b 03 01 e8 07 0c 1f 17 3b 3b c4 ff fa b0 11 01 00")
    )
    assert g.sequence_number == 259
    assert g.time_offset_minutes == -60
    assert g.recorded_at == dt.datetime(2024, 12, 31, 22, 59, 59)
    assert g.mg_dl == pytest.approx(250)
    assert g.sensor_status is not None
    assert g.sensor_status.flags == {"battery_low"}
    assert g.context_follows


def test_g4_no_concentration_result_too_high() -> None:
    g = decode_glucose_measurement(h("08 04 00 e9 07 04 0a 08 00 00 20 00"))
    assert g.sequence_number == 4
    assert g.concentration is None
    assert g.sensor_status is not None
    assert g.sensor_status.flags == {"result_too_high"}
    assert g.sensor_status.result_unusable


def test_g5_nordic() -> None:
    g = decode_glucose_measurement(
        h("1b 01 00 e3 07 02 1b 0b 0a 1e fb ff 1e 00 12 05 01")
    )
    assert g.sequence_number == 1
    assert g.time_offset_minutes == -5
    assert g.recorded_at == dt.datetime(2019, 2, 27, 11, 5, 30)
    assert (g.concentration, g.unit) == (D(30), "kg/L")
    assert (g.sample_type, g.sample_location) == (2, 1)
    assert g.sensor_status is not None
    assert g.sensor_status.raw == 261
    assert g.sensor_status.flags == {
        "battery_low",
        "sample_size_insufficient",
        "temperature_too_low",
    }
    assert g.context_follows


# --- A1.7 Body Composition ----------------------------------------------------


def test_c1() -> None:
    c = decode_body_composition_measurement(h("00 00 fd 00"))
    assert c.body_fat_percent == Decimal("25.3")


def test_c2_full_si_record() -> None:
    c = decode_body_composition_measurement(
        h("16 0f e1 00 e9 07 06 01 08 00 00 02 7e 01 d4 17 03 14 e0 2e 54 06")
    )
    assert c.body_fat_percent == Decimal("22.5")
    assert c.time_stamp is not None
    assert c.time_stamp.datetime == dt.datetime(2025, 6, 1, 8)
    assert c.user_id == 2
    assert c.muscle_percent == Decimal("38.2")
    assert c.body_water_mass == Decimal("30.500")
    assert c.impedance_ohm == Decimal("512.3")
    assert c.weight == Decimal("60.000")
    assert c.height == Decimal("1.620")
    assert (c.weight_kg, c.height_m) == (60.0, 1.62)


def test_c3_imperial() -> None:
    c = decode_body_composition_measurement(h("09 04 b4 00 64 19 74 40"))
    assert c.imperial
    assert c.body_fat_percent == Decimal("18.0")
    assert c.basal_metabolism_kj == 6500
    assert c.weight == Decimal("165.00")
    assert c.weight_kg == pytest.approx(165 * 0.45359237)


def test_c4_unsuccessful() -> None:
    c = decode_body_composition_measurement(h("00 00 ff ff"))
    assert c.body_fat_percent is SpecialValue.MEASUREMENT_UNSUCCESSFUL


# --- Dispatcher ---------------------------------------------------------------


@pytest.mark.parametrize(
    "uuid",
    [
        0x2A9D,
        "0x2A9D",
        "0x2a9d",
        "2a9d",
        "2A9D",
        "00002a9d-0000-1000-8000-00805f9b34fb",
        "00002A9D-0000-1000-8000-00805F9B34FB",
    ],
)
def test_decode_accepts_every_uuid_form(uuid: int | str) -> None:
    assert decode(uuid, h("00 d6 06")) == decode_weight_measurement(h("00 d6 06"))


@pytest.mark.parametrize(
    "uuid", ["2a9z", "12345678-1234-1234-1234-123456789abc", -1, 0x10000, ""]
)
def test_decode_rejects_bad_uuids(uuid: int | str) -> None:
    with pytest.raises(DecodeError, match="16-bit Bluetooth SIG UUID"):
        decode(uuid, b"\x00\x00\x00")


def test_decode_rejects_unsupported_characteristic() -> None:
    with pytest.raises(DecodeError, match="no decoder for characteristic 0x2A37"):
        decode("2a37", b"\x00\x48")
