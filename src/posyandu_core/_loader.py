"""Plugin loading: built-ins and third parties through one entry-point group.

Built-in plugins are ordinary modules in this package, declared in
``[project.entry-points.posyandu_core]`` of posyandu-core's own metadata and
loaded exactly like third-party ones. A built-in that fails to load is a bug
and raises. A third-party plugin that fails — an exception or ``sys.exit``
at import, a hook pluggy refuses — is a :class:`PluginLoadWarning` naming
the plugin, its distribution and version, and the rest keeps working.

Environment variables:

``POSYANDU_CORE_DISABLE_PLUGIN_AUTOLOAD=1``
    load no third-party plugin (or pass ``autoload=False``);
``POSYANDU_CORE_BLOCK_PLUGINS=a,b``
    do not load the plugins named ``a`` and ``b`` (entry-point names);
``POSYANDU_CORE_SLOW_PLUGIN_SECONDS``
    warn about a plugin whose import takes longer (default 2).
"""

from __future__ import annotations

import functools
import os
import time
import warnings
from collections.abc import Callable, Iterable
from importlib.metadata import EntryPoint, entry_points

import attrs
import pluggy

from posyandu_core import hookspecs
from posyandu_core.errors import PluginError, PluginLoadWarning, PosyanduWarning

__all__ = [
    "BLOCK_ENV",
    "DISABLE_AUTOLOAD_ENV",
    "SLOW_ENV",
    "PluginManager",
    "PluginOrigin",
    "PluginProblem",
    "get_plugin_manager",
    "make_plugin_manager",
]

DISTRIBUTION = "posyandu-core"
DISABLE_AUTOLOAD_ENV = "POSYANDU_CORE_DISABLE_PLUGIN_AUTOLOAD"
BLOCK_ENV = "POSYANDU_CORE_BLOCK_PLUGINS"
SLOW_ENV = "POSYANDU_CORE_SLOW_PLUGIN_SECONDS"


@attrs.frozen(kw_only=True)
class PluginOrigin:
    """Where a plugin comes from: its name, module, distribution and version."""

    name: str
    module: str = ""
    distribution: str | None = None
    version: str | None = None
    builtin: bool = False

    def describe(self) -> str:
        """Return ``plugin 'x' (dist 1.0)``: how every message names a plugin.

        Examples
        --------
        >>> PluginOrigin(name="kia", distribution="posyandu-core-kia",
        ...              version="0.1.0").describe()
        "plugin 'kia' (posyandu-core-kia 0.1.0)"
        """
        dist = " ".join(p for p in (self.distribution, self.version) if p)
        return f"plugin {self.label!r}" + (f" ({dist})" if dist else "")

    @property
    def label(self) -> str:
        """The plugin's name as messages show it.

        pluggy names a plugin registered without a name by its ``id()``:
        its module says more.
        """
        return self.module if self.name.isdigit() and self.module else self.name


@attrs.frozen(kw_only=True)
class PluginProblem:
    """A plugin, or one of its contributions, that is not used, and why.

    ``state`` is ``"failed"`` (it raised), ``"blocked"`` (by the user),
    ``"skipped"`` (a name or id collision, a wrong type) or ``"slow"``.
    """

    origin: PluginOrigin
    state: str
    reason: str
    reason_id: str | None = None

    def describe(self, lang: str = "en") -> str:
        """Return the one line shown in warnings and ``posyandu plugins``."""
        if lang == "id":
            state = _STATES_ID.get(self.state, self.state)
            return f"{self.origin.describe()} {state}: {self.reason_id or self.reason}"
        return f"{self.origin.describe()} {self.state}: {self.reason}"

    def warning(self, category: type[PosyanduWarning]) -> PosyanduWarning:
        """Return the warning that shows this problem, in both languages."""
        return category(self.describe("en"), message_id=self.describe("id"))


_STATES_ID = {
    "failed": "gagal",
    "blocked": "diblokir",
    "skipped": "dilewati",
    "slow": "lambat",
}


class PluginManager(pluggy.PluginManager):
    """pluggy's manager that also remembers each plugin's origin and problems."""

    def __init__(self, project_name: str) -> None:
        super().__init__(project_name)
        self.origins: dict[str, PluginOrigin] = {}
        self.problems: list[PluginProblem] = []

    def origin(self, name: str) -> PluginOrigin:
        """Return the origin of the plugin registered as ``name``."""
        if name in self.origins:
            return self.origins[name]
        plugin = self.get_plugin(name)
        module = getattr(plugin, "__name__", None) or (
            f"{type(plugin).__module__}.{type(plugin).__qualname__}"
        )
        return PluginOrigin(name=name, module=module)

    def report(self, problem: PluginProblem, *, stacklevel: int = 2) -> None:
        """Record a problem and show it as one warning line."""
        self.problems.append(problem)
        warnings.warn(problem.warning(PluginLoadWarning), stacklevel=stacklevel + 1)


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _is_builtin(ep: EntryPoint) -> bool:
    return ep.dist is not None and _canonical(ep.dist.name) == DISTRIBUTION


