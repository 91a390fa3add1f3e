"""Growth charts of one child: the KMS of the Buku KIA and WHO-style charts.

``kms`` is the weight-for-age chart of the Buku KIA (0-60 months): the SD
curves, the colour bands, the red and orange lines of the kesehatan growth
monitoring and the child's weighings joined by a line, on the pink (girls)
or blue (boys) paper of the book. ``lhfa`` (length/height-for-age),
``wflh`` (weight-for-length under 2 years, weight-for-height from 2) and
``bmi`` (BMI-for-age) follow WHO's chart style. Every curve is computed
from the packaged WHO tables (:func:`posyandu_core.growth.measurement_at_zscore`).
Labels are Indonesian by default (``language="en"`` for English). PNG, SVG
and PDF by the file suffix; the files carry no time stamp, so the same
register gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, Literal

import attrs
import numpy as np

from posyandu_core.growth import measurement_at_zscore
from posyandu_core.model import MeasureMethod, Sex, age_days
from posyandu_core.plugins.export._common import (
    Destination,
    ExportError,
    load_export_table,
    require,
)
from posyandu_core.plugins.kesehatan.growth_monitoring import GrowthMonitoringConfig
from posyandu_core.register import Register, RegisterRow

__all__ = ["CHARTS", "write_growth_chart", "write_growth_charts"]

ChartKind = Literal["kms", "lhfa", "wflh", "bmi"]
Language = Literal["id", "en"]
CHARTS: Final = ("kms", "lhfa", "wflh", "bmi")
_DAYS_PER_MONTH: Final = 30.4375
_LAST_DAY: Final = 1826  # last day of the WHO 2006 age tables: 60 months

_TEXT: Final = {
    "id": {
        "kms": "Berat Badan menurut Umur (BB/U)",
        "lhfa": "Panjang/Tinggi Badan menurut Umur (PB/U, TB/U)",
        "wfl": "Berat Badan menurut Panjang Badan (BB/PB)",
        "wfh": "Berat Badan menurut Tinggi Badan (BB/TB)",
        "bmi": "Indeks Massa Tubuh menurut Umur (IMT/U)",
        "age": "Umur (bulan)",
        "weight": "Berat badan (kg)",
        "lenhei": "Panjang/tinggi badan (cm)",
        "length": "Panjang badan (cm)",
        "height": "Tinggi badan (cm)",
        "bmi_axis": "IMT (kg/m²)",
        "months": "bulan",
        "red": "garis merah",
        "orange": "garis oranye",
        "source": "Kurva: Standar WHO 2006 (Permenkes 2/2020)",
    },
    "en": {
        "kms": "Weight-for-age",
        "lhfa": "Length/height-for-age",
        "wfl": "Weight-for-length",
        "wfh": "Weight-for-height",
        "bmi": "BMI-for-age",
        "age": "Age (months)",
        "weight": "Weight (kg)",
        "lenhei": "Length/height (cm)",
        "length": "Length (cm)",
        "height": "Height (cm)",
        "bmi_axis": "BMI (kg/m²)",
        "months": "months",
        "red": "red line",
        "orange": "orange line",
        "source": "Curves: WHO Child Growth Standards 2006",
    },
}


@functools.cache
def _styles() -> dict[str, Any]:
    return dict(load_export_table("charts")["styles"])


@attrs.frozen
class _Point:
    age_days: int
    x: float  # months or cm
    y: float


def _child(register: Register, person_id: str) -> tuple[RegisterRow, list[RegisterRow]]:
    rows = register.by_person().get(person_id)
    if not rows:
        msg = f"no person {person_id!r} in the register"
        raise ExportError(
            msg,
            message_id=f"tidak ada orang {person_id!r} di register",
            field="person_id",
            value=person_id,
            fix="use a person_id of the register",
            fix_id="pakai person_id yang ada di register",
        )
    identity = next((r for r in reversed(rows) if r.sex and r.birth_date), None)
    if identity is None:
        msg = "sex and birth date are needed"
        raise ExportError(
            msg,
            message_id="jenis kelamin dan tanggal lahir dibutuhkan",
            field="person_id",
            value=person_id,
            fix="fill in sex and birth_date",
            fix_id="isi jenis kelamin dan tanggal lahir",
        )
    return identity, rows


def _points(
    identity: RegisterRow, rows: Sequence[RegisterRow], chart: str
) -> list[_Point]:
    birth = identity.birth_date
    assert birth is not None
    out = []
    for r in rows:
        if r.visit_date is None or r.visit_date < birth:
            continue
        days = age_days(birth, r.visit_date)
        if days > _LAST_DAY:
            continue
        months = days / _DAYS_PER_MONTH
        if chart == "kms" and r.weight_kg is not None:
            out.append(_Point(days, months, r.weight_kg))
        elif chart == "lhfa" and r.length_cm is not None:
            out.append(_Point(days, months, r.length_cm))
        elif chart == "bmi" and r.weight_kg and r.length_cm:
            out.append(_Point(days, months, r.weight_kg / (r.length_cm / 100) ** 2))
        elif chart in ("wfl", "wfh") and r.weight_kg and r.length_cm:
            out.append(_Point(days, r.length_cm, r.weight_kg))
    return out


def _wflh(identity: RegisterRow, rows: Sequence[RegisterRow]) -> str:
    # Weight-for-length under 2 years (lying), weight-for-height from 2.
    latest = [r for r in rows if r.weight_kg and r.length_cm and r.visit_date]
    if not latest:
        return "wfl"
    last = latest[-1]
    if last.measure is MeasureMethod.STANDING:
        return "wfh"
    if last.measure is MeasureMethod.LYING:
        return "wfl"
    assert identity.birth_date is not None
    assert last.visit_date is not None
    return "wfh" if age_days(identity.birth_date, last.visit_date) >= 731 else "wfl"


def _curve_axis(indicator: str) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Return the table positions (days or cm) and the x values to plot."""
    if indicator == "wfl":
        at = np.round(np.arange(45.0, 110.01, 0.5), 1)
        return at, at
    if indicator == "wfh":
        at = np.round(np.arange(65.0, 120.01, 0.5), 1)
        return at, at
    days = np.append(np.arange(0, _LAST_DAY, 7, dtype=float), _LAST_DAY)
    return days, days / _DAYS_PER_MONTH


