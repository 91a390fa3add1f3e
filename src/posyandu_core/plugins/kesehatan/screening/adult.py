"""Usia dewasa: PTM screening, ex-Posbindu PTM (DOMAIN.md §9).

Cut-offs in ``data/rules/skrining_dewasa.toml``; each function returns a
:class:`ScreeningResult`.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

import attrs

from posyandu_core.model._enums import Sex
from posyandu_core.plugins.kesehatan.screening._measures import (
    blood_pressure as _bp_pair,
)
from posyandu_core.plugins.kesehatan.screening._measures import imt_value, sex_of
from posyandu_core.plugins.kesehatan.screening._result import ScreeningResult
from posyandu_core.plugins.kesehatan.screening._rules import (
    DEFAULT_CONVENTIONS,
    Conventions,
    action,
    band_result,
    category_result,
    classified,
    classify_measure,
    find_band,
    flag,
    invalid,
    not_applicable,
    number,
    plausible_range,
    screening,
    screening_rule,
)


class ImtProfile(enum.StrEnum):
    """Adult IMT classification profile (DOMAIN.md §9.1)."""

    ASIA_PACIFIC_WHO_2000 = "ASIA_PACIFIC_WHO_2000"  # KMK ILP 2023
    KEMENKES_2003 = "KEMENKES_2003"  # older "IMT Indonesia"


class BpProfile(enum.StrEnum):
    """Adult blood-pressure classification profile (DOMAIN.md §9.3)."""

    KMK_ILP_2023 = "KMK_ILP_2023"  # Tabel 22
    JNC7 = "JNC7"
    ISH_2020 = "ISH_2020"


class GlucoseKind(enum.StrEnum):
    """How a glucose value was measured."""

    GDS = "GDS"  # gula darah sewaktu (random)
    GDP = "GDP"  # gula darah puasa (fasting)
    TTGO = "TTGO"  # tes toleransi glukosa oral, 2 hours


def _age(age_years: int | None, rule_id: str) -> None:
    if age_years is None:
        return
    minimum = screening_rule(rule_id).data["min_age_years"]
    if number("age_years", age_years, integer=True) < minimum:
        not_applicable(
            "age_years",
            f"berlaku mulai {minimum} tahun",
            f"applies from {minimum} years",
        )


@screening("adult.imt")
def imt(
    *,
    imt_kg_m2: float | None = None,
    weight_kg: float | None = None,
    height_cm: float | None = None,
    profile: ImtProfile | str = ImtProfile.ASIA_PACIFIC_WHO_2000,
    age_years: int | None = None,
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return the adult IMT category in the chosen profile (DOMAIN.md §9.1).

    ``ASIA_PACIFIC_WHO_2000`` (KMK ILP 2023, the default) or ``KEMENKES_2003``.
    Below 18 years (``age_years`` given) the rule does not apply: use IMT/U.

    Examples
    --------
    >>> imt(imt_kg_m2=24.0).code, imt(imt_kg_m2=24.0, profile="KEMENKES_2003").code
    ('berat_badan_lebih_berisiko', 'normal')
    """
    rule = screening_rule("adult.imt")
    chosen = ImtProfile(profile)
    _age(age_years, rule.id)
    value = imt_value(imt_kg_m2, weight_kg, height_cm)
    result = classify_measure(
        rule.id, "imt_kg_m2", value, key=chosen.value, conventions=conventions,
        details={"profile": chosen.value},
    )  # fmt: skip
    return attrs.evolve(
        result, confidence=rule.data["profile_confidence"][chosen.value]
    )


