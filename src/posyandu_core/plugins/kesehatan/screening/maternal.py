"""Ibu hamil, bersalin, nifas and the newborn (DOMAIN.md §7).

Pure functions, value in, :class:`ScreeningResult` out; every cut-off is in
``data/rules/skrining_maternal.toml``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence

import attrs

from posyandu_core.model._enums import Sex
from posyandu_core.plugins.kesehatan.screening._measures import (
    blood_pressure,
    imt_value,
    sex_of,
)
from posyandu_core.plugins.kesehatan.screening._result import ScreeningResult
from posyandu_core.plugins.kesehatan.screening._rules import (
    DEFAULT_CONVENTIONS,
    Conventions,
    band_result,
    category_result,
    classify_measure,
    code_text,
    code_texts,
    find_band,
    flag,
    invalid,
    missing,
    not_applicable,
    number,
    plausible_range,
    prepare,
    screening,
    screening_rule,
    stop_from,
)


def gestational_age_weeks(*, hpht: dt.date, on: dt.date) -> float:
    """Return the gestational age in weeks on ``on`` from the HPHT (last menstrual period).

    Examples
    --------
    >>> gestational_age_weeks(hpht=dt.date(2025, 1, 1), on=dt.date(2025, 3, 12))
    10.0
    """
    return (on - hpht).days / 7


@screening("maternal.trimester")
def trimester(
    *, gestational_age_weeks: float | None, conventions: Conventions | None = None
) -> ScreeningResult:
    """Return the trimester: 0-12 weeks TM1, >12-24 TM2, >24 TM3 (DOMAIN.md §7.1).

    Pass completed weeks to count as the Buku KIA does ("12 minggu" includes
    12 weeks and 6 days); a fractional age is classified as given.

    Examples
    --------
    >>> trimester(gestational_age_weeks=12).code, trimester(gestational_age_weeks=12.1).code
    ('trimester_1', 'trimester_2')
    """
    return classify_measure(
        "maternal.trimester",
        "gestational_age_weeks",
        gestational_age_weeks,
        conventions=conventions,
    )


@screening("maternal.anc_first_contact")
def anc_first_contact(*, gestational_age_weeks: float | None) -> ScreeningResult:
    """Return K1 murni (first contact in TM1, code K1M) or K1 akses (K1A).

    Every first contact is a K1 akses; one in trimester 1 is also K1 murni
    (``details["k1_akses"]`` is always True).

    Examples
    --------
    >>> r = anc_first_contact(gestational_age_weeks=10)
    >>> r.code, r.kemkes_code
    ('k1_murni', 'K1M')
    """
    tm = trimester(gestational_age_weeks=gestational_age_weeks)
    if not tm.classified:
        raise stop_from(tm)
    code = "k1_murni" if tm.code == "trimester_1" else "k1_akses"
    return category_result(
        "maternal.anc_first_contact",
        code,
        value=tm.value,
        details={"trimester": tm.code, "k1_akses": True},
    )


@attrs.frozen(kw_only=True)
class AncContact:
    """One ANC contact: gestational age, and whether a doctor saw her with USG."""

    gestational_age_weeks: float
    by_doctor: bool = False
    usg: bool = False


@screening("maternal.anc_summary")
def anc_summary(
    *,
    contacts: Sequence[AncContact] | None,
    gestational_age_weeks: float | None = None,
    delivered: bool = False,
) -> ScreeningResult:
    """Summarise the ANC contacts K1-K6 against the standard (DOMAIN.md §7.1).

    Minimum 1 contact in TM1, 2 in TM2, 3 in TM3; a doctor with USG in TM1
    (K1) and TM3 (K5). Only trimesters that have ended are judged (all of
    them once ``delivered``). Contacts are numbered K1, K2 … in order of
    gestational age; one in another trimester than the standard schedule
    gives it (K1 TM1, K2-K3 TM2, K4-K6 TM3) is off-schedule, one after K6
    is additional.

    Parameters
    ----------
    contacts : sequence of AncContact
        Every ANC contact of this pregnancy so far (empty: none yet).
    gestational_age_weeks : float, optional
        Gestational age today (needed unless ``delivered``).
    delivered : bool
        The pregnancy has ended: judge all three trimesters.

    Returns
    -------
    ScreeningResult
        ``lengkap``, ``sesuai_jadwal`` or ``kurang``; ``details`` has the
        counts per trimester, the numbered contacts and the shortfalls.

    Examples
    --------
    >>> c = [AncContact(gestational_age_weeks=8, by_doctor=True, usg=True),
    ...      AncContact(gestational_age_weeks=16), AncContact(gestational_age_weeks=20)]
    >>> anc_summary(contacts=c, gestational_age_weeks=26).code
    'sesuai_jadwal'
    >>> anc_summary(contacts=c[1:], gestational_age_weeks=26).details["shortfalls"]
    ('trimester_1: 0/1', 'K1: dokter + USG / doctor + ultrasound')
    """
    rule = screening_rule("maternal.anc_summary")
    if contacts is None:
        missing("contacts")
    if not isinstance(contacts, list | tuple) or not all(
        isinstance(c, AncContact) for c in contacts
    ):
        invalid(
            "contacts",
            contacts,
            "harus daftar AncContact",
            "must be a list of AncContact",
        )
    delivered = flag("delivered", delivered)
    now = None
    if not delivered:
        if gestational_age_weeks is None:
            missing("gestational_age_weeks")
        now = trimester(gestational_age_weeks=gestational_age_weeks)
        if not now.classified:
            raise stop_from(now)
    minimum: dict[str, int] = dict(rule.data["minimum_per_trimester"])
    schedule: list[str] = list(rule.data["schedule"])
    counts = dict.fromkeys(minimum, 0)
    doctor_usg = dict.fromkeys(minimum, False)
    numbered = []
    for n, contact in enumerate(
        sorted(contacts, key=lambda c: c.gestational_age_weeks), start=1
    ):
        tm = trimester(gestational_age_weeks=contact.gestational_age_weeks)
        if not tm.classified or tm.code is None:
            raise stop_from(tm)
        counts[tm.code] += 1
        doctor_usg[tm.code] |= contact.by_doctor and contact.usg
        label = f"K{n}" if n <= len(schedule) else "tambahan"
        on_schedule = n <= len(schedule) and schedule[n - 1] == tm.code
        numbered.append(
            {"contact": label, "trimester": tm.code, "on_schedule": on_schedule}
        )
    order = list(minimum)
    ended = order if delivered else order[: order.index(str(now.code if now else ""))]
    shortfalls = [
        f"{tm}: {counts[tm]}/{minimum[tm]}" for tm in ended if counts[tm] < minimum[tm]
    ]
    for slot, tm in rule.data["doctor_contacts"].items():
        if tm in ended and not doctor_usg[tm]:
            shortfalls.append(f"{slot}: dokter + USG / doctor + ultrasound")
    code = "kurang" if shortfalls else ("lengkap" if delivered else "sesuai_jadwal")
    return category_result(
        "maternal.anc_summary",
        code,
        value=float(len(numbered)),
        details={
            "per_trimester": counts,
            "minimum_per_trimester": minimum,
            "doctor_usg": doctor_usg,
            "contacts": tuple(numbered),
            "shortfalls": tuple(shortfalls),
            "trimesters_judged": tuple(ended),
        },
    )


@screening("maternal.anc_visit_requirements")
def anc_visit_requirements(*, contact: str | None) -> ScreeningResult:
    """Return what ANC contact ``"K1"`` … ``"K6"`` must include (DOMAIN.md §7.1).

    ``details["requirements"]`` lists the codes (every contact: 10T and TB
    symptom screening), ``details["labels"]`` their Indonesian and English
    names.

    Examples
    --------
    >>> anc_visit_requirements(contact="K3").details["requirements"]
    ('10t', 'skrining_gejala_tb', 'gula_darah_sewaktu')
    """
    rule = screening_rule("maternal.anc_visit_requirements")
    contact = code_text("contact", contact)
    by_contact = rule.data["by_contact"]
    if contact not in by_contact:
        invalid("contact", contact, "bukan K1-K6", "not K1-K6")
    codes = (*rule.data["every_contact"], *by_contact[contact])
    labels = rule.data["labels"]
    return ScreeningResult(
        rule=rule.id,
        status="classified",
        code=contact,
        label_id=f"Kontak ANC {contact}",
        label_en=f"ANC contact {contact}",
        kemkes_code=None if contact == "K1" else contact,
        details={
            "requirements": codes,
            "labels": tuple((labels[c][0], labels[c][1]) for c in codes),
        },
        source=rule.source,
        confidence=rule.confidence,
    )


@screening("maternal.kek")
def kek(
    *, lila_cm: float | None, conventions: Conventions | None = None
) -> ScreeningResult:
    """Return KEK (LiLA < 23.5 cm, OI000018) or not, with PMT for KEK (DOMAIN.md §7.2).

    Examples
    --------
    >>> kek(lila_cm=22.9).code, kek(lila_cm=23.5).code
    ('kek', 'tidak_kek')
    """
    rule = screening_rule("maternal.kek")
    return classify_measure(
        rule.id,
        "lila_cm",
        lila_cm,
        conventions=conventions,
        details={
            "pmt_kcal_per_day": rule.data["pmt_kcal_per_day"],
            "pmt_min_days": rule.data["pmt_min_days"],
        },
    )


@screening("maternal.pmt_kek")
def pmt_kek(*, days_received: int | None) -> ScreeningResult:
    """Return whether a KEK mother has had PMT for the minimum 90 days (DOMAIN.md §7.2).

    Examples
    --------
    >>> pmt_kek(days_received=89).code, pmt_kek(days_received=90).code
    ('belum_cukup', 'cukup')
    """
    rule = screening_rule("maternal.pmt_kek")
    days = number(
        "days_received",
        days_received,
        integer=True,
        plausible=plausible_range(rule, "days_received"),
    )
    return category_result(
        rule.id,
        "cukup" if days >= rule.data["min_days"] else "belum_cukup",
        value=days,
        details={
            "min_days": rule.data["min_days"],
            "kcal_per_day": rule.data["kcal_per_day"],
        },
    )


@screening("maternal.short_stature")
def short_stature(
    *, height_cm: float | None, conventions: Conventions | None = None
) -> ScreeningResult:
    """Return the height < 150 cm obstetric risk flag ([U], DOMAIN.md §7.2).

    Examples
    --------
    >>> short_stature(height_cm=149.9).code
    'risiko_tinggi_badan'
    """
    return classify_measure(
        "maternal.short_stature", "height_cm", height_cm, conventions=conventions
    )


@screening("maternal.underweight_pre_pregnancy")
def underweight_pre_pregnancy(
    *,
    imt_kg_m2: float | None = None,
    weight_kg: float | None = None,
    height_cm: float | None = None,
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return underweight (IMT < 18.5) before pregnancy or in TM1 (DOMAIN.md §7.2).

    Give the IMT, or the weight and height to compute it.

    Examples
    --------
    >>> underweight_pre_pregnancy(weight_kg=42, height_cm=155).code
    'kurang_berat_badan'
    """
    imt = imt_value(imt_kg_m2, weight_kg, height_cm)
    return classify_measure(
        "maternal.underweight_pre_pregnancy", "imt_kg_m2", imt, conventions=conventions
    )


