"""Posyandu strata and Posyandu Aktif from the registers, and the city view.

Run: python examples/posyandu_strata.py
"""

from __future__ import annotations

from posyandu_core.plugins.wilayah.city import (
    city_performance,
    load_sample_city,
    render_city,
)
from posyandu_core.plugins.wilayah.performance import aktif_share_report

city = load_sample_city()
results = city_performance(city, 2026)
for result in results:
    print(f"{result.posyandu}: {result.stratum}, aktif={result.aktif}")
    for indicator in result.indicators[:4]:
        print(
            f"    {indicator.name} = {indicator.value} ({indicator.source}: {indicator.reason})"
        )
print(aktif_share_report(results, city.registry).to_text())
print(render_city(city))
