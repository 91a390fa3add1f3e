"""The ``posyandu`` command.

Core subcommands live here (``plugins``, ``validate``, ``demo``); plugins add
theirs through the ``register_commands`` hook. Errors never reach the user as
a traceback: unusable input exits 2, bad data exits 1, each with one line
saying what and where (``POSYANDU_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

from posyandu_core.errors import InputFileError, PosyanduError, RuleDataError
from posyandu_core.hookspecs import Command
from posyandu_core.register._command import add_input_options
from posyandu_core.rules import Severity, has_errors

__all__ = ["main"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# -- posyandu plugins ---------------------------------------------------------


def _configure_plugins(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _run_plugins(args: argparse.Namespace) -> int:
    from posyandu_core.registry import get_registry

    plugins = get_registry().plugins
    if args.format == "json":
        _print_json(
            [
                {
                    "name": p.name,
                    "module": p.module,
                    "distribution": p.distribution,
                    "builtin": p.builtin,
                    "contributions": {k: list(v) for k, v in p.contributions.items()},
                }
                for p in plugins
            ]
        )
        return EXIT_OK
    for p in plugins:
        origin = "built-in" if p.builtin else (p.distribution or "?")
        print(f"{p.name}  ({p.module}, {origin})")
        for kind, ids in p.contributions.items():
            print(f"    {kind}: {', '.join(ids)}")
    return EXIT_OK


# -- posyandu validate --------------------------------------------------------


def _configure_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "register", help="register: CSV, .xlsx or .parquet (see docs: register format)"
    )
    parser.add_argument(
        "--equipment", help="equipment inventory CSV, for calibration checks"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_input_options(parser)


def _run_validate(args: argparse.Namespace) -> int:
    from posyandu_core.register import read_equipment
    from posyandu_core.register._command import finish, load_register

    equipment = read_equipment(args.equipment) if args.equipment else ()
    register = load_register(args, args.register, equipment=equipment)
    issues = register.issues
    counts = {str(s): sum(i.severity is s for i in issues) for s in Severity}
    quality = register.quality
    if args.format == "json":
        _print_json(
            {
                "file": args.register,
                "rows": quality.rows_read if quality else len(register),
                "summary": counts,
                "issues": [i.to_dict() for i in issues],
                "data_quality": quality.to_dict() if quality else None,
            }
        )
    else:
        for issue in issues:
            print(issue.describe())
        print(
            f"{args.register}: {quality.rows_read if quality else len(register)} rows, "
            f"{counts['error']} errors, {counts['warning']} warnings, "
            f"{counts['info']} notes"
        )
    return EXIT_DATA if finish(register) or has_errors(issues) else EXIT_OK


# -- posyandu demo ------------------------------------------------------------


def _configure_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--register", help="run on this register instead of the packaged sample"
    )
    add_input_options(parser)


def _run_demo(args: argparse.Namespace) -> int:
    from posyandu_core.register._command import finish, load_register
    from posyandu_core.register.sample import load_sample_register
    from posyandu_core.registry import get_registry

    register = (
        load_register(args, args.register) if args.register else load_sample_register()
    )
    print(f"posyandu_core demo — {register.source}: {len(register)} rows")
    sections = sorted(
        get_registry().demo_sections.values(), key=lambda s: (s.order, s.id)
    )
    for section in sections:
        print(f"\n== {section.title} ==")
        print(section.render(register).rstrip())
    sys.stdout.flush()
    return EXIT_DATA if finish(register) else EXIT_OK


CORE_COMMANDS = (
    Command(
        name="plugins",
        help="list loaded plugins and what each contributes",
        configure=_configure_plugins,
        run=_run_plugins,
    ),
    Command(
        name="validate",
        help="check a register CSV and report every issue",
        configure=_configure_validate,
        run=_run_validate,
    ),
    Command(
        name="demo",
        help="show what the library does on the packaged sample register",
        configure=_configure_demo,
        run=_run_demo,
    ),
)


def _build_parser() -> argparse.ArgumentParser:
    from posyandu_core.registry import get_registry

    parser = argparse.ArgumentParser(
        prog="posyandu",
        description="posyandu_core: Posyandu data, WHO growth standards and reports.",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands = [*CORE_COMMANDS, *get_registry().commands.values()]
    for command in commands:
        child = sub.add_parser(
            command.name, help=command.help, description=command.help
        )
        command.configure(child)
        child.set_defaults(_run=command.run)
    return parser


def _version() -> str:
    import posyandu_core

    return f"posyandu_core {posyandu_core.__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``posyandu`` command; return the exit code."""
    try:
        parser = _build_parser()
        args = parser.parse_args(argv)
        return int(args._run(args))
    except (InputFileError, RuleDataError) as exc:
        print(f"posyandu: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PosyanduError as exc:
        print(f"posyandu: error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print("posyandu: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("POSYANDU_DEBUG"):
            traceback.print_exc()
        print(
            f"posyandu: internal error: {type(exc).__name__}: {exc} "
            "(this is a bug; rerun with POSYANDU_DEBUG=1 and report it)",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
