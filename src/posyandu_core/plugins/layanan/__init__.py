"""Built-in plugin: cases of the five non-health bidang, their service clock and reports.

Case types, documents and the workflow are data (``data/rules/kasus.toml``);
the services the cases belong to are those of :mod:`posyandu_core.plugins.bidang`.
"""

from posyandu_core.hookspecs import Registrar, Report, hookimpl


@hookimpl
def register_reports(register: Registrar[Report]) -> None:
    """Register the case reports (``posyandu report kasus-…``, ``posyandu kasus …``)."""
    from posyandu_core.plugins.layanan.reports import REPORTS

    for report in REPORTS:
        register(report)
