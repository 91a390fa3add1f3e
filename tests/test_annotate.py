"""``posyandu validate --annotate``: a copy to fix in a spreadsheet, CSV, TSV or xlsx."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from posyandu_core.cli import main
from posyandu_core.cli._exit import Exit

HEADER = ["person_id", "sex", "birth_date", "posyandu", "visit_date", "Berat"]
ROWS = [
    ["a", "L", "2025-01-10", "Mawar", "2025-03-10", "5.0"],
    ["b", "P", "2023-06-01", "Mawar", "2025-04-05", "-9"],
]


def test_xlsx_register_gets_an_annotated_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, copy = tmp_path / "register.xlsx", tmp_path / "annotated.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([])  # two empty rows: the header is on the sheet's row 3
    sheet.append([])
    for row in (HEADER, *ROWS):
        sheet.append(row)
    book.save(source)
    assert main(["validate", str(source), "--annotate", str(copy)]) == Exit.DATA
    capsys.readouterr()
    annotated = openpyxl.load_workbook(copy).worksheets[0]
    assert annotated.cell(row=3, column=1).value == "masalah / issues"
    assert annotated.cell(row=4, column=1).value is None  # row a has no issue
    note = annotated.cell(row=5, column=1).value
    assert isinstance(note, str)
    assert "Berat" in note  # the file's own header
    assert [c.value for c in annotated[5]][1:] == ["b", "P", "2023-06-01", "Mawar",
                                                    "2025-04-05", "-9"]  # fmt: skip


def test_tab_separated_register_stays_tab_separated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, copy = tmp_path / "register.tsv", tmp_path / "annotated.tsv"
    source.write_text("\n".join("\t".join(r) for r in (HEADER, *ROWS)) + "\n")
    assert main(["validate", str(source), "--annotate", str(copy)]) == Exit.DATA
    capsys.readouterr()
    lines = list(csv.reader(io.StringIO(copy.read_text()), delimiter="\t"))
    assert lines[0] == ["masalah / issues", *HEADER]
    assert lines[1] == ["", *ROWS[0]]
    assert "Berat" in lines[2][0]


@pytest.mark.parametrize(
    ("source", "copy"), [("register.xlsx", "annotated.csv"), ("r.parquet", "a.csv")]
)
def test_a_copy_that_cannot_be_written_is_refused_before_reading(
    source: str, copy: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["validate", str(tmp_path / source), "--annotate", str(tmp_path / copy)]
    assert main(argv) == Exit.USAGE
    assert "annotate" in capsys.readouterr().err  # names the option


@pytest.mark.parametrize(
    ("lang", "start", "second"),
    [("id", "kesalahan [", "/ weight"), ("en", "error [", "/ berat")],
)
def test_the_notes_are_in_the_readers_language(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    start: str,
    second: str,
) -> None:
    source, copy = tmp_path / "register.csv", tmp_path / "annotated.csv"
    source.write_text(
        "person_id,sex,birth_date,visit_date,weight_kg\nA,P,2025-01-10,2025-03-11,600\n",
        encoding="utf-8",
    )
    argv = ["--lang", lang, "validate", str(source), "--annotate", str(copy)]
    assert main(argv) == Exit.DATA
    capsys.readouterr()
    note = next(csv.reader(io.StringIO(copy.read_text("utf-8").splitlines()[1])))[0]
    error = next(part for part in note.split(" | ") if "unit.weight_grams" in part)
    assert error.startswith(f"{start}unit.weight_grams] weight_kg: ")
    assert second in error
