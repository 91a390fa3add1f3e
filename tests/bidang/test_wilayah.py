"""Hierarchy, equipment calibration, Posyandu strata and aktif from a register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from posyandu_core.errors import InputFileError
from posyandu_core.model import (
    CalibrationEvent,
    Equipment,
    PosyanduStratum,
    VenueType,
)
from posyandu_core.model.kader import Kader
from posyandu_core.plugins.wilayah.equipment import (
    CalibrationState,
    calibration_report,
    equipment_states,
    missing_kit,
    read_calibrations,
    read_inventory,
)
from posyandu_core.plugins.wilayah.hierarchy import PosyanduRegistry, read_posyandu
from posyandu_core.plugins.wilayah.performance import (
    aktif_share_report,
    performance,
    read_performance_inputs,
    strata_report,
)
from posyandu_core.register import read_register

D = dt.date
REGISTRY = (
    "nomor_registrasi,nama,kode_desa,kelurahan,kecamatan,kota,pustu,puskesmas,tempat,bidang\n"
    "64.74.01.1001.001,Posyandu Melati,6474011001,Tanjung Laut,Bontang Selatan,Kota Bontang,Pustu TL,PKM BS I,balai,\n"
    "64.74.01.1001.002,Posyandu Mawar,6474011001,Tanjung Laut,Bontang Selatan,Kota Bontang,Pustu TL,PKM BS I,Musholla,kesehatan;sosial\n"
    "64.74.02.1001.001,Posyandu Kenanga,6474021001,Bontang Kuala,Bontang Utara,Kota Bontang,Pustu BK,PKM BU I,masjid,\n"
)


@pytest.fixture
def registry(tmp_path: Path) -> PosyanduRegistry:
    path = tmp_path / "posyandu.csv"
    path.write_text(REGISTRY)
    return read_posyandu(path)


def test_registry_reads_venues_bidang_and_groups(registry: PosyanduRegistry) -> None:
    mawar = registry.find("posyandu mawar")
    assert mawar is not None
    assert mawar.venue_type is VenueType.MUSHOLA
    assert {b.value for b in mawar.bidang_enabled} == {"kesehatan", "sosial"}
    assert registry.group_key("64.74.02.1001.001", "puskesmas") == "PKM BU I"
    assert registry.group_key("64.74.01.1001.002", "kelurahan") == "Tanjung Laut"
    assert registry.group_key("64.74.01.1001.002", "kota") == "Kota Bontang"
    assert registry.group_key("99.99.99.9999.999", "pustu") == "?"
    assert [p.name for p in registry.under("kecamatan", "Bontang Selatan")] == [
        "Posyandu Melati", "Posyandu Mawar",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("11.1.10.2001.001,X,,,,,,,,", "nomor_registrasi"),  # DOMAIN §15 #88
        ("64.74.01.1001.009,X,647401,,,,,,,", "kode_desa"),
        ("64.74.01.1001.009,X,,,,,,,gereja,", "tempat"),
        ("64.74.01.1001.009,X,,,,,,,,kesehatan;olahraga", "bidang"),
        ("64.74.01.1001.001,Melati lagi,,,,,,,,", "nomor_registrasi"),
    ],
)
def test_bad_registry_rows(tmp_path: Path, line: str, field: str) -> None:
    path = tmp_path / "posyandu.csv"
    path.write_text(REGISTRY + line + "\n")
    with pytest.raises(InputFileError) as info:
        read_posyandu(path)
    assert (info.value.row, info.value.field) == (4, field)


@pytest.mark.parametrize(
    ("on", "state"),
    [
        (D(2026, 5, 30), CalibrationState.BERLAKU),  # 31 days before the due date
        (D(2026, 5, 31), CalibrationState.SEGERA),  # 30 days before
        (D(2026, 6, 30), CalibrationState.SEGERA),  # the due date itself
        (D(2026, 7, 1), CalibrationState.TERLAMBAT),  # the day after
    ],
)
def test_calibration_boundaries(on: dt.date, state: CalibrationState) -> None:
    item = Equipment(id="TBY-01", kind="baby_scale")
    event = CalibrationEvent(equipment_id="TBY-01", date=D(2025, 6, 30))
    (result,) = equipment_states([item], [event], on)
    assert result.due == D(2026, 6, 30)  # 12 months (alat.toml)
    assert result.state is state
    # The register's per-measurement check reads the same due date.
    assert result.to_equipment().calibration_due == D(2026, 6, 30)


def test_failed_never_and_future_calibrations() -> None:
    items = [Equipment(id=i, kind="floor_scale") for i in ("A", "B", "C")]
    events = [
        CalibrationEvent(equipment_id="A", date=D(2026, 1, 5), passed=False),
        CalibrationEvent(equipment_id="C", date=D(2026, 1, 5)),
        CalibrationEvent(equipment_id="C", date=D(2026, 3, 1), passed=False),
    ]
    states = {
        s.equipment.id: s.state for s in equipment_states(items, events, D(2026, 2, 1))
    }
    assert states == {
        "A": CalibrationState.GAGAL,
        "B": CalibrationState.BELUM_PERNAH,
        "C": CalibrationState.BERLAKU,  # the March failure lies after the date
    }


def test_inventory_files_and_report(tmp_path: Path, registry: PosyanduRegistry) -> None:
    inventory = tmp_path / "alat.csv"
    inventory.write_text(
        "posyandu,id_alat,jenis,merek_model\n"
        "Posyandu Melati,TBY-01,baby_scale,X\n64.74.01.1001.001,TD-01,bp_monitor,Y\n"
        "Posyandu Kenanga,K-TIJ,floor_scale,Z\n"
    )
    events = tmp_path / "kalibrasi.csv"
    events.write_text(
        "id_alat,tanggal,oleh,hasil\nTBY-01,2025-11-01,PKM,lulus\nTD-01,2026-06-01,PKM,ya\n"
    )
    items = read_inventory(inventory, registry)
    assert {i.posyandu for i in items} == {"64.74.01.1001.001", "64.74.02.1001.001"}
    states = equipment_states(items, read_calibrations(events, items), D(2026, 11, 15))
    rows = calibration_report(
        states, registry=registry, level="puskesmas", attention_only=True
    ).to_rows()
    assert [(r["unit"], r["id"], r["state"]) for r in rows] == [
        ("PKM BS I", "TBY-01", "terlambat"),
        ("PKM BU I", "K-TIJ", "belum_pernah"),
    ]
    assert missing_kit(items, "64.74.02.1001.001") == (
        "baby_scale", "length_board", "stadiometer", "muac_tape", "head_tape", "bp_monitor",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("inventory", "calibrations", "row", "field"),
    [
        ("posyandu,id_alat,jenis\nX,A,timbangan\n", None, 1, "jenis"),
        (
            "posyandu,id_alat,jenis\nX,A,baby_scale\nX,A,floor_scale\n",
            None,
            2,
            "id_alat",
        ),
        (
            "posyandu,id_alat,jenis\nX,A,baby_scale\n",
            "id_alat,tanggal,hasil\nB,2026-01-01,ya\n",
            1,
            "id_alat",
        ),
        (
            "posyandu,id_alat,jenis\nX,A,baby_scale\n",
            "id_alat,tanggal,hasil\nA,1/1/26,ya\n",
            1,
            "tanggal",
        ),
        (
            "posyandu,id_alat,jenis\nX,A,baby_scale\n",
            "id_alat,tanggal,hasil\nA,2026-01-01,\n",
            1,
            "hasil",
        ),
    ],
)
def test_bad_equipment_files(
    tmp_path: Path, inventory: str, calibrations: str | None, row: int, field: str
) -> None:
    path = tmp_path / "alat.csv"
    path.write_text(inventory)
    events = tmp_path / "kalibrasi.csv"
    events.write_text(calibrations or "id_alat,tanggal,hasil\n")

    def read_both() -> None:
        read_calibrations(events, read_inventory(path))

    with pytest.raises(InputFileError) as info:
        read_both()
    assert (info.value.row, info.value.field) == (row, field)


# A tiny register, worked by hand: Posyandu Melati opens in January-August
# 2026 (8 openings). Child a is weighed every month; child b in January-April
# only. Kader "Nur" records a, "Ani" records b: 2 kader on duty in Jan-Apr, 1
# in May-Aug -> average 1.5. D/S: 2/2 in Jan-Apr, 1/2 in May-Aug -> average
# 75 %, 8 months at >= 50 %.
def tiny_register(tmp_path: Path) -> Path:
    lines = [
        "person_id,name,sex,birth_date,posyandu,visit_date,visit_type,kader,weight_kg"
    ]
    for month in range(1, 9):
        lines.append(
            f"a,A,L,2024-06-01,64.74.01.1001.001,2026-{month:02d}-10,hari_buka,Nur,{10 + month / 10:.1f}"
        )
        if month <= 4:
            lines.append(
                f"b,B,P,2023-06-01,Posyandu Melati,2026-{month:02d}-10,hari_buka,Ani,{12 + month / 10:.1f}"
            )
    path = tmp_path / "register.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


INPUTS = {
    "cakupan_kia_pct": 60.0, "bulan_kia": 8, "cakupan_kb_pct": 55.0, "bulan_kb": 8,
    "cakupan_imunisasi_pct": 70.0, "bulan_imunisasi": 7, "program_tambahan": True,
    "dana_sehat_pct": 50.0, "alat_perkembangan": True,
}  # fmt: skip


def test_indicators_from_a_register_against_hand_counts(
    tmp_path: Path, registry: PosyanduRegistry
) -> None:
    register = read_register(tiny_register(tmp_path))
    kader = [
        Kader(
            id=f"k{i}",
            name=f"K{i}",
            posyandu="64.74.01.1001.001",
            sk_number="SK" if i < 5 else None,
        )
        for i in range(6)
    ]
    items = [
        Equipment(id="s", kind="baby_scale", posyandu="64.74.01.1001.001"),
        Equipment(id="b", kind="length_board", posyandu="64.74.01.1001.001"),
    ]
    result = performance(
        "64.74.01.1001.001",
        2026,
        register=register,
        kader=kader,
        inventory=items,
        inputs=INPUTS,
        registry=registry,
    )
    values = {i.name: (i.value, i.source) for i in result.indicators}
    assert values["openings_per_year"] == (8, "register")
    assert values["kader_on_duty"] == (1.5, "register")
    assert values["ds_pct"] == (75.0, "register")
    assert values["months_ds"] == (8, "register")
    assert values["kader_with_sk"] == (5, "kader")
    assert values["growth_tools"] == (True, "inventaris")
    assert values["kia_pct"] == (60.0, "input")
    # 1.5 kader on duty < 5: Pratama, whatever the coverage.
    assert result.stratum is PosyanduStratum.PRATAMA
    # Aktif reads the 5 kader with an SK; 3 of 4 services at 8 months (gizi,
    # KIA, KB; immunization only 7) -> aktif.
    assert result.aktif is True


def test_missing_indicators_give_no_stratum(
    tmp_path: Path, registry: PosyanduRegistry
) -> None:
    register = read_register(tiny_register(tmp_path))
    result = performance(
        "64.74.01.1001.001", 2026, register=register, registry=registry
    )
    assert result.stratum is None
    assert result.aktif is None
    assert "kia_pct" in result.missing
    (row,) = strata_report([result], registry).to_rows()
    assert row["stratum"] == "tidak_dapat_dihitung"
    assert "kia_pct" in row["reason"]


def test_inputs_only_posyandu_and_aktif_share(
    tmp_path: Path, registry: PosyanduRegistry
) -> None:
    path = tmp_path / "kinerja.csv"
    path.write_text(
        "posyandu,tahun,penimbangan_per_tahun,rerata_kader,kader_ber_sk,cakupan_ds_pct,bulan_ds,"
        "cakupan_kia_pct,bulan_kia,cakupan_kb_pct,bulan_kb,cakupan_imunisasi_pct,bulan_imunisasi,"
        "program_tambahan,dana_sehat_pct,alat_pertumbuhan,alat_perkembangan\n"
        # DOMAIN §15 #84: 12 openings, 6 kader, 55/60/52/70 %, programme, dana sehat 30 % -> Purnama.
        "Posyandu Mawar,2026,12,6,6,55,9,60,9,52,9,70,9,ya,30,ya,ya\n"
        # #86: 4 kader -> cannot be aktif.
        "Posyandu Kenanga,2026,12,4,4,55,9,60,9,52,9,70,9,ya,30,ya,ya\n"
        # #85: #84 with dana sehat 55 % -> Mandiri.
        "Posyandu Melati,2026,12,6,6,55,9,60,9,52,9,70,9,ya,55,ya,ya\n"
    )
    inputs = read_performance_inputs(path, registry)
    results = [
        performance(n, 2026, inputs=inputs[(n, 2026)], registry=registry)
        for n in ("64.74.01.1001.002", "64.74.02.1001.001", "64.74.01.1001.001")
    ]
    assert [r.stratum for r in results] == [
        PosyanduStratum.PURNAMA,
        PosyanduStratum.PRATAMA,
        PosyanduStratum.MANDIRI,
    ]
    assert [r.aktif for r in results] == [True, False, True]
    assert results[1].aktif_unmet == ("kader",)
    rows = {r["unit"]: r for r in aktif_share_report(results, registry).to_rows()}
    assert (
        rows["Bontang Selatan"]["share_pct"],
        rows["Bontang Selatan"]["meets_target"],
    ) == (100.0, True)
    assert (
        rows["Bontang Utara"]["share_pct"],
        rows["Bontang Utara"]["meets_target"],
    ) == (0.0, False)


def test_bad_inputs_file(tmp_path: Path) -> None:
    path = tmp_path / "kinerja.csv"
    path.write_text("posyandu,tahun,cakupan_kia_pct,bulan_kb\nX,2026,120,3\n")
    with pytest.raises(InputFileError) as info:
        read_performance_inputs(path)
    assert (info.value.row, info.value.field) == (1, "cakupan_kia_pct")
    path.write_text("posyandu,tahun,bulan_kb\nX,dua ribu,3\n")
    with pytest.raises(InputFileError) as info:
        read_performance_inputs(path)
    assert info.value.field == "tahun"


@pytest.mark.parametrize(
    ("aktif", "total", "meets"),
    [(4, 5, True), (3, 4, False), (8, 10, True), (7, 9, False)],
)
def test_kecamatan_80_percent_boundary(
    registry: PosyanduRegistry, aktif: int, total: int, meets: bool
) -> None:
    from posyandu_core.plugins.wilayah.performance import Performance

    results = [
        Performance(
            posyandu="64.74.01.1001.001",
            year=2026,
            indicators=(),
            stratum=None,
            aktif=i < aktif,
            aktif_unmet=(),
            missing=(),
        )
        for i in range(total)
    ]
    (row,) = aktif_share_report(results, registry).to_rows()
    assert row["meets_target"] is meets


@pytest.mark.parametrize(
    ("openings", "kader", "stratum"),
    [
        (7, 5.0, PosyanduStratum.PRATAMA),
        (8, 4.9, PosyanduStratum.PRATAMA),
        (8, 5.0, PosyanduStratum.MANDIRI),
    ],
)
def test_strata_boundaries_through_inputs(
    registry: PosyanduRegistry, openings: int, kader: float, stratum: PosyanduStratum
) -> None:
    inputs = {
        **INPUTS,
        "penimbangan_per_tahun": openings,
        "rerata_kader": kader,
        "cakupan_ds_pct": 50.0,
        "bulan_ds": 8,
        "alat_pertumbuhan": True,
    }
    assert (
        performance("64.74.01.1001.001", 2026, inputs=inputs, registry=registry).stratum
        is stratum
    )


def test_home_visits_count_as_activities_for_aktif_not_as_openings(
    tmp_path: Path, registry: PosyanduRegistry
) -> None:
    path = tiny_register(tmp_path)
    lines = path.read_text().splitlines()
    # August's open day becomes a home visit: 7 openings, 8 months with activity.
    lines = [
        line.replace("2026-08-10,hari_buka", "2026-08-12,kunjungan_rumah")
        for line in lines
    ]
    path.write_text("\n".join(lines) + "\n")
    result = performance(
        "64.74.01.1001.001",
        2026,
        register=read_register(path),
        inputs={
            **INPUTS,
            "kader_ber_sk": 5,
            "alat_pertumbuhan": True,
            "bulan_imunisasi": 8,
        },
        registry=registry,
    )
    assert result.value("openings_per_year") == 7
    assert result.value("activity_months") == 8
    assert (
        result.aktif is True
    )  # 8 activity months, 5 SK kader, KIA/KB/imunisasi at 8 months
    assert result.stratum is PosyanduStratum.PRATAMA  # 7 openings


HEADER = "person_id,name,sex,birth_date,posyandu,visit_date,visit_type,kader,weight_kg,status,hpht,delivery_date,immunizations"


def _kia_register(tmp_path: Path, visiting_in_march: int, pregnant: int) -> Path:
    """``pregnant`` women pregnant from January to April; ``visiting_in_march`` of them come in March."""
    lines = [HEADER]
    for i in range(pregnant):
        lines.append(
            f"w{i},W{i},P,1995-01-01,Posyandu Melati,2026-01-10,hari_buka,Nur,55,hamil,2025-12-01,,"
        )
        lines.append(
            f"w{i},W{i},P,1995-01-01,Posyandu Melati,2026-04-10,hari_buka,Nur,58,hamil,,,"
        )
        if i < visiting_in_march:
            lines.append(
                f"w{i},W{i},P,1995-01-01,Posyandu Melati,2026-03-10,hari_buka,Nur,57,hamil,,,"
            )
    for month in (2, 3):  # open days with no pregnant visitor but a child
        lines.append(
            f"c,C,L,2025-06-01,Posyandu Melati,2026-0{month}-10,hari_buka,Nur,8,,,,"
        )
    path = tmp_path / "kia.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize(
    ("visiting", "pregnant", "march_pct", "months"),
    # Before, on and after the 50 % line in March (January and April: all came).
    [(1, 3, 33.3, 2), (1, 2, 50.0, 3), (2, 3, 66.7, 3)],
)
def test_kia_coverage_from_pregnant_women_visiting(
    tmp_path: Path,
    registry: PosyanduRegistry,
    visiting: int,
    pregnant: int,
    march_pct: float,
    months: int,
) -> None:
    register = read_register(
        _kia_register(tmp_path, visiting, pregnant), today=D(2026, 12, 31)
    )
    result = performance(
        "64.74.01.1001.001", 2026, register=register, registry=registry
    )
    values = {i.name: i for i in result.indicators}
    # Open days Jan-Apr; February: nobody of the pregnant came (0 %).
    assert values["kia_pct"].source == "register"
    assert values["kia_pct"].value == round((100 + 0 + march_pct + 100) / 4, 1)
    assert values["months_kia"].value == months
    assert "hamil" in values["kia_pct"].reason
    # KB cannot come from a register: the reason says so.
    assert values["kb_pct"].source == "tidak_ada"
    assert "contraceptive" in values["kb_pct"].reason


def test_immunization_coverage_from_the_service(
    tmp_path: Path, registry: PosyanduRegistry
) -> None:
    # Two infants born 2026-01-05, seen on the March open day: "a" has every
    # dose due by then, "b" none (BCG and OPV1 overdue at the end of March).
    given = "HB0@2026-01-05;BCG@2026-01-20;OPV1@2026-02-05;DPT-HB-Hib1@2026-03-06;OPV2@2026-03-06;PCV1@2026-03-06;RV1@2026-03-06"
    lines = [HEADER]
    for person, doses in (("a", given), ("b", "")):
        lines.append(
            f"{person},{person.upper()},L,2026-01-05,Posyandu Melati,2026-03-10,hari_buka,Nur,5.0,,,,{doses}"
        )
    path = tmp_path / "imm.csv"
    path.write_text("\n".join(lines) + "\n")
    register = read_register(path, today=D(2026, 12, 31))
    result = performance(
        "64.74.01.1001.001", 2026, register=register, registry=registry, inputs=INPUTS
    )
    values = {i.name: i for i in result.indicators}
    # At the end of March 1 of 2 children is on schedule: 50 %, on the line.
    assert values["imunisasi_pct"].value == 50.0
    assert values["imunisasi_pct"].source == "register"
    assert values["months_imunisasi"].value == 1
    assert "kesehatan.imunisasi" in values["imunisasi_pct"].reason
    # No pregnant woman in this register: KIA comes from the inputs, with why.
    assert values["kia_pct"].source == "input"
    assert "hamil" in values["kia_pct"].reason


def test_a_register_without_doses_leaves_immunization_to_the_inputs(
    tmp_path: Path, registry: PosyanduRegistry
) -> None:
    register = read_register(tiny_register(tmp_path))
    result = performance(
        "64.74.01.1001.001", 2026, register=register, registry=registry, inputs=INPUTS
    )
    values = {i.name: i for i in result.indicators}
    assert (values["imunisasi_pct"].value, values["imunisasi_pct"].source) == (
        70.0,
        "input",
    )
    assert "no dose" in values["imunisasi_pct"].reason
