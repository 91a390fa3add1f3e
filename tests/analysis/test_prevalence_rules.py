"""Rules of WHO's prevalence code beyond the reference files: edges, codings, invariances."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posyandu_core.analysis import _survey as sv
from posyandu_core.analysis import anthro_prevalence, anthroplus_prevalence
from posyandu_core.errors import PosyanduError
from posyandu_core.growth import measurement_at_zscore

from ._golden import GOLDEN, arguments, load, read_csv

SURVEY = read_csv(GOLDEN / "anthro_survey_input.csv")
PLUS = read_csv(GOLDEN / "anthroplus_survey_input.csv")
DESIGN = ("sw", "cluster", "strata")


def _anthro(frame: pd.DataFrame, **extra: object) -> pd.DataFrame:
    args: dict[str, object] = {
        "sex": frame["sex"],
        "age": frame["age_days"],
        "weight": frame["weight"],
        "lenhei": frame["lenhei"],
        "measure": frame["measure"],
        "oedema": frame["oedema"],
    }
    args.update(extra)
    return anthro_prevalence(**args)  # type: ignore[arg-type]


def _numbers(table: pd.DataFrame) -> np.ndarray:
    return table.drop(columns=["Group"]).to_numpy(dtype=float)


def _same(a: pd.DataFrame, b: pd.DataFrame, skip: tuple[str, ...] = ()) -> None:
    cols = [c for c in a.columns if c != "Group" and not c.endswith(skip)]
    assert a["Group"].tolist() == b["Group"].tolist()
    np.testing.assert_allclose(
        a[cols].to_numpy(dtype=float), b[cols].to_numpy(dtype=float), rtol=1e-10
    )


@pytest.mark.parametrize(
    ("yes", "no"),
    [("Y", "N"), ("1", "2"), (True, False), ("ya", "tidak"), ("Ya", "Tidak")],
)
def test_oedema_in_any_coding_counts_below_minus_three(yes: object, no: object) -> None:
    who = _anthro(SURVEY)
    coded = SURVEY["oedema"].map({"y": yes, "n": no})
    _same(_anthro(SURVEY, oedema=coded), who)


def test_oedema_counts_in_weight_based_prevalence_but_not_in_the_mean() -> None:
    without = _anthro(SURVEY, oedema="n")
    with_oedema = _anthro(SURVEY)
    all_with, all_without = with_oedema.iloc[0], without.iloc[0]
    # 28 children with oedema: their weight-based z-scores are voided by the
    # engine, and WHO counts them below -3 SD.
    assert all_with["WHZ_unwpop"] > all_without["WHZ_unwpop"] - 28
    assert all_with["WH_3_r"] > all_without["WH_3_r"]
    assert all_with["HA_r"] == all_without["HA_r"]


def test_indonesian_sex_and_measure_codes_give_the_same_table() -> None:
    indonesian = SURVEY.assign(
        sex=SURVEY["sex"].map({1: "L", 2: "P"}),
        measure=SURVEY["measure"].map({"l": "Terlentang", "h": "Berdiri"}),
    )
    _same(_anthro(indonesian), _anthro(SURVEY))


def test_row_order_does_not_matter() -> None:
    shuffled = SURVEY.sample(frac=1.0, random_state=3)
    design = {k: shuffled[k] for k in DESIGN}
    reference = _anthro(SURVEY, **{k: SURVEY[k] for k in DESIGN})
    _same(_anthro(shuffled, **design), reference)


@settings(max_examples=4, deadline=None)
@given(st.floats(min_value=0.01, max_value=1000.0))
def test_scaling_the_weights_changes_only_the_weighted_counts(factor: float) -> None:
    design = {k: SURVEY[k] for k in DESIGN}
    base = _anthro(SURVEY, **design)
    scaled = _anthro(SURVEY, **{**design, "sw": SURVEY["sw"] * factor})
    _same(scaled, base, skip=("_pop",))
    np.testing.assert_allclose(scaled["HAZ_pop"], base["HAZ_pop"] * factor, rtol=1e-12)


def test_exactly_one_percent_gets_wh0s_boundary_interval() -> None:
    # 100 children in 10 clusters, one of them stunted: WHO's code tests the
    # percentage against 1 and reports [1, 1].
    n = 100
    lenhei = np.full(n, 87.0)
    lenhei[0] = 75.0
    table = anthro_prevalence(
        sex=1, age=730, weight=12.0, lenhei=lenhei, measure="l",
        cluster=np.arange(n) % 10, strata=1,
    )  # fmt: skip
    all_row = table.iloc[0]
    assert all_row["HA_2_r"] == pytest.approx(1.0, rel=1e-15)
    assert (all_row["HA_2_ll"], all_row["HA_2_ul"]) == (1.0, 1.0)
    assert (all_row["HA_3_ll"], all_row["HA_3_ul"]) == (1.0, 1.0)
    assert (all_row["HA3_r"], all_row["HA3_ll"], all_row["HA3_ul"]) == (0.0, 0.0, 0.0)


def test_a_lonely_psu_is_centred_on_the_grand_mean() -> None:
    # Stratum 9 holds a single cluster: survey.lonely.psu = "adjust".
    frame = SURVEY.copy()
    frame.loc[frame["cluster"] == 7, "strata"] = 9
    table = _anthro(frame, cluster=frame["cluster"], strata=frame["strata"])
    kept = frame[(frame["age_days"].isna()) | (frame["age_days"] <= 1826)]
    zlen = _zlen(kept)
    got = table.iloc[0]
    expected_se = _textbook_se(zlen, kept["cluster"], kept["strata"])
    assert got["HA_se"] == pytest.approx(expected_se, rel=1e-12)


def _zlen(frame: pd.DataFrame) -> np.ndarray:
    from posyandu_core.growth import anthro_zscores

    t = anthro_zscores(
        sex=frame["sex"], age=frame["age_days"], weight=frame["weight"],
        lenhei=frame["lenhei"], measure=frame["measure"], oedema=frame["oedema"],
    )  # fmt: skip
    z = np.array(t["zlen"])
    z[np.asarray(t["flen"]) == 1] = np.nan
    return z


def _textbook_se(z: np.ndarray, cluster: pd.Series, strata: pd.Series) -> float:
    """Stratified one-stage linearisation, written row by row as in Wolter."""
    ok = ~np.isnan(z)
    mean = z[ok].mean()
    u = np.where(ok, z - mean, 0.0) / ok.sum()
    frame = pd.DataFrame({"u": u, "c": cluster.to_numpy(), "h": strata.to_numpy()})
    totals = frame.groupby(["h", "c"])["u"].sum()
    n_psu = totals.groupby(level=0).size()
    grand = totals.sum() / len(totals)
    var = 0.0
    for h, t in totals.groupby(level=0):
        if n_psu[h] == 1:
            var += float((t.iloc[0] - grand) ** 2)
        else:
            var += n_psu[h] / (n_psu[h] - 1) * float(((t - t.mean()) ** 2).sum())
    return math.sqrt(var)


def test_a_single_cluster_is_no_cluster() -> None:
    one = _anthro(SURVEY, cluster=5)
    rows = _anthro(SURVEY, strata=1)
    _same(one, rows)


def test_rows_with_missing_cluster_or_stratum_are_left_out() -> None:
    cluster = SURVEY["cluster"].astype(float).copy()
    cluster.iloc[:50] = np.nan
    with_na = _anthro(SURVEY, cluster=cluster, strata=SURVEY["strata"])
    dropped = SURVEY.iloc[50:]
    _same(
        with_na, _anthro(dropped, cluster=dropped["cluster"], strata=dropped["strata"])
    )


def test_extra_groupings_follow_whos_rows() -> None:
    posyandu = np.where(SURVEY["cluster"] % 2 == 0, "Mawar", "Melati")
    table = _anthro(
        SURVEY,
        by={"Posyandu": posyandu},
        typeres=SURVEY["typeres"],
        cluster=SURVEY["cluster"],
    )
    groups = table["Group"].tolist()
    assert groups[-4:] == [
        "Area: Rural", "Area: Urban", "Posyandu: Mawar", "Posyandu: Melati",
    ]  # fmt: skip
    mawar = SURVEY[posyandu == "Mawar"]
    alone = _anthro(mawar, cluster=mawar["cluster"]).iloc[0]
    row = table.iloc[-2]
    assert row["HAZ_unwpop"] == alone["HAZ_unwpop"]
    assert row["HA_r"] == pytest.approx(alone["HA_r"], rel=1e-12)


def test_free_groups_keep_first_appearance_without_design_and_sort_with_one() -> None:
    values = np.where(SURVEY["cluster"] % 2 == 0, "b", "a")
    plain = _anthro(SURVEY, othergr=values)["Group"].tolist()[-2:]
    first = values[
        (SURVEY["age_days"].isna() | (SURVEY["age_days"] <= 1826)).to_numpy()
    ][0]
    assert plain[0] == f"Other grouping: {first}"
    designed = _anthro(SURVEY, othergr=values, cluster=SURVEY["cluster"])
    assert designed["Group"].tolist()[-2:] == ["Other grouping: a", "Other grouping: b"]


def test_wealth_quintiles_accept_numbers_and_q_codes() -> None:
    numbers = _anthro(SURVEY, wealthq=SURVEY["wealthq"].astype(float))
    codes = _anthro(SURVEY, wealthq="Q" + SURVEY["wealthq"].astype(str))
    _same(numbers, codes)
    assert numbers["Group"].tolist()[-5:][0] == "Wealth quintile: Q1: Poorest"


def test_negative_weights_are_refused() -> None:
    with pytest.raises(PosyanduError, match="negatif"):
        _anthro(SURVEY, sw=-SURVEY["sw"])


def test_text_in_a_weight_column_is_refused_with_its_row() -> None:
    sw = SURVEY["sw"].astype(object).copy()
    sw.iloc[4] = "satu"
    with pytest.raises(PosyanduError, match="baris 5"):
        _anthro(SURVEY, sw=sw)


def test_no_usable_age_is_an_error() -> None:
    with pytest.raises(PosyanduError, match="excluded"):
        anthroplus_prevalence(sex=1, age_in_months=[10.0, 20.0], height_in_cm=100.0)


# --- the e-PPGBM / Dinkes counting convention (DOMAIN.md §13.2) ----------------


def _dinkes_ha(length: float) -> pd.Series:
    # the child of interest plus one child at the median
    median = float(measurement_at_zscore("lhfa", 0.0, sex=1, at=730)[0])
    return anthro_prevalence(
        sex=1, age=730, weight=12.0, lenhei=[length, median], measure="l",
        convention="dinkes",
    ).iloc[0]  # fmt: skip


@pytest.mark.parametrize(
    ("zlen", "stunted"),
    [(-2.00, 0.0), (-2.01, 100.0), (-6.00, 100.0), (-6.01, 0.0), (-7.5, 0.0)],
)
def test_dinkes_stunting_is_between_minus_6_01_and_minus_2_01(
    zlen: float, stunted: float
) -> None:
    length = float(measurement_at_zscore("lhfa", zlen, sex=1, at=730)[0])
    row = _dinkes_ha(length)
    assert row["HA_2_r"] == stunted / 2
    assert row["HAZ_unwpop"] == 2.0  # measured children are the denominator


def test_dinkes_keeps_flagged_children_that_who_drops() -> None:
    length = float(measurement_at_zscore("lhfa", -6.5, sex=1, at=730)[0])
    who = anthro_prevalence(sex=1, age=730, weight=12.0, lenhei=length, measure="l")
    assert who.iloc[0]["HAZ_unwpop"] == 0.0
    assert _dinkes_ha(length)["HAZ_unwpop"] == 2.0


def test_unknown_convention_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown convention"):
        _anthro(SURVEY, convention="bps")


# --- the estimator's pieces ---------------------------------------------------


def test_irls_stops_before_the_exact_maximum_as_r_does() -> None:
    # The textbook logit interval is not WHO's (IRLS stops at its tolerance):
    # it misses WHO's lower limit by more than 1e-8 somewhere in the table,
    # where ours matches (test_prevalence_golden).
    from scipy import stats

    spec, inputs, expected = load(GOLDEN / "anthro_prevalence_cluster_strata.json")
    got = anthro_prevalence(**arguments(spec, inputs))
    p = got["HA2_r"].to_numpy(dtype=float) / 100
    se = got["HA2_se"].to_numpy(dtype=float) / 100
    inside = (p > 0) & (p < 1)
    half = stats.t.ppf(0.975, 95) * se[inside] / (p[inside] * (1 - p[inside]))
    logit = np.log(p[inside] / (1 - p[inside]))
    textbook = 100 / (1 + np.exp(-(logit - half)))
    who = expected["HA2_ll"].to_numpy(dtype=float)[inside]
    ours = got["HA2_ll"].to_numpy(dtype=float)[inside]
    assert np.max(np.abs(textbook - who) / who) > 1e-8
    assert np.max(np.abs(ours - who) / who) < 1e-9


def test_design_degrees_of_freedom_count_positive_weights_only() -> None:
    w = np.array([1.0, 0.0, 2.0, 1.0])
    design, _ = sv.make_design(4, w, np.array([1, 2, 3, 4]), np.array([1, 1, 2, 2]))
    assert design.df == 3 - 2
    assert design.n_psu.tolist() == [2, 2]


def test_anthroplus_all_and_sex_rows_have_no_weight_for_age() -> None:
    table = anthroplus_prevalence(
        sex=PLUS["sex"], age_in_months=PLUS["age_in_months"], oedema=PLUS["oedema"],
        height_in_cm=PLUS["height_in_cm"], weight_in_kg=PLUS["weight_in_kg"],
        by={"Puskesmas": np.where(PLUS["strata"] < 3, "Utara", "Selatan")},
    )  # fmt: skip
    wa = [c for c in table.columns if c.startswith("WA")]
    assert table.loc[:2, wa].isna().all().all()
    assert table.loc[27:, wa].isna().all().all()
    assert table["Group"].tolist()[27:] == ["Puskesmas: Selatan", "Puskesmas: Utara"]
    assert not table.loc[3, wa].isna().all()


def test_a_prevalence_of_100_percent_keeps_the_irls_interval() -> None:
    # WHO's code only overrides 0 % and 1 %; at 100 % R's IRLS result stays,
    # within about 1e-10 of 100.
    short = float(measurement_at_zscore("lhfa", -2.5, sex=1, at=730)[0])
    table = anthro_prevalence(
        sex=1, age=730, weight=12.0, lenhei=np.full(40, short), measure="l",
        cluster=np.arange(40) % 8, sw=1.0 + (np.arange(40) % 3),
    )  # fmt: skip
    row = table.iloc[0]
    assert row["HA_2_r"] == 100.0
    assert row["HA_2_ul"] == pytest.approx(100.0, abs=1e-9)
    assert row["HA_2_ll"] == pytest.approx(100.0, abs=1e-6)
    assert row["HA_2_ll"] <= row["HA_2_ul"]


def test_a_group_of_one_child_has_no_standard_deviation() -> None:
    for design in ({}, {"sw": [1.0, 2.0]}, {"cluster": [1, 2], "strata": 1}):
        table = anthro_prevalence(
            sex=[1, 2], age=[100, 900], weight=[6.0, 11.0], lenhei=[60.0, 80.0],
            measure="l", **design,
        )  # fmt: skip
        female = table[table["Group"] == "Sex: Female"].iloc[0]
        assert female["HAZ_unwpop"] == 1.0
        assert math.isnan(female["HA_stdev"])
