from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.errors import InvalidMeasurementError
from posyandu_core.model import (
    Bidang,
    CalibrationStatus,
    Case,
    CaseStatus,
    Equipment,
    Finding,
    FrozenMapping,
    Kader,
    KaderStratum,
    Measurement,
    MeasurementKind,
    MeasureMethod,
    Person,
    Posyandu,
    PosyanduStratum,
    PosyanduYear,
    Referral,
    Sex,
    Visit,
    add_months,
    builtin_taxonomies,
    completed_months,
    is_valid_registration_number,
    kader_stratum,
    life_stages,
    nik_mismatches,
)
from posyandu_core.testing import strategies


@pytest.mark.parametrize(
    ("born", "on", "months"),
    [  # DOMAIN.md §15 #34-37
        ("2015-08-27", "2017-07-20", 22),
        ("2015-06-07", "2017-07-30", 25),
        ("2015-06-14", "2017-07-05", 24),
        ("2026-01-20", "2026-06-13", 4),
    ],
)
def test_completed_months_vectors(born: str, on: str, months: int) -> None:
    assert (
        completed_months(dt.date.fromisoformat(born), dt.date.fromisoformat(on))
        == months
    )


@given(
    st.dates(max_value=dt.date(2200, 1, 1)), st.integers(min_value=0, max_value=2400)
)
def test_add_months_then_completed_months(start: dt.date, n: int) -> None:
    later = add_months(start, n)
    if later.day == start.day:
        assert completed_months(start, later) == n


@pytest.mark.parametrize(
    ("days_old", "status", "sex", "expected"),
    [
        (10, (), Sex.MALE, {"BBL", "BAYI", "BADUTA"}),
        (400, (), Sex.FEMALE, {"BADUTA", "BALITA"}),
        (365 * 5 + 30, (), Sex.MALE, {"APRAS"}),
        (365 * 11, (), Sex.FEMALE, {"USEK", "REMAJA"}),
        (365 * 25, ("hamil",), Sex.FEMALE, {"DEWASA", "WUS", "BUMIL"}),
        (365 * 65 + 20, (), Sex.MALE, {"LANSIA"}),
    ],
)
def test_life_stages(
    days_old: int, status: tuple[str, ...], sex: Sex, expected: set[str]
) -> None:
    on = dt.date(2026, 6, 1)
    born = on - dt.timedelta(days=days_old)
    codes = {
        s.code for s in life_stages(birth_date=born, sex=sex, on=on, status=status)
    }
    assert codes == expected


def test_life_stage_before_birth_is_empty() -> None:
    assert (
        life_stages(
            birth_date=dt.date(2026, 1, 1), sex=Sex.MALE, on=dt.date(2025, 1, 1)
        )
        == ()
    )


@given(strategies.persons(), st.dates(min_value=dt.date(1930, 1, 1)))
def test_every_living_person_has_an_age_stage(person: Person, on: dt.date) -> None:
    stages = {s.code for s in person.life_stages(on)}
    if on >= person.birth_date:
        age_stages = {"BAYI", "BALITA", "APRAS", "USEK", "DEWASA", "LANSIA"}
        assert stages & age_stages


def test_nik_encoding() -> None:
    assert (
        nik_mismatches(
            "6474015203150001", birth_date=dt.date(2015, 3, 12), sex=Sex.FEMALE
        )
        == []
    )
    assert nik_mismatches(
        "6474011203150001", birth_date=dt.date(2015, 3, 13), sex=Sex.MALE
    ) == ["birth_date"]


def test_person_rejects_bad_nik() -> None:
    with pytest.raises(ValueError, match="nik"):
        Person(
            id="1",
            name="A",
            sex="L",
            birth_date=dt.date(2020, 1, 1),
            nik="12345678901234567",
        )


@pytest.mark.parametrize(
    ("number", "valid"), [("11.01.10.2001.001", True), ("11.1.10.2001.001", False)]
)
def test_registration_number(number: str, valid: bool) -> None:  # §15 #88
    assert is_valid_registration_number(number) is valid


def test_posyandu_defaults_to_six_bidang() -> None:
    p = Posyandu(
        registration_number="64.74.01.1001.001", name="Melati", venue_type="masjid"
    )
    assert p.bidang_enabled == frozenset(Bidang)
    with pytest.raises(ValueError, match=r"PP\.KK"):
        Posyandu(registration_number="64.74.1.1001.001", name="X")


def test_kader_strata() -> None:  # §15 #87
    purwa = [
        "A1",
        "A2",
        "A3",
        "A4",
        *(f"B{i}" for i in range(1, 8)),
        *(f"C{i}" for i in range(1, 7)),
    ]
    assert kader_stratum(purwa) is KaderStratum.PURWA
    assert kader_stratum([*purwa, "D1", "D2", "D3", "D4"]) is KaderStratum.MADYA
    everything = [
        *purwa,
        *(f"D{i}" for i in range(1, 5)),
        *(f"E{i}" for i in range(1, 5)),
    ]
    assert (
        Kader(id="k", name="K", skills_mastered=everything).stratum
        is KaderStratum.UTAMA
    )
    assert kader_stratum(["A1"]) is None
    with pytest.raises(ValueError, match="unknown kader skill"):
        Kader(id="k", name="K", skills_mastered=["Z9"])


def test_measurement_keeps_raw_value() -> None:
    m = Measurement(
        kind="length_height",
        value=85.6,
        method="terlentang",
        measured_at=dt.datetime(2026, 1, 1),
    )
    corrected = m.with_derived(clenhei=84.9)
    assert corrected.value == 85.6
    assert corrected.derived["clenhei"] == 84.9
    assert m.derived == {}
    assert m.method is MeasureMethod.LYING


