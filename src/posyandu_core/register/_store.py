"""The register held as columns: typed numpy arrays, raw text beside them.

Numbers are float64 (NaN = empty or left out), dates datetime64[D] (NaT),
codes and text object arrays whose cells share one object per distinct
value (``None`` = empty; list columns hold tuples, ``()`` = empty). Raw text
is kept as codes into the distinct texts of each column. ``rows`` and
``by_person()`` are views built on demand for code that works row by row.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core.errors import PosyanduError
from posyandu_core.model import Equipment, completed_months_between
from posyandu_core.register._columns import BY_NAME, COLUMNS, ColumnType
from posyandu_core.register._row import RegisterRow

if TYPE_CHECKING:
    import pandas as pd

    from posyandu_core.model import Issue
    from posyandu_core.register._quality import DataQuality

NAT = np.datetime64("NaT", "D")


@attrs.frozen(eq=False)
class RawColumn:
    """One column's raw cell texts: a code per row into the distinct texts."""

    codes: NDArray[np.int32]
    texts: tuple[str, ...]

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> RawColumn:
        """Factorise ``texts`` (each distinct text stored once)."""
        table: dict[str, int] = {}
        codes = [table.setdefault(t, len(table)) for t in texts]
        return cls(np.asarray(codes, dtype=np.int32), tuple(table))

    def __getitem__(self, i: int) -> str:
        return self.texts[int(self.codes[i])]

    def __len__(self) -> int:
        return len(self.codes)

    def take(self, indices: NDArray[np.intp]) -> RawColumn:
        """Return the rows at ``indices``."""
        return RawColumn(self.codes[indices], self.texts)

    def tolist(self) -> list[str]:
        """Return every row's text."""
        texts = np.array([*self.texts, ""], dtype=object)
        return texts[self.codes].tolist()  # type: ignore[no-any-return]


