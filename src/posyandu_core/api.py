"""The application facade: one call each for findings, reports, exports and registers.

These are the calls ``posyandu demo``, ``posyandu report``, ``posyandu
export`` and ``posyandu findings`` make, and the ones an app should make:
they run every installed plugin's contribution, name and skip a third-party
plugin that fails, and never need to know which plugin provides what.

>>> import datetime as dt
>>> from posyandu_core import api
>>> from posyandu_core.register.sample import load_sample_register
>>> register = load_sample_register()
>>> found = api.findings(register, as_of=dt.date(2026, 11, 30))
>>> sorted({f.code.split(".")[0] for f in found})
['adult', 'elderly', 'imunisasi', 'maternal', 'pertumbuhan', 'school']
>>> skdn = api.report("skdn", register, month="2026-11")
>>> skdn.rows[-1].get("D")
34
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, NoReturn

from posyandu_core._files import atomic_path
from posyandu_core.errors import (
    PluginFailedError,
    PluginFaultWarning,
    PosyanduError,
    UsageError,
    texts_of,
)
from posyandu_core.hookspecs import Option, RegisterColumn, Report, Table
from posyandu_core.model import Finding
from posyandu_core.register import Register, RegisterRow, read_register
from posyandu_core.registry import Registry, get_registry

__all__ = [
    "column_value",
    "export",
    "findings",
    "no_register",
    "open_register",
    "report",
    "report_options",
    "report_source",
]


def _registry(registry: Registry | None) -> Registry:
    return get_registry() if registry is None else registry


def findings(
    register: Register,
    *,
    as_of: dt.date,
    person: str | None = None,
    visit: dt.date | None = None,
    registry: Registry | None = None,
) -> list[Finding]:
    """Return the findings of every installed service for a register.

    Parameters
    ----------
    register : Register
        The register to look at.
    as_of : datetime.date
        Services look at visits up to this date.
    person : str or None
        Only findings about this person id.
    visit : datetime.date or None
        Only findings drawn from an observation on this date.
    registry : Registry or None
        The plugins to ask (default: the installed ones).

    Returns
    -------
    list of Finding
        In service order, then as each service returned them. A third-party
        service that fails is named in a ``PluginFaultWarning`` and skipped.
    """
    found: list[Finding] = []
    for service in _registry(registry).services.values():
        if service.findings is None:
            continue
        try:
            results = list(service.findings(register, as_of))
        except PluginFailedError as exc:
            warnings.warn(PluginFaultWarning.of_error(exc), stacklevel=2)
            continue
        found.extend(
            f
            for f in results
            if (person is None or f.person_id == person)
            and (visit is None or f.date == visit)
        )
    return found


_KIND_ID: Final = {"report": "laporan", "exporter": "pengekspor", "column": "kolom"}
_SOURCE_ID: Final = {"report": "tabel laporan", "register": "register"}


def _lookup(kind: str, key: str, items: Mapping[str, Any]) -> Any:
    if key not in items:
        known = ", ".join(sorted(items)) or "-"
        msg = f"{kind} {key!r} is not installed; installed: {known}"
        raise UsageError(
            msg,
            message_id=f"{_KIND_ID[kind]} {key!r} tidak terpasang; yang terpasang: "
            f"{known}",
            value=key,
            field=kind,
        )
    return items[key]


def _date(text: str) -> dt.date:
    """Read a date option as the command line does: YYYY-MM-DD or DD/MM/YYYY."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()


def report_options(report: Report, given: Mapping[str, Any]) -> dict[str, Any]:
    """Return a report's options: given ones converted, defaults for the rest.

    Text values are converted with each option's ``type``; an unknown, a
    missing required or an unconvertible option raises ``UsageError``.
    """
    by_name = {o.name: o for o in report.options}
    unknown = set(given) - set(by_name)
    if unknown:
        name = sorted(unknown)[0]
        msg = f"report {report.id!r} has no option {name!r}"
        raise UsageError(
            msg,
            message_id=f"laporan {report.id!r} tidak punya opsi {name!r}",
            fix=f"options: {', '.join(by_name) or 'none'}",
            fix_id=f"opsinya: {', '.join(by_name) or 'tidak ada'}",
        )
    return {o.name: _option_value(report.id, o, given) for o in report.options}


