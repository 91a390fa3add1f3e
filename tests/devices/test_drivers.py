"""Drivers are registered through the plugin hook; a third party adds one the same way."""

from __future__ import annotations

import asyncio

from posyandu_core.devices import (
    BLOOD_PRESSURE_SERVICE,
    ContinuousFormat,
    DeviceDriver,
    ScaleReading,
    ScaleScript,
    VirtualAndScale,
    VirtualBleRadio,
    VirtualMtSicsScale,
)
from posyandu_core.hookspecs import Registrar, hookimpl
from posyandu_core.plugins import make_plugin_manager
from posyandu_core.registry import Registry

# A scale model the core does not know: it prints "ST,+00012.34 kg"-like
# frames; the plugin describes them with a pattern, no code.
BENCH_SCALE = ContinuousFormat(
    name="acme-bench",
    pattern=r"(?P<state>ST|US),(?P<sign>[+-])(?P<value>[\d.]+)\s*(?P<unit>\w+)",
    stable_states={"ST"},
    unstable_states={"US"},
)


class AcmePlugin:
    @hookimpl
    def register_devices(self, register: Registrar[DeviceDriver]) -> None:
        register(
            DeviceDriver(
                id="acme-bench", name="ACME bench scale", transport="serial",
                device_class="floor_scale", protocol=BENCH_SCALE.protocol,
            )
        )  # fmt: skip


def registry() -> Registry:
    return Registry.from_plugin_manager(
        make_plugin_manager(autoload=False, extra=[AcmePlugin()])
    )


def test_builtin_and_third_party_drivers_are_registered() -> None:
    devices = registry().devices
    assert devices["mt-sics"].transport == "serial"
    assert devices["ble-blood-pressure"].service == BLOOD_PRESSURE_SERVICE
    assert devices["acme-bench"].name == "ACME bench scale"


def test_a_third_party_driver_reads_a_real_port() -> None:
    driver = registry().devices["acme-bench"]
    script = ScaleScript(weight="12.34", unstable=["12.0", "12.2", "12.3"])
    with VirtualAndScale(script, stream=True) as scale:
        reading = driver.read(port=scale.port, poll_interval=0.02, timeout=5)
    assert isinstance(reading, ScaleReading)
    assert (reading.protocol, reading.stable, reading.weight_kg) == (
        "acme-bench",
        True,
        12.34,
    )


def test_builtin_serial_driver_reads() -> None:
    driver = registry().devices["mt-sics"]
    with VirtualMtSicsScale(ScaleScript(weight="3.20", unstable=["3.0"])) as scale:
        reading = driver.read(port=scale.port, poll_interval=0.02, timeout=5)
    assert isinstance(reading, ScaleReading)
    assert reading.weight_kg == 3.2


def test_builtin_ble_driver_reads_through_a_backend() -> None:
    driver = registry().devices["ble-blood-pressure"]

    async def main() -> object:
        async with VirtualBleRadio() as radio:
            await radio.add_blood_pressure_monitor(
                systolic=118, diastolic=76, mean_arterial_pressure=90
            )
            result = await asyncio.wait_for(
                driver.read_async(backend=radio.backend, timeout=5), 10
            )
            return result.reading.systolic  # type: ignore[union-attr]

    assert asyncio.run(main()) == 118
