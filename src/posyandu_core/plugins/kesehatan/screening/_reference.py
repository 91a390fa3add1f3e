"""The screening-rules reference page's tables, generated from the rule data.

``python -m posyandu_core.plugins.kesehatan.screening._reference PAGE``
rewrites the block between the markers of ``PAGE``; a test checks the
packaged page is up to date.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final

from posyandu_core.plugins.kesehatan.screening._rules import (
    convention_docs,
    screening_rules,
)

START: Final = "<!-- screening-rules:start (generated, do not edit) -->"
END: Final = "<!-- screening-rules:end -->"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def reference_tables() -> str:
    """Return the markdown tables of every screening rule and convention.

    Examples
    --------
    >>> "| `maternal.kek` |" in reference_tables()
    True
    """
    lines = [
        START,
        "",
        "| rule | screens | DOMAIN | confidence | valid from | source |",
        "|---|---|---|---|---|---|",
    ]
    for rule in sorted(screening_rules().values(), key=lambda r: r.id):
        lines.append(
            f"| `{rule.id}` | {_cell(rule.name_id)} — {_cell(rule.name_en)} "
            f"| {rule.domain} | {rule.confidence} | {rule.valid_from} | {_cell(rule.source)} |"
        )
    lines += [
        "",
        "| convention | default | meaning |",
        "|---|---|---|",
    ]
    for name, entry in convention_docs().items():
        default = entry["default"]
        shown = str(default).lower() if isinstance(default, bool) else repr(default)
        lines.append(f"| `{name}` | `{shown}` | {_cell(entry['doc_en'])} |")
    lines += ["", END]
    return "\n".join(lines)


def rewrite(page: Path) -> None:
    """Replace the generated block of ``page`` with the current tables."""
    text = page.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    page.write_text(head + reference_tables() + tail, encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    rewrite(Path(sys.argv[1]))
