"""Typed access to everything the plugins registered; the only caller of the hooks.

>>> from posyandu_core.registry import get_registry
>>> "permendagri-13-2024" in get_registry().taxonomies
True
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from importlib.metadata import entry_points
from types import MappingProxyType
from typing import Any, Generic, TypeVar

import attrs
import pluggy

from posyandu_core import hookspecs
from posyandu_core.errors import DuplicateRegistrationError
from posyandu_core.hookspecs import (
    Command,
    DemoSection,
    DeviceDriver,
    Exporter,
    GrowthReference,
    Rule,
    Service,
    Taxonomy,
)
from posyandu_core.plugins import DISTRIBUTION, _canonical, get_plugin_manager

__all__ = ["PluginInfo", "Registry", "get_registry"]

T = TypeVar("T")

# hook name -> (registry field, key of an item)
_KINDS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "register_taxonomies": ("taxonomies", lambda x: x.id),
    "register_services": ("services", lambda x: x.id),
    "register_rules": ("rules", lambda x: x.id),
    "register_references": ("references", lambda x: x.id),
    "register_devices": ("devices", lambda x: x.id),
    "register_exporters": ("exporters", lambda x: x.id),
    "register_commands": ("commands", lambda x: x.name),
    "register_demo_sections": ("demo_sections", lambda x: x.id),
}


@attrs.frozen(kw_only=True)
class PluginInfo:
    """A loaded plugin and the ids of what it contributed, by kind."""

    name: str
    module: str
    distribution: str | None
    builtin: bool
    contributions: Mapping[str, tuple[str, ...]]


class _Collector(Generic[T]):
    def __init__(self, kind: str, key: Callable[[T], str]) -> None:
        self.kind, self.key = kind, key
        self.items: dict[str, T] = {}
        self.owner: dict[str, str] = {}
        self.plugin = ""

    def __call__(self, item: T, /) -> None:
        key = self.key(item)
        if key in self.items:
            msg = (
                f"{self.kind} {key!r} is registered by both "
                f"{self.owner[key]!r} and {self.plugin!r}"
            )
            raise DuplicateRegistrationError(
                msg, fix="uninstall or rename one of the plugins"
            )
        self.items[key] = item
        self.owner[key] = self.plugin


@attrs.frozen(kw_only=True)
class Registry:
    """Everything contributed by the loaded plugins, keyed by id."""

    taxonomies: Mapping[str, Taxonomy]
    services: Mapping[str, Service]
    rules: Mapping[str, Rule]
    references: Mapping[str, GrowthReference]
    devices: Mapping[str, DeviceDriver]
    exporters: Mapping[str, Exporter]
    commands: Mapping[str, Command]
    demo_sections: Mapping[str, DemoSection]
    plugins: tuple[PluginInfo, ...]

    @classmethod
    def from_plugin_manager(cls, pm: pluggy.PluginManager) -> Registry:
        """Call every ``register_*`` hook of ``pm`` and collect the results."""
        collected: dict[str, Any] = {}
        per_plugin: dict[str, dict[str, list[str]]] = {}
        for hook_name, (field, key) in _KINDS.items():
            collector: _Collector[Any] = _Collector(field.rstrip("s"), key)
            # Call implementations one by one so each item is attributed to
            # its plugin (pluggy's call order: last registered first).
            for impl in getattr(pm.hook, hook_name).get_hookimpls():
                collector.plugin = impl.plugin_name
                before = set(collector.items)
                impl.function(**dict.fromkeys(impl.argnames, collector))
                new = [k for k in collector.items if k not in before]
                if new:
                    per_plugin.setdefault(impl.plugin_name, {})[field] = new
            collected[field] = MappingProxyType(collector.items)
        dists = {
            ep.name: ep.dist.name if ep.dist else None
            for ep in entry_points(group=hookspecs.PROJECT)
        }
        plugins = tuple(
            PluginInfo(
                name=name,
                module=getattr(plugin, "__name__", type(plugin).__module__),
                distribution=dists.get(name),
                builtin=_canonical(dists.get(name) or "") == DISTRIBUTION,
                contributions=MappingProxyType(
                    {k: tuple(v) for k, v in per_plugin.get(name, {}).items()}
                ),
            )
            for name, plugin in sorted(pm.list_name_plugin(), key=lambda p: p[0])
            if plugin is not None
        )
        return cls(plugins=plugins, **collected)

    def rules_for(self, target: str) -> tuple[Rule, ...]:
        """Return the rules that check ``target`` (``"row"``, ``"register"`` …)."""
        return tuple(r for r in self.rules.values() if r.target == target)


@functools.cache
def get_registry() -> Registry:
    """Return the registry of the process-wide plugin manager (built once)."""
    return Registry.from_plugin_manager(get_plugin_manager())
