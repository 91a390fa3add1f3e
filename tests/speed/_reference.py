"""The kesehatan services row by row, as they were before the columnar rewrite.

The services now compute on the register's columns (numpy); these small
implementations walk ``register.by_person()`` one row object at a time, the
way the rules are written in DOMAIN.md, so that the tests can check both
give the same results on any register.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs

from posyandu_core._data import load_rule_table
from posyandu_core.model import Finding, Sex, age_days, completed_months
from posyandu_core.plugins.kesehatan import _anthro, followup
from posyandu_core.plugins.kesehatan import categories as cat
from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.plugins.kesehatan.growth_monitoring import (
    GrowthCode,
    GrowthMonitoringConfig,
    MonthlyStatus,
)
from posyandu_core.plugins.kesehatan.immunization import (
    ImmunizationRecord,
    doses_from_rows,
    evaluate_child,
)
from posyandu_core.plugins.kesehatan.schedule import load_schedule
from posyandu_core.plugins.kesehatan.skdn import (
    ListedChild,
    SkdnCounts,
    _vitamin_a,
    _vitamin_a_groups,
    age_bands,
)
from posyandu_core.register import (
    Register,
    RegisterRow,
    residence_of,
    resident_in_month,
    resident_on,
)
from posyandu_core.rules import Issue, Severity


def _person(rows: Sequence[RegisterRow]) -> RegisterRow | None:
    return next((r for r in reversed(rows) if r.sex and r.birth_date), None)


def _month_weighings(
    rows: Sequence[RegisterRow], birth: dt.date, config: GrowthMonitoringConfig
) -> tuple[list[tuple[Month, RegisterRow, int]], list[Issue]]:
    found = sorted(
        (
            r
            for r in rows
            if r.visit_date is not None
            and r.weight_kg is not None
            and r.visit_date >= birth
            and completed_months(birth, r.visit_date) < config.max_age_months
        ),
        key=lambda r: (r.visit_date, r.weight_kg, r.length_cm or 0.0, r.row),
    )
    months: dict[Month, list[RegisterRow]] = {}
    for r in found:
        months.setdefault(Month.of(r.visit_date), []).append(r)  # type: ignore[arg-type]
    chosen, issues = [], []
    for month in sorted(months):
        group = months[month]
        day = group[0 if config.weighing_of_month == "first" else -1].visit_date
        same_day = [r for r in group if r.visit_date == day]
        pick = same_day[0]
        if len({r.weight_kg for r in same_day}) > 1:
            issues.append(
                Issue(
                    severity=Severity.WARNING,
                    code="pertumbuhan.duplicate_weighing",
                    row=pick.row,
                    field="weight_kg",
                    value=[r.weight_kg for r in same_day],
                    message_id=f"ditimbang beberapa kali pada {day} dengan berat "
                    f"berbeda; dipakai {pick.weight_kg} kg",
                    message_en=f"weighed several times on {day} with different "
                    f"weights; {pick.weight_kg} kg is used",
                    rule="kesehatan.pertumbuhan",
                )
            )
        chosen.append((month, pick, len(group) - 1))
    return chosen, issues


def monitor_register(
    register: Register,
    config: GrowthMonitoringConfig | None = None,
    overrides: dict[tuple[str, str], str] | None = None,
) -> tuple[list[MonthlyStatus], list[Issue]]:
    """Growth monitoring row by row (DOMAIN.md §4)."""
    config = config or GrowthMonitoringConfig.from_data()
    overrides = overrides or {}
    statuses, issues = [], []
    grouped = register.by_person()
    for person_id in sorted(grouped):
        rows = grouped[person_id]
        person = _person(rows)
        if person is None or person.birth_date is None or person.sex is None:
            continue
        birth = person.birth_date
        chosen, found = _month_weighings(rows, birth, config)
        issues.extend(found)
        moves = any(r.moved_in_on or r.moved_out_on for r in rows)
        prev: tuple[Month, RegisterRow, GrowthCode, int] | None = None
        for month, row, extra in chosen:
            assert row.visit_date is not None
            assert row.weight_kg is not None
            age = completed_months(birth, row.visit_date)
            gain = kbm = None
            if prev is None:
                code = GrowthCode.B
            elif prev[0] != month.previous():
                code = GrowthCode.O
            else:
                assert prev[1].weight_kg is not None
                gain = round((row.weight_kg - prev[1].weight_kg) * 1000)
                kbm = config.kbm.grams(age)
                code = GrowthCode.N if gain >= kbm else GrowthCode.T
            manual = overrides.get((person_id, str(month)))
            if manual is not None and code in (GrowthCode.N, GrowthCode.T):
                code = GrowthCode(manual)
            streak = (
                (prev[3] + 1 if prev and prev[2] is GrowthCode.T else 1)
                if code is GrowthCode.T
                else 0
            )
            before = prev[1] if prev and code in (GrowthCode.N, GrowthCode.T) else None
            status = MonthlyStatus(
                person_id=person_id,
                name=person.name or "",
                parent_name=person.parent_name or "",
                posyandu=row.posyandu or person.posyandu,
                sex=person.sex,
                birth_date=birth,
                month=month,
                date=row.visit_date,
                weight_kg=row.weight_kg,
                age_months=age,
                code=code,
                previous_date=before.visit_date if before else None,
                previous_weight_kg=before.weight_kg if before else None,
                gain_g=gain,
                kbm_g=kbm,
                interval_days=(row.visit_date - before.visit_date).days  # type: ignore[operator]
                if before
                else None,
                t_streak=streak,
                extra_weighings=extra,
                row=row.row,
            )
            prev = (month, row, code, streak)
            if not moves or resident_in_month(
                month.first_day, month.last_day, *residence_of(rows, month.last_day)
            ):
                statuses.append((status, row))
    return _assessed(statuses, config), issues


def _assessed(
    pairs: list[tuple[MonthlyStatus, RegisterRow]], config: GrowthMonitoringConfig
) -> list[MonthlyStatus]:
    """Add z-scores, chart lines, faltering and findings (one engine call each)."""
    anthro = _anthro.assess(
        [
            _anthro.AnthroInput(
                sex=s.sex,
                age_days=age_days(s.birth_date, s.date),
                weight_kg=s.weight_kg,
                length_cm=row.length_cm,
                measure=row.measure,
                oedema=row.oedema,
                head_cm=row.head_cm,
            )
            for s, row in pairs
        ]
    )
    compared = [
        s
        for s, _ in pairs
        if config.faltering and s.previous_date and s.previous_weight_kg is not None
    ]
    flags = _anthro.faltering(
        [
            _anthro.IncrementInput(
                sex=s.sex,
                start_age_days=age_days(s.birth_date, s.previous_date),  # type: ignore[arg-type]
                end_age_days=age_days(s.birth_date, s.date),
                increment_g=(s.weight_kg - s.previous_weight_kg) * 1000,  # type: ignore[operator]
            )
            for s in compared
        ],
        percentile=config.faltering_percentile,
        tolerance_days=config.faltering_tolerance_days,
        row_rule=config.faltering_row,
        threshold_rule=config.faltering_threshold,
    )
    flag_of = {id(s): f for s, f in zip(compared, flags, strict=True)}
    out = []
    for (s, _), z in zip(pairs, anthro, strict=True):
        flag = flag_of.get(id(s), _anthro.Faltering())
        waz = z.waz
        s = attrs.evolve(
            s,
            anthro=z,
            below_red_line=None
            if waz is None or config.red_line_sd is None
            else waz < config.red_line_sd,
            above_orange_line=None
            if waz is None or config.orange_line_sd is None
            else waz > config.orange_line_sd,
            weight_faltering=flag.faltering,
            faltering_threshold_g=flag.threshold_g,
            faltering_who_row=flag.who_row,
            faltering_interval_months=flag.interval_months,
        )
        out.append(attrs.evolve(s, findings=findings_for(s)))
    return out


def skdn_report(
    register: Register, month: Month, posyandu: str | None
) -> dict[str, Any]:
    """The SKDN counts, lists and vitamin A row by row (DOMAIN.md §5)."""
    bands = age_bands()
    config = GrowthMonitoringConfig.from_data()
    upto = Register(
        rows=[
            r
            for r in register.rows
            if r.visit_date is not None and r.visit_date <= month.last_day
        ]
    )
    statuses, _ = monitor_register(upto, config)
    this_month = {s.person_id: s for s in statuses if s.month == month}
    vitamin_a = _vitamin_a_groups(month)
    counts = {(b.label, sex): SkdnCounts() for b in bands for sex in Sex}
    lists: dict[str, list[ListedChild]] = {
        k: [] for k in ("gizi_buruk", "gizi_kurang", "stunting", "2t", "bgm")
    }
    length_of = {r.row: r.length_cm for r in upto.rows}
    for person_id, rows in upto.by_person().items():
        if not resident_in_month(month.first_day, month.last_day, *residence_of(rows)):
            continue
        person = _person(rows)
        if person is None or person.birth_date is None or person.sex is None:
            continue
        kia = next((r.has_kia for r in reversed(rows) if r.has_kia is not None), False)
        where = next((r.posyandu for r in reversed(rows) if r.posyandu), None)
        if posyandu is not None and where != posyandu:
            continue
        status = this_month.get(person_id)
        age = (
            status.age_months
            if status
            else completed_months(person.birth_date, month.last_day)
        )
        band = next((b for b in bands if b.from_months <= age < b.to_months), None)
        if band is None or age >= config.max_age_months:
            continue
        given = [r.visit_date for r in rows if r.vitamin_a and r.visit_date]
        capsule, vita = _vitamin_a(given, person.birth_date, month)
        if capsule is not None:
            group = vitamin_a[(capsule, person.sex)]
            vitamin_a[(capsule, person.sex)] = attrs.evolve(
                group, sasaran=group.sasaran + 1, diberi=group.diberi + int(vita)
            )
        d = status is not None
        code = status.code if status else None
        counts[(band.label, person.sex)] += SkdnCounts(
            s=1,
            k=int(bool(kia)),
            d=int(d),
            n=int(code is GrowthCode.N),
            t=int(code is GrowthCode.T),
            o=int(code is GrowthCode.O),
            b=int(code is GrowthCode.B),
            bgm=int(bool(status and status.below_red_line)),
            two_t=int(bool(status and status.two_t)),
            vita_s=int(capsule is not None),
            vita_d=int(capsule is not None and vita),
        )
        if status is not None:
            a = status.anthro
            listed = (
                [(a.bbtb, a.bbtb, a.whz)]
                * (a.bbtb in (cat.GIZI_BURUK, cat.GIZI_KURANG))
                + [("stunting", a.tbu, a.haz)] * (a.tbu in cat.STUNTED)
                + [("2t", f"{status.t_streak}T", None)] * status.two_t
                + [("bgm", a.bbu or "bgm", a.waz)] * bool(status.below_red_line)
            )
            for name, category, z in listed:
                lists[str(name)].append(
                    ListedChild(
                        person_id=person_id,
                        name=status.name,
                        sex=status.sex,
                        birth_date=status.birth_date,
                        age_months=status.age_months,
                        parent_name=status.parent_name,
                        weighed_on=status.date,
                        weight_kg=status.weight_kg,
                        length_cm=length_of[status.row],
                        category=str(category),
                        z=z,
                    )
                )
    return {
        "cells": [
            {"band": b.label, "sex": str(sex), **counts[(b.label, sex)].to_dict()}
            for b in bands
            for sex in (Sex.MALE, Sex.FEMALE)
        ],
        "lists": {
            k: [c.to_dict() for c in sorted(v, key=lambda c: (c.name, c.person_id))]
            for k, v in lists.items()
        },
        "vitamin_a": [v.to_dict() for v in vitamin_a.values()],
    }


def immunization_status(register: Register, on: dt.date) -> list[ImmunizationRecord]:
    """Every child's immunization record on ``on``, row by row (DOMAIN.md §6)."""
    records = []
    for rows in register.by_person().values():
        known = [r for r in rows if r.visit_date is None or r.visit_date <= on]
        person = _person(known)
        if person is None or person.birth_date is None or person.sex is None:
            continue
        if person.birth_date > on or not resident_on(on, *residence_of(known)):
            continue
        if completed_months(person.birth_date, on) >= 61:
            continue
        doses, read_issues = doses_from_rows(rows)
        record = evaluate_child(
            birth_date=person.birth_date,
            sex=person.sex,
            on=on,
            given=doses,
            person_id=person.person_id,
            name=known[-1].name or person.name or "",
            parent_name=person.parent_name or "",
            posyandu=next((r.posyandu for r in reversed(known) if r.posyandu), None),
        )
        records.append(attrs.evolve(record, issues=(*read_issues, *record.issues)))
    return sorted(records, key=lambda r: (r.posyandu or "", r.name, r.person_id))


