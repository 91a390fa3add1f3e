"""Equipment inventory per Posyandu, calibration events and the calibration schedule.

The interval per kind of equipment is data (``data/rules/alat.toml``). The
result converts to :class:`~posyandu_core.model.Equipment` objects whose due
dates feed the register's per-measurement calibration warnings.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

import attrs

from posyandu_core._data import load_rule_table
from posyandu_core.hookspecs import Table
from posyandu_core.model import (
    CalibrationEvent,
    Equipment,
    EquipmentKind,
    add_months,
)
from posyandu_core.plugins._files import Field, Schema, columns, read_table
from posyandu_core.plugins.wilayah.hierarchy import (
    LEVEL_LABELS,
    PosyanduRegistry,
    posyandu_of,
)
from posyandu_core.register import RegisterRow

__all__ = [
    "CALIBRATION_FILE",
    "EQUIPMENT_FILE",
    "CalibrationState",
    "EquipmentState",
    "calibration_report",
    "calibration_warnings",
    "equipment_states",
    "measurements_past_calibration",
    "read_calibrations",
    "read_inventory",
]

EQUIPMENT_FILE = Schema(
    name="alat",
    fields=(
        Field(name="posyandu", required=True, description="registration number or name"),
        Field(name="id_alat", required=True, description="inventory id", aliases=("id", "equipment_id")),
        Field(name="jenis", required=True, description="baby_scale, floor_scale, length_board, stadiometer, muac_tape, head_tape, bp_monitor, glucometer, thermometer", aliases=("kind",)),
        Field(name="merek_model", description="make and model", aliases=("model",)),
        Field(name="nomor_seri", description="serial number", aliases=("serial_number",)),
        Field(name="tanggal_terima", kind="date", description="received on", aliases=("received_on",)),
    ),
)  # fmt: skip

CALIBRATION_FILE = Schema(
    name="kalibrasi",
    fields=(
        Field(name="id_alat", required=True, description="inventory id", aliases=("equipment_id",)),
        Field(name="tanggal", kind="date", required=True, description="calibration date", aliases=("date",)),
        Field(name="oleh", description="who calibrated", aliases=("by",)),
        Field(name="hasil", kind="bool", required=True, description="lulus/gagal", aliases=("passed",)),
        Field(name="catatan", description="note", aliases=("note",)),
    ),
)  # fmt: skip


def read_inventory(
    path: str | os.PathLike[str], registry: PosyanduRegistry | None = None
) -> list[Equipment]:
    """Read an equipment inventory file (CSV or xlsx sheet ``alat``).

    Raises
    ------
    InputFileError
        Unknown kind, repeated id, unreadable date, or a Posyandu missing
        from ``registry``.
    """
    items: dict[str, Equipment] = {}
    for record in read_table(path, EQUIPMENT_FILE):
        key = record.get("id_alat")
        if key in items:
            raise record.error(
                field="id_alat",
                message="duplicate equipment id",
                message_id="id alat ganda",
                fix="give each item one row",
                fix_id="tulis setiap alat dalam satu baris",
            )
        posyandu = posyandu_of(record, registry)
        kinds = ", ".join(k.value for k in EquipmentKind)
        try:
            kind = EquipmentKind(record.get("jenis").strip().lower())
        except ValueError:
            raise record.error(
                field="jenis",
                message="unknown equipment kind",
                message_id="jenis alat tidak dikenal",
                fix=f"use {kinds}",
                fix_id=f"pakai {kinds}",
            ) from None
        items[key] = Equipment(
            id=key,
            kind=kind,
            model=record.get("merek_model"),
            serial_number=record.get("nomor_seri"),
            posyandu=posyandu,
        )
    return list(items.values())


def read_calibrations(
    path: str | os.PathLike[str], inventory: Iterable[Equipment] = ()
) -> list[CalibrationEvent]:
    """Read calibration events (CSV or xlsx sheet ``kalibrasi``).

    With an ``inventory``, every event must name an item of it.
    """
    known = {e.id for e in inventory}
    events = []
    for record in read_table(path, CALIBRATION_FILE):
        if known and record.get("id_alat") not in known:
            raise record.error(
                field="id_alat",
                message="not in the inventory",
                message_id="alat tidak ada di inventaris",
                fix="add the item to the inventory file first",
                fix_id="tambahkan alatnya ke berkas inventaris dulu",
            )
        events.append(
            CalibrationEvent(
                equipment_id=record.get("id_alat"),
                date=record.get("tanggal"),
                by=record.get("oleh") or "",
                passed=record.get("hasil"),
                note=record.get("catatan") or "",
            )
        )
    return events


class CalibrationState(enum.StrEnum):
    """Where an item stands against its calibration schedule on a date."""

    BERLAKU = "berlaku"  # valid
    SEGERA = "segera"  # due within the warning window
    TERLAMBAT = "terlambat"  # overdue
    GAGAL = "gagal"  # failed its last calibration: not fit for use
    BELUM_PERNAH = "belum_pernah"  # never calibrated


_STATE_LABELS = {
    CalibrationState.BERLAKU: "berlaku / valid",
    CalibrationState.SEGERA: "segera jatuh tempo / due soon",
    CalibrationState.TERLAMBAT: "terlambat / overdue",
    CalibrationState.GAGAL: "gagal kalibrasi / failed",
    CalibrationState.BELUM_PERNAH: "belum pernah / never calibrated",
}


@attrs.frozen(kw_only=True)
class EquipmentState:
    """One item's calibration on a date: last calibration, due date, state."""

    equipment: Equipment
    last: CalibrationEvent | None
    due: dt.date | None
    state: CalibrationState
    days_to_due: int | None

    def to_equipment(self) -> Equipment:
        """Return the item with ``calibrated_on``/``calibration_due`` filled in."""
        passed = self.last is not None and self.last.passed
        return attrs.evolve(
            self.equipment,
            calibrated_on=self.last.date if passed and self.last else None,
            calibration_due=self.due,
        )


