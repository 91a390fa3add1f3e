"""Screening rules as data: the skrining_*.toml tables, bands and conventions.

Every cut-off lives in ``posyandu_core/data/rules/skrining_<stage>.toml``
with its source, the date it holds from and its DOMAIN.md confidence tag.
This module reads them, checks inputs (missing, invalid, implausible) and
turns a value into a :class:`ScreeningResult`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final, NoReturn, ParamSpec

import attrs

from posyandu_core._data import load_rule_table, read_bands
from posyandu_core.errors import RuleDataError, UnknownNameError
from posyandu_core.plugins.kesehatan.screening._result import (
    Action,
    ScreeningResult,
    ScreeningStatus,
)

#: stage id: rule table (data/rules/<table>.toml)
STAGES: Final[dict[str, str]] = {
    "sasaran": "skrining_sasaran",
    "maternal": "skrining_maternal",
    "school": "skrining_sekolah",
    "adult": "skrining_dewasa",
    "elderly": "skrining_lansia",
    "kb": "skrining_kb",
}


@attrs.frozen(kw_only=True)
class Conventions:
    """The open choices of the screening rules (``skrining_konvensi.toml``).

    ``Conventions()`` gives the documented defaults; pass another instance
    as ``conventions=`` to any screening function. The reference page
    "Screening rules" explains each choice with its DOMAIN.md section.
    """

    round_to_printed: bool = False
    refer_on_monitoring: bool = False
    delivery_day_number: int = attrs.field(
        default=0, validator=attrs.validators.in_((0, 1))
    )
    isolated_systolic_overrides: bool = True
    too_many_children_from: int = attrs.field(
        default=3, validator=attrs.validators.in_((3, 4))
    )
    mna_sf_profile: str = attrs.field(
        default="nestle", validator=attrs.validators.in_(("nestle", "kmk_form"))
    )


def convention_docs() -> dict[str, dict[str, Any]]:
    """Return every convention with its default and its documentation."""
    table: dict[str, dict[str, Any]] = load_rule_table("skrining_konvensi")[
        "conventions"
    ]
    return table


DEFAULT_CONVENTIONS: Final = Conventions()


@attrs.frozen(kw_only=True)
class Band:
    """One category of a banded rule: values from ``lower`` to ``upper``."""

    code: str
    label_id: str
    label_en: str
    kemkes_code: str | None
    action: str
    lower: float
    upper: float
    lower_inclusive: bool
    upper_inclusive: bool

    def contains(self, value: float) -> bool:
        """Return whether ``value`` falls in this band."""
        above = value >= self.lower if self.lower_inclusive else value > self.lower
        below = value <= self.upper if self.upper_inclusive else value < self.upper
        return above and below


def _bands(rule_id: str, raw: list[dict[str, Any]]) -> tuple[Band, ...]:
    return tuple(
        Band(
            code=edges.entry["code"],
            label_id=edges.entry["label_id"],
            label_en=edges.entry["label_en"],
            kemkes_code=edges.entry.get("kemkes_code"),
            action=edges.entry.get("action", "tidak_ada"),
            lower=edges.lower,
            upper=edges.upper,
            lower_inclusive=edges.lower_inclusive,
            upper_inclusive=edges.upper_inclusive,
        )
        for edges in read_bands(f"rule {rule_id}", raw)
    )


@attrs.frozen(kw_only=True)
class ScreeningRule:
    """One screening rule as read from its table.

    Attributes
    ----------
    id : str
        ``"<stage>.<name>"``, e.g. ``"maternal.kek"``.
    name_id, name_en : str
        What the rule screens, in Indonesian and English.
    domain : str
        The DOMAIN.md section(s) it implements.
    source, valid_from, confidence : str
        Where it comes from, the date it holds from, DOMAIN.md tag (V/S/U).
    data : mapping
        The rest of the table entry (bands, windows, scores …).
    """

    id: str
    name_id: str
    name_en: str
    domain: str
    source: str
    valid_from: str
    confidence: str = attrs.field(validator=attrs.validators.in_(("V", "S", "U")))
    data: Mapping[str, Any] = attrs.field(eq=False, repr=False)

    def bands(self, key: str | None = None) -> tuple[Band, ...]:
        """Return the rule's bands (``key`` picks one of several band sets)."""
        return _rule_bands(self.id, key)


