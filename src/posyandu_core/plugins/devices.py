"""Built-in plugin: the device drivers."""

from __future__ import annotations

from posyandu_core.devices._driver import DeviceDriver, builtin_drivers
from posyandu_core.hookspecs import Registrar, hookimpl


@hookimpl
def register_devices(register: Registrar[DeviceDriver]) -> None:
    """Register the built-in serial and BLE drivers."""
    for driver in builtin_drivers():
        register(driver)