class RawView(Mapping[str, str]):
    """The raw texts of one row, read from the register's columns."""

    __slots__ = ("_i", "_raw")

    def __init__(self, raw: Mapping[str, RawColumn], i: int) -> None:
        self._raw = raw
        self._i = i

    def __getitem__(self, key: str) -> str:
        return self._raw[key][self._i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


_NONE = np.array(None, dtype=object)


def is_none(column: NDArray[Any]) -> NDArray[np.bool_]:
    """Return where an object column holds ``None`` (one C-level comparison)."""
    return np.asarray(np.equal(column, _NONE), dtype=np.bool_)


def factorise(values: Iterable[Any], n: int) -> tuple[NDArray[np.int32], list[Any]]:
    """Return a dense code per value and the distinct values, in order of appearance.

    Each value costs one C-level ``dict.setdefault`` (a running counter gives
    new values their code); the codes are made dense at the end.

    Examples
    --------
    >>> codes, distinct = factorise(["b", "a", "b"], 3)
    >>> codes.tolist(), distinct
    ([0, 1, 0], ['b', 'a'])
    """
    table: dict[Any, int] = {}
    sparse = np.fromiter(map(table.setdefault, values, itertools.count()), np.int64, n)
    dense = np.zeros(n + 1, dtype=np.int32)
    dense[np.fromiter(table.values(), np.int64, len(table))] = np.arange(
        len(table), dtype=np.int32
    )
    return dense[sparse], list(table)


def empty_column(kind: ColumnType, n: int) -> NDArray[Any]:
    """Return a column of ``n`` empty cells of type ``kind``."""
    if kind is ColumnType.NUMBER:
        return np.full(n, np.nan)
    if kind is ColumnType.DATE:
        return np.full(n, NAT)
    column = np.empty(n, dtype=object)
    column.fill(() if kind is ColumnType.LIST else None)
    return column


def typed_column(kind: ColumnType, values: Sequence[Any]) -> NDArray[Any]:
    """Return a column of ``kind`` holding ``values`` (``None`` = empty)."""
    if kind is ColumnType.NUMBER:
        return np.array([np.nan if v is None else v for v in values], dtype=float)
    if kind is ColumnType.DATE:
        return np.array(
            [NAT if v is None else v for v in values], dtype="datetime64[D]"
        )
    column = empty_column(kind, len(values))
    for i, value in enumerate(values):
        if value is not None and value != ():
            column[i] = tuple(value) if kind is ColumnType.LIST else value
    return column


def missing_mask(kind: ColumnType, column: NDArray[Any]) -> NDArray[np.bool_]:
    """Return where ``column`` (of type ``kind``) is empty."""
    if kind is ColumnType.NUMBER:
        return np.asarray(np.isnan(column), dtype=bool)
    if kind is ColumnType.DATE:
        return np.asarray(np.isnat(column), dtype=bool)
    if kind is ColumnType.LIST:  # an empty tuple is false
        return ~np.fromiter(map(bool, column), bool, len(column))
    return is_none(column)


def _python_values(kind: ColumnType, column: NDArray[Any]) -> list[Any]:
    """Python values of a column; equal numbers and dates share one object."""
    if kind in (ColumnType.NUMBER, ColumnType.DATE) and len(column):
        distinct, inverse = np.unique(column, return_inverse=True)
        objects = distinct.astype(object)  # NaT -> None
        if kind is ColumnType.NUMBER:
            objects[np.isnan(distinct)] = None
        return objects[inverse.reshape(-1)].tolist()  # type: ignore[no-any-return]
    return column.tolist()  # type: ignore[no-any-return]


@attrs.define(init=False, slots=False, eq=False, repr=False)
class Register:
    """A register: one row per person per visit, typed once, held as columns.

    Build one with :func:`read_register` (CSV, ``.xlsx``, Parquet, a pandas
    or polars DataFrame, model objects) or from rows made in code with
    ``Register(rows=...)``.

    Parameters
    ----------
    rows : sequence of RegisterRow, optional
        Rows made in code; the columns are built from them.
    columns : tuple of str
        Canonical names of the columns present.
    issues : tuple of Issue
        Problems found while reading (cells that could not be read, identity).
    extra_columns : tuple of str
        Headers the format does not know; their text is kept raw.
    equipment : mapping of str to Equipment
        Equipment inventory, for calibration checks.
    source : str
        Where the rows came from.
    values : mapping of str to numpy array, optional
        The typed columns (readers pass these instead of ``rows``).
    raw : mapping of str to RawColumn, optional
        Raw text per column (canonical name, or header for unknown ones).
    row_numbers : numpy array of int, optional
        1-based row number of each row in the source.
    person_ids : numpy array of str, optional
        Whose row it is (see ``docs/reference/register.md``, identity).
    index : pandas Index or None
        The source DataFrame's index, given back by :meth:`to_pandas`.
    quality : DataQuality or None
        Set by :func:`posyandu_core.rules.gate`: what was read and left out.
    headers : mapping of str to str
        Each column's header as written in the source, by canonical name
        (and by key for unknown columns); see :meth:`header`.
    header_row : int
        The spreadsheet row of the header: data row ``r`` is sheet row
        ``r + header_row`` (1 for CSV and DataFrames; an ``.xlsx`` sheet's
        own row); see :meth:`sheet_row`.
    person_codes : numpy array of int32, optional
        What :meth:`person_codes` returns, when the reader has made it while
        resolving identities (else it is made on first use).
    """

    columns: tuple[str, ...]
    issues: tuple[Issue, ...]
    extra_columns: tuple[str, ...]
    equipment: Mapping[str, Equipment]
    source: str
    values: Mapping[str, NDArray[Any]]
    raw: Mapping[str, RawColumn]
    row_numbers: NDArray[np.int64]
    person_ids: NDArray[Any]
    index: Any
    quality: DataQuality | None
    headers: Mapping[str, str]
    header_row: int

    def __init__(
        self,
        *,
        rows: Sequence[RegisterRow] | None = None,
        columns: Sequence[str] = (),
        issues: Sequence[Issue] = (),
        extra_columns: Sequence[str] = (),
        equipment: Mapping[str, Equipment] | None = None,
        source: str = "<memory>",
        values: Mapping[str, NDArray[Any]] | None = None,
        raw: Mapping[str, RawColumn] | None = None,
        row_numbers: NDArray[np.int64] | None = None,
        person_ids: NDArray[Any] | None = None,
        index: Any = None,
        quality: DataQuality | None = None,
        headers: Mapping[str, str] | None = None,
        header_row: int = 1,
        person_codes: NDArray[np.int32] | None = None,
    ) -> None:
        self._rows: tuple[RegisterRow, ...] | None = None
        if rows is not None:
            rows = tuple(rows)
            self._rows = rows
            values, raw = _columns_of(rows)
            row_numbers = np.array([r.row for r in rows], dtype=np.int64)
            person_ids = np.array([r.person_id for r in rows] + [None], dtype=object)[
                :-1
            ]
            index = None
        n = 0 if row_numbers is None else len(row_numbers)
        self.values = MappingProxyType(dict(values or {}))
        self.raw = MappingProxyType(dict(raw or {}))
        self.row_numbers = (
            np.arange(1, n + 1, dtype=np.int64) if row_numbers is None else row_numbers
        )
        self.person_ids = (
            np.array([f"row-{i}" for i in self.row_numbers], dtype=object)
            if person_ids is None
            else person_ids
        )
        self.columns = tuple(columns)
        self.issues = tuple(issues)
        self.extra_columns = tuple(extra_columns)
        self.equipment = dict(equipment or {})
        self.source = source
        self.index = index
        self.quality = quality
        self.headers = MappingProxyType(dict(headers or {}))
        self.header_row = header_row
        if person_codes is not None and rows is None:
            self.__dict__["_person_codes"] = person_codes

    # -- the interface every lane relies on --------------------------------

    def __len__(self) -> int:
        return len(self.row_numbers)

    def __repr__(self) -> str:
        return (
            f"<Register {self.source}: {len(self)} rows, {len(self.columns)} columns, "
            f"{len(self.issues)} issues>"
        )

    @property
    def rows(self) -> tuple[RegisterRow, ...]:
        """Every row as a RegisterRow (built once, on first use)."""
        if self._rows is None:
            self._rows = tuple(self._build_rows())
        return self._rows

    def built_rows(self) -> tuple[RegisterRow, ...] | None:
        """Return the rows if they were built already (else None; nothing is built)."""
        return self._rows

    def set_rows(self, rows: tuple[RegisterRow, ...]) -> None:
        """Give the register its rows, built elsewhere from the same values."""
        if len(rows) != len(self):
            msg = f"{len(rows)} rows for a register of {len(self)}"
            raise ValueError(msg)
        self._rows = rows
        self.__dict__.pop("_by_person", None)  # grouped from the former rows

    def by_person(self) -> dict[str, list[RegisterRow]]:
        """Return rows grouped by person, each list sorted by visit date.

        Grouped once per register (the services ask several times); each
        call returns new lists, the caller's to change.
        """
        grouped: dict[str, tuple[RegisterRow, ...]] | None = self.__dict__.get(
            "_by_person"
        )
        if grouped is None:
            lists: dict[str, list[RegisterRow]] = {}
            for row in self.rows:
                lists.setdefault(row.person_id, []).append(row)
            for rows in lists.values():
                rows.sort(key=lambda r: (r.visit_date or dt.date.min, r.row))
            grouped = {k: tuple(v) for k, v in lists.items()}
            self.__dict__["_by_person"] = grouped
        return {k: list(v) for k, v in grouped.items()}

    def last_visit_date(self) -> dt.date | None:
        """Return the latest visit date in the register (None: no dated visit).

        Examples
        --------
        >>> import numpy as np
        >>> Register(row_numbers=np.array([1, 2, 3]), values={"visit_date": np.array(
        ...     ["2025-01-10", "NaT", "2025-03-02"], "datetime64[D]")}).last_visit_date()
        datetime.date(2025, 3, 2)
        """
        visits = self.column("visit_date")
        dated = visits[~np.isnat(visits)]
        return dated.max().item() if dated.size else None

    def latest_per_person(
        self, where: NDArray[np.bool_] | None = None
    ) -> NDArray[np.intp]:
        """Return the position of each person's last row, as ``by_person()`` orders rows.

        Rows are ordered by visit date (undated first), then row number, and
        people by first appearance in the register; only rows where
        ``where`` is true count. Built from the columns: no row objects.

        Examples
        --------
        >>> import numpy as np
        >>> r = Register(row_numbers=np.array([1, 2, 3]),
        ...     person_ids=np.array(["A", "B", "A"], dtype=object),
        ...     values={"visit_date": np.array(["2025-02-01", "2025-01-01", "2025-01-01"],
        ...     "datetime64[D]")})
        >>> r.latest_per_person().tolist()
        [0, 1]
        >>> r.latest_per_person(np.array([False, True, True])).tolist()
        [2, 1]
        """
        positions = np.arange(len(self)) if where is None else np.flatnonzero(where)
        if positions.size == 0:
            return positions
        people = self.person_codes()[positions]
        # NaT is the smallest int64, so an undated row sorts first (date.min).
        visits = self.column("visit_date")[positions].astype(np.int64)
        order = np.lexsort((self.row_numbers[positions], visits, people))
        ordered = people[order]
        last = np.ones(ordered.size, dtype=bool)
        last[:-1] = ordered[1:] != ordered[:-1]
        return positions[order[last]]

    def person_codes(self) -> NDArray[np.int32]:
        """Return a dense integer per person (by ``person_ids``), for grouping."""
        cached: NDArray[np.int32] | None = self.__dict__.get("_person_codes")
        if cached is None:
            cached, _ = factorise(self.person_ids.tolist(), len(self))
            self.__dict__["_person_codes"] = cached
        return cached

    def with_equipment(self, equipment: Iterable[Equipment]) -> Register:
        """Return a copy that knows the equipment inventory."""
        return self.evolve(equipment={e.id: e for e in equipment})

    # -- where things are, as the user sees the file ---------------------------

    def header(self, field: str) -> str:
        """Return the header the source gave column ``field`` (else ``field``).

        Examples
        --------
        >>> Register(headers={"weight_kg": "Berat"}).header("weight_kg")
        'Berat'
        """
        return self.headers.get(field, field)

    def sheet_row(self, row: int) -> int:
        """Return the spreadsheet row of data row ``row`` (the header counted).

        Examples
        --------
        >>> Register().sheet_row(1)
        2
        """
        return row + self.header_row

    def location(
        self, row: int | None, field: str | None
    ) -> tuple[int | None, str | None]:
        """Return where data row ``row``'s ``field`` is as the user sees the file.

        The spreadsheet row and the column's header as written (None when
        unknown): what an ``Issue``'s ``sheet_row`` and ``header`` hold.
        Checks that make many issues make them located with this, rather
        than copying each through :meth:`locate`.

        Examples
        --------
        >>> Register(headers={"weight_kg": "Berat"}).location(1, "weight_kg")
        (2, 'Berat')
        """
        return (
            None if row is None else self.sheet_row(row),
            None if field is None else self.headers.get(field),
        )

    def locate(self, issues: Iterable[Issue]) -> list[Issue]:
        """Return ``issues`` with their spreadsheet row and the file's header set."""
        located = []
        for issue in issues:
            if (issue.row is None or issue.sheet_row is not None) and (
                issue.field is None or issue.header is not None
            ):
                located.append(issue)  # located already (most are, when made)
                continue
            sheet_row, header = self.location(issue.row, issue.field)
            sheet_row = sheet_row if issue.sheet_row is None else issue.sheet_row
            header = header if issue.header is None else issue.header
            if (sheet_row, header) != (issue.sheet_row, issue.header):
                issue = attrs.evolve(issue, sheet_row=sheet_row, header=header)
            located.append(issue)
        return located

    # -- columns -------------------------------------------------------------

    def column(self, name: str) -> NDArray[Any]:
        """Return the typed column ``name`` (all empty if the register lacks it)."""
        found = self.values.get(name)
        if found is not None:
            return found
        return _empty_cached(BY_NAME[name].type, len(self))

    def has(self, name: str) -> bool:
        """Return whether the column ``name`` is present."""
        return name in self.values

    def raw_text(self, name: str, i: int) -> str:
        """Return the text of column ``name`` at position ``i`` as read."""
        found = self.raw.get(name)
        if found is not None:
            return found[i]
        if name not in self.values:
            return ""
        value = _python_values(BY_NAME[name].type, self.values[name][i : i + 1])[0]
        if value is None:
            return ""
        return ";".join(value) if isinstance(value, tuple) else str(value)

    def age_days(self) -> NDArray[np.float64]:
        """Return each row's age in days at the visit (NaN where a date is missing).

        Examples
        --------
        >>> import numpy as np
        >>> r = Register(values={"birth_date": np.array(["2024-01-05"], "datetime64[D]"),
        ...     "visit_date": np.array(["2025-02-10"], "datetime64[D]")})
        >>> r.age_days()
        array([402.])
        """
        difference = self.column("visit_date") - self.column("birth_date")
        days = difference.astype(float)
        days[np.isnat(difference)] = np.nan  # NaT casts to -2**63, not NaN
        return days  # type: ignore[no-any-return]

    def age_months(self) -> NDArray[np.float64]:
        """Return each row's age in completed months at the visit (DOMAIN.md §3.4).

        Made once per register; the array is read-only.

        Examples
        --------
        >>> import numpy as np
        >>> r = Register(values={"birth_date": np.array(["2015-08-27"], "datetime64[D]"),
        ...     "visit_date": np.array(["2017-07-20"], "datetime64[D]")})
        >>> r.age_months()
        array([22.])
        """
        months: NDArray[np.float64] | None = self.__dict__.get("_age_months")
        if months is None:  # several rules ask; the columns do not change
            months = completed_months_between(
                self.column("birth_date"), self.column("visit_date")
            )
            months.flags.writeable = False
            self.__dict__["_age_months"] = months
        return months

    # -- copies --------------------------------------------------------------

    def evolve(self, **changes: Any) -> Register:
        """Return a copy with ``changes`` (keyword arguments of the constructor)."""
        codes = self.__dict__.get("_person_codes")
        if codes is not None and not {"person_ids", "rows"} & changes.keys():
            changes.setdefault("person_codes", codes)  # the same persons
        return attrs.evolve(self, **changes)

    def take(self, indices: NDArray[np.intp] | Sequence[int]) -> Register:
        """Return the rows at positions ``indices`` (row numbers kept)."""
        where = np.asarray(indices, dtype=np.intp)
        codes = self.__dict__.get("_person_codes")
        if codes is not None:  # renumbered in order of first appearance, as made
            codes = codes[where]
            persons, first = np.unique(codes, return_index=True)
            renumber = np.zeros(len(persons) and int(persons[-1]) + 1, dtype=np.int32)
            renumber[persons[np.argsort(first)]] = np.arange(
                len(persons), dtype=np.int32
            )
            codes = renumber[codes]
        return self.evolve(
            values={k: v[where] for k, v in self.values.items()},
            raw={k: v.take(where) for k, v in self.raw.items()},
            row_numbers=self.row_numbers[where],
            person_ids=self.person_ids[where],
            index=None if self.index is None else self.index[where],
            person_codes=codes,
        )

    def positions(self, rows: Iterable[int]) -> NDArray[np.intp]:
        """Return the positions of the 1-based row numbers ``rows``."""
        order = np.argsort(self.row_numbers, kind="stable")
        wanted = np.asarray(sorted(set(rows)), dtype=np.int64)
        found = np.searchsorted(self.row_numbers[order], wanted)
        found = found[found < len(order)]
        hits = order[found]
        return hits[np.isin(self.row_numbers[hits], wanted)]

    # -- DataFrames ------------------------------------------------------------

    def to_pandas(self, *, raw: bool = False) -> pd.DataFrame:
        """Return the register as a pandas DataFrame with the source's index.

        Typed columns keep their types (float, ``datetime64``, object codes);
        ``person_id`` is the resolved identity. The index is the source
        DataFrame's index when the register was read from one, else the
        1-based row numbers (named ``row``), so ``read_register(df)`` of the
        result gives this register back. With ``raw=True`` the columns hold
        the text as read instead.
        """
        pandas = _pandas()
        data: dict[str, Any] = {"person_id": self.person_ids}
        for name in self.columns:
            if name == "person_id":
                continue
            if raw:
                data[name] = [self.raw_text(name, i) for i in range(len(self))]
            else:
                data[name] = _frame_values(BY_NAME[name].type, self.values[name])
        for name in self.extra_columns:
            data[name] = self.raw[name].tolist()
        index = (
            pandas.Index(self.row_numbers, name="row")
            if self.index is None
            else self.index
        )
        frame: pd.DataFrame = pandas.DataFrame(data, index=index)
        return frame

    # -- internals -------------------------------------------------------------

    def _build_rows(self) -> Iterator[RegisterRow]:
        names = [n for n in self.values if n in _ROW_FIELDS]
        columns = []
        for name in names:
            values = _python_values(BY_NAME[name].type, self.values[name])
            if name in _LIST_FIELDS:
                values = [() if v is None else v for v in values]
            columns.append(values)
        raw = self.raw
        for i, (number, person, *cells) in enumerate(
            zip(
                self.row_numbers.tolist(),
                self.person_ids.tolist(),
                *columns,
                strict=True,
            )
        ):
            yield RegisterRow(
                row=number,
                person_id=person,
                raw=RawView(raw, i),
                **dict(zip(names, cells, strict=True)),
            )


_ROW_FIELDS = frozenset(a.name for a in attrs.fields(RegisterRow)) - {
    "row",
    "person_id",
    "raw",
}
_LIST_FIELDS = frozenset(c.name for c in COLUMNS if c.type is ColumnType.LIST)


@functools.lru_cache(maxsize=64)
def _empty_cached(kind: ColumnType, n: int) -> NDArray[Any]:
    column = empty_column(kind, n)
    column.flags.writeable = False
    return column


def _frame_values(kind: ColumnType, column: NDArray[Any]) -> Any:
    if kind in (ColumnType.NUMBER, ColumnType.DATE):
        return column
    if kind is ColumnType.LIST:
        return [";".join(v) if v else None for v in column.tolist()]
    return [
        None if v is None else (v if isinstance(v, bool) else str(v)) for v in column
    ]


def _columns_of(
    rows: Sequence[RegisterRow],
) -> tuple[dict[str, NDArray[Any]], dict[str, RawColumn]]:
    values: dict[str, NDArray[Any]] = {}
    raw: dict[str, RawColumn] = {}
    for name in sorted(_ROW_FIELDS, key=list(BY_NAME).index):
        cells = [getattr(r, name) for r in rows]
        if any(c is not None and c != () for c in cells):
            values[name] = typed_column(BY_NAME[name].type, cells)
    keys = dict.fromkeys(k for r in rows for k in r.raw)
    for key in keys:
        raw[key] = RawColumn.from_texts(r.raw.get(key, "") for r in rows)
    return values, raw


def _pandas() -> Any:  # the pandas module, imported only when asked for
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - pandas is in the test extra
        msg = "to_pandas() needs pandas: pip install 'posyandu-core[analysis]'"
        raise PosyanduError(
            msg,
            message_id="to_pandas() perlu pandas: pip install 'posyandu-core[analysis]'",
            fix="install the analysis extra",
            fix_id="pasang ekstra analysis",
        ) from exc
    return pd
