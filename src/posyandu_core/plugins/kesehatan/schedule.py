"""The immunization schedule as data: doses, dose-code spellings, BIAS, Td WUS.

Everything here is read from ``data/rules/imunisasi.toml``; pass your own
mapping (same shape) to :meth:`Schedule.from_table` to run another schedule.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from posyandu_core._data import load_rule_table
from posyandu_core.errors import RuleDataError, UnknownNameError
from posyandu_core.model import Sex, add_months

__all__ = [
    "BiasDose",
    "CompletenessSet",
    "Dose",
    "Duration",
    "Schedule",
    "TdLevel",
    "load_schedule",
]

_DURATION = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$")


@attrs.frozen
class Duration:
    """A span of days, weeks, calendar months or years, as the schedule writes it.

    Examples
    --------
    >>> Duration.parse("8w").after(dt.date(2025, 12, 1))
    datetime.date(2026, 1, 26)
    >>> Duration.parse("1m").after(dt.date(2025, 1, 31))
    datetime.date(2025, 2, 28)
    """

    amount: int
    unit: str  # "d", "w", "m" or "y"

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read ``"<n>d"``, ``"<n>w"``, ``"<n>m"`` or ``"<n>y"``."""
        match = _DURATION.match(text)
        if match is None:
            msg = f"cannot read duration {text!r}"
            raise RuleDataError(
                msg,
                message_id=f"jangka waktu {text!r} tidak terbaca",
                fix='write it as "<n>d", "<n>w", "<n>m" or "<n>y"',
                fix_id='tulis sebagai "<n>d", "<n>w", "<n>m" atau "<n>y"',
            )
        return cls(int(match.group(1)), match.group(2))

    def after(self, date: dt.date) -> dt.date:
        """Return ``date`` moved forward by this span (months clamp to month end)."""
        return _after(self.amount, self.unit, date)

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


@functools.lru_cache(maxsize=1 << 16)
def _after(amount: int, unit: str, date: dt.date) -> dt.date:
    # Cached: a register's children share birth dates, and every dose's
    # earliest, due and overdue dates are spans after them.
    if unit == "d":
        return date + dt.timedelta(days=amount)
    if unit == "w":
        return date + dt.timedelta(weeks=amount)
    return add_months(date, amount * (12 if unit == "y" else 1))


def _duration(value: Any) -> Duration | None:
    return None if value is None else Duration.parse(str(value))


@attrs.frozen(kw_only=True)
class Dose:
    """One dose of the routine schedule (see ``imunisasi.toml`` for the fields).

    ``min_age`` is the earliest valid age in force: the national schedule's
    age (``ideal_age``, DOMAIN.md §6.2) by default, WHO's minimum age
    (``who_min_age``) when the schedule is loaded with
    ``earliest="who_minimum"``.
    """

    code: str
    antigen: str
    dose: int
    label_id: str
    label_en: str
    ideal_age: Duration
    ideal_until: Duration
    min_age: Duration
    who_min_age: Duration | None = None
    min_interval: Duration | None = None
    max_age: Duration | None = None
    endemic_only: bool = False
    reason: str = "IM-Dasar"


@attrs.frozen(kw_only=True)
class CompletenessSet:
    """A completeness indicator (IDL, IBL, IRL): doses needed before an age."""

    id: str
    label_id: str
    label_en: str
    required: tuple[str, ...]
    age_limit_months: int
    confidence: str = "U"


@attrs.frozen(kw_only=True)
class BiasDose:
    """A school (BIAS) dose: grade, calendar month and, for HPV, sex."""

    code: str
    grade: int
    month: int
    label_id: str
    label_en: str
    sex: Sex | None = None


@attrs.frozen(kw_only=True)
class TdLevel:
    """A Td status level (T1-T5): interval after the previous level, protection."""

    level: int
    min_interval: Duration
    protection_years: int


