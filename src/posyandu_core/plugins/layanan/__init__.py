"""Built-in plugin: cases of the five non-health bidang, their service clock and reports.

Case types, documents and the workflow are data (``data/rules/kasus.toml``);
the services the cases belong to are those of :mod:`posyandu_core.plugins.bidang`.
"""

from posyandu_core.hookspecs import Command, Registrar, hookimpl


@hookimpl
def register_commands(register: Registrar[Command]) -> None:
    """Register ``posyandu kasus``."""
    from posyandu_core.plugins.layanan._cli import COMMAND

    register(COMMAND)
