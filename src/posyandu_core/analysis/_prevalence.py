"""``anthro_prevalence`` and ``anthroplus_prevalence``: WHO's prevalence tables.

Rows, groups, indicators and columns follow WHO's R functions
(``anthro`` 1.1.0.9000 ``R/prevalence.R``, ``anthroplus`` 1.0.0.9000
``R/prevalence.R``); the estimator is :mod:`posyandu_core.analysis._survey`.
``shared/data/who/prevalence/README.md`` (in the repository) lists the rules
this module follows and the reference files the tests compare with.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core._data import load_rule_table
from posyandu_core.analysis import _survey as sv
from posyandu_core.analysis import _table as tb
from posyandu_core.analysis._codes import to_who
from posyandu_core.analysis._deps import require_pandas
from posyandu_core.errors import PosyanduWarning, ShapeMismatchError, UsageError
from posyandu_core.growth import _inputs as inp
from posyandu_core.growth import anthro_zscores, anthroplus_zscores

if TYPE_CHECKING:
    import pandas as pd

Floats = NDArray[np.float64]
Convention = Literal["who", "dinkes"]

DAYS_PER_MONTH: Final = 30.4375
_LAST_DAY: Final = 1826

ANTHRO_AGE_GROUPS: Final = (
    "00-05 mo", "06-11 mo", "12-23 mo", "24-35 mo", "36-47 mo", "48-59 mo",
)  # fmt: skip
_ANTHRO_BREAKS: Final = (0.0, 6.0, 12.0, 24.0, 36.0, 48.0, 60.0)
SEXES: Final = ("Female", "Male")
WEALTH: Final = ("Q1: Poorest", "Q2", "Q3", "Q4", "Q5: Richest")

PLUS_AGE_GROUPS: Final = (
    *tuple(f"{m}-{m + 11} mo" for m in range(60, 228, 12)),
    "228-228 mo",
)
_PLUS_BREAKS: Final = (*range(60, 229, 12), 229)
PLUS_WIDER_GROUPS: Final = ("60-119 mo", "120-179 mo", "180-228 mo")
_PLUS_WIDER_BREAKS: Final = (60, 120, 180, 229)

#: (output prefix, z-score column, uses the oedema auxiliary z) per index.
ANTHRO_INDICES: Final = (
    ("HA", "zlen", "flen", False),
    ("WA", "zwei", "fwei", True),
    ("BMI", "zbmi", "fbmi", True),
    ("WH", "zwfl", "fwfl", True),
)
PLUS_INDICES: Final = (
    ("HA", "zhfa", "fhfa", False),
    ("WA", "zwfa", "fwfa", True),
    ("BMI", "zbfa", "fbfa", True),
)


@attrs.frozen
class Cut:
    suffix: str
    op: str
    value: float

    def apply(self, z: Floats) -> Floats:
        compare = {
            "<": np.less,
            "<=": np.less_equal,
            ">": np.greater,
            ">=": np.greater_equal,
        }[self.op]
        result: Floats = np.where(np.isnan(z), np.nan, compare(z, self.value) * 1.0)
        return result


@attrs.frozen
class CountingConvention:
    """How a child is counted: WHO's or e-PPGBM/Dinkes (``prevalence.toml``)."""

    id: str
    cuts: tuple[Cut, ...]
    exclude_flagged: bool
    oedema_aux: float | None
    lower_bound: Mapping[str, float]


@functools.cache
def counting_convention(name: str) -> CountingConvention:
    """Return a counting convention of ``data/rules/prevalence.toml``."""
    conventions = load_rule_table("prevalence")["conventions"]
    if name not in conventions:
        msg = f"unknown convention {name!r}"
        raise UsageError(
            msg,
            message_id=f"konvensi tidak dikenal {name!r}",
            fix=f"use one of {', '.join(conventions)}",
            fix_id=f"pakai salah satu: {', '.join(conventions)}",
        )
    spec = conventions[name]
    aux = spec["oedema_aux"]
    return CountingConvention(
        id=name,
        cuts=tuple(Cut(c["suffix"], c["op"], float(c["value"])) for c in spec["cuts"]),
        exclude_flagged=bool(spec["exclude_flagged"]),
        oedema_aux=None if aux is False else float(aux),
        lower_bound={k: float(v) for k, v in spec["lower_bound"].items()},
    )


