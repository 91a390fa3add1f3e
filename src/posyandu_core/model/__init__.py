"""The domain model: attrs records, frozen and keyword-only, with no I/O.

Every record validates its invariants (types, physical sign, date order)
when it is built. Plausibility (a 600 kg baby) is not an invariant: it is
reported by the validation rules in :mod:`posyandu_core.rules`.
"""

from __future__ import annotations

from posyandu_core.model._age import (
    add_months,
    age_days,
    completed_months,
    completed_months_between,
    completed_years,
)
from posyandu_core.model._convert import FrozenMapping
from posyandu_core.model._enums import (
    EquipmentKind,
    KaderStratum,
    Langkah,
    MeasurementKind,
    MeasureMethod,
    ReferralTarget,
    Sex,
    VenueType,
    VisitType,
)
from posyandu_core.model._issue import Issue, Severity
from posyandu_core.model._nik import is_valid_nik, nik_mismatches
from posyandu_core.model.bidang import (
    Bidang,
    Taxonomy,
    TaxonomyGroup,
    builtin_taxonomies,
)
from posyandu_core.model.case import (
    Case,
    CaseEvent,
    CaseStatus,
    Episode,
    WorkingCalendar,
    add_working_days,
)
from posyandu_core.model.equipment import (
    CalibrationEvent,
    CalibrationStatus,
    Equipment,
)
from posyandu_core.model.findings import Finding, Referral, ReferralStatus
from posyandu_core.model.kader import SkillAssessment, Training, TrainingKind
from posyandu_core.model.measurement import Measurement
from posyandu_core.model.people import Household, Kader, Person, kader_stratum
from posyandu_core.model.performance import PosyanduStratum, PosyanduYear
from posyandu_core.model.posyandu import Posyandu, is_valid_registration_number
from posyandu_core.model.sasaran import LifeStage, Status, life_stages, load_life_stages
from posyandu_core.model.visit import Visit

__all__ = [
    "Bidang",
    "CalibrationEvent",
    "CalibrationStatus",
    "Case",
    "CaseEvent",
    "CaseStatus",
    "Episode",
    "Equipment",
    "EquipmentKind",
    "Finding",
    "FrozenMapping",
    "Household",
    "Issue",
    "Kader",
    "KaderStratum",
    "Langkah",
    "LifeStage",
    "MeasureMethod",
    "Measurement",
    "MeasurementKind",
    "Person",
    "Posyandu",
    "PosyanduStratum",
    "PosyanduYear",
    "Referral",
    "ReferralStatus",
    "ReferralTarget",
    "Severity",
    "Sex",
    "SkillAssessment",
    "Status",
    "Taxonomy",
    "TaxonomyGroup",
    "Training",
    "TrainingKind",
    "VenueType",
    "Visit",
    "VisitType",
    "WorkingCalendar",
    "add_months",
    "add_working_days",
    "age_days",
    "builtin_taxonomies",
    "completed_months",
    "completed_months_between",
    "completed_years",
    "is_valid_nik",
    "is_valid_registration_number",
    "kader_stratum",
    "life_stages",
    "load_life_stages",
    "nik_mismatches",
]
