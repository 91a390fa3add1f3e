"""Kader competency: assessments -> TKK -> strata, the Madya target and next skills.

Run: python examples/kader_strata.py
"""

from __future__ import annotations

import attrs

from posyandu_core.model.kader import kader_stratum, known_skills, next_skills
from posyandu_core.plugins.kader.reports import (
    missing_skills_report,
    next_skills_report,
    strata_report,
)
from posyandu_core.plugins.wilayah.city import load_sample_city

# The default rule set (kader.toml): Purwa = A+B+C, Madya = Purwa + D or E,
# Utama = all 25.
purwa = [s for s in known_skills() if s[0] in "ABC"]
print(len(purwa), "skills:", kader_stratum(purwa))
print("next:", next_skills([*purwa, "E1", "E2"]))

city = load_sample_city()
# Kader per stratum per Puskesmas against Bontang's 20 % Madya target.
print(strata_report(city.kader, level="puskesmas", registry=city.registry).to_text())
# The skills most often missing: where to train next.
missing = missing_skills_report(city.kader)
print(attrs.evolve(missing, rows=missing.rows[:5]).to_text())
# Each kader's next skills, for the first Posyandu.
melati = [k for k in city.kader if k.posyandu == "64.74.01.1001.001"]
print(next_skills_report(melati, registry=city.registry).to_text("en"))
