"""Output files written safely: refused at once if unusable, replaced atomically.

A file is written to a temporary file with a unique name next to its
destination and renamed over it at the end, so concurrent writers never
interleave and an interrupted one leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from posyandu_core.errors import UsageError

__all__ = ["atomic_path", "check_destination", "csv_writer", "open_output"]


def check_destination(destination: Path) -> None:
    """Refuse at once a destination that exists and is not a regular file."""
    try:
        mode = destination.stat().st_mode
    except FileNotFoundError:
        if not destination.parent.is_dir():
            msg = f"cannot write {str(destination)!r}: its folder does not exist"
            raise UsageError(
                msg,
                message_id=f"tidak dapat menulis {str(destination)!r}: foldernya "
                "tidak ada",
                field="output",
                fix="create the folder first",
                fix_id="buat foldernya dulu",
            ) from None
        return
    except OSError as exc:
        msg = f"cannot write {str(destination)!r}: {exc.strerror}"
        raise UsageError(
            msg,
            message_id=f"tidak dapat menulis {str(destination)!r}: {exc.strerror}",
            field="output",
        ) from exc
    if not stat.S_ISREG(mode):
        folder = stat.S_ISDIR(mode)
        kind = "a folder" if folder else "not a regular file"
        kind_id = "sebuah folder" if folder else "bukan berkas biasa"
        msg = f"cannot write {str(destination)!r}: it is {kind}"
        raise UsageError(
            msg,
            message_id=f"tidak dapat menulis {str(destination)!r}: itu {kind_id}",
            field="output",
            fix="name a file",
            fix_id="sebutkan nama berkas",
        )


@contextlib.contextmanager
def open_output(destination: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a unique temporary file next to ``destination``; rename it on success.

    The temporary file is removed if the block raises (including Ctrl-C and
    SIGTERM, which the command turns into an exception).
    """
    check_destination(destination)
    binary = "b" in mode
    fd, temporary = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".part", dir=destination.parent
    )
    try:
        with (
            os.fdopen(fd, "wb")
            if binary
            else os.fdopen(fd, "w", encoding="utf-8", newline="")
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, destination)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def atomic_path(destination: Path) -> Iterator[Path]:
    """Yield a unique temporary path next to ``destination``; rename it on success.

    For writers that want a path rather than a handle (exporters); the
    temporary path keeps the destination's suffix.
    """
    check_destination(destination)
    fd, name = tempfile.mkstemp(
        prefix=f".{destination.name}.",
        suffix=destination.suffix,
        dir=destination.parent,
    )
    os.close(fd)
    temporary = Path(name)

    # Side files a writer names after its path (a data dictionary beside the
    # data) follow the file: renamed with it, removed with it.
    def side_files() -> list[Path]:
        return [
            p for p in temporary.parent.glob(f"{temporary.stem}.*") if p != temporary
        ]

    try:
        yield temporary
        os.chmod(temporary, 0o644)
        for side in side_files():
            side.chmod(0o644)
            os.replace(
                side,
                side.with_name(destination.stem + side.name[len(temporary.stem) :]),
            )
        os.replace(temporary, destination)
    finally:
        for leftover in [temporary, *side_files()]:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


class _CsvWriter:
    r"""``csv.writer`` with ``"\n"`` line ends that quotes a carriage return too.

    Python's writer quotes a cell holding the delimiter, the quote or a
    character of its *line terminator*; with ``"\n"`` a bare ``"\r"`` inside a
    cell (Excel writes them) went out unquoted, and every reader ends the
    line there. Each row is written with ``"\r\n"`` (so both characters are
    quoted) and its terminator replaced by ``"\n"``.
    """

    def __init__(self, out: IO[str], delimiter: str) -> None:
        self._out = out
        self._buffer = io.StringIO()
        self._writer = csv.writer(
            self._buffer, delimiter=delimiter, lineterminator="\r\n"
        )

    def writerow(self, row: Any) -> None:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(row)
        self._out.write(self._buffer.getvalue()[:-2] + "\n")

    def writerows(self, rows: Any) -> None:
        # Written a block at a time: a block whose every line ending is a
        # row's own (no cell holds "\r\n") is written whole, the others a row
        # at a time. A million-row report takes seconds, not a minute.
        rows = iter(rows)
        while block := list(itertools.islice(rows, 4096)):
            self._buffer.seek(0)
            self._buffer.truncate()
            self._writer.writerows(block)
            text = self._buffer.getvalue()
            if text.count("\r\n") == len(block):
                self._out.write(text.replace("\r\n", "\n"))
            else:
                for row in block:
                    self.writerow(row)


def csv_writer(out: IO[str], *, delimiter: str = ",") -> _CsvWriter:
    r"""Return a CSV writer of ``"\n"``-ended lines whose every cell reads back whole.

    Examples
    --------
    >>> out = io.StringIO()
    >>> csv_writer(out).writerows([["a", "b"], ["1\r2", "x,y"]])
    >>> out.getvalue()
    'a,b\n"1\r2","x,y"\n'
    """
    return _CsvWriter(out, delimiter)
