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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from posyandu_core.analysis._api import anthro_prevalence, anthroplus_prevalence
    from posyandu_core.analysis._deps import MissingExtraError
    from posyandu_core.analysis._frames import output_columns, zscores

# Names load on first use (PEP 562): the ``posyandu prevalence`` command's
# plugin imports this package on every command, and the survey estimator
# brings scipy.stats (seconds at start-up) that no other command needs.
_HOME = {
    "anthro_prevalence": "_api",
    "anthroplus_prevalence": "_api",
    "MissingExtraError": "_deps",
    "output_columns": "_frames",
    "zscores": "_frames",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        message = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(message)
    return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)


__all__ = [
    "MissingExtraError",
    "anthro_prevalence",
    "anthroplus_prevalence",
    "output_columns",
    "zscores",
]
