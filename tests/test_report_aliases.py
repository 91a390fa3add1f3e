"""Every report is one command: ``posyandu report ID`` and its aliases, same parser, same output."""

from __future__ import annotations

from importlib.resources import files

import pytest

from posyandu_core.cli import main
from posyandu_core.registry import get_registry

KOTA = files("posyandu_core").joinpath("data", "sample", "kota")
REPORTS = sorted(get_registry().reports)
ALIASES = sorted(
    (alias, report.id)
    for report in get_registry().reports.values()
    for alias in report.aliases
)


@pytest.mark.parametrize("argv", [["report", r] for r in REPORTS] + [a.split() for a, _ in ALIASES], ids=" ".join)  # fmt: skip
def test_every_report_and_alias_has_help(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    assert "--format" in capsys.readouterr().out


def test_listing_names_every_report_and_its_aliases(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    for report_id in REPORTS:
        assert f"  {report_id} " in out
    for alias, _ in ALIASES:
        assert f"posyandu {alias}" in out


def test_the_built_in_commands_kept_their_names() -> None:
    assert {a for a, _ in ALIASES} >= {
        "kms", "imunisasi", "alat", "kader strata", "kader kurang", "kader berikutnya",
        "kader pelatihan", "kasus laporan", "kasus terlambat", "kasus ringkasan",
        "wilayah daftar", "wilayah strata", "wilayah aktif",
    }  # fmt: skip


@pytest.mark.parametrize("fmt", ["text", "csv", "json"])
def test_an_alias_writes_exactly_what_the_report_writes(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(KOTA.joinpath("kader.csv")), "--assessments",
            str(KOTA.joinpath("penilaian_kader.csv")), "--level", "kota", "--format", fmt,
            "--posyandu-file", str(KOTA.joinpath("posyandu.csv"))]  # fmt: skip
    assert main(["kader", "strata", *args]) == 0
    alias = capsys.readouterr().out
    assert main(["report", "kader-strata", *args]) == 0
    assert capsys.readouterr().out == alias
    assert "Kota Bontang" in alias


def test_a_group_without_its_report_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["kasus"]) == 2
    assert "laporan" in capsys.readouterr().out
