"""Posyandu strata and "Posyandu Aktif" from the registers (DOMAIN.md §12.3-§12.4).

Each yearly indicator is computed from the data where the data has it and
taken from an input file where it does not; every value carries its source
and the reason. A Posyandu whose indicators are incomplete gets no stratum
(status ``tidak_dapat_dihitung``), never a guess.

From the register: openings (months with an open day), the average number of
kader on duty (distinct ``kader`` per open day), and three coverages, each
averaged over the months with an open day with its months at 50 % or more:
D/S (the SKDN report), KIA (pregnant women recorded ``hamil`` who visited in
the month, of those pregnant in it) and immunization (children 0-59 months
with no overdue dose at the month's end, from the ``kesehatan.imunisasi``
service's findings). From the kader file: kader with an SK. From the
inventory: growth-monitoring tools (a scale and a length or height board).
Inputs, because a register does not hold them: KB coverage (no contraceptive
column), additional programmes, dana sehat and development-monitoring tools;
KIA and immunization too for a register without pregnant women or children.
Every indicator says where it came from and why.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from posyandu_core._data import load_rule_table
from posyandu_core.hookspecs import Table
from posyandu_core.model import (
    CalibrationEvent,
    Equipment,
    EquipmentKind,
    PosyanduStratum,
    PosyanduYear,
)
from posyandu_core.model.kader import Kader
from posyandu_core.plugins._files import Field, Schema, columns, read_table
from posyandu_core.plugins.wilayah.hierarchy import PosyanduRegistry, posyandu_of
from posyandu_core.register import Register

__all__ = [
    "PERFORMANCE_FILE",
    "Indicator",
    "Performance",
    "aktif_share_report",
    "performance",
    "read_performance_inputs",
    "strata_report",
]

PERFORMANCE_FILE = Schema(
    name="kinerja",
    fields=(
        Field(name="posyandu", required=True, description="registration number or name"),
        Field(name="tahun", kind="int", required=True, description="year", aliases=("year",)),
        Field(name="penimbangan_per_tahun", kind="int", description="openings in the year (if no register)", aliases=("openings_per_year",)),
        Field(name="bulan_kegiatan", kind="int", description="months with any routine activity (if no register; default: openings)", aliases=("activity_months",)),
        Field(name="rerata_kader", kind="float", description="average kader on duty (if no register)", aliases=("kader_on_duty",)),
        Field(name="kader_ber_sk", kind="int", description="kader with SK (if no kader file)", aliases=("kader_with_sk",)),
        Field(name="cakupan_ds_pct", kind="float", description="average D/S % (if no register)", aliases=("ds_pct",)),
        Field(name="bulan_ds", kind="int", description="months with D/S >= 50 % (if no register)", aliases=("months_ds",)),
        Field(name="cakupan_kia_pct", kind="float", description="cumulative KIA coverage %", aliases=("kia_pct",)),
        Field(name="bulan_kia", kind="int", description="months KIA reached 50 %", aliases=("months_kia",)),
        Field(name="cakupan_kb_pct", kind="float", description="cumulative KB coverage %", aliases=("kb_pct",)),
        Field(name="bulan_kb", kind="int", description="months KB reached 50 %", aliases=("months_kb",)),
        Field(name="cakupan_imunisasi_pct", kind="float", description="cumulative immunization coverage %", aliases=("imunisasi_pct",)),
        Field(name="bulan_imunisasi", kind="int", description="months immunization reached 50 %", aliases=("months_imunisasi",)),
        Field(name="program_tambahan", kind="bool", description="runs additional programmes (ya/tidak)", aliases=("additional_programmes",)),
        Field(name="dana_sehat_pct", kind="float", description="households in dana sehat %", aliases=("dana_sehat",)),
        Field(name="alat_perkembangan", kind="bool", description="owns development-monitoring tools (ya/tidak)", aliases=("development_tools",)),
        Field(name="alat_pertumbuhan", kind="bool", description="owns growth-monitoring tools (if no inventory)", aliases=("growth_tools",)),
    ),
)  # fmt: skip

# indicator -> (input column, PosyanduYear field)
_INDICATORS = {
    "openings_per_year": "penimbangan_per_tahun",
    "activity_months": "bulan_kegiatan",
    "kader_on_duty": "rerata_kader",
    "kader_with_sk": "kader_ber_sk",
    "ds_pct": "cakupan_ds_pct",
    "months_ds": "bulan_ds",
    "kia_pct": "cakupan_kia_pct",
    "months_kia": "bulan_kia",
    "kb_pct": "cakupan_kb_pct",
    "months_kb": "bulan_kb",
    "imunisasi_pct": "cakupan_imunisasi_pct",
    "months_imunisasi": "bulan_imunisasi",
    "program_tambahan": "program_tambahan",
    "dana_sehat_pct": "dana_sehat_pct",
    "growth_tools": "alat_pertumbuhan",
    "development_tools": "alat_perkembangan",
}


@attrs.frozen
class Indicator:
    """One yearly indicator: its value, where it came from and why."""

    name: str
    value: Any
    source: str  # register, kader, inventaris, input, tidak_ada
    reason: str


@attrs.frozen(kw_only=True)
class Performance:
    """A Posyandu's year: indicators, stratum and "aktif" (None when not computable)."""

    posyandu: str
    year: int
    indicators: tuple[Indicator, ...]
    stratum: PosyanduStratum | None
    aktif: bool | None
    aktif_unmet: tuple[str, ...]
    missing: tuple[str, ...]
    calibration_warnings: int | None = None

    def value(self, name: str) -> Any:
        """Return the value of indicator ``name``."""
        return next(i.value for i in self.indicators if i.name == name)


