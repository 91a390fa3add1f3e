"""register_readers: a plugin reads a new kind of source; the core does the rest.

The reader turns a JSON-lines export (one JSON object per visit) into a
``CellTable`` — headers and cells — and the core matches the headers, types
the cells, resolves identities and runs the validation gate exactly as for a
CSV file. ``hookspecs.Reader`` is the one Reader type: the built-in readers
(CSV, xlsx, Parquet, DataFrames, model objects) are ``Reader`` objects too.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from posyandu_core import api
from posyandu_core.hookspecs import Reader, Registrar, hookimpl
from posyandu_core.register import BUILTIN_READERS, CellTable
from posyandu_core.testing import installed


def read_jsonl(source: str | os.PathLike[str]) -> CellTable:
    """One JSON object per line; the keys are the headers (any accepted spelling)."""
    lines = Path(source).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    header = tuple(dict.fromkeys(key for record in records for key in record))
    return CellTable(
        header=header,
        cells=[[record.get(key) for record in records] for key in header],
        source=str(source),
    )


class JsonLinesPlugin:
    @hookimpl
    def register_readers(self, register: Registrar[Reader]) -> None:
        register(
            Reader(id="jsonl", name="JSON lines", suffixes=(".jsonl",), read=read_jsonl)
        )


with tempfile.TemporaryDirectory() as folder, installed(JsonLinesPlugin()):
    path = Path(folder, "register.jsonl")
    path.write_text(
        '{"person_id": "A", "JK": "L", "Tgl Lahir": "2024-01-05",'
        ' "Tgl Ukur": "2025-02-10", "Berat": 9.1}\n'
        '{"person_id": "A", "JK": "L", "Tgl Lahir": "2024-01-05",'
        ' "Tgl Ukur": "2025-03-10", "Berat": 600}\n'
    )
    register = api.open_register(path)
assert isinstance(BUILTIN_READERS["csv"], Reader)  # one Reader type for all
assert register.quality is not None
print(f"{len(register)} rows, weights {register.column('weight_kg').tolist()} kg")
print(register.quality.describe("en"))
assert register.rows[0].weight_kg == 9.1
assert register.rows[1].weight_kg is None  # 600 kg is impossible: left out, named
