"""Built-in plugin: an overview of the register for ``posyandu demo``."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from posyandu_core.hookspecs import DemoSection, Registrar, hookimpl
from posyandu_core.model import life_stages, load_life_stages
from posyandu_core.register import Register


def _render_overview(register: Register) -> str:
    # From the columns: a national register must not build a row object per visit.
    visits = register.column("visit_date")
    dates = visits[~np.isnat(visits)]
    last = register.last_visit_date()
    if last is None:
        return "no visits"
    latest = register.latest_per_person()
    # Persons sharing birth date, sex and status share their life stages.
    people: Counter[tuple[Any, ...]] = Counter(
        zip(
            register.column("birth_date")[latest].tolist(),
            register.column("sex")[latest].tolist(),
            register.column("status")[latest].tolist(),
            strict=True,
        )
    )
    stage_counts: Counter[str] = Counter()
    for (birth, sex, status), n in people.items():
        if sex is None or birth is None:
            continue
        for stage in life_stages(
            birth_date=birth, sex=sex, on=last, status=status or ()
        ):
            stage_counts[stage.code] += n
    months, visits_per_month = np.unique(
        dates.astype("datetime64[M]"), return_counts=True
    )
    lines = [
        f"{len(latest)} orang/people, {len(register)} kunjungan/visits, "
        f"{dates.min().item()} – {last}",
        f"Sasaran per {last}:",
    ]
    lines += [
        f"  {s.code:<7} {s.label_id} / {s.label_en}: {stage_counts[s.code]}"
        for s in load_life_stages()
        if stage_counts[s.code]
    ]
    lines.append("Kunjungan per bulan / visits per month: " + ", ".join(
        f"{m} {n}" for m, n in zip(months, visits_per_month, strict=True)
    ))  # fmt: skip
    return "\n".join(lines)


@hookimpl
def register_demo_sections(register: Registrar[DemoSection]) -> None:
    """Show who the Posyandu serves and how often they came."""
    register(
        DemoSection(
            id="overview",
            title="Posyandu: sasaran dan kunjungan / who came and when",
            render=_render_overview,
            order=10,
        )
    )
