"""Follow-up rules (tindak lanjut) as Findings, from the rule data (DOMAIN.md §4.5).

The rules are decided on columns, for every child-month at once
(:func:`finding_bits`: one bit per rule a child-month calls for); the
``Finding`` objects are built only for the child-months asked for
(:func:`build_findings`). :func:`findings_for` is the same for one
``MonthlyStatus``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from posyandu_core._data import load_rule_table
from posyandu_core.model import Finding, ReferralTarget, Severity
from posyandu_core.plugins.kesehatan import categories as cat

if TYPE_CHECKING:
    from posyandu_core.plugins.kesehatan.growth_monitoring import MonthlyStatus

__all__ = [
    "RULES",
    "build_findings",
    "finding",
    "finding_bits",
    "findings_for",
    "status_value",
]

_TABLE = "pemantauan_pertumbuhan"

#: The follow-up rules in the order their findings are listed, each with the
#: details it carries (detail name, the child-month's value it is).
RULES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("pertumbuhan.tidak_naik", (("gain_g", "gain_g"), ("kbm_g", "kbm_g"))),
    ("pertumbuhan.2t", (("t_streak", "t_streak"),)),
    ("pertumbuhan.bgm", (("waz", "waz"),)),
    ("pertumbuhan.di_atas_garis_oranye", (("waz", "waz"),)),
    ("pertumbuhan.weight_faltering", (("gain_g", "gain_g"),)),
    ("pertumbuhan.stunting", (("haz", "haz"), ("category", "tbu"))),
    ("pertumbuhan.gizi_buruk", (("whz", "whz"),)),
    ("pertumbuhan.gizi_buruk_rujuk", (("whz", "whz"),)),
    ("pertumbuhan.gizi_kurang", (("whz", "whz"),)),
    ("pertumbuhan.gizi_lebih", (("whz", "whz"), ("category", "bbtb"))),
    ("pertumbuhan.obesitas", (("whz", "whz"),)),
    ("pertumbuhan.bb_kurang", (("waz", "waz"), ("category", "bbu"))),
    ("pertumbuhan.risiko_bb_lebih", (("waz", "waz"),)),
    ("pertumbuhan.lk_tidak_normal", (("hcz", "hcz"), ("category", "lk"))),
)


def _rules() -> dict[str, Any]:
    return load_rule_table(_TABLE)["followup"]["rules"]  # type: ignore[no-any-return]


def finding(code: str, status: MonthlyStatus, **details: Any) -> Finding:
    """Return the Finding of follow-up rule ``code`` for one month's status."""
    return _finding(code, status.person_id, status.date, details)


def _finding(
    code: str, person_id: str, date: dt.date, details: Mapping[str, Any]
) -> Finding:
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
        person_id=person_id,
        date=date,
        referral=None if referral is None else _referral(referral),
        reevaluate_on=_later(date, int(days)) if days else None,
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


def finding_bits(
    *,
    tidak_naik: NDArray[np.bool_],
    t_streak: NDArray[np.int64],
    below_red_line: NDArray[np.bool_],
    above_orange_line: NDArray[np.bool_],
    weight_faltering: NDArray[np.bool_],
    tbu: NDArray[np.object_],
    bbtb: NDArray[np.object_],
    bbu: NDArray[np.object_],
    lk: NDArray[np.object_],
    age_months: NDArray[np.int64],
    weight_kg: NDArray[np.float64],
) -> NDArray[np.int32]:
    """Return, per child-month, bit ``k`` set when rule ``RULES[k]`` calls for it.

    Growth categories are the growth engine's Permenkes 2/2020 ones (None:
    not computable); a T status, the T streak, the chart lines and weight
    faltering are those of the month's status.
    """
    refer = _rules()["pertumbuhan.gizi_buruk_rujuk"]
    gizi_buruk = bbtb == cat.GIZI_BURUK
    calls = (
        tidak_naik,
        t_streak >= 2,
        below_red_line,
        above_orange_line,
        weight_faltering,
        np.isin(tbu, list(cat.STUNTED)),
        gizi_buruk,
        gizi_buruk
        & ((age_months < refer["under_months"]) | (weight_kg < refer["min_weight_kg"])),
        bbtb == cat.GIZI_KURANG,
        np.isin(bbtb, [cat.BERISIKO_GIZI_LEBIH, cat.GIZI_LEBIH]),
        bbtb == cat.OBESITAS,
        np.isin(bbu, list(cat.UNDERWEIGHT)),
        bbu == cat.RISIKO_BB_LEBIH,
        np.isin(lk, list(cat.HEAD_ABNORMAL)),
    )
    bits = np.zeros(len(t_streak), dtype=np.int32)
    for k, called in enumerate(calls):
        bits |= np.asarray(called, dtype=bool).astype(np.int32) << k
    return bits


def build_findings(
    bits: int, person_id: str, date: dt.date, value: Callable[[str], Any]
) -> tuple[Finding, ...]:
    """Return the findings of one child-month whose rules ``bits`` holds.

    ``bits`` is its entry of :func:`finding_bits`; ``value(key)`` gives its
    detail values (``gain_g``, ``waz``, ``tbu`` …, as ``MonthlyStatus`` has them).
    """
    return tuple(
        _finding(code, person_id, date, {name: value(key) for name, key in details})
        for k, (code, details) in enumerate(RULES)
        if bits >> k & 1
    )


def findings_for(status: MonthlyStatus) -> tuple[Finding, ...]:
    """Return every follow-up finding one month's status calls for.

    Growth categories are read from the growth engine's Permenkes 2/2020
    classification carried in ``status.anthro``.
    """
    a = status.anthro

    def one(value: Any, dtype: Any = object) -> NDArray[Any]:
        return np.array([value], dtype=dtype)

    bits = finding_bits(
        tidak_naik=one(status.code == "T", bool),
        t_streak=one(status.t_streak, np.int64),
        below_red_line=one(bool(status.below_red_line), bool),
        above_orange_line=one(bool(status.above_orange_line), bool),
        weight_faltering=one(bool(status.weight_faltering), bool),
        tbu=one(a.tbu),
        bbtb=one(a.bbtb),
        bbu=one(a.bbu),
        lk=one(a.lk),
        age_months=one(status.age_months, np.int64),
        weight_kg=one(status.weight_kg, float),
    )
    return build_findings(
        int(bits[0]),
        status.person_id,
        status.date,
        functools.partial(status_value, status),
    )


def status_value(status: MonthlyStatus, key: str) -> Any:
    """Return a detail value of one month's status (z-scores, categories: its anthro)."""
    return getattr(status.anthro if key in _ANTHRO else status, key)


_ANTHRO = frozenset({"waz", "haz", "whz", "hcz", "bbu", "tbu", "bbtb", "lk"})
