"""What services conclude: findings, referrals and non-health cases."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np

from posyandu_core._data import load_rule_table
from posyandu_core.model._convert import to_frozen_mapping
from posyandu_core.model._enums import ReferralTarget
from posyandu_core.model._issue import Severity
from posyandu_core.model.bidang import Bidang


@attrs.frozen(kw_only=True)
class Finding:
    """A conclusion a service drew about one person on one date.

    Parameters
    ----------
    code : str
        Stable code, e.g. ``"gizi.stunting"`` or a Kemkes clinical term.
    label_id, label_en : str
        Indonesian and English label.
    severity : Severity
        How urgent it is.
    rule : str
        Id of the rule (and its data version) that produced it.
    person_id : str
        Whom it is about.
    date : datetime.date
        The date of the observation it was drawn from.
    referral : ReferralTarget or None
        Where to refer, if the rule says so.
    reevaluate_on : datetime.date or None
        When to look again (e.g. 2 weeks after PMT started).
    details : mapping
        Supporting values (z-score, gain in grams …).
    """

    code: str
    label_id: str
    label_en: str
    severity: Severity = attrs.field(converter=Severity)
    rule: str
    person_id: str
    date: dt.date
    referral: ReferralTarget | None = attrs.field(
        default=None, converter=attrs.converters.optional(ReferralTarget)
    )
    reevaluate_on: dt.date | None = None
    details: Mapping[str, Any] = attrs.field(
        factory=dict, converter=to_frozen_mapping, eq=False
    )


class ReferralStatus(enum.StrEnum):
    """Where a referral stands."""

    DIRUJUK = "dirujuk"  # referred
    DITERIMA = "diterima"  # received by the target
    SELESAI = "selesai"  # closed


@attrs.frozen(kw_only=True)
class Referral:
    """A referral (rujukan) of one person to a higher level of care or an OPD."""

    person_id: str
    date: dt.date
    target: ReferralTarget = attrs.field(converter=ReferralTarget)
    reason_code: str
    status: ReferralStatus = attrs.field(
        default=ReferralStatus.DIRUJUK, converter=ReferralStatus
    )

    @classmethod
    def from_finding(cls, finding: Finding) -> Referral:
        """Create the referral a finding asks for."""
        if finding.referral is None:
            msg = f"finding {finding.code!r} does not ask for a referral"
            raise ValueError(msg)
        return cls(
            person_id=finding.person_id,
            date=finding.date,
            target=finding.referral,
            reason_code=finding.code,
        )


class CaseStatus(enum.StrEnum):
    """Steps of a non-health request (DOMAIN.md §1.4)."""

    DICATAT = "dicatat"  # recorded by the kader, documents collected
    DIVERIFIKASI = "diverifikasi"  # verified with Pemdes, field visit
    DIAJUKAN_PEMDES = "diajukan_pemdes"  # submitted to the village government
    DITERUSKAN_OPD = "diteruskan_opd"  # forwarded to the OPD / kecamatan
    SELESAI = "selesai"  # followed up by the OPD
    DITOLAK = "ditolak"  # rejected (e.g. anonymous report)


_NEXT: Mapping[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.DICATAT: frozenset({CaseStatus.DIVERIFIKASI, CaseStatus.DITOLAK}),
    CaseStatus.DIVERIFIKASI: frozenset(
        {CaseStatus.DIAJUKAN_PEMDES, CaseStatus.DITOLAK}
    ),
    CaseStatus.DIAJUKAN_PEMDES: frozenset(
        {CaseStatus.DITERUSKAN_OPD, CaseStatus.DITOLAK}
    ),
    CaseStatus.DITERUSKAN_OPD: frozenset({CaseStatus.SELESAI, CaseStatus.DITOLAK}),
    CaseStatus.SELESAI: frozenset(),
    CaseStatus.DITOLAK: frozenset(),
}


@attrs.frozen(kw_only=True)
class CaseEvent:
    """One step in a case's history."""

    status: CaseStatus
    date: dt.date
    note: str = ""


def add_working_days(
    start: dt.date, days: int, holidays: frozenset[dt.date] = frozenset()
) -> dt.date:
    """Return the date ``days`` working days (Mon–Fri, not holidays) after ``start``.

    Examples
    --------
    >>> add_working_days(dt.date(2026, 3, 6), 5)  # a Friday
    datetime.date(2026, 3, 13)
    """
    busdays = np.busday_offset(
        np.datetime64(start, "D"), days, roll="forward",
        holidays=[np.datetime64(h, "D") for h in sorted(holidays)],
    )  # fmt: skip
    return dt.date.fromisoformat(str(busdays))


@attrs.frozen(kw_only=True)
class Case:
    """A request to a non-health bidang moving through its workflow.

    The service-level target (5 working days, a data value) runs from the
    date the case was recorded.
    """

    id: str
    bidang: Bidang = attrs.field(converter=Bidang)
    category: str
    requester_id: str | None
    submitted_on: dt.date
    documents: tuple[str, ...] = ()
    history: tuple[CaseEvent, ...] = ()

    @property
    def status(self) -> CaseStatus:
        """The current status (the last event's, or DICATAT)."""
        return self.history[-1].status if self.history else CaseStatus.DICATAT

    def sla_due(self, holidays: frozenset[dt.date] = frozenset()) -> dt.date:
        """Return the date by which the Posyandu side should be done."""
        days = int(load_rule_table("posyandu")["case_sla"]["working_days"])
        return add_working_days(self.submitted_on, days, holidays)

    def advance(self, status: CaseStatus | str, on: dt.date, note: str = "") -> Case:
        """Return the case moved to ``status``; invalid steps raise ValueError."""
        target = CaseStatus(status)
        if target not in _NEXT[self.status]:
            allowed = ", ".join(sorted(_NEXT[self.status])) or "none (closed)"
            msg = f"case {self.id}: cannot go from {self.status} to {target}; allowed: {allowed}"
            raise ValueError(msg)
        return attrs.evolve(
            self, history=(*self.history, CaseEvent(status=target, date=on, note=note))
        )
