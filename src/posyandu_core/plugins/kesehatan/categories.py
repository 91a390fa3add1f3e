"""Names this plugin uses for the growth engine's Permenkes 2/2020 categories.

The growth engine classifies; :mod:`._anthro` translates its result into
these stable keys (with the Kemkes clinical-term code alongside), so the
follow-up rules and reports read one vocabulary.
"""

from __future__ import annotations

__all__ = [
    "BERISIKO_GIZI_LEBIH",
    "GIZI_BURUK",
    "GIZI_KURANG",
    "GIZI_LEBIH",
    "HEAD_ABNORMAL",
    "KEMKES_CODES",
    "OBESITAS",
    "RISIKO_BB_LEBIH",
    "STUNTED",
    "UNDERWEIGHT",
]

# BB/PB-BB/TB (wasting / overweight)
GIZI_BURUK = "gizi_buruk"
GIZI_KURANG = "gizi_kurang"
GIZI_BAIK = "gizi_baik"
BERISIKO_GIZI_LEBIH = "berisiko_gizi_lebih"
GIZI_LEBIH = "gizi_lebih"
OBESITAS = "obesitas"
# BB/U (underweight)
BB_SANGAT_KURANG = "bb_sangat_kurang"
BB_KURANG = "bb_kurang"
BB_NORMAL = "bb_normal"
RISIKO_BB_LEBIH = "risiko_bb_lebih"
# PB/U-TB/U (stunting)
SANGAT_PENDEK = "sangat_pendek"
PENDEK = "pendek"
TB_NORMAL = "tb_normal"
TINGGI = "tinggi"
# LK/U (head circumference)
MIKROSEFALI = "mikrosefali"
NORMOSEFALI = "normosefali"
MAKROSEFALI = "makrosefali"

STUNTED = frozenset({SANGAT_PENDEK, PENDEK})
WASTED = frozenset({GIZI_BURUK, GIZI_KURANG})
UNDERWEIGHT = frozenset({BB_SANGAT_KURANG, BB_KURANG})
HEAD_ABNORMAL = frozenset({MIKROSEFALI, MAKROSEFALI})

#: Kemkes clinical-term codes (DOMAIN.md §3.2, §13.5).
KEMKES_CODES = {
    GIZI_BURUK: "OI000001",
    GIZI_KURANG: "OI000002",
    GIZI_BAIK: "OI000003",
    BERISIKO_GIZI_LEBIH: "OI000004",
    GIZI_LEBIH: "OI000005",
    OBESITAS: "OI000006",
    BB_SANGAT_KURANG: "OI000007",
    BB_KURANG: "OI000008",
    BB_NORMAL: "OI000009",
    RISIKO_BB_LEBIH: "OI000010",
    SANGAT_PENDEK: "OI000011",
    PENDEK: "OI000012",
    TB_NORMAL: "OI000013",
    TINGGI: "OI000014",
    NORMOSEFALI: "OI000015",
}
