"""The six bidang of Permendagri 13/2024 and the taxonomies that group them."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import attrs

from posyandu_core._data import load_rule_table
from posyandu_core.model._convert import to_str_set


class Bidang(enum.StrEnum):
    """The six fields (bidang) of a Posyandu: the canonical taxonomy."""

    PENDIDIKAN = "pendidikan"
    KESEHATAN = "kesehatan"
    PEKERJAAN_UMUM = "pekerjaan_umum"
    PERUMAHAN_RAKYAT = "perumahan_rakyat"
    TRANTIBUMLINMAS = "trantibumlinmas"
    SOSIAL = "sosial"


def to_bidang_set(values: Iterable[str]) -> frozenset[Bidang]:
    """Convert bidang names to a set of Bidang."""
    return frozenset(Bidang(v) for v in values)


class HasBidang(Protocol):
    """Anything that belongs to one bidang, e.g. a service."""

    @property
    def bidang(self) -> Bidang: ...  # noqa: D102

    @property
    def tags(self) -> frozenset[str]: ...  # noqa: D102


@attrs.frozen(kw_only=True)
class TaxonomyGroup:
    """One label of a taxonomy and the canonical bidang it covers."""

    id: str
    label_id: str
    label_en: str
    bidang: frozenset[Bidang] = attrs.field(converter=to_bidang_set)
    service_tags: frozenset[str] = attrs.field(
        default=frozenset(), converter=to_str_set
    )
    confidence: str = "S"


@attrs.frozen(kw_only=True)
class Taxonomy:
    """A way of grouping the six bidang, e.g. the labels a city uses.

    Parameters
    ----------
    id : str
        Unique id, e.g. ``"bontang"``.
    name : str
        Human-readable name.
    source : str
        Where the grouping comes from.
    groups : tuple of TaxonomyGroup
        The labels, in display order.
    """

    id: str
    name: str
    source: str
    groups: tuple[TaxonomyGroup, ...]
    confidence: str = "S"

    def groups_for(self, bidang: Bidang, tags: Iterable[str] = ()) -> tuple[str, ...]:
        """Return the ids of the groups an item of ``bidang`` with ``tags`` falls in.

        A group that names service tags matching the item is more specific and
        wins over groups that only match the bidang.
        """
        tagset = frozenset(tags)
        matching = [g for g in self.groups if bidang in g.bidang]
        tagged = [g for g in matching if g.service_tags & tagset]
        if tagged:
            return tuple(g.id for g in tagged)
        return tuple(g.id for g in matching if not g.service_tags)

    def group(self, items: Iterable[HasBidang]) -> dict[str, list[Any]]:
        """Group ``items`` (services, report rows …) by this taxonomy's labels."""
        grouped: dict[str, list[Any]] = {g.id: [] for g in self.groups}
        for item in items:
            for group_id in self.groups_for(item.bidang, item.tags):
                grouped[group_id].append(item)
        return grouped

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Taxonomy:
        """Build a taxonomy from its TOML/JSON form."""
        return cls(
            id=data["id"],
            name=data["name"],
            source=data["source"],
            confidence=data.get("confidence", "S"),
            groups=tuple(TaxonomyGroup(**g) for g in data["group"]),
        )


def builtin_taxonomies() -> tuple[Taxonomy, ...]:
    """Return the taxonomies shipped with posyandu_core (canonical and Bontang)."""
    table = load_rule_table("bidang")
    return tuple(Taxonomy.from_mapping(t) for t in table["taxonomy"])
