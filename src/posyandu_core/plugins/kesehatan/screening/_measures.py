"""Inputs several life stages share: IMT from weight and height, a BP pair."""

from __future__ import annotations

from typing import Final

from posyandu_core.model._enums import Sex
from posyandu_core.plugins.kesehatan.screening._result import ScreeningStatus
from posyandu_core.plugins.kesehatan.screening._rules import (
    NotClassifiedError,
    invalid,
    missing,
    number,
)

#: Data-entry limits shared by every life stage [U]; BP from DOMAIN.md §14.2.
WEIGHT_KG: Final = (2.0, 300.0)
HEIGHT_CM: Final = (40.0, 250.0)
IMT_KG_M2: Final = (10.0, 80.0)
SYSTOLIC_MMHG: Final = (60.0, 300.0)
DIASTOLIC_MMHG: Final = (30.0, 200.0)


def imt_value(
    imt_kg_m2: float | None, weight_kg: float | None, height_cm: float | None
) -> float:
    """Return the IMT given, or weight / height² (kg/m²); raise the stop if not usable.

    Examples
    --------
    >>> round(imt_value(None, 60.0, 160.0), 2)
    23.44
    """
    if imt_kg_m2 is not None:
        return number("imt_kg_m2", imt_kg_m2, plausible=IMT_KG_M2)
    if weight_kg is None and height_cm is None:
        missing("imt_kg_m2")
    weight = number("weight_kg", weight_kg, plausible=WEIGHT_KG)
    height = number("height_cm", height_cm, plausible=HEIGHT_CM)
    imt = weight / (height / 100.0) ** 2
    return number("imt_kg_m2", imt, plausible=IMT_KG_M2)


def blood_pressure(
    systolic_mmhg: float | None, diastolic_mmhg: float | None
) -> tuple[float, float]:
    """Return a checked (systolic, diastolic) pair, or raise the stop.

    Each value must be in its plausible range and systolic above diastolic
    (DOMAIN.md §14.2); otherwise the pair is implausible, not classified.
    """
    systolic = number("systolic_mmhg", systolic_mmhg, plausible=SYSTOLIC_MMHG)
    diastolic = number("diastolic_mmhg", diastolic_mmhg, plausible=DIASTOLIC_MMHG)
    if systolic <= diastolic:
        raise NotClassifiedError(
            ScreeningStatus.IMPLAUSIBLE,
            "systolic_mmhg",
            f"sistolik {systolic:g} <= diastolik {diastolic:g}, periksa ulang "
            f"/ systolic {systolic:g} <= diastolic {diastolic:g}, re-measure",
        )
    return systolic, diastolic


def sex_of(value: Sex | str | None) -> Sex:
    """Return the sex an input code means (``L``/``P``, ``M``/``F`` …), or raise the stop.

    Examples
    --------
    >>> sex_of("perempuan")
    <Sex.FEMALE: 'P'>
    """
    if value is None:
        missing("sex")
    try:
        return Sex.parse(value)
    except ValueError:
        invalid("sex", value, "kode jenis kelamin L/P", "sex code L/P")
