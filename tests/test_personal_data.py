"""NIKs and names never reach stderr unless asked; messages name sheet rows and headers.

Every command reads a register through the same gate; its messages (errors,
issues, the data-quality block) go to stderr, which ends up in screenshots,
chats and logs. ``POSYANDU_SHOW_PERSONAL=1`` shows personal data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posyandu_core.cli import main
from posyandu_core.register import read_register

HEADER = "person_id,NIK,Nama Anak,JK,Tgl Lahir,Nama Ibu,Posyandu,Tgl Ukur,BB\n"
COMMANDS = (
    ["validate"],
    ["kms"],
    ["report", "skdn", "--month", "2025-02"],
    ["imunisasi", "--on", "2025-03-15"],
    ["findings"],
    ["zscores", "-o", "{out}"],
)
NAME = st.from_regex(r"Q[a-z]{4,8}", fullmatch=True)
NIK = st.from_regex(r"6[0-9]{15}", fullmatch=True)


def register_text(child: str, mother: str, twin: str, nik: str) -> str:
    """Every kind of message that could echo a person: identities, bad cells."""
    return (
        HEADER
        + (
            f"A1,{nik},{child},P,2024-01-05,{mother},Mawar,2025-01-10,8.0\n"
            f"A1,{nik},{child},L,2024-01-05,{mother},Mawar,2025-02-10,600\n"  # sex differs
            f"B7,,{child},P,2024-01-05,{mother},Mawar,2025-02-11,8.1\n"  # near duplicate
            f",,{twin},P,2024-02-05,{mother},Mawar,2025-02-12,7.9\n"  # name-based id
            f",,{twin},P,2024-02-05,{mother},Mawar,2025-03-12,8.3\n"
            f',"{nik[0]},{nik[1:6]}E+15",{twin},P,2024-02-05,{mother},Mawar,2025-02-13,8\n'
            f",,,P,2024-02-05,,Mawar,2025-02-14,8\n"  # no identity at all
        )
    )


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().err


@settings(max_examples=2, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(child=NAME, mother=NAME, twin=NAME, nik=NIK)
def test_no_nik_or_name_on_stderr_of_any_command(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    child: str,
    mother: str,
    twin: str,
    nik: str,
) -> None:
    folder = tmp_path_factory.mktemp("register")
    path = folder / "register.csv"
    path.write_text(register_text(child, mother, twin, nik), encoding="utf-8")
    headerless = folder / "headerless.csv"
    headerless.write_text(
        f"A1,{nik},{child},P,2024-01-05,{mother},Mawar,2025-01-10,8.0\n",
        encoding="utf-8",
    )
    for source in (path, headerless):
        for command in COMMANDS:
            argv = (
                [word.format(out=folder / "out.csv") for word in command[:1]]
                + [str(source)]
                + [w.format(out=folder / "z.csv") for w in command[1:]]
            )
            if command[0] == "report":
                argv = ["report", "skdn", str(source), *command[2:]]
            code, err = run(argv, capsys)
            assert code != 0, argv  # every file here has errors
            for personal in (nik, child, mother, twin, nik[:6] + "E"):
                assert personal not in err, (argv, personal, err)


def test_personal_data_shown_when_asked(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    headerless = tmp_path / "headerless.csv"
    nik = "6474014501240001"
    headerless.write_text(f"A1,{nik},Qsiti,P,2024-01-05,Qani\n", encoding="utf-8")
    assert "Qsiti" not in run(["validate", str(headerless)], capsys)[1]
    asked = run(["validate", str(headerless), "--show-personal"], capsys)[1]
    assert nik in asked
    assert "Qsiti" in asked
    assert "Qsiti" not in run(["validate", str(headerless)], capsys)[1]  # that run only
    monkeypatch.setenv("POSYANDU_SHOW_PERSONAL", "1")
    err = run(["validate", str(headerless)], capsys)[1]
    assert nik in err
    assert "Qsiti" in err
    assert "header row missing" in run(["--lang", "en", "validate", str(headerless)],
                                       capsys)[1]  # fmt: skip


def test_messages_name_the_sheet_row_and_the_files_header(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "person_id,JK,Tgl Lahir,Tgl Ukur,Berat\nA,L,2024-01-05,2025-02-10,9\n"
        "A,L,2024-01-05,2025-03-10,600\n",
        encoding="utf-8",
    )
    register = read_register(path)
    (issue,) = [i for i in register.issues if i.code == "unit.weight_grams"]
    assert (issue.row, issue.sheet_row) == (2, 3)  # data row 2 is the sheet's row 3
    assert (issue.field, issue.header) == ("weight_kg", "Berat")
    assert issue.where("id") == "baris 3, Berat"
    assert register.quality is not None
    (left,) = register.quality.left_out
    assert (left.rows, left.sheet_rows, left.header) == ((2,), (3,), "Berat")


def test_xlsx_rows_are_the_sheets_own(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    rows: tuple[list[object], ...] = (
        ["person_id", "JK", "Tgl Lahir", "Tgl Ukur", "BB"],  # row 3: two empty above
        ["A", "L", "2024-01-05", "2025-02-10", 9],
        [],  # row 5 empty: skipped, still counted
        ["A", "L", "2024-01-05", "2025-03-10", 600],  # row 6
    )
    for number, cells in enumerate(rows, start=3):
        for column, value in enumerate(cells, start=1):
            sheet.cell(row=number, column=column, value=value)
    path = tmp_path / "r.xlsx"
    book.save(path)
    register = read_register(path)
    (issue,) = [i for i in register.issues if i.code == "unit.weight_grams"]
    assert (issue.row, issue.sheet_row, issue.header) == (3, 6, "BB")


def test_errors_indonesian_first_english_with_lang_en(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("\n", encoding="utf-8")
    assert run(["validate", str(empty)], capsys)[1].startswith(
        "posyandu: kesalahan: berkas kosong / the file is empty. Perbaikan: "
    )
    assert run(["--lang", "en", "validate", str(empty)], capsys)[1].startswith(
        "posyandu: error: the file is empty / berkas kosong. Fix: "
    )
