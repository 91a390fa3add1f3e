"""The built-in plugins, and plugin loading (see :mod:`posyandu_core._loader`).

Each module here is a plugin declared in
``[project.entry-points.posyandu_core]`` and loaded exactly like a
third-party one. The loading API is re-exported here, where it always was.
"""

from __future__ import annotations

from posyandu_core._loader import (
    BLOCK_ENV,
    DISABLE_AUTOLOAD_ENV,
    DISTRIBUTION,
    SLOW_ENV,
    PluginManager,
    PluginOrigin,
    PluginProblem,
    get_plugin_manager,
    make_plugin_manager,
)

__all__ = [
    "BLOCK_ENV",
    "DISABLE_AUTOLOAD_ENV",
    "DISTRIBUTION",
    "SLOW_ENV",
    "PluginManager",
    "PluginOrigin",
    "PluginProblem",
    "get_plugin_manager",
    "make_plugin_manager",
]