@functools.cache
def screening_rules() -> dict[str, ScreeningRule]:
    """Return every screening rule of every life stage, by id.

    Examples
    --------
    >>> screening_rules()["maternal.kek"].confidence
    'V'
    """
    rules: dict[str, ScreeningRule] = {}
    for stage, table_name in STAGES.items():
        table = load_rule_table(table_name)
        for name, entry in table["rules"].items():
            rule_id = f"{stage}.{name}"
            try:
                rules[rule_id] = ScreeningRule(
                    id=rule_id,
                    name_id=entry["name_id"],
                    name_en=entry["name_en"],
                    domain=entry["domain"],
                    source=entry["source"],
                    valid_from=str(entry["valid_from"]),
                    confidence=entry["confidence"],
                    data=entry,
                )
            except (KeyError, ValueError) as exc:
                msg = f"{table_name}.toml: rule {name!r} is malformed: {exc!r}"
                raise RuleDataError(
                    msg,
                    message_id=f"{table_name}.toml: aturan {name!r} rusak: {exc!r}",
                    fix="reinstall posyandu-core",
                    fix_id="pasang ulang posyandu-core",
                ) from exc
    return rules


def screening_rule(rule_id: str) -> ScreeningRule:
    """Return the screening rule ``rule_id`` (KeyError naming the known ids)."""
    rules = screening_rules()
    try:
        return rules[rule_id]
    except KeyError:
        msg = f"no screening rule {rule_id!r}; rules: {', '.join(sorted(rules))}"
        raise UnknownNameError(
            msg,
            message_id=f"tidak ada aturan skrining {rule_id!r}; aturan: {', '.join(sorted(rules))}",
        ) from None


@functools.cache
def _rule_bands(rule_id: str, key: str | None) -> tuple[Band, ...]:
    raw = screening_rule(rule_id).data["bands"]
    if key is not None:
        raw = raw[key]
    return _bands(rule_id, raw)


@functools.cache
def actions() -> dict[str, Action]:
    """Return every follow-up action (``skrining_tindakan.toml``), by code."""
    table = load_rule_table("skrining_tindakan")["actions"]
    return {
        code: Action(
            code=code,
            label_id=entry["label_id"],
            label_en=entry["label_en"],
            referral=entry.get("referral"),
            recheck_after_months=entry.get("recheck_after_months"),
        )
        for code, entry in table.items()
    }


def action(code: str, conventions: Conventions = DEFAULT_CONVENTIONS) -> Action:
    """Return action ``code``; monitoring actions refer if the convention says so."""
    found = actions()[code]
    monitoring = load_rule_table("skrining_tindakan")["actions"][code].get(
        "monitoring", False
    )
    if monitoring and conventions.refer_on_monitoring and found.referral is None:
        return attrs.evolve(found, referral="puskesmas")
    return found


class NotClassifiedError(Exception):
    """Raised inside a screening function when its input cannot be classified."""

    def __init__(self, status: ScreeningStatus, field: str | None, problem: str):
        super().__init__(problem)
        self.status = status
        self.field = field
        self.problem = problem


P = ParamSpec("P")


