"""The SKDN monthly report, printable: xlsx and PDF with the named lists.

Run: python examples/export_report.py   (needs: pip install "posyandu-core[export]")
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from posyandu_core.plugins.export.report import (
    printable_from_rows,
    write_report_pdf,
    write_skdn_report,
)
from posyandu_core.register.sample import load_sample_register

register = load_sample_register()
out = Path(tempfile.mkdtemp())
title_block = {
    "posyandu_name": "Posyandu Melati",
    "kelurahan": "Bontang Baru",
    "kecamatan": "Bontang Utara",
    "place": "Bontang",
    "signed_on": dt.date(2026, 11, 2),
}
write_skdn_report(register, out / "skdn-2026-10.xlsx", month="2026-10", **title_block)  # type: ignore[arg-type]
write_skdn_report(register, out / "skdn-2026-10.pdf", month="2026-10", **title_block)  # type: ignore[arg-type]

# Any report result with rows and bilingual column labels prints the same way.
rows = [{"kader": "Sitti Hasnah", "visits": 41}, {"kader": "Nurhayati", "visits": 38}]
labels = {"kader": ("Kader", "Kader"), "visits": ("Kunjungan", "Visits")}
printable = printable_from_rows(
    rows, labels, title_id="Kunjungan per kader", title_en="Visits per kader"
)
write_report_pdf(printable, out / "kader.pdf")
print(sorted(p.name for p in out.iterdir()))
