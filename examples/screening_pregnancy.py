"""Screen a pregnant woman, then the mother and baby after delivery (DOMAIN.md §7).

Run: python examples/screening_pregnancy.py
"""

from __future__ import annotations

import datetime as dt

from posyandu_core.plugins.kesehatan.screening import maternal

hpht = dt.date(2025, 3, 3)  # first day of the last menstrual period
today = dt.date(2025, 5, 12)
weeks = maternal.gestational_age_weeks(hpht=hpht, on=today)
print(
    f"usia kehamilan {weeks:.1f} minggu:",
    maternal.trimester(gestational_age_weeks=weeks).label_id,
)

first = maternal.anc_first_contact(gestational_age_weeks=weeks)
print("kontak pertama:", first.code, first.kemkes_code)

for result in (
    maternal.kek(lila_cm=22.9),
    maternal.anaemia(hb_g_dl=10.5, pregnant=True),
    maternal.pregnancy_blood_pressure(systolic_mmhg=142, diastolic_mmhg=88),
    maternal.weight_gain(pre_pregnancy_imt_kg_m2=17.9),
    maternal.iron_supplement(tablets_consumed=60),
    maternal.danger_signs(stage="kehamilan", signs=["gerak_janin_berkurang"]),
):
    action = result.action
    print(
        f"{result.rule:32} {result.code:24} {result.kemkes_code or '':9}"
        f" -> {action.label_id if action else '-'}"
        f"{' [rujuk ' + action.referral + ']' if action and action.referral else ''}"
    )

contacts = [
    maternal.AncContact(gestational_age_weeks=weeks, by_doctor=True, usg=True),
    maternal.AncContact(gestational_age_weeks=16),
]
summary = maternal.anc_summary(contacts=contacts, gestational_age_weeks=26)
print("ANC:", summary.code, summary.details["shortfalls"])

delivered = dt.date(2025, 11, 20)
for visit in (dt.date(2025, 11, 21), dt.date(2025, 11, 24), dt.date(2025, 12, 20)):
    kf = maternal.postnatal_visit(delivered_at=delivered, visit_at=visit)
    kn = maternal.postnatal_visit(delivered_at=delivered, visit_at=visit, kind="KN")
    print(visit, kf.code, kn.code if kn.classified else f"({kn.status})")
vitamin_a = maternal.vitamin_a_nifas(capsules_given=1)
print(
    "vitamin A nifas:",
    vitamin_a.code,
    "-",
    vitamin_a.action.label_en if vitamin_a.action else "",
)
