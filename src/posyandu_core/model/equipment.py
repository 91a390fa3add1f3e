"""Equipment and its calibration: data are only as good as the scale."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from posyandu_core.errors import UsageError
from posyandu_core.model._enums import EquipmentKind


class CalibrationStatus(enum.StrEnum):
    """Whether equipment was within its calibration period on a date."""

    VALID = "valid"  # berlaku
    OVERDUE = "overdue"  # kedaluwarsa: past its next due date
    UNKNOWN = "unknown"  # no due date recorded


@attrs.frozen(kw_only=True)
class Equipment:
    """A scale, board, tape or monitor of the Posyandu.

    Parameters
    ----------
    id : str
        Inventory id; measurements refer to it as ``device_id``.
    kind : EquipmentKind
        Baby scale, floor scale, length board …
    calibrated_on : datetime.date or None
        Date of the last calibration (tera/kalibrasi).
    calibration_due : datetime.date or None
        Date the next calibration is due.
    posyandu : str or None
        Registration number of the Posyandu that holds it.
    """

    id: str
    kind: EquipmentKind = attrs.field(converter=EquipmentKind)
    model: str | None = None
    serial_number: str | None = None
    calibrated_on: dt.date | None = None
    calibration_due: dt.date | None = attrs.field(default=None)
    posyandu: str | None = None

    @calibration_due.validator
    def _due_after_calibration(
        self, _: attrs.Attribute[dt.date | None], due: dt.date | None
    ) -> None:
        if (
            due is not None
            and self.calibrated_on is not None
            and due < self.calibrated_on
        ):
            msg = f"calibration_due {due} is before calibrated_on {self.calibrated_on}"
            raise UsageError(
                msg,
                message_id=(
                    f"jatuh tempo kalibrasi {due} sebelum tanggal kalibrasi "
                    f"{self.calibrated_on}"
                ),
                field="calibration_due",
                fix="check both calibration dates",
                fix_id="periksa kedua tanggal kalibrasi",
            )

    def calibration_status(self, on: dt.date) -> CalibrationStatus:
        """Return the calibration status on date ``on``.

        Examples
        --------
        >>> scale = Equipment(id="TB-01", kind="baby_scale",
        ...                   calibration_due=dt.date(2026, 6, 30))
        >>> scale.calibration_status(dt.date(2026, 7, 1))
        <CalibrationStatus.OVERDUE: 'overdue'>
        """
        if self.calibration_due is None:
            return CalibrationStatus.UNKNOWN
        if on > self.calibration_due:
            return CalibrationStatus.OVERDUE
        return CalibrationStatus.VALID


@attrs.frozen(kw_only=True)
class CalibrationEvent:
    """One calibration (tera/kalibrasi) of one piece of equipment.

    Parameters
    ----------
    equipment_id : str
        The inventory id.
    date : datetime.date
        Day of the calibration.
    by : str
        Who calibrated (Puskesmas, Pustu, metrology office).
    passed : bool
        Whether the equipment passed (a failed one is not fit for use).
    """

    equipment_id: str
    date: dt.date
    by: str = ""
    passed: bool = True
    note: str = ""
