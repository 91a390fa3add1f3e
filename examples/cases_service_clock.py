"""Non-health cases: the workflow, the 5-working-day clock over Indonesia's holidays.

Run: python examples/cases_service_clock.py  (needs the `layanan` extra)
"""

from __future__ import annotations

import datetime as dt

from posyandu_core.errors import CaseTransitionError
from posyandu_core.model import Case
from posyandu_core.plugins.layanan.calendar import indonesia_calendar
from posyandu_core.plugins.layanan.cases import overdue_cases
from posyandu_core.plugins.layanan.reports import case_report
from posyandu_core.plugins.wilayah.city import load_sample_city

MELATI = "64.74.01.1001.001"

# Public holidays and cuti bersama from the `holidays` package, plus the
# Posyandu's own closed day (kader at a training on 25 March).
calendar = indonesia_calendar([2026], closed={MELATI: [dt.date(2026, 3, 25)]})
print(calendar.source)

# A housing (RTLH) request recorded on Tuesday 17 March 2026, just before
# Nyepi and Idul Fitri.
case = Case(
    id="KS-100",
    bidang="perumahan_rakyat",
    category="perumahan.rtlh",
    requester_id="Pak Amir",
    submitted_on=dt.date(2026, 3, 17),
    documents=("ktp", "kk"),
    posyandu=MELATI,
    recorded_by="Kader Nurhayati",
)
print("missing documents:", ", ".join(case.missing_documents()))
case = case.advance("diverifikasi", dt.date(2026, 3, 26), by="Kader Nurhayati + Pemdes")
(episode,) = case.episodes(calendar)
print(f"recorded {episode.start}, due {episode.due} (5 working days)")

# The workflow refuses a move it does not allow, and says what is allowed.
try:
    case.advance("selesai", dt.date(2026, 3, 27))
except CaseTransitionError as error:
    print("refused:", error)

case = case.advance("diteruskan_opd", dt.date(2026, 4, 1), by="Lurah Tanjung Laut")
(episode,) = case.episodes(calendar)
print(
    f"forwarded after {episode.working_days} working days, on time: {episode.met_sla}"
)

# The sample city: what is overdue at the end of November, and the monthly
# report in Bontang's labels, grouped by Puskesmas.
city = load_sample_city()
calendar = city.calendar({2026, 2027})
on = dt.date(2026, 11, 30)
for late in overdue_cases(city.cases, on, calendar):
    print(
        f"overdue: {late.case.id} due {late.due}, {late.working_days_late} working days late"
    )
report = case_report(
    city.cases,
    as_of=on,
    months=["2026-11"],
    taxonomy="bontang",
    level="puskesmas",
    registry=city.registry,
    calendar=calendar,
)
print(report.to_text())
