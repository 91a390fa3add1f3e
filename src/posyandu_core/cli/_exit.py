"""The exit codes of every ``posyandu`` command, and which error gives which.

======  =====================================================================
code    meaning
======  =====================================================================
0       done; the data has no error
1       done, but the data has errors (validation errors, unreadable cells,
        rows that could not be computed, a payload that breaks its protocol)
2       the command cannot run: bad arguments, an input that cannot be used,
        an output that cannot be written
3       a third-party plugin failed; the message names it
4       a device could not be reached or did not answer
70      a bug in posyandu_core (rerun with ``POSYANDU_DEBUG=1`` and report it)
130     interrupted (Ctrl-C, SIGTERM)
======  =====================================================================
"""

from __future__ import annotations

import enum

from posyandu_core.errors import (
    DeviceError,
    InputFileError,
    PluginFailedError,
    PosyanduError,
    RuleDataError,
    UsageError,
)

__all__ = ["Exit", "exit_code"]


class Exit(enum.IntEnum):
    """Exit codes (see the module docstring and docs/reference/cli.md)."""

    OK = 0
    DATA = 1
    USAGE = 2
    PLUGIN = 3
    DEVICE = 4
    INTERNAL = 70
    INTERRUPTED = 130


def exit_code(error: PosyanduError) -> Exit:
    """Return the exit code for an error a command raised.

    Examples
    --------
    >>> exit_code(DeviceError("no such port")), exit_code(InputFileError("empty"))
    (<Exit.DEVICE: 4>, <Exit.USAGE: 2>)
    """
    if isinstance(error, PluginFailedError):
        return Exit.PLUGIN
    if isinstance(error, DeviceError):
        return Exit.DEVICE
    if isinstance(error, InputFileError | RuleDataError | UsageError):
        return Exit.USAGE
    return Exit.DATA
