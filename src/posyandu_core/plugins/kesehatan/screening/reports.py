"""The monthly life-cycle counts a Posyandu reports (pregnant women, nifas, PTM, lansia).

A pure function of the register and a month: each indicator counts the
distinct persons whose latest measurement in that month meets it, grouped
by bidang (``kesehatan``) and sasaran code (``sasaran.toml``). Coverage
rows carry their denominator: persons of that age group with any row in
the 12 months up to the month's end (the sasaran known to the register;
the register lane's residence rule can replace it at merge).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Final, cast

import attrs

from posyandu_core.errors import UnknownNameError
from posyandu_core.model._age import completed_years
from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.plugins.kesehatan.screening import adult, elderly, maternal
from posyandu_core.plugins.kesehatan.screening._result import ScreeningResult
from posyandu_core.plugins.kesehatan.screening.services import (
    AncDataError,
    anc_contacts,
    glucose_result,
    pregnancy_rows,
)
from posyandu_core.register import Register, RegisterRow

#: Column keys of ``to_rows()`` with their Indonesian and English labels.
COLUMNS: Final[dict[str, tuple[str, str]]] = {
    "month": ("Bulan", "Month"),
    "bidang": ("Bidang", "Field"),
    "sasaran": ("Sasaran", "Target group"),
    "indicator": ("Indikator", "Indicator"),
    "label_id": ("Uraian", "Description (Indonesian)"),
    "label_en": ("Uraian (Inggris)", "Description"),
    "count": ("Jumlah", "Count"),
    "denominator": ("Penyebut", "Denominator"),
}


@attrs.frozen(kw_only=True)
class ReportLine:
    """One count of the monthly report."""

    sasaran: str
    indicator: str
    label_id: str
    label_en: str
    count: int
    denominator: int | None = None


@attrs.frozen(kw_only=True)
class LifecycleMonthlyReport:
    """The life-cycle counts of one month; ``to_rows()`` gives plain dicts."""

    month: Month
    lines: tuple[ReportLine, ...]
    bidang: str = "kesehatan"

    def count(self, indicator: str) -> int:
        """Return the count of ``indicator`` (KeyError if there is no such line)."""
        for line in self.lines:
            if line.indicator == indicator:
                return line.count
        msg = f"the report has no line {indicator!r}"
        raise UnknownNameError(
            msg, message_id=f"laporan tidak punya baris {indicator!r}", value=indicator
        )

    def to_rows(self) -> list[dict[str, object]]:
        """Return one dict per line with the keys of ``COLUMNS``."""
        return [
            {
                "month": str(self.month),
                "bidang": self.bidang,
                "sasaran": line.sasaran,
                "indicator": line.indicator,
                "label_id": line.label_id,
                "label_en": line.label_en,
                "count": line.count,
                "denominator": line.denominator,
            }
            for line in self.lines
        ]


def _in_month(rows: Sequence[RegisterRow], month: Month) -> list[RegisterRow]:
    return [
        r
        for r in rows
        if r.visit_date is not None
        and month.first_day <= r.visit_date <= month.last_day
    ]


def _last(
    rows: Sequence[RegisterRow], has: Callable[[RegisterRow], bool]
) -> RegisterRow | None:
    return next((r for r in reversed(rows) if has(r)), None)


def _code(
    rows: Sequence[RegisterRow],
    has: Callable[[RegisterRow], bool],
    screen: Callable[[RegisterRow], ScreeningResult],
) -> str | None:
    row = _last(rows, has)
    if row is None:
        return None
    result = screen(row)
    return result.code if result.classified else None


def _gestational_weeks(row: RegisterRow) -> float | None:
    if row.hpht is not None and row.visit_date is not None:
        return maternal.gestational_age_weeks(hpht=row.hpht, on=row.visit_date)
    return row.gestational_age_weeks


def _hypertensive(code: str | None) -> bool:
    return code is not None and code.startswith("hipertensi")


def lifecycle_monthly_report(
    register: Register, month: Month | str
) -> LifecycleMonthlyReport:
    """Count the month's life-cycle indicators (DOMAIN.md §7-§10).

    BUMIL: pregnant women seen, by trimester at the visit (or unknown), KEK,
    anaemia, hypertension; the ANC contacts of the month (numbered by
    gestational age over the whole pregnancy): K1 akses and murni, K4 and
    whether it is on schedule, K6 and whether the pregnancy's six contacts
    meet the standard (DOMAIN.md §7.1). NIFAS: mothers seen within 42 days of delivery, by
    KF window. DEWASA (15-59 y) and LANSIA (>= 60 y): PTM screening (BP
    measured, with the coverage denominator), hypertension, central
    obesity, diabetes-range glucose (a woman seen pregnant that month is
    counted under BUMIL only). LANSIA: ADL care groups A/B/C and positive
    SKILAS.

    Examples
    --------
    >>> from posyandu_core.register import Register, RegisterRow
    >>> row = RegisterRow(row=1, person_id="B1", sex="P", birth_date=dt.date(1995, 1, 1),
    ...     visit_date=dt.date(2026, 3, 10), status=("hamil",), muac_cm=22.0)
    >>> lifecycle_monthly_report(Register(rows=(row,), columns=()), "2026-03").count("bumil_kek")
    1
    """
    period = month if isinstance(month, Month) else Month.parse(month)
    counts: dict[str, int] = {}
    known: dict[str, int] = {"DEWASA": 0, "LANSIA": 0}

    def add(indicator: str, yes: bool = True) -> None:
        counts[indicator] = counts.get(indicator, 0) + int(yes)

    year_start = period.last_day - dt.timedelta(days=365)
    for rows in register.by_person().values():
        last = rows[-1]
        if last.birth_date is None or last.sex is None:
            continue
        seen = _in_month(rows, period)
        years = completed_years(last.birth_date, period.last_day)
        group = "LANSIA" if years >= 60 else "DEWASA" if years >= 15 else None
        if group and any(
            r.visit_date is not None and year_start < r.visit_date <= period.last_day
            for r in rows
        ):
            known[group] += 1
        if not seen:
            continue
        pregnant = [r for r in seen if "hamil" in r.status]
        if pregnant:
            _pregnancy(add, pregnant)
            _anc(add, pregnancy_rows(rows, period.last_day), period)
        delivered = max(
            (r.delivery_date for r in rows if r.delivery_date is not None), default=None
        )
        if delivered is not None:
            _nifas(add, seen, delivered)
        if group is not None and not pregnant:
            _ptm(add, seen, group, last.sex)
        if group == "LANSIA":
            _lansia(add, seen)
    return LifecycleMonthlyReport(month=period, lines=_lines(counts, known))


def _pregnancy(add: Callable[[str, bool], None], rows: Sequence[RegisterRow]) -> None:
    add("bumil_dilayani", True)
    weeks = next(
        (w for r in reversed(rows) if (w := _gestational_weeks(r)) is not None), None
    )
    tm = None if weeks is None else maternal.trimester(gestational_age_weeks=weeks).code
    add(f"bumil_{tm or 'trimester_tidak_diketahui'}", True)
    kek = _code(
        rows, lambda r: r.muac_cm is not None, lambda r: maternal.kek(lila_cm=r.muac_cm)
    )
    add("bumil_kek", kek == "kek")
    hb = _code(rows, lambda r: r.hb_g_dl is not None,
               lambda r: maternal.anaemia(hb_g_dl=r.hb_g_dl, pregnant=True))  # fmt: skip
    add("bumil_anemia", hb is not None and hb != "tidak_anemia")
    bp = _code(rows, lambda r: r.systolic_mmhg is not None,
               lambda r: maternal.pregnancy_blood_pressure(
                   systolic_mmhg=r.systolic_mmhg, diastolic_mmhg=r.diastolic_mmhg))  # fmt: skip
    add("bumil_hipertensi", bp == "hipertensi")


def _anc(
    add: Callable[[str, bool], None], pregnancy: Sequence[RegisterRow], month: Month
) -> None:
    """K1 murni/akses, K4 and K6 reached this month, and whether they meet the standard."""
    try:
        contacts = anc_contacts(pregnancy)
    except AncDataError:
        add("bumil_anc_tidak_terbaca", True)
        return
    for n, (row, contact) in enumerate(contacts, start=1):
        if row.visit_date is None or not (
            month.first_day <= row.visit_date <= month.last_day
        ):
            continue
        so_far = [c for _, c in contacts[:n]]
        if n == 1:
            add("bumil_k1_akses", True)
            first = maternal.anc_first_contact(
                gestational_age_weeks=contact.gestational_age_weeks
            )
            add("bumil_k1_murni", first.code == "k1_murni")
        elif n == 4:
            add("bumil_k4", True)
            summary = maternal.anc_summary(
                contacts=so_far, gestational_age_weeks=contact.gestational_age_weeks
            )
            add("bumil_k4_sesuai_jadwal", summary.code == "sesuai_jadwal")
        elif n == 6:
            add("bumil_k6", True)
            summary = maternal.anc_summary(contacts=so_far, delivered=True)
            add("bumil_k6_sesuai_standar", summary.code == "lengkap")


def _nifas(
    add: Callable[[str, bool], None], rows: Sequence[RegisterRow], delivered: dt.date
) -> None:
    visits = {
        result.code
        for r in rows
        if r.visit_date is not None
        and (
            result := maternal.postnatal_visit(
                delivered_at=delivered, visit_at=r.visit_date
            )
        ).classified
    }
    if visits:
        add("nifas_dilayani", True)
    for visit in sorted(v for v in visits if v is not None):
        add(f"nifas_{visit.lower()}", True)


def _ptm(
    add: Callable[[str, bool], None],
    rows: Sequence[RegisterRow],
    group: str,
    sex: object,
) -> None:
    key = group.lower()
    bp = _code(rows, lambda r: r.systolic_mmhg is not None,
               lambda r: adult.blood_pressure(systolic_mmhg=r.systolic_mmhg, diastolic_mmhg=r.diastolic_mmhg))  # fmt: skip
    add(f"{key}_skrining_td", bp is not None)
    add(f"{key}_hipertensi", _hypertensive(bp))
    waist = _code(rows, lambda r: r.waist_cm is not None,
                  lambda r: adult.central_obesity(sex=str(sex), waist_cm=r.waist_cm))  # fmt: skip
    add(f"{key}_obesitas_sentral", waist == "obesitas_sentral")
    glucose = _code(rows, lambda r: r.glucose_mg_dl is not None, glucose_result)
    add(f"{key}_gula_darah_diabetes", glucose == "diabetes")


def _lansia(add: Callable[[str, bool], None], rows: Sequence[RegisterRow]) -> None:
    adl = _last(rows, lambda r: r.adl_barthel is not None)
    if adl is not None:
        result = elderly.barthel(total=cast(int, adl.adl_barthel))
        if result.classified:
            add(
                f"lansia_aks_kelompok_{str(result.details['care_group']).lower()}", True
            )
    skilas = _last(rows, lambda r: bool(r.skilas))
    if skilas is not None:
        add("lansia_skilas_diperiksa", True)
        add("lansia_skilas_positif", any(d != "negatif" for d in skilas.skilas))


#: indicator: (sasaran, Indonesian label, English label), in report order.
INDICATORS: Final[dict[str, tuple[str, str, str]]] = {
    "bumil_dilayani": ("BUMIL", "Ibu hamil dilayani", "Pregnant women seen"),
    "bumil_trimester_1": ("BUMIL", "Ibu hamil trimester 1", "Pregnant women, trimester 1"),
    "bumil_trimester_2": ("BUMIL", "Ibu hamil trimester 2", "Pregnant women, trimester 2"),
    "bumil_trimester_3": ("BUMIL", "Ibu hamil trimester 3", "Pregnant women, trimester 3"),
    "bumil_trimester_tidak_diketahui": ("BUMIL", "Ibu hamil, usia kehamilan tidak diketahui", "Pregnant women, gestational age unknown"),
    "bumil_kek": ("BUMIL", "Ibu hamil KEK (LiLA < 23,5 cm)", "Pregnant women with KEK (MUAC < 23.5 cm)"),
    "bumil_anemia": ("BUMIL", "Ibu hamil anemia (Hb < 11,0 g/dL)", "Pregnant women with anaemia (Hb < 11.0 g/dL)"),
    "bumil_hipertensi": ("BUMIL", "Ibu hamil hipertensi (>= 140/90)", "Pregnant women with hypertension (>= 140/90)"),
    "bumil_k1_akses": ("BUMIL", "K1 akses (kontak ANC pertama bulan ini)", "K1 access (first ANC contact this month)"),
    "bumil_k1_murni": ("BUMIL", "K1 murni (kontak pertama di trimester 1)", "K1 pure (first contact in trimester 1)"),
    "bumil_k4": ("BUMIL", "K4 (kontak ANC ke-4 bulan ini)", "K4 (fourth ANC contact this month)"),
    "bumil_k4_sesuai_jadwal": ("BUMIL", "K4 sesuai jadwal (TM1 >= 1, TM2 >= 2, K1 dokter + USG)", "K4 on schedule (TM1 >= 1, TM2 >= 2, K1 doctor + USG)"),
    "bumil_k6": ("BUMIL", "K6 (kontak ANC ke-6 bulan ini)", "K6 (sixth ANC contact this month)"),
    "bumil_k6_sesuai_standar": ("BUMIL", "K6 sesuai standar (1-2-3 per trimester, K1 dan K5 dokter + USG)", "K6 to standard (1-2-3 per trimester, K1 and K5 doctor + USG)"),
    "bumil_anc_tidak_terbaca": ("BUMIL", "Ibu hamil dengan data ANC tidak terbaca (lihat temuan)", "Pregnant women with unreadable ANC data (see findings)"),
    "nifas_dilayani": ("NIFAS", "Ibu nifas dilayani", "Postpartum mothers seen"),
    "nifas_kf1": ("NIFAS", "Kunjungan nifas KF1", "Postpartum visit KF1"),
    "nifas_kf2": ("NIFAS", "Kunjungan nifas KF2", "Postpartum visit KF2"),
    "nifas_kf3": ("NIFAS", "Kunjungan nifas KF3", "Postpartum visit KF3"),
    "nifas_kf4": ("NIFAS", "Kunjungan nifas KF4", "Postpartum visit KF4"),
    "dewasa_skrining_td": ("DEWASA", "Usia 15-59 th diskrining tekanan darah", "Aged 15-59 screened for blood pressure"),
    "dewasa_hipertensi": ("DEWASA", "Usia 15-59 th hipertensi", "Aged 15-59 with hypertension"),
    "dewasa_obesitas_sentral": ("DEWASA", "Usia 15-59 th obesitas sentral", "Aged 15-59 with central obesity"),
    "dewasa_gula_darah_diabetes": ("DEWASA", "Usia 15-59 th gula darah rentang diabetes", "Aged 15-59 with diabetes-range glucose"),
    "lansia_skrining_td": ("LANSIA", "Lansia diskrining tekanan darah", "Elderly screened for blood pressure"),
    "lansia_hipertensi": ("LANSIA", "Lansia hipertensi", "Elderly with hypertension"),
    "lansia_obesitas_sentral": ("LANSIA", "Lansia obesitas sentral", "Elderly with central obesity"),
    "lansia_gula_darah_diabetes": ("LANSIA", "Lansia gula darah rentang diabetes", "Elderly with diabetes-range glucose"),
    "lansia_aks_kelompok_a": ("LANSIA", "Lansia mandiri (AKS kelompok A)", "Elderly independent (ADL group A)"),
    "lansia_aks_kelompok_b": ("LANSIA", "Lansia ketergantungan ringan/sedang (AKS kelompok B)", "Elderly mildly/moderately dependent (ADL group B)"),
    "lansia_aks_kelompok_c": ("LANSIA", "Lansia ketergantungan berat/total (AKS kelompok C)", "Elderly severely/totally dependent (ADL group C)"),
    "lansia_skilas_diperiksa": ("LANSIA", "Lansia diperiksa SKILAS", "Elderly screened with SKILAS"),
    "lansia_skilas_positif": ("LANSIA", "Lansia SKILAS positif", "Elderly SKILAS positive"),
}  # fmt: skip

_COVERAGE: Final = {"dewasa_skrining_td": "DEWASA", "lansia_skrining_td": "LANSIA"}


def _lines(counts: dict[str, int], known: dict[str, int]) -> tuple[ReportLine, ...]:
    return tuple(
        ReportLine(
            sasaran=sasaran,
            indicator=indicator,
            label_id=label_id,
            label_en=label_en,
            count=counts.get(indicator, 0),
            denominator=known[_COVERAGE[indicator]] if indicator in _COVERAGE else None,
        )
        for indicator, (sasaran, label_id, label_en) in INDICATORS.items()
    )


__all__ = [
    "COLUMNS",
    "INDICATORS",
    "LifecycleMonthlyReport",
    "ReportLine",
    "lifecycle_monthly_report",
]
