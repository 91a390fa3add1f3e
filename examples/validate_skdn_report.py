"""Validate an SKDN report that came from elsewhere (here a CSV with a wrong D).

Run: python examples/validate_skdn_report.py
"""

from __future__ import annotations

import io

from posyandu_core.plugins.kesehatan.skdn import read_skdn_csv
from posyandu_core.registry import get_registry
from posyandu_core.rules import run_rules

# A hand-filled report: in the 24-59 L cell D = 12 but N + T + O + B = 11.
text = """\
posyandu,month,band,sex,S,K,D,N,T,O,B
Mawar,2026-11,0-5,L,3,3,3,2,1,0,0
Mawar,2026-11,24-59,L,15,14,12,9,1,1,0
"""
report = read_skdn_csv(io.StringIO(text))
issues = run_rules(get_registry().rules_for("skdn_report"), "skdn_report", report)
for issue in issues:
    print(f"{issue.severity} [{issue.code}] {issue.message_en}")
print(f"{len(issues)} issues in the {report.month} report of {report.posyandu}")
