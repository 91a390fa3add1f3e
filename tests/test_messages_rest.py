"""What the two message lanes left: every message a user meets is bilingual.

Plain ``ValueError``/``KeyError``/``TypeError`` a user could trigger are now
``PosyanduError`` subclasses that still are the built-in (so ``except
ValueError`` keeps working) and carry their Indonesian text; the month of
``report skdn --month``, the severity word of issue lines and a plugin's
fault follow ``--lang``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.cli import main
from posyandu_core.errors import (
    PosyanduError,
    UnknownNameError,
    UsageError,
    WrongTypeError,
)
from posyandu_core.growth import classify, lms_parameters
from posyandu_core.hookspecs import Registrar, Report, Table, hookimpl
from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.plugins.kesehatan.schedule import load_schedule
from posyandu_core.register import Register
from posyandu_core.testing import installed

SAMPLE = Path(__file__).parents[1] / "src" / "posyandu_core" / "data" / "sample"
HEADER = (
    "person_id,name,sex,birth_date,visit_date,weight_kg,length_cm,measure,posyandu\n"
)


def _both(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run a command in Indonesian (default) and in English: code, both outputs."""
    code = main(list(argv))
    captured = capsys.readouterr()
    indonesian = captured.out + captured.err
    code_en = main(["--lang", "en", *argv])
    captured = capsys.readouterr()
    assert code == code_en
    return code, indonesian, captured.out + captured.err


def _first(text: str, before: str, after: str) -> None:
    assert before in text, text
    assert after in text, text
    assert text.index(before) < text.index(after), text
    assert "Traceback" not in text


# -- 1. built-in exceptions became bilingual PosyanduErrors -------------------------


def _raised(
    kind: type[BaseException], call: Any, *args: Any, **kw: Any
) -> PosyanduError:
    with pytest.raises(kind) as info:  # still the built-in callers catch
        call(*args, **kw)
    error = info.value
    assert isinstance(error, PosyanduError)
    assert error.message_id, error.message
    assert error.message_id != error.message
    assert (error.fix is None) == (error.fix_id is None)
    return error


def test_library_errors_are_bilingual_and_keep_their_builtin_type() -> None:
    _raised(ValueError, lms_parameters, "nosuch", sex="L", at=10.0)
    _raised(ValueError, classify, "bb_u", [0.0], convention="nosuch")
    _raised(ValueError, classify, "bb_u", ["abc"])
    _raised(KeyError, classify, "nosuch", [0.0])
    _raised(ValueError, Sex.parse, "x")
    _raised(KeyError, load_schedule().dose, "nosuch")
    error = _raised(ValueError, Month.parse, "2025/08")
    assert isinstance(error, UsageError)


def test_an_unknown_name_is_a_key_error_and_reads_as_a_sentence() -> None:
    error = _raised(KeyError, load_schedule().dose, "XYZ")
    assert isinstance(error, UnknownNameError)
    # KeyError's own str() would quote the message: PosyanduError's wins
    assert (
        str(error) == "jadwal tidak punya dosis 'XYZ' / the schedule has no dose 'XYZ'"
    )


def test_a_wrong_type_is_a_type_error() -> None:
    from posyandu_core.growth import anthro_zscores

    error = _raised(
        TypeError, anthro_zscores, sex=1, age=[12], is_age_in_month="yes", weight=[9]
    )
    assert isinstance(error, WrongTypeError)


@given(st.integers(min_value=-50, max_value=60))
def test_month_boundaries(month: int) -> None:
    if 1 <= month <= 12:
        assert Month(2025, month).month == month
        return
    with pytest.raises(ValueError, match=f"bulan harus 1-12, bukan {month}") as info:
        Month(2025, month)
    assert isinstance(info.value, UsageError)
    assert info.value.describe("en").startswith(f"month must be 1-12, got {month} / ")


def test_a_plugin_file_date_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    code, indonesian, english = _both(capsys, "wilayah", "kota", "--on", "99/99/2026")
    assert code == 2
    _first(indonesian, "'99/99/2026' bukan tanggal", "'99/99/2026' is not a date")
    _first(english, "'99/99/2026' is not a date", "'99/99/2026' bukan tanggal")
    _first(english, "Fix: write it as DD/MM/YYYY", "Perbaikan: tulis sebagai")


