"""Plugin loading: built-ins and third parties through one entry-point group.

Built-in plugins are ordinary modules in this package, declared in
``[project.entry-points.posyandu_core]`` of posyandu-core's own metadata and
loaded exactly like third-party ones. A built-in that fails to load is a bug
and raises; a third-party one that fails is a :class:`PluginLoadWarning` and
the rest keeps working. ``POSYANDU_CORE_DISABLE_PLUGIN_AUTOLOAD=1`` (or
``autoload=False``) turns third-party loading off.
"""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Iterable
from importlib.metadata import EntryPoint, entry_points

import pluggy

from posyandu_core import hookspecs
from posyandu_core.errors import PluginError, PluginLoadWarning

__all__ = ["DISABLE_AUTOLOAD_ENV", "get_plugin_manager", "make_plugin_manager"]

DISTRIBUTION = "posyandu-core"
DISABLE_AUTOLOAD_ENV = "POSYANDU_CORE_DISABLE_PLUGIN_AUTOLOAD"


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _is_builtin(ep: EntryPoint) -> bool:
    return ep.dist is not None and _canonical(ep.dist.name) == DISTRIBUTION


def _autoload_default() -> bool:
    return os.environ.get(DISABLE_AUTOLOAD_ENV, "").strip().lower() not in (
        "1",
        "true",
        "yes",
    )


def make_plugin_manager(
    *, autoload: bool | None = None, extra: Iterable[object] = ()
) -> pluggy.PluginManager:
    """Return a new plugin manager with the built-ins and, optionally, third parties.

    Parameters
    ----------
    autoload : bool or None
        Load third-party entry points; ``None`` reads
        ``POSYANDU_CORE_DISABLE_PLUGIN_AUTOLOAD``.
    extra : iterable of objects
        Plugins to register in addition (tests, embedding apps).
    """
    load_third_party = _autoload_default() if autoload is None else autoload
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    group = entry_points(group=hookspecs.PROJECT)
    if not any(_is_builtin(ep) for ep in group):
        msg = "posyandu-core's built-in plugins are not declared in installed metadata"
        raise PluginError(
            msg,
            fix="install the package (pip install -e .), do not run from a bare checkout",
        )
    for ep in sorted(group, key=lambda e: (not _is_builtin(e), e.name)):
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        if _is_builtin(ep):
            pm.register(ep.load(), name=ep.name)
        elif load_third_party:
            _load_third_party(pm, ep)
    for plugin in extra:
        pm.register(plugin)
    pm.check_pending()
    return pm


def _load_third_party(pm: pluggy.PluginManager, ep: EntryPoint) -> None:
    dist = ep.dist.name if ep.dist else "?"
    try:
        plugin = ep.load()
        pm.register(plugin, name=ep.name)
        pm.check_pending()
    # A third party must never take the host down: this is the one place a
    # bare except is right.
    except Exception as exc:
        if pm.get_plugin(ep.name) is not None:
            pm.unregister(name=ep.name)
        warnings.warn(
            f"plugin {ep.name!r} from {dist} failed to load and is skipped: "
            f"{type(exc).__name__}: {exc}",
            PluginLoadWarning,
            stacklevel=3,
        )


@functools.cache
def get_plugin_manager() -> pluggy.PluginManager:
    """Return the process-wide plugin manager (built on first use)."""
    return make_plugin_manager()
