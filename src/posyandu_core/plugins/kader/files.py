"""Kader files: the kader list, their assessments and their trainings.

Three tables with Indonesian headers, as three CSV files or three sheets of
one xlsx workbook (``kader``, ``penilaian``, ``pelatihan``).
"""

from __future__ import annotations

import os
from collections import defaultdict

import attrs

from posyandu_core.model.kader import (
    Kader,
    SkillAssessment,
    Training,
    TrainingKind,
    known_skills,
)
from posyandu_core.plugins._files import Field, Schema, read_table
from posyandu_core.plugins.wilayah.hierarchy import PosyanduRegistry, posyandu_of

__all__ = ["ASSESSMENT_FILE", "KADER_FILE", "TRAINING_FILE", "read_kader"]

KADER_FILE = Schema(
    name="kader",
    fields=(
        Field(name="id_kader", required=True, description="kader id", aliases=("kader_id", "id")),
        Field(name="nama", required=True, description="name", aliases=("name",)),
        Field(name="posyandu", required=True, description="registration number or name"),
        Field(name="nik", description="16-digit NIK"),
        Field(name="peran", description="ketua, sekretaris, bendahara, ketua_bidang, kader", aliases=("role",)),
        Field(name="no_sk", description="SK Kepala Desa/Lurah number (legalised kader)", aliases=("sk_number",)),
    ),
)  # fmt: skip

ASSESSMENT_FILE = Schema(
    name="penilaian",
    fields=(
        Field(name="id_kader", required=True, description="kader id", aliases=("kader_id",)),
        Field(name="keterampilan", required=True, description="skill id A1..E4", aliases=("skill",)),
        Field(name="tanggal", kind="date", required=True, description="test date", aliases=("date",)),
        Field(name="penilai", description="assessor (e.g. Tim Puskesmas)", aliases=("assessor",)),
        Field(name="lulus", kind="bool", required=True, description="ya/tidak", aliases=("passed",)),
    ),
)  # fmt: skip

TRAINING_FILE = Schema(
    name="pelatihan",
    fields=(
        Field(name="id_kader", required=True, description="kader id", aliases=("kader_id",)),
        Field(name="jenis", required=True, description="kelas, lms or praktik_lapangan", aliases=("kind",)),
        Field(name="nama_kegiatan", required=True, description="course or workshop", aliases=("name",)),
        Field(name="tanggal", kind="date", required=True, description="first day", aliases=("date",)),
        Field(name="angkatan", description="classroom batch", aliases=("batch",)),
        Field(name="kelas", description="classroom class", aliases=("class",)),
        Field(name="selesai", kind="bool", description="completed (ya/tidak, default ya)", aliases=("completed",)),
    ),
)  # fmt: skip


def read_kader(
    kader: str | os.PathLike[str],
    assessments: str | os.PathLike[str] | None = None,
    trainings: str | os.PathLike[str] | None = None,
    *,
    registry: PosyanduRegistry | None = None,
) -> list[Kader]:
    """Read kader with their assessments and trainings into :class:`Kader` objects.

    Each path may be a CSV file or an xlsx workbook (the sheet named after
    the table is used, else the first). Skills mastered, TKK and stratum
    follow from the assessments.

    Raises
    ------
    InputFileError
        A cell cannot be read, a kader id is repeated or unknown, a skill id
        or training kind is unknown, or a Posyandu is not in ``registry``.
    """
    people: dict[str, Kader] = {}
    for record in read_table(kader, KADER_FILE):
        key = record.get("id_kader")
        if key in people:
            raise record.error(
                field="id_kader",
                message="duplicate kader id",
                message_id="id kader ganda",
                fix="give each kader one row",
                fix_id="tulis setiap kader dalam satu baris",
            )
        posyandu = posyandu_of(record, registry)
        try:
            people[key] = Kader(
                id=key,
                name=record.get("nama"),
                nik=record.get("nik"),
                role=(record.get("peran") or "kader").lower(),
                posyandu=posyandu,
                sk_number=record.get("no_sk"),
            )
        except ValueError:
            raise record.error(
                field="nik",
                message="NIK must be 16 digits",
                message_id="NIK harus 16 angka",
                fix="write the NIK as 16 digits (as text)",
                fix_id="tulis NIK 16 angka (sebagai teks)",
            ) from None
    tests: dict[str, list[SkillAssessment]] = defaultdict(list)
    skills = known_skills()
    for record in read_table(assessments, ASSESSMENT_FILE) if assessments else ():
        if record.get("id_kader") not in people:
            raise record.error(
                field="id_kader",
                message="not in the kader list",
                message_id="kader tidak ada di daftar kader",
                fix="add the kader to the kader file first",
                fix_id="tambahkan kadernya ke berkas kader dulu",
            )
        skill = record.get("keterampilan").upper()
        if skill not in skills:
            raise record.error(
                field="keterampilan",
                message="unknown skill",
                message_id="keterampilan tidak dikenal",
                fix="use A1-A4, B1-B7, C1-C6, D1-D4 or E1-E4",
                fix_id="pakai A1-A4, B1-B7, C1-C6, D1-D4 atau E1-E4",
            )
        tests[record.get("id_kader")].append(
            SkillAssessment(
                skill=skill,
                date=record.get("tanggal"),
                assessor=record.get("penilai") or "",
                passed=record.get("lulus"),
            )
        )
    courses: dict[str, list[Training]] = defaultdict(list)
    for record in read_table(trainings, TRAINING_FILE) if trainings else ():
        if record.get("id_kader") not in people:
            raise record.error(
                field="id_kader",
                message="not in the kader list",
                message_id="kader tidak ada di daftar kader",
                fix="add the kader to the kader file first",
                fix_id="tambahkan kadernya ke berkas kader dulu",
            )
        try:
            kind = TrainingKind(record.get("jenis").lower())
        except ValueError:
            raise record.error(
                field="jenis",
                message="unknown training kind",
                message_id="jenis pelatihan tidak dikenal",
                fix="use kelas, lms or praktik_lapangan",
                fix_id="pakai kelas, lms atau praktik_lapangan",
            ) from None
        completed = record.get("selesai")
        courses[record.get("id_kader")].append(
            Training(
                kind=kind,
                name=record.get("nama_kegiatan"),
                date=record.get("tanggal"),
                batch=record.get("angkatan"),
                klass=record.get("kelas"),
                completed=True if completed is None else completed,
            )
        )
    return [
        _with(person, tuple(tests[key]), tuple(courses[key]))
        for key, person in people.items()
    ]


def _with(
    person: Kader, tests: tuple[SkillAssessment, ...], courses: tuple[Training, ...]
) -> Kader:
    from posyandu_core.model.kader import mastered_skills

    return attrs.evolve(
        person,
        assessments=tests,
        trainings=courses,
        skills_mastered=mastered_skills(tests),
    )
