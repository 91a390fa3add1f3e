"""BLE over bumble: a client backend and virtual health peripherals.

Everything runs on bumble's in-process virtual link (``LocalLink``): each
device gets its own virtual controller and a real host stack (HCI, L2CAP,
ATT, GATT), so scanning, connecting, discovery and indications are the
real protocol, just without a radio. bumble is imported only when used
(``pip install posyandu-core[simulators]``).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from types import ModuleType, TracebackType
from typing import Any, Self

from posyandu_core.devices._ble import BleAdvertisement
from posyandu_core.devices._gatt import (
    BLOOD_PRESSURE_SERVICE,
    WEIGHT_SCALE_SERVICE,
    uuid16,
)
from posyandu_core.devices._ieee11073 import encode_sfloat
from posyandu_core.errors import DecodeError, DeviceError, UsageError

__all__ = [
    "BumbleBackend",
    "VirtualBlePeripheral",
    "VirtualBleRadio",
    "blood_pressure_payload",
    "weight_payload",
]


def _import_bumble() -> dict[str, ModuleType]:
    try:
        from bumble import controller, core, device, gatt, hci, host, link
        from bumble.transport import common
    except ImportError as exc:
        msg = "the BLE simulators need bumble, which is not installed"
        raise DeviceError(
            msg,
            message_id="simulator BLE perlu bumble, yang belum terpasang",
            fix="pip install posyandu-core[simulators]",
            fix_id="pip install posyandu-core[simulators]",
        ) from exc
    return {
        "controller": controller, "core": core, "device": device, "gatt": gatt,
        "hci": hci, "host": host, "link": link, "common": common,
    }  # fmt: skip


def _date_time(when: dt.datetime) -> bytes:
    return when.year.to_bytes(2, "little") + bytes(
        [when.month, when.day, when.hour, when.minute, when.second]
    )


def weight_payload(
    weight_kg: Decimal | float | str,
    *,
    time_stamp: dt.datetime | None = None,
    user_id: int | None = None,
) -> bytes:
    """Encode a Weight Measurement (0x2A9D) in SI units (0.005 kg steps).

    Examples
    --------
    >>> weight_payload("8.75").hex(" ")
    '00 d6 06'
    """
    steps = Decimal(str(weight_kg)) / Decimal("0.005")
    if steps != steps.to_integral_value() or not 0 <= steps < 0xFFFF:
        msg = f"{weight_kg} kg is not a multiple of 0.005 kg below 327.675 kg"
        raise UsageError(
            msg,
            message_id=f"{weight_kg} kg bukan kelipatan 0,005 kg di bawah 327,675 kg",
        )
    flags, tail = 0, b""
    if time_stamp is not None:
        flags |= 0x02
        tail += _date_time(time_stamp)
    if user_id is not None:
        flags |= 0x04
        tail += bytes([user_id])
    return bytes([flags]) + int(steps).to_bytes(2, "little") + tail


def blood_pressure_payload(
    systolic: Decimal | int | str,
    diastolic: Decimal | int | str,
    mean_arterial_pressure: Decimal | int | str,
    *,
    pulse_rate: Decimal | int | str | None = None,
    status: int | None = None,
    time_stamp: dt.datetime | None = None,
) -> bytes:
    """Encode a Blood Pressure Measurement (0x2A35) in mmHg.

    Examples
    --------
    >>> blood_pressure_payload(120, 80, 93).hex(" ")
    '00 78 00 50 00 5d 00'
    """
    flags = 0
    body = b"".join(
        encode_sfloat(Decimal(str(v))).to_bytes(2, "little")
        for v in (systolic, diastolic, mean_arterial_pressure)
    )
    if time_stamp is not None:
        flags |= 0x02
        body += _date_time(time_stamp)
    if pulse_rate is not None:
        flags |= 0x04
        body += encode_sfloat(Decimal(str(pulse_rate))).to_bytes(2, "little")
    if status is not None:
        flags |= 0x10
        body += status.to_bytes(2, "little")
    return bytes([flags]) + body


class _BumbleConnection:
    def __init__(self, connection: Any, bumble: dict[str, ModuleType]) -> None:
        self._connection = connection
        self._bumble = bumble
        self._peer = bumble["device"].Peer(connection)

    async def subscribe(
        self, characteristic: int, callback: Callable[[bytes], None]
    ) -> None:
        uuid = self._bumble["core"].UUID.from_16_bits(characteristic)
        await self._peer.discover_services()
        await self._peer.discover_characteristics()
        found = self._peer.get_characteristics_by_uuid(uuid)
        if not found:
            msg = f"the device has no characteristic 0x{characteristic:04X}"
            raise DeviceError(
                msg,
                message_id=f"alat ini tidak punya karakteristik 0x{characteristic:04X}",
                fix="is it the right kind of device?",
                fix_id="apakah jenis alatnya sudah tepat?",
            )
        # Indications preferred: health measurements are indicated (acknowledged).
        await self._peer.subscribe(
            found[0], lambda value: callback(bytes(value)), prefer_notify=False
        )

    async def disconnect(self) -> None:
        with contextlib.suppress(
            Exception
        ):  # already gone is fine, whatever bumble raises
            await self._connection.disconnect()


class BumbleBackend:
    """A :class:`~posyandu_core.devices.BleBackend` driving a bumble central.

    Parameters
    ----------
    device : bumble.device.Device
        A powered-on bumble device to scan and connect with.
    """

    def __init__(self, device: Any) -> None:
        self._bumble = _import_bumble()
        self._device = device
        self._addresses: dict[str, Any] = {}

    def _advertisement(self, adv: Any) -> BleAdvertisement:
        data_type = self._bumble["core"].AdvertisingData
        uuids = [
            *(
                adv.data.get(data_type.COMPLETE_LIST_OF_16_BIT_SERVICE_CLASS_UUIDS)
                or []
            ),
            *(
                adv.data.get(data_type.INCOMPLETE_LIST_OF_16_BIT_SERVICE_CLASS_UUIDS)
                or []
            ),
        ]
        shorts = []
        for uuid in uuids:
            with contextlib.suppress(DecodeError):
                shorts.append(uuid16(uuid.to_hex_str()))
        name = adv.data.get(data_type.COMPLETE_LOCAL_NAME)
        address = str(adv.address)
        self._addresses[address] = adv.address
        return BleAdvertisement(
            address=address, name=name, rssi=adv.rssi, service_uuids=tuple(shorts)
        )

    async def scan(
        self, service_uuids: Sequence[int], timeout: float, *, first_match: bool = False
    ) -> list[BleAdvertisement]:
        """Scan the virtual link for devices advertising ``service_uuids``."""
        wanted = set(service_uuids)
        found: dict[str, BleAdvertisement] = {}
        matched = asyncio.Event()

        def on_advertisement(adv: Any) -> None:
            seen = self._advertisement(adv)
            if wanted & set(seen.service_uuids):
                found.setdefault(seen.address, seen)
                matched.set()

        self._device.on("advertisement", on_advertisement)
        await self._device.start_scanning(filter_duplicates=True)
        try:
            if first_match:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(matched.wait(), timeout)
            else:
                await asyncio.sleep(timeout)
        finally:
            self._device.remove_listener("advertisement", on_advertisement)
            await self._device.stop_scanning()
        return list(found.values())

    async def connect(self, address: str, timeout: float) -> _BumbleConnection:
        """Connect to a device seen while scanning (or to a literal address)."""
        target = self._addresses.get(address, address)
        try:
            connection = await asyncio.wait_for(self._device.connect(target), timeout)
        except (TimeoutError, self._bumble["core"].BaseBumbleError) as exc:
            reason = f"{type(exc).__name__} {exc}".rstrip()
            msg = f"cannot connect to {address}: {reason}"
            raise DeviceError(
                msg, message_id=f"tidak dapat tersambung ke {address}: {reason}"
            ) from exc
        return _BumbleConnection(connection, self._bumble)


class VirtualBlePeripheral:
    """A virtual health device: one service whose measurement it indicates.

    When a client enables indications (or notifications) on the measurement
    characteristic, the device sends ``payloads`` in order, as a scale sends
    its result once the person stands still.
    """

    def __init__(
        self,
        *,
        name: str,
        service: int,
        measurement: int,
        payloads: Sequence[bytes],
        feature: tuple[int, bytes] | None = None,
    ) -> None:
        self.name = name
        self.service = service
        self.measurement = measurement
        self.payloads = tuple(payloads)
        self.feature = feature
        self.device: Any = None
        self.subscriptions = 0  # how many times a client subscribed
        self._tasks: set[asyncio.Task[None]] = set()

    def build(self, bumble: dict[str, ModuleType], device: Any) -> None:
        """Add the GATT service to ``device`` and remember it."""
        gatt, core = bumble["gatt"], bumble["core"]
        measurement = gatt.Characteristic(
            core.UUID.from_16_bits(self.measurement),
            gatt.Characteristic.Properties.INDICATE,
            gatt.Characteristic.Permissions(0),
            b"",
        )
        characteristics = [measurement]
        if self.feature is not None:
            uuid, value = self.feature
            characteristics.append(
                gatt.Characteristic(
                    core.UUID.from_16_bits(uuid),
                    gatt.Characteristic.Properties.READ,
                    gatt.Characteristic.READABLE,
                    value,
                )
            )
        device.add_service(
            gatt.Service(core.UUID.from_16_bits(self.service), characteristics)
        )

        def on_subscription(connection: Any, notify: bool, indicate: bool) -> None:
            if notify or indicate:
                self.subscriptions += 1
                task = asyncio.get_running_loop().create_task(
                    self._send(device, connection, measurement, indicate)
                )
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

        measurement.on("subscription", on_subscription)
        self.device = device

    async def _send(
        self, device: Any, connection: Any, characteristic: Any, indicate: bool
    ) -> None:
        with contextlib.suppress(Exception):  # the client may hang up mid-way
            for payload in self.payloads:
                if indicate:
                    await device.indicate_subscriber(
                        connection, characteristic, payload
                    )
                else:
                    await device.notify_subscriber(connection, characteristic, payload)

    @property
    def connected(self) -> bool:
        """Whether a client is connected right now."""
        return bool(self.device is not None and self.device.connections)

    async def close(self) -> None:
        """Stop sending."""
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(list(self._tasks))


class VirtualBleRadio:
    """A bumble virtual link with one central and virtual health devices.

    Use as an async context manager; :attr:`backend` is the central as a
    :class:`~posyandu_core.devices.BleBackend` for :func:`read_ble_async`.

    Examples
    --------
    >>> import asyncio
    >>> from posyandu_core.devices import read_ble_async
    >>> async def demo():
    ...     async with VirtualBleRadio() as radio:
    ...         await radio.add_weight_scale(weight_kg="8.75")
    ...         result = await read_ble_async(radio.backend, timeout=5)
    ...         return result.reading.weight_kg
    >>> asyncio.run(demo())
    8.75
    """

    def __init__(self) -> None:
        self._bumble = _import_bumble()
        self._link = self._bumble["link"].LocalLink()
        self._count = 0
        self.peripherals: list[VirtualBlePeripheral] = []
        self._central = self._new_device("posyandu central")
        self.backend = BumbleBackend(self._central)

    def _new_device(self, name: str) -> Any:
        b = self._bumble
        address = ":".join([f"F{self._count:X}"] * 6)
        self._count += 1
        controller = b["controller"].Controller(
            name, link=self._link, public_address=address
        )
        host = b["host"].Host(controller, b["common"].AsyncPipeSink(controller))
        return b["device"].Device(
            name=name, address=b["hci"].Address(address), host=host
        )

    async def __aenter__(self) -> Self:
        await self._central.power_on()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for peripheral in self.peripherals:
            await peripheral.close()
            with contextlib.suppress(Exception):
                await peripheral.device.stop_advertising()

    async def add(self, peripheral: VirtualBlePeripheral) -> VirtualBlePeripheral:
        """Power ``peripheral`` on and make it advertise its service."""
        b = self._bumble
        device = self._new_device(peripheral.name)
        peripheral.build(b, device)
        await device.power_on()
        data_type = b["core"].AdvertisingData
        advertising = b["core"].AdvertisingData(
            [
                (data_type.COMPLETE_LIST_OF_16_BIT_SERVICE_CLASS_UUIDS,
                 bytes(b["core"].UUID.from_16_bits(peripheral.service))),
                (data_type.COMPLETE_LOCAL_NAME, peripheral.name.encode()),
            ]
        )  # fmt: skip
        await device.start_advertising(
            advertising_data=bytes(advertising),
            auto_restart=True,
            advertising_interval_min=20,
            advertising_interval_max=20,
        )
        self.peripherals.append(peripheral)
        return peripheral

    async def add_weight_scale(
        self,
        *,
        weight_kg: Decimal | float | str,
        name: str = "Virtual Weight Scale",
        time_stamp: dt.datetime | None = None,
        feature: bytes = bytes.fromhex(
            "31000000"
        ),  # ts, 0.01 kg: a Kemenkes baby scale
    ) -> VirtualBlePeripheral:
        """Add a Weight Scale (0x181D) that indicates one weight."""
        return await self.add(
            VirtualBlePeripheral(
                name=name,
                service=WEIGHT_SCALE_SERVICE,
                measurement=0x2A9D,
                payloads=[weight_payload(weight_kg, time_stamp=time_stamp)],
                feature=(0x2A9E, feature),
            )
        )

    async def add_blood_pressure_monitor(
        self,
        *,
        systolic: int | Decimal,
        diastolic: int | Decimal,
        mean_arterial_pressure: int | Decimal,
        pulse_rate: int | Decimal | None = None,
        status: int | None = None,
        name: str = "Virtual BP Monitor",
    ) -> VirtualBlePeripheral:
        """Add a Blood Pressure monitor (0x1810) that indicates one result."""
        payload = blood_pressure_payload(
            systolic,
            diastolic,
            mean_arterial_pressure,
            pulse_rate=pulse_rate,
            status=status,
        )
        return await self.add(
            VirtualBlePeripheral(
                name=name,
                service=BLOOD_PRESSURE_SERVICE,
                measurement=0x2A35,
                payloads=[payload],
                feature=(0x2A49, bytes.fromhex("0700")),
            )
        )
