"""register_readers: a reader ``posyandu_core.api.open_register`` uses by suffix."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from posyandu_core import api
from posyandu_core.hookspecs import Reader, Registrar, hookimpl
from posyandu_core.register import Register, read_register
from posyandu_core.testing import installed


def read_tsv(source: str | os.PathLike[str]) -> Register:
    """A tab-separated register (as copied out of a spreadsheet)."""
    rows = csv.reader(
        Path(source).read_text(encoding="utf-8").splitlines(), delimiter="\t"
    )
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    text.seek(0)
    return read_register(text)


class TsvPlugin:
    @hookimpl
    def register_readers(self, register: Registrar[Reader]) -> None:
        register(
            Reader(
                id="tsv", name="Tab-separated values", suffixes=(".tsv",), read=read_tsv
            )
        )


with tempfile.TemporaryDirectory() as folder, installed(TsvPlugin()):
    path = Path(folder, "register.tsv")
    path.write_text(
        "person_id\tsex\tbirth_date\tvisit_date\tBerat\nA\tL\t2024-01-05\t2025-02-10\t9.1\n"
    )
    register = api.open_register(path)
print(f"{len(register)} row, weight {register.rows[0].weight_kg} kg")
assert register.rows[0].weight_kg == 9.1