def _origin(ep: EntryPoint) -> PluginOrigin:
    return PluginOrigin(
        name=ep.name,
        module=ep.value.split(":")[0],
        distribution=ep.dist.name if ep.dist else None,
        version=ep.dist.version if ep.dist else None,
        builtin=_is_builtin(ep),
    )


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes")


def _blocked_names() -> set[str]:
    return {n.strip() for n in os.environ.get(BLOCK_ENV, "").split(",") if n.strip()}


def _slow_seconds() -> float:
    try:
        return float(os.environ.get(SLOW_ENV, "2"))
    except ValueError:
        return 2.0


def make_plugin_manager(
    *, autoload: bool | None = None, extra: Iterable[object] = ()
) -> PluginManager:
    """Return a new plugin manager with the built-ins and, optionally, third parties.

    Parameters
    ----------
    autoload : bool or None
        Load third-party entry points; ``None`` reads
        ``POSYANDU_CORE_DISABLE_PLUGIN_AUTOLOAD``.
    extra : iterable of objects
        Plugins to register in addition (tests, embedding apps); they are
        treated as third parties.
    """
    load_third_party = (
        not _env_flag(DISABLE_AUTOLOAD_ENV) if autoload is None else autoload
    )
    pm = PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    group = entry_points(group=hookspecs.PROJECT)
    if not any(_is_builtin(ep) for ep in group):
        msg = "posyandu-core's built-in plugins are not declared in installed metadata"
        raise PluginError(
            msg,
            message_id="plugin bawaan posyandu-core tidak tercatat di metadata "
            "paket yang terpasang",
            fix="install the package (pip install -e .), do not run from a bare checkout",
            fix_id="pasang paketnya (pip install -e .), jangan jalankan dari "
            "salinan sumber saja",
        )
    blocked = _blocked_names()
    for ep in sorted(group, key=lambda e: (not _is_builtin(e), e.name)):
        origin = _origin(ep)
        if ep.name in blocked:
            pm.set_blocked(ep.name)
            pm.report(
                PluginProblem(
                    origin=origin,
                    state="blocked",
                    reason=f"named in {BLOCK_ENV}",
                    reason_id=f"disebut di {BLOCK_ENV}",
                )
            )
        elif origin.builtin:
            pm.origins[ep.name] = origin
            pm.register(ep.load(), name=ep.name)
        elif not load_third_party:
            continue
        elif pm.has_plugin(ep.name) or ep.name in pm.origins:
            holder = pm.origin(ep.name)
            pm.report(
                PluginProblem(
                    origin=origin,
                    state="skipped",
                    reason=f"its entry-point name is taken by {holder.describe()}; rename it",
                    reason_id=f"nama entry point-nya sudah dipakai {holder.describe()}; "
                    "ganti namanya",
                )
            )
        else:
            _load_third_party(pm, ep, origin)
    for plugin in extra:
        _register_guarded(pm, _given(plugin), PluginOrigin(name=""))
    pm.check_pending()
    return pm


def _given(plugin: object) -> Callable[[], object]:
    return lambda: plugin


def _load_third_party(pm: PluginManager, ep: EntryPoint, origin: PluginOrigin) -> None:
    start = time.perf_counter()
    _register_guarded(pm, ep.load, origin)
    seconds = time.perf_counter() - start
    if seconds > _slow_seconds():
        pm.report(
            PluginProblem(
                origin=origin,
                state="slow",
                reason=f"took {seconds:.1f} s to load (every command waits for it); "
                f"block it with {BLOCK_ENV}={ep.name}",
                reason_id=f"butuh {seconds:.1f} detik untuk dimuat (setiap perintah "
                f"menunggunya); blokir dengan {BLOCK_ENV}={ep.name}",
            )
        )


def _register_guarded(
    pm: PluginManager, load: Callable[[], object], origin: PluginOrigin
) -> None:
    """Load and register one third-party plugin; a failure is one warning."""
    name = origin.name or None
    try:
        plugin = load()
        name = pm.register(plugin, name=name)
        if name is not None:
            module = getattr(plugin, "__name__", type(plugin).__module__)
            origin = attrs.evolve(origin, name=name, module=origin.module or module)
            pm.origins[name] = origin
        pm.check_pending()
    # A third party must never take the host down, not even with sys.exit()
    # at import: this is the one place a broad except is right.
    except (Exception, SystemExit) as exc:
        if name is not None and pm.get_plugin(name) is not None:
            pm.unregister(name=name)
        pm.origins.pop(name or "", None)
        pm.report(
            PluginProblem(
                origin=origin,
                state="failed",
                reason=f"could not be loaded: {type(exc).__name__}: {exc}",
                reason_id=f"tidak dapat dimuat: {type(exc).__name__}: {exc}",
            ),
            stacklevel=3,
        )


@functools.cache
def get_plugin_manager() -> PluginManager:
    """Return the process-wide plugin manager (built on first use)."""
    return make_plugin_manager()
