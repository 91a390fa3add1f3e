"""``posyandu report check-skdn``: check an SKDN report CSV for consistency.

The reports themselves (``skdn``, ``kms``, ``imunisasi``, ``siklus-hidup``)
are the kesehatan plugin's Reports, built by the generic ``posyandu report
ID``; ``posyandu kms`` and ``posyandu imunisasi`` are their aliases.
"""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Sequence
from pathlib import Path

from posyandu_core._files import csv_writer
from posyandu_core.cli._exit import Exit
from posyandu_core.cli._messages import describe_issue
from posyandu_core.cli._output import lang_of
from posyandu_core.errors import InputFileError
from posyandu_core.hookspecs import Command
from posyandu_core.rules import Issue, has_errors

__all__ = ["COMMANDS", "REPORT_CHILDREN"]


def _exit(issues: Sequence[Issue]) -> int:
    return Exit.DATA if has_errors(issues) else Exit.OK


# -- posyandu report check-skdn -------------------------------------------------


def configure_check_skdn(parser: argparse.ArgumentParser) -> None:
    """Add the argument of ``posyandu report check-skdn``."""
    parser.add_argument(
        "report_csv", help="SKDN report CSV (as written by report skdn --format csv)"
    )


def run_check_skdn(args: argparse.Namespace) -> int:
    """Check an SKDN report CSV for consistency."""
    return _check_skdn(args.report_csv, lang_of(args))


def _skdn_csv_text(path: str) -> str:
    """Return the SKDN CSV with keys as header and ``,`` cells, whatever its dialect.

    ``report skdn --format csv`` writes labels in either language and ``;``
    in the Indonesian dialect; the reader of the report table wants keys.
    """
    from posyandu_core.plugins.kesehatan.reports import SKDN_COLUMNS

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        msg = f"input file {path!r} does not exist"
        raise InputFileError(
            msg,
            message_id=f"berkas masukan {path!r} tidak ada",
            fix="check the path",
            fix_id="periksa nama dan folder berkas",
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"cannot read {path!r} as UTF-8 text"
        raise InputFileError(
            msg, message_id=f"{path!r} tidak dapat dibaca sebagai teks UTF-8"
        ) from exc
    first = text.partition("\n")[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    keys = {c.label_id: c.key for c in SKDN_COLUMNS} | {
        c.label_en: c.key for c in SKDN_COLUMNS
    }
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if rows:
        rows[0] = [keys.get(h, h) for h in rows[0]]
    out = io.StringIO()
    csv_writer(out).writerows(rows)
    return out.getvalue()


def _check_skdn(path: str, lang: str) -> int:
    from posyandu_core.plugins.kesehatan.skdn import (
        check_skdn_consistency,
        read_skdn_csv,
    )
    from posyandu_core.registry import get_registry
    from posyandu_core.rules import run_rules

    report = read_skdn_csv(io.StringIO(_skdn_csv_text(path)))
    rules = get_registry().rules_for("skdn_report")
    issues = (
        run_rules(rules, "skdn_report", report)
        if rules
        else check_skdn_consistency(report)
    )
    for issue in issues:
        print(describe_issue(issue, lang))
    count = len(issues)
    print(
        f"{path}: {count} masalah / issues"
        if lang == "id"
        else f"{path}: {count} issues / masalah"
    )
    return _exit(issues)


#: No top-level commands: ``kms`` and ``imunisasi`` are report aliases.
COMMANDS: tuple[Command, ...] = ()

#: Core sub-commands of ``posyandu report`` besides the registered reports.
REPORT_CHILDREN = (
    Command(
        name="check-skdn",
        help="check an SKDN report CSV for consistency",
        configure=configure_check_skdn,
        run=run_check_skdn,
        parent="report",
    ),
)
