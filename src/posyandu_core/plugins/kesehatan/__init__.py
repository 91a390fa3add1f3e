"""Built-in plugin: kesehatan services for children.

Growth monitoring (KMS / Buku KIA: N/T/O/B, KBM, 2T, chart lines, weight
faltering, follow-up), the SKDN monthly report and the immunization engine
(schedule, due/overdue, IDL/IBL, Td WUS, BIAS). The public functions live in
the submodules :mod:`.growth_monitoring`, :mod:`.skdn`, :mod:`.immunization`
and :mod:`.schedule`; this module holds only the hook implementations.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from posyandu_core.hookspecs import DemoSection, Registrar, Report, Service, hookimpl
from posyandu_core.plugins.kesehatan.services import (
    growth_findings,
    immunization_findings,
)
from posyandu_core.rules import REGISTER, Issue, Rule


@hookimpl
def register_services(register: Registrar[Service]) -> None:
    """Register growth monitoring and immunization for balita."""
    register(
        Service(
            id="kesehatan.pemantauan_pertumbuhan",
            bidang="kesehatan",
            name_id="Pemantauan pertumbuhan (KMS/Buku KIA) dan SKDN",
            name_en="Growth monitoring (KMS/Buku KIA) and SKDN",
            sasaran=("BAYI", "BADUTA", "BALITA"),
            description="N/T/O/B, KBM, 2T, BGM, weight faltering, follow-up, SKDN",
            findings=growth_findings,
        )
    )
    register(
        Service(
            id="kesehatan.imunisasi",
            bidang="kesehatan",
            name_id="Imunisasi rutin, BIAS dan Td WUS",
            name_en="Routine immunization, school immunization and Td for women",
            sasaran=("BAYI", "BADUTA", "BALITA", "USEK", "WUS"),
            description="dose checks, due and overdue doses, IDL/IBL, Td, BIAS",
            findings=immunization_findings,
        )
    )
    # The life-cycle services: ibu hamil, nifas and newborns, usia sekolah,
    # dewasa (PTM) and lansia (DOMAIN §7-§10); KB services carry the "kb" tag
    # so taxonomies place them under keluarga berencana.
    from posyandu_core.plugins.kesehatan.screening.services import SERVICES

    for spec in SERVICES:
        register(
            Service(
                id=spec.id,
                bidang="kesehatan",
                name_id=spec.name_id,
                name_en=spec.name_en,
                sasaran=spec.sasaran,
                tags=spec.tags,
                findings=spec.findings,
            )
        )


@hookimpl
def register_reports(register: Registrar[Report]) -> None:
    """Register SKDN, KMS, immunization and the life-cycle monthly reports."""
    from posyandu_core.plugins.kesehatan.reports import IMUNISASI, KMS, LIFECYCLE, SKDN

    for report in (SKDN, KMS, IMUNISASI, LIFECYCLE):
        register(report)


def _check_skdn(report: Any) -> list[Issue]:
    # Imported when a check runs: loading the plugin stays light.
    from posyandu_core.plugins.kesehatan.skdn import check_skdn_consistency

    return check_skdn_consistency(report)


def _check_doses(register: Any) -> Iterable[Issue]:
    from posyandu_core.plugins.kesehatan.rules import check_doses_in_register

    return check_doses_in_register(register)


@hookimpl
def register_rules(register: Registrar[Rule]) -> None:
    """Register the SKDN consistency check and the register-wide dose checks."""
    register(
        Rule(
            id="kesehatan.skdn_consistency",
            target="skdn_report",
            check=_check_skdn,
            description="SKDN report: D = N + T + O + B, D <= S, K <= S, N <= D",
            source="DOMAIN.md §5.3 (monthly report consistency checks)",
        )
    )
    register(
        Rule(
            id="kesehatan.imunisasi",
            target=REGISTER,
            check=_check_doses,
            description="Immunization doses given too early, too soon or unknown",
            source="data/rules/imunisasi.toml (KMK-ILP 2023 schedule)",
        )
    )


@hookimpl
def register_demo_sections(register: Registrar[DemoSection]) -> None:
    """Register the KMS, SKDN and immunization demo sections."""
    from posyandu_core.plugins.kesehatan._demo import SECTIONS

    for section in SECTIONS:
        register(section)
