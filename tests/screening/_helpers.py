"""Register rows for the screening-service tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from posyandu_core.model import Sex
from posyandu_core.register import RegisterRow


def row(
    n: int, person: str, visit: dt.date, birth: dt.date, sex: str = "P", **cells: Any
) -> RegisterRow:
    """Return register row ``n`` of ``person`` visited on ``visit``."""
    return RegisterRow(
        row=n,
        person_id=person,
        sex=Sex.parse(sex),
        birth_date=birth,
        visit_date=visit,
        **cells,
    )
