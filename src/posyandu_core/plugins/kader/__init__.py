"""Built-in plugin: kader competency (25 skills, TKK, strata Purwa/Madya/Utama) and its reports."""

from posyandu_core.hookspecs import Registrar, Report, hookimpl


@hookimpl
def register_reports(register: Registrar[Report]) -> None:
    """Register the kader reports (``posyandu report kader-…``, ``posyandu kader …``)."""
    from posyandu_core.plugins.kader.reports import REPORTS

    for report in REPORTS:
        register(report)
