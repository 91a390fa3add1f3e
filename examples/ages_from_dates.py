"""Ages in completed months from arrays of dates (DOMAIN.md §3.4), vectorised."""

import numpy as np

from posyandu_core.model import completed_months_between
from posyandu_core.register.sample import load_sample_register

birth = np.array(["2015-08-27", "2026-01-20", "NaT"], dtype="datetime64[D]")
on = np.array(["2017-07-20", "2026-06-13", "2026-06-13"], dtype="datetime64[D]")
months = completed_months_between(birth, on)  # NaN where a date is missing
assert months[:2].tolist() == [22.0, 4.0]
assert np.isnan(months[2])
print("bulan penuh / completed months:", months)

register = load_sample_register()  # the same rule at each visit of a register
ages = register.age_months()
print(f"{len(register)} rows, ages {np.nanmin(ages):.0f}–{np.nanmax(ages):.0f} months")
