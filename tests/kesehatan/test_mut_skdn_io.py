"""The SKDN report's dictionary and CSV forms, and reading a report back (§5).

Exact outputs: the JSON-ready dictionary, the CSV text of a report with and
without a Posyandu, hand-filled CSV files (lower-case and empty cells) and
every error of :func:`read_skdn_csv` with its texts and row.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from tests.kesehatan.test_skdn import _register

from posyandu_core.errors import InputFileError
from posyandu_core.model import Sex
from posyandu_core.plugins.kesehatan._month import Month
from posyandu_core.plugins.kesehatan.skdn import (
    SkdnCell,
    SkdnCounts,
    SkdnReport,
    VitaminACoverage,
    check_skdn_consistency,
    read_skdn_csv,
    skdn_report,
)

D = dt.date
HEADER = "posyandu,month,band,sex,S,K,D,N,T,O,B,BGM,2T,VITA_S,VITA_D\n"
ZERO = dict.fromkeys(
    ("S", "K", "D", "N", "T", "O", "B", "BGM", "2T", "VITA_S", "VITA_D"), 0
)


def test_report_dictionary_is_exact() -> None:
    report = skdn_report(_register(), "2025-06", posyandu="Mawar")
    data = report.to_dict()
    assert data["month"] == "2025-06"
    assert data["posyandu"] == "Mawar"
    assert data["total"] == {**ZERO, "S": 3, "K": 2, "D": 2, "N": 1, "O": 1}
    # 2/3 and 1/3 show the rounding to one decimal of a percent
    assert data["ratios_percent"] == {
        "K/S": 66.7, "D/S": 66.7, "D/K": 100.0, "N/D": 50.0, "N/S": 33.3,
        "BGM/D": 0.0, "2T/D": 0.0, "T/D": 0.0, "N/(D-O-B)": 100.0,
        "VITA_D/VITA_S": None,
    }  # fmt: skip
    assert len(data["cells"]) == 8
    assert data["cells"][0] == {
        "band": "0-5", "sex": "L", **ZERO, "S": 1, "K": 1, "D": 1, "N": 1,
    }  # fmt: skip
    assert data["cells"][7] == {
        "band": "24-59", "sex": "P", **ZERO, "S": 1, "D": 1, "O": 1,
    }  # fmt: skip
    assert [(c["band"], c["sex"]) for c in data["cells"]] == [
        (band, sex) for band in ("0-5", "6-11", "12-23", "24-59") for sex in ("L", "P")
    ]
    assert data["lists"] == {
        k: [] for k in ("gizi_buruk", "gizi_kurang", "stunting", "2t", "bgm")
    }
    assert data["vitamin_a"] == []


@pytest.mark.parametrize(
    ("sasaran", "diberi", "percent"),
    [(3, 2, 66.7), (3, 1, 33.3), (7, 1, 14.3), (0, 0, None), (4, 4, 100.0)],
)
def test_vitamin_a_coverage_dictionary(
    sasaran: int, diberi: int, percent: float | None
) -> None:
    row = VitaminACoverage(
        capsule="biru",
        label_id="bayi 6-11 bulan",
        label_en="infants 6-11 months",
        sex=Sex.FEMALE,
        sasaran=sasaran,
        diberi=diberi,
    )
    assert row.to_dict() == {
        "capsule": "biru",
        "label_id": "bayi 6-11 bulan",
        "label_en": "infants 6-11 months",
        "sex": "P",
        "sasaran": sasaran,
        "diberi": diberi,
        "cakupan_percent": percent,
    }


def test_csv_of_one_posyandu_is_exact() -> None:
    text = skdn_report(_register(), "2025-06", posyandu="Mawar").to_csv()
    assert text == HEADER + (
        "Mawar,2025-06,0-5,L,1,1,1,1,0,0,0,0,0,0,0\n"
        "Mawar,2025-06,0-5,P,0,0,0,0,0,0,0,0,0,0,0\n"
        "Mawar,2025-06,6-11,L,0,0,0,0,0,0,0,0,0,0,0\n"
        "Mawar,2025-06,6-11,P,0,0,0,0,0,0,0,0,0,0,0\n"
        "Mawar,2025-06,12-23,L,0,0,0,0,0,0,0,0,0,0,0\n"
        "Mawar,2025-06,12-23,P,0,0,0,0,0,0,0,0,0,0,0\n"
        "Mawar,2025-06,24-59,L,1,1,0,0,0,0,0,0,0,0,0\n"
        "Mawar,2025-06,24-59,P,1,0,1,0,0,1,0,0,0,0,0\n"
        "Mawar,2025-06,total,,3,2,2,1,0,1,0,0,0,0,0\n"
    )


def test_csv_of_the_whole_register_has_an_empty_posyandu() -> None:
    text = skdn_report(_register(), "2025-06").to_csv()
    lines = text.splitlines()
    assert lines[0] + "\n" == HEADER
    assert lines[5] == ",2025-06,12-23,L,1,0,1,0,0,0,1,0,0,0,0"  # g at Melati: B
    assert lines[-1] == ",2025-06,total,,4,2,3,1,0,1,1,0,0,0,0"
    assert all(line.startswith(",2025-06,") for line in lines[1:])


def test_counts_from_a_hand_filled_mapping() -> None:
    # lower-case keys are read; a missing, None or empty count is 0
    counts = SkdnCounts.from_mapping(
        {"s": "12", "k": 10, "d": "9", "n": "5", "t": "2", "o": 1, "b": "1",
         "bgm": "", "vita_s": None}
    )  # fmt: skip
    assert counts == SkdnCounts(s=12, k=10, d=9, n=5, t=2, o=1, b=1)
    assert SkdnCounts.from_mapping({"2t": "3", "VITA_D": "4"}) == SkdnCounts(
        two_t=3, vita_d=4
    )
    # the upper-case key wins over the lower-case one
    assert SkdnCounts.from_mapping({"S": "7", "s": "9"}) == SkdnCounts(s=7)
    assert SkdnCounts.from_mapping({}) == SkdnCounts()
    assert SkdnCounts.from_mapping({"S": None, "K": ""}) == SkdnCounts()


def test_a_hand_filled_csv_reads_back_cell_by_cell() -> None:
    text = (
        "posyandu,month,band,sex,S,K,D,N,T,O,B\n"
        "Mawar,2025-08,total,,9,9,9,9,0,0,0\n"  # ignored, not the end of the file
        "Mawar,2025-08,0-5,L,4,3,3,2,1,0,0\n"
        "Mawar,2025-08,0-5,P,5,5,4,1,1,1,1\n"
        "Mawar,2025-08,Total,,9,8,7,3,2,1,1\n"
    )
    report = read_skdn_csv(io.StringIO(text))
    assert report.month == Month(2025, 8)
    assert report.posyandu == "Mawar"
    assert report.cells == (
        SkdnCell(band="0-5", sex=Sex.MALE, counts=SkdnCounts(s=4, k=3, d=3, n=2, t=1)),
        SkdnCell(
            band="0-5",
            sex=Sex.FEMALE,
            counts=SkdnCounts(s=5, k=5, d=4, n=1, t=1, o=1, b=1),
        ),
    )


def test_a_report_of_two_posyandu_has_none() -> None:
    text = HEADER + (
        "Mawar,2025-06,0-5,L,1,1,1,1,0,0,0,0,0,0,0\n"
        "Melati,2025-06,0-5,P,1,1,1,1,0,0,0,0,0,0,0\n"
    )
    report = read_skdn_csv(io.StringIO(text))
    assert report.posyandu is None
    assert report.total == SkdnCounts(s=2, k=2, d=2, n=2)
    blank = HEADER + ",2025-06,0-5,L,1,1,1,1,0,0,0,0,0,0,0\n"
    assert read_skdn_csv(io.StringIO(blank)).posyandu is None


def test_a_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    report = skdn_report(_register(), "2025-06", posyandu="Mawar")
    path = tmp_path / "skdn.csv"
    path.write_bytes(b"\xef\xbb\xbf" + report.to_csv().encode("utf-8"))
    back = read_skdn_csv(path)
    assert back.posyandu == "Mawar"  # the first column is "posyandu", not "\ufeff..."
    assert back.month == Month(2025, 6)
    assert back.total == report.total
    assert read_skdn_csv(str(path)).cells == back.cells


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.csv"
    with pytest.raises(InputFileError) as info:
        read_skdn_csv(path)
    error = info.value
    reason = f"[Errno 2] No such file or directory: '{path}'"
    assert error.message == f"cannot read SKDN report {path}: {reason}"
    assert error.message_id == f"laporan SKDN {path} tidak terbaca: {reason}"
    assert (
        error.fix == "give a UTF-8 CSV written by 'posyandu report skdn --format csv'"
    )
    assert error.fix_id == "berikan CSV UTF-8 hasil 'posyandu report skdn --format csv'"
    assert error.row is None


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(HEADER.encode() + b"Ma\xe9war,2025-06,0-5,L,1,1,1,1,0,0,0\n")
    with pytest.raises(InputFileError) as info:
        read_skdn_csv(path)
    assert info.value.message.startswith(f"cannot read SKDN report {path}: ")
    assert "codec can't decode byte 0xe9" in info.value.message


def test_missing_columns_are_named() -> None:
    with pytest.raises(InputFileError) as info:
        read_skdn_csv(io.StringIO("posyandu,month,band,sex,S,K,D,N,T\n"))
    error = info.value
    assert error.message == "SKDN report lacks columns: B, O"
    assert error.message_id == "laporan SKDN tidak punya kolom: B, O"
    assert error.fix == "use the columns of 'posyandu report skdn --format csv'"
    assert error.fix_id == "pakai kolom dari 'posyandu report skdn --format csv'"
    with pytest.raises(InputFileError, match="lacks columns: B, D, K, N, O, S, T"):
        read_skdn_csv(io.StringIO(""))


def test_an_unreadable_count_names_its_row() -> None:
    text = HEADER + (
        "Mawar,2025-06,0-5,L,1,1,1,1,0,0,0,0,0,0,0\n"
        "Mawar,2025-06,0-5,P,1,1,x,1,0,0,0,0,0,0,0\n"
    )
    with pytest.raises(InputFileError) as info:
        read_skdn_csv(io.StringIO(text))
    error = info.value
    reason = "invalid literal for int() with base 10: 'x'"
    assert error.message == reason
    assert error.message_id == f"baris laporan SKDN tidak terbaca ({reason})"
    assert error.row == 2
    assert error.fix == "counts are whole numbers, months YYYY-MM"
    assert error.fix_id == "jumlah berupa bilangan bulat, bulan YYYY-MM"
    assert isinstance(error.__cause__, ValueError)


def test_a_bad_first_row_is_row_one() -> None:
    text = HEADER + "Mawar,2025-13,0-5,L,1,1,1,1,0,0,0,0,0,0,0\n"
    with pytest.raises(InputFileError) as info:
        read_skdn_csv(io.StringIO(text))
    assert info.value.row == 1
    assert info.value.fix == "counts are whole numbers, months YYYY-MM"


def test_a_report_covers_one_month() -> None:
    text = HEADER + (
        "Mawar,2025-06,0-5,L,1,1,1,1,0,0,0,0,0,0,0\n"
        "Mawar,2025-07,0-5,P,1,1,1,1,0,0,0,0,0,0,0\n"
    )
    with pytest.raises(InputFileError) as info:
        read_skdn_csv(io.StringIO(text))
    assert info.value.message == "an SKDN report covers one month; found 2"
    assert info.value.message_id == "laporan SKDN mencakup satu bulan; terbaca 2"
    only_total = HEADER + "Mawar,2025-06,total,,1,1,1,1,0,0,0,0,0,0,0\n"
    with pytest.raises(InputFileError) as info:
        read_skdn_csv(io.StringIO(only_total))
    assert info.value.message == "an SKDN report covers one month; found 0"


def test_the_report_read_is_a_report() -> None:
    report = read_skdn_csv(
        io.StringIO(HEADER + "Mawar,2025-06,0-5,L,2,1,1,1,0,0,0,0,0,0,0\n")
    )
    assert report == SkdnReport(
        month=Month(2025, 6),
        posyandu="Mawar",
        cells=(
            SkdnCell(band="0-5", sex=Sex.MALE, counts=SkdnCounts(s=2, k=1, d=1, n=1)),
        ),
    )
    assert report.cells[0].sex is Sex.MALE


def test_a_read_report_is_checked_cell_by_cell_then_in_total() -> None:
    text = "posyandu,month,band,sex,S,K,D,N,T,O,B\n" + (
        "Mawar,2025-06,0-5,L,3,2,2,1,0,0,0\n"  # D = 2, N + T + O + B = 1
        "Mawar,2025-06,6-11,P,2,2,2,1,0,0,1\n"
    )
    issues = check_skdn_consistency(read_skdn_csv(io.StringIO(text)))
    assert [(i.code, i.field, i.value, i.message_id, i.message_en) for i in issues] == [
        ("skdn.d_sum", "D", 2, "0-5 L: D = 2 tetapi N + T + O + B = 1",
         "0-5 L: D = 2 but N + T + O + B = 1"),
        ("skdn.d_sum", "D", 4, "total: D = 4 tetapi N + T + O + B = 3",
         "total: D = 4 but N + T + O + B = 3"),
    ]  # fmt: skip
