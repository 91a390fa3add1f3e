"""The descriptor a plugin registers for each device model it supports."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import attrs

from posyandu_core.errors import UsageError

if TYPE_CHECKING:
    from posyandu_core.devices._ble import BleReading
    from posyandu_core.devices._scale import (
        DeviceReading,
        ScaleProtocol,
        ScaleReading,
    )

__all__ = ["DeviceDriver", "builtin_drivers"]

SERIAL, BLE = "serial", "ble"


@attrs.frozen(kw_only=True)
class DeviceDriver:
    """A device model that posyandu_core can read from.

    A serial driver names its :class:`~posyandu_core.devices.ScaleProtocol`
    (a third party adds a scale model with a
    :class:`~posyandu_core.devices.ContinuousFormat` pattern); a BLE driver
    names the health service it reads. :meth:`read_async` then works the
    same for built-in and plugin drivers.

    Parameters
    ----------
    id : str
        Unique id, e.g. ``"mt-sics"``.
    name : str
        Human-readable name.
    transport : str
        ``"serial"`` or ``"ble"``.
    device_class : str
        What it measures, an :class:`~posyandu_core.model.EquipmentKind`
        value such as ``"baby_scale"`` or ``"bp_monitor"``; the plausibility
        checks use it unless the equipment record says otherwise.
    protocol : ScaleProtocol or None
        For serial drivers: how to talk to the scale.
    service : int or None
        For BLE drivers: the 16-bit health service UUID.
    characteristic : int or None
        For BLE drivers: the characteristic to subscribe to, if not the
        service's usual measurement.
    """

    id: str
    name: str
    transport: str
    device_class: str
    protocol: ScaleProtocol | None = None
    service: int | None = None
    characteristic: int | None = None

    async def read_async(
        self, **options: Any
    ) -> ScaleReading | DeviceReading | BleReading:
        """Take one reading.

        Serial drivers pass ``options`` (``port`` required, ``baudrate``,
        ``timeout`` …) to :func:`~posyandu_core.devices.read_serial_async`
        (a scale gives a weight, a blood-pressure monitor or a thermometer
        a :class:`~posyandu_core.devices.DeviceReading`);
        BLE drivers to :func:`~posyandu_core.devices.read_ble_async`
        (``backend``, ``address``, ``timeout`` …).
        """
        if self.transport == SERIAL and self.protocol is not None:
            from posyandu_core.devices._serial import read_serial_async

            return await read_serial_async(protocol=self.protocol, **options)
        if self.transport == BLE and self.service is not None:
            from posyandu_core.devices._ble import read_ble_async

            return await read_ble_async(
                service=self.service, characteristic=self.characteristic, **options
            )
        msg = f"driver {self.id!r} names no serial protocol or BLE service to read"
        raise UsageError(
            msg,
            message_id=(
                f"driver {self.id!r} tidak menyebut protokol serial atau layanan BLE"
            ),
            fix="give the driver a protocol or a service",
            fix_id="beri driver protokol atau layanan",
        )

    def read(self, **options: Any) -> ScaleReading | DeviceReading | BleReading:
        """Blocking form of :meth:`read_async` (not inside a running loop)."""
        return asyncio.run(self.read_async(**options))


def builtin_drivers() -> tuple[DeviceDriver, ...]:
    """Return the drivers the built-in ``devices`` plugin registers."""
    from posyandu_core.devices._and import AND, AND_STREAM
    from posyandu_core.devices._gatt import (
        BLOOD_PRESSURE_SERVICE,
        GLUCOSE_SERVICE,
        HEALTH_THERMOMETER_SERVICE,
        WEIGHT_SCALE_SERVICE,
    )
    from posyandu_core.devices._mtsics import MT_SICS

    return (
        DeviceDriver(id="mt-sics", name="Mettler Toledo balance (MT-SICS)",
                     transport=SERIAL, device_class="baby_scale", protocol=MT_SICS),
        DeviceDriver(id="and", name="A&D balance (standard format, Q command)",
                     transport=SERIAL, device_class="baby_scale", protocol=AND),
        DeviceDriver(id="and-stream", name="A&D balance (standard format, stream mode)",
                     transport=SERIAL, device_class="baby_scale", protocol=AND_STREAM),
        DeviceDriver(id="ble-weight-scale", name="Bluetooth Weight Scale (0x181D)",
                     transport=BLE, device_class="floor_scale", service=WEIGHT_SCALE_SERVICE),
        DeviceDriver(id="ble-blood-pressure", name="Bluetooth Blood Pressure monitor (0x1810)",
                     transport=BLE, device_class="bp_monitor", service=BLOOD_PRESSURE_SERVICE),
        DeviceDriver(id="ble-thermometer", name="Bluetooth Health Thermometer (0x1809)",
                     transport=BLE, device_class="thermometer",
                     service=HEALTH_THERMOMETER_SERVICE),
        DeviceDriver(id="ble-glucose", name="Bluetooth Glucose meter (0x1808)",
                     transport=BLE, device_class="glucometer", service=GLUCOSE_SERVICE),
    )  # fmt: skip
