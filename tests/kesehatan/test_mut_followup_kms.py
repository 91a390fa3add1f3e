"""One follow-up finding of a status, and the Posyandu a KMS row is printed under.

``followup.finding`` names the status's child and weighing date; a KMS row
(table and status alike) is under its own row's Posyandu, else the one of
the row describing the child.
"""

from __future__ import annotations

import datetime as dt

from tests.kesehatan._helpers import register, row

from posyandu_core.model import ReferralTarget, Severity
from posyandu_core.plugins.kesehatan import followup
from posyandu_core.plugins.kesehatan.growth_monitoring import monitor_columns
from posyandu_core.register import Register

D = dt.date
BIRTH = D(2024, 1, 10)


def _register() -> Register:
    return register(
        [
            row(1, "a", D(2025, 3, 10), 8.0, birth=BIRTH, posyandu="Mawar"),
            row(2, "a", D(2025, 4, 10), 8.5, birth=BIRTH, posyandu=""),
            row(3, "a", D(2025, 5, 12), 8.9, birth=BIRTH, posyandu="Melati"),
        ]
    )


def test_one_finding_names_the_child_and_the_weighing_date() -> None:
    columns, _ = monitor_columns(_register())
    status = columns.statuses()[2]
    found = followup.finding("pertumbuhan.bgm", status, waz=-2.1)
    assert (found.person_id, found.date) == ("a", D(2025, 5, 12))
    assert (found.code, found.severity, found.referral) == (
        "pertumbuhan.bgm",
        Severity.ERROR,
        ReferralTarget.PUSTU,
    )
    assert dict(found.details) == {"waz": -2.1}
    assert found.rule == "kesehatan.tindak_lanjut@2023-01-01"
    again = followup.finding("pertumbuhan.tidak_naik", status, gain_g=0, kbm_g=200)
    assert again.reevaluate_on == D(2025, 5, 26)  # 14 days after the weighing


def test_a_kms_row_is_under_its_own_posyandu_else_the_childs() -> None:
    columns, _ = monitor_columns(_register())
    # April's row names no Posyandu: the child's (latest describing row) is Melati
    assert columns.table()["posyandu"] == ["Mawar", "Melati", "Melati"]
    assert [s.posyandu for s in columns.statuses()] == ["Mawar", "Melati", "Melati"]


def test_the_kms_table_prints_the_who_row_only_where_assessed() -> None:
    birth = D(2024, 1, 10)
    columns, _ = monitor_columns(
        register(
            [
                row(1, "a", D(2024, 3, 11), 5.600, birth=birth),  # 61 days
                row(2, "a", D(2024, 4, 10), 6.045, birth=birth),  # +445 g in 30 days
                row(3, "a", D(2024, 6, 10), 6.900, birth=birth),  # two months later
            ]
        )
    )
    table = columns.table()
    assert table["weight_faltering"] == [None, True, None]
    assert table["faltering_threshold_g"] == [None, 446, None]
    assert table["faltering_who_row"] == [None, "2 – 3 mo", None]
    assert [s.faltering_who_row for s in columns.statuses()] == [
        None,
        "2 – 3 mo",
        None,
    ]
