"""Categories of z-scores (Permenkes 2/2020, WHO) and of LiLA, from rule data.

The cut-offs are data (``posyandu_core/data/rules/anthropometry.toml``, read
with :mod:`tomllib` on first use), each table with its ``source``,
``valid_from`` and confidence tag. Classification is vectorised: an array of
z-scores gives an array of category ids.
"""

from __future__ import annotations

import functools
import tomllib
from typing import Any, Final, Literal

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core._data import read_bands
from posyandu_core.errors import (
    InvalidMeasurementError,
    RuleDataError,
    UnknownNameError,
    UsageError,
)
from posyandu_core.growth import _inputs as inp
from posyandu_core.growth._lms import round_half_even_r
from posyandu_core.growth._tables import read_text

Convention = Literal["permenkes", "eppgbm"]
_CONVENTIONS: Final = ("permenkes", "eppgbm")


@attrs.frozen(kw_only=True)
class Category:
    """One category of a classification table.

    Attributes
    ----------
    table : str
        Id of the table, e.g. ``"pb_tb_u"``.
    id : str
        Stable id within the table, e.g. ``"pendek"``.
    label_id, label_en : str
        Indonesian and English label.
    kemkes_code : str or None
        Kemkes clinical-term code (``OI0000xx``, ``OV0002xx``), if one exists.
    lower, upper : float
        The band: ``lower`` (-inf for the first) to ``upper`` (inf for the last).
    lower_inclusive, upper_inclusive : bool
        Whether a value equal to the bound belongs to this band.
    """

    table: str
    id: str
    label_id: str
    label_en: str
    kemkes_code: str | None
    lower: float
    upper: float
    lower_inclusive: bool
    upper_inclusive: bool


@attrs.frozen(kw_only=True)
class CategoryTable:
    """A classification table: its bands and where they come from."""

    id: str
    index: str
    name_id: str
    name_en: str
    variable: str
    age_months: tuple[float, float]
    source: str
    valid_from: str
    confidence: str
    categories: tuple[Category, ...]

    def category(self, category_id: str) -> Category:
        """Return the category with id ``category_id``.

        Raises
        ------
        KeyError
            If the table has no such category.
        """
        for category in self.categories:
            if category.id == category_id:
                return category
        msg = f"table {self.id!r} has no category {category_id!r}"
        raise UnknownNameError(
            msg, message_id=f"tabel {self.id!r} tidak punya kategori {category_id!r}"
        )


def _category_table(table_id: str, data: dict[str, Any]) -> CategoryTable:
    categories = tuple(
        Category(
            table=table_id,
            id=edges.entry["id"],
            label_id=edges.entry["label_id"],
            label_en=edges.entry["label_en"],
            kemkes_code=edges.entry.get("kemkes_code"),
            lower=edges.lower,
            upper=edges.upper,
            lower_inclusive=edges.lower_inclusive,
            upper_inclusive=edges.upper_inclusive,
        )
        for edges in read_bands(table_id, data["bands"])
    )
    low, high = data["age_months"]
    return CategoryTable(
        id=table_id,
        index=data["index"],
        name_id=data["name_id"],
        name_en=data["name_en"],
        variable=data.get("zscore", data.get("measurement", "")),
        age_months=(float(low), float(high)),
        source=data["source"],
        valid_from=str(data["valid_from"]),
        confidence=data["confidence"],
        categories=categories,
    )


@functools.cache
def _rules() -> dict[str, Any]:
    try:
        rules: dict[str, Any] = tomllib.loads(read_text("rules", "anthropometry.toml"))
    except tomllib.TOMLDecodeError as exc:
        msg = f"anthropometry.toml is not valid TOML: {exc}"
        raise RuleDataError(
            msg,
            message_id=f"anthropometry.toml bukan TOML yang sah: {exc}",
            fix="reinstall posyandu-core",
            fix_id="pasang ulang posyandu-core",
        ) from exc
    return rules


@functools.cache
def category_tables() -> dict[str, CategoryTable]:
    """Return every classification table, by id (loaded on first use).

    Examples
    --------
    >>> sorted(category_tables())[:3]
    ['bb_pb_tb', 'bb_u', 'imt_u_0_60']
    >>> category_tables()["bb_u"].category("berat_badan_kurang").kemkes_code
    'OI000008'
    """
    try:
        return {
            table_id: _category_table(table_id, data)
            for table_id, data in _rules()["tables"].items()
        }
    except (KeyError, TypeError, ValueError) as exc:
        msg = f"anthropometry.toml is malformed: {exc!r}"
        raise RuleDataError(
            msg,
            message_id=f"anthropometry.toml rusak: {exc!r}",
            fix="reinstall posyandu-core",
            fix_id="pasang ulang posyandu-core",
        ) from exc


