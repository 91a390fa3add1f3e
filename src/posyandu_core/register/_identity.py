"""Whose row is it: one identity rule for every reader (DOMAIN.md §14.2).

A row belongs to its ``person_id``; without one, to its NIK (16 digits);
without either, to its name + birth date + mother's (parent's) name, with a
warning because such a key breaks when a name is spelt two ways. A row with
none of these gets no person: an error naming the rows, never a new person
per row. Near-duplicates are reported: one name and birth date under two
ids, and NIKs mangled by a spreadsheet into scientific notation.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np
from numpy.typing import NDArray

from posyandu_core.model import Issue, Severity, is_valid_nik
from posyandu_core.register._store import factorise, is_none

RULE = "register.identity"
# "6,47401E+15", "6.474011203E+15": what Excel shows for a NIK typed as a number.
SCIENTIFIC = re.compile(r"^\s*\d([.,]\d+)?[eE]\+?\d+\s*$")
_MAX_LISTED = 20


def _rows_text(rows: list[int]) -> str:
    shown = ", ".join(map(str, rows[:_MAX_LISTED]))
    return shown + (
        f" … (+{len(rows) - _MAX_LISTED})" if len(rows) > _MAX_LISTED else ""
    )


def _key(text: Any) -> str:
    return " ".join(str(text).casefold().split()) if text else ""


def resolve_identity(
    row_numbers: NDArray[np.int64],
    person_id: NDArray[Any] | None,
    nik: NDArray[Any] | None,
    name: NDArray[Any] | None,
    birth_date: NDArray[np.datetime64] | None,
    parent_name: NDArray[Any] | None,
    *,
    header_row: int = 1,
) -> tuple[NDArray[Any], NDArray[np.int32], list[Issue]]:
    """Return each row's person id (``None``: no identity), code and the issues found.

    The codes are dense, in order of first appearance (what
    ``Register.person_codes`` gives). Parameters are the typed columns
    (``None`` when the register lacks one); messages name rows as the
    spreadsheet shows them (``row + header_row``).
    """
    n = len(row_numbers)
    ids = np.empty(n, dtype=object) if person_id is None else person_id.copy()
    from_key: defaultdict[str, list[int]] = defaultdict(list)
    missing: list[int] = []
    # Only rows without a person_id need a closer look.
    todo = np.flatnonzero(is_none(ids))
    names = _values(name, todo)
    births = _values(birth_date, todo)
    parents = _values(parent_name, todo)
    niks = _values(nik, todo)
    numbers = row_numbers[todo].tolist()
    for j, i in enumerate(todo.tolist()):
        nik_value, parent = niks[j], parents[j]
        if nik_value and is_valid_nik(str(nik_value)):
            ids[i] = nik_value
        elif names[j] and births[j] is not None and parent:
            key = f"{_key(names[j])}|{births[j]}|{_key(parent)}"
            ids[i] = key
            from_key[key].append(numbers[j])
        else:
            missing.append(numbers[j])
    issues = list(_missing(missing, header_row))
    issues += [_derived(rows, key, header_row) for key, rows in from_key.items()]
    codes, people = factorise(ids, n)
    issues += list(
        _near_duplicates(codes, people, name, birth_date, row_numbers, header_row)
    )
    return ids, codes, issues


def _values(column: NDArray[Any] | None, at: NDArray[np.intp]) -> list[Any]:
    """Return ``column``'s Python values at ``at`` (all None without the column)."""
    return [None] * len(at) if column is None else column[at].tolist()


def _missing(rows: list[int], header_row: int) -> Iterator[Issue]:
    if not rows:
        return
    shown = _rows_text([r + header_row for r in rows])
    yield Issue(
        severity=Severity.ERROR,
        code="identity.missing",
        row=rows[0],
        field="person_id",
        value=f"{len(rows)} rows: {shown}",
        message_id=f"{len(rows)} baris tanpa identitas (baris {shown}): isi "
        "person_id, NIK 16 digit, atau nama + tanggal lahir + nama ibu; baris ini "
        "tidak dihitung",
        message_en=f"{len(rows)} rows have no identity (rows {shown}): fill in "
        "person_id, a 16-digit NIK, or name + birth date + mother's name; these rows "
        "are left out",
        rule=RULE,
    )


