"""A register a report reads from its own option ends with its data-quality block."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from posyandu_core.cli import main

KOTA = files("posyandu_core").joinpath("data", "sample", "kota")


def kota(name: str) -> str:
    return str(KOTA.joinpath(name))


def _register_with(tmp_path: Path, weight: str) -> str:
    """The city register with one weighing replaced by ``weight``."""
    lines = Path(kota("register.csv")).read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    column = header.index("weight_kg")
    for i, line in enumerate(lines[1:], start=1):
        cells = line.split(",")
        if cells[column]:
            cells[column] = weight
            lines[i] = ",".join(cells)
            break
    path = tmp_path / "register.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


COMMANDS = {
    "alat": ["alat", kota("alat.csv"), "--calibrations", kota("kalibrasi.csv"),
             "--posyandu-file", kota("posyandu.csv"), "--on", "2026-11-30"],
    "kasus ringkasan": ["kasus", "ringkasan", kota("kasus.csv"), "--on", "2026-11-30",
                        "--posyandu", "Posyandu Melati",
                        "--posyandu-file", kota("posyandu.csv")],
}  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=list(COMMANDS))
@pytest.mark.parametrize(("weight", "code"), [("600", 1), ("9.5", 0)])
def test_register_option_reports_what_it_left_out(
    command: str,
    weight: str,
    code: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    register = _register_with(tmp_path, weight)
    assert main([*COMMANDS[command], "--register", register]) == code
    err = capsys.readouterr().err
    assert "Mutu data" in err  # the block is printed either way
    assert ("dikeluarkan" in err.split("Mutu data")[1].split("\n")[0]) is True
