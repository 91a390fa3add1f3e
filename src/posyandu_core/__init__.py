"""posyandu_core: the open core of digital Posyandu tools.

The six-bidang domain model, validation rules, the WHO growth standards exactly
as WHO's own R packages compute them, and a pluggy plugin architecture through
which bidang services, device drivers and export formats plug in.
"""

from __future__ import annotations

from typing import Any

from posyandu_core.errors import PosyanduError, PosyanduWarning

__all__ = ["PosyanduError", "PosyanduWarning", "__version__"]


def __getattr__(name: str) -> Any:
    # The version is read from the installed metadata only when asked for.
    if name == "__version__":
        from importlib.metadata import version

        return version("posyandu-core")
    msg = f"module 'posyandu_core' has no attribute {name!r}"
    raise AttributeError(msg)
