"""Add a validation rule from your own code, the way a plugin does.

A plugin is any object with ``@hookimpl`` functions; ``registered`` plugs it
in for a block, ``Registry.from_plugin_manager`` collects what it offers.
``read_register`` runs every rule of that registry once, on read.

Run: python examples/custom_rule.py
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from posyandu_core.hookspecs import Registrar, Rule, hookimpl
from posyandu_core.register import RegisterRow, read_register
from posyandu_core.registry import Registry
from posyandu_core.rules import ROW, Issue, Severity
from posyandu_core.testing import registered


def check_kader_named(row: RegisterRow) -> Iterator[Issue]:
    """Every visit should name the kader who recorded it."""
    if not row.kader:
        yield Issue(
            severity=Severity.INFO,
            code="local.kader_missing",
            row=row.row,
            field="kader",
            message_id="nama kader pencatat belum diisi",
            message_en="the recording kader is not named",
        )


class LocalRules:
    @hookimpl
    def register_rules(self, register: Registrar[Rule]) -> None:
        register(
            Rule(
                id="local.kader",
                target=ROW,
                check=check_kader_named,
                description="Every visit names its kader",
            )
        )


csv_text = (
    "person_id,sex,birth_date,visit_date,weight_kg,kader\n"
    "A1,P,2024-01-05,2025-02-10,8.2,Sri\n"
    "A2,L,2024-03-01,2025-02-10,9.0,\n"
)
with registered(LocalRules()) as pm:
    registry = Registry.from_plugin_manager(pm)
    register = read_register(io.StringIO(csv_text), registry=registry)
for issue in register.issues:
    print(f"row {issue.row}: [{issue.code}] {issue.message_en}")