def screening(
    rule_id: str,
) -> Callable[[Callable[P, ScreeningResult]], Callable[P, ScreeningResult]]:
    """Turn a :class:`NotClassifiedError` raised by the function into its result."""

    def decorate(
        function: Callable[P, ScreeningResult],
    ) -> Callable[P, ScreeningResult]:
        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> ScreeningResult:
            try:
                return function(*args, **kwargs)
            except NotClassifiedError as stop:
                rule = screening_rule(rule_id)
                return ScreeningResult(
                    rule=rule_id,
                    status=stop.status,
                    field=stop.field,
                    problem=stop.problem,
                    source=rule.source,
                    confidence=rule.confidence,
                )

        return wrapper

    return decorate


def missing(field: str) -> NoReturn:
    """Stop: the input ``field`` is missing."""
    raise NotClassifiedError(
        ScreeningStatus.MISSING_INPUT, field, f"{field} kosong / {field} is missing"
    )


def not_applicable(field: str | None, why_id: str, why_en: str) -> NoReturn:
    """Stop: the rule does not apply to this person (age, sex, stage)."""
    raise NotClassifiedError(
        ScreeningStatus.NOT_APPLICABLE, field, f"{why_id} / {why_en}"
    )


def invalid(field: str, value: object, why_id: str, why_en: str) -> NoReturn:
    """Stop: ``value`` of ``field`` is not a valid value."""
    raise NotClassifiedError(
        ScreeningStatus.INVALID,
        field,
        f"{field}={value!r}: {why_id} / {why_en}",
    )


def number(
    field: str,
    value: object,
    *,
    plausible: tuple[float, float] | None = None,
    minimum: float = 0.0,
    maximum: float | None = None,
    integer: bool = False,
) -> float:
    """Return ``value`` as a float, or raise the stop saying why it cannot be used.

    None and NaN are missing; booleans, text, infinities, values below
    ``minimum`` or above ``maximum`` (a scale's range) and non-integers where
    ``integer`` are invalid; values outside ``plausible`` are implausible.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        missing(field)
    if isinstance(value, bool) or not isinstance(value, int | float):
        invalid(field, value, "bukan angka", "not a number")
    result = float(value)
    if math.isinf(result):
        invalid(field, value, "tak hingga", "infinite")
    if result < minimum or (maximum is not None and result > maximum):
        top = "" if maximum is None else f"-{maximum:g}"
        invalid(
            field,
            value,
            f"di luar rentang {minimum:g}{top}",
            f"outside {minimum:g}{top}",
        )
    if integer and not result.is_integer():
        invalid(field, value, "harus bilangan bulat", "must be a whole number")
    if plausible is not None and not plausible[0] <= result <= plausible[1]:
        low, high = plausible
        raise NotClassifiedError(
            ScreeningStatus.IMPLAUSIBLE,
            field,
            f"{field}={value!r} tidak masuk akal (di luar {low:g}-{high:g}), periksa ulang "
            f"/ implausible (outside {low:g}-{high:g}), re-measure",
        )
    return result


def flag(field: str, value: object) -> bool:
    """Return a yes/no input, or raise the stop (None is missing)."""
    if value is None:
        missing(field)
    if not isinstance(value, bool):
        invalid(field, value, "harus ya/tidak (True/False)", "must be True/False")
    return value


def round_half_up(value: float, decimals: int) -> float:
    """Round as printed tables do (half away from zero), not banker's rounding.

    Examples
    --------
    >>> round_half_up(10.95, 1), round_half_up(18.449, 1)
    (11.0, 18.4)
    """
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def plausible_range(rule: ScreeningRule, field: str) -> tuple[float, float] | None:
    """Return the rule's plausible range for ``field`` (data), if it has one."""
    ranges = rule.data.get("plausible", {})
    if field not in ranges:
        return None
    low, high = ranges[field]
    return float(low), float(high)


