"""SKDN and the monthly Posyandu report (laporan bulanan), DOMAIN.md §5.

Definitions for a register and a calendar month (docs/how-to/monthly-report.md):

* **S** — children 0–60 completed months known to the Posyandu that month:
  seen in the register on or before the month's last day (so a moved-in
  child counts from the month of first appearance) and resident on at least
  one day of the month (the register's one residence rule:
  :func:`posyandu_core.register.resident_in_month`). Age is taken at the
  month's weighing if weighed, else on the month's last day. The Posyandu is
  the one of the child's latest row up to the month's end.
* **K** — of S, those whose latest ``has_kia`` up to the month's end is yes.
* **D** — of S, those weighed in the month; **N/T/O/B**, **2T** and **BGM**
  come from :mod:`.growth_monitoring` for the month's weighing.
* Ages run from 0 to 60 completed months (``[age_range] last_month`` of
  ``pemantauan_pertumbuhan.toml``, the same boundary as the KMS and the
  immunization list); the F1 form's last band is "24–59(60)".
* **VITA_S / VITA_D** — in February and August (Bulan Vitamin A, DOMAIN.md
  §4.6, §5.3): of S, the children a capsule is due for (blue 6–11 months
  unless already given, red 12–59 months; age on the 1st of the month) and,
  of those, the ones given one in the month (``vitamin_a`` column). The
  report's ``vitamin_a`` rows give the same by capsule (bayi / balita) and
  sex.
* Ratios (§5.2): K/S, D/S, D/K, N/D, N/S, BGM/D, 2T/D, **T/D** and
  **N/(D−O−B)** (N over the children with a comparison), and the vitamin A
  coverage VITA_D/VITA_S.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core._data import load_rule_table
from posyandu_core._files import csv_writer
from posyandu_core.errors import InputFileError, RuleDataError
from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan import categories as cat
from posyandu_core.plugins.kesehatan._columns import (
    completed_months as completed_months_between,
)
from posyandu_core.plugins.kesehatan._columns import (
    identity,
    is_none,
    latest_where,
    n_persons,
    present,
    resident_between,
)
from posyandu_core.plugins.kesehatan._kms import B, N, O, T
from posyandu_core.plugins.kesehatan._lazy import LazySequence
from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.plugins.kesehatan.growth_monitoring import (
    GrowthMonitoringConfig,
    KmsColumns,
    month_columns,
    vitamin_a_due,
)
from posyandu_core.register import Register
from posyandu_core.rules import Issue, Severity

__all__ = [
    "AgeBand",
    "ListedChild",
    "SkdnCell",
    "SkdnCounts",
    "SkdnReport",
    "VitaminACoverage",
    "age_bands",
    "check_skdn_consistency",
    "read_skdn_csv",
    "skdn_report",
]

_COUNT_KEYS = ("S", "K", "D", "N", "T", "O", "B", "BGM", "2T", "VITA_S", "VITA_D")


@attrs.frozen
class AgeBand:
    """An age band of the report, ``from_months <= age < to_months``."""

    label: str
    from_months: int
    to_months: int


def age_bands(name: str | None = None) -> tuple[AgeBand, ...]:
    """Return a packaged set of report age bands (default: F1 form 0–5 … 24–59(60))."""
    data = load_rule_table("skdn")["bands"]
    key = name or data["default"]
    if key not in data["sets"]:
        msg = f"unknown age-band set {key!r}"
        raise RuleDataError(
            msg,
            message_id=f"kelompok umur {key!r} tidak dikenal",
            fix=f"use one of: {', '.join(sorted(data['sets']))}",
            fix_id=f"pakai salah satu dari: {', '.join(sorted(data['sets']))}",
        )
    return tuple(
        AgeBand(b["label"], int(b["from_months"]), int(b["to_months"]))
        for b in data["sets"][key]["bands"]
    )


def _ratio(num: int, den: int) -> float | None:
    return None if den == 0 else num / den


@attrs.frozen(kw_only=True)
class SkdnCounts:
    """The counts of one report cell (or the total).

    ``d`` is stored, not computed, so a hand-filled report whose D differs
    from N + T + O + B can be represented and caught by the checks.

    Examples
    --------
    >>> c = SkdnCounts(s=50, k=48, d=40, n=30, t=6, o=2, b=2)
    >>> {k: round(100 * v, 1) for k, v in c.ratios().items() if v is not None}["D/K"]
    83.3
    """

    s: int = 0
    k: int = 0
    d: int = 0
    n: int = 0
    t: int = 0
    o: int = 0
    b: int = 0
    bgm: int = 0
    two_t: int = 0
    vita_s: int = 0
    vita_d: int = 0

    def __add__(self, other: SkdnCounts) -> SkdnCounts:
        return SkdnCounts(
            **{
                f.name: getattr(self, f.name) + getattr(other, f.name)
                for f in attrs.fields(SkdnCounts)
            }
        )

    def ratios(self) -> dict[str, float | None]:
        """Return the §5.2 ratios as fractions (None if /0).

        K/S, D/S, D/K, N/D, N/S, BGM/D, 2T/D, T/D, N/(D-O-B) (N over the
        weighed children that had a comparison) and VITA_D/VITA_S (vitamin A
        coverage, February and August).
        """
        return {
            "K/S": _ratio(self.k, self.s),
            "D/S": _ratio(self.d, self.s),
            "D/K": _ratio(self.d, self.k),
            "N/D": _ratio(self.n, self.d),
            "N/S": _ratio(self.n, self.s),
            "BGM/D": _ratio(self.bgm, self.d),
            "2T/D": _ratio(self.two_t, self.d),
            "T/D": _ratio(self.t, self.d),
            "N/(D-O-B)": _ratio(self.n, self.d - self.o - self.b),
            "VITA_D/VITA_S": _ratio(self.vita_d, self.vita_s),
        }

    def to_dict(self) -> dict[str, int]:
        """Return the counts keyed S, K, D, N, T, O, B, BGM, 2T, VITA_S, VITA_D."""
        values = attrs.astuple(self)
        return dict(zip(_COUNT_KEYS, values, strict=True))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> SkdnCounts:
        """Build counts from a mapping keyed S, K, D, N, T, O, B (others optional)."""
        names = [f.name for f in attrs.fields(cls)]
        values = {}
        for key, name in zip(_COUNT_KEYS, names, strict=True):
            raw = data.get(key, data.get(key.lower(), 0))
            values[name] = int(raw) if raw not in (None, "") else 0
        return cls(**values)


@attrs.frozen(kw_only=True)
class SkdnCell:
    """Counts for one age band and sex."""

    band: str
    sex: Sex
    counts: SkdnCounts


@attrs.frozen(kw_only=True)
class ListedChild:
    """A child on one of the lists a Puskesmas asks for."""

    person_id: str
    name: str
    sex: Sex
    birth_date: dt.date
    age_months: int
    parent_name: str
    weighed_on: dt.date
    weight_kg: float
    length_cm: float | None
    category: str
    z: float | None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        d = attrs.asdict(self)
        d["sex"], d["birth_date"], d["weighed_on"] = (
            str(self.sex),
            str(self.birth_date),
            str(self.weighed_on),
        )
        return d


@attrs.frozen(kw_only=True)
class VitaminACoverage:
    """Vitamin A in February or August for one capsule group and sex (§4.6, §5.3).

    ``sasaran`` children of S a capsule was due for, ``diberi`` those of
    them given one in the month.
    """

    capsule: str
    label_id: str
    label_en: str
    sex: Sex
    sasaran: int = 0
    diberi: int = 0

    @property
    def cakupan(self) -> float | None:
        """Coverage diberi / sasaran (None when nobody was due)."""
        return _ratio(self.diberi, self.sasaran)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary (coverage in percent, 0.1)."""
        return {
            "capsule": self.capsule,
            "label_id": self.label_id,
            "label_en": self.label_en,
            "sex": str(self.sex),
            "sasaran": self.sasaran,
            "diberi": self.diberi,
            "cakupan_percent": None
            if self.cakupan is None
            else round(100 * self.cakupan, 1),
        }


