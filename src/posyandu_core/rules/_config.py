"""Rules under the user's control: switch a rule off or change its severity.

A TOML file (``posyandu validate --rules-config FILE``)::

    [rules]
    disable = ["core.calibration", "method.missing"]

    [rules.severity]
    "plausibility.weight_kg" = "error"
    "core.nik" = "warning"

A name is a rule id (``core.ranges``), an issue code (``range.weight_kg``)
or a code prefix ending at a dot (``plausibility`` covers
``plausibility.weight_kg``). ``--disable-rule ID`` adds to ``disable``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from posyandu_core.errors import InputFileError
from posyandu_core.model import Issue, Severity


def _matches(name: str, issue: Issue) -> bool:
    code = issue.code
    return name in (issue.rule, code) or code.startswith(name + ".")


@attrs.frozen(kw_only=True)
class RuleConfig:
    """Which rules are off and which issues get another severity.

    Examples
    --------
    >>> config = RuleConfig(disable=frozenset({"method"}))
    >>> issue = Issue(severity="warning", code="method.missing", message_id="-",
    ...               message_en="-")
    >>> config.apply([issue])
    []
    """

    disable: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = attrs.field(factory=dict)

    @classmethod
    def from_toml(cls, path: str | os.PathLike[str]) -> RuleConfig:
        """Read a rule configuration file.

        Raises
        ------
        InputFileError
            The file is missing, not TOML, or names an unknown severity.
        """
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            msg = f"no such rule configuration file: {path}"
            raise InputFileError(
                msg,
                message_id=f"berkas pengaturan aturan tidak ada: {path}",
                fix="check the path",
                fix_id="periksa nama dan folder berkas",
            ) from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            msg = f"{path} is not a valid TOML file: {exc}"
            raise InputFileError(
                msg,
                message_id=f"{path} bukan berkas TOML yang sah: {exc}",
                fix="see docs/reference/register.md",
                fix_id="lihat docs/reference/register.md",
            ) from exc
        rules = data.get("rules", {})
        unknown = set(rules) - {"disable", "severity"}
        if unknown:
            msg = f"{path}: unknown keys {sorted(unknown)} under [rules]"
            raise InputFileError(
                msg,
                message_id=f"{path}: kunci {sorted(unknown)} di [rules] tidak dikenal",
                fix="use 'disable' and [rules.severity]",
                fix_id="pakai 'disable' dan [rules.severity]",
            )
        try:
            severity = {k: Severity(v) for k, v in rules.get("severity", {}).items()}
        except ValueError as exc:
            msg = f"{path}: {exc}"
            raise InputFileError(
                msg,
                message_id=f"{path}: tingkat tidak dikenal ({exc})",
                fix="use error, warning or info",
                fix_id="pakai error, warning atau info",
            ) from exc
        return cls(disable=frozenset(rules.get("disable", ())), severity=severity)

    def with_disabled(self, names: Iterable[str]) -> RuleConfig:
        """Return a copy with ``names`` switched off as well."""
        return attrs.evolve(self, disable=self.disable | frozenset(names))

    def apply(self, issues: Iterable[Issue]) -> list[Issue]:
        """Drop issues of disabled rules and re-grade the others."""
        if not self.disable and not self.severity:
            return list(issues)
        # What happens to an issue depends on its rule, code and severity only.
        verdicts: dict[tuple[str | None, str, Severity], Severity | bool] = {}
        out = []
        for issue in issues:
            key = (issue.rule, issue.code, issue.severity)
            verdict = verdicts.get(key)
            if verdict is None:
                verdict = verdicts[key] = self._verdict(issue)
            if verdict is False:
                continue
            if verdict is not True:
                issue = attrs.evolve(issue, severity=verdict)
            out.append(issue)
        return out

    def _verdict(self, issue: Issue) -> Severity | bool:
        """Return False (disabled), the new severity, or True (kept as it is)."""
        if any(_matches(name, issue) for name in self.disable):
            return False
        for name, severity in self.severity.items():
            if _matches(name, issue) and issue.severity is not severity:
                return severity
        return True
