"""Built-in plugin: ``posyandu prevalence``, WHO's survey prevalence tables.

The analysis itself (:mod:`posyandu_core.analysis`) knows nothing of plugins;
its optional libraries (pandas, pyarrow, dask) are imported only when the
command runs, so the plugin loads without the ``analysis`` extra.
"""

from __future__ import annotations

from posyandu_core.analysis import _cli as prevalence_cli
from posyandu_core.hookspecs import Command, Registrar, hookimpl


@hookimpl
def register_commands(register: Registrar[Command]) -> None:
    """Register ``posyandu prevalence``."""
    register(
        Command(
            name="prevalence",
            help="WHO prevalence table (anthro/anthroplus) of a survey, with its design",
            configure=prevalence_cli.configure,
            run=prevalence_cli.run,
        )
    )
