"""Usia sekolah and remaja (DOMAIN.md §8).

IMT/U runs on the WHO 2007 engine of :mod:`posyandu_core.growth` with the
Permenkes 2/2020 categories; the other cut-offs are in
``data/rules/skrining_sekolah.toml``.
"""

from __future__ import annotations

import math

from posyandu_core.growth import category_table, classify, zscore_of_measurement
from posyandu_core.growth import round_half_even_r as _round_r
from posyandu_core.model._enums import Sex
from posyandu_core.plugins.kesehatan.screening._measures import (
    blood_pressure as _bp_pair,
)
from posyandu_core.plugins.kesehatan.screening._measures import imt_value, sex_of
from posyandu_core.plugins.kesehatan.screening._result import (
    ScreeningResult,
    ScreeningStatus,
)
from posyandu_core.plugins.kesehatan.screening._rules import (
    DEFAULT_CONVENTIONS,
    Conventions,
    NotClassifiedError,
    band_result,
    category_result,
    classified,
    find_band,
    flag,
    invalid,
    missing,
    not_applicable,
    number,
    screening,
    screening_rule,
)


@screening("school.imt_u")
def imt_u(
    *,
    sex: Sex | str | None,
    age_months: float | None,
    imt_kg_m2: float | None = None,
    weight_kg: float | None = None,
    height_cm: float | None = None,
) -> ScreeningResult:
    """Return the IMT/U category of a child aged 61-228 months (Permenkes 2/2020).

    The z-score is WHO 2007 BMI-for-age (restricted LMS beyond ±3 SD,
    interpolated between months), rounded to 2 decimals as WHO's R code does
    and classified on the rounded value, as Posyandu reports do. ``|z| > 5``
    is flagged implausible (DOMAIN.md §3.8), not classified.

    Parameters
    ----------
    sex : Sex or str
        ``"L"``/``"P"``.
    age_months : float
        Age in months; Permenkes uses completed months (DOMAIN.md §3.4).
    imt_kg_m2 : float, optional
        IMT, or give ``weight_kg`` and ``height_cm``.

    Examples
    --------
    >>> r = imt_u(sex="P", age_months=120, imt_kg_m2=12.8)
    >>> r.value, r.code
    (-2.59, 'gizi_kurang')
    >>> imt_u(sex="L", age_months=180, imt_kg_m2=28.5).label_en
    'Obese'
    """
    rule = screening_rule("school.imt_u")
    who_sex = 1 if sex_of(sex) is Sex.MALE else 2
    age = number("age_months", age_months)
    low, high = rule.data["age_months"]
    if not low <= age <= high:
        not_applicable(
            "age_months",
            f"IMT/U 5-18 tahun berlaku {low}-{high} bulan",
            f"BMI-for-age 5-18 y covers {low}-{high} months",
        )
    imt = imt_value(imt_kg_m2, weight_kg, height_cm)
    z = float(_round_r(zscore_of_measurement("bfa_2007", imt, sex=who_sex, at=age))[0])
    if math.isnan(z) or abs(z) > rule.data["implausible_abs_z"]:
        raise NotClassifiedError(
            ScreeningStatus.IMPLAUSIBLE,
            "imt_kg_m2",
            f"z IMT/U {z:+.2f} di luar ±5, periksa ulang BB/TB "
            f"/ BMI-for-age z {z:+.2f} beyond ±5, re-measure weight/height",
        )
    table = category_table(rule.data["category_table"])
    code = str(classify(table.id, z)[0])
    category = table.category(code)
    return classified(
        rule.id,
        code,
        category.label_id,
        category.label_en,
        action_code=rule.data["actions"][code],
        value=z,
        details={"imt_kg_m2": round(imt, 2), "age_months": age},
    )


_ORDER = ("normal", "meningkat", "hipertensi_1", "hipertensi_2")