def _option_value(owner: str, option: Option, given: Mapping[str, Any]) -> Any:
    if option.name not in given or given[option.name] is None:
        if option.required:
            msg = f"{owner}: option {option.name!r} is required"
            raise UsageError(
                msg,
                message_id=f"{owner}: opsi {option.name!r} wajib diisi",
                field=option.name,
                # An option's help is the plugin's own text, in one language.
                fix=option.help or None,
                fix_id=option.help or None,
            )
        return option.default
    value = given[option.name]
    if option.multiple:
        values = (value,) if isinstance(value, str) else tuple(value)
        return tuple(_converted(owner, option, v) for v in values)
    return _converted(owner, option, value)


def _converted(owner: str, option: Option, value: Any) -> Any:
    if isinstance(value, str) and option.type is not str:
        try:
            value = _date(value) if option.type is dt.date else option.type(value)
        except (ValueError, PosyanduError) as exc:
            why_id, why = texts_of(exc)
            msg = f"{owner}: option {option.name!r}: {why}"
            raise UsageError(
                msg,
                message_id=f"{owner}: opsi {option.name!r}: {why_id}",
                field=option.name,
                value=value,
            ) from exc
    if option.choices and value not in option.choices:
        choices = ", ".join(option.choices)
        msg = f"{owner}: option {option.name!r} must be one of {choices}"
        raise UsageError(
            msg,
            message_id=f"{owner}: opsi {option.name!r} harus salah satu dari {choices}",
            field=option.name,
            value=value,
        )
    return value


def no_register() -> Register:
    """Return the empty register a report built from its own file receives."""
    return Register(rows=(), source="(tanpa register / no register)")


def report_source(report_id: str, *, registry: Registry | None = None) -> str:
    """Return what a report is built from: ``"register"`` or its input option's name."""
    found: Report = _lookup("report", report_id, _registry(registry).reports)
    return found.source


def report(
    report_id: str,
    register: Register | None = None,
    /,  # a report's own option may be called "register" (a file it reads)
    *,
    registry: Registry | None = None,
    **options: Any,
) -> Table:
    """Build the report ``report_id`` (any installed plugin's).

    A report whose ``source`` is ``"register"`` needs ``register``; one built
    from a file of its own (kader, cases, equipment …) takes that file as
    the option its ``source`` names, e.g.
    ``report("kader-strata", kader_file="kader.csv")``.

    Raises
    ------
    UsageError
        If no such report is installed, an option is wrong, or a register
        report is given no register.
    PluginFailedError
        If a third-party report fails (the message names the plugin).
    """
    found: Report = _lookup("report", report_id, _registry(registry).reports)
    if register is None:
        if found.source == "register":
            msg = f"report {report_id!r} needs a register"
            raise UsageError(
                msg,
                message_id=f"laporan {report_id!r} perlu register",
                field="register",
                fix="api.report(ID, register, ...)",
                fix_id="api.report(ID, register, ...)",
            )
        register = no_register()
    table: object = found.build(register, report_options(found, options))
    if not isinstance(table, Table):
        kind = type(table).__name__
        _built_wrong(
            report_id, f"a {kind}, not a Table", f"{kind}, bukan Table", registry
        )
    if not isinstance(table.register, Register | None):
        kind = type(table.register).__name__
        _built_wrong(
            report_id,
            f"a Table whose register is a {kind}",
            f"Table yang register-nya {kind}",
            registry,
        )
    return table


def _built_wrong(
    report_id: str, what: str, what_id: str, registry: Registry | None
) -> NoReturn:
    """Raise the fault of the plugin whose report built ``what`` (named, isolated)."""
    plugin = _registry(registry).origin("reports", report_id).describe()
    msg = f"{plugin}: report {report_id!r} built {what}"
    raise PluginFailedError(
        msg, message_id=f"{plugin}: laporan {report_id!r} menghasilkan {what_id}"
    )


