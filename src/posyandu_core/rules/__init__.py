"""Validation rules: located, bilingual issues about records and tables.

A rule never changes data. It looks at one record (or a whole table) and
returns :class:`Issue` objects that say where the problem is, what the value
was and what to do, in Indonesian and English.
"""

from __future__ import annotations

from posyandu_core.rules._issue import Issue, Severity

__all__ = ["Issue", "Severity"]