@attrs.frozen(kw_only=True)
class Schedule:
    """The whole immunization rule set.

    Parameters
    ----------
    doses : tuple of Dose
        The routine infant/child schedule, in series order per antigen.
    aliases : mapping of str to str
        Normalised spelling -> canonical dose code.
    series_aliases : mapping of str to tuple of str
        Normalised spelling without a dose number -> the series' codes in
        order (the person's next dose of the series is meant).
    completeness : mapping of str to CompletenessSet
        Every defined completeness set, by id.
    idl, ibl : str
        Ids of the sets used for IDL and IBL.
    bias : tuple of BiasDose
        School doses.
    td_levels : tuple of TdLevel
        T1-T5.
    td_screening : tuple of (int, tuple of str)
        Childhood doses that give a Td level (empty when switched off).
    td_target_age_years : (int, int)
        WUS target ages.
    source : str
        Citation of the schedule table.
    earliest : {"national", "who_minimum"}
        Which earliest ages are in force (DOMAIN.md §6.2; default national).
    overdue_rule : {"ideal_window", "due_date"}
        From when a missing dose is overdue (docs/reference/conventions.md).
    grace_days : int
        Days added to the overdue date.
    """

    doses: tuple[Dose, ...]
    aliases: Mapping[str, str]
    series_aliases: Mapping[str, tuple[str, ...]]
    completeness: Mapping[str, CompletenessSet]
    idl: str
    ibl: str
    bias: tuple[BiasDose, ...]
    td_levels: tuple[TdLevel, ...]
    td_screening: tuple[tuple[int, tuple[str, ...]], ...]
    td_target_age_years: tuple[int, int]
    source: str
    earliest: str = "national"
    overdue_rule: str = "ideal_window"
    grace_days: int = 0
    _by_antigen: Mapping[str, tuple[Dose, ...]] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        # Each series once: evaluating a child asks for every series twice.
        series: dict[str, list[Dose]] = {}
        for d in self.doses:
            series.setdefault(d.antigen, []).append(d)
        object.__setattr__(
            self,
            "_by_antigen",
            {a: tuple(sorted(v, key=lambda d: d.dose)) for a, v in series.items()},
        )

    @classmethod
    def from_table(
        cls, table: Mapping[str, Any], *, earliest: str | None = None
    ) -> Schedule:
        """Build a schedule from a parsed ``imunisasi.toml``-shaped mapping.

        ``earliest`` overrides the table's choice of earliest ages
        (``"national"`` or ``"who_minimum"``).
        """
        try:
            return cls._from_table(table, earliest)
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, RuleDataError):
                raise
            msg = (
                f"immunization schedule table is malformed: {type(exc).__name__}: {exc}"
            )
            raise RuleDataError(
                msg,
                message_id=f"tabel jadwal imunisasi rusak: {type(exc).__name__}: {exc}",
                fix="compare with data/rules/imunisasi.toml",
                fix_id="bandingkan dengan data/rules/imunisasi.toml",
            ) from exc

    @classmethod
    def _from_table(cls, table: Mapping[str, Any], earliest: str | None) -> Schedule:
        chosen = _choice(table["schedule"], "earliest", earliest, "national")
        conventions = table.get("conventions", {})
        overdue_rule = _choice(conventions, "overdue_rule", None, "ideal_window")
        doses = tuple(
            Dose(
                code=d["code"],
                antigen=d["antigen"],
                dose=int(d["dose"]),
                label_id=d["label_id"],
                label_en=d["label_en"],
                ideal_age=Duration.parse(d["ideal_age"]),
                ideal_until=Duration.parse(d["ideal_until"]),
                min_age=Duration.parse(
                    d.get("who_min_age", d["ideal_age"])
                    if chosen == "who_minimum"
                    else d["ideal_age"]
                ),
                who_min_age=_duration(d.get("who_min_age")),
                min_interval=_duration(d.get("min_interval")),
                max_age=_duration(d.get("max_age")),
                endemic_only=bool(d.get("endemic_only", False)),
                reason=d.get("reason", "IM-Dasar"),
            )
            for d in table["schedule"]["dose"]
        )
        aliases: dict[str, str] = {}
        codes = {d.code for d in doses}
        series: dict[str, tuple[str, ...]] = {}
        for key, entry in table["aliases"].get("series", {}).items():
            for spelling in (key, *entry["spellings"]):
                series[normalise_spelling(spelling)] = tuple(entry["codes"])
            codes.update(entry["codes"])
        for code, spellings in table["aliases"]["codes"].items():
            codes.add(code)
            for spelling in (code, *spellings):
                aliases[normalise_spelling(spelling)] = code
        for code in codes:
            aliases.setdefault(normalise_spelling(code), code)
        comp = table["completeness"]
        sets = {
            key: CompletenessSet(
                id=key,
                label_id=s["label_id"],
                label_en=s["label_en"],
                required=tuple(s["required"]),
                age_limit_months=int(s["age_limit_months"]),
                confidence=s.get("confidence", comp.get("confidence", "U")),
            )
            for key, s in comp["sets"].items()
        }
        for key in (comp["idl"], comp["ibl"]):
            if key not in sets:
                msg = f"completeness set {key!r} is selected but not defined"
                raise RuleDataError(
                    msg,
                    message_id=f"himpunan kelengkapan {key!r} dipilih tetapi tidak "
                    "didefinisikan",
                )
        bias = tuple(
            BiasDose(
                code=b["code"],
                grade=int(b["grade"]),
                month=int(b["month"]),
                label_id=b["label_id"],
                label_en=b["label_en"],
                sex=Sex(b["sex"]) if b.get("sex") else None,
            )
            for b in table["bias"]["dose"]
        )
        td = table["td"]
        levels = tuple(
            TdLevel(
                level=int(x["level"]),
                min_interval=Duration.parse(x["min_interval"]),
                protection_years=int(x["protection_years"]),
            )
            for x in td["levels"]
        )
        screening_table = td.get("screening", {})
        screening = (
            tuple(
                (int(s["level"]), tuple(s["requires"]))
                for s in screening_table["steps"]
            )
            if screening_table.get("enabled", False)
            else ()
        )
        low, high = td["target_age_years"]
        return cls(
            doses=doses,
            aliases=aliases,
            series_aliases=series,
            completeness=sets,
            idl=comp["idl"],
            ibl=comp["ibl"],
            bias=bias,
            td_levels=levels,
            td_screening=screening,
            td_target_age_years=(int(low), int(high)),
            source=table["schedule"]["source"],
            earliest=chosen,
            overdue_rule=overdue_rule,
            grace_days=int(conventions.get("grace_days", 0)),
        )

    def dose(self, code: str) -> Dose:
        """Return the schedule entry of a canonical dose code (KeyError if none)."""
        for d in self.doses:
            if d.code == code:
                return d
        msg = f"the schedule has no dose {code!r}"
        raise UnknownNameError(
            msg, message_id=f"jadwal tidak punya dosis {code!r}", value=code
        )

    def series(self, antigen: str) -> tuple[Dose, ...]:
        """Return an antigen's doses in order."""
        return self._by_antigen.get(antigen, ())

    def antigens(self, *, endemic: Iterable[str] = ()) -> tuple[str, ...]:
        """Return the antigens in order; endemic-only ones only if switched on."""
        switched_on = set(endemic)
        seen: list[str] = []
        for d in self.doses:
            if d.endemic_only and d.antigen not in switched_on:
                continue
            if d.antigen not in seen:
                seen.append(d.antigen)
        return tuple(seen)

    def previous(self, dose: Dose) -> Dose | None:
        """Return the dose before ``dose`` in its series, if any."""
        earlier = [d for d in self.series(dose.antigen) if d.dose < dose.dose]
        return earlier[-1] if earlier else None

    def canonical(self, spelling: str, given: Iterable[str] = ()) -> str | None:
        """Return the canonical code of a dose spelling, or None if unknown.

        A spelling without a dose number (``"Campak"``, ``"TT"``) means the
        next dose of its series after the codes already ``given``.

        Examples
        --------
        >>> s = load_schedule()
        >>> s.canonical("Pentabio1"), s.canonical("DPT-HB-Hib 1")
        ('DPT-HB-Hib1', 'DPT-HB-Hib1')
        >>> s.canonical("polio 2")
        'OPV2'
        >>> s.canonical("Campak", given=["MR1"]), s.canonical("xyz") is None
        ('MR2', True)
        """
        key = normalise_spelling(spelling)
        if key in self.aliases:
            return self.aliases[key]
        codes = self.series_aliases.get(key)
        if codes is None:
            return self._beyond_series(key)
        done = set(given)
        for code in codes:
            if code not in done:
                return code
        return codes[-1]  # the series is complete: report it as a repeat of the last

    def _beyond_series(self, key: str) -> str | None:
        # "OPV5", "MR3", "PCV 4": a numbered spelling past the last dose of a
        # scheduled series is a repeat of that antigen (DOMAIN.md §6.3 counts
        # doses), written as the series' code with that number.
        match = re.fullmatch(r"(.*?)(\d+)", key)
        codes = self.series_aliases.get(match.group(1)) if match else None
        if match is None or codes is None or codes[0] not in self._scheduled:
            return None
        return _series_base(codes[0]) + str(int(match.group(2)))

    @property
    def _scheduled(self) -> dict[str, Dose]:
        return {d.code: d for d in self.doses}

    def antigen_number(self, code: str) -> tuple[str, int] | None:
        """Return (antigen, written dose number) of a scheduled antigen's code.

        Works for the schedule's codes and for repeats past the series
        (``"OPV5"``); None for codes outside the infant schedule (BIAS, Td).

        Examples
        --------
        >>> s = load_schedule()
        >>> s.antigen_number("OPV2"), s.antigen_number("OPV5")
        (('OPV', 2), ('OPV', 5))
        >>> s.antigen_number("Td2") is None
        True
        """
        scheduled = self._scheduled
        if code in scheduled:
            return scheduled[code].antigen, scheduled[code].dose
        match = re.fullmatch(r"(.*?)(\d+)", code)
        if match is None:
            return None
        for dose in scheduled.values():
            if _series_base(dose.code) == match.group(1) and dose.dose > 0:
                return dose.antigen, int(match.group(2))
        return None


