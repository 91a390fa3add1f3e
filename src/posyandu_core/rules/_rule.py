"""Rules and running them: one record, or a whole table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from posyandu_core.model import Issue, Severity

#: Targets of the built-in rules. Plugins may check their own targets
#: (e.g. ``"skdn_report"``) by registering rules under a new name.
ROW = "row"  # one RegisterRow
REGISTER = "register"  # the whole Register (cross-row checks)


@attrs.frozen(kw_only=True)
class Rule:
    """A named check that returns issues and never changes data.

    Parameters
    ----------
    id : str
        Unique id, e.g. ``"range.weight_kg"``; issues carry it.
    target : str
        What the rule looks at: ``"row"`` (a RegisterRow), ``"register"``
        (the whole Register) or a plugin-defined target.
    check : callable
        ``check(obj) -> iterable of Issue``.
    description : str
        One sentence for ``posyandu plugins``.
    source : str
        Where the rule's thresholds come from.
    replaces : str or None
        Id of a rule this one takes the place of (e.g. a plugin's stricter
        ``"core.ranges"``); the replaced rule does not run.
    """

    id: str
    target: str
    check: Callable[[Any], Iterable[Issue]]
    description: str
    source: str = ""
    replaces: str | None = None


def active_rules(
    rules: Iterable[Rule], disabled: Iterable[str] = ()
) -> tuple[Rule, ...]:
    """Return the rules that run: not replaced by another rule, not disabled."""
    rules = tuple(rules)
    off = {r.replaces for r in rules if r.replaces} | set(disabled)
    return tuple(r for r in rules if r.id not in off)


def run_rules(rules: Iterable[Rule], target: str, obj: Any) -> list[Issue]:
    """Run every rule for ``target`` on ``obj`` and return the issues found.

    Issues without a ``rule`` id get the id of the rule that produced them.
    """
    found: list[Issue] = []
    for rule in rules:
        if rule.target != target:
            continue
        for issue in rule.check(obj):
            found.append(issue if issue.rule else attrs.evolve(issue, rule=rule.id))
    return found


def has_errors(issues: Iterable[Issue]) -> bool:
    """Return whether any issue has error severity."""
    return any(i.severity is Severity.ERROR for i in issues)
