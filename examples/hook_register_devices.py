"""register_devices: a serial blood-pressure monitor ``posyandu device read`` reads.

The monitor streams ``SYS:118 DIA:76 PUL:70`` once a measurement is done
(``SYS:---`` while the cuff inflates). Here a pseudo-terminal stands in for
the USB-serial cable, so the example runs without hardware.
"""

from __future__ import annotations

import datetime as dt
import os
import threading

from posyandu_core.cli import main
from posyandu_core.devices import DeviceDriver, DeviceReading, ScaleProtocol
from posyandu_core.errors import DecodeError
from posyandu_core.hookspecs import Registrar, hookimpl
from posyandu_core.model import Measurement, MeasurementKind
from posyandu_core.testing import installed

_KINDS = {
    "SYS": MeasurementKind.SYSTOLIC,
    "DIA": MeasurementKind.DIASTOLIC,
    "PUL": MeasurementKind.PULSE,
}


def parse_bp_line(line: str | bytes) -> DeviceReading:
    """Read ``SYS:118 DIA:76 PUL:70``; ``---`` values mean still measuring."""
    text = line.decode("ascii") if isinstance(line, bytes) else line
    try:
        fields = dict(part.split(":", 1) for part in text.split())
    except ValueError:
        msg = f"not a blood-pressure line: {text!r}"
        raise DecodeError(msg) from None
    if set(fields) != set(_KINDS):
        msg = f"not a blood-pressure line: {text!r}"
        raise DecodeError(msg)
    now = dt.datetime.now()
    done = all(v.isdigit() for v in fields.values())
    return DeviceReading(
        protocol="acme-bp",
        stable=done,
        raw=text,
        measurements=tuple(
            Measurement(kind=_KINDS[k], value=float(v), measured_at=now)
            for k, v in fields.items()
            if done
        ),
    )


class BloodPressurePlugin:
    @hookimpl
    def register_devices(self, register: Registrar[DeviceDriver]) -> None:
        register(
            DeviceDriver(
                id="acme-bp",
                name="ACME serial blood-pressure monitor",
                transport="serial",
                device_class="bp_monitor",
                protocol=ScaleProtocol(name="acme-bp", parse=parse_bp_line),
            )
        )


master, slave = os.openpty()
stop = threading.Event()


def monitor() -> None:
    lines = [b"SYS:--- DIA:--- PUL:---\r\n"] * 2
    while not stop.is_set():
        os.write(master, lines.pop() if lines else b"SYS:118 DIA:76 PUL:70\r\n")
        stop.wait(0.05)


threading.Thread(target=monitor, daemon=True).start()
try:
    with installed(BloodPressurePlugin()):
        code = main(
            ["device", "read", "--driver", "acme-bp", "--port", os.ttyname(slave)]
        )
finally:
    stop.set()
assert code == 0
