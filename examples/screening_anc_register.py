"""ANC contacts K1-K6 from the register: findings and the month's K1/K4/K6 counts (DOMAIN.md §7.1).

The kader copies each ANC contact from the Buku KIA as a row (the contact's
date, status ``hamil``, ``anc_provider`` dokter/bidan, ``anc_usg`` y/n,
``anc_contact`` as written). Contacts are numbered by gestational age.

Run: python examples/screening_anc_register.py
"""

from __future__ import annotations

import datetime as dt
import io

from posyandu_core.plugins.kesehatan.screening import reports, services
from posyandu_core.register import read_register

CSV = """person_id,nik,name,sex,birth_date,visit_date,status,hpht,anc_contact,anc_provider,anc_usg,muac_cm
B1,6474014101950001,Sari,P,1995-01-01,2026-03-03,hamil,2026-01-05,K1,dokter,y,
B1,6474014101950001,Sari,P,1995-01-01,2026-04-30,hamil,2026-01-05,K2,bidan,n,
B1,6474014101950001,Sari,P,1995-01-01,2026-06-10,hamil,2026-01-05,,,,24.1
B2,6474014101950002,Rini,P,1998-05-05,2026-06-10,hamil,2026-02-20,K1,bidan,n,22.8
"""

register = read_register(io.StringIO(CSV))
for finding in services.pregnancy_findings(register, as_of=dt.date(2026, 6, 10)):
    print(f"{finding.person_id} {finding.code:40} {finding.label_en}")

for month in ("2026-03", "2026-06"):
    report = reports.lifecycle_monthly_report(register, month)
    counts = {
        k: report.count(k) for k in ("bumil_k1_akses", "bumil_k1_murni", "bumil_k4")
    }
    print(month, counts)
