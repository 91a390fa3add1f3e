"""``posyandu_core.cli.main`` stays the function, whatever gets imported.

A module named like the function (``cli/main.py``) replaced the package
attribute ``main`` once imported (the doctest run imports every module, in
whatever order xdist gives), and ``from posyandu_core.cli import main`` then
returned a module. No module of the package may shadow a name it exports.
"""

from __future__ import annotations

import importlib
import pkgutil
import types

import posyandu_core
import posyandu_core.cli


def _every_module() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(
            posyandu_core.__path__, prefix="posyandu_core."
        )
        if "_simulators" not in info.name  # optional hardware extras
    ]


def test_importing_every_module_keeps_cli_main_the_function() -> None:
    for name in _every_module():
        try:
            importlib.import_module(name)
        except ImportError:  # an optional extra that is not installed
            continue
    assert isinstance(posyandu_core.cli.main, types.FunctionType)
    from posyandu_core.cli import main

    assert callable(main)
    assert main.__module__ == "posyandu_core.cli._app"


def test_no_module_of_cli_shadows_what_it_exports() -> None:
    modules = {info.name for info in pkgutil.iter_modules(posyandu_core.cli.__path__)}
    assert not modules & set(posyandu_core.cli.__all__)
