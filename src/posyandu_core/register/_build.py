"""From a reader's cells to a Register: headers, typing, identity — once, for all readers.

Every reader (CSV, Excel, DataFrame, Parquet, model objects, plugins)
produces a :class:`CellTable`: the headers and, per column, the cells as text
or as values the source already typed (numbers, dates, booleans). This
module does the rest the same way for all of them, so the same children give
the same register whatever the file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core.errors import InputFileError
from posyandu_core.model import Equipment, Issue, MeasureMethod, Severity, Sex
from posyandu_core.register._cells import EXPECTED, parse_cell, parse_number
from posyandu_core.register._columns import (
    ALIASES,
    BY_NAME,
    REQUIRED,
    ColumnType,
    alias_key,
    canonical_name,
)
from posyandu_core.register._identity import (
    SCIENTIFIC,
    resolve_identity,
    scientific_nik_issue,
)
from posyandu_core.register._store import NAT, RawColumn, Register, empty_column

PARSE_RULE = "register.parse"
HEADER_RULE = "register.header"
_NIK_FIELDS = frozenset({"nik", "nik_ibu", "kk"})
# What R, pandas and WHO's files write for "no value" (WHO anthro reads them so).
_MISSING = frozenset({"na", "nan", "<na>", "none", "null"})


@attrs.frozen(kw_only=True)
class CellTable:
    """What a reader hands over: headers and each column's cells.

    Parameters
    ----------
    header : tuple of str
        Column headers as the source spells them.
    cells : sequence of columns
        One entry per header: a :class:`RawColumn` of texts, or a sequence
        of cells (``str``, ``int``, ``float``, ``datetime.date``,
        ``datetime.datetime``, ``bool`` or ``None``).
    source : str
        Where the cells came from (a path, ``"<DataFrame>"`` …).
    row_numbers : numpy array of int or None
        1-based row number per row in the source (default 1..n).
    index : object
        A pandas Index to give back in ``to_pandas()`` (DataFrames).
    issues : tuple of Issue
        Problems the reader found (e.g. rows of the wrong length).
    header_row : int
        The spreadsheet row of the header (1 unless a sheet starts lower):
        row numbers are counted from it, so messages can name sheet rows.
    """

    header: tuple[str, ...]
    cells: Sequence[RawColumn | Sequence[Any]]
    source: str
    row_numbers: NDArray[np.int64] | None = None
    index: Any = None
    issues: tuple[Issue, ...] = ()
    header_row: int = 1

    def __len__(self) -> int:
        if self.row_numbers is not None:
            return len(self.row_numbers)
        return len(self.cells[0]) if self.cells else 0


def suggest(header: str) -> str | None:
    """Return the known column a misspelt header most likely means, if any.

    Examples
    --------
    >>> suggest("berat badan (kg)"), suggest("RT")
    ('weight_kg', None)
    """
    key = alias_key(header)
    candidates = difflib.get_close_matches(key, ALIASES, n=1, cutoff=0.75)
    if candidates:
        return ALIASES[candidates[0]]
    # "berat badan (kg)": a known alias plus a unit in brackets or after a space.
    for word in (key.split("(")[0].strip(), key.rsplit(" ", 1)[0]):
        if word and word != key and word in ALIASES:
            return ALIASES[word]
    return None


def _header_issues(
    header: Sequence[str], mapping: Sequence[str | None]
) -> tuple[list[str], list[Issue]]:
    keys: list[str] = []
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for head, column in zip(header, mapping, strict=True):
        if column is not None:
            keys.append(column)
            continue
        label = head.strip() or "(kosong/empty)"
        count = seen.get(label, 0)
        seen[label] = count + 1
        key = label if count == 0 else f"{label}.{count}"
        keys.append(key)
        guess = suggest(head) if head.strip() else None
        if guess is not None:
            column_data = BY_NAME[guess]
            spellings = ", ".join((guess, *column_data.aliases[:3]))
            issues.append(
                Issue(
                    severity=Severity.ERROR,
                    code="header.unknown_near_miss",
                    field=key,
                    value=head,
                    message_id=f"kolom {head!r} tidak dikenal dan tidak dipakai; maksudnya "
                    f"{guess}? Ganti judul kolom menjadi salah satu dari: {spellings}",
                    message_en=f"column {head!r} is not known and is not used; did you mean "
                    f"{guess}? Rename the header to one of: {spellings}",
                    rule=HEADER_RULE,
                )
            )
        else:
            issues.append(
                Issue(
                    severity=Severity.INFO,
                    code="header.unknown",
                    field=key,
                    value=head,
                    message_id=f"kolom {head!r} tidak dikenal: disimpan sebagai teks"
                    + (", judul ganda" if count else ""),
                    message_en=f"column {head!r} is not a register column: kept as text"
                    + (" (a repeated header, kept separately)" if count else ""),
                    rule=HEADER_RULE,
                )
            )
    return keys, issues


def check_header(
    header: Sequence[str], *, required: Sequence[str] = REQUIRED, identity: bool = True
) -> list[str | None]:
    """Return the canonical column of each header; raise if the file is unusable."""
    mapping = [canonical_name(h) for h in header]
    known = [m for m in mapping if m is not None]
    duplicates = sorted({m for m in known if known.count(m) > 1})
    if duplicates:
        spelled = {
            m: [h for h, c in zip(header, mapping, strict=True) if c == m]
            for m in duplicates
        }
        msg = (
            f"columns {duplicates} appear more than once (possibly under aliases: "
            f"{spelled})"
        )
        raise InputFileError(
            msg,
            message_id=f"kolom {duplicates} muncul lebih dari sekali (mungkin dengan "
            f"nama lain: {spelled})",
            fix="keep one column per field",
            fix_id="sisakan satu kolom per isian",
        )
    missing = [c for c in required if c not in known]
    if (
        identity
        and not {"person_id", "nik"} & set(known)
        and not {"name", "birth_date"} <= set(known)
    ):
        missing.insert(0, "person_id (or nik, or name + birth_date + parent_name)")
    if missing:
        raise _missing_columns(header, mapping, missing)
    return mapping


def _missing_columns(
    header: Sequence[str], mapping: Sequence[str | None], missing: list[str]
) -> InputFileError:
    """Return the error for a file lacking required columns or its header row.

    Unknown header cells are marked personal: when the header row is missing
    they are a person's NIK, name and birth date, which the command line masks.
    """
    found = ", ".join(header)
    hints = [f"{h!r} → {g}?" for h in header if (g := suggest(h)) and g in missing]
    guess = ("did you mean " + ", ".join(hints) + " ") * bool(hints)
    unknown = tuple(h for h, m in zip(header, mapping, strict=True) if m is None)
    if not any(mapping):
        msg = (
            f"required columns missing: {', '.join(missing)}; the first line has no "
            f"register column (found: {found}): is the header row missing?"
        )
        return InputFileError(
            msg,
            message_id=f"kolom wajib tidak ada: {', '.join(missing)}; baris pertama "
            f"tidak berisi kolom register (terbaca: {found}): baris judul kolom hilang?",
            fix="put the header row (person_id, sex, birth_date, visit_date, …) "
            "first; see docs/reference/register.md",
            fix_id="taruh baris judul kolom (person_id, JK, Tgl Lahir, Tgl Ukur, …) "
            "di baris pertama",
            personal=unknown,
        )
    msg = f"required columns missing: {', '.join(missing)}; found: {found}"
    return InputFileError(
        msg,
        message_id=f"kolom wajib tidak ada: {', '.join(missing)}; terbaca: {found}",
        fix=guess + "see the register format in the docs (docs/reference/register.md)",
        fix_id=guess.replace("did you mean", "maksudnya") + "lihat format register "
        "di dokumentasi",
        personal=unknown,
    )


def build_register(
    table: CellTable,
    *,
    equipment: Iterable[Equipment] = (),
    required: Sequence[str] = REQUIRED,
    identity: bool = True,
) -> Register:
    """Type every cell, resolve identities and return the Register.

    Raises
    ------
    InputFileError
        A required column is missing or a field has two columns.
    """
    header = list(table.header)
    mapping = check_header(header, required=required, identity=identity)
    keys, issues = _header_issues(header, mapping)
    issues = list(table.issues) + issues
    n = len(table)
    numbers = (
        np.arange(1, n + 1, dtype=np.int64)
        if table.row_numbers is None
        else np.asarray(table.row_numbers, dtype=np.int64)
    )
    values: dict[str, NDArray[Any]] = {}
    raw: dict[str, RawColumn] = {}
    for key, column, cells, head in zip(
        keys, mapping, table.cells, header, strict=True
    ):
        raw_column, distinct = _factorise(cells)
        raw[key] = raw_column
        if column is None:
            continue
        typed, bad = _type_distinct(BY_NAME[column].type, column, distinct)
        values[column] = typed[raw_column.codes]
        issues += _cell_issues(column, raw_column, bad, numbers, head.strip())
    ids, codes, identity_issues = (
        resolve_identity(
            numbers,
            values.get("person_id"),
            values.get("nik"),
            values.get("name"),
            values.get("birth_date"),
            values.get("parent_name"),
            header_row=table.header_row,
        )
        if identity
        else (
            np.array([f"row-{i}" for i in numbers.tolist()], dtype=object),
            np.arange(n, dtype=np.int32),
            [],
        )
    )
    register = Register(
        columns=tuple(m for m in mapping if m is not None),
        issues=sorted(issues + identity_issues, key=_order),
        extra_columns=tuple(k for k, m in zip(keys, mapping, strict=True) if m is None),
        equipment={e.id: e for e in equipment},
        source=table.source,
        values=values,
        raw=raw,
        row_numbers=numbers,
        person_ids=ids,
        index=table.index,
        headers={
            key: head.strip() or key for key, head in zip(keys, header, strict=True)
        },
        header_row=table.header_row,
        person_codes=codes,
    )
    register.issues = tuple(register.locate(register.issues))
    return register


def _order(issue: Issue) -> tuple[int, str, str]:
    return (issue.row or 0, issue.field or "", issue.code)


def _factorise(cells: RawColumn | Sequence[Any]) -> tuple[RawColumn, list[Any]]:
    """Return the column's raw texts and its distinct cells (texts or values)."""
    if isinstance(cells, RawColumn):
        return cells, list(cells.texts)
    table: dict[Any, int] = {}
    codes = [table.setdefault(_hashable(c), len(table)) for c in cells]
    distinct = list(table)
    texts = tuple(_text(c) for c in distinct)
    return RawColumn(np.asarray(codes, dtype=np.int32), texts), distinct


