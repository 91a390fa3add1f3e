"""Built-in plugin: the validation rules every register is checked with."""

from __future__ import annotations

from posyandu_core.hookspecs import Registrar, hookimpl
from posyandu_core.rules import REGISTER, ROW, Rule
from posyandu_core.rules import _checks as checks

_SOURCE = "DOMAIN.md §14.2, §3.3, §3.8; data/rules/plausibility.toml"


@hookimpl
def register_rules(register: Registrar[Rule]) -> None:
    """Register the built-in row and register rules."""
    for rule_id, target, check in (
        ("required", ROW, checks.check_required),
        ("dates", ROW, checks.check_dates),
        ("nik", ROW, checks.check_nik),
        ("ranges", ROW, checks.check_ranges),
        ("method", ROW, checks.check_method),
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
