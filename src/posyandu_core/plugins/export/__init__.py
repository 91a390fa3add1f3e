"""Built-in plugin: export formats (behind the ``export`` extra).

One module per format, each a function ``write_<format>(register,
destination, *, options)``: :mod:`.tidy` (research CSV, Parquet, Excel),
:mod:`.eppgbm` (the Sigizi Terpadu sheet), :mod:`.anthro` (WHO Anthro
Survey Analyser), :mod:`.fhir` (SATUSEHAT Bundles, sent by :mod:`.satusehat`), :mod:`.charts` (KMS and
WHO growth charts) and :mod:`.report` (printable reports). This module holds
only the hook implementation; the libraries of the ``export`` extra are
imported when a writer runs, so listing the exporters needs none of them.
"""

from __future__ import annotations

from functools import partial

from posyandu_core.hookspecs import Exporter, Registrar, hookimpl
from posyandu_core.plugins.export import anthro, charts, eppgbm, fhir, report, tidy

EXPORTERS = (
    Exporter(id="tidy-csv", name="Tidy data, CSV (research, pseudonymised)",
             suffix=".csv", write=tidy.write_tidy_csv),
    Exporter(id="tidy-parquet", name="Tidy data, Parquet (research, pseudonymised)",
             suffix=".parquet", write=tidy.write_tidy_parquet),
    Exporter(id="tidy-xlsx", name="Tidy data, Excel (research, pseudonymised)",
             suffix=".xlsx", write=tidy.write_tidy_xlsx),
    Exporter(id="eppgbm-xlsx", name="e-PPGBM sheet (Sigizi Terpadu), Excel",
             suffix=".xlsx", write=partial(eppgbm.write_eppgbm, format="xlsx")),
    Exporter(id="eppgbm-csv", name="e-PPGBM sheet (Sigizi Terpadu), CSV",
             suffix=".csv", write=partial(eppgbm.write_eppgbm, format="csv")),
    Exporter(id="who-anthro", name="WHO Anthro Survey Analyser (de-identified CSV)",
             suffix=".csv", write=anthro.write_anthro),
    Exporter(id="fhir-ndjson", name="FHIR R4 transaction Bundles for SATUSEHAT (NDJSON)",
             suffix=".ndjson", write=fhir.write_fhir),
    Exporter(id="kms-pdf", name="KMS / Buku KIA growth charts, a page per child (PDF)",
             suffix=".pdf", write=charts.write_growth_charts),
    Exporter(id="skdn-xlsx", name="SKDN monthly report with its lists (Excel, printable)",
             suffix=".xlsx", write=partial(report.write_skdn_report, format="xlsx")),
    Exporter(id="skdn-pdf", name="SKDN monthly report with its lists (PDF)",
             suffix=".pdf", write=partial(report.write_skdn_report, format="pdf")),
)  # fmt: skip


@hookimpl
def register_exporters(register: Registrar[Exporter]) -> None:
    """Register every built-in export format."""
    for exporter in EXPORTERS:
        register(exporter)
