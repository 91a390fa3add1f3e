"""Screening rules across the life cycle (DOMAIN.md §2.3, §7-§11).

One public, documented, pure function per rule: keyword arguments with
units in their names, a :class:`ScreeningResult` out. Every cut-off is data
in ``posyandu_core/data/rules/skrining_*.toml``; the open choices are the
fields of :class:`Conventions`.

Modules per life stage: :mod:`.sasaran` (target groups), :mod:`.maternal`
(ibu hamil, nifas, newborn), :mod:`.school` (usia sekolah & remaja),
:mod:`.adult` (PTM), :mod:`.elderly` (lansia), :mod:`.kb` (family planning).
On the register: :mod:`.services` (``(register, as_of) -> list[Finding]`` per
life stage) and :mod:`.reports` (the monthly life-cycle counts).
"""

from __future__ import annotations

from posyandu_core.plugins.kesehatan.screening._result import (
    Action,
    ScreeningResult,
    ScreeningStatus,
)
from posyandu_core.plugins.kesehatan.screening._rules import (
    Conventions,
    ScreeningRule,
    actions,
    convention_docs,
    screening_rule,
    screening_rules,
)

__all__ = [
    "Action",
    "Conventions",
    "ScreeningResult",
    "ScreeningRule",
    "ScreeningStatus",
    "actions",
    "convention_docs",
    "screening_rule",
    "screening_rules",
]
