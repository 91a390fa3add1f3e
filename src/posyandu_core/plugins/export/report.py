"""Printable reports (xlsx and PDF) in the layout a Posyandu sends.

A :class:`PrintableReport` is any report laid out for paper: a title block
(Posyandu, kelurahan, month …), one or more tables with bilingual column
labels, and signature lines. :func:`printable_from_table` lays out the
:class:`~posyandu_core.hookspecs.Table` of any registered report (the
``laporan-xlsx`` and ``laporan-pdf`` exporters: ``posyandu export laporan-pdf
--report ID``); :func:`skdn_printable` lays out the SKDN monthly report with
its named lists (DOMAIN.md §5.3), and a Table built by the ``skdn`` report
is printed that way. Indonesian labels by default (``language="en"`` for
English).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Literal

import attrs

from posyandu_core.growth import category_table
from posyandu_core.hookspecs import Table
from posyandu_core.plugins.export._common import (
    FIXED_TIME,
    MONTHS_ID,
    Destination,
    ExportError,
    require,
    safe_text,
    save_workbook,
)
from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.plugins.kesehatan.skdn import SkdnReport, skdn_report
from posyandu_core.register import Register

__all__ = [
    "Column",
    "PrintableReport",
    "ReportTable",
    "printable_from_rows",
    "printable_from_table",
    "skdn_printable",
    "write_printable",
    "write_report_pdf",
    "write_report_xlsx",
    "write_skdn_report",
]

Language = Literal["id", "en"]


@attrs.frozen
class Column:
    """A table column: key in the rows, Indonesian and English label."""

    key: str
    label_id: str
    label_en: str

    def label(self, language: Language) -> str:
        """Return the label in ``language``."""
        return self.label_id if language == "id" else self.label_en


@attrs.frozen(kw_only=True)
class ReportTable:
    """One table of a report: a title, columns and rows (dicts keyed by column)."""

    title_id: str
    title_en: str
    columns: tuple[Column, ...]
    rows: Sequence[Mapping[str, Any]]
    empty_id: str = "(tidak ada)"
    empty_en: str = "(none)"
    note_id: str = ""
    note_en: str = ""


@attrs.frozen(kw_only=True)
class PrintableReport:
    """A report laid out for paper.

    ``header`` holds the title-block lines as (label_id, label_en, value);
    ``signatures`` the roles that sign, as (role_id, role_en).
    """

    title_id: str
    title_en: str
    header: tuple[tuple[str, str, str], ...] = ()
    tables: tuple[ReportTable, ...] = ()
    signatures: tuple[tuple[str, str], ...] = (
        ("Ketua Kader Posyandu", "Head kader"),
        ("Petugas Puskesmas / Bidan Desa", "Puskesmas officer / village midwife"),
    )
    place: str = ""
    signed_on: dt.date | None = None


def printable_from_rows(
    rows: Sequence[Mapping[str, Any]],
    labels: Mapping[str, tuple[str, str]],
    *,
    title_id: str,
    title_en: str,
    header: Sequence[tuple[str, str, str]] = (),
) -> PrintableReport:
    """Lay out any report result as a one-table printable report.

    Parameters
    ----------
    rows : sequence of mappings
        The report's ``to_rows()``.
    labels : mapping of key to (Indonesian, English)
        Column labels, in the order the columns are printed.
    title_id, title_en : str
        Title of the report.
    header : sequence of (label_id, label_en, value)
        Title-block lines (Posyandu, kelurahan, month …).
    """
    columns = tuple(Column(k, i, e) for k, (i, e) in labels.items())
    table = ReportTable(
        title_id=title_id, title_en=title_en, columns=columns, rows=tuple(rows)
    )
    return PrintableReport(
        title_id=title_id, title_en=title_en, header=tuple(header), tables=(table,)
    )


def _single(table: Table, key: str) -> str | None:
    """Return the one value all rows have in column ``key`` (None if they differ)."""
    values = {str(row[key]) for row in table.rows if row.get(key) not in (None, "")}
    return values.pop() if len(values) == 1 else None


def printable_from_table(
    table: Table,
    *,
    posyandu_name: str | None = None,
    kelurahan: str | None = None,
    kecamatan: str | None = None,
    month: str | None = None,
    place: str = "",
    signed_on: dt.date | None = None,
) -> PrintableReport:
    """Lay out the table of any registered report for paper.

    The title block names the Posyandu, kelurahan, kecamatan and month: as
    given, else what the table says (its report's month, the one Posyandu
    all its rows belong to), else "(semua)". The table's notes print under
    it. A table built by the ``skdn`` report prints with its named lists.
    """
    if isinstance(table.data, SkdnReport):
        return skdn_printable(
            table.data,
            posyandu_name=posyandu_name,
            kelurahan=kelurahan,
            kecamatan=kecamatan,
            place=place,
            signed_on=signed_on,
        )
    period = (
        month or str(getattr(table.data, "month", "") or "") or _single(table, "month")
    )
    header = (
        (
            "Posyandu",
            "Posyandu",
            posyandu_name or _single(table, "posyandu") or "(semua)",
        ),
        ("Desa/Kelurahan", "Village", kelurahan or _single(table, "kelurahan") or ""),
        ("Kecamatan", "District", kecamatan or _single(table, "kecamatan") or ""),
        ("Bulan", "Month", period or ""),
    )
    note = "\n".join(table.notes)
    body = ReportTable(
        title_id=table.title_id,
        title_en=table.title_en,
        columns=tuple(Column(c.key, c.label_id, c.label_en) for c in table.columns),
        rows=table.rows,
        note_id=note,
        note_en=note,
    )
    return PrintableReport(
        title_id=table.title_id.upper(),
        title_en=table.title_en.upper(),
        header=header,
        tables=(body,),
        place=place,
        signed_on=signed_on,
    )


def write_printable(
    table: Table,
    destination: Destination,
    *,
    format: Literal["xlsx", "pdf"],
    language: Language = "id",
    timestamp: dt.datetime = FIXED_TIME,
    **title_block: Any,
) -> None:
    """Write any report's table as a printable ``.xlsx`` or ``.pdf`` (A4).

    ``title_block`` holds the keywords of :func:`printable_from_table`.
    """
    printable = printable_from_table(table, **title_block)
    if format == "xlsx":
        write_report_xlsx(
            printable, destination, language=language, timestamp=timestamp
        )
    else:
        write_report_pdf(printable, destination, language=language)


# -- SKDN -----------------------------------------------------------------------

_COUNTS: Final = ("S", "K", "D", "N", "T", "O", "B", "BGM", "2T")
_COUNTS_NOTE: Final = (
    "S = jumlah balita, K = punya KMS/Buku KIA, D = ditimbang, N = naik, "
    "T = tidak naik, O = tidak ditimbang bulan lalu, B = baru, "
    "BGM = di bawah garis merah, 2T = dua kali berturut-turut tidak naik",
    "S = children under five, K = own a KMS/Buku KIA, D = weighed, N = gained, "
    "T = did not gain, O = not weighed last month, B = new, "
    "BGM = below the red line, 2T = did not gain twice in a row",
)
# The growth-engine table whose category ids each list carries.
_LIST_TABLES: Final = {
    "gizi_buruk": "bb_pb_tb", "gizi_kurang": "bb_pb_tb", "stunting": "pb_tb_u", "bgm": "bb_u",
}  # fmt: skip
_LISTS: Final = {
    "gizi_buruk": ("Daftar balita gizi buruk", "Severely wasted children"),
    "gizi_kurang": ("Daftar balita gizi kurang", "Wasted children"),
    "stunting": ("Daftar balita pendek/sangat pendek (stunting)", "Stunted children"),
    "2t": ("Daftar balita 2T (dirujuk)", "Children with 2T (referred)"),
    "bgm": ("Daftar balita di bawah garis merah (BGM)", "Children below the red line"),
}
_LIST_COLUMNS: Final = (
    Column("no", "No", "No"),
    Column("name", "Nama", "Name"),
    Column("sex", "JK", "Sex"),
    Column("birth_date", "Tgl lahir", "Birth date"),
    Column("age_months", "Umur (bln)", "Age (mo)"),
    Column("parent_name", "Nama orang tua", "Parent"),
    Column("weighed_on", "Tgl timbang", "Weighed on"),
    Column("weight_kg", "BB (kg)", "Weight (kg)"),
    Column("length_cm", "PB/TB (cm)", "Length (cm)"),
    Column("category", "Kategori", "Category"),
    Column("z", "Z-skor", "Z-score"),
)


def _month_text(month: Month, language: Language) -> str:
    if language == "id":
        return f"{MONTHS_ID[month.month - 1]} {month.year}"
    return dt.date(month.year, month.month, 1).strftime("%B %Y")


def _category_label(list_key: str, category: str) -> str:
    table = _LIST_TABLES.get(list_key)
    if table is None:
        return category
    try:
        return category_table(table).category(category).label_id
    except (KeyError, LookupError):
        return category


def skdn_printable(
    report: SkdnReport,
    *,
    posyandu_name: str | None = None,
    kelurahan: str | None = None,
    kecamatan: str | None = None,
    place: str = "",
    signed_on: dt.date | None = None,
) -> PrintableReport:
    """Lay out the SKDN monthly report with its counts, ratios and named lists."""
    counts = [Column("band", "Umur (bln)", "Age (mo)"), Column("sex", "JK", "Sex")]
    counts += [Column(k, k, k) for k in _COUNTS]
    rows: list[dict[str, Any]] = [
        {"band": c.band, "sex": str(c.sex), **c.counts.to_dict()} for c in report.cells
    ]
    rows.append({"band": "Jumlah", "sex": "", **report.total.to_dict()})
    ratios = [
        {"ratio": k, "percent": None if v is None else round(100 * v, 1)}
        for k, v in report.total.ratios().items()
    ]
    tables = [
        ReportTable(
            title_id="Hasil penimbangan (SKDN)",
            title_en="Weighing results (SKDN)",
            columns=tuple(counts),
            rows=tuple(rows),
            note_id=_COUNTS_NOTE[0],
            note_en=_COUNTS_NOTE[1],
        ),
        ReportTable(
            title_id="Indikator",
            title_en="Indicators",
            columns=(
                Column("ratio", "Indikator", "Indicator"),
                Column("percent", "%", "%"),
            ),
            rows=tuple(ratios),
        ),
    ]
    for key, (title_id, title_en) in _LISTS.items():
        children = report.lists.get(key, ())
        tables.append(
            ReportTable(
                title_id=title_id,
                title_en=title_en,
                columns=_LIST_COLUMNS,
                rows=tuple(
                    {
                        "no": i,
                        **child.to_dict(),
                        "category": _category_label(key, child.category),
                    }
                    for i, child in enumerate(children, start=1)
                ),
            )
        )
    header = (
        ("Posyandu", "Posyandu", posyandu_name or report.posyandu or "(semua)"),
        ("Desa/Kelurahan", "Village", kelurahan or ""),
        ("Kecamatan", "District", kecamatan or ""),
        ("Bulan", "Month", str(report.month)),
    )
    return PrintableReport(
        title_id="LAPORAN BULANAN KEGIATAN POSYANDU (SKDN)",
        title_en="MONTHLY POSYANDU REPORT (SKDN)",
        header=header,
        tables=tuple(tables),
        place=place,
        signed_on=signed_on,
    )


# -- cells ----------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, list | tuple | frozenset | set):
        value = ";".join(str(_cell(v)) for v in value)
    if not isinstance(value, str | int | float | dt.date):
        value = str(value)  # a month, a code …: printed as it reads
    if isinstance(value, str):
        try:
            return (
                dt.date.fromisoformat(value) if len(value) == 10 else safe_text(value)
            )
        except ValueError:
            return safe_text(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _text(value: Any) -> str:
    value = _cell(value)
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _heading(report: PrintableReport, language: Language) -> list[str]:
    lines = []
    for label_id, label_en, value in report.header:
        if label_id == "Bulan":
            with contextlib.suppress(ValueError):
                value = _month_text(Month.parse(value), language)
        lines.append(f"{label_id if language == 'id' else label_en}: {value}")
    return lines


def _signed(report: PrintableReport, language: Language) -> str:
    when = ""
    if report.signed_on:
        months = MONTHS_ID if language == "id" else None
        when = (
            f"{report.signed_on.day} {months[report.signed_on.month - 1]} {report.signed_on.year}"
            if months
            else report.signed_on.strftime("%d %B %Y")
        )
    blank = "...................."
    return f"{report.place or blank}, {when or blank}"


# -- xlsx -------------------------------------------------------------------------


def write_report_xlsx(
    report: PrintableReport,
    destination: Destination,
    *,
    language: Language = "id",
    timestamp: dt.datetime = FIXED_TIME,
) -> None:
    """Write the report as one worksheet laid out for printing (A4 portrait)."""
    openpyxl = require("openpyxl")
    styles = require("openpyxl.styles")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Laporan" if language == "id" else "Report"
    bold = styles.Font(bold=True)
    thin = styles.Side(style="thin")
    border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append([report.title_id if language == "id" else report.title_en])
    sheet["A1"].font = styles.Font(bold=True, size=14)
    for line in _heading(report, language):
        sheet.append([line])
    widths: dict[int, int] = {}
    for table in report.tables:
        sheet.append([])
        sheet.append([table.title_id if language == "id" else table.title_en])
        sheet.cell(sheet.max_row, 1).font = bold
        sheet.append([c.label(language) for c in table.columns])
        for cell in sheet[sheet.max_row]:
            cell.font, cell.border = bold, border
            cell.fill = styles.PatternFill("solid", fgColor="DDDDDD")
        if not table.rows:
            sheet.append([table.empty_id if language == "id" else table.empty_en])
        for row in table.rows:
            sheet.append([_cell(row.get(c.key)) for c in table.columns])
            for cell in sheet[sheet.max_row]:
                cell.border = border
                if isinstance(cell.value, dt.date):
                    cell.number_format = "dd-mm-yyyy"
        note = table.note_id if language == "id" else table.note_en
        for line in note.splitlines():
            sheet.append([line])
            sheet.cell(sheet.max_row, 1).font = styles.Font(italic=True, size=8)
        for i, c in enumerate(table.columns, start=1):
            longest = max(
                [
                    len(c.label(language)),
                    *(len(_text(r.get(c.key))) for r in table.rows),
                ]
            )
            widths[i] = max(widths.get(i, 0), min(longest + 2, 40))
    sheet.append([])
    sheet.append([_signed(report, language)])
    roles = report.signatures
    sheet.append([r[0] if language == "id" else r[1] for r in roles])
    for _ in range(3):
        sheet.append([])
    sheet.append(["(" + "." * 28 + ")" for _ in roles])
    for i, width in widths.items():
        sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width = width
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    save_workbook(book, destination, timestamp)


# -- PDF --------------------------------------------------------------------------

_PAGE: Final = (8.27, 11.69)  # A4 portrait, inches
_WIDE: Final = 9  # more columns than this print on A4 landscape
_MARGIN: Final = 0.6
_LINE: Final = 0.22  # row height, inches


class _Pages:
    """A cursor over A4 pages drawn with matplotlib (text and ruled cells)."""

    def __init__(
        self, pdf: Any, figure_module: Any, size: tuple[float, float] = _PAGE
    ) -> None:
        self.pdf, self.figure_module, self.size = pdf, figure_module, size
        self.figure: Any = None
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        if self.figure is not None:
            self.pdf.savefig(self.figure)
        self.figure = self.figure_module.Figure(figsize=self.size)
        self.y = self.size[1] - _MARGIN

    def need(self, height: float) -> None:
        if self.y - height < _MARGIN:
            self.new_page()

    def text(self, x: float, text: str, **kwargs: Any) -> None:
        width, height = self.size
        self.figure.text(x / width, self.y / height, text, va="top", **kwargs)

    def close(self) -> None:
        self.pdf.savefig(self.figure)


def _line(pages: _Pages, x0: float, x1: float, y0: float, y1: float) -> Any:
    lines = require("matplotlib.lines")
    width, height = pages.size
    return lines.Line2D(
        [x0 / width, x1 / width], [y0 / height, y1 / height],
        transform=pages.figure.transFigure, color="black", linewidth=0.5,
    )  # fmt: skip


def _table(pages: _Pages, table: ReportTable, language: Language) -> None:
    width = pages.size[0] - 2 * _MARGIN
    labels = [c.label(language) for c in table.columns]
    texts = [[_text(r.get(c.key)) for c in table.columns] for r in table.rows]
    # Column width in proportion to its longest text (bold headers run wider).
    weights = [
        max([1.15 * len(label), *(len(t[i]) for t in texts)]) + 1.5
        for i, label in enumerate(labels)
    ]
    total = sum(weights)
    xs = [_MARGIN]
    for w in weights:
        xs.append(xs[-1] + width * w / total)
    size = 7 if len(labels) > 6 else 8

    def row(cells: Sequence[str], weight: str = "normal") -> None:
        pages.need(_LINE)
        top = pages.y
        for x, text in zip(xs, cells, strict=False):
            pages.figure.text((x + 0.04) / pages.size[0], (top - 0.05) / pages.size[1], text,
                              va="top", fontsize=size, weight=weight)  # fmt: skip
        bottom = top - _LINE
        for y in (top, bottom):
            pages.figure.add_artist(_line(pages, xs[0], xs[-1], y, y))
        for x in xs:
            pages.figure.add_artist(_line(pages, x, x, top, bottom))
        pages.y = bottom

    pages.need(3 * _LINE)
    pages.y -= 0.1
    pages.text(_MARGIN, table.title_id if language == "id" else table.title_en,
               fontsize=10, weight="bold")  # fmt: skip
    pages.y -= _LINE
    row(labels, "bold")
    if not texts:
        pages.text(_MARGIN + 0.04, table.empty_id if language == "id" else table.empty_en,
                   fontsize=size, style="italic")  # fmt: skip
        pages.y -= _LINE
    for cells in texts:
        row(cells)
    note = table.note_id if language == "id" else table.note_en
    lines = note.splitlines()
    for line in lines:
        pages.need(_LINE)
        pages.y -= 0.05
        pages.text(_MARGIN, line, fontsize=6.5, style="italic", wrap=True)
        pages.y -= _LINE if len(line) < 160 else 2 * _LINE
    if lines:
        pages.y -= _LINE


def _render(report: PrintableReport, pdf: Any, language: Language) -> None:
    """Lay the report out on A4 pages; ``pdf.savefig(figure)`` takes each page."""
    widest = max((len(t.columns) for t in report.tables), default=0)
    size = _PAGE if widest <= _WIDE else (_PAGE[1], _PAGE[0])
    pages = _Pages(pdf, require("matplotlib.figure"), size)
    pages.text(size[0] / 2, report.title_id if language == "id" else report.title_en,
               fontsize=13, weight="bold", ha="center")  # fmt: skip
    pages.y -= 0.4
    for line in _heading(report, language):
        pages.text(_MARGIN, line, fontsize=10)
        pages.y -= _LINE
    for table in report.tables:
        _table(pages, table, language)
    pages.need(1.6)
    pages.y -= 0.3
    roles = report.signatures
    step = (size[0] - 2 * _MARGIN) / max(len(roles), 1)
    pages.text(_MARGIN + step * (len(roles) - 1), _signed(report, language), fontsize=9)
    pages.y -= _LINE
    for i, (role_id, role_en) in enumerate(roles):
        pages.text(
            _MARGIN + step * i, role_id if language == "id" else role_en, fontsize=9
        )
    pages.y -= 0.9
    for i in range(len(roles)):
        pages.text(_MARGIN + step * i, "(" + "." * 30 + ")", fontsize=9)
    pages.close()


def write_report_pdf(
    report: PrintableReport, destination: Destination, *, language: Language = "id"
) -> None:
    """Write the report as an A4 PDF: title block, tables, signature lines."""
    backend = require("matplotlib.backends.backend_pdf")
    metadata = {"CreationDate": None, "ModDate": None, "Producer": "posyandu-core"}
    with backend.PdfPages(destination, metadata=metadata) as pdf:
        _render(report, pdf, language)


def write_skdn_report(
    register: Register,
    destination: Destination,
    *,
    month: Month | str | None = None,
    posyandu: str | None = None,
    posyandu_name: str | None = None,
    kelurahan: str | None = None,
    kecamatan: str | None = None,
    place: str = "",
    signed_on: dt.date | None = None,
    language: Language = "id",
    format: Literal["xlsx", "pdf"] | None = None,
    timestamp: dt.datetime = FIXED_TIME,
) -> None:
    """Write the SKDN monthly report of ``month`` as ``.xlsx`` or ``.pdf``.

    ``month`` defaults to the month of the register's last visit; the
    counts and lists are :func:`posyandu_core.plugins.kesehatan.skdn.skdn_report`'s.
    """
    kind = (format or Path(destination).suffix.lstrip(".")).lower()
    if kind not in ("xlsx", "pdf"):
        msg = f"unknown report format {kind!r}"
        raise ExportError(
            msg,
            message_id=f"format laporan {kind!r} tidak dikenal",
            field="format",
            value=kind,
            fix="use .xlsx or .pdf",
            fix_id="pakai .xlsx atau .pdf",
        )
    if month is None:
        dates = [r.visit_date for r in register.rows if r.visit_date]
        if not dates:
            msg = "the register has no visit dates"
            raise ExportError(
                msg,
                message_id="register tanpa tanggal kunjungan",
                field="month",
                fix="pass month='YYYY-MM'",
                fix_id="beri month='YYYY-MM'",
            )
        month = Month.of(max(dates))
    report = skdn_printable(
        skdn_report(register, month, posyandu=posyandu),
        posyandu_name=posyandu_name,
        kelurahan=kelurahan,
        kecamatan=kecamatan,
        place=place,
        signed_on=signed_on,
    )
    if kind == "xlsx":
        write_report_xlsx(report, destination, language=language, timestamp=timestamp)
    else:
        write_report_pdf(report, destination, language=language)
