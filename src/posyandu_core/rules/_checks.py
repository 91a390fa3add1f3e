"""The built-in checks on register rows and whole registers.

Each check is a plain function returning issues; the ``validation`` plugin
registers them as :class:`~posyandu_core.rules.Rule` objects. Thresholds come
from ``data/rules/plausibility.toml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from posyandu_core._data import load_rule_table
from posyandu_core.model import Issue, MeasureMethod, Severity, completed_months
from posyandu_core.model._nik import is_valid_nik, nik_mismatches
from posyandu_core.register import Register, RegisterRow
from posyandu_core.register._columns import BY_NAME
from posyandu_core.rules._calibration import calibration_issues


def _issue(
    severity: Severity,
    code: str,
    row: RegisterRow | int,
    field: str | None,
    value: Any,
    message_id: str,
    message_en: str,
) -> Issue:
    return Issue(
        severity=severity,
        code=code,
        row=row if isinstance(row, int) else row.row,
        field=field,
        value=value,
        message_id=message_id,
        message_en=message_en,
    )


def _table() -> Mapping[str, Any]:
    return load_rule_table("plausibility")


def check_required(row: RegisterRow) -> Iterator[Issue]:
    """Sex, birth date and visit date must be filled in."""
    for field in ("sex", "birth_date", "visit_date"):
        if not row.raw.get(field, "").strip():
            yield _issue(
                Severity.ERROR, "required." + field, row, field, "",
                f"{field} wajib diisi",
                f"{field} is required",
            )  # fmt: skip


def check_dates(row: RegisterRow, today: dt.date | None = None) -> Iterator[Issue]:
    """Measurement before birth, dates in the future, impossible ages."""
    today = today or dt.date.today()
    birth, visit = row.birth_date, row.visit_date
    if birth is not None and birth > today:
        yield _issue(
            Severity.ERROR, "date.birth_in_future", row, "birth_date", row.raw["birth_date"],
            "tanggal lahir di masa depan", "birth date is in the future",
        )  # fmt: skip
    if visit is not None and visit > today:
        yield _issue(
            Severity.ERROR, "date.visit_in_future", row, "visit_date", row.raw["visit_date"],
            "tanggal kunjungan di masa depan", "visit date is in the future",
        )  # fmt: skip
    if birth is not None and visit is not None:
        if visit < birth:
            yield _issue(
                Severity.ERROR, "date.visit_before_birth", row, "visit_date",
                row.raw["visit_date"],
                f"tanggal kunjungan sebelum tanggal lahir ({birth})",
                f"visit date is before the birth date ({birth})",
            )  # fmt: skip
        elif completed_months(birth, visit) // 12 > _table()["dates"]["max_age_years"]:
            yield _issue(
                Severity.ERROR, "date.age_impossible", row, "birth_date", row.raw["birth_date"],
                "umur lebih dari 120 tahun: periksa tanggal lahir",
                "age over 120 years: check the birth date",
            )  # fmt: skip


def check_nik(row: RegisterRow) -> Iterator[Issue]:
    """NIK must be 16 digits; its birth-date/sex encoding should match."""
    for field in ("nik", "nik_ibu"):
        value = getattr(row, field)
        if value is None:
            continue
        if not is_valid_nik(value):
            yield _issue(
                Severity.ERROR, f"nik.format.{field}", row, field, value,
                f"{field} harus 16 digit angka (terbaca {len(value)} karakter); "
                "simpan kolom NIK sebagai teks",
                f"{field} must be exactly 16 digits (got {len(value)} characters); "
                "keep the NIK column as text so no digits are lost",
            )  # fmt: skip
    if row.nik and is_valid_nik(row.nik) and row.sex and row.birth_date:
        problems = nik_mismatches(row.nik, birth_date=row.birth_date, sex=row.sex)
        if problems:
            which = " dan ".join(problems)
            yield _issue(
                Severity.WARNING, "nik.mismatch", row, "nik", row.nik,
                f"NIK tidak cocok dengan {which} (digit 7–12 = tanggal lahir, +40 untuk "
                "perempuan)",
                f"NIK does not match the {' and '.join(problems)} (digits 7–12 encode "
                "the birth date, +40 for women)",
            )  # fmt: skip


def _band(field: str, months: int | None) -> Mapping[str, Any] | None:
    if months is None:
        return None
    for band in _table()["fields"][field].get("bands", ()):
        if band["min_months"] <= months < band["max_months"]:
            return band  # type: ignore[no-any-return]
    return None


def check_ranges(row: RegisterRow) -> Iterator[Issue]:
    """Impossible values are errors (unit mistakes named); implausible ones warnings."""
    table = _table()
    months = (
        completed_months(row.birth_date, row.visit_date)
        if row.birth_date and row.visit_date and row.visit_date >= row.birth_date
        else None
    )
    for field, limits in table["fields"].items():
        value = getattr(row, field)
        if value is None:
            continue
        unit = BY_NAME[field].unit
        raw = row.raw[field]
        if field == "weight_kg" and value >= table["unit_mistakes"]["weight_grams_min"]:
            yield _issue(
                Severity.ERROR, "unit.weight_grams", row, field, raw,
                f"berat {value:g} kg tidak mungkin; jika ditulis dalam gram, isikan "
                f"{value / 1000:g} kg",
                f"weight {value:g} kg is impossible; if it was entered in grams, enter "
                f"{value / 1000:g} kg",
            )  # fmt: skip
            continue
        if (
            field == "length_cm"
            and value <= table["unit_mistakes"]["length_metres_max"]
        ):
            yield _issue(
                Severity.ERROR, "unit.length_metres", row, field, raw,
                f"panjang/tinggi {value:g} cm tidak mungkin; isikan dalam cm, bukan meter "
                f"({value * 100:g} cm)",
                f"length/height {value:g} cm is impossible; enter it in cm, not metres "
                f"({value * 100:g} cm)",
            )  # fmt: skip
            continue
        if not limits["error_min"] <= value <= limits["error_max"]:
            yield _issue(
                Severity.ERROR, f"range.{field}", row, field, raw,
                f"{field} {value:g} {unit} di luar rentang yang mungkin "
                f"({limits['error_min']}–{limits['error_max']} {unit})",
                f"{field} {value:g} {unit} is outside the possible range "
                f"({limits['error_min']}–{limits['error_max']} {unit})",
            )  # fmt: skip
            continue
        band = _band(field, months)
        if band is not None and not band["warn_min"] <= value <= band["warn_max"]:
            yield _issue(
                Severity.WARNING, f"plausibility.{field}", row, field, raw,
                f"{field} {value:g} {unit} tidak wajar untuk umur {months} bulan "
                f"({band['warn_min']}–{band['warn_max']} {unit}); periksa kembali",
                f"{field} {value:g} {unit} is implausible at {months} months "
                f"(expected {band['warn_min']}–{band['warn_max']} {unit}); check it",
            )  # fmt: skip
    if (
        row.systolic_mmhg is not None
        and row.diastolic_mmhg is not None
        and row.systolic_mmhg <= row.diastolic_mmhg
    ):
        yield _issue(
            Severity.ERROR, "range.bp_order", row, "systolic_mmhg", row.raw["systolic_mmhg"],
            "tekanan sistolik harus lebih tinggi dari diastolik",
            "systolic pressure must be higher than diastolic",
        )  # fmt: skip


def check_method(row: RegisterRow) -> Iterator[Issue]:
    """Lying at 24 months or older, standing below: warn (the ±0.7 cm rule applies)."""
    if row.length_cm is None or row.birth_date is None or row.visit_date is None:
        return
    days = (row.visit_date - row.birth_date).days
    if days < 0 or days >= 1856:  # 1856 days: beyond the under-five standards
        return
    switch = _table()["method"]["switch_age_days"]
    if row.measure is None:
        yield _issue(
            Severity.WARNING, "method.missing", row, "measure", "",
            "cara ukur (terlentang/berdiri) kosong: koreksi 0,7 cm tidak dapat diterapkan",
            "measuring method (lying/standing) is empty: the 0.7 cm correction cannot "
            "be applied",
        )  # fmt: skip
    elif row.measure is MeasureMethod.LYING and days >= switch:
        yield _issue(
            Severity.WARNING, "method.lying_over_24m", row, "measure", row.raw["measure"],
            "anak ≥ 24 bulan diukur terlentang: tinggi badan dihitung −0,7 cm",
            "child ≥ 24 months measured lying: height is taken as length − 0.7 cm",
        )  # fmt: skip
    elif row.measure is MeasureMethod.STANDING and days < switch:
        yield _issue(
            Severity.WARNING, "method.standing_under_24m", row, "measure", row.raw["measure"],
            "anak < 24 bulan diukur berdiri: panjang badan dihitung +0,7 cm "
            "(di bawah 9 bulan cara ukur tidak dipakai)",
            "child < 24 months measured standing: length is taken as height + 0.7 cm "
            "(below 9 months the method is discarded, as WHO does)",
        )  # fmt: skip


def check_person_consistency(register: Register) -> Iterator[Issue]:
    """Rows of one person must agree on sex and birth date; no duplicate visits."""
    for person_id, rows in register.by_person().items():
        for field in ("sex", "birth_date"):
            values = {getattr(r, field) for r in rows if getattr(r, field) is not None}
            if len(values) > 1:
                first = next(r for r in rows if getattr(r, field) is not None)
                for r in rows:
                    value = getattr(r, field)
                    if value is not None and value != getattr(first, field):
                        yield _issue(
                            Severity.ERROR, f"consistency.{field}", r, field, r.raw[field],
                            f"{field} orang {person_id} berbeda dengan baris {first.row}",
                            f"{field} of person {person_id} differs from row {first.row}",
                        )  # fmt: skip
        seen: dict[dt.date, int] = {}
        for r in rows:
            if r.visit_date is None:
                continue
            if r.visit_date in seen:
                yield _issue(
                    Severity.WARNING, "duplicate.visit", r, "visit_date", r.raw["visit_date"],
                    f"kunjungan ganda: {person_id} sudah tercatat pada tanggal ini "
                    f"(baris {seen[r.visit_date]})",
                    f"duplicate visit: {person_id} already has a row on this date "
                    f"(row {seen[r.visit_date]})",
                )  # fmt: skip
            seen.setdefault(r.visit_date, r.row)


def check_calibration(register: Register) -> Iterator[Issue]:
    """Equipment past its calibration date: a warning; none recorded: a note."""
    if not register.equipment:
        return
    for row in register.rows:
        for equipment_id in row.equipment:
            item = register.equipment.get(equipment_id)
            if item is None:
                yield _issue(
                    Severity.WARNING, "equipment.unknown", row, "equipment", equipment_id,
                    f"alat {equipment_id!r} tidak ada di daftar inventaris",
                    f"equipment {equipment_id!r} is not in the inventory",
                )  # fmt: skip
            elif row.visit_date is not None:
                yield from calibration_issues(item, row.visit_date, row=row.row)