def band_result(
    rule: ScreeningRule,
    band: Band,
    *,
    value: float | None,
    conventions: Conventions = DEFAULT_CONVENTIONS,
    details: Mapping[str, Any] | None = None,
    action_code: str | None = None,
) -> ScreeningResult:
    """Return the classified result of ``band``."""
    return ScreeningResult(
        rule=rule.id,
        status=ScreeningStatus.CLASSIFIED,
        code=band.code,
        label_id=band.label_id,
        label_en=band.label_en,
        kemkes_code=band.kemkes_code,
        action=action(action_code or band.action, conventions),
        value=value,
        details=details or {},
        source=rule.source,
        confidence=rule.confidence,
    )


def find_band(bands: tuple[Band, ...], value: float) -> Band:
    """Return the band holding ``value`` (bands cover the whole line)."""
    for band in bands:
        if band.contains(value):
            return band
    msg = f"no band holds {value!r}"  # unreachable: bands cover -inf..inf
    raise RuleDataError(msg, message_id=f"tidak ada pita yang memuat {value!r}")


def prepare(
    rule: ScreeningRule, value: float, conventions: Conventions, key: str | None = None
) -> float:
    """Apply the rounding convention (the rule's printed ``decimals``)."""
    decimals = rule.data.get("decimals")
    if isinstance(decimals, Mapping):
        decimals = decimals.get(key)
    if conventions.round_to_printed and decimals is not None:
        return round_half_up(value, int(decimals))
    return value


def classify_measure(
    rule_id: str,
    field: str,
    value: object,
    *,
    conventions: Conventions | None,
    key: str | None = None,
    details: Mapping[str, Any] | None = None,
) -> ScreeningResult:
    """Check ``value``, then classify it on the rule's bands (``key``: band set)."""
    rule = screening_rule(rule_id)
    conv = conventions or DEFAULT_CONVENTIONS
    measured = number(field, value, plausible=plausible_range(rule, field))
    band = find_band(rule.bands(key), prepare(rule, measured, conv, key))
    return band_result(rule, band, value=measured, conventions=conv, details=details)


def classified(
    rule_id: str,
    code: str,
    label_id: str,
    label_en: str,
    *,
    action_code: str = "tidak_ada",
    kemkes_code: str | None = None,
    value: float | None = None,
    details: Mapping[str, Any] | None = None,
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return a classified result built from explicit category data."""
    rule = screening_rule(rule_id)
    return ScreeningResult(
        rule=rule_id,
        status=ScreeningStatus.CLASSIFIED,
        code=code,
        label_id=label_id,
        label_en=label_en,
        kemkes_code=kemkes_code,
        action=action(action_code, conventions or DEFAULT_CONVENTIONS),
        value=value,
        details=details or {},
        source=rule.source,
        confidence=rule.confidence,
    )


def category_result(
    rule_id: str,
    code: str,
    *,
    value: float | None = None,
    details: Mapping[str, Any] | None = None,
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return the classified result of category ``code`` of the rule's ``categories``."""
    entry = screening_rule(rule_id).data["categories"][code]
    return classified(
        rule_id,
        code,
        entry["label_id"],
        entry["label_en"],
        action_code=entry.get("action", "tidak_ada"),
        kemkes_code=entry.get("kemkes_code"),
        value=value,
        details=details,
        conventions=conventions,
    )


def stop_from(result: ScreeningResult) -> NotClassifiedError:
    """Return the stop that passes an unclassified sub-result on unchanged."""
    return NotClassifiedError(result.status, result.field, result.problem or "")


def code_text(field: str, value: object) -> str:
    """Return a code given as text, or raise the stop (None missing, other types invalid)."""
    if value is None:
        missing(field)
    if not isinstance(value, str):
        invalid(field, value, "harus kode teks", "must be a text code")
    return value


def code_texts(field: str, values: object) -> tuple[str, ...]:
    """Return codes given as one text or an iterable of texts, or raise the stop."""
    if values is None:
        missing(field)
    if isinstance(values, str):
        return (values,)
    if not isinstance(values, list | tuple | set | frozenset):
        invalid(field, values, "harus daftar kode", "must be a list of codes")
    return tuple(code_text(field, v) for v in values)
