"""Register-wide validation rule: recorded immunization doses."""

from __future__ import annotations

import numpy as np

from posyandu_core.plugins.kesehatan import _columns as col
from posyandu_core.plugins.kesehatan._doses import ScheduleArrays, count
from posyandu_core.plugins.kesehatan.immunization import (
    count_doses,
    counted_issues,
    dose_cells,
    doses_from_cells,
    located_in,
    register_doses,
)
from posyandu_core.plugins.kesehatan.schedule import load_schedule
from posyandu_core.register import Register
from posyandu_core.rules import Issue, Severity

__all__ = ["check_doses_in_register"]


def check_doses_in_register(register: Register) -> list[Issue]:
    """Check every recorded dose: known code, not too early, not too soon.

    Each person is evaluated on the date of their last dose, so only doses
    recorded in the register are judged (none is reported as missing here).
    Only the rows recording doses are read, from the register's columns;
    the doses are counted for everyone at once (:mod:`._doses`), persons
    with irregular doses one by one.
    """
    if not register.has("immunizations"):  # nothing to check (zscores' chunks)
        return []
    with located_in(register):
        return _check(register)


def _check(register: Register) -> list[Issue]:
    schedule = load_schedule()
    arrays = ScheduleArrays.of(schedule)
    entries = register_doses(register, arrays, packaged=True)
    ident = col.identity(register)
    birth = register.column("birth_date")
    known = ident[entries.person]
    chosen = np.flatnonzero(known >= 0)
    counted = count(entries, arrays, chosen, birth[known[chosen]])
    found = counted_issues(entries, counted, arrays)
    irregular = dose_cells(register, only=entries.irregular)
    issues: list[Issue] = []
    for person in np.flatnonzero(entries.has_doses & (ident >= 0)).tolist():
        if not entries.irregular[person]:
            checked = found.get(person, [])
        else:
            born = birth[ident[person]].item()
            doses, read = doses_from_cells(irregular.get(person, ()), schedule)
            issues.extend(read)
            last = max((d.date for d in doses), default=born)
            _, _, checked = count_doses(doses, born, last, schedule=schedule)
        # A register often starts after a child's first doses (they sit in
        # the Buku KIA): a missing previous dose is not a register problem.
        issues.extend(i for i in checked if i.severity is not Severity.INFO)
    return issues
