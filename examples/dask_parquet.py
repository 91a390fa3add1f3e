"""A Parquet folder through Dask: z-scores per partition, prevalence by map-reduce."""

from __future__ import annotations

import tempfile
from pathlib import Path

import dask.dataframe as dd
import pandas as pd

from posyandu_core.analysis import anthro_prevalence, zscores
from posyandu_core.analysis._dask import scheduler

# A Parquet dataset of three files (a real one may be far larger than memory).
folder = Path(tempfile.mkdtemp()) / "survey"
folder.mkdir()
survey = pd.read_csv(Path(__file__).parent / "data" / "survey_0_5.csv")
for i in range(3):
    survey.iloc[i * 1000 : (i + 1) * 1000].to_parquet(folder / f"part{i}.parquet")

# scheduler(): $DASK_SCHEDULER_ADDRESS if set (a multi-node cluster),
# otherwise a LocalCluster for the block.
with scheduler():
    ddf = dd.read_parquet(folder)
    lazy = zscores(ddf, age="age_days", categories=True)  # lazy, per partition
    lazy.to_parquet(folder.parent / "zscores", write_index=False)
    columns = ["sex", "age_days", "zlen", "zwfl", "kategori_bb_pb_tb"]
    print(pd.read_parquet(folder.parent / "zscores")[columns].head(3).to_string())

    # Dask Series as arguments: the table is summed per PSU and partition.
    table = anthro_prevalence(
        sex=ddf["sex"], age=ddf["age_days"], weight=ddf["weight"],
        lenhei=ddf["lenhei"], measure=ddf["measure"], oedema=ddf["oedema"],
        sw=ddf["sw"], cluster=ddf["cluster"], strata=ddf["strata"],
    )  # fmt: skip

in_memory = anthro_prevalence(
    sex=survey["sex"], age=survey["age_days"], weight=survey["weight"],
    lenhei=survey["lenhei"], measure=survey["measure"], oedema=survey["oedema"],
    sw=survey["sw"], cluster=survey["cluster"], strata=survey["strata"],
)  # fmt: skip
numbers = table.columns[1:]
relative = (table[numbers] - in_memory[numbers]).abs() / in_memory[numbers].abs()
print(table[["Group", "HA_2_r", "HA_2_ll", "HA_2_ul"]].head(3).to_string(index=False))
print(f"largest relative difference, Dask vs in memory: {relative.max().max():.1e}")
