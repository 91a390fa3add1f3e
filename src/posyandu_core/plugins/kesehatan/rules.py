"""Register-wide validation rule: recorded immunization doses."""

from __future__ import annotations

from posyandu_core.plugins.kesehatan.immunization import doses_from_rows, evaluate_child
from posyandu_core.plugins.kesehatan.schedule import load_schedule
from posyandu_core.register import Register
from posyandu_core.rules import Issue, Severity

__all__ = ["check_doses_in_register"]


def check_doses_in_register(register: Register) -> list[Issue]:
    """Check every recorded dose: known code, not too early, not too soon.

    Each person is evaluated on the date of their last row, so only doses
    recorded in the register are judged (none is reported as missing here).
    """
    if not register.has("immunizations"):  # nothing to check (zscores' chunks)
        return []
    schedule = load_schedule()
    issues: list[Issue] = []
    for rows in register.by_person().values():
        person = next((r for r in reversed(rows) if r.sex and r.birth_date), None)
        if person is None or person.birth_date is None or person.sex is None:
            continue
        if not any(r.immunizations for r in rows):
            continue
        doses, found = doses_from_rows(rows, schedule=schedule)
        issues.extend(found)
        last = max((d.date for d in doses), default=person.birth_date)
        record = evaluate_child(
            birth_date=person.birth_date,
            sex=person.sex,
            on=last,
            given=doses,
            schedule=schedule,
        )
        # A register often starts after a child's first doses (they sit in
        # the Buku KIA): a missing previous dose is not a register problem.
        issues.extend(i for i in record.issues if i.severity is not Severity.INFO)
    return issues