def export(
    format_id: str,
    source: Register | Table,
    destination: str | os.PathLike[str],
    *,
    registry: Registry | None = None,
    **options: Any,
) -> Path:
    """Write a register or a report table with the exporter ``format_id``.

    The exporter writes to a temporary file next to ``destination`` which is
    then renamed over it, so a failed or concurrent export never leaves a
    half-written file. Returns the destination path.
    """
    exporter = _lookup("exporter", format_id, _registry(registry).exporters)
    kind = "report" if isinstance(source, Table) else "register"
    if kind not in exporter.accepts:
        accepts = sorted(exporter.accepts)
        msg = f"exporter {format_id!r} writes a {' or '.join(accepts)}, not a {kind}"
        raise UsageError(
            msg,
            message_id=f"pengekspor {format_id!r} menulis "
            f"{' atau '.join(_SOURCE_ID[a] for a in accepts)}, bukan {_SOURCE_ID[kind]}",
        )
    by_name = {o.name: o for o in exporter.options}
    values = {o.name: _option_value(format_id, o, options) for o in exporter.options}
    unknown = set(options) - set(by_name)
    if unknown:
        option = sorted(unknown)[0]
        msg = f"exporter {format_id!r} has no option {option!r}"
        raise UsageError(
            msg, message_id=f"pengekspor {format_id!r} tidak punya opsi {option!r}"
        )
    path = Path(destination)
    try:
        with atomic_path(path) as temporary:
            exporter.write(source, temporary, **values)
    except PosyanduError as exc:
        # An exporter refusing one of its own options (a pseudonymisation
        # export without its key …) is a usage error, as argparse's are.
        name = exc.field
        if (
            name in by_name
            and exc.row is None
            and name is not None
            and not isinstance(exc, UsageError)
        ):
            flag = "--" + name.replace("_", "-")
            why_id, why = texts_of(exc)
            msg = f"{format_id} {flag}: {why}"
            raise UsageError(
                msg,
                message_id=f"{format_id} {flag}: {why_id}",
                field=name,
                fix=exc.fix,
                fix_id=exc.fix_id,
            ) from exc
        raise
    return path


def open_register(
    source: str | os.PathLike[str], *, registry: Registry | None = None
) -> Register:
    """Read a register through the validation gate, with every installed reader.

    A plugin reader (``register_readers``) is tried first when its suffix
    matches; the core reads CSV, xlsx, Parquet, DataFrames and model objects.
    """
    return read_register(source, registry=_registry(registry))


_TRUE = frozenset({"y", "ya", "yes", "1", "true", "benar"})
_FALSE = frozenset({"n", "t", "tidak", "no", "0", "false", "salah"})


def _alias(text: str) -> str:
    return " ".join(text.replace("_", " ").lower().split())


def column_value(
    row: RegisterRow, name: str, *, registry: Registry | None = None
) -> Any:
    """Return a plugin column's value in ``row``, found by name or alias and typed.

    ``None`` when the row has no such cell or it is empty. A cell that
    cannot be read as the column's type raises ``PosyanduError`` naming the
    row, the column and the value.
    """
    column: RegisterColumn = _lookup("column", name, _registry(registry).columns)
    wanted = {_alias(a) for a in (column.name, *column.aliases)}
    text = next(
        (v for k, v in row.raw.items() if _alias(k) in wanted and v.strip()), None
    )
    if text is None:
        return None
    return _typed(text.strip(), column, row.row)


def _typed(text: str, column: RegisterColumn, row: int) -> Any:
    try:
        if column.type == "number":
            return float(text.replace(",", "."))
        if column.type == "date":
            return dt.date.fromisoformat(text)
        if column.type == "bool":
            if text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
            raise ValueError(text)  # noqa: TRY301 - one message for every type
        if column.type == "list":
            return tuple(p.strip() for p in text.split(";") if p.strip())
    except ValueError:
        msg = f"cell is not a {column.type}"
        raise PosyanduError(
            msg,
            message_id=f"sel tidak terbaca sebagai {column.type}",
            row=row,
            field=column.name,
            value=text,
        ) from None
    return text
