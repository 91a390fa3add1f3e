"""Every error and warning posyandu_core raises.

``PosyanduError`` catches everything the library raises on purpose. Each
subclass also derives from the matching built-in (``ValueError``,
``LookupError`` …) so existing ``except ValueError`` code keeps working.

An error names *where* (``row``, ``field``), *what* (``value``) and the *fix*;
the CLI prints ``str(error)`` and exits non-zero, never a traceback.
"""

from __future__ import annotations

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
    "UnknownReferenceError",
    "UsageError",
]


class PosyanduError(Exception):
    """Base class of every error raised by posyandu_core.

    Parameters
    ----------
    message : str
        What went wrong, in one sentence.
    row : int or None
        1-based data row of the input file (header excluded), if any.
    field : str or None
        Column or attribute name, if any.
    value : object
        The offending value, if any.
    fix : str or None
        What the user can do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        row: int | None = None,
        field: str | None = None,
        value: Any = None,
        fix: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.field = field
        self.value = value
        self.fix = fix

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f"field {self.field!r}")
        text = f"{', '.join(where)}: {self.message}" if where else self.message
        if self.value is not None and self.field is not None:
            text += f" (value {self.value!r})"
        if self.fix:
            text += f". Fix: {self.fix}"
        return text


class InvalidMeasurementError(PosyanduError, ValueError):
    """A measurement breaks an invariant (negative weight, measured before birth)."""


class ShapeMismatchError(PosyanduError, ValueError):
    """Array arguments cannot be broadcast to one shape."""


class InputFileError(PosyanduError, ValueError):
    """An input file cannot be used at all: missing, empty, not CSV, wrong encoding."""


class UsageError(PosyanduError, ValueError):
    """A command was asked for something it cannot do (an unknown id, a bad date)."""


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
    """Base class of every warning issued by posyandu_core."""


class PluginLoadWarning(PosyanduWarning, RuntimeWarning):
    """A third-party plugin failed to load; the others keep working."""


class PluginFaultWarning(PosyanduWarning, RuntimeWarning):
    """A plugin contribution failed or was skipped; the rest keeps working."""


class PosyanduDeprecationWarning(PosyanduWarning, DeprecationWarning):
    """A public API will change; the message says what to use instead."""
