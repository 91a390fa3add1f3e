"""Built-in plugin: the Posyandu hierarchy, strata, Posyandu Aktif and equipment."""

from posyandu_core.hookspecs import Command, Registrar, hookimpl


@hookimpl
def register_commands(register: Registrar[Command]) -> None:
    """Register ``posyandu alat`` and ``posyandu wilayah``."""
    from posyandu_core.plugins.wilayah._cli import COMMANDS

    for command in COMMANDS:
        register(command)
