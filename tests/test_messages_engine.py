"""Issue #10: the engine's errors and ``posyandu zscores`` speak Indonesian first.

Through the command line, default (Indonesian first) and ``--lang en``
(English first): one error per area (analysis, kesehatan, model, register),
the z-score row messages (the spreadsheet's row, the file's own header) and
their summary. Through the API: the errors of growth, model, analysis and
kesehatan (screening included) carry both languages and put the chosen one
first.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posyandu_core.cli import main
from posyandu_core.cli.zscores import configure as configure_zscores
from posyandu_core.cli.zscores import run as run_zscores
from posyandu_core.errors import PosyanduError
from posyandu_core.register import Register

REGISTER = (
    "person_id,name,sex,birth_date,visit_date,weight_kg,length_cm,measure,posyandu\n"
    "A1,Ani,P,2024-01-05,2025-01-10,8,74,terlentang,Mawar\n"
)
KADER = "id_kader,nama,posyandu,peran,no_sk\nk1,Nur,Posyandu Melati,ketua,SK/1\n"
ASSESSMENTS = "id_kader,keterampilan,tanggal,penilai,lulus\nk1,A1,2026-02-01,Tim,ya\n"


def _error_line(
    capsys: pytest.CaptureFixture[str], lang: str, argv: list[str]
) -> tuple[int, str]:
    code = main(argv if lang == "id" else ["--lang", "en", *argv])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.strip()


# -- one error per area, through the command line ------------------------------

#: argv (``{dir}`` is a folder holding register.csv, kader.csv, nilai.csv,
#: strata.toml), (Indonesian, English) message and fix fragments, exit code
#: (1: nothing matches in the data, 2: unusable input).
AREAS = {
    "register": (
        ["kms", "{dir}/register.csv", "--posyandu", "Melati"],
        (
            "--posyandu 'Melati' tidak ada di register",
            "'Melati' is not in the register",
        ),
        ("register berisi: Mawar", "the register has: Mawar"),
        1,
    ),
    "kesehatan": (
        ["imunisasi", "{dir}/register.csv", "--on", "2999-01-01"],
        ("2999-01-01 setelah hari ini", "2999-01-01 is later than today"),
        ("periksa tahunnya", "check the year"),
        1,
    ),
    "model": (
        [
            "kader",
            "strata",
            "{dir}/kader.csv",
            "--assessments",
            "{dir}/nilai.csv",
            "--rules",
            "{dir}/strata.toml",
        ],
        ("aturan strata ke-1 tidak sah", "strata rule 1 is invalid"),
        ("stratum salah satu dari purwa", "stratum one of purwa"),
        2,
    ),
    "analysis (missing file)": (
        ["prevalence", "{dir}/nope.csv", "-o", "{dir}/o.csv"],
        ("berkas tidak ada", "no such file"),
        ("periksa nama dan folder berkas", "check the path"),
        2,
    ),
    "analysis (--by)": (
        ["prevalence", "{dir}/register.csv", "-o", "{dir}/o.csv", "--by", "desa"],
        ("kolom --by 'desa' tidak ada di masukan", "--by column 'desa' is not in"),
        ("pakai salah satu dari sex", "use one of sex"),
        2,
    ),
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("area", sorted(AREAS))
def test_an_error_of_each_area_is_bilingual_in_the_chosen_order(
    area: str, lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "register.csv").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "kader.csv").write_text(KADER, encoding="utf-8")
    (tmp_path / "nilai.csv").write_text(ASSESSMENTS, encoding="utf-8")
    (tmp_path / "strata.toml").write_text(
        '[[strata]]\nstratum = "emas"\nall_of = ["A"]\n', encoding="utf-8"
    )
    argv, message, fix, exit_code = AREAS[area]
    code, line = _error_line(capsys, lang, [a.format(dir=tmp_path) for a in argv])
    assert code == exit_code
    assert "\n" not in line
    indonesian, english = message
    fix_id, fix_en = f"Perbaikan: {fix[0]}", f"Fix: {fix[1]}"
    if lang == "id":
        assert line.startswith("posyandu: kesalahan: ")
        order = (indonesian, english, fix_id, fix_en)
    else:
        assert line.startswith("posyandu: error: ")
        order = (english, indonesian, fix_en, fix_id)
    positions = [line.find(text) for text in order]
    assert -1 not in positions, (order, line)
    assert positions == sorted(positions), line


# -- posyandu zscores: the spreadsheet row and the file's own header -----------


def zscores(*argv: str | Path) -> int:
    parser = argparse.ArgumentParser(prog="posyandu zscores")
    configure_zscores(parser)
    return run_zscores(parser.parse_args([str(a) for a in argv]))


#: A register export: its own headers, semicolons, decimal commas.
KIA = (
    "JK;Tgl Lahir;Tgl Ukur;BB;TB;Cara Ukur\n"
    "P;05/01/2024;10/02/2025;8,2;75,1;Terlentang\n"
    "L;05/01/2024;10/02/2025;abc;75,1;Terlentang\n"
    "P;05/01/2024;10/02/2025;8,2;75,1;Terlentang;x\n"
)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_zscores_rows_are_spreadsheet_rows_under_the_files_headers(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "kia.csv"
    source.write_text(KIA, encoding="utf-8")
    argv = ["zscores", str(source), "-o", str(tmp_path / "out.csv")]
    assert main(argv if lang == "id" else ["--lang", "en", *argv]) == 1
    err = capsys.readouterr().err
    unreadable = (
        "nilai 'abc' tidak dapat dibaca sebagai angka",
        "cannot read 'abc' as a number",
    )
    ragged = ("baris berisi 7 kolom, header 6", "row has 7 cells but the header has 6")
    summary = ("2 dari 3 baris bermasalah", "2 of 3 rows had problems")
    first, second = (0, 1) if lang == "id" else (1, 0)
    row = "baris" if lang == "id" else "row"
    error = "kesalahan" if lang == "id" else "error"
    lines = err.splitlines()
    # data row 2 is the spreadsheet's row 3 (the header is row 1); BB, not weight_kg
    assert (
        f"{row} 3, BB = 'abc': {error} [parse.weight_kg] {unreadable[first]}"
        in lines[1]
    )
    assert f" / {unreadable[second]}" in lines[1]
    assert lines[0].startswith(
        f"{row} 4 = 7: {error} [parse.row_length] {ragged[first]}"
    )
    assert f" / {ragged[second]}" in lines[0]
    assert lines[2].startswith(summary[first])
    assert f" / {summary[second]}" in lines[2]
    assert "(line " not in err
    assert "column '" not in err


def test_an_engine_issue_is_named_by_the_files_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "kia.csv"
    source.write_text(
        "JK;Tgl Lahir;Tgl Ukur;BB\nP;05/01/2024;10/02/2025;-3\n", encoding="utf-8"
    )
    # --who-exact: no gate, so WHO's own check of the negative weight speaks
    assert zscores(source, "-o", tmp_path / "out.csv", "--who-exact") == 1
    (line, _) = capsys.readouterr().err.splitlines()
    assert line == (
        "baris 2, BB = -3.0: peringatan [growth.negative.weight] weight bernilai "
        "negatif. Skor-z yang memakai nilai ini tidak dihitung. / weight is "
        "negative. z-scores that use this value were not computed."
    )


def _first_row_refused(register: Register) -> Iterator[Any]:
    from posyandu_core.rules import Issue

    if len(register) and register.row_numbers[0] == 1:
        yield Issue(
            severity="error", code="local.row", row=1, field=None,
            message_id="baris ditolak", message_en="row refused",
        )  # fmt: skip


def test_engine_issues_keep_their_file_row_when_the_gate_leaves_rows_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from posyandu_core.hookspecs import Registrar, hookimpl
    from posyandu_core.registry import Registry
    from posyandu_core.rules import REGISTER as TARGET
    from posyandu_core.rules import Rule
    from posyandu_core.testing import registered

    class RefuseFirst:
        @hookimpl
        def register_rules(self, register: Registrar[Rule]) -> None:
            register(
                Rule(id="local.first", target=TARGET, check=_first_row_refused,
                     description="the first row is refused")
            )  # fmt: skip

    source = tmp_path / "in.csv"
    source.write_text("sex,age,weight\n1,100,6\n1,-5,6\n2,200,7\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    with registered(RefuseFirst()) as pm:
        registry = Registry.from_plugin_manager(pm)
        monkeypatch.setattr("posyandu_core.cli.zscores.get_registry", lambda: registry)
        assert zscores(source, "-o", out) == 1
    err = capsys.readouterr().err
    assert "baris 2: kesalahan [local.row] baris ditolak" in err
    # the engine saw data row 2 as its first row: named as the file's row 3
    assert "baris 3, age = -5.0: kesalahan [growth.negative.age]" in err
    with out.open(encoding="utf-8", newline="") as handle:
        zwei = [row["zwei"] for row in csv.DictReader(handle)]
    assert zwei[:2] == ["NA", "NA"]
    assert zwei[2] != "NA"


def test_no_age_and_no_dates_is_missing_not_negative(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("sex,weight\n1,6\n2,7\n", encoding="utf-8")
    assert zscores(source, "-o", tmp_path / "out.csv") == 0
    assert capsys.readouterr().err == ""


#: A row of ``sex,age,weight``: fine, unreadable weight, negative age (WHO's
#: own check), or one cell too many.
_ROWS = {
    "fine": "1,100,6",
    "unreadable": "1,100,abc",
    "negative": "2,-5,6",
    "ragged": "1,100,6,x",
}
_CODES = {
    "unreadable": "parse.weight_kg",
    "negative": "growth.negative.age",
    "ragged": "parse.row_length",
}


@settings(max_examples=25, deadline=None)
@given(
    kinds=st.lists(st.sampled_from(sorted(_ROWS)), min_size=1, max_size=9),
    chunk_rows=st.integers(1, 4),
    lang=st.sampled_from(["id", "en"]),
)
def test_every_problem_is_named_on_its_spreadsheet_row(
    kinds: list[str], chunk_rows: int, lang: str
) -> None:
    import contextlib
    import io
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "in.csv", Path(folder) / "out.csv"
        lines = ["sex,age,weight", *(_ROWS[kind] for kind in kinds)]
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = main(
                ["--lang", lang, "zscores", str(source), "-o", str(out),
                 "--chunk-rows", str(chunk_rows)]
            )  # fmt: skip
    row = "baris" if lang == "id" else "row"
    named = {
        (int(line.split()[1].rstrip(",")), line.split("[")[1].split("]")[0])
        for line in err.getvalue().splitlines()
        if line.startswith(f"{row} ")
    }
    expected = {(i + 2, _CODES[kind]) for i, kind in enumerate(kinds) if kind in _CODES}
    assert named == expected
    assert code == (1 if expected else 0)


_DATES = st.one_of(
    st.none(), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1))
)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(_DATES, _DATES), max_size=8))
def test_age_days_is_nan_where_a_date_is_missing(
    pairs: list[tuple[dt.date | None, dt.date | None]],
) -> None:
    def days(dates: list[dt.date | None]) -> Any:
        return np.array(["NaT" if d is None else d.isoformat() for d in dates], "M8[D]")

    register = Register(
        values={
            "birth_date": days([b for b, _ in pairs]),
            "visit_date": days([v for _, v in pairs]),
        }
    )
    expected = [
        np.nan if b is None or v is None else float((v - b).days) for b, v in pairs
    ]
    np.testing.assert_array_equal(register.age_days(), np.array(expected, float))


# -- the API: every area's errors carry both languages --------------------------


def _analysis_extra() -> None:
    from posyandu_core.analysis._deps import require

    require("posyandu_no_such_module")


def _growth_lengths() -> None:
    from posyandu_core.growth import anthro_zscores

    anthro_zscores(sex=[1, 2], age=[100, 200, 300], weight=[6.0, 7.0])


def _growth_velocity() -> None:
    from posyandu_core.growth import velocity_table

    velocity_table("weight", 5)


def _model_measurement() -> None:
    from posyandu_core.growth import assess

    assess(
        sex="P", birth_date=dt.date(2025, 1, 1), measured_on=dt.date(2024, 1, 1),
        weight_kg=5.0,
    )  # fmt: skip


def _kesehatan_kbm() -> None:
    from posyandu_core.plugins.kesehatan.growth_monitoring import kbm_table

    kbm_table("x")


def _kesehatan_bands() -> None:
    from posyandu_core.plugins.kesehatan.skdn import age_bands

    age_bands("x")


def _kesehatan_duration() -> None:
    from posyandu_core.plugins.kesehatan.schedule import Duration

    Duration.parse("dua minggu")


def _screening_band() -> None:
    from posyandu_core.plugins.kesehatan.screening._rules import find_band

    find_band((), 1.0)  # no band: a malformed rule table


RAISERS: dict[str, Callable[[], None]] = {
    "analysis": _analysis_extra,
    "growth (lengths)": _growth_lengths,
    "growth (velocity)": _growth_velocity,
    "growth (assess)": _model_measurement,
    "kesehatan (KBM)": _kesehatan_kbm,
    "kesehatan (bands)": _kesehatan_bands,
    "kesehatan (duration)": _kesehatan_duration,
    "screening": _screening_band,
}


@pytest.mark.parametrize("area", sorted(RAISERS))
def test_the_chosen_language_comes_first(area: str) -> None:
    with pytest.raises(PosyanduError) as caught:
        RAISERS[area]()
    error = caught.value
    assert error.message_id
    assert error.message_id != error.message
    assert (error.fix is None) == (error.fix_id is None)
    indonesian, english = error.describe("id"), error.describe("en")
    assert indonesian.index(error.message_id) < indonesian.index(error.message)
    assert english.index(error.message) < english.index(error.message_id)
    if error.fix is not None and error.fix_id is not None:
        assert indonesian.index("Perbaikan: ") < indonesian.index("Fix: ")
        assert english.index("Fix: ") < english.index("Perbaikan: ")
    assert str(error) == indonesian
