"""Built-in plugin: the device drivers and the ``posyandu device`` command."""

from __future__ import annotations

from posyandu_core.devices._cli import configure, run
from posyandu_core.devices._driver import DeviceDriver, builtin_drivers
from posyandu_core.hookspecs import Command, Registrar, hookimpl


@hookimpl
def register_devices(register: Registrar[DeviceDriver]) -> None:
    """Register the built-in serial and BLE drivers."""
    for driver in builtin_drivers():
        register(driver)


@hookimpl
def register_commands(register: Registrar[Command]) -> None:
    """Register ``posyandu device`` (decode / read / scan)."""
    register(
        Command(
            name="device",
            help="decode device payloads, read a serial scale, scan for BLE devices",
            configure=configure,
            run=run,
        )
    )
