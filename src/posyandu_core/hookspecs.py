"""The plugin contract: every hook posyandu_core calls and every type it passes.

A plugin is a module (or any object) with functions marked ``@hookimpl``
whose names match the hooks below. It is found through the ``posyandu_core``
entry-point group — the built-in plugins are declared there too, exactly as a
third-party package declares its own::

    [project.entry-points.posyandu_core]
    myplugin = "posyandu_core_myplugin"

Contributions use ``register_<plural>(register)``: the host passes a
``register`` callback and the plugin calls it once per item. The host calls
every hook through pluggy's plugin manager, one plugin at a time and in
pluggy's call order (``tryfirst``/``trylast`` respected, hook wrappers and
``pm.trace`` see every call), so each item is attributed to its plugin.

Hook signatures are public API: a plugin may accept fewer arguments than the
spec names and new arguments may be added; removing or renaming one is a
breaking change. This module imports no implementation (no growth engine,
no device decoder, no register reader): it is the contract only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs
import pluggy

from posyandu_core._reader import Reader
from posyandu_core.errors import ShapeMismatchError, WrongTypeError
from posyandu_core.model._convert import to_str_set
from posyandu_core.model.bidang import Bidang, Taxonomy
from posyandu_core.rules._rule import Rule

if TYPE_CHECKING:
    from posyandu_core.devices._driver import DeviceDriver
    from posyandu_core.model.findings import Finding
    from posyandu_core.register import Register

__all__ = [
    "Column",
    "ColumnRows",
    "Command",
    "DemoSection",
    "DeviceDriver",
    "Exporter",
    "GrowthReference",
    "Option",
    "Reader",
    "RegisterColumn",
    "Registrar",
    "Report",
    "Rule",
    "Service",
    "Table",
    "Taxonomy",
    "hookimpl",
    "hookspec",
]

PROJECT = "posyandu_core"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

T_contra = TypeVar("T_contra", contravariant=True)


def __getattr__(name: str) -> Any:
    # DeviceDriver is part of the contract but lives with the device code;
    # importing it lazily keeps ``import posyandu_core.hookspecs`` free of
    # every device decoder.
    if name == "DeviceDriver":
        from posyandu_core.devices._driver import DeviceDriver

        return DeviceDriver
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


class Registrar(Protocol[T_contra]):
    """The callback a ``register_*`` hook receives."""

    def __call__(self, item: T_contra, /) -> None:
        """Register one item."""


# -- the shapes contributions share --------------------------------------------


@attrs.frozen(kw_only=True)
class Option:
    """A typed option of a report, an exporter or a reader.

    The command line turns it into ``--<name>`` (underscores become dashes)
    and converts the text with ``type``; ``datetime.date`` options accept
    ``YYYY-MM-DD`` and ``DD/MM/YYYY``.

    Parameters
    ----------
    name : str
        Python identifier, the keyword the callable receives.
    type : callable
        ``str``, ``int``, ``float``, ``bool``, ``datetime.date`` or any
        ``callable(text) -> value`` raising ``ValueError`` on bad text.
    help : str
        One line for ``--help``.
    default : object
        Value when the option is not given.
    required : bool
        Whether it must be given.
    choices : tuple of str
        Allowed values, if closed.
    multiple : bool
        May be given more than once (``--month 2026-03 --month 2026-04``);
        the callable then receives a tuple of converted values.
    """

    name: str
    type: Callable[..., Any] = str
    help: str = ""
    default: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()
    multiple: bool = False


@attrs.frozen(kw_only=True)
class Column:
    """One column of a table a report builds.

    Parameters
    ----------
    key : str
        Stable key of the column in each row (``to_rows()`` dictionaries).
    label_id, label_en : str
        Header in Indonesian and English.
    kind : str
        ``"text"``, ``"number"``, ``"date"`` or ``"id"`` (identifiers such
        as NIK, always written as text so spreadsheets keep every digit).
    """

    key: str
    label_id: str
    label_en: str
    kind: str = "text"


class _ToList(Protocol):
    def tolist(self) -> Any: ...


class ColumnRows(Sequence[Mapping[str, Any]]):
    """A table's rows held as columns: one sequence per column key.

    A report of a million rows gives its rows this way: each row is a
    dictionary built when read, and the output layer writes the columns
    whole (a CSV of a million KMS rows without a million dictionaries).
    Equal to any sequence of the same row mappings.

    Parameters
    ----------
    columns : mapping of str to sequence
        Values by column key, every sequence of the same length (lists, or
        arrays and Series, read as lists). Lists are held, not copied: do
        not change them afterwards. A key a table's ``columns`` name but
        this mapping lacks reads as None.

    Examples
    --------
    >>> rows = ColumnRows({"name": ["Ani", "Budi"], "kg": [8.5, None]})
    >>> len(rows), rows[1]
    (2, {'name': 'Budi', 'kg': None})
    >>> rows == [{"name": "Ani", "kg": 8.5}, {"name": "Budi", "kg": None}]
    True
    >>> rows.column("kg")
    [8.5, None]
    """

    __slots__ = ("_columns", "_length")

    def __init__(self, columns: Mapping[str, Sequence[Any] | _ToList]) -> None:
        # numpy arrays and pandas Series become lists: rows hold Python values.
        self._columns = {
            str(key): values.tolist() if hasattr(values, "tolist") else values
            for key, values in columns.items()
        }
        lengths = {key: len(values) for key, values in self._columns.items()}
        if len(set(lengths.values())) > 1:
            msg = f"the columns of ColumnRows differ in length: {lengths}"
            raise ShapeMismatchError(
                msg,
                message_id=f"panjang kolom ColumnRows tidak sama: {lengths}",
                fix="give every column one value per row",
                fix_id="beri setiap kolom satu nilai per baris",
            )
        self._length = next(iter(lengths.values()), 0)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return ColumnRows({k: v[index] for k, v in self._columns.items()})
        if not -self._length <= index < self._length:
            msg = f"row {index} of {self._length}"
            raise IndexError(msg)  # the Sequence protocol ends iteration on it
        return {key: values[index] for key, values in self._columns.items()}

    def __iter__(self) -> Any:
        keys = list(self._columns)
        return (dict(zip(keys, row, strict=True)) for row in self.values(keys))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(
            a == b for a, b in zip(self, other, strict=True)
        )

    __hash__ = None  # type: ignore[assignment]  # equal to lists, which are unhashable

    def __repr__(self) -> str:
        return f"ColumnRows({len(self)} rows: {', '.join(self._columns)})"

    def column(self, key: str) -> Sequence[Any]:
        """Return the values of one column (None in every row when absent)."""
        values = self._columns.get(key)
        return [None] * self._length if values is None else values

    def values(self, keys: Sequence[str]) -> Iterable[tuple[Any, ...]]:
        """Return each row's values of ``keys``, in that order, as tuples."""
        return zip(*(self.column(k) for k in keys), strict=True) if keys else iter(())


