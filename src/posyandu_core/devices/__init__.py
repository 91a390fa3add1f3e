"""Device drivers: decoders for health-device protocols and their transports.

Decoders are pure (bytes in, typed reading out) and need no extra; transports
(Bluetooth LE via bleak, serial via pyserial) need ``posyandu-core[devices]``.
"""

from __future__ import annotations

from posyandu_core.devices._driver import DeviceDriver

__all__ = ["DeviceDriver"]
