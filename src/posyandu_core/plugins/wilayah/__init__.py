"""Built-in plugin: the Posyandu hierarchy, strata, Posyandu Aktif and equipment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from posyandu_core.hookspecs import Command, DemoSection, Registrar, Report, hookimpl

if TYPE_CHECKING:
    from posyandu_core.register import Register


@hookimpl
def register_reports(register: Registrar[Report]) -> None:
    """Register calibration, Posyandu registry, strata and aktif reports."""
    from posyandu_core.plugins.wilayah._cli import REPORTS

    for report in REPORTS:
        register(report)


@hookimpl
def register_commands(register: Registrar[Command]) -> None:
    """Register ``posyandu wilayah kota`` (the city view, several tables)."""
    from posyandu_core.plugins.wilayah._cli import COMMANDS

    for command in COMMANDS:
        register(command)


def _render_city(register: Register) -> str:
    # The city view belongs to the packaged sample city (Posyandu Melati's
    # register is one of its six); beside a user's own register it would
    # describe somebody else's Posyandu.
    if not register.source.startswith("sample register"):
        return (
            "Tampilan kota hanya untuk register sampel; untuk data Anda: "
            "posyandu wilayah kota FOLDER / The city view is shown with the "
            "sample register; for your data: posyandu wilayah kota FOLDER"
        )
    from posyandu_core.plugins.wilayah.city import load_sample_city, render_city

    return render_city(load_sample_city())


@hookimpl
def register_demo_sections(register: Registrar[DemoSection]) -> None:
    """Register the city view: six Posyandu under two Puskesmas."""
    register(
        DemoSection(
            id="wilayah.kota",
            title="Kota: Posyandu, kader, kasus dan alat / The city view",
            render=_render_city,
            order=900,
        )
    )
