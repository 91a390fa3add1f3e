"""Built-in plugin: the WHO growth references and a nutrition summary.

The growth engine itself (:mod:`posyandu_core.growth`) knows nothing of
plugins; this module only makes it visible through the hooks.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from numpy.typing import NDArray

from posyandu_core.hookspecs import (
    DemoSection,
    GrowthReference,
    Registrar,
    hookimpl,
)
from posyandu_core.model import Sex
from posyandu_core.register import Register


@hookimpl
def register_references(register: Registrar[GrowthReference]) -> None:
    """Register WHO 2006 (0–5 years) and WHO 2007 (5–19 years)."""
    register(
        GrowthReference(
            id="who2006",
            name="WHO Child Growth Standards 2006",
            indicators=(
                "lhfa",
                "wfa",
                "wfl",
                "wfh",
                "bfa",
                "hcfa",
                "acfa",
                "tsfa",
                "ssfa",
            ),
            age_range="0–60 months (age in days < 1826.25)",
            source="WHO anthro R package 1.1.0.9000 tables; WHO MGRS 2006/2007",
        )
    )
    register(
        GrowthReference(
            id="who2007",
            name="WHO Growth Reference 2007",
            indicators=("hfa", "wfa", "bfa"),
            age_range="60–228 months (weight-for-age to 120)",
            source="WHO anthroplus R package 1.0.0.9000 tables; de Onis et al. 2007",
        )
    )


def _latest(register: Register, months: tuple[int, int]) -> Register:
    """Each person's last weighed, dated row, if aged within ``months``.

    Found on the columns: a national register must not build a row object
    per visit, nor per child.
    """
    weighed = ~np.isnan(register.column("weight_kg"))
    dated = ~np.isnat(register.column("birth_date")) & ~np.isnat(
        register.column("visit_date")
    )
    latest = register.take(register.latest_per_person(weighed & dated))
    age = latest.age_months()  # completed months (DOMAIN.md §3.4)
    return latest.take(np.flatnonzero((months[0] <= age) & (age < months[1])))


def _who_sex(register: Register) -> NDArray[np.int64]:
    return np.where(register.column("sex") == Sex.MALE, 1, 2)


def _share(counter: Counter[str | None], ids: set[str], total: int) -> str:
    n = sum(counter[i] for i in ids)
    return f"{n}/{total} ({100 * n / total:.1f} %)" if total else "-"


def _render_nutrition(register: Register) -> str:
    # The engine loads scipy: import it when the section renders, so loading
    # the plugin (every command, --help included) stays light.
    from posyandu_core.growth import anthro_zscores, anthroplus_zscores, classify

    under5 = _latest(register, (0, 60))
    if not len(under5):
        return "no under-five weighed"
    table = anthro_zscores(
        sex=_who_sex(under5),
        age=under5.age_days(),
        weight=under5.column("weight_kg"),
        lenhei=under5.column("length_cm"),
        measure=[None if m is None else m.who_code for m in under5.column("measure")],
        oedema=["y" if o else "n" for o in under5.column("oedema")],
    )
    stunting = Counter(classify("pb_tb_u", table["zlen"]).tolist())
    wasting = Counter(classify("bb_pb_tb", table["zwfl"]).tolist())
    weight = Counter(classify("bb_u", table["zwei"]).tolist())
    n = len(under5)
    lines = [
        f"Balita, penimbangan terakhir / under-fives at their last weighing: {n}",
        "  stunting (pendek + sangat pendek):       "
        + _share(stunting, {"pendek", "sangat_pendek"}, n),
        "  wasting (gizi kurang + gizi buruk):      "
        + _share(wasting, {"gizi_kurang", "gizi_buruk"}, n),
        "  underweight (BB kurang + sangat kurang): "
        + _share(weight, {"berat_badan_kurang", "berat_badan_sangat_kurang"}, n),
        "  overweight (gizi lebih + obesitas):      "
        + _share(wasting, {"gizi_lebih", "obesitas"}, n),
        f"  WHO flags (implausible z): {int(np.nansum(table['fwei']) + np.nansum(table['flen']) + np.nansum(table['fwfl']))}",
    ]
    older = _latest(register, (60, 229))
    older = older.take(np.flatnonzero(~np.isnan(older.column("length_cm"))))
    if len(older):
        plus = anthroplus_zscores(
            sex=_who_sex(older),
            age_in_months=older.age_days() / 30.4375,
            height_in_cm=older.column("length_cm"),
            weight_in_kg=older.column("weight_kg"),
        )
        imt = Counter(classify("imt_u_5_18", plus["zbfa"]).tolist())
        lines.append(
            f"Anak 5–18 tahun / ages 5–18 (IMT/U, WHO 2007): {len(older)}; "
            f"gizi kurang/buruk {_share(imt, {'gizi_kurang', 'gizi_buruk'}, len(older))}, "
            f"gizi lebih/obesitas {_share(imt, {'gizi_lebih', 'obesitas'}, len(older))}"
        )
    return "\n".join(lines)


@hookimpl
def register_demo_sections(register: Registrar[DemoSection]) -> None:
    """Show the nutrition status the WHO engine finds."""
    register(
        DemoSection(
            id="growth",
            title="Status gizi (WHO 2006/2007, Permenkes 2/2020) / Nutrition status",
            render=_render_nutrition,
            order=30,
        )
    )
