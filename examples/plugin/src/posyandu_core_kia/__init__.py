"""Example posyandu_core plugin: Buku KIA ownership.

Every function marked ``@hookimpl`` whose name matches a hook in
``posyandu_core.hookspecs`` is called by the host.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from posyandu_core.hookspecs import Command, Registrar, Rule, Service, hookimpl
from posyandu_core.model import completed_months
from posyandu_core.register import RegisterRow, read_register
from posyandu_core.rules import ROW, Issue, Severity


def check_kia(row: RegisterRow) -> Iterator[Issue]:
    """An under-five whose row says they have no Buku KIA gets a warning."""
    if row.birth_date and row.visit_date and row.has_kia is False:
        months = completed_months(row.birth_date, row.visit_date)
        if 0 <= months < 60:
            yield Issue(
                severity=Severity.WARNING,
                code="kia.missing",
                row=row.row,
                field="has_kia",
                value=row.raw.get("has_kia"),
                message_id="balita belum memiliki Buku KIA: bantu orang tua mendapatkannya",
                message_en="under-five without a Buku KIA: help the parents get one",
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
    """Register the Buku KIA distribution service."""
    register(
        Service(
            id="kia.distribusi",
            bidang="kesehatan",
            name_id="Distribusi Buku KIA",
            name_en="Buku KIA distribution",
            sasaran=("BUMIL", "BALITA"),
        )
    )


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("register")


def _run(args: argparse.Namespace) -> int:
    register = read_register(args.register)
    without = {r.person_id for r in register.rows if r.has_kia is False}
    print(f"{len(without)} people without a Buku KIA")
    return 0


@hookimpl
def register_commands(register: Registrar[Command]) -> None:
    """Register ``posyandu kia``."""
    register(
        Command(
            name="kia",
            help="count people without a Buku KIA",
            configure=_configure,
            run=_run,
        )
    )