def _rows(
    rows: Iterable[Mapping[str, Any]],
) -> tuple[Mapping[str, Any], ...] | ColumnRows:
    if isinstance(rows, ColumnRows):
        return rows
    if isinstance(rows, str | bytes | Mapping):
        msg = (
            f"Table rows must be row mappings or ColumnRows, not {type(rows).__name__}"
        )
        raise WrongTypeError(
            msg,
            message_id=(
                "baris Table harus berupa pemetaan per baris atau ColumnRows, "
                f"bukan {type(rows).__name__}"
            ),
            fix="give a list of dictionaries, or ColumnRows({key: values})",
            fix_id="beri daftar dictionary, atau ColumnRows({kunci: nilai})",
        )
    return tuple(rows)


@attrs.frozen(kw_only=True)
class Table:
    """What a report builds: a title, typed columns and rows.

    ``rows`` are mappings from column key to value, or a :class:`ColumnRows`
    (the rows held as columns, for big reports); the output layer writes
    them as text, CSV, JSON or xlsx. ``data`` may carry the report's own
    result object (e.g. an ``SkdnReport``) for callers that want it whole.
    """

    title_id: str
    title_en: str
    columns: tuple[Column, ...]
    rows: tuple[Mapping[str, Any], ...] | ColumnRows = attrs.field(converter=_rows)
    notes: tuple[str, ...] = ()
    data: Any = attrs.field(default=None, eq=False, repr=False)
    #: The register a report read itself (e.g. from an option naming a file):
    #: the command line prints its data-quality block and exits 1 when it
    #: left a value out, as for a report built from the command's register.
    register: Any = attrs.field(default=None, eq=False, repr=False)

    def to_rows(self) -> list[dict[str, Any]]:
        """Return the rows as plain dictionaries in column order."""
        keys = [c.key for c in self.columns]
        return [{k: row.get(k) for k in keys} for row in self.rows]

    def to_text(self, lang: str = "id") -> str:
        """Return the table as aligned text under its title, the notes below.

        The command line's text output is this; CSV, JSON and xlsx are
        written by the one output layer (``posyandu_core.cli._output``).

        Examples
        --------
        >>> table = Table(title_id="Contoh", title_en="Example",
        ...     columns=(Column(key="n", label_id="jumlah", label_en="count"),),
        ...     rows=[{"n": 2.5}])
        >>> print(table.to_text("en"), end="")
        Example
        count
        2.5
        """
        title = self.title_id if lang == "id" else self.title_en
        header = [c.label_id if lang == "id" else c.label_en for c in self.columns]
        cells = [header] + [
            [_text_cell(row.get(c.key)) for c in self.columns] for row in self.rows
        ]
        widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
        lines = [title] if title else []
        lines += [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
            for r in cells
        ]
        lines += list(self.notes)
        return "\n".join(lines) + "\n"


