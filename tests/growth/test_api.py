"""The public API: argument forms, shapes, missing values, issues, result table."""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest

from posyandu_core.errors import (
    InvalidMeasurementError,
    PosyanduError,
    ShapeMismatchError,
)
from posyandu_core.growth import (
    ANTHRO_COLUMNS,
    ANTHROPLUS_COLUMNS,
    PandasNotInstalledError,
    anthro_zscores,
    anthroplus_zscores,
    assess,
    classify,
    round_half_even_r,
)
from posyandu_core.rules import Severity

from ._golden import read


def test_result_table_behaves_like_a_data_frame() -> None:
    t = anthro_zscores(sex=[1, 2, 1], age=[100, 200, 300], weight=[6.0, 7.0, 8.0])
    assert len(t) == 3
    assert list(t) == list(ANTHRO_COLUMNS)
    assert t.columns == ANTHRO_COLUMNS
    assert "zwei" in t
    assert t["zwei"].dtype == np.float64
    assert t["cmeasure"].dtype == object
    with pytest.raises(ValueError, match="read-only"):
        t["zwei"][0] = 1.0
    with pytest.raises(KeyError, match="no column"):
        t["zzz"]
    frame = t.to_pandas()
    assert list(frame.columns) == list(ANTHRO_COLUMNS)
    assert frame["zwei"].tolist() == t["zwei"].tolist()
    assert "3 rows" in repr(t)


def test_to_pandas_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    t = anthro_zscores(sex=1, age=100, weight=6.0)
    with pytest.raises(PandasNotInstalledError, match=r"posyandu-core\[analysis\]"):
        t.to_pandas()
    with pytest.raises(ImportError) as info:  # still what callers catch
        t.to_pandas()
    assert isinstance(info.value, PosyanduError)
    assert str(info.value).startswith("to_pandas() memerlukan pandas, yang opsional / ")
    assert "Perbaikan: pasang: pip install" in str(info.value)


def test_argument_forms_give_the_same_result() -> None:
    expected = anthro_zscores(
        sex=np.array([1, 2]), age=np.array([400.0, 800.0]),
        weight=np.array([9.0, 11.0]), lenhei=np.array([75.0, 85.0]),
        measure=np.array(["l", "h"]), oedema=np.array(["n", "n"]),
    )  # fmt: skip
    variants: list[dict[str, Any]] = [
        {"sex": ["M", "f"], "measure": ["L", "H"], "oedema": ["N", "2"]},
        {"sex": [" m ", "2"], "measure": ["l ", "h"], "oedema": [None, "n"]},
        {"sex": pd.Series([1, 2]), "measure": pd.Series(["l", "h"]), "oedema": "n"},
        {
            "sex": np.array([1.0, 2.0]),
            "measure": np.array(["l", "h"], dtype=object),
            "oedema": 2,
        },
    ]
    for codes in variants:
        got = anthro_zscores(
            age=pd.Series([400.0, 800.0]),
            weight=[9.0, 11.0],
            lenhei=[75.0, 85.0],
            **codes,
        )
        for name in ANTHRO_COLUMNS:
            assert list(map(str, got[name])) == list(map(str, expected[name])), (
                codes,
                name,
            )


def test_oedema_accepts_booleans() -> None:
    t = anthro_zscores(sex=1, age=300, weight=8.0, oedema=np.array([True, False]))
    assert np.isnan(t["zwei"][0])
    assert np.isfinite(t["zwei"][1])
    assert np.isnan(
        anthro_zscores(sex=1, age=300, weight=8.0, oedema=[True])["zwei"][0]
    )
    # a boolean is not a sex code
    assert anthro_zscores(sex=[True], age=300, weight=8.0).issues[0].field == "sex"


def test_scalars_recycle_and_lengths_must_match() -> None:
    t = anthro_zscores(sex=1, age=[100, 200, 300], weight=7.0)
    assert len(t) == 3
    assert np.isfinite(t["zwei"]).all()
    with pytest.raises(ShapeMismatchError, match="weight has 2 values"):
        anthro_zscores(sex=1, age=[100, 200, 300], weight=[7.0, 8.0])
    with pytest.raises(ShapeMismatchError, match="1-d"):
        anthro_zscores(sex=1, age=np.ones((2, 2)))
    with pytest.raises(TypeError, match="is_age_in_month"):
        anthro_zscores(sex=1, age=1, is_age_in_month="yes")  # type: ignore[arg-type]


