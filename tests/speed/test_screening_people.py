"""The life-cycle services choose their persons from the columns, as row by row.

``screening/_people.py`` picks, from the register's columns, the persons a
service looks at and builds rows only for them; the services must find
exactly what they found walking ``register.by_person()`` for everyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from unittest import mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from posyandu_core.plugins.kesehatan.screening import services
from posyandu_core.register import Register, RegisterRow
from posyandu_core.register.sample import load_sample_register

SAMPLE = load_sample_register()
SERVICES = (
    services.pregnancy_findings,
    services.postnatal_findings,
    services.school_findings,
    services.adult_findings,
    services.elderly_findings,
)


def _every_person(
    register: Register, as_of: dt.date, who: object
) -> Iterator[tuple[str, list[RegisterRow]]]:
    # The services' former reading: every person, row objects for all.
    for person, rows in register.by_person().items():
        seen = [r for r in rows if r.visit_date is not None and r.visit_date <= as_of]
        if seen and seen[-1].birth_date is not None and seen[-1].sex is not None:
            yield person, seen


@settings(max_examples=25, deadline=None)
@given(
    st.integers(0, 420),
    st.lists(st.booleans(), min_size=len(SAMPLE), max_size=len(SAMPLE)),
)
def test_services_find_what_every_person_gave(days: int, keep: list[bool]) -> None:
    register = SAMPLE.take(np.flatnonzero(keep))
    as_of = dt.date(2025, 12, 1) + dt.timedelta(days=days)
    found = [service(register, as_of) for service in SERVICES]
    with mock.patch.object(services, "_people", _every_person):
        expected = [service(register, as_of) for service in SERVICES]
    assert found == expected
