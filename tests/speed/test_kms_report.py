"""The KMS report laid out from columns equals the one built status by status.

``api.report("kms", …)`` builds its rows from :func:`monitor_columns` and
gives its statuses as a :class:`MonthlyStatuses` built when read; both must
equal what the row-by-row rules (``tests/speed/_reference.py``) give.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.speed import _reference as ref
from tests.speed.test_columnar_services import registers

from posyandu_core import api
from posyandu_core.hookspecs import Table
from posyandu_core.plugins.kesehatan._lazy import LazySequence
from posyandu_core.plugins.kesehatan.growth_monitoring import (
    GrowthMonitoringConfig,
    monitor_columns,
    monitor_register,
)
from posyandu_core.plugins.kesehatan.reports import issue_notes
from posyandu_core.register import Register


def _values(table: Table) -> list[tuple[object, ...]]:
    keys = [c.key for c in table.columns]
    return [tuple(row[k] for k in keys) for row in table.rows]


@given(
    registers(),
    st.sampled_from([None, "spreadsheet_600"]),
    st.sampled_from([None, "Mawar", "Melati"]),
)
def test_kms_report_equals_the_status_by_status_rows(
    register: Register, kbm: str | None, posyandu: str | None
) -> None:
    places = {r.posyandu for r in register.rows}
    chosen = posyandu if posyandu in places else None
    table = api.report("kms", register, kbm=kbm, posyandu=chosen)
    config = GrowthMonitoringConfig.from_data(kbm_variant=kbm)
    expected, issues = ref.monitor_register(register, config, None)
    assert _values(table) == ref.kms_rows(expected, chosen)
    assert table.data == expected
    assert len(api.report("kms", register, kbm=kbm).notes) == 1 + len(issues)
    # One Posyandu's report notes the issues of the children it shows.
    shown = {row["person_id"] for row in table.to_rows()}
    ids = register.person_ids.tolist()
    whose = dict(zip(register.row_numbers.tolist(), ids, strict=True))
    if chosen is not None:
        issues = [i for i in issues if i.row is None or whose[i.row] in shown]
    assert table.notes[1:] == issue_notes(register.locate(issues))


@given(registers(), st.data())
def test_statuses_read_one_by_one_equal_the_list(
    register: Register, data: st.DataObject
) -> None:
    """Any read order builds each status once, equal to ``monitor_register``'s."""
    statuses, _ = monitor_register(register)
    lazy = api.report("kms", register).data
    order = data.draw(st.permutations(range(len(statuses))))
    read = {i: lazy[i] for i in order}
    assert [read[i] for i in range(len(statuses))] == statuses
    assert all(lazy[i] is read[i] for i in order)  # built once
    if statuses:
        assert lazy[-1] == statuses[-1]
        assert lazy[1:] == statuses[1:]
    assert list(lazy) == statuses
    assert lazy == tuple(statuses)


def test_reading_it_all_builds_in_one_pass() -> None:
    from posyandu_core.register.sample import load_sample_register

    register = load_sample_register()
    columns, _ = monitor_columns(register)
    lazy = api.report("kms", register).data
    first = lazy[3]
    assert list(lazy) == columns.statuses()
    assert lazy[3] is first  # read before: kept, not rebuilt


class _Squares(LazySequence[int]):
    built: list[int]

    def _build(self, i: int) -> int:
        self.built.append(i)
        return i * i


def test_lazy_sequence_behaves_as_a_read_only_list() -> None:
    squares = _Squares(5)
    squares.built = []
    assert squares[-2] == 9
    assert squares[3] == 9
    assert squares.built == [3]  # built once
    with pytest.raises(IndexError):
        squares[5]
    with pytest.raises(IndexError):
        squares[-6]
    assert squares[::2] == [0, 4, 16]
    assert squares == [0, 1, 4, 9, 16]
    assert squares == (0, 1, 4, 9, 16)
    assert squares != [0, 1, 4, 9]
    assert squares != [0, 1, 4, 9, 15]
    assert squares.__eq__("01234") is NotImplemented
    assert repr(squares) == "[0, 1, 4, 9, 16]"
    assert 16 in squares
    assert squares.index(4) == 2
    with pytest.raises(TypeError):
        hash(squares)


def test_the_status_list_is_sequence_only() -> None:
    lazy = api.report("kms", Register(rows=())).data
    assert len(lazy) == 0
    assert list(lazy) == []
    assert lazy == []
    assert not hasattr(lazy, "append")