def read_performance_inputs(
    path: str | os.PathLike[str], registry: PosyanduRegistry | None = None
) -> dict[tuple[str, int], dict[str, Any]]:
    """Read the yearly inputs file (``kinerja``): (Posyandu number, year) -> values."""
    inputs: dict[tuple[str, int], dict[str, Any]] = {}
    for record in read_table(path, PERFORMANCE_FILE):
        key = posyandu_of(record, registry)
        for name in (
            "cakupan_ds_pct",
            "cakupan_kia_pct",
            "cakupan_kb_pct",
            "cakupan_imunisasi_pct",
            "dana_sehat_pct",
        ):
            value = record.get(name)
            if value is not None and not 0 <= value <= 100:
                raise record.error(
                    field=name,
                    message="a percentage must be 0-100",
                    message_id="persen harus 0-100",
                    fix="write the coverage in per cent",
                    fix_id="tulis cakupan dalam persen",
                )
        for name in (
            "bulan_kegiatan",
            "bulan_ds",
            "bulan_kia",
            "bulan_kb",
            "bulan_imunisasi",
        ):
            value = record.get(name)
            if value is not None and not 0 <= value <= 12:
                raise record.error(
                    field=name,
                    message="months must be 0-12",
                    message_id="jumlah bulan harus 0-12",
                    fix="count months of the year",
                    fix_id="hitung bulan dalam setahun",
                )
        inputs[(key, record.get("tahun"))] = dict(record.values)
    return inputs


def _from_register(
    register: Register, names: set[str], year: int
) -> dict[str, Indicator]:
    from posyandu_core.plugins.kesehatan.skdn import skdn_report

    rows = [
        r
        for r in register.rows
        if r.posyandu in names and r.visit_date and r.visit_date.year == year
    ]
    open_days: dict[dt.date, set[str]] = defaultdict(set)
    for row in rows:
        if row.visit_type == "hari_buka" and row.visit_date:
            open_days[row.visit_date].update({row.kader} if row.kader else set())
    if not open_days:
        return {}
    months = sorted({(d.year, d.month) for d in open_days})
    active = {(r.visit_date.year, r.visit_date.month) for r in rows if r.visit_date}
    found: dict[str, Indicator] = {
        "activity_months": Indicator(
            "activity_months",
            len(active),
            "register",
            "months with any routine activity (open day, home visit, sweeping)",
        ),
        "openings_per_year": Indicator(
            "openings_per_year",
            len(months),
            "register",
            "months with an open day (hari buka) in the register",
        ),
    }
    staffed = [len(k) for k in open_days.values() if k]
    if staffed:
        found["kader_on_duty"] = Indicator(
            "kader_on_duty",
            round(sum(staffed) / len(staffed), 1),
            "register",
            "distinct kader per open day, averaged",
        )
    # SKDN on this Posyandu's rows only (a city register holds several).
    own = attrs.evolve(
        register, rows=tuple(r for r in register.rows if r.posyandu in names)
    )
    ds = []
    for y, m in months:
        total = skdn_report(own, f"{y:04d}-{m:02d}").total
        if total.s:
            ds.append(100.0 * total.d / total.s)
    found |= _monthly("ds", ds, "SKDN D/S")
    found |= _monthly("kia", _kia(own, months), _KIA_REASON)
    found |= _monthly("imunisasi", _immunization(own, months), _IMUNISASI_REASON)
    return found


