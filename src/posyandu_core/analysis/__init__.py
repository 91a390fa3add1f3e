"""Survey analysis: WHO's prevalence tables, DataFrame front ends, Dask.

``anthro_prevalence`` / ``anthroplus_prevalence``
    WHO's prevalence tables (``anthro`` / ``anthroplus`` R packages) with
    the survey design (weights, clusters, strata), to 1e-9 of WHO's R code.
``zscores``
    WHO's z-score columns (and Permenkes categories) appended to a pandas
    or polars DataFrame with the researcher's own column names.

Needs the ``analysis`` extra (``pip install 'posyandu-core[analysis]'``).
"""

from __future__ import annotations

from posyandu_core.analysis._api import anthro_prevalence, anthroplus_prevalence
from posyandu_core.analysis._deps import MissingExtraError
from posyandu_core.analysis._frames import output_columns, zscores

__all__ = [
    "MissingExtraError",
    "anthro_prevalence",
    "anthroplus_prevalence",
    "output_columns",
    "zscores",
]