@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf")])
def test_measurement_rejects_non_physical(value: float) -> None:
    with pytest.raises(InvalidMeasurementError):
        Measurement(
            kind=MeasurementKind.WEIGHT,
            value=value,
            measured_at=dt.datetime(2026, 1, 1),
        )


def test_method_only_for_length() -> None:
    with pytest.raises(InvalidMeasurementError):
        Measurement(
            kind="weight",
            value=9,
            method="berdiri",
            measured_at=dt.datetime(2026, 1, 1),
        )
    with pytest.raises(InvalidMeasurementError):
        Measurement(kind="length_height", value=80, measured_at=dt.datetime(2026, 1, 1))


@given(strategies.measurements())
def test_measurement_strategy_builds_valid(m: Measurement) -> None:
    assert m.value > 0
    assert m.unit == m.kind.unit


def test_calibration_status() -> None:
    scale = Equipment(
        id="TB-1",
        kind="baby_scale",
        calibrated_on=dt.date(2025, 7, 1),
        calibration_due=dt.date(2026, 6, 30),
    )
    assert scale.calibration_status(dt.date(2026, 6, 30)) is CalibrationStatus.VALID
    assert scale.calibration_status(dt.date(2026, 7, 1)) is CalibrationStatus.OVERDUE
    assert (
        Equipment(id="x", kind="muac_tape").calibration_status(dt.date.today())
        is CalibrationStatus.UNKNOWN
    )


def test_case_sla_and_workflow() -> None:  # §15 #89
    case = Case(
        id="c1",
        bidang="perumahan_rakyat",
        category="rtlh",
        requester_id="p1",
        submitted_on=dt.date(2026, 3, 6),
    )
    assert case.sla_due() == dt.date(2026, 3, 13)
    assert case.sla_due(frozenset({dt.date(2026, 3, 10)})) == dt.date(2026, 3, 16)
    moved = case.advance("diverifikasi", dt.date(2026, 3, 7))
    assert moved.status is CaseStatus.DIVERIFIKASI
    with pytest.raises(ValueError, match="cannot go from"):
        moved.advance(CaseStatus.SELESAI, dt.date(2026, 3, 8))


def test_referral_from_finding() -> None:
    finding = Finding(
        code="gizi.stunting",
        label_id="Pendek",
        label_en="Stunted",
        severity="warning",
        rule="t",
        person_id="p",
        date=dt.date(2026, 1, 1),
        referral="fktl",
    )
    assert Referral.from_finding(finding).target.value == "fktl"


def test_visit_steps() -> None:
    visit = Visit(person_id="p", date=dt.date(2026, 1, 1), steps_done=[1, 2, 3])
    assert [int(s) for s in visit.missing_steps] == [4, 5]


def test_taxonomies_map_every_bidang() -> None:
    for taxonomy in builtin_taxonomies():
        for bidang in Bidang:
            assert taxonomy.groups_for(bidang), (taxonomy.id, bidang)
    bontang = {t.id: t for t in builtin_taxonomies()}["bontang"]
    assert bontang.groups_for(Bidang.KESEHATAN, {"kb"}) == ("keluarga_berencana",)
    assert bontang.groups_for(Bidang.KESEHATAN) == ("kesehatan",)
    assert set(bontang.groups_for(Bidang.PEKERJAAN_UMUM)) == {"lingkungan_hidup"}


_YEAR = PosyanduYear(
    openings_per_year=12, kader_on_duty=6, ds_pct=55, kia_pct=60, kb_pct=52,
    imunisasi_pct=70, program_tambahan=True, dana_sehat_pct=30,
    months_at_coverage=(9, 8, 8, 10), has_growth_and_development_tools=True,
)  # fmt: skip


def _year(**changes: Any) -> PosyanduYear:
    return attrs.evolve(_YEAR, **changes)


def test_posyandu_strata_vectors() -> None:  # §15 #84, #85
    assert _year().stratum() is PosyanduStratum.PURNAMA
    assert _year(dana_sehat_pct=55).stratum() is PosyanduStratum.MANDIRI
    assert _year(ds_pct=40).stratum() is PosyanduStratum.MADYA
    assert _year(openings_per_year=7).stratum() is PosyanduStratum.PRATAMA
    assert _year(program_tambahan=False).stratum() is PosyanduStratum.MADYA


def test_posyandu_aktif() -> None:  # §15 #86
    assert _year().aktif
    four_kader = _year(kader_on_duty=4)
    assert not four_kader.aktif
    assert four_kader.aktif_unmet() == ("kader",)
    assert _year(months_at_coverage=(9, 8, 7, 7)).aktif_unmet() == (
        "services_at_coverage",
    )


def test_posyandu_year_rejects_impossible_coverage() -> None:
    with pytest.raises(ValueError, match="ds_pct"):
        _year(ds_pct=120)


def test_finding_details_are_frozen_and_shared_only_when_frozen() -> None:
    given = {"z": -2.5}
    kwargs: dict[str, Any] = {
        "code": "c", "label_id": "-", "label_en": "-", "severity": "info",
        "rule": "r", "person_id": "P1", "date": dt.date(2025, 1, 1),
    }  # fmt: skip
    copied = Finding(**kwargs, details=given)
    given["z"] = 0.0  # the caller's dict changes; the finding does not
    assert copied.details == {"z": -2.5}
    assert isinstance(copied.details, FrozenMapping)
    with pytest.raises(TypeError):
        copied.details["z"] = 1.0  # type: ignore[index]
    shared = FrozenMapping({"dose": "MR1"})
    one, two = Finding(**kwargs, details=shared), Finding(**kwargs, details=shared)
    assert one.details is two.details is shared  # nobody can change it: one copy
    assert Finding(**kwargs).details == {}
