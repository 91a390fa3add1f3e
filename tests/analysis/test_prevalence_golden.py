"""Every public WHO reference prevalence table, cell by cell (counts exact, rest 1e-9)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from posyandu_core.analysis import anthro_prevalence, anthroplus_prevalence

from ._golden import SPECS, arguments, load, worst_error

FUNCTIONS: dict[str, Callable[..., pd.DataFrame]] = {
    "anthro_prevalence": anthro_prevalence,
    "anthroplus_prevalence": anthroplus_prevalence,
}


def test_every_reference_file_is_tested() -> None:
    assert len(SPECS) == 8


@pytest.mark.parametrize("spec_path", SPECS, ids=lambda p: p.stem)
def test_matches_who(spec_path: Path) -> None:
    spec, inputs, expected = load(spec_path)
    got = FUNCTIONS[spec["function"]](**arguments(spec, inputs))
    assert worst_error(got, expected) < 1e-9


@pytest.mark.parametrize("spec_path", SPECS[:1], ids=lambda p: p.stem)
def test_numpy_and_list_inputs_give_the_same_table(spec_path: Path) -> None:
    spec, inputs, expected = load(spec_path)
    args = {
        k: (v.tolist() if hasattr(v, "tolist") else v)
        for k, v in arguments(spec, inputs).items()
    }
    got = FUNCTIONS[spec["function"]](**args)
    assert worst_error(got, expected) < 1e-9


def test_polars_series_give_whos_table() -> None:
    pl = pytest.importorskip("polars")
    spec, inputs, expected = load(SPECS[-1])
    frame = pl.from_pandas(inputs)
    args = {k: frame[v] for k, v in spec["arguments"].items()}
    got = FUNCTIONS[spec["function"]](**args)
    assert worst_error(got, expected) < 1e-9
