"""Optional libraries of the ``analysis`` extra, imported lazily."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from posyandu_core.errors import PosyanduError


class MissingExtraError(PosyanduError, ImportError):
    """An optional library of an extra is not installed."""


def require(module: str, extra: str = "analysis") -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtraError` naming the extra."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        msg = f"the optional library {module!r} is not installed"
        install = f"pip install 'posyandu-core[{extra}]'"
        raise MissingExtraError(
            msg,
            message_id=f"pustaka {module!r} belum terpasang",
            fix=install,
            fix_id=f"pasang: {install}",
        ) from exc


def require_pandas() -> Any:
    """Return the pandas module (``analysis`` extra)."""
    return require("pandas")
