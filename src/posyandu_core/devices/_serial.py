"""Read one stable weight from a serial scale through pyserial.

The loop is blocking (pyserial is), with a short read timeout so it can
notice a deadline or a stop request within ~50 ms; the async API runs it in
a worker thread and stops it cleanly when the awaiting task is cancelled.
"""

from __future__ import annotations

import asyncio
import functools
import re
import threading
import time
from collections.abc import Mapping
from types import MappingProxyType, ModuleType
from typing import Any

from posyandu_core.devices._and import AND, AND_STREAM
from posyandu_core.devices._continuous import CAS, OHAUS, TOLEDO_POS, TORREY
from posyandu_core.devices._mtsics import MT_SICS, MT_SICS_STABLE
from posyandu_core.devices._scale import (
    DeviceReading,
    ScaleProtocol,
    ScaleReading,
    ScaleStatus,
)
from posyandu_core.errors import DecodeError, DeviceError, UsageError

__all__ = [
    "SERIAL_PROTOCOLS",
    "read_scale",
    "read_scale_async",
    "read_serial",
    "read_serial_async",
]

SERIAL_PROTOCOLS: Mapping[str, ScaleProtocol] = MappingProxyType(
    {
        p.name: p
        for p in (
            MT_SICS,
            MT_SICS_STABLE,
            AND,
            AND_STREAM,
            TORREY.protocol,
            CAS.protocol,
            TOLEDO_POS.protocol,
            OHAUS.protocol,
        )
    }
)
"""Built-in serial protocols by name (``mt-sics``, ``and``, ``cas`` …)."""

_READ_TIMEOUT_S = 0.05  # how long one pyserial read may block
_LINE_END = re.compile(rb"\r\n|\r|\n")
_INSTALL_HINT = "pip install posyandu-core[devices]"


class _StoppedError(Exception):
    """The async caller was cancelled; the blocking loop gives up quietly."""


def import_pyserial() -> ModuleType:
    """Return the ``serial`` module, or raise a DeviceError saying how to get it."""
    try:
        import serial
    except ImportError as exc:
        msg = "serial scales need pyserial, which is not installed"
        raise DeviceError(
            msg,
            message_id="timbangan serial perlu pyserial, yang belum terpasang",
            fix=_INSTALL_HINT,
            fix_id=_INSTALL_HINT,
        ) from exc
    return serial


def _protocol(protocol: str | ScaleProtocol) -> ScaleProtocol:
    if isinstance(protocol, ScaleProtocol):
        return protocol
    try:
        return SERIAL_PROTOCOLS[protocol]
    except KeyError:
        known = ", ".join(SERIAL_PROTOCOLS)
        msg = f"unknown serial protocol {protocol!r}"
        raise UsageError(
            msg,
            message_id=f"protokol serial tidak dikenal {protocol!r}",
            fix=f"use one of: {known}",
            fix_id=f"pakai salah satu: {known}",
        ) from None


class _LineSplitter:
    """Cut a byte stream into lines on CR LF, or a bare CR or LF."""

    def __init__(self) -> None:
        self._pending = b""

    def feed(self, chunk: bytes) -> list[bytes]:
        parts = _LINE_END.split(self._pending + chunk)
        self._pending = parts.pop()
        return [p for p in parts if p.strip()]


def _verdict(
    reading: ScaleReading | DeviceReading, port: str
) -> ScaleReading | DeviceReading | None:
    """Return a recordable reading, ``None`` to keep waiting, or raise."""
    if isinstance(reading, DeviceReading):
        return reading if reading.stable and reading.measurements else None
    if reading.status is ScaleStatus.WEIGHT:
        return reading if reading.stable else None
    if reading.status is ScaleStatus.ERROR and reading.error in ("S I", "SI I"):
        return None  # busy or not yet stable: ask again
    if reading.status is ScaleStatus.OVERLOAD:
        msg = f"scale on {port} reports overload (above its capacity)"
        raise DeviceError(
            msg,
            message_id=f"timbangan di {port} kelebihan beban (di atas kapasitasnya)",
            value=reading.raw,
            fix="remove the load; is it the right scale?",
            fix_id="angkat bebannya; apakah timbangannya sudah tepat?",
        )
    if reading.status is ScaleStatus.UNDERLOAD:
        msg = f"scale on {port} reports underload (below zero)"
        raise DeviceError(
            msg,
            message_id=f"timbangan di {port} menunjukkan di bawah nol",
            value=reading.raw,
            fix="zero the empty scale and weigh again",
            fix_id="nolkan timbangan yang kosong lalu timbang lagi",
        )
    if reading.status is ScaleStatus.COUNT:
        msg = f"scale on {port} is in counting mode, not weighing"
        raise DeviceError(
            msg,
            message_id=f"timbangan di {port} dalam mode hitung, bukan menimbang",
            value=reading.raw,
            fix="switch the scale to a mass unit",
            fix_id="ubah timbangan ke satuan massa (kg)",
        )
    msg = f"scale on {port} answered with error {reading.error}: {reading.detail}"
    raise DeviceError(
        msg,
        message_id=f"timbangan di {port} menjawab galat {reading.error}: "
        f"{reading.detail}",
        value=reading.raw,
    )


