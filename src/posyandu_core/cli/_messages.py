"""One-line messages: errors, warnings and issues, in the chosen language, masked.

NIKs (and other long digit runs such as KK numbers) and the values of name
columns are masked in every message by default — a message can end up in a
screenshot, a chat or a log. ``POSYANDU_SHOW_PERSONAL=1`` shows them.
"""

from __future__ import annotations

import os
import re
import sys
import warnings
from typing import Any, TextIO

from posyandu_core.errors import PosyanduError, PosyanduWarning
from posyandu_core.rules import Issue

__all__ = [
    "SHOW_PERSONAL_ENV",
    "describe_issue",
    "error_line",
    "install_warning_lines",
    "mask",
]

SHOW_PERSONAL_ENV = "POSYANDU_SHOW_PERSONAL"
PERSONAL_FIELDS = frozenset({"nik", "nik_ibu", "kk", "name", "parent_name"})
_DIGIT_RUN = re.compile(r"\d{8,}")


def show_personal() -> bool:
    """Whether personal data is shown in messages (``POSYANDU_SHOW_PERSONAL``)."""
    return os.environ.get(SHOW_PERSONAL_ENV, "").strip().lower() in ("1", "true", "yes")


def _mask_digits(match: re.Match[str]) -> str:
    digits = match.group(0)
    return digits[:4] + "*" * (len(digits) - 6) + digits[-2:]


def mask(text: str) -> str:
    """Mask every run of 8 or more digits (NIK, KK) in ``text``.

    Examples
    --------
    >>> mask("NIK 3201010101900001 tidak valid")
    'NIK 3201**********01 tidak valid'
    """
    return text if show_personal() else _DIGIT_RUN.sub(_mask_digits, text)


def mask_value(field: str | None, value: Any) -> Any:
    """Mask a cell value if its column holds personal data."""
    if show_personal() or value in (None, "") or field not in PERSONAL_FIELDS:
        return value
    text = str(value)
    if field in ("name", "parent_name") or len(text) < 8:
        return _mask_text(text)
    # A NIK, whole or mangled (``6,47401E+15``): its region code and end only.
    return text[:4] + "*" * (len(text) - 6) + text[-2:]


def describe_issue(issue: Issue, lang: str = "id") -> str:
    """Return an issue as one line, the chosen language first, personal data masked."""
    where = issue.where(lang)  # the spreadsheet row and the file's own header
    value = mask_value(issue.field, issue.value)
    if value not in (None, ""):
        where += f" = {value!r}"
    first, second = (
        (issue.message_id, issue.message_en)
        if lang == "id"
        else (issue.message_en, issue.message_id)
    )
    severity = issue.severity.label(lang)
    return mask(f"{where}: {severity} [{issue.code}] {first} / {second}")


def error_line(error: PosyanduError, lang: str = "id") -> str:
    """Return ``posyandu: kesalahan / error: …`` for an error, masked.

    Besides NIK-like digit runs, the texts the error marks as personal (the
    cells of a file without its header row, names) are masked.

    Examples
    --------
    >>> error = PosyanduError("no header; found: Siti", personal=("Siti",))
    >>> error_line(error, "en")
    'posyandu: error: no header; found: S***'
    """
    if error.field in PERSONAL_FIELDS and error.value is not None:
        error.value = mask_value(error.field, error.value)
    label = "kesalahan" if lang == "id" else "error"
    text = f"posyandu: {label}: {error.describe(lang)}"
    if not show_personal():
        # Whole words only, and not one- or two-letter codes (L, P, a row id).
        for personal in sorted({p for p in error.personal if len(p) > 2}, key=len)[
            ::-1
        ]:
            pattern = rf"(?<!\w){re.escape(personal)}(?!\w)"
            text = re.sub(pattern, _mask_text(personal), text)
    return mask(text)


def _mask_text(text: str) -> str:
    """Return a personal text reduced to its first character."""
    return text[:1] + "***"


def install_warning_lines(stream: TextIO | None = None, lang: str = "id") -> None:
    """Show posyandu_core warnings as one line each (no source line, no path)."""
    original = warnings.showwarning

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        if not issubclass(category, PosyanduWarning):
            original(message, category, filename, lineno, file, line)
            return
        label = "peringatan" if lang == "id" else "warning"
        text = (
            message.describe(lang) if isinstance(message, PosyanduWarning) else message
        )
        (stream or sys.stderr).write(mask(f"posyandu: {label}: {text}") + "\n")

    warnings.showwarning = show
