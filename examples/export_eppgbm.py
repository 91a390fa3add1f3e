"""The e-PPGBM sheet for the Puskesmas nutrition officer (Sigizi Terpadu).

Run: python examples/export_eppgbm.py   (needs: pip install "posyandu-core[export]")
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl

from posyandu_core.plugins.export.eppgbm import column_sets, write_eppgbm
from posyandu_core.register.sample import load_sample_register

register = load_sample_register()
out = Path(tempfile.mkdtemp())

# The default columns are DOMAIN.md §13.2; the area columns are the same on
# every row, so they are given once.
write_eppgbm(
    register,
    out / "eppgbm.xlsx",
    provinsi="Kalimantan Timur",
    kabupaten_kota="Kota Bontang",
    kecamatan="Bontang Utara",
    puskesmas="Bontang Utara I",
    desa_kelurahan="Bontang Baru",
)
# A newer column set (adds Kelas Ibu Balita, MBG), as CSV.
write_eppgbm(register, out / "eppgbm.csv", columns="eppgbm-2025")

sheet = openpyxl.load_workbook(out / "eppgbm.xlsx")["e-PPGBM"]
header = [c.value for c in sheet[1]]
first = dict(zip(header, [c.value for c in sheet[2]], strict=True))
print("column sets:", sorted(column_sets()))
print(f"{sheet.max_row - 1} weighings of children under five")
print({k: first[k] for k in ("NIK", "JK", "Cara Ukur", "ZS TB/U", "Naik Berat Badan")})
