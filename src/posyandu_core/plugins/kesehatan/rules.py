"""Register-wide validation rule: recorded immunization doses."""

from __future__ import annotations

from posyandu_core.plugins.kesehatan import _columns as col
from posyandu_core.plugins.kesehatan.immunization import (
    count_doses,
    dose_cells,
    doses_from_cells,
)
from posyandu_core.plugins.kesehatan.schedule import load_schedule
from posyandu_core.register import Register
from posyandu_core.rules import Issue, Severity

__all__ = ["check_doses_in_register"]


def check_doses_in_register(register: Register) -> list[Issue]:
    """Check every recorded dose: known code, not too early, not too soon.

    Each person is evaluated on the date of their last dose, so only doses
    recorded in the register are judged (none is reported as missing here).
    Only the rows recording doses are read, from the register's columns.
    """
    if not register.has("immunizations"):  # nothing to check (zscores' chunks)
        return []
    schedule = load_schedule()
    ident = col.identity(register)
    birth = register.column("birth_date")
    issues: list[Issue] = []
    for person, cells in sorted(dose_cells(register).items()):
        row = ident[person]
        if row < 0:
            continue
        born = birth[row].item()
        doses, found = doses_from_cells(cells, schedule)
        issues.extend(found)
        last = max((d.date for d in doses), default=born)
        _, _, checked = count_doses(doses, born, last, schedule=schedule)
        # A register often starts after a child's first doses (they sit in
        # the Buku KIA): a missing previous dose is not a register problem.
        issues.extend(i for i in checked if i.severity is not Severity.INFO)
    return issues
