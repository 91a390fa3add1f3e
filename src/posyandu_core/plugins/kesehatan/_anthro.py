"""The one place this plugin talks to the growth engine (z-scores, categories).

No z-score or category is computed here: everything comes from
:mod:`posyandu_core.growth` in one vectorised call per batch.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

import attrs

from posyandu_core.model import MeasureMethod, Sex


@attrs.frozen(kw_only=True)
class AnthroInput:
    """One weighing to assess."""

    sex: Sex
    age_days: int
    weight_kg: float | None
    length_cm: float | None = None
    measure: MeasureMethod | None = None
    oedema: bool | None = None
    head_cm: float | None = None
    muac_cm: float | None = None


@attrs.frozen(kw_only=True)
class IncrementInput:
    """One weight increment between two weighings."""

    sex: Sex
    start_age_days: int
    end_age_days: int
    increment_g: float


@attrs.frozen(kw_only=True)
class Anthro:
    """Z-scores (WHO names) and Permenkes 2/2020 categories of one weighing.

    ``None`` where the growth engine could not compute a value (no length,
    out of range, flagged implausible).
    """

    waz: float | None = None
    haz: float | None = None
    whz: float | None = None
    hcz: float | None = None
    bbu: str | None = None  # BB/U category code
    tbu: str | None = None  # PB/U-TB/U category code
    bbtb: str | None = None  # BB/PB-BB/TB category code
    lk: str | None = None  # head-circumference category code

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        return attrs.asdict(self)


def _growth() -> Any | None:
    try:
        module = importlib.import_module("posyandu_core.growth")
    except ImportError:
        return None
    return module if hasattr(module, "anthro_zscores") else None


def assess(inputs: Sequence[AnthroInput]) -> list[Anthro]:
    """Return z-scores and categories for each input, in order."""
    growth = _growth()
    if growth is None or not inputs:
        # The growth engine lands on main separately; until then every
        # z-score is unknown (None) rather than guessed.
        return [Anthro() for _ in inputs]
    raise NotImplementedError  # pragma: no cover - wired when the engine lands


def weight_increment_percentiles(
    inputs: Sequence[IncrementInput],
) -> list[float | None]:
    """Return the WHO weight-increment percentile of each increment (or None)."""
    growth = _growth()
    if growth is None or not inputs:
        return [None for _ in inputs]
    raise NotImplementedError  # pragma: no cover - wired when the engine lands
