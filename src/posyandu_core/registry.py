"""Typed access to everything the plugins registered; the only caller of the hooks.

Every ``register_*`` hook is called through pluggy, once per plugin in the
hook's call order (``pm.subset_hook_caller``), so ``tryfirst``/``trylast``,
hook wrappers and ``pm.trace`` work and each item is attributed to its
plugin. A third party that raises, registers the wrong type or an id already
taken is named in one warning and left out; the callables of third-party
contributions are wrapped so that a failure later (a rule's check, a
service's findings, a report, an exporter, a command) raises
:class:`~posyandu_core.errors.PluginFailedError` naming the plugin, its
distribution and version.

>>> from posyandu_core.registry import get_registry
>>> "permendagri-13-2024" in get_registry().taxonomies
True
"""

from __future__ import annotations

import contextlib
import functools
import warnings
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import pluggy

from posyandu_core import hookspecs
from posyandu_core._loader import (
    PluginManager,
    PluginOrigin,
    PluginProblem,
    get_plugin_manager,
)
from posyandu_core.errors import (
    DuplicateRegistrationError,
    PluginFailedError,
    PluginFaultWarning,
    PosyanduError,
    texts_of,
)
from posyandu_core.hookspecs import (
    Command,
    DemoSection,
    Exporter,
    GrowthReference,
    Reader,
    RegisterColumn,
    Report,
    Rule,
    Service,
    Taxonomy,
)
from posyandu_core.rules import Issue

if TYPE_CHECKING:
    from posyandu_core.devices._driver import DeviceDriver

__all__ = ["PluginInfo", "Registry", "get_registry", "isolated"]

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


@attrs.frozen
class _Kind:
    field: str
    type: Callable[[], type]
    key: Callable[[Any], str]
    guarded: tuple[str, ...] = ()  # callable fields wrapped for third parties

    def describe(self, item: Any, lang: str = "en") -> str:
        """``"report 'skdn'"`` (``"laporan 'skdn'"``): how messages name one item."""
        if lang == "id":
            return f"{_NOUNS_ID[self.field]} {self.key(item)!r}"
        noun = {"taxonomies": "taxonomy"}.get(self.field, self.field.removesuffix("s"))
        return f"{noun.replace('_', ' ')} {self.key(item)!r}"


#: What each kind of contribution is called in Indonesian messages.
_NOUNS_ID = {
    "taxonomies": "taksonomi",
    "services": "layanan",
    "reports": "laporan",
    "rules": "aturan",
    "references": "rujukan pertumbuhan",
    "devices": "alat",
    "exporters": "pengekspor",
    "columns": "kolom",
    "readers": "pembaca",
    "commands": "perintah",
    "demo_sections": "bagian demo",
}


def _driver_type() -> type:
    from posyandu_core.devices._driver import DeviceDriver

    return DeviceDriver


def _kind(field: str, cls: type, *guarded: str, key: str = "id") -> _Kind:
    return _Kind(field, lambda: cls, lambda x: getattr(x, key), guarded)


# hook name -> what it registers
_KINDS: dict[str, _Kind] = {
    "register_taxonomies": _kind("taxonomies", Taxonomy),
    "register_services": _kind("services", Service, "findings"),
    "register_reports": _kind("reports", Report, "build"),
    "register_rules": _kind("rules", Rule, "check"),
    "register_references": _kind("references", GrowthReference, "zscores"),
    "register_devices": _Kind("devices", _driver_type, lambda x: x.id),
    "register_exporters": _kind("exporters", Exporter, "write"),
    "register_columns": _kind("columns", RegisterColumn, key="name"),
    "register_readers": _kind("readers", Reader, "read"),
    "register_commands": _kind("commands", Command, "configure", "run", key="path"),
    "register_demo_sections": _kind("demo_sections", DemoSection, "render"),
}


@attrs.frozen(kw_only=True)
class PluginInfo:
    """A plugin, what it contributed by kind, and what went wrong with it."""

    name: str
    module: str
    distribution: str | None
    builtin: bool
    contributions: Mapping[str, tuple[str, ...]]
    version: str | None = None
    state: str = "loaded"
    problems: tuple[str, ...] = ()


