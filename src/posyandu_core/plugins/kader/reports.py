"""Kader reports: strata per unit against a Madya target, missing skills, next skills.

Pure functions: kader (and the registry) in, a
:class:`~posyandu_core.hookspecs.Table` out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from posyandu_core._data import load_rule_table
from posyandu_core.hookspecs import Option, Report, Table
from posyandu_core.model import KaderStratum
from posyandu_core.model.kader import Kader, kader_stratum, next_skills
from posyandu_core.plugins._files import columns, file_report
from posyandu_core.plugins.wilayah.hierarchy import (
    LEVEL_LABELS,
    POSYANDU_FILE_OPTION,
    PosyanduRegistry,
    level_option,
    registry_from,
)
from posyandu_core.register import Register

__all__ = [
    "REPORTS",
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
) -> Table:
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
    return Table(
        title_id="Kader menurut strata",
        title_en="Kader by stratum",
        columns=columns(
            ("unit", *LEVEL_LABELS[level]),
            ("kader", "Jumlah kader", "Kader"),
            ("belum", "Belum berstrata", "No stratum yet"),
            ("purwa", "Purwa", "Purwa"),
            ("madya", "Madya", "Madya"),
            ("utama", "Utama", "Utama"),
            ("madya_or_higher", "Madya ke atas", "Madya or higher"),
            ("share_pct", "% Madya ke atas", "% Madya or higher"),
            ("target_pct", "Target %", "Target %"),
            ("meets_target", "Capai target", "Meets target"),
        ),
        rows=tuple(rows),
        notes=(
            "Strata: kader.toml (Purwa = A+B+C, Madya = Purwa + D atau E, Utama = 25)",
        ),
    )


def missing_skills_report(kader: Iterable[Kader]) -> Table:
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
    return Table(
        title_id="Keterampilan yang paling sering belum dikuasai",
        title_en="Skills most often missing",
        columns=columns(
            ("skill", "Keterampilan", "Skill"),
            ("group", "Kelompok", "Group"),
            ("label", "Uraian", "Description"),
            ("kader_missing", "Kader belum menguasai", "Kader missing it"),
            ("share_pct", "% kader", "% of kader"),
            ("confidence", "Keyakinan sumber", "Source confidence"),
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
) -> Table:
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
    return Table(
        title_id="Keterampilan berikutnya menuju strata berikutnya",
        title_en="Next skills to the next stratum",
        columns=columns(
            ("id", "ID kader", "Kader id"),
            ("name", "Nama", "Name"),
            ("posyandu", "Posyandu", "Posyandu"),
            ("stratum", "Strata", "Stratum"),
            ("tkk", "Jumlah TKK", "TKK held"),
            ("next_stratum", "Strata berikutnya", "Next stratum"),
            ("skills_needed", "Jumlah kurang", "Skills needed"),
            ("next_skills", "Keterampilan yang perlu diuji", "Skills to pass"),
        ),
        rows=tuple(rows),
    )


def training_report(kader: Iterable[Kader]) -> Table:
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
    return Table(
        title_id="Kehadiran pelatihan kader",
        title_en="Kader training attendance",
        columns=columns(
            ("kind", "Jenis", "Kind"),
            ("name", "Kegiatan", "Course"),
            ("batch", "Angkatan", "Batch"),
            ("class", "Kelas", "Class"),
            ("kader", "Peserta", "Attendees"),
            ("completed", "Selesai", "Completed"),
        ),
        rows=rows,
    )


# -- the reports ---------------------------------------------------------------------

_INPUTS = (
    Option(name="kader_file", required=True, help="daftar kader / kader list (kader.csv or .xlsx)"),
    Option(name="assessments", help="penilaian / assessments (penilaian_kader.csv); skills, TKK and strata come from them"),
    Option(name="trainings", help="pelatihan / trainings (pelatihan_kader.csv)"),
    POSYANDU_FILE_OPTION,
)  # fmt: skip
_RULES = Option(
    name="rules",
    help="aturan strata / strata rule set (TOML with [[strata]] as in kader.toml) instead of the shipped one",
)
_TARGET = Option(
    name="target", type=float,
    help="target % Madya ke atas / target share at Madya or higher (default 20)",
)  # fmt: skip


def _build(report: str, register: Register, options: Mapping[str, Any]) -> Table:
    """Read the kader files once, then lay out ``report``."""
    from posyandu_core.model.kader import strata_rules
    from posyandu_core.plugins.kader.files import read_kader

    registry = registry_from(options)
    people = read_kader(
        options["kader_file"],
        options.get("assessments"),
        options.get("trainings"),
        registry=registry,
    )
    rules = strata_rules(options["rules"]) if options.get("rules") else None
    if report == "strata":
        return strata_report(
            people,
            level=options["level"],
            registry=registry,
            target_pct=options.get("target"),
            table=rules,
        )
    if report == "berikutnya":
        return next_skills_report(people, registry=registry, table=rules)
    if report == "kurang":
        return missing_skills_report(people)
    return training_report(people)


def _report(word: str, title_id: str, title_en: str, *extra: Option) -> Report:
    return file_report(
        "kader", word, (title_id, title_en), build=_build, source="kader_file",
        options=(*_INPUTS, *extra),
    )  # fmt: skip


#: ``posyandu report kader-…`` (aliases ``posyandu kader strata|kurang|berikutnya|pelatihan``).
REPORTS = (
    _report("strata", "Kader menurut strata per wilayah, dibanding target Madya",
            "Kader by stratum per unit, against the Madya target",
            _RULES, level_option(), _TARGET),
    _report("kurang", "Keterampilan yang paling sering belum dikuasai", "Skills most often missing"),
    _report("berikutnya", "Strata berikutnya tiap kader dan keterampilan yang masih perlu",
            "Each kader's next stratum and the skills still needed", _RULES),
    _report("pelatihan", "Kehadiran pelatihan: angkatan dan kelas, LMS, praktik lapangan",
            "Training attendance: classroom batch and class, LMS, field practice"),
)  # fmt: skip
