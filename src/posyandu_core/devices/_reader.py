"""A bounds-checked little-endian cursor over one characteristic value."""

from __future__ import annotations

from posyandu_core.devices._ieee11073 import MedFloat, decode_float, decode_sfloat
from posyandu_core.errors import DecodeError


class PayloadReader:
    """Read the fields of a GATT characteristic value in order.

    Every read names the field, so a truncated payload raises a
    :class:`~posyandu_core.errors.DecodeError` that says which field is
    missing and how many bytes there were. Bytes after the last announced
    field are ignored, as Nordic's parsers do: a device that sets a flag bit
    reserved today may append a field defined tomorrow.
    """

    def __init__(self, payload: bytes, characteristic: str) -> None:
        self._data = bytes(payload)
        self._offset = 0
        self._characteristic = characteristic

    def take(self, size: int, field: str) -> bytes:
        """Return the next ``size`` bytes, or raise if the payload ends first."""
        end = self._offset + size
        if end > len(self._data):
            size_now = len(self._data)
            msg = (
                f"{self._characteristic}: payload too short for {field} "
                f"(needs bytes {self._offset}..{end - 1}, got {size_now} bytes)"
            )
            raise DecodeError(
                msg,
                message_id=f"{self._characteristic}: data terlalu pendek untuk "
                f"{field} (perlu bita {self._offset}..{end - 1}, ada {size_now} bita)",
                field=field,
                value=self._data.hex(" "),
                fix="check the characteristic UUID and the flags byte",
                fix_id="periksa UUID karakteristik dan bita flags-nya",
            )
        chunk = self._data[self._offset : end]
        self._offset = end
        return chunk

    def uint(self, size: int, field: str) -> int:
        """Read an unsigned little-endian integer of ``size`` bytes."""
        return int.from_bytes(self.take(size, field), "little")

    def sint(self, size: int, field: str) -> int:
        """Read a signed little-endian integer of ``size`` bytes."""
        return int.from_bytes(self.take(size, field), "little", signed=True)

    def sfloat(self, field: str) -> MedFloat:
        """Read an IEEE 11073 SFLOAT."""
        return decode_sfloat(self.uint(2, field))

    def float32(self, field: str) -> MedFloat:
        """Read an IEEE 11073 FLOAT."""
        return decode_float(self.uint(4, field))
