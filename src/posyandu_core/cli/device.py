"""``posyandu device``: decode a payload, read a device, scan for BLE devices.

``configure(parser)`` adds the ``decode``, ``read`` and ``scan`` actions;
``run(args)`` performs one. Errors are raised and become one line and an
exit code from :mod:`posyandu_core.cli._exit`: 1 bad data (a payload or
line that does not follow its protocol), 2 bad usage, 4 a device that cannot
be reached or does not answer.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from posyandu_core.cli._exit import Exit
from posyandu_core.errors import DecodeError, PosyanduError, UsageError, texts_of

__all__ = ["configure", "run"]

_HEX_PREFIX = re.compile(r"0x", re.IGNORECASE)
_HEX_SEPARATORS = re.compile(r"[\s:]+")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``decode``, ``read`` and ``scan`` actions to ``parser``."""
    from posyandu_core.devices._serial import SERIAL_PROTOCOLS
    from posyandu_core.registry import get_registry

    actions = parser.add_subparsers(
        dest="device_action", metavar="ACTION", required=True
    )
    decode = actions.add_parser(
        "decode",
        help="decode a BLE characteristic value and print it as JSON",
        description="Decode one GATT characteristic value (hex) and print it as JSON.",
    )
    decode.add_argument(
        "--characteristic", "-c", required=True,
        help="UUID: 0x2A9D, 2a9d or 00002a9d-0000-1000-8000-00805f9b34fb",
    )  # fmt: skip
    decode.add_argument(
        "hex", nargs="+", help="the value in hex; spaces, colons and 0x are allowed"
    )
    read = actions.add_parser(
        "read",
        help="read one stable reading from a device and print it as JSON",
        description="Read one stable reading with a registered driver (--driver) "
        "or a built-in serial protocol (--protocol); unstable ones are skipped.",
    )
    how = read.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--driver", choices=sorted(get_registry().devices),
        help="a registered device driver (posyandu plugins lists them)",
    )  # fmt: skip
    how.add_argument("--protocol", choices=sorted(SERIAL_PROTOCOLS))
    read.add_argument(
        "--port", help="serial drivers: /dev/ttyUSB0, COM3 or a pyserial URL"
    )
    read.add_argument("--address", help="BLE drivers: the device address")
    read.add_argument("--baud", type=int, default=9600, help="baud rate (default 9600)")
    read.add_argument(
        "--timeout", type=float, default=10.0, help="seconds to wait (default 10)"
    )
    scan = actions.add_parser(
        "scan",
        help="list nearby Bluetooth LE health devices",
        description="List nearby BLE devices advertising a health service.",
    )
    scan.add_argument("--timeout", type=float, default=5.0, help="seconds to scan")
    scan.add_argument("--json", action="store_true", help="print JSON instead of text")


def parse_hex(words: list[str]) -> bytes:
    """Read ``"00 d6 06"``, ``"00:d6:06"``, ``"0x00d606"`` or ``"0x00 0xd6 0x06"``.

    Examples
    --------
    >>> parse_hex(["0x02:d6", "06"]).hex()
    '02d606'
    """
    text = _HEX_SEPARATORS.sub("", _HEX_PREFIX.sub("", " ".join(words)))
    try:
        return bytes.fromhex(text)
    except ValueError:
        payload = " ".join(words)
        msg = f"not a hex payload: {payload!r} (write it like 00 d6 06)"
        raise UsageError(
            msg,
            message_id=f"bukan data heksadesimal: {payload!r} (tulis seperti 00 d6 06)",
        ) from None


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")


def _decode(args: argparse.Namespace) -> int:
    from posyandu_core.devices._gatt import CHARACTERISTICS, decode, uuid16

    try:
        key = uuid16(args.characteristic)
    except DecodeError as exc:
        message_id, message = texts_of(exc)
        raise UsageError(
            message, message_id=message_id, fix=exc.fix, fix_id=exc.fix_id
        ) from None
    if key not in CHARACTERISTICS:
        known = ", ".join(f"0x{k:04X}" for k in CHARACTERISTICS)
        msg = f"no decoder for characteristic 0x{key:04X}; supported: {known}"
        raise UsageError(
            msg,
            message_id=f"tidak ada pembaca untuk karakteristik 0x{key:04X}; yang "
            f"didukung: {known}",
        )
    _print_json({"uuid": f"0x{key:04X}", **decode(key, parse_hex(args.hex)).to_dict()})
    return Exit.OK


def _read(args: argparse.Namespace) -> int:
    from posyandu_core.devices._serial import read_scale

    if args.protocol:
        if not args.port:
            msg = "--protocol needs --port"
            raise UsageError(
                msg,
                message_id="--protocol perlu --port",
                fix="name the serial port, e.g. --port /dev/ttyUSB0",
                fix_id="sebutkan port serial timbangan, mis. --port /dev/ttyUSB0",
            )
        reading: Any = read_scale(
            args.port, args.protocol, baudrate=args.baud, timeout=args.timeout
        )
    else:
        reading = _read_driver(args)
    _print_json(reading.to_dict())
    return Exit.OK


def _read_driver(args: argparse.Namespace) -> Any:
    from posyandu_core.registry import get_registry, isolated

    driver = get_registry().devices[args.driver]
    if driver.transport == "serial":
        if not args.port:
            msg = f"driver {driver.id!r} reads a serial port: give --port"
            raise UsageError(
                msg,
                message_id=f"driver {driver.id!r} membaca port serial: berikan --port",
                fix="e.g. --port /dev/ttyUSB0",
                fix_id="mis. --port /dev/ttyUSB0",
            )
        options: dict[str, Any] = {"port": args.port, "baudrate": args.baud}
    else:
        options = {"address": args.address} if args.address else {}
    origin = get_registry().origin("devices", driver.id)
    with isolated(origin, f"driver {driver.id!r}", f"driver alat {driver.id!r}"):
        return driver.read(timeout=args.timeout, **options)


def _scan(args: argparse.Namespace) -> int:
    from posyandu_core.devices._ble import scan_ble
    from posyandu_core.devices._gatt import HEALTH_SERVICES

    found = scan_ble(timeout=args.timeout)
    if args.json:
        _print_json([device.to_dict() for device in found])
        return Exit.OK
    if not found:
        print(f"no BLE health devices found in {args.timeout:g} s")
    for device in found:
        services = ", ".join(
            HEALTH_SERVICES.get(u, f"0x{u:04X}") for u in device.service_uuids
        )
        rssi = "" if device.rssi is None else f"{device.rssi} dBm"
        print(
            f"{device.address}  {device.name or '(no name)'}  {rssi}  {services}".rstrip()
        )
    return Exit.OK


def run(args: argparse.Namespace) -> int:
    """Run the action chosen on the command line; return the exit code."""
    actions = {"decode": _decode, "read": _read, "scan": _scan}
    try:
        return actions[args.device_action](args)
    except PosyanduError:
        raise
    except ValueError as exc:  # a driver's options the transport refuses
        raise UsageError(str(exc), message_id=f"opsi alat ditolak: {exc}") from exc
