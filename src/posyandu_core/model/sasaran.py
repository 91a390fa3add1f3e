"""Life stages (sasaran) derived from birth date, sex and status on a date."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from posyandu_core._data import load_rule_table
from posyandu_core.model._age import age_days, completed_months, completed_years
from posyandu_core.model._enums import Sex


class Status(enum.StrEnum):
    """Maternal status that makes a woman a sasaran of her own."""

    HAMIL = "hamil"  # pregnant
    NIFAS = "nifas"  # postpartum, 6 hours to 42 days
    MENYUSUI = "menyusui"  # breastfeeding


@attrs.frozen(kw_only=True)
class LifeStage:
    """One target group (sasaran) with its boundaries, as data.

    Age bounds are ``min`` inclusive and ``max`` exclusive in ``unit``
    (days, completed months or completed years). A stage with a ``status``
    applies to anyone with that status, whatever the age.
    """

    code: str
    label_id: str
    label_en: str
    klaster: int
    unit: str | None = None
    min: int | None = None
    max: int | None = None
    sex: Sex | None = attrs.field(
        default=None, converter=attrs.converters.optional(Sex)
    )
    status: Status | None = attrs.field(
        default=None, converter=attrs.converters.optional(Status)
    )
    confidence: str = "V"

    def applies(
        self, *, birth_date: dt.date, sex: Sex, on: dt.date, status: frozenset[Status]
    ) -> bool:
        """Return whether a person belongs to this stage on date ``on``."""
        if self.sex is not None and sex is not self.sex:
            return False
        if self.status is not None:
            return self.status in status
        age = {
            "days": age_days,
            "months": completed_months,
            "years": completed_years,
        }[self.unit or "years"](birth_date, on)
        if age < 0:
            return False
        return (self.min is None or age >= self.min) and (
            self.max is None or age < self.max
        )


def load_life_stages(table: Mapping[str, Any] | None = None) -> tuple[LifeStage, ...]:
    """Return the life stages of ``table`` (default: the packaged KMK-ILP table)."""
    if table is None:
        return _packaged_life_stages()
    return tuple(LifeStage(**stage) for stage in table["stage"])


@functools.cache
def _packaged_life_stages() -> tuple[LifeStage, ...]:
    # Read once: every person's life stages are asked for (frozen objects).
    return tuple(LifeStage(**stage) for stage in load_rule_table("sasaran")["stage"])


def life_stages(
    *,
    birth_date: dt.date,
    sex: Sex,
    on: dt.date,
    status: Iterable[Status | str] = (),
    stages: Iterable[LifeStage] | None = None,
) -> tuple[LifeStage, ...]:
    """Return every target group a person belongs to on date ``on``.

    Groups overlap (a 3-week-old is BBL, BAYI and BADUTA at once).

    Examples
    --------
    >>> [s.code for s in life_stages(birth_date=dt.date(2025, 1, 1),
    ...     sex=Sex.FEMALE, on=dt.date(2025, 1, 20))]
    ['BBL', 'BAYI', 'BADUTA']
    """
    status_set = frozenset(Status(s) for s in status)
    pool = load_life_stages() if stages is None else stages
    return tuple(
        s
        for s in pool
        if s.applies(birth_date=birth_date, sex=sex, on=on, status=status_set)
    )