@attrs.frozen(kw_only=True)
class SkdnReport:
    """The monthly report of one Posyandu (or a whole register).

    Parameters
    ----------
    month : Month
    posyandu : str or None
        ``None`` when the report covers every Posyandu of the register.
    cells : tuple of SkdnCell
        One per age band × sex, in band order, L before P.
    lists : mapping of str to sequence of ListedChild
        ``gizi_buruk``, ``gizi_kurang``, ``stunting``, ``2t``, ``bgm``
        (each child built when first read).
    vitamin_a : tuple of VitaminACoverage
        February and August: one row per capsule (blue: bayi 6–11 months,
        red: balita 12–59 months) and sex; empty in other months.
    """

    month: Month
    posyandu: str | None
    cells: tuple[SkdnCell, ...]
    lists: Mapping[str, Sequence[ListedChild]] = attrs.field(factory=dict)
    vitamin_a: tuple[VitaminACoverage, ...] = ()

    @property
    def total(self) -> SkdnCounts:
        """The sum of every cell."""
        total = SkdnCounts()
        for cell in self.cells:
            total = total + cell.counts
        return total

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        total = self.total
        return {
            "month": str(self.month),
            "posyandu": self.posyandu,
            "total": total.to_dict(),
            "ratios_percent": {
                k: None if v is None else round(100 * v, 1)
                for k, v in total.ratios().items()
            },
            "cells": [
                {"band": c.band, "sex": str(c.sex), **c.counts.to_dict()}
                for c in self.cells
            ],
            "lists": {k: [c.to_dict() for c in v] for k, v in self.lists.items()},
            "vitamin_a": [v.to_dict() for v in self.vitamin_a],
        }

    def to_csv(self) -> str:
        """Return the counts as CSV: one row per band × sex, then the total."""
        out = io.StringIO()
        writer = csv_writer(out)
        writer.writerow(["posyandu", "month", "band", "sex", *_COUNT_KEYS])
        for c in self.cells:
            writer.writerow(
                [
                    self.posyandu or "",
                    self.month,
                    c.band,
                    c.sex,
                    *c.counts.to_dict().values(),
                ]
            )
        writer.writerow(
            [
                self.posyandu or "",
                self.month,
                "total",
                "",
                *self.total.to_dict().values(),
            ]
        )
        return out.getvalue()


