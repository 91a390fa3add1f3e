"""Equipment: the Bontang kit per Posyandu, calibration events and what is due.

Run: python examples/calibration_schedule.py
"""

from __future__ import annotations

import datetime as dt

from posyandu_core.plugins.wilayah.city import load_sample_city
from posyandu_core.plugins.wilayah.equipment import (
    calibration_report,
    equipment_states,
    missing_kit,
)

city = load_sample_city()
on = dt.date(2026, 11, 30)
states = equipment_states(city.inventory, city.calibrations, on, within_days=30)
# Only what needs action: overdue, due within 30 days, failed, never calibrated.
print(calibration_report(states, registry=city.registry, attention_only=True).to_text())

# The due dates feed the register's per-measurement calibration warnings.
equipment = [s.to_equipment() for s in states]
print(
    f"{len(equipment)} items with due dates, e.g. {equipment[0].id} due {equipment[0].calibration_due}"
)
for posyandu in city.registry.posyandu:
    print(
        posyandu.name,
        "lacks:",
        ", ".join(missing_kit(city.inventory, posyandu.registration_number)) or "-",
    )
