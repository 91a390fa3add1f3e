"""The one calibration check, shared by the register rule and the device drivers."""

from __future__ import annotations

import datetime as dt

from posyandu_core.model import CalibrationStatus, Equipment, Issue, Severity


def calibration_issues(
    equipment: Equipment,
    on: dt.date,
    *,
    row: int | None = None,
    field: str = "equipment",
) -> list[Issue]:
    """Return the issue a measurement with ``equipment`` on date ``on`` carries.

    Past its calibration due date: a warning (the value is kept, flagged).
    No due date recorded: an info note.

    Examples
    --------
    >>> scale = Equipment(id="TB-01", kind="baby_scale", calibration_due=dt.date(2026, 6, 30))
    >>> [i.code for i in calibration_issues(scale, dt.date(2026, 7, 1))]
    ['equipment.calibration_overdue']
    """
    status = equipment.calibration_status(on)
    if status is CalibrationStatus.OVERDUE:
        return [
            Issue(
                severity=Severity.WARNING,
                code="equipment.calibration_overdue",
                row=row,
                field=field,
                value=equipment.id,
                message_id=f"alat {equipment.id} melewati jadwal kalibrasi "
                f"({equipment.calibration_due}); hasil ukur mungkin tidak akurat",
                message_en=f"equipment {equipment.id} was past its calibration due date "
                f"({equipment.calibration_due}); the measurement may be inaccurate",
            )
        ]
    if status is CalibrationStatus.UNKNOWN:
        return [
            Issue(
                severity=Severity.INFO,
                code="equipment.calibration_unknown",
                row=row,
                field=field,
                value=equipment.id,
                message_id=f"tanggal kalibrasi alat {equipment.id} tidak tercatat",
                message_en=f"no calibration due date is recorded for equipment {equipment.id}",
            )
        ]
    return []
