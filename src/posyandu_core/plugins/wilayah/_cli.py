"""``posyandu alat`` (calibration schedule) and ``posyandu wilayah`` (hierarchy, strata, city)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from posyandu_core.hookspecs import Command
from posyandu_core.plugins._tables import (
    Col,
    TableResult,
    add_output_arguments,
    emit,
    iso_date,
)
from posyandu_core.plugins.wilayah.hierarchy import (
    LEVEL_LABELS,
    LEVELS,
    PosyanduRegistry,
    read_posyandu,
)


def configure_alat(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``posyandu alat``."""
    parser.add_argument("inventory", help="equipment inventory (alat.csv or .xlsx)")
    parser.add_argument("--calibrations", help="calibration events (kalibrasi.csv)")
    parser.add_argument(
        "--on", type=iso_date, required=True, help="date to judge on, YYYY-MM-DD"
    )
    parser.add_argument(
        "--within", type=int, help="days before the due date to warn (default 30)"
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="list valid items too (default: only what needs action)",
    )
    parser.add_argument(
        "--posyandu-file",
        help="Posyandu registry (posyandu.csv), for names and grouping",
    )
    parser.add_argument(
        "--level", choices=LEVELS, default="posyandu", help="group by this level"
    )
    parser.add_argument(
        "--register",
        help="register CSV: count measurements taken with each item while past calibration",
    )
    add_output_arguments(parser)


def run_alat(args: argparse.Namespace) -> int:
    """Run ``posyandu alat``."""
    from posyandu_core.plugins.wilayah.equipment import (
        calibration_report,
        equipment_states,
        read_calibrations,
        read_inventory,
    )

    registry = (
        read_posyandu(args.posyandu_file) if args.posyandu_file else PosyanduRegistry()
    )
    inventory = read_inventory(args.inventory, registry)
    events = (
        read_calibrations(args.calibrations, inventory) if args.calibrations else []
    )
    states = equipment_states(inventory, events, args.on, within_days=args.within)
    measured = None
    if args.register:
        from posyandu_core.plugins.wilayah.equipment import (
            measurements_past_calibration,
        )
        from posyandu_core.register import read_register

        rows = [
            r
            for r in read_register(args.register).rows
            if r.visit_date and r.visit_date <= args.on
        ]
        measured = measurements_past_calibration(rows, inventory, events)
    emit(
        calibration_report(
            states,
            registry=registry,
            level=args.level,
            attention_only=not args.all,
            measured=measured,
        ),
        args,
    )
    return 0


def configure_wilayah(parser: argparse.ArgumentParser) -> None:
    """Add ``posyandu wilayah daftar|strata|aktif|kota``."""
    sub = parser.add_subparsers(dest="wilayah", metavar="REPORT", required=True)
    listing = sub.add_parser("daftar", help="the Posyandu registry grouped by a level")
    listing.add_argument(
        "posyandu_file", help="Posyandu registry (posyandu.csv or .xlsx)"
    )
    listing.add_argument(
        "--level", choices=LEVELS, default="puskesmas", help="group by this level"
    )
    add_output_arguments(listing)
    for name, text in (
        (
            "strata",
            "Posyandu strata and Posyandu Aktif per Posyandu, with each indicator's source",
        ),
        ("aktif", "share of Posyandu aktif per kecamatan against the 80 % indicator"),
    ):
        child = sub.add_parser(name, help=text, description=text)
        child.add_argument(
            "folder",
            nargs="?",
            help="city folder (posyandu.csv, register.csv, kader.csv, alat.csv, kinerja.csv ...); default: the packaged sample city",
        )
        child.add_argument("--year", type=int, required=True, help="calendar year")
        if name == "aktif":
            child.add_argument(
                "--level",
                choices=LEVELS,
                default="kecamatan",
                help="group by this level",
            )
        add_output_arguments(child)
    city = sub.add_parser(
        "kota",
        help="the city view: kader strata, Posyandu strata, overdue cases, calibration",
    )
    city.add_argument(
        "folder", nargs="?", help="city folder; default: the packaged sample city"
    )
    city.add_argument(
        "--on",
        type=iso_date,
        help="date to judge on (default: 2026-11-30 for the sample, else today)",
    )


def _city(folder: str | None) -> object:
    from posyandu_core.plugins.wilayah.city import load_sample_city, read_city

    return read_city(folder) if folder else load_sample_city()


def run_wilayah(args: argparse.Namespace) -> int:
    """Run ``posyandu wilayah``."""
    from posyandu_core.plugins.wilayah.city import (
        SAMPLE_AS_OF,
        City,
        city_performance,
        render_city,
    )
    from posyandu_core.plugins.wilayah.performance import (
        aktif_share_report,
        strata_report,
    )

    if args.wilayah == "daftar":
        emit(_listing(read_posyandu(args.posyandu_file), args.level), args)
        return 0
    city = _city(args.folder)
    assert isinstance(city, City)
    if args.wilayah == "kota":
        on = args.on or (SAMPLE_AS_OF if args.folder is None else dt.date.today())
        sys.stdout.write(render_city(city, on) + "\n")
        return 0
    results = city_performance(city, args.year)
    if args.wilayah == "strata":
        emit(strata_report(results, city.registry), args)
    else:
        emit(aktif_share_report(results, city.registry, level=args.level), args)
    return 0


def _listing(registry: PosyanduRegistry, level: str) -> TableResult:
    rows = tuple(
        {
            "unit": registry.group_key(p.registration_number, level),
            "registration_number": p.registration_number,
            "name": p.name,
            "kelurahan": p.kelurahan,
            "pustu": p.pustu,
            "puskesmas": p.puskesmas,
            "venue": p.venue_type.value,
            "bidang": tuple(sorted(b.value for b in p.bidang_enabled)),
        }
        for p in sorted(
            registry.posyandu,
            key=lambda p: (
                registry.group_key(p.registration_number, level),
                p.registration_number,
            ),
        )
    )
    return TableResult(
        title_id="Daftar Posyandu",
        title_en="Posyandu registry",
        columns=(
            Col("unit", *LEVEL_LABELS[level]),
            Col("registration_number", "Nomor registrasi", "Registration number"),
            Col("name", "Nama", "Name"),
            Col("kelurahan", "Kelurahan", "Village"),
            Col("pustu", "Pustu", "Pustu"),
            Col("puskesmas", "Puskesmas", "Puskesmas"),
            Col("venue", "Tempat", "Venue"),
            Col("bidang", "Bidang aktif", "Enabled bidang"),
        ),
        rows=rows,
    )


COMMANDS = (
    Command(
        name="alat",
        help="equipment calibration: overdue, due soon, failed, never calibrated",
        configure=configure_alat,
        run=run_alat,
    ),
    Command(
        name="wilayah",
        help="Posyandu hierarchy, strata, Posyandu Aktif and the city view",
        configure=configure_wilayah,
        run=run_wilayah,
    ),
)