@screening("school.blood_pressure")
def blood_pressure(
    *,
    age_years: int | None,
    sex: Sex | str | None,
    systolic_mmhg: float | None,
    diastolic_mmhg: float | None,
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return the school blood-pressure screen (KMK-ILP Tabel 14-15, DOMAIN.md §8).

    Ages 7-12: at or above the table value for age and sex (systolic or
    diastolic) → needs further evaluation. From 13 to < 18 years: AAP 2017
    classes, systolic and diastolic classified apart and the higher class
    kept; stage 1-2 → refer for diagnosis, elevated → monthly monitoring.

    Examples
    --------
    >>> blood_pressure(age_years=10, sex="L", systolic_mmhg=110, diastolic_mmhg=70).code
    'perlu_evaluasi'
    >>> blood_pressure(age_years=15, sex="P", systolic_mmhg=125, diastolic_mmhg=78).code
    'meningkat'
    """
    rule = screening_rule("school.blood_pressure")
    conv = conventions or DEFAULT_CONVENTIONS
    age = number("age_years", age_years, integer=True)
    if not rule.data["min_age_years"] <= age < 18:
        not_applicable(
            "age_years",
            "skrining TD anak berlaku 7 s.d. <18 tahun",
            "covers 7 to < 18 years",
        )
    systolic, diastolic = _bp_pair(systolic_mmhg, diastolic_mmhg)
    details: dict[str, object] = {
        "systolic_mmhg": systolic,
        "diastolic_mmhg": diastolic,
    }
    if age < rule.data["aap_from_age_years"]:
        limit_s, limit_d = rule.data["screening_thresholds"][sex_of(sex).value][
            str(int(age))
        ]
        details["threshold_mmhg"] = (limit_s, limit_d)
        above = systolic >= limit_s or diastolic >= limit_d
        return category_result(
            rule.id, "perlu_evaluasi" if above else "di_bawah_ambang", details=details
        )
    by_systolic = find_band(rule.bands("systolic"), systolic)
    by_diastolic = find_band(rule.bands("diastolic"), diastolic)
    worst = max(by_systolic, by_diastolic, key=lambda b: _ORDER.index(b.code))
    details["by_systolic"], details["by_diastolic"] = (
        by_systolic.code,
        by_diastolic.code,
    )
    return band_result(rule, worst, value=None, conventions=conv, details=details)


@screening("school.anaemia_screening_due")
def anaemia_screening_due(
    *,
    sex: Sex | str | None,
    school_grade: int | None = None,
    age_years: int | None = None,
    screened_before: bool | None = None,
) -> ScreeningResult:
    """Return whether an adolescent girl is due an Hb check (DOMAIN.md §8).

    Grade 7 and 10: due regardless of earlier screening. Otherwise at age 12
    or 15 if never screened. Boys: not applicable.

    Examples
    --------
    >>> anaemia_screening_due(sex="P", school_grade=7).code
    'wajib_skrining'
    >>> anaemia_screening_due(sex="P", age_years=15, screened_before=True).code
    'tidak_dijadwalkan'
    """
    rule = screening_rule("school.anaemia_screening_due")
    if sex_of(sex) is not Sex.FEMALE:
        not_applicable("sex", "untuk remaja putri", "for adolescent girls")
    if school_grade is None and age_years is None:
        missing("school_grade")
    if school_grade is not None:
        grade = number("school_grade", school_grade, integer=True, maximum=12)
        if grade in rule.data["grades"]:
            return category_result(
                rule.id, "wajib_skrining", details={"reason": "grade"}
            )
    if age_years is not None:
        age = number("age_years", age_years, integer=True)
        if age in rule.data["ages_years"] and not flag(
            "screened_before", screened_before
        ):
            return category_result(rule.id, "wajib_skrining", details={"reason": "age"})
    return category_result(rule.id, "tidak_dijadwalkan")


@screening("school.ttd_rematri")
def ttd_rematri(
    *,
    sex: Sex | str | None,
    school_grade: int | None = None,
    age_years: int | None = None,
    tablets_taken: int | None = None,
    weeks: int | None = None,
) -> ScreeningResult:
    """Return weekly TTD for adolescent girls, grades 7-12 (DOMAIN.md §8).

    Without a grade, ages 12-18 are used [U]. With ``tablets_taken`` over
    ``weeks``: ``sesuai`` if at least 1 tablet a week, else ``kurang``;
    without them the result says she is a target (``sasaran``).

    Examples
    --------
    >>> ttd_rematri(sex="P", school_grade=8, tablets_taken=10, weeks=12).code
    'kurang'
    """
    rule = screening_rule("school.ttd_rematri")
    if sex_of(sex) is not Sex.FEMALE:
        not_applicable("sex", "untuk remaja putri", "for adolescent girls")
    if school_grade is not None:
        value, (low, high), field = (
            number("school_grade", school_grade, integer=True, maximum=12),
            rule.data["grades"],
            "school_grade",
        )
    elif age_years is not None:
        value, (low, high), field = (
            number("age_years", age_years, integer=True),
            rule.data["ages_years"],
            "age_years",
        )
    else:
        missing("school_grade")
    if not low <= value <= high:
        not_applicable(
            field, f"sasaran {field} {low}-{high}", f"target {field} {low}-{high}"
        )
    per_week = int(rule.data["tablets_per_week"])
    if tablets_taken is None and weeks is None:
        return category_result(
            rule.id, "sasaran", details={"tablets_per_week": per_week}
        )
    taken = number("tablets_taken", tablets_taken, integer=True)
    span = number("weeks", weeks, integer=True, plausible=(1, 60))
    if taken > span * 7:
        invalid(
            "tablets_taken",
            tablets_taken,
            "lebih dari 1 per hari",
            "more than one a day",
        )
    code = "sesuai" if taken >= span * per_week else "kurang"
    return category_result(
        rule.id,
        code,
        value=taken,
        details={"weeks": span, "tablets_per_week": per_week},
    )


@screening("school.assist")
def assist(
    *,
    score: int | None,
    substance: str = "other",
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return the ASSIST risk level (alcohol 0-10/11-26/>=27; others 0-3/4-26/>=27).

    Examples
    --------
    >>> assist(score=11, substance="alcohol").code, assist(score=3).code
    ('risiko_sedang', 'risiko_rendah')
    """
    rule = screening_rule("school.assist")
    if substance not in rule.data["max_score"]:
        invalid("substance", substance, "alcohol atau other", "alcohol or other")
    value = number(
        "score", score, integer=True, maximum=rule.data["max_score"][substance]
    )
    band = find_band(rule.bands(substance), value)
    return band_result(
        rule, band, value=value, conventions=conventions or DEFAULT_CONVENTIONS,
        details={"substance": substance},
    )  # fmt: skip


@screening("school.sdq_informant")
def sdq_informant(*, age_years: int | None) -> ScreeningResult:
    """Return who fills in the SDQ: parent/teacher to 11 y, self-report > 11-18 y.

    Examples
    --------
    >>> sdq_informant(age_years=11).code, sdq_informant(age_years=12).code
    ('orang_tua_guru', 'mandiri')
    """
    rule = screening_rule("school.sdq_informant")
    age = number("age_years", age_years, integer=True)
    if not rule.data["min_age_years"] <= age <= rule.data["max_age_years"]:
        not_applicable(
            "age_years", "SDQ untuk usia 4-18 tahun", "SDQ covers 4-18 years"
        )
    code = "mandiri" if age > rule.data["self_report_above_years"] else "orang_tua_guru"
    return category_result(rule.id, code, value=age)


__all__ = [
    "anaemia_screening_due",
    "assist",
    "blood_pressure",
    "imt_u",
    "sdq_informant",
    "ttd_rematri",
]
