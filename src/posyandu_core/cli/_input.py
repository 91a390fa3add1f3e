"""The one input side of every command: dates, months and the register.

``read_input`` is the only place a command reads a register: through the
validation gate, with one set of options (``--as-of``, ``--rules-config``,
``--disable-rule``). ``finish`` prints the data-quality block at the end (on
stderr) and gives the one exit rule: 1 when anything was left out. Filters
that match nothing are errors that list what the register has.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from typing import IO

import attrs

from posyandu_core.cli._messages import describe_issue
from posyandu_core.errors import NoMatchError, UsageError
from posyandu_core.register import (
    Register,
    check_month,
    check_on,
    match_posyandu,
    read_equipment,
    read_register,
)
from posyandu_core.rules import Issue, RuleConfig, Severity

__all__ = [
    "Input",
    "add_input_options",
    "check_month",
    "check_on",
    "finish",
    "match_posyandu",
    "parse_date",
    "parse_month",
    "read_input",
]


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MY = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_MONTH_FIX, _MONTH_FIX_ID = "write MM/YYYY or YYYY-MM", "tulis MM/YYYY atau YYYY-MM"


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
        msg = f"{text!r} is not a date"
        raise UsageError(
            msg,
            message_id=f"{text!r} bukan tanggal",
            fix="write DD/MM/YYYY or YYYY-MM-DD",
            fix_id="tulis DD/MM/YYYY atau YYYY-MM-DD",
        ) from None


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
            msg = f"{text!r} is not a month"
            raise UsageError(
                msg,
                message_id=f"{text!r} bukan bulan",
                fix=_MONTH_FIX,
                fix_id=_MONTH_FIX_ID,
            )
        year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12:
        msg = f"{text!r}: month {month} does not exist"
        raise UsageError(
            msg,
            message_id=f"{text!r}: bulan {month} tidak ada",
            fix=_MONTH_FIX,
            fix_id=_MONTH_FIX_ID,
        )
    return f"{year:04d}-{month:02d}"


@attrs.frozen(kw_only=True)
class Input:
    """A register as a command reads it, with the issues found on the way."""

    register: Register
    issues: tuple[Issue, ...]


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Add the options every register-reading command shares."""
    if "--as-of" not in parser._option_string_actions:  # a command's own as-of
        parser.add_argument(
            "--as-of",
            type=parse_date,
            metavar="DATE",
            help="validation date, DD/MM/YYYY: dates after it are errors (default: today)",
        )
    parser.add_argument(
        "--rules-config",
        metavar="FILE.toml",
        help="switch rules off or re-grade them (see the register reference)",
    )
    parser.add_argument(
        "--disable-rule",
        action="append",
        default=[],
        metavar="ID",
        help="switch off a rule or issue code (repeatable), e.g. core.calibration",
    )


def not_after_today(name: str, day: dt.date) -> dt.date:
    """Return ``day``; a date later than today is an error, never "today"."""
    if day > dt.date.today():
        msg = f"{name}: {day} is later than today ({dt.date.today()})"
        raise NoMatchError(
            msg,
            message_id=f"{name}: {day} setelah hari ini ({dt.date.today()})",
            field=name,
            fix="check the year; results are never guessed ahead",
            fix_id="periksa tahunnya; hasil tidak pernah ditebak ke depan",
        )
    return day


def rule_config(args: argparse.Namespace | None) -> RuleConfig:
    """Return the rule configuration the options ask for."""
    path = getattr(args, "rules_config", None)
    config = RuleConfig.from_toml(path) if path else RuleConfig()
    return config.with_disabled(getattr(args, "disable_rule", ()) or ())


def read_input(
    path: str,
    *,
    args: argparse.Namespace | None = None,
    equipment: str | None = None,
    lang: str = "id",
    report: bool = True,
) -> Input:
    """Read the register at ``path`` through the validation gate.

    Every rule runs once on read; a value with an error is left out of every
    computation. Unless ``report`` is false the errors are written to stderr
    (one line each); the command then still runs without those values, and
    :func:`finish` makes it exit 1.
    """
    as_of = getattr(args, "as_of", None)
    register = read_register(
        path,
        equipment=read_equipment(equipment) if equipment else (),
        today=not_after_today("--as-of", as_of) if as_of else None,
        config=rule_config(args),
    )
    if report:
        for issue in register.issues:
            if issue.severity is Severity.ERROR:
                sys.stderr.write(describe_issue(issue, lang) + "\n")
    return Input(register=register, issues=tuple(register.issues))


def finish(register: Register, stream: IO[str] | None = None) -> int:
    """Print the data-quality block; return 1 if anything was left out, else 0."""
    sys.stdout.flush()
    stream = stream or sys.stderr
    quality = register.quality
    if quality is None:
        return 0
    stream.write(quality.describe() + "\n")
    errors = any(i.severity is Severity.ERROR for i in register.issues)
    return 1 if errors or not quality.complete else 0