def _blocks(
    indices: Sequence[str], combined: bool, cuts: Sequence[Cut]
) -> list[tb.Block]:
    blocks = []
    for name in indices:
        blocks.append(tb.count_block(f"{name}Z", f"{name}:aux"))
        blocks += [
            tb.proportion_block(f"{name}{c.suffix}", f"{name}{c.suffix}") for c in cuts
        ]
        blocks.append(tb.mean_block(name, f"{name}:z"))
    if combined:
        blocks += [
            tb.count_block("HA_2_WH_2", "HA_2_WH_2"),
            tb.proportion_block("HA_2_WH_2", "HA_2_WH_2"),
            tb.proportion_block("HA_2_WH2", "HA_2_WH2"),
        ]
    return blocks


def _value_columns(
    z: Mapping[str, Floats],
    indices: Sequence[tuple[str, str, str, bool]],
    aux_condition: Mapping[str, NDArray[np.bool_]],
    convention: CountingConvention,
) -> dict[str, Floats]:
    """Flag-cleaned z, the prevalence (auxiliary) z and the 0/1 columns per index."""
    columns: dict[str, Floats] = {}
    for name, z_name, flag_name, uses_aux in indices:
        value = np.array(z[z_name], dtype=np.float64)
        if convention.exclude_flagged:
            value[z[flag_name] == 1.0] = np.nan
        aux = value.copy()
        if uses_aux and convention.oedema_aux is not None:
            condition = aux_condition[name]
            value[condition] = np.nan
            aux[condition] = convention.oedema_aux
        columns[f"{name}:z"] = value
        columns[f"{name}:aux"] = aux
        bound = convention.lower_bound.get(name)
        for cut in convention.cuts:
            counted = cut.apply(aux)
            if bound is not None and cut.op in ("<", "<="):
                counted[aux <= bound] = 0.0
            columns[f"{name}{cut.suffix}"] = counted
    return columns


def _combined(columns: dict[str, Floats], cuts: Sequence[Cut]) -> None:
    """HA_2_WH_2 (stunted and wasted), HA_2_WH2 (stunted and overweight)."""
    by_suffix = {c.suffix: c for c in cuts}
    stunted = columns["HA_2"]
    missing = np.isnan(columns["HA:aux"]) | np.isnan(columns["WH:aux"])
    for name, suffix in (("HA_2_WH_2", "_2"), ("HA_2_WH2", "2")):
        wh = by_suffix[suffix].apply(columns["WH:aux"])
        both = ((stunted == 1.0) & (wh == 1.0)) * 1.0
        both[missing] = np.nan
        columns[name] = both


def _cut_groups(
    months: Floats, breaks: Sequence[float], valid: NDArray[np.bool_] | None = None
) -> NDArray[np.int64]:
    """R's ``cut(x, breaks, right = FALSE)`` as 0-based codes (-1 = NA)."""
    codes = (
        np.searchsorted(np.asarray(breaks, dtype=np.float64), months, side="right") - 1
    )
    inside = (months >= breaks[0]) & (months < breaks[-1])
    if valid is not None:
        inside &= valid
    result: NDArray[np.int64] = np.where(inside, codes, -1).astype(np.int64)
    return result


def _sex_codes(csex: Floats) -> NDArray[np.int64]:
    """Female = 0, Male = 1 (WHO's factor levels), -1 missing."""
    result: NDArray[np.int64] = np.where(
        csex == 2.0, 0, np.where(csex == 1.0, 1, -1)
    ).astype(np.int64)
    return result


def _wealth_codes(values: NDArray[Any]) -> NDArray[np.int64]:
    """1-5 or Q1-Q5 -> 0-4; anything else -> -1 (with WHO's warning)."""
    table = {
        **{str(i): i - 1 for i in range(1, 6)},
        **{f"Q{i}": i - 1 for i in range(1, 6)},
    }
    out = np.full(len(values), -1, dtype=np.int64)
    bad = 0
    for i, item in enumerate(values.tolist()):
        if tb.is_missing(item):
            continue
        code = table.get(tb.r_label(item))
        if code is None:
            bad += 1
        else:
            out[i] = code
    if bad:
        warnings.warn(
            PosyanduWarning(
                "some entries in wealthq are out of range; allowed: NA, 1-5 or "
                "Q1-Q5; they are treated as NA",
                message_id="beberapa nilai wealthq di luar rentang; yang boleh: NA, "
                "1-5 atau Q1-Q5; nilai itu dianggap NA",
            ),
            stacklevel=4,
        )
    return out


