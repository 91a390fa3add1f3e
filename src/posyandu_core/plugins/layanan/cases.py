"""The case file: one row per step of a case, Indonesian headers.

A case starts with a ``dicatat`` row giving its Posyandu, case type and
requester; each later row is one step (status, date, who). Every row goes
through the workflow of ``kasus.toml``: an impossible move is a located error.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable

import attrs

from posyandu_core._files import csv_writer
from posyandu_core.errors import CaseTransitionError, InputFileError, texts_of
from posyandu_core.model import Bidang, Case, CaseStatus, WorkingCalendar
from posyandu_core.model.case import case_types
from posyandu_core.plugins._files import Field, Record, Schema, read_table
from posyandu_core.plugins.wilayah.hierarchy import PosyanduRegistry, posyandu_of

__all__ = [
    "CASE_FILE",
    "OverdueCase",
    "open_cases",
    "overdue_cases",
    "read_cases",
    "write_cases",
]

CASE_FILE = Schema(
    name="kasus",
    fields=(
        Field(name="id_kasus", required=True, description="case number", aliases=("case_id",)),
        Field(name="status", required=True, description="dicatat, diverifikasi, diajukan_pemdes, diteruskan_opd, ditindaklanjuti, selesai, ditolak, dibuka_kembali"),
        Field(name="tanggal", kind="date", required=True, description="date of the step", aliases=("date",)),
        Field(name="oleh", description="who took the step (kader, Pemdes, OPD)", aliases=("by",)),
        Field(name="posyandu", description="registration number or name (first row)"),
        Field(name="jenis_kasus", description="case type id, e.g. perumahan.rtlh (first row)", aliases=("case_type",)),
        Field(name="bidang", description="canonical bidang (optional; follows from the case type)"),
        Field(name="pemohon", description="requester (person id or name)", aliases=("requester",)),
        Field(name="no_kk", description="requester's household (Nomor KK)", aliases=("household",)),
        Field(name="dokumen", kind="list", description="documents collected, ;-separated codes", aliases=("documents",)),
        Field(name="catatan", description="note", aliases=("note",)),
    ),
)  # fmt: skip


def _first(record: Record, registry: PosyanduRegistry | None) -> Case:
    types = case_types()
    for column in ("posyandu", "jenis_kasus"):
        if record.get(column) is None:
            raise record.error(
                field=column,
                message=f"the first row of a case needs {column}",
                message_id=f"baris pertama kasus perlu {column}",
                fix=f"fill in {column}",
                fix_id=f"isi kolom {column}",
            )
    kind = types.get(record.get("jenis_kasus"))
    if kind is None:
        raise record.error(
            field="jenis_kasus",
            message="unknown case type",
            message_id="jenis kasus tidak dikenal",
            fix="use one of " + ", ".join(types),
            fix_id="pakai salah satu dari " + ", ".join(types),
        )
    bidang = Bidang(kind["bidang"])
    given = record.get("bidang")
    if given is not None and given.strip().lower() != bidang.value:
        raise record.error(
            field="bidang",
            message=f"bidang does not match the case type ({bidang.value})",
            message_id=f"bidang tidak cocok dengan jenis kasus ({bidang.value})",
            fix=f"write {bidang.value} or leave it empty",
            fix_id=f"tulis {bidang.value} atau kosongkan",
        )
    posyandu = posyandu_of(record, registry)
    if record.get("status") != CaseStatus.DICATAT.value:
        raise record.error(
            field="status",
            message="a new case starts with dicatat",
            message_id="kasus baru harus dimulai dengan dicatat",
            fix="add its dicatat row first",
            fix_id="tambahkan dulu baris dicatat-nya",
        )
    return Case(
        id=record.get("id_kasus"),
        bidang=bidang,
        category=kind["id"],
        requester_id=record.get("pemohon"),
        submitted_on=record.get("tanggal"),
        documents=record.get("dokumen") or (),
        posyandu=posyandu,
        household_id=record.get("no_kk"),
        recorded_by=record.get("oleh") or "",
    )


def cases_from_records(
    records: Iterable[Record], registry: PosyanduRegistry | None = None
) -> list[Case]:
    """Replay rows (in file order) into cases through the workflow."""
    cases: dict[str, Case] = {}
    for record in records:
        case_id = record.get("id_kasus")
        case = cases.get(case_id)
        if case is None:
            cases[case_id] = _first(record, registry)
            continue
        try:
            case = case.advance(
                record.get("status"),
                record.get("tanggal"),
                record.get("catatan") or "",
                by=record.get("oleh") or "",
            )
        except CaseTransitionError as exc:
            why_id, why = texts_of(exc)
            msg = f"{record.source}: {why}"
            raise InputFileError(
                msg,
                message_id=f"{record.source}: {why_id}",
                row=record.row,
                field=exc.field,
                value=exc.value,
                fix=exc.fix,
                fix_id=exc.fix_id,
            ) from None
        extra = tuple(d for d in record.get("dokumen") or () if d not in case.documents)
        cases[case_id] = attrs.evolve(case, documents=case.documents + extra)
    return list(cases.values())


def read_cases(
    path: str | os.PathLike[str], registry: PosyanduRegistry | None = None
) -> list[Case]:
    """Read a case file (CSV or xlsx, sheet ``kasus``) into :class:`Case` objects.

    Parameters
    ----------
    path : path
        The file.
    registry : PosyanduRegistry or None
        If given, every case's Posyandu must be in it (stored by number).

    Raises
    ------
    InputFileError
        A cell cannot be read, a case lacks its first row, its case type is
        unknown, or a step is not allowed by the workflow (row, column, value
        and the allowed moves are named).
    """
    return cases_from_records(read_table(path, CASE_FILE), registry)


def open_cases(
    source: str | os.PathLike[str] | Iterable[Case],
    *,
    registry: PosyanduRegistry | str | os.PathLike[str] | None = None,
) -> list[Case]:
    """Open cases the way ``api.open_register`` opens a register: a file or objects.

    A case file is not a register (its rows are steps of a request, not
    visits of a person: no sex, birth date or measurement), so it has its own
    reader rather than a register ``Reader``; like ``open_register`` it takes
    a CSV or xlsx path (``;``/``,``, UTF-8, the sheet ``kasus`` or the first)
    or model objects, and refuses a bad file with an ``InputFileError``
    naming the row, the column, the value and the fix.

    Parameters
    ----------
    source : path or iterable of Case
        A case file, or :class:`~posyandu_core.model.Case` objects (an app's).
    registry : PosyanduRegistry, path or None
        The Posyandu registry (or its file) every case's Posyandu must be in.

    Examples
    --------
    >>> from importlib.resources import files
    >>> kasus = files("posyandu_core").joinpath("data", "sample", "kota", "kasus.csv")
    >>> cases = open_cases(str(kasus))
    >>> len(cases) == len(open_cases(cases)), cases[0].id
    (True, 'KS-001')
    """
    from posyandu_core.plugins.wilayah.hierarchy import read_posyandu

    known = (
        read_posyandu(registry) if isinstance(registry, str | os.PathLike) else registry
    )
    if isinstance(source, str | os.PathLike):
        return read_cases(source, known)
    cases = list(source)
    for number, case in enumerate(cases, start=1):
        if known and case.posyandu and known.find(case.posyandu) is None:
            msg = f"Posyandu {case.posyandu!r} is not in the registry"
            raise InputFileError(
                msg,
                message_id=f"Posyandu {case.posyandu!r} tidak ada di daftar Posyandu",
                row=number,
                field="posyandu",
                value=case.posyandu,
                fix="use a registration number of posyandu.csv",
                fix_id="pakai nomor registrasi yang ada di posyandu.csv",
            )
    return cases


def write_cases(cases: Iterable[Case], path: str | os.PathLike[str]) -> None:
    """Write cases to a case file (CSV, UTF-8), one row per step.

    The file reads back with :func:`read_cases` into equal cases.
    """
    header = [f.name for f in CASE_FILE.fields]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv_writer(handle)
        writer.writerow(header)

        def write(cells: dict[str, str]) -> None:
            writer.writerow([cells.get(name, "") for name in header])

        for case in cases:
            write(
                {
                    "id_kasus": case.id,
                    "status": CaseStatus.DICATAT.value,
                    "tanggal": case.submitted_on.isoformat(),
                    "oleh": case.recorded_by,
                    "posyandu": case.posyandu or "",
                    "jenis_kasus": case.category,
                    "bidang": case.bidang.value,
                    "pemohon": case.requester_id or "",
                    "no_kk": case.household_id or "",
                    "dokumen": ";".join(case.documents),
                    "catatan": "",
                }
            )
            for event in case.history:
                write(
                    {
                        "id_kasus": case.id,
                        "status": event.status.value,
                        "tanggal": event.date.isoformat(),
                        "oleh": event.by,
                        "catatan": event.note,
                    }
                )


@attrs.frozen(kw_only=True)
class OverdueCase:
    """A case whose Posyandu-side handling is past its due date."""

    case: Case
    start: dt.date
    due: dt.date
    working_days_late: int


def overdue_cases(
    cases: Iterable[Case], on: dt.date, calendar: WorkingCalendar | None = None
) -> list[OverdueCase]:
    """Return the cases overdue on ``on`` (open, past the due date), most late first."""
    cal = calendar or WorkingCalendar()
    found = []
    for case in cases:
        for episode in case.episodes(cal):
            if episode.overdue_on(on):
                late = cal.count(episode.due, on, case.posyandu)
                found.append(
                    OverdueCase(
                        case=case,
                        start=episode.start,
                        due=episode.due,
                        working_days_late=late,
                    )
                )
    return sorted(found, key=lambda o: (-o.working_days_late, o.case.id))
