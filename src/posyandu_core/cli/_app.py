"""The ``posyandu`` command: the parser and one error policy for every command.

Core commands (:mod:`.core`, :mod:`.report`, :mod:`.zscores`,
:mod:`.kesehatan`, :mod:`.device`): ``plugins``, ``validate``, ``demo``,
``findings``, ``report``, ``export``, ``zscores``, ``kms``, ``imunisasi``
and ``device``; plugins add
theirs (top level, or under ``report``, ``device`` and ``export``) through
the ``register_commands`` hook. Errors never reach the user as a traceback:
one line, and an exit code from :mod:`posyandu_core.cli._exit`
(``POSYANDU_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import re
import signal
import sys
import traceback
import warnings
from collections.abc import Iterator, Sequence
from types import FrameType
from typing import Final, NoReturn

from posyandu_core.cli import core, device, kesehatan, report, zscores
from posyandu_core.cli._exit import Exit, exit_code
from posyandu_core.cli._messages import (
    SHOW_PERSONAL_ENV,
    error_line,
    install_warning_lines,
    mask,
)
from posyandu_core.cli._output import (
    add_lang_option,
    default_lang,
)
from posyandu_core.errors import (
    PluginFaultWarning,
    PosyanduError,
    UsageError,
    texts_of,
)
from posyandu_core.hookspecs import Command

__all__ = ["main"]

#: Commands that take plugin sub-commands (``posyandu report NAME`` …).
PARENTS = ("report", "device", "export")


def _normalise_argv(argv: list[str]) -> list[str]:
    """Read ``export --format ID`` and ``device read --driver ID`` as sub-commands."""
    if len(argv) >= 3 and argv[0] == "export" and argv[1] == "--format":
        return ["export", *argv[2:]]
    if len(argv) >= 2 and argv[0] == "export" and argv[1].startswith("--format="):
        return ["export", argv[1].partition("=")[2], *argv[2:]]
    return argv


# -- the parser -----------------------------------------------------------------------

CORE_COMMANDS = (
    *core.COMMANDS,
    *report.COMMANDS,
    Command(name="zscores", help="WHO z-scores and flags for a CSV file, exactly as WHO's anthro/anthroplus",
            configure=zscores.configure, run=zscores.run),
    *kesehatan.COMMANDS,
    Command(name="device", help="decode device payloads, read a device, scan for BLE devices",
            configure=device.configure, run=device.run),
)  # fmt: skip


def _add_children(parser: argparse.ArgumentParser, children: Sequence[Command]) -> None:
    """Add sub-commands to a parent command (``report``, ``device``, ``export``)."""
    if not children:
        return
    # argparse keeps a parser's sub-commands in an action of its own; a
    # parent command may already have one (report ids, device actions).
    sub = next(
        (a for a in parser._actions if isinstance(a, argparse._SubParsersAction)),
        None,
    ) or parser.add_subparsers(dest=f"{parser.prog}_child", metavar="COMMAND")
    for command in children:
        child = sub.add_parser(
            command.name, help=command.help, description=command.help
        )
        command.configure(child)
        child.set_defaults(_child_run=command.run)


def _configures(command: Command) -> bool:
    """Try a plugin command's ``configure`` on a scratch parser (a failure: warned)."""
    try:
        command.configure(argparse.ArgumentParser(prog=command.path, add_help=False))
    except PosyanduError as exc:
        text_id, text_en = texts_of(exc)
        warnings.warn(
            PluginFaultWarning(
                f"{text_en} (the command is left out)",
                message_id=f"{text_id} (perintahnya tidak dipakai)",
            ),
            stacklevel=2,
        )
        return False
    return True


class _Parser(argparse.ArgumentParser):
    """A parser whose errors are one line and exit code 2, like every other error."""

    def error(self, message: str) -> NoReturn:
        fix = f"{self.prog} --help"
        # An option's type function raising UsageError (--as-of 32/01/2025)
        # reaches here as argparse's text; the error itself has both languages.
        cause = sys.exc_info()[1]
        cause = cause.__context__ if isinstance(cause, argparse.ArgumentError) else None
        if isinstance(cause, UsageError) and cause.message_id is not None:
            option = message.partition(": ")[0]  # "argument --as-of"
            option_id = option.replace("argument", "argumen", 1)
            msg = f"{self.prog}: {option}: {cause.message}"
            raise UsageError(
                msg,
                message_id=f"{self.prog}: {option_id}: {cause.message_id}",
                fix=cause.fix or fix,
                fix_id=cause.fix_id if cause.fix else fix,
            )
        msg = f"{self.prog}: {message}"
        raise UsageError(
            msg,
            message_id=f"{self.prog}: {_argparse_id(message)}",
            fix=fix,
            fix_id=fix,
        )


