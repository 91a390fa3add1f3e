"""Validate a register once, and the gate: values in error leave every computation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core.model import Issue, Severity
from posyandu_core.rules._config import RuleConfig
from posyandu_core.rules._rule import REGISTER, ROW, active_rules, run_rules
from posyandu_core.rules._today import TODAY

if TYPE_CHECKING:
    from posyandu_core.register import Register
    from posyandu_core.registry import Registry

#: Issues that leave a whole row out (its cells cannot be trusted or placed).
_ROW_CODES = frozenset({"parse.row_length", "identity.missing"})


def _registry(registry: Registry | None) -> Registry:
    if registry is None:
        from posyandu_core.registry import get_registry

        return get_registry()
    return registry


def _once(issues: Iterable[Issue]) -> list[Issue]:
    """Overlapping rules report once: per (row, field, code), the first rule's issues.

    One rule may report a cell several times (three doses written in one
    cell, each counted under another number): those are kept, each once;
    another rule reporting the same (row, field, code) is the overlap left
    out.
    """
    kept: dict[tuple[Any, ...], Issue] = {}  # (row, field, code) -> its first issue
    repeats: dict[tuple[Any, ...], set[tuple[str, str]]] = {}
    out = []
    for issue in issues:
        key = (issue.row, issue.field, issue.code)
        first = kept.get(key)
        if first is None:
            kept[key] = issue
            out.append(issue)
            continue
        if first.rule != issue.rule:
            continue
        # Rare: the same cell and code again from the same rule; kept unless
        # it says exactly what an issue kept already says.
        said = repeats.get(key)
        if said is None:
            said = repeats[key] = {(first.message_en, repr(first.value))}
        same = (issue.message_en, repr(issue.value))
        if same not in said:
            said.add(same)
            out.append(issue)
    return out


def validate_register(
    register: Register,
    *,
    registry: Registry | None = None,
    today: dt.date | None = None,
    config: RuleConfig | None = None,
) -> list[Issue]:
    """Return every issue in ``register``: reading problems, then rule findings.

    A register that went through :func:`gate` (``read_register`` does it)
    already holds its issues: called without options, they are returned and
    the rules do not run again. Otherwise every active rule runs once (row rules of plugins on
    each row, register rules on the whole register); rules replaced by
    another (``Rule.replaces``) or disabled in ``config`` do not run; the
    same finding from two rules is reported once. Issues come sorted by row,
    then field. Nothing in the register is changed.
    """
    if register.quality is not None and (registry, config, today) == (None, None, None):
        return list(register.issues)
    config = config or RuleConfig()
    rules = active_rules(_registry(registry).rules.values(), config.disable)
    token = TODAY.set(today)
    try:
        issues = list(register.issues)
        if any(rule.target == ROW for rule in rules):
            for row in register.rows:
                issues.extend(run_rules(rules, ROW, row))
        issues.extend(run_rules(rules, REGISTER, register))
    finally:
        TODAY.reset(token)
    issues = register.locate(config.apply(_once(issues)))
    return sorted(issues, key=lambda i: (i.row or 0, i.field or "", i.code))


def gate(
    register: Register,
    *,
    registry: Registry | None = None,
    today: dt.date | None = None,
    config: RuleConfig | None = None,
) -> Register:
    """Validate ``register`` once and leave out what is in error.

    Every value with an error-severity issue becomes empty (NaN, NaT or
    None; its raw text is kept) so no service, report or export counts it;
    rows without an identity, or whose cells do not fit the header, are
    left out whole. The result carries every issue and a
    :class:`~posyandu_core.register.DataQuality` summary in ``quality``.
    """
    from posyandu_core.register._columns import BY_NAME
    from posyandu_core.register._quality import DataQuality
    from posyandu_core.register._store import empty_column, is_none

    issues = validate_register(register, registry=registry, today=today, config=config)
    errors = [i for i in issues if i.severity is Severity.ERROR]
    values = dict(register.values)
    error_rows = sorted({i.row for i in errors if i.row is not None})
    found = register.positions(error_rows)
    positions = dict(
        zip(register.row_numbers[found].tolist(), found.tolist(), strict=True)
    )
    dropped = is_none(register.person_ids)
    masked: list[Issue] = []
    copied: set[str] = set()
    emptied: dict[int, dict[str, Any]] = {}  # position -> fields made empty
    for issue in errors:
        if issue.code == "identity.missing":
            continue  # listed row by row below
        if issue.code in _ROW_CODES or (issue.field is None and issue.row is not None):
            if issue.row in positions:
                dropped[positions[issue.row]] = True
            masked.append(issue)
        elif issue.field in values and issue.row in positions:
            if issue.field not in copied:  # the read register stays as read
                values[issue.field] = values[issue.field].copy()
                copied.add(issue.field)
            empty = empty_column(BY_NAME[issue.field].type, 1)[0]
            values[issue.field][positions[issue.row]] = empty
            emptied.setdefault(positions[issue.row], {})[issue.field] = (
                None if empty != empty else empty  # NaN/NaT: the row holds None
            )
            masked.append(issue)
        elif issue.row is None and issue.field is not None:
            masked.append(issue)  # a whole column not used (an unknown header)
    masked += register.locate(_missing_identity(register))
    keep = np.flatnonzero(~dropped)
    quality = DataQuality.from_issues(
        register.source, len(register), len(keep), issues, masked
    )
    gated = register.evolve(values=values, issues=issues, quality=quality)
    gated = gated if len(keep) == len(register) else gated.take(keep)
    _reuse_rows(register, gated, emptied, keep)
    return gated


def _reuse_rows(
    read: Register,
    gated: Register,
    emptied: dict[int, dict[str, Any]],
    keep: NDArray[np.intp],
) -> None:
    """Give the gated register the rows a row rule already built (edited, not rebuilt)."""
    built = read.built_rows()
    if built is None:
        return
    rows = list(built)
    for position, fields in emptied.items():
        rows[position] = attrs.evolve(rows[position], **fields)
    gated.set_rows(tuple(rows[i] for i in keep.tolist()))


def _missing_identity(register: Register) -> list[Issue]:
    from posyandu_core.register._store import is_none

    rows: list[int] = register.row_numbers[is_none(register.person_ids)].tolist()
    return [
        Issue(
            severity=Severity.ERROR,
            code="identity.missing",
            row=row,
            field=None,
            message_id="baris tanpa identitas",
            message_en="row without an identity",
            rule="register.identity",
        )
        for row in rows
    ]