_KIA_REASON = (
    "ibu hamil yang berkunjung / pregnant women visiting: women recorded "
    "'hamil' with a visit in the month, of those pregnant in the month "
    "(HPHT or first 'hamil' visit to delivery or last 'hamil' visit)"
)
_IMUNISASI_REASON = (
    "anak 0-59 bulan tanpa dosis terlambat / children 0-59 months with no "
    "overdue dose at the month's end (the kesehatan.imunisasi service's findings)"
)


def _monthly(name: str, ratios: list[float], reason: str) -> dict[str, Indicator]:
    """Return a monthly coverage's yearly average and its months at 50 % or more."""
    if not ratios:
        return {}
    return {
        f"{name}_pct": Indicator(
            f"{name}_pct",
            round(sum(ratios) / len(ratios), 1),
            "register",
            f"{reason}; averaged over the months with an open day",
        ),
        f"months_{name}": Indicator(
            f"months_{name}",
            sum(r >= 50 for r in ratios),
            "register",
            f"months with {reason} >= 50 %",
        ),
    }


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _kia(register: Register, months: list[tuple[int, int]]) -> list[float]:
    """Monthly share of pregnant women who visited (empty: nobody recorded pregnant).

    A pregnancy is known from its HPHT (or first ``hamil`` visit) to the
    delivery date (or the last ``hamil`` visit): a register says no more.
    """
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    visits: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for person, rows in register.by_person().items():
        dates = [
            r.visit_date for r in rows if r.visit_date and "hamil" in (r.status or ())
        ]
        if not dates:
            continue
        hpht = [r.hpht for r in rows if r.hpht]
        born = [r.delivery_date for r in rows if r.delivery_date]
        spans[person] = (min([*hpht, *dates]), min(born) if born else max(dates))
        visits[person] = {(d.year, d.month) for d in dates}
    ratios = []
    for y, m in months:
        first, last = dt.date(y, m, 1), _month_end(y, m)
        due = [p for p, (a, b) in spans.items() if a <= last and b >= first]
        if due:
            ratios.append(100.0 * sum((y, m) in visits[p] for p in due) / len(due))
    return ratios


def _immunization(register: Register, months: list[tuple[int, int]]) -> list[float]:
    """Monthly share of children 0-59 months with no overdue dose, from the service."""
    from posyandu_core.registry import get_registry

    service = get_registry().services.get("kesehatan.imunisasi")
    if service is None or service.findings is None:
        return []
    if not any(r.immunizations for r in register.rows):
        return []  # no dose recorded at all: the register does not hold them
    ratios = []
    for y, m in months:
        end = _month_end(y, m)
        children = {
            r.person_id
            for r in register.rows
            if r.birth_date
            and r.visit_date
            and r.visit_date <= end
            and r.birth_date <= end
            and (end.year - r.birth_date.year) * 12
            + end.month
            - r.birth_date.month
            - (end.day < r.birth_date.day)
            < 60
        }
        if not children:
            continue
        late = {
            f.person_id
            for f in service.findings(register, end)
            if f.code == "imunisasi.terlambat"
        }
        ratios.append(100.0 * len(children - late) / len(children))
    return ratios


# Why an indicator cannot come from the data (shown with its input).
_NOT_IN_REGISTERS = {
    "kb": "a register has no contraceptive (KB) column",
    "program_tambahan": "no register or file records additional programmes",
    "dana_sehat_pct": "no register or file records dana sehat membership",
    "development_tools": "the inventory kinds hold no development-monitoring kit",
    "growth_tools": "no equipment inventory",
    "kader_with_sk": "no kader file",
}
_FROM_REGISTER = {
    "kia": "no woman recorded 'hamil' in the year's register",
    "imunisasi": "no child 0-59 months or no dose in the year's register",
}


