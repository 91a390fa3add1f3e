"""``read_register``: the one way in, whatever the source.

Readers turn a source into a :class:`CellTable`; :func:`build_register`
types the cells and resolves identities the same way for all; then the
validation gate runs every rule once and leaves out what is in error.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from posyandu_core._reader import Reader
from posyandu_core.errors import InputFileError
from posyandu_core.model import Equipment
from posyandu_core.register._arrow_csv import read_csv_file
from posyandu_core.register._build import build_register
from posyandu_core.register._columns import REQUIRED
from posyandu_core.register._model import is_model_source, read_model_cells
from posyandu_core.register._store import Register
from posyandu_core.register._tables import (
    read_pandas_cells,
    read_parquet_cells,
    read_polars_cells,
    read_xlsx_cells,
)

if TYPE_CHECKING:
    from posyandu_core.registry import Registry
    from posyandu_core.rules import RuleConfig


def _is_pandas(obj: object) -> bool:
    return (
        type(obj).__module__.startswith("pandas") and type(obj).__name__ == "DataFrame"
    )


def _is_polars(obj: object) -> bool:
    return (
        type(obj).__module__.startswith("polars") and type(obj).__name__ == "DataFrame"
    )


BUILTIN_READERS: Mapping[str, Reader] = {
    r.id: r
    for r in (
        Reader(id="csv", name="CSV (, ; tab)", suffixes=(".csv", ".tsv", ".txt"),
               read=read_csv_file),
        Reader(id="xlsx", name="Excel .xlsx (e-PPGBM, ASIK)", suffixes=(".xlsx", ".xlsm"),
               read=read_xlsx_cells),
        Reader(id="parquet", name="Parquet", suffixes=(".parquet", ".pq"),
               read=read_parquet_cells),
        Reader(id="pandas", name="pandas DataFrame", read=read_pandas_cells,
               accepts=_is_pandas),
        Reader(id="polars", name="polars DataFrame", read=read_polars_cells,
               accepts=_is_polars),
        Reader(id="model", name="Person/Visit/Measurement objects",
               read=read_model_cells, accepts=is_model_source),
    )
}  # fmt: skip


def _choose(source: object, readers: Mapping[str, Reader]) -> Reader:
    if isinstance(source, str | os.PathLike):
        suffix = Path(source).suffix.lower()
        for reader in readers.values():
            if suffix in reader.suffixes:
                return reader
        if suffix in (".xls", ".ods"):
            msg = f"{source}: {suffix} files cannot be read"
            raise InputFileError(
                msg,
                message_id=f"{source}: berkas {suffix} tidak dapat dibaca",
                fix="save the sheet as .xlsx or CSV UTF-8",
                fix_id="simpan lembar kerja sebagai .xlsx atau CSV UTF-8",
            )
        return readers["csv"] if "csv" in readers else BUILTIN_READERS["csv"]
    for reader in readers.values():
        if reader.accepts is not None and reader.accepts(source):
            return reader
    if hasattr(source, "read"):
        return BUILTIN_READERS["csv"]
    msg = f"cannot read a register from a {type(source).__name__}"
    raise InputFileError(
        msg,
        message_id=f"register tidak dapat dibaca dari {type(source).__name__}",
        fix="give a CSV/.xlsx/.parquet path, a text stream, a pandas or polars "
        "DataFrame, or a list of Person/Visit/Measurement objects",
        fix_id="berikan path CSV/.xlsx/.parquet, aliran teks, DataFrame pandas "
        "atau polars, atau daftar objek Person/Visit/Measurement",
    )


def read_register(
    source: str | os.PathLike[str] | IO[str] | Any,
    *,
    equipment: Iterable[Equipment] = (),
    readers: Mapping[str, Reader] | None = None,
    validate: bool = True,
    today: dt.date | None = None,
    config: RuleConfig | None = None,
    required: Sequence[str] = REQUIRED,
    registry: Registry | None = None,
) -> Register:
    """Read a register from a file, a DataFrame or model objects, typed and validated.

    Parameters
    ----------
    source : path, text stream, DataFrame or list of model objects
        A CSV (``,`` ``;`` or tab separated, UTF-8), ``.xlsx`` or
        ``.parquet`` file; a pandas or polars DataFrame (its index is kept);
        or ``Person``/``Visit``/``Measurement`` objects. Headers may be the
        canonical names or their aliases (e-PPGBM, ASIK, WHO spellings).
    equipment : iterable of Equipment
        The Posyandu's equipment inventory, for calibration checks.
    readers : mapping of str to Reader
        Extra readers, tried before the built-in ones (default: the
        registry's ``readers``, when plugins contribute some).
    validate : bool
        Run the validation gate (every rule once; values in error left out,
        see ``register.quality``). ``False`` gives the register as read.
    today : date
        The date after which visit and birth dates are errors (default: today).
    config : RuleConfig
        Rules switched off or re-graded.
    required : sequence of str
        Columns the source must have.
    registry : Registry
        Where the rules come from (default: every installed plugin).

    Returns
    -------
    Register

    Raises
    ------
    InputFileError
        The source is missing, unreadable, empty, binary, not UTF-8, not
        valid CSV, or lacks a required column.
    """
    if readers is None:  # plugin readers, once the registry collects them
        from posyandu_core.registry import get_registry

        readers = getattr(registry or get_registry(), "readers", None) or {}
    chosen = _choose(source, {**readers, **BUILTIN_READERS})
    read = chosen.read(source)
    register = (
        read
        if isinstance(read, Register)
        else build_register(read, equipment=equipment, required=required)
    )
    if equipment and isinstance(read, Register):
        register = register.with_equipment(equipment)
    if not validate:
        return register
    from posyandu_core.rules import gate

    return gate(register, today=today, config=config, registry=registry)
