"""The category ids the kesehatan plugin tests for exist in the growth engine's tables."""

from __future__ import annotations

from posyandu_core.growth import category_table
from posyandu_core.plugins.kesehatan import categories as cat


def test_every_id_is_a_growth_engine_category() -> None:
    tables = {
        "bb_pb_tb": {cat.GIZI_BURUK, cat.GIZI_KURANG, cat.BERISIKO_GIZI_LEBIH,
                     cat.GIZI_LEBIH, cat.OBESITAS},
        "bb_u": {*cat.UNDERWEIGHT, cat.RISIKO_BB_LEBIH},
        "pb_tb_u": set(cat.STUNTED),
        "lk_u": set(cat.HEAD_ABNORMAL),
    }  # fmt: skip
    for table_id, ids in tables.items():
        known = {c.id for c in category_table(table_id).categories}
        assert ids <= known, (table_id, ids - known)