def _text_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "y" if value else "n"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, list | tuple | frozenset | set):
        return ";".join(_text_cell(v) for v in value)
    return str(value)


# -- contributions ----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Service:
    """A service a Posyandu offers in one bidang, and what it concludes.

    Parameters
    ----------
    id : str
        Unique id, e.g. ``"kesehatan.pemantauan_pertumbuhan"``.
    bidang : Bidang
        The canonical bidang it belongs to.
    name_id, name_en : str
        Indonesian and English name.
    sasaran : tuple of str
        Life-stage codes it serves (``"BALITA"``, ``"BUMIL"`` …).
    tags : frozenset of str
        Free tags; taxonomies use them to place the service (e.g. ``"kb"``).
    description : str
        One sentence for ``posyandu plugins``.
    findings : callable or None
        ``findings(register, as_of) -> iterable of Finding``: what the
        service concludes about each person from the register, looking at
        visits up to ``as_of``. ``None`` for services run as cases outside
        the register. ``posyandu_core.api.findings`` calls it.
    """

    id: str
    bidang: Bidang = attrs.field(converter=Bidang)
    name_id: str
    name_en: str
    sasaran: tuple[str, ...] = ()
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=to_str_set)
    description: str = ""
    findings: Callable[[Register, dt.date], Iterable[Finding]] | None = None


@attrs.frozen(kw_only=True)
class Report:
    """A report built from a register (e.g. the monthly SKDN) or from a file of its own.

    Parameters
    ----------
    id : str
        Unique id, the name of ``posyandu report ID``.
    title_id, title_en : str
        Title in Indonesian and English.
    build : callable
        ``build(register, options) -> Table``; ``options`` maps each
        :class:`Option` name to its value.
    options : tuple of Option
        What the report can be asked for (month, Posyandu …).
    source : str
        What the report is built from, the argument after ``posyandu report
        ID``: ``"register"`` (read through the validation gate, its
        data-quality block printed, exit 1 when anything was left out), or
        the name of one of its ``options`` naming a file the report reads
        itself (a kader list, a case file …); ``build`` then receives an
        empty register.
    aliases : tuple of str
        Other command lines that run exactly this report: ``"kms"`` adds
        ``posyandu kms``, ``"kader strata"`` adds ``posyandu kader strata``.
    """

    id: str
    title_id: str
    title_en: str
    build: Callable[[Register, Mapping[str, Any]], Table]
    options: tuple[Option, ...] = ()
    source: str = "register"
    aliases: tuple[str, ...] = ()

    @property
    def input(self) -> Option | None:
        """The option the report's input file fills (None: a register)."""
        return next((o for o in self.options if o.name == self.source), None)


