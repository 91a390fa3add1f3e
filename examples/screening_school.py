"""Screen school-age children and adolescents (DOMAIN.md §8).

Run: python examples/screening_school.py
"""

from __future__ import annotations

from posyandu_core.plugins.kesehatan.screening import school

# IMT/U on the WHO 2007 reference with the Permenkes 2/2020 categories.
for sex, months, imt in [("P", 120, 12.8), ("L", 180, 28.5), ("L", 180, 19.8)]:
    r = school.imt_u(sex=sex, age_months=months, imt_kg_m2=imt)
    print(f"IMT/U {sex} {months} bln IMT {imt}: z {r.value:+.2f} {r.label_id}")

# Weight and height instead of IMT; an implausible value is flagged, not classified.
print(school.imt_u(sex="P", age_months=150, weight_kg=38.0, height_cm=148.0).label_en)
print(school.imt_u(sex="P", age_months=150, weight_kg=380.0, height_cm=148.0).status)

# Blood pressure: KMK-ILP table for 7-12 y, AAP classes from 13 y.
bp = school.blood_pressure(age_years=10, sex="L", systolic_mmhg=110, diastolic_mmhg=70)
print("TD 10 th:", bp.label_en, bp.details["threshold_mmhg"])
teen = school.blood_pressure(
    age_years=15, sex="P", systolic_mmhg=132, diastolic_mmhg=78
)
print("TD 15 th:", teen.label_id, "->", teen.referral)

# Programmes for adolescent girls.
print("Hb kelas 7:", school.anaemia_screening_due(sex="P", school_grade=7).code)
print(
    "TTD rematri:",
    school.ttd_rematri(sex="P", school_grade=8, tablets_taken=10, weeks=12).code,
)
print("ASSIST alkohol 12:", school.assist(score=12, substance="alcohol").label_en)
print(
    "SDQ 11 th / 14 th:",
    school.sdq_informant(age_years=11).code,
    school.sdq_informant(age_years=14).code,
)