def _arrays(args: Mapping[str, Any]) -> tuple[dict[str, NDArray[Any]], int]:
    """Arguments as 1-d arrays of one common length (length-1 values broadcast)."""
    raw = {name: inp.as_array(v, name) for name, v in args.items() if v is not None}
    n = inp.common_length(raw)
    return {name: np.asarray(inp.broadcast(a, n)) for name, a in raw.items()}, n


def _design_columns(
    arrays: Mapping[str, NDArray[Any]], keep: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """Drop rows with a missing cluster or stratum (when given)."""
    for name in ("cluster", "strata"):
        if name in arrays:
            keep = keep & ~_missing_mask(arrays[name])
    return keep


def _missing_mask(values: NDArray[Any]) -> NDArray[np.bool_]:
    if values.dtype.kind == "f":
        result: NDArray[np.bool_] = np.isnan(values)
        return result
    if values.dtype.kind in "iub":
        return np.zeros(len(values), dtype=bool)
    return np.fromiter((tb.is_missing(v) for v in values.tolist()), bool, len(values))


def _numeric(values: NDArray[Any] | None, name: str) -> Floats | None:
    if values is None:
        return None
    column, bad = inp.float_column(values, name)
    if len(bad):
        msg = f"column {name!r} must be numeric"
        raise ShapeMismatchError(
            msg,
            message_id=f"kolom {name!r} harus berupa angka",
            row=int(bad[0]) + 1,
            field=name,
            value=values[bad[0]],
            fix="pass numbers",
            fix_id="berikan angka",
        )
    return column


def _weights(values: NDArray[Any] | None) -> Floats | None:
    w = _numeric(values, "sw")
    if w is None:
        return None
    w = np.where(np.isnan(w), 0.0, w)  # WHO: a missing weight becomes 0
    if np.any(w < 0):
        msg = "negative sampling weights are not allowed"
        raise ShapeMismatchError(
            msg,
            message_id="bobot sampel tidak boleh negatif",
            row=int(np.flatnonzero(w < 0)[0]) + 1,
            field="sw",
            fix="use weights >= 0",
            fix_id="pakai bobot >= 0",
        )
    return w


def anthro_rows(
    args: Mapping[str, Any],
    *,
    is_age_in_month: bool,
    extra: Mapping[str, Any],
    convention: CountingConvention,
) -> tb.Rows:
    """Return the rows of one anthro survey (or partition) that WHO keeps."""
    arrays, _ = _arrays({**args, **{f"by:{k}": v for k, v in extra.items()}})
    for kind in ("sex", "measure", "oedema"):
        if kind in arrays:
            arrays[kind] = to_who(arrays[kind], kind)
    table = anthro_zscores(
        sex=arrays["sex"],
        age=arrays.get("age"),
        is_age_in_month=is_age_in_month,
        weight=arrays.get("weight"),
        lenhei=arrays.get("lenhei"),
        measure=arrays.get("measure"),
        oedema=arrays.get("oedema"),
    )
    n = len(table)
    age = _numeric(arrays.get("age"), "age")
    age = np.full(n, np.nan) if age is None else np.broadcast_to(age, (n,))
    x = age * DAYS_PER_MONTH if is_age_in_month else age
    days = np.floor(x) + ((x - np.floor(x)) >= 0.5)
    months = age if is_age_in_month else age / DAYS_PER_MONTH
    keep = np.isnan(days) | (days <= _LAST_DAY)
    keep = _design_columns(arrays, keep)

    oedema_yes = np.zeros(n, dtype=bool)
    if "oedema" in arrays:
        oedema_yes = inp.code_column(arrays["oedema"], "oedema", inp.OEDEMA_CODES) == 1
    z = {name: np.asarray(table[name]) for name in table.columns}
    columns = _value_columns(
        z,
        ANTHRO_INDICES,
        dict.fromkeys(("WA", "BMI", "WH"), oedema_yes),
        convention,
    )
    _combined(columns, convention.cuts)

    age_group = _cut_groups(months, _ANTHRO_BREAKS)
    sex = _sex_codes(z["csex"])
    both = np.where((age_group >= 0) & (sex >= 0), age_group + 6 * sex, -1)
    groupings = [
        tb.Grouping("All", ("All",), np.zeros(n, dtype=np.int64)),
        tb.Grouping("Age group", ANTHRO_AGE_GROUPS, age_group),
        tb.Grouping("Sex", SEXES, sex),
        tb.Grouping(
            "Age + sex",
            tuple(f"{a}.{s}" for s in SEXES for a in ANTHRO_AGE_GROUPS),
            both,
        ),
    ]
    for name, label in (
        ("typeres", "Area"),
        ("gregion", "Geographical region"),
        ("wealthq", "Wealth quintile"),
        ("mothered", "Maternal education"),
        ("othergr", "Other grouping"),
    ):
        if name not in arrays:
            continue
        if name == "wealthq":
            groupings.append(tb.Grouping(label, WEALTH, _wealth_codes(arrays[name])))
        else:
            groupings.append(tb.Grouping(label, values=arrays[name]))
    for key in extra:
        groupings.append(tb.Grouping(key, values=arrays[f"by:{key}"]))
    return _subset(groupings, columns, arrays, keep)


def _subset(
    groupings: Sequence[tb.Grouping],
    columns: Mapping[str, Floats],
    arrays: Mapping[str, NDArray[Any]],
    keep: NDArray[np.bool_],
) -> tb.Rows:
    kept = [
        attrs.evolve(
            g,
            codes=None if g.codes is None else g.codes[keep],
            values=None if g.values is None else g.values[keep],
        )
        for g in groupings
    ]
    weights = _weights(arrays.get("sw"))  # checked on every row, numbered as given
    return tb.Rows(
        groupings=tuple(kept),
        columns={name: c[keep] for name, c in columns.items()},
        weights=None if weights is None else weights[keep],
        cluster=None if "cluster" not in arrays else arrays["cluster"][keep],
        strata=None if "strata" not in arrays else arrays["strata"][keep],
    )


def anthroplus_rows(
    args: Mapping[str, Any],
    *,
    extra: Mapping[str, Any],
    convention: CountingConvention,
) -> tb.Rows:
    """Return the rows of one anthroplus survey (or partition) that WHO keeps."""
    arrays, n = _arrays({**args, **{f"by:{k}": v for k, v in extra.items()}})
    for kind in ("sex", "oedema"):
        if kind in arrays:
            arrays[kind] = to_who(arrays[kind], kind)
    age = _numeric(arrays.get("age_in_months"), "age_in_months")
    age = np.full(n, np.nan) if age is None else np.broadcast_to(age, (n,))
    keep = ~np.isnan(age) & (age >= 60.0) & (age <= 228.0)
    table = anthroplus_zscores(
        sex=arrays["sex"],
        age_in_months=age,
        oedema=arrays.get("oedema"),
        height_in_cm=arrays.get("height_in_cm"),
        weight_in_kg=arrays.get("weight_in_kg"),
    )
    keep = _design_columns(arrays, keep)
    z = {name: np.asarray(table[name]) for name in table.columns}
    oedema_yes = np.asarray(z["coedema"] == "y", dtype=bool)
    columns = _value_columns(
        z,
        PLUS_INDICES,
        {"WA": oedema_yes & (age <= 120.0), "BMI": oedema_yes},
        convention,
    )
    sex = _sex_codes(z["csex"])
    wider = _cut_groups(age, _PLUS_WIDER_BREAKS)
    both = np.where((wider >= 0) & (sex >= 0), sex + 2 * wider, -1)
    groupings = [
        tb.Grouping("All", ("All",), np.zeros(n, dtype=np.int64)),
        tb.Grouping("Sex", SEXES, sex),
        tb.Grouping("Age Group 1", PLUS_AGE_GROUPS, _cut_groups(age, _PLUS_BREAKS)),
        tb.Grouping("Age Group 2", PLUS_WIDER_GROUPS, wider),
        tb.Grouping(
            "Age + Sex",
            tuple(f"{s}.{a}" for a in PLUS_WIDER_GROUPS for s in SEXES),
            both,
        ),
    ]
    for key in extra:
        groupings.append(tb.Grouping(key, values=arrays[f"by:{key}"]))
    return _subset(groupings, columns, arrays, keep)


@attrs.frozen
class Layout:
    """Design, groupings with their levels and PSU codes for a set of rows."""

    design: sv.Design
    groupings: tuple[tb.Grouping, ...]
    levels: tuple[tuple[Any, ...], ...]


def _layout(rows: tb.Rows) -> tuple[Layout, NDArray[np.int64]]:
    design, psu = sv.make_design(len(rows), rows.weights, rows.cluster, rows.strata)
    groupings, levels = [], []
    for g in rows.groupings:
        if g.codes is not None:
            assert g.levels is not None
            if np.all(g.codes < 0):
                continue  # WHO: a grouping that is entirely NA gives no rows
            found: tuple[Any, ...] = g.levels
        else:
            assert g.values is not None
            found = tb.free_levels(g.values.tolist(), design.path)
            if not found:
                continue
        groupings.append(g)
        levels.append(found)
    return Layout(design, tuple(groupings), tuple(levels)), psu


def all_rows_excluded() -> ShapeMismatchError:
    """Return the error for a table without a row left to analyse."""
    return ShapeMismatchError(
        "all rows were excluded from the analysis (age missing or out of range)",
        message_id="semua baris dikeluarkan dari analisis (umur kosong atau di luar "
        "rentang)",
        fix="check the age column and its unit",
        fix_id="periksa kolom umur dan satuannya",
    )


def compute_table(rows: tb.Rows, blocks: Sequence[tb.Block]) -> dict[str, list[Any]]:
    """WHO's table for rows held in memory."""
    if len(rows) == 0:
        raise all_rows_excluded()
    layout, psu = _layout(rows)
    codes = [
        tb.level_codes(g, lv)
        for g, lv in zip(layout.groupings, layout.levels, strict=True)
    ]
    n_levels = [len(lv) for lv in layout.levels]
    n_psu = len(layout.design.psu_stratum)
    used = attrs.evolve(
        rows,
        groupings=layout.groupings,
        weights=sv.design_weights(layout.design.path, rows.weights),
    )
    partial = tb.partial_sums(used, psu, codes, n_levels, blocks, n_psu)
    starts = None
    if layout.design.path != "simple":
        starts = tb.irls_sums(used, psu, codes, n_levels, blocks, partial, n_psu)
    return tb.finish(
        layout.design, layout.groupings, layout.levels, blocks, partial, starts
    )


def plus_age_columns(groups: Sequence[str]) -> tuple[list[str], list[str]]:
    """Anthroplus' ``Years`` and ``Months`` columns for the group labels."""
    wider_years = {
        "60-119 mo": "Total (5-9)",
        "120-179 mo": "Total (10-14)",
        "180-228 mo": "Total (15-19)",
    }
    years, months = [], []
    for group in groups:
        label, _, level = group.partition(": ")
        if label == "Age Group 1":
            years.append(str(int(level.split("-")[0]) // 12))
            months.append(f"({level.removesuffix(' mo')})")
        elif label in ("Age Group 2", "Age + Sex"):
            wider = level.split(".")[-1]
            years.append(wider_years[wider])
            months.append(f"({wider.removesuffix(' mo')})")
        else:
            years.append("Total (5-19)")
            months.append("(60-228)")
    return years, months


def plus_frame(table: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Add ``Years``/``Months`` and blank WA outside the age groups (WHO's rule)."""
    groups = table["Group"]
    years, months = plus_age_columns(groups)
    out: dict[str, list[Any]] = {"Group": groups, "Years": years, "Months": months}
    no_age = [not g.startswith(("Age Group", "Age + Sex")) for g in groups]
    for name, values in table.items():
        if name == "Group":
            continue
        if name.startswith("WA"):
            values = [
                np.nan if blank else v for v, blank in zip(values, no_age, strict=True)
            ]
        out[name] = values
    return out


def to_frame(table: Mapping[str, list[Any]]) -> pd.DataFrame:
    pandas = require_pandas()
    frame: pd.DataFrame = pandas.DataFrame(dict(table))
    return frame


def anthro_blocks(convention: CountingConvention) -> list[tb.Block]:
    return _blocks(("HA", "WA", "BMI", "WH"), True, convention.cuts)


def plus_blocks(convention: CountingConvention) -> list[tb.Block]:
    return _blocks(("HA", "WA", "BMI"), False, convention.cuts)