def _hashable(cell: Any) -> Any:
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return None
    if isinstance(cell, np.generic):
        return cell.item()
    return cell


def _text(cell: Any) -> str:
    """Return the text a typed cell stands for (what a CSV export would show)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "y" if cell else "n"
    if isinstance(cell, float):
        return repr(cell)[:-2] if repr(cell).endswith(".0") else repr(cell)
    if isinstance(cell, dt.datetime):
        return (
            cell.isoformat(sep=" ")
            if cell.time() != dt.time()
            else cell.date().isoformat()
        )
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, tuple):
        return ";".join(map(str, cell))
    return str(cell)


def _type_distinct(
    kind: ColumnType, column: str, distinct: list[Any]
) -> tuple[NDArray[Any], dict[int, bool]]:
    """Type each distinct cell once; return the typed values and the failures."""
    typed = empty_column(kind, len(distinct))
    bad: dict[int, bool] = {}  # distinct position -> mangled NIK?
    if (
        kind is ColumnType.TEXT
        and column not in _NIK_FIELDS
        and set(map(type, distinct)) <= {str, type(None)}
    ):
        # Names and ids: many distinct texts that need no parsing, only a strip.
        typed[:] = [(c and c.strip()) or None for c in distinct]
        return typed, bad
    for i, cell in enumerate(distinct):
        try:
            value = _typed_cell(kind, column, cell)
        except _MangledNikError:
            bad[i] = True
            continue
        except ValueError:
            bad[i] = False
            continue
        if value is not None:
            typed[i] = np.datetime64(value, "D") if kind is ColumnType.DATE else value
    return typed, bad


class _MangledNikError(ValueError):
    pass


def _typed_cell(kind: ColumnType, column: str, cell: Any) -> Any:
    if cell is None:
        return None
    if isinstance(cell, str):
        text = cell.strip()
        if not text or (kind is not ColumnType.TEXT and text.lower() in _MISSING):
            return None
        if column in _NIK_FIELDS and SCIENTIFIC.match(text):
            raise _MangledNikError(text)
        return parse_cell(kind, text)
    return _typed_value(kind, column, cell)


def _typed_value(kind: ColumnType, column: str, cell: Any) -> Any:
    """Accept a value a typed source (Excel, DataFrame) already holds."""
    if kind is ColumnType.NUMBER:
        if isinstance(cell, bool) or not isinstance(cell, int | float):
            return parse_number(str(cell))
        value = float(cell)
        if not math.isfinite(value):
            raise ValueError(str(cell))
        return value
    if kind is ColumnType.DATE:
        if isinstance(cell, dt.datetime):
            if cell.time() != dt.time():
                raise ValueError(_text(cell))
            return cell.date()
        if isinstance(cell, dt.date):
            return cell
        raise ValueError(_text(cell))
    if (
        column in _NIK_FIELDS
        and isinstance(cell, int | float)
        and not isinstance(cell, bool)
    ):
        # A NIK held as a number has lost its leading zeros or its last digits.
        raise _MangledNikError(_text(cell))
    if (
        kind is ColumnType.TEXT
        and isinstance(cell, int | float)
        and not isinstance(cell, bool)
    ):
        return _text(float(cell)) if isinstance(cell, float) else str(cell)
    if kind is ColumnType.BOOL and isinstance(cell, bool):
        return cell
    if isinstance(cell, Sex | MeasureMethod):
        return parse_cell(kind, str(cell))
    return parse_cell(kind, _text(cell))


def _cell_issues(
    column: str,
    raw: RawColumn,
    bad: Mapping[int, bool],
    numbers: NDArray[np.int64],
    header: str,
) -> list[Issue]:
    if not bad:
        return []
    kind = BY_NAME[column].type
    issues = []
    rows = np.flatnonzero(np.isin(raw.codes, list(bad)))
    for i in rows.tolist():
        text = raw[i]
        if bad[int(raw.codes[i])]:
            issues.append(scientific_nik_issue(int(numbers[i]), column, text, header))
            continue
        expected_en, expected_id = EXPECTED[kind]
        issues.append(
            Issue(
                severity=Severity.ERROR,
                code=f"parse.{column}",
                row=int(numbers[i]),
                field=column,
                value=text,
                message_id=f"nilai {text!r} tidak dapat dibaca sebagai {expected_id}",
                message_en=f"cannot read {text!r} as {expected_en}",
                rule=PARSE_RULE,
            )
        )
    return issues


__all__ = ["NAT", "CellTable", "build_register", "check_header", "suggest"]
