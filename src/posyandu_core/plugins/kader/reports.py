"""Kader reports: strata per unit against a Madya target, missing skills, next skills.

Pure functions: kader (and the registry) in, a
:class:`~posyandu_core.plugins._tables.TableResult` out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from posyandu_core._data import load_rule_table
from posyandu_core.model import KaderStratum
from posyandu_core.model.kader import Kader, kader_stratum, next_skills
from posyandu_core.plugins._tables import Col, TableResult
from posyandu_core.plugins.wilayah.hierarchy import LEVEL_LABELS, PosyanduRegistry

__all__ = [
    "missing_skills_report",
    "next_skills_report",
    "strata_report",
    "training_report",
]

_AT_LEAST_MADYA = frozenset({KaderStratum.MADYA, KaderStratum.UTAMA})


def _stratum(person: Kader, table: Mapping[str, Any] | None) -> KaderStratum | None:
    return kader_stratum(person.skills_mastered, table)


def strata_report(
    kader: Iterable[Kader],
    *,
    level: str = "posyandu",
    registry: PosyanduRegistry | None = None,
    target_pct: float | None = None,
    table: Mapping[str, Any] | None = None,
) -> TableResult:
    """Count kader per stratum in each unit and the share at Madya or higher.

    Parameters
    ----------
    kader : iterable of Kader
    level : str
        ``posyandu``, ``kelurahan``, ``kecamatan``, ``pustu``, ``puskesmas``
        or ``kota``.
    registry : PosyanduRegistry or None
        The hierarchy the kader's Posyandu are looked up in.
    target_pct : float or None
        Share (per cent) of kader to reach Madya or higher; None reads
        ``kader.toml`` (Bontang: 20).
    table : mapping or None
        A strata rule set in the shape of ``kader.toml`` (default: shipped).
    """
    reg = registry or PosyanduRegistry()
    target = float(
        load_rule_table("kader")["target"]["madya_or_higher_pct"]
        if target_pct is None
        else target_pct
    )
    units: dict[str, Counter[str]] = defaultdict(Counter)
    for person in kader:
        stratum = _stratum(person, table)
        units[reg.group_key(person.posyandu, level)][
            stratum.value if stratum else "belum"
        ] += 1
    rows = []
    for unit, counts in sorted(units.items()):
        total = sum(counts.values())
        high = counts["madya"] + counts["utama"]
        share = 100.0 * high / total
        rows.append(
            {
                "unit": unit,
                "kader": total,
                "belum": counts["belum"],
                "purwa": counts["purwa"],
                "madya": counts["madya"],
                "utama": counts["utama"],
                "madya_or_higher": high,
                "share_pct": round(share, 1),
                "target_pct": target,
                "meets_target": share >= target,
            }
        )
    return TableResult(
        title_id="Kader menurut strata",
        title_en="Kader by stratum",
        columns=(
            Col("unit", *LEVEL_LABELS[level]),
            Col("kader", "Jumlah kader", "Kader"),
            Col("belum", "Belum berstrata", "No stratum yet"),
            Col("purwa", "Purwa", "Purwa"),
            Col("madya", "Madya", "Madya"),
            Col("utama", "Utama", "Utama"),
            Col("madya_or_higher", "Madya ke atas", "Madya or higher"),
            Col("share_pct", "% Madya ke atas", "% Madya or higher"),
            Col("target_pct", "Target %", "Target %"),
            Col("meets_target", "Capai target", "Meets target"),
        ),
        rows=tuple(rows),
        notes=(
            "Strata: kader.toml (Purwa = A+B+C, Madya = Purwa + D atau E, Utama = 25)",
        ),
    )


def missing_skills_report(kader: Iterable[Kader]) -> TableResult:
    """Rank the 25 skills by how many kader lack them (most often missing first)."""
    data = load_rule_table("kader")
    people = list(kader)
    lacking = Counter(
        skill
        for person in people
        for group in data["groups"].values()
        for skill in group["skills"]
        if skill not in person.skills_mastered
    )
    group_of = {s: g for g, v in data["groups"].items() for s in v["skills"]}
    rows = [
        {
            "skill": skill,
            "group": group_of[skill],
            "label": data["skills"][skill]["label_id"],
            "kader_missing": lacking[skill],
            "share_pct": round(100.0 * lacking[skill] / len(people), 1)
            if people
            else None,
            "confidence": data["skills"][skill]["confidence"],
        }
        for skill in sorted(
            group_of, key=lambda s: (-lacking[s], list(group_of).index(s))
        )
    ]
    return TableResult(
        title_id="Keterampilan yang paling sering belum dikuasai",
        title_en="Skills most often missing",
        columns=(
            Col("skill", "Keterampilan", "Skill"),
            Col("group", "Kelompok", "Group"),
            Col("label", "Uraian", "Description"),
            Col("kader_missing", "Kader belum menguasai", "Kader missing it"),
            Col("share_pct", "% kader", "% of kader"),
            Col("confidence", "Keyakinan sumber", "Source confidence"),
        ),
        rows=tuple(rows),
        notes=(
            "[U]: uraian belum terverifikasi / wording unverified (DOMAIN.md §12.1)",
        ),
    )


def next_skills_report(
    kader: Iterable[Kader],
    *,
    registry: PosyanduRegistry | None = None,
    table: Mapping[str, Any] | None = None,
) -> TableResult:
    """For each kader: stratum, TKK held, next stratum and the skills still needed."""
    reg = registry or PosyanduRegistry()
    rows = []
    for person in kader:
        stratum = _stratum(person, table)
        target, needed = next_skills(person.skills_mastered, table)
        rows.append(
            {
                "id": person.id,
                "name": person.name,
                "posyandu": reg.group_key(person.posyandu, "posyandu"),
                "stratum": stratum.value if stratum else "belum",
                "tkk": person.tkk_count,
                "next_stratum": target.value if target else "-",
                "skills_needed": len(needed),
                "next_skills": needed,
            }
        )
    return TableResult(
        title_id="Keterampilan berikutnya menuju strata berikutnya",
        title_en="Next skills to the next stratum",
        columns=(
            Col("id", "ID kader", "Kader id"),
            Col("name", "Nama", "Name"),
            Col("posyandu", "Posyandu", "Posyandu"),
            Col("stratum", "Strata", "Stratum"),
            Col("tkk", "Jumlah TKK", "TKK held"),
            Col("next_stratum", "Strata berikutnya", "Next stratum"),
            Col("skills_needed", "Jumlah kurang", "Skills needed"),
            Col("next_skills", "Keterampilan yang perlu diuji", "Skills to pass"),
        ),
        rows=tuple(rows),
    )


def training_report(kader: Iterable[Kader]) -> TableResult:
    """Count attendance per training: kind, course, batch and class."""
    seen: dict[tuple[str, str, str, str], list[bool]] = defaultdict(list)
    for person in kader:
        for course in person.trainings:
            key = (
                course.kind.value,
                course.name,
                course.batch or "",
                course.klass or "",
            )
            seen[key].append(course.completed)
    rows = tuple(
        {
            "kind": k,
            "name": n,
            "batch": b,
            "class": c,
            "kader": len(done),
            "completed": sum(done),
        }
        for (k, n, b, c), done in sorted(seen.items())
    )
    return TableResult(
        title_id="Kehadiran pelatihan kader",
        title_en="Kader training attendance",
        columns=(
            Col("kind", "Jenis", "Kind"),
            Col("name", "Kegiatan", "Course"),
            Col("batch", "Angkatan", "Batch"),
            Col("class", "Kelas", "Class"),
            Col("kader", "Peserta", "Attendees"),
            Col("completed", "Selesai", "Completed"),
        ),
        rows=rows,
    )