#: argparse's own messages, in Indonesian (anything else is quoted as it is).
_ARGPARSE_ID: Final = (
    (r"the following arguments are required: (.*)", r"argumen ini wajib diisi: \1"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (
        r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)",
        r"argumen \1: pilihan tidak dikenal: \2 (pilih dari \3)",
    ),
    (r"argument (.*?): expected one argument", r"argumen \1: perlu satu nilai"),
    (r"argument (.*?): expected (.*)", r"argumen \1: perlu nilai (expected \2)"),
    (
        r"argument (.*?): invalid (\w+) value: (.*)",
        r"argumen \1: nilai \2 tidak sah: \3",
    ),
    (
        r"argument (.*?): not allowed with argument (.*)",
        r"argumen \1 tidak boleh dipakai bersama argumen \2",
    ),
    (
        r"argument (.*?): ignored explicit argument (.*)",
        r"argumen \1: nilai \2 diabaikan",
    ),
    (r"ambiguous option: (.*?) could match (.*)", r"opsi ambigu: \1 bisa berarti \2"),
)


def _argparse_id(message: str) -> str:
    """Return an argparse error message in Indonesian.

    Examples
    --------
    >>> _argparse_id("the following arguments are required: REGISTER")
    'argumen ini wajib diisi: REGISTER'
    >>> _argparse_id("something new")
    'perintah tidak sah: something new'
    """
    for pattern, replacement in _ARGPARSE_ID:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return f"perintah tidak sah: {message}"


