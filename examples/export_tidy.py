"""Tidy research data: CSV, Parquet and Excel, pseudonymised with your own key.

Run: python examples/export_tidy.py   (needs: pip install "posyandu-core[export]")
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pyarrow.parquet as pq

from posyandu_core.plugins.export.tidy import (
    write_tidy_csv,
    write_tidy_parquet,
    write_tidy_xlsx,
)
from posyandu_core.register.sample import load_sample_register

register = load_sample_register()
# The key pseudonymises NIK, names and ids (HMAC-SHA256). Keep it secret and
# never send it with the data; the same key gives the same pseudonyms.
KEY = "a secret only the Puskesmas keeps"

out = Path(tempfile.mkdtemp())
write_tidy_csv(register, out / "posyandu.csv", key=KEY)
write_tidy_parquet(register, out / "posyandu.parquet", key=KEY)
write_tidy_xlsx(register, out / "posyandu.xlsx", key=KEY)

with (out / "posyandu.csv").open(encoding="utf-8") as handle:
    rows = list(csv.DictReader(handle))
first = rows[0]
print(f"{len(rows)} measurements, one per row")
print(
    "first row:",
    {k: first[k] for k in ("subject_key", "birth_month", "quantity", "value", "unit")},
)
print("files:", sorted(p.name for p in out.iterdir()))

schema = pq.read_schema(out / "posyandu.parquet")
print(
    "parquet types:",
    {n: str(schema.field(n).type) for n in ("visit_date", "sex", "value")},
)
