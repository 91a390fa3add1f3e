"""The immunization engine: a child's schedule, a late dose, Td WUS, BIAS, the open-day list.

Run: python examples/immunization_schedule.py
"""

from __future__ import annotations

import datetime as dt

from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan.immunization import (
    GivenDose,
    bias_due,
    check_dose,
    evaluate_child,
    open_day_list,
    td_status,
)
from posyandu_core.register.sample import load_sample_register

birth = dt.date(2025, 1, 10)
given = [
    GivenDose(code="HB0", date=birth, recorded_as="HB-0"),
    GivenDose(code="MR1", date=dt.date(2025, 12, 15), recorded_as="Campak"),  # late
]
record = evaluate_child(
    birth_date=birth, sex=Sex.FEMALE, on=dt.date(2026, 1, 5), given=given
)
print(f"child born {birth}, evaluated {record.on} ({record.age_months} months)")
for dose in record.doses:
    when = dose.given_on or dose.due_on
    print(f"  {dose.code:<12} {dose.state:<26} {when}  earliest {dose.earliest}")
print("IDL:", record.idl.state, "missing", ", ".join(record.idl.missing))

print("\nMay DPT-HB-Hib 2 be given three weeks after dose 1?")
for issue in check_dose(
    birth, [("DPT-HB-Hib1", dt.date(2025, 3, 10))], "DPT-HB-Hib2", dt.date(2025, 3, 31)
):
    print(" ", issue.severity, issue.message_en)

td = td_status([("Td1", dt.date(2025, 1, 1))], dt.date(2025, 1, 2))
print(f"\nTd WUS: {td.label}, next dose from {td.next_earliest}")
print(
    "BIAS, girl in kelas 5 in August:",
    [d.code for d in bias_due(sex="P", grade=5, month=8)],
)

register = load_sample_register()
open_day = max(r.visit_date for r in register.rows if r.visit_date)
entries = open_day_list(register, open_day)
print(f"\nopen day {open_day}: {len(entries)} doses due or overdue; first five:")
for e in entries[:5]:
    print(f"  {e.state:<12} {e.name} (ortu {e.parent_name}), {e.code} since {e.due_on}")
