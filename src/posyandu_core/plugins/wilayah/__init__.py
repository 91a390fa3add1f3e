"""Built-in plugin: the Posyandu hierarchy, strata, Posyandu Aktif and equipment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from posyandu_core.hookspecs import Command, DemoSection, Registrar, hookimpl

if TYPE_CHECKING:
    from posyandu_core.register import Register


@hookimpl
def register_commands(register: Registrar[Command]) -> None:
    """Register ``posyandu alat`` and ``posyandu wilayah``."""
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