@contextlib.contextmanager
def isolated(
    origin: PluginOrigin, what: str, what_id: str | None = None
) -> Iterator[None]:
    """Turn any failure of third-party code inside the block into one named error.

    A :class:`~posyandu_core.errors.PosyanduError` passes unchanged (a plugin
    reporting bad input the documented way); anything else — including
    ``sys.exit`` — becomes :class:`~posyandu_core.errors.PluginFailedError`.
    Built-in code is not wrapped: its failures are bugs and show as such.
    ``what`` names the failing part in English, ``what_id`` in Indonesian
    (default: ``what``), so the message follows the reader's language.

    Examples
    --------
    >>> origin = PluginOrigin(name="kia", distribution="kia", version="1.0")
    >>> with isolated(origin, "report 'x'", "laporan 'x'"):
    ...     1 / 0
    Traceback (most recent call last):
    posyandu_core.errors.PluginFailedError: plugin 'kia' (kia 1.0): laporan 'x' gagal: ZeroDivisionError: division by zero / ...
    """
    if origin.builtin:
        yield
        return
    try:
        yield
    except PosyanduError:
        raise
    except (Exception, SystemExit) as exc:
        msg = f"{origin.describe()}: {what} failed: {type(exc).__name__}: {exc}"
        package = origin.distribution or origin.name
        raise PluginFailedError(
            msg,
            message_id=(
                f"{origin.describe()}: {what_id or what} gagal: "
                f"{type(exc).__name__}: {exc}"
            ),
            fix=f"update or uninstall {package}",
            fix_id=f"perbarui atau copot {package}",
        ) from exc


def _guard(
    fn: F, origin: PluginOrigin, what: str, what_id: str, *, consume: bool = False
) -> F:
    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        with isolated(origin, what, what_id):
            result = fn(*args, **kwargs)
            # A lazy result (a generator) fails when consumed: consume it here.
            return tuple(result) if consume else result

    return call  # type: ignore[return-value]


def _guard_rule(rule: Rule, origin: PluginOrigin) -> Rule:
    check = _guard(
        rule.check, origin, f"rule {rule.id!r}", f"aturan {rule.id!r}", consume=True
    )
    warned: list[bool] = []

    def safe_check(obj: Any) -> tuple[Issue, ...]:
        # A failing rule must not stop validation: it is reported once and
        # contributes no issues.
        try:
            return tuple(check(obj))
        except PluginFailedError as exc:
            if not warned:
                warned.append(True)
                warnings.warn(PluginFaultWarning.of_error(exc), stacklevel=2)
            return ()

    return attrs.evolve(rule, check=safe_check)


def _protect(item: Any, kind: _Kind, origin: PluginOrigin) -> Any:
    """Wrap the callables of a third-party item so their failures name the plugin."""
    if origin.builtin or not kind.guarded:
        return item
    if isinstance(item, Rule):
        return _guard_rule(item, origin)
    label, label_id = kind.describe(item), kind.describe(item, "id")
    changes = {
        name: _guard(
            getattr(item, name),
            origin,
            f"{label} {name}",
            f"{label_id} {name}",
            consume=name == "findings",
        )
        for name in kind.guarded
        if getattr(item, name) is not None
    }
    return attrs.evolve(item, **changes)


def _wrong(item: Any, kind: _Kind) -> tuple[str, str] | None:
    """Why ``item`` cannot be used as a ``kind``, in English and Indonesian (None: it can)."""
    expected = kind.type()
    if not isinstance(item, expected):
        got, want = type(item).__name__, expected.__name__
        return (
            f"registered a {got} where a {want} is expected",
            f"mendaftarkan {got} padahal yang diharapkan {want}",
        )
    for name in kind.guarded:
        value = getattr(item, name)
        if value is not None and not callable(value):
            return (
                f"{kind.describe(item)}: {name} is not callable",
                f"{kind.describe(item, 'id')}: {name} tidak dapat dipanggil",
            )
    return None


def _call_order(caller: pluggy.HookCaller) -> list[Any]:
    """Return the non-wrapper implementations in the order pluggy calls them."""
    impls = [i for i in caller.get_hookimpls() if not (i.hookwrapper or i.wrapper)]
    return impls[::-1]


