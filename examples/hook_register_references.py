"""register_references: a growth reference ``posyandu zscores --reference ID`` uses.

This one is WHO 2006 weight-for-age read from a kader's own columns (``jk``,
``umur_bulan``, ``bb``): it calls the core's growth engine with age in months.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from posyandu_core.cli import main
from posyandu_core.growth import anthro_zscores
from posyandu_core.hookspecs import GrowthReference, Registrar, hookimpl
from posyandu_core.testing import installed


def wfa_from_kader_columns(
    columns: Mapping[str, Sequence[str]], options: Mapping[str, Any]
) -> Mapping[str, Any]:
    """Weight-for-age z from ``jk`` (L/P), ``umur_bulan`` and ``bb`` (kg)."""
    table = anthro_zscores(
        sex=[{"L": 1, "P": 2}.get(s.strip().upper()) for s in columns["jk"]],
        age=[float(a) if a.strip() else None for a in columns["umur_bulan"]],
        is_age_in_month=True,
        weight=[float(w) if w.strip() else None for w in columns["bb"]],
        rounded=options["rounded"],
    )
    return {"zbbu": table["zwei"], "flag_bbu": table["fwei"]}


class KaderColumnsPlugin:
    @hookimpl
    def register_references(self, register: Registrar[GrowthReference]) -> None:
        register(
            GrowthReference(
                id="who2006-bbu-kader",
                name="WHO 2006 BB/U from a kader's columns (jk, umur_bulan, bb)",
                indicators=("wfa",),
                age_range="0-60 months",
                source="WHO Child Growth Standards 2006, through posyandu_core.growth",
                zscores=wfa_from_kader_columns,
                outputs=("zbbu", "flag_bbu"),
            )
        )


def zscores(folder: str, text: str, *options: str) -> list[dict[str, str]]:
    source, target = Path(folder, "in.csv"), Path(folder, "out.csv")
    source.write_text(text)
    assert main(["zscores", str(source), "-o", str(target), *options]) == 0
    with target.open() as rows:
        return list(csv.DictReader(rows))


with tempfile.TemporaryDirectory() as folder, installed(KaderColumnsPlugin()):
    mine = zscores(
        folder,
        "nama,jk,umur_bulan,bb\nAndi,L,12,9.6\nBunga,P,24,9.0\n",
        "--reference", "who2006-bbu-kader",
    )  # fmt: skip
    # The same children in WHO's own column names, through the core's reference:
    who = zscores(
        folder, "sex,age,weight\n1,12,9.6\n2,24,9.0\n", "--age-unit", "months"
    )
for row, reference in zip(mine, who, strict=True):
    print(f"{row['nama']}: BB/U z = {row['zbbu']} (flag {row['flag_bbu']})")
    assert (row["zbbu"], row["flag_bbu"]) == (reference["zwei"], reference["fwei"])
