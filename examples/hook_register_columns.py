"""register_columns: a typed, aliased register column a plugin reads.

``posyandu_core.api.column_value(row, name)`` finds the cell under the
column's name or any alias and converts it to the column's type.
"""

from __future__ import annotations

import io

from posyandu_core import api
from posyandu_core.hookspecs import RegisterColumn, Registrar, hookimpl
from posyandu_core.register import read_register
from posyandu_core.testing import installed


class MaternalPlugin:
    @hookimpl
    def register_columns(self, register: Registrar[RegisterColumn]) -> None:
        register(
            RegisterColumn(
                name="lila_ibu_cm",
                type="number",
                label_id="LiLA ibu hamil",
                label_en="Mid-upper arm circumference of the pregnant woman",
                aliases=("LiLA Ibu", "lila_bumil"),
                unit="cm",
            )
        )


register = read_register(
    io.StringIO(
        "person_id,sex,birth_date,visit_date,LiLA Ibu\n"
        'W1,P,1998-04-02,2025-05-10,"22,5"\n'
        "W2,P,2001-09-15,2025-05-10,25.1\n"
    )
)
with installed(MaternalPlugin()):
    values = [api.column_value(row, "lila_ibu_cm") for row in register.rows]
print(values)
assert values == [22.5, 25.1]
at_risk = [r.person_id for r, v in zip(register.rows, values, strict=True) if v < 23.5]
print(f"KEK risk (LiLA < 23.5 cm): {at_risk}")
