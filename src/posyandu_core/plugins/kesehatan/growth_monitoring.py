"""Growth monitoring per child per month: N/T/O/B, KBM, 2T, chart lines, faltering.

Definitions (DOMAIN.md §4; docs/explanation/growth-monitoring-rules.md):

* **The month's weighing.** Months are calendar months. When a child is
  weighed more than once in a month, the *first* weighing of the month (the
  open-day weighing) stands for the month by default; later ones are
  follow-up re-checks (the 2-week PMT re-evaluation) and are counted in
  ``extra_weighings``. ``weighing_of_month = "last"`` in the data switches
  this. Several weighings on that same date are resolved by sorting on the
  values (lowest weight first), never on file order, and reported.
* **Last month** is the previous calendar month. ``O`` when it has no
  weighing; ``N``/``T`` compare with its weighing, whatever the number of
  days in between (the gap is reported in ``interval_days``).
* **B** when the child has no weighing in any earlier month of the register.
* **N/T** by KBM for the age in completed months at the current weighing
  (gain in whole grams ≥ KBM → N).
* **2T** when this month and the previous weighed month are both T (months
  without a weighing are skipped; an O or B breaks the run).

A month's status depends only on weighings in that month and earlier ones,
so adding a later month never changes it, and never on row order.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core._data import load_rule_table
from posyandu_core.errors import RuleDataError, UsageError
from posyandu_core.model import Finding, Sex, completed_months
from posyandu_core.plugins.kesehatan import _anthro, _kms
from posyandu_core.plugins.kesehatan._columns import recalled, remembered
from posyandu_core.plugins.kesehatan._lazy import LazySequence
from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.register import Register, RegisterRow
from posyandu_core.rules import Issue

__all__ = [
    "GrowthCode",
    "GrowthMonitoringConfig",
    "KbmTable",
    "KmsColumns",
    "Month",
    "MonthlyStatus",
    "MonthlyStatuses",
    "deworming_due",
    "kbm_table",
    "last_month",
    "monitor_child",
    "monitor_columns",
    "monitor_register",
    "vitamin_a_due",
]

_TABLE = "pemantauan_pertumbuhan"


class GrowthCode(enum.StrEnum):
    """Status pertumbuhan of one month (DOMAIN.md §4.2)."""

    N = "N"  # naik: gain >= KBM
    T = "T"  # tidak naik: gain < KBM
    O = "O"  # noqa: E741 - the letter of the KMS code; weighed, not last month
    B = "B"  # baru: first weighing


@attrs.frozen
class KbmTable:
    """KBM (minimum monthly weight gain) by completed months at the weighing.

    Examples
    --------
    >>> t = kbm_table()
    >>> t.grams(3), t.grams(9), t.grams(14), kbm_table("spreadsheet_600").grams(3)
    (800, 300, 200, 600)
    """

    variant: str
    entries: tuple[tuple[int, int], ...]  # (from_months, grams), ascending
    source: str
    confidence: str

    def grams(self, age_months: int) -> int:
        """Return the KBM in grams for a child of ``age_months``."""
        chosen = self.entries[0][1]
        for start, grams in self.entries:
            if age_months >= start:
                chosen = grams
        return chosen


def kbm_table(variant: str | None = None) -> KbmTable:
    """Return a packaged KBM table (default: the data's ``default`` variant)."""
    data = load_rule_table(_TABLE)["kbm"]
    name = variant or data["default"]
    try:
        spec = data["variants"][name]
    except KeyError:
        known = ", ".join(sorted(data["variants"]))
        msg = f"unknown KBM variant {name!r}"
        raise RuleDataError(
            msg,
            message_id=f"varian KBM {name!r} tidak dikenal",
            fix=f"use one of: {known}",
            fix_id=f"pakai salah satu dari: {known}",
        ) from None
    entries = tuple(
        sorted((int(e["from_months"]), int(e["grams"])) for e in spec["table"])
    )
    return KbmTable(name, entries, spec["source"], spec["confidence"])


@attrs.frozen(kw_only=True)
class GrowthMonitoringConfig:
    """Choices for growth monitoring; defaults come from the rule data.

    Parameters
    ----------
    kbm : KbmTable
        The KBM table (``kbm_table("spreadsheet_600")`` for 600 g at month 3).
    red_line_sd, orange_line_sd : float or None
        The chart lines as WHO weight-for-age z (Buku KIA default −2 / +1
        [U]); ``None`` switches a line off.
    faltering : bool
        Assess weight faltering on the WHO weight-increment standards.
    faltering_percentile : float
        Increment percentile below which weight is faltering (5).
    faltering_tolerance_days : int
        How far from one month an interval may be and still be compared
        with WHO's 1-month increments.
    faltering_threshold : {"tabulated", "formula"}
        WHO's printed percentile cell (the reference) or the LMS formula,
        both in whole grams.
    faltering_row : {"nearest", "completed"}
        WHO row (start month) from the age at last month's weighing.
    max_age_months : int
        Weighings from this age (completed months) on are not monitored:
        61 by default, so 0–60 completed months are (``[age_range]
        last_month`` + 1 in the data; the same boundary as SKDN and the
        immunization list).
    weighing_of_month : {"first", "last"}
        Which weighing stands for a month weighed more than once.
    """

    kbm: KbmTable = attrs.field(factory=kbm_table)
    red_line_sd: float | None = -2.0
    orange_line_sd: float | None = 1.0
    faltering: bool = True
    faltering_percentile: float = 5.0
    faltering_tolerance_days: int = 7
    faltering_threshold: str = attrs.field(
        default="tabulated", validator=attrs.validators.in_(("tabulated", "formula"))
    )
    faltering_row: str = attrs.field(
        default="nearest", validator=attrs.validators.in_(("nearest", "completed"))
    )
    max_age_months: int = 61
    weighing_of_month: str = attrs.field(default="first")

    @weighing_of_month.validator
    def _check(self, _attribute: attrs.Attribute[str], value: str) -> None:
        if value not in ("first", "last"):
            msg = f"weighing_of_month must be 'first' or 'last', got {value!r}"
            raise UsageError(
                msg,
                message_id=f"weighing_of_month harus 'first' atau 'last', bukan {value!r}",
            )

    @classmethod
    def from_data(
        cls, *, kbm_variant: str | None = None, line_style: str | None = None
    ) -> GrowthMonitoringConfig:
        """Build the configuration the packaged data selects (or the named variants)."""
        data = load_rule_table(_TABLE)
        styles = data["lines"]["styles"]
        style_name = line_style or data["lines"]["default"]
        if style_name not in styles:
            msg = f"unknown chart-line style {style_name!r}"
            raise RuleDataError(
                msg,
                message_id=f"gaya garis KMS {style_name!r} tidak dikenal",
                fix=f"use one of: {', '.join(sorted(styles))}",
                fix_id=f"pakai salah satu dari: {', '.join(sorted(styles))}",
            )
        style = styles[style_name]
        faltering = data["faltering"]
        for key in ("threshold", "row", "interval_months"):
            if faltering[key] not in faltering[f"{key}_choices"]:
                msg = f"faltering {key} = {faltering[key]!r} is unknown"
                raise RuleDataError(
                    msg,
                    message_id=f"faltering {key} = {faltering[key]!r} tidak dikenal",
                    field=key,
                    value=faltering[key],
                    fix=f"use one of {faltering[f'{key}_choices']}",
                    fix_id=f"pakai salah satu dari {faltering[f'{key}_choices']}",
                )
        return cls(
            kbm=kbm_table(kbm_variant),
            red_line_sd=style.get("red_sd"),
            orange_line_sd=style.get("orange_sd"),
            faltering=bool(data["faltering"]["enabled"]),
            faltering_percentile=float(data["faltering"]["percentile"]),
            faltering_tolerance_days=int(data["faltering"]["tolerance_days"]),
            faltering_threshold=str(data["faltering"]["threshold"]),
            faltering_row=str(data["faltering"]["row"]),
            max_age_months=last_month() + 1,
            weighing_of_month=str(data["month"]["weighing_of_month"]),
        )


@attrs.frozen(kw_only=True)
class MonthlyStatus:
    """One child in one calendar month on the KMS.

    Parameters
    ----------
    person_id, name, parent_name, posyandu : str or None
    sex : Sex
    birth_date : datetime.date
    month : Month
    date : datetime.date
        Date of the weighing that stands for the month.
    weight_kg : float
    age_months : int
        Completed months at that weighing.
    code : GrowthCode
        N, T, O or B.
    previous_date, previous_weight_kg : date, float or None
        Last month's weighing (for N/T).
    gain_g, kbm_g : int or None
        Gain since last month in whole grams and the KBM it was held to.
    interval_days : int or None
        Days since last month's weighing.
    t_streak : int
        Consecutive T statuses ending this month (0 unless T).
    anthro : Anthro
        Z-scores and Permenkes categories from the growth engine.
    below_red_line, above_orange_line : bool or None
        Weight-for-age z against the configured lines (None: not computable).
    weight_faltering : bool or None
        Gain in whole grams below the configured WHO percentile (None: not
        assessed — no comparison, older than 12 months, or not a 1-month
        interval).
    faltering_threshold_g : int or None
        The WHO percentile increment it was held to (whole grams).
    faltering_who_row : str or None
        WHO's row (interval label, e.g. ``"2 – 3 mo"``) that gave it.
    faltering_interval_months : int or None
        Interval of the WHO table used (1).
    extra_weighings : int
        Other weighings in the same month (follow-up re-checks).
    findings : tuple of Finding
        Follow-up actions (tindak lanjut) with referral target and
        re-evaluation date.
    row : int
        Register row of the weighing.
    """

    person_id: str
    name: str
    parent_name: str
    posyandu: str | None
    sex: Sex
    birth_date: dt.date
    month: Month
    date: dt.date
    weight_kg: float
    age_months: int
    code: GrowthCode
    previous_date: dt.date | None = None
    previous_weight_kg: float | None = None
    gain_g: int | None = None
    kbm_g: int | None = None
    interval_days: int | None = None
    t_streak: int = 0
    anthro: _anthro.Anthro = attrs.field(factory=_anthro.Anthro)
    below_red_line: bool | None = None
    above_orange_line: bool | None = None
    weight_faltering: bool | None = None
    faltering_threshold_g: int | None = None
    faltering_who_row: str | None = None
    faltering_interval_months: int | None = None
    extra_weighings: int = 0
    findings: tuple[Finding, ...] = ()
    row: int = 0

    @property
    def two_t(self) -> bool:
        """Whether this is the second (or later) consecutive T (2T)."""
        return self.t_streak >= 2

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        return {
            "person_id": self.person_id,
            "name": self.name,
            "parent_name": self.parent_name,
            "posyandu": self.posyandu,
            "sex": str(self.sex),
            "birth_date": self.birth_date.isoformat(),
            "month": str(self.month),
            "date": self.date.isoformat(),
            "age_months": self.age_months,
            "weight_kg": self.weight_kg,
            "status": str(self.code),
            "previous_date": self.previous_date.isoformat()
            if self.previous_date
            else None,
            "gain_g": self.gain_g,
            "kbm_g": self.kbm_g,
            "two_t": self.two_t,
            **self.anthro.to_dict(),
            "below_red_line": self.below_red_line,
            "above_orange_line": self.above_orange_line,
            "weight_faltering": self.weight_faltering,
            "faltering_threshold_g": self.faltering_threshold_g,
            "faltering_who_row": self.faltering_who_row,
            "faltering_interval_months": self.faltering_interval_months,
            "extra_weighings": self.extra_weighings,
            "findings": [f.code for f in self.findings],
            "referral": sorted({str(f.referral) for f in self.findings if f.referral}),
        }


@attrs.frozen(eq=False)
class KmsColumns:
    """Monitored child-months of a register as columns; statuses built on demand.

    What :class:`MonthlyStatus` holds, one entry per child-month in the
    statuses' order (person id, then month): the child-months
    (:class:`._kms.ChildMonths`), z-scores and categories, weight
    faltering, the chart lines (−1: not computable, 0: no, 1: yes) and the
    follow-up rules each calls for (:func:`.followup.finding_bits`).
    ``statuses(where)`` builds the objects of the child-months asked for.
    """

    register: Register
    config: GrowthMonitoringConfig
    months: _kms.ChildMonths
    anthro: _anthro.AnthroColumns
    faltering: _anthro.FalteringColumns
    below_red_line: NDArray[np.int8]
    above_orange_line: NDArray[np.int8]
    findings: NDArray[np.int32]

    def __len__(self) -> int:
        return len(self.months)

    @property
    def dates(self) -> NDArray[np.datetime64]:
        """Date of each child-month's weighing."""
        return self.register.column("visit_date")[self.months.pos]

    @property
    def person_codes(self) -> NDArray[np.int32]:
        """The register's person code of each child-month."""
        return self.register.person_codes()[self.months.pos]

    def take(self, where: NDArray[Any]) -> KmsColumns:
        """Return the child-months selected by ``where`` (mask or positions)."""
        return attrs.evolve(
            self,
            months=self.months.take(where),
            anthro=self.anthro.take(where),
            faltering=self.faltering.take(where),
            below_red_line=self.below_red_line[where],
            above_orange_line=self.above_orange_line[where],
            findings=self.findings[where],
        )

    def statuses(
        self, where: NDArray[Any] | None = None, *, findings: bool = True
    ) -> list[MonthlyStatus]:
        """Return the ``MonthlyStatus`` of the child-months ``where`` (default: all).

        ``findings=False`` leaves out the follow-up findings (for counts only).
        """
        chosen = self if where is None else self.take(where)
        with _without_cycle_collection():
            return chosen._statuses(findings=findings)

    def _statuses(self, *, findings: bool) -> list[MonthlyStatus]:
        from posyandu_core.plugins.kesehatan import followup

        statuses = self._objects()
        if findings:
            for i in np.flatnonzero(self.findings).tolist():
                status = statuses[i]
                # The status is new and not shared yet: give it its findings
                # in place rather than copying its 28 fields (attrs' own way
                # of setting a frozen field, as in __attrs_post_init__).
                object.__setattr__(
                    status,
                    "findings",
                    followup.build_findings(
                        int(self.findings[i]),
                        status.person_id,
                        status.date,
                        functools.partial(followup.status_value, status),
                    ),
                )
        return statuses

    def findings_of(self, where: NDArray[Any]) -> Iterator[Finding]:
        """Yield the follow-up findings of the child-months ``where``, in order.

        Equal to their statuses' ``findings``, without building the statuses.
        """
        from posyandu_core.plugins.kesehatan import followup

        chosen = self.take(where)
        ids = self.register.person_ids[chosen.months.pos].tolist()
        dates = _shared(chosen.dates)
        values = chosen._details()
        for n, bits in enumerate(chosen.findings.tolist()):
            yield from followup.build_findings(
                bits, ids[n], dates[n], functools.partial(_entry, values, n)
            )

    def _details(self) -> dict[str, list[Any]]:
        """Return the findings' detail values per child-month (None: not known)."""
        months, a = self.months, self.anthro
        return {
            "gain_g": _where(months.has_gain, months.gain),
            "kbm_g": _where(months.has_gain, months.kbm),
            "t_streak": months.streak.tolist(),
            "waz": _anthro.optional(a.waz),
            "haz": _anthro.optional(a.haz),
            "whz": _anthro.optional(a.whz),
            "hcz": _anthro.optional(a.hcz),
            "bbu": a.bbu.tolist(),
            "tbu": a.tbu.tolist(),
            "bbtb": a.bbtb.tolist(),
            "lk": a.lk.tolist(),
        }

    def children(self) -> dict[str, list[Any]]:
        """Who was weighed when, per child-month, as ``MonthlyStatus`` has it.

        Lists keyed ``person_id``, ``name``, ``parent_name``, ``sex``,
        ``birth_date``, ``age_months``, ``date`` and ``weight_kg`` (equal
        dates and weights share one object).
        """
        register, months = self.register, self.months
        pos, ident = months.pos, months.ident
        return {
            "person_id": register.person_ids[pos].tolist(),
            "name": [n or "" for n in register.column("name")[ident].tolist()],
            "parent_name": [
                n or "" for n in register.column("parent_name")[ident].tolist()
            ],
            "sex": register.column("sex")[ident].tolist(),
            "birth_date": _shared(register.column("birth_date")[ident]),
            "age_months": months.age.tolist(),
            "date": _shared(self.dates),
            "weight_kg": _shared(register.column("weight_kg")[pos]),
        }

    def table(self) -> dict[str, list[Any]]:
        """Return what the KMS report prints of each child-month, as statuses have it.

        Lists keyed by the status's field names (``person_id``, ``name``,
        ``posyandu``, ``month`` as text, ``date``, ``age_months``,
        ``weight_kg``, ``code``, ``gain_g``, ``kbm_g``, ``t_streak``, the
        lines and faltering) and ``findings``: each child-month's follow-up
        bits (:func:`.followup.summary`). The z-scores are ``anthro``.
        """
        register, months, falter = self.register, self.months, self.faltering
        place = register.column("posyandu")
        child = self.children()
        month_of = {
            m: str(Month(1970 + m // 12, m % 12 + 1))
            for m in np.unique(months.month).tolist()
        }
        labels = _anthro.velocity_labels()
        assessed = falter.assessed
        return {
            "person_id": child["person_id"],
            "name": child["name"],
            "posyandu": [
                here or home
                for here, home in zip(
                    place[months.pos].tolist(),
                    place[months.ident].tolist(),
                    strict=True,
                )
            ],
            "month": [month_of[m] for m in months.month.tolist()],
            "date": child["date"],
            "age_months": child["age_months"],
            "weight_kg": child["weight_kg"],
            "code": [_CODES[c] for c in months.code.tolist()],
            "gain_g": _where(months.has_gain, months.gain),
            "kbm_g": _where(months.has_gain, months.kbm),
            "t_streak": months.streak.tolist(),
            "below_red_line": [_LINE[v] for v in self.below_red_line.tolist()],
            "above_orange_line": [_LINE[v] for v in self.above_orange_line.tolist()],
            "weight_faltering": _where(assessed, falter.faltering),
            "faltering_threshold_g": _where(assessed, falter.threshold_g),
            "faltering_who_row": [
                labels[start] if ok else None
                for ok, start in zip(
                    assessed.tolist(), falter.start_month.tolist(), strict=True
                )
            ],
            "findings": self.findings.tolist(),
        }

    def _objects(self) -> list[MonthlyStatus]:
        register, months = self.register, self.months
        if not len(months):
            return []
        pos, ident, prev = months.pos, months.ident, months.prev_pos
        has_prev = prev >= 0
        prev = np.where(has_prev, prev, pos)
        visit, weight = register.column("visit_date"), register.column("weight_kg")
        date_d = visit[pos]
        place = register.column("posyandu")
        child = self.children()
        month_of = {
            m: Month(1970 + m // 12, m % 12 + 1)
            for m in np.unique(months.month).tolist()
        }
        out = []
        for (
            person_id, name, parent, here, home, sex_i, birth, month, date, kg, age,
            code, prev_date, prev_kg, gain_g, kbm_g, interval, streak, z,
            flag, below, above, extra, row, compared,
        ) in zip(
            child["person_id"],
            child["name"],
            child["parent_name"],
            place[pos].tolist(),
            place[ident].tolist(),
            child["sex"],
            child["birth_date"],
            months.month.tolist(),
            child["date"],
            child["weight_kg"],
            child["age_months"],
            months.code.tolist(),
            _shared(visit[prev]),
            _shared(weight[prev]),
            _where(months.has_gain, months.gain),
            _where(months.has_gain, months.kbm),
            (date_d - visit[prev]).astype(np.int64).tolist(),
            months.streak.tolist(),
            self.anthro.objects(),
            self.faltering.objects(),
            self.below_red_line.tolist(),
            self.above_orange_line.tolist(),
            months.extra.tolist(),
            register.row_numbers[pos].tolist(),
            has_prev.tolist(),
            strict=True,
        ):  # fmt: skip
            out.append(
                MonthlyStatus(
                    person_id=person_id,
                    name=name,
                    parent_name=parent,
                    posyandu=here or home,
                    sex=sex_i,
                    birth_date=birth,
                    month=month_of[month],
                    date=date,
                    weight_kg=kg,
                    age_months=age,
                    code=_CODES[code],
                    previous_date=prev_date if compared else None,
                    previous_weight_kg=prev_kg if compared else None,
                    gain_g=gain_g,
                    kbm_g=kbm_g,
                    interval_days=interval if compared else None,
                    t_streak=streak,
                    anthro=z,
                    below_red_line=_LINE[below],
                    above_orange_line=_LINE[above],
                    weight_faltering=flag.faltering,
                    faltering_threshold_g=flag.threshold_g,
                    faltering_who_row=flag.who_row,
                    faltering_interval_months=flag.interval_months,
                    extra_weighings=extra,
                    row=row,
                )
            )
        return out


_LINE = {-1: None, 0: False, 1: True}


class MonthlyStatuses(LazySequence[MonthlyStatus]):
    """Every child-month's :class:`MonthlyStatus` of some ``KmsColumns``, built when read.

    Equal to ``columns.statuses()`` (the list :func:`monitor_register`
    returns); reading it all builds every status in one pass.
    """

    def __init__(self, columns: KmsColumns) -> None:
        super().__init__(len(columns))
        self._columns = columns

    def _build(self, i: int) -> MonthlyStatus:
        return self._columns.statuses(np.array([i]))[0]

    def _prepare_all(self) -> None:
        built = self._built
        for i, status in enumerate(self._columns.statuses()):
            if built[i] is None:
                built[i] = status


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while building many acyclic objects.

    A million statuses and findings would otherwise set off full
    collections that walk every object built so far (the build grows
    faster than the register); none of these objects can form a cycle.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _entry(values: Mapping[str, list[Any]], n: int, key: str) -> Any:
    return values[key][n]


def _where(known: NDArray[np.bool_], values: NDArray[Any]) -> list[Any]:
    """Python values where ``known``, None elsewhere."""
    return [
        v if k else None for k, v in zip(known.tolist(), values.tolist(), strict=True)
    ]


def assess(
    register: Register,
    months: _kms.ChildMonths,
    config: GrowthMonitoringConfig,
    *,
    findings: bool = True,
) -> KmsColumns:
    """Add z-scores, lines, faltering and follow-up rules to child-months (columns).

    One growth-engine call for the z-scores, one for faltering;
    ``findings=False`` leaves the follow-up rules out (for counts only).
    """
    pos, ident, prev = months.pos, months.ident, months.prev_pos
    visit, weight = register.column("visit_date"), register.column("weight_kg")
    birth_d, date_d = register.column("birth_date")[ident], visit[pos]
    sex = register.column("sex")[ident]
    anthro = _anthro.anthro_columns(
        sex=sex,
        age_days=(date_d - birth_d).astype(np.int64),
        weight_kg=weight[pos],
        length_cm=register.column("length_cm")[pos],
        measure=register.column("measure")[pos],
        oedema=register.column("oedema")[pos],
        head_cm=register.column("head_cm")[pos],
    )
    falter = _anthro.not_assessed(len(months))
    pairs = np.flatnonzero(prev >= 0)
    if config.faltering and len(pairs):
        found = _anthro.faltering_checks(
            sex=sex[pairs],
            start_age_days=(visit[prev[pairs]] - birth_d[pairs]).astype(np.int64),
            end_age_days=(date_d[pairs] - birth_d[pairs]).astype(np.int64),
            increment_g=(weight[pos[pairs]] - weight[prev[pairs]]) * 1000,
            percentile=config.faltering_percentile,
            tolerance_days=config.faltering_tolerance_days,
            row_rule=config.faltering_row,
            threshold_rule=config.faltering_threshold,
        )
        for column, values in zip(
            attrs.astuple(falter, recurse=False),
            attrs.astuple(found, recurse=False),
            strict=True,
        ):
            column[pairs] = values
    below = _line(anthro.waz, config.red_line_sd, np.less)
    above = _line(anthro.waz, config.orange_line_sd, np.greater)
    bits = np.zeros(len(months), dtype=np.int32)
    if findings:
        from posyandu_core.plugins.kesehatan import followup

        bits = followup.finding_bits(
            tidak_naik=months.code == _kms.T,
            t_streak=months.streak,
            below_red_line=below == 1,
            above_orange_line=above == 1,
            weight_faltering=falter.faltering,
            tbu=anthro.tbu,
            bbtb=anthro.bbtb,
            bbu=anthro.bbu,
            lk=anthro.lk,
            age_months=months.age,
            weight_kg=weight[pos],
        )
    return KmsColumns(
        register=register,
        config=config,
        months=months,
        anthro=anthro,
        faltering=falter,
        below_red_line=below,
        above_orange_line=above,
        findings=bits,
    )


def _line(
    waz: NDArray[np.float64], sd: float | None, side: np.ufunc
) -> NDArray[np.int8]:
    """Return a chart line as −1 (not computable: no z or no line), 0 or 1."""
    if sd is None:
        return np.full(len(waz), -1, dtype=np.int8)
    with np.errstate(invalid="ignore"):
        crossed = side(waz, sd).astype(np.int8)
    return np.where(np.isnan(waz), np.int8(-1), crossed).astype(np.int8)


_CODES = (GrowthCode.N, GrowthCode.T, GrowthCode.O, GrowthCode.B)


def _shared(column: np.ndarray[Any, Any]) -> list[Any]:
    """Python values of a column, one object per distinct value (memory)."""
    if not len(column):
        return []
    distinct, inverse = np.unique(column, return_inverse=True)
    objects: list[Any] = distinct.tolist()
    return [objects[i] for i in inverse.reshape(-1).tolist()]


def monitor_child(
    rows: Sequence[RegisterRow],
    *,
    config: GrowthMonitoringConfig | None = None,
    overrides: Mapping[tuple[str, str], GrowthCode | str] | None = None,
) -> list[MonthlyStatus]:
    """Return one MonthlyStatus per month in which the child was weighed.

    Parameters
    ----------
    rows : sequence of RegisterRow
        All register rows of one person (any order).
    config : GrowthMonitoringConfig or None
        Defaults to :meth:`GrowthMonitoringConfig.from_data`.
    overrides : mapping of (person_id, "YYYY-MM") to "N" or "T"
        Manual N/T from reading the chart (the "follows the growth line"
        branch of Buku KIA); applies only where a comparison was possible.
    """
    return monitor_register(
        Register(rows=tuple(rows), columns=()), config=config, overrides=overrides
    )[0]


def monitor_register(
    register: Register,
    *,
    config: GrowthMonitoringConfig | None = None,
    overrides: Mapping[tuple[str, str], GrowthCode | str] | None = None,
) -> tuple[list[MonthlyStatus], list[Issue]]:
    """Return every child's monthly statuses and the issues found on the way.

    Computed on the register's columns for every child at once, z-scores
    in one vectorised call to the growth engine. Statuses are sorted by
    person id, then month. :func:`monitor_columns` gives the same as
    columns, without an object per child-month.
    """
    columns, issues = monitor_columns(register, config=config, overrides=overrides)
    return columns.statuses(), list(issues)


def monitor_columns(
    register: Register,
    *,
    config: GrowthMonitoringConfig | None = None,
    overrides: Mapping[tuple[str, str], GrowthCode | str] | None = None,
) -> tuple[KmsColumns, list[Issue]]:
    """Return :func:`monitor_register`'s statuses as columns, and the issues.

    Computed once per register and configuration (registers do not
    change); ``KmsColumns.statuses(where)`` builds the statuses asked for.
    """
    config = config or GrowthMonitoringConfig.from_data()

    if overrides:
        months, issues = child_months(register, config, overrides)
        return assess(register, months, config), issues

    def compute() -> tuple[KmsColumns, list[Issue]]:
        months, issues = _remembered_months(register, config)
        return assess(register, months, config), issues

    columns, issues = remembered(register, ("kms", config), compute)
    return columns, list(issues)  # a copy: callers may extend it


def month_columns(
    register: Register, config: GrowthMonitoringConfig, month: Month
) -> KmsColumns:
    """Return the child-months of one calendar month (no follow-up rules).

    Taken from the register's :func:`monitor_columns` when already
    computed, else only that month's weighings are assessed.
    """
    done = recalled(register, ("kms", config))
    if done is not None:
        columns: KmsColumns = done[0]
        return columns.take(columns.months.month == month.number)
    months, _ = _remembered_months(register, config)
    months = months.take(months.month == month.number)
    return assess(register, months, config, findings=False)


def _remembered_months(
    register: Register, config: GrowthMonitoringConfig
) -> tuple[_kms.ChildMonths, list[Issue]]:
    return remembered(
        register, ("kms-months", config), lambda: child_months(register, config)
    )


def child_months(
    register: Register,
    config: GrowthMonitoringConfig,
    overrides: Mapping[tuple[str, str], GrowthCode | str] | None = None,
) -> tuple[_kms.ChildMonths, list[Issue]]:
    """Return the monitored child-months as columns (see :mod:`._kms`)."""
    return _kms.child_months(
        register,
        kbm=config.kbm.entries,
        max_age_months=config.max_age_months,
        weighing_of_month=config.weighing_of_month,
        overrides=overrides or {},
        code_of=lambda manual: _CODES.index(GrowthCode(manual)),
    )


def last_month() -> int:
    """Return the oldest age monitored, in completed months (60 by default).

    One boundary for the KMS, the SKDN report and the immunization list
    (``pemantauan_pertumbuhan.toml`` ``[age_range]``).
    """
    return int(load_rule_table(_TABLE)["age_range"]["last_month"])


def vitamin_a_due(
    birth_date: dt.date, month: Month, *, given_on: Iterable[dt.date] = ()
) -> dict[str, Any] | None:
    """Return the vitamin A capsule due in ``month`` (Feb/Aug), or None.

    Age is taken in completed months on the 1st of the month. The 6–11-month
    blue capsule is given once: not due again if a capsule was already given
    at 6 months or older.

    Examples
    --------
    >>> vitamin_a_due(dt.date(2025, 1, 10), Month(2025, 8))["capsule"]
    'biru'
    >>> vitamin_a_due(dt.date(2024, 1, 10), Month(2025, 8))["capsule"]
    'merah'
    >>> vitamin_a_due(dt.date(2024, 1, 10), Month(2025, 7)) is None
    True
    """
    data = load_rule_table(_TABLE)["vitamin_a"]
    if month.month not in data["months"]:
        return None
    age = completed_months(birth_date, month.first_day)
    for band in data["bands"]:
        if band["from_months"] <= age < band["to_months"]:
            already = any(
                d < month.first_day
                and completed_months(birth_date, d) >= band["from_months"]
                for d in given_on
            )
            if band.get("once") and already:
                return None
            return dict(band)
    return None


def deworming_due(
    birth_date: dt.date, month: Month, *, given_on: Iterable[dt.date] = ()
) -> bool:
    """Return whether deworming (obat cacing) is due for a child in ``month``.

    Examples
    --------
    >>> deworming_due(dt.date(2023, 5, 1), Month(2025, 8))
    True
    >>> deworming_due(
    ...     dt.date(2023, 5, 1), Month(2025, 8), given_on=[dt.date(2025, 5, 2)]
    ... )
    False
    """
    data = load_rule_table(_TABLE)["deworming"]
    if month.month not in data["months"]:
        return False
    age = completed_months(birth_date, month.first_day)
    if not data["from_months"] <= age < data["to_months"]:
        return False
    window = int(data["min_interval_months"])
    return not any(
        d < month.first_day and completed_months(d, month.first_day) < window
        for d in given_on
    )
