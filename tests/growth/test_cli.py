"""``posyandu zscores``: golden files through the CLI, bad rows, unusable input."""

from __future__ import annotations

import argparse
import csv
import math
from pathlib import Path

import pytest

from posyandu_core.cli.zscores import configure, run
from posyandu_core.errors import InputFileError
from posyandu_core.growth import anthro_zscores

from ._golden import ANTHRO_OUT, ANTHROPLUS_OUT, read, same

ANTHRO_IN = (
    "sex", "age", "weight", "lenhei", "measure", "oedema",
    "headc", "armc", "triskin", "subskin",
)  # fmt: skip
ANTHROPLUS_IN = ("sex", "age_in_months", "oedema", "height_in_cm", "weight_in_kg")


def zscores(*argv: str | Path) -> int:
    parser = argparse.ArgumentParser(prog="posyandu zscores")
    configure(parser)
    return run(parser.parse_args([str(a) for a in argv]))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_out(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _cli_same(column: str, text: str, expected: str) -> bool:
    if text == "NA" or expected == "NA":
        return text == expected
    if column in ("cmeasure", "coedema"):
        return text == expected
    if column in ("clenhei", "cbmi"):
        return same(column, float(text), expected)
    value = float(text)
    if not math.isinf(value) and column.startswith("z"):
        assert text == f"{value:.2f}", (column, text)  # 2 decimals written
    return value == float(expected)


@pytest.mark.parametrize("unit", ["days", "months"])
def test_golden_0_5_through_the_cli(
    tmp_path: Path, unit: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = [r for r in read("reference_cases_0_5.csv") if r["age_unit"] == unit]
    source = write_csv(
        tmp_path / "in.csv",
        ["case_id", *ANTHRO_IN],
        [[r["case_id"], *(r[c] for c in ANTHRO_IN)] for r in cases],
    )
    out = tmp_path / "out.csv"
    # WHO's reference cases include impossible values on purpose: --who-exact.
    code = zscores(
        source, "-o", out, "--age-unit", unit, "--chunk-rows", "97", "--who-exact"
    )
    assert code == 1  # WHO refuses some rows (negative age)
    rows = read_out(out)
    assert len(rows) == len(cases)
    for row, case in zip(rows, cases, strict=True):
        assert [row[c] for c in ("case_id", *ANTHRO_IN)] == [
            case[c] for c in ("case_id", *ANTHRO_IN)
        ]
        for column in ANTHRO_OUT:
            assert _cli_same(column, row[column], case[column]), (
                case["case_id"],
                column,
            )
    refused = [c["case_id"] for c in cases if c["r_error"]]
    err = capsys.readouterr().err
    assert all(  # the spreadsheet row: the header is row 1
        f"baris {cases.index(next(c for c in cases if c['case_id'] == r)) + 2}, " in err
        for r in refused
    )
    assert "Traceback" not in err


def test_golden_5_19_through_the_cli(tmp_path: Path) -> None:
    cases = read("reference_cases_5_19.csv")
    source = write_csv(
        tmp_path / "in.csv",
        list(ANTHROPLUS_IN),
        [[r[c] for c in ANTHROPLUS_IN] for r in cases],
    )
    out = tmp_path / "out.csv"
    assert zscores(source, "-o", out, "--reference", "who2007", "--who-exact") == 1
    for row, case in zip(read_out(out), cases, strict=True):
        for column in ANTHROPLUS_OUT:
            assert _cli_same(column, row[column], case[column]), (
                case["case_id"],
                column,
            )


def test_clean_file_exits_0_and_keeps_text(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        'Nama;sex;age;weight;extra\n"Siti, A.";f; 0365 ;9.50;x\nBudi;M;400;10;\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert zscores(source, "-o", out) == 0
    rows = read_out_delim(out)
    assert list(rows[0])[:5] == ["Nama", "sex", "age", "weight", "extra"]
    # field text unchanged (quoting is CSV syntax, re-applied only where needed)
    assert [rows[0][c] for c in ("Nama", "sex", "age", "weight", "extra")] == [
        "Siti, A.", "f", " 0365 ", "9.50", "x",
    ]  # fmt: skip
    expected = anthro_zscores(sex=["f", "m"], age=[365, 400], weight=[9.5, 10])
    assert [r["zwei"] for r in rows] == [f"{z:.2f}" for z in expected["zwei"]]
    assert rows[1]["extra"] == ""


def read_out_delim(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_bad_rows_are_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "sex,age,weight,measure\n1,100,abc,l\nx,100,6,l\n1,100,6,l,extra\n1,100\n2,200,7,h\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert zscores(source, "-o", out) == 1
    err = capsys.readouterr().err
    # the spreadsheet's rows (the header is row 1) and the file's headers
    assert "baris 2, weight = 'abc': kesalahan [parse.weight_kg]" in err
    assert "baris 3, sex = 'x': kesalahan [parse.sex]" in err
    assert (
        "baris 4 = 5: kesalahan [parse.row_length] baris berisi 5 kolom, header 4"
        in err
    )
    assert (
        "baris 5 = 2: kesalahan [parse.row_length] baris berisi 2 kolom, header 4"
        in err
    )
    assert "Traceback" not in err
    rows = read_out(out)
    assert [r["zwei"] for r in rows][:4] == ["NA", "NA", "NA", "NA"]
    assert rows[4]["zwei"] != "NA"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b'{"json": true}\n', "no column"),
        (b"name,city\nA,B\n", "no column"),
        (b"sex,age,weight\n1,100,\xff\xfe\n", "not UTF-8"),
    ],
)
def test_unusable_input_raises(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    out = tmp_path / "out.csv"
    with pytest.raises(InputFileError, match=message):
        zscores(source, "-o", out)
    assert not out.exists()
    assert not (tmp_path / "out.csv.part").exists()


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="does not exist"):
        zscores(tmp_path / "nope.csv", "-o", tmp_path / "out.csv")


class _Terminal:
    """A stderr stand-in that says it is a terminal."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_csv(
        tmp_path / "in.csv", ["sex", "age", "weight"], [["1", "100", "6"]] * 5
    )
    assert zscores(source, "-o", tmp_path / "a.csv", "--chunk-rows", "2") == 0
    assert capsys.readouterr().err == ""  # not a terminal: silent
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert zscores(source, "-o", tmp_path / "b.csv", "--chunk-rows", "2") == 0
    assert "5 rows (100 %)" in terminal.text
    assert (tmp_path / "a.csv").read_text() == (tmp_path / "b.csv").read_text()


def test_unrounded_writes_full_precision(tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "in.csv", ["sex", "age", "weight"], [["1", "365", "14.5"]]
    )
    out = tmp_path / "out.csv"
    assert zscores(source, "-o", out, "--unrounded") == 0
    value = read_out(out)[0]["zwei"]
    assert (
        float(value)
        == anthro_zscores(sex=1, age=365, weight=14.5, rounded=False)["zwei"][0]
    )
    assert len(value) > 6


def test_reads_a_register_through_the_register_reader(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "Nama Anak;JK;Tgl Lahir;Tgl Ukur;BB;TB;Cara Ukur\n"
        "Ani;P;05/01/2024;10/02/2025;8,2;75,1;Terlentang\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert zscores(source, "-o", out) == 0
    (row,) = read_out_delim(out)
    expected = anthro_zscores(
        sex=["f"], age=[402], weight=[8.2], lenhei=[75.1], measure=["l"]
    )
    assert row["zwei"] == f"{expected['zwei'][0]:.2f}"
    assert row["zlen"] == f"{expected['zlen'][0]:.2f}"
    assert row["BB"] == "8,2"  # the input text is written back unchanged


def test_underscore_number_is_refused_not_read_as_125(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_csv(
        tmp_path / "in.csv", ["sex", "age", "weight"], [["1", "400", "1_25"]]
    )
    out = tmp_path / "out.csv"
    assert zscores(source, "-o", out) == 1
    assert read_out(out)[0]["zwei"] == "NA"
    assert "baris 2, weight = '1_25'" in capsys.readouterr().err


def test_unclosed_quote_stops_instead_of_swallowing_rows(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        'sex,age,weight\n1,100,6\n1,"100,6\n2,200,7\n2,300,8\n1,400,9\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    with pytest.raises(InputFileError, match="quoting"):
        zscores(source, "-o", out)
    assert not out.exists()
