"""The bleak implementation of :class:`BleBackend`, for real hardware."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from posyandu_core.devices._ble import BleAdvertisement
from posyandu_core.devices._gatt import full_uuid, uuid16
from posyandu_core.errors import DecodeError, DeviceError

__all__ = ["BleakBackend"]


def _import_bleak() -> ModuleType:
    try:
        import bleak
    except ImportError as exc:
        msg = "Bluetooth LE devices need bleak, which is not installed"
        raise DeviceError(
            msg,
            message_id="alat Bluetooth LE perlu bleak, yang belum terpasang",
            fix="pip install posyandu-core[devices]",
            fix_id="pip install posyandu-core[devices]",
        ) from exc
    return bleak


def _unavailable(exc: BaseException, doing: str, doing_id: str) -> DeviceError:
    """Turn a platform failure into one clear sentence (``doing`` in each language)."""
    if (
        isinstance(exc, FileNotFoundError | ConnectionRefusedError)
        and sys.platform == "linux"
    ):
        reason = "no D-Bus system bus or BlueZ service (is bluetoothd running?)"
        reason_id = "tidak ada bus sistem D-Bus atau layanan BlueZ (bluetoothd jalan?)"
    else:
        reason = reason_id = f"{type(exc).__name__}: {exc}".rstrip(": ")
    msg = f"Bluetooth LE {doing} failed: {reason}"
    return DeviceError(
        msg,
        message_id=f"{doing_id} Bluetooth LE gagal: {reason_id}",
        fix="check that this computer has a Bluetooth adapter and it is on",
        fix_id="periksa bahwa komputer ini punya adaptor Bluetooth dan adaptornya "
        "menyala",
    )


def _short_uuids(uuids: Sequence[str]) -> tuple[int, ...]:
    shorts = []
    for text in uuids:
        try:
            shorts.append(uuid16(text))
        except DecodeError:
            continue  # vendor 128-bit services: not one of ours
    return tuple(shorts)


class _BleakConnection:
    def __init__(self, client: Any, bleak: ModuleType) -> None:
        self._client = client
        self._bleak = bleak

    async def subscribe(
        self, characteristic: int, callback: Callable[[bytes], None]
    ) -> None:
        try:
            await self._client.start_notify(
                full_uuid(characteristic), lambda _sender, data: callback(bytes(data))
            )
        except (self._bleak.exc.BleakError, OSError) as exc:
            raise _unavailable(exc, "subscription", "langganan data") from exc

    async def disconnect(self) -> None:
        try:
            await self._client.disconnect()
        except (self._bleak.exc.BleakError, OSError) as exc:
            raise _unavailable(exc, "disconnect", "pemutusan sambungan") from exc


class BleakBackend:
    """Scan and connect through bleak (BlueZ, WinRT, CoreBluetooth, Android)."""

    def __init__(self) -> None:
        self._bleak = _import_bleak()

    async def scan(
        self, service_uuids: Sequence[int], timeout: float, *, first_match: bool = False
    ) -> list[BleAdvertisement]:
        """Scan for devices advertising any of ``service_uuids``."""
        wanted = {full_uuid(u) for u in service_uuids}
        scanner = self._bleak.BleakScanner
        try:
            if first_match:
                found = await scanner.find_device_by_filter(
                    lambda _d, adv: bool(
                        wanted & {u.lower() for u in adv.service_uuids}
                    ),
                    timeout=timeout,
                    service_uuids=sorted(wanted),
                )
                seen: list[tuple[Any, Any]] = [] if found is None else [(found, None)]
            else:
                result = await scanner.discover(
                    timeout=timeout, service_uuids=sorted(wanted), return_adv=True
                )
                seen = list(result.values())
        except (TimeoutError, self._bleak.exc.BleakError, OSError) as exc:
            raise _unavailable(exc, "scan", "pemindaian") from exc
        devices = []
        for device, adv in seen:
            uuids = list(adv.service_uuids) if adv is not None else []
            devices.append(
                BleAdvertisement(
                    address=device.address,
                    name=(adv.local_name if adv is not None else None) or device.name,
                    rssi=adv.rssi if adv is not None else None,
                    service_uuids=_short_uuids(uuids),
                )
            )
        return devices

    async def connect(self, address: str, timeout: float) -> _BleakConnection:
        """Connect to ``address``."""
        client = self._bleak.BleakClient(address, timeout=timeout)
        try:
            await client.connect()
        except (TimeoutError, self._bleak.exc.BleakError, OSError) as exc:
            raise _unavailable(
                exc, f"connection to {address}", f"sambungan ke {address}"
            ) from exc
        return _BleakConnection(client, self._bleak)
