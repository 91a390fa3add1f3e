"""Kader: the people who run a Posyandu, their skills, TKK and stratum.

The 25 basic skills, their groups and the strata rule set are data
(``data/rules/kader.toml``, DOMAIN.md §12.1-§12.2). Mastered skills follow
from assessment records; a TKK (Tanda Kecakapan Kader) is earned per passed
skill.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from attrs import validators as v

from posyandu_core._data import load_rule_table
from posyandu_core.errors import RuleDataError, UsageError
from posyandu_core.model._enums import KaderStratum
from posyandu_core.model._nik import NIK_PATTERN

__all__ = [
    "Kader",
    "SkillAssessment",
    "Training",
    "TrainingKind",
    "kader_stratum",
    "known_skills",
    "mastered_skills",
    "next_skills",
    "strata_rules",
    "tkk_dates",
]


def _table(table: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return load_rule_table("kader") if table is None else table


def known_skills(table: Mapping[str, Any] | None = None) -> tuple[str, ...]:
    """Return the skill ids in table order (A1 … E4).

    Examples
    --------
    >>> len(known_skills())
    25
    """
    return tuple(s for g in _table(table)["groups"].values() for s in g["skills"])


def kader_stratum(
    skills: Iterable[str], table: Mapping[str, Any] | None = None
) -> KaderStratum | None:
    """Return the stratum reached with the mastered ``skills`` (None: not yet).

    Examples
    --------
    >>> skills = ["A1", "A2", "A3", "A4", *[f"B{i}" for i in range(1, 8)],
    ...           *[f"C{i}" for i in range(1, 7)]]
    >>> kader_stratum(skills)
    <KaderStratum.PURWA: 'purwa'>
    """
    data = _table(table)
    mastered = frozenset(skills)
    complete = {
        name for name, g in data["groups"].items() if set(g["skills"]) <= mastered
    }
    for rule in data["strata"]:
        if set(rule["all_of"]) <= complete and (
            not rule.get("any_of") or complete & set(rule["any_of"])
        ):
            return KaderStratum(rule["stratum"])
    return None


def strata_rules(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a strata rule set (``[[strata]]`` tables) over the shipped skill groups.

    The file holds ``[[strata]]`` entries like ``kader.toml`` (``stratum``,
    ``all_of``, optional ``any_of``, highest first); groups and skills stay
    the shipped ones unless the file gives its own ``[groups]``.

    Raises
    ------
    RuleDataError
        The file is not TOML, has no strata, or names an unknown group or
        stratum.
    """
    import tomllib

    try:
        with open(path, "rb") as handle:
            given = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        msg = f"strata rules {path} cannot be read: {exc}"
        raise RuleDataError(
            msg,
            message_id=f"aturan strata {path} tidak terbaca: {exc}",
            fix="write TOML with [[strata]] tables as in kader.toml",
            fix_id="tulis TOML dengan tabel [[strata]] seperti di kader.toml",
        ) from exc
    table = {**load_rule_table("kader"), **given}
    if not given.get("strata"):
        msg = f"{path}: no [[strata]] tables"
        raise RuleDataError(
            msg,
            message_id=f"{path}: tidak ada tabel [[strata]]",
            fix="add [[strata]] tables with stratum and all_of",
            fix_id="tambahkan tabel [[strata]] dengan stratum dan all_of",
        )
    for number, rule in enumerate(table["strata"], start=1):
        groups = [*rule.get("all_of", ()), *rule.get("any_of", ())]
        unknown = [g for g in groups if g not in table["groups"]]
        if unknown or rule.get("stratum") not in {s.value for s in KaderStratum}:
            groups_known = ", ".join(table["groups"])
            msg = f"{path}: strata rule {number} is invalid"
            raise RuleDataError(
                msg,
                message_id=f"{path}: aturan strata ke-{number} tidak sah",
                field="strata",
                value=rule,
                fix=f"stratum one of purwa, madya, utama; groups among {groups_known}",
                fix_id=f"stratum salah satu dari purwa, madya, utama; kelompok di "
                f"antara {groups_known}",
            )
    return table


def next_skills(
    skills: Iterable[str], table: Mapping[str, Any] | None = None
) -> tuple[KaderStratum | None, tuple[str, ...]]:
    """Return the next stratum above the one reached and the fewest skills to it.

    When a rule offers a choice (Madya: group D *or* E), the group with fewer
    missing skills is chosen (the first listed on a tie). At the top stratum
    the answer is ``(None, ())``.

    Examples
    --------
    >>> purwa = [s for s in known_skills() if s[0] in "ABC"]
    >>> next_skills([*purwa, "E1", "E2", "E3"])
    (<KaderStratum.MADYA: 'madya'>, ('E4',))
    """
    data = _table(table)
    mastered = frozenset(skills)
    reached = kader_stratum(mastered, data)
    rules = list(reversed(data["strata"]))  # lowest first
    order = [KaderStratum(r["stratum"]) for r in rules]
    start = 0 if reached is None else order.index(reached) + 1
    if start >= len(rules):
        return None, ()
    rule = rules[start]
    groups = data["groups"]

    def missing(group: str) -> list[str]:
        return [s for s in groups[group]["skills"] if s not in mastered]

    needed = [s for g in rule["all_of"] for s in missing(g)]
    if rule.get("any_of"):
        choice = min(rule["any_of"], key=lambda g: len(missing(g)))
        needed += [s for s in missing(choice) if s not in needed]
    return order[start], tuple(needed)


