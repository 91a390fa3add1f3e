"""The table-like result of the vectorised z-score functions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from posyandu_core.errors import PosyanduError, ShapeMismatchError, UnknownNameError
from posyandu_core.model import Issue

if TYPE_CHECKING:
    import pandas as pd

_PANDAS_INSTALL = "pip install 'posyandu-core[analysis]'"


class PandasNotInstalledError(PosyanduError, ImportError):
    """``to_pandas()`` was called but pandas is not installed."""


class ZScoreTable:
    """Column-oriented result of :func:`anthro_zscores` / :func:`anthroplus_zscores`.

    Columns carry WHO's output names and are read-only numpy arrays of one
    value per input row, in input order:

    - float64 for numbers (``clenhei``, ``cbmi``, every ``z*``), NaN = missing;
    - float64 0.0 / 1.0 for flags (``f*``, ``c9mo_flag``) and 1.0 / 2.0 for
      ``csex``, NaN = missing (so one missing-value convention serves all);
    - object arrays of ``str`` for codes (``cmeasure``: ``"l"``/``"h"``,
      ``coedema``: ``"n"``/``"y"``), ``None`` = missing.

    ``len(table)`` is the number of rows, iterating yields the column names
    (as for a pandas DataFrame), ``table["zwei"]`` gives a column, and
    ``table.issues`` lists the rows that could not be used, or were used with
    a caveat.
    """

    __slots__ = ("_columns", "_index", "_issues", "_n_rows")

    def __init__(
        self,
        columns: Mapping[str, NDArray[Any]],
        issues: Sequence[Issue],
        n_rows: int,
        index: Any = None,
    ) -> None:
        for column in columns.values():
            if column.flags.writeable:
                column.flags.writeable = False
        self._columns = dict(columns)
        self._issues = tuple(issues)
        self._n_rows = n_rows
        self._index = index

    def __getitem__(self, name: str) -> NDArray[Any]:
        try:
            return self._columns[name]
        except KeyError:
            msg = f"no column {name!r}; columns are {', '.join(self._columns)}"
            raise UnknownNameError(
                msg,
                message_id=f"tidak ada kolom {name!r}; kolomnya {', '.join(self._columns)}",
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return self._n_rows

    def __contains__(self, name: object) -> bool:
        return name in self._columns

    def __repr__(self) -> str:
        return (
            f"<ZScoreTable {self._n_rows} rows x {len(self._columns)} columns "
            f"({', '.join(self._columns)}); {len(self._issues)} issues>"
        )

    @property
    def columns(self) -> tuple[str, ...]:
        """Column names in WHO's output order."""
        return tuple(self._columns)

    @property
    def issues(self) -> tuple[Issue, ...]:
        """Problems found in the input rows (``row`` is 1-based)."""
        return self._issues

    def to_dict(self) -> dict[str, NDArray[Any]]:
        """Return the columns as a new dictionary of (read-only) arrays."""
        return dict(self._columns)

    def row(self, index: int) -> dict[str, Any]:
        """Return one row (0-based ``index``) as a dictionary of Python values.

        Missing values are ``None``; flags and ``csex`` are ``int``.
        """
        record: dict[str, Any] = {}
        for name, column in self._columns.items():
            value = column[index]
            if column.dtype == object:
                record[name] = value
            elif np.isnan(value):
                record[name] = None
            elif name.startswith("f") or name in ("csex", "c9mo_flag"):
                record[name] = int(value)
            else:
                record[name] = float(value)
        return record

    @property
    def index(self) -> Any:
        """The pandas index of the input Series, if the input had one (else None)."""
        return self._index

    def to_pandas(self) -> pd.DataFrame:
        """Return the table as a pandas DataFrame (pandas is imported lazily).

        Its index is the input's: when the inputs were pandas Series (of one
        DataFrame), ``pd.concat([df, table.to_pandas()], axis=1)`` lines each
        child's z-scores up with the child, even after a filter or a sort.

        Raises
        ------
        PandasNotInstalledError
            If pandas is not installed (an ``ImportError``).
        """
        try:
            import pandas as pd
        except ImportError as exc:
            msg = "to_pandas() needs pandas, which is optional"
            raise PandasNotInstalledError(
                msg,
                message_id="to_pandas() memerlukan pandas, yang opsional",
                fix=_PANDAS_INSTALL,
                fix_id=f"pasang: {_PANDAS_INSTALL}",
            ) from exc
        frame: pd.DataFrame = pd.DataFrame(
            {name: np.array(col) for name, col in self._columns.items()},
            index=self._index,
        )
        return frame


def input_index(n: int, *arguments: Any) -> Any:
    """Return the index of the first pandas Series of ``n`` rows in ``arguments``.

    Series of different indexes are a mistake the caller should see: the
    rows would be paired by position, not by child.
    """
    found = None
    for argument in arguments:
        index = getattr(argument, "index", None)
        if index is None or not hasattr(argument, "iloc") or len(argument) != n:
            continue
        if found is None:
            found = index
        elif not found.equals(index):
            msg = "the input Series have different indexes; align them first"
            raise ShapeMismatchError(
                msg,
                message_id="indeks Series masukan berbeda; samakan dulu",
                fix="take every column from one DataFrame",
                fix_id="ambil setiap kolom dari satu DataFrame",
            )
    return found
