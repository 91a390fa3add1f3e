"""Any bytes in any input file: a result or a located PosyanduError, never a crash."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posyandu_core.errors import PosyanduError
from posyandu_core.plugins.kader.files import read_kader
from posyandu_core.plugins.layanan.calendar import read_closed_days
from posyandu_core.plugins.layanan.cases import read_cases
from posyandu_core.plugins.wilayah.equipment import read_calibrations, read_inventory
from posyandu_core.plugins.wilayah.hierarchy import read_posyandu
from posyandu_core.plugins.wilayah.performance import read_performance_inputs

READERS: dict[str, tuple[str, Callable[[Path], Any]]] = {
    "kasus": ("id_kasus,posyandu,jenis_kasus,status,tanggal,oleh,dokumen", read_cases),
    "kader": ("id_kader,nama,posyandu,nik,no_sk", read_kader),
    "posyandu": ("nomor_registrasi,nama,kode_desa,tempat,bidang", read_posyandu),
    "alat": ("posyandu,id_alat,jenis,tanggal_terima", read_inventory),
    "kalibrasi": ("id_alat,tanggal,hasil", read_calibrations),
    "hari_tutup": ("posyandu,tanggal", read_closed_days),
    "kinerja": (
        "posyandu,tahun,cakupan_kia_pct,bulan_kb,program_tambahan",
        read_performance_inputs,
    ),
}

# Cells that look almost right: the values real files get wrong.
CELL = st.sampled_from(
    [
        "", "K1", "dicatat", "diverifikasi", "selesai", "dibuka_kembali", "ditolak",
        "2026-03-06", "2026-02-30", "06/03/2026", "perumahan.rtlh", "ya", "tidak",
        "baby_scale", "masjid", "musholla", "kesehatan;sosial", "64.74.01.1001.001",
        "6474011001", "1234", "120", "-1", "12,5", "ktp;kk", "A1", "x;y", '"', "é",
    ]
)  # fmt: skip


def error_of(reader: Callable[[Path], Any], path: Path) -> PosyanduError | None:
    """Read ``path``; return the PosyanduError it raised (anything else propagates)."""
    try:
        reader(path)
    except PosyanduError as error:
        return error
    return None


@pytest.mark.parametrize("name", READERS)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELL, min_size=1, max_size=8), max_size=6))
def test_readers_fail_only_with_located_errors(
    name: str, rows: list[list[str]]
) -> None:
    header, reader = READERS[name]
    text = header + "\n" + "\n".join(",".join(r) for r in rows) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        error = error_of(reader, path)
    if error is not None:
        assert str(error)
        assert error.row is None or 1 <= error.row <= len(rows)


@pytest.mark.parametrize("name", READERS)
@given(data=st.binary(max_size=200))
def test_readers_on_arbitrary_bytes(name: str, data: bytes) -> None:
    _, reader = READERS[name]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.csv"
        path.write_bytes(data)
        error = error_of(reader, path)
    assert error is None or str(error)
