"""The serial stack reads devices of any kind: a plugin thermometer on a real pty."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Iterator

import pytest

from posyandu_core.cli import main
from posyandu_core.devices import (
    DeviceDriver,
    DeviceReading,
    ScaleProtocol,
    read_scale,
)
from posyandu_core.errors import DecodeError, DeviceError
from posyandu_core.hookspecs import Registrar, hookimpl
from posyandu_core.model import Measurement, MeasurementKind
from posyandu_core.testing import installed

pytest.importorskip("serial")


def parse_thermometer(line: str | bytes) -> DeviceReading:
    """``T 36.8 C`` (final) or ``T? 36.1 C`` (still measuring)."""
    text = line.decode("ascii") if isinstance(line, bytes) else line
    head, value, unit = text.split()
    if head not in ("T", "T?") or unit != "C":
        msg = f"not a thermometer line: {text!r}"
        raise DecodeError(msg)
    return DeviceReading(
        protocol="acme-thermo",
        stable=head == "T",
        raw=text,
        measurements=(
            Measurement(
                kind=MeasurementKind.TEMPERATURE,
                value=float(value),
                measured_at=dt.datetime(2025, 5, 1, 9, 30),
            ),
        ),
    )


THERMOMETER = DeviceDriver(
    id="acme-thermo",
    name="ACME serial thermometer",
    transport="serial",
    device_class="thermometer",
    protocol=ScaleProtocol(name="acme-thermo", parse=parse_thermometer),
)


class ThermometerPlugin:
    @hookimpl
    def register_devices(self, register: Registrar[DeviceDriver]) -> None:
        register(THERMOMETER)


@pytest.fixture
def thermometer() -> Iterator[str]:
    """A pty streaming two unstable readings, then the final one, forever."""
    master, slave = os.openpty()
    stop = threading.Event()

    def stream() -> None:
        lines = [b"T? 36.1 C\r\n", b"T? 36.6 C\r\n"]
        while not stop.is_set():
            os.write(master, lines.pop(0) if lines else b"T 36.8 C\r\n")
            stop.wait(0.02)

    thread = threading.Thread(target=stream, daemon=True)
    thread.start()
    try:
        yield os.ttyname(slave)
    finally:
        stop.set()
        thread.join()
        os.close(master)
        os.close(slave)


def test_a_plugin_thermometer_yields_its_measurement(thermometer: str) -> None:
    reading = THERMOMETER.read(port=thermometer, timeout=5)
    assert isinstance(reading, DeviceReading)
    (measurement,) = reading.measurements
    assert (measurement.kind, measurement.value, measurement.unit) == (
        MeasurementKind.TEMPERATURE,
        36.8,
        "Cel",
    )


def test_device_read_runs_a_registered_driver(
    thermometer: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with installed(ThermometerPlugin()):
        code = main(
            ["device", "read", "--driver", "acme-thermo", "--port", thermometer]
        )
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    assert document["measurements"][0]["value"] == 36.8


def test_read_scale_refuses_a_device_that_is_not_a_scale(thermometer: str) -> None:
    with pytest.raises(DeviceError, match="reads temperature, not a weight"):
        read_scale(thermometer, THERMOMETER.protocol, timeout=5)  # type: ignore[arg-type]


def test_a_serial_driver_without_a_port_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with installed(ThermometerPlugin()):
        assert main(["device", "read", "--driver", "acme-thermo"]) == 2
    assert "--port" in capsys.readouterr().err


def _broken_parse(line: str | bytes) -> DeviceReading:
    return DeviceReading(protocol="broken", measurements=(), raw=str(1 / 0))


class BrokenDriverPlugin:
    @hookimpl
    def register_devices(self, register: Registrar[DeviceDriver]) -> None:
        register(
            DeviceDriver(
                id="broken-thermo", name="Broken", transport="serial",
                device_class="thermometer",
                protocol=ScaleProtocol(name="broken", parse=_broken_parse),
            )
        )  # fmt: skip


def test_a_failing_plugin_driver_exits_3_naming_it(
    thermometer: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with installed(BrokenDriverPlugin()):
        code = main(
            ["device", "read", "--driver", "broken-thermo", "--port", thermometer]
        )
    assert code == 3
    err = capsys.readouterr().err
    assert "driver 'broken-thermo' failed: ZeroDivisionError" in err
    assert err.count("\n") == 1
