"""Every error the growth engine raises, word for word, in both languages.

A researcher or a kader reads these texts; they are part of the engine's
behaviour. Each case below triggers one error path and its full text (both
orders, field, value) is compared with ``tests/golden/growth_errors.txt``.
After a deliberate change of wording, rewrite the file with
``POSYANDU_UPDATE_GOLDEN=1 pytest tests/growth/test_error_texts.py`` and
review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from posyandu_core.errors import PosyanduError
from posyandu_core.growth import (
    anthro_zscores,
    anthroplus_zscores,
    assess,
    category_table,
    classify,
    lms_parameters,
)

GOLDEN = Path(__file__).parent.parent / "golden" / "growth_errors.txt"

CASES: dict[str, Callable[[], Any]] = {
    "2-d argument": lambda: anthro_zscores(sex=[[1, 2]], age=[1, 2]),
    "2-d argument, 5-19 years": lambda: anthroplus_zscores(
        sex=[1], age_in_months=[[70.0, 80.0]]
    ),
    "numbers of a wrong dtype": lambda: anthro_zscores(sex=[1], age=np.array([1 + 2j])),
    "codes of a wrong dtype": lambda: anthro_zscores(sex=np.array([1 + 2j]), age=[100]),
    "lengths differ": lambda: anthroplus_zscores(
        sex=[1, 2, 1], age_in_months=[70.0, 80.0]
    ),
    "indexes differ": lambda: anthroplus_zscores(
        sex=pd.Series([1, 2], index=[5, 6]),
        age_in_months=pd.Series([70.0, 80.0], index=[6, 5]),
    ),
    "measured before birth": lambda: assess(
        sex="P", birth_date=dt.date(2025, 3, 2), measured_on=dt.date(2025, 3, 1)
    ),
    "age flag not a bool": lambda: anthro_zscores(
        sex=[1],
        age=[3],
        is_age_in_month="ya",  # type: ignore[arg-type]
    ),
    "unknown classification table": lambda: category_table("bb_x"),
    "unknown category": lambda: category_table("bb_u").category("gemuk_sekali"),
    "unknown convention": lambda: classify("bb_u", [0.0], convention="who"),  # type: ignore[arg-type]
    "unreadable value to classify": lambda: classify(
        "bb_u", np.array([0.0, "dua"], dtype=object)
    ),
    "unknown indicator": lambda: lms_parameters("bbx", sex=1, at=1),  # type: ignore[arg-type]
    "unknown column": lambda: anthro_zscores(sex=[1], age=[3])["zbb"],
}


def _text(case: str) -> str:
    with pytest.raises(Exception) as caught:
        CASES[case]()
    error = caught.value
    lines = [f"## {case}", f"type: {type(error).__name__}"]
    if isinstance(error, PosyanduError):
        lines += [
            f"id: {error.describe('id')}",
            f"en: {error.describe('en')}",
            f"field: {error.field!r} value: {error.value!r}",
        ]
    else:
        lines.append(f"text: {error}")
    return "\n".join(lines)


def test_every_error_text_is_as_recorded() -> None:
    texts = "\n\n".join(_text(case) for case in CASES) + "\n"
    if os.environ.get("POSYANDU_UPDATE_GOLDEN"):
        GOLDEN.write_text(texts, encoding="utf-8")
    assert texts == GOLDEN.read_text(encoding="utf-8")
