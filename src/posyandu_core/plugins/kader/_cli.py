"""``posyandu kader``: strata per unit, missing skills, next skills, trainings."""

from __future__ import annotations

import argparse

from posyandu_core.hookspecs import Command
from posyandu_core.plugins._tables import add_output_arguments, emit
from posyandu_core.plugins.wilayah.hierarchy import (
    LEVELS,
    PosyanduRegistry,
    read_posyandu,
)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add ``posyandu kader strata|kurang|berikutnya|pelatihan``."""
    sub = parser.add_subparsers(dest="kader", metavar="REPORT", required=True)
    reports = {
        "strata": "kader per stratum (Purwa/Madya/Utama) per unit, share at Madya or higher against a target",
        "kurang": "skills most often missing",
        "berikutnya": "each kader's next stratum and the skills still needed",
        "pelatihan": "training attendance: classroom batch and class, LMS, field practice",
    }
    for name, text in reports.items():
        child = sub.add_parser(name, help=text, description=text)
        child.add_argument("kader_file", help="kader list (kader.csv or .xlsx)")
        child.add_argument(
            "--assessments",
            help="assessments (penilaian_kader.csv); skills, TKK and strata come from them",
        )
        child.add_argument("--trainings", help="trainings (pelatihan_kader.csv)")
        child.add_argument(
            "--posyandu-file", help="Posyandu registry (posyandu.csv), for grouping"
        )
        if name in ("strata", "berikutnya"):
            child.add_argument(
                "--rules",
                help="strata rule set (TOML with [[strata]] as in kader.toml) instead of the shipped one",
            )
        if name == "strata":
            child.add_argument(
                "--level",
                choices=LEVELS,
                default="posyandu",
                help="group by this level",
            )
            child.add_argument(
                "--target",
                type=float,
                help="target share at Madya or higher, per cent (default 20)",
            )
        add_output_arguments(child)


def run(args: argparse.Namespace) -> int:
    """Run ``posyandu kader``."""
    from posyandu_core.plugins.kader.files import read_kader
    from posyandu_core.plugins.kader.reports import (
        missing_skills_report,
        next_skills_report,
        strata_report,
        training_report,
    )

    registry = (
        read_posyandu(args.posyandu_file) if args.posyandu_file else PosyanduRegistry()
    )
    kader = read_kader(
        args.kader_file, args.assessments, args.trainings, registry=registry
    )
    from posyandu_core.model.kader import strata_rules

    table = strata_rules(args.rules) if getattr(args, "rules", None) else None
    if args.kader == "strata":
        result = strata_report(
            kader,
            level=args.level,
            registry=registry,
            target_pct=args.target,
            table=table,
        )
    elif args.kader == "kurang":
        result = missing_skills_report(kader)
    elif args.kader == "berikutnya":
        result = next_skills_report(kader, registry=registry, table=table)
    else:
        result = training_report(kader)
    emit(result, args)
    return 0


COMMAND = Command(
    name="kader",
    help="kader competency: strata, missing skills, next skills, trainings",
    configure=configure,
    run=run,
)