def anaemia_group(
    *, age_months: int | None, sex: Sex | str | None, pregnant: bool = False
) -> str | None:
    """Return the anaemia group (``"child_6_59"`` … ``"pregnant"``) or None if none applies.

    Examples
    --------
    >>> anaemia_group(age_months=13 * 12, sex="P"), anaemia_group(age_months=4, sex="L")
    ('child_12_14', None)
    """
    groups = screening_rule("maternal.anaemia").data["groups"]
    if pregnant:
        return "pregnant"
    if age_months is None:
        return None
    for group, entry in groups.items():
        if "min_months" not in entry:
            continue
        if "sex" in entry and (sex is None or Sex.parse(sex) is not Sex(entry["sex"])):
            continue
        if age_months >= entry["min_months"] and age_months < entry.get(
            "max_months", float("inf")
        ):
            return str(group)
    return None


@screening("maternal.anaemia")
def anaemia(
    *,
    hb_g_dl: float | None,
    age_months: int | None = None,
    sex: Sex | str | None = None,
    pregnant: bool = False,
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return the anaemia band for the person's group (DOMAIN.md §7.3, WHO 2011).

    Groups: children 6-59 months, 5-11 y, 12-14 y, non-pregnant women
    >= 15 y, pregnant women (any age), men >= 15 y; the sex is needed from
    15 years. Under 6 months the rule does not apply.

    Parameters
    ----------
    hb_g_dl : float
        Haemoglobin in g/dL.
    age_months : int
        Age in completed months (not needed when ``pregnant``).
    sex : Sex or str
        ``"L"``/``"P"`` (any code ``Sex.parse`` reads).
    pregnant : bool
        Use the pregnant-women bands.

    Examples
    --------
    >>> anaemia(hb_g_dl=10.5, pregnant=True).code
    'anemia_ringan'
    >>> anaemia(hb_g_dl=11.5, age_months=13 * 12, sex="P").kemkes_code
    'OI000032'
    """
    months = None
    if not pregnant:
        months = int(
            number("age_months", age_months, integer=True, plausible=(0, 1560))
        )
        if months >= 180:
            sex = sex_of(sex)
    group = anaemia_group(
        age_months=months, sex=sex, pregnant=flag("pregnant", pregnant)
    )
    if group is None:
        not_applicable(
            "age_months",
            "ambang anemia mulai usia 6 bulan",
            "thresholds start at 6 months",
        )
    groups = screening_rule("maternal.anaemia").data["groups"]
    return classify_measure(
        "maternal.anaemia",
        "hb_g_dl",
        hb_g_dl,
        key=group,
        conventions=conventions,
        details={
            "group": group,
            "group_label_id": groups[group]["label_id"],
            "group_label_en": groups[group]["label_en"],
        },
    )


class Supplement(enum.StrEnum):
    """Iron supplement for pregnant women."""

    TTD = "TTD"  # tablet tambah darah: 60 mg Fe + 400 µg folic acid
    MMS = "MMS"  # multiple micronutrient supplement (KMK 1092/2024)


@screening("maternal.iron_supplement")
def iron_supplement(
    *, tablets_consumed: int | None, supplement: Supplement | str = Supplement.TTD
) -> ScreeningResult:
    """Return whether enough TTD (>= 90) or MMS (>= 180) tablets were taken (DOMAIN.md §7.4).

    Examples
    --------
    >>> iron_supplement(tablets_consumed=90).code
    'cukup'
    >>> iron_supplement(tablets_consumed=120, supplement="MMS").code
    'belum_cukup'
    """
    rule = screening_rule("maternal.iron_supplement")
    kind = Supplement(supplement)
    tablets = number(
        "tablets_consumed",
        tablets_consumed,
        integer=True,
        plausible=plausible_range(rule, "tablets_consumed"),
    )
    needed = int(rule.data["minimum_tablets"][kind.value])
    code = "cukup" if tablets >= needed else "belum_cukup"
    return category_result(
        rule.id,
        code,
        value=tablets,
        details={"supplement": kind.value, "minimum_tablets": needed},
    )


@screening("maternal.weight_gain")
def weight_gain(
    *,
    pre_pregnancy_imt_kg_m2: float | None,
    gain_kg: float | None = None,
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return the recommended total gain for the pre-pregnancy IMT (IOM 2009, DOMAIN.md §7.5).

    ``details["recommended_gain_kg"]`` is the (low, high) range; with
    ``gain_kg`` (total gain so far or at delivery) ``details["gain"]`` says
    ``"below"``, ``"within"`` or ``"above"`` the range.

    Examples
    --------
    >>> weight_gain(pre_pregnancy_imt_kg_m2=17.9).details["recommended_gain_kg"]
    (12.5, 18.0)
    """
    rule = screening_rule("maternal.weight_gain")
    conv = conventions or DEFAULT_CONVENTIONS
    imt = number(
        "pre_pregnancy_imt_kg_m2",
        pre_pregnancy_imt_kg_m2,
        plausible=plausible_range(rule, "imt_kg_m2"),
    )
    band = find_band(rule.bands(), prepare(rule, imt, conv))
    low, high = (float(v) for v in rule.data["gain_kg"][band.code])
    details: dict[str, object] = {"recommended_gain_kg": (low, high)}
    if gain_kg is not None:
        gain = number(
            "gain_kg",
            gain_kg,
            minimum=-30.0,
            plausible=plausible_range(rule, "gain_kg"),
        )
        details["gain_kg"] = gain
        details["gain"] = (
            "below" if gain < low else "above" if gain > high else "within"
        )
    return band_result(rule, band, value=imt, conventions=conv, details=details)


@screening("maternal.pregnancy_blood_pressure")
def pregnancy_blood_pressure(
    *, systolic_mmhg: float | None, diastolic_mmhg: float | None
) -> ScreeningResult:
    """Return hypertension in pregnancy (SBP >= 140 or DBP >= 90 → refer, DOMAIN.md §7.6).

    Examples
    --------
    >>> r = pregnancy_blood_pressure(systolic_mmhg=142, diastolic_mmhg=88)
    >>> r.code, r.referral
    ('hipertensi', <ReferralTarget.PUSKESMAS: 'puskesmas'>)
    """
    rule = screening_rule("maternal.pregnancy_blood_pressure")
    systolic, diastolic = blood_pressure(systolic_mmhg, diastolic_mmhg)
    high = (
        systolic >= rule.data["systolic_from"]
        or diastolic >= rule.data["diastolic_from"]
    )
    return category_result(
        rule.id,
        "hipertensi" if high else "normal",
        details={"systolic_mmhg": systolic, "diastolic_mmhg": diastolic},
    )


class DangerSignStage(enum.StrEnum):
    """Whose danger-sign list applies."""

    KEHAMILAN = "kehamilan"  # pregnancy
    NIFAS = "nifas"  # postpartum
    BAYI_BARU_LAHIR = "bayi_baru_lahir"  # newborn


def danger_sign_codes(stage: DangerSignStage | str) -> dict[str, tuple[str, str]]:
    """Return the danger signs of ``stage``: code → (Indonesian, English).

    Examples
    --------
    >>> sorted(danger_sign_codes("nifas"))[:2]
    ['bengkak_sakit_kepala_kejang', 'cairan_berbau']
    """
    signs = screening_rule("maternal.danger_signs").data["signs"]
    return {
        code: (label[0], label[1])
        for code, label in signs[DangerSignStage(stage).value].items()
    }


@screening("maternal.danger_signs")
def danger_signs(
    *,
    stage: DangerSignStage | str,
    signs: Iterable[str] | None,
    respiratory_rate_per_min: float | None = None,
) -> ScreeningResult:
    """Return whether any danger sign is present → refer at once (DOMAIN.md §7.6-§7.7).

    Parameters
    ----------
    stage : DangerSignStage or str
        ``"kehamilan"``, ``"nifas"`` or ``"bayi_baru_lahir"``.
    signs : iterable of str
        Codes of the signs present (``danger_sign_codes(stage)``); an empty
        list means the checklist was done and none is present; None means it
        was not done.
    respiratory_rate_per_min : float, optional
        Newborn breathing rate; >= 60/min counts as fast breathing.

    Examples
    --------
    >>> danger_signs(stage="nifas", signs=["demam_lebih_2_hari"]).code
    'ada_tanda_bahaya'
    >>> danger_signs(stage="bayi_baru_lahir", signs=[], respiratory_rate_per_min=64).code
    'ada_tanda_bahaya'
    """
    rule = screening_rule("maternal.danger_signs")
    which = DangerSignStage(stage)
    known = danger_sign_codes(which)
    present = list(dict.fromkeys(code_texts("signs", signs)))
    for sign in present:
        if sign not in known:
            invalid("signs", sign, "tanda bahaya tidak dikenal", "unknown danger sign")
    if (
        respiratory_rate_per_min is not None
        and which is DangerSignStage.BAYI_BARU_LAHIR
    ):
        rate = number(
            "respiratory_rate_per_min", respiratory_rate_per_min, plausible=(5, 150)
        )
        fast = "napas_cepat_tarikan_dinding_dada"
        if rate >= rule.data["newborn_fast_breathing_per_min"] and fast not in present:
            present.append(fast)
    code = "ada_tanda_bahaya" if present else "tidak_ada_tanda_bahaya"
    return category_result(
        rule.id,
        code,
        value=float(len(present)),
        details={
            "stage": which.value,
            "signs": tuple(present),
            "labels": tuple(known[s] for s in present),
        },
    )


@screening("maternal.postnatal_visit")
def postnatal_visit(
    *,
    delivered_at: dt.date | None,
    visit_at: dt.date | None,
    kind: str = "KF",
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return which postnatal visit a contact counts as: KF1-KF4 or KN1-KN3 (DOMAIN.md §7.7).

    Days after delivery are calendar days (``delivery_day_number``
    convention); with datetimes a contact earlier than 6 hours after delivery
    is not yet KF1/KN1. A contact after the last window is not applicable
    (no longer nifas / neonatal); one between windows cannot happen (they
    are contiguous).

    Examples
    --------
    >>> postnatal_visit(delivered_at=dt.date(2025, 5, 1), visit_at=dt.date(2025, 5, 5)).code
    'KF2'
    """
    rule = screening_rule("maternal.postnatal_visit")
    conv = conventions or DEFAULT_CONVENTIONS
    if kind not in rule.data["windows"]:
        invalid("kind", kind, "harus KF atau KN", "must be KF or KN")
    if delivered_at is None:
        missing("delivered_at")
    if visit_at is None:
        missing("visit_at")
    for field, value in (("delivered_at", delivered_at), ("visit_at", visit_at)):
        if not isinstance(value, dt.date):
            invalid(field, value, "harus tanggal", "must be a date")
    if isinstance(delivered_at, dt.datetime) and isinstance(visit_at, dt.datetime):
        hours = (visit_at - delivered_at).total_seconds() / 3600
        if 0 <= hours < rule.data["min_hours"]:
            not_applicable(
                "visit_at",
                "kurang dari 6 jam setelah persalinan",
                "less than 6 hours after delivery",
            )
    elapsed = (_day(visit_at) - _day(delivered_at)).days
    if elapsed < 0:
        invalid("visit_at", visit_at, "sebelum persalinan", "before the delivery")
    day = elapsed + conv.delivery_day_number
    windows = rule.data["windows"][kind]
    visit = next((v for v, (lo, hi) in windows.items() if lo <= day <= hi), None)
    if visit is None:
        not_applicable(
            "visit_at",
            f"di luar jendela {kind} (hari ke-{day})",
            f"after the {kind} windows (day {day})",
        )
    first, last = windows[visit]
    return ScreeningResult(
        rule=rule.id,
        status="classified",
        code=visit,
        label_id=f"Kunjungan {visit} (hari ke-{first} s.d. {last})",
        label_en=f"Visit {visit} (day {first} to {last})",
        details={"day": day, "window_days": (first, last)},
        source=rule.source,
        confidence=rule.data["confidence_by_kind"][kind],
    )


def postnatal_schedule(
    *, delivered_on: dt.date, kind: str = "KF", conventions: Conventions | None = None
) -> tuple[tuple[str, dt.date, dt.date], ...]:
    """Return the KF (or KN) visits with the first and last date of their windows.

    Windows never start before the delivery date (with the
    ``delivery_day_number`` convention 1, day 0 does not exist).

    Examples
    --------
    >>> postnatal_schedule(delivered_on=dt.date(2025, 5, 1))[1]
    ('KF2', datetime.date(2025, 5, 4), datetime.date(2025, 5, 8))
    """
    rule = screening_rule("maternal.postnatal_visit")
    shift = (conventions or DEFAULT_CONVENTIONS).delivery_day_number
    return tuple(
        (
            visit,
            delivered_on + dt.timedelta(days=max(first - shift, 0)),
            delivered_on + dt.timedelta(days=last - shift),
        )
        for visit, (first, last) in rule.data["windows"][kind].items()
    )


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


@screening("maternal.vitamin_a_nifas")
def vitamin_a_nifas(*, capsules_given: int | None) -> ScreeningResult:
    """Return whether the mother got both red vitamin A capsules in nifas (DOMAIN.md §7.7).

    Examples
    --------
    >>> vitamin_a_nifas(capsules_given=1).action.code
    'beri_vitamin_a'
    """
    rule = screening_rule("maternal.vitamin_a_nifas")
    given = number("capsules_given", capsules_given, integer=True, plausible=(0, 4))
    needed = int(rule.data["capsules"])
    return category_result(
        rule.id,
        "lengkap" if given >= needed else "belum_lengkap",
        value=given,
        details={"capsules_needed": needed, "unit_iu": rule.data["unit_iu"]},
    )


@screening("maternal.breastfeeding_fluids")
def breastfeeding_fluids(
    *, baby_age_months: int | None, glasses_per_day: float | None = None
) -> ScreeningResult:
    """Return the advised fluid for a breastfeeding mother (14 / 12 glasses a day, DOMAIN.md §7.7).

    Without ``glasses_per_day`` the result is the advice (``anjuran``);
    with it, ``cukup`` or ``kurang``. From the baby's 12th month the rule
    does not apply.

    Examples
    --------
    >>> breastfeeding_fluids(baby_age_months=2).details["advised_glasses_per_day"]
    14
    >>> breastfeeding_fluids(baby_age_months=7, glasses_per_day=8).code
    'kurang'
    """
    rule = screening_rule("maternal.breastfeeding_fluids")
    age = number("baby_age_months", baby_age_months, integer=True)
    for period in rule.data["periods"]:
        if period["min_months"] <= age < period["max_months"]:
            advised = int(period["glasses"])
            break
    else:
        not_applicable(
            "baby_age_months",
            "anjuran hanya untuk 12 bulan pertama",
            "advice covers the first 12 months",
        )
    details = {"advised_glasses_per_day": advised}
    if glasses_per_day is None:
        return category_result(
            rule.id, "anjuran", value=float(advised), details=details
        )
    glasses = number(
        "glasses_per_day",
        glasses_per_day,
        plausible=plausible_range(rule, "glasses_per_day"),
    )
    return category_result(
        rule.id,
        "cukup" if glasses >= advised else "kurang",
        value=glasses,
        details=details,
    )


__all__ = [
    "AncContact",
    "DangerSignStage",
    "Supplement",
    "anaemia",
    "anaemia_group",
    "anc_first_contact",
    "anc_summary",
    "anc_visit_requirements",
    "breastfeeding_fluids",
    "danger_sign_codes",
    "danger_signs",
    "gestational_age_weeks",
    "iron_supplement",
    "kek",
    "pmt_kek",
    "postnatal_schedule",
    "postnatal_visit",
    "pregnancy_blood_pressure",
    "short_stature",
    "trimester",
    "underweight_pre_pregnancy",
    "vitamin_a_nifas",
    "weight_gain",
]
