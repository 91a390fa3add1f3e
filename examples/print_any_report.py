"""Print any registered report: SKDN with its lists, kader strata, overdue cases.

Run: python examples/print_any_report.py OUT_FOLDER  (needs the `export` extra)
"""

from __future__ import annotations

import sys
import tempfile
from importlib.resources import files
from pathlib import Path
from typing import Any

from posyandu_core import api
from posyandu_core.register.sample import load_sample_register

out = Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp())
out.mkdir(parents=True, exist_ok=True)
kota = files("posyandu_core").joinpath("data", "sample", "kota")
title_block: dict[str, Any] = {"posyandu_name": "Posyandu Melati", "kelurahan": "Tanjung Laut",
               "kecamatan": "Bontang Selatan", "place": "Bontang"}  # fmt: skip

# A report built from a register: the SKDN table prints with its named lists.
skdn = api.report("skdn", load_sample_register(), month="2026-11")
api.export("laporan-pdf", skdn, out / "skdn.pdf", **title_block)

# Reports built from a file of their own need no register.
strata = api.report(
    "kader-strata",
    kader_file=str(kota.joinpath("kader.csv")),
    assessments=str(kota.joinpath("penilaian_kader.csv")),
    posyandu_file=str(kota.joinpath("posyandu.csv")),
    level="puskesmas",
)
print(strata.to_text())
api.export("laporan-xlsx", strata, out / "kader-strata.xlsx", place="Bontang")

late = api.report(
    "kasus-terlambat", cases=str(kota.joinpath("kasus.csv")), on="30/11/2026"
)
api.export("laporan-pdf", late, out / "kasus-terlambat.pdf", month="2026-11")
print(sorted(p.name for p in out.iterdir()))
