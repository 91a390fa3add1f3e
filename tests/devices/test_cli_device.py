"""``posyandu device decode|read|scan``, with a parser built here as the CLI builds it."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest

from posyandu_core.cli import main
from posyandu_core.devices import (
    ScaleFault,
    ScaleScript,
    VirtualAndScale,
    VirtualMtSicsScale,
)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = main(["device", *argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip().startswith(("{", "[")) else out), err


def test_decode_weight_w3(capsys: pytest.CaptureFixture[str]) -> None:
    code, data, err = cli(capsys, "decode", "--characteristic", "0x2A9D",
                          "0e 20 2b e9 07 08 11 0a 00 00 ff dd 00 2c 06")  # fmt: skip
    assert (code, err) == (0, "")
    assert data["weight_kg"] == pytest.approx(55.2)
    assert data["unit"] == "kg"
    assert data["timestamp"] == "2025-08-17T10:00:00"
    assert data["user_id"] is None
    assert data["bmi"] == pytest.approx(22.1)
    assert data["height_m"] == pytest.approx(1.58)


@pytest.mark.parametrize(
    "words",
    [
        ["01", "98", "3a"],
        ["01:98:3a"],
        ["0x01983a"],
        ["0x01", "0x98", "0x3A"],
        ["01983A"],
    ],
)
def test_decode_imperial_weight_in_any_hex_form(
    capsys: pytest.CaptureFixture[str], words: list[str]
) -> None:
    code, data, _ = cli(capsys, "decode", "-c", "2a9d", *words)
    assert code == 0
    assert data["unit"] == "lb"
    assert data["weight_kg"] == pytest.approx(68.0388555)
    assert (data["timestamp"], data["user_id"], data["bmi"], data["height_m"]) == (
        None,
    ) * 4


def test_decode_imperial_height_becomes_metres(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, data, _ = cli(capsys, "decode", "-c", "00002a9d-0000-1000-8000-00805f9b34fb",
                     "09 e8 44 fd 00 bc 02")  # fmt: skip
    assert data["height_m"] == pytest.approx(1.778)
    assert data["bmi"] == pytest.approx(25.3)


def test_decode_blood_pressure_b2(capsys: pytest.CaptureFixture[str]) -> None:
    code, data, _ = cli(capsys, "decode", "-c", "2A35",
                        "1e 87 00 55 00 66 00 e9 07 01 14 08 0f 00 48 00 01 04 00")  # fmt: skip
    assert code == 0
    assert (data["systolic"], data["diastolic"], data["mean_arterial_pressure"]) == (
        135,
        85,
        102,
    )
    assert (data["unit"], data["pulse_rate"], data["user_id"]) == ("mmHg", 72, 1)
    assert data["timestamp"] == "2025-01-20T08:15:00"
    status = data["measurement_status"]
    assert status["irregular_pulse"] is True
    assert status["body_movement_detected"] is False
    assert status["cuff_too_loose"] is False
    assert status["improper_measurement_position"] is False
    assert status["pulse_rate_exceeds_upper_limit"] is False


def test_decode_kpa_and_nan(capsys: pytest.CaptureFixture[str]) -> None:
    _, b3, _ = cli(capsys, "decode", "-c", "2a35", "05 a0 f0 6b f0 7d f0 40 00")
    assert (b3["systolic"], b3["diastolic"], b3["unit"]) == (16.0, 10.7, "kPa")
    _, b4, _ = cli(capsys, "decode", "-c", "2a35", "04 76 00 4c 00 ff 07 50 00")
    assert b4["mean_arterial_pressure"] is None
    assert b4["special_values"] == {"mean_arterial_pressure": "not-a-number"}


@pytest.mark.parametrize(
    ("uuid", "payload", "key", "value"),
    [
        ("2a1c", "01 da 03 00 ff", "celsius", 37.0),
        ("2a18", "02 01 00 e9 07 04 0a 07 1e 00 5f b0 11", "mg_dl", 95.0),
        ("2a9c", "00 00 fd 00", "body_fat_percent", 25.3),
        ("2a9e", "31 00 00 00", "weight_resolution_kg", 0.01),
        ("2a49", "07 00", "cuff_fit_detection", True),
        ("2a36", "00 96 00 ff 07 ff 07", "cuff_pressure", 150.0),
        ("2a08", "e9 07 03 0e 09 05 1e", "datetime", "2025-03-14T09:05:30"),
    ],
)
def test_decode_other_characteristics(
    capsys: pytest.CaptureFixture[str], uuid: str, payload: str, key: str, value: object
) -> None:
    code, data, _ = cli(capsys, "decode", "-c", uuid, payload)
    assert code == 0
    assert (
        data[key] == pytest.approx(value)
        if isinstance(value, float)
        else data[key] == value
    )


def test_malformed_payload_exits_1_with_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = cli(capsys, "decode", "-c", "2a9d", "02 d6 06 e9 07")  # W7
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert "payload too short for time_stamp" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-c", "2a9d", "zz"], "not a hex payload"),
        (["-c", "2a9d", "0d6"], "not a hex payload"),
        (["-c", "2a37", "00 48"], "no decoder for characteristic 0x2A37"),
        (["-c", "heart", "00"], "not a 16-bit Bluetooth SIG UUID"),
    ],
)
def test_unusable_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = cli(capsys, "decode", *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert message in err


def test_read_mtsics_skips_unstable(capsys: pytest.CaptureFixture[str]) -> None:
    script = ScaleScript(weight="8.75", unstable=["4.0", "8.1", "8.74"])
    with VirtualMtSicsScale(script) as scale:
        code, data, _ = cli(capsys, "read", "--protocol", "mt-sics",
                            "--port", scale.port, "--timeout", "10")  # fmt: skip
        assert scale.commands == ["SI"] * 4
    assert code == 0
    assert (data["weight_kg"], data["stable"], data["raw"]) == (
        8.75,
        True,
        "S S       8.75 kg",
    )


def test_read_and_skips_unstable(capsys: pytest.CaptureFixture[str]) -> None:
    script = ScaleScript(weight="1234.5", unit="g", unstable=["1200.0", "1234.0"])
    with VirtualAndScale(script) as scale:
        code, data, _ = cli(capsys, "read", "--protocol", "and", "--port", scale.port,
                            "--baud", "2400")  # fmt: skip
    assert code == 0
    assert (data["weight_kg"], data["stable"], data["raw"]) == (
        1.2345,
        True,
        "ST,+001234.5  g",
    )


def test_read_overload_exits_4(capsys: pytest.CaptureFixture[str]) -> None:
    with VirtualMtSicsScale(
        ScaleScript(weight="1", fault=ScaleFault.OVERLOAD)
    ) as scale:
        code, out, err = cli(
            capsys, "read", "--protocol", "mt-sics", "--port", scale.port
        )
    assert (code, out) == (4, "")
    assert "overload" in err
    assert err.count("\n") == 1


def test_read_garbage_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    with VirtualAndScale(
        ScaleScript(weight="1.00")
    ) as scale:  # A&D answers SI with EC,E01
        code, _, err = cli(
            capsys, "read", "--protocol", "mt-sics", "--port", scale.port
        )
    assert code == 1
    assert "not a weight response" in err


def test_read_missing_port_exits_4(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(
        capsys, "read", "--protocol", "and", "--port", "/dev/no-such-scale"
    )
    assert code == 4
    assert err.startswith(
        "posyandu: kesalahan: port serial /dev/no-such-scale tidak dapat dibuka"
    )
    assert "/ cannot open serial port /dev/no-such-scale" in err


def test_scan_without_bleak_says_how_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "bleak", None)  # import bleak -> ImportError
    code, out, err = cli(capsys, "scan", "--timeout", "0.1")
    assert (code, out) == (4, "")
    assert err.count("\n") == 1
    assert "pip install posyandu-core[devices]" in err


@pytest.mark.skipif(sys.platform != "linux", reason="BlueZ/D-Bus is the Linux backend")
def test_scan_without_bluez_says_why(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/posyandu-bus")
    code, out, err = cli(capsys, "scan", "--timeout", "0.1")
    assert (code, out) == (4, "")
    assert err.count("\n") == 1
    assert "no D-Bus system bus or BlueZ" in err
    assert "Traceback" not in err


def test_the_drivers_and_the_command_are_in_posyandu(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from posyandu_core.registry import get_registry

    registry = get_registry()
    assert {"mt-sics", "and", "ble-weight-scale", "ble-blood-pressure"} <= set(
        registry.devices
    )
    assert main(["device", "decode", "-c", "2a9d", "00 d6 06"]) == 0
    assert json.loads(capsys.readouterr().out)["weight_kg"] == 8.75