def skdn_report(
    register: Register,
    month: Month | str,
    *,
    posyandu: str | None = None,
    bands: Sequence[AgeBand] | None = None,
    config: GrowthMonitoringConfig | None = None,
) -> SkdnReport:
    """Return the SKDN report of ``month`` from a register.

    Parameters
    ----------
    register : Register
    month : Month or "YYYY-MM"
    posyandu : str or None
        Restrict to one Posyandu (by the ``posyandu`` column).
    bands : sequence of AgeBand or None
        Report age bands (default from ``skdn.toml``).
    config : GrowthMonitoringConfig or None
        Growth-monitoring choices (KBM table, chart lines).

    Notes
    -----
    Rows dated after the month are ignored, so a report never changes when
    later months are added to the register.
    """
    month = Month.parse(month) if isinstance(month, str) else month
    bands = tuple(bands) if bands is not None else age_bands()
    config = config or GrowthMonitoringConfig.from_data()
    vitamin_a = _vitamin_a_groups(month)
    first, last = np.datetime64(month.first_day), np.datetime64(month.last_day)
    visit = register.column("visit_date")
    kept = visit <= last  # NaT compares False
    # The whole register when nothing is later (its KMS columns are reused).
    upto = register if kept.all() else register.take(np.flatnonzero(kept))
    kms = month_columns(upto, config, month)
    people = n_persons(upto)
    status_of = np.full(people, -1, dtype=np.intp)
    status_of[kms.person_codes] = np.arange(len(kms))
    ident = identity(upto)
    has_kia = upto.column("has_kia")
    kia = latest_where(upto, ~is_none(has_kia), people)
    where = latest_where(upto, present(upto.column("posyandu")), people)
    everyone = np.arange(people)
    resident = resident_between(
        upto,
        everyone,
        np.full(people, first),
        np.full(people, last),
        undated=False,
    )
    birth = upto.column("birth_date")[ident]
    age = _months_to(birth, last)  # not weighed: age on the month's last day
    weighed = status_of >= 0
    age[weighed] = kms.months.age[status_of[weighed]]
    band_of = np.full(people, -1)
    for i, b in reversed(list(enumerate(bands))):
        band_of[(b.from_months <= age) & (age < b.to_months)] = i
    place = upto.column("posyandu")
    counted = (ident >= 0) & resident & (band_of >= 0) & (age < config.max_age_months)
    if posyandu is not None:
        counted &= (where >= 0) & (place[where] == posyandu)
    persons = np.flatnonzero(counted)
    entry = status_of[persons]
    weighed = entry >= 0
    kia_row = kia[persons]
    vita_s, vita_d = _vitamin_a_counts(upto, persons, birth, month, vitamin_a)
    # Bands with the same label share their counts (one cell per label and sex).
    first_of = {b.label: i for i, b in reversed(list(enumerate(bands)))}
    same = np.array([first_of[b.label] for b in bands], dtype=np.intp)
    female = upto.column("sex")[ident[persons]] == Sex.FEMALE
    cell = same[band_of[persons]] * 2 + female
    code = _at(kms.months.code, entry, -1)
    found = {
        "s": np.ones(len(persons), dtype=bool),
        "k": (kia_row >= 0) & has_kia[kia_row].astype(bool),
        "d": weighed,
        "n": code == N,
        "t": code == T,
        "o": code == O,
        "b": code == B,
        "bgm": _at(kms.below_red_line, entry, 0) == 1,
        "two_t": _at(kms.months.streak, entry, 0) >= 2,
        "vita_s": vita_s,
        "vita_d": vita_d,
    }
    sums = {
        name: np.bincount(cell, weights=hits, minlength=2 * len(bands))
        .astype(np.int64)
        .tolist()
        for name, hits in found.items()
    }
    cells = tuple(
        SkdnCell(
            band=b.label,
            sex=sex,
            counts=SkdnCounts(**{name: sums[name][i * 2 + j] for name in found}),
        )
        for i, b in enumerate(bands)
        if same[i] == i  # a label's first band: its one cell per sex
        for j, sex in enumerate((Sex.MALE, Sex.FEMALE))
    )
    return SkdnReport(
        month=month,
        posyandu=posyandu,
        cells=cells,
        lists=_lists(kms, entry[weighed], upto.column("length_cm")),
        vitamin_a=tuple(vitamin_a.values()),
    )


