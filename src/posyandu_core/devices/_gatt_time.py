"""Date Time (0x2A08): the 7-byte timestamp inside every health measurement."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from posyandu_core.devices._reader import PayloadReader
from posyandu_core.errors import DecodeError

__all__ = ["DateTime", "decode_date_time", "iso_timestamp"]

# (field, lowest, highest); 0 means "not known" for year, month and day.
_RANGES = (
    ("year", 1582, 9999),
    ("month", 1, 12),
    ("day", 1, 31),
    ("hours", 0, 23),
    ("minutes", 0, 59),
    ("seconds", 0, 59),
)


@attrs.frozen(kw_only=True)
class DateTime:
    """A device clock reading, as sent (GSS ``date_time``; no time zone).

    Parameters
    ----------
    year, month, day : int
        0 means "not known".
    hours, minutes, seconds : int
        Time of day on the device's own clock.
    """

    year: int
    month: int
    day: int
    hours: int
    minutes: int
    seconds: int

    @property
    def datetime(self) -> dt.datetime | None:
        """The naive local datetime, or ``None`` when any date part is unknown.

        Partly unknown dates happen (Nordic's vector has year 0 with a month
        and a day); their parts stay in the record, but no datetime is built.
        """
        if 0 in (self.year, self.month, self.day):
            return None
        return dt.datetime(  # naive: the device clock has no time zone
            self.year, self.month, self.day, self.hours, self.minutes, self.seconds
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the fields and the ISO 8601 datetime (or ``None``)."""
        return {**attrs.asdict(self), "datetime": iso_timestamp(self)}


def iso_timestamp(stamp: DateTime | dt.datetime | None) -> str | None:
    """Return the ISO 8601 text of a device timestamp; ``None`` if absent or unknown."""
    when = stamp.datetime if isinstance(stamp, DateTime) else stamp
    return None if when is None else when.isoformat()


def read_date_time(reader: PayloadReader, field: str = "time_stamp") -> DateTime:
    """Read and check a Date Time field from ``reader``."""
    raw = reader.take(7, field)
    parts = {
        "year": int.from_bytes(raw[0:2], "little"),
        "month": raw[2],
        "day": raw[3],
        "hours": raw[4],
        "minutes": raw[5],
        "seconds": raw[6],
    }
    for name, lowest, highest in _RANGES:
        value = parts[name]
        unknown_allowed = name in ("year", "month", "day") and value == 0
        if not unknown_allowed and not lowest <= value <= highest:
            msg = f"Date Time {name} {value} is outside {lowest}..{highest}"
            raise DecodeError(
                msg,
                message_id=f"Date Time {name} {value} di luar {lowest}..{highest}",
                field=f"{field}.{name}",
                value=raw.hex(" "),
            )
    stamp = DateTime(**parts)
    if 0 not in (stamp.year, stamp.month, stamp.day):
        try:
            dt.date(stamp.year, stamp.month, stamp.day)
        except ValueError as exc:
            msg = f"Date Time is not a calendar date: {exc}"
            raise DecodeError(
                msg,
                message_id=f"Date Time bukan tanggal kalender: {exc}",
                field=field,
                value=raw.hex(" "),
            ) from exc
    return stamp


def decode_date_time(payload: bytes) -> DateTime:
    """Decode a Date Time (0x2A08) value.

    Examples
    --------
    >>> decode_date_time(bytes.fromhex("e907030e09051e")).datetime
    datetime.datetime(2025, 3, 14, 9, 5, 30)
    >>> decode_date_time(bytes(7)).datetime is None
    True
    """
    return read_date_time(PayloadReader(payload, "Date Time"), "date_time")
