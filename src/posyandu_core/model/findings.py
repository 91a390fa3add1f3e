"""What services conclude: findings and referrals (cases: :mod:`.case`)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs

from posyandu_core.errors import UsageError
from posyandu_core.model._convert import to_frozen_mapping
from posyandu_core.model._enums import ReferralTarget
from posyandu_core.model._issue import Severity, as_severity

# Cases moved to their own module; re-exported here where they used to live.
from posyandu_core.model.case import Case as Case
from posyandu_core.model.case import CaseEvent as CaseEvent
from posyandu_core.model.case import CaseStatus as CaseStatus
from posyandu_core.model.case import add_working_days as add_working_days


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
    severity: Severity = attrs.field(converter=as_severity)
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
            raise UsageError(
                msg,
                message_id=f"temuan {finding.code!r} tidak meminta rujukan",
                fix="refer only findings whose referral is set",
                fix_id="rujuk hanya temuan yang punya rujukan",
            )
        return cls(
            person_id=finding.person_id,
            date=finding.date,
            target=finding.referral,
            reason_code=finding.code,
        )
