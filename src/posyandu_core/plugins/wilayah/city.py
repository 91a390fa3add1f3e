"""A city's Posyandu data in one object, read from a folder of standard files.

The folder holds ``posyandu.csv`` (required) and any of ``register.csv``,
``kader.csv``, ``penilaian_kader.csv``, ``pelatihan_kader.csv``,
``kasus.csv``, ``alat.csv``, ``kalibrasi.csv``, ``hari_tutup.csv`` and
``kinerja.csv`` (see the file-format reference). The packaged sample city is
:func:`load_sample_city`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import attrs

from posyandu_core.model import CalibrationEvent, Case, Equipment, WorkingCalendar
from posyandu_core.model.kader import Kader
from posyandu_core.plugins.wilayah.hierarchy import PosyanduRegistry, read_posyandu
from posyandu_core.register import Register, read_register

__all__ = ["City", "load_sample_city", "read_city", "render_city"]

SAMPLE_AS_OF = dt.date(2026, 11, 30)


@attrs.frozen(kw_only=True)
class City:
    """Everything the city view reads: hierarchy, registers, kader, cases, equipment."""

    registry: PosyanduRegistry
    registers: tuple[Register, ...] = ()
    kader: tuple[Kader, ...] = ()
    cases: tuple[Case, ...] = ()
    inventory: tuple[Equipment, ...] = ()
    calibrations: tuple[CalibrationEvent, ...] = ()
    closed_days: Mapping[str, frozenset[dt.date]] = attrs.field(factory=dict)
    inputs: Mapping[tuple[str, int], Mapping[str, Any]] = attrs.field(factory=dict)
    name: str = ""

    def calendar(self, years: Iterable[int]) -> WorkingCalendar:
        """Return Indonesia's working days for ``years`` with this city's closed days."""
        from posyandu_core.plugins.layanan.calendar import indonesia_calendar

        return indonesia_calendar(years, closed=self.closed_days)

    def register_of(self, posyandu: str) -> Register | None:
        """Return the register holding rows of ``posyandu`` (number or name)."""
        found = self.registry.find(posyandu)
        names = {posyandu} | ({found.name} if found else set())
        for register in self.registers:
            if any(row.posyandu in names for row in register.rows):
                return register
        return None


def read_city(
    folder: str | os.PathLike[str], *, extra_registers: Iterable[Register] = ()
) -> City:
    """Read a city folder; missing optional files give empty parts.

    Raises
    ------
    InputFileError
        ``posyandu.csv`` is missing, or any file has a bad cell (located).
    """
    from posyandu_core.plugins.kader.files import read_kader
    from posyandu_core.plugins.layanan.calendar import read_closed_days
    from posyandu_core.plugins.layanan.cases import read_cases
    from posyandu_core.plugins.wilayah.equipment import (
        read_calibrations,
        read_inventory,
    )
    from posyandu_core.plugins.wilayah.performance import read_performance_inputs

    base = Path(folder)

    def path(name: str) -> Path | None:
        candidate = base / name
        return candidate if candidate.is_file() else None

    registry = read_posyandu(base / "posyandu.csv")
    kader_file = path("kader.csv")
    inventory = read_inventory(p, registry) if (p := path("alat.csv")) else []
    registers = [*extra_registers]
    if p := path("register.csv"):
        registers.append(read_register(p))
    return City(
        registry=registry,
        registers=tuple(registers),
        kader=tuple(
            read_kader(
                kader_file,
                path("penilaian_kader.csv"),
                path("pelatihan_kader.csv"),
                registry=registry,
            )
        )
        if kader_file
        else (),
        cases=tuple(read_cases(p, registry)) if (p := path("kasus.csv")) else (),
        inventory=tuple(inventory),
        calibrations=tuple(read_calibrations(p, inventory))
        if (p := path("kalibrasi.csv"))
        else (),
        closed_days={registry.number(k): v for k, v in read_closed_days(p).items()}
        if (p := path("hari_tutup.csv"))
        else {},
        inputs=read_performance_inputs(p, registry)
        if (p := path("kinerja.csv"))
        else {},
        name=next((x.kota for x in registry.posyandu if x.kota), ""),
    )


def load_sample_city() -> City:
    """Return the packaged synthetic city: six Posyandu of Kota Bontang.

    Posyandu Melati's register is the single-Posyandu sample; the five
    others share ``kota/register.csv``.

    Examples
    --------
    >>> city = load_sample_city()
    >>> len(city.registry), len({p.puskesmas for p in city.registry.posyandu})
    (6, 2)
    """
    from posyandu_core.register.sample import load_sample_register

    folder = files("posyandu_core").joinpath("data", "sample", "kota")
    with as_file(folder) as path:
        return read_city(path, extra_registers=[load_sample_register()])


def city_performance(city: City, year: int) -> list[Any]:
    """Return the strata/aktif :class:`Performance` of every Posyandu of the city."""
    from posyandu_core.plugins.wilayah.performance import performance

    return [
        performance(
            p.registration_number,
            year,
            register=city.register_of(p.registration_number),
            kader=city.kader,
            inventory=city.inventory,
            inputs=city.inputs.get((p.registration_number, year)),
            registry=city.registry,
            calibrations=city.calibrations,
        )
        for p in city.registry.posyandu
    ]


def render_city(city: City, as_of: dt.date = SAMPLE_AS_OF) -> str:
    """Render the city view of ``posyandu demo``: one short table per concern."""
    from posyandu_core.plugins.kader.reports import strata_report as kader_strata
    from posyandu_core.plugins.layanan.reports import overdue_report
    from posyandu_core.plugins.wilayah.equipment import (
        calibration_report,
        equipment_states,
    )
    from posyandu_core.plugins.wilayah.performance import (
        aktif_share_report,
        strata_report,
    )

    reg = city.registry
    lines = [
        f"{city.name or 'Kota'}: {len(reg)} Posyandu, "
        f"{len({p.pustu for p in reg.posyandu})} Pustu, "
        f"{len({p.puskesmas for p in reg.posyandu})} Puskesmas — per {as_of}",
    ]
    for p in reg.posyandu:
        lines.append(
            f"  {p.registration_number}  {p.name:<20} {p.venue_type.value:<9} {p.kelurahan} / {p.puskesmas}"
        )
    calendar = city.calendar({as_of.year - 1, as_of.year, as_of.year + 1})
    results = city_performance(city, as_of.year)
    states = equipment_states(city.inventory, city.calibrations, as_of)
    for table in (
        kader_strata(city.kader, level="puskesmas", registry=reg),
        strata_report(results, reg),
        aktif_share_report(results, reg),
        overdue_report(city.cases, on=as_of, calendar=calendar, registry=reg),
        calibration_report(states, registry=reg, attention_only=True),
    ):
        # The per-indicator sources are too wide for a screen: `wilayah strata` has them.
        shown = tuple(
            c for c in table.columns if c.key not in ("sources", "state_label")
        )
        lines += [
            "",
            attrs.evolve(table, columns=shown, notes=()).to_text().rstrip(),
        ]
    return "\n".join(lines)
