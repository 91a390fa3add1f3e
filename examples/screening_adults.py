"""PTM screening of adults (DOMAIN.md §9): IMT, waist, BP, glucose, lipids, PUMA.

Run: python examples/screening_adults.py
"""

from __future__ import annotations

from posyandu_core.plugins.kesehatan.screening import Conventions, adult

print("due:", adult.ptm_screening_due(age_years=45).details["due"])

for profile in ("ASIA_PACIFIC_WHO_2000", "KEMENKES_2003"):
    r = adult.imt(weight_kg=72.0, height_cm=165.0, profile=profile)
    print(f"IMT {r.value:.1f} ({profile}): {r.label_id}")
print("lingkar perut:", adult.central_obesity(sex="L", waist_cm=92).label_id)

for systolic, diastolic in [(118, 78), (135, 86), (150, 95), (145, 85)]:
    r = adult.blood_pressure(systolic_mmhg=systolic, diastolic_mmhg=diastolic)
    refer = f" -> rujuk {r.referral}" if r.referral else ""
    print(f"TD {systolic}/{diastolic}: {r.label_id}{refer}")

# The open choice: refer the monthly-monitoring categories too.
refer_all = Conventions(refer_on_monitoring=True)
r = adult.blood_pressure(systolic_mmhg=135, diastolic_mmhg=86, conventions=refer_all)
print("normal tinggi, refer_on_monitoring:", r.referral)

for value, kind in [(210, "GDS"), (110, "GDP"), (139, "GDS")]:
    r = adult.glucose(glucose_mg_dl=value, kind=kind)
    print(f"{kind} {value}: {r.label_en}; {r.action.label_en if r.action else ''}")
print("HbA1c 6.0 %:", adult.hba1c(hba1c_percent=6.0).code)
print("kolesterol 215:", adult.total_cholesterol(total_cholesterol_mg_dl=215).label_id)
print(
    "profil lipid:",
    adult.lipid_profile_indicated(age_years=52, hypertension=True, diabetes=False).code,
)
puma = adult.puma(
    sex="L", age_years=52, pack_years=adult.pack_years(cigarettes_per_day=20, years_smoked=25),
    breathless=True, phlegm=True, cough=True, spirometry_before=False,
)  # fmt: skip
print(f"PUMA {puma.value:g}: {puma.label_en} -> {puma.referral}")

# SRQ-20 (at the Puskesmas): 6 or more "yes" of 20 -> refer; the Kemenkes
# cut-off is a documented [U] convention.
srq = adult.srq20(answers=[True] * 6 + [False] * 14)
print("SRQ-20:", srq.value, srq.code, srq.action.referral if srq.action else None)
