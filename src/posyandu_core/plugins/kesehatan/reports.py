"""The kesehatan reports, each a :class:`~posyandu_core.hookspecs.Report`.

SKDN (:func:`.skdn.skdn_report`), the KMS growth-monitoring table
(:func:`.growth_monitoring.monitor_register`), the immunization status and
open-day list (:mod:`.immunization`) and the life-cycle counts: this module
only lays each result out as a table. ``posyandu kms`` and ``posyandu
imunisasi`` are aliases of ``posyandu report kms`` and ``report imunisasi``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from posyandu_core.errors import NoMatchError
from posyandu_core.hookspecs import Column, ColumnRows, Option, Report, Table
from posyandu_core.plugins._files import columns
from posyandu_core.register import Register, check_month, check_on, match_posyandu

if TYPE_CHECKING:
    from posyandu_core.model import Issue

__all__ = [
    "IMUNISASI",
    "KMS",
    "LIFECYCLE",
    "SKDN",
    "SKDN_COLUMNS",
    "build_imunisasi",
    "build_kms",
    "build_lifecycle",
    "build_skdn",
]


_COUNTS = (
    ("S", "S (sasaran balita)", "S (under-fives)"),
    ("K", "K (punya KIA/KMS)", "K (own a KIA/KMS)"),
    ("D", "D (ditimbang)", "D (weighed)"),
    ("N", "N (naik)", "N (gained)"),
    ("T", "T (tidak naik)", "T (no gain)"),
    ("O", "O (tidak ditimbang bulan lalu)", "O (not weighed last month)"),
    ("B", "B (baru)", "B (new)"),
    ("BGM", "BGM (bawah garis merah)", "BGM (below the red line)"),
    ("2T", "2T (dua kali tidak naik)", "2T (no gain twice)"),
    ("VITA_S", "sasaran vitamin A (Feb/Agu)", "vitamin A target (Feb/Aug)"),
    ("VITA_D", "diberi vitamin A", "vitamin A given"),
)
SKDN_COLUMNS = (
    Column(key="posyandu", label_id="posyandu", label_en="posyandu"),
    Column(key="month", label_id="bulan", label_en="month", kind="date"),
    Column(key="band", label_id="umur (bln)", label_en="age (months)"),
    Column(key="sex", label_id="JK", label_en="sex"),
    *(Column(key=k, label_id=i, label_en=e, kind="number") for k, i, e in _COUNTS),
)


def parse_month(text: str) -> Any:
    """Read ``YYYY-MM`` or ``MM/YYYY`` as a report month.

    Examples
    --------
    >>> str(parse_month("05/2025")), str(parse_month("2025-05"))
    ('2025-05', '2025-05')
    """
    from posyandu_core.plugins.kesehatan._month import Month

    month, slash, year = text.strip().partition("/")
    return Month.parse(f"{year}-{month}" if slash else text.strip())


def build_skdn(register: Register, options: Mapping[str, Any]) -> Table:
    """Build the SKDN table of ``options["month"]`` from a register."""
    from posyandu_core.plugins.kesehatan.growth_monitoring import (
        GrowthMonitoringConfig,
    )
    from posyandu_core.plugins.kesehatan.skdn import skdn_report
    from posyandu_core.plugins.kesehatan.text import render_skdn

    config = GrowthMonitoringConfig.from_data(kbm_variant=options.get("kbm"))
    check_month(register, str(options["month"]))
    report = skdn_report(
        register,
        options["month"],
        posyandu=match_posyandu(register, options.get("posyandu")),
        config=config,
    )
    where = {"posyandu": report.posyandu or "", "month": str(report.month)}
    rows = [
        {**where, "band": c.band, "sex": str(c.sex), **c.counts.to_dict()}
        for c in report.cells
    ]
    rows.append({**where, "band": "total", "sex": "", **report.total.to_dict()})
    # The ratios and the lists follow the counts in the text rendering.
    text = render_skdn(report).splitlines()
    notes = tuple(text[2 + len(report.cells) + 1 :])
    return Table(
        title_id=f"Laporan SKDN {report.month}",
        title_en=f"SKDN monthly report {report.month}",
        columns=SKDN_COLUMNS,
        rows=rows,
        notes=notes,
        data=report,
    )


_POSYANDU = Option(name="posyandu", help="hanya Posyandu ini / only this Posyandu")
_KBM = Option(
    name="kbm", help="varian tabel KBM / KBM table variant (default buku_kia_2023)"
)

SKDN = Report(
    id="skdn",
    title_id="Laporan bulanan SKDN",
    title_en="SKDN monthly report",
    build=build_skdn,
    options=(
        Option(
            name="month",
            type=parse_month,
            required=True,
            help="bulan laporan / report month, MM/YYYY or YYYY-MM",
        ),
        _POSYANDU,
        _KBM,
    ),
)


def build_lifecycle(register: Register, options: Mapping[str, Any]) -> Table:
    """Build the life-cycle monthly counts (DOMAIN §7-§10) of ``options["month"]``."""
    from posyandu_core.plugins.kesehatan.screening.reports import (
        COLUMNS,
        lifecycle_monthly_report,
    )

    check_month(register, str(options["month"]))
    report = lifecycle_monthly_report(register, options["month"])
    kinds = {"count": "number", "denominator": "number"}
    return Table(
        title_id=f"Laporan bulanan siklus hidup {report.month}",
        title_en=f"Life-cycle monthly report {report.month}",
        columns=tuple(
            Column(key=k, label_id=i, label_en=e, kind=kinds.get(k, "text"))
            for k, (i, e) in COLUMNS.items()
        ),
        rows=report.to_rows(),
        data=report,
    )


LIFECYCLE = Report(
    id="siklus-hidup",
    title_id="Laporan bulanan siklus hidup (ibu hamil, nifas, dewasa, lansia)",
    title_en="Life-cycle monthly report (pregnancy, postpartum, adults, elderly)",
    build=build_lifecycle,
    options=(
        Option(
            name="month",
            type=parse_month,
            required=True,
            help="bulan laporan / report month, MM/YYYY or YYYY-MM",
        ),
    ),
)


# -- KMS ------------------------------------------------------------------------------

_KMS_COLUMNS = columns(
    ("person_id", "id", "person_id", "id"), ("name", "nama", "name"),
    ("posyandu", "posyandu", "posyandu"), ("month", "bulan", "month"),
    ("date", "tanggal", "date", "date"), ("age_months", "umur (bln)", "age_months", "number"),
    ("weight_kg", "BB (kg)", "weight_kg", "number"), ("status", "status (N/T/O/B)", "status"),
    ("gain_g", "kenaikan (g)", "gain_g", "number"), ("kbm_g", "KBM (g)", "kbm_g", "number"),
    ("2T", "2T", "2T"), ("bgm", "BGM", "bgm"), ("above_orange", "di atas garis oranye", "above_orange"),
    ("weight_faltering", "weight faltering", "weight_faltering"),
    ("faltering_threshold_g", "ambang P5 (g)", "faltering_threshold_g", "number"),
    ("faltering_who_row", "baris WHO P5", "faltering_who_row"),
    ("waz", "z BB/U", "waz", "number"), ("haz", "z PB/TB/U", "haz", "number"),
    ("whz", "z BB/PB/TB", "whz", "number"),
    ("findings", "temuan", "findings"), ("referral", "rujukan", "referral"),
)  # fmt: skip


_FLAG = {None: "", True: "y", False: "n"}  # yes / no / not known


def issue_notes(issues: Iterable[Issue]) -> tuple[str, ...]:
    """One line per issue a report found on the way (they are never dropped).

    The row is the spreadsheet's (``sheet_row``) when the issue knows it,
    as every other message says it; else the data row.
    """
    return tuple(
        f"{i.severity.label('id')} [{i.code}]"
        + (f" baris/row {where}" if (where := i.sheet_row or i.row) else "")
        + f": {i.message_id} / {i.message_en}"
        for i in issues
    )


def _issues_of(
    register: Register, issues: list[Issue], persons: set[str] | None
) -> list[Issue]:
    """Return the issues of the rows of ``persons`` (and of no row), located.

    ``persons`` are the children the report shows (``None``: everyone): a
    note about a weighing at another Posyandu stays when its child-month is
    in this report, and a child who is not in it brings no note.
    """
    if persons is not None:
        whose = dict(
            zip(
                register.row_numbers.tolist(), register.person_ids.tolist(), strict=True
            )
        )
        issues = [i for i in issues if i.row is None or whose.get(i.row) in persons]
    return register.locate(issues)


def build_kms(register: Register, options: Mapping[str, Any]) -> Table:
    """One row per child per month: N/T/O/B, 2T, red line, faltering, findings.

    The rows are laid out from the columns of :func:`.monitor_columns`;
    ``data`` is every child's statuses (:class:`.MonthlyStatuses`), each
    built when read.
    """
    from posyandu_core.plugins.kesehatan import followup
    from posyandu_core.plugins.kesehatan._anthro import optional
    from posyandu_core.plugins.kesehatan.growth_monitoring import (
        GrowthMonitoringConfig,
        MonthlyStatuses,
        monitor_columns,
    )

    config = GrowthMonitoringConfig.from_data(kbm_variant=options.get("kbm"))
    posyandu = match_posyandu(register, options.get("posyandu"))
    columns, issues = monitor_columns(register, config=config)
    t = columns.table()
    texts = {  # one pair of texts per combination of follow-up rules
        bits: (";".join(c.removeprefix("pertumbuhan.") for c in codes), ";".join(refer))
        for bits in set(t["findings"])
        for codes, refer in [followup.summary(bits)]
    }
    findings, referral = ([texts[bits][i] for bits in t["findings"]] for i in (0, 1))
    values = {
        "person_id": t["person_id"], "name": t["name"], "posyandu": t["posyandu"],
        "month": t["month"], "date": t["date"], "age_months": t["age_months"],
        "weight_kg": t["weight_kg"], "status": t["code"], "gain_g": t["gain_g"],
        "kbm_g": t["kbm_g"], "2T": ["y" if n >= 2 else "" for n in t["t_streak"]],
        "bgm": [_FLAG[v] for v in t["below_red_line"]],
        "above_orange": [_FLAG[v] for v in t["above_orange_line"]],
        "weight_faltering": [_FLAG[v] for v in t["weight_faltering"]],
        "faltering_threshold_g": t["faltering_threshold_g"],
        "faltering_who_row": t["faltering_who_row"],
        # z-scores as numbers (to sum), already with WHO's two decimals.
        **{k: optional(getattr(columns.anthro, k)) for k in ("waz", "haz", "whz")},
        "findings": findings, "referral": referral,
    }  # fmt: skip
    persons = None
    if posyandu:
        here = [place == posyandu for place in t["posyandu"]]
        values = {k: list(itertools.compress(v, here)) for k, v in values.items()}
        persons = set(values["person_id"])
    rows = ColumnRows(values)
    return Table(
        title_id="KMS: pemantauan pertumbuhan",
        title_en="KMS: growth monitoring",
        columns=_KMS_COLUMNS,
        rows=rows,
        notes=(
            f"KBM: {config.kbm.variant}",
            *issue_notes(_issues_of(register, issues, persons)),
        ),
        data=MonthlyStatuses(columns),
    )


KMS = Report(
    id="kms",
    title_id="KMS: pemantauan pertumbuhan (N/T/O/B, 2T, BGM, weight faltering)",
    title_en="KMS: growth monitoring (N/T/O/B, 2T, BGM, weight faltering)",
    build=build_kms,
    options=(
        _KBM,
        _POSYANDU,
    ),
    aliases=("kms",),
)  # fmt: skip


# -- immunization ---------------------------------------------------------------------

_DUE_COLUMNS = columns(
    ("state", "keadaan", "state"), ("name", "nama", "name"),
    ("parent_name", "nama ortu", "parent_name"), ("age_months", "umur (bln)", "age_months", "number"),
    ("dose", "imunisasi", "dose"), ("due_on", "jadwal", "due_on", "date"),
    ("person_id", "id", "person_id", "id"),
)  # fmt: skip
_STATUS_COLUMNS = columns(
    ("person_id", "id", "person_id", "id"), ("name", "nama", "name"),
    ("age_months", "umur (bln)", "age_months", "number"), ("given", "diberikan", "given"),
    ("due", "jatuh tempo", "due"), ("overdue", "terlambat", "overdue"),
    ("idl", "IDL", "idl"), ("ibl", "IBL", "ibl"), ("issues", "masalah", "issues"),
)  # fmt: skip


def build_imunisasi(register: Register, options: Mapping[str, Any]) -> Table:
    """Per child on a date: doses given, due, overdue, IDL/IBL (or the open-day list)."""
    from posyandu_core.plugins.kesehatan.immunization import (
        immunization_status,
        open_day_list,
    )

    on: dt.date = options["on"]
    if on > dt.date.today():
        msg = f"--on: {on} is later than today ({dt.date.today()})"
        raise NoMatchError(
            msg,
            message_id=f"--on: {on} setelah hari ini ({dt.date.today()})",
            field="on",
            fix="check the year; results are never guessed ahead",
            fix_id="periksa tahunnya; hasil tidak pernah ditebak ke depan",
        )
    check_on(register, on)
    posyandu = match_posyandu(register, options.get("posyandu"))
    endemic = {e.strip().upper() for e in options.get("endemic") or ()}
    if options.get("due_list"):
        entries = open_day_list(register, on, posyandu=posyandu, endemic=endemic)
        return Table(
            title_id=f"Daftar imunisasi hari buka {on}",
            title_en=f"Immunization open-day list {on}",
            columns=_DUE_COLUMNS,
            rows=[
                {
                    "state": str(e.state), "name": e.name, "parent_name": e.parent_name,
                    "age_months": e.age_months, "dose": e.code, "due_on": e.due_on,
                    "person_id": e.person_id,
                }
                for e in entries
            ],
            data=entries,
        )  # fmt: skip
    records = immunization_status(register, on, posyandu=posyandu, endemic=endemic)
    return Table(
        title_id=f"Status imunisasi per {on}",
        title_en=f"Immunization status on {on}",
        columns=_STATUS_COLUMNS,
        rows=ColumnRows(records.summary()),
        data=records,
    )


IMUNISASI = Report(
    id="imunisasi",
    title_id="Status imunisasi per anak pada suatu tanggal (atau daftar hari buka)",
    title_en="Immunization status per child on a date (or the open-day list)",
    build=build_imunisasi,
    options=(
        Option(name="on", type=dt.date, required=True, help="tanggal evaluasi (hari buka) / evaluation date, DD/MM/YYYY"),
        _POSYANDU,
        Option(name="endemic", multiple=True, help="antigen endemis / switch on an endemic antigen (JE)"),
        Option(name="due_list", type=bool, default=False, help="daftar hari buka (jatuh tempo, terlambat) / the open-day list (due and overdue)"),
    ),
    aliases=("imunisasi",),
)  # fmt: skip
