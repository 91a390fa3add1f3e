"""``posyandu zscores IN.csv -o OUT.csv``: WHO z-scores for a CSV file.

The input is streamed in chunks of rows, so memory stays bounded whatever the
file size, and each chunk is typed by the register reader: the same headers
(WHO's argument names, or the register's names and aliases), decimal commas,
sex codes (L/P, M/F, 1/2), methods (terlentang/berdiri, l/h) and dates (the
age is then taken from ``birth_date`` and ``visit_date``) as every other
command. Each chunk then goes through the same validation gate as every
other command (``posyandu_core.rules.gate``): a value with an error — a
600 kg weighing, a length in metres, a future date — is left out (its
outputs are ``NA``), named on stderr (spreadsheet row, the file's header,
value) and counted in the data-quality block that ends the run; the exit
code is 1 when anything was left out, else 0. Each output row is the input
row, text unchanged, followed by WHO's output columns. Unusable input —
broken quoting included, which would otherwise swallow every row after it —
raises :class:`~posyandu_core.errors.InputFileError` (the ``posyandu`` command
prints it and exits 2).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import math
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core._files import csv_writer
from posyandu_core.cli._input import add_input_options, not_after_today, rule_config
from posyandu_core.cli._messages import describe_issue
from posyandu_core.cli._output import check_destination, lang_of, open_output
from posyandu_core.errors import InputFileError, UsageError
from posyandu_core.hookspecs import GrowthReference
from posyandu_core.model import Sex
from posyandu_core.register import (
    CellTable,
    DataQuality,
    RawColumn,
    Register,
    build_register,
)
from posyandu_core.register._build import check_header
from posyandu_core.register._csv import delimiter as sniff_delimiter
from posyandu_core.register._csv import row_length
from posyandu_core.registry import get_registry
from posyandu_core.rules import Issue, RuleConfig, Severity, gate

if TYPE_CHECKING:
    from posyandu_core.growth._result import ZScoreTable

#: Input columns per reference, named as WHO's R arguments.
INPUT_COLUMNS: Final = {
    "who2006": (
        "sex", "age", "weight", "lenhei", "measure", "oedema",
        "headc", "armc", "triskin", "subskin",
    ),
    "who2007": ("sex", "age_in_months", "oedema", "height_in_cm", "weight_in_kg"),
}  # fmt: skip


def _who_outputs(reference: str) -> tuple[str, ...]:
    """WHO's output columns (imported when used: ``--help`` needs no engine)."""
    from posyandu_core.growth._anthro import ANTHRO_COLUMNS
    from posyandu_core.growth._anthroplus import ANTHROPLUS_COLUMNS

    return tuple({"who2006": ANTHRO_COLUMNS, "who2007": ANTHROPLUS_COLUMNS}[reference])


CHUNK_ROWS: Final = 100_000
#: At most this many row messages go to stderr; the rest are counted.
MAX_MESSAGES: Final = 1000

_CODE_COLUMNS: Final = frozenset({"sex", "measure", "oedema"})
_SHORTEST: Final = frozenset({"clenhei", "cbmi"})
_INTEGER: Final = frozenset({"csex", "c9mo_flag"})


