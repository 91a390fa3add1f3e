"""A survey of many children at once: vectorised z-scores and prevalences."""

from __future__ import annotations

import numpy as np

from posyandu_core.growth import (
    anthro_zscores,
    classify,
    increment_at_percentile,
    increment_zscore,
)

rng = np.random.default_rng(7)
n = 10_000
age_days = rng.integers(0, 1826, n)
sex = rng.integers(1, 3, n)
measure = np.where(age_days < 731, "l", "h")
lenhei = 50 + 36 * np.sqrt(age_days / 730) + rng.normal(-1.5, 3.5, n)
weight = np.maximum(3.3 + 0.0072 * age_days + rng.normal(-0.3, 1.0, n), 2.0)

table = anthro_zscores(
    sex=sex, age=age_days, weight=weight, lenhei=lenhei, measure=measure
)
print(table)
print("first child:", table.row(0))
print("rows with issues:", [(i.row, i.field, i.message_en) for i in table.issues])

# WHO's prevalence convention: flagged z-scores are left out.
zlen = np.where(table["flen"] == 1, np.nan, table["zlen"])
categories = classify("pb_tb_u", zlen)
measured = int(np.count_nonzero(~np.isnan(zlen)))
stunted = int(np.isin(categories, ["pendek", "sangat_pendek"]).sum())
share = 100 * stunted / measured
print(f"stunting (PB/U-TB/U < -2): {stunted} of {measured} = {share:.1f} %")
for category in ("sangat_pendek", "pendek", "normal", "tinggi"):
    print(f"  {category:14} {int(np.count_nonzero(categories == category)):6}")

# Weight faltering: a one-month gain below WHO's 5th percentile.
start_month = np.array([2, 5, 9])
gain_g = np.array([600.0, 300.0, -100.0])
p5 = increment_at_percentile(
    5, kind="weight", sex=1, start_months=start_month, interval_months=1
)
z = increment_zscore(
    gain_g, kind="weight", sex=1, start_months=start_month, interval_months=1
)
for m, g, limit, zz in zip(start_month, gain_g, p5, z, strict=True):
    verdict = "below P5" if g < limit else "ok"
    print(
        f"month {m}: gained {g:+.0f} g, P5 = {limit:.0f} g, z = {zz:+.2f} -> {verdict}"
    )
