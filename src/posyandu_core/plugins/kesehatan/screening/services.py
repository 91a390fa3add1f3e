"""Life-cycle screening services on the register: ``(register, as_of) -> list[Finding]``.

One function per life stage reads each person's rows up to ``as_of``,
runs the screening rules on the latest values and returns the
:class:`~posyandu_core.model.Finding` s a kader acts on: who is due what
(KF/KN visits, PTM screening, Hb check, weekly TTD), who is at risk and
who must be referred. Normal results give no finding; a value the rules
flag as implausible gives a warning finding, never a category.

Readings (documented conventions of these services):

* a measurement counts for ``LOOKBACK_DAYS`` (365) after it was taken;
* a woman is pregnant on ``as_of`` when her latest row with a maternal
  status says ``hamil``, no delivery is recorded after it, and her
  gestational age (from the HPHT, else the recorded age plus the days since)
  is at most 45 weeks;
* rows taken while pregnant (status ``hamil``) are not PTM screening;
* an empty ``glucose_kind`` is GDS (the kader's glucometer, DOMAIN.md §2.6);
* under 18 years IMT is judged by IMT/U (5-18 y), from 18 by adult IMT.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, cast

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core.model import Finding
from posyandu_core.model._age import completed_months, completed_years
from posyandu_core.model._enums import Sex
from posyandu_core.plugins.kesehatan.screening import _people as _who
from posyandu_core.plugins.kesehatan.screening import (
    adult,
    elderly,
    kb,
    maternal,
    school,
)
from posyandu_core.plugins.kesehatan.screening._result import (
    ScreeningResult,
    ScreeningStatus,
)
from posyandu_core.plugins.kesehatan.screening._rules import screening_rule
from posyandu_core.register import Register, RegisterRow
from posyandu_core.rules import Severity

LOOKBACK_DAYS: Final = 365
MAX_GESTATION_WEEKS: Final = 45
_QUIET_ACTIONS: Final = frozenset({"tidak_ada", "edukasi", "kunjungan_sesuai_jadwal"})


def _note(
    rule_id: str,
    code: str,
    labels: tuple[str, str],
    person: str,
    on: dt.date,
    *,
    severity: Severity = Severity.INFO,
    **extra: Any,
) -> Finding:
    """Return a finding of rule ``rule_id`` (versioned by its valid-from date)."""
    rule = screening_rule(rule_id)
    return Finding(
        code=code,
        label_id=labels[0],
        label_en=labels[1],
        severity=severity,
        rule=f"{rule.id}@{rule.valid_from}",
        person_id=person,
        date=on,
        **extra,
    )


def _finding(person: str, on: dt.date, result: ScreeningResult) -> Finding | None:
    """Turn a screening result into the finding a kader acts on (None: nothing to do)."""
    if result.status is ScreeningStatus.IMPLAUSIBLE:
        labels = (
            f"Nilai tidak masuk akal, ukur ulang: {result.problem}",
            f"Implausible value, re-measure: {result.problem}",
        )
        return _note(
            result.rule, f"{result.rule}.implausible", labels, person, on,
            severity=Severity.WARNING, details={"field": result.field},
        )  # fmt: skip
    if not result.classified or result.action is None:
        return None
    action = result.action
    if action.referral is None and action.code in _QUIET_ACTIONS:
        return None
    severity = (
        Severity.ERROR
        if action.code == "rujuk_segera"
        else Severity.WARNING
        if action.referral is not None
        else Severity.INFO
    )
    recheck = (
        None
        if action.recheck_after_months is None
        else on + dt.timedelta(days=round(action.recheck_after_months * 30.4375))
    )
    labels = (
        f"{result.label_id}: {action.label_id}",
        f"{result.label_en}: {action.label_en}",
    )
    return _note(
        result.rule,
        f"{result.rule}.{result.code}",
        labels,
        person,
        on,
        severity=severity,
        referral=action.referral,
        reevaluate_on=recheck,
        details={
            "value": result.value,
            "kemkes_code": result.kemkes_code,
            "action": action.code,
            **dict(result.details),
        },
    )


def _collect(
    findings: list[Finding], person: str, on: dt.date, result: ScreeningResult
) -> None:
    found = _finding(person, on, result)
    if found is not None:
        findings.append(found)


def _people(
    register: Register, as_of: dt.date, who: _who.Who
) -> Iterable[tuple[str, list[RegisterRow]]]:
    """Each person's rows up to ``as_of`` (sorted by visit date), with a birth date and sex.

    Only the persons ``who`` chooses from the columns: the ones the service
    would not pass over (see :mod:`._people`).
    """
    return _who.people(register, as_of, who)


def _has_status(status: str) -> Callable[[Register], NDArray[np.bool_]]:
    def has(register: Register) -> NDArray[np.bool_]:
        column = register.column("status")
        return np.fromiter(
            (bool(s) and status in s for s in column.tolist()),
            dtype=bool,
            count=len(column),
        )

    return has


def _has_delivery(register: Register) -> NDArray[np.bool_]:
    has: NDArray[np.bool_] = ~np.isnat(register.column("delivery_date"))
    return has


def _newborn(persons: _who.Persons) -> NDArray[np.bool_]:
    days = (np.datetime64(persons.as_of) - persons.birth).astype(np.int64)
    newborn: NDArray[np.bool_] = ~np.isnat(persons.birth) & (days >= 0) & (days <= 28)
    return newborn


def _latest(
    rows: Sequence[RegisterRow],
    as_of: dt.date,
    has: Callable[[RegisterRow], bool],
    since: dt.date | None = None,
) -> RegisterRow | None:
    """Return the latest row within the lookback (and from ``since``) where ``has`` holds."""
    start = max(since or dt.date.min, as_of - dt.timedelta(days=LOOKBACK_DAYS))
    for row in reversed(rows):
        assert row.visit_date is not None  # _people keeps dated rows only
        if row.visit_date < start:
            return None
        if has(row):
            return row
    return None


def _birth(rows: Sequence[RegisterRow]) -> tuple[dt.date, Sex]:
    last = rows[-1]
    assert last.birth_date is not None
    assert last.sex is not None
    return last.birth_date, last.sex


# --- ibu hamil, nifas, newborn ------------------------------------------------


def _pregnancy_start(
    rows: Sequence[RegisterRow], as_of: dt.date
) -> tuple[dt.date, float] | None:
    """Return (first row date of this pregnancy, gestational age on as_of) or None."""
    with_status = [r for r in rows if r.status]
    if not with_status or "hamil" not in with_status[-1].status:
        return None
    current = [r for r in rows if "hamil" in r.status]
    first = current[0]
    for earlier, later in itertools.pairwise(current):
        assert earlier.visit_date is not None
        assert later.visit_date is not None
        if (later.visit_date - earlier.visit_date).days > MAX_GESTATION_WEEKS * 7:
            first = later  # an earlier pregnancy
    assert first.visit_date is not None
    if any(
        r.delivery_date is not None and r.delivery_date >= first.visit_date
        for r in rows
    ):
        return None
    pregnancy = [
        r
        for r in current
        if r.visit_date is not None and r.visit_date >= first.visit_date
    ]
    weeks = gestational_weeks(pregnancy, as_of)
    if weeks is None:
        return first.visit_date, float("nan")
    if weeks > MAX_GESTATION_WEEKS:
        return None
    return first.visit_date, weeks


def pregnancy_rows(rows: Sequence[RegisterRow], on: dt.date) -> list[RegisterRow]:
    """Return the ``hamil`` rows up to ``on`` of the pregnancy of the latest such row.

    A gap of more than 45 weeks between two ``hamil`` rows, or a recorded
    delivery between them, starts a new pregnancy.
    """
    current: list[RegisterRow] = []
    delivered = {r.delivery_date for r in rows if r.delivery_date is not None}
    for row in rows:
        if "hamil" not in row.status or row.visit_date is None or row.visit_date > on:
            continue
        previous = current[-1].visit_date if current else None
        if previous is not None and (
            (row.visit_date - previous).days > MAX_GESTATION_WEEKS * 7
            or any(previous <= d <= row.visit_date for d in delivered)
        ):
            current = []
        current.append(row)
    return current


def gestational_weeks(pregnancy: Sequence[RegisterRow], on: dt.date) -> float | None:
    """Gestational age on ``on`` from a pregnancy's rows: the HPHT, else the latest recorded age.

    Examples
    --------
    >>> from posyandu_core.register import RegisterRow
    >>> r = RegisterRow(row=1, person_id="B", visit_date=dt.date(2026, 3, 2),
    ...     gestational_age_weeks=20.0)
    >>> gestational_weeks([r], dt.date(2026, 3, 16))
    22.0
    """
    hpht = next((r.hpht for r in reversed(pregnancy) if r.hpht is not None), None)
    if hpht is not None:
        return maternal.gestational_age_weeks(hpht=hpht, on=on)
    for r in reversed(pregnancy):
        if r.gestational_age_weeks is not None and r.visit_date is not None:
            return r.gestational_age_weeks + (on - r.visit_date).days / 7
    return None


def is_anc_contact(row: RegisterRow) -> bool:
    """Whether the row records an ANC contact (any of the ``anc_*`` columns filled)."""
    return (
        row.anc_contact is not None
        or row.anc_provider is not None
        or row.anc_usg is not None
    )


def anc_contacts(
    pregnancy: Sequence[RegisterRow],
) -> list[tuple[RegisterRow, maternal.AncContact]]:
    """Return the ANC contacts of a pregnancy's rows with their gestational age (§7.1).

    A contact whose gestational age is unknown (no HPHT and no recorded
    age in the pregnancy) or whose ``anc_provider`` is neither ``dokter``
    nor ``bidan`` raises :class:`AncDataError` naming the row.
    """
    providers = screening_rule("maternal.anc_summary").data["providers"]
    contacts = []
    for row in pregnancy:
        if not is_anc_contact(row) or row.visit_date is None:
            continue
        weeks = gestational_weeks(pregnancy, row.visit_date)
        if weeks is None:
            raise AncDataError(row, "gestational_age_weeks", None)
        provider = (row.anc_provider or "").strip().lower()
        if provider and provider not in providers:
            raise AncDataError(row, "anc_provider", row.anc_provider)
        contacts.append(
            (
                row,
                maternal.AncContact(
                    gestational_age_weeks=weeks,
                    by_doctor=providers.get(provider) == "dokter",
                    usg=bool(row.anc_usg),
                ),
            )
        )
    return contacts


class AncDataError(ValueError):
    """An ANC contact row the summary cannot use: its row, field and value."""

    def __init__(self, row: RegisterRow, field: str, value: object) -> None:
        self.row, self.field, self.value = row, field, value
        self.labels = (
            f"Baris {row.row}: kontak ANC tanpa {field} yang sah ({value!r}); isi HPHT atau "
            "usia kehamilan, pemeriksa dokter atau bidan",
            f"Row {row.row}: ANC contact without a valid {field} ({value!r}); record the "
            "HPHT or gestational age, provider dokter or bidan",
        )
        super().__init__(" / ".join(self.labels))


def _danger(findings: list[Finding], person: str, row: RegisterRow, stage: str) -> None:
    signs = [s for s in row.danger_signs if s != "tidak_ada"]
    if row.visit_date is not None and signs:
        _collect(
            findings,
            person,
            row.visit_date,
            maternal.danger_signs(stage=stage, signs=signs),
        )


def pregnancy_findings(register: Register, as_of: dt.date) -> list[Finding]:
    """Return the findings for women pregnant on ``as_of`` (DOMAIN.md §7.1-§7.6).

    The trimester with its minimum ANC contacts (a reminder to accompany
    her to the Pustu/Puskesmas), and from this pregnancy's latest values:
    KEK (LiLA), anaemia (Hb), hypertension, danger signs; and the 4T her age
    and an earlier delivery show (terlalu muda/tua/dekat).

    Examples
    --------
    >>> from posyandu_core.register import Register, RegisterRow
    >>> row = RegisterRow(row=1, person_id="B1", sex="P", birth_date=dt.date(1995, 1, 1),
    ...     visit_date=dt.date(2026, 3, 10), status=("hamil",), hpht=dt.date(2026, 1, 1),
    ...     muac_cm=22.0)
    >>> [f.code for f in pregnancy_findings(Register(rows=(row,), columns=()), dt.date(2026, 3, 10))]
    ['maternal.trimester.trimester_1', 'maternal.kek.kek']
    """
    findings: list[Finding] = []
    minimum = screening_rule("maternal.anc_summary").data["minimum_per_trimester"]
    with_anc = any(register.has(c) for c in ("anc_contact", "anc_provider", "anc_usg"))
    pregnant = _who.any_seen_row(_has_status("hamil"))
    for person, rows in _people(register, as_of, pregnant):
        pregnancy = _pregnancy_start(rows, as_of)
        if pregnancy is None:
            continue
        since, weeks = pregnancy
        tm = maternal.trimester(gestational_age_weeks=weeks)
        if tm.status is ScreeningStatus.MISSING_INPUT:
            findings.append(
                _note(
                    "maternal.trimester",
                    "maternal.trimester.missing_input",
                    (
                        "Usia kehamilan belum diketahui: catat HPHT atau usia kehamilan",
                        "Gestational age unknown: record the HPHT or the gestational age",
                    ),
                    person,
                    as_of,
                )
            )
        if tm.classified and tm.code is not None:
            findings.append(
                _note(
                    "maternal.anc_summary",
                    f"maternal.trimester.{tm.code}",
                    (
                        f"{tm.label_id}: minimal {minimum[tm.code]} kontak ANC di trimester ini",
                        f"{tm.label_en}: at least {minimum[tm.code]} ANC contacts this trimester",
                    ),
                    person,
                    as_of,
                    details={"gestational_age_weeks": round(weeks, 1)},
                )
            )
        checks: list[tuple[Callable[[RegisterRow], bool], Callable[[RegisterRow], ScreeningResult]]] = [
            (lambda r: r.muac_cm is not None, lambda r: maternal.kek(lila_cm=r.muac_cm)),
            (lambda r: r.hb_g_dl is not None, lambda r: maternal.anaemia(hb_g_dl=r.hb_g_dl, pregnant=True)),
            (
                lambda r: r.systolic_mmhg is not None,
                lambda r: maternal.pregnancy_blood_pressure(
                    systolic_mmhg=r.systolic_mmhg, diastolic_mmhg=r.diastolic_mmhg
                ),
            ),
        ]  # fmt: skip
        for has, screen in checks:
            row = _latest(rows, as_of, has, since=since)
            if row is not None and row.visit_date is not None:
                _collect(findings, person, row.visit_date, screen(row))
        last = _latest(rows, as_of, lambda r: bool(r.danger_signs), since=since)
        if last is not None:
            _danger(findings, person, last, "kehamilan")
        _collect(findings, person, since, _four_t(rows, since))
        if with_anc:
            findings += _anc_findings(person, rows, since, weeks, as_of)
    return findings


def _anc_findings(
    person: str,
    rows: Sequence[RegisterRow],
    since: dt.date,
    weeks: float,
    as_of: dt.date,
) -> list[Finding]:
    """K1 murni/akses and the K1-K6 summary of the current pregnancy (DOMAIN.md §7.1)."""
    pregnancy = [
        r
        for r in rows
        if r.visit_date is not None and r.visit_date >= since and "hamil" in r.status
    ]
    try:
        contacts = anc_contacts(pregnancy)
    except AncDataError as bad:
        return [
            _note(
                "maternal.anc_summary", "maternal.anc_summary.invalid", bad.labels,
                person, as_of, severity=Severity.WARNING,
                details={"row": bad.row.row, "field": bad.field, "value": bad.value},
            )
        ]  # fmt: skip
    findings: list[Finding] = []
    for n, (row, _) in enumerate(contacts, start=1):
        written = (row.anc_contact or "").strip().upper()
        number = written[1:2] if written.startswith("K") else ""
        if number.isdigit() and int(number) != n and row.visit_date is not None:
            findings.append(
                _note(
                    "maternal.anc_summary", "maternal.anc_summary.number_mismatch",
                    (
                        f"Baris {row.row}: tertulis {written}, register memuat kontak ke-{n}; "
                        "catat kontak ANC sebelumnya dari Buku KIA",
                        f"Row {row.row}: written {written}, the register holds contact {n}; "
                        "record the earlier ANC contacts from the Buku KIA",
                    ),
                    person, row.visit_date, severity=Severity.WARNING,
                    details={"row": row.row, "written": written, "counted": n},
                )
            )  # fmt: skip
    if contacts:
        first_row, first = contacts[0]
        assert first_row.visit_date is not None
        _collect(findings, person, first_row.visit_date, maternal.anc_first_contact(
            gestational_age_weeks=first.gestational_age_weeks))  # fmt: skip
    _collect(findings, person, as_of, maternal.anc_summary(
        contacts=[c for _, c in contacts], gestational_age_weeks=weeks))  # fmt: skip
    return findings


def _four_t(rows: Sequence[RegisterRow], since: dt.date) -> ScreeningResult:
    """4T from what the register knows: her age and the interval since an earlier delivery.

    The number of children is not in the register, so only a T that is
    present gives a finding (``kb.four_t`` reports missing input otherwise).
    """
    birth, _ = _birth(rows)
    earlier = [
        r.delivery_date
        for r in rows
        if r.delivery_date is not None and r.delivery_date < since
    ]
    interval = None if not earlier else completed_months(max(earlier), since)
    return kb.four_t(
        mother_age_years=completed_years(birth, since), birth_interval_months=interval
    )


def _windows(kind: str) -> dict[str, tuple[int, int]]:
    windows = screening_rule("maternal.postnatal_visit").data["windows"][kind]
    return {visit: (int(lo), int(hi)) for visit, (lo, hi) in windows.items()}


def _visit_findings(
    person: str, start: dt.date, visits: Iterable[dt.date], as_of: dt.date, kind: str
) -> list[Finding]:
    """KF/KN windows: missed ones (warning) and the one open now without a visit (info)."""
    rule = screening_rule("maternal.postnatal_visit")
    days_seen = {(v - start).days for v in visits if v >= start}
    today = (as_of - start).days
    findings = []
    for visit, (first, last) in _windows(kind).items():
        if first > today or any(first <= d <= last for d in days_seen):
            continue
        missed = last < today
        findings.append(
            _note(
                rule.id,
                f"maternal.postnatal_visit.{'missed' if missed else 'due'}.{visit}",
                (
                    f"Kunjungan {visit} {'terlewat' if missed else 'jatuh tempo'} (hari ke-{first} s.d. {last})",
                    f"Visit {visit} {'missed' if missed else 'due'} (day {first} to {last})",
                ),
                person,
                as_of,
                severity=Severity.WARNING if missed else Severity.INFO,
                reevaluate_on=None if missed else start + dt.timedelta(days=last),
                details={
                    "window_days": (first, last),
                    "window_end": start + dt.timedelta(days=last),
                },
            )
        )
    return findings


def postnatal_findings(register: Register, as_of: dt.date) -> list[Finding]:
    """KF1-KF4 for mothers and KN1-KN3 for newborns, with nifas and newborn danger signs.

    A mother is followed for 42 days after her recorded ``delivery_date``, a
    baby for 28 days after birth; every row of hers (or the baby's) inside
    a window counts as that visit (DOMAIN.md §7.7).

    Examples
    --------
    >>> from posyandu_core.register import Register, RegisterRow
    >>> mother = RegisterRow(row=1, person_id="M1", sex="P", birth_date=dt.date(1995, 1, 1),
    ...     visit_date=dt.date(2026, 3, 2), status=("nifas",), delivery_date=dt.date(2026, 3, 1))
    >>> [f.code for f in postnatal_findings(Register(rows=(mother,), columns=()), dt.date(2026, 3, 5))]
    ['maternal.postnatal_visit.due.KF2']
    """
    findings: list[Finding] = []
    followed = _who.either(_newborn, _who.any_seen_row(_has_delivery))
    for person, rows in _people(register, as_of, followed):
        birth, _ = _birth(rows)
        visits = [r.visit_date for r in rows if r.visit_date is not None]
        if 0 <= (as_of - birth).days <= 28:
            findings += _visit_findings(person, birth, visits, as_of, "KN")
            last = _latest(rows, as_of, lambda r: bool(r.danger_signs), since=birth)
            if last is not None:
                _danger(findings, person, last, "bayi_baru_lahir")
        delivered = max(
            (r.delivery_date for r in rows if r.delivery_date is not None), default=None
        )
        if delivered is not None and 0 <= (as_of - delivered).days <= 42:
            findings += _visit_findings(person, delivered, visits, as_of, "KF")
            last = _latest(rows, as_of, lambda r: bool(r.danger_signs), since=delivered)
            if last is not None:
                _danger(findings, person, last, "nifas")
    return findings


# --- usia sekolah & remaja ---------------------------------------------------------


def school_findings(register: Register, as_of: dt.date) -> list[Finding]:
    """IMT/U, blood pressure, Hb and the girls' programmes for ages 5 to < 18 (DOMAIN.md §8).

    Also: yearly obesity/BP screening due (no weight and height, or no BP,
    in the last 12 months), the Hb check of girls in grades 7 and 10 (no Hb
    in the last 12 months) and weekly TTD for girls in grades 7-12.
    """
    findings: list[Finding] = []
    imt_rule = screening_rule("school.imt_u")
    low, _ = imt_rule.data["age_months"]
    for person, rows in _people(register, as_of, _who.months_between(low, 216)):
        birth, sex = _birth(rows)
        months = completed_months(birth, as_of)
        if not low <= months < 216:
            continue
        row = _latest(
            rows, as_of, lambda r: r.weight_kg is not None and r.length_cm is not None
        )
        if row is None:
            findings.append(
                _due(
                    person,
                    as_of,
                    "school.imt_u",
                    "Skrining obesitas (BB, TB) tahunan",
                    "Yearly obesity screening (weight, height)",
                )
            )
        elif row.visit_date is not None and row.birth_date is not None:
            _collect(findings, person, row.visit_date, school.imt_u(
                sex=sex, age_months=completed_months(birth, row.visit_date),
                weight_kg=row.weight_kg, height_cm=row.length_cm))  # fmt: skip
        years = completed_years(birth, as_of)
        bp = _latest(rows, as_of, lambda r: r.systolic_mmhg is not None)
        if bp is None and years >= 7:
            findings.append(
                _due(
                    person,
                    as_of,
                    "school.blood_pressure",
                    "Skrining tekanan darah tahunan",
                    "Yearly blood-pressure screening",
                )
            )
        elif bp is not None and bp.visit_date is not None:
            _collect(findings, person, bp.visit_date, school.blood_pressure(
                age_years=completed_years(birth, bp.visit_date), sex=sex,
                systolic_mmhg=bp.systolic_mmhg, diastolic_mmhg=bp.diastolic_mmhg))  # fmt: skip
        hb = _latest(rows, as_of, lambda r: r.hb_g_dl is not None)
        if hb is not None and hb.visit_date is not None:
            _collect(findings, person, hb.visit_date, maternal.anaemia(
                hb_g_dl=hb.hb_g_dl, age_months=completed_months(birth, hb.visit_date), sex=sex))  # fmt: skip
        grade_row = next(
            (r for r in reversed(rows) if r.school_grade is not None), None
        )
        if (
            sex is Sex.FEMALE
            and grade_row is not None
            and grade_row.school_grade is not None
        ):
            grade = int(grade_row.school_grade)
            if hb is None:
                _collect(
                    findings,
                    person,
                    as_of,
                    school.anaemia_screening_due(sex=sex, school_grade=grade),
                )
            _collect(
                findings, person, as_of, school.ttd_rematri(sex=sex, school_grade=grade)
            )
    return findings


def _due(
    person: str, on: dt.date, rule_id: str, label_id: str, label_en: str
) -> Finding:
    labels = (
        f"{label_id}: belum dilakukan dalam 12 bulan",
        f"{label_en}: not done in the last 12 months",
    )
    return _note(rule_id, f"{rule_id}.due", labels, person, on)


# --- dewasa (PTM) and lansia -------------------------------------------------------


def glucose_result(row: RegisterRow) -> ScreeningResult:
    """Classify the row's glucose by its kind (empty: GDS); an unknown kind is invalid."""
    kind = (row.glucose_kind or "GDS").strip().upper()
    return adult.glucose(glucose_mg_dl=row.glucose_mg_dl, kind=kind)


def _ptm(
    findings: list[Finding], person: str, rows: Sequence[RegisterRow], as_of: dt.date
) -> None:
    """PTM screening of one person aged 15 and over: due, IMT, waist, BP, glucose, lipids.

    Rows taken while pregnant are left to the pregnancy service (IMT and
    waist do not apply in pregnancy, its blood pressure has its own rule).
    """
    birth, sex = _birth(rows)
    rows = [r for r in rows if "hamil" not in r.status]
    if not rows:
        return
    years = completed_years(birth, as_of)

    def screen(
        has: Callable[[RegisterRow], bool],
        rule: Callable[[RegisterRow, dt.date], ScreeningResult],
    ) -> ScreeningResult | None:
        row = _latest(rows, as_of, has)
        if row is None or row.visit_date is None:
            return None
        result = rule(row, row.visit_date)
        _collect(findings, person, row.visit_date, result)
        return result

    def flag_of(
        result: ScreeningResult | None, yes: Callable[[str], bool]
    ) -> bool | None:
        return None if result is None or result.code is None else yes(result.code)

    body = None
    if years >= 18:
        body = screen(
            lambda r: r.weight_kg is not None and r.length_cm is not None,
            lambda r, _: adult.imt(weight_kg=r.weight_kg, height_cm=r.length_cm),
        )
    waist = screen(
        lambda r: r.waist_cm is not None,
        lambda r, _: adult.central_obesity(sex=sex, waist_cm=r.waist_cm),
    )
    bp_row = _latest(rows, as_of, lambda r: r.systolic_mmhg is not None)
    bp = screen(
        lambda r: r.systolic_mmhg is not None,
        lambda r, _: adult.blood_pressure(
            systolic_mmhg=r.systolic_mmhg, diastolic_mmhg=r.diastolic_mmhg
        ),
    )
    glucose = screen(
        lambda r: r.glucose_mg_dl is not None, lambda r, _: glucose_result(r)
    )
    screen(
        lambda r: r.hba1c_percent is not None,
        lambda r, _: adult.hba1c(hba1c_percent=r.hba1c_percent),
    )
    screen(
        lambda r: r.hb_g_dl is not None,
        lambda r, on: maternal.anaemia(
            hb_g_dl=r.hb_g_dl, age_months=completed_months(birth, on), sex=sex
        ),
    )
    screen(
        lambda r: r.cholesterol_mg_dl is not None,
        lambda r, _: adult.total_cholesterol(
            total_cholesterol_mg_dl=r.cholesterol_mg_dl
        ),
    )
    obese = flag_of(body, lambda c: c in {"obesitas_1", "obesitas_2"})
    central = flag_of(waist, lambda c: c == "obesitas_sentral")
    high_bp = flag_of(bp, lambda c: c.startswith("hipertensi"))
    due = adult.ptm_screening_due(
        age_years=years,
        months_since_last_screening=None if bp_row is None or bp_row.visit_date is None else completed_months(bp_row.visit_date, as_of),
        obesity=obese, central_obesity=central, high_blood_pressure=high_bp,
    )  # fmt: skip
    screened_glucose = glucose is not None
    wanted = [
        d
        for d in due.details.get("due", ())
        if not (d == "diabetes" and screened_glucose)
    ]
    if due.classified and wanted:
        labels = (
            f"Skrining PTM jatuh tempo: {', '.join(wanted)}",
            f"PTM screening due: {', '.join(wanted)}",
        )
        findings.append(
            _note(
                due.rule,
                due.rule,
                labels,
                person,
                as_of,
                details={"due": tuple(wanted)},
            )
        )


def adult_findings(register: Register, as_of: dt.date) -> list[Finding]:
    """Return the PTM screening findings for people aged 15-59 on ``as_of`` (DOMAIN.md §9)."""
    findings: list[Finding] = []
    for person, rows in _people(register, as_of, _who.years_between(15, 60)):
        birth, _ = _birth(rows)
        if 15 <= completed_years(birth, as_of) < 60:
            _ptm(findings, person, rows, as_of)
    return findings


def elderly_findings(register: Register, as_of: dt.date) -> list[Finding]:
    """Return the findings for people aged 60 and over: PTM, ADL Barthel, SKILAS (DOMAIN.md §10)."""
    findings: list[Finding] = []
    skilas_rule = screening_rule("elderly.skilas")
    domains = skilas_rule.data["domains"]
    for person, rows in _people(register, as_of, _who.years_between(60, None)):
        birth, _ = _birth(rows)
        if completed_years(birth, as_of) < 60:
            continue
        _ptm(findings, person, rows, as_of)
        adl = _latest(rows, as_of, lambda r: r.adl_barthel is not None)
        if (
            adl is not None
            and adl.visit_date is not None
            and adl.adl_barthel is not None
        ):
            total = cast(int, adl.adl_barthel)  # a fraction is reported invalid
            _collect(findings, person, adl.visit_date, elderly.barthel(total=total))
        row = _latest(rows, as_of, lambda r: bool(r.skilas))
        if row is None:
            findings.append(
                _due(
                    person,
                    as_of,
                    "elderly.skilas",
                    "SKILAS dan AKS tahunan",
                    "Yearly SKILAS and ADL",
                )
            )
            continue
        positive = [d for d in row.skilas if d in domains]
        if positive and row.visit_date is not None:
            findings.append(
                _note(
                    skilas_rule.id,
                    "elderly.skilas.positif",
                    (
                        f"SKILAS positif ({', '.join(positive)}): pemeriksaan lanjutan oleh nakes",
                        f"SKILAS positive ({', '.join(positive)}): further assessment by a health worker",
                    ),
                    person,
                    row.visit_date,
                    severity=Severity.WARNING,
                    referral="pustu",
                    details={
                        "follow_up": {d: domains[d]["follow_up"] for d in positive}
                    },
                )
            )
    return findings


def lifecycle_findings(register: Register, as_of: dt.date) -> list[Finding]:
    """Return every life-cycle service's findings together, in life-stage order."""
    return [
        *pregnancy_findings(register, as_of),
        *postnatal_findings(register, as_of),
        *school_findings(register, as_of),
        *adult_findings(register, as_of),
        *elderly_findings(register, as_of),
    ]


@attrs.frozen(kw_only=True)
class ServiceSpec:
    """What the contract lane needs to register a life-cycle service.

    ``findings`` is the pure ``(register, as_of) -> list[Finding]`` function;
    the other fields are those of ``posyandu_core.hookspecs.Service``.
    """

    id: str
    name_id: str
    name_en: str
    sasaran: tuple[str, ...]
    findings: Callable[[Register, dt.date], list[Finding]]
    tags: frozenset[str] = frozenset()


SERVICES: Final = (
    ServiceSpec(id="kesehatan.skrining_ibu_hamil", name_id="Pendampingan ibu hamil: trimester, KEK, anemia, hipertensi, tanda bahaya, 4T",
                name_en="Pregnancy follow-up: trimester, KEK, anaemia, hypertension, danger signs, 4T",
                sasaran=("BUMIL",), findings=pregnancy_findings, tags=frozenset({"kia"})),
    ServiceSpec(id="kesehatan.kunjungan_nifas_neonatal", name_id="Kunjungan nifas (KF1-KF4) dan neonatal (KN1-KN3)",
                name_en="Postpartum (KF1-KF4) and newborn (KN1-KN3) visits",
                sasaran=("NIFAS", "BBL"), findings=postnatal_findings, tags=frozenset({"kia"})),
    ServiceSpec(id="kesehatan.skrining_usia_sekolah_remaja", name_id="Skrining usia sekolah dan remaja: IMT/U, tekanan darah, anemia, TTD rematri",
                name_en="School-age and adolescent screening: BMI-for-age, blood pressure, anaemia, weekly iron",
                sasaran=("USEK", "REMAJA"), findings=school_findings),
    ServiceSpec(id="kesehatan.skrining_ptm_dewasa", name_id="Skrining PTM usia dewasa (ex-Posbindu)",
                name_en="Adult NCD screening (ex-Posbindu)",
                sasaran=("DEWASA",), findings=adult_findings, tags=frozenset({"ptm"})),
    ServiceSpec(id="kesehatan.skrining_lansia", name_id="Skrining lansia: PTM, AKS (Barthel), SKILAS",
                name_en="Elderly screening: NCD, ADL (Barthel), SKILAS",
                sasaran=("LANSIA",), findings=elderly_findings, tags=frozenset({"ptm"})),
)  # fmt: skip


__all__ = [
    "LOOKBACK_DAYS",
    "SERVICES",
    "AncDataError",
    "ServiceSpec",
    "adult_findings",
    "anc_contacts",
    "elderly_findings",
    "gestational_weeks",
    "glucose_result",
    "is_anc_contact",
    "lifecycle_findings",
    "postnatal_findings",
    "pregnancy_findings",
    "pregnancy_rows",
    "school_findings",
]
