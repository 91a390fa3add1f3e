"""``posyandu demo``'s kesehatan sections, rendered on small registers."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.kesehatan._helpers import register, row, weighings

from posyandu_core.model import Sex
from posyandu_core.register import Register, RegisterRow
from posyandu_core.registry import get_registry

D = dt.date


def _render(section: str, reg: Register) -> str:
    return get_registry().demo_sections[f"kesehatan.{section}"].render(reg)


@pytest.mark.parametrize("section", ["kms", "skdn", "imunisasi"])
def test_no_dated_rows(section: str) -> None:
    assert _render(section, register([])) == "no dated rows"
    undated = RegisterRow(row=1, person_id="a", name="Anak a", weight_kg=5.0)
    assert _render(section, register([undated])) == "no dated rows"


# -- KMS ------------------------------------------------------------------------------


def _kms_register(t_only: int) -> Register:
    """June 2025 is the latest month; ``t_only`` children have a plain T in it."""
    rows: list[RegisterRow] = []

    def child(person: str, birth: dt.date, series: list[tuple[dt.date, float]]) -> None:
        rows.extend(weighings(person, birth, series, start=len(rows) + 1))

    # a: tiny and no gain twice: 2T and below the red line (two referrals).
    child(
        "a",
        D(2025, 2, 10),
        [(D(2025, 4, 10), 3.5), (D(2025, 5, 10), 3.6), (D(2025, 6, 10), 3.65)],
    )
    child("b", D(2024, 6, 10), [(D(2025, 6, 11), 6.5)])  # new, below the red line
    # c: 750 g then 50 g: T twice (2T).
    child(
        "c",
        D(2025, 2, 10),
        [(D(2025, 4, 10), 5.0), (D(2025, 5, 10), 5.75), (D(2025, 6, 10), 5.8)],
    )
    child("n", D(2025, 3, 10), [(D(2025, 5, 10), 5.0), (D(2025, 6, 10), 6.0)])  # N
    child("o", D(2025, 3, 10), [(D(2025, 4, 10), 5.0), (D(2025, 6, 12), 6.4)])  # O
    child("p", D(2025, 3, 10), [(D(2025, 4, 10), 5.0)])  # not weighed in June
    for k in range(t_only):  # 750 g at 3 months: T (KBM 800 g), nothing else
        child(f"t{k}", D(2025, 3, 10), [(D(2025, 5, 10), 5.0), (D(2025, 6, 10), 5.75)])
    return register(rows)  # fmt: skip


_KMS_FLAGGED = [
    "  Anak a (4 bln) T 3.65 kg: tidak_naik, 2t, bgm, weight_faltering, bb_kurang"
    " → rujuk puskesmas/pustu",
    "  Anak b (12 bln) B 6.5 kg: bgm, bb_kurang → rujuk pustu",
    "  Anak c (4 bln) T 5.8 kg: tidak_naik, 2t, weight_faltering → rujuk puskesmas",
    *(f"  Anak t{k} (3 bln) T 5.75 kg: tidak_naik" for k in range(5)),
]


def test_kms_eight_children_to_follow_up_are_all_listed() -> None:
    assert _render("kms", _kms_register(5)).splitlines() == [
        "22 child-months weighed; 2025-06: N 1, T 7, O 1, B 1, 2T 2, BGM 2",
        *_KMS_FLAGGED,
    ]


@pytest.mark.parametrize(("t_only", "more"), [(6, 1), (7, 2)])
def test_kms_more_than_eight_children_to_follow_up(t_only: int, more: int) -> None:
    assert _render("kms", _kms_register(t_only)) == "\n".join(
        [
            f"{22 + 2 * (t_only - 5)} child-months weighed; 2025-06: "
            f"N 1, T {t_only + 2}, O 1, B 1, 2T 2, BGM 2",
            *_KMS_FLAGGED,
            f"  … {more} more children with follow-up",
        ]
    )


# -- immunization ---------------------------------------------------------------------


def _immunization_register() -> Register:
    latest = D(2025, 6, 10)
    return register(
        [
            # IDL is counted from 12 months, IBL from 24: k11 and k23 are a
            # day short of them on the latest visit day.
            row(1, "k11", latest, 8.0, birth=D(2024, 6, 11)),
            row(2, "k12", latest, 8.5, birth=D(2024, 6, 10),
                immunizations=("HB0@2024-06-10", "BCG@2024-06-20", "OPV1@2024-06-20")),
            row(3, "k23", latest, 11.0, birth=D(2023, 6, 11), sex=Sex.FEMALE),
            row(4, "k24", latest, 11.5, birth=D(2023, 6, 10), sex=Sex.FEMALE),
            # e: DPT-HB-Hib1 at one month (too early) and an unknown code.
            row(5, "e", D(2025, 4, 1), 4.0, birth=D(2025, 3, 1),
                immunizations=("HB0@2025-03-01", "DPT-HB-Hib1")),
            row(6, "e", D(2025, 5, 20), 5.0, birth=D(2025, 3, 1), immunizations=("xyz",)),
        ]
    )  # fmt: skip


def test_immunization_section() -> None:
    assert _render("imunisasi", _immunization_register()).splitlines() == [
        "5 children 0-60 months on 2025-06-10; "
        "IDL (12+ months): {'tidak_lengkap': 3}; IBL (24+ months): {'tidak_lengkap': 1}",
        "open day 2025-06-10: 0 doses due, 30 overdue (sweeping list)",
        "dose issues: imunisasi.too_early 1, imunisasi.unknown_code 1",
        # The first eight of the sweeping list: by due date, then name.
        "  Anak k24 (24 bln, ortu Ibu k24): OPV1 since 2023-06-10",
        "  Anak k23 (23 bln, ortu Ibu k23): OPV1 since 2023-06-11",
        "  Anak k24 (24 bln, ortu Ibu k24): DPT-HB-Hib1 since 2023-08-10",
        "  Anak k24 (24 bln, ortu Ibu k24): PCV1 since 2023-08-10",
        "  Anak k24 (24 bln, ortu Ibu k24): RV1 since 2023-08-10",
        "  Anak k23 (23 bln, ortu Ibu k23): DPT-HB-Hib1 since 2023-08-11",
        "  Anak k23 (23 bln, ortu Ibu k23): PCV1 since 2023-08-11",
        "  Anak k23 (23 bln, ortu Ibu k23): RV1 since 2023-08-11",
    ]