@attrs.frozen(kw_only=True)
class GrowthReference:
    """A growth reference (standard) and the indicators it covers.

    Parameters
    ----------
    id, name : str
        Id (``posyandu zscores --reference ID``) and name.
    indicators : tuple of str
        Indicator codes it covers (``"wfa"``, ``"lhfa"`` …).
    age_range, source : str
        Ages it covers and where its tables come from.
    zscores : callable or None
        ``zscores(columns, options) -> mapping of column name to sequence``:
        the z-scores of a table given as named columns (the input file's
        columns, lower-cased header → text as read; ``options`` has
        ``age_unit`` and ``rounded``). ``None`` for a reference the core
        computes itself (WHO 2006/2007).
    outputs : tuple of str
        The columns ``zscores`` returns, in order (``posyandu zscores``
        writes them after the input columns).
    """

    id: str
    name: str
    indicators: tuple[str, ...]
    age_range: str
    source: str
    zscores: (
        Callable[[Mapping[str, Sequence[str]], Mapping[str, Any]], Mapping[str, Any]]
        | None
    ) = None
    outputs: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Exporter:
    """An export format: writes a register or a report table to a file.

    Parameters
    ----------
    id, name : str
        Id (``posyandu export --format ID``) and name.
    suffix : str
        File suffix, e.g. ``".xlsx"``.
    write : callable
        ``write(source, destination, **options)`` where ``source`` is a
        ``Register`` or a :class:`Table` and ``destination`` a path.
    options : tuple of Option
        Typed keyword options ``write`` accepts.
    accepts : frozenset of str
        ``{"register"}``, ``{"report"}`` or both.
    """

    id: str
    name: str
    suffix: str
    write: Callable[..., None]
    options: tuple[Option, ...] = ()
    accepts: frozenset[str] = attrs.field(
        default=frozenset({"register"}), converter=to_str_set
    )


@attrs.frozen(kw_only=True)
class RegisterColumn:
    """A register column a plugin reads, typed and with its aliases.

    Parameters
    ----------
    name : str
        Canonical name (``snake_case`` with the unit, e.g. ``"lila_ibu_cm"``).
    type : str
        ``"text"``, ``"date"``, ``"number"``, ``"bool"`` or ``"list"``.
    label_id, label_en : str
        What the column holds, in Indonesian and English.
    aliases : tuple of str
        Other headers meaning the same column (the kader's own words).
    unit : str or None
        Unit of a number column.
    """

    name: str
    type: str
    label_id: str
    label_en: str
    aliases: tuple[str, ...] = ()
    unit: str | None = None


@attrs.frozen(kw_only=True)
class Command:
    """A ``posyandu`` subcommand, or a sub-command under ``report``/``device``/``export``.

    ``configure(parser)`` adds arguments; ``run(args)`` does the work and
    returns the exit code. Raise a
    :class:`~posyandu_core.errors.PosyanduError` for unusable input: the CLI
    prints it in one line and exits with its code.

    Parameters
    ----------
    name, help : str
        The word on the command line and one line for ``--help``.
    configure, run : callable
        See above.
    parent : str or None
        ``"report"``, ``"device"`` or ``"export"`` to add ``posyandu PARENT
        NAME``; ``None`` for a top-level command.
    """

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    parent: str | None = None

    @property
    def path(self) -> str:
        """``"name"`` or ``"parent name"``: the words typed to run it."""
        return self.name if self.parent is None else f"{self.parent} {self.name}"


@attrs.frozen(kw_only=True)
class DemoSection:
    """One section of ``posyandu demo``: text rendered from the sample register."""

    id: str
    title: str
    render: Callable[[Register], str]
    order: int = 100


# -- the hooks --------------------------------------------------------------------


@hookspec
def register_taxonomies(register: Registrar[Taxonomy]) -> None:
    """Offer bidang taxonomies (ways of grouping the six bidang).

    The core lists them in ``posyandu plugins`` and groups every registered
    service with each (``posyandu demo``, section "Bidang dan layanan").

    Parameters
    ----------
    register : Registrar[Taxonomy]
        Call ``register(taxonomy)`` once per taxonomy.
    """


