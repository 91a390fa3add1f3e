"""register_commands: a top-level command and a sub-command under ``report``."""

from __future__ import annotations

import argparse

from posyandu_core import api
from posyandu_core.cli import main
from posyandu_core.hookspecs import Command, Registrar, hookimpl
from posyandu_core.testing import installed


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("register", help="register CSV")


def count_people(args: argparse.Namespace) -> int:
    register = api.open_register(args.register)
    print(f"{len(register.by_person())} orang / people")
    return 0


class CountPlugin:
    @hookimpl
    def register_commands(self, register: Registrar[Command]) -> None:
        register(
            Command(
                name="hitung",
                help="count people",
                configure=configure,
                run=count_people,
            )
        )
        register(
            Command(
                name="orang", help="count people (a report sub-command)",
                configure=configure, run=count_people, parent="report",
            )
        )  # fmt: skip


sample = "src/posyandu_core/data/sample/register.csv"
with installed(CountPlugin()):
    assert main(["hitung", sample]) == 0
    assert main(["report", "orang", sample]) == 0
