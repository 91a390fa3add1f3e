"""Growth monitoring (KMS) and the SKDN monthly report on the sample register.

Run: python examples/kms_and_skdn.py
"""

from __future__ import annotations

from collections import Counter

from posyandu_core.plugins.kesehatan.growth_monitoring import (
    GrowthMonitoringConfig,
    monitor_register,
)
from posyandu_core.plugins.kesehatan.skdn import check_skdn_consistency, skdn_report
from posyandu_core.register.sample import load_sample_register

register = load_sample_register()
config = (
    GrowthMonitoringConfig.from_data()
)  # KBM Buku KIA 2023, red -2 SD, orange +1 SD
statuses, issues = monitor_register(register, config=config)

latest = max(s.month for s in statuses)
print(f"{len(statuses)} child-months weighed; latest month {latest}")
print(
    "status this month:",
    dict(Counter(str(s.code) for s in statuses if s.month == latest)),
)

print("\nchildren needing follow-up this month (tindak lanjut):")
for s in statuses:
    if s.month != latest or not s.findings:
        continue
    for f in s.findings:
        where = f" -> rujuk {f.referral}" if f.referral else ""
        again = f", evaluasi {f.reevaluate_on}" if f.reevaluate_on else ""
        print(f"  {s.name} ({s.age_months} bln): {f.label_id}{where}{again}")

report = skdn_report(register, latest)
total = report.total
print(f"\nSKDN {latest}: {total.to_dict()}")
for name, value in total.ratios().items():
    print(f"  {name}: {'-' if value is None else f'{100 * value:.1f} %'}")
print("consistency issues:", check_skdn_consistency(report) or "none")
