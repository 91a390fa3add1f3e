"""``zscores(df, ...)``: WHO's z-scores appended to a pandas or polars DataFrame.

The vectorised engine (:func:`posyandu_core.growth.anthro_zscores`,
:func:`~posyandu_core.growth.anthroplus_zscores`) does the work; this module
only reads the researcher's columns, translates Indonesian codes and writes
WHO's output columns back into the same kind of frame.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal, TypeVar

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core.analysis._codes import (
    TRANSLATIONS,
    check_readable,
    to_who,
    to_who_factorized,
)
from posyandu_core.errors import ShapeMismatchError
from posyandu_core.growth import (
    ANTHRO_COLUMNS,
    ANTHROPLUS_COLUMNS,
    anthro_zscores,
    anthroplus_zscores,
    category_table,
)
from posyandu_core.growth._classify import _band_index as band_index

Frame = TypeVar("Frame")
Reference = Literal["who2006", "who2007"]

#: WHO's argument -> default column name, per reference.
DEFAULT_COLUMNS: Final[Mapping[str, Mapping[str, str]]] = {
    "who2006": {
        "sex": "sex", "age": "age", "weight": "weight", "lenhei": "lenhei",
        "measure": "measure", "oedema": "oedema", "headc": "headc",
        "armc": "armc", "triskin": "triskin", "subskin": "subskin",
    },
    "who2007": {
        "sex": "sex", "age_in_months": "age_in_months", "oedema": "oedema",
        "height_in_cm": "height_in_cm", "weight_in_kg": "weight_in_kg",
    },
}  # fmt: skip
#: Permenkes 2/2020 category tables per z-score (``growth.classify``).
CATEGORIES: Final[Mapping[str, Mapping[str, str]]] = {
    "who2006": {
        "zwei": "bb_u", "zlen": "pb_tb_u", "zwfl": "bb_pb_tb",
        "zbmi": "imt_u_0_60", "zhc": "lk_u",
    },
    "who2007": {"zbfa": "imt_u_5_18"},
}  # fmt: skip
_CODES: Final = frozenset(TRANSLATIONS)
_TEXT_OUTPUTS: Final = frozenset({"cmeasure", "coedema"})


def output_columns(reference: Reference, categories: bool) -> list[str]:
    """Names of the columns ``zscores`` appends, in order."""
    names = [
        c
        for c in (ANTHRO_COLUMNS if reference == "who2006" else ANTHROPLUS_COLUMNS)
        if c != "age_in_months"  # anthroplus' echo of its input
    ]
    if categories:
        names += [f"kategori_{t}" for t in CATEGORIES[reference].values()]
    return names


def zscores(
    df: Frame,
    *,
    reference: Reference = "who2006",
    is_age_in_month: bool = False,
    categories: bool = False,
    rounded: bool = True,
    sex: str | None = "sex",
    age: str | None = "age",
    weight: str | None = "weight",
    lenhei: str | None = "lenhei",
    measure: str | None = "measure",
    oedema: str | None = "oedema",
    headc: str | None = "headc",
    armc: str | None = "armc",
    triskin: str | None = "triskin",
    subskin: str | None = "subskin",
    age_in_months: str | None = "age_in_months",
    height_in_cm: str | None = "height_in_cm",
    weight_in_kg: str | None = "weight_in_kg",
) -> Frame:
    """Append WHO's z-score columns to a pandas or polars DataFrame.

    A Dask DataFrame gets the same columns partition by partition (lazily).

    Parameters
    ----------
    df : pandas.DataFrame, polars.DataFrame or dask.dataframe.DataFrame
        One row per child measurement, with the researcher's own column names.
    reference : {"who2006", "who2007"}
        ``who2006``: WHO Child Growth Standards (``anthro_zscores``, 0-5 y);
        ``who2007``: WHO Growth Reference (``anthroplus_zscores``, 5-19 y).
    is_age_in_month : bool
        For ``who2006``: whether the age column is in months (else days).
    categories : bool
        Also append the Permenkes 2/2020 category of each z-score
        (``kategori_bb_u``, ``kategori_pb_tb_u`` …).
    rounded : bool
        WHO's 2-decimal z-scores (default) or full precision.
    sex, age, weight, lenhei, measure, oedema, headc, armc, triskin, subskin : str or None
        Column names of ``anthro_zscores``' arguments (``who2006``), e.g.
        ``sex="jk"``, ``age="umur_hari"``; by default WHO's own names.
    age_in_months, height_in_cm, weight_in_kg : str or None
        Column names of ``anthroplus_zscores``' arguments (``who2007``; sex
        and oedema as above).
        A column left at its default name that the frame lacks is taken as
        not measured; ``None`` leaves an argument out.

    Returns
    -------
    Same type as ``df``
        ``df`` with WHO's output columns appended (index, row order and the
        dtypes of existing columns kept; Arrow-backed frames get Arrow
        columns, nullable frames nullable ones).

    Raises
    ------
    ShapeMismatchError
        A named column is missing, an output column already exists, or a whole
        column is unreadable (e.g. sex coded ``laki``/``wanita``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"jk": ["L", "P"], "umur": [365, 400],
    ...                    "bb": [9.6, 8.1], "pb": [75.0, 71.5]})
    >>> out = df.pipe(zscores, sex="jk", age="umur", weight="bb", lenhei="pb")
    >>> out[["zwei", "zlen"]].to_numpy().tolist()
    [[-0.04, -0.31], [-1.05, -1.47]]
    """
    options = {k: v for k, v in locals().items() if k != "df"}
    if type(df).__module__.split(".")[0] == "dask":
        from posyandu_core.analysis._dask import zscores as dask_zscores

        return dask_zscores(df, **options)  # type: ignore[no-any-return]
    given = {
        "sex": sex, "age": age, "weight": weight, "lenhei": lenhei,
        "measure": measure, "oedema": oedema, "headc": headc, "armc": armc,
        "triskin": triskin, "subskin": subskin, "age_in_months": age_in_months,
        "height_in_cm": height_in_cm, "weight_in_kg": weight_in_kg,
    }  # fmt: skip
    names = _column_names(df, reference, given)
    values = {arg: _read(df, column, arg) for arg, column in names.items()}
    n = _height(df)
    if "sex" not in values:
        msg = "no sex column"
        raise ShapeMismatchError(
            msg,
            message_id="kolom jenis kelamin tidak ada",
            field="sex",
            fix="pass sex='<column name>'",
            fix_id="berikan sex='<nama kolom>'",
        )
    for arg in _CODES & values.keys():
        if values[arg].dtype.kind != "U":  # already WHO's codes when "U"
            values[arg] = to_who(values[arg], arg)
        check_readable(values[arg], arg, n, names[arg])
    if reference == "who2006":
        table = anthro_zscores(
            is_age_in_month=is_age_in_month, rounded=rounded, **values
        )
    else:
        table = anthroplus_zscores(rounded=rounded, **values)
    _check_numbers(table.issues, names, n)
    out: dict[str, NDArray[Any]] = {
        name: np.asarray(table[name]) for name in output_columns(reference, False)
    }
    coded: dict[str, Coded] = {}
    if categories:
        for z_name, table_id in CATEGORIES[reference].items():
            coded[f"kategori_{table_id}"] = Coded.classify(table_id, out[z_name])
    return _append(df, out, coded)


@attrs.frozen
class Coded:
    """A Permenkes category column as band codes (-1 = none) and band ids.

    The bands are ordered from the lowest z upwards, so the column becomes
    an *ordered* categorical (pandas) or enum (polars).
    """

    codes: NDArray[np.intp]
    labels: tuple[str, ...]

    @classmethod
    def classify(cls, table_id: str, z: NDArray[np.float64]) -> Coded:
        """Band codes of ``growth.classify`` (Permenkes convention) without strings."""
        table = category_table(table_id)
        codes = band_index(table, z)  # the engine's own band search
        codes[np.isnan(z)] = -1
        return cls(codes, tuple(c.id for c in table.categories))


def _column_names(
    df: Any, reference: Reference, given: Mapping[str, str | None]
) -> dict[str, str]:
    defaults = DEFAULT_COLUMNS[reference]
    present = set(_names(df))
    names: dict[str, str] = {}
    for arg, default in defaults.items():
        column = given[arg]
        if column is None:
            continue
        if column in present:
            names[arg] = column
        elif column != default:
            msg = f"column {column!r} is not in the frame"
            raise ShapeMismatchError(
                msg,
                message_id=f"kolom {column!r} tidak ada di DataFrame",
                field=arg,
                value=column,
                fix=f"use one of {sorted(present)}",
                fix_id=f"pakai salah satu dari {sorted(present)}",
            )
    taken = present & set(output_columns(reference, True))
    if taken:
        msg = f"output column {sorted(taken)[0]!r} exists"
        raise ShapeMismatchError(
            msg,
            message_id=f"kolom keluaran {sorted(taken)[0]!r} sudah ada",
            fix="rename or drop it before calling zscores",
            fix_id="ganti nama atau buang kolom itu sebelum memanggil zscores",
        )
    return names


def _check_numbers(issues: Any, names: Mapping[str, str], n: int) -> None:
    """Raise when every value of a numeric column is text that is not a number."""
    unreadable: dict[str, list[Any]] = {}
    for issue in issues:
        if (
            issue.field in names
            and issue.field not in _CODES
            and "number" in str(issue)
        ):
            unreadable.setdefault(issue.field, []).append(issue)
    for field, found in unreadable.items():
        if len(found) == n:
            first = found[0]
            msg = f"no value of column {names[field]!r} is a number"
            raise ShapeMismatchError(
                msg,
                message_id=f"tidak ada nilai kolom {names[field]!r} yang berupa angka",
                row=first.row,
                field=names[field],
                fix="write numbers (e.g. 12.5)",
                fix_id="tulis angka (mis. 12,5)",
            )


def _is_polars(df: Any) -> bool:
    return type(df).__module__.split(".")[0] == "polars"


def _names(df: Any) -> list[str]:
    return [str(c) for c in df.columns]


def _height(df: Any) -> int:
    return int(df.height) if _is_polars(df) else len(df)


def _read(df: Any, column: str, arg: str) -> NDArray[Any]:
    """Return a column as numpy: floats with NaN, or objects with None for text."""
    series = df[column]
    if _is_polars(df):
        if series.dtype.is_numeric():
            return np.asarray(series.cast(float).fill_null(np.nan).to_numpy())
        return np.asarray(series.to_list(), dtype=object)
    kind = getattr(series.dtype, "kind", "O")
    if arg in _CODES and kind not in "iufb":
        import pandas as pd

        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        return to_who_factorized(list(uniques), np.asarray(codes), arg)
    if kind in "iufb" and arg not in _CODES:
        return np.asarray(series.to_numpy(dtype="float64", na_value=np.nan))
    if kind in "iuf":
        return np.asarray(series.to_numpy(dtype="float64", na_value=np.nan))
    return np.asarray(series.to_numpy(dtype=object, na_value=None))


def _append(
    df: Frame, out: Mapping[str, NDArray[Any]], coded: Mapping[str, Coded]
) -> Frame:
    if _is_polars(df):
        import polars as pl

        series = [
            pl.Series(name, values.tolist(), dtype=pl.String)
            if values.dtype == object
            else pl.Series(name, values, nan_to_null=True)
            for name, values in out.items()
        ]
        for name, column in coded.items():
            enum = pl.Enum(list(column.labels))
            physical = pl.Series(name, column.codes, dtype=pl.Int64)
            series.append(
                physical.replace_strict(
                    dict(enumerate(column.labels)), default=None, return_dtype=enum
                )
            )
        result: Frame = df.with_columns(series)  # type: ignore[attr-defined]
        return result
    import pandas as pd

    style = _dtype_style(df)
    columns = {name: _pandas_column(values, style) for name, values in out.items()}
    for name, column in coded.items():
        bands = pd.CategoricalDtype(list(column.labels), ordered=True)
        columns[name] = pd.Categorical.from_codes(column.codes, dtype=bands)
    added = pd.DataFrame(columns, index=df.index, copy=False)  # type: ignore[attr-defined]
    merged: Any = pd.concat([df, added], axis=1)  # type: ignore[call-overload]
    result_frame: Frame = merged
    return result_frame


def _dtype_style(df: Any) -> str:
    """Return ``arrow``, ``nullable`` or ``numpy`` from the frame's own dtypes."""
    import pandas as pd

    dtypes = list(df.dtypes)
    if any(isinstance(d, pd.ArrowDtype) for d in dtypes):
        return "arrow"
    if any(
        isinstance(d, pd.api.extensions.ExtensionDtype)
        and not isinstance(d, pd.CategoricalDtype | pd.DatetimeTZDtype)
        for d in dtypes
    ):
        return "nullable"
    return "numpy"


def _pandas_column(values: NDArray[Any], style: str) -> Any:
    import pandas as pd

    text = values.dtype == object
    if style == "numpy":
        return values
    if text:
        # Few distinct texts (codes, category ids): build them once and take.
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        dtype: Any = pd.StringDtype() if style == "nullable" else _arrow_dtype(True)
        base = pd.array([str(u) for u in uniques], dtype=dtype)
        return base.take(codes, allow_fill=True)
    mask = np.isnan(values)
    floats = pd.arrays.FloatingArray(np.where(mask, 0.0, values), mask)
    return floats if style == "nullable" else floats.astype(_arrow_dtype(False))


def _arrow_dtype(text: bool) -> Any:
    import pandas as pd
    import pyarrow as pa

    return pd.ArrowDtype(pa.string() if text else pa.float64())