class _Collection:
    """Collects one hook's items per plugin and keeps the problems found."""

    def __init__(self, pm: PluginManager) -> None:
        self.pm = pm
        self.items: dict[str, dict[str, Any]] = {}
        self.per_plugin: dict[str, dict[str, list[str]]] = {}
        self.problems: list[PluginProblem] = []

    def problem(
        self, origin: PluginOrigin, state: str, reason: str, reason_id: str
    ) -> None:
        problem = PluginProblem(
            origin=origin, state=state, reason=reason, reason_id=reason_id
        )
        self.problems.append(problem)
        warnings.warn(problem.warning(PluginFaultWarning), stacklevel=4)

    def collect(
        self, hook_name: str, kind: _Kind, hook_args: Mapping[str, Any]
    ) -> None:
        offered: list[tuple[PluginOrigin, list[Any]]] = []
        impls = _call_order(getattr(self.pm.hook, hook_name))
        for impl in impls:
            origin = self.pm.origin(impl.plugin_name)
            # Only this plugin's implementation, inside every hook wrapper.
            caller = self.pm.subset_hook_caller(
                hook_name,
                remove_plugins=[i.plugin for i in impls if i.plugin is not impl.plugin],
            )
            items: list[Any] = []
            try:
                with isolated(origin, hook_name, hook_name):
                    returned = caller(register=items.append, **hook_args)
            except PosyanduError as exc:
                if origin.builtin:
                    raise
                text_id, text_en = texts_of(exc)
                self.problem(
                    origin,
                    "failed",
                    f"{text_en} (its {kind.field} are left out)",
                    f"{text_id} ({_NOUNS_ID[kind.field]} darinya tidak dipakai)",
                )
                continue
            if any(r is not None for r in returned):
                self.problem(
                    origin,
                    "skipped",
                    f"{hook_name} returned a value, which is ignored: "
                    "call register(item) once per item",
                    f"{hook_name} mengembalikan nilai, yang diabaikan: "
                    "panggil register(item) sekali per item",
                )
            offered.append((origin, items))
        self._settle(kind, offered)

    def _settle(
        self, kind: _Kind, offered: list[tuple[PluginOrigin, list[Any]]]
    ) -> None:
        """Keep one item per id: built-ins first, then the first in call order."""
        owners: dict[str, PluginOrigin] = {}
        for builtin_pass in (True, False):
            for origin, items in offered:
                if origin.builtin is not builtin_pass:
                    continue
                for item in items:
                    wrong = _wrong(item, kind)
                    if wrong:
                        if origin.builtin:
                            raise TypeError(wrong[0])
                        self.problem(origin, "skipped", *wrong)
                        continue
                    key = kind.key(item)
                    if key in owners:
                        self._duplicate(kind, item, owners[key], origin)
                        continue
                    owners[key] = origin
        collected: dict[str, Any] = {}
        for origin, items in offered:
            for item in items:
                if _wrong(item, kind) is not None:
                    continue
                item_key = kind.key(item)
                if owners.get(item_key) is origin and item_key not in collected:
                    collected[item_key] = _protect(item, kind, origin)
                    self.per_plugin.setdefault(origin.name, {}).setdefault(
                        kind.field, []
                    ).append(item_key)
        self.items[kind.field] = collected

    def _duplicate(
        self, kind: _Kind, item: Any, first: PluginOrigin, later: PluginOrigin
    ) -> None:
        what, what_id = kind.describe(item), kind.describe(item, "id")
        if first.builtin and later.builtin:
            msg = f"{what} is registered by both {first.name!r} and {later.name!r}"
            raise DuplicateRegistrationError(
                msg,
                message_id=f"{what_id} didaftarkan oleh {first.name!r} dan juga "
                f"{later.name!r}",
                fix="this is a bug in posyandu_core",
                fix_id="ini kesalahan di posyandu_core; laporkan",
            )
        self.problem(
            later,
            "skipped",
            f"{what} is already registered by {first.describe()}; the later one is "
            "left out",
            f"{what_id} sudah didaftarkan oleh {first.describe()}; yang belakangan tidak "
            "dipakai",
        )


