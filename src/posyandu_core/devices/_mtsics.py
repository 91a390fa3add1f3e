"""Mettler Toledo MT-SICS: weight responses, errors and the SIC1/SIC2 CRC.

Responses are parsed by tokens, not columns: the weight field is 10
characters right-aligned, but a line copied by hand often has 9, and the
tokens are the same (MT-SICS reference manual 11781363L §2.1.2.1).
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

__all__ = ["MT_SICS", "MT_SICS_STABLE", "mtsics_crc16", "parse_mtsics_line"]

PROTOCOL = "mt-sics"
_GENERAL_ERRORS = {
    "ES": "syntax error: the balance did not recognise the command",
    "ET": "transmission error (check baud rate and parity)",
    "EL": "logical error: the command cannot be executed",
}
_STATUS_ERRORS = {
    "I": "command not executable now (busy, or stability not reached in time)",
    "L": "logical error or bad parameter",
}
_MODULE_ERRORS = {
    1: "boot error",
    2: "brand error",
    3: "checksum error",
    9: "option fail",
    10: "EEPROM error",
    11: "device mismatch",
    12: "hot plug out",
    14: "weigh module / electronic mismatch",
    15: "adjustment needed",
}
_MODULE_TRIGGERS = {"b": "electronics", "t": "terminal"}
_MODULE_ERROR = re.compile(r"Error\s+(\d+)([bt])")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?|-?\.\d+")
_WEIGHT_IDS = ("S", "SI", "SIR")  # the manual says "S"; some clones echo the command


def mtsics_crc16(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) as SIC1/SIC2 use it.

    Examples
    --------
    >>> hex(mtsics_crc16(b"123456789"))
    '0x29b1'
    """
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _error(raw: str, code: str, detail: str) -> ScaleReading:
    return ScaleReading(
        protocol=PROTOCOL,
        status=ScaleStatus.ERROR,
        stable=False,
        raw=raw,
        error=code,
        detail=detail,
    )


def _check_crc(line: str, tokens: list[str]) -> None:
    sent = tokens[-1]
    if not re.fullmatch(r"[0-9A-Fa-f]{4}", sent):
        msg = f"{tokens[0]} CRC {sent!r} is not 4 hex digits"
        raise DecodeError(
            msg,
            message_id=f"{tokens[0]} CRC {sent!r} bukan 4 digit heksadesimal",
            field="crc",
            value=line,
        )
    # The CRC covers the line from the first "S" up to and including the
    # space before the CRC (the manual's examples, not its syntax line).
    covered = line[line.index("S") : line.rindex(sent)]
    expected = mtsics_crc16(covered.encode("ascii"))
    if int(sent, 16) != expected:
        msg = (
            f"{tokens[0]} CRC mismatch: line says {sent}, content gives {expected:04X}"
        )
        raise DecodeError(
            msg,
            message_id=f"{tokens[0]} CRC tidak cocok: baris menyebut {sent}, isinya "
            f"memberi {expected:04X}",
            field="crc",
            value=line,
            fix="the line was corrupted; ask again",
            fix_id="barisnya rusak; minta ulang",
        )


def parse_mtsics_line(line: str | bytes) -> ScaleReading:
    r"""Parse one MT-SICS response line (S, SI, SIR, SIC1, SIC2 or an error).

    Parameters
    ----------
    line : str or bytes
        The line, with or without its CR LF.

    Returns
    -------
    ScaleReading
        A stable or dynamic weight; ``OVERLOAD``/``UNDERLOAD`` (no value)
        for ``S +``/``S -``; ``ERROR`` for ``ES``/``ET``/``EL``, ``S I``,
        ``S L`` and weigh-module faults (``S S  Error 10b``).

    Raises
    ------
    DecodeError
        The line is not an MT-SICS weight response, or its CRC is wrong.

    Examples
    --------
    >>> r = parse_mtsics_line("S S      12.34 kg\r\n")
    >>> r.stable, r.value, r.unit, r.weight_kg
    (True, Decimal('12.34'), 'kg', 12.34)
    >>> parse_mtsics_line("S +").status
    <ScaleStatus.OVERLOAD: 'overload'>
    """
    text = text_of(line, PROTOCOL)
    tokens = text.split()
    if not tokens:
        msg = "mt-sics: empty line"
        raise DecodeError(msg, message_id="mt-sics: baris kosong", value=text)
    if len(tokens) == 1 and tokens[0] in _GENERAL_ERRORS:
        return _error(text, tokens[0], _GENERAL_ERRORS[tokens[0]])
    ident = tokens[0]
    with_crc = ident in ("SIC1", "SIC2")
    if ident not in _WEIGHT_IDS and not with_crc:
        msg = f"mt-sics: {ident!r} is not a weight response"
        raise DecodeError(
            msg,
            message_id=f"mt-sics: {ident!r} bukan jawaban berat",
            value=text,
            fix="send S, SI or SIR",
            fix_id="kirim S, SI atau SIR",
        )
    if with_crc:
        _check_crc(text, tokens)
        tokens = tokens[:-1]
    status = tokens[1] if len(tokens) > 1 else ""
    if len(tokens) == 2 and status in _STATUS_ERRORS:
        return _error(text, f"{ident} {status}", _STATUS_ERRORS[status])
    if len(tokens) == 2 and status in ("+", "-"):
        overload = status == "+"
        return ScaleReading(
            protocol=PROTOCOL,
            status=ScaleStatus.OVERLOAD if overload else ScaleStatus.UNDERLOAD,
            stable=False,
            raw=text,
        )
    if status == "S" and (fault := _MODULE_ERROR.fullmatch(" ".join(tokens[2:]))):
        number, trigger = int(fault.group(1)), fault.group(2)
        meaning = _MODULE_ERRORS.get(number, "unknown weigh-module error")
        return _error(
            text, f"Error {number}{trigger}", f"{meaning} ({_MODULE_TRIGGERS[trigger]})"
        )
    if len(tokens) != 4 or status not in ("S", "D") or not _NUMBER.fullmatch(tokens[2]):
        msg = "mt-sics: expected '<ID> <S|D> <weight> <unit>'"
        raise DecodeError(
            msg,
            message_id="mt-sics: seharusnya '<ID> <S|D> <berat> <satuan>'",
            value=text,
        )
    return weight_reading(
        PROTOCOL, stable=status == "S", number=tokens[2], unit=tokens[3], raw=text
    )


MT_SICS = ScaleProtocol(name="mt-sics", parse=parse_mtsics_line, request=b"SI\r\n")
"""MT-SICS polled with ``SI`` (immediate weight): unstable answers are
skipped and the command is sent again until the balance says stable."""

MT_SICS_STABLE = ScaleProtocol(
    name="mt-sics-stable", parse=parse_mtsics_line, request=b"S\r\n"
)
"""MT-SICS with ``S``: the balance itself waits for stability before answering."""