def _draw(
    identity: RegisterRow,
    rows: Sequence[RegisterRow],
    chart: ChartKind,
    language: Language,
    style_name: str,
    show_name: bool,
) -> Any:
    figure_module = require("matplotlib.figure")
    text = _TEXT[language]
    indicator = _wflh(identity, rows) if chart == "wflh" else chart
    table = {"kms": "wfa", "lhfa": "lhfa", "bmi": "bmi", "wfl": "wfl", "wfh": "wfh"}[
        indicator
    ]
    style = _styles()[style_name]
    sex = 1 if identity.sex is Sex.MALE else 2
    paper = style["boys" if sex == 1 else "girls"]
    at, x = _curve_axis(indicator)
    curves = {
        z: measurement_at_zscore(table, z, sex=sex, at=at)  # type: ignore[arg-type]
        for z in style["curves"]
    }
    figure = figure_module.Figure(figsize=(11.69, 8.27), dpi=100)  # A4 landscape
    figure.patch.set_facecolor(paper["accent"])
    axes = figure.add_axes((0.07, 0.09, 0.88, 0.8))
    axes.set_facecolor(paper["paper"])
    colours = style.get("curve_colours", {})
    for z in style["curves"]:
        axes.plot(
            x, curves[z], color=colours.get(str(z), style.get("curve_colour", "#555555")),
            linewidth=1.4 if z == 0 else 0.9, zorder=2,
        )  # fmt: skip
        axes.annotate(
            f"{z:+g}" if z else "0", (x[-1], curves[z][-1]), xytext=(3, 0),
            textcoords="offset points", va="center", fontsize=9, color="white",
            annotation_clip=False,
        )  # fmt: skip
    if chart == "kms" and style_name == "buku_kia":
        config = GrowthMonitoringConfig.from_data()
        for sd, colour, label in (
            (config.red_line_sd, style["red_line_colour"], text["red"]),
            (config.orange_line_sd, style["orange_line_colour"], text["orange"]),
        ):
            if sd is None:
                continue
            line = measurement_at_zscore("wfa", sd, sex=sex, at=at)
            axes.plot(
                x,
                line,
                color=colour,
                linewidth=2.2,
                zorder=3,
                label=f"{label} ({sd:+g} SD)",
            )
        axes.legend(loc="upper left", fontsize=9, frameon=False)
    points = _points(identity, rows, indicator)
    if points:
        axes.plot(
            [p.x for p in points], [p.y for p in points], color=paper["accent"],
            marker="o", markersize=5, linewidth=1.6, zorder=4,
        )  # fmt: skip
    if indicator in ("wfl", "wfh"):
        axes.set_xlim(float(x[0]), float(x[-1]))
        axes.set_xlabel(text["length" if indicator == "wfl" else "height"])
    else:
        axes.set_xlim(0, 60)
        axes.set_xticks(range(0, 61, 6))
        axes.set_xlabel(text["age"])
    axes.set_ylabel(
        {"kms": text["weight"], "lhfa": text["lenhei"], "bmi": text["bmi_axis"]}.get(indicator, text["weight"])
    )  # fmt: skip
    low = float(np.nanmin(curves[style["curves"][0]]))
    high = float(np.nanmax(curves[style["curves"][-1]]))
    if points:
        low = min(low, *(p.y for p in points))
        high = max(high, *(p.y for p in points))
    bottom, top = max(0.0, low * 0.95), high * 1.03
    axes.set_ylim(bottom, top)
    for band in style.get("bands", []):
        # The outer bands run to the edge of the chart.
        lower = (
            curves[band["from"]] if band["from"] in curves else np.full_like(x, bottom)
        )
        upper = curves[band["to"]] if band["to"] in curves else np.full_like(x, top)
        axes.fill_between(x, lower, upper, color=band["colour"], linewidth=0, zorder=1)
    # Month (and kilogram) rulings as one collection each: cheap to draw.
    fine = {"color": "#b0b0b0", "linewidth": 0.25, "alpha": 0.6, "zorder": 1.5}
    if indicator not in ("wfl", "wfh"):
        axes.vlines(np.arange(61), bottom, top, **fine)
    if indicator == "kms":
        axes.hlines(np.arange(np.ceil(bottom), top, 1.0), 0, 60, **fine)
    axes.grid(which="major", color="#999999", linewidth=0.4, alpha=0.6)
    sex_label = paper[f"label_{language}"]
    title = f"{text[indicator]} — {sex_label}"
    if indicator not in ("wfl", "wfh"):
        title += f" 0–60 {text['months']}"
    figure.text(0.07, 0.95, title, fontsize=15, weight="bold", color="white")
    if show_name:
        who = identity.name or identity.person_id
        born = identity.birth_date.isoformat() if identity.birth_date else ""
        figure.text(
            0.95, 0.95, f"{who} · {born}", fontsize=11, color="white", ha="right"
        )
    figure.text(0.95, 0.02, text["source"], fontsize=7, color="white", ha="right")
    return figure


