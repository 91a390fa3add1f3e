"""Near-duplicate identities found on arrays, as the rule reads row by row.

``register/_identity.py`` groups persons by (spelling key, birth date) with
numpy; the rule (DOMAIN.md §14.2) is written here plainly, person by person
at their first row, and both must report the same persons, rows and names.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from posyandu_core.register._identity import _key, resolve_identity

NAMES = st.sampled_from([None, "Ani", "ani ", "ANI", "Budi", "Ani  Lestari", "Citra"])
BIRTHS = st.sampled_from([None, dt.date(2024, 1, 5), dt.date(2024, 1, 6)])
IDS = st.sampled_from([None, "A1", "A2", "B7", "C3", "D4"])


def _plain(
    ids: list[str | None], names: list[str | None], births: list[dt.date | None]
) -> list[tuple[str, dict[str, int]]]:
    first: dict[str, tuple[str | None, dt.date | None, int]] = {}
    for row, (person, name, birth) in enumerate(
        zip(ids, names, births, strict=True), 1
    ):
        if person is not None:
            first.setdefault(person, (name, birth, row))
    seen: dict[tuple[str, dt.date], dict[str, int]] = defaultdict(dict)
    for person, (name, birth, row) in first.items():
        if name and birth is not None:
            seen[(_key(name), birth)].setdefault(person, row)
    return [(key, people) for (key, _), people in seen.items() if len(people) > 1]


@settings(max_examples=200)
@given(st.lists(st.tuples(IDS, NAMES, BIRTHS), max_size=30))
def test_near_duplicates_as_the_rule_reads(
    rows: list[tuple[str | None, str | None, dt.date | None]],
) -> None:
    ids = [r[0] for r in rows]
    names = [r[1] for r in rows]
    births = [r[2] for r in rows]
    n = len(rows)
    column = np.empty(n, dtype=object)
    column[:] = ids
    name = np.empty(n, dtype=object)
    name[:] = [t.strip() or None if t else None for t in names]
    birth = np.array(
        [np.datetime64("NaT") if b is None else b for b in births],
        dtype="datetime64[D]",
    )
    _, _, issues = resolve_identity(
        np.arange(1, n + 1, dtype=np.int64),
        column,
        None,
        name,
        birth,
        None,
    )
    found = [
        (i.value, i.row, i.message_en)
        for i in issues
        if i.code == "identity.near_duplicate"
    ]
    expected = _plain(ids, [t.strip() if t else t for t in names], births)
    assert [(v, r) for v, r, _ in found] == [
        (key, min(people.values())) for key, people in expected
    ]
    for (_, _, message), (_, people) in zip(found, expected, strict=True):
        for person, row in people.items():
            assert f"{person} (baris/row {row + 1})" in message
