"""The plain-text SKDN rendering (``posyandu report skdn`` and the demo)."""

from __future__ import annotations

import datetime as dt

from tests.kesehatan._helpers import register, row, weighings

from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.plugins.kesehatan.skdn import (
    ListedChild,
    SkdnCell,
    SkdnCounts,
    SkdnReport,
    skdn_report,
)
from posyandu_core.plugins.kesehatan.text import render_skdn

D = dt.date


def test_february_report_with_vitamin_a_and_the_lists() -> None:
    rows = [
        # a: 750 g then 50 g: no gain twice (2T) at 4 months.
        *weighings("a", D(2024, 10, 10),
                   [(D(2024, 12, 10), 5.0), (D(2025, 1, 10), 5.75), (D(2025, 2, 10), 5.8)]),
        # b: 12 months on the weighing day, 6.5 kg for 70 cm: severely wasted,
        # stunted, below the red line. Vitamin A goes by the age on the 1st
        # of the month (11 months: the blue capsule).
        row(4, "b", D(2025, 2, 11), 6.5, birth=D(2024, 2, 10), length_cm=70.0),
        row(5, "v", D(2025, 2, 12), 8.0, birth=D(2024, 6, 10), sex=Sex.FEMALE,
            vitamin_a=True),
        row(6, "m", D(2025, 2, 12), 9.0, birth=D(2024, 1, 10), sex=Sex.FEMALE,
            posyandu="Melati"),
    ]  # fmt: skip
    report = skdn_report(register(rows), "2025-02", posyandu="Mawar")
    assert render_skdn(report) == "\n".join(
        [
            "SKDN 2025-02 — Mawar",
            "umur (bln) JK     S    K    D    N    T    O    B  BGM   2T",
            "0-5        L      1    0    1    0    1    0    0    0    1",
            "0-5        P      0    0    0    0    0    0    0    0    0",
            "6-11       L      0    0    0    0    0    0    0    0    0",
            "6-11       P      1    0    1    0    0    0    1    0    0",
            "12-23      L      1    0    1    0    0    0    1    1    0",
            "12-23      P      0    0    0    0    0    0    0    0    0",
            "24-59      L      0    0    0    0    0    0    0    0    0",
            "24-59      P      0    0    0    0    0    0    0    0    0",
            "jumlah            3    0    3    0    1    0    2    1    1",
            "K/S 0.0 %  D/S 100.0 %  D/K -  N/D 0.0 %  N/S 0.0 %  BGM/D 33.3 %  "
            "2T/D 33.3 %  T/D 33.3 %  N/(D-O-B) 0.0 %  VITA_D/VITA_S 50.0 %",
            "Vitamin A kapsul biru 100.000 IU (6-11 bulan, sekali) L: 0/1 (0.0 %)",
            "Vitamin A kapsul biru 100.000 IU (6-11 bulan, sekali) P: 1/1 (100.0 %)",
            "Vitamin A kapsul merah 200.000 IU (12-59 bulan, Februari dan Agustus) L: "
            "0/0 (-)",
            "Vitamin A kapsul merah 200.000 IU (12-59 bulan, Februari dan Agustus) P: "
            "0/0 (-)",
            # gizi_kurang is empty: no heading.
            "Daftar gizi buruk / severely wasted:",
            "  Anak b (L, 12 bln), ortu Ibu b: 6.5 kg, 70.0 cm — Gizi buruk (z -3.28)",
            "Daftar stunting (pendek, sangat pendek) / stunted:",
            "  Anak b (L, 12 bln), ortu Ibu b: 6.5 kg, 70.0 cm — Pendek (z -2.45)",
            "Daftar 2T (dua kali tidak naik) / no gain twice:",
            "  Anak a (L, 4 bln), ortu Ibu a: 5.8 kg — 2T",
            "Daftar BGM (bawah garis merah) / below the red line:",
            "  Anak b (L, 12 bln), ortu Ibu b: 6.5 kg, 70.0 cm — "
            "Berat badan sangat kurang (z -3.54)",
        ]
    )


def _child(person: str, **values: object) -> ListedChild:
    fields: dict[str, object] = {
        "person_id": person, "name": f"Anak {person}", "sex": Sex.FEMALE,
        "birth_date": D(2024, 3, 1), "age_months": 12, "parent_name": f"Ibu {person}",
        "weighed_on": D(2025, 3, 5), "weight_kg": 7.25, "length_cm": None,
        "category": "gizi_kurang", "z": None,
    }  # fmt: skip
    return ListedChild(**{**fields, **values})  # type: ignore[arg-type]


def test_report_of_every_posyandu_with_a_list_of_its_own() -> None:
    # A report built by hand (a plugin's, say): no Posyandu, a list the
    # rendering has no title for, categories it has no label for.
    report = SkdnReport(
        month=Month(2025, 3),
        posyandu=None,
        cells=(
            SkdnCell(band="0-5", sex=Sex.FEMALE, counts=SkdnCounts(s=3, k=2, d=2, n=1, b=1)),
        ),
        lists={
            "gizi_kurang": (_child("x", length_cm=71.5, z=-2.5),),
            "pantau": (_child("y", category="perlu_dipantau"),),
        },
    )  # fmt: skip
    assert render_skdn(report).splitlines() == [
        "SKDN 2025-03",
        "umur (bln) JK     S    K    D    N    T    O    B  BGM   2T",
        "0-5        P      3    2    2    1    0    0    1    0    0",
        "jumlah            3    2    2    1    0    0    1    0    0",
        "K/S 66.7 %  D/S 66.7 %  D/K 100.0 %  N/D 50.0 %  N/S 33.3 %  BGM/D 0.0 %  "
        "2T/D 0.0 %  T/D 0.0 %  N/(D-O-B) 100.0 %  VITA_D/VITA_S -",
        "Daftar gizi kurang / wasted:",
        "  Anak x (P, 12 bln), ortu Ibu x: 7.25 kg, 71.5 cm — Gizi kurang (z -2.50)",
        "Daftar pantau:",
        "  Anak y (P, 12 bln), ortu Ibu y: 7.25 kg — perlu_dipantau",
    ]