def _at(values: NDArray[Any], entry: NDArray[np.intp], empty: int) -> NDArray[Any]:
    """``values`` at each child-month ``entry``; ``empty`` where not weighed (-1)."""
    out = np.full(len(entry), empty, dtype=values.dtype)
    out[entry >= 0] = values[entry[entry >= 0]]
    return out


def _lists(
    kms: KmsColumns, entries: NDArray[np.intp], length: NDArray[np.float64]
) -> dict[str, Sequence[ListedChild]]:
    """Return the Puskesmas lists (weighed children only), by name then id."""
    a = kms.anthro.take(entries)
    streak = kms.months.streak[entries]
    lists: dict[str, list[tuple[int, str, float]]] = {
        k: [] for k in ("gizi_buruk", "gizi_kurang", "stunting", "2t", "bgm")
    }
    for i in np.flatnonzero(np.isin(a.bbtb, list(cat.WASTED))).tolist():
        lists[a.bbtb[i]].append((i, a.bbtb[i], a.whz[i]))
    for i in np.flatnonzero(np.isin(a.tbu, list(cat.STUNTED))).tolist():
        lists["stunting"].append((i, a.tbu[i], a.haz[i]))
    for i in np.flatnonzero(streak >= 2).tolist():
        lists["2t"].append((i, f"{streak[i]}T", math.nan))
    for i in np.flatnonzero(kms.below_red_line[entries] == 1).tolist():
        lists["bgm"].append((i, a.bbu[i] or "bgm", a.waz[i]))
    listed = sorted({i for found in lists.values() for i, _, _ in found})
    child = kms.take(entries[listed]).children() if listed else {}
    at = {i: n for n, i in enumerate(listed)}
    names = sorted(at.values(), key=lambda n: (child["name"][n], child["person_id"][n]))
    rank = {n: r for r, n in enumerate(names)}
    size = length[kms.months.pos[entries]]
    return {
        k: _Listed(
            child,
            [
                (at[i], _number(size[i]), category, _number(z))
                for i, category, z in sorted(found, key=lambda f: rank[at[f[0]]])
            ],
        )
        for k, found in lists.items()
    }


