"""Keluarga berencana: WUS, PUS, 4T, layak hamil, contraceptive methods (DOMAIN.md §11).

Cut-offs in ``data/rules/skrining_kb.toml``; the WUS ages come from the
shared ``sasaran.toml`` and ``imunisasi.toml`` tables.
"""

from __future__ import annotations

from posyandu_core._data import load_rule_table
from posyandu_core.model._enums import Sex
from posyandu_core.model.sasaran import load_life_stages
from posyandu_core.plugins.kesehatan.screening._measures import imt_value, sex_of
from posyandu_core.plugins.kesehatan.screening._result import ScreeningResult
from posyandu_core.plugins.kesehatan.screening._rules import (
    DEFAULT_CONVENTIONS,
    Conventions,
    NotClassifiedError,
    category_result,
    classified,
    code_text,
    flag,
    invalid,
    missing,
    not_applicable,
    number,
    screening,
    screening_rule,
)
from posyandu_core.plugins.kesehatan.screening.maternal import anaemia


def wus_age_years() -> tuple[int, int]:
    """Return the WUS ages (min inclusive, max exclusive) of ``sasaran.toml``.

    Examples
    --------
    >>> wus_age_years()
    (15, 50)
    """
    stage = next(s for s in load_life_stages() if s.code == "WUS")
    return int(stage.min or 0), int(stage.max or 0)


def td_target_age_years() -> tuple[int, int]:
    """Return the Td WUS programme ages (both inclusive) of ``imunisasi.toml``.

    Examples
    --------
    >>> td_target_age_years()
    (15, 39)
    """
    low, high = load_rule_table("imunisasi")["td"]["target_age_years"]
    return int(low), int(high)


@screening("kb.wus")
def wus(*, sex: Sex | str | None, age_years: int | None) -> ScreeningResult:
    """Return whether a woman is a WUS (15-49 y) and a Td WUS target (15-39 y).

    Examples
    --------
    >>> wus(sex="P", age_years=39).code, wus(sex="P", age_years=40).code
    ('wus_td', 'wus')
    """
    if sex_of(sex) is not Sex.FEMALE:
        not_applicable("sex", "WUS adalah perempuan", "WUS are women")
    age = number("age_years", age_years, integer=True, plausible=(0, 130))
    low, high = wus_age_years()
    td_low, td_high = td_target_age_years()
    if not low <= age < high:
        code = "bukan_wus"
    else:
        code = "wus_td" if td_low <= age <= td_high else "wus"
    return category_result("kb.wus", code, value=age)


@screening("kb.pus")
def pus(*, married: bool | None, wife_age_years: int | None) -> ScreeningResult:
    """Return whether a couple is a PUS: married, the wife aged 15-49 (DOMAIN.md §11.1).

    Examples
    --------
    >>> pus(married=True, wife_age_years=49).code, pus(married=True, wife_age_years=50).code
    ('pus', 'bukan_pus')
    """
    rule = screening_rule("kb.pus")
    is_married = flag("married", married)
    age = number("wife_age_years", wife_age_years, integer=True, plausible=(0, 130))
    low, high = rule.data["wife_age_years"]
    code = "pus" if is_married and low <= age <= high else "bukan_pus"
    return category_result(rule.id, code, value=age)


@screening("kb.four_t")
def four_t(
    *,
    mother_age_years: int | None = None,
    birth_interval_months: int | None = None,
    children_born: int | None = None,
    conventions: Conventions | None = None,
) -> ScreeningResult:
    """Return the 4T risks: too young (< 20), too old (> 35), too close (< 24 months), too many.

    ``mother_age_years`` is her age at (or planning) the pregnancy;
    ``birth_interval_months`` the months since her last birth (None for a
    first child); ``children_born`` the children she already has (too many
    from 3: this is the 4th child or more, convention
    ``too_many_children_from``). ``details["risks"]`` lists the T's present,
    ``details["unknown"]`` those whose input is missing; with no T present
    and one unknown, the result is missing input.

    Examples
    --------
    >>> four_t(mother_age_years=36).details["risks"]
    ('terlalu_tua',)
    >>> four_t(mother_age_years=25, birth_interval_months=18, children_born=1).details["risks"]
    ('terlalu_dekat',)
    """
    rule = screening_rule("kb.four_t")
    conv = conventions or DEFAULT_CONVENTIONS
    risks: dict[str, bool | None] = dict.fromkeys(rule.data["items"])
    if mother_age_years is not None:
        age = number(
            "mother_age_years", mother_age_years, integer=True, plausible=(10, 60)
        )
        risks["terlalu_muda"] = age < rule.data["too_young_below_years"]
        risks["terlalu_tua"] = age > rule.data["too_old_above_years"]
    if children_born is not None:
        children = number(
            "children_born", children_born, integer=True, plausible=(0, 25)
        )
        risks["terlalu_banyak"] = children >= conv.too_many_children_from
        if children == 0:
            risks["terlalu_dekat"] = False  # first child: no interval
    if birth_interval_months is not None:
        interval = number(
            "birth_interval_months", birth_interval_months, plausible=(0, 600)
        )
        risks["terlalu_dekat"] = interval < rule.data["too_close_below_months"]
    present = tuple(t for t, yes in risks.items() if yes is True)
    unknown = tuple(t for t, yes in risks.items() if yes is None)
    if not present and unknown:
        missing(f"four_t.{unknown[0]}")
    items = rule.data["items"]
    return category_result(
        rule.id,
        "berisiko_4t" if present else "tidak_4t",
        value=float(len(present)),
        details={
            "risks": present,
            "unknown": unknown,
            "labels": tuple(tuple(items[t]) for t in present),
        },
    )


