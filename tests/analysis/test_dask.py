"""Dask: the same functions over partitions, equal to the in-memory results."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from posyandu_core.analysis import anthro_prevalence, anthroplus_prevalence, zscores
from posyandu_core.cli import main

from ._golden import GOLDEN, SPECS, arguments, load, read_csv, worst_error

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")


@pytest.fixture
def synchronous() -> Iterator[None]:
    with dask.config.set(scheduler="synchronous"):
        yield


@pytest.mark.usefixtures("synchronous")
@pytest.mark.parametrize("spec_path", SPECS, ids=lambda p: p.stem)
@pytest.mark.parametrize("partitions", [5])
def test_map_reduce_equals_whos_table(spec_path: Path, partitions: int) -> None:
    spec, inputs, expected = load(spec_path)
    ddf = dd.from_pandas(inputs, npartitions=partitions)
    args = {k: ddf[v] for k, v in spec["arguments"].items()}
    if spec["function"] == "anthro_prevalence":
        got = anthro_prevalence(**args, is_age_in_month=spec["is_age_in_month"])
    else:
        got = anthroplus_prevalence(**args)
    assert worst_error(got, expected) < 1e-9


@pytest.mark.usefixtures("synchronous")
@pytest.mark.parametrize("design", [(), ("strata",), ("sw", "strata"), ("cluster",)])
def test_designs_without_reference_files_equal_in_memory(
    design: tuple[str, ...],
) -> None:
    spec, inputs, _ = load(GOLDEN / "anthro_prevalence_no_design.json")
    shuffled = inputs.sample(frac=1.0, random_state=7)
    memory_args = arguments(spec, shuffled) | {k: shuffled[k] for k in design}
    memory = anthro_prevalence(**memory_args, by={"Posyandu": shuffled["cluster"] % 4})
    ddf = dd.from_pandas(shuffled, npartitions=5)
    args = {k: ddf[v] for k, v in spec["arguments"].items()} | {
        k: ddf[k] for k in design
    }
    got = anthro_prevalence(**args, by={"Posyandu": ddf["cluster"] % 4})
    assert worst_error(got, memory) < 1e-9


@pytest.mark.usefixtures("synchronous")
def test_zscores_over_partitions_equal_in_memory() -> None:
    frame = read_csv(GOLDEN / "anthro_survey_input.csv").rename(
        columns={"age_days": "umur"}
    )
    lazy = zscores(dd.from_pandas(frame, npartitions=4), age="umur", categories=True)
    got = lazy.compute()
    expected = zscores(frame, age="umur", categories=True)
    assert list(got.columns) == list(expected.columns)
    for name in ("zlen", "zwei", "zwfl", "zbmi"):
        np.testing.assert_array_equal(
            got[name].to_numpy(dtype=float), expected[name].to_numpy(dtype=float)
        )
    pd.testing.assert_series_equal(
        got["kategori_pb_tb_u"].reset_index(drop=True),
        expected["kategori_pb_tb_u"].reset_index(drop=True),
    )


def _parquet_folder(tmp_path: Path) -> Path:
    frame = read_csv(GOLDEN / "anthro_survey_input.csv").rename(
        columns={"age_days": "age"}
    )
    folder = tmp_path / "survey"
    folder.mkdir()
    for i in range(3):
        frame.iloc[i * 1000 : (i + 1) * 1000].to_parquet(folder / f"part{i}.parquet")
    return folder


def test_both_commands_with_the_dask_engine(tmp_path: Path) -> None:
    folder = _parquet_folder(tmp_path)
    out = tmp_path / "z"
    assert main(["zscores", "--engine", "dask", str(folder), "-o", str(out)]) == 0
    written = pd.read_parquet(out)
    expected_z = read_csv(GOLDEN / "anthro_survey_zscores.csv")
    np.testing.assert_array_equal(
        written["zwfl"].to_numpy(dtype=float), expected_z["zwfl"].to_numpy(dtype=float)
    )
    table = tmp_path / "t.csv"
    argv = ["prevalence", "--engine", "dask", str(folder), "-o", str(table)]
    assert main(argv) == 0
    expected = read_csv(
        GOLDEN / "anthro_prevalence_sw_cluster_strata_typeres_wealthq.csv"
    )
    assert worst_error(read_csv(table), expected) < 1e-9
