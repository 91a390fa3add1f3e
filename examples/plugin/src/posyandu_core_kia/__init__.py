"""Example posyandu_core plugin: Buku KIA ownership.

Every function marked ``@hookimpl`` whose name matches a hook in
``posyandu_core.hookspecs`` is called by the host. This plugin contributes
one of each kind a bidang plugin usually needs: a rule, a service with
findings, a report, a register column, an exporter and commands.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from posyandu_core import api
from posyandu_core.hookspecs import (
    Column,
    Command,
    Exporter,
    Option,
    RegisterColumn,
    Registrar,
    Report,
    Rule,
    Service,
    Table,
    hookimpl,
)
from posyandu_core.model import Finding, completed_months
from posyandu_core.register import Register, RegisterRow
from posyandu_core.rules import ROW, Issue, Severity


def _under_five_without_kia(row: RegisterRow) -> bool:
    if row.birth_date is None or row.visit_date is None or row.has_kia is not False:
        return False
    return 0 <= completed_months(row.birth_date, row.visit_date) < 60


def check_kia(row: RegisterRow) -> Iterator[Issue]:
    """An under-five whose row says they have no Buku KIA gets a warning."""
    if _under_five_without_kia(row):
        yield Issue(
            severity=Severity.WARNING,
            code="kia.missing",
            row=row.row,
            field="has_kia",
            value=row.raw.get("has_kia"),
            message_id="balita belum memiliki Buku KIA: bantu orang tua mendapatkannya",
            message_en="under-five without a Buku KIA: help the parents get one",
        )


def _latest(register: Register, as_of: dt.date) -> Iterator[RegisterRow]:
    """Each person's last row seen on or before ``as_of``."""
    for rows in register.by_person().values():
        seen = [r for r in rows if r.visit_date and r.visit_date <= as_of]
        if seen:
            yield seen[-1]


def kia_findings(register: Register, as_of: dt.date) -> Iterator[Finding]:
    """A finding for each under-five whose latest row says: no Buku KIA."""
    for row in _latest(register, as_of):
        if _under_five_without_kia(row) and row.visit_date is not None:
            yield Finding(
                code="kia.belum_punya",
                label_id="Belum punya Buku KIA: minta ke bidan desa",
                label_en="No Buku KIA yet: ask the village midwife for one",
                severity="info",
                rule="kia.distribusi@2025",
                person_id=row.person_id,
                date=row.visit_date,
                details={"kia_number": api.column_value(row, "no_kia")},
            )


def kia_ownership(register: Register, options: Mapping[str, Any]) -> Table:
    """Under-fives and Buku KIA owners per Posyandu, on the as-of date."""
    as_of = options["as_of"] or max(
        (r.visit_date for r in register.rows if r.visit_date), default=dt.date.today()
    )
    children: Counter[str] = Counter()
    owners: Counter[str] = Counter()
    for row in _latest(register, as_of):
        if row.birth_date and 0 <= completed_months(row.birth_date, as_of) < 60:
            children[row.posyandu or "-"] += 1
            owners[row.posyandu or "-"] += row.has_kia is True
    return Table(
        title_id=f"Kepemilikan Buku KIA per {as_of}",
        title_en=f"Buku KIA ownership on {as_of}",
        columns=(
            Column(key="posyandu", label_id="posyandu", label_en="posyandu"),
            Column(
                key="balita", label_id="balita", label_en="under-fives", kind="number"
            ),
            Column(
                key="kia", label_id="punya KIA", label_en="own a KIA", kind="number"
            ),
        ),
        rows=[
            {"posyandu": p, "balita": n, "kia": owners[p]}
            for p, n in sorted(children.items())
        ],
    )


def write_without_kia(
    source: Register | Table, destination: Path, *, posyandu: str | None = None
) -> None:
    """The home-visit list: under-fives without a Buku KIA, one per line."""
    if not isinstance(source, Register):
        msg = "the KIA list is written from a register"
        raise TypeError(msg)
    with destination.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["person_id", "name", "parent_name", "posyandu"])
        for row in source.rows:
            if _under_five_without_kia(row) and posyandu in (None, row.posyandu):
                writer.writerow(
                    [row.person_id, row.name, row.parent_name, row.posyandu]
                )


@hookimpl
def register_rules(register: Registrar[Rule]) -> None:
    """Register the Buku KIA rule."""
    register(
        Rule(
            id="kia.ownership",
            target=ROW,
            check=check_kia,
            description="Every under-five should own a Buku KIA",
        )
    )


@hookimpl
def register_services(register: Registrar[Service]) -> None:
    """Register the Buku KIA distribution service and what it finds."""
    register(
        Service(
            id="kia.distribusi",
            bidang="kesehatan",
            name_id="Distribusi Buku KIA",
            name_en="Buku KIA distribution",
            sasaran=("BUMIL", "BALITA"),
            findings=kia_findings,
        )
    )


@hookimpl
def register_reports(register: Registrar[Report]) -> None:
    """Register ``posyandu report kia``."""
    register(
        Report(
            id="kia",
            title_id="Kepemilikan Buku KIA",
            title_en="Buku KIA ownership",
            build=kia_ownership,
            options=(
                Option(name="as_of", type=dt.date, help="default: the last visit"),
            ),
        )
    )


@hookimpl
def register_columns(register: Registrar[RegisterColumn]) -> None:
    """Register the Buku KIA number column."""
    register(
        RegisterColumn(
            name="no_kia",
            type="text",
            label_id="Nomor Buku KIA",
            label_en="Buku KIA number",
            aliases=("Nomor KIA", "no_buku_kia"),
        )
    )


@hookimpl
def register_exporters(register: Registrar[Exporter]) -> None:
    """Register ``posyandu export --format kia-list``."""
    register(
        Exporter(
            id="kia-list",
            name="Under-fives without a Buku KIA (home-visit list, CSV)",
            suffix=".csv",
            write=write_without_kia,
            options=(Option(name="posyandu", help="only this Posyandu"),),
        )
    )


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("register")


def _run(args: argparse.Namespace) -> int:
    register = api.open_register(args.register)
    without = {r.person_id for r in register.rows if r.has_kia is False}
    print(f"{len(without)} people without a Buku KIA")
    return 0


@hookimpl
def register_commands(register: Registrar[Command]) -> None:
    """Register ``posyandu kia`` and ``posyandu report kia-count``."""
    register(
        Command(
            name="kia",
            help="count people without a Buku KIA",
            configure=_configure,
            run=_run,
        )
    )
    register(
        Command(
            name="kia-count",
            help="count people without a Buku KIA (under 'report')",
            configure=_configure,
            run=_run,
            parent="report",
        )
    )
