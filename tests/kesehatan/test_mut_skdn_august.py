"""An August (Bulan Vitamin A) report cell by cell, and the report's age bands (§5, §4.6).

Blue capsule 6-11 months (once), red 12-59 months, age on the 1st of the
month; S from the children seen up to the month's end, D/N/O/B from the
month's weighing, K from the latest ``has_kia``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.kesehatan._helpers import register, row

from posyandu_core.errors import RuleDataError
from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan.skdn import (
    AgeBand,
    SkdnCounts,
    age_bands,
    skdn_report,
)
from posyandu_core.register import Register

D = dt.date
GIRL = Sex.FEMALE


def _register() -> Register:
    return register(
        [
            # a: 6 months on 1 Aug, blue given in August; N; has a KIA book
            row(1, "a", D(2025, 7, 10), 7.0, birth=D(2025, 1, 10), has_kia=True),
            row(2, "a", D(2025, 8, 10), 7.4, birth=D(2025, 1, 10), vitamin_a=True),
            # b: 17 months, first weighing (B), red due, not given; no KIA book
            row(3, "b", D(2025, 8, 5), 9.0, birth=D(2024, 2, 15), sex=GIRL,
                has_kia=False),
            # c: 8 months on 31 Aug, not weighed in August: S, blue due
            row(4, "c", D(2025, 7, 12), 9.5, birth=D(2024, 12, 20), sex=GIRL),
            # d: 29 months, first weighing (B), red given
            row(5, "d", D(2025, 8, 20), 11.0, birth=D(2023, 3, 1), vitamin_a=True),
            # e: blue at 6 months in February; 12 months now: red due; O
            row(6, "e", D(2025, 2, 10), 6.0, birth=D(2024, 8, 1), vitamin_a=True),
            row(7, "e", D(2025, 8, 10), 8.0, birth=D(2024, 8, 1)),
            # f: 18 months, a red capsule on a row without a weight
            row(8, "f", D(2025, 8, 10), None, birth=D(2024, 2, 1), sex=GIRL,
                vitamin_a=True),
        ]
    )  # fmt: skip


def test_august_cell_by_cell() -> None:
    report = skdn_report(_register(), "2025-08")
    cells = [(c.band, str(c.sex), c.counts) for c in report.cells]
    assert cells == [
        ("0-5", "L", SkdnCounts()),
        ("0-5", "P", SkdnCounts()),
        ("6-11", "L", SkdnCounts(s=1, k=1, d=1, n=1, vita_s=1, vita_d=1)),
        ("6-11", "P", SkdnCounts(s=1, vita_s=1)),
        ("12-23", "L", SkdnCounts(s=1, d=1, o=1, vita_s=1)),
        ("12-23", "P", SkdnCounts(s=2, d=1, b=1, vita_s=2, vita_d=1)),
        ("24-59", "L", SkdnCounts(s=1, d=1, b=1, vita_s=1, vita_d=1)),
        ("24-59", "P", SkdnCounts()),
    ]


def test_august_vitamin_a_by_capsule_and_sex() -> None:
    report = skdn_report(_register(), "2025-08")
    blue = ("kapsul biru 100.000 IU (6-11 bulan, sekali)",
            "blue capsule 100,000 IU (6-11 months, once)")  # fmt: skip
    red = ("kapsul merah 200.000 IU (12-59 bulan, Februari dan Agustus)",
           "red capsule 200,000 IU (12-59 months, February and August)")  # fmt: skip
    assert [
        (v.capsule, v.label_id, v.label_en, v.sex, v.sasaran, v.diberi)
        for v in report.vitamin_a
    ] == [
        ("biru", *blue, Sex.MALE, 1, 1),  # a
        ("biru", *blue, GIRL, 1, 0),  # c
        ("merah", *red, Sex.MALE, 2, 1),  # e due, d given
        ("merah", *red, GIRL, 2, 1),  # b due, f given
    ]
    assert (report.total.vita_s, report.total.vita_d) == (6, 3)


def test_july_has_no_vitamin_a() -> None:
    report = skdn_report(_register(), "2025-07")
    assert report.vitamin_a == ()
    # a and c weighed, both new; e known since February
    assert report.total == SkdnCounts(s=3, k=1, d=2, b=2)


def test_packaged_age_bands() -> None:
    assert (
        age_bands()
        == age_bands("f1")
        == (
            AgeBand("0-5", 0, 6),
            AgeBand("6-11", 6, 12),
            AgeBand("12-23", 12, 24),
            AgeBand("24-59", 24, 61),
        )
    )
    assert age_bands("devices_b32") == (
        AgeBand("0-12", 0, 13),
        AgeBand("13-36", 13, 37),
        AgeBand("37-60", 37, 61),
    )


def test_an_unknown_age_band_set() -> None:
    with pytest.raises(RuleDataError) as info:
        age_bands("nope")
    error = info.value
    assert error.message == "unknown age-band set 'nope'"
    assert error.message_id == "kelompok umur 'nope' tidak dikenal"
    assert error.fix == "use one of: devices_b32, f1"
    assert error.fix_id == "pakai salah satu dari: devices_b32, f1"


def test_bands_with_one_label_share_a_cell() -> None:
    bands = (AgeBand("bayi", 0, 6), AgeBand("bayi", 6, 12), AgeBand("baduta", 12, 24))
    report = skdn_report(_register(), "2025-08", bands=bands)
    cells = [(c.band, str(c.sex), c.counts.s) for c in report.cells]
    # one cell per label and sex: a and c are counted once (d is 29 months)
    assert cells == [
        ("bayi", "L", 1), ("bayi", "P", 1),
        ("baduta", "L", 1), ("baduta", "P", 2),
    ]  # fmt: skip
    assert report.total.s == 5
    assert (
        report.total
        == skdn_report(_register(), "2025-08", bands=(AgeBand("0-23", 0, 24),)).total
    )
