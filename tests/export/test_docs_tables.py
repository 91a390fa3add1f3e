"""The export reference page matches the data tables it documents."""

from __future__ import annotations

from pathlib import Path

from posyandu_core.plugins.export._common import load_export_table
from posyandu_core.plugins.export.eppgbm import column_sets
from posyandu_core.plugins.export.tidy import tidy_columns
from posyandu_core.registry import get_registry

ROOT = Path(__file__).parents[2]
PAGE = (ROOT / "docs" / "reference" / "export-tables.md").read_text(encoding="utf-8")


def test_every_column_and_code_is_documented() -> None:
    for columns in column_sets().values():
        for header, _ in columns:
            assert f"`{header}`" in PAGE, header
    for column in tidy_columns("day") + tidy_columns("month"):
        assert f"`{column.name}`" in PAGE or column.name == "birth_month"
    for spec in load_export_table("fhir")["observations"].values():
        assert f"`{spec['loinc']}`" in PAGE
    for vaccine in load_export_table("vaccines")["vaccines"].values():
        assert f"`{vaccine['cvx']}`" in PAGE
        if "kfa" in vaccine:
            assert vaccine["kfa"] in PAGE


def test_every_exporter_is_listed() -> None:
    page = (ROOT / "docs" / "reference" / "exporters.md").read_text(encoding="utf-8")
    for exporter_id, exporter in get_registry().exporters.items():
        if exporter.write.__module__.startswith("posyandu_core") or hasattr(
            exporter.write, "func"
        ):
            assert f"`{exporter_id}`" in page