def dose_issues(register: Register) -> list[Issue]:
    """The dose-check rule row by row: each person on the date of their last dose."""
    schedule = load_schedule()
    issues: list[Issue] = []
    for rows in register.by_person().values():
        person = _person(rows)
        if person is None or not any(r.immunizations for r in rows):
            continue
        assert person.birth_date is not None
        assert person.sex is not None
        doses, found = doses_from_rows(rows, schedule=schedule)
        issues.extend(found)
        record = evaluate_child(
            birth_date=person.birth_date,
            sex=person.sex,
            on=max((d.date for d in doses), default=person.birth_date),
            given=doses,
            schedule=schedule,
        )
        issues.extend(i for i in record.issues if i.severity is not Severity.INFO)
    return issues


def findings_for(status: MonthlyStatus) -> tuple[Finding, ...]:
    """The follow-up rules row by row (DOMAIN.md §4.5), as they were written."""
    rules = load_rule_table("pemantauan_pertumbuhan")["followup"]["rules"]
    a = status.anthro
    out: list[Finding] = []
    if status.code == "T":
        out.append(
            followup.finding(
                "pertumbuhan.tidak_naik",
                status,
                gain_g=status.gain_g,
                kbm_g=status.kbm_g,
            )
        )
    if status.two_t:
        out.append(followup.finding("pertumbuhan.2t", status, t_streak=status.t_streak))
    if status.below_red_line:
        out.append(followup.finding("pertumbuhan.bgm", status, waz=a.waz))
    if status.above_orange_line:
        out.append(
            followup.finding("pertumbuhan.di_atas_garis_oranye", status, waz=a.waz)
        )
    if status.weight_faltering:
        out.append(
            followup.finding(
                "pertumbuhan.weight_faltering",
                status,
                gain_g=status.gain_g,
            )
        )
    if a.tbu in cat.STUNTED:
        out.append(
            followup.finding("pertumbuhan.stunting", status, haz=a.haz, category=a.tbu)
        )
    if a.bbtb == cat.GIZI_BURUK:
        out.append(followup.finding("pertumbuhan.gizi_buruk", status, whz=a.whz))
        refer = rules["pertumbuhan.gizi_buruk_rujuk"]
        if (
            status.age_months < refer["under_months"]
            or status.weight_kg < refer["min_weight_kg"]
        ):
            out.append(
                followup.finding("pertumbuhan.gizi_buruk_rujuk", status, whz=a.whz)
            )
    elif a.bbtb == cat.GIZI_KURANG:
        out.append(followup.finding("pertumbuhan.gizi_kurang", status, whz=a.whz))
    elif a.bbtb in (cat.BERISIKO_GIZI_LEBIH, cat.GIZI_LEBIH):
        out.append(
            followup.finding(
                "pertumbuhan.gizi_lebih", status, whz=a.whz, category=a.bbtb
            )
        )
    elif a.bbtb == cat.OBESITAS:
        out.append(followup.finding("pertumbuhan.obesitas", status, whz=a.whz))
    if a.bbu in cat.UNDERWEIGHT:
        out.append(
            followup.finding("pertumbuhan.bb_kurang", status, waz=a.waz, category=a.bbu)
        )
    elif a.bbu == cat.RISIKO_BB_LEBIH:
        out.append(followup.finding("pertumbuhan.risiko_bb_lebih", status, waz=a.waz))
    if a.lk in cat.HEAD_ABNORMAL:
        out.append(
            followup.finding(
                "pertumbuhan.lk_tidak_normal", status, hcz=a.hcz, category=a.lk
            )
        )
    return tuple(out)
