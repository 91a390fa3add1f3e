"""Built-in plugin: an overview of the register for ``posyandu demo``."""

from __future__ import annotations

from collections import Counter

from posyandu_core.hookspecs import DemoSection, Registrar, hookimpl
from posyandu_core.model import load_life_stages
from posyandu_core.register import Register


def _render_overview(register: Register) -> str:
    people = register.by_person()
    dates = [r.visit_date for r in register.rows if r.visit_date]
    if not dates:
        return "no visits"
    last = max(dates)
    stage_counts: Counter[str] = Counter()
    for rows in people.values():
        row = rows[-1]
        if row.sex is None or row.birth_date is None:
            continue
        for stage in row.to_person().life_stages(last, status=row.status):
            stage_counts[stage.code] += 1
    per_month = Counter(d.strftime("%Y-%m") for d in dates)
    lines = [
        f"{len(people)} orang/people, {len(register)} kunjungan/visits, "
        f"{min(dates)} – {last}",
        f"Sasaran per {last}:",
    ]
    lines += [
        f"  {s.code:<7} {s.label_id} / {s.label_en}: {stage_counts[s.code]}"
        for s in load_life_stages()
        if stage_counts[s.code]
    ]
    lines.append("Kunjungan per bulan / visits per month: " + ", ".join(
        f"{m} {n}" for m, n in sorted(per_month.items())
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
