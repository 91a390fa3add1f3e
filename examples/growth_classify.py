"""Permenkes 2/2020 categories: labels, Kemkes codes, boundaries, e-PPGBM, LiLA."""

from __future__ import annotations

from posyandu_core.growth import category_table, classify, classify_muac

pendek = category_table("pb_tb_u").category("pendek")
print(pendek.label_id, "/", pendek.label_en, "/", pendek.kemkes_code)
# Pendek / Stunted / OI000012
table = category_table("pb_tb_u")
print(table.source, table.valid_from, table.confidence)

print(classify("pb_tb_u", [-3.01, -2.01, -2.00, 3.00, 3.01]).tolist())
# ['sangat_pendek', 'pendek', 'normal', 'normal', 'tinggi']
print(classify("bb_u", [1.00, 1.01]).tolist())
# ['berat_badan_normal', 'risiko_berat_badan_lebih']

print(classify("pb_tb_u", [-2.00, -2.01, -6.05, 999.99], convention="eppgbm").tolist())
# ['normal', 'pendek', None, None]

print(classify_muac([11.3, 12.0, 12.5, 11.0], age_months=[20, 30, 30, 4]).tolist())
# ['gizi_buruk', 'gizi_kurang', 'normal', None]