def _derived(rows: list[int], key: str, header_row: int) -> Issue:
    # The name is the issue's value (masked on screen), never in the message.
    name = key.split("|", 1)[0]
    shown = _rows_text([r + header_row for r in rows])
    return Issue(
        severity=Severity.WARNING,
        code="identity.from_name",
        row=rows[0],
        field="name",
        value=name,
        message_id=f"tanpa person_id/NIK: baris {shown} digabung berdasarkan nama + "
        "tanggal lahir + nama ibu; beri person_id",
        message_en=f"no person_id or NIK: rows {shown} are joined by name + birth "
        "date + mother's name; give them a person_id",
        rule=RULE,
    )


def _near_duplicates(
    codes: NDArray[np.int32],
    people_list: list[Any],
    name: NDArray[Any] | None,
    birth_date: NDArray[np.datetime64] | None,
    row_numbers: NDArray[np.int64],
    header_row: int,
) -> Iterator[Issue]:
    if name is None or birth_date is None:
        return
    # Each person once, at their first row (codes are in order of appearance).
    _, first = np.unique(codes, return_index=True)
    ids = np.array([*people_list, None], dtype=object)[:-1]
    names, births = name[first], birth_date[first].astype("datetime64[D]")
    known = np.flatnonzero(~is_none(ids) & ~is_none(names) & ~np.isnat(births))
    # The spelling key of each distinct name once, then one integer per
    # (key, birth date): only the persons who share one are looked at.
    spellings, distinct = factorise(names[known].tolist(), len(known))
    key_codes, keys = factorise([_key(t) for t in distinct], len(distinct))
    key_of = key_codes[spellings]
    days = births[known].astype(np.int64)
    days -= days.min(initial=0)
    group = key_of.astype(np.int64) * (int(days.max(initial=0)) + 1) + days
    _, inverse, counts = np.unique(group, return_inverse=True, return_counts=True)
    shared = counts[inverse.reshape(-1)] > 1
    seen: dict[int, tuple[str, dict[str, int]]] = {}  # group -> key, id -> row
    for person, g, k, number in zip(
        ids[known[shared]].tolist(),
        group[shared].tolist(),
        key_of[shared].tolist(),
        row_numbers[first[known[shared]]].tolist(),
        strict=True,
    ):
        seen.setdefault(g, (keys[k], {}))[1].setdefault(person, number)
    for spelt, people in seen.values():
        # An id made of names (no person_id, no NIK) is not spelt out; a NIK
        # id is masked on screen like every long digit run.
        listed = ", ".join(
            f"{'?' if '|' in p else p} (baris/row {r + header_row})"
            for p, r in sorted(people.items(), key=lambda item: item[1])
        )
        first_row = min(people.values())
        yield Issue(
            severity=Severity.WARNING,
            code="identity.near_duplicate",
            row=first_row,
            field="name",
            value=spelt,
            message_id=f"nama dan tanggal lahir sama pada {len(people)} id: {listed}; "
            "periksa apakah orang yang sama",
            message_en=f"the same name and birth date appear under {len(people)} ids: "
            f"{listed}; check whether they are one person",
            rule=RULE,
        )


def scientific_nik_issue(
    row: int, field: str, value: str, header: str | None = None
) -> Issue:
    """Return the error for a NIK that a spreadsheet turned into ``6,47401E+15``."""
    return Issue(
        severity=Severity.ERROR,
        code=f"nik.scientific.{field}",
        row=row,
        field=field,
        value=value,
        message_id=f"{header or field} rusak oleh Excel (notasi ilmiah, digit terakhir "
        "hilang): format kolom NIK sebagai Teks lalu ketik ulang NIK dari KK/KTP",
        message_en=f"{header or field} was mangled by a spreadsheet (scientific notation; "
        "its last digits are lost): format the NIK column as Text and re-enter the "
        "NIK from the KK/KTP",
        rule=RULE,
    )
