"""Virtual serial scales on a pseudo-terminal that real pyserial reads.

The simulator owns the master side of a pty; an application opens the
slave side (``scale.port``) exactly as it opens ``/dev/ttyUSB0``. A thread
answers commands, or streams, with the bytes a real scale sends.
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
import select
import threading
import tty
from collections.abc import Iterable, Iterator
from decimal import Decimal
from types import TracebackType
from typing import ClassVar, Self

import attrs

__all__ = ["ScaleFault", "ScaleScript", "VirtualAndScale", "VirtualMtSicsScale"]


class ScaleFault(enum.StrEnum):
    """A fault the virtual scale reports instead of a weight."""

    OVERLOAD = "overload"
    UNDERLOAD = "underload"
    BUSY = "busy"  # MT-SICS "S I"
    SYNTAX_ERROR = "syntax_error"  # MT-SICS "ES", A&D "EC,E01"
    MODULE_ERROR = "module_error"  # MT-SICS "S S  Error 10b"


def _decimal(value: Decimal | float | str) -> Decimal:
    return Decimal(str(value))


def _decimals(values: Iterable[Decimal | float | str]) -> tuple[Decimal, ...]:
    return tuple(_decimal(v) for v in values)


@attrs.frozen(kw_only=True)
class ScaleScript:
    """What the virtual scale shows.

    Parameters
    ----------
    weight : Decimal
        The stable weight, in ``unit``, with the scale's decimals
        (``Decimal("8.75")``).
    unit : str
        Unit as the scale prints it.
    unstable : tuple of Decimal
        Values shown as unstable (``S D`` / ``US``), in order, before the
        stable weight.
    fault : ScaleFault or None
        Report this instead of any weight.
    """

    weight: Decimal = attrs.field(converter=_decimal)
    unit: str = "kg"
    unstable: tuple[Decimal, ...] = attrs.field(default=(), converter=_decimals)
    fault: ScaleFault | None = None

    def frames(self) -> Iterator[tuple[bool, Decimal]]:
        """Yield ``(stable, value)``: the unstable values, then the weight forever."""
        for value in self.unstable:
            yield False, value
        while True:
            yield True, self.weight


class _PtyScale:
    """Base: a pty, a thread, command lines in, reply lines out."""

    def __init__(
        self, script: ScaleScript, *, stream: bool = False, interval: float = 0.02
    ):
        self.script = script
        self.interval = interval
        self.commands: list[str] = []  # every command received, for tests
        self._streaming = stream
        self._frames = script.frames()
        self._stop = threading.Event()
        self._master, self._slave = os.openpty()
        # Raw mode at once: with the default echo the simulator would read
        # its own replies back as commands.
        tty.setraw(self._slave)
        os.set_blocking(self._master, False)
        self.port = os.ttyname(self._slave)
        self._thread = threading.Thread(
            target=self._run, name=f"virtual-scale {self.port}", daemon=True
        )

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Start answering on :attr:`port`."""
        self._thread.start()

    def close(self) -> None:
        """Stop the thread and close both ends of the pty."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=2)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._master = self._slave = -1

    def _send(self, line: str) -> None:
        # Nobody reading and the pty buffer full: drop the line, as a wire would.
        with contextlib.suppress(BlockingIOError):
            os.write(self._master, line.encode("ascii") + b"\r\n")

    def _run(self) -> None:
        pending = b""
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], self.interval)
            if ready:
                with contextlib.suppress(BlockingIOError):
                    pending += os.read(self._master, 1024)
                *lines, pending = re.split(rb"\r\n|\r|\n", pending)
                for raw in lines:
                    if command := raw.decode("ascii", "replace").strip():
                        self.commands.append(command)
                        for reply in self.answer(command):
                            self._send(reply)
            elif self._streaming:
                self._send(self.next_line())

    def next_line(self) -> str:
        """Return the line the scale prints next when streaming or polled."""
        raise NotImplementedError

    def answer(self, command: str) -> list[str]:
        """Return the reply lines to one command."""
        raise NotImplementedError


class VirtualMtSicsScale(_PtyScale):
    """A Mettler Toledo MT-SICS balance: answers ``S``, ``SI``, ``SIR``, ``@``.

    ``SI`` returns the next frame of the script (``S D`` while unstable),
    ``S`` waits for stability (returns the stable weight), ``SIR`` streams
    frames until the next command. Anything else is answered ``ES``.

    Examples
    --------
    >>> with VirtualMtSicsScale(ScaleScript(weight="8.75", unstable=["8.2"])) as scale:
    ...     scale.answer("SI"), scale.answer("SI"), scale.answer("XYZ")
    (['S D       8.20 kg'], ['S S       8.75 kg'], ['ES'])
    """

    _FAULTS: ClassVar[dict[ScaleFault, str]] = {
        ScaleFault.OVERLOAD: "S +",
        ScaleFault.UNDERLOAD: "S -",
        ScaleFault.BUSY: "S I",
        ScaleFault.SYNTAX_ERROR: "ES",
        ScaleFault.MODULE_ERROR: "S S  Error 10b",
    }

    def _format(self, stable: bool, value: Decimal) -> str:
        places = -self.script.weight.as_tuple().exponent  # type: ignore[operator]
        text = f"{value:.{max(places, 0)}f}"
        return f"S {'S' if stable else 'D'} {text:>10} {self.script.unit}"

    def next_line(self) -> str:
        if self.script.fault is not None:
            return self._FAULTS[self.script.fault]
        return self._format(*next(self._frames))

    def answer(self, command: str) -> list[str]:
        self._streaming = False  # any command cancels SIR
        name = command.split()[0]
        if name == "SI":
            return [self.next_line()]
        if name == "S":
            if self.script.fault is not None:
                return [self.next_line()]
            return [self._format(True, self.script.weight)]
        if name == "SIR":
            self._streaming = True
            return [self.next_line()]
        if name in ("@", "I4"):
            return ['I4 A "SIM0000001"']
        return ["ES"]


class VirtualAndScale(_PtyScale):
    """An A&D balance in standard format: ``Q`` (now) and ``S`` (when stable).

    With ``stream=True`` it prints frames on its own, as in stream mode.
    Unknown commands get ``EC,E01`` (undefined command).

    Examples
    --------
    >>> with VirtualAndScale(ScaleScript(weight="12.34", unstable=["12.30"])) as scale:
    ...     scale.answer("Q"), scale.answer("Q")
    (['US,+00012.30 kg'], ['ST,+00012.34 kg'])
    """

    def _format(self, stable: bool, value: Decimal) -> str:
        places = max(-self.script.weight.as_tuple().exponent, 0)  # type: ignore[operator]
        digits = f"{abs(value):.{places}f}".zfill(8)
        sign = "-" if value < 0 else "+"
        return f"{'ST' if stable else 'US'},{sign}{digits}{self.script.unit:>3}"

    def next_line(self) -> str:
        if self.script.fault is ScaleFault.OVERLOAD:
            return f"OL,+9999999E+19{self.script.unit:>3}"
        if self.script.fault is ScaleFault.SYNTAX_ERROR:
            return "EC,E01"
        return self._format(*next(self._frames))

    def answer(self, command: str) -> list[str]:
        if command == "Q":
            return [self.next_line()]
        if command == "S":
            if self.script.fault is not None:
                return [self.next_line()]
            return [self._format(True, self.script.weight)]
        return ["EC,E01"]
