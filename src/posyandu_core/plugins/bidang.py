"""Built-in plugin: the bidang taxonomies and the services of the non-health bidang."""

from __future__ import annotations

from typing import TYPE_CHECKING

from posyandu_core.hookspecs import DemoSection, Registrar, Service, hookimpl
from posyandu_core.model import Bidang, Taxonomy, builtin_taxonomies
from posyandu_core.registry import get_registry

if TYPE_CHECKING:
    from posyandu_core.register import Register


@hookimpl
def register_taxonomies(register: Registrar[Taxonomy]) -> None:
    """Register the Permendagri 13/2024 six and the Kota Bontang labels."""
    for taxonomy in builtin_taxonomies():
        register(taxonomy)


# Typical activities per bidang (DOMAIN.md §1.3); each runs as a Case
# through the non-health workflow of §1.4.
_SERVICES = (
    (Bidang.PENDIDIKAN, "pendidikan.bantuan", "Bantuan dan akses pendidikan", "Education aid and access"),
    (Bidang.PENDIDIKAN, "pendidikan.paud", "Dukungan PAUD dan literasi", "Early-childhood and literacy support"),
    (Bidang.PEKERJAAN_UMUM, "pu.air_sanitasi", "Air bersih, sanitasi dan bank sampah", "Clean water, sanitation and waste bank"),
    (Bidang.PEKERJAAN_UMUM, "pu.infrastruktur", "Pendataan kebutuhan jalan dan sarana kecil", "Village road and small-infrastructure needs"),
    (Bidang.PERUMAHAN_RAKYAT, "perumahan.rtlh", "Rumah tidak layak huni (RTLH)", "Uninhabitable-house rehabilitation"),
    (Bidang.PERUMAHAN_RAKYAT, "perumahan.lingkungan_sehat", "Lingkungan sehat dan kebun gizi", "Healthy living environment and nutrition gardens"),
    (Bidang.TRANTIBUMLINMAS, "trantibum.kesiapsiagaan", "Kesiapsiagaan bencana dan Linmas", "Disaster preparedness and Linmas"),
    (Bidang.TRANTIBUMLINMAS, "trantibum.laporan", "Laporan gangguan ketertiban", "Public-order reports"),
    (Bidang.SOSIAL, "sosial.bansos", "Pendataan fakir miskin dan bansos", "Registering the poor for social assistance"),
    (Bidang.SOSIAL, "sosial.inklusi", "KIE disabilitas, gender dan inklusi", "Disability, gender and inclusion education"),
)  # fmt: skip


@hookimpl
def register_services(register: Registrar[Service]) -> None:
    """Register the non-health services, handled as cases (DOMAIN.md §1.3–1.4)."""
    for bidang, service_id, name_id, name_en in _SERVICES:
        tags = frozenset({"kesejahteraan"} if service_id == "sosial.bansos" else ())
        register(
            Service(
                id=service_id,
                bidang=bidang,
                name_id=name_id,
                name_en=name_en,
                tags=tags,
                description="Handled as a Case: dicatat → diverifikasi → Pemdes → OPD",
            )
        )


def _render_bidang(register: Register) -> str:
    registry = get_registry()
    lines = []
    for taxonomy in registry.taxonomies.values():
        lines.append(f"{taxonomy.name}:")
        for group_id, services in taxonomy.group(registry.services.values()).items():
            label = next(g for g in taxonomy.groups if g.id == group_id).label_id
            names = ", ".join(s.name_id for s in services) or "-"
            lines.append(f"  {label}: {names}")
    return "\n".join(lines)


@hookimpl
def register_demo_sections(register: Registrar[DemoSection]) -> None:
    """Show the services grouped by each taxonomy."""
    register(
        DemoSection(
            id="bidang",
            title="Bidang dan layanan / Fields and services",
            render=_render_bidang,
            order=90,
        )
    )
