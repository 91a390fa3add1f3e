"""z-scores for a pandas DataFrame (pip install 'posyandu-core[analysis]')."""

from __future__ import annotations

import io

import pandas as pd

from posyandu_core.growth import anthro_zscores

csv_text = """nama,sex,age,weight,lenhei,measure,oedema
Siti,f,400,8.9,74.5,l,n
Budi,m,1100,12.0,88.0,h,n
Ayu,f,200,,63.0,h,
"""
df = pd.read_csv(io.StringIO(csv_text))  # or pd.read_csv("anak.csv")
z = anthro_zscores(
    sex=df["sex"],
    age=df["age"],
    weight=df["weight"],
    lenhei=df["lenhei"],
    measure=df["measure"],
    oedema=df["oedema"],
).to_pandas()
result = pd.concat([df, z], axis=1)
print(result[["nama", "clenhei", "c9mo_flag", "zlen", "zwei", "zwfl"]])
