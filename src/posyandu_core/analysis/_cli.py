"""``posyandu prevalence IN -o OUT``: WHO's prevalence table of a survey file."""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from posyandu_core.analysis._input import AGE_ALIASES, read_survey
from posyandu_core.errors import InputFileError

if TYPE_CHECKING:
    import pandas as pd

#: Columns read by WHO's name when present, per reference.
ARGUMENTS: Final = {
    "who2006": (
        "sex", "age", "weight", "lenhei", "measure", "oedema", "sw", "cluster",
        "strata", "typeres", "gregion", "wealthq", "mothered", "othergr",
    ),
    "who2007": (
        "sex", "age_in_months", "oedema", "height_in_cm", "weight_in_kg", "sw",
        "cluster", "strata",
    ),
}  # fmt: skip
FORMATS: Final = ("csv", "xlsx", "json")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``prevalence`` arguments to ``parser``."""
    parser.description = (
        "Prevalence table of WHO's anthro_prevalence (who2006, 0-5 y) or "
        "anthroplus_prevalence (who2007, 5-19 y) with the survey design "
        "(columns sw, cluster, strata when present). Input: CSV/Parquet with "
        "WHO's column names, or a Posyandu register."
    )
    parser.add_argument(
        "input", metavar="IN", type=Path, help="CSV, Parquet or register"
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", type=Path, required=True,
        help="output file (.csv, .xlsx or .json)",
    )  # fmt: skip
    parser.add_argument(
        "--reference", choices=("who2006", "who2007"), default="who2006",
        help="who2006: anthro (0-5 y); who2007: anthroplus (5-19 y)",
    )  # fmt: skip
    parser.add_argument(
        "--age-unit", choices=("days", "months"), default=None,
        help="unit of the 'age' column for who2006 (default: days)",
    )  # fmt: skip
    parser.add_argument(
        "--by", default="", metavar="COLUMNS",
        help="comma-separated further grouping columns, e.g. Posyandu,kelurahan",
    )  # fmt: skip
    parser.add_argument("--format", choices=FORMATS, default=None, help="output format")
    parser.add_argument(
        "--convention", choices=("who", "dinkes"), default="who",
        help="who: WHO's counting; dinkes: e-PPGBM/Dinkes (-6.01 < z <= -2.01)",
    )  # fmt: skip
    parser.add_argument(
        "--engine", choices=("pandas", "dask"), default="pandas",
        help="dask: partitions of a Parquet dataset larger than memory",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Compute the table and write it; return the exit code."""
    fmt = args.format or args.output.suffix.lower().lstrip(".") or "csv"
    if fmt not in FORMATS:
        msg = f"unknown output format {fmt!r}"
        raise InputFileError(
            msg,
            message_id=f"format keluaran {fmt!r} tidak dikenal",
            fix="use --format csv, xlsx or json",
            fix_id="pakai --format csv, xlsx atau json",
        )
    by = [c.strip() for c in args.by.split(",") if c.strip()]
    if args.engine == "dask":
        from posyandu_core.analysis._dask import prevalence_of_parquet

        table = prevalence_of_parquet(
            args.input,
            reference=args.reference,
            age_unit=args.age_unit,
            by=by,
            convention=args.convention,
        )
    else:
        frame = read_survey(args.input, args.reference)
        table = prevalence_of_frame(
            frame, args.reference, args.age_unit, by, args.convention
        )
    write_table(table, args.output, fmt)
    return 0


def call_arguments(
    columns: list[str], reference: str, age_unit: str | None, by: list[str]
) -> tuple[dict[str, str], bool, list[str]]:
    """Map WHO's arguments to the frame's columns; check the ``--by`` columns."""
    mapping = {name: name for name in ARGUMENTS[reference] if name in columns}
    in_months = age_unit == "months"
    if reference == "who2006" and "age" not in mapping:
        for alias, unit in AGE_ALIASES.items():
            if alias in columns:
                mapping["age"] = alias
                in_months = age_unit == "months" if age_unit else unit == "months"
                break
    missing = [c for c in by if c not in columns]
    if missing:
        msg = f"--by column {missing[0]!r} is not in the input"
        raise InputFileError(
            msg,
            message_id=f"kolom --by {missing[0]!r} tidak ada di masukan",
            field=missing[0],
            fix=f"use one of {', '.join(columns)}",
            fix_id=f"pakai salah satu dari {', '.join(columns)}",
        )
    if "sex" not in mapping:
        msg = "the input has no 'sex' column"
        raise InputFileError(
            msg,
            message_id="masukan tidak punya kolom 'sex'",
            fix="name the columns as WHO's arguments",
            fix_id="beri judul kolom sesuai nama argumen WHO",
        )
    return mapping, in_months, by


def prevalence_of_frame(
    frame: pd.DataFrame,
    reference: str,
    age_unit: str | None,
    by: list[str],
    convention: str,
) -> pd.DataFrame:
    """Run the prevalence function of ``reference`` on a frame with WHO's names."""
    from posyandu_core.analysis._api import anthro_prevalence, anthroplus_prevalence

    mapping, in_months, by = call_arguments(
        list(frame.columns), reference, age_unit, by
    )
    kwargs: dict[str, Any] = {arg: frame[col] for arg, col in mapping.items()}
    kwargs["by"] = {name: frame[name] for name in by}
    kwargs["convention"] = convention
    if reference == "who2006":
        return anthro_prevalence(is_age_in_month=in_months, **kwargs)
    return anthroplus_prevalence(**kwargs)


def _text(value: Any) -> str:
    """R's way of writing a number: ``NA``, shortest round-trip text, no ``.0``."""
    if isinstance(value, str):
        return value
    number = float(value)
    if math.isnan(number):
        return "NA"
    text = repr(number)
    return text[:-2] if text.endswith(".0") else text


def write_table(table: pd.DataFrame, path: Path, fmt: str) -> None:
    """Write the table as CSV (R's conventions), xlsx or JSON records."""
    try:
        if fmt == "csv":
            lines = [",".join(table.columns)]
            lines += [
                ",".join(_text(v) for v in row)
                for row in table.itertuples(index=False, name=None)
            ]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        elif fmt == "json":
            records = [
                {
                    k: (None if isinstance(v, float) and math.isnan(v) else v)
                    for k, v in row.items()
                }
                for row in table.to_dict(orient="records")
            ]
            path.write_text(json.dumps(records, ensure_ascii=False, indent=1), "utf-8")
        else:
            from posyandu_core.analysis._deps import require

            require("openpyxl", extra="analysis-extras")
            table.to_excel(path, index=False, sheet_name="prevalence")
    except OSError as exc:
        msg = f"cannot write {str(path)!r}: {exc.strerror}"
        raise InputFileError(
            msg,
            message_id=f"tidak bisa menulis {str(path)!r}: {exc.strerror}",
            fix="check the output folder",
            fix_id="periksa folder keluaran",
        ) from exc