@attrs.frozen(kw_only=True)
class Registry:
    """Everything contributed by the loaded plugins, keyed by id."""

    taxonomies: Mapping[str, Taxonomy]
    services: Mapping[str, Service]
    reports: Mapping[str, Report]
    rules: Mapping[str, Rule]
    references: Mapping[str, GrowthReference]
    devices: Mapping[str, DeviceDriver]
    exporters: Mapping[str, Exporter]
    columns: Mapping[str, RegisterColumn]
    readers: Mapping[str, Reader]
    commands: Mapping[str, Command]
    demo_sections: Mapping[str, DemoSection]
    plugins: tuple[PluginInfo, ...]
    problems: tuple[PluginProblem, ...] = ()
    owners: Mapping[tuple[str, str], PluginOrigin] = attrs.field(
        factory=dict, repr=False
    )

    @classmethod
    def from_plugin_manager(
        cls, pm: pluggy.PluginManager, *, hook_args: Mapping[str, Any] | None = None
    ) -> Registry:
        """Call every ``register_*`` hook of ``pm`` and collect the results.

        ``hook_args`` are passed to every hook besides ``register`` (a
        plugin receives only the arguments its implementation names).
        """
        if not isinstance(pm, PluginManager):
            manager = PluginManager(hookspecs.PROJECT)
            manager.add_hookspecs(hookspecs)
            for name, plugin in pm.list_name_plugin():
                if plugin is not None:
                    manager.register(plugin, name=name)
            pm = manager
        collection = _Collection(pm)
        for hook_name, kind in _KINDS.items():
            collection.collect(hook_name, kind, hook_args or {})
        problems = (*pm.problems, *collection.problems)
        owners = {
            (kind, key): pm.origin(name)
            for name, kinds in collection.per_plugin.items()
            for kind, keys in kinds.items()
            for key in keys
        }
        return cls(
            plugins=_plugin_infos(pm, collection.per_plugin, problems),
            problems=problems,
            owners=MappingProxyType(owners),
            **{k: MappingProxyType(v) for k, v in collection.items.items()},
        )

    def rules_for(self, target: str) -> tuple[Rule, ...]:
        """Return the rules that check ``target`` (``"row"``, ``"register"`` …)."""
        return tuple(r for r in self.rules.values() if r.target == target)

    def origin(self, kind: str, key: str) -> PluginOrigin:
        """Return the plugin that contributed ``key`` of ``kind`` (e.g. ``"reports"``)."""
        return self.owners.get((kind, key)) or PluginOrigin(name="?")


def _plugin_infos(
    pm: PluginManager,
    per_plugin: Mapping[str, Mapping[str, list[str]]],
    problems: tuple[PluginProblem, ...],
) -> tuple[PluginInfo, ...]:
    """One entry per loaded plugin, and one per plugin that is not loaded."""

    def key(origin: PluginOrigin) -> tuple[str, str | None]:
        return origin.name, origin.distribution

    loaded = {
        key(pm.origin(name)): name
        for name, plugin in pm.list_name_plugin()
        if plugin is not None
    }
    origins = {key(pm.origin(n)): pm.origin(n) for n in loaded.values()}
    for problem in problems:
        origins.setdefault(key(problem.origin), problem.origin)
    infos = []
    for k in sorted(origins, key=lambda k: (k[0], k[1] or "")):
        origin = origins[k]
        mine = [p for p in problems if key(p.origin) == k]
        infos.append(
            PluginInfo(
                name=origin.name,
                module=origin.module,
                distribution=origin.distribution,
                version=origin.version,
                builtin=origin.builtin,
                state="loaded" if k in loaded else mine[0].state,
                problems=tuple(f"{p.state}: {p.reason}" for p in mine),
                contributions=MappingProxyType(
                    {
                        kind: tuple(ids)
                        for kind, ids in per_plugin.get(origin.name, {}).items()
                    }
                    if k in loaded
                    else {}
                ),
            )
        )
    return tuple(infos)


#: Registries put in place by ``posyandu_core.testing.installed`` (innermost last).
_ACTIVE: list[Registry] = []


def get_registry() -> Registry:
    """Return the registry of the process-wide plugin manager (built once)."""
    return _ACTIVE[-1] if _ACTIVE else _installed()


@functools.cache
def _installed() -> Registry:
    return Registry.from_plugin_manager(get_plugin_manager())
