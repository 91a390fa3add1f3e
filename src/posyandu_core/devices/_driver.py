"""The descriptor a plugin registers for each device model it supports."""

from __future__ import annotations

import attrs


@attrs.frozen(kw_only=True)
class DeviceDriver:
    """A device model that posyandu_core can read from.

    Parameters
    ----------
    id : str
        Unique id, e.g. ``"mt-sics"``.
    name : str
        Human-readable name.
    transport : str
        ``"serial"`` or ``"ble"``.
    device_class : str
        What it measures, e.g. ``"baby_scale"``, ``"bp_monitor"``.
    """

    id: str
    name: str
    transport: str
    device_class: str