class _Listed(LazySequence[ListedChild]):
    """One Puskesmas list, each child built when first read.

    A big register lists tens of thousands; a count needs no object.
    """

    def __init__(
        self,
        child: dict[str, list[Any]],
        entries: list[tuple[int, float | None, str, float | None]],
    ) -> None:
        super().__init__(len(entries))
        self._child, self._entries = child, entries

    def _build(self, i: int) -> ListedChild:
        n, length_cm, category, z = self._entries[i]
        child = self._child
        return ListedChild(
            person_id=child["person_id"][n],
            name=child["name"][n],
            sex=child["sex"][n],
            birth_date=child["birth_date"][n],
            age_months=child["age_months"][n],
            parent_name=child["parent_name"][n],
            weighed_on=child["date"][n],
            weight_kg=child["weight_kg"][n],
            length_cm=length_cm,
            category=category,
            z=z,
        )


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _vitamin_a_counts(
    register: Register,
    persons: NDArray[np.intp],
    birth: NDArray[np.datetime64],
    month: Month,
    groups: dict[tuple[str, Sex], VitaminACoverage],
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """Per person counted, whether a capsule was due (VITA_S) and given (VITA_D).

    Counts each into its capsule group of ``groups`` (empty outside
    February and August: nobody is due).
    """
    due = np.zeros(len(persons), dtype=bool)
    given = np.zeros(len(persons), dtype=bool)
    if not groups:
        return due, given
    dates = _vitamin_a_dates(register)
    sexes = register.column("sex")[identity(register)[persons]]
    tally = {key: [0, 0] for key in groups}
    for i, (person, born, sex) in enumerate(
        zip(persons.tolist(), birth[persons].tolist(), sexes.tolist(), strict=True)
    ):
        capsule, in_month = _vitamin_a(dates.get(person, []), born, month)
        if capsule is not None:
            due[i], given[i] = True, in_month
            tally[(capsule, sex)][0] += 1
            tally[(capsule, sex)][1] += int(in_month)
    for key, (sasaran, diberi) in tally.items():
        groups[key] = attrs.evolve(groups[key], sasaran=sasaran, diberi=diberi)
    return due, given


def _months_to(birth: Any, on: Any) -> Any:
    """Completed months from each birth date (NaT: -1) to ``on``."""
    known = ~np.isnat(birth)
    out = np.full(len(birth), -1, dtype=np.int64)
    out[known] = completed_months_between(birth[known], np.full(known.sum(), on))
    return out


def _vitamin_a_dates(register: Register) -> dict[int, list[dt.date]]:
    """Per person code, the visit dates a vitamin A capsule was given on."""
    rows = np.flatnonzero(present(register.column("vitamin_a")))
    rows = rows[~np.isnat(register.column("visit_date")[rows])]
    given: dict[int, list[dt.date]] = {}
    for person, date in zip(
        register.person_codes()[rows].tolist(),
        register.column("visit_date")[rows].tolist(),
        strict=True,
    ):
        given.setdefault(person, []).append(date)
    return given


def _vitamin_a_groups(month: Month) -> dict[tuple[str, Sex], VitaminACoverage]:
    data = load_rule_table("pemantauan_pertumbuhan")["vitamin_a"]
    if month.month not in data["months"]:
        return {}
    return {
        (band["capsule"], sex): VitaminACoverage(
            capsule=band["capsule"],
            label_id=band["label_id"],
            label_en=band["label_en"],
            sex=sex,
        )
        for band in data["bands"]
        for sex in (Sex.MALE, Sex.FEMALE)
    }


def _vitamin_a(
    given: list[dt.date], birth: dt.date, month: Month
) -> tuple[str | None, bool]:
    """Return the capsule due for a child in ``month`` (or None) and if given."""
    due = vitamin_a_due(birth, month, given_on=given)
    if due is None:
        return None, False
    in_month = any(Month.of(d) == month for d in given)
    return str(due["capsule"]), in_month


def _consistency(counts: SkdnCounts, where: str) -> Iterable[Issue]:
    def issue(code: str, field: str, value: object, mid: str, men: str) -> Issue:
        return Issue(
            severity=Severity.ERROR,
            code=f"skdn.{code}",
            field=field,
            value=value,
            message_id=f"{where}: {mid}",
            message_en=f"{where}: {men}",
        )

    parts = counts.n + counts.t + counts.o + counts.b
    if counts.d != parts:
        yield issue(
            "d_sum",
            "D",
            counts.d,
            f"D = {counts.d} tetapi N + T + O + B = {parts}",
            f"D = {counts.d} but N + T + O + B = {parts}",
        )
    if counts.d > counts.s:
        yield issue(
            "d_gt_s",
            "D",
            counts.d,
            f"D ({counts.d}) lebih dari S ({counts.s})",
            f"D ({counts.d}) exceeds S ({counts.s})",
        )
    if counts.k > counts.s:
        yield issue(
            "k_gt_s",
            "K",
            counts.k,
            f"K ({counts.k}) lebih dari S ({counts.s})",
            f"K ({counts.k}) exceeds S ({counts.s})",
        )
    if counts.n > counts.d:
        yield issue(
            "n_gt_d",
            "N",
            counts.n,
            f"N ({counts.n}) lebih dari D ({counts.d})",
            f"N ({counts.n}) exceeds D ({counts.d})",
        )
    if counts.vita_d > counts.vita_s:
        yield issue(
            "vita_d_gt_s",
            "VITA_D",
            counts.vita_d,
            f"vitamin A diberi ({counts.vita_d}) lebih dari sasaran ({counts.vita_s})",
            f"vitamin A given ({counts.vita_d}) exceeds its target ({counts.vita_s})",
        )
    for name, value in counts.to_dict().items():
        if value < 0:
            yield issue(
                "negative", name, value, f"{name} negatif", f"{name} is negative"
            )


def check_skdn_consistency(report: SkdnReport | SkdnCounts) -> list[Issue]:
    """Check D = N + T + O + B, D ≤ S, K ≤ S, N ≤ D, VITA_D ≤ VITA_S (each cell, total).

    This is the check behind the ``kesehatan.skdn_consistency`` rule
    (target ``"skdn_report"``); it accepts a full report or bare counts.

    Examples
    --------
    >>> counts = SkdnCounts(s=50, d=40, n=30, t=6, o=1, b=1)
    >>> [i.code for i in check_skdn_consistency(counts)]
    ['skdn.d_sum']
    """
    if isinstance(report, SkdnCounts):
        return list(_consistency(report, "total"))
    issues: list[Issue] = []
    for cell in report.cells:
        issues.extend(_consistency(cell.counts, f"{cell.band} {cell.sex}"))
    issues.extend(_consistency(report.total, "total"))
    return issues


def read_skdn_csv(source: str | os.PathLike[str] | IO[str]) -> SkdnReport:
    """Read a report written by :meth:`SkdnReport.to_csv` (or filled by hand).

    Rows with ``band = total`` are ignored: the total is recomputed from the
    cells. Columns are ``posyandu, month, band, sex, S, K, D, N, T, O, B``
    and optionally ``BGM, 2T``.

    Raises
    ------
    InputFileError
        Missing file, missing columns, unreadable numbers, mixed months.
    """
    if isinstance(source, str | os.PathLike):
        try:
            text = Path(source).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            msg = f"cannot read SKDN report {os.fspath(source)}: {exc}"
            raise InputFileError(
                msg,
                message_id=f"laporan SKDN {os.fspath(source)} tidak terbaca: {exc}",
                fix="give a UTF-8 CSV written by 'posyandu report skdn --format csv'",
                fix_id="berikan CSV UTF-8 hasil 'posyandu report skdn --format csv'",
            ) from exc
    else:
        text = source.read()
    reader = csv.DictReader(io.StringIO(text))
    needed = {"month", "band", "sex", "S", "K", "D", "N", "T", "O", "B"}
    missing = needed - set(reader.fieldnames or ())
    if missing:
        msg = f"SKDN report lacks columns: {', '.join(sorted(missing))}"
        raise InputFileError(
            msg,
            message_id=f"laporan SKDN tidak punya kolom: {', '.join(sorted(missing))}",
            fix="use the columns of 'posyandu report skdn --format csv'",
            fix_id="pakai kolom dari 'posyandu report skdn --format csv'",
        )
    cells, months, places = [], set(), set()
    for number, rec in enumerate(reader, start=1):
        if rec["band"].strip().lower() == "total":
            continue
        try:
            counts = SkdnCounts.from_mapping(rec)
            sex = Sex.parse(rec["sex"])
            months.add(Month.parse(rec["month"]))
        except ValueError as exc:
            raise InputFileError(
                str(exc),
                message_id=f"baris laporan SKDN tidak terbaca ({exc})",
                row=number,
                fix="counts are whole numbers, months YYYY-MM",
                fix_id="jumlah berupa bilangan bulat, bulan YYYY-MM",
            ) from exc
        places.add(rec.get("posyandu") or None)
        cells.append(SkdnCell(band=rec["band"], sex=sex, counts=counts))
    if len(months) != 1:
        msg = f"an SKDN report covers one month; found {len(months)}"
        raise InputFileError(
            msg, message_id=f"laporan SKDN mencakup satu bulan; terbaca {len(months)}"
        )
    return SkdnReport(
        month=months.pop(),
        posyandu=places.pop() if len(places) == 1 else None,
        cells=tuple(cells),
    )
