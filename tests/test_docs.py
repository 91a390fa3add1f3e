"""Docs show code that runs: python blocks are snippet includes of tested files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import posyandu_core.hookspecs as hookspecs
from posyandu_core.register import COLUMNS

ROOT = Path(__file__).parents[1]
PAGES = sorted((ROOT / "docs").rglob("*.md"))
BLOCK = re.compile(r"```python\n(.*?)```", re.S)
INCLUDE = re.compile(r'^--8<-- "([^"]+)"$')


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_python_blocks_are_included_from_tested_files(page: Path) -> None:
    for block in BLOCK.findall(page.read_text()):
        lines = [line for line in block.strip().splitlines() if line.strip()]
        for line in lines:
            match = INCLUDE.match(line.strip())
            assert match, f"{page.name}: inline python block; include it from examples/"
            assert (ROOT / match.group(1)).is_file(), match.group(1)


def test_register_format_documents_every_column() -> None:
    text = (ROOT / "docs" / "reference" / "register.md").read_text()
    for column in COLUMNS:
        assert f"`{column.name}`" in text


def test_every_hook_named_in_the_architecture_page_exists() -> None:
    text = (ROOT / "docs" / "explanation" / "plugin-architecture.md").read_text()
    assert "eleven `register_*` hooks" in text
    assert len([n for n in dir(hookspecs) if n.startswith("register_")]) == 11
