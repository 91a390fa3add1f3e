"""Reading a survey for ``posyandu prevalence``: one function, :func:`read_survey`.

Two kinds of file are read:

- CSV or Parquet whose columns carry WHO's argument names (``sex, age,
  weight, lenhei, measure, oedema, sw, cluster, strata, typeres …`` or, for
  5-19 years, ``sex, age_in_months, oedema, height_in_cm, weight_in_kg``);
- a Posyandu register (any file ``read_register`` reads): each weighing row
  becomes a child-visit with the age at the visit, grouped by Posyandu.

The register lane is unifying readers; this is the single place to swap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from posyandu_core.analysis._deps import require_pandas
from posyandu_core.errors import InputFileError
from posyandu_core.register._csv import no_such_file

if TYPE_CHECKING:
    import pandas as pd

#: Columns that say "this file has WHO's names" per reference.
_WHO_KEYS: Final = {"who2006": ("sex", "age"), "who2007": ("sex", "age_in_months")}
#: Other spellings of WHO's age column and the unit they imply.
AGE_ALIASES: Final = {"age_days": "days", "age_months": "months"}
_TEXT: Final = (
    "measure",
    "oedema",
    "typeres",
    "gregion",
    "wealthq",
    "mothered",
    "othergr",
)


def read_survey(path: Path, reference: str) -> pd.DataFrame:
    """Return the survey in ``path`` as a frame with WHO's column names.

    Raises
    ------
    InputFileError
        If the file does not exist, cannot be read, or has neither WHO's
        columns nor a register's.
    """
    pandas = require_pandas()
    if not path.exists():
        raise no_such_file(str(path))
    if path.suffix.lower() in (".parquet", ".pq") or path.is_dir():
        frame: pd.DataFrame = pandas.read_parquet(path)
        return frame
    try:
        header = pandas.read_csv(path, nrows=0, sep=None, engine="python")
    except (UnicodeDecodeError, ValueError) as exc:
        msg = f"input file {str(path)!r} is not a CSV text file: {exc}"
        raise InputFileError(
            msg,
            message_id=f"berkas {str(path)!r} bukan teks CSV: {exc}",
            fix="save the sheet as CSV (UTF-8)",
            fix_id="simpan lembar kerja sebagai CSV (UTF-8)",
        ) from exc
    columns = {str(c).strip() for c in header.columns}
    sex, age = _WHO_KEYS[reference]
    if sex in columns and (age in columns or columns & set(AGE_ALIASES)):
        frame = pandas.read_csv(
            path,
            sep=None,
            engine="python",
            keep_default_na=False,
            na_values=["NA", ""],
            dtype=dict.fromkeys((*_TEXT, "sex"), object),
        )
        frame.columns = [str(c).strip() for c in frame.columns]
        return frame
    return _register_frame(path, reference)


def _register_frame(path: Path, reference: str) -> pd.DataFrame:
    """Child-visits of a register with WHO's column names (age in days or months)."""
    from posyandu_core.register import read_register

    pandas = require_pandas()
    register = read_register(path)
    records = []
    for row in register.rows:
        if row.birth_date is None or row.visit_date is None or row.sex is None:
            continue
        days = (row.visit_date - row.birth_date).days
        record: dict[str, Any] = {
            "sex": "1" if row.sex.value == "L" else "2",
            "oedema": "y" if row.oedema else "n",
            "Posyandu": row.posyandu,
        }
        if reference == "who2006":
            record |= {
                "age": days,
                "weight": row.weight_kg,
                "lenhei": row.length_cm,
                "measure": None if row.measure is None else row.measure.who_code,
            }
        else:
            record |= {
                "age_in_months": days / 30.4375,
                "weight_in_kg": row.weight_kg,
                "height_in_cm": row.length_cm,
            }
        records.append(record)
    if not records:
        msg = f"no child visit with sex and dates in {str(path)!r}"
        raise InputFileError(
            msg,
            message_id=f"tidak ada kunjungan anak dengan jenis kelamin dan tanggal di "
            f"{str(path)!r}",
            fix="give WHO's columns or a register with visits",
            fix_id="berikan kolom WHO atau register yang berisi kunjungan",
        )
    frame: pd.DataFrame = pandas.DataFrame.from_records(records)
    return frame