@screening("adult.central_obesity")
def central_obesity(
    *,
    sex: Sex | str | None,
    waist_cm: float | None,
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return central obesity: waist > 90 cm (men), > 80 cm (women) (DOMAIN.md §9.2).

    Examples
    --------
    >>> central_obesity(sex="L", waist_cm=92).code, central_obesity(sex="P", waist_cm=80).code
    ('obesitas_sentral', 'normal')
    """
    key = sex_of(sex).value
    return classify_measure(
        "adult.central_obesity", "waist_cm", waist_cm, key=key, conventions=conventions
    )


@screening("adult.blood_pressure")
def blood_pressure(
    *,
    systolic_mmhg: float | None,
    diastolic_mmhg: float | None,
    profile: BpProfile | str = BpProfile.KMK_ILP_2023,
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return the adult BP category (KMK-ILP Tabel 22 by default, DOMAIN.md §9.3).

    Systolic and diastolic are classified apart and the higher category is
    kept ("and/or"). In KMK-ILP, SBP >= 140 with DBP < 90 is isolated
    systolic hypertension (convention ``isolated_systolic_overrides``).
    High-normal → education and monthly monitoring; hypertension →
    monthly monitoring and referral to the Puskesmas for diagnosis/control.

    Examples
    --------
    >>> [blood_pressure(systolic_mmhg=s, diastolic_mmhg=d).code
    ...  for s, d in [(150, 95), (135, 86), (118, 78), (145, 85), (128, 92)]]
    ['hipertensi_1', 'normal_tinggi', 'optimal', 'hipertensi_sistolik_terisolasi', 'hipertensi_1']
    """
    rule = screening_rule("adult.blood_pressure")
    conv = conventions or DEFAULT_CONVENTIONS
    chosen = BpProfile(profile)
    systolic, diastolic = _bp_pair(systolic_mmhg, diastolic_mmhg)
    order: list[str] = rule.data["order"][chosen.value]
    by_s = find_band(rule.bands(f"{chosen.value}_systolic"), systolic)
    by_d = find_band(rule.bands(f"{chosen.value}_diastolic"), diastolic)
    worst = max(by_s, by_d, key=lambda b: order.index(b.code))
    details = {
        "profile": chosen.value,
        "systolic_mmhg": systolic,
        "diastolic_mmhg": diastolic,
        "by_systolic": by_s.code,
        "by_diastolic": by_d.code,
    }
    ish = rule.data["isolated_systolic"]
    is_ish = (
        chosen.value in ish["profiles"]
        and systolic >= ish["systolic_from"]
        and diastolic < ish["diastolic_below"]
    )
    details["isolated_systolic"] = is_ish
    confidence = rule.data["profile_confidence"][chosen.value]
    if is_ish and conv.isolated_systolic_overrides:
        result = classified(
            rule.id, ish["code"], ish["label_id"], ish["label_en"],
            action_code=ish["action"], details=details, conventions=conv,
        )  # fmt: skip
    else:
        result = band_result(rule, worst, value=None, conventions=conv, details=details)
    return attrs.evolve(result, confidence=confidence)


@screening("adult.glucose")
def glucose(
    *,
    glucose_mg_dl: float | None,
    kind: GlucoseKind | str,
    known_diabetes: bool = False,
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return normal / prediabetes / diabetes range for a glucose value (DOMAIN.md §9.4).

    GDS and 2-h TTGO: < 140, 140-199, >= 200 mg/dL; GDP: < 100, 100-125,
    >= 126. Prediabetes → counselling and re-check every 3 months;
    diabetes range → refer to the Puskesmas. For a known diabetic a value
    below the diabetes range → monthly monitoring.

    Examples
    --------
    >>> glucose(glucose_mg_dl=210, kind="GDS").referral
    <ReferralTarget.PUSKESMAS: 'puskesmas'>
    >>> glucose(glucose_mg_dl=110, kind="GDP").action.recheck_after_months
    3
    """
    if kind not in GlucoseKind.__members__.values():
        invalid("kind", kind, "jenis GDS, GDP atau TTGO", "kind GDS, GDP or TTGO")
    chosen = GlucoseKind(kind)
    return _glycaemia(
        "glucose_mg_dl", glucose_mg_dl, chosen.value, known_diabetes, conventions
    )


@screening("adult.glucose")
def hba1c(
    *,
    hba1c_percent: float | None,
    known_diabetes: bool = False,
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return normal (< 5.7 %), prediabetes (5.7-6.4 %) or diabetes range (>= 6.5 %).

    Examples
    --------
    >>> hba1c(hba1c_percent=6.5).code
    'diabetes'
    """
    return _glycaemia(
        "hba1c_percent", hba1c_percent, "HBA1C", known_diabetes, conventions
    )


def _glycaemia(
    field: str,
    value: float | None,
    key: str,
    known: bool,
    conventions: Conventions | None,
) -> ScreeningResult:
    known = flag("known_diabetes", known)
    result = classify_measure(
        "adult.glucose", field, value, key=key, conventions=conventions,
        details={"kind": key},
    )  # fmt: skip
    if known and result.code != "diabetes":
        chosen = action("pantau_gula_darah_bulanan", conventions or DEFAULT_CONVENTIONS)
        return attrs.evolve(result, action=chosen)
    return result


class Lipid(enum.StrEnum):
    """Which lipid a value is."""

    TOTAL = "total"
    LDL = "ldl"
    HDL = "hdl"
    TRIGLYCERIDES = "triglycerides"


_LIPID_FIELDS = {
    Lipid.TOTAL: "total_cholesterol_mg_dl",
    Lipid.LDL: "ldl_mg_dl",
    Lipid.HDL: "hdl_mg_dl",
    Lipid.TRIGLYCERIDES: "triglycerides_mg_dl",
}


@screening("adult.lipids")
def total_cholesterol(
    *, total_cholesterol_mg_dl: float | None, conventions: Conventions | None = None
) -> ScreeningResult:
    """Return total cholesterol: desirable < 200, borderline 200-239, high >= 240 mg/dL.

    Above 320 mg/dL the action is lifestyle advice and a statin by a doctor.

    Examples
    --------
    >>> total_cholesterol(total_cholesterol_mg_dl=215).code
    'batas_tinggi'
    >>> total_cholesterol(total_cholesterol_mg_dl=330).action.code
    'rujuk_statin'
    """
    result = _lipid(Lipid.TOTAL, total_cholesterol_mg_dl, conventions)
    limit = screening_rule("adult.lipids").data["statin_total_above_mg_dl"]
    if result.value is not None and result.value > limit:
        return attrs.evolve(result, action=action("rujuk_statin"))
    return result


@screening("adult.lipids")
def ldl(
    *, ldl_mg_dl: float | None, conventions: Conventions | None = None
) -> ScreeningResult:
    """Return LDL: optimal < 100, near-optimal 100-129, borderline 130-159, high 160-189, very high.

    Examples
    --------
    >>> ldl(ldl_mg_dl=190).code
    'sangat_tinggi'
    """
    return _lipid(Lipid.LDL, ldl_mg_dl, conventions)


@screening("adult.lipids")
def hdl(
    *, hdl_mg_dl: float | None, conventions: Conventions | None = None
) -> ScreeningResult:
    """Return HDL: low < 40, high >= 60 mg/dL (between: neither).

    Examples
    --------
    >>> hdl(hdl_mg_dl=39).code, hdl(hdl_mg_dl=60).code
    ('rendah', 'tinggi')
    """
    return _lipid(Lipid.HDL, hdl_mg_dl, conventions)


@screening("adult.lipids")
def triglycerides(
    *, triglycerides_mg_dl: float | None, conventions: Conventions | None = None
) -> ScreeningResult:
    """Return triglycerides: normal < 150, borderline 150-199, high 200-499, very high >= 500.

    Examples
    --------
    >>> triglycerides(triglycerides_mg_dl=500).code
    'sangat_tinggi'
    """
    return _lipid(Lipid.TRIGLYCERIDES, triglycerides_mg_dl, conventions)


def _lipid(
    which: Lipid, value: float | None, conventions: Conventions | None
) -> ScreeningResult:
    field = _LIPID_FIELDS[which]
    return classify_measure(
        "adult.lipids", field, value, key=which.value, conventions=conventions,
        details={"lipid": which.value},
    )  # fmt: skip


@screening("adult.lipid_profile_indicated")
def lipid_profile_indicated(
    *, age_years: int | None, hypertension: bool | None, diabetes: bool | None
) -> ScreeningResult:
    """Return whether a lipid profile is indicated: HT and/or DM patients over 40 y.

    Examples
    --------
    >>> lipid_profile_indicated(age_years=41, hypertension=True, diabetes=False).code
    'diindikasikan'
    """
    rule = screening_rule("adult.lipid_profile_indicated")
    age = number("age_years", age_years, integer=True)
    ht = flag("hypertension", hypertension)
    dm = flag("diabetes", diabetes)
    indicated = age > rule.data["above_age_years"] and (ht or dm)
    return category_result(
        rule.id, "diindikasikan" if indicated else "tidak_diindikasikan"
    )


def pack_years(*, cigarettes_per_day: float, years_smoked: float) -> float:
    """Return pack-years = cigarettes a day / 20 × years smoked (DOMAIN.md §9.6).

    Examples
    --------
    >>> pack_years(cigarettes_per_day=20, years_smoked=25)
    25.0
    """
    return cigarettes_per_day / 20 * years_smoked


def _points(table: list[dict[str, float]], value: float) -> int:
    for row in table:
        if "below" in row and value < row["below"]:
            return int(row["points"])
        if "at_most" in row and value <= row["at_most"]:
            return int(row["points"])
        if "below" not in row and "at_most" not in row:
            return int(row["points"])
    return 0


@screening("adult.puma")
def puma(
    *,
    sex: Sex | str | None,
    age_years: int | None,
    pack_years: float | None,
    breathless: bool | None,
    phlegm: bool | None,
    cough: bool | None,
    spirometry_before: bool | None,
) -> ScreeningResult:
    """Return the PUMA COPD score; >= 6 → UBM counselling, spirometry, refer (DOMAIN.md §9.6).

    For smokers aged 40 and over: a pack-years of 0 (never smoked) or an
    age under 40 is not applicable.

    Examples
    --------
    >>> r = puma(sex="L", age_years=52, pack_years=25, breathless=True, phlegm=True,
    ...          cough=True, spirometry_before=False)
    >>> r.value, r.code
    (6.0, 'risiko_ppok')
    """
    rule = screening_rule("adult.puma")
    male = sex_of(sex) is Sex.MALE
    age = number("age_years", age_years, integer=True)
    if age < rule.data["min_age_years"]:
        not_applicable(
            "age_years", "PUMA untuk usia >= 40 tahun", "PUMA is for >= 40 years"
        )
    packs = number(
        "pack_years", pack_years, plausible=plausible_range(rule, "pack_years")
    )
    if packs == 0:
        not_applicable("pack_years", "PUMA untuk perokok", "PUMA is for smokers")
    answers = {
        "breathless": flag("breathless", breathless),
        "phlegm": flag("phlegm", phlegm),
        "cough": flag("cough", cough),
        "spirometry_before": flag("spirometry_before", spirometry_before),
    }
    points = {
        "sex": rule.data["male_points"] if male else 0,
        "age": _points(rule.data["age_points"], age),
        "pack_years": _points(rule.data["pack_year_points"], packs),
    }
    for item, yes in answers.items():
        points[item] = rule.data["symptom_points"][item] if yes else 0
    score = float(sum(points.values()))
    code = "risiko_ppok" if score >= rule.data["refer_from_score"] else "risiko_rendah"
    return category_result(rule.id, code, value=score, details={"points": points})


@screening("adult.ptm_screening_due")
def ptm_screening_due(
    *,
    age_years: int | None,
    months_since_last_screening: int | None = None,
    obesity: bool | None = None,
    central_obesity: bool | None = None,
    high_blood_pressure: bool | None = None,
    tb_patient: bool = False,
) -> ScreeningResult:
    """Return which PTM screenings are due (DOMAIN.md §9).

    Obesity and hypertension: everyone >= 15 y once a year. Diabetes: all
    >= 40 y; 15 to < 40 y with a risk factor (obesity, central obesity or
    high BP); all TB patients; once a year. ``months_since_last_screening``
    None means never screened. ``details["due"]`` lists what is due;
    ``details["undetermined"]`` lists diabetes when the risk factors of a
    15-39-year-old are not known.

    Examples
    --------
    >>> ptm_screening_due(age_years=45).details["due"]
    ('obesitas', 'hipertensi', 'diabetes')
    >>> ptm_screening_due(age_years=30, obesity=False, central_obesity=False,
    ...                   high_blood_pressure=False).details["due"]
    ('obesitas', 'hipertensi')
    """
    rule = screening_rule("adult.ptm_screening_due")
    age = number("age_years", age_years, integer=True)
    risks = tuple(
        None if value is None else flag(name, value)
        for name, value in (
            ("obesity", obesity),
            ("central_obesity", central_obesity),
            ("high_blood_pressure", high_blood_pressure),
        )
    )
    tb = flag("tb_patient", tb_patient)
    if age < rule.data["min_age_years"]:
        not_applicable(
            "age_years", "skrining PTM mulai 15 tahun", "PTM screening starts at 15"
        )
    if months_since_last_screening is not None:
        since = number(
            "months_since_last_screening", months_since_last_screening, integer=True
        )
        if since < rule.data["every_months"]:
            return category_result(
                rule.id, "tidak_wajib", details={"due": (), "undetermined": ()}
            )
    due = ["obesitas", "hipertensi"]
    undetermined: list[str] = []
    if (
        age >= rule.data["diabetes_all_from_age_years"]
        or tb
        or any(r is True for r in risks)
    ):
        due.append("diabetes")
    elif any(r is None for r in risks):
        undetermined.append("diabetes")
    return category_result(
        rule.id,
        "wajib_skrining",
        details={"due": tuple(due), "undetermined": tuple(undetermined)},
    )


__all__ = [
    "BpProfile",
    "GlucoseKind",
    "ImtProfile",
    "Lipid",
    "blood_pressure",
    "central_obesity",
    "glucose",
    "hba1c",
    "hdl",
    "imt",
    "ldl",
    "lipid_profile_indicated",
    "pack_years",
    "ptm_screening_due",
    "puma",
    "total_cholesterol",
    "triglycerides",
]


@screening("adult.srq20")
def srq20(
    *, answers: Sequence[bool] | None = None, score: int | None = None
) -> ScreeningResult:
    """Return SRQ-20: 6 or more of 20 'yes' = possible mental-emotional disorder [U].

    Give the twenty yes/no ``answers`` (in the questionnaire's order) or
    the number of 'yes' as ``score``. At Puskesmas/Pustu (DOMAIN.md §9.6);
    the cut-off is the one Kemenkes uses (Riskesdas), a documented
    convention.

    Examples
    --------
    >>> srq20(score=6).code
    'kemungkinan_gangguan_mental_emosional'
    >>> srq20(answers=[True] * 5 + [False] * 15).code
    'normal'
    """
    rule = screening_rule("adult.srq20")
    if answers is not None:
        if not isinstance(answers, list | tuple) or len(answers) != rule.data["items"]:
            invalid(
                "answers",
                answers,
                "harus 20 jawaban ya/tidak",
                "must be 20 yes/no answers",
            )
        score = sum(flag("answers", a) for a in answers)
    value = number("score", score, integer=True, maximum=rule.data["max_score"])
    return band_result(rule, find_band(rule.bands(), value), value=value)
