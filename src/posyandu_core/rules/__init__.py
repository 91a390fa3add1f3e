"""Validation rules: located, bilingual issues about records and tables.

A rule never changes data. It looks at one record (or a whole table) and
returns :class:`Issue` objects that say where the problem is, what the value
was and what to do, in Indonesian and English. Built-in rules live in the
``validation`` plugin; plugins add theirs through ``register_rules``.
"""

from __future__ import annotations

from posyandu_core.model import Issue, Severity
from posyandu_core.rules._config import RuleConfig
from posyandu_core.rules._rule import (
    REGISTER,
    ROW,
    Rule,
    active_rules,
    has_errors,
    run_rules,
)
from posyandu_core.rules._validate import gate, validate_register

__all__ = [
    "REGISTER",
    "ROW",
    "Issue",
    "Rule",
    "RuleConfig",
    "Severity",
    "active_rules",
    "gate",
    "has_errors",
    "run_rules",
    "validate_register",
]
