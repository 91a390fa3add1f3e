"""The growth engine's Permenkes 2/2020 category ids this plugin decides on.

The ids, labels and Kemkes codes are data of the growth engine
(``data/rules/anthropometry.toml``, see :func:`posyandu_core.growth.category_table`);
this module only names the ones the follow-up rules and reports test for.
"""

from __future__ import annotations

__all__ = [
    "BERISIKO_GIZI_LEBIH",
    "GIZI_BURUK",
    "GIZI_KURANG",
    "GIZI_LEBIH",
    "HEAD_ABNORMAL",
    "OBESITAS",
    "RISIKO_BB_LEBIH",
    "STUNTED",
    "UNDERWEIGHT",
    "WASTED",
]

# BB/PB-BB/TB (table "bb_pb_tb": wasting / overweight)
GIZI_BURUK = "gizi_buruk"
GIZI_KURANG = "gizi_kurang"
BERISIKO_GIZI_LEBIH = "berisiko_gizi_lebih"
GIZI_LEBIH = "gizi_lebih"
OBESITAS = "obesitas"
WASTED = frozenset({GIZI_BURUK, GIZI_KURANG})
# BB/U (table "bb_u": underweight)
UNDERWEIGHT = frozenset({"berat_badan_sangat_kurang", "berat_badan_kurang"})
RISIKO_BB_LEBIH = "risiko_berat_badan_lebih"
# PB/U-TB/U (table "pb_tb_u": stunting)
STUNTED = frozenset({"sangat_pendek", "pendek"})
# LK/U (table "lk_u")
HEAD_ABNORMAL = frozenset({"mikrosefali", "makrosefali"})
