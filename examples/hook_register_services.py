"""register_services: a lansia service whose findings the core collects.

The core calls ``findings(register, as_of)`` of every service in
``posyandu_core.api.findings`` (and ``posyandu findings``, ``posyandu demo``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from posyandu_core import api
from posyandu_core.hookspecs import Registrar, Service, hookimpl
from posyandu_core.model import Finding, completed_years
from posyandu_core.register import Register
from posyandu_core.register.sample import load_sample_register
from posyandu_core.testing import installed


def hypertension(register: Register, as_of: dt.date) -> Iterator[Finding]:
    """Adults 60+ whose last blood pressure up to ``as_of`` is 140/90 or more."""
    for person_id, rows in register.by_person().items():
        measured = [
            (r.visit_date, r.birth_date, r.systolic_mmhg, r.diastolic_mmhg or 0.0)
            for r in rows
            if r.visit_date and r.visit_date <= as_of and r.birth_date
            and r.systolic_mmhg is not None
        ]  # fmt: skip
        if not measured:
            continue
        visit, birth, systolic, diastolic = measured[-1]
        if completed_years(birth, visit) >= 60 and (systolic >= 140 or diastolic >= 90):
            yield Finding(
                code="lansia.hipertensi",
                label_id="Tekanan darah tinggi: rujuk ke Puskesmas",
                label_en="High blood pressure: refer to the Puskesmas",
                severity="warning",
                rule="lansia.hipertensi@2025",
                person_id=person_id,
                date=visit,
                referral="puskesmas",
                details={"systolic": systolic, "diastolic": diastolic},
            )


class LansiaPlugin:
    @hookimpl
    def register_services(self, register: Registrar[Service]) -> None:
        register(
            Service(
                id="lansia.tekanan_darah",
                bidang="kesehatan",
                name_id="Pemeriksaan tekanan darah lansia",
                name_en="Blood pressure checks for the elderly",
                sasaran=("LANSIA",),
                findings=hypertension,
            )
        )


sample = load_sample_register()
with installed(LansiaPlugin()):
    found = api.findings(sample, as_of=dt.date(2026, 11, 30))
codes = {f.code for f in found}
assert "pertumbuhan.stunting" in codes  # the built-in services answer too
mine = [f for f in found if f.code == "lansia.hipertensi"]
print(f"{len(found)} findings, {len(mine)} from the lansia plugin")
for finding in mine[:3]:
    print(
        f"  {finding.person_id} {finding.date}: {finding.label_en} -> {finding.referral}"
    )
