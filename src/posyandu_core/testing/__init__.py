"""Helpers for testing plugins and apps built on posyandu_core.

``registered(...)`` runs a block with a fresh plugin manager holding the
built-ins plus your plugins; :mod:`posyandu_core.testing.strategies` has
Hypothesis strategies for the model (install ``posyandu-core[testing]``).
"""

from __future__ import annotations

from posyandu_core.testing._plugins import registered

__all__ = ["registered"]
