"""The input side of every ``posyandu`` command that reads a register.

One set of options (``--as-of``, ``--rules-config``, ``--disable-rule``),
one way to read (through the validation gate), one data-quality block at
the end (on stderr) and one exit rule: 1 when anything was left out. Filters
that match nothing are errors that list what the register has.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from typing import IO, Any

import numpy as np

from posyandu_core.errors import InputFileError, NoMatchError
from posyandu_core.register._read import read_register
from posyandu_core.register._store import Register
from posyandu_core.rules import RuleConfig, Severity

_LISTED = 12


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Add the options every register-reading command shares."""
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="validation date: dates after it are errors (default: today)",
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


def parse_date_option(name: str, text: str) -> dt.date:
    """Read a YYYY-MM-DD option; never later than today."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        msg = f"{name}: {text!r} is not a date"
        raise InputFileError(msg, field=name, fix="write it as YYYY-MM-DD") from None
    if day > dt.date.today():
        msg = f"{name}: {text} is later than today ({dt.date.today()})"
        raise NoMatchError(
            msg, field=name, fix="check the year; results are never guessed ahead"
        )
    return day


def rule_config(args: argparse.Namespace) -> RuleConfig:
    """Return the rule configuration the options ask for."""
    path = getattr(args, "rules_config", None)
    config = RuleConfig.from_toml(path) if path else RuleConfig()
    return config.with_disabled(getattr(args, "disable_rule", ()) or ())


def load_register(args: argparse.Namespace, source: Any, **options: Any) -> Register:
    """Read ``source`` through the validation gate with the command's options."""
    as_of = getattr(args, "as_of", None)
    return read_register(
        source,
        today=parse_date_option("--as-of", as_of) if as_of else None,
        config=rule_config(args),
        **options,
    )


def finish(register: Register, stream: IO[str] | None = None) -> int:
    """Print the data-quality block; return 1 if anything was left out, else 0."""
    stream = stream or sys.stderr
    quality = register.quality
    if quality is None:
        return 0
    stream.write(quality.describe() + "\n")
    errors = any(i.severity is Severity.ERROR for i in register.issues)
    return 1 if errors or not quality.complete else 0


def _listing(values: Sequence[str]) -> str:
    shown = ", ".join(values[:_LISTED])
    return shown + (f" … (+{len(values) - _LISTED})" if len(values) > _LISTED else "")


def match_posyandu(register: Register, wanted: str | None) -> str | None:
    """Return the register's spelling of Posyandu ``wanted`` (case and spaces ignored).

    Raises
    ------
    NoMatchError
        No row names that Posyandu (the error lists the ones it has).
    """
    if wanted is None:
        return None
    names: list[str] = sorted({p for p in register.column("posyandu").tolist() if p})
    key = " ".join(wanted.casefold().split())
    found = [n for n in names if " ".join(n.casefold().split()) == key]
    if len(found) == 1:
        return found[0]
    if found:
        msg = f"--posyandu {wanted!r} matches several spellings: {', '.join(found)}"
        raise NoMatchError(
            msg, field="posyandu", fix="make the spellings in the register one"
        )
    msg = f"--posyandu {wanted!r} is not in the register"
    raise NoMatchError(
        msg,
        field="posyandu",
        fix=f"the register has: {_listing(names)}"
        if names
        else "the register has no posyandu column",
    )


def visit_months(register: Register) -> list[str]:
    """Return the months (YYYY-MM) that have visits."""
    visits = register.column("visit_date")
    months = np.unique(visits[~np.isnat(visits)].astype("datetime64[M]"))
    return [str(m) for m in months]


def check_month(register: Register, month: str) -> None:
    """Raise if no visit falls in ``month`` (YYYY-MM) or it is after today."""
    if month > dt.date.today().strftime("%Y-%m"):
        msg = f"--month {month} is later than this month"
        raise NoMatchError(msg, field="month", fix="check the year")
    months = visit_months(register)
    if month not in months:
        msg = f"--month {month}: the register has no visit in that month"
        raise NoMatchError(
            msg, field="month", fix=f"months with visits: {_listing(months) or 'none'}"
        )


def check_on(register: Register, on: dt.date) -> None:
    """Raise if ``on`` is before every visit of the register."""
    visits = register.column("visit_date")
    dated = visits[~np.isnat(visits)]
    if dated.size and np.datetime64(on, "D") < dated.min():
        msg = f"--on {on} is before the register's first visit ({dated.min()})"
        raise NoMatchError(
            msg, field="on", fix=f"the visits run from {dated.min()} to {dated.max()}"
        )
