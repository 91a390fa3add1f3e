"""Read a register from Excel, from a DataFrame and from model objects.

Needs the optional readers: pip install 'posyandu-core[io,analysis]'.
Run: python examples/read_excel_dataframe.py
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd

from posyandu_core.model import Measurement, MeasurementKind, Person, Visit
from posyandu_core.plugins.kesehatan.growth_monitoring import monitor_register
from posyandu_core.register import read_register

AS_OF = dt.date(2025, 3, 31)  # the validation date: later dates are errors

# 1. An e-PPGBM-style Excel sheet: Indonesian headers, real date cells, and
#    one weight typed in grams by mistake.
book = openpyxl.Workbook()
sheet = book.worksheets[0]
sheet.append(
    ["NIK", "Nama Anak", "JK", "Tgl Lahir", "Nama Ibu", "Tgl Ukur", "BB", "TB"]
)
sheet.append(
    [
        "6474014501240001",
        "Ani",
        "P",
        dt.date(2024, 1, 5),
        "Sri",
        dt.date(2025, 1, 10),
        8.0,
        74.0,
    ]
)
sheet.append(
    [
        "6474014501240001",
        "Ani",
        "P",
        dt.date(2024, 1, 5),
        "Sri",
        dt.date(2025, 2, 10),
        8200,
        75.0,
    ]
)
sheet.append(
    [
        "6474014501240001",
        "Ani",
        "P",
        dt.date(2024, 1, 5),
        "Sri",
        dt.date(2025, 3, 10),
        8.6,
        76.0,
    ]
)
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "eppgbm.xlsx"
    book.save(path)
    register = read_register(path, today=AS_OF)

# The 8200 "kg" is left out of every computation; the summary says where.
assert register.quality is not None
print(register.quality.describe("en"))
print([row.weight_kg for row in register.rows])  # [8.0, None, 8.6]

# 2. A DataFrame: the register keeps its index and gives it back.
frame = pd.DataFrame(
    {
        "person_id": ["A1", "B2", "A1"],
        "sex": ["L", "P", "L"],
        "birth_date": pd.to_datetime(["2024-03-01", "2023-11-20", "2024-03-01"]),
        "visit_date": pd.to_datetime(["2025-02-10", "2025-02-10", "2025-03-10"]),
        "weight_kg": [9.1, 10.4, 9.4],
    },
    index=pd.Index(["k-17", "k-18", "k-19"], name="kode"),
)
chosen = frame[frame["person_id"] == "A1"]
from_frame = read_register(chosen, today=AS_OF)
back = from_frame.to_pandas()
print(back[["person_id", "weight_kg"]])  # index k-17, k-19: the same children
statuses, _ = monitor_register(from_frame)
print([(s.person_id, str(s.month), str(s.code)) for s in statuses])

# 3. Model objects: an app with its own database uses every service.
ani = Person(id="A1", name="Ani", sex="P", birth_date=dt.date(2024, 1, 5))
weighings = [
    Visit(
        person_id="A1",
        date=day,
        measurements=(
            Measurement(
                kind=MeasurementKind.WEIGHT,
                value=kg,
                measured_at=dt.datetime.combine(day, dt.time(9)),
            ),
        ),
    )
    for day, kg in ((dt.date(2025, 1, 10), 8.0), (dt.date(2025, 2, 10), 8.2))
]
from_model = read_register([ani, *weighings], today=AS_OF)
statuses, _ = monitor_register(from_model)
print([(str(s.month), str(s.code), s.gain_g) for s in statuses])
