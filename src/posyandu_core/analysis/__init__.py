"""Survey analysis: WHO's prevalence tables, DataFrame front ends, Dask.

``anthro_prevalence`` / ``anthroplus_prevalence``
    WHO's prevalence tables (``anthro`` / ``anthroplus`` R packages) with
    the survey design (weights, clusters, strata), to 1e-9 of WHO's R code.

Needs the ``analysis`` extra (``pip install 'posyandu-core[analysis]'``).
"""

from __future__ import annotations

from posyandu_core.analysis._api import anthro_prevalence, anthroplus_prevalence
from posyandu_core.analysis._deps import MissingExtraError

__all__ = ["MissingExtraError", "anthro_prevalence", "anthroplus_prevalence"]