def interval_months(
    kind: EquipmentKind, table: Mapping[str, object] | None = None
) -> int:
    """Return the calibration interval of ``kind`` in months (``alat.toml``).

    Examples
    --------
    >>> interval_months(EquipmentKind.BABY_SCALE)
    12
    """
    data = load_rule_table("alat") if table is None else table
    return int(data["interval"][kind.value]["months"])  # type: ignore[index]


def equipment_states(
    inventory: Iterable[Equipment],
    events: Iterable[CalibrationEvent],
    on: dt.date,
    *,
    within_days: int | None = None,
) -> list[EquipmentState]:
    """Judge every item on ``on``: the latest calibration up to ``on`` decides.

    An item is *terlambat* the day after its due date, *segera* from
    ``within_days`` (default ``alat.toml``: 30) days before it up to the due
    date itself.
    """
    window = int(
        load_rule_table("alat")["due_soon_days"] if within_days is None else within_days
    )
    by_item: dict[str, list[CalibrationEvent]] = defaultdict(list)
    for event in events:
        if event.date <= on:
            by_item[event.equipment_id].append(event)
    states = []
    for item in inventory:
        history = sorted(by_item.get(item.id, ()), key=lambda e: e.date)
        last = history[-1] if history else None
        due = (
            add_months(last.date, interval_months(item.kind))
            if last and last.passed
            else None
        )
        if last is None:
            state = CalibrationState.BELUM_PERNAH
        elif not last.passed:
            state = CalibrationState.GAGAL
        elif due is not None and on > due:
            state = CalibrationState.TERLAMBAT
        elif due is not None and (due - on).days <= window:
            state = CalibrationState.SEGERA
        else:
            state = CalibrationState.BERLAKU
        days = (due - on).days if due else None
        states.append(
            EquipmentState(
                equipment=item, last=last, due=due, state=state, days_to_due=days
            )
        )
    return states