def _build_parser() -> argparse.ArgumentParser:
    from posyandu_core.registry import get_registry

    parser = _Parser(
        prog="posyandu",
        description="posyandu_core: data Posyandu, standar pertumbuhan WHO dan laporan / "
        "Posyandu data, WHO growth standards and reports.",
        epilog="Kode keluar / exit codes: 0 ok, 1 data bermasalah / data errors, "
        "2 penggunaan / usage, 3 plugin gagal / a plugin failed, 4 perangkat / device, "
        "70 bug, 130 dihentikan / interrupted.",
    )
    parser.add_argument("--version", action="version", version=_version())
    add_lang_option(parser)
    parser.add_argument(
        "--show-personal",
        action="store_true",
        help=f"tampilkan NIK dan nama dalam pesan / show NIK and names in messages "
        f"(anywhere on the line; or {SHOW_PERSONAL_ENV}=1)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    core = {c.name for c in CORE_COMMANDS}
    children: dict[str, list[Command]] = {"report": list(kesehatan.REPORT_CHILDREN)}
    top: list[Command] = list(CORE_COMMANDS)
    aliases, groups = _report_aliases(core)
    top += aliases
    top += [_group(name, items) for name, items in groups.items()]
    for name, items in groups.items():
        children[name] = list(items)
    parents = (*PARENTS, *groups)
    for command in get_registry().commands.values():
        if command.parent is None and command.name in core | set(groups):
            who = get_registry().origin("commands", command.path).describe()
            warnings.warn(
                PluginFaultWarning(
                    f"{who}: command {command.name!r} is a core command; the "
                    "plugin's is left out",
                    message_id=f"{who}: perintah {command.name!r} adalah perintah "
                    "inti; milik plugin tidak dipakai",
                ),
                stacklevel=2,
            )
        elif command.parent is not None and command.parent not in parents:
            warnings.warn(
                PluginFaultWarning(
                    f"command {command.path!r}: parent must be one of "
                    f"{', '.join(parents)}",
                    message_id=f"perintah {command.path!r}: induknya harus salah satu "
                    f"dari {', '.join(parents)}",
                ),
                stacklevel=2,
            )
        elif _configures(command):
            if command.parent is None:
                top.append(command)
            else:
                children.setdefault(command.parent, []).append(command)
    for command in top:
        child = sub.add_parser(
            command.name, help=command.help, description=command.help
        )
        command.configure(child)
        _add_children(child, children.get(command.name, ()))
        child.set_defaults(_run=command.run)
    return parser


def _report_aliases(
    taken: set[str],
) -> tuple[list[Command], dict[str, list[Command]]]:
    """Commands for every report alias: ``kms`` at the top, ``kader strata`` in a group.

    An alias runs the report's own command line (:func:`.report.configure_report`
    and :func:`.report.run_report`): one code path, whatever the words typed.
    """
    from posyandu_core.registry import get_registry

    top: list[Command] = []
    groups: dict[str, list[Command]] = {}
    for item in get_registry().reports.values():
        for alias in item.aliases:
            words = alias.split()
            command = Command(
                name=words[-1],
                help=f"{item.title_id} / {item.title_en} (= posyandu report {item.id})".replace(
                    "%", "%%"
                ),
                configure=functools.partial(report.configure_report, report=item),
                run=report.run_report,
            )
            if len(words) == 1 and words[0] not in taken:
                top.append(command)
                taken.add(words[0])
            elif len(words) == 2 and words[0] not in taken:
                groups.setdefault(words[0], []).append(command)
            else:
                warnings.warn(
                    PluginFaultWarning(
                        f"report {item.id!r}: alias {alias!r} is taken or has more "
                        "than two words; left out",
                        message_id=f"laporan {item.id!r}: alias {alias!r} sudah "
                        "dipakai atau lebih dari dua kata; tidak dipakai",
                    ),
                    stacklevel=2,
                )
    return top, groups


def _group(name: str, items: Sequence[Command]) -> Command:
    """Return the command above a group of report aliases (``posyandu kader``)."""

    def run(args: argparse.Namespace) -> int:
        print(f"posyandu {name} LAPORAN/REPORT …:")
        for item in items:
            print(f"  {item.name:<12} {item.help}")
        return Exit.USAGE

    return Command(
        name=name,
        help="laporan / reports: " + ", ".join(i.name for i in items),
        configure=lambda parser: None,
        run=run,
    )


def _version() -> str:
    import posyandu_core

    return f"posyandu_core {posyandu_core.__version__}"


@contextlib.contextmanager
def _signals_as_interrupts() -> Iterator[None]:
    """SIGTERM becomes KeyboardInterrupt, so temporary files are cleaned up."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``posyandu`` command; return the exit code."""
    arguments = _normalise_argv(list(sys.argv[1:] if argv is None else argv))
    lang = default_lang()
    if "--lang" in arguments[:-1]:
        lang = arguments[arguments.index("--lang") + 1]
    # Read before parsing (like --lang), so even a usage error shows what was asked.
    shown_before = os.environ.get(SHOW_PERSONAL_ENV)
    if "--show-personal" in arguments:
        arguments = [a for a in arguments if a != "--show-personal"]
        os.environ[SHOW_PERSONAL_ENV] = "1"
    showwarning = warnings.showwarning
    install_warning_lines(lang=lang)
    try:
        with _signals_as_interrupts():
            parser = _build_parser()
            args = parser.parse_args(arguments)
            run = getattr(args, "_child_run", None) or args._run
            return int(run(args))
    except UsageError as exc:
        print(error_line(exc, lang), file=sys.stderr)
        return Exit.USAGE
    except PosyanduError as exc:
        print(error_line(exc, lang), file=sys.stderr)
        return exit_code(exc)
    except KeyboardInterrupt:
        print("posyandu: dihentikan / interrupted", file=sys.stderr)
        return Exit.INTERRUPTED
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours.
        sys.stderr.close()
        return Exit.OK
    except Exception as exc:
        if os.environ.get("POSYANDU_DEBUG"):
            traceback.print_exc()
        bug = PosyanduError(
            f"internal error: {type(exc).__name__}: {exc}",
            message_id=f"kesalahan internal: {type(exc).__name__}: {exc}",
            fix="this is a bug; rerun with POSYANDU_DEBUG=1 and report it",
            fix_id="ini kesalahan program; jalankan ulang dengan POSYANDU_DEBUG=1 dan "
            "laporkan",
        )
        print(mask(f"posyandu: {bug.describe(lang)}"), file=sys.stderr)
        return Exit.INTERNAL
    finally:
        warnings.showwarning = showwarning
        if shown_before is None:
            os.environ.pop(SHOW_PERSONAL_ENV, None)
        else:
            os.environ[SHOW_PERSONAL_ENV] = shown_before


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
