"""A survey from a CSV file to WHO's prevalence table, by group, and a chart."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no window: the chart goes to a file

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from posyandu_core.analysis import anthro_prevalence, zscores

survey = pd.read_csv(Path(__file__).parent / "data" / "survey_0_5.csv")

table = anthro_prevalence(
    sex=survey["sex"],
    age=survey["age_days"],  # days; is_age_in_month=True for months
    weight=survey["weight"],
    lenhei=survey["lenhei"],
    measure=survey["measure"],
    oedema=survey["oedema"],
    sw=survey["sw"],  # sampling weights
    cluster=survey["cluster"],  # primary sampling units
    strata=survey["strata"],
    typeres=survey["typeres"],  # WHO's "Area" rows
    by={"Posyandu": "P" + (survey["cluster"] % 5).astype(str)},  # your own groups
)
stunting = table[["Group", "HAZ_unwpop", "HA_2_r", "HA_2_ll", "HA_2_ul"]]
print(stunting.head(9).to_string(index=False))

ages = table[table["Group"].str.startswith("Age group: ")]
labels = ages["Group"].str.removeprefix("Age group: ")
low = ages["HA_2_r"] - ages["HA_2_ll"]
high = ages["HA_2_ul"] - ages["HA_2_r"]
figure, axes = plt.subplots(figsize=(7, 3.5))
axes.bar(labels, ages["HA_2_r"], yerr=np.vstack([low, high]), capsize=4)
axes.set_ylabel("stunting / pendek (%)")
axes.set_title("Stunting by age group, 95 % CI (WHO anthro_prevalence)")
chart = Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp()) / "stunting.png"
figure.savefig(chart, dpi=100, bbox_inches="tight")
print("chart:", chart)

children = survey.rename(columns={"sex": "jk", "age_days": "umur_hari"}).assign(
    jk=lambda d: d["jk"].map({1: "L", 2: "P"})
)
with_z = children.pipe(zscores, sex="jk", age="umur_hari", categories=True)
print(with_z[["jk", "umur_hari", "zlen", "kategori_pb_tb_u"]].head(3).to_string())

unweighted: dict[str, Any] = {
    "sex": survey["sex"], "age": survey["age_days"], "weight": survey["weight"],
    "lenhei": survey["lenhei"], "measure": survey["measure"],
    "oedema": survey["oedema"],
}  # fmt: skip
who = anthro_prevalence(**unweighted)
# e-PPGBM / Dinkes counting: -6.01 < z <= -2.01, flags kept, oedema not counted.
dinkes = anthro_prevalence(**unweighted, convention="dinkes")
for name, counted in (("WHO", who), ("Dinkes", dinkes)):
    first = counted.iloc[0]
    print(f"{name:>6}: stunting {first['HA_2_r']:.2f} % of {first['HAZ_unwpop']:.0f}")
