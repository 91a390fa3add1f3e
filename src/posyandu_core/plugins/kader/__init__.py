"""Built-in plugin: kader competency (25 skills, TKK, strata Purwa/Madya/Utama) and its reports."""

from posyandu_core.hookspecs import Command, Registrar, hookimpl


@hookimpl
def register_commands(register: Registrar[Command]) -> None:
    """Register ``posyandu kader``."""
    from posyandu_core.plugins.kader._cli import COMMAND

    register(COMMAND)