@screening("kb.layak_hamil")
def layak_hamil(
    *,
    age_years: int | None = None,
    children_born: int | None = None,
    months_since_last_birth: int | None = None,
    imt_kg_m2: float | None = None,
    lila_cm: float | None = None,
    hb_g_dl: float | None = None,
    chronic_disease_controlled: bool | None = None,
) -> ScreeningResult:
    """Return the layak-hamil screen with its unmet and unknown criteria (DOMAIN.md §11.2).

    Criteria: age 20-35; < 3 children; last birth > 2 years ago (None
    with no children = met); IMT 18.5-24.9; LiLA >= 23.5 cm; no anaemia
    (Hb >= 12.0 g/dL, non-pregnant woman); chronic disease absent or
    controlled (``chronic_disease_controlled=True``). Any criterion not met
    → ``belum_layak_hamil`` (``details["unmet"]``); all known criteria met
    but some unknown → missing input (``details`` not given, the field
    names the first unknown criterion); all met → ``layak_hamil``.

    Examples
    --------
    >>> r = layak_hamil(age_years=19, children_born=0, imt_kg_m2=21, lila_cm=24,
    ...                 hb_g_dl=12.5, chronic_disease_controlled=True)
    >>> r.code, r.details["unmet"]
    ('belum_layak_hamil', ('usia',))
    """
    rule = screening_rule("kb.layak_hamil")
    data = rule.data
    met: dict[str, bool | None] = dict.fromkeys(data["criteria"])
    if age_years is not None:
        age = number("age_years", age_years, integer=True, plausible=(10, 60))
        low, high = data["age_years"]
        met["usia"] = low <= age <= high
    if children_born is not None:
        children = number(
            "children_born", children_born, integer=True, plausible=(0, 25)
        )
        met["jumlah_anak"] = children < data["children_below"]
        if children == 0 and months_since_last_birth is None:
            met["jarak_kelahiran"] = True
    if months_since_last_birth is not None:
        months = number(
            "months_since_last_birth", months_since_last_birth, plausible=(0, 600)
        )
        met["jarak_kelahiran"] = months > data["months_since_birth_above"]
    if imt_kg_m2 is not None:
        imt = imt_value(imt_kg_m2, None, None)
        low_imt, high_imt = data["imt_kg_m2"]
        met["imt"] = low_imt <= imt < high_imt
    if lila_cm is not None:
        lila = number("lila_cm", lila_cm, plausible=(10.0, 60.0))
        met["lila"] = lila >= data["lila_from_cm"]
    if hb_g_dl is not None:
        result = anaemia(hb_g_dl=hb_g_dl, age_months=20 * 12, sex="P")
        if not result.classified:
            raise NotClassifiedError(result.status, result.field, result.problem or "")
        met["tidak_anemia"] = result.code == "tidak_anemia"
    if chronic_disease_controlled is not None:
        met["penyakit_kronis_terkontrol"] = flag(
            "chronic_disease_controlled", chronic_disease_controlled
        )
    unmet = tuple(c for c, ok in met.items() if ok is False)
    unknown = tuple(c for c, ok in met.items() if ok is None)
    if not unmet and unknown:
        missing(f"layak_hamil.{unknown[0]}")
    labels = data["criteria"]
    return category_result(
        rule.id,
        "belum_layak_hamil" if unmet else "layak_hamil",
        details={
            "unmet": unmet,
            "unknown": unknown,
            "unmet_labels": tuple(tuple(labels[c]) for c in unmet),
        },
    )


@screening("kb.contraceptive_method")
def contraceptive_method(*, method: str | None) -> ScreeningResult:
    """Return a method's group (MKJP, non-MKJP, alamiah) and minimum service level.

    ``details["level"]`` is the lowest place that can give it (posyandu,
    pustu, puskesmas); ``details["by_nakes"]`` whether only a health worker
    may give it there; ``details["duration_years"]`` the typical duration
    where one is known [U].

    Examples
    --------
    >>> r = contraceptive_method(method="implan")
    >>> r.code, r.details["level"]
    ('mkjp', 'pustu')
    """
    rule = screening_rule("kb.contraceptive_method")
    method = code_text("method", method)
    methods = rule.data["methods"]
    if method not in methods:
        invalid(
            "method",
            method,
            f"metode tidak dikenal; pilih {', '.join(methods)}",
            "unknown method",
        )
    entry = methods[method]
    label_id, label_en = rule.data["groups"][entry["group"]]
    return classified(
        rule.id,
        entry["group"],
        label_id,
        label_en,
        details={
            "method": method,
            "method_label_id": entry["label_id"],
            "method_label_en": entry["label_en"],
            "level": entry["level"],
            "by_nakes": entry.get("by_nakes", False),
            "permanent": entry.get("permanent", False),
            "duration_years": entry.get("duration_years"),
        },
    )


__all__ = [
    "contraceptive_method",
    "four_t",
    "layak_hamil",
    "pus",
    "td_target_age_years",
    "wus",
    "wus_age_years",
]
