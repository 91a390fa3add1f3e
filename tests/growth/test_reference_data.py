"""The packaged WHO tables: checksums, provenance and layout."""

from __future__ import annotations

import hashlib
import tomllib
from importlib.resources import files

import numpy as np
import pytest

from posyandu_core.errors import ReferenceDataError
from posyandu_core.growth import verify_reference_data
from posyandu_core.growth._tables import lms_table, read_csv

WHO_DIR = files("posyandu_core").joinpath("data", "who")


def _manifest() -> dict[str, object]:
    return tomllib.loads(WHO_DIR.joinpath("SOURCE.toml").read_text(encoding="utf-8"))


def test_source_toml_lists_every_packaged_csv_with_its_sha256() -> None:
    manifest = _manifest()
    listed = manifest["files"]
    assert isinstance(listed, dict)
    packaged = sorted(p.name for p in WHO_DIR.iterdir() if p.name.endswith(".csv"))
    assert sorted(listed) == packaged
    assert len(packaged) == 25  # 12 LMS tables + 13 velocity tables
    for name, expected in listed.items():
        digest = hashlib.sha256(WHO_DIR.joinpath(name).read_bytes()).hexdigest()
        assert digest == expected, name


def test_source_toml_carries_citation_source_and_licence() -> None:
    dataset = _manifest()["dataset"]
    assert isinstance(dataset, dict)
    assert dataset["citation"]
    assert dataset["licence"]
    assert "anthro" in _manifest()["source"]  # type: ignore[operator]


def test_verify_reference_data_accepts_the_packaged_files() -> None:
    assert verify_reference_data() == _manifest()["files"]


@pytest.mark.parametrize(
    "name",
    [
        "who2006_weight_for_age",
        "who2006_length_height_for_age",
        "who2006_bmi_for_age",
        "who2006_head_circumference_for_age",
        "who2006_arm_circumference_for_age",
        "who2006_triceps_skinfold_for_age",
        "who2006_subscapular_skinfold_for_age",
        "who2006_weight_for_length",
        "who2006_weight_for_height",
        "who2007_weight_for_age",
        "who2007_height_for_age",
        "who2007_bmi_for_age",
    ],
)
def test_lms_table_layout_matches_the_csv(name: str) -> None:
    table = lms_table(name)
    rows = read_csv(name)
    key_column = next(c for c in rows[0] if c not in ("sex", "L", "M", "S", "loh"))
    for sex in (1, 2):
        keys = [float(r[key_column]) for r in rows if r["sex"] == str(sex)]
        assert keys == sorted(set(keys))
    filled = np.count_nonzero(~np.isnan(table.M))
    assert filled == len(rows)
    assert np.isnan(table.M[table.sentinel])
    first = rows[0]
    key = round(float(first[key_column]) * (10 if "cm" in key_column else 1))
    assert table.row(1, key) == (
        float(first["L"]),
        float(first["M"]),
        float(first["S"]),
    )


def test_unknown_table_is_a_reference_data_error() -> None:
    with pytest.raises(ReferenceDataError, match="unknown LMS table"):
        lms_table("who1977_nchs")
