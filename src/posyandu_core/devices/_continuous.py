"""Generic continuous-output scales, described by a regular expression.

Cheap floor and baby scales with a serial port follow no standard. A
:class:`ContinuousFormat` names the parts of a line with regex groups, so a
new model is a pattern (captured from a real frame), not new code
(DEVICES_EXPORTS A2.4).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import attrs

from posyandu_core.devices._scale import (
    ScaleProtocol,
    ScaleReading,
    ScaleStatus,
    text_of,
    weight_reading,
)
from posyandu_core.errors import DecodeError, UsageError

__all__ = [
    "CAS",
    "OHAUS",
    "TOLEDO_POS",
    "TORREY",
    "ContinuousFormat",
    "parse_continuous_line",
]


def _compile(pattern: str | re.Pattern[str]) -> re.Pattern[str]:
    compiled = re.compile(pattern)
    if "value" not in compiled.groupindex:
        msg = "a continuous-output pattern needs a named group 'value'"
        raise UsageError(
            msg,
            message_id="pola keluaran terus-menerus perlu grup bernama 'value'",
            fix="write the number's part as (?P<value>...)",
            fix_id="tulis bagian angkanya sebagai (?P<value>...)",
        )
    return compiled


def _token_set(tokens: Iterable[str]) -> frozenset[str]:
    return frozenset(tokens)


@attrs.frozen(kw_only=True)
class ContinuousFormat:
    """How one scale model prints a weight line.

    Parameters
    ----------
    name : str
        Id of the format, e.g. ``"cas"``.
    pattern : str or re.Pattern
        Matched against the whole line (surrounding blanks ignored). Named
        groups: ``value`` (required; may carry its own sign), ``sign``,
        ``unit``, ``state`` (a stability token) and ``unstable`` (matches
        only on unstable lines, e.g. OHAUS's trailing ``?``).
    stable_states, unstable_states, overload_states : frozenset of str
        What the ``state`` group's tokens mean. A token in none of them is a
        :class:`~posyandu_core.errors.DecodeError`.
    default_unit : str
        Unit when the pattern has no ``unit`` group or it matched nothing.
    """

    name: str
    pattern: re.Pattern[str] = attrs.field(converter=_compile)
    stable_states: frozenset[str] = attrs.field(factory=frozenset, converter=_token_set)
    unstable_states: frozenset[str] = attrs.field(
        factory=frozenset, converter=_token_set
    )
    overload_states: frozenset[str] = attrs.field(
        factory=frozenset, converter=_token_set
    )
    default_unit: str = "kg"

    def parse(self, line: str | bytes) -> ScaleReading:
        """Parse one line in this format (see :func:`parse_continuous_line`)."""
        return parse_continuous_line(line, self)

    @property
    def protocol(self) -> ScaleProtocol:
        """The format as a streaming :class:`ScaleProtocol`."""
        parse: Callable[[str | bytes], ScaleReading] = self.parse
        return ScaleProtocol(name=self.name, parse=parse, request=None)


def parse_continuous_line(line: str | bytes, fmt: ContinuousFormat) -> ScaleReading:
    """Parse one line of a continuous-output scale.

    Examples
    --------
    >>> parse_continuous_line("ST,GS,+   1.250kg", TORREY).weight_kg
    1.25
    >>> parse_continuous_line("D   1.250 kg", TOLEDO_POS).stable
    False
    """
    text = text_of(line, fmt.name)
    match = fmt.pattern.fullmatch(text.strip())
    if match is None:
        msg = f"{fmt.name}: line does not match the format's pattern"
        raise DecodeError(
            msg,
            message_id=f"{fmt.name}: baris tidak sesuai pola formatnya",
            value=text,
            fix="check the scale model and its output mode",
            fix_id="periksa model timbangan dan mode keluarannya",
        )
    groups = match.groupdict()
    state = (groups.get("state") or "").strip()
    unit = (groups.get("unit") or "").strip() or fmt.default_unit
    if "state" in groups:
        if state in fmt.overload_states:
            return ScaleReading(
                protocol=fmt.name,
                status=ScaleStatus.OVERLOAD,
                stable=False,
                unit=unit,
                raw=text,
            )
        if state not in fmt.stable_states | fmt.unstable_states:
            msg = f"{fmt.name}: unknown stability token {state!r}"
            raise DecodeError(
                msg,
                message_id=f"{fmt.name}: penanda kestabilan {state!r} tidak dikenal",
                field="state",
                value=text,
            )
    stable = state not in fmt.unstable_states and not groups.get("unstable")
    sign = "-" if (groups.get("sign") or "").strip() == "-" else ""
    number = sign + (groups.get("value") or "").replace(" ", "")
    return weight_reading(fmt.name, stable=stable, number=number, unit=unit, raw=text)


TORREY = ContinuousFormat(
    name="torrey",
    pattern=r"(?P<state>ST|US|OL),(?:GS|NT),(?P<sign>[+-])\s*(?P<value>[\d.]+)\s*(?P<unit>[A-Za-z]+)",
    stable_states={"ST"},
    unstable_states={"US"},
    overload_states={"OL"},
)
"""``ST,GS,+   1.250kg``: stability, gross/net, sign, value, unit (UNVERIFIED)."""

CAS = ContinuousFormat(
    name="cas",
    pattern=r"(?P<state>ST|US|OL),(?P<sign>[+-])\s*(?P<value>[\d.]+)\s*(?P<unit>[A-Za-z]+)",
    stable_states={"ST"},
    unstable_states={"US"},
    overload_states={"OL"},
)
"""``ST,+001.250kg`` (UNVERIFIED frames)."""

TOLEDO_POS = ContinuousFormat(
    name="toledo-pos",
    pattern=r"(?P<state>[SD])\s+(?P<value>-?[\d.]+)\s*(?P<unit>[A-Za-z]+)",
    stable_states={"S"},
    unstable_states={"D"},
)
"""``S   1.250 kg`` / ``D   1.250 kg`` (UNVERIFIED frames)."""

OHAUS = ContinuousFormat(
    name="ohaus",
    pattern=r"(?P<value>-?[\d.]+)\s+(?P<unit>[A-Za-z]+)(?:\s+(?P<unstable>\?))?",
)
"""OHAUS legacy print: ``192.21 g``, unstable ``0.01 g ?`` (RS232 manual)."""
