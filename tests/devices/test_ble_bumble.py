"""The whole BLE path against real bumble GATT peripherals on a virtual link.

scan by service -> connect -> subscribe to indications -> decode ->
Measurement -> disconnect, with bumble's central as the client backend.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TypeVar

import pytest

from posyandu_core.devices import (
    BLOOD_PRESSURE_SERVICE,
    BleAdvertisement,
    BleReading,
    BloodPressureMeasurement,
    VirtualBleRadio,
    WeightMeasurement,
    read_ble_async,
    scan_ble_async,
    to_measurements,
)
from posyandu_core.errors import DeviceError
from posyandu_core.model import MeasurementKind

T = TypeVar("T")
WHEN = dt.datetime(2025, 3, 14, 9, 5)


def run(scenario: Callable[[VirtualBleRadio], Awaitable[T]]) -> T:
    async def main() -> T:
        async with VirtualBleRadio() as radio:
            return await asyncio.wait_for(scenario(radio), 15)

    return asyncio.run(main())


def test_weight_scale_end_to_end() -> None:
    async def scenario(radio: VirtualBleRadio) -> tuple[BleReading, bool, int]:
        scale = await radio.add_weight_scale(weight_kg="8.75", time_stamp=WHEN)
        await radio.add_blood_pressure_monitor(
            systolic=120, diastolic=80, mean_arterial_pressure=93
        )
        result = await read_ble_async(radio.backend, timeout=5)
        await asyncio.sleep(0.05)  # let the disconnection reach the peripheral
        return result, scale.connected, scale.subscriptions

    result, still_connected, subscriptions = run(scenario)
    assert isinstance(result.reading, WeightMeasurement)
    assert result.reading.weight == Decimal("8.750")
    assert result.payload.hex(" ") == "02 d6 06 e9 07 03 0e 09 05 00"
    assert result.device.name == "Virtual Weight Scale"
    assert subscriptions == 1
    assert not still_connected

    conversion = to_measurements(result, measured_at=WHEN, device_class="baby_scale")
    assert conversion.ok
    (weight,) = conversion.measurements
    assert (weight.kind, weight.value, weight.unit) == (
        MeasurementKind.WEIGHT,
        8.75,
        "kg",
    )
    assert (weight.device_id, weight.device_model) == (
        result.device.address,
        "Virtual Weight Scale",
    )
    assert weight.raw == "02 d6 06 e9 07 03 0e 09 05 00"
    assert weight.derived["device_time"] == "2025-03-14T09:05:00"


def test_blood_pressure_monitor_is_found_by_its_service() -> None:
    async def scenario(radio: VirtualBleRadio) -> BleReading:
        await radio.add_weight_scale(weight_kg="70")
        await radio.add_blood_pressure_monitor(
            systolic=135,
            diastolic=85,
            mean_arterial_pressure=102,
            pulse_rate=72,
            status=0x0004,
        )
        return await read_ble_async(
            radio.backend, service=BLOOD_PRESSURE_SERVICE, timeout=5
        )

    result = run(scenario)
    assert isinstance(result.reading, BloodPressureMeasurement)
    assert result.device.name == "Virtual BP Monitor"
    conversion = to_measurements(result, measured_at=WHEN, device_class="bp_monitor")
    assert {m.kind: m.value for m in conversion.measurements} == {
        MeasurementKind.SYSTOLIC: 135.0,
        MeasurementKind.DIASTOLIC: 85.0,
        MeasurementKind.PULSE: 72.0,
    }
    assert [i.code for i in conversion.issues] == [
        "device.bp_repeat"
    ]  # irregular pulse


def test_scan_lists_only_health_devices() -> None:
    async def scenario(radio: VirtualBleRadio) -> list[BleAdvertisement]:
        await radio.add_weight_scale(weight_kg="3.2", name="Baby Scale")
        await radio.add_blood_pressure_monitor(
            systolic=120, diastolic=80, mean_arterial_pressure=93
        )
        return await scan_ble_async(radio.backend, timeout=0.3)

    seen = sorted(run(scenario), key=lambda a: a.address)
    assert [(a.name, a.service_uuids) for a in seen] == [
        ("Baby Scale", (0x181D,)),
        ("Virtual BP Monitor", (0x1810,)),
    ]


def test_no_device_is_a_device_error() -> None:
    async def scenario(radio: VirtualBleRadio) -> None:
        await radio.add_weight_scale(weight_kg="3.2")
        with pytest.raises(DeviceError, match="no device advertising service 0x1810"):
            await read_ble_async(
                radio.backend, service=BLOOD_PRESSURE_SERVICE, scan_timeout=0.3
            )

    run(scenario)


def test_no_measurement_in_time_disconnects() -> None:
    async def scenario(radio: VirtualBleRadio) -> tuple[bool, int]:
        scale = await radio.add_weight_scale(weight_kg="3.2")
        scale.payloads = ()  # a scale nobody steps on
        with pytest.raises(DeviceError, match=r"no measurement from .* within 0\.3 s"):
            await read_ble_async(radio.backend, timeout=0.3)
        await asyncio.sleep(0.05)
        return scale.connected, scale.subscriptions

    assert run(scenario) == (False, 1)


def test_cancelling_a_read_disconnects() -> None:
    async def scenario(radio: VirtualBleRadio) -> bool:
        scale = await radio.add_weight_scale(weight_kg="3.2")
        scale.payloads = ()
        task = asyncio.create_task(read_ble_async(radio.backend, timeout=30))
        while not scale.subscriptions:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0.05)
        return scale.connected

    assert run(scenario) is False
