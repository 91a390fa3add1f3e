"""Bluetooth LE health devices: scan by service, connect, subscribe, decode.

The flow talks to a small client interface, :class:`BleBackend`, so the same
code runs on real hardware through bleak (:class:`BleakBackend`) and, in
tests and demos, against bumble's virtual controller
(:class:`~posyandu_core.devices.BumbleBackend`): bleak itself needs BlueZ
over D-Bus and cannot reach bumble's in-process link.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import attrs

from posyandu_core.devices._gatt import (
    BLOOD_PRESSURE_SERVICE,
    BODY_COMPOSITION_SERVICE,
    GLUCOSE_SERVICE,
    HEALTH_THERMOMETER_SERVICE,
    WEIGHT_SCALE_SERVICE,
    GattReading,
    decode,
)
from posyandu_core.devices._gatt_bp import IntermediateCuffPressure
from posyandu_core.errors import DecodeError, DeviceError, UsageError

__all__ = [
    "MEASUREMENT_CHARACTERISTICS",
    "BleAdvertisement",
    "BleBackend",
    "BleConnection",
    "BleReading",
    "read_ble",
    "read_ble_async",
    "scan_ble",
    "scan_ble_async",
]

MEASUREMENT_CHARACTERISTICS = {
    WEIGHT_SCALE_SERVICE: 0x2A9D,
    BLOOD_PRESSURE_SERVICE: 0x2A35,
    HEALTH_THERMOMETER_SERVICE: 0x2A1C,
    GLUCOSE_SERVICE: 0x2A18,
    BODY_COMPOSITION_SERVICE: 0x2A9C,
}
"""The characteristic that carries the result, per health service."""


@attrs.frozen(kw_only=True)
class BleAdvertisement:
    """A device seen while scanning.

    Parameters
    ----------
    address : str
        Bluetooth address (or the platform's identifier for it).
    name : str or None
        Advertised local name; usually the model.
    rssi : int or None
        Signal strength in dBm.
    service_uuids : tuple of int
        Advertised 16-bit service UUIDs.
    """

    address: str
    name: str | None = None
    rssi: int | None = None
    service_uuids: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        return {
            "address": self.address,
            "name": self.name,
            "rssi": self.rssi,
            "services": [f"0x{u:04X}" for u in self.service_uuids],
        }


class BleConnection(Protocol):
    """A connected peripheral."""

    async def subscribe(
        self, characteristic: int, callback: Callable[[bytes], None]
    ) -> None:
        """Enable notifications or indications; call ``callback`` with each value."""

    async def disconnect(self) -> None:
        """Disconnect; must not raise if the link is already gone."""


class BleBackend(Protocol):
    """The four operations the BLE flow needs from a Bluetooth stack."""

    async def scan(
        self, service_uuids: Sequence[int], timeout: float, *, first_match: bool = False
    ) -> list[BleAdvertisement]:
        """Return devices advertising any of ``service_uuids``.

        With ``first_match`` it returns as soon as one is seen.
        """

    async def connect(self, address: str, timeout: float) -> BleConnection:
        """Connect to ``address``; raise ``DeviceError`` on failure."""


@attrs.frozen(kw_only=True)
class BleReading:
    """A decoded result and the device it came from.

    Parameters
    ----------
    reading : GattReading
        The decoded characteristic value.
    characteristic : int
        Its 16-bit UUID.
    payload : bytes
        The value as received, for audit.
    device : BleAdvertisement
        Who sent it (address, advertised name).
    """

    reading: GattReading
    characteristic: int
    payload: bytes
    device: BleAdvertisement


def _default_backend() -> BleBackend:
    from posyandu_core.devices._bleak import BleakBackend

    return BleakBackend()


async def scan_ble_async(
    backend: BleBackend | None = None,
    *,
    services: Sequence[int] = tuple(MEASUREMENT_CHARACTERISTICS),
    timeout: float = 5.0,
) -> list[BleAdvertisement]:
    """Return nearby devices that advertise a health service.

    Raises
    ------
    DeviceError
        bleak is missing or the platform has no usable Bluetooth adapter.
    """
    backend = backend or _default_backend()
    return await backend.scan(services, timeout)


def scan_ble(
    backend: BleBackend | None = None,
    *,
    services: Sequence[int] = tuple(MEASUREMENT_CHARACTERISTICS),
    timeout: float = 5.0,
) -> list[BleAdvertisement]:
    """Blocking form of :func:`scan_ble_async` (not inside a running loop)."""
    return asyncio.run(scan_ble_async(backend, services=services, timeout=timeout))


async def _connect(
    backend: BleBackend, address: str, *, timeout: float, retries: int
) -> BleConnection:
    for attempt in range(retries + 1):
        try:
            return await backend.connect(address, timeout)
        except DeviceError:
            if attempt == retries:
                raise
            await asyncio.sleep(0.2 * 2**attempt)  # devices drop the first try often
    raise AssertionError  # pragma: no cover - the loop returns or raises


async def read_ble_async(
    backend: BleBackend | None = None,
    *,
    service: int = WEIGHT_SCALE_SERVICE,
    characteristic: int | None = None,
    address: str | None = None,
    scan_timeout: float = 10.0,
    connect_timeout: float = 10.0,
    timeout: float = 60.0,
    retries: int = 2,
) -> BleReading:
    """Scan for a health device, connect, wait for one result, disconnect.

    Parameters
    ----------
    backend : BleBackend or None
        The Bluetooth stack; ``None`` means bleak (real hardware).
    service : int
        Health service to look for, e.g. ``0x181D`` (weight scale).
    characteristic : int or None
        Characteristic to subscribe to; defaults to the service's
        measurement (:data:`MEASUREMENT_CHARACTERISTICS`).
    address : str or None
        Connect to this device without scanning.
    scan_timeout, connect_timeout : float
        Seconds allowed for finding and for connecting (per attempt).
    timeout : float
        Seconds to wait for the measurement once subscribed (a person may
        still be stepping on the scale).
    retries : int
        Extra connection attempts after a failure.

    Returns
    -------
    BleReading
        The first final result; intermediate cuff pressures are skipped.

    Raises
    ------
    DeviceError
        No device found, connection failed, or no result within ``timeout``.
    DecodeError
        The device sent a value that does not follow the GATT layout.
    """
    backend = backend or _default_backend()
    wanted = characteristic or MEASUREMENT_CHARACTERISTICS.get(service)
    if wanted is None:
        msg = f"no default measurement characteristic for service 0x{service:04X}"
        raise UsageError(
            msg,
            message_id=f"layanan 0x{service:04X} tidak punya karakteristik ukur bawaan",
            fix="name the characteristic to read",
            fix_id="sebutkan karakteristik yang dibaca",
        )
    if address is None:
        found = await backend.scan([service], scan_timeout, first_match=True)
        if not found:
            msg = f"no device advertising service 0x{service:04X} found in {scan_timeout:g} s"
            raise DeviceError(
                msg,
                message_id=f"tidak ada alat dengan layanan 0x{service:04X} dalam "
                f"{scan_timeout:g} detik",
                fix="switch the device on / start a measurement, and retry",
                fix_id="nyalakan alatnya / mulai pengukuran, lalu coba lagi",
            )
        device = found[0]
    else:
        device = BleAdvertisement(address=address)
    connection = await _connect(
        backend, device.address, timeout=connect_timeout, retries=retries
    )
    values: asyncio.Queue[tuple[bytes, GattReading | DecodeError]] = asyncio.Queue()

    def on_value(payload: bytes) -> None:
        try:
            values.put_nowait((payload, decode(wanted, payload)))
        except DecodeError as exc:
            values.put_nowait((payload, exc))

    try:
        await connection.subscribe(wanted, on_value)
        async with asyncio.timeout(timeout):
            while True:
                payload, reading = await values.get()
                if isinstance(reading, DecodeError):
                    raise reading
                if not isinstance(reading, IntermediateCuffPressure):
                    return BleReading(
                        reading=reading,
                        characteristic=wanted,
                        payload=payload,
                        device=device,
                    )
    except TimeoutError as exc:
        msg = f"no measurement from {device.address} within {timeout:g} s"
        raise DeviceError(
            msg,
            message_id=f"tidak ada hasil ukur dari {device.address} dalam "
            f"{timeout:g} detik",
            fix="take the measurement while connected",
            fix_id="lakukan pengukuran selama alat tersambung",
        ) from exc
    finally:
        # Shielded so a cancelled caller still leaves the device disconnected.
        with contextlib.suppress(DeviceError):
            await asyncio.shield(connection.disconnect())


def read_ble(
    backend: BleBackend | None = None,
    *,
    service: int = WEIGHT_SCALE_SERVICE,
    characteristic: int | None = None,
    address: str | None = None,
    scan_timeout: float = 10.0,
    connect_timeout: float = 10.0,
    timeout: float = 60.0,
    retries: int = 2,
) -> BleReading:
    """Blocking form of :func:`read_ble_async` (not inside a running loop)."""
    return asyncio.run(
        read_ble_async(
            backend,
            service=service,
            characteristic=characteristic,
            address=address,
            scan_timeout=scan_timeout,
            connect_timeout=connect_timeout,
            timeout=timeout,
            retries=retries,
        )
    )
