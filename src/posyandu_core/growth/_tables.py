"""Packaged WHO reference tables, read lazily and cached.

The CSV files under ``posyandu_core/data/who/`` are read through
:mod:`importlib.resources` the first time a table is needed (never at import
time) and kept for the life of the process. Each LMS table becomes three flat,
contiguous float64 arrays indexed by one integer ``(sex - 1) * n_keys + key -
key_start``; one extra trailing element holds NaN and is the index every
invalid row points to, so an invalid row needs no branch: it simply gets NaN
parameters and therefore a NaN z-score.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import tomllib
from importlib.resources import files
from typing import Final

import attrs
import numpy as np
from numpy.typing import NDArray

from posyandu_core.errors import ReferenceDataError

_PACKAGE: Final = "posyandu_core"

#: How the key column of each LMS table maps to an integer index, and which key
#: index 0 stands for. The 2006 age tables all start at day 0 so that one day
#: index serves every indicator; the arm circumference and skinfold tables,
#: which start at day 91, are padded with NaN rows below 91.
_LAYOUT: Final[dict[str, tuple[str, int, int, int]]] = {
    # name: (key column, key multiplier, first key, last key)
    "who2006_weight_for_age": ("age_days", 1, 0, 1826),
    "who2006_length_height_for_age": ("age_days", 1, 0, 1826),
    "who2006_bmi_for_age": ("age_days", 1, 0, 1826),
    "who2006_head_circumference_for_age": ("age_days", 1, 0, 1826),
    "who2006_arm_circumference_for_age": ("age_days", 1, 0, 1826),
    "who2006_triceps_skinfold_for_age": ("age_days", 1, 0, 1826),
    "who2006_subscapular_skinfold_for_age": ("age_days", 1, 0, 1826),
    "who2006_weight_for_length": ("length_cm", 10, 450, 1100),
    "who2006_weight_for_height": ("height_cm", 10, 650, 1200),
    "who2007_weight_for_age": ("age_months", 1, 60, 121),
    "who2007_height_for_age": ("age_months", 1, 60, 229),
    "who2007_bmi_for_age": ("age_months", 1, 60, 229),
}


@attrs.frozen(eq=False)
class LmsTable:
    """One LMS table laid out for integer-index lookup.

    Parameters
    ----------
    name : str
        File stem, e.g. ``"who2006_weight_for_age"``.
    key_start : int
        The key (day, month or length in mm) that index 0 of each sex stands for.
    n_keys : int
        Number of keys per sex.
    L, M, S : ndarray of float64
        Length ``2 * n_keys + 1``: boys, then girls, then one NaN sentinel.
    """

    name: str
    key_start: int
    n_keys: int
    L: NDArray[np.float64]
    M: NDArray[np.float64]
    S: NDArray[np.float64]

    @property
    def sentinel(self) -> int:
        """Index of the all-NaN row that invalid rows point to."""
        return 2 * self.n_keys

    def row(self, sex: int, key: int) -> tuple[float, float, float]:
        """Return ``(L, M, S)`` for one sex (1 or 2) and key (NaN if absent)."""
        offset = key - self.key_start
        if sex not in (1, 2) or not 0 <= offset < self.n_keys:
            return (np.nan, np.nan, np.nan)
        i = (sex - 1) * self.n_keys + offset
        return (float(self.L[i]), float(self.M[i]), float(self.S[i]))


def read_text(directory: str, filename: str) -> str:
    """Return a packaged data file as text.

    Raises
    ------
    ReferenceDataError
        If the file is not packaged.
    """
    resource = files(_PACKAGE).joinpath("data", directory, filename)
    try:
        return resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        msg = f"reference file {directory}/{filename} is not packaged"
        raise ReferenceDataError(
            msg,
            message_id=f"berkas rujukan {directory}/{filename} tidak ada di paket",
            fix="reinstall posyandu-core",
            fix_id="pasang ulang posyandu-core",
        ) from exc


def read_csv(name: str) -> list[dict[str, str]]:
    """Return the rows of ``data/who/<name>.csv`` as dictionaries of text."""
    return list(csv.DictReader(io.StringIO(read_text("who", f"{name}.csv"))))


@functools.cache
def lms_table(name: str) -> LmsTable:
    """Return the packaged LMS table ``name``, loading it on first use.

    Raises
    ------
    ReferenceDataError
        If the table is unknown, missing, or a row is malformed.
    """
    try:
        key_column, multiplier, first, last = _LAYOUT[name]
    except KeyError as exc:
        msg = f"unknown LMS table {name!r}"
        raise ReferenceDataError(
            msg,
            message_id=f"tabel LMS {name!r} tidak dikenal",
            fix=f"use one of {sorted(_LAYOUT)}",
            fix_id=f"pakai salah satu dari {sorted(_LAYOUT)}",
        ) from exc
    n_keys = last - first + 1
    params = np.full((3, 2 * n_keys + 1), np.nan)
    for line, record in enumerate(read_csv(name), start=2):
        try:
            sex = int(record["sex"])
            key = round(float(record[key_column]) * multiplier)
            values = [float(record[c]) for c in ("L", "M", "S")]
        except (KeyError, ValueError, TypeError) as exc:
            msg = f"{name}.csv line {line} is malformed"
            raise ReferenceDataError(
                msg,
                message_id=f"{name}.csv baris {line} rusak",
                fix="reinstall posyandu-core",
                fix_id="pasang ulang posyandu-core",
            ) from exc
        if sex not in (1, 2) or not first <= key <= last:
            msg = f"{name}.csv line {line}: sex {sex} / key {key} out of range"
            raise ReferenceDataError(
                msg,
                message_id=f"{name}.csv baris {line}: jenis kelamin {sex} / kunci "
                f"{key} di luar rentang",
            )
        params[:, (sex - 1) * n_keys + key - first] = values
    L, M, S = (np.ascontiguousarray(p) for p in params)
    for array in (L, M, S):
        array.flags.writeable = False
    return LmsTable(name=name, key_start=first, n_keys=n_keys, L=L, M=M, S=S)


def verify_reference_data() -> dict[str, str]:
    """Check every packaged WHO file against the sha256 in ``SOURCE.toml``.

    Returns
    -------
    dict of str to str
        File name to its verified sha256.

    Raises
    ------
    ReferenceDataError
        If a file is missing or its checksum differs.

    Examples
    --------
    >>> len(verify_reference_data())
    25
    """
    manifest = tomllib.loads(read_text("who", "SOURCE.toml"))
    verified = {}
    for filename, expected in manifest["files"].items():
        resource = files(_PACKAGE).joinpath("data", "who", filename)
        try:
            digest = hashlib.sha256(resource.read_bytes()).hexdigest()
        except FileNotFoundError as exc:
            msg = f"reference file {filename} listed in SOURCE.toml is missing"
            raise ReferenceDataError(
                msg,
                message_id=f"berkas rujukan {filename} yang tercatat di SOURCE.toml "
                "tidak ada",
                fix="reinstall posyandu-core",
                fix_id="pasang ulang posyandu-core",
            ) from exc
        if digest != expected:
            msg = f"reference file {filename} was altered (sha256 {digest})"
            raise ReferenceDataError(
                msg,
                message_id=f"berkas rujukan {filename} telah diubah (sha256 {digest})",
                value=digest,
                fix="reinstall posyandu-core",
                fix_id="pasang ulang posyandu-core",
            )
        verified[filename] = digest
    return verified