def _why_not(name: str, register: Register | None) -> str:
    """Say why indicator ``name`` was not computed from the data."""
    key = name.removesuffix("_pct").removeprefix("months_")
    if key in _NOT_IN_REGISTERS or name in _NOT_IN_REGISTERS:
        return _NOT_IN_REGISTERS.get(key) or _NOT_IN_REGISTERS[name]
    if register is None:
        return "no register for this Posyandu"
    return _FROM_REGISTER.get(key, "no open day in the year's register")


def performance(
    posyandu: str,
    year: int,
    *,
    register: Register | None = None,
    kader: Iterable[Kader] = (),
    inventory: Iterable[Equipment] | None = None,
    inputs: Mapping[str, Any] | None = None,
    registry: PosyanduRegistry | None = None,
    calibrations: Iterable[CalibrationEvent] | None = None,
) -> Performance:
    """Compute a Posyandu's yearly indicators, stratum and "aktif" status.

    Parameters
    ----------
    posyandu : str
        Registration number.
    year : int
        Calendar year.
    register : Register or None
        Its register (rows whose ``posyandu`` is the number or the name).
    kader : iterable of Kader
        The kader list (those of this Posyandu with an SK are counted).
    inventory : iterable of Equipment or None
        The equipment inventory.
    inputs : mapping or None
        The row of the inputs file (``kinerja`` columns).
    registry : PosyanduRegistry or None
        To match register rows written with the Posyandu's name.
    calibrations : iterable of CalibrationEvent or None
        With ``register`` and ``inventory``: count the year's measurements
        taken with equipment overdue or failed (data quality).
    """
    found = (registry or PosyanduRegistry()).find(posyandu)
    names = {posyandu} | ({found.name} if found else set())
    given = dict(inputs or {})
    values: dict[str, Indicator] = (
        _from_register(register, names, year) if register is not None else {}
    )
    people = [k for k in kader if k.posyandu in names]
    if people:
        values["kader_with_sk"] = Indicator(
            "kader_with_sk",
            sum(k.sk_number is not None for k in people),
            "kader",
            "kader of this Posyandu with an SK number in the kader file",
        )
    if inventory is not None:
        kinds = {e.kind for e in inventory if e.posyandu in names}
        has = bool(
            kinds & {EquipmentKind.BABY_SCALE, EquipmentKind.FLOOR_SCALE}
        ) and bool(kinds & {EquipmentKind.LENGTH_BOARD, EquipmentKind.STADIOMETER})
        values["growth_tools"] = Indicator(
            "growth_tools",
            has,
            "inventaris",
            "a scale and a length or height board in the inventory",
        )
    for name, column in _INDICATORS.items():
        if name not in values and given.get(column) is not None:
            values[name] = Indicator(
                name,
                given[column],
                "input",
                f"from the inputs file ({column}); {_why_not(name, register)}",
            )
    warnings = None
    if register is not None and inventory is not None and calibrations is not None:
        from posyandu_core.plugins.wilayah.equipment import calibration_warnings

        own = [
            r
            for r in register.rows
            if r.posyandu in names and r.visit_date and r.visit_date.year == year
        ]
        warnings = calibration_warnings(own, list(inventory), calibrations)
    optional = ("kader_with_sk", "activity_months")
    missing = tuple(n for n in _INDICATORS if n not in values and n not in optional)
    indicators = tuple(
        values.get(
            n,
            Indicator(
                n, None, "tidak_ada", f"not in the inputs; {_why_not(n, register)}"
            ),
        )
        for n in _INDICATORS
    )
    if missing:
        return Performance(
            posyandu=posyandu,
            year=year,
            indicators=indicators,
            stratum=None,
            aktif=None,
            aktif_unmet=(),
            missing=missing,
            calibration_warnings=warnings,
        )

    def get(name: str) -> Any:
        return values[name].value

    figures = PosyanduYear(
        openings_per_year=get("openings_per_year"),
        kader_on_duty=get("kader_on_duty"),
        ds_pct=get("ds_pct"),
        kia_pct=get("kia_pct"),
        kb_pct=get("kb_pct"),
        imunisasi_pct=get("imunisasi_pct"),
        program_tambahan=get("program_tambahan"),
        dana_sehat_pct=get("dana_sehat_pct"),
        months_at_coverage=(
            get("months_ds"),
            get("months_kia"),
            get("months_kb"),
            get("months_imunisasi"),
        ),
        has_growth_and_development_tools=bool(
            get("growth_tools") and get("development_tools")
        ),
        kader_with_sk=values["kader_with_sk"].value
        if "kader_with_sk" in values
        else None,
        activity_months=values["activity_months"].value
        if "activity_months" in values
        else None,
    )
    return Performance(
        posyandu=posyandu,
        year=year,
        indicators=indicators,
        stratum=figures.stratum(),
        aktif=figures.aktif,
        aktif_unmet=figures.aktif_unmet(),
        missing=(),
        calibration_warnings=warnings,
    )


