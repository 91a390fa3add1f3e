"""register_exporters: a format ``posyandu export --format ID`` writes.

The core writes to a temporary file next to the destination and renames it
over the destination when the exporter returns, so a failed or concurrent
export never leaves a half-written file.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from posyandu_core.cli import main
from posyandu_core.hookspecs import Exporter, Option, Registrar, Table, hookimpl
from posyandu_core.register import Register
from posyandu_core.testing import installed


def write_jsonl(
    source: Register | Table, destination: Path, *, posyandu: str | None = None
) -> None:
    """One JSON object per register row (typed cells, dates as text)."""
    assert isinstance(source, Register)
    with destination.open("w", encoding="utf-8") as out:
        for row in source.rows:
            if posyandu is None or row.posyandu == posyandu:
                cells = {
                    "row": row.row,
                    "person_id": row.person_id,
                    "visit_date": str(row.visit_date),
                    "weight_kg": row.weight_kg,
                }
                out.write(json.dumps(cells) + "\n")  # fmt: skip


class JsonLinesPlugin:
    @hookimpl
    def register_exporters(self, register: Registrar[Exporter]) -> None:
        register(
            Exporter(
                id="jsonl",
                name="JSON Lines, one row per line",
                suffix=".jsonl",
                write=write_jsonl,
                options=(Option(name="posyandu", help="only this Posyandu"),),
            )
        )


with tempfile.TemporaryDirectory() as folder, installed(JsonLinesPlugin()):
    target = Path(folder, "register.jsonl")
    sample = "src/posyandu_core/data/sample/register.csv"
    assert main(["export", "--format", "jsonl", sample, "-o", str(target)]) == 0
    lines = target.read_text().splitlines()
    assert [p.name for p in Path(folder).iterdir()] == ["register.jsonl"]
print(f"{len(lines)} rows exported; the first: {lines[0]}")
