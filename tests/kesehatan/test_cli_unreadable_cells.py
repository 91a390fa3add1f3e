"""Cells the register cannot read are reported, and the command exits 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from posyandu_core.cli import main

REGISTER = (
    "person_id,sex,birth_date,visit_date,weight_kg\n"
    "A,L,2024-01-01,2025-01-10,abc\n"
    "A,L,2024-01-01,2025-02-10,9.1\n"
)


@pytest.mark.parametrize(
    "command",
    [
        ["kms"],
        ["report", "skdn", "--month", "2025-02"],
        ["imunisasi", "--on", "2025-03-01"],
    ],
    ids=["kms", "skdn", "imunisasi"],
)
def test_unreadable_cell_is_reported_and_fails(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "register.csv"
    path.write_text(REGISTER)
    argv = (
        [*command[:2], str(path), *command[2:]]
        if command[0] == "report"
        else [command[0], str(path), *command[1:]]
    )
    assert main(argv) == 1
    err = capsys.readouterr().err
    # Data row 1 is the spreadsheet's row 2 (the header is row 1).
    assert "baris 2, weight_kg = 'abc': kesalahan [parse.weight_kg]" in err
    assert "[parse.weight_kg] weight_kg: rows 2" in err
