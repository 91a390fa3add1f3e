"""A&D standard format: ``ST,+00012.34 kg`` (A&D GC/EK-L/GH manuals).

Header (``ST`` stable weight, ``QT`` stable count, ``US`` unstable, ``OL``
out of range), an optional comparator (``LO``/``OK``/``HI``/``--``), then
the signed number and a 3-character unit. The number on an ``OL`` line is
never a weight (DEVICES_EXPORTS A2.2).
"""

from __future__ import annotations

import re

from posyandu_core.devices._scale import (
    ScaleProtocol,
    ScaleReading,
    ScaleStatus,
    text_of,
    weight_reading,
)
from posyandu_core.errors import DecodeError

__all__ = ["AND", "AND_STREAM", "parse_and_line"]

PROTOCOL = "and"
_LINE = re.compile(
    r"(?P<header>ST|US|OL|QT)"
    r"(?:,(?P<comparator>LO|OK|HI|--))?"
    r",(?P<data>[+-][0-9. ]*[0-9.](?:E[+-]?\d+)?)"
    r"(?P<unit>\s*[A-Za-z%]*)"
)


def parse_and_line(line: str | bytes) -> ScaleReading:
    r"""Parse one A&D standard-format line.

    Returns
    -------
    ScaleReading
        ``ST`` → stable weight; ``US`` → unstable weight (or count in ``PC``);
        ``QT`` → stable count (not a weight); ``OL`` → overload, no value.

    Raises
    ------
    DecodeError
        The line does not follow the format (``WT``, whose meaning is not
        documented, included).

    Examples
    --------
    >>> r = parse_and_line("ST,+00012.34 kg\r\n")
    >>> r.stable, r.value, r.weight_kg
    (True, Decimal('12.34'), 12.34)
    >>> parse_and_line("OL,+999999.9  g").weight_kg is None
    True
    """
    text = text_of(line, PROTOCOL)
    match = _LINE.fullmatch(text.strip())
    if match is None:
        msg = "and: expected 'ST|US|QT|OL,[comparator,]<sign><number> <unit>'"
        raise DecodeError(
            msg,
            message_id="and: seharusnya 'ST|US|QT|OL,[pembanding,]<tanda><angka> "
            "<satuan>'",
            value=text,
            fix="set the scale to A&D standard format",
            fix_id="atur timbangan ke format standar A&D",
        )
    header, comparator = match["header"], match["comparator"]
    unit = match["unit"].strip()
    if header == "OL":
        return ScaleReading(
            protocol=PROTOCOL,
            status=ScaleStatus.OVERLOAD,
            stable=False,
            unit=unit or None,
            raw=text,
            detail=comparator,
        )
    number = match["data"].replace(" ", "")
    if "E" in number:
        msg = "and: exponent notation appears on overload lines only"
        raise DecodeError(
            msg,
            message_id="and: notasi eksponen hanya ada di baris kelebihan beban",
            value=text,
        )
    if not unit:
        msg = "and: the unit field is missing"
        raise DecodeError(
            msg, message_id="and: satuan tidak ada", field="unit", value=text
        )
    reading = weight_reading(
        PROTOCOL,
        stable=header in ("ST", "QT"),
        number=number,
        unit=unit,
        raw=text,
        detail=comparator,
    )
    if header == "QT" and reading.status is not ScaleStatus.COUNT:
        msg = f"and: QT is a count header, but the unit is {unit!r}"
        raise DecodeError(
            msg,
            message_id=f"and: QT adalah judul hitungan, tetapi satuannya {unit!r}",
            field="unit",
            value=text,
        )
    return reading


AND = ScaleProtocol(name="and", parse=parse_and_line, request=b"Q\r\n")
"""A&D balance in command mode, polled with ``Q`` (output the data now)."""

AND_STREAM = ScaleProtocol(name="and-stream", parse=parse_and_line, request=None)
"""A&D balance in stream mode: it sends lines on its own."""
