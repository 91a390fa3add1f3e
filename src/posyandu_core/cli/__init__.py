"""The ``posyandu`` command line: one package, one input, one output layer.

Every command reads a register through one function (:mod:`._input`), exits
with a code from one table (:mod:`._exit`) and writes tables through one
output layer (:mod:`._output`: text, CSV, JSON, xlsx). Plugins add commands
through the ``register_commands`` hook.
"""

from __future__ import annotations

from posyandu_core.cli._app import main

__all__ = ["main"]
