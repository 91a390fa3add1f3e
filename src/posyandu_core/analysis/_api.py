"""Public prevalence functions with WHO's arguments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from posyandu_core.analysis import _prevalence as pv

if TYPE_CHECKING:
    import pandas as pd
    from numpy.typing import ArrayLike


def anthro_prevalence(
    *,
    sex: ArrayLike,
    age: ArrayLike | None = None,
    is_age_in_month: bool = False,
    weight: ArrayLike | None = None,
    lenhei: ArrayLike | None = None,
    measure: ArrayLike | None = None,
    oedema: ArrayLike | None = None,
    headc: ArrayLike | None = None,
    armc: ArrayLike | None = None,
    triskin: ArrayLike | None = None,
    subskin: ArrayLike | None = None,
    sw: ArrayLike | None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    typeres: ArrayLike | None = None,
    gregion: ArrayLike | None = None,
    wealthq: ArrayLike | None = None,
    mothered: ArrayLike | None = None,
    othergr: ArrayLike | None = None,
    by: Mapping[str, ArrayLike] | None = None,
    convention: pv.Convention = "who",
) -> pd.DataFrame:
    """Prevalence table of WHO's ``anthro_prevalence`` (0-5 years).

    Arguments are WHO's (one value per child, or one for all); Indonesian
    codes are read too (sex ``L``/``P``, measure ``terlentang``/``berdiri``,
    oedema ``ya``/``tidak``). Dask Series arguments (columns of one Dask
    DataFrame) are summed by map-reduce over the partitions, with the same
    result.

    Parameters
    ----------
    sex, age, is_age_in_month, weight, lenhei, measure, oedema
        As in ``anthro_zscores`` (age in days unless ``is_age_in_month``).
        Oedema in any coding the z-score functions accept counts as below
        -3 SD in the weight-based prevalences (WHO's auxiliary z of -3.1).
    headc, armc, triskin, subskin
        Accepted for symmetry with ``anthro_zscores``; WHO's table has no
        columns for them, so they do not change it.
    sw, cluster, strata
        Survey design: sampling weights (missing = 0), PSU ids, strata ids.
        Rows with a missing cluster or stratum are left out.
    typeres, gregion, wealthq, mothered, othergr
        WHO's optional grouping variables (``Area``, ``Geographical
        region``, ``Wealth quintile`` from 1-5 or Q1-Q5, ``Maternal
        education``, ``Other grouping``).
    by : mapping of str to array_like, optional
        Further grouping variables, e.g. ``{"Posyandu": ..., "Kelurahan":
        ...}``: their rows follow WHO's, labelled ``"<name>: <value>"``.
    convention : {"who", "dinkes"}
        ``"who"``: WHO's counting. ``"dinkes"``: the e-PPGBM/Dinkes counting
        (DOMAIN.md §13.2: ``-6.01 < z <= -2.01``, flags not removed, oedema
        not counted), see ``data/rules/prevalence.toml``.

    Returns
    -------
    pandas.DataFrame
        ``Group`` and WHO's 134 output columns, rows in WHO's order.

    Examples
    --------
    >>> t = anthro_prevalence(sex=[1, 2, 1, 2], age=[400, 500, 600, 700],
    ...                       weight=[9.0, 8.0, 11.0, 10.5],
    ...                       lenhei=[75.0, 72.0, 80.0, 79.0], measure="l")
    >>> row = t.iloc[0]
    >>> str(row["Group"]), float(row["HAZ_unwpop"]), float(row["HA_2_r"])
    ('All', 4.0, 50.0)
    """
    conv = pv.counting_convention(convention)
    args = {
        "sex": sex, "age": age, "weight": weight, "lenhei": lenhei,
        "measure": measure, "oedema": oedema, "sw": sw, "cluster": cluster,
        "strata": strata, "typeres": typeres, "gregion": gregion,
        "wealthq": wealthq, "mothered": mothered, "othergr": othergr,
    }  # fmt: skip
    del headc, armc, triskin, subskin  # not in WHO's prevalence table
    if _any_dask({**args, **(by or {})}):
        return _on_dask(args, by, "who2006", is_age_in_month, convention)
    rows = pv.anthro_rows(
        args, is_age_in_month=is_age_in_month, extra=dict(by or {}), convention=conv
    )
    return pv.to_frame(pv.compute_table(rows, pv.anthro_blocks(conv)))


def anthroplus_prevalence(
    *,
    sex: ArrayLike,
    age_in_months: ArrayLike | None = None,
    oedema: ArrayLike | None = None,
    height_in_cm: ArrayLike | None = None,
    weight_in_kg: ArrayLike | None = None,
    sw: ArrayLike | None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    by: Mapping[str, ArrayLike] | None = None,
    convention: pv.Convention = "who",
) -> pd.DataFrame:
    """Prevalence table of WHO's ``anthroplus_prevalence`` (5-19 years).

    Rows with a missing age or one outside 60-228 months are left out, as
    WHO does. A stratum with a single PSU is handled as
    ``survey.lonely.psu = "adjust"`` (WHO's R function stops there unless
    the caller sets that option).

    Parameters
    ----------
    sex, age_in_months, oedema, height_in_cm, weight_in_kg
        As in ``anthroplus_zscores``; Indonesian codes are read too.
    sw, cluster, strata
        Survey design, as in ``anthro_prevalence``.
    by : mapping of str to array_like, optional
        Further grouping variables (Posyandu, kelurahan, Puskesmas); their
        rows follow WHO's 27 and, like WHO's ``All`` and ``Sex`` rows, have
        no weight-for-age values (weight-for-age stops at 120 months).
    convention : {"who", "dinkes"}
        Counting convention, as in ``anthro_prevalence``.

    Returns
    -------
    pandas.DataFrame
        ``Group, Years, Months`` and WHO's 93 output columns.
    """
    conv = pv.counting_convention(convention)
    args: dict[str, Any] = {
        "sex": sex, "age_in_months": age_in_months, "oedema": oedema,
        "height_in_cm": height_in_cm, "weight_in_kg": weight_in_kg,
        "sw": sw, "cluster": cluster, "strata": strata,
    }  # fmt: skip
    if _any_dask({**args, **(by or {})}):
        return _on_dask(args, by, "who2007", False, convention)
    rows = pv.anthroplus_rows(args, extra=dict(by or {}), convention=conv)
    table = pv.compute_table(rows, pv.plus_blocks(conv))
    return pv.to_frame(pv.plus_frame(table))


def _any_dask(args: Mapping[str, Any]) -> bool:
    return any(type(v).__module__.split(".")[0] == "dask" for v in args.values())


def _on_dask(
    args: Mapping[str, Any],
    by: Mapping[str, Any] | None,
    reference: str,
    is_age_in_month: bool,
    convention: pv.Convention,
) -> pd.DataFrame:
    """Run the map-reduce of ``_dask`` on Dask Series arguments (one frame)."""
    from posyandu_core.analysis._dask import frame_of_series, prevalence

    columns = {k: v for k, v in args.items() if v is not None}
    extra = dict(by or {})
    ddf = frame_of_series({**columns, **{f"by:{k}": v for k, v in extra.items()}})
    table: pd.DataFrame = prevalence(
        ddf,
        reference=reference,
        columns={k: k for k in columns},
        is_age_in_month=is_age_in_month,
        by=[f"by:{k}" for k in extra],
        convention=convention,
    )
    if extra:
        table["Group"] = table["Group"].str.replace("by:", "", n=1, regex=False)
    return table
