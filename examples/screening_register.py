"""Life-cycle services and the monthly report on the packaged sample register.

Run: python examples/screening_register.py
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from posyandu_core.plugins.kesehatan.screening import reports, services
from posyandu_core.register.sample import load_sample_register

register = load_sample_register()
as_of = dt.date(2026, 11, 10)

findings = services.lifecycle_findings(register, as_of)
print(f"{len(findings)} findings on {as_of}")
for code, n in Counter(f.code for f in findings).most_common(6):
    print(f"  {n:3} {code}")

referred = [f for f in findings if f.referral is not None]
print(f"{len(referred)} to refer, e.g.:")
for finding in referred[:3]:
    print(f"  {finding.person_id}: {finding.label_id} -> {finding.referral}")

report = reports.lifecycle_monthly_report(register, "2026-11")
for row in report.to_rows():
    if row["count"] or row["denominator"]:
        share = f" / {row['denominator']}" if row["denominator"] is not None else ""
        print(f"{row['sasaran']:7} {row['label_id']:45} {row['count']}{share}")
