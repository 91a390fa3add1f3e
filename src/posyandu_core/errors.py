"""Every error and warning posyandu_core raises.

``PosyanduError`` catches everything the library raises on purpose. Each
subclass also derives from the matching built-in (``ValueError``,
``LookupError`` …) so existing ``except ValueError`` code keeps working.

An error names *where* (``row``, ``field``), *what* (``value``) and the *fix*;
the CLI prints ``str(error)`` and exits non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
from typing import Any

__all__ = [
    "CaseTransitionError",
    "DecodeError",
    "DeviceError",
    "DuplicateRegistrationError",
    "GrowthReferenceError",
    "InputFileError",
    "InvalidMeasurementError",
    "NoMatchError",
    "PluginError",
    "PluginFailedError",
    "PluginFaultWarning",
    "PluginLoadWarning",
    "PosyanduDeprecationWarning",
    "PosyanduError",
    "PosyanduWarning",
    "ReferenceDataError",
    "RuleDataError",
    "ShapeMismatchError",
    "UnknownNameError",
    "UnknownReferenceError",
    "UsageError",
    "WrongTypeError",
    "texts_of",
]


class PosyanduError(Exception):
    """Base class of every error raised by posyandu_core.

    Parameters
    ----------
    message : str
        What went wrong, in one sentence (English).
    row : int or None
        1-based data row of the input file (header excluded), if any; kept
        stable for programs. Messages show ``sheet_row`` when it is known.
    field : str or None
        Column (canonical name) or attribute name, if any.
    value : object
        The offending value, if any.
    fix : str or None
        What the user can do about it (English).
    message_id, fix_id : str or None
        The message and the fix in Indonesian; shown first by default.
    sheet_row : int or None
        The row as a spreadsheet shows the file (header on row 1: data row 1
        is sheet row 2).
    header : str or None
        The column's header as written in the file (``"Berat"``).
    personal : tuple of str
        Texts in the message that may be personal data (cells of a file
        without its header row, names): the command line masks them unless
        asked to show personal data.

    Examples
    --------
    >>> error = InputFileError("the file is empty", message_id="berkas kosong",
    ...                        fix="export it again", fix_id="ekspor ulang")
    >>> str(error)
    'berkas kosong / the file is empty. Perbaikan: ekspor ulang / Fix: export it again'
    >>> error.describe("en")
    'the file is empty / berkas kosong. Fix: export it again / Perbaikan: ekspor ulang'
    """

    def __init__(
        self,
        message: str,
        *,
        row: int | None = None,
        field: str | None = None,
        value: Any = None,
        fix: str | None = None,
        message_id: str | None = None,
        fix_id: str | None = None,
        sheet_row: int | None = None,
        header: str | None = None,
        personal: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.field = field
        self.value = value
        self.fix = fix
        self.message_id = message_id
        self.fix_id = fix_id
        self.sheet_row = sheet_row
        self.header = header
        self.personal = personal

    def describe(self, lang: str = "id") -> str:
        """Return the error in one line, ``lang`` (``"id"`` or ``"en"``) first."""
        indonesian = lang == "id" and self.message_id is not None
        row = self.row if self.sheet_row is None else self.sheet_row
        column = self.header or self.field
        where = []
        if row is not None:
            where.append(f"baris {row}" if indonesian else f"row {row}")
        if column is not None:
            where.append(f"kolom {column!r}" if indonesian else f"field {column!r}")
        text = _pair(self.message_id, self.message, lang)
        text = f"{', '.join(where)}: {text}" if where else text
        if self.value is not None and column is not None:
            text += f" ({'nilai' if indonesian else 'value'} {self.value!r})"
        if self.fix:
            fix = _pair(self.fix_id, self.fix, lang, "Perbaikan: ", "Fix: ")
            text += ("" if text.endswith(("?", ".", "!")) else ".") + f" {fix}"
        return text

    def __str__(self) -> str:
        return self.describe("id")


def _pair(
    indonesian: str | None,
    english: str,
    lang: str,
    label_id: str = "",
    label_en: str = "",
) -> str:
    """Both languages, ``lang`` first (English alone when there is no Indonesian).

    A text that reads the same in both (a command to type) is written once.
    """
    if indonesian is None:
        return label_en + english
    if indonesian == english and label_id:
        labels = (label_id, label_en) if lang == "id" else (label_en, label_id)
        return f"{labels[0].rstrip(': ')} / {labels[1]}{english}"
    if indonesian == english:
        return english
    first, second = (
        (label_id + indonesian, label_en + english)
        if lang == "id"
        else (label_en + english, label_id + indonesian)
    )
    return f"{first} / {second}"


def texts_of(error: BaseException) -> tuple[str, str]:
    """Return an error's message in Indonesian and in English, to quote it in another.

    A ``PosyanduError`` gives its two messages (the English one twice when it
    has no Indonesian); any other exception its ``str`` twice.

    Examples
    --------
    >>> texts_of(UsageError("bad date", message_id="tanggal salah"))
    ('tanggal salah', 'bad date')
    >>> texts_of(ValueError("could not convert"))
    ('could not convert', 'could not convert')
    """
    if isinstance(error, PosyanduError):
        return error.message_id or error.message, error.message
    return str(error), str(error)


class InvalidMeasurementError(PosyanduError, ValueError):
    """A measurement breaks an invariant (negative weight, measured before birth)."""


class ShapeMismatchError(PosyanduError, ValueError):
    """Array arguments cannot be broadcast to one shape."""


class InputFileError(PosyanduError, ValueError):
    """An input file cannot be used at all: missing, empty, not CSV, wrong encoding."""


class UsageError(PosyanduError, ValueError, argparse.ArgumentTypeError):
    """A command was asked for something it cannot do (an unknown id, a bad date).

    It is also argparse's ``ArgumentTypeError``, so an option whose type
    function raises it (``--as-of 32/01/2025``) shows this message, not
    argparse's "invalid value".
    """


class UnknownNameError(PosyanduError, KeyError):
    """A table, rule, column or code was looked up by a name that does not exist.

    It is also ``KeyError``, what a lookup by name raised before.
    """


class WrongTypeError(PosyanduError, TypeError):
    """An argument has the wrong type (text where ``True``/``False`` is needed)."""


class NoMatchError(PosyanduError, LookupError):
    """A filter (Posyandu, month, date) matches nothing in the register."""


class RuleDataError(PosyanduError, ValueError):
    """A rule table (cut-offs, schedule) is malformed."""


class CaseTransitionError(PosyanduError, ValueError):
    """A case was moved to a status its workflow does not allow from where it is."""


class GrowthReferenceError(PosyanduError):
    """Base class of growth-reference problems."""


class UnknownReferenceError(GrowthReferenceError, LookupError):
    """No growth reference is registered under that name."""


class ReferenceDataError(GrowthReferenceError, ValueError):
    """A packaged reference table is missing, altered or malformed."""


class PluginError(PosyanduError):
    """A plugin broke the plugin contract."""


class PluginFailedError(PluginError, RuntimeError):
    """A third-party plugin raised while doing its part; the message names it."""


class DuplicateRegistrationError(PluginError, ValueError):
    """Two plugins registered the same id for the same kind of contribution."""


class DecodeError(PosyanduError, ValueError):
    """Device bytes or a device line do not follow the protocol."""


class DeviceError(PosyanduError, OSError):
    """A device could not be reached, timed out or answered with an error."""


class PosyanduWarning(UserWarning):
    """Base class of every warning issued by posyandu_core.

    Parameters
    ----------
    message : str
        The warning in English.
    message_id : str or None
        The warning in Indonesian; the command line shows the reader's
        language first.

    Examples
    --------
    >>> w = PosyanduWarning("left out", message_id="tidak dipakai")
    >>> str(w), w.describe("en")
    ('tidak dipakai / left out', 'left out / tidak dipakai')
    """

    def __init__(self, message: str = "", *, message_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_id = message_id
        self._lines: tuple[str, str] | None = None

    @classmethod
    def of_error(cls, error: PosyanduError) -> PosyanduWarning:
        """Return a warning that tells ``error`` (its two languages, its fix)."""
        warning = cls(error.describe("en"), message_id=error.describe("id"))
        warning._lines = (error.describe("id"), error.describe("en"))
        return warning

    def describe(self, lang: str = "id") -> str:
        """Return the warning in one line, ``lang`` (``"id"`` or ``"en"``) first."""
        if self._lines is not None:
            return self._lines[0] if lang == "id" else self._lines[1]
        if not self.message_id or self.message_id == self.message:
            return self.message
        first, second = (
            (self.message_id, self.message)
            if lang == "id"
            else (self.message, self.message_id)
        )
        return f"{first} / {second}"

    def __str__(self) -> str:
        return self.describe("id")


class PluginLoadWarning(PosyanduWarning, RuntimeWarning):
    """A third-party plugin failed to load; the others keep working."""


class PluginFaultWarning(PosyanduWarning, RuntimeWarning):
    """A plugin contribution failed or was skipped; the rest keeps working."""


class PosyanduDeprecationWarning(PosyanduWarning, DeprecationWarning):
    """A public API will change; the message says what to use instead."""
