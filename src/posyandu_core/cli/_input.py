"""The one input side of every command: dates, months and the register.

``read_input`` is the only place a command reads a register. Today it calls
``read_register`` (and ``validate_register`` when asked); the register's
validation gate replaces those two calls here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Sequence

import attrs

from posyandu_core.cli._messages import describe_issue
from posyandu_core.errors import UsageError
from posyandu_core.register import Register, read_equipment, read_register
from posyandu_core.rules import Issue, validate_register

__all__ = ["Input", "parse_date", "parse_month", "read_input"]

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MY = re.compile(r"^(\d{1,2})[/.-](\d{4})$")


def parse_date(text: str) -> dt.date:
    """Read a date written ``YYYY-MM-DD`` or ``DD/MM/YYYY`` (also ``DD-MM-YYYY``).

    Examples
    --------
    >>> parse_date("2025-05-17"), parse_date("17/05/2025"), parse_date("7-5-2025")
    (datetime.date(2025, 5, 17), datetime.date(2025, 5, 17), datetime.date(2025, 5, 7))
    """
    text = text.strip()
    try:
        match = _DMY.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"{text!r} bukan tanggal / is not a date"
        raise UsageError(msg, fix="tulis / write DD/MM/YYYY or YYYY-MM-DD") from None


def parse_month(text: str) -> str:
    """Read a month written ``YYYY-MM`` or ``MM/YYYY``; return ``YYYY-MM``.

    Examples
    --------
    >>> parse_month("2025-05"), parse_month("05/2025"), parse_month("17/05/2025")
    ('2025-05', '2025-05', '2025-05')
    """
    text = text.strip()
    match = _MY.match(text)
    if match:
        month, year = int(match.group(1)), int(match.group(2))
    elif _DMY.match(text):
        day = parse_date(text)
        month, year = day.month, day.year
    else:
        found = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
        if not found:
            msg = f"{text!r} bukan bulan / is not a month"
            raise UsageError(msg, fix="tulis / write MM/YYYY or YYYY-MM")
        year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12:
        msg = f"{text!r}: bulan / month {month} tidak ada / does not exist"
        raise UsageError(msg, fix="tulis / write MM/YYYY or YYYY-MM")
    return f"{year:04d}-{month:02d}"


@attrs.frozen(kw_only=True)
class Input:
    """A register as a command reads it, with the issues found on the way."""

    register: Register
    issues: tuple[Issue, ...]


def read_input(
    path: str,
    *,
    validate: bool = False,
    equipment: str | None = None,
    lang: str = "id",
    report: bool = True,
) -> Input:
    """Read the register at ``path``: the one input of every command.

    Cells that cannot be read are written to stderr (one line each) unless
    ``report`` is false; the command then still runs without them and exits 1.
    With ``validate`` every registered rule runs too.
    """
    inventory = read_equipment(equipment) if equipment else ()
    register = read_register(path, equipment=inventory)
    issues: Sequence[Issue] = (
        validate_register(register) if validate else register.issues
    )
    if report and not validate and issues:
        for issue in issues:
            sys.stderr.write(describe_issue(issue, lang) + "\n")
        sys.stderr.write(
            f"posyandu: {len(issues)} sel dari {path} tidak terbaca dan dilewati / "
            f"cells of {path} could not be read and were left out; "
            "`posyandu validate` lists every issue\n"
        )
    return Input(register=register, issues=tuple(issues))
