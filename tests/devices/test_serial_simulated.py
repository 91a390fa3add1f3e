"""Real pyserial on a real pty against the virtual scales."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest

from posyandu_core.devices import (
    MT_SICS_STABLE,
    ScaleFault,
    ScaleScript,
    VirtualAndScale,
    VirtualMtSicsScale,
    read_scale,
    read_scale_async,
)
from posyandu_core.errors import DecodeError, DeviceError

BABY = ScaleScript(weight="8.75", unstable=["3.1", "8.2", "8.74"])


@pytest.fixture
def mtsics() -> Iterator[VirtualMtSicsScale]:
    with VirtualMtSicsScale(BABY) as scale:
        yield scale


def test_mtsics_skips_unstable_readings(mtsics: VirtualMtSicsScale) -> None:
    reading = read_scale(mtsics.port, "mt-sics", poll_interval=0.02, timeout=5.0)
    assert reading.stable
    assert (reading.value, reading.unit, reading.weight_kg) == (
        Decimal("8.75"),
        "kg",
        8.75,
    )
    assert reading.raw == "S S       8.75 kg"
    # One SI per unstable answer, then one for the stable weight.
    assert mtsics.commands == ["SI"] * 4


def test_mtsics_s_command_waits_on_the_balance(mtsics: VirtualMtSicsScale) -> None:
    reading = read_scale(mtsics.port, MT_SICS_STABLE, poll_interval=0.02, timeout=5.0)
    assert reading.weight_kg == 8.75
    assert mtsics.commands == ["S"]


def test_mtsics_grams_become_kg() -> None:
    with VirtualMtSicsScale(ScaleScript(weight="3450.0", unit="g")) as scale:
        assert read_scale(
            scale.port, "mt-sics", poll_interval=0.02, timeout=5.0
        ).weight_kg == pytest.approx(3.45)


def test_and_polled_with_q_skips_unstable() -> None:
    with VirtualAndScale(
        ScaleScript(weight="12.34", unstable=["11.0", "12.30"])
    ) as scale:
        reading = read_scale(scale.port, "and", poll_interval=0.02, timeout=5.0)
        assert (reading.raw, reading.weight_kg) == ("ST,+00012.34 kg", 12.34)
        assert scale.commands == ["Q"] * 3


def test_and_stream_mode_needs_no_command() -> None:
    script = ScaleScript(weight="12.34", unstable=["12.0"] * 5)
    with VirtualAndScale(script, stream=True) as scale:
        reading = read_scale(scale.port, "and-stream", poll_interval=0.02, timeout=5.0)
        assert (reading.stable, reading.weight_kg) == (True, 12.34)
        assert scale.commands == []


@pytest.mark.parametrize(
    ("simulator", "fault", "message"),
    [
        (VirtualMtSicsScale, ScaleFault.OVERLOAD, "overload"),
        (VirtualMtSicsScale, ScaleFault.UNDERLOAD, "underload"),
        (VirtualMtSicsScale, ScaleFault.SYNTAX_ERROR, "error ES"),
        (VirtualMtSicsScale, ScaleFault.MODULE_ERROR, "EEPROM"),
        (VirtualAndScale, ScaleFault.OVERLOAD, "overload"),
    ],
)
def test_faults_are_device_errors(
    simulator: type[VirtualMtSicsScale], fault: ScaleFault, message: str
) -> None:
    protocol = "mt-sics" if simulator is VirtualMtSicsScale else "and"
    script = ScaleScript(weight="1.00", fault=fault)
    with simulator(script) as scale, pytest.raises(DeviceError, match=message):
        read_scale(scale.port, protocol, poll_interval=0.02, timeout=5.0)


def test_a_busy_balance_times_out() -> None:
    script = ScaleScript(weight="1.00", fault=ScaleFault.BUSY)
    with VirtualMtSicsScale(script) as scale:
        started = time.monotonic()
        with pytest.raises(DeviceError, match=r"no stable reading .* within 0\.3 s"):
            read_scale(scale.port, "mt-sics", poll_interval=0.02, timeout=0.3)
        assert time.monotonic() - started < 1.5
        assert len(scale.commands) > 3  # it kept asking


def test_a_line_outside_the_protocol_is_a_decode_error() -> None:
    percent = ScaleScript(weight="50.0", unit="%")
    with VirtualMtSicsScale(percent) as scale, pytest.raises(DecodeError, match="mass"):
        read_scale(scale.port, "mt-sics", poll_interval=0.02, timeout=5.0)


def test_wrong_protocol_for_the_scale_is_a_decode_error() -> None:
    # An A&D scale answers MT-SICS "SI" with "EC,E01".
    with (
        VirtualAndScale(BABY) as scale,
        pytest.raises(DecodeError, match="not a weight"),
    ):
        read_scale(scale.port, "mt-sics", poll_interval=0.02, timeout=5.0)


def test_missing_port_is_a_device_error() -> None:
    with pytest.raises(DeviceError, match="cannot open serial port"):
        read_scale(
            "/dev/does-not-exist-posyandu", "mt-sics", poll_interval=0.02, timeout=5.0
        )


def test_unknown_protocol_name() -> None:
    with pytest.raises(ValueError, match="unknown serial protocol 'xyz'"):
        read_scale("/dev/null", "xyz")


def test_async_read(mtsics: VirtualMtSicsScale) -> None:
    async def main() -> float | None:
        reading = await asyncio.wait_for(
            read_scale_async(mtsics.port, poll_interval=0.02, timeout=5.0), 5
        )
        return reading.weight_kg

    assert asyncio.run(main()) == 8.75


def test_async_read_cancels_cleanly() -> None:
    script = ScaleScript(weight="1.00", fault=ScaleFault.BUSY)  # never stable

    async def main() -> None:
        task = asyncio.create_task(read_scale_async(scale.port, poll_interval=0.02))
        await asyncio.sleep(0.2)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, 2)

    with VirtualMtSicsScale(script) as scale:
        started = time.monotonic()
        asyncio.run(main())
        assert time.monotonic() - started < 1.5
        polls = len(scale.commands)
        time.sleep(0.1)
        assert len(scale.commands) == polls  # the worker really stopped


def test_a_stream_forgives_one_partial_first_line_only() -> None:
    # pyserial's loop:// port reads back what is written to it; the lines
    # arrive after the reader has flushed its input, as on a live stream.
    import serial

    from posyandu_core.devices import AND_STREAM
    from posyandu_core.devices._serial import _read_stable

    def feed(data: bytes) -> object:
        port = serial.serial_for_url("loop://", timeout=0.05)
        timer = threading.Timer(0.1, port.write, args=(data,))
        timer.start()
        try:
            return _read_stable(
                port, "loop://", AND_STREAM, timeout=2, poll_interval=0.02,
                reply_timeout=1, stop=None,
            )  # fmt: skip
        finally:
            timer.join()
            port.close()

    reading = feed(b"0012.3 kg\r\nUS,+00012.30 kg\r\nST,+00012.34 kg\r\n")
    assert reading.raw == "ST,+00012.34 kg"  # type: ignore[attr-defined]
    with pytest.raises(DecodeError):
        feed(b"0012.3 kg\r\nUS,+00012.30 kg\r\n garbage\r\nST,+00012.34 kg\r\n")
