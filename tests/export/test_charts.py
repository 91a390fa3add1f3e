from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import numpy as np
import pytest
from matplotlib.colors import to_hex

from posyandu_core.growth import measurement_at_zscore
from posyandu_core.model import age_days
from posyandu_core.plugins.export import charts
from posyandu_core.plugins.export._common import ExportError
from posyandu_core.register import Register
from posyandu_core.registry import get_registry

BOY = "MLT-041"  # a boy of the sample register weighed monthly from 7 months
GIRL = "MLT-035"


def _figure(register: Register, person: str, chart: str = "kms", language: str = "id"):  # type: ignore[no-untyped-def]
    identity, rows = charts._child(register, person)
    style = "buku_kia" if chart == "kms" else "who"
    return charts._draw(identity, rows, chart, language, style, True)  # type: ignore[arg-type]


def test_kms_draws_the_child_and_the_who_curves(sample: Register) -> None:
    figure = _figure(sample, BOY)
    axes = figure.axes[0]
    lines = {line.get_label(): line for line in axes.get_lines()}
    red = lines["garis merah (-2 SD)"]
    days = np.append(np.arange(0, 1826, 7, dtype=float), 1826)
    expected = measurement_at_zscore("wfa", -2.0, sex=1, at=days)
    np.testing.assert_array_equal(red.get_ydata(), expected)
    np.testing.assert_allclose(red.get_xdata(), days / 30.4375)
    assert "garis oranye (+1 SD)" in lines
    rows = [r for r in sample.by_person()[BOY] if r.weight_kg is not None]
    child = next(line for line in axes.get_lines() if line.get_marker() == "o")
    assert list(child.get_ydata()) == [r.weight_kg for r in rows]
    birth = rows[0].birth_date
    assert birth is not None
    assert list(child.get_xdata()) == [
        age_days(birth, r.visit_date) / 30.4375 for r in rows if r.visit_date
    ]
    assert to_hex(figure.get_facecolor()) == "#1f5fa8"  # boys' blue book
    texts = [t.get_text() for t in figure.texts]
    assert any("Laki-laki" in t and "BB/U" in t for t in texts)
    assert axes.get_xlabel() == "Umur (bulan)"


def test_girls_pink_and_english_labels(sample: Register) -> None:
    figure = _figure(sample, GIRL, language="en")
    assert to_hex(figure.get_facecolor()) == "#c2185b"
    assert figure.axes[0].get_xlabel() == "Age (months)"
    assert any("Girls" in t.get_text() for t in figure.texts)


def test_who_style_charts(sample: Register) -> None:
    wflh = _figure(sample, GIRL, chart="wflh")
    assert wflh.axes[0].get_xlabel() == "Panjang badan (cm)"  # lying, under 2
    colours = {to_hex(line.get_color()) for line in wflh.axes[0].get_lines()}
    assert {"#2ca02c", "#d62728", "#000000"} <= colours
    bmi = _figure(sample, BOY, chart="bmi")
    assert bmi.axes[0].get_ylabel() == "IMT (kg/m²)"


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_files_are_deterministic(sample: Register, tmp_path: Path, suffix: str) -> None:
    for name in ("a", "b"):
        charts.write_growth_chart(sample, tmp_path / f"{name}.{suffix}", person_id=BOY)
    data = (tmp_path / f"a.{suffix}").read_bytes()
    assert data == (tmp_path / f"b.{suffix}").read_bytes()
    magic = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[suffix]
    assert data.startswith(magic)


def test_refusals(sample: Register, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no person"):
        charts.write_growth_chart(sample, tmp_path / "x.png", person_id="nobody")
    with pytest.raises(ExportError, match="under five"):
        charts.write_growth_chart(sample, tmp_path / "x.png", person_id="MLT-002")
    with pytest.raises(ExportError, match="unknown chart format"):
        charts.write_growth_chart(sample, tmp_path / "x.gif", person_id=BOY)
    with pytest.raises(ExportError, match="unknown chart"):
        charts.write_growth_chart(
            sample,
            tmp_path / "x.png",
            person_id=BOY,
            chart="hcfa",  # type: ignore[arg-type]
        )


def test_booklet_has_a_page_per_child(sample: Register, tmp_path: Path) -> None:
    out = tmp_path / "kms.pdf"
    on = dt.date(2026, 11, 30)
    # A few households of the sample keep the test quick.
    sample = attrs.evolve(
        sample, rows=tuple(r for r in sample.rows if r.person_id < "MLT-045")
    )
    charts.write_growth_charts(sample, out, on=on)
    pages = out.read_bytes().count(b"/Type /Page\n") + out.read_bytes().count(
        b"/Type /Page "
    )
    children = [
        p
        for p, rows in sample.by_person().items()
        if (r := next((x for x in reversed(rows) if x.birth_date), None))
        and r.birth_date
        and 0 <= age_days(r.birth_date, on) <= 1826
    ]
    assert pages == len(children) > 3
    get_registry().exporters["kms-pdf"].write(sample, str(tmp_path / "k2.pdf"))