def test_bad_rows_do_not_stop_the_call() -> None:
    sex: Any = [1, "x", 2, 1, 1]
    age: Any = [100, 100, -5, 100, "abc"]
    t = anthro_zscores(
        sex=sex,
        age=age,
        weight=[6.0, 6.0, 6.0, -2.0, 6.0],
        measure=["l", "l", "l", "q", "l"],
        lenhei=60.0,
    )
    assert np.isfinite(t["zwei"][0])
    assert np.isnan(t["zwei"][1:]).all()
    assert [t["cmeasure"][i] for i in range(5)] == ["l", None, None, None, None]
    by_row = {(i.row, i.field): i for i in t.issues}
    assert by_row[(2, "sex")].value == "x"
    assert by_row[(3, "age")].value == -5
    assert by_row[(4, "measure")].severity is Severity.ERROR
    assert by_row[(4, "weight")].severity is Severity.WARNING
    assert by_row[(5, "age")].value == "abc"
    assert all(i.message_id and i.message_en for i in t.issues)
    # the negative weight only voids the weight-based z, as in WHO's code
    plus = anthroplus_zscores(
        sex=[1, 1], age_in_months=[100, 100], weight_in_kg=[-1, 30]
    )
    assert np.isnan(plus["csex"][0])
    assert plus["csex"][1] == 1.0
    assert [i.row for i in plus.issues] == [1]


def test_empty_input() -> None:
    t = anthro_zscores(sex=[], age=[])
    assert len(t) == 0
    assert all(len(t[name]) == 0 for name in t)
    plus = anthroplus_zscores(sex=[], age_in_months=[])
    assert list(plus) == list(ANTHROPLUS_COLUMNS)


def test_unrounded_output_and_flags_on_the_rounded_z() -> None:
    rounded = anthro_zscores(sex=1, age=365, weight=14.5, lenhei=76, measure="l")
    raw = anthro_zscores(
        sex=1, age=365, weight=14.5, lenhei=76, measure="l", rounded=False
    )
    assert rounded["zwei"][0] == 3.85
    assert raw["zwei"][0] != 3.85
    assert round_half_even_r(raw["zwei"])[0] == 3.85


def test_r_rounding_at_near_half_values() -> None:
    # 0.285 is stored as 0.28499999999999998: R gives 0.28 (Python's round too)
    values = [0.285, -0.285, 2.675, 1.005, 0.125, 0.375, 1e15 + 0.3, np.inf, np.nan]
    got = round_half_even_r(values)
    assert got[:6].tolist() == [0.28, -0.28, 2.67, 1.0, 0.12, 0.38]
    assert got[6] == 1e15 + 0.3  # R leaves |x| >= 2^43 unrounded
    assert got[7] == np.inf
    assert np.isnan(got[8])


def test_assess_one_child() -> None:
    a = assess(
        sex="P",
        birth_date=dt.date(2023, 1, 15),
        measured_on=dt.date(2026, 1, 20),
        weight_kg=10.2,
        length_cm=90.0,
        method="berdiri",
        head_circumference_cm=47.0,
        muac_cm=12.0,
    )
    assert a.reference == "who2006"
    assert a.age_months == 36
    assert a.age_days == (dt.date(2026, 1, 20) - dt.date(2023, 1, 15)).days
    wflh = a.weight_for_length_height
    assert wflh is not None
    assert wflh.category is not None
    assert wflh.category.id == "gizi_kurang"
    assert wflh.kemkes_code == "OI000002"
    assert wflh.label_en == "Wasted"
    assert a.muac is not None
    assert a.muac.label_id == "Gizi kurang"
    assert a.stunted is not None
    direct = anthro_zscores(
        sex=2, age=a.age_days, weight=10.2, lenhei=90.0, measure="h"
    )
    assert wflh.zscore == direct["zwfl"][0]


def test_assess_school_age_and_errors() -> None:
    a = assess(
        sex=1, birth_date=dt.date(2011, 3, 1), measured_on=dt.date(2026, 3, 1),
        weight_kg=65.0, length_cm=169.0,
    )  # fmt: skip
    assert a.reference == "who2007"
    assert a.bmi_for_age is not None
    assert a.bmi_for_age.category is not None
    assert a.weight_for_length_height is None
    assert a.weight_for_age is not None
    assert a.weight_for_age.zscore is None  # weight-for-age stops at 10 years
    with pytest.raises(InvalidMeasurementError, match="precedes"):
        assess(sex=1, birth_date=dt.date(2026, 1, 2), measured_on=dt.date(2026, 1, 1))


def test_classify_rejects_unknown_convention_and_table() -> None:
    with pytest.raises(ValueError, match="convention"):
        classify("bb_u", 0.0, convention="who")  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="no classification table"):
        classify("xx", 0.0)


def test_golden_files_are_local_copies() -> None:
    assert len(read("reference_cases_0_5.csv")) == 2000
    assert len(read("reference_cases_5_19.csv")) == 2000


def test_to_pandas_keeps_the_input_index_after_a_filter() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {
            "sex": ["f", "m", "f", "m"],
            "age": [400, 1100, 200, 700],
            "weight": [8.9, 12.0, 6.0, 10.5],
        }
    )
    older = df[df["age"] > 300].sort_values("age", ascending=False)
    z = anthro_zscores(sex=older["sex"], age=older["age"], weight=older["weight"])
    joined = pd.concat([older, z.to_pandas()], axis=1)
    assert list(joined.index) == list(older.index)
    for label, row in joined.iterrows():
        alone = anthro_zscores(
            sex=[df.loc[label, "sex"]], age=[df.loc[label, "age"]],
            weight=[df.loc[label, "weight"]],
        )  # fmt: skip
        assert row["zwei"] == alone["zwei"][0]
