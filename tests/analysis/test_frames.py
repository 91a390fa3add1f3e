"""``analysis.zscores``: pandas and polars front ends of the z-score engine."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posyandu_core.analysis import output_columns, zscores
from posyandu_core.errors import PosyanduError
from posyandu_core.growth import ANTHRO_COLUMNS, anthro_zscores, anthroplus_zscores

from ._golden import GOLDEN, read_csv

SURVEY = read_csv(GOLDEN / "anthro_survey_input.csv")
PLUS = read_csv(GOLDEN / "anthroplus_survey_input.csv")
WHO_OUT = read_csv(GOLDEN / "anthro_survey_zscores.csv")


def _researcher_frame() -> pd.DataFrame:
    """The survey with Indonesian names and codes, and a custom index."""
    frame = pd.DataFrame(
        {
            "jk": SURVEY["sex"].map({1: "L", 2: "P"}),
            "umur_hari": SURVEY["age_days"],
            "bb": SURVEY["weight"],
            "tb": SURVEY["lenhei"],
            "cara_ukur": SURVEY["measure"].map({"l": "terlentang", "h": "Berdiri"}),
            "edema": SURVEY["oedema"].map({"y": "ya", "n": "tidak"}),
        }
    )
    return frame.set_axis(pd.Index(SURVEY["case_id"] * 10, name="id"))


NAMES: dict[str, Any] = {
    "sex": "jk", "age": "umur_hari", "weight": "bb", "lenhei": "tb",
    "measure": "cara_ukur", "oedema": "edema",
}  # fmt: skip


def test_indonesian_codes_and_own_names_give_whos_zscores() -> None:
    out = _researcher_frame().pipe(
        zscores, sex="jk", age="umur_hari", weight="bb", lenhei="tb",
        measure="cara_ukur", oedema="edema",
    )  # fmt: skip
    assert list(out.columns[:6]) == list(_researcher_frame().columns)
    assert list(out.columns[6:]) == list(ANTHRO_COLUMNS)
    for name in ("zlen", "zwei", "zwfl", "zbmi", "flen", "fwei", "csex", "c9mo_flag"):
        np.testing.assert_array_equal(
            out[name].to_numpy(dtype=float), WHO_OUT[name].to_numpy(dtype=float), name
        )
    pd.testing.assert_series_equal(
        out["cmeasure"].isna().reset_index(drop=True), WHO_OUT["cmeasure"].isna()
    )
    known = WHO_OUT["cmeasure"].notna().to_numpy()
    assert out["cmeasure"][known].tolist() == WHO_OUT["cmeasure"][known].tolist()


def test_index_and_order_are_kept() -> None:
    frame = _researcher_frame().sample(frac=1.0, random_state=1)
    out = zscores(frame, **NAMES)
    assert out.index.equals(frame.index)
    direct = anthro_zscores(
        sex=frame["jk"].map({"L": 1, "P": 2}), age=frame["umur_hari"],
        weight=frame["bb"], lenhei=frame["tb"],
        measure=frame["cara_ukur"].map({"terlentang": "l", "Berdiri": "h"}),
        oedema=frame["edema"].map({"ya": "y", "tidak": "n"}),
    )  # fmt: skip
    np.testing.assert_array_equal(out["zwfl"].to_numpy(), direct["zwfl"])


def test_arrow_backed_frames_stay_arrow_backed() -> None:
    frame = _researcher_frame().convert_dtypes(dtype_backend="pyarrow")
    out = zscores(frame, **NAMES)
    assert all(isinstance(d, pd.ArrowDtype) for d in out.dtypes)
    assert out["zlen"].isna().sum() == WHO_OUT["zlen"].isna().sum()
    assert str(out["cmeasure"].dtype).startswith("string")


def test_nullable_frames_get_nullable_columns() -> None:
    frame = _researcher_frame().convert_dtypes()
    out = zscores(frame, **NAMES)
    assert str(out["bb"].dtype) == "Float64"
    assert str(out["zwei"].dtype) == "Float64"
    assert out["zwei"].isna().sum() == WHO_OUT["zwei"].isna().sum()


def test_permenkes_categories_are_optional() -> None:
    out = zscores(_researcher_frame(), categories=True, **NAMES)
    assert out.columns[-5:].tolist() == output_columns("who2006", True)[-5:]
    stunted = out["zlen"] < -2
    assert set(out.loc[stunted, "kategori_pb_tb_u"]) <= {"pendek", "sangat_pendek"}


def test_polars_frames_come_back_as_polars() -> None:
    pl = pytest.importorskip("polars")
    frame = pl.from_pandas(_researcher_frame().reset_index())
    out = zscores(frame, **NAMES)
    assert isinstance(out, pl.DataFrame)
    assert out.columns[: frame.width] == frame.columns
    np.testing.assert_array_equal(
        out["zlen"].fill_null(np.nan).to_numpy(), WHO_OUT["zlen"].to_numpy(dtype=float)
    )
    assert out["zlen"].null_count() == WHO_OUT["zlen"].isna().sum()


def test_anthroplus_through_the_frame() -> None:
    out = zscores(PLUS, reference="who2007", categories=True)
    direct = anthroplus_zscores(
        sex=PLUS["sex"], age_in_months=PLUS["age_in_months"], oedema=PLUS["oedema"],
        height_in_cm=PLUS["height_in_cm"], weight_in_kg=PLUS["weight_in_kg"],
    )  # fmt: skip
    np.testing.assert_array_equal(out["zbfa"].to_numpy(), direct["zbfa"])
    assert "kategori_imt_u_5_18" in out.columns


@pytest.mark.parametrize(
    ("column", "values", "message"),
    [
        ("jk", ["laki", "wanita"], "no value of column 'jk'"),
        ("edema", ["mungkin", "entah"], "no value of column 'edema'"),
        ("bb", ["berat", "x"], "no value of column 'bb' is a number"),
    ],
)
def test_an_unreadable_column_raises_instead_of_all_missing(
    column: str, values: list[str], message: str
) -> None:
    frame = _researcher_frame().head(2).copy()
    frame[column] = values
    with pytest.raises(PosyanduError, match=message):
        zscores(frame, **NAMES)


def test_missing_named_column_and_existing_output_are_refused() -> None:
    with pytest.raises(PosyanduError, match="'umur' is not in the frame"):
        zscores(_researcher_frame(), **{**NAMES, "age": "umur"})
    with pytest.raises(PosyanduError, match="'zlen' exists"):
        zscores(_researcher_frame().assign(zlen=1.0), **NAMES)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(SURVEY) - 1), max_size=40))
def test_any_subset_gives_the_engines_rows(rows: list[int]) -> None:
    frame = _researcher_frame().iloc[rows]
    out = zscores(frame, **NAMES)
    assert len(out) == len(frame)
    expected = WHO_OUT["zwfl"].to_numpy(dtype=float)[rows]
    np.testing.assert_array_equal(out["zwfl"].to_numpy(dtype=float), expected)
