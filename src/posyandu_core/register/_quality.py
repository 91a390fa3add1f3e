"""The data-quality summary every command ends with: what was read, what was used."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from posyandu_core.model import Issue, Severity

_SHOWN_ROWS = 10


@attrs.frozen(kw_only=True)
class LeftOut:
    """Values of one field that one rule left out of every computation."""

    code: str
    field: str | None
    rule: str | None
    rows: tuple[int, ...]
    #: The rows as the spreadsheet shows them, and the file's own header.
    sheet_rows: tuple[int, ...] = ()
    header: str | None = None

    def rows_text(self) -> str:
        """Return the spreadsheet rows: the first ten of them and a count of the rest."""
        rows = self.sheet_rows or self.rows
        shown = ", ".join(map(str, rows[:_SHOWN_ROWS]))
        more = len(rows) - _SHOWN_ROWS
        return shown + (f" … (+{more})" if more > 0 else "")


@attrs.frozen(kw_only=True)
class DataQuality:
    """What the validation gate did to a register.

    Parameters
    ----------
    source : str
        Where the register came from.
    rows_read : int
        Data rows read.
    rows_used : int
        Rows that reach the services (rows without an identity, or whose
        cells do not match the header, are left out whole).
    left_out : tuple of LeftOut
        Values (or rows, ``field`` None) left out, by issue code, with rows.
    errors, warnings, notes : int
        Issues found, by severity.
    """

    source: str
    rows_read: int
    rows_used: int
    left_out: tuple[LeftOut, ...] = ()
    errors: int = 0
    warnings: int = 0
    notes: int = 0

    @classmethod
    def from_issues(
        cls,
        source: str,
        rows_read: int,
        rows_used: int,
        issues: Sequence[Issue],
        masked: Iterable[Issue],
    ) -> DataQuality:
        """Summarise ``issues``; ``masked`` are those whose value was left out."""
        groups: dict[tuple[str, str | None, str | None], dict[int, int]] = {}
        headers: dict[tuple[str, str | None, str | None], str | None] = {}
        for issue in masked:
            key = (issue.code, issue.field, issue.rule)
            groups.setdefault(key, {})
            headers.setdefault(key, issue.header)
            if issue.row is not None:
                groups[key][issue.row] = issue.sheet_row or issue.row
        left = tuple(
            LeftOut(
                code=code, field=field, rule=rule, rows=tuple(sorted(rows)),
                sheet_rows=tuple(sorted(rows.values())),
                header=headers[code, field, rule],
            )
            for (code, field, rule), rows in sorted(
                groups.items(), key=lambda kv: kv[0][0]
            )
        )  # fmt: skip
        count = Counter(i.severity for i in issues)
        return cls(
            source=source,
            rows_read=rows_read,
            rows_used=rows_used,
            left_out=left,
            errors=count[Severity.ERROR],
            warnings=count[Severity.WARNING],
            notes=count[Severity.INFO],
        )

    @classmethod
    def combine(cls, source: str, parts: Iterable[DataQuality]) -> DataQuality:
        """Return one summary of registers read in parts (``zscores`` streams chunks).

        Examples
        --------
        >>> a = DataQuality(source="a", rows_read=2, rows_used=2, errors=1)
        >>> DataQuality.combine("r.csv", [a, a]).describe("en")
        'Data quality (r.csv): 4 rows read, 4 used; nothing left out; 2 errors, 0 warnings, 0 notes'
        """
        parts = list(parts)
        groups: dict[tuple[str, str | None, str | None], list[LeftOut]] = {}
        for part in parts:
            for group in part.left_out:
                groups.setdefault((group.code, group.field, group.rule), []).append(
                    group
                )
        left = tuple(
            LeftOut(
                code=code, field=field, rule=rule,
                rows=tuple(sorted(r for g in same for r in g.rows)),
                sheet_rows=tuple(sorted(r for g in same for r in g.sheet_rows)),
                header=same[0].header,
            )
            for (code, field, rule), same in sorted(groups.items(), key=lambda kv: kv[0][0])
        )  # fmt: skip
        return cls(
            source=source,
            rows_read=sum(p.rows_read for p in parts),
            rows_used=sum(p.rows_used for p in parts),
            left_out=left,
            errors=sum(p.errors for p in parts),
            warnings=sum(p.warnings for p in parts),
            notes=sum(p.notes for p in parts),
        )

    @property
    def complete(self) -> bool:
        """True when nothing was left out (the command may exit 0)."""
        return not self.left_out and self.rows_used == self.rows_read

    @property
    def values_left_out(self) -> int:
        """How many values (or whole rows, or columns) were left out."""
        return sum(max(len(g.rows), 1) for g in self.left_out)

    def describe(self, language: str = "both") -> str:
        """Return the summary as text: ``"id"``, ``"en"`` or ``"both"`` (default).

        Examples
        --------
        >>> print(DataQuality(source="r.csv", rows_read=3, rows_used=3).describe("en"))
        Data quality (r.csv): 3 rows read, 3 used; nothing left out; 0 errors, 0 warnings, 0 notes
        """
        lines = []
        if language in ("id", "both"):
            lines += self._lines_id()
        if language in ("en", "both"):
            lines += self._lines_en()
        return "\n".join(lines)

    def _lines_id(self) -> list[str]:
        head = (
            f"Mutu data ({self.source}): {self.rows_read} baris dibaca, "
            f"{self.rows_used} dipakai; "
            + ("tidak ada yang dikeluarkan" if self.complete else
               f"{self.values_left_out} nilai dikeluarkan dari perhitungan")
            + f"; {self.errors} kesalahan, {self.warnings} peringatan, {self.notes} catatan"
        )  # fmt: skip
        return [head] + [
            f"  dikeluarkan [{g.code}] {g.header or g.field or 'baris'}: "
            + (f"baris {g.rows_text()}" if g.rows else "seluruh kolom")
            for g in self.left_out
        ]

    def _lines_en(self) -> list[str]:
        head = (
            f"Data quality ({self.source}): {self.rows_read} rows read, "
            f"{self.rows_used} used; "
            + ("nothing left out" if self.complete else
               f"{self.values_left_out} values left out of every computation")
            + f"; {self.errors} errors, {self.warnings} warnings, {self.notes} notes"
        )  # fmt: skip
        return [head] + [
            f"  left out [{g.code}] {g.header or g.field or 'row'}: "
            + (f"rows {g.rows_text()}" if g.rows else "the whole column")
            for g in self.left_out
        ]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary (stable keys)."""
        return {
            "source": self.source,
            "rows_read": self.rows_read,
            "rows_used": self.rows_used,
            "complete": self.complete,
            "errors": self.errors,
            "warnings": self.warnings,
            "notes": self.notes,
            "left_out": [
                {
                    "code": g.code,
                    "field": g.field,
                    "rule": g.rule,
                    "rows": list(g.rows),
                    "header": g.header,
                    "sheet_rows": list(g.sheet_rows),
                }
                for g in self.left_out
            ],
        }