def strata_report(
    results: Iterable[Performance], registry: PosyanduRegistry | None = None
) -> Table:
    """One row per Posyandu: stratum, aktif, unmet criteria and each indicator's source."""
    reg = registry or PosyanduRegistry()
    rows = []
    for p in results:
        rows.append(
            {
                "posyandu": reg.group_key(p.posyandu, "posyandu"),
                "kecamatan": reg.group_key(p.posyandu, "kecamatan"),
                "year": p.year,
                "stratum": p.stratum.value if p.stratum else "tidak_dapat_dihitung",
                "aktif": p.aktif,
                "reason": _reason(p),
                "calibration_warnings": p.calibration_warnings,
                "sources": tuple(
                    f"{i.name}={_fmt(i.value)} ({i.source})" for i in p.indicators
                ),
            }
        )
    return Table(
        title_id="Strata Posyandu dan Posyandu Aktif",
        title_en="Posyandu strata and Posyandu Aktif",
        columns=columns(
            ("posyandu", "Posyandu", "Posyandu"),
            ("kecamatan", "Kecamatan", "District"),
            ("year", "Tahun", "Year"),
            ("stratum", "Strata", "Stratum"),
            ("aktif", "Posyandu Aktif", "Aktif"),
            ("reason", "Alasan", "Reason"),
            (
                "calibration_warnings",
                "Ukur dengan alat lewat kalibrasi",
                "Measured with equipment past calibration",
            ),
            ("sources", "Indikator (sumber)", "Indicators (source)"),
        ),
        rows=tuple(rows),
        data=tuple(results),
        notes=("Aturan / rules: posyandu.toml (PG-POSY-2011; DO Posyandu Aktif)",),
    )


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return str(value)


def _reason(p: Performance) -> str:
    if p.missing:
        return "data kurang / missing: " + ", ".join(p.missing)
    if p.aktif:
        return "semua kriteria aktif terpenuhi / all aktif criteria met"
    return "belum aktif / not aktif: " + ", ".join(p.aktif_unmet)


def aktif_share_report(
    results: Iterable[Performance],
    registry: PosyanduRegistry,
    *,
    level: str = "kecamatan",
    target_pct: float | None = None,
) -> Table:
    """Share of Posyandu aktif per kecamatan against the 80 % indicator.

    Posyandu whose status cannot be computed are counted apart, not as
    non-aktif.
    """
    from posyandu_core.plugins.wilayah.hierarchy import LEVEL_LABELS

    target = float(
        load_rule_table("posyandu")["aktif"]["kecamatan_target_pct"]
        if target_pct is None
        else target_pct
    )
    units: dict[str, list[bool | None]] = defaultdict(list)
    for p in results:
        units[registry.group_key(p.posyandu, level)].append(p.aktif)
    rows = []
    for unit, states in sorted(units.items()):
        known = [s for s in states if s is not None]
        share = round(100.0 * sum(known) / len(known), 1) if known else None
        rows.append(
            {
                "unit": unit,
                "posyandu": len(states),
                "aktif": sum(bool(s) for s in known),
                "unknown": len(states) - len(known),
                "share_pct": share,
                "target_pct": target,
                "meets_target": None if share is None else share >= target,
            }
        )
    return Table(
        title_id="Persentase Posyandu Aktif",
        title_en="Share of Posyandu aktif",
        columns=columns(
            ("unit", *LEVEL_LABELS[level]),
            ("posyandu", "Jumlah Posyandu", "Posyandu"),
            ("aktif", "Posyandu Aktif", "Aktif"),
            ("unknown", "Tidak dapat dihitung", "Not computable"),
            ("share_pct", "% aktif", "% aktif"),
            ("target_pct", "Target %", "Target %"),
            ("meets_target", "Capai target", "Meets target"),
        ),
        rows=tuple(rows),
        notes=("Target 80 % Posyandu aktif per kecamatan (DOMAIN.md §12.4)",),
    )
