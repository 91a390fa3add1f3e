"""Life-cycle services on small registers and on the packaged sample."""

from __future__ import annotations

import datetime as dt
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.screening._helpers import row

from posyandu_core.model import Finding, ReferralTarget
from posyandu_core.plugins.kesehatan.screening import services
from posyandu_core.plugins.kesehatan.screening.reports import lifecycle_monthly_report
from posyandu_core.register import Register, RegisterRow, read_register
from posyandu_core.register.sample import load_sample_register
from posyandu_core.rules import Severity
from posyandu_core.testing import strategies

D = dt.date


def _register(*rows: RegisterRow) -> Register:
    return Register(rows=rows, columns=())


def _codes(findings: list[Finding], person: str | None = None) -> list[str]:
    return [f.code for f in findings if person is None or f.person_id == person]


def test_pregnancy_findings_use_this_pregnancy_only() -> None:
    birth = D(1995, 6, 1)
    register = _register(
        row(1, "B", D(2024, 1, 10), birth, status=("hamil",), muac_cm=21.0),  # earlier pregnancy
        row(2, "B", D(2024, 9, 1), birth, delivery_date=D(2024, 8, 20), status=("nifas",)),
        row(3, "B", D(2026, 2, 10), birth, status=("hamil",), hpht=D(2025, 12, 1),
             muac_cm=24.0, hb_g_dl=9.5, systolic_mmhg=145, diastolic_mmhg=92),
        row(4, "B", D(2026, 3, 10), birth, status=("hamil",), danger_signs=("perdarahan",)),
    )  # fmt: skip
    findings = services.pregnancy_findings(register, D(2026, 3, 10))
    assert _codes(findings) == [
        "maternal.trimester.trimester_2",
        "maternal.anaemia.anemia_sedang",
        "maternal.pregnancy_blood_pressure.hipertensi",
        "maternal.danger_signs.ada_tanda_bahaya",
        "kb.four_t.berisiko_4t",  # 17 months since the earlier delivery
    ]
    assert findings[-1].details["risks"] == ("terlalu_dekat",)
    danger = findings[-2]
    assert danger.severity is Severity.ERROR
    assert danger.referral is ReferralTarget.PUSKESMAS
    assert (
        findings[0].details["gestational_age_weeks"] == 14.1
    )  # 99 days since the HPHT
    assert (
        services.pregnancy_findings(register, D(2024, 1, 10))[1].code
        == "maternal.kek.kek"
    )


def test_four_t_of_a_young_mother() -> None:
    register = _register(row(1, "Y", D(2026, 3, 10), D(2008, 9, 1), status=("hamil",)))
    codes = _codes(services.pregnancy_findings(register, D(2026, 3, 10)))
    assert codes == ["maternal.trimester.missing_input", "kb.four_t.berisiko_4t"]


def test_pregnancy_age_from_recorded_weeks_and_end() -> None:
    birth = D(1998, 1, 1)
    register = _register(
        row(1, "C", D(2026, 1, 5), birth, status=("hamil",), gestational_age_weeks=20.0)
    )
    [tm] = services.pregnancy_findings(register, D(2026, 3, 2))  # 20 + 8 weeks
    assert tm.code == "maternal.trimester.trimester_3"
    assert tm.details["gestational_age_weeks"] == 28.0
    assert (
        services.pregnancy_findings(register, D(2026, 12, 1)) == []
    )  # > 45 weeks: no longer


def test_kf_and_kn_windows() -> None:
    delivered = D(2026, 3, 1)
    register = _register(
        row(1, "M", D(2026, 3, 2), D(1995, 1, 1), status=("nifas",), delivery_date=delivered),
        row(2, "BAYI", D(2026, 3, 2), delivered, sex="L"),
        row(3, "BAYI", D(2026, 3, 12), delivered, sex="L", danger_signs=("kuning",)),
    )  # fmt: skip
    on = D(2026, 3, 12)  # day 11: KF2 and KN2 missed, KF3 and KN3 done or open
    findings = services.postnatal_findings(register, on)
    assert _codes(findings, "M") == [
        "maternal.postnatal_visit.missed.KF2",
        "maternal.postnatal_visit.due.KF3",
    ]
    assert _codes(findings, "BAYI") == [
        "maternal.postnatal_visit.missed.KN2",
        "maternal.danger_signs.ada_tanda_bahaya",
    ]
    due = next(f for f in findings if f.code.endswith("due.KF3"))
    assert due.reevaluate_on == D(2026, 3, 29)
    assert services.postnatal_findings(register, D(2026, 4, 20)) == []  # after day 42