def _save(figure: Any, destination: Destination, kind: str) -> None:
    metadatas: dict[str, dict[str, Any]] = {
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": "posyandu-core"},
        "svg": {"Date": None},
        "png": {"Software": "posyandu-core"},
    }
    metadata = metadatas[kind]
    matplotlib = require("matplotlib")
    # svg.hashsalt fixes the ids SVG output would otherwise draw at random.
    with matplotlib.rc_context(
        {"svg.hashsalt": "posyandu-core", "svg.fonttype": "path"}
    ):
        figure.savefig(
            destination,
            format=kind,
            metadata=metadata,
            dpi=150 if kind == "png" else 100,
        )


def _kind(destination: Destination, format: str | None) -> str:
    kind = (format or Path(destination).suffix.lstrip(".")).lower()
    if kind not in ("png", "svg", "pdf"):
        msg = f"unknown chart format {kind!r}"
        raise ExportError(
            msg,
            message_id=f"format grafik {kind!r} tidak dikenal",
            field="format",
            value=kind,
            fix="use .png, .svg or .pdf",
            fix_id="pakai .png, .svg atau .pdf",
        )
    return kind


def write_growth_chart(
    register: Register,
    destination: Destination,
    *,
    person_id: str,
    chart: ChartKind = "kms",
    language: Language = "id",
    style: Literal["buku_kia", "who"] | None = None,
    format: Literal["png", "svg", "pdf"] | None = None,
    show_name: bool = True,
) -> None:
    """Draw one growth chart of one child (PNG, SVG or PDF by the suffix).

    Parameters
    ----------
    register : Register
    destination : path
        ``.png``, ``.svg`` or ``.pdf`` (``format`` overrides the suffix).
    person_id : str
        The child.
    chart : {"kms", "lhfa", "wflh", "bmi"}
        The KMS (weight-for-age) or a WHO-style chart.
    language : {"id", "en"}
        Labels in Indonesian (default) or English.
    style : {"buku_kia", "who"} or None
        Default: ``buku_kia`` for the KMS, ``who`` for the others.
    show_name : bool, default True
        Print the child's name and birth date (a chart for the family).
    """
    if chart not in CHARTS:
        msg = f"unknown chart {chart!r}"
        raise ExportError(
            msg,
            message_id=f"grafik {chart!r} tidak dikenal",
            field="chart",
            value=chart,
            fix=f"use one of {CHARTS}",
            fix_id=f"pakai salah satu dari {CHARTS}",
        )
    kind = _kind(destination, format)
    identity, rows = _child(register, person_id)
    assert identity.birth_date is not None
    if not any(
        r.visit_date and 0 <= age_days(identity.birth_date, r.visit_date) <= _LAST_DAY
        for r in rows
    ):
        msg = "no visit at 0-60 months: the charts cover children under five"
        raise ExportError(
            msg,
            message_id="tidak ada kunjungan pada umur 0-60 bulan: grafik hanya untuk "
            "balita",
            field="person_id",
            value=person_id,
            fix="choose a child seen before the age of five",
            fix_id="pilih anak yang dikunjungi sebelum umur lima tahun",
        )
    figure = _draw(
        identity, rows, chart, language, style or ("buku_kia" if chart == "kms" else "who"), show_name
    )  # fmt: skip
    _save(figure, destination, kind)


def write_growth_charts(
    register: Register,
    destination: Destination,
    *,
    chart: ChartKind = "kms",
    language: Language = "id",
    style: Literal["buku_kia", "who"] | None = None,
    on: dt.date | None = None,
) -> None:
    """Write one PDF with a page per child under five (by person id).

    ``on`` (default: the last visit date of the register) decides who is
    under five.
    """
    backend = require("matplotlib.backends.backend_pdf")
    dates = [r.visit_date for r in register.rows if r.visit_date]
    on = on or (max(dates) if dates else dt.date.today())
    children = []
    for _, rows in sorted(register.by_person().items()):
        identity = next((r for r in reversed(rows) if r.sex and r.birth_date), None)
        if (
            identity
            and identity.birth_date
            and 0 <= age_days(identity.birth_date, on) <= _LAST_DAY
        ):
            children.append((identity, rows))
    metadata = {"CreationDate": None, "ModDate": None, "Producer": "posyandu-core"}
    with backend.PdfPages(destination, metadata=metadata) as pdf:
        for identity, rows in children:
            figure = _draw(
                identity, rows, chart, language,
                style or ("buku_kia" if chart == "kms" else "who"), True,
            )  # fmt: skip
            pdf.savefig(figure)
