"""Visits: a contact with a sasaran on an open day, at home or in sweeping."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from posyandu_core.errors import UsageError
from posyandu_core.model._convert import to_langkah_set
from posyandu_core.model._enums import Langkah, VisitType
from posyandu_core.model.measurement import Measurement


def _measurements(values: Iterable[Measurement]) -> tuple[Measurement, ...]:
    # A named converter: mypy's attrs plugin cannot type the bare ``tuple``.
    return tuple(values)


@attrs.frozen(kw_only=True)
class Visit:
    """One contact of one person with the Posyandu.

    ``steps_done`` records which of the 5 langkah the person went through
    (pendaftaran, penimbangan/pengukuran, pencatatan, pelayanan, penyuluhan).
    """

    person_id: str
    date: dt.date
    type: VisitType = attrs.field(default=VisitType.HARI_BUKA, converter=VisitType)
    posyandu: str | None = None
    kader: str | None = None
    nakes: str | None = None
    steps_done: frozenset[Langkah] = attrs.field(
        default=frozenset(), converter=to_langkah_set
    )
    measurements: tuple[Measurement, ...] = attrs.field(
        default=(), converter=_measurements
    )

    @measurements.validator
    def _same_person(
        self, _: attrs.Attribute[tuple[Measurement, ...]], ms: tuple[Measurement, ...]
    ) -> None:
        for m in ms:
            if m.person_id not in (None, self.person_id):
                msg = f"measurement of {m.person_id!r} in a visit of {self.person_id!r}"
                raise UsageError(
                    msg,
                    message_id=(
                        f"pengukuran {m.person_id!r} dalam kunjungan {self.person_id!r}"
                    ),
                    fix="give a visit only its own person's measurements",
                    fix_id="isi kunjungan hanya dengan pengukuran orang itu",
                )

    @property
    def missing_steps(self) -> tuple[Langkah, ...]:
        """The langkah not (yet) done, in order."""
        return tuple(step for step in Langkah if step not in self.steps_done)
