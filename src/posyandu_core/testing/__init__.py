"""Helpers for testing plugins and apps built on posyandu_core.

``registered(...)`` runs a block with a fresh plugin manager holding the
built-ins plus your plugins; ``installed(...)`` makes plugins installed for
the whole process (the ``posyandu`` command and ``posyandu_core.api`` see
them); :mod:`posyandu_core.testing.strategies` has
Hypothesis strategies for the model (install ``posyandu-core[testing]``).
"""

from __future__ import annotations

from posyandu_core.testing._plugins import installed, registered

__all__ = ["installed", "registered"]
