"""Indonesia's working days: public holidays, cuti bersama and closed days.

Holidays come from the maintained ``holidays`` package (``pip install
'posyandu-core[layanan]'``): its ``public`` category holds the national
holidays (hari libur nasional) and its ``government`` category the collective
leave (cuti bersama) of the SKB 3 Menteri. Dates the package marks
"(estimated)" (Islamic holidays not yet decreed) are counted and reported in
the calendar's ``source``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from importlib.metadata import version

from posyandu_core._data import load_rule_table
from posyandu_core.errors import PosyanduError
from posyandu_core.model import WorkingCalendar
from posyandu_core.plugins._files import Field, Schema, read_table

__all__ = ["CLOSED_DAYS_FILE", "indonesia_calendar", "read_closed_days"]

CLOSED_DAYS_FILE = Schema(
    name="hari_tutup",
    fields=(
        Field(name="posyandu", required=True, description="registration number or name"),
        Field(name="tanggal", kind="date", required=True, description="closed day", aliases=("date",)),
        Field(name="keterangan", description="reason", aliases=("note",)),
    ),
)  # fmt: skip


def indonesia_calendar(
    years: Iterable[int],
    *,
    cuti_bersama: bool | None = None,
    closed: Mapping[str, Iterable[dt.date]] | None = None,
) -> WorkingCalendar:
    """Return the working-day calendar of Indonesia for ``years``.

    Parameters
    ----------
    years : iterable of int
        The years the cases span (add the next year for cases recorded in
        late December).
    cuti_bersama : bool or None
        Count collective leave as days off; None reads ``kasus.toml``.
    closed : mapping of str to dates
        Each Posyandu's own closed days, by registration number.

    Raises
    ------
    PosyanduError
        The ``holidays`` package is not installed.

    Examples
    --------
    >>> cal = indonesia_calendar([2026])
    >>> cal.add(dt.date(2026, 3, 17), 5)  # Nyepi, Idul Fitri and cuti bersama
    datetime.date(2026, 3, 31)
    """
    try:
        import holidays
    except ImportError as exc:  # pragma: no cover - installed with the test extra
        msg = "Indonesian holidays need the holidays package"
        raise PosyanduError(
            msg,
            message_id="hari libur Indonesia perlu paket holidays",
            fix="pip install 'posyandu-core[layanan]'",
            fix_id="pip install 'posyandu-core[layanan]'",
        ) from exc
    use_cuti = (
        load_rule_table("kasus")["sla"]["cuti_bersama"]
        if cuti_bersama is None
        else cuti_bersama
    )
    categories = ("public", "government") if use_cuti else ("public",)
    years_wanted = sorted(set(years))
    table = holidays.country_holidays("ID", years=years_wanted, categories=categories)
    estimated = sorted(d for d, name in table.items() if "estimated" in name)
    source = f"holidays {version('holidays')} (ID: {', '.join(categories)})"
    if estimated:
        source += f"; {len(estimated)} estimated dates"
    return WorkingCalendar(
        holidays=frozenset(table),
        closed={k: frozenset(v) for k, v in (closed or {}).items()},
        source=source,
        years=frozenset(years_wanted),
    )


def read_closed_days(path: str | os.PathLike[str]) -> dict[str, frozenset[dt.date]]:
    """Read a Posyandu closed-days file (``posyandu, tanggal, keterangan``)."""
    days: dict[str, set[dt.date]] = defaultdict(set)
    for record in read_table(path, CLOSED_DAYS_FILE):
        days[record.get("posyandu")].add(record.get("tanggal"))
    return {k: frozenset(v) for k, v in days.items()}