def calibration_report(
    states: Iterable[EquipmentState],
    *,
    registry: PosyanduRegistry | None = None,
    level: str = "posyandu",
    attention_only: bool = False,
    measured: Mapping[str, int] | None = None,
) -> Table:
    """List equipment with its calibration state (optionally only what needs action).

    *Needs action* is every state but *berlaku*. ``measured`` (from
    :func:`measurements_past_calibration`) adds, per item, the measurements
    taken with it while overdue or failed: the register's data quality.
    """
    reg = registry or PosyanduRegistry()
    labels = load_rule_table("alat")["labels"]
    chosen = [
        s
        for s in states
        if not attention_only or s.state is not CalibrationState.BERLAKU
    ]
    order = list(CalibrationState)
    chosen.sort(
        key=lambda s: (
            reg.group_key(s.equipment.posyandu, level),
            order.index(s.state) * -1,
            s.equipment.id,
        )
    )
    rows = tuple(
        {
            "unit": reg.group_key(s.equipment.posyandu, level),
            "posyandu": reg.group_key(s.equipment.posyandu, "posyandu"),
            "id": s.equipment.id,
            "kind": s.equipment.kind.value,
            "label": labels[s.equipment.kind.value][0],
            "last_calibrated": s.last.date if s.last else None,
            "due": s.due,
            "days_to_due": s.days_to_due,
            "state": s.state.value,
            "state_label": _STATE_LABELS[s.state],
            "measured_past_due": None
            if measured is None
            else measured.get(s.equipment.id, 0),
        }
        for s in chosen
    )
    spec = (
        _CALIBRATION_COLUMNS
        if level == "posyandu"
        else (("unit", *LEVEL_LABELS[level]), *_CALIBRATION_COLUMNS)
    )
    if measured is not None:
        spec = (
            *spec,
            (
                "measured_past_due",
                "Pengukuran saat lewat kalibrasi",
                "Measurements while past calibration",
            ),
        )
    return Table(
        title_id="Jadwal kalibrasi alat",
        title_en="Equipment calibration schedule",
        columns=columns(*spec),
        rows=rows,
        data=tuple(chosen),
        notes=("Interval kalibrasi / intervals: alat.toml [U]",),
    )


_CALIBRATION_COLUMNS: tuple[tuple[str, ...], ...] = (
    ("posyandu", "Posyandu", "Posyandu"),
    ("id", "ID alat", "Item"),
    ("kind", "Jenis", "Kind"),
    ("label", "Nama alat", "Name"),
    ("last_calibrated", "Kalibrasi terakhir", "Last calibrated"),
    ("due", "Jatuh tempo", "Due"),
    ("days_to_due", "Sisa hari", "Days to due"),
    ("state", "Status", "State"),
    ("state_label", "Keterangan", "Meaning"),
)


def _past_calibration(
    rows: Iterable[RegisterRow],
    inventory: Iterable[Equipment],
    events: Iterable[CalibrationEvent],
) -> Iterator[tuple[RegisterRow, list[str]]]:
    """Yield each row measured with equipment overdue or failed that day, and those ids."""
    items = {e.id: e for e in inventory}
    history: dict[str, list[CalibrationEvent]] = defaultdict(list)
    for event in events:
        history[event.equipment_id].append(event)
    bad = {CalibrationState.TERLAMBAT, CalibrationState.GAGAL}
    for row in rows:
        used = [items[i] for i in row.equipment if i in items]
        if row.visit_date is None or not used:
            continue
        states = equipment_states(
            used, [e for i in used for e in history[i.id]], row.visit_date
        )
        ids = [s.equipment.id for s in states if s.state in bad]
        if ids:
            yield row, ids


def calibration_warnings(
    rows: Iterable[RegisterRow],
    inventory: Iterable[Equipment],
    events: Iterable[CalibrationEvent],
) -> int:
    """Count measurements taken with equipment overdue or failed on that day.

    Each register row names the equipment it used (``equipment`` column);
    the calibration valid on the row's visit date decides. This is the
    per-measurement warning of the register rules, counted as the data
    quality of the strata report.
    """
    return sum(1 for _ in _past_calibration(rows, inventory, events))


def measurements_past_calibration(
    rows: Iterable[RegisterRow],
    inventory: Iterable[Equipment],
    events: Iterable[CalibrationEvent],
) -> dict[str, int]:
    """Count, per item, the register rows measured with it while overdue or failed."""
    counts: dict[str, int] = defaultdict(int)
    for _, ids in _past_calibration(rows, inventory, events):
        for item in ids:
            counts[item] += 1
    return dict(counts)


def missing_kit(
    inventory: Iterable[Equipment], posyandu: str, kit: str = "bontang"
) -> tuple[str, ...]:
    """Return the kinds of the ``kit`` a Posyandu does not hold."""
    held = {e.kind.value for e in inventory if e.posyandu == posyandu}
    return tuple(k for k in load_rule_table("alat")["kit"][kit] if k not in held)
