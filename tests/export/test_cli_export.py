"""The export formats through ``posyandu export``: typed options, side files, modes."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from posyandu_core.cli import main

pytest.importorskip("pyarrow")

SAMPLE_PATH = (
    Path(__file__).parents[2]
    / "src"
    / "posyandu_core"
    / "data"
    / "sample"
    / "register.csv"
)


def test_tidy_csv_with_a_key_writes_data_and_dictionary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "tidy.csv"
    code = main(["export", "tidy-csv", str(SAMPLE_PATH), "-o", str(target),
                 "--key", "rahasia"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "tidy.csv",
        "tidy.dictionary.csv",
    ]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in tmp_path.iterdir())
    assert "Ayu" not in target.read_text(encoding="utf-8")  # pseudonymised


def test_tidy_csv_without_a_key_is_refused_and_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export", "tidy-csv", str(SAMPLE_PATH), "-o", str(tmp_path / "t.csv")])
    assert code == 2  # a usage error, as any missing option
    assert "--key" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("exporter", "extra", "option"),
    [
        ("tidy-csv", [], "--key"),
        ("tidy-parquet", [], "--key"),
        ("tidy-xlsx", [], "--key"),
        ("eppgbm-csv", ["--columns", "eppgbm-1999"], "--columns"),
        ("skdn-xlsx", [], "--month"),
        ("skdn-pdf", [], "--month"),
    ],
)
def test_a_missing_or_refused_option_is_a_usage_error_naming_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    exporter: str,
    extra: list[str],
    option: str,
) -> None:
    out = tmp_path / "out"
    assert main(["export", exporter, str(SAMPLE_PATH), "-o", str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert option in err
    assert err.count("posyandu: ") == 1
    assert list(tmp_path.iterdir()) == []


def test_every_required_exporter_option_is_checked() -> None:
    from posyandu_core.registry import get_registry

    checked = {"tidy-csv", "tidy-parquet", "tidy-xlsx", "skdn-xlsx", "skdn-pdf"}
    required = {
        e.id
        for e in get_registry().exporters.values()
        if any(o.required for o in e.options) or any(o.name == "key" for o in e.options)
    }
    assert required <= checked


def test_fhir_options_reach_the_writer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "b.ndjson"
    code = main(["export", "fhir-ndjson", str(SAMPLE_PATH), "-o", str(target),
                 "--timezone", "WITA", "--early-doses", "omit", "--per", "person"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    text = target.read_text(encoding="utf-8")
    assert text.count("\n") == 106  # one Bundle per person of the sample
    assert "+00:00" in text
