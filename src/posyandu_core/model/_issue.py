"""The Issue record every check in posyandu_core reports through."""

from __future__ import annotations

import enum
from typing import Any

import attrs


class Severity(enum.StrEnum):
    """How serious an issue is.

    ``ERROR`` makes ``posyandu validate`` exit 1; ``WARNING`` and ``INFO``
    are reported but do not fail the check.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen(kw_only=True)
class Issue:
    """One problem found in the data, located as precisely as possible.

    Parameters
    ----------
    severity : Severity
        ``error``, ``warning`` or ``info``.
    code : str
        Stable machine-readable identifier, e.g. ``"range.weight_kg"``.
    message_id : str
        The message in Indonesian (Bahasa Indonesia).
    message_en : str
        The same message in English.
    row : int or None
        1-based data row (header excluded) in the input, if any.
    field : str or None
        Column or attribute the issue is about.
    value : object
        The offending value as it was given (never altered).
    rule : str or None
        Id of the rule that produced the issue.
    """

    severity: Severity = attrs.field(converter=Severity)
    code: str
    message_id: str
    message_en: str
    row: int | None = None
    field: str | None = None
    value: Any = None
    rule: str | None = None

    def describe(self) -> str:
        """Return the issue as one line: where, value, severity, code, both messages.

        Examples
        --------
        >>> Issue(severity="error", code="parse.weight_kg", row=3, field="weight_kg",
        ...       value="abc", message_id="bukan angka", message_en="not a number").describe()
        "row 3, weight_kg = 'abc': error [parse.weight_kg] not a number / bukan angka"
        """
        where = f"row {self.row}" if self.row is not None else "file"
        if self.field:
            where += f", {self.field}"
        if self.value not in (None, ""):
            where += f" = {self.value!r}"
        return f"{where}: {self.severity} [{self.code}] {self.message_en} / {self.message_id}"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        value = self.value
        if value is not None and not isinstance(value, str | int | float | bool):
            value = str(value)
        return {
            "severity": str(self.severity),
            "code": self.code,
            "row": self.row,
            "field": self.field,
            "value": value,
            "message_id": self.message_id,
            "message_en": self.message_en,
            "rule": self.rule,
        }
