"""Named attrs converters (mypy's attrs plugin needs named functions)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
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


class FrozenMapping(Mapping[str, Any]):
    """A read-only mapping that owns its values: records may share one.

    Examples
    --------
    >>> details = FrozenMapping({"dose": "MR1"})
    >>> details["dose"], details == {"dose": "MR1"}, to_frozen_mapping(details) is details
    ('MR1', True, True)
    """

    __slots__ = ("_data",)

    def __init__(self, value: Mapping[str, Any] | None = None) -> None:
        self._data: dict[str, Any] = dict(value or {})

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenMapping({self._data!r})"


def to_frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """Copy into a read-only mapping (a ``FrozenMapping`` is kept: nobody can change it)."""
    return value if type(value) is FrozenMapping else FrozenMapping(value)


def to_str_set(values: Iterable[str]) -> frozenset[str]:
    """Copy into a frozenset of strings."""
    return frozenset(values)
