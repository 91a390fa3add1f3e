"""Calendar months, the unit of Posyandu reporting."""

from __future__ import annotations

import datetime as dt
import re

import attrs

from posyandu_core.errors import UsageError

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@attrs.frozen(order=True)
class Month:
    """A calendar month (``2025-08``).

    Examples
    --------
    >>> Month.parse("2025-01").previous(), Month.of(dt.date(2025, 3, 9))
    (Month(year=2024, month=12), Month(year=2025, month=3))
    >>> str(Month(2025, 2)), Month(2025, 2).last_day
    ('2025-02', datetime.date(2025, 2, 28))
    """

    year: int
    month: int = attrs.field()

    @month.validator
    def _check(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if not 1 <= value <= 12:
            msg = f"month must be 1-12, got {value}"
            raise UsageError(
                msg,
                message_id=f"bulan harus 1-12, bukan {value}",
                fix="write the month as MM/YYYY or YYYY-MM, e.g. 08/2025",
                fix_id="tulis bulan sebagai MM/YYYY atau YYYY-MM, mis. 08/2025",
            )

    @classmethod
    def of(cls, date: dt.date) -> Month:
        """Return the month a date falls in."""
        return cls(date.year, date.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read ``YYYY-MM``; raise ValueError otherwise."""
        match = _MONTH.match(text.strip())
        if match is None:
            msg = f"{text!r} is not a month; write it as YYYY-MM, e.g. 2025-08"
            raise UsageError(
                msg,
                message_id=f"{text!r} bukan bulan; tulis sebagai YYYY-MM, mis. 2025-08",
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def number(self) -> int:
        """Months since 1970-01 (numpy's ``datetime64[M]`` count).

        Examples
        --------
        >>> Month(1970, 1).number, Month(2025, 8).number
        (0, 667)
        """
        return (self.year - 1970) * 12 + self.month - 1

    @property
    def first_day(self) -> dt.date:
        """The 1st of the month."""
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        """The last day of the month."""
        return self.next().first_day - dt.timedelta(days=1)

    def previous(self) -> Month:
        """Return the month before."""
        return (
            Month(self.year - 1, 12)
            if self.month == 1
            else Month(self.year, self.month - 1)
        )

    def next(self) -> Month:
        """Return the month after."""
        return (
            Month(self.year + 1, 1)
            if self.month == 12
            else Month(self.year, self.month + 1)
        )

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
