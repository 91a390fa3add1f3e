"""Lansia: age groups, SKILAS, ADL Barthel and the follow-up instruments (DOMAIN.md §10).

Cut-offs and scores in ``data/rules/skrining_lansia.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping

from posyandu_core.model._enums import Sex
from posyandu_core.plugins.kesehatan.screening._measures import sex_of
from posyandu_core.plugins.kesehatan.screening._result import ScreeningResult
from posyandu_core.plugins.kesehatan.screening._rules import (
    DEFAULT_CONVENTIONS,
    Conventions,
    band_result,
    category_result,
    classify_measure,
    find_band,
    flag,
    invalid,
    missing,
    not_applicable,
    number,
    plausible_range,
    screening,
    screening_rule,
)


@screening("elderly.elderly_group")
def elderly_group(
    *, age_years: int | None, health_problem: bool = False
) -> ScreeningResult:
    """Return pra-lansia (45-59), lansia (60-69) or lansia risiko tinggi (DOMAIN.md §10).

    Risiko tinggi: 70 years and over, or 60 and over with health problems.

    Examples
    --------
    >>> elderly_group(age_years=65).code, elderly_group(age_years=65, health_problem=True).code
    ('lansia', 'lansia_risiko_tinggi')
    """
    rule = screening_rule("elderly.elderly_group")
    age = number("age_years", age_years, integer=True, plausible=(0, 130))
    if age < rule.data["min_age_years"]:
        not_applicable("age_years", "mulai usia 45 tahun", "starts at 45 years")
    bands = rule.bands()
    band = find_band(bands, age)
    problem = flag("health_problem", health_problem)
    if problem and age >= rule.data["high_risk_with_problem_from_years"]:
        band = bands[-1]
    return band_result(rule, band, value=age, details={"health_problem": problem})


def _any(*answers: bool | None) -> bool | None:
    """Three-valued OR: True if any is True, False if all are False, else unknown."""
    if any(a is True for a in answers):
        return True
    return False if all(a is False for a in answers) else None


@screening("elderly.skilas")
def skilas(
    *,
    orientation_correct: bool | None = None,
    recalls_three_words: bool | None = None,
    chair_stand_seconds: float | None = None,
    chair_stand_completed: bool | None = None,
    weight_loss: bool | None = None,
    appetite_loss: bool | None = None,
    lila_cm: float | None = None,
    eye_problem: bool | None = None,
    finger_count_correct: bool | None = None,
    hears_whisper: bool | None = None,
    whisper_test_possible: bool = True,
    feeling_sad: bool | None = None,
    little_interest: bool | None = None,
) -> ScreeningResult:
    """Return the SKILAS result over its six domains (Formulir 5, DOMAIN.md §10.2).

    A domain is positive when any of its items is: orientation wrong or the
    3 words not all repeated (cognitive); 5 chair stands not done within
    14 s (mobility); weight loss, appetite loss or LiLA < 21 cm
    (malnutrition); an eye problem, or the finger count failed (vision);
    the whisper not heard (hearing; a test that cannot be done also refers
    to the Puskesmas); sad or little interest (depression). Any positive
    domain → further assessment with the domain's instrument. With no
    positive domain, an unanswered domain makes the result missing input.

    Examples
    --------
    >>> r = skilas(orientation_correct=True, recalls_three_words=True,
    ...            chair_stand_seconds=16, weight_loss=False, appetite_loss=False,
    ...            lila_cm=24, eye_problem=False, finger_count_correct=True,
    ...            hears_whisper=True, feeling_sad=False, little_interest=False)
    >>> r.code, r.details["positive_domains"]
    ('positif', ('mobilitas',))
    """
    rule = screening_rule("elderly.skilas")
    bools = {
        "orientation_correct": orientation_correct,
        "recalls_three_words": recalls_three_words,
        "chair_stand_completed": chair_stand_completed,
        "weight_loss": weight_loss,
        "appetite_loss": appetite_loss,
        "eye_problem": eye_problem,
        "finger_count_correct": finger_count_correct,
        "hears_whisper": hears_whisper,
        "feeling_sad": feeling_sad,
        "little_interest": little_interest,
    }
    answers = {k: None if v is None else flag(k, v) for k, v in bools.items()}
    slow: bool | None = None
    if chair_stand_seconds is not None:
        seconds = number(
            "chair_stand_seconds",
            chair_stand_seconds,
            plausible=plausible_range(rule, "chair_stand_seconds"),
        )
        slow = seconds > rule.data["chair_stand_max_seconds"]
    thin: bool | None = None
    if lila_cm is not None:
        lila = number("lila_cm", lila_cm, plausible=plausible_range(rule, "lila_cm"))
        thin = lila < rule.data["lila_below_cm"]

    def negated(key: str) -> bool | None:
        value = answers[key]
        return None if value is None else not value

    not_completed = negated("chair_stand_completed")
    testable = flag("whisper_test_possible", whisper_test_possible)
    hearing = negated("hears_whisper") if testable else True
    vision = answers["eye_problem"]
    if vision is False:
        vision = negated("finger_count_correct")
    domains = {
        "kognitif": _any(
            negated("orientation_correct"), negated("recalls_three_words")
        ),
        "mobilitas": True if not_completed else slow,
        "malnutrisi": _any(answers["weight_loss"], answers["appetite_loss"], thin),
        "penglihatan": vision,
        "pendengaran": hearing,
        "depresi": _any(answers["feeling_sad"], answers["little_interest"]),
    }
    positive = tuple(d for d, v in domains.items() if v is True)
    unknown = tuple(d for d, v in domains.items() if v is None)
    if not positive and unknown:
        missing(f"skilas.{unknown[0]}")
    meta = rule.data["domains"]
    return category_result(
        rule.id,
        "positif" if positive else "negatif",
        value=float(len(positive)),
        details={
            "domains": domains,
            "positive_domains": positive,
            "unknown_domains": unknown,
            "follow_up": {d: meta[d]["follow_up"] for d in positive},
            "hearing_test_not_possible": not testable,
        },
    )


@screening("elderly.barthel")
def barthel(
    *, items: Mapping[str, int] | None = None, total: int | None = None
) -> ScreeningResult:
    """Return the ADL (modified Barthel) category and care group A/B/C (DOMAIN.md §10.3).

    Give the ten item scores (``barthel_items()`` lists them with their
    maxima) or the total 0-20; with both, they must agree. 20 mandiri (A);
    12-19 ringan, 9-11 sedang (B); 5-8 berat, 0-4 total (C).

    Examples
    --------
    >>> [(r.code, r.details["care_group"]) for r in (barthel(total=t) for t in (11, 20, 4))]
    [('ketergantungan_sedang', 'B'), ('mandiri', 'A'), ('ketergantungan_total', 'C')]
    """
    rule = screening_rule("elderly.barthel")
    spec: Mapping[str, Mapping[str, object]] = rule.data["items"]
    summed: float | None = None
    if items is not None:
        if not isinstance(items, Mapping):
            invalid(
                "items", items, "harus pasangan butir: skor", "must map item to score"
            )
        for key in items:
            if key not in spec:
                invalid(
                    "items", key, "butir Barthel tidak dikenal", "unknown Barthel item"
                )
        scores = [
            number(
                f"items.{key}",
                items.get(key),
                integer=True,
                maximum=float(str(entry["max"])),
            )
            for key, entry in spec.items()
        ]
        summed = sum(scores)
    if total is not None:
        given = number("total", total, integer=True, maximum=rule.data["max_total"])
        if summed is not None and summed != given:
            invalid(
                "total",
                total,
                f"tidak sama dengan jumlah butir {summed:g}",
                f"differs from the item sum {summed:g}",
            )
        summed = given
    if summed is None:
        missing("items")
    band = find_band(rule.bands(), summed)
    return band_result(
        rule, band, value=summed, details={"care_group": rule.data["groups"][band.code]}
    )


def barthel_items() -> dict[str, tuple[int, str, str]]:
    """Return the Barthel items: code → (maximum, Indonesian, English).

    Examples
    --------
    >>> sum(m for m, _, _ in barthel_items().values())
    20
    """
    spec = screening_rule("elderly.barthel").data["items"]
    return {k: (int(v["max"]), v["label_id"], v["label_en"]) for k, v in spec.items()}


def _score(
    rule_id: str, score: int | None, key: str | None = None, **details: object
) -> ScreeningResult:
    rule = screening_rule(rule_id)
    value = number("score", score, integer=True, maximum=rule.data["max_score"])
    return band_result(
        rule, find_band(rule.bands(key), value), value=value, details=details
    )


@screening("elderly.mini_cog")
def mini_cog(*, recall_words: int | None, clock_points: int | None) -> ScreeningResult:
    """Return Mini-Cog: 3-word recall (0-3) + clock (0 or 2); 0-2 = possible impairment.

    Examples
    --------
    >>> r = mini_cog(recall_words=1, clock_points=0)
    >>> r.value, r.code
    (1.0, 'kemungkinan_gangguan_kognitif')
    """
    rule = screening_rule("elderly.mini_cog")
    recall = number("recall_words", recall_words, integer=True, maximum=3)
    clock = number("clock_points", clock_points, integer=True, maximum=2)
    if clock not in rule.data["clock_points"]:
        invalid("clock_points", clock_points, "harus 0 atau 2", "must be 0 or 2")
    total = recall + clock
    return band_result(rule, find_band(rule.bands(), total), value=total,
                       details={"recall_words": recall, "clock_points": clock})  # fmt: skip


@screening("elderly.amt")
def amt(*, score: int | None) -> ScreeningResult:
    """Return the AMT result: 8-10 normal, 4-7 moderate, 0-3 severe impairment.

    Examples
    --------
    >>> amt(score=7).code
    'gangguan_sedang'
    """
    return _score("elderly.amt", score)


@screening("elderly.mna_sf")
def mna_sf(
    *, score: int | None, conventions: Conventions | None = None
) -> ScreeningResult:
    """Return MNA-SF: 12-14 normal, 8-11 at risk, 0-7 malnourished (``mna_sf_profile``).

    Examples
    --------
    >>> mna_sf(score=11).code
    'berisiko_malnutrisi'
    """
    profile = (conventions or DEFAULT_CONVENTIONS).mna_sf_profile
    return _score("elderly.mna_sf", score, profile, profile=profile)


@screening("elderly.rapuh")
def rapuh(
    *,
    resistance: bool | None = None,
    activity: bool | None = None,
    illness_count: int | None = None,
    walking: bool | None = None,
    weight_loss: bool | None = None,
    score: int | None = None,
) -> ScreeningResult:
    """Return RAPUH: 0 robust, 1-2 pre-frail, >= 3 frail (DOMAIN.md §10.2).

    One point each for Resistensi (difficulty climbing 10 stairs),
    Aktivitas (tired most of the time), Penyakit (``illness_count`` >= 5 of
    11), Usaha berjalan (difficulty walking), Hilang berat badan (>= 5 % a
    year); or give the ``score`` 0-5.

    Examples
    --------
    >>> rapuh(score=2).code
    'pra_rapuh'
    """
    rule = screening_rule("elderly.rapuh")
    if score is None:
        illnesses = number("illness_count", illness_count, integer=True, maximum=11)
        points = [
            flag("resistance", resistance),
            flag("activity", activity),
            illnesses >= rule.data["illnesses_from"],
            flag("walking", walking),
            flag("weight_loss", weight_loss),
        ]
        score = sum(points)
    return _score(rule.id, score)


@screening("elderly.gds4")
def gds4(
    *,
    satisfied_with_life: bool | None = None,
    often_bored: bool | None = None,
    often_helpless: bool | None = None,
    feel_worthless: bool | None = None,
    score: int | None = None,
) -> ScreeningResult:
    """Return GDS-4: 0 not depressed, 1 possible depression, 2-4 depression (>= 1 → GDS-15).

    "Satisfied with life?" scores 1 for No; the other three score 1 for Yes.

    Examples
    --------
    >>> gds4(satisfied_with_life=False, often_bored=False, often_helpless=False,
    ...      feel_worthless=False).code
    'kemungkinan_depresi'
    """
    if score is None:
        score = sum(
            (
                not flag("satisfied_with_life", satisfied_with_life),
                flag("often_bored", often_bored),
                flag("often_helpless", often_helpless),
                flag("feel_worthless", feel_worthless),
            )
        )
    return _score("elderly.gds4", score)


__all__ = [
    "amt",
    "barthel",
    "barthel_items",
    "elderly_group",
    "gds4",
    "mini_cog",
    "mna_sf",
    "rapuh",
    "skilas",
]


def _item_points(
    spec: Mapping[str, object], names: list[str], top: int
) -> tuple[float, dict[str, float]]:
    """Check each named item score (0 to ``top``, whole) and return their sum and values."""
    points = {n: number(n, spec.get(n), integer=True, maximum=top) for n in names}
    return sum(points.values()), points


@screening("elderly.sppb")
def sppb(
    *,
    balance_points: int | None = None,
    gait_speed_points: int | None = None,
    chair_stand_points: int | None = None,
    score: int | None = None,
) -> ScreeningResult:
    """Return the SPPB: 0-6 low, 7-9 intermediate, 10-12 high physical performance [U].

    Give the three component scores (balance, 4-m gait speed, five chair
    stands; 0-4 each) or the total ``score`` 0-12. The follow-up of a
    positive SKILAS mobility domain (DOMAIN.md §10.2); the bands are
    Guralnik 1994's, a documented convention (DOMAIN prints no scoring).

    Examples
    --------
    >>> sppb(balance_points=4, gait_speed_points=3, chair_stand_points=2).code
    'kinerja_sedang'
    """
    rule = screening_rule("elderly.sppb")
    details: dict[str, float] = {}
    if score is None:
        given = {"balance_points": balance_points, "gait_speed_points": gait_speed_points,
                 "chair_stand_points": chair_stand_points}  # fmt: skip
        total, details = _item_points(
            given, list(rule.data["components"]), int(rule.data["component_max"])
        )
        return band_result(
            rule, find_band(rule.bands(), total), value=total, details=details
        )
    return _score(rule.id, score)


@screening("elderly.sarc_calf")
def sarc_calf(
    *,
    sex: Sex | str | None = None,
    calf_cm: float | None = None,
    sarc_f_items: Mapping[str, int] | None = None,
    sarc_f_score: int | None = None,
    score: int | None = None,
) -> ScreeningResult:
    """Return SARC-CalF: SARC-F (0-10) + 10 points for a low calf; >= 11 possible sarcopenia [U].

    Give ``sex`` and ``calf_cm`` with either the five SARC-F items
    (``strength``, ``assistance_walking``, ``rise_from_chair``,
    ``climb_stairs``, ``falls``; 0-2 each) or their sum ``sarc_f_score``;
    or the total ``score`` 0-20. The calf is low below 34 cm (men) or
    33 cm (women), AWGS 2019.

    Examples
    --------
    >>> sarc_calf(sex="P", calf_cm=31.5, sarc_f_score=2).code
    'kemungkinan_sarkopenia'
    >>> sarc_calf(sex="P", calf_cm=33.0, sarc_f_score=2).code
    'tidak_ada_indikasi'
    """
    rule = screening_rule("elderly.sarc_calf")
    if score is not None:
        return _score(rule.id, score)
    who = sex_of(sex)
    calf = number("calf_cm", calf_cm, plausible=plausible_range(rule, "calf_cm"))
    top = int(rule.data["sarc_f_item_max"])
    names = list(rule.data["sarc_f_items"])
    if sarc_f_items is not None:
        if not isinstance(sarc_f_items, Mapping):
            invalid(
                "sarc_f_items",
                sarc_f_items,
                "harus pasangan butir: nilai",
                "must map item to points",
            )
        sarc_f, details = _item_points(sarc_f_items, names, top)
    else:
        sarc_f = number(
            "sarc_f_score", sarc_f_score, integer=True, maximum=top * len(names)
        )
        details = {}
    low_calf = calf < float(rule.data["calf_below_cm"][str(who)])
    total = sarc_f + (int(rule.data["calf_points"]) if low_calf else 0)
    return band_result(rule, find_band(rule.bands(), total), value=total,
                       details={**details, "sarc_f": sarc_f, "low_calf": low_calf})  # fmt: skip


@screening("elderly.eye_chart")
def eye_chart(*, acuity_denominator_6m: float | None) -> ScreeningResult:
    """Return the WHO visual-impairment category of the acuity read on the eye chart [U].

    ``acuity_denominator_6m`` is x of the smallest line read at 6 metres,
    6/x, with both eyes open and any glasses worn (presenting acuity):
    <= 12 normal, to 18 mild, to 60 moderate, to 120 (3/60) severe, beyond
    blindness (ICD-11 9D90).

    Examples
    --------
    >>> eye_chart(acuity_denominator_6m=12).code, eye_chart(acuity_denominator_6m=24).code
    ('normal', 'gangguan_sedang')
    """
    return classify_measure(
        "elderly.eye_chart",
        "acuity_denominator_6m",
        acuity_denominator_6m,
        conventions=None,
    )
