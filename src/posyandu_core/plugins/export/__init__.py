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

import datetime as dt
from functools import partial

from posyandu_core.hookspecs import Exporter, Option, Registrar, hookimpl
from posyandu_core.plugins.export import anthro, charts, eppgbm, fhir, report, tidy

# Typed options: ``posyandu export FORMAT --<option>`` and the keywords the
# writer receives. Defaults are the writers' own.
_TIDY = (
    Option(name="key", help="kunci pseudonim (HMAC) / pseudonymisation key"),
    Option(
        name="identifiable",
        type=bool,
        help="simpan NIK dan nama / keep NIK and names (no pseudonyms)",
    ),
)
_EPPGBM = (
    Option(name="columns", help="set kolom / column set, e.g. eppgbm-2025"),
    Option(
        name="max_age_months",
        type=int,
        default=60,
        help="umur maksimum (bulan) / oldest age in months",
    ),
)
_FHIR = (
    Option(
        name="organization_id",
        default="ORGANIZATION-ID",
        help="ID organisasi SATUSEHAT / SATUSEHAT organization id",
    ),
    Option(
        name="per",
        choices=("visit", "person"),
        default="visit",
        help="satu Bundle per kunjungan atau per orang / a Bundle per visit or person",
    ),
    Option(
        name="timezone",
        choices=("WIB", "WITA", "WIT"),
        default="WIB",
        help="zona waktu kunjungan / time zone of the visits (Bontang: WITA)",
    ),
    Option(
        name="early_doses",
        choices=("refuse", "omit"),
        default="refuse",
        help="dosis sebelum tanggal SATUSEHAT / doses before SATUSEHAT's first date",
    ),
)
_LANGUAGE = Option(
    name="language",
    choices=("id", "en"),
    default="id",
    help="bahasa label / label language",
)
_CHARTS = (
    _LANGUAGE,
    Option(name="on", type=dt.date, help="tanggal / as of (DD/MM/YYYY)"),
)
_SKDN = (
    Option(name="month", required=True, help="bulan laporan / report month, YYYY-MM"),
    Option(name="posyandu", help="hanya Posyandu ini / only this Posyandu"),
    _LANGUAGE,
)

# The title block and signature line of a printable report.
_PRINTABLE = (
    _LANGUAGE,
    Option(name="posyandu_name", help="nama Posyandu di kop / Posyandu in the title block"),
    Option(name="kelurahan", help="desa/kelurahan di kop / village in the title block"),
    Option(name="kecamatan", help="kecamatan di kop / district in the title block"),
    Option(name="month", help="bulan di kop / month in the title block, YYYY-MM"),
    Option(name="place", default="", help="tempat tanda tangan / place of signing"),
    Option(name="signed_on", type=dt.date, help="tanggal tanda tangan / date of signing"),
)  # fmt: skip

EXPORTERS = (
    Exporter(id="tidy-csv", name="Tidy data, CSV (research, pseudonymised)",
             suffix=".csv", write=tidy.write_tidy_csv, options=_TIDY),
    Exporter(id="tidy-parquet", name="Tidy data, Parquet (research, pseudonymised)",
             suffix=".parquet", write=tidy.write_tidy_parquet, options=_TIDY),
    Exporter(id="tidy-xlsx", name="Tidy data, Excel (research, pseudonymised)",
             suffix=".xlsx", write=tidy.write_tidy_xlsx, options=_TIDY),
    Exporter(id="eppgbm-xlsx", name="e-PPGBM sheet (Sigizi Terpadu), Excel",
             suffix=".xlsx", write=partial(eppgbm.write_eppgbm, format="xlsx"), options=_EPPGBM),
    Exporter(id="eppgbm-csv", name="e-PPGBM sheet (Sigizi Terpadu), CSV",
             suffix=".csv", write=partial(eppgbm.write_eppgbm, format="csv"), options=_EPPGBM),
    Exporter(id="who-anthro", name="WHO Anthro Survey Analyser (de-identified CSV)",
             suffix=".csv", write=anthro.write_anthro),
    Exporter(id="fhir-ndjson", name="FHIR R4 transaction Bundles for SATUSEHAT (NDJSON)",
             suffix=".ndjson", write=fhir.write_fhir, options=_FHIR),
    Exporter(id="kms-pdf", name="KMS / Buku KIA growth charts, a page per child (PDF)",
             suffix=".pdf", write=charts.write_growth_charts, options=_CHARTS),
    Exporter(id="skdn-xlsx", name="SKDN monthly report with its lists (Excel, printable)",
             suffix=".xlsx", write=partial(report.write_skdn_report, format="xlsx"), options=_SKDN),
    Exporter(id="skdn-pdf", name="SKDN monthly report with its lists (PDF)",
             suffix=".pdf", write=partial(report.write_skdn_report, format="pdf"), options=_SKDN),
    Exporter(id="laporan-xlsx", name="Any report, printable (Excel): --report ID",
             suffix=".xlsx", write=partial(report.write_printable, format="xlsx"),
             options=_PRINTABLE, accepts={"report"}),
    Exporter(id="laporan-pdf", name="Any report, printable (PDF, A4): --report ID",
             suffix=".pdf", write=partial(report.write_printable, format="pdf"),
             options=_PRINTABLE, accepts={"report"}),
)  # fmt: skip


@hookimpl
def register_exporters(register: Registrar[Exporter]) -> None:
    """Register every built-in export format."""
    for exporter in EXPORTERS:
        register(exporter)
