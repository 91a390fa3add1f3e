"""The KMS report's rows and notes (``api.report("kms", ...)``), read from ``to_rows()``."""

from __future__ import annotations

import datetime as dt

from tests.kesehatan._helpers import register, row, weighings

from posyandu_core import api
from posyandu_core.model import Issue, Severity, Sex
from posyandu_core.plugins.kesehatan.growth_monitoring import monitor_register
from posyandu_core.plugins.kesehatan.reports import issue_notes
from posyandu_core.register import Register

D = dt.date
_DUPLICATE = (
    "peringatan [pertumbuhan.duplicate_weighing] baris/row 5: ditimbang beberapa kali "
    "pada 2025-06-03 dengan berat berbeda; dipakai 7.0 kg / weighed several times on "
    "2025-06-03 with different weights; 7.0 kg is used"
)


def _register() -> Register:
    return register(
        [
            # a: tiny and gaining too little: below the red line from the
            # start, then T, then 2T (two referrals).
            *weighings("a", D(2025, 2, 10),
                       [(D(2025, 4, 10), 3.5), (D(2025, 5, 10), 3.6), (D(2025, 6, 10), 3.65)]),
            # d: weighed twice on one day with different weights.
            row(4, "d", D(2025, 6, 3), 7.0, birth=D(2024, 10, 1)),
            row(5, "d", D(2025, 6, 3), 7.4, birth=D(2024, 10, 1)),
            row(6, "m", D(2025, 6, 3), 9.0, birth=D(2024, 6, 1), sex=Sex.FEMALE,
                posyandu="Melati"),
        ]
    )  # fmt: skip


def _summary(rows: list[dict[str, object]]) -> list[tuple[object, ...]]:
    keys = (
        "person_id",
        "posyandu",
        "month",
        "status",
        "2T",
        "bgm",
        "findings",
        "referral",
    )
    return [tuple(str(r[k]) for k in keys) for r in rows]


def test_kms_rows_findings_and_referrals() -> None:
    table = api.report("kms", _register())
    assert _summary(table.to_rows()) == [
        ("a", "Mawar", "2025-04", "B", "", "y", "bgm;bb_kurang", "pustu"),
        ("a", "Mawar", "2025-05", "T", "", "y",
         "tidak_naik;bgm;weight_faltering;bb_kurang", "pustu"),
        ("a", "Mawar", "2025-06", "T", "y", "y",
         "tidak_naik;2t;bgm;weight_faltering;bb_kurang", "puskesmas;pustu"),
        ("d", "Mawar", "2025-06", "B", "", "n", "", ""),
        ("m", "Melati", "2025-06", "B", "", "n", "", ""),
    ]  # fmt: skip
    # The first of the day's weighings is used, and the duplicate is named.
    assert table.to_rows()[3]["weight_kg"] == 7.0
    assert table.notes == ("KBM: buku_kia_2023", _DUPLICATE)
    assert (table.title_id, table.title_en) == (
        "KMS: pemantauan pertumbuhan",
        "KMS: growth monitoring",
    )
    # data: every child-month's status, as monitor_register gives them.
    assert list(table.data) == monitor_register(_register())[0]


def test_kms_z_scores_with_two_decimals() -> None:
    # As the KMS prints them; numbers, so that they can be summed.
    rows = api.report("kms", _register()).to_rows()
    assert [r["waz"] for r in rows] == [-3.45, -4.36, -5.04, -1.9, 0.04]
    assert [(r["haz"], r["whz"]) for r in rows] == [(None, None)] * 5  # no length


def test_kms_rows_of_one_posyandu() -> None:
    table = api.report("kms", _register(), posyandu=" melati ", kbm="spreadsheet_600")
    assert _summary(table.to_rows()) == [
        ("m", "Melati", "2025-06", "B", "", "n", "", ""),
    ]
    assert table.notes == ("KBM: spreadsheet_600",)  # Mawar's duplicate is not here
    mawar = api.report("kms", _register(), posyandu="Mawar")
    assert mawar.notes == ("KBM: buku_kia_2023", _DUPLICATE)


def test_issue_notes_with_and_without_a_row() -> None:
    issues = [
        Issue(severity=Severity.ERROR, code="x.satu", message_id="satu",
              message_en="one", row=7),
        Issue(severity=Severity.INFO, code="x.dua", message_id="dua", message_en="two"),
        Issue(severity=Severity.WARNING, code="x.tiga", message_id="tiga",
              message_en="three", row=7, sheet_row=8),
    ]  # fmt: skip
    assert issue_notes(issues) == (
        "kesalahan [x.satu] baris/row 7: satu / one",
        "info [x.dua]: dua / two",
        "peringatan [x.tiga] baris/row 8: tiga / three",  # as the spreadsheet shows it
    )
    assert issue_notes([]) == ()
