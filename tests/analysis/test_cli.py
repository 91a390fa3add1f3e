"""``posyandu prevalence``: WHO's reference tables through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from posyandu_core.cli import main

from ._golden import GOLDEN, read_csv, worst_error


def _golden_call(name: str, tmp_path: Path, *extra: str) -> tuple[Path, pd.DataFrame]:
    spec = json.loads((GOLDEN / f"{name}.json").read_text())
    inputs = read_csv(GOLDEN / spec["input"])
    # WHO's argument names as columns; only the arguments of this call.
    frame = inputs.rename(columns={v: k for k, v in spec["arguments"].items()})
    frame = frame[list(spec["arguments"])]
    source = tmp_path / "survey.csv"
    frame.to_csv(source, index=False, na_rep="NA")
    return source, read_csv(GOLDEN / spec["output"])


@pytest.mark.parametrize(
    ("name", "reference"),
    [
        ("anthro_prevalence_sw_cluster_strata_typeres_wealthq", "who2006"),
        ("anthroplus_prevalence_cluster_strata", "who2007"),
    ],
)
def test_golden_tables_through_the_cli(
    name: str, reference: str, tmp_path: Path
) -> None:
    source, expected = _golden_call(name, tmp_path)
    out = tmp_path / "table.csv"
    assert (
        main(["prevalence", str(source), "-o", str(out), "--reference", reference]) == 0
    )
    assert worst_error(read_csv(out), expected) < 1e-9


def test_json_and_xlsx_hold_the_same_table(tmp_path: Path) -> None:
    source, expected = _golden_call("anthro_prevalence_sw", tmp_path)
    as_json, as_xlsx = tmp_path / "t.json", tmp_path / "t.xlsx"
    assert main(["prevalence", str(source), "-o", str(as_json)]) == 0
    assert main(["prevalence", str(source), "-o", str(as_xlsx)]) == 0
    records = json.loads(as_json.read_text())
    from_json = pd.DataFrame.from_records(records).astype({"Group": str})
    assert worst_error(from_json.fillna(float("nan")), expected) < 1e-9
    # Excel keeps 15 significant digits: the weighted counts lose their last bit.
    from_xlsx = pd.read_excel(as_xlsx)
    counts = [c for c in expected.columns if c.endswith("_pop")]
    pd.testing.assert_frame_equal(from_xlsx[counts], expected[counts], rtol=1e-15)
    rest = [c for c in expected.columns if c not in counts]
    assert worst_error(from_xlsx[rest], expected[rest]) < 1e-9


def test_age_in_months_and_by_columns(tmp_path: Path) -> None:
    frame = read_csv(GOLDEN / "anthro_survey_input.csv")
    frame = frame.assign(
        age=frame["age_days"] / 30.4375,
        Posyandu=frame["cluster"].map(lambda c: f"P{c % 3}"),
    ).drop(columns=["age_days"])
    source = tmp_path / "months.csv"
    frame.to_csv(source, index=False, na_rep="NA")
    out = tmp_path / "t.csv"
    argv = ["prevalence", str(source), "-o", str(out), "--age-unit", "months"]
    assert main([*argv, "--by", "Posyandu"]) == 0
    groups = read_csv(out)["Group"].tolist()
    assert groups[-3:] == ["Posyandu: P0", "Posyandu: P1", "Posyandu: P2"]


def test_a_register_is_read_too(tmp_path: Path) -> None:
    register = Path(__file__).parents[2] / "src/posyandu_core/data/sample/register.csv"
    out = tmp_path / "t.csv"
    assert main(["prevalence", str(register), "-o", str(out), "--by", "Posyandu"]) == 0
    table = read_csv(out)
    assert table["Group"].iloc[0] == "All"
    assert table["HAZ_unwpop"].iloc[0] > 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["missing.csv"], "berkas tidak ada"),
        (["survey.csv", "--by", "desa"], "--by column 'desa'"),
        (["survey.csv", "--format", "pdf"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, _ = _golden_call("anthro_prevalence_sw", tmp_path)
    argv = [str(tmp_path / a) if a.endswith(".csv") else a for a in argv]
    code = main(["prevalence", *argv, "-o", str(tmp_path / "o.csv")])
    assert code != 0
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert source.exists()


def test_the_plugin_loads_without_importing_the_extra() -> None:
    import subprocess
    import sys

    code = (
        "import sys, posyandu_core.plugins.analysis, posyandu_core.analysis; "
        "print(sorted(m for m in ('pandas', 'dask', 'pyarrow', 'polars') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
