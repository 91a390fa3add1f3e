"""register_demo_sections: a section ``posyandu demo`` renders in ``order``."""

from __future__ import annotations

import contextlib
import io

from posyandu_core.cli import main
from posyandu_core.hookspecs import DemoSection, Registrar, hookimpl
from posyandu_core.register import Register
from posyandu_core.testing import installed


def kader_count(register: Register) -> str:
    kader = {r.kader for r in register.rows if r.kader}
    return f"{len(kader)} kader mencatat kunjungan / kader recorded visits"


class KaderPlugin:
    @hookimpl
    def register_demo_sections(self, register: Registrar[DemoSection]) -> None:
        register(DemoSection(id="kader", title="Kader", render=kader_count, order=15))


out = io.StringIO()
with installed(KaderPlugin()), contextlib.redirect_stdout(out):
    assert main(["demo"]) == 0
text = out.getvalue()
assert text.index("== Kader ==") < text.index("== Validasi data")  # order 15 < 20
print(text[text.index("== Kader ==") :].splitlines()[1])