def test_school_findings() -> None:
    girl = D(2013, 3, 1)  # 13 y on the visit
    boy = D(2016, 3, 1)  # 10 y
    register = _register(
        row(1, "G", D(2026, 3, 10), girl, weight_kg=32.0, length_cm=150.0, school_grade=7),
        row(2, "K", D(2026, 3, 10), boy, sex="L", weight_kg=30.0, length_cm=138.0,
             systolic_mmhg=110, diastolic_mmhg=70),
    )  # fmt: skip
    findings = services.school_findings(register, D(2026, 3, 10))
    assert _codes(findings, "G") == [
        "school.imt_u.gizi_kurang",
        "school.blood_pressure.due",
        "school.anaemia_screening_due.wajib_skrining",
        "school.ttd_rematri.sasaran",
    ]
    assert _codes(findings, "K") == ["school.blood_pressure.perlu_evaluasi"]


def test_adult_and_elderly_findings() -> None:
    register = _register(
        row(1, "A", D(2026, 3, 10), D(1980, 1, 1), sex="L", weight_kg=80.0, length_cm=165.0,
             waist_cm=95.0, systolic_mmhg=150, diastolic_mmhg=95, glucose_mg_dl=210.0),
        row(2, "N", D(2026, 3, 10), D(1996, 1, 1), systolic_mmhg=118, diastolic_mmhg=76, hb_g_dl=12.0),
        row(6, "W", D(2026, 3, 10), D(1996, 1, 1), systolic_mmhg=118, diastolic_mmhg=76, hb_g_dl=11.5),
        row(3, "L", D(2026, 3, 10), D(1950, 1, 1), systolic_mmhg=125, diastolic_mmhg=80,
             glucose_mg_dl=110.0, glucose_kind="gdp", adl_barthel=10, skilas=("mobilitas",)),
        row(4, "Q", D(2024, 3, 10), D(1960, 1, 1), systolic_mmhg=120, diastolic_mmhg=80),
        row(5, "X", D(2026, 3, 10), D(1980, 1, 1), systolic_mmhg=80, diastolic_mmhg=120),
    )  # fmt: skip
    on = D(2026, 3, 10)
    adults = services.adult_findings(register, on)
    assert _codes(adults, "A") == [
        "adult.imt.obesitas_1",
        "adult.central_obesity.obesitas_sentral",
        "adult.blood_pressure.hipertensi_1",
        "adult.glucose.diabetes",
    ]
    assert (
        _codes(adults, "N") == []
    )  # optimal BP, nothing due for glucose (< 40, no risk)
    assert _codes(adults, "X") == ["adult.blood_pressure.implausible"]
    assert _codes(adults, "W") == ["maternal.anaemia.anemia_ringan"]
    elders = services.elderly_findings(register, on)
    assert _codes(elders, "L") == [
        "adult.glucose.prediabetes",
        "elderly.barthel.ketergantungan_sedang",
        "elderly.skilas.positif",
    ]
    prediabetes = next(f for f in elders if f.code == "adult.glucose.prediabetes")
    assert prediabetes.reevaluate_on == D(2026, 6, 9)
    assert _codes(elders, "Q") == ["adult.ptm_screening_due", "elderly.skilas.due"]


def test_every_finding_has_a_versioned_rule_and_labels_on_the_sample() -> None:
    register = load_sample_register()
    findings = services.lifecycle_findings(register, D(2026, 11, 10))
    assert findings
    for finding in findings:
        assert "@" in finding.rule
        assert finding.label_id
        assert finding.label_en
    kinds = {f.code.split(".")[0] for f in findings}
    assert {"adult", "maternal"} <= kinds


def test_service_specs_name_known_life_stages() -> None:
    from posyandu_core.model.sasaran import load_life_stages

    known = {stage.code for stage in load_life_stages()}
    ids = [spec.id for spec in services.SERVICES]
    assert len(set(ids)) == len(ids)
    for spec in services.SERVICES:
        assert spec.id.startswith("kesehatan.")
        assert set(spec.sasaran) <= known
        assert spec.findings(_register(), D(2026, 1, 1)) == []


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=strategies.register_csv(), day=st.dates(D(2020, 1, 1), D(2030, 12, 31)))
def test_services_and_report_never_crash_on_any_register(
    text: str, day: dt.date
) -> None:
    register = read_register(io.StringIO(text))
    for finding in services.lifecycle_findings(register, day):
        assert finding.label_id
        assert "@" in finding.rule
    report = lifecycle_monthly_report(register, f"{day.year:04d}-{day.month:02d}")
    assert len(report.to_rows()) == len(report.lines)