# -- 2. report skdn --month -------------------------------------------------------


@pytest.mark.parametrize("month", ["13/2025", "00/2025", "2025-13"])
def test_skdn_month_out_of_range_in_both_languages(
    capsys: pytest.CaptureFixture[str], month: str
) -> None:
    register = str(SAMPLE / "register.csv")
    code, indonesian, english = _both(
        capsys, "report", "skdn", register, "--month", month
    )
    assert code == 2
    number = int(month.split("/")[0] if "/" in month else month.split("-")[1])
    assert indonesian.startswith("posyandu: kesalahan: ")
    assert english.startswith("posyandu: error: ")
    _first(indonesian, f"bulan harus 1-12, bukan {number}", "month must be 1-12")
    _first(english, f"month must be 1-12, got {number}", "bulan harus 1-12")
    _first(indonesian, "Perbaikan: tulis bulan", "Fix: write the month")
    _first(english, "Fix: write the month", "Perbaikan: tulis bulan")


@pytest.mark.parametrize("month", ["12/2025", "01/2026"])
def test_skdn_month_on_the_boundaries_is_accepted(
    capsys: pytest.CaptureFixture[str], month: str
) -> None:
    register = str(SAMPLE / "register.csv")
    assert main(["report", "skdn", register, "--month", month]) == 0
    assert "1-12" not in capsys.readouterr().err


# -- 3. the severity word follows the language ------------------------------------


def test_issue_lines_name_the_severity_in_the_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "register.csv"
    path.write_text(
        HEADER
        + "A1,Ani,P,2024-01-05,2025-02-10,abc,75,,Mawar\n"
        + "A2,Budi,L,2024-01-05,2025-02-10,65,75,,Mawar\n",
        encoding="utf-8",
    )
    code, indonesian, english = _both(capsys, "validate", str(path))
    assert code == 1
    assert "kesalahan [parse.weight_kg]" in indonesian
    assert "peringatan [plausibility.weight_kg]" in indonesian
    assert "error [" not in indonesian
    assert "warning [" not in indonesian
    assert "error [parse.weight_kg]" in english
    assert "warning [plausibility.weight_kg]" in english
    assert "1 kesalahan, " in indonesian
    assert "1 errors, " in english


def test_check_skdn_lines_follow_the_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    register = str(SAMPLE / "register.csv")
    report = tmp_path / "skdn.csv"
    argv = ["report", "skdn", register, "--month", "12/2025", "--format", "csv"]
    assert main([*argv, "-o", str(report)]) == 0
    good = report.read_text(encoding="utf-8-sig")
    row = ";2025-12;0-5;P;3;3;3;"  # S K D of girls 0-5 months
    assert row in good
    report.write_text(good.replace(row, ";2025-12;0-5;P;3;3;5;"), encoding="utf-8")
    capsys.readouterr()
    code, indonesian, english = _both(capsys, "report", "check-skdn", str(report))
    assert code == 1
    assert "kesalahan [skdn." in indonesian
    assert "error [skdn." not in indonesian
    assert "error [skdn." in english
    assert " masalah / issues" in indonesian
    assert " issues / masalah" in english


# -- 4. a plugin's fault ------------------------------------------------------------


def _broken(register: Register, options: Mapping[str, Any]) -> Table:
    msg = "the plugin's own bug"
    raise ZeroDivisionError(msg)


class _BrokenReport:
    @hookimpl
    def register_reports(self, register: Registrar[Report]) -> None:
        register(Report(id="rusak", title_id="Rusak", title_en="Broken", build=_broken))


def test_a_plugin_fault_follows_the_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with installed(_BrokenReport()):
        code, indonesian, english = _both(
            capsys, "report", "rusak", str(SAMPLE / "register.csv")
        )
    assert code != 0
    _first(indonesian, "laporan 'rusak' build gagal", "report 'rusak' build failed")
    _first(english, "report 'rusak' build failed", "laporan 'rusak' build gagal")
    _first(indonesian, "Perbaikan: perbarui atau copot", "Fix: update or uninstall")
    assert "ZeroDivisionError" in indonesian
