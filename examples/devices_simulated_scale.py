"""Read a (virtual) baby scale over a real serial port and record a Measurement.

A virtual MT-SICS balance runs on a pseudo-terminal; pyserial opens it like
/dev/ttyUSB0. The reading is skipped while unstable, converted to kg and
checked against the baby-scale rules and the equipment's calibration. A
virtual Bluetooth blood-pressure monitor (bumble) then goes the BLE way.
No hardware needed. Run: python examples/devices_simulated_scale.py
"""

from __future__ import annotations

import asyncio
import datetime as dt

from posyandu_core.devices import (
    BLOOD_PRESSURE_SERVICE,
    ScaleScript,
    VirtualBleRadio,
    VirtualMtSicsScale,
    read_ble_async,
    read_scale,
    to_measurements,
)
from posyandu_core.model import Equipment

now = dt.datetime(2025, 3, 14, 9, 5)
scale = Equipment(
    id="TB-01",
    kind="baby_scale",
    model="MT baby scale",
    calibration_due=dt.date(2025, 12, 31),
)

# The baby wriggles: three unstable values, then 8.75 kg.
script = ScaleScript(weight="8750", unit="g", unstable=["3100", "8200", "8740"])
with VirtualMtSicsScale(script) as virtual:
    reading = read_scale(virtual.port, "mt-sics", poll_interval=0.05, timeout=5)
print(f"scale said {reading.raw!r} after {len(virtual.commands)} requests")

result = to_measurements(reading, measured_at=now, equipment=scale, person_id="P-0042")
for measurement in result.measurements:
    print(f"{measurement.kind}: {measurement.value} {measurement.unit} "
          f"(device {measurement.device_id}, sent as {measurement.derived['value_as_transmitted']} "
          f"{measurement.derived['unit_as_transmitted']})")  # fmt: skip
for issue in result.issues:
    print(f"  {issue.severity}: {issue.message_en} / {issue.message_id}")
print("ok to record:", result.ok)


async def blood_pressure() -> None:
    async with VirtualBleRadio() as radio:
        await radio.add_blood_pressure_monitor(
            systolic=135, diastolic=85, mean_arterial_pressure=102, pulse_rate=72
        )
        ble = await read_ble_async(
            radio.backend, service=BLOOD_PRESSURE_SERVICE, timeout=5
        )
    bp = to_measurements(
        ble, measured_at=now, device_class="bp_monitor", person_id="P-0007"
    )
    values = ", ".join(f"{m.kind} {m.value:g} {m.unit}" for m in bp.measurements)
    print(f"{ble.device.name} ({ble.device.address}): {values}")


asyncio.run(asyncio.wait_for(blood_pressure(), 20))
