from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from posyandu_core.cli import main

HEADER = "person_id,name,sex,birth_date,visit_date,weight_kg,length_cm,measure,nik\n"
GOOD = "A1,Ani,P,2024-01-05,2025-02-10,8.2,75.1,terlentang,6474014501240001\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, content: str | bytes) -> str:
    path = tmp_path / "register.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def test_plugins_json_lists_builtins(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plugins", "--format", "json")
    assert code == 0
    plugins = json.loads(out)
    by_name = {p["name"]: p for p in plugins}
    assert {"bidang", "validation", "overview"} <= set(by_name)
    assert by_name["validation"]["module"] == "posyandu_core.plugins.validation"
    assert by_name["validation"]["builtin"] is True
    assert "core.ranges" in by_name["validation"]["contributions"]["rules"]


def test_validate_clean_file_exits_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "validate", write(tmp_path, HEADER + GOOD))
    assert code == 0
    assert "0 kesalahan, 0 peringatan" in out


def test_validate_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = HEADER + GOOD + "A2,Budi,L,2024-01-05,2025-02-10,600,75.1,l,\n"
    code, out, _ = run(capsys, "validate", write(tmp_path, bad), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["rows"] == 2
    (issue,) = [i for i in report["issues"] if i["severity"] == "error"]
    assert (issue["row"], issue["field"], issue["value"]) == (2, "weight_kg", "600")
    assert issue["message_id"]
    assert issue["message_en"]


BAD_INPUTS = {
    "empty": (b"", 2),
    "binary": (bytes(range(256)) * 4, 2),
    "wrong columns": (b"a,b,c\n1,2,3\n", 2),
    "text in numbers": (
        (HEADER + "A1,Ani,P,2024-01-05,2025-02-10,berat,tinggi,l,\n").encode(),
        1,
    ),
    "impossible date": (
        (HEADER + "A1,Ani,P,2024-02-30,2025-02-10,8,75,l,\n").encode(),
        1,
    ),
    "17-digit NIK": (
        (HEADER + "A1,Ani,P,2024-01-05,2025-02-10,8,75,l,64740145012400011\n").encode(),
        1,
    ),
    "600 kg baby": (
        (HEADER + "A1,Ani,P,2024-01-05,2025-02-10,600,75,l,\n").encode(),
        1,
    ),
    "broken quoting": (
        (HEADER + 'A1,"Ani,P,2024-01-05,2025-02-10,8,75,l,\n').encode(),
        2,
    ),
    "latin-1": (
        (HEADER + "A1,Zo\xe9,P,2024-01-05,2025-02-10,8,75,l,\n").encode("latin-1"),
        2,
    ),
    "header only": (HEADER.encode(), 0),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_never_tracebacks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    content, expected = BAD_INPUTS[name]
    code, out, err = run(capsys, "validate", write(tmp_path, content))
    assert code == expected, (out, err)
    assert "Traceback" not in out + err
    if expected == 2:
        assert err.startswith("posyandu: kesalahan:")


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "nope.csv"))
    assert code == 2
    assert "no such file" in err


def test_usage_error_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("posyandu: kesalahan: ")
    assert err.count("\n") == 1


def test_demo_runs_on_sample(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert "Sasaran" in out
    assert "Validasi data" in out


def test_console_script_is_installed(tmp_path: Path) -> None:
    exe = shutil.which("posyandu") or str(Path(sys.executable).parent / "posyandu")
    done = subprocess.run(
        [exe, "validate", write(tmp_path, b"\x00\x01")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("posyandu: kesalahan:")
