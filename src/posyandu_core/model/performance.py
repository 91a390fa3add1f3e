"""How a Posyandu performed over a year: its stratum and whether it is aktif."""

from __future__ import annotations

import enum

import attrs
from attrs import validators as v

from posyandu_core._data import load_rule_table

_pct = v.and_(v.ge(0.0), v.le(100.0))


class PosyanduStratum(enum.StrEnum):
    """Posyandu development strata (strata Posyandu)."""

    PRATAMA = "pratama"
    MADYA = "madya"
    PURNAMA = "purnama"
    MANDIRI = "mandiri"


@attrs.frozen(kw_only=True)
class PosyanduYear:
    """A Posyandu's year in the figures the strata and "aktif" rules read.

    Parameters
    ----------
    openings_per_year : int
        Open days (or routine activities) held in the year.
    kader_on_duty : float
        Average number of kader on duty (strata); also the number of kader
        with an SK for "aktif".
    ds_pct, kia_pct, kb_pct, imunisasi_pct : float
        Yearly coverage in per cent: average D/S, cumulative KIA, KB and
        immunization.
    program_tambahan : bool
        The Posyandu runs additional programmes.
    dana_sehat_pct : float
        Share of households in the community health fund, per cent.
    months_at_coverage : tuple of int
        For "aktif": per service (gizi, KIA, KB, imunisasi) the number of
        months in which it reached 50 % of its targets.
    has_growth_and_development_tools : bool
        For "aktif": owns growth and development monitoring tools.
    kader_with_sk : int or None
        For "aktif": kader legalised by an SK Kepala Desa/Lurah; None uses
        ``kader_on_duty``.
    activity_months : int or None
        For "aktif": months with any routine activity (open day, home visits,
        sweeping all count); None uses ``openings_per_year``.
    """

    openings_per_year: int = attrs.field(validator=v.ge(0))
    kader_on_duty: float = attrs.field(validator=v.ge(0))
    ds_pct: float = attrs.field(validator=_pct)
    kia_pct: float = attrs.field(validator=_pct)
    kb_pct: float = attrs.field(validator=_pct)
    imunisasi_pct: float = attrs.field(validator=_pct)
    program_tambahan: bool = False
    dana_sehat_pct: float = attrs.field(default=0.0, validator=_pct)
    months_at_coverage: tuple[int, int, int, int] = (0, 0, 0, 0)
    has_growth_and_development_tools: bool = False
    kader_with_sk: int | None = attrs.field(default=None, validator=v.optional(v.ge(0)))
    activity_months: int | None = attrs.field(
        default=None, validator=v.optional(v.ge(0))
    )

    def stratum(self) -> PosyanduStratum:
        """Return the development stratum (DOMAIN.md §12.3).

        Examples
        --------
        >>> year = PosyanduYear(openings_per_year=12, kader_on_duty=6, ds_pct=55,
        ...     kia_pct=60, kb_pct=52, imunisasi_pct=70, program_tambahan=True,
        ...     dana_sehat_pct=30)
        >>> year.stratum()
        <PosyanduStratum.PURNAMA: 'purnama'>
        """
        rules = load_rule_table("posyandu")["strata"]
        base = (
            self.openings_per_year >= rules["min_openings_per_year"]
            and self.kader_on_duty >= rules["min_kader"]
        )
        core = all(
            pct >= rules["min_coverage_pct"]
            for pct in (self.ds_pct, self.kia_pct, self.kb_pct, self.imunisasi_pct)
        )
        if base and core and self.program_tambahan:
            if self.dana_sehat_pct >= rules["min_dana_sehat_pct"]:
                return PosyanduStratum.MANDIRI
            return PosyanduStratum.PURNAMA
        return PosyanduStratum.MADYA if base else PosyanduStratum.PRATAMA

    def aktif_unmet(self) -> tuple[str, ...]:
        """Return the "Posyandu Aktif" criteria not met (empty: aktif; DOMAIN.md §12.4)."""
        rules = load_rule_table("posyandu")["aktif"]
        unmet = []
        activities = (
            self.openings_per_year
            if self.activity_months is None
            else self.activity_months
        )
        if activities < rules["min_activities_per_year"]:
            unmet.append("activities_per_year")
        kader = self.kader_on_duty if self.kader_with_sk is None else self.kader_with_sk
        if kader < rules["min_kader"]:
            unmet.append("kader")
        services = sum(m >= rules["min_months"] for m in self.months_at_coverage)
        if services < rules["min_services"]:
            unmet.append("services_at_coverage")
        if not self.has_growth_and_development_tools:
            unmet.append("growth_and_development_tools")
        if not self.program_tambahan:
            unmet.append("additional_activities")
        return tuple(unmet)

    @property
    def aktif(self) -> bool:
        """Whether the Posyandu counts as "Posyandu Aktif"."""
        return not self.aktif_unmet()
