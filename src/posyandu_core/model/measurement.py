"""Measurements: the raw value as measured, and how; derived values beside it."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import attrs

from posyandu_core.errors import InvalidMeasurementError
from posyandu_core.model._convert import to_frozen_mapping, to_optional_method
from posyandu_core.model._enums import MeasurementKind, MeasureMethod


@attrs.frozen(kw_only=True)
class Measurement:
    """One observation of one person, kept exactly as measured.

    The raw ``value`` is never overwritten: corrections (the ±0.7 cm
    length/height rule), z-scores and categories go into ``derived``
    through :meth:`with_derived`.

    Parameters
    ----------
    kind : MeasurementKind
        What was measured; fixes the unit (``kind.unit``).
    value : float
        The value as measured, in ``kind.unit``; finite and > 0.
    measured_at : datetime.datetime
        When it was measured.
    method : MeasureMethod or None
        Lying or standing; required for ``LENGTH_HEIGHT``, absent otherwise.
    person_id, device_id, device_model, kader : str or None
        Who was measured, with which device, by whom.
    raw : str or None
        The device's own text or bytes (hex), for audit.
    derived : mapping
        Values computed from this one, e.g. ``{"zwei": -1.23}``.
    """

    kind: MeasurementKind = attrs.field(converter=MeasurementKind)
    value: float = attrs.field(converter=float)
    measured_at: dt.datetime = attrs.field(
        validator=attrs.validators.instance_of(dt.datetime)
    )
    method: MeasureMethod | None = attrs.field(
        default=None, converter=to_optional_method
    )
    person_id: str | None = None
    device_id: str | None = None
    device_model: str | None = None
    kader: str | None = None
    raw: str | None = None
    derived: Mapping[str, Any] = attrs.field(
        factory=dict, converter=to_frozen_mapping, eq=False
    )

    @value.validator
    def _physical(self, _: attrs.Attribute[float], value: float) -> None:
        if not math.isfinite(value) or value <= 0:
            msg = f"{self.kind} must be a finite positive number"
            raise InvalidMeasurementError(
                msg,
                message_id=f"{self.kind} harus angka positif yang terhingga",
                field="value",
                value=value,
                fix=f"record the value in {self.kind.unit}",
                fix_id=f"catat nilainya dalam {self.kind.unit}",
            )

    @method.validator
    def _method_for_length(
        self, _: attrs.Attribute[Any], method: MeasureMethod | None
    ) -> None:
        if (self.kind is MeasurementKind.LENGTH_HEIGHT) != (method is not None):
            msg = "method (terlentang/berdiri) is required for length/height only"
            raise InvalidMeasurementError(
                msg,
                message_id="cara ukur (terlentang/berdiri) wajib untuk panjang/tinggi "
                "badan saja",
                field="method",
                value=method,
            )

    @property
    def unit(self) -> str:
        """The unit of ``value`` (UCUM code)."""
        return self.kind.unit

    def with_derived(self, **values: Any) -> Measurement:
        """Return a copy with ``values`` added to ``derived`` (raw value kept)."""
        return attrs.evolve(self, derived={**self.derived, **values})
