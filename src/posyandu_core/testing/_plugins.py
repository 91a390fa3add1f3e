"""The ``registered`` context manager for plugin tests."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pluggy

from posyandu_core import registry as _registry
from posyandu_core._loader import make_plugin_manager
from posyandu_core.registry import Registry


@contextlib.contextmanager
def installed(*plugins: object) -> Iterator[Registry]:
    """Make ``plugins`` installed for the whole process inside a ``with`` block.

    The command line (``posyandu_core.cli.main``) and ``posyandu_core.api``
    then see them beside the built-ins, exactly as if they were
    pip-installed; third-party autoload is off inside the block.

    Examples
    --------
    >>> from posyandu_core.hookspecs import Service, hookimpl
    >>> from posyandu_core.registry import get_registry
    >>> class Lansia:
    ...     @hookimpl
    ...     def register_services(self, register):
    ...         register(Service(id="lansia.skrining", bidang="kesehatan",
    ...                          name_id="Skrining lansia", name_en="Elderly screening"))
    >>> with installed(Lansia()):
    ...     "lansia.skrining" in get_registry().services
    True
    >>> "lansia.skrining" in get_registry().services
    False
    """
    registry = Registry.from_plugin_manager(
        make_plugin_manager(autoload=False, extra=plugins)
    )
    _registry._ACTIVE.append(registry)
    try:
        yield registry
    finally:
        _registry._ACTIVE.remove(registry)


@contextlib.contextmanager
def registered(
    *plugins: object, pm: pluggy.PluginManager | None = None
) -> Iterator[pluggy.PluginManager]:
    """Register ``plugins`` for the duration of a ``with`` block.

    Parameters
    ----------
    *plugins : object
        Modules or objects with ``@hookimpl`` functions.
    pm : pluggy.PluginManager or None
        Manager to register into; by default a fresh one with the built-ins
        and no third-party autoload, so the test sees only what it asked for.

    Yields
    ------
    pluggy.PluginManager
        Pass it to ``Registry.from_plugin_manager`` to see what was registered.

    Examples
    --------
    >>> from posyandu_core.hookspecs import hookimpl
    >>> from posyandu_core.registry import Registry
    >>> class Echo:
    ...     @hookimpl
    ...     def register_services(self, register):
    ...         pass
    >>> with registered(Echo()) as pm:
    ...     "bidang" in {p.name for p in Registry.from_plugin_manager(pm).plugins}
    True
    """
    manager = make_plugin_manager(autoload=False) if pm is None else pm
    names = []
    try:
        for plugin in plugins:
            names.append(manager.register(plugin))
        manager.check_pending()
        yield manager
    finally:
        for name in names:
            if name is not None and manager.get_plugin(name) is not None:
                manager.unregister(name=name)
