"""FHIR R4 transaction Bundles for SATUSEHAT, validated, one per visit.

Run: python examples/export_fhir.py   (needs: pip install "posyandu-core[export]")
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

from posyandu_core.plugins.export.fhir import fhir_bundles, write_fhir
from posyandu_core.register.sample import load_sample_register

register = load_sample_register()
out = Path(tempfile.mkdtemp()) / "satusehat.ndjson"

# The Organization id SATUSEHAT gave your Puskesmas; Bontang keeps WITA time.
# Dose history copied from the Buku KIA before SATUSEHAT existed is left out
# on purpose (the default refuses it with a clear error).
options = {"organization_id": "10000004", "timezone": "WITA", "early_doses": "omit"}
write_fhir(register, out, **options)  # type: ignore[arg-type]

bundles = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
kinds = Counter(e["resource"]["resourceType"] for b in bundles for e in b["entry"])
print(f"{len(bundles)} Bundles (one per visit), all valid FHIR R4")
print("resources:", dict(sorted(kinds.items())))

# People already in SATUSEHAT are referenced by their IHS number instead.
known = fhir_bundles(
    register,
    ihs_numbers={"MLT-001": "P02478375538"},
    per="person",
    **options,  # type: ignore[arg-type]
)
print("first subject:", known[0]["entry"][0]["resource"]["subject"]["reference"])
