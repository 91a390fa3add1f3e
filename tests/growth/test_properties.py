"""Properties that hold for every input (hypothesis)."""

from __future__ import annotations

import warnings

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from posyandu_core.growth import (
    ANTHRO_COLUMNS,
    anthro_zscores,
    anthroplus_zscores,
    lms_value,
    lms_zscore,
    measurement_at_zscore,
    zscore_of_measurement,
)

AGES = st.floats(min_value=0, max_value=1900, allow_nan=False)
SEXES = st.sampled_from([1, 2])
WEIGHT_INDICATORS = st.sampled_from(["wfa", "bmi", "acfa", "tsfa", "ssfa"])


@settings(max_examples=200, deadline=None)
@given(
    sex=SEXES,
    age=st.integers(min_value=0, max_value=1826),
    weights=st.lists(st.floats(min_value=0.5, max_value=60), min_size=2, max_size=20),
)
def test_zscore_is_monotone_in_the_measurement(
    sex: int, age: int, weights: list[float]
) -> None:
    ordered = np.sort(np.array(weights))
    z = anthro_zscores(sex=sex, age=age, weight=ordered, rounded=False)["zwei"]
    assert np.all(np.diff(z) >= 0)


@settings(max_examples=200, deadline=None)
@given(
    indicator=WEIGHT_INDICATORS,
    sex=SEXES,
    age=st.integers(min_value=91, max_value=1826),
    z=st.floats(min_value=-8, max_value=8),
)
def test_inverse_round_trips_with_the_restricted_rule(
    indicator: str, sex: int, age: int, z: float
) -> None:
    y = measurement_at_zscore(indicator, z, sex=sex, at=age)  # type: ignore[arg-type]
    if y[0] > 0:
        back = zscore_of_measurement(indicator, y, sex=sex, at=age)  # type: ignore[arg-type]
        assert abs(back[0] - z) < 1e-9


@settings(max_examples=200, deadline=None)
@given(
    L=st.floats(min_value=-2, max_value=2),
    M=st.floats(min_value=1, max_value=100),
    S=st.floats(min_value=0.01, max_value=0.3),
    z=st.floats(min_value=-3, max_value=3),
)
def test_plain_lms_round_trips_within_3_sd(
    L: float, M: float, S: float, z: float
) -> None:
    y = lms_value(z, L, M, S)
    if np.isfinite(y):
        assert abs(float(lms_zscore(y, L, M, S)) - z) < 1e-7
    assert float(lms_zscore(M, L, M, S)) == 0.0


@settings(max_examples=100, deadline=None)
@given(
    age=arrays(
        np.float64, st.integers(0, 50), elements=st.one_of(AGES, st.just(np.nan))
    ),
    data=st.data(),
)
def test_missing_in_missing_out_and_shape(age: np.ndarray, data: st.DataObject) -> None:
    n = len(age)
    measurement = st.one_of(st.floats(min_value=-5, max_value=200), st.just(np.nan))
    weight = np.array(data.draw(st.lists(measurement, min_size=n, max_size=n)))
    lenhei = np.array(data.draw(st.lists(measurement, min_size=n, max_size=n)))
    sex = data.draw(
        st.lists(st.sampled_from([1, 2, None, "m", "F"]), min_size=n, max_size=n)
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = anthro_zscores(sex=sex, age=age, weight=weight, lenhei=lenhei)
        plus = anthroplus_zscores(
            sex=sex, age_in_months=age / 8, weight_in_kg=weight, height_in_cm=lenhei
        )
    assert len(t) == n
    assert all(len(t[c]) == n for c in ANTHRO_COLUMNS)
    assert all(len(plus[c]) == n for c in plus)
    assert np.isnan(t["zwei"][np.isnan(weight)]).all()
    assert np.isnan(t["zlen"][np.isnan(lenhei)]).all()
    assert np.isnan(t["zwei"][np.isnan(age)]).all()
    no_sex = np.array([s is None for s in sex], dtype=bool)
    assert np.isnan(t["zwei"][no_sex]).all()
    assert np.isnan(t["csex"][no_sex]).all()
    for z_name in ("zlen", "zwei", "zwfl", "zbmi"):
        flag = t["f" + z_name[1:]]
        assert np.array_equal(np.isnan(flag), np.isnan(t[z_name]))
