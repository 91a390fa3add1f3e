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

    def label(self, lang: str = "id") -> str:
        """Return the word for this severity in ``lang`` (``"id"`` or ``"en"``).

        Examples
        --------
        >>> Severity.ERROR.label(), Severity.WARNING.label(), Severity.ERROR.label("en")
        ('kesalahan', 'peringatan', 'error')
        """
        return _LABELS_ID[self] if lang == "id" else self.value


_LABELS_ID = {
    Severity.ERROR: "kesalahan",
    Severity.WARNING: "peringatan",
    Severity.INFO: "info",
}


def as_severity(value: Severity | str) -> Severity:
    """Return ``value`` as a Severity (``"warning"`` → ``Severity.WARNING``).

    A Severity is returned as is, without the enum's lookup: a big
    register's checks make hundreds of thousands of issues and findings.
    """
    return value if type(value) is Severity else Severity(value)


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
    sheet_row : int or None
        The row as a spreadsheet shows the file (the header on its row, so
        data row 1 of a CSV is sheet row 2; for ``.xlsx`` the sheet's own
        row). Set by the register for issues it locates; ``row`` keeps its
        meaning (the data row), for programs.
    header : str or None
        The column's header as written in the file (``"Berat"``), where
        ``field`` is the canonical name (``"weight_kg"``).
    """

    severity: Severity = attrs.field(converter=as_severity)
    code: str
    message_id: str
    message_en: str
    row: int | None = None
    field: str | None = None
    value: Any = None
    rule: str | None = None
    sheet_row: int | None = None
    header: str | None = None

    def where(self, lang: str = "en") -> str:
        """Return where the issue is, as the user sees the file.

        Examples
        --------
        >>> Issue(severity="error", code="c", message_id="-", message_en="-", row=1,
        ...       field="weight_kg", sheet_row=2, header="Berat").where("id")
        'baris 2, Berat'
        """
        row = self.row if self.sheet_row is None else self.sheet_row
        where = (
            ("berkas" if lang == "id" else "file")
            if row is None
            else f"{'baris' if lang == 'id' else 'row'} {row}"
        )
        column = self.header or self.field
        return f"{where}, {column}" if column else where

    def describe(self) -> str:
        """Return the issue as one line: where, value, severity, code, both messages.

        Examples
        --------
        >>> Issue(severity="error", code="parse.weight_kg", row=3, field="weight_kg",
        ...       value="abc", message_id="bukan angka", message_en="not a number").describe()
        "row 3, weight_kg = 'abc': error [parse.weight_kg] not a number / bukan angka"
        """
        where = self.where()
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
            "sheet_row": self.sheet_row,
            "header": self.header,
        }