def _open(port: str, settings: Mapping[str, Any]) -> Any:
    serial = import_pyserial()
    try:
        return serial.serial_for_url(
            port, timeout=_READ_TIMEOUT_S, write_timeout=1.0, **settings
        )
    except (serial.SerialException, OSError, ValueError) as exc:
        msg = f"cannot open serial port {port}: {exc}"
        raise DeviceError(
            msg,
            message_id=f"port serial {port} tidak dapat dibuka: {exc}",
            fix="check the port name, the cable and permissions",
            fix_id="periksa nama port, kabel dan izin aksesnya",
        ) from exc


def _read_stable(
    connection: Any,
    port: str,
    protocol: ScaleProtocol,
    *,
    timeout: float,
    poll_interval: float,
    reply_timeout: float,
    stop: threading.Event | None,
) -> ScaleReading | DeviceReading:
    deadline = time.monotonic() + timeout
    splitter = _LineSplitter()
    # A streaming scale may be mid-line when we start listening.
    forgive_first_line = protocol.request is None
    last_request = 0.0

    def request() -> None:
        nonlocal last_request
        if protocol.request is not None:
            connection.write(protocol.request)
            connection.flush()
            last_request = time.monotonic()

    connection.reset_input_buffer()
    request()
    while True:
        if stop is not None and stop.is_set():
            raise _StoppedError
        if time.monotonic() >= deadline:
            msg = f"no stable reading from {port} within {timeout:g} s"
            raise DeviceError(
                msg,
                message_id=f"tidak ada hasil timbang yang stabil dari {port} dalam "
                f"{timeout:g} detik",
                fix="keep the load still; check the cable, baud rate and protocol",
                fix_id="jaga beban tetap diam; periksa kabel, baud rate dan protokol",
            )
        chunk = connection.read(connection.in_waiting or 1)
        if not chunk:
            if (
                protocol.request is not None
                and time.monotonic() - last_request > reply_timeout
            ):
                request()  # no answer: the command may have been lost
            continue
        for line in splitter.feed(chunk):
            try:
                reading = protocol.parse(line)
            except DecodeError:
                if not forgive_first_line:
                    raise
                forgive_first_line = False
                continue
            forgive_first_line = False
            if (result := _verdict(reading, port)) is not None:
                return result
            if protocol.request is not None:
                if stop is not None and stop.wait(poll_interval):
                    raise _StoppedError
                if stop is None:
                    time.sleep(poll_interval)
                request()


def _read_scale(
    port: str,
    protocol: str | ScaleProtocol,
    *,
    baudrate: int,
    bytesize: int,
    parity: str,
    stopbits: float,
    timeout: float,
    poll_interval: float,
    reply_timeout: float,
    stop: threading.Event | None,
) -> ScaleReading | DeviceReading:
    chosen = _protocol(protocol)
    settings = {
        "baudrate": baudrate,
        "bytesize": bytesize,
        "parity": parity,
        "stopbits": stopbits,
    }
    connection = _open(port, settings)
    serial = import_pyserial()
    try:
        return _read_stable(
            connection,
            port,
            chosen,
            timeout=timeout,
            poll_interval=poll_interval,
            reply_timeout=reply_timeout,
            stop=stop,
        )
    except (serial.SerialException, OSError) as exc:
        if isinstance(exc, DeviceError):
            raise
        msg = f"serial port {port} failed: {exc}"
        raise DeviceError(
            msg,
            message_id=f"port serial {port} gagal: {exc}",
            fix="check the cable and that no other program uses the port",
            fix_id="periksa kabel dan pastikan tidak ada program lain memakai port itu",
        ) from exc
    finally:
        connection.close()


