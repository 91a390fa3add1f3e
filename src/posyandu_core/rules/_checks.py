"""The built-in checks, vectorised over the register's typed columns.

Each check takes the whole Register and returns issues for the rows it
flags; conditions are numpy masks, so a million rows cost a few array
operations, and every check reads the typed values (never the raw text),
so registers read from any source and rows built in code are checked alike.
Thresholds come from ``data/rules/plausibility.toml``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from posyandu_core._data import load_rule_table
from posyandu_core.model import Issue, MeasureMethod, Severity, Sex
from posyandu_core.model._nik import is_valid_nik, nik_mismatches
from posyandu_core.register import Register
from posyandu_core.register._columns import BY_NAME
from posyandu_core.register._store import factorise, is_none, missing_mask
from posyandu_core.rules._calibration import calibration_issues
from posyandu_core.rules._today import today


def _table() -> Mapping[str, Any]:
    return load_rule_table("plausibility")


def _issues(
    register: Register,
    mask: NDArray[np.bool_],
    severity: Severity,
    code: str,
    field: str,
    message_id: Any,
    message_en: Any,
) -> Iterator[Issue]:
    """Yield one issue per flagged row; messages may be callables of the position.

    Each issue is made located (sheet row, the file's header), as
    ``Register.locate`` would make it.
    """
    positions = np.flatnonzero(mask)
    for i, row in zip(
        positions.tolist(), register.row_numbers[positions].tolist(), strict=True
    ):
        sheet_row, header = register.location(row, field)
        yield Issue(
            severity=severity,
            code=code,
            row=row,
            field=field,
            value=register.raw_text(field, i),
            message_id=message_id(i) if callable(message_id) else message_id,
            message_en=message_en(i) if callable(message_en) else message_en,
            sheet_row=sheet_row,
            header=header,
        )


def check_required(register: Register) -> Iterator[Issue]:
    """Sex, birth date and visit date must be filled in."""
    for field in ("sex", "birth_date", "visit_date"):
        empty = missing_mask(BY_NAME[field].type, register.column(field))
        raw = register.raw.get(field)
        if raw is not None:  # unreadable text is a parse error, not "required"
            blank = np.array([not t.strip() for t in raw.texts], dtype=bool)
            empty &= blank[raw.codes]
        yield from _issues(
            register, empty, Severity.ERROR, "required." + field, field,
            f"{register.header(field)} wajib diisi", f"{register.header(field)} is required",
        )  # fmt: skip


def check_dates(register: Register) -> Iterator[Issue]:
    """Measurement before birth, dates later than today, impossible ages."""
    now = np.datetime64(today(), "D")
    birth, visit = register.column("birth_date"), register.column("visit_date")
    for field, dates, word_id, word_en in (
        ("birth_date", birth, "tanggal lahir", "birth date"),
        ("visit_date", visit, "tanggal kunjungan", "visit date"),
        (
            "moved_in_on",
            register.column("moved_in_on"),
            "tanggal datang",
            "moved-in date",
        ),
        (
            "moved_out_on",
            register.column("moved_out_on"),
            "tanggal pindah",
            "moved-out date",
        ),
    ):
        code = f"date.{field.removesuffix('_date').removesuffix('_on')}_in_future"
        yield from _issues(
            register, dates > now, Severity.ERROR, code, field,
            f"{word_id} di masa depan (setelah {today()}): periksa tahunnya",
            f"{word_en} is later than today ({today()}): check the year",
        )  # fmt: skip
    before = visit < birth
    yield from _issues(
        register, before, Severity.ERROR, "date.visit_before_birth", "visit_date",
        lambda i: f"tanggal kunjungan sebelum tanggal lahir ({birth[i]})",
        lambda i: f"visit date is before the birth date ({birth[i]})",
    )  # fmt: skip
    years = register.age_months() // 12
    with np.errstate(invalid="ignore"):
        old = years > _table()["dates"]["max_age_years"]
    yield from _issues(
        register, old, Severity.ERROR, "date.age_impossible", "birth_date",
        "umur lebih dari 120 tahun: periksa tanggal lahir",
        "age over 120 years: check the birth date",
    )  # fmt: skip


def check_nik(register: Register) -> Iterator[Issue]:
    """NIK must be 16 digits; its birth-date/sex encoding should match."""
    for field in ("nik", "nik_ibu"):
        label = register.header(field)
        values = register.column(field)
        # A NIK repeats on each of a person's rows: check each distinct one once.
        rows, codes, distinct = _distinct(values)
        bad = np.zeros(len(values), dtype=bool)
        bad[rows] = np.array([not is_valid_nik(v) for v in distinct], bool)[codes]
        yield from _issues(
            register, bad, Severity.ERROR, f"nik.format.{field}", field,
            lambda i, f=label, v=values: f"{f} harus 16 digit angka (terbaca "
            f"{len(v[i])} karakter); simpan kolom NIK sebagai teks",
            lambda i, f=label, v=values: f"{f} must be exactly 16 digits (got "
            f"{len(v[i])} characters); keep the NIK column as text so no digits are lost",
        )  # fmt: skip
    yield from _nik_mismatches(register)


def _distinct(
    values: NDArray[Any],
) -> tuple[NDArray[np.intp], NDArray[np.int32], list[Any]]:
    """Return the rows holding a value, a code per such row, and the distinct values."""
    rows = np.flatnonzero(~is_none(values))
    codes, distinct = factorise(values[rows].tolist(), len(rows))
    return rows, codes, distinct


def _nik_mismatches(register: Register) -> Iterator[Issue]:
    niks, sexes = register.column("nik"), register.column("sex")
    births = register.column("birth_date")
    found = np.zeros(len(register), dtype=bool)
    reason: dict[int, str] = {}
    with_nik, nik_codes, nik_distinct = _distinct(niks)
    valid = np.array([is_valid_nik(v) for v in nik_distinct], bool)[nik_codes]
    checked = valid & ~is_none(sexes[with_nik]) & ~np.isnat(births[with_nik])
    rows, nik_codes = with_nik[checked], nik_codes[checked]
    if len(rows):
        sex_codes, sex_distinct = factorise(sexes[rows].tolist(), len(rows))
        # One check per distinct (NIK, sex, birth date), as one int64 key.
        days = births[rows].astype("datetime64[D]").astype(np.int64)
        days -= days.min(initial=0)
        key = (nik_codes.astype(np.int64) * len(sex_distinct)) + sex_codes
        key = key * (int(days.max(initial=0)) + 1) + days
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        texts = [
            " and ".join(
                nik_mismatches(niks[i], birth_date=births[i].item(), sex=sexes[i])
            )
            for i in rows[first].tolist()
        ]
        flagged = np.array([bool(t) for t in texts], dtype=bool)
        hit = rows[flagged[inverse]]
        found[hit] = True
        reason = dict(
            zip(
                hit.tolist(), (texts[j] for j in inverse[flagged[inverse]]), strict=True
            )
        )
    yield from _issues(
        register, found, Severity.WARNING, "nik.mismatch", "nik",
        lambda i: f"NIK tidak cocok dengan {reason[i].replace(' and ', ' dan ')} "
        "(digit 7–12 = tanggal lahir, +40 untuk perempuan)",
        lambda i: f"NIK does not match the {reason[i]} "
        "(digits 7–12 encode the birth date, +40 for women)",
    )  # fmt: skip


def _band_limits(
    bands: list[Mapping[str, Any]], months: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    low = np.full(len(months), -np.inf)
    high = np.full(len(months), np.inf)
    for band in bands:
        inside = (months >= band["min_months"]) & (months < band["max_months"])
        low[inside] = band["warn_min"]
        high[inside] = band["warn_max"]
    return low, high


def check_ranges(register: Register) -> Iterator[Issue]:
    """Impossible values are errors (unit mistakes named); implausible ones warnings."""
    table = _table()
    months = register.age_months()
    months = np.where(months < 0, np.nan, months)
    mistakes = table["unit_mistakes"]
    for field, limits in table["fields"].items():
        label = register.header(field)
        if not register.has(field):
            continue
        value = register.column(field)
        unit = BY_NAME[field].unit
        present = ~np.isnan(value)
        flagged = np.zeros(len(value), dtype=bool)
        if field == "weight_kg":
            grams = present & (value >= mistakes["weight_grams_min"])
            flagged |= grams
            yield from _issues(
                register, grams, Severity.ERROR, "unit.weight_grams", field,
                lambda i, v=value: f"berat {v[i]:g} kg tidak mungkin; jika ditulis dalam "
                f"gram, isikan {v[i] / 1000:g} kg",
                lambda i, v=value: f"weight {v[i]:g} kg is impossible; if it was entered "
                f"in grams, enter {v[i] / 1000:g} kg",
            )  # fmt: skip
        if field == "length_cm":
            metres = present & (value > 0) & (value <= mistakes["length_metres_max"])
            flagged |= metres
            yield from _issues(
                register, metres, Severity.ERROR, "unit.length_metres", field,
                lambda i, v=value: f"panjang/tinggi {v[i]:g} cm tidak mungkin; isikan "
                f"dalam cm, bukan meter ({v[i] * 100:g} cm)",
                lambda i, v=value: f"length/height {v[i]:g} cm is impossible; enter it "
                f"in cm, not metres ({v[i] * 100:g} cm)",
            )  # fmt: skip
        low, high = limits["error_min"], limits["error_max"]
        outside = present & ~flagged & ((value < low) | (value > high))
        flagged |= outside
        yield from _issues(
            register, outside, Severity.ERROR, f"range.{field}", field,
            lambda i, v=value, f=label, u=unit, lo=low, hi=high: f"{f} {v[i]:g} {u} di "
            f"luar rentang yang mungkin ({lo}–{hi} {u})",
            lambda i, v=value, f=label, u=unit, lo=low, hi=high: f"{f} {v[i]:g} {u} is "
            f"outside the possible range ({lo}–{hi} {u})",
        )  # fmt: skip
        bands = limits.get("bands", ())
        if not bands:
            continue
        warn_low, warn_high = _band_limits(bands, months)
        odd = present & ~flagged & ((value < warn_low) | (value > warn_high))
        yield from _issues(
            register, odd, Severity.WARNING, f"plausibility.{field}", field,
            lambda i, v=value, f=label, u=unit, lo=warn_low, hi=warn_high: f"{f} {v[i]:g} "
            f"{u} tidak wajar untuk umur {months[i]:.0f} bulan ({lo[i]:g}–{hi[i]:g} {u}); "
            "periksa kembali",
            lambda i, v=value, f=label, u=unit, lo=warn_low, hi=warn_high: f"{f} {v[i]:g} "
            f"{u} is implausible at {months[i]:.0f} months (expected {lo[i]:g}–{hi[i]:g} "
            f"{u}); check it",
        )  # fmt: skip
    systolic, diastolic = (
        register.column("systolic_mmhg"),
        register.column("diastolic_mmhg"),
    )
    yield from _issues(
        register, systolic <= diastolic, Severity.ERROR, "range.bp_order", "systolic_mmhg",
        "tekanan sistolik harus lebih tinggi dari diastolik",
        "systolic pressure must be higher than diastolic",
    )  # fmt: skip


def check_who_flags(register: Register) -> Iterator[Issue]:
    """Under-fives: WHO's |z| flags for weight- and length-for-age (implausible)."""
    from posyandu_core.growth import zscore_of_measurement
    from posyandu_core.growth._indicators import Indicator

    limits = _table()["who_flags"]
    days = register.age_days()
    young = (days >= 0) & (days <= limits["max_age_days"])
    if not young.any():
        return
    sexes = register.column("sex")
    codes = (np.equal(sexes, Sex.MALE) + 2 * np.equal(sexes, Sex.FEMALE)).astype(
        np.int8
    )
    indicators: tuple[tuple[str, Indicator, float, float], ...] = (
        ("weight_kg", "wfa", limits["zwei_min"], limits["zwei_max"]),
        ("length_cm", "lhfa", limits["zlen_min"], limits["zlen_max"]),
    )
    for field, indicator, low, high in indicators:
        label = register.header(field)
        value = register.column(field)
        usable = young & (codes > 0) & ~np.isnan(value)
        if not usable.any():
            continue
        z = np.full(len(value), np.nan)
        z[usable] = zscore_of_measurement(
            indicator, value[usable], sex=codes[usable], at=days[usable]
        )
        with np.errstate(invalid="ignore"):
            odd = (z < low) | (z > high)
        yield from _issues(
            register, odd, Severity.WARNING, f"plausibility.who_flag.{field}", field,
            lambda i, z=z, v=value, f=label, lo=low, hi=high: f"{f} {v[i]:g} tidak wajar "
            f"untuk umur {days[i]:.0f} hari: z = {z[i]:.1f} (batas WHO {lo} sampai {hi}); "
            "periksa",
            lambda i, z=z, v=value, f=label, lo=low, hi=high: f"{f} {v[i]:g} is implausible "
            f"at {days[i]:.0f} days: z = {z[i]:.1f} (WHO flag limits {lo} to {hi}); check it",
        )  # fmt: skip


def check_method(register: Register) -> Iterator[Issue]:
    """Lying at 24 months or older, standing below: warn (the ±0.7 cm rule applies)."""
    days = register.age_days()
    with np.errstate(invalid="ignore"):
        child = ~np.isnan(register.column("length_cm")) & (days >= 0) & (days < 1856)
    switch = _table()["method"]["switch_age_days"]
    method = register.column("measure")
    lying = np.asarray(np.equal(method, MeasureMethod.LYING), dtype=bool)
    standing = np.asarray(np.equal(method, MeasureMethod.STANDING), dtype=bool)
    yield from _issues(
        register, child & ~lying & ~standing, Severity.WARNING, "method.missing", "measure",
        "cara ukur (terlentang/berdiri) kosong: koreksi 0,7 cm tidak dapat diterapkan",
        "measuring method (lying/standing) is empty: the 0.7 cm correction cannot "
        "be applied",
    )  # fmt: skip
    with np.errstate(invalid="ignore"):
        older, younger = days >= switch, days < switch
    yield from _issues(
        register, child & lying & older, Severity.WARNING, "method.lying_over_24m", "measure",
        "anak ≥ 24 bulan diukur terlentang: tinggi badan dihitung −0,7 cm",
        "child ≥ 24 months measured lying: height is taken as length − 0.7 cm",
    )  # fmt: skip
    yield from _issues(
        register, child & standing & younger, Severity.WARNING, "method.standing_under_24m",
        "measure",
        "anak < 24 bulan diukur berdiri: panjang badan dihitung +0,7 cm "
        "(di bawah 9 bulan cara ukur tidak dipakai)",
        "child < 24 months measured standing: length is taken as height + 0.7 cm "
        "(below 9 months the method is discarded, as WHO does)",
    )  # fmt: skip


def _firsts(keys: NDArray[np.int64], order: NDArray[np.intp]) -> NDArray[np.intp]:
    """Position of the first row, in ``order``, with each row's key (-1: none).

    Only rows listed in ``order`` count as firsts; ``order`` lists the rows
    to compare in the order that decides which comes first.
    """
    distinct, inverse = np.unique(keys, return_inverse=True)
    inverse = inverse.reshape(-1)
    first_of = np.full(len(distinct), -1, dtype=np.intp)
    groups, first = np.unique(inverse[order], return_index=True)
    first_of[groups] = order[first]
    return first_of[inverse]


def check_person_consistency(register: Register) -> Iterator[Issue]:
    """Rows of one person must agree on sex and birth date; no duplicate visits."""
    people = register.person_ids
    known = ~is_none(people)
    if not known.any():
        return
    codes = register.person_codes()
    # Rows in file order within each person.
    by_person = np.lexsort((register.row_numbers, codes))
    for field in ("sex", "birth_date"):
        label = register.header(field)
        values = register.column(field)
        present = ~missing_mask(BY_NAME[field].type, values) & known
        order = by_person[present[by_person]]
        if not order.size:
            continue
        reference = _firsts(np.where(present, codes, -1).astype(np.int64), order)
        has_ref = present & (reference >= 0)
        ref_values = values[np.where(has_ref, reference, 0)]
        differs = has_ref & np.asarray(values != ref_values, dtype=bool)
        yield from _issues(
            register, differs, Severity.ERROR, f"consistency.{field}", field,
            lambda i, r=reference, f=label: f"{f} berbeda dengan baris "
            f"{register.sheet_row(int(register.row_numbers[r[i]]))}",
            lambda i, r=reference, f=label: f"{f} differs from row "
            f"{register.sheet_row(int(register.row_numbers[r[i]]))}",
        )  # fmt: skip
    visit = register.column("visit_date")
    dated = known & ~np.isnat(visit)
    order = by_person[dated[by_person]]
    if not order.size:
        return
    days = np.where(dated, visit.astype("datetime64[D]").astype(np.int64), 0)
    span = int(days.max() - days.min()) + 1
    keys = np.where(dated, codes.astype(np.int64) * span + (days - days.min()), -1)
    first = _firsts(keys, order)
    duplicate = dated & (first >= 0) & (first != np.arange(len(keys)))
    yield from _issues(
        register, duplicate, Severity.WARNING, "duplicate.visit", "visit_date",
        lambda i: "kunjungan ganda: orang ini sudah tercatat pada tanggal ini "
        f"(baris {register.sheet_row(int(register.row_numbers[first[i]]))})",
        lambda i: "duplicate visit: this person already has a row on this date "
        f"(row {register.sheet_row(int(register.row_numbers[first[i]]))})",
    )  # fmt: skip


def check_calibration(register: Register) -> Iterator[Issue]:
    """Equipment past its calibration date: a warning; none recorded: a note."""
    if not register.equipment or not register.has("equipment"):
        return
    visits = register.column("visit_date").tolist()
    for i, ids in enumerate(register.column("equipment").tolist()):
        row = int(register.row_numbers[i])
        for equipment_id in ids:
            item = register.equipment.get(equipment_id)
            if item is None:
                yield Issue(
                    severity=Severity.WARNING,
                    code="equipment.unknown",
                    row=row,
                    field="equipment",
                    value=equipment_id,
                    message_id=f"alat {equipment_id!r} tidak ada di daftar inventaris",
                    message_en=f"equipment {equipment_id!r} is not in the inventory",
                )
            elif visits[i] is not None:
                yield from calibration_issues(item, visits[i], row=row)
