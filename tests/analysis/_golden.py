"""The public WHO reference outputs in tests/golden/prevalence and how to call them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

GOLDEN = Path(__file__).parents[1] / "golden" / "prevalence"
SPECS = sorted(GOLDEN.glob("*_prevalence_*.json"))
COUNT_SUFFIXES = ("_pop", "_unwpop")
TEXT_COLUMNS = ("Group", "Years", "Months")
TEXT_INPUTS = {
    "measure": object,
    "oedema": object,
    "typeres": object,
    "wealthq": object,
}


def read_csv(path: Path) -> pd.DataFrame:
    """Read a reference CSV as R wrote it (``NA`` = missing, nothing else)."""
    return pd.read_csv(path, keep_default_na=False, na_values=["NA"], dtype=TEXT_INPUTS)


def load(spec_path: Path) -> tuple[dict[str, Any], pd.DataFrame, pd.DataFrame]:
    """The call's sidecar, the input frame and WHO's output."""
    spec = json.loads(spec_path.read_text())
    inputs = read_csv(GOLDEN / spec["input"])
    expected = read_csv(GOLDEN / spec["output"])
    return spec, inputs, expected


def arguments(spec: dict[str, Any], inputs: pd.DataFrame) -> dict[str, Any]:
    """Keyword arguments of the recorded R call."""
    args: dict[str, Any] = {k: inputs[v] for k, v in spec["arguments"].items()}
    if spec["function"] == "anthro_prevalence":
        args["is_age_in_month"] = spec["is_age_in_month"]
    return args


def worst_error(got: pd.DataFrame, expected: pd.DataFrame) -> float:
    """Largest relative error of the non-count cells; counts and NA must match exactly."""
    assert list(got.columns) == list(expected.columns)
    worst = 0.0
    for name in expected.columns:
        if name in TEXT_COLUMNS:
            assert got[name].astype(str).tolist() == expected[name].astype(str).tolist()
            continue
        a = got[name].to_numpy(dtype=float)
        b = expected[name].to_numpy(dtype=float)
        assert np.array_equal(np.isnan(a), np.isnan(b)), name
        known = ~np.isnan(b)
        if name.endswith(COUNT_SUFFIXES):
            np.testing.assert_array_equal(a[known], b[known], err_msg=name)
            continue
        diff = np.abs(a[known] - b[known])
        scale = np.abs(b[known])
        rel = np.where(diff == 0, 0.0, diff / np.where(scale == 0, 1.0, scale))
        if rel.size:
            worst = max(worst, float(rel.max()))
    return worst
