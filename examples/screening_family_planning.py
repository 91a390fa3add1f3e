"""Target groups on a date, then KB: WUS, PUS, 4T, layak hamil, methods (DOMAIN.md §2.3, §11).

Run: python examples/screening_family_planning.py
"""

from __future__ import annotations

import datetime as dt

from posyandu_core.plugins.kesehatan.screening import kb, sasaran

on = dt.date(2026, 3, 10)
groups = sasaran.target_groups(
    birth_date=dt.date(1990, 4, 2), sex="P", on=on, status=["menyusui"], married=True
)
print("sasaran:", ", ".join(groups.details["groups"]))
print(
    "ceklis kunjungan rumah:",
    sasaran.home_visit_band(birth_date=dt.date(1990, 4, 2), on=on).label_id,
)

print("WUS:", kb.wus(sex="P", age_years=35).label_id)
print("PUS:", kb.pus(married=True, wife_age_years=35).code)

risks = kb.four_t(mother_age_years=36, birth_interval_months=18, children_born=3)
print("4T:", [label_id for label_id, _ in risks.details["labels"]])

screen = kb.layak_hamil(
    age_years=35, children_born=3, months_since_last_birth=18, imt_kg_m2=23.0,
    lila_cm=24.0, hb_g_dl=11.5, chronic_disease_controlled=True,
)  # fmt: skip
print("layak hamil:", screen.label_id, "- belum terpenuhi:", screen.details["unmet"])
unknown = kb.layak_hamil(age_years=28, children_born=1, months_since_last_birth=30)
print("tanpa IMT/LiLA/Hb:", unknown.status, unknown.field)

for method in ("implan", "suntik_3_bulan", "mop"):
    r = kb.contraceptive_method(method=method)
    print(f"{method}: {r.label_id}; layanan minimal {r.details['level']}")
