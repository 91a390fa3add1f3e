"""Plain-text renderings of the kesehatan results (the demo and the command line)."""

from __future__ import annotations

from posyandu_core.growth import category_table
from posyandu_core.plugins.kesehatan.skdn import SkdnReport

__all__ = ["render_skdn"]


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f} %"


def render_skdn(report: SkdnReport) -> str:
    """Return the report as a plain-text table (used by the CLI and the demo)."""
    keys = ("S", "K", "D", "N", "T", "O", "B", "BGM", "2T")
    lines = [
        f"SKDN {report.month}" + (f" — {report.posyandu}" if report.posyandu else ""),
        f"{'umur (bln)':<11}{'JK':<3}" + "".join(f"{k:>5}" for k in keys),
    ]
    for cell in report.cells:
        values = cell.counts.to_dict()
        lines.append(
            f"{cell.band:<11}{cell.sex!s:<3}" + "".join(f"{values[k]:>5}" for k in keys)
        )
    total = report.total.to_dict()
    lines.append(f"{'jumlah':<14}" + "".join(f"{total[k]:>5}" for k in keys))
    ratios = report.total.ratios()
    lines.append("  ".join(f"{k} {_pct(v)}" for k, v in ratios.items()))
    lines.extend(
        f"Vitamin A {v.label_id} {v.sex}: {v.diberi}/{v.sasaran} ({_pct(v.cakupan)})"
        for v in report.vitamin_a
    )
    for name, children in report.lists.items():
        if not children:
            continue
        lines.append(f"Daftar {_LIST_TITLES.get(name, name)}:")
        lines.extend(
            f"  {c.name} ({c.sex}, {c.age_months} bln), ortu {c.parent_name}: "
            f"{c.weight_kg} kg"
            + (f", {c.length_cm} cm" if c.length_cm is not None else "")
            + f" — {_category_label(c.category)}"
            + (f" (z {c.z:.2f})" if c.z is not None else "")
            for c in children
        )
    return "\n".join(lines)


_LIST_TITLES = {
    "gizi_buruk": "gizi buruk / severely wasted",
    "gizi_kurang": "gizi kurang / wasted",
    "stunting": "stunting (pendek, sangat pendek) / stunted",
    "2t": "2T (dua kali tidak naik) / no gain twice",
    "bgm": "BGM (bawah garis merah) / below the red line",
}


def _category_label(category_id: str) -> str:
    """Indonesian label of a growth-engine category id (the id if none matches)."""
    for table in ("pb_tb_u", "bb_pb_tb", "bb_u"):
        labels = {c.id: c.label_id for c in category_table(table).categories}
        if category_id in labels:
            return labels[category_id]
    return category_id
