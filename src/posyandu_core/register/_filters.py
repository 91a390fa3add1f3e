"""Filters on a register that must match something: a Posyandu, a month, a date.

A filter that matches nothing is an error that lists what the register has
(never an all-zero report without a word).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from posyandu_core.errors import NoMatchError
from posyandu_core.register._store import Register

__all__ = ["check_month", "check_on", "match_posyandu", "visit_months"]

_LISTED = 12


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
            msg,
            message_id=f"--posyandu {wanted!r} cocok dengan beberapa ejaan: "
            f"{', '.join(found)}",
            field="posyandu",
            fix="make the spellings in the register one",
            fix_id="samakan ejaan nama Posyandu di register",
        )
    msg = f"--posyandu {wanted!r} is not in the register"
    raise NoMatchError(
        msg,
        message_id=f"--posyandu {wanted!r} tidak ada di register",
        field="posyandu",
        fix=f"the register has: {_listing(names)}"
        if names
        else "the register has no posyandu column",
        fix_id=f"register berisi: {_listing(names)}"
        if names
        else "register tidak punya kolom posyandu",
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
        raise NoMatchError(
            msg,
            message_id=f"--month {month} setelah bulan ini",
            field="month",
            fix="check the year",
            fix_id="periksa tahunnya",
        )
    months = visit_months(register)
    if month not in months:
        msg = f"--month {month}: the register has no visit in that month"
        raise NoMatchError(
            msg,
            message_id=f"--month {month}: register tidak punya kunjungan di bulan itu",
            field="month",
            fix=f"months with visits: {_listing(months) or 'none'}",
            fix_id=f"bulan dengan kunjungan: {_listing(months) or 'tidak ada'}",
        )


def check_on(register: Register, on: dt.date) -> None:
    """Raise if ``on`` is before every visit of the register."""
    visits = register.column("visit_date")
    dated = visits[~np.isnat(visits)]
    if dated.size and np.datetime64(on, "D") < dated.min():
        msg = f"--on {on} is before the register's first visit ({dated.min()})"
        raise NoMatchError(
            msg,
            message_id=f"--on {on} sebelum kunjungan pertama di register ({dated.min()})",
            field="on",
            fix=f"the visits run from {dated.min()} to {dated.max()}",
            fix_id=f"kunjungan dari {dated.min()} sampai {dated.max()}",
        )
