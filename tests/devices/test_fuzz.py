"""No decoder raises anything but DecodeError, whatever the bytes or the text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.devices import CHARACTERISTICS, decode
from posyandu_core.errors import DecodeError


@pytest.mark.parametrize("characteristic", sorted(CHARACTERISTICS), ids=hex)
@given(payload=st.binary(max_size=40))
def test_gatt_decoders_raise_only_decode_error(
    characteristic: int, payload: bytes
) -> None:
    try:
        reading = decode(characteristic, payload)
    except DecodeError:
        return
    # A decoded reading always serialises: the CLI prints exactly this.
    json.dumps(reading.to_dict(), allow_nan=False)
