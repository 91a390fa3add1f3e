"""WHO growth standards, exactly as WHO's own R packages compute them."""

from __future__ import annotations

from posyandu_core.growth._anthro import anthro_zscores
from posyandu_core.growth._anthroplus import anthroplus_zscores
from posyandu_core.growth._result import PandasNotInstalledError, ZScoreTable
from posyandu_core.growth._tables import verify_reference_data

__all__ = [
    "PandasNotInstalledError",
    "ZScoreTable",
    "anthro_zscores",
    "anthroplus_zscores",
    "verify_reference_data",
]