def _series_base(code: str) -> str:
    """Return a dose code without its dose number (``"DPT-HB-Hib"``)."""
    return re.sub(r"\d+$", "", code)


def _choice(
    table: Mapping[str, Any], key: str, override: str | None, default: str
) -> str:
    """Return a convention's value (override, table or default), checked."""
    value = override or str(table.get(key, default))
    allowed = table.get(f"{key}_choices", [default])
    if value not in allowed:
        msg = f"{key} must be one of {', '.join(allowed)}; got {value!r}"
        raise RuleDataError(
            msg,
            message_id=f"{key} harus salah satu dari {', '.join(allowed)}; "
            f"tertulis {value!r}",
            field=key,
            value=value,
            fix="see imunisasi.toml",
            fix_id="lihat imunisasi.toml",
        )
    return value


def normalise_spelling(text: str) -> str:
    """Return the matching key of a dose spelling: lower case, no separators.

    Examples
    --------
    >>> normalise_spelling(" DPT-HB-Hib 1 ")
    'dpthbhib1'
    """
    return re.sub(r"[\s\-_.]+", "", text).lower()


def load_schedule(earliest: str | None = None) -> Schedule:
    """Return the packaged national schedule (``data/rules/imunisasi.toml``).

    Parameters
    ----------
    earliest : {"national", "who_minimum"} or None
        Earliest valid ages: the national schedule's ages (the default,
        DOMAIN.md §6.2) or WHO's minimum ages; None takes the table's choice.

    Examples
    --------
    >>> birth = dt.date(2025, 1, 10)
    >>> load_schedule().dose("IPV1").min_age.after(birth)
    datetime.date(2025, 5, 10)
    >>> load_schedule("who_minimum").dose("IPV1").min_age.after(birth)
    datetime.date(2025, 4, 18)
    """
    return Schedule.from_table(load_rule_table("imunisasi"), earliest=earliest)