@attrs.frozen(kw_only=True)
class SkillAssessment:
    """One competency test of one skill (uji kompetensi).

    Parameters
    ----------
    skill : str
        Skill id, e.g. ``"B3"``.
    date : datetime.date
        Day of the test.
    assessor : str
        Who assessed (e.g. the Puskesmas team).
    passed : bool
        Whether the kader passed.
    """

    skill: str
    date: dt.date
    assessor: str = ""
    passed: bool = False


class TrainingKind(enum.StrEnum):
    """How a kader was trained."""

    KELAS = "kelas"  # classroom workshop, in batches and classes
    LMS = "lms"  # Kemenkes LMS (Plataran Sehat) course
    PRAKTIK = "praktik_lapangan"  # field practice


@attrs.frozen(kw_only=True)
class Training:
    """A training a kader attended.

    Parameters
    ----------
    kind : TrainingKind
        Classroom, LMS or field practice.
    name : str
        Course or workshop name.
    date : datetime.date
        First day.
    batch, klass : str or None
        Classroom batch (angkatan) and class (kelas).
    completed : bool
        Whether the kader completed it.
    """

    kind: TrainingKind = attrs.field(converter=TrainingKind)
    name: str
    date: dt.date
    batch: str | None = None
    klass: str | None = None
    completed: bool = True


def tkk_dates(
    assessments: Iterable[SkillAssessment], table: Mapping[str, Any] | None = None
) -> dict[str, dt.date]:
    """Return the date each skill's TKK was earned (skills held now only).

    With ``kept_once_passed`` (default) the first pass earns it for good;
    otherwise the latest assessment of a skill decides.
    """
    keep = _table(table)["tkk"]["kept_once_passed"]
    earned: dict[str, dt.date] = {}
    for item in sorted(assessments, key=lambda a: a.date):
        if item.passed:
            earned.setdefault(item.skill, item.date)
        elif not keep:
            earned.pop(item.skill, None)
    return earned


def mastered_skills(assessments: Iterable[SkillAssessment]) -> frozenset[str]:
    """Return the skills whose TKK is held."""
    return frozenset(tkk_dates(assessments))


def _known(values: Iterable[str]) -> frozenset[str]:
    skills = frozenset(values)
    unknown = sorted(skills - set(known_skills()))
    if unknown:
        msg = f"unknown kader skill ids {unknown}"
        raise UsageError(
            msg,
            message_id=f"id keterampilan kader tidak dikenal {unknown}",
            fix="use the ids A1–A4, B1–B7, C1–C6, D1–D4, E1–E4",
            fix_id="pakai id A1–A4, B1–B7, C1–C6, D1–D4, E1–E4",
        )
    return skills


def _from_assessments(self: Kader) -> frozenset[str]:
    return mastered_skills(self.assessments)


@attrs.frozen(kw_only=True)
class Kader:
    """A Posyandu cadre (kader) with the basic skills they have mastered.

    Parameters
    ----------
    id : str
        Local id.
    name : str
        Full name.
    nik : str or None
        16-digit NIK.
    role : str
        ``ketua``, ``sekretaris``, ``bendahara``, ``ketua_bidang``, ``kader``.
    posyandu : str or None
        Registration number (or name) of the Posyandu.
    sk_number : str or None
        The SK Kepala Desa/Lurah that legalises the kader.
    assessments : tuple of SkillAssessment
        Competency tests taken.
    trainings : tuple of Training
        Trainings attended.
    skills_mastered : frozenset of str
        Defaults to the skills whose TKK the assessments earned.
    """

    id: str = attrs.field(validator=v.min_len(1))
    name: str
    nik: str | None = attrs.field(
        default=None, validator=v.optional(v.matches_re(NIK_PATTERN))
    )
    role: str = "kader"
    posyandu: str | None = None
    sk_number: str | None = None
    assessments: tuple[SkillAssessment, ...] = ()
    trainings: tuple[Training, ...] = ()
    skills_mastered: frozenset[str] = attrs.field(
        default=attrs.Factory(_from_assessments, takes_self=True), converter=_known
    )

    @property
    def stratum(self) -> KaderStratum | None:
        """The competency stratum the mastered skills reach (DOMAIN.md §12.2)."""
        return kader_stratum(self.skills_mastered)

    @property
    def tkk_count(self) -> int:
        """Number of TKK held (one per mastered skill)."""
        return len(self.skills_mastered)
