"""A child's KMS (Buku KIA weight-for-age) and WHO-style growth charts.

Run: python examples/export_charts.py   (needs: pip install "posyandu-core[export]")
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from posyandu_core.plugins.export.charts import write_growth_chart, write_growth_charts
from posyandu_core.register.sample import load_sample_register

register = load_sample_register()
out = Path(tempfile.mkdtemp())

write_growth_chart(register, out / "kms.png", person_id="MLT-041")  # Indonesian
write_growth_chart(register, out / "kms-en.svg", person_id="MLT-041", language="en")
for chart in ("lhfa", "wflh", "bmi"):  # WHO style
    write_growth_chart(register, out / f"{chart}.pdf", person_id="MLT-041", chart=chart)
# One PDF, a page per child under five: for the open day.
write_growth_charts(register, out / "kms-all.pdf")
print(sorted(p.name for p in out.iterdir()))