@hookspec
def register_services(register: Registrar[Service]) -> None:
    """Offer the services of a bidang and what each concludes.

    The core calls each service's ``findings(register, as_of)`` in
    ``posyandu_core.api.findings`` (and so in ``posyandu demo`` and
    ``posyandu findings``); a service that fails is named and skipped.

    Parameters
    ----------
    register : Registrar[Service]
        Call ``register(service)`` once per service.
    """


@hookspec
def register_reports(register: Registrar[Report]) -> None:
    """Offer reports.

    The core lists them in ``posyandu report`` and builds one with
    ``posyandu report ID`` (and each of its ``aliases``) or
    ``posyandu_core.api.report(ID, register)``; its options become typed
    command-line options, its table goes through the one output layer
    (text, CSV, JSON, xlsx) and prints with ``posyandu export laporan-pdf
    --report ID``.

    Parameters
    ----------
    register : Registrar[Report]
        Call ``register(report)`` once per report.
    """


@hookspec
def register_rules(register: Registrar[Rule]) -> None:
    """Offer validation rules.

    The core runs every ``"row"`` rule on each row and every ``"register"``
    rule once in ``validate_register`` (``posyandu validate``, ``demo``);
    other targets are run by the plugin that defines them.

    Parameters
    ----------
    register : Registrar[Rule]
        Call ``register(rule)`` once per rule; ``rule.target`` says what
        it checks (``"row"``, ``"register"`` or a plugin-defined target).
    """


@hookspec
def register_references(register: Registrar[GrowthReference]) -> None:
    """Offer growth references.

    ``posyandu zscores --reference ID`` computes with the reference's
    ``zscores`` callable.

    Parameters
    ----------
    register : Registrar[GrowthReference]
        Call ``register(reference)`` once per reference.
    """


@hookspec
def register_devices(register: Registrar[DeviceDriver]) -> None:
    """Offer device drivers.

    ``posyandu device read --driver ID`` reads one measurement with the
    driver and prints it.

    Parameters
    ----------
    register : Registrar[DeviceDriver]
        Call ``register(driver)`` once per device model.
    """


@hookspec
def register_exporters(register: Registrar[Exporter]) -> None:
    """Offer export formats.

    ``posyandu export --format ID`` (and ``posyandu_core.api.export``)
    writes a register or a report with the exporter.

    Parameters
    ----------
    register : Registrar[Exporter]
        Call ``register(exporter)`` once per format.
    """


@hookspec
def register_columns(register: Registrar[RegisterColumn]) -> None:
    """Offer register columns (typed, with aliases).

    ``posyandu_core.api.column_value(row, name)`` reads a plugin column from
    a row by its name or any alias and converts it to its type.

    Parameters
    ----------
    register : Registrar[RegisterColumn]
        Call ``register(column)`` once per column.
    """


@hookspec
def register_readers(register: Registrar[Reader]) -> None:
    """Offer register readers for other sources than the core's own.

    ``read_register(source)`` (and so ``api.open_register`` and every
    ``posyandu`` command) tries plugin readers before the built-in ones: the
    first whose ``suffixes`` match a file, or whose ``accepts(obj)`` is true
    for an in-memory source. A reader returning a ``CellTable`` gets the
    core's header matching, typing, identities and validation gate, exactly
    as a CSV file does. The built-in readers are ``Reader`` objects too
    (``posyandu_core.register.BUILTIN_READERS``).

    Parameters
    ----------
    register : Registrar[Reader]
        Call ``register(reader)`` once per reader.
    """


@hookspec
def register_commands(register: Registrar[Command]) -> None:
    """Offer ``posyandu`` subcommands.

    The core adds each to the command line (under its ``parent`` if any);
    a command whose ``configure`` fails is left out with a warning.

    Parameters
    ----------
    register : Registrar[Command]
        Call ``register(command)`` once per subcommand.
    """


@hookspec
def register_demo_sections(register: Registrar[DemoSection]) -> None:
    """Offer sections for ``posyandu demo``.

    The core renders them in ``order`` on the sample register.

    Parameters
    ----------
    register : Registrar[DemoSection]
        Call ``register(section)`` once per section.
    """
