"""WHO growth standards, exactly as WHO's own R packages compute them.

Vectorised core
    :func:`anthro_zscores` (WHO Child Growth Standards 2006, 0-5 years) and
    :func:`anthroplus_zscores` (WHO Growth Reference 2007, 5-19 years)
    reproduce WHO's ``anthro`` and ``anthroplus`` R packages rule for rule and
    return a :class:`ZScoreTable` with WHO's column names.
One child
    :func:`assess` computes ages from dates, z-scores, flags and the
    Permenkes 2/2020 categories in one call.
Curves and centiles
    :func:`measurement_at_zscore`, :func:`zscore_of_measurement`,
    :func:`lms_parameters`, :func:`lms_zscore`, :func:`lms_value`,
    :func:`centile_of_zscore`, :func:`zscore_of_centile`.
Categories
    :func:`classify`, :func:`classify_muac`, :func:`category_table`.
Velocity
    :func:`increment_zscore`, :func:`increment_centile`,
    :func:`increment_at_zscore`, :func:`increment_at_percentile`,
    :func:`tabulated_increment`.
"""

from __future__ import annotations

from posyandu_core.growth._anthro import ANTHRO_COLUMNS, anthro_zscores
from posyandu_core.growth._anthroplus import ANTHROPLUS_COLUMNS, anthroplus_zscores
from posyandu_core.growth._assess import Assessment, IndicatorResult, assess
from posyandu_core.growth._classify import (
    Category,
    CategoryTable,
    category_table,
    category_tables,
    classify,
    classify_muac,
)
from posyandu_core.growth._indicators import (
    INDICATORS,
    lms_parameters,
    measurement_at_zscore,
    zscore_of_measurement,
)
from posyandu_core.growth._lms import (
    centile_of_zscore,
    lms_value,
    lms_zscore,
    round_half_even_r,
    zscore_of_centile,
)
from posyandu_core.growth._result import PandasNotInstalledError, ZScoreTable
from posyandu_core.growth._tables import verify_reference_data
from posyandu_core.growth._velocity import (
    increment_at_percentile,
    increment_at_zscore,
    increment_centile,
    increment_zscore,
    tabulated_increment,
    velocity_table,
)

__all__ = [
    "ANTHROPLUS_COLUMNS",
    "ANTHRO_COLUMNS",
    "INDICATORS",
    "Assessment",
    "Category",
    "CategoryTable",
    "IndicatorResult",
    "PandasNotInstalledError",
    "ZScoreTable",
    "anthro_zscores",
    "anthroplus_zscores",
    "assess",
    "category_table",
    "category_tables",
    "centile_of_zscore",
    "classify",
    "classify_muac",
    "increment_at_percentile",
    "increment_at_zscore",
    "increment_centile",
    "increment_zscore",
    "lms_parameters",
    "lms_value",
    "lms_zscore",
    "measurement_at_zscore",
    "round_half_even_r",
    "tabulated_increment",
    "velocity_table",
    "verify_reference_data",
    "zscore_of_centile",
    "zscore_of_measurement",
]
