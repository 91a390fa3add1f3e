"""Reading the equipment inventory CSV (id, kind, calibration dates)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from posyandu_core.errors import InputFileError, texts_of
from posyandu_core.model import Equipment
from posyandu_core.register._cells import parse_date
from posyandu_core.register._csv import decode

_FIELDS = ("id", "kind", "model", "serial_number", "calibrated_on", "calibration_due")


def read_equipment(path: str | os.PathLike[str]) -> list[Equipment]:
    """Read an equipment inventory CSV.

    Columns: ``id, kind, model, serial_number, calibrated_on, calibration_due``
    (dates as YYYY-MM-DD; only ``id`` and ``kind`` are required).

    Raises
    ------
    InputFileError
        The file cannot be read or a row is not a valid piece of equipment.
    """
    name = str(path)
    try:
        text = decode(Path(path).read_bytes(), name)
    except OSError as exc:
        msg = f"cannot read equipment file {name}: {exc.strerror}"
        raise InputFileError(
            msg,
            message_id=f"berkas alat {name} tidak dapat dibaca: {exc.strerror}",
            fix="check the path",
            fix_id="periksa nama dan folder berkas",
        ) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = {"id", "kind"} - set(reader.fieldnames or ())
    if missing:
        msg = f"equipment file lacks columns {sorted(missing)}"
        raise InputFileError(
            msg,
            message_id=f"berkas alat tidak punya kolom {sorted(missing)}",
            fix=f"use the columns {', '.join(_FIELDS)}",
            fix_id=f"pakai kolom {', '.join(_FIELDS)}",
        )
    items = []
    for number, record in enumerate(reader, start=1):
        try:
            dates = {
                key: parse_date(record[key].strip())
                if (record.get(key) or "").strip()
                else None
                for key in ("calibrated_on", "calibration_due")
            }
            items.append(
                Equipment(
                    id=record["id"].strip(),
                    kind=record["kind"].strip(),
                    model=(record.get("model") or "").strip() or None,
                    serial_number=(record.get("serial_number") or "").strip() or None,
                    calibrated_on=dates["calibrated_on"],
                    calibration_due=dates["calibration_due"],
                )
            )
        except (ValueError, TypeError) as exc:
            invalid_id, invalid = texts_of(exc)
            msg = f"equipment row is invalid: {invalid}"
            raise InputFileError(
                msg,
                message_id=f"baris alat tidak sah: {invalid_id}",
                row=number,
                sheet_row=number + 1,
                fix="check the kind and the dates",
                fix_id="periksa jenis alat dan tanggalnya",
            ) from exc
    return items