def _shortest(value: float) -> str:
    """Shortest text that reads back to ``value`` ("61", not "61.0")."""
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``zscores`` arguments to ``parser``."""
    parser.description = (
        "Compute WHO z-scores (anthro 0-5 y or anthroplus 5-19 y) for every row "
        "of a CSV file whose columns are named as WHO's arguments."
    )
    parser.add_argument("input", metavar="IN.csv", type=Path, help="input CSV file")
    parser.add_argument(
        "-o", "--output", metavar="OUT.csv", type=Path, required=True,
        help="output CSV file: the input columns, then WHO's output columns",
    )  # fmt: skip
    parser.add_argument(
        "--age-unit", choices=("days", "months"), default="days",
        help="unit of the 'age' column for who2006 (default: days)",
    )  # fmt: skip
    parser.add_argument(
        "--reference", choices=sorted(get_registry().references), default="who2006",
        help="who2006: sex, age, weight, lenhei, measure, oedema, headc, armc, "
        "triskin, subskin; who2007: sex, age_in_months, oedema, height_in_cm, "
        "weight_in_kg; any other registered reference reads the columns it "
        "documents (default: who2006)",
    )  # fmt: skip
    parser.add_argument(
        "--unrounded", action="store_true",
        help="write full-precision z-scores instead of WHO's 2 decimals",
    )  # fmt: skip
    parser.add_argument(
        "--chunk-rows", type=int, default=CHUNK_ROWS, help=argparse.SUPPRESS
    )
    add_input_options(parser)
    parser.add_argument(
        "--who-exact", action="store_true",
        help="WHO's output for every value, impossible ones included (no "
        "validation gate; cells that cannot be read are still NA), as WHO's "
        "reference cases expect",
    )  # fmt: skip
    parser.add_argument(
        "--engine", choices=("csv", "dask"), default="csv",
        help="dask: a Parquet dataset (larger than memory) to a Parquet dataset, "
        "through Dask (analysis extra)",
    )  # fmt: skip


def _open_text(path: Path) -> tuple[IO[bytes], io.TextIOWrapper]:
    try:
        raw = path.open("rb")
    except FileNotFoundError as exc:
        msg = f"input file {str(path)!r} does not exist"
        raise InputFileError(
            msg,
            message_id=f"berkas masukan {str(path)!r} tidak ada",
            fix="check the path",
            fix_id="periksa nama dan folder berkas",
        ) from exc
    except OSError as exc:
        msg = f"cannot open input file {str(path)!r}: {exc.strerror}"
        raise InputFileError(
            msg,
            message_id=f"berkas masukan {str(path)!r} tidak dapat dibuka: "
            f"{exc.strerror}",
        ) from exc
    head = raw.peek(8192) if hasattr(raw, "peek") else b""
    if not head.strip():
        raw.close()
        msg = f"input file {str(path)!r} is empty"
        raise InputFileError(
            msg,
            message_id=f"berkas masukan {str(path)!r} kosong",
            fix="export the data with a header row",
            fix_id="ekspor ulang datanya dengan baris judul kolom",
        )
    if b"\x00" in head:
        raw.close()
        msg = f"input file {str(path)!r} is binary, not a CSV text file"
        raise InputFileError(
            msg,
            message_id=f"berkas masukan {str(path)!r} adalah berkas biner, bukan teks CSV",
            fix="save the sheet as CSV (UTF-8)",
            fix_id="simpan lembar kerja sebagai CSV (UTF-8)",
        )
    return raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _encoding_error(path: Path, line: int | None = None) -> InputFileError:
    where = f" at line {line}" if line else ""
    where_id = f" di baris {line}" if line else ""
    msg = f"input file {str(path)!r} is not UTF-8 text{where}"
    return InputFileError(
        msg,
        message_id=f"berkas masukan {str(path)!r} bukan teks UTF-8{where_id}",
        fix="save the file as CSV UTF-8",
        fix_id="simpan berkas sebagai CSV UTF-8",
    )


def _plugin_reference(name: str) -> GrowthReference | None:
    """Return the registered reference ``name`` unless the core computes it itself."""
    if name in INPUT_COLUMNS:
        return None
    reference = get_registry().references[name]
    if reference.zscores is None or not reference.outputs:
        msg = f"reference {name!r} registers no zscores function and outputs"
        raise UsageError(
            msg,
            message_id=f"rujukan {name!r} tidak mendaftarkan fungsi zscores dan "
            "keluarannya",
            fix="ask its plugin's author, or use who2006/who2007",
            fix_id="tanyakan pembuat plugin-nya, atau pakai who2006/who2007",
        )
    return reference


class _PluginTable(dict[str, NDArray[Any]]):
    """A plugin reference's results, shaped like the engine's ZScoreTable."""

    issues: tuple[Issue, ...] = ()


def _plugin_zscores(
    reference: GrowthReference, args: argparse.Namespace, columns: dict[str, list[str]]
) -> _PluginTable:
    assert reference.zscores is not None  # checked by _plugin_reference
    result = reference.zscores(
        columns, {"age_unit": args.age_unit, "rounded": not args.unrounded}
    )
    table = _PluginTable()
    for name in reference.outputs:
        values = np.asarray(result[name], dtype=object)
        try:
            table[name] = values.astype(float)
        except (TypeError, ValueError):
            table[name] = values
    return table


#: The register columns each reference reads (WHO's names are their aliases).
_WANTED: Final = {
    "who2006": (
        "sex", "age", "weight_kg", "length_cm", "measure", "oedema", "head_cm",
        "muac_cm", "triceps_mm", "subscapular_mm", "birth_date", "visit_date",
    ),
    "who2007": (
        "sex", "age", "oedema", "length_cm", "weight_kg", "birth_date", "visit_date",
    ),
}  # fmt: skip


def _column_map(header: Sequence[str], reference: str, path: Path) -> dict[str, int]:
    """Return the position of each register column the reference uses."""
    if reference not in INPUT_COLUMNS:  # a plugin's: every column, by header
        return {name.strip().lower(): i for i, name in enumerate(header)}
    mapping = check_header(header, required=(), identity=False)
    found = {
        column: position
        for position, column in enumerate(mapping)
        if column in _WANTED[reference]
    }
    usable = set(found) - {"birth_date", "visit_date"}
    if {"birth_date", "visit_date"} <= set(found):
        usable.add("age")
    if not usable:
        wanted = INPUT_COLUMNS[reference]
        found_text = ", ".join(header[:8]) or "-"
        msg = (
            f"input file {str(path)!r} has no column WHO's {reference} reference "
            f"uses (found: {found_text})"
        )
        raise InputFileError(
            msg,
            message_id=f"berkas {str(path)!r} tidak punya kolom yang dipakai rujukan "
            f"WHO {reference} (terbaca: {found_text})",
            fix=f"name the columns {', '.join(wanted)} (or pass --reference)",
            fix_id=f"beri judul kolom {', '.join(wanted)} (atau pakai --reference)",
            # Without its header row, the first line is a person's data.
            personal=tuple(
                h for h, m in zip(header, mapping, strict=True) if m is None
            ),
        )
    return found


def _format_column(name: str, values: NDArray[Any], unrounded: bool) -> list[str]:
    if values.dtype == object:
        return ["NA" if v is None else str(v) for v in values.tolist()]
    if name in _SHORTEST or (unrounded and name.startswith("z")):
        formatter: Callable[[float], str] = _shortest
    elif name in _INTEGER or name.startswith("f"):
        formatter = _integer
    else:
        formatter = _two_decimals
    # Columns repeat few distinct values (flags, 2-decimal z): format each once.
    unique, inverse = np.unique(values, return_inverse=True)
    texts = np.array([_text(v, formatter) for v in unique.tolist()], dtype=object)
    result: list[str] = texts[inverse.reshape(-1)].tolist()
    return result


def _integer(value: float) -> str:
    return str(int(value))


def _two_decimals(value: float) -> str:
    return f"{value + 0.0:.2f}"  # + 0.0 turns -0.0 into 0.0


def _text(value: float, formatter: Callable[[float], str]) -> str:
    if math.isnan(value):
        return "NA"
    if math.isinf(value):
        return "Inf" if value > 0 else "-Inf"
    return formatter(value)


_MONTH_DAYS: Final = 30.4375  # WHO's days per month


def _who_inputs(register: Register, reference: str, months: bool) -> dict[str, Any]:
    """WHO's arguments from the register's typed columns (NaN/None = missing)."""
    sex = np.array(
        [
            {Sex.MALE: 1.0, Sex.FEMALE: 2.0}.get(v, np.nan)
            for v in register.column("sex")
        ]
    )
    age = register.column("age")
    age_in_months = months or reference == "who2007"
    if not register.has("age"):  # the age at the visit, from the dates
        days = register.age_days()
        age = days / _MONTH_DAYS if reference == "who2007" else days
        age_in_months = reference == "who2007"
    measure = np.array(
        [None if m is None else m.who_code for m in register.column("measure")],
        dtype=object,
    )
    oedema = np.array(
        [None if o is None else ("y" if o else "n") for o in register.column("oedema")],
        dtype=object,
    )
    return {
        "sex": sex,
        "age": age,
        "age_in_months": age_in_months,
        "weight": register.column("weight_kg"),
        "lenhei": register.column("length_cm"),
        "measure": measure,
        "oedema": oedema,
        "headc": register.column("head_cm"),
        "armc": register.column("muac_cm"),
        "triskin": register.column("triceps_mm"),
        "subskin": register.column("subscapular_mm"),
    }


def _compute(args: argparse.Namespace, register: Register) -> ZScoreTable:
    """WHO's z-scores of the register's typed columns, exactly as anthro/anthroplus."""
    from posyandu_core.growth import anthro_zscores, anthroplus_zscores

    who = _who_inputs(register, args.reference, args.age_unit == "months")
    rounded = not args.unrounded
    if args.reference == "who2007":
        return anthroplus_zscores(
            sex=who["sex"],
            age_in_months=who["age"],
            oedema=who["oedema"],
            height_in_cm=who["lenhei"],
            weight_in_kg=who["weight"],
            rounded=rounded,
        )
    return anthro_zscores(
        sex=who["sex"],
        age=who["age"],
        is_age_in_month=who["age_in_months"],
        weight=who["weight"],
        lenhei=who["lenhei"],
        measure=who["measure"],
        oedema=who["oedema"],
        headc=who["headc"],
        armc=who["armc"],
        triskin=who["triskin"],
        subskin=who["subskin"],
        rounded=rounded,
    )


class _Reporter:
    """Row messages on stderr (capped), and a progress line on a terminal."""

    def __init__(self, stream: IO[str], total_bytes: int, lang: str = "id") -> None:
        self.stream = stream
        self.total_bytes = max(total_bytes, 1)
        self.progress = stream.isatty()
        self.lang = lang
        self.count = 0
        self.bad_rows: set[int] = set()

    def issue(self, issue: Issue) -> None:
        """Report an issue of a data row, as :func:`describe_issue` (validate) does."""
        self.count += 1
        if issue.row is not None:
            self.bad_rows.add(issue.row)
        if self.count <= MAX_MESSAGES:
            self._clear()
            print(describe_issue(issue, self.lang), file=self.stream)

    def _both(self, indonesian: str, english: str) -> str:
        first, second = (indonesian, english)[:: 1 if self.lang == "id" else -1]
        return f"{first} / {second}"

    def chunk(self, rows_done: int, bytes_done: int) -> None:
        if self.progress:
            share = min(100.0, 100.0 * bytes_done / self.total_bytes)
            print(f"\r{rows_done:,} rows ({share:.0f} %)", end="", file=self.stream)
            self.stream.flush()

    def _clear(self) -> None:
        if self.progress:
            print("\r\x1b[K", end="", file=self.stream)

    def finish(self, rows: int, quality: DataQuality | None = None) -> None:
        self._clear()
        hidden, bad = self.count - MAX_MESSAGES, len(self.bad_rows)
        if hidden > 0:
            print(
                self._both(
                    f"... {hidden} pesan lagi tidak ditampilkan",
                    f"... {hidden} more messages not shown",
                ),
                file=self.stream,
            )
        if bad:
            print(
                self._both(
                    f"{bad} dari {rows} baris bermasalah; skor-z-nya NA atau sebagian "
                    "(lihat di atas)",
                    f"{bad} of {rows} rows had problems; their z-scores are NA or "
                    "partial (see above)",
                ),
                file=self.stream,
            )
        if quality is not None:
            print(quality.describe(), file=self.stream)


#: The register column each of WHO's arguments is read from (its header in the file).
_COLUMN_OF_ARGUMENT: Final = {
    "age_in_months": "age", "weight": "weight_kg", "weight_in_kg": "weight_kg",
    "lenhei": "length_cm", "height_in_cm": "length_cm", "headc": "head_cm",
    "armc": "muac_cm", "triskin": "triceps_mm", "subskin": "subscapular_mm",
}  # fmt: skip


def _as_register_rows(issues: Sequence[Issue], register: Register) -> list[Issue]:
    """Return the z-score functions' issues numbered and named as the register's.

    The functions number the rows they were given (the gate may have left
    some out) and name WHO's arguments; the register numbers the file's data
    rows and names its columns.
    """
    return [
        attrs.evolve(
            issue,
            row=None if issue.row is None else int(register.row_numbers[issue.row - 1]),
            field=_COLUMN_OF_ARGUMENT.get(issue.field or "", issue.field),
        )
        for issue in issues
    ]


def _in_the_file(issue: Issue, headers: Mapping[str, str]) -> Issue:
    """Return ``issue`` with its spreadsheet row (the CSV's header is row 1) and header."""
    return attrs.evolve(
        issue,
        sheet_row=issue.sheet_row or (None if issue.row is None else issue.row + 1),
        header=issue.header or headers.get(issue.field or ""),
    )


def run(args: argparse.Namespace) -> int:
    """Run ``posyandu zscores``; return 0 (all rows fine) or 1 (some were not).

    Raises
    ------
    InputFileError
        If the input cannot be used at all (missing, empty, binary, not UTF-8,
        no recognised column) or the output cannot be written.
    """
    if args.engine == "dask":
        from posyandu_core.analysis._dask import run_zscores_cli

        return run_zscores_cli(args)
    path: Path = args.input
    output: Path = args.output
    check_destination(output)
    plugin = _plugin_reference(args.reference)
    checks = _Checks.of(args)
    raw, text = _open_text(path)
    reporter = _Reporter(sys.stderr, os.fstat(raw.fileno()).st_size, checks.lang)
    rows_done = 0
    try:
        try:
            first = text.readline()
        except UnicodeDecodeError as exc:
            raise _encoding_error(path) from exc
        delimiter = sniff_delimiter(first)
        header = next(csv.reader([first], delimiter=delimiter), [])
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        positions = _column_map(header, args.reference, path)
        # A unique temporary file renamed over the output at the end:
        # concurrent runs never interleave, an interrupted one leaves nothing.
        with _sink(output) as sink:
            writer = csv_writer(sink, delimiter=delimiter)
            out_names = plugin.outputs if plugin else _who_outputs(args.reference)
            writer.writerow([*header, *out_names])
            while True:
                try:
                    chunk = _read_chunk(reader, args.chunk_rows)
                except UnicodeDecodeError as exc:
                    raise _encoding_error(path, reader.line_num + 1) from exc
                except csv.Error as exc:
                    line = reader.line_num + 1
                    msg = (
                        f"input file {str(path)!r} is not valid CSV near line "
                        f"{line}: {exc}"
                    )
                    raise InputFileError(
                        msg,
                        message_id=f"berkas masukan {str(path)!r} bukan CSV yang sah "
                        f"di sekitar baris {line}: {exc}",
                        row=rows_done + 1,
                        fix='check the quoting of that line (an unclosed " swallows '
                        "every row after it)",
                        fix_id='periksa tanda kutip di baris itu (" yang tidak ditutup '
                        "menelan semua baris sesudahnya)",
                    ) from exc
                if not chunk:
                    break
                rows_done = _process(
                    args, chunk, header, positions, writer, reporter, rows_done,
                    plugin, checks,
                )  # fmt: skip
                reporter.chunk(rows_done, raw.tell())
    finally:
        text.close()
    quality = DataQuality.combine(str(path), checks.qualities)
    left_out = bool(checks.qualities) and (quality.errors or not quality.complete)
    # The data-quality block when something was left out; a clean run is silent.
    reporter.finish(rows_done, quality if left_out else None)
    return 1 if reporter.bad_rows or left_out else 0


class _Checks:
    """The validation gate as ``zscores`` runs it, chunk by chunk.

    The same rules as every command, minus "required": WHO's programs take a
    missing value as ``NA``, so an empty cell is not an error here.
    """

    def __init__(
        self, config: RuleConfig, today: Any, lang: str, who_exact: bool = False
    ) -> None:
        self.who_exact = who_exact
        self.config = config
        self.today = today
        self.lang = lang
        self.registry = get_registry()
        self.qualities: list[DataQuality] = []

    @classmethod
    def of(cls, args: argparse.Namespace) -> _Checks:
        as_of = getattr(args, "as_of", None)
        return cls(
            rule_config(args).with_disabled(["required"]),
            not_after_today("--as-of", as_of) if as_of else None,
            lang_of(args),
            getattr(args, "who_exact", False),
        )

    def run(self, register: Register) -> Register:
        """Return the chunk through the gate; remember its data quality."""
        if self.who_exact:
            return register
        gated = gate(
            register, registry=self.registry, today=self.today, config=self.config
        )
        if gated.quality is not None:
            self.qualities.append(gated.quality)
        return gated


@contextlib.contextmanager
def _sink(output: Path) -> Iterator[IO[str]]:
    try:
        with open_output(output) as sink:
            yield sink
    except OSError as exc:
        msg = f"cannot write output file {str(output)!r}: {exc.strerror}"
        raise InputFileError(
            msg,
            message_id=f"berkas keluaran {str(output)!r} tidak dapat ditulis: "
            f"{exc.strerror}",
            field="output",
        ) from exc


def _scatter(result: ZScoreTable, positions: NDArray[np.int64], n: int) -> _PluginTable:
    """Results of the rows kept, placed back among ``n`` rows (the others NA)."""
    table = _PluginTable()
    for name in result:
        values = np.asarray(result[name])
        full = np.full(
            n, None if values.dtype == object else np.nan, dtype=values.dtype
        )
        full[positions] = values
        table[name] = full
    table.issues = tuple(result.issues)
    return table


def _read_chunk(reader: Iterator[list[str]], size: int) -> list[list[str]]:
    chunk = []
    for row in reader:
        if row:  # csv gives [] for blank lines
            chunk.append(row)
            if len(chunk) >= size:
                break
    return chunk


def _process(
    args: argparse.Namespace,
    chunk: list[list[str]],
    header: Sequence[str],
    positions: dict[str, int],
    writer: Any,
    reporter: _Reporter,
    offset: int,
    plugin: GrowthReference | None,
    checks: _Checks,
) -> int:
    n, width = len(chunk), len(header)
    ragged: set[int] = set()
    issues: list[Issue] = []
    for i, row in enumerate(chunk):
        if len(row) != width:
            ragged.add(i)
            issues.append(row_length(offset + i + 1, len(row), width))
            chunk[i] = (row + [""] * width)[:width]
    cells = [
        RawColumn.from_texts(
            "" if i in ragged else row[p] for i, row in enumerate(chunk)
        )
        for p in positions.values()
    ]
    table = CellTable(
        header=tuple(header[p] for p in positions.values()),
        cells=cells,
        source=str(args.input),
        row_numbers=np.arange(offset + 1, offset + n + 1, dtype=np.int64),
    )
    result: ZScoreTable | _PluginTable
    if plugin is not None:  # a registered reference reads the raw text itself
        columns = {name: [row[p] for row in chunk] for name, p in positions.items()}
        result = _plugin_zscores(plugin, args, columns)
    else:
        register = checks.run(build_register(table, required=(), identity=False))
        issues += [
            issue
            for issue in register.issues
            if issue.row is not None and issue.severity is Severity.ERROR
        ]
        computed = _compute(args, register)
        issues += _as_register_rows(computed.issues, register)
        result = computed
        if len(register) < n:  # rows left out whole: their outputs are NA
            result = _scatter(computed, register.row_numbers - offset - 1, n)
    headers = {name: header[p] for name, p in positions.items()}
    for issue in issues:
        reporter.issue(_in_the_file(issue, headers))
    formatted = [_format_column(name, result[name], args.unrounded) for name in result]
    for i in ragged:
        for values in formatted:
            values[i] = "NA"
    writer.writerows(
        row + list(out)
        for row, out in zip(chunk, zip(*formatted, strict=True), strict=True)
    )
    return offset + n
