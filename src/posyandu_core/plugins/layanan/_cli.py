"""``posyandu kasus``: case reports, overdue cases and the bidang overview."""

from __future__ import annotations

import argparse
import sys

from posyandu_core.hookspecs import Command
from posyandu_core.model import Case, WorkingCalendar
from posyandu_core.plugins._tables import (
    add_output_arguments,
    emit,
    iso_date,
    iso_month,
)
from posyandu_core.plugins.wilayah.hierarchy import (
    LEVELS,
    PosyanduRegistry,
    read_posyandu,
)


def _inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("cases", help="case file (kasus.csv or .xlsx)")
    parser.add_argument(
        "--posyandu-file",
        help="Posyandu registry (posyandu.csv), for names and grouping",
    )
    parser.add_argument("--closed-days", help="Posyandu closed days (hari_tutup.csv)")
    parser.add_argument(
        "--on", type=iso_date, required=True, help="report date, YYYY-MM-DD"
    )
    parser.add_argument(
        "--no-cuti-bersama",
        action="store_true",
        help="count collective leave (cuti bersama) as working days",
    )
    add_output_arguments(parser)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add ``posyandu kasus laporan|terlambat|ringkasan``."""
    sub = parser.add_subparsers(dest="kasus", metavar="REPORT", required=True)
    report = sub.add_parser(
        "laporan",
        help="cases per month: received, verified, forwarded, closed, overdue, median days",
    )
    _inputs(report)
    report.add_argument(
        "--month",
        type=iso_month,
        action="append",
        help="report month YYYY-MM (repeatable; default: every month)",
    )
    report.add_argument(
        "--level", choices=LEVELS, default="posyandu", help="group by this level"
    )
    report.add_argument(
        "--taxonomy",
        default="permendagri-13-2024",
        help="bidang labels: permendagri-13-2024 or bontang",
    )
    _inputs(
        sub.add_parser("terlambat", help="cases past their 5-working-day service level")
    )
    overview = sub.add_parser(
        "ringkasan", help="bidang overview of one Posyandu: services and case counts"
    )
    _inputs(overview)
    overview.add_argument(
        "--posyandu", required=True, help="registration number or name"
    )
    overview.add_argument(
        "--register",
        help="register CSV: count the people seen in the month (kesehatan)",
    )
    overview.add_argument(
        "--taxonomy",
        default="permendagri-13-2024",
        help="bidang labels: permendagri-13-2024 or bontang",
    )


def _calendar(
    args: argparse.Namespace, cases: list[Case], registry: PosyanduRegistry
) -> WorkingCalendar:
    from posyandu_core.plugins.layanan.calendar import (
        indonesia_calendar,
        read_closed_days,
    )

    closed = read_closed_days(args.closed_days) if args.closed_days else {}
    years = {d.year for c in cases for d in (c.submitted_on, args.on)}
    years |= {y + 1 for y in years}
    return indonesia_calendar(
        years,
        cuti_bersama=not args.no_cuti_bersama,
        closed={registry.number(k): v for k, v in closed.items()},
    )


def run(args: argparse.Namespace) -> int:
    """Run ``posyandu kasus``."""
    from posyandu_core.plugins.layanan.cases import read_cases
    from posyandu_core.plugins.layanan.reports import (
        bidang_overview,
        case_report,
        overdue_report,
    )
    from posyandu_core.registry import get_registry

    registry = (
        read_posyandu(args.posyandu_file) if args.posyandu_file else PosyanduRegistry()
    )
    cases = read_cases(args.cases, registry)
    calendar = _calendar(args, cases, registry)
    if args.kasus == "laporan":
        if args.taxonomy not in get_registry().taxonomies:
            return _unknown_taxonomy(args.taxonomy)
        emit(
            case_report(
                cases,
                as_of=args.on,
                months=args.month,
                taxonomy=args.taxonomy,
                level=args.level,
                registry=registry,
                calendar=calendar,
            ),
            args,
        )
    elif args.kasus == "terlambat":
        emit(
            overdue_report(cases, on=args.on, calendar=calendar, registry=registry),
            args,
        )
    else:
        if args.taxonomy not in get_registry().taxonomies:
            return _unknown_taxonomy(args.taxonomy)
        found = registry.find(args.posyandu)
        if found is None:
            from posyandu_core.model import Posyandu

            if not registry.posyandu and any(
                c.posyandu == args.posyandu for c in cases
            ):
                found = Posyandu(registration_number=args.posyandu, name=args.posyandu)
            else:
                sys.stderr.write(
                    f"posyandu: error: Posyandu {args.posyandu!r} tidak dikenal / unknown; give --posyandu-file and a registration number\n"
                )
                return 2
        register = None
        if args.register:
            from posyandu_core.register import read_register

            register = read_register(args.register)
        emit(
            bidang_overview(
                found,
                cases,
                as_of=args.on,
                taxonomy=args.taxonomy,
                calendar=calendar,
                register=register,
            ),
            args,
        )
    return 0


def _unknown_taxonomy(name: str) -> int:
    from posyandu_core.registry import get_registry

    known = ", ".join(get_registry().taxonomies)
    sys.stderr.write(
        f"posyandu: error: taksonomi {name!r} tidak dikenal / unknown taxonomy; use one of {known}\n"
    )
    return 2


COMMAND = Command(
    name="kasus",
    help="non-health bidang cases (kasus): monthly report, overdue cases, bidang overview",
    configure=configure,
    run=run,
)
