"""A de-identified file for the WHO Anthro Survey Analyser.

Run: python examples/export_anthro.py   (needs: pip install "posyandu-core[export]")
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from posyandu_core.plugins.export.anthro import write_anthro
from posyandu_core.register.sample import load_sample_register

register = load_sample_register()
out = Path(tempfile.mkdtemp()) / "anthro.csv"
# Cluster = Posyandu by default; strata and sampling weights are the survey
# design of your study.
write_anthro(register, out, strata={"64.74.01.1001.001": "urban"})

lines = out.read_text(encoding="utf-8").splitlines()
print(lines[0])
print(lines[1])
print(f"{len(lines) - 1} child-visits, no name, NIK, id or date in the file")