def category_table(table_id: str) -> CategoryTable:
    """Return the classification table ``table_id`` (e.g. ``"pb_tb_u"``).

    Raises
    ------
    KeyError
        If there is no such table.
    """
    tables = category_tables()
    try:
        return tables[table_id]
    except KeyError:
        msg = f"no classification table {table_id!r}; tables: {', '.join(tables)}"
        raise UnknownNameError(
            msg,
            message_id=f"tidak ada tabel klasifikasi {table_id!r}; tabel: {', '.join(tables)}",
        ) from None


def _band_index(table: CategoryTable, values: NDArray[np.float64]) -> NDArray[np.intp]:
    # Number of band boundaries the value has passed = its band's position.
    index = np.zeros(values.shape, dtype=np.intp)
    for category in table.categories[:-1]:
        if category.upper_inclusive:
            index += values > category.upper
        else:
            index += values >= category.upper
    return index


def classify(
    table_id: str,
    values: inp.Numbers,
    *,
    convention: Convention = "permenkes",
) -> NDArray[np.object_]:
    """Return the category id of every value (None where the value is missing).

    Parameters
    ----------
    table_id : str
        ``"bb_u"``, ``"pb_tb_u"``, ``"bb_pb_tb"``, ``"imt_u_0_60"``,
        ``"imt_u_5_18"``, ``"lk_u"``, ``"lila"`` (cm), or WHO's terms:
        ``"who_wfa"``, ``"who_lhfa"``, ``"who_wflh"``, ``"who_bfa_5_19"``.
    values : array_like of float
        z-scores (or LiLA in cm for ``"lila"``); NaN = missing. They are
        classified as given: pass the 2-decimal z (the default of
        :func:`anthro_zscores`) to classify as Posyandu reports do.
    convention : {"permenkes", "eppgbm"}
        ``"permenkes"``: the bands as the regulation words them (z = -2.00 is
        normal, -2.01 is not). ``"eppgbm"``: e-PPGBM's counting (DOMAIN.md
        §13.2): values are first rounded to 2 decimals as R does, the sentinel
        999.99 is missing, and a length/height-for-age z <= -6.01 is left out
        (None) as implausible.

    Returns
    -------
    ndarray of object
        Category ids (``str``) or None, one per value (a scalar gives one).

    Examples
    --------
    >>> classify("pb_tb_u", [-3.5, -2.01, -2.0, 3.0, 3.01, np.nan]).tolist()
    ['sangat_pendek', 'pendek', 'normal', 'normal', 'tinggi', None]
    >>> classify("pb_tb_u", [-6.05, -2.004], convention="eppgbm").tolist()
    [None, 'normal']
    """
    if convention not in _CONVENTIONS:
        msg = f"convention must be one of {_CONVENTIONS}, not {convention!r}"
        raise UsageError(
            msg,
            message_id=f"konvensi harus salah satu {_CONVENTIONS}, bukan {convention!r}",
        )
    table = category_table(table_id)
    z, unreadable = inp.float_column(values, "values")
    if unreadable.size:
        msg = f"values must be numbers; item {int(unreadable[0])} is not"
        raise InvalidMeasurementError(
            msg,
            message_id=f"nilai harus angka; butir {int(unreadable[0])} bukan angka",
        )
    missing = np.isnan(z)
    if convention == "eppgbm":
        eppgbm = _rules()["eppgbm"]
        z = round_half_even_r(z)
        missing |= z == float(eppgbm["sentinel"])
        exclude = eppgbm["exclude_at_or_below"].get(table_id)
        if exclude is not None:
            missing |= z <= float(exclude)
    ids = np.array([c.id for c in table.categories] + [None], dtype=object)
    index = _band_index(table, z)
    index[missing] = len(table.categories)
    result: NDArray[np.object_] = ids[index]
    return result


def classify_muac(muac_cm: inp.Numbers, age_months: inp.Numbers) -> NDArray[np.object_]:
    """Return the LiLA (MUAC) category of children aged 6-59 completed months.

    Absolute cut-offs (DOMAIN.md §3.6): < 11.5 cm gizi buruk (OV000249),
    11.5 to < 12.5 cm gizi kurang (OV000250), >= 12.5 cm normal (OV000251).
    Outside 6-59 months the rule does not apply and the result is None.

    Parameters
    ----------
    muac_cm : array_like of float
        Mid-upper arm circumference in cm.
    age_months : array_like of float
        Age in completed months (broadcast with ``muac_cm``).

    Returns
    -------
    ndarray of object
        Ids of the ``"lila"`` table or None.

    Examples
    --------
    >>> classify_muac([11.3, 12.0, 12.5, 11.0], [20, 30, 30, 4]).tolist()
    ['gizi_buruk', 'gizi_kurang', 'normal', None]
    """
    table = category_table("lila")
    muac, _ = inp.float_column(muac_cm, "muac_cm")
    age, _ = inp.float_column(age_months, "age_months")
    muac, age = np.broadcast_arrays(muac, age)
    result = classify("lila", muac)
    low, high = table.age_months
    result[~((age >= low) & (age <= high))] = None
    return result
