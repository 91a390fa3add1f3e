"""ANC contacts K1-K6 on the register: services, monthly report, sample (DOMAIN.md §7.1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.screening._helpers import row

from posyandu_core.plugins.kesehatan.screening import services
from posyandu_core.plugins.kesehatan.screening.reports import lifecycle_monthly_report
from posyandu_core.register import Register, RegisterRow

D = dt.date
BIRTH = D(1995, 1, 1)
HPHT = D(2026, 1, 1)


def contact(
    n: int, on: dt.date, provider: str = "bidan", usg: bool = False, **cells: Any
) -> RegisterRow:
    return row(n, "B", on, BIRTH, status=("hamil",), hpht=HPHT, anc_provider=provider,
               anc_usg=usg, **cells)  # fmt: skip


def weeks(n: float) -> dt.date:
    return HPHT + dt.timedelta(days=round(n * 7))


COMPLETE = (
    contact(1, weeks(8), "dokter", True), contact(2, weeks(16)), contact(3, weeks(22)),
    contact(4, weeks(28)), contact(5, weeks(33), "dokter", True), contact(6, weeks(37)),
)  # fmt: skip


def codes(register: Register, on: dt.date) -> list[str]:
    return [f.code for f in services.pregnancy_findings(register, on)]


def test_contacts_are_numbered_by_gestational_age() -> None:
    contacts = services.anc_contacts(list(reversed(COMPLETE))[::-1])
    assert [round(c.gestational_age_weeks) for _, c in contacts] == [
        8,
        16,
        22,
        28,
        33,
        37,
    ]
    assert [c.by_doctor and c.usg for _, c in contacts] == [
        True,
        False,
        False,
        False,
        True,
        False,
    ]


def test_complete_contacts_give_no_reminder() -> None:
    register = Register(rows=COMPLETE)
    assert codes(register, weeks(37)) == ["maternal.trimester.trimester_3"]


def test_late_first_contact_and_shortfall_are_findings() -> None:
    register = Register(rows=(contact(1, weeks(14)), contact(2, weeks(20))))
    found = services.pregnancy_findings(register, weeks(26))
    assert [f.code for f in found] == [
        "maternal.trimester.trimester_3",
        "maternal.anc_first_contact.k1_akses",
        "maternal.anc_summary.kurang",
    ]
    assert found[1].date == weeks(14)
    assert found[2].referral == "puskesmas"


def test_before_any_contact_a_register_with_anc_columns_says_k1_is_missing() -> None:
    register = Register(rows=(
        row(1, "B", weeks(14), BIRTH, status=("hamil",), hpht=HPHT, anc_provider="bidan"),
        row(2, "C", weeks(14), BIRTH, status=("hamil",), hpht=HPHT),
    ))  # fmt: skip
    found = [
        f
        for f in services.pregnancy_findings(register, weeks(14))
        if f.person_id == "C"
    ]
    assert [f.code for f in found] == [
        "maternal.trimester.trimester_2",
        "maternal.anc_summary.kurang",
    ]


def test_register_without_anc_columns_gets_no_anc_finding() -> None:
    register = Register(
        rows=(row(1, "B", weeks(20), BIRTH, status=("hamil",), hpht=HPHT),)
    )
    assert codes(register, weeks(20)) == ["maternal.trimester.trimester_2"]


def test_written_number_that_disagrees_is_named() -> None:
    register = Register(rows=(contact(7, weeks(10), "dokter", True, anc_contact="K3"),))
    found = services.pregnancy_findings(register, weeks(10))
    [mismatch] = [f for f in found if f.code.endswith("number_mismatch")]
    assert mismatch.details == {"row": 7, "written": "K3", "counted": 1}
    assert "Baris 7" in mismatch.label_id
    assert "Row 7" in mismatch.label_en


def test_unknown_provider_is_a_warning_naming_the_row_not_a_count() -> None:
    register = Register(rows=(contact(4, weeks(10), "perawat"),))
    found = services.pregnancy_findings(register, weeks(10))
    assert [f.code for f in found][-1] == "maternal.anc_summary.invalid"
    assert found[-1].details == {"row": 4, "field": "anc_provider", "value": "perawat"}
    report = lifecycle_monthly_report(register, weeks(10).strftime("%Y-%m"))
    assert report.count("bumil_anc_tidak_terbaca") == 1
    assert report.count("bumil_k1_akses") == 0


def test_contact_without_gestational_age_is_named() -> None:
    pregnancy = [row(3, "B", weeks(10), BIRTH, status=("hamil",), anc_provider="bidan")]
    with pytest.raises(services.AncDataError) as bad:
        services.anc_contacts(pregnancy)
    assert (bad.value.row.row, bad.value.field) == (3, "gestational_age_weeks")


def month_of(n: int) -> str:
    return str(COMPLETE[n - 1].visit_date)[:7]


def test_report_counts_k1_k4_k6_in_their_months() -> None:
    register = Register(rows=COMPLETE)
    k1 = lifecycle_monthly_report(register, month_of(1))
    assert (k1.count("bumil_k1_akses"), k1.count("bumil_k1_murni")) == (1, 1)
    k4 = lifecycle_monthly_report(register, month_of(4))
    assert (k4.count("bumil_k4"), k4.count("bumil_k4_sesuai_jadwal")) == (1, 1)
    k6 = lifecycle_monthly_report(register, month_of(6))
    assert (k6.count("bumil_k6"), k6.count("bumil_k6_sesuai_standar")) == (1, 1)
    assert k6.count("bumil_k1_akses") == 0


def test_report_k6_without_doctor_at_k5_is_not_to_standard() -> None:
    rows = (*COMPLETE[:4], contact(5, weeks(33)), COMPLETE[5])
    k6 = lifecycle_monthly_report(Register(rows=rows), month_of(6))
    assert (k6.count("bumil_k6"), k6.count("bumil_k6_sesuai_standar")) == (1, 0)


def test_report_k4_after_an_empty_first_trimester_is_late() -> None:
    rows = (
        contact(1, weeks(14)),
        contact(2, weeks(18)),
        contact(3, weeks(22)),
        contact(4, weeks(27)),
    )
    k4 = lifecycle_monthly_report(Register(rows=rows), str(rows[3].visit_date)[:7])
    assert (k4.count("bumil_k4"), k4.count("bumil_k4_sesuai_jadwal")) == (1, 0)
    k1 = lifecycle_monthly_report(Register(rows=rows), str(rows[0].visit_date)[:7])
    assert (k1.count("bumil_k1_akses"), k1.count("bumil_k1_murni")) == (1, 0)


def test_a_delivery_starts_a_new_pregnancy() -> None:
    rows = [
        row(1, "B", D(2025, 1, 10), BIRTH, status=("hamil",)),
        row(
            2,
            "B",
            D(2025, 3, 1),
            BIRTH,
            status=("nifas",),
            delivery_date=D(2025, 2, 20),
        ),
        row(3, "B", D(2025, 9, 10), BIRTH, status=("hamil",)),
    ]
    assert [r.row for r in services.pregnancy_rows(rows, D(2025, 12, 1))] == [3]
    assert [r.row for r in services.pregnancy_rows(rows, D(2025, 2, 1))] == [1]


@given(
    st.lists(st.integers(4, 40), min_size=1, max_size=8, unique=True),
    st.lists(st.booleans(), min_size=8, max_size=8),
)
def test_each_k_is_counted_once_over_the_months(
    weeks_list: list[int], doctor: list[bool]
) -> None:
    rows = tuple(
        contact(n, weeks(w), "dokter" if d else "bidan", d)
        for n, (w, d) in enumerate(zip(weeks_list, doctor, strict=False), start=1)
    )
    register = Register(rows=rows)
    months = sorted({str(r.visit_date)[:7] for r in rows})
    reports = [lifecycle_monthly_report(register, m) for m in months]

    def total(indicator: str) -> int:
        return sum(r.count(indicator) for r in reports)

    n = len(rows)
    assert total("bumil_k1_akses") == 1
    assert total("bumil_k1_murni") == int(min(weeks_list) <= 12)
    assert total("bumil_k4") == int(n >= 4)
    assert total("bumil_k6") == int(n >= 6)
    assert total("bumil_k4_sesuai_jadwal") <= total("bumil_k4")
    assert total("bumil_k6_sesuai_standar") <= total("bumil_k6")
