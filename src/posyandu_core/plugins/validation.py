"""Built-in plugin: the validation rules every register is checked with."""

from __future__ import annotations

from collections import Counter

from posyandu_core.hookspecs import DemoSection, Registrar, hookimpl
from posyandu_core.register import Register
from posyandu_core.rules import REGISTER, Rule, validate_register
from posyandu_core.rules import _checks as checks

_SOURCE = "DOMAIN.md §14.2, §3.3, §3.8; data/rules/plausibility.toml"


@hookimpl
def register_rules(register: Registrar[Rule]) -> None:
    """Register the built-in row and register rules."""
    # Every built-in rule checks the whole register's typed columns at once.
    for rule_id, target, check in (
        ("required", REGISTER, checks.check_required),
        ("dates", REGISTER, checks.check_dates),
        ("nik", REGISTER, checks.check_nik),
        ("ranges", REGISTER, checks.check_ranges),
        ("who_flags", REGISTER, checks.check_who_flags),
        ("method", REGISTER, checks.check_method),
        ("consistency", REGISTER, checks.check_person_consistency),
        ("calibration", REGISTER, checks.check_calibration),
    ):
        register(
            Rule(
                id=f"core.{rule_id}",
                target=target,
                check=check,
                description=(check.__doc__ or "").strip().splitlines()[0],
                source=_SOURCE,
            )
        )


def _render_validation(register: Register) -> str:
    issues = validate_register(register)
    counts = Counter(str(i.severity) for i in issues)
    by_code = Counter(i.code for i in issues)
    lines = [
        f"{len(register)} baris/rows: {counts['error']} kesalahan/errors, "
        f"{counts['warning']} peringatan/warnings, {counts['info']} info"
    ]
    lines += [f"  {code}: {n}" for code, n in by_code.most_common(8)]
    if issues:
        first = issues[0]
        lines.append(f"  e.g. row {first.row}: {first.message_id} / {first.message_en}")
    return "\n".join(lines)


@hookimpl
def register_demo_sections(register: Registrar[DemoSection]) -> None:
    """Show what the rules find in the register."""
    register(
        DemoSection(
            id="validation",
            title="Validasi data / Data validation",
            render=_render_validation,
            order=20,
        )
    )
