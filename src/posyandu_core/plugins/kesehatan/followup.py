"""Follow-up rules (tindak lanjut) as Findings, from the rule data (DOMAIN.md §4.5)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

from posyandu_core._data import load_rule_table
from posyandu_core.model import Finding, ReferralTarget, Severity
from posyandu_core.plugins.kesehatan import categories as cat

if TYPE_CHECKING:
    from posyandu_core.plugins.kesehatan.growth_monitoring import MonthlyStatus

__all__ = ["finding", "findings_for"]

_TABLE = "pemantauan_pertumbuhan"


def _rules() -> dict[str, Any]:
    return load_rule_table(_TABLE)["followup"]["rules"]  # type: ignore[no-any-return]


def finding(code: str, status: MonthlyStatus, **details: Any) -> Finding:
    """Return the Finding of follow-up rule ``code`` for one month's status."""
    spec = _rules()[code]
    days = spec.get("reevaluate_days")
    valid_from = load_rule_table(_TABLE)["followup"]["valid_from"]
    referral = spec.get("referral")
    return Finding(
        code=code,
        label_id=spec["label_id"],
        label_en=spec["label_en"],
        # Enum members, not their texts: Finding's converters then pass
        # them through at once (a KMS of a million rows has ~10⁶ findings).
        severity=_severity(spec["severity"]),
        rule=_rule_id(valid_from),
        person_id=status.person_id,
        date=status.date,
        referral=None if referral is None else _referral(referral),
        reevaluate_on=_later(status.date, int(days)) if days else None,
        details=details,
    )


_severity = functools.cache(Severity)
_referral = functools.cache(ReferralTarget)


@functools.cache
def _rule_id(valid_from: object) -> str:
    # One string for every finding (a million findings, one text).
    return f"kesehatan.tindak_lanjut@{valid_from}"


@functools.lru_cache(maxsize=1 << 14)
def _later(date: dt.date, days: int) -> dt.date:
    # One date object per re-evaluation day, shared by the children weighed together.
    return date + dt.timedelta(days=days)


def findings_for(status: MonthlyStatus) -> tuple[Finding, ...]:
    """Return every follow-up finding one month's status calls for.

    Growth categories are read from the growth engine's Permenkes 2/2020
    classification carried in ``status.anthro``.
    """
    rules = _rules()
    a = status.anthro
    out: list[Finding] = []
    if status.code == "T":
        out.append(
            finding(
                "pertumbuhan.tidak_naik",
                status,
                gain_g=status.gain_g,
                kbm_g=status.kbm_g,
            )
        )
    if status.two_t:
        out.append(finding("pertumbuhan.2t", status, t_streak=status.t_streak))
    if status.below_red_line:
        out.append(finding("pertumbuhan.bgm", status, waz=a.waz))
    if status.above_orange_line:
        out.append(finding("pertumbuhan.di_atas_garis_oranye", status, waz=a.waz))
    if status.weight_faltering:
        out.append(
            finding(
                "pertumbuhan.weight_faltering",
                status,
                gain_g=status.gain_g,
            )
        )
    if a.tbu in cat.STUNTED:
        out.append(finding("pertumbuhan.stunting", status, haz=a.haz, category=a.tbu))
    if a.bbtb == cat.GIZI_BURUK:
        out.append(finding("pertumbuhan.gizi_buruk", status, whz=a.whz))
        refer = rules["pertumbuhan.gizi_buruk_rujuk"]
        if (
            status.age_months < refer["under_months"]
            or status.weight_kg < refer["min_weight_kg"]
        ):
            out.append(finding("pertumbuhan.gizi_buruk_rujuk", status, whz=a.whz))
    elif a.bbtb == cat.GIZI_KURANG:
        out.append(finding("pertumbuhan.gizi_kurang", status, whz=a.whz))
    elif a.bbtb in (cat.BERISIKO_GIZI_LEBIH, cat.GIZI_LEBIH):
        out.append(
            finding("pertumbuhan.gizi_lebih", status, whz=a.whz, category=a.bbtb)
        )
    elif a.bbtb == cat.OBESITAS:
        out.append(finding("pertumbuhan.obesitas", status, whz=a.whz))
    if a.bbu in cat.UNDERWEIGHT:
        out.append(finding("pertumbuhan.bb_kurang", status, waz=a.waz, category=a.bbu))
    elif a.bbu == cat.RISIKO_BB_LEBIH:
        out.append(finding("pertumbuhan.risiko_bb_lebih", status, waz=a.waz))
    if a.lk in cat.HEAD_ABNORMAL:
        out.append(
            finding("pertumbuhan.lk_tidak_normal", status, hcz=a.hcz, category=a.lk)
        )
    return tuple(out)
