"""The WHO Anthro Survey Analyser file: one de-identified row per child-visit.

Column names and codes are the arguments of WHO's ``anthro`` R package,
which the online Survey Analyser wraps (DEVICES_EXPORTS.md §B2.1): ``sex``
1/2, ``age`` in days, ``weight`` kg, ``lenhei`` cm, ``measure`` l/h,
``headc``/``armc`` cm, ``oedema`` n/y and the survey design columns
``cluster``, ``strata``, ``sw``. No name, NIK, id or date leaves the file:
``id`` is the row's sequence number in the file.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from posyandu_core._files import csv_writer
from posyandu_core.model import Sex
from posyandu_core.plugins.export._common import Destination, assess_rows, safe_text
from posyandu_core.register import Register

__all__ = ["ANTHRO_SURVEY_COLUMNS", "anthro_rows", "write_anthro"]

ANTHRO_SURVEY_COLUMNS: Final = (
    "id", "cluster", "strata", "sw", "sex", "age", "weight", "lenhei",
    "measure", "headc", "armc", "oedema",
    "typeres", "gregion", "wealthq", "mothered", "othergr",
)  # fmt: skip


def anthro_rows(
    register: Register,
    *,
    cluster: Mapping[str, str] | None = None,
    strata: Mapping[str, str] | None = None,
    sampling_weight: float = 1.0,
    max_age_months: int = 60,
) -> list[dict[str, Any]]:
    """Return the rows of the Survey Analyser file, in register order.

    Parameters
    ----------
    cluster, strata : mapping of Posyandu to label, optional
        Survey design: the cluster and stratum of each Posyandu (default:
        cluster = the Posyandu itself, no strata).
    sampling_weight : float, default 1.0
        ``sw`` of every row (a census of the Posyandu: 1).
    max_age_months : int, default 60
        Children under this age (completed months) with a weight or a
        length/height are written.
    """
    out: list[dict[str, Any]] = []
    for row, a in zip(register.rows, assess_rows(register.rows), strict=True):
        has_value = row.weight_kg is not None or row.length_cm is not None
        if (
            not has_value
            or row.sex is None
            or a.age_days is None
            or a.age_months is None
            or a.age_months >= max_age_months
        ):
            continue
        where = row.posyandu or ""
        out.append(
            {
                "id": len(out) + 1,
                "cluster": cluster.get(where, where) if cluster else where,
                "strata": (strata or {}).get(where),
                "sw": sampling_weight,
                "sex": 1 if row.sex is Sex.MALE else 2,
                "age": a.age_days,
                "weight": row.weight_kg,
                "lenhei": row.length_cm,
                "measure": None if row.measure is None else row.measure.who_code,
                "headc": row.head_cm,
                "armc": row.muac_cm,
                "oedema": "y" if row.oedema else "n",
                "typeres": None,
                "gregion": None,
                "wealthq": None,
                "mothered": None,
                "othergr": None,
            }
        )
    return out


def write_anthro(
    register: Register,
    destination: Destination,
    *,
    cluster: Mapping[str, str] | None = None,
    strata: Mapping[str, str] | None = None,
    sampling_weight: float = 1.0,
    max_age_months: int = 60,
) -> None:
    """Write the WHO Anthro Survey Analyser CSV (options as :func:`anthro_rows`).

    Missing values are empty cells; the Analyser reads them as NA.
    """
    rows = anthro_rows(
        register,
        cluster=cluster,
        strata=strata,
        sampling_weight=sampling_weight,
        max_age_months=max_age_months,
    )
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(ANTHRO_SURVEY_COLUMNS)
    for r in rows:
        writer.writerow(
            [
                ""
                if (v := r[c]) is None
                else (repr(v) if isinstance(v, float) else safe_text(str(v)))
                for c in ANTHRO_SURVEY_COLUMNS
            ]
        )
    Path(destination).write_text(out.getvalue(), encoding="utf-8")
