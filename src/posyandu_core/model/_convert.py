"""Named attrs converters (mypy's attrs plugin needs named functions)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from posyandu_core.model._enums import Langkah, MeasureMethod, Sex


def to_sex(value: object) -> Sex:
    """Convert any accepted sex code."""
    return Sex.parse(value)


def to_optional_method(value: object) -> MeasureMethod | None:
    """Convert a measuring-method code, keeping None."""
    return None if value is None else MeasureMethod.parse(value)


def to_langkah_set(values: Iterable[int]) -> frozenset[Langkah]:
    """Convert step numbers to a set of Langkah."""
    return frozenset(Langkah(v) for v in values)


def to_frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """Copy into a read-only mapping."""
    return MappingProxyType(dict(value))


def to_str_set(values: Iterable[str]) -> frozenset[str]:
    """Copy into a frozenset of strings."""
    return frozenset(values)
