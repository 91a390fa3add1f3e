"""Validate a whole register with every registered rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from posyandu_core.model import Issue
from posyandu_core.rules._rule import REGISTER, ROW, run_rules

if TYPE_CHECKING:
    from posyandu_core.register import Register
    from posyandu_core.registry import Registry


def validate_register(
    register: Register, *, registry: Registry | None = None
) -> list[Issue]:
    """Return every issue in ``register``: reading problems, then rule findings.

    Row rules run on every row, register rules once; issues come sorted by
    row, then field. Nothing in the register is changed.
    """
    if registry is None:
        from posyandu_core.registry import get_registry

        registry = get_registry()
    rules = tuple(registry.rules.values())
    issues = list(register.issues)
    for row in register.rows:
        issues.extend(run_rules(rules, ROW, row))
    issues.extend(run_rules(rules, REGISTER, register))
    return sorted(issues, key=lambda i: (i.row or 0, i.field or "", i.code))
