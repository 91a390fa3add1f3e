"""What every screening function returns: a status, a category, an action."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from posyandu_core.model._convert import to_frozen_mapping
from posyandu_core.model._enums import ReferralTarget


class ScreeningStatus(enum.StrEnum):
    """Whether a rule could classify its input.

    Only ``CLASSIFIED`` carries a category; every other status says why not,
    and never comes with a guess.
    """

    CLASSIFIED = "classified"  # terklasifikasi
    MISSING_INPUT = "missing_input"  # data belum lengkap
    INVALID = "invalid"  # nilai tidak sah (negative, not a number, out of scale)
    IMPLAUSIBLE = "implausible"  # nilai tidak masuk akal: flagged, not classified
    NOT_APPLICABLE = "not_applicable"  # rule does not apply to this age or stage


@attrs.frozen(kw_only=True)
class Action:
    """What the rule asks the kader or nakes to do (tindak lanjut).

    Attributes
    ----------
    code : str
        Stable id, e.g. ``"rujuk_puskesmas"``.
    label_id, label_en : str
        Indonesian and English wording.
    referral : ReferralTarget or None
        Where to refer, if the action is a referral.
    recheck_after_months : int or None
        When to measure again (e.g. 3 months for prediabetes).
    """

    code: str
    label_id: str
    label_en: str
    referral: ReferralTarget | None = attrs.field(
        default=None, converter=attrs.converters.optional(ReferralTarget)
    )
    recheck_after_months: int | None = None


@attrs.frozen(kw_only=True)
class ScreeningResult:
    """The outcome of one screening rule for one person.

    Attributes
    ----------
    rule : str
        Id of the rule, e.g. ``"maternal.kek"`` (see ``screening_rules()``).
    status : ScreeningStatus
        ``CLASSIFIED`` or why not.
    code : str or None
        Stable category code within the rule (``"kek"``), only when classified.
    label_id, label_en : str or None
        Indonesian and English label of the category.
    kemkes_code : str or None
        Kemkes clinical-term (or SATUSEHAT) code, where one exists.
    action : Action or None
        The follow-up the rule gives for this category.
    value : float or None
        The number that was classified (IMT, z-score, score …), if any.
    field : str or None
        For a status other than ``CLASSIFIED``: the input at fault.
    problem : str or None
        Why the input could not be classified, Indonesian then English.
    details : mapping
        Supporting values (per-domain results, ranges, counts …).
    source : str
        The regulation or guideline the rule comes from.
    confidence : str
        DOMAIN.md confidence tag: ``V``, ``S`` or ``U``.
    """

    rule: str
    status: ScreeningStatus = attrs.field(converter=ScreeningStatus)
    code: str | None = None
    label_id: str | None = None
    label_en: str | None = None
    kemkes_code: str | None = None
    action: Action | None = None
    value: float | None = None
    field: str | None = None
    problem: str | None = None
    details: Mapping[str, Any] = attrs.field(
        factory=dict, converter=to_frozen_mapping, eq=False
    )
    source: str = ""
    confidence: str = ""

    @property
    def classified(self) -> bool:
        """Whether the rule gave a category."""
        return self.status is ScreeningStatus.CLASSIFIED

    @property
    def referral(self) -> ReferralTarget | None:
        """Where to refer, if the action asks for it."""
        return None if self.action is None else self.action.referral
