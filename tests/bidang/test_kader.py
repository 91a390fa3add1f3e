"""Kader competency: assessments -> TKK -> strata, against hand-worked counts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core._data import load_rule_table
from posyandu_core.errors import InputFileError
from posyandu_core.model import KaderStratum, SkillAssessment
from posyandu_core.model.kader import (
    Kader,
    kader_stratum,
    known_skills,
    next_skills,
    tkk_dates,
)
from posyandu_core.plugins.kader.files import read_kader
from posyandu_core.plugins.kader.reports import (
    missing_skills_report,
    next_skills_report,
    strata_report,
    training_report,
)
from posyandu_core.plugins.wilayah.hierarchy import read_posyandu

SKILLS = known_skills()
PURWA = [s for s in SKILLS if s[0] in "ABC"]


def group(letter: str) -> list[str]:
    return [s for s in SKILLS if s[0] == letter]


def test_25_skills_in_five_groups_with_unverified_items_marked() -> None:
    table = load_rule_table("kader")
    assert len(SKILLS) == 25
    assert [len(g["skills"]) for g in table["groups"].values()] == [4, 7, 6, 4, 4]
    unverified = {s for s, v in table["skills"].items() if v["confidence"] == "U"}
    assert {"B5", "B6", "B7"} | set(group("D")) | set(group("E")) == unverified
    assert set(table["skills"]) == set(SKILLS)


def test_domain_vector_87_seventeen_skills_make_purwa() -> None:
    assert len(PURWA) == 17
    assert kader_stratum(PURWA) is KaderStratum.PURWA


@pytest.mark.parametrize(
    ("skills", "stratum"),
    [
        (PURWA[:-1], None),  # one short of Purwa
        (PURWA, KaderStratum.PURWA),
        ([*PURWA, *group("D")[:3]], KaderStratum.PURWA),  # D incomplete
        ([*PURWA, *group("D")], KaderStratum.MADYA),
        ([*PURWA, *group("E")], KaderStratum.MADYA),
        ([*group("A"), *group("B"), *group("D"), *group("E")], None),  # no C
        ([*SKILLS[:-1]], KaderStratum.MADYA),  # 24 of 25
        (SKILLS, KaderStratum.UTAMA),
    ],
)
def test_strata_boundaries(skills: list[str], stratum: KaderStratum | None) -> None:
    assert kader_stratum(skills) is stratum


@given(st.sets(st.sampled_from(SKILLS)), st.sampled_from(SKILLS))
def test_one_more_skill_never_lowers_the_stratum(held: set[str], extra: str) -> None:
    order = [None, KaderStratum.PURWA, KaderStratum.MADYA, KaderStratum.UTAMA]
    assert order.index(kader_stratum(held | {extra})) >= order.index(
        kader_stratum(held)
    )


@given(st.sets(st.sampled_from(SKILLS)))
def test_next_skills_reach_the_next_stratum(held: set[str]) -> None:
    target, needed = next_skills(held)
    if target is None:
        assert kader_stratum(held) is KaderStratum.UTAMA
    else:
        # At least the target: passing C with D already held jumps to Madya.
        order = [None, KaderStratum.PURWA, KaderStratum.MADYA, KaderStratum.UTAMA]
        assert order.index(kader_stratum(held | set(needed))) >= order.index(target)
        assert not set(needed) & held


def test_next_skills_choose_the_nearer_group() -> None:
    assert next_skills([*PURWA, "D1", "E1", "E2"]) == (KaderStratum.MADYA, ("E3", "E4"))
    assert next_skills([*PURWA, "D1"]) == (KaderStratum.MADYA, ("D2", "D3", "D4"))


def test_the_rule_set_is_configurable() -> None:
    table = dict(load_rule_table("kader"))
    # A city that asks both D and E for Madya.
    table["strata"] = [
        {"stratum": "utama", "all_of": ["A", "B", "C", "D", "E"]},
        {"stratum": "madya", "all_of": ["A", "B", "C", "D"], "any_of": ["E"]},
        {"stratum": "purwa", "all_of": ["A", "B", "C"]},
    ]
    assert kader_stratum([*PURWA, *group("D")], table) is KaderStratum.PURWA


def test_tkk_once_earned_is_kept_and_first_pass_dates_it() -> None:
    tests = [
        SkillAssessment(skill="B3", date=dt.date(2026, 1, 5), passed=False),
        SkillAssessment(skill="B3", date=dt.date(2026, 2, 5), passed=True),
        SkillAssessment(skill="B3", date=dt.date(2026, 3, 5), passed=False),
        SkillAssessment(skill="A1", date=dt.date(2026, 1, 5), passed=False),
    ]
    assert tkk_dates(tests) == {"B3": dt.date(2026, 2, 5)}
    table = dict(load_rule_table("kader"))
    table["tkk"] = {"kept_once_passed": False}
    assert tkk_dates(tests, table) == {}
    assert Kader(id="k", name="K", assessments=tuple(tests)).skills_mastered == {"B3"}


MELATI, MAWAR = "64.74.01.1001.001", "64.74.01.1001.002"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """Five kader in two Posyandu of one Puskesmas; strata worked by hand.

    k1 Utama (25), k2 Madya (Purwa + E), k3 Purwa (17, B4 failed once then
    passed), k4 none (Purwa without C6: failed), k5 none (no tests).
    """
    posyandu = tmp_path / "posyandu.csv"
    posyandu.write_text(
        "nomor_registrasi,nama,kelurahan,kecamatan,kota,pustu,puskesmas,tempat\n"
        f"{MELATI},Posyandu Melati,Tanjung Laut,Bontang Selatan,Kota Bontang,Pustu TL,PKM BS I,balai\n"
        f"{MAWAR},Posyandu Mawar,Tanjung Laut,Bontang Selatan,Kota Bontang,Pustu TL,PKM BS I,Masjid\n"
    )
    kader = tmp_path / "kader.csv"
    kader.write_text(
        "id_kader,nama,posyandu,peran,no_sk\n"
        f"k1,Nur,{MELATI},ketua,SK/1\nk2,Ani,{MELATI},kader,SK/2\nk3,Ida,{MAWAR},kader,\n"
        "k4,Ros,Posyandu Mawar,kader,SK/4\nk5,Sum,Posyandu Mawar,kader,\n"
    )
    rows = ["id_kader,keterampilan,tanggal,penilai,lulus"]
    rows += [f"k1,{s},2026-02-01,Tim PKM,ya" for s in SKILLS]
    rows += [f"k2,{s},2026-02-01,Tim PKM,ya" for s in [*PURWA, *group("E")]]
    rows += ["k3,B4,2026-01-10,Tim PKM,tidak"]
    rows += [f"k3,{s},2026-02-01,Tim PKM,ya" for s in PURWA]
    rows += [
        f"k4,{s},2026-02-01,Tim PKM,{'tidak' if s == 'C6' else 'ya'}" for s in PURWA
    ]
    assessments = tmp_path / "penilaian.csv"
    assessments.write_text("\n".join(rows) + "\n")
    trainings = tmp_path / "pelatihan.csv"
    trainings.write_text(
        "id_kader,jenis,nama_kegiatan,tanggal,angkatan,kelas,selesai\n"
        "k1,kelas,Lokakarya 25 keterampilan,2025-07-01,1,1,ya\n"
        "k2,kelas,Lokakarya 25 keterampilan,2025-07-01,1,1,ya\n"
        "k3,lms,LMS Plataran Sehat,2025-10-01,,,tidak\n"
        "k4,praktik_lapangan,Praktik lapangan,2025-11-10,,,\n"
    )
    return posyandu, kader, assessments, trainings


def test_strata_report_against_hand_counts(
    files: tuple[Path, Path, Path, Path],
) -> None:
    posyandu, kader, assessments, trainings = files
    registry = read_posyandu(posyandu)
    people = read_kader(kader, assessments, trainings, registry=registry)
    assert [p.stratum for p in people] == [
        KaderStratum.UTAMA, KaderStratum.MADYA, KaderStratum.PURWA, None, None,
    ]  # fmt: skip
    assert [p.tkk_count for p in people] == [25, 21, 17, 16, 0]
    by_posyandu = {
        r["unit"]: r for r in strata_report(people, registry=registry).to_rows()
    }
    assert by_posyandu["Posyandu Melati"]["share_pct"] == 100.0
    mawar = by_posyandu["Posyandu Mawar"]
    assert (mawar["kader"], mawar["purwa"], mawar["belum"], mawar["share_pct"]) == (
        3,
        1,
        2,
        0.0,
    )
    assert mawar["meets_target"] is False
    (city,) = strata_report(people, level="kota", registry=registry).to_rows()
    # 2 of 5 at Madya or higher = 40 % >= 20 %; with a 50 % target it is missed.
    assert (city["unit"], city["madya_or_higher"], city["share_pct"]) == (
        "Kota Bontang",
        2,
        40.0,
    )
    assert city["meets_target"] is True
    (strict,) = strata_report(
        people, level="puskesmas", registry=registry, target_pct=50
    ).to_rows()
    assert strict["meets_target"] is False


def test_missing_and_next_skills(files: tuple[Path, Path, Path, Path]) -> None:
    _, kader, assessments, trainings = files
    people = read_kader(kader, assessments, trainings)
    missing = {
        r["skill"]: r["kader_missing"] for r in missing_skills_report(people).to_rows()
    }
    # D1-D4 lacked by k2..k5 (4), E1-E4 by k3..k5 (3), C6 by k4, k5 (2), A1 by k5 (1).
    assert missing["D1"] == 4
    assert missing["E4"] == 3
    assert missing["C6"] == 2
    assert missing["A1"] == 1
    assert next(iter(missing)) == "D1"
    rows = {r["id"]: r for r in next_skills_report(people).to_rows()}
    assert rows["k4"]["next_skills"] == ("C6",)
    assert rows["k3"]["next_skills"] == ("D1", "D2", "D3", "D4")
    assert rows["k1"]["next_stratum"] == "-"
    assert rows["k5"]["skills_needed"] == 17
    courses = training_report(people).to_rows()
    assert [(r["kind"], r["kader"], r["completed"]) for r in courses] == [
        ("kelas", 2, 2), ("lms", 1, 0), ("praktik_lapangan", 1, 1),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("which", "text", "row", "field"),
    [
        ("kader", "id_kader,nama,posyandu\nk1,A,X\nk1,B,X\n", 2, "id_kader"),
        ("kader", "id_kader,nama,posyandu,nik\nk1,A,X,12345\n", 1, "nik"),
        ("kader", "id_kader,nama\nk1,A\n", None, None),
        (
            "assessments",
            "id_kader,keterampilan,tanggal,lulus\nk9,A1,2026-01-01,ya\n",
            1,
            "id_kader",
        ),
        (
            "assessments",
            "id_kader,keterampilan,tanggal,lulus\nk1,F1,2026-01-01,ya\n",
            1,
            "keterampilan",
        ),
        (
            "assessments",
            "id_kader,keterampilan,tanggal,lulus\nk1,A1,2026-01-01,mungkin\n",
            1,
            "lulus",
        ),
        (
            "trainings",
            "id_kader,jenis,nama_kegiatan,tanggal\nk1,webinar,X,2026-01-01\n",
            1,
            "jenis",
        ),
    ],
)
def test_bad_kader_files(
    tmp_path: Path, which: str, text: str, row: int | None, field: str | None
) -> None:
    kader = tmp_path / "kader.csv"
    kader.write_text("id_kader,nama,posyandu\nk1,A,X\n")
    paths: dict[str, Path | None] = {
        "kader": kader,
        "assessments": None,
        "trainings": None,
    }
    target = tmp_path / f"{which}.csv"
    target.write_text(text)
    paths[which] = target
    with pytest.raises(InputFileError) as info:
        read_kader(
            kader if which != "kader" else target,
            paths["assessments"],
            paths["trainings"],
        )
    assert (info.value.row, info.value.field) == (row, field)
    assert info.value.fix


def test_kader_of_an_unknown_posyandu(
    files: tuple[Path, Path, Path, Path], tmp_path: Path
) -> None:
    posyandu, *_ = files
    kader = tmp_path / "other.csv"
    kader.write_text("id_kader,nama,posyandu\nk1,A,Posyandu Teratai\n")
    with pytest.raises(InputFileError, match="registry") as info:
        read_kader(kader, registry=read_posyandu(posyandu))
    assert (info.value.row, info.value.field) == (1, "posyandu")


def test_one_workbook_with_three_sheets(
    files: tuple[Path, Path, Path, Path], tmp_path: Path
) -> None:
    import csv

    import openpyxl

    _, *paths = files
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    for name, path in zip(("kader", "penilaian", "pelatihan"), paths, strict=True):
        sheet = book.create_sheet(name)
        with path.open(encoding="utf-8") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    workbook = tmp_path / "kader.xlsx"
    book.save(workbook)
    people = read_kader(workbook, workbook, workbook)
    assert [p.tkk_count for p in people] == [25, 21, 17, 16, 0]
    assert sum(len(p.trainings) for p in people) == 4


def test_strata_rules_file_on_the_command_line(
    files: tuple[Path, Path, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from posyandu_core.cli import main

    _, kader, assessments, _ = files
    rules = tmp_path / "strata.toml"
    # Madya needs D and E both: k2 (Purwa + E) drops to Purwa.
    rules.write_text(
        '[[strata]]\nstratum = "utama"\nall_of = ["A", "B", "C", "D", "E"]\n'
        '[[strata]]\nstratum = "madya"\nall_of = ["A", "B", "C", "D", "E"]\n'
        '[[strata]]\nstratum = "purwa"\nall_of = ["A", "B", "C"]\n'
    )
    argv = [
        "kader",
        "strata",
        str(kader),
        "--assessments",
        str(assessments),
        "--level",
        "kota",
        "--format",
        "json",
    ]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["rows"][0]["madya"] == 1
    assert main([*argv, "--rules", str(rules)]) == 0
    (row,) = json.loads(capsys.readouterr().out)["rows"]
    assert (row["madya"], row["purwa"], row["utama"]) == (0, 2, 1)
    rules.write_text('[[strata]]\nstratum = "emas"\nall_of = ["A"]\n')
    assert main([*argv, "--rules", str(rules)]) == 2
    assert "rule 1 is invalid" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("madya", "total", "target", "meets"),
    [(1, 5, None, True), (1, 5, 20.1, False), (1, 6, None, False), (2, 10, 19.9, True)],
)
def test_madya_target_boundary(
    madya: int, total: int, target: float | None, meets: bool
) -> None:
    skilled = [*PURWA, *group("D")]
    people = [
        Kader(
            id=f"k{i}",
            name="K",
            posyandu="P",
            skills_mastered=skilled if i < madya else PURWA,
        )
        for i in range(total)
    ]
    (row,) = strata_report(people, target_pct=target).to_rows()
    assert row["meets_target"] is meets
