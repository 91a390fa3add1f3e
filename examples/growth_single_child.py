"""One child at one Posyandu visit: z-scores, flags and Permenkes categories."""

from __future__ import annotations

import datetime as dt

from posyandu_core.growth import assess, measurement_at_zscore

visit = assess(
    sex="P",  # perempuan (girl); "L"/"P", "m"/"f" or 1/2
    birth_date=dt.date(2023, 4, 12),
    measured_on=dt.date(2026, 5, 20),
    weight_kg=11.2,
    length_cm=88.4,
    method="berdiri",  # measured standing (TB)
    head_circumference_cm=47.5,
    muac_cm=13.1,
)
print(f"age: {visit.age_days} days = {visit.age_months} completed months")
print(f"reference: {visit.reference}, height used: {visit.length_height_cm} cm")
for name in (
    "weight_for_age",
    "length_height_for_age",
    "weight_for_length_height",
    "bmi_for_age",
    "head_circumference_for_age",
):
    result = getattr(visit, name)
    print(
        f"{name:28} z = {result.zscore:+.2f}  {result.label_id} / {result.label_en}"
        f"  ({result.kemkes_code}){'  FLAG' if result.flagged else ''}"
    )
assert visit.muac is not None
print(f"{'LiLA':28} {visit.muac.label_id} ({visit.muac.kemkes_code})")
print("stunted:", visit.stunted)

# The -3 ... +3 SD weight-for-age curves for a girl of this age (in days):
curve = measurement_at_zscore("wfa", [-3, -2, -1, 0, 1, 2, 3], sex=2, at=visit.age_days)
print("weight-for-age SD curves (kg):", curve.round(1).tolist())
