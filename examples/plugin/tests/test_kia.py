"""Tests of the example plugin, written the way a plugin author would."""

from __future__ import annotations

import io

import posyandu_core_kia
from hypothesis import given, settings

from posyandu_core.register import read_register
from posyandu_core.registry import Registry
from posyandu_core.rules import validate_register
from posyandu_core.testing import registered, strategies


def kia_registry() -> Registry:
    with registered(posyandu_core_kia) as pm:
        return Registry.from_plugin_manager(pm)


def test_rule_is_registered() -> None:
    assert "kia.ownership" in kia_registry().rules


def test_under_five_without_kia_is_flagged() -> None:
    text = "person_id,sex,birth_date,visit_date,has_kia\nA,P,2024-01-05,2025-02-10,n\n"
    # read_register runs the registry's rules once, on read.
    register = read_register(io.StringIO(text), registry=kia_registry())
    assert [i.code for i in register.issues] == ["kia.missing"]


@settings(deadline=None)  # the first example loads the plugins
@given(strategies.register_csv())
def test_rule_never_crashes(text: str) -> None:
    register = read_register(io.StringIO(text), validate=False)
    validate_register(register, registry=kia_registry())
