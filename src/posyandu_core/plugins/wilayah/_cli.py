"""The wilayah reports (``posyandu report alat|wilayah-…``) and ``posyandu wilayah kota``.

``posyandu alat`` and ``posyandu wilayah daftar|strata|aktif`` are aliases of
the reports; the city view (several tables) stays a command of its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Mapping
from typing import Any

import attrs

from posyandu_core.hookspecs import Command, Option, Report, Table
from posyandu_core.plugins._files import columns, parse_date
from posyandu_core.plugins.wilayah.hierarchy import (
    LEVEL_LABELS,
    ON,
    POSYANDU_FILE_OPTION,
    level_option,
    read_posyandu,
    registry_from,
)
from posyandu_core.register import Register

__all__ = ["COMMANDS", "REPORTS"]


def build_alat(register: Register, options: Mapping[str, Any]) -> Table:
    """Build the calibration schedule of an inventory on a date."""
    from posyandu_core.plugins.wilayah.equipment import (
        calibration_report,
        equipment_states,
        measurements_past_calibration,
        read_calibrations,
        read_inventory,
    )

    registry = registry_from(options)
    inventory = read_inventory(options["inventory"], registry)
    events = (
        read_calibrations(options["calibrations"], inventory)
        if options.get("calibrations")
        else []
    )
    on: dt.date = options["on"]
    states = equipment_states(inventory, events, on, within_days=options.get("within"))
    measured, read = None, None
    if options.get("register"):
        from posyandu_core.register import read_register

        read = read_register(options["register"])
        rows = [r for r in read.rows if r.visit_date and r.visit_date <= on]
        measured = measurements_past_calibration(rows, inventory, events)
    table = calibration_report(
        states,
        registry=registry,
        level=options["level"],
        attention_only=not options.get("all"),
        measured=measured,
    )
    return attrs.evolve(table, register=read)


def build_daftar(register: Register, options: Mapping[str, Any]) -> Table:
    """Build the Posyandu registry grouped by a level."""
    registry, level = read_posyandu(options["posyandu_file"]), options["level"]
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
    return Table(
        title_id="Daftar Posyandu",
        title_en="Posyandu registry",
        columns=columns(
            ("unit", *LEVEL_LABELS[level]),
            ("registration_number", "Nomor registrasi", "Registration number"),
            ("name", "Nama", "Name"),
            ("kelurahan", "Kelurahan", "Village"),
            ("pustu", "Pustu", "Pustu"),
            ("puskesmas", "Puskesmas", "Puskesmas"),
            ("venue", "Tempat", "Venue"),
            ("bidang", "Bidang aktif", "Enabled bidang"),
        ),
        rows=rows,
    )


def _city(folder: str | None) -> Any:
    from posyandu_core.plugins.wilayah.city import load_sample_city, read_city

    return read_city(folder) if folder else load_sample_city()


def _performance(report: str) -> Any:
    def build(register: Register, options: Mapping[str, Any]) -> Table:
        from posyandu_core.plugins.wilayah.city import city_performance
        from posyandu_core.plugins.wilayah.performance import (
            aktif_share_report,
            strata_report,
        )

        city = _city(options.get("folder"))
        results = city_performance(city, options["year"])
        if report == "strata":
            return strata_report(results, city.registry)
        return aktif_share_report(results, city.registry, level=options["level"])

    return build


_FOLDER = Option(
    name="folder",
    help="folder kota / city folder (posyandu.csv, register.csv, kader.csv, alat.csv, "
    "kinerja.csv ...); default: the packaged sample city",
)
_YEAR = Option(name="year", type=int, required=True, help="tahun / calendar year")

REPORTS = (
    Report(
        id="alat", title_id="Jadwal kalibrasi alat: terlambat, segera, gagal, belum pernah",
        title_en="Equipment calibration: overdue, due soon, failed, never calibrated",
        build=build_alat, source="inventory", aliases=("alat",),
        options=(
            Option(name="inventory", required=True, help="inventaris alat / equipment inventory (alat.csv or .xlsx)"),
            Option(name="calibrations", help="kalibrasi / calibration events (kalibrasi.csv)"),
            ON,
            Option(name="within", type=int, help="hari sebelum jatuh tempo / days before the due date to warn (default 30)"),
            Option(name="all", type=bool, default=False, help="tampilkan juga yang berlaku / list valid items too"),
            POSYANDU_FILE_OPTION,
            level_option(),
            Option(name="register", help="register: hitung pengukuran dengan alat lewat kalibrasi / count measurements taken while past calibration"),
        ),
    ),
    Report(
        id="wilayah-daftar", title_id="Daftar Posyandu per wilayah", title_en="Posyandu registry by unit",
        build=build_daftar, source="posyandu_file", aliases=("wilayah daftar",),
        options=(
            Option(name="posyandu_file", required=True, help="registri Posyandu / Posyandu registry (posyandu.csv or .xlsx)"),
            level_option("puskesmas"),
        ),
    ),
    Report(
        id="wilayah-strata", title_id="Strata Posyandu dan Posyandu Aktif, dengan sumber tiap indikator",
        title_en="Posyandu strata and Posyandu Aktif, with each indicator's source",
        build=_performance("strata"), source="folder", aliases=("wilayah strata",),
        options=(_FOLDER, _YEAR),
    ),
    Report(
        id="wilayah-aktif", title_id="Persentase Posyandu Aktif per kecamatan (indikator 80 %)",
        title_en="Share of Posyandu aktif per kecamatan against the 80 % indicator",
        build=_performance("aktif"), source="folder", aliases=("wilayah aktif",),
        options=(_FOLDER, _YEAR, level_option("kecamatan")),
    ),
)  # fmt: skip


def configure_kota(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``posyandu wilayah kota``."""
    parser.add_argument(
        "folder", nargs="?", help="city folder; default: the packaged sample city"
    )
    parser.add_argument(
        "--on",
        type=parse_date,
        help="date to judge on (default: 2026-11-30 for the sample, else today)",
    )


def run_kota(args: argparse.Namespace) -> int:
    """Print the city view: kader strata, Posyandu strata, overdue cases, calibration."""
    from posyandu_core.plugins.wilayah.city import SAMPLE_AS_OF, render_city

    on = args.on or (SAMPLE_AS_OF if args.folder is None else dt.date.today())
    sys.stdout.write(render_city(_city(args.folder), on) + "\n")
    return 0


COMMANDS = (
    Command(
        name="kota",
        help="the city view: kader strata, Posyandu strata, overdue cases, calibration",
        configure=configure_kota,
        run=run_kota,
        parent="wilayah",
    ),
)