def read_scale(
    port: str,
    protocol: str | ScaleProtocol = "mt-sics",
    *,
    baudrate: int = 9600,
    bytesize: int = 8,
    parity: str = "N",
    stopbits: float = 1,
    timeout: float = 10.0,
    poll_interval: float = 0.2,
    reply_timeout: float = 1.0,
) -> ScaleReading:
    """Return the first stable weight a serial scale reports (blocking).

    Parameters
    ----------
    port : str
        Device path (``/dev/ttyUSB0``, ``COM3``) or a pyserial URL.
    protocol : str or ScaleProtocol
        A name from :data:`SERIAL_PROTOCOLS` or a protocol object (e.g.
        ``ContinuousFormat(...).protocol``).
    baudrate, bytesize, parity, stopbits
        Line settings; they are per device, so take them from its manual.
    timeout : float
        Seconds to wait for a stable weight in total.
    poll_interval : float
        Seconds between requests while the reading is unstable.
    reply_timeout : float
        Seconds of silence after which a request is sent again.

    Returns
    -------
    ScaleReading
        A stable weight; unstable readings are skipped.

    Raises
    ------
    DeviceError
        pyserial missing, the port cannot be used, the scale reports
        overload/underload/counting mode/an error, or no stable weight
        arrived within ``timeout``.
    DecodeError
        The scale sent a line that does not follow the protocol.
    """
    return _weight(
        _read_scale(
            port,
            protocol,
            baudrate=baudrate,
            bytesize=bytesize,
            parity=parity,
            stopbits=stopbits,
            timeout=timeout,
            poll_interval=poll_interval,
            reply_timeout=reply_timeout,
            stop=None,
        ),
        port,
    )


def _weight(reading: ScaleReading | DeviceReading, port: str) -> ScaleReading:
    if isinstance(reading, DeviceReading):
        kinds = ", ".join(str(m.kind) for m in reading.measurements)
        msg = f"the device on {port} reads {kinds}, not a weight"
        raise DeviceError(
            msg,
            message_id=f"alat di {port} mengukur {kinds}, bukan berat",
            fix="use read_serial for devices of any kind",
            fix_id="pakai read_serial untuk alat jenis apa pun",
        )
    return reading


_SETTINGS: dict[str, Any] = {
    "baudrate": 9600,
    "bytesize": 8,
    "parity": "N",
    "stopbits": 1,
    "timeout": 10.0,
    "poll_interval": 0.2,
    "reply_timeout": 1.0,
}


def read_serial(
    port: str, protocol: str | ScaleProtocol, **settings: Any
) -> ScaleReading | DeviceReading:
    """Return the first stable reading of any kind a serial device sends.

    Like :func:`read_scale` (same ``settings``), but a protocol may read any
    measurement kind: a blood-pressure monitor or a thermometer gives a
    :class:`~posyandu_core.devices.DeviceReading` with its Measurements.
    """
    return _read_scale(port, protocol, **{**_SETTINGS, **settings}, stop=None)


async def read_serial_async(
    port: str, protocol: str | ScaleProtocol, **settings: Any
) -> ScaleReading | DeviceReading:
    """Async form of :func:`read_serial`; cancelling it closes the port."""
    return await _in_thread(port, protocol, {**_SETTINGS, **settings})


async def _in_thread(
    port: str, protocol: str | ScaleProtocol, settings: Mapping[str, Any]
) -> ScaleReading | DeviceReading:
    """Run the blocking reader in a worker thread; stop it on cancellation.

    On cancellation the loop is told to stop and awaited (≤ 50 ms) so the
    port is closed before this returns.
    """
    stop = threading.Event()
    work = functools.partial(_read_scale, port, protocol, **settings, stop=stop)
    future = asyncio.get_running_loop().run_in_executor(None, work)
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        stop.set()
        await asyncio.wait([future])
        if not future.cancelled():
            future.exception()  # retrieve it: nobody wants the result any more
        raise


async def read_scale_async(
    port: str,
    protocol: str | ScaleProtocol = "mt-sics",
    *,
    baudrate: int = 9600,
    bytesize: int = 8,
    parity: str = "N",
    stopbits: float = 1,
    timeout: float = 10.0,
    poll_interval: float = 0.2,
    reply_timeout: float = 1.0,
) -> ScaleReading:
    """Async form of :func:`read_scale`; cancelling it closes the port.

    The blocking loop runs in a worker thread. On cancellation it is told to
    stop and awaited (≤ 50 ms) so the port is closed before this returns.
    """
    settings = {
        "baudrate": baudrate,
        "bytesize": bytesize,
        "parity": parity,
        "stopbits": stopbits,
        "timeout": timeout,
        "poll_interval": poll_interval,
        "reply_timeout": reply_timeout,
    }
    return _weight(await _in_thread(port, protocol, settings), port)
