"""Errors of the input/output side speak Indonesian first, English with ``--lang en``.

``tests/test_bilingual_errors.py`` reads the source for direct calls; these
tests run the errors themselves — through the command line for one error of
each area (export, device, usage, plugin) and through the helpers that build
errors indirectly — and check ``PosyanduError.describe``'s labels.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core import api
from posyandu_core.cli import main
from posyandu_core.cli._app import _argparse_id
from posyandu_core.errors import (
    DecodeError,
    DeviceError,
    InputFileError,
    PosyanduError,
    UsageError,
    texts_of,
)

SAMPLE = Path(__file__).parents[1] / "src" / "posyandu_core" / "data" / "sample"


def _both(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run a command in Indonesian (default) and in English; return code and stderrs."""
    code = main(list(argv))
    indonesian = capsys.readouterr().err
    code_en = main(["--lang", "en", *argv])
    english = capsys.readouterr().err
    assert code == code_en
    return code, indonesian, english


def _swapped(indonesian: str, english: str, text_id: str, text_en: str) -> None:
    """Indonesian first by default, English first with ``--lang en``, both in each."""
    assert indonesian.startswith("posyandu: kesalahan: ")
    assert english.startswith("posyandu: error: ")
    assert (
        indonesian.index(text_id) < indonesian.index(" / ") < indonesian.index(text_en)
    )
    assert english.index(text_en) < english.index(" / ") < english.index(text_id)
    for line, first, second in (
        (indonesian, "Perbaikan: ", "/ Fix: "),
        (english, "Fix: ", "/ Perbaikan: "),
    ):
        once = "Perbaikan / Fix: " in line or "Fix / Perbaikan: " in line
        if "Fix" in line and not once:  # a fix the same in both is written once
            assert line.index(first) < line.index(second)
    assert "Traceback" not in indonesian + english


# -- through the command line, one per area ----------------------------------------


def test_export_error_swaps_with_lang(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, indonesian, english = _both(
        capsys,
        "export", "eppgbm-csv", str(SAMPLE / "register.csv"),
        "--columns", "nosuch", "-o", str(tmp_path / "out.csv"),
    )  # fmt: skip
    assert code == 2
    _swapped(
        indonesian,
        english,
        "set kolom e-PPGBM 'nosuch' tidak ada",
        "no e-PPGBM column set 'nosuch'",
    )
    assert "kolom 'columns'" in indonesian
    assert "field 'columns'" in english
    assert not (tmp_path / "out.csv").exists()


def test_device_error_swaps_with_lang(capsys: pytest.CaptureFixture[str]) -> None:
    code, indonesian, english = _both(
        capsys, "device", "read", "--protocol", "and", "--port", "/dev/no-such-scale"
    )
    assert code == 4
    _swapped(
        indonesian,
        english,
        "port serial /dev/no-such-scale tidak dapat dibuka",
        "cannot open serial port /dev/no-such-scale",
    )
    assert "periksa nama port, kabel dan izin aksesnya" in indonesian


@pytest.mark.parametrize(
    ("argv", "text_id", "text_en"),
    [
        (
            ("device", "decode", "-c", "0x2A9D", "zz"),
            "bukan data heksadesimal: 'zz'",
            "not a hex payload: 'zz'",
        ),
        (  # argparse's own message
            ("findings",),
            "argumen ini wajib diisi: register",
            "the following arguments are required: register",
        ),
        (  # a UsageError raised by an option's type, through argparse
            ("findings", "x.csv", "--as-of", "32/01/2025"),
            "argumen --as-of: '32/01/2025' bukan tanggal",
            "argument --as-of: '32/01/2025' is not a date",
        ),
        (  # a plugin option's type raising, through argparse
            ("kasus", "laporan", "--on", "2026-01-01", "--month", "2026-13", "x.csv"),
            "argumen --month: '2026-13' bukan bulan",
            "argument --month: '2026-13' is not a month",
        ),
    ],
)
def test_usage_error_swaps_with_lang(
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    text_id: str,
    text_en: str,
) -> None:
    code, indonesian, english = _both(capsys, *argv)
    assert code == 2
    _swapped(indonesian, english, text_id, text_en)


def test_usage_fix_the_same_in_both_languages_is_written_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, indonesian, english = _both(capsys, "findings")
    assert indonesian.rstrip().endswith("Perbaikan / Fix: posyandu findings --help")
    assert english.rstrip().endswith("Fix / Perbaikan: posyandu findings --help")


def test_plugin_file_error_swaps_with_lang(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    kader = tmp_path / "kader.csv"
    shutil.copy(SAMPLE / "kota" / "kader.csv", kader)
    lines = kader.read_text(encoding="utf-8").splitlines()
    kader.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    code, indonesian, english = _both(capsys, "report", "kader-strata", str(kader))
    assert code == 2
    _swapped(
        indonesian,
        english,
        "kader.csv: id kader ganda",
        "kader.csv: duplicate kader id",
    )
    assert f"baris {len(lines)}, kolom 'id_kader'" in indonesian
    assert f"row {len(lines)}, field 'id_kader'" in english
    assert "tulis setiap kader dalam satu baris" in indonesian


def test_plugin_report_option_error_swaps_with_lang(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, indonesian, english = _both(
        capsys,
        "kasus", "laporan", "--on", "2026-11-30", "--taxonomy", "nosuch",
        str(SAMPLE / "kota" / "kasus.csv"),
    )  # fmt: skip
    assert code == 2
    _swapped(
        indonesian,
        english,
        "taksonomi 'nosuch' tidak dikenal",
        "unknown taxonomy 'nosuch'",
    )


# -- errors built indirectly ------------------------------------------------------


def _raised(call: object, *args: object, **kwargs: object) -> PosyanduError:
    with pytest.raises(PosyanduError) as info:
        call(*args, **kwargs)  # type: ignore[operator]
    return info.value


def _bilingual(error: PosyanduError) -> None:
    assert error.message_id, error.message
    assert error.message_id != error.message
    if error.fix is not None:
        assert error.fix_id is not None


def test_api_lookup_and_options_are_bilingual(tmp_path: Path) -> None:
    register = api.open_register(SAMPLE / "register.csv")
    for error in (
        _raised(api.report, "nosuch", register),
        _raised(api.report, "skdn", register, nosuch=1),
        _raised(api.export, "nosuch", register, tmp_path / "x"),
        _raised(api.export, "eppgbm-csv", register, tmp_path / "x.csv", nosuch=1),
        _raised(api.export, "tidy-csv", register, tmp_path / "x.csv"),  # no --key
        _raised(api.column_value, register.rows[0], "nosuch"),
    ):
        assert isinstance(error, UsageError)
        _bilingual(error)


def test_an_exporter_error_is_quoted_in_each_language(tmp_path: Path) -> None:
    register = api.open_register(SAMPLE / "register.csv")
    error = _raised(
        api.export, "eppgbm-csv", register, tmp_path / "x.csv", columns="nosuch"
    )
    assert error.message == "eppgbm-csv --columns: no e-PPGBM column set 'nosuch'"
    assert (
        error.message_id == "eppgbm-csv --columns: set kolom e-PPGBM 'nosuch' tidak ada"
    )


def test_device_helpers_are_bilingual() -> None:
    from posyandu_core.devices._bleak import _unavailable
    from posyandu_core.devices._gatt import decode
    from posyandu_core.devices._scale import text_of, to_kg

    unavailable = _unavailable(OSError("adapter gone"), "scan", "pemindaian")
    assert isinstance(unavailable, DeviceError)
    assert (
        unavailable.message_id == "pemindaian Bluetooth LE gagal: OSError: adapter gone"
    )
    _bilingual(unavailable)
    for error in (
        _raised(decode, 0x2A9D, b"\x00"),  # the payload reader's "too short"
        _raised(decode, 0x1234, b""),
        _raised(text_of, b"\xff", "and"),
        _raised(to_kg, 1, "furlong"),
    ):
        assert isinstance(error, DecodeError)
        _bilingual(error)


def test_input_file_helpers_are_bilingual(tmp_path: Path) -> None:
    from posyandu_core.plugins._files import read_table
    from posyandu_core.plugins.kader.files import KADER_FILE

    empty = tmp_path / "kosong.csv"
    empty.write_text("\n", encoding="utf-8")
    binary = tmp_path / "biner.csv"
    binary.write_bytes(b"id\x00\x01")
    headers = tmp_path / "judul.csv"
    headers.write_text("a,b\n1,2\n", encoding="utf-8")
    for path in (empty, binary, headers, tmp_path / "nowhere.csv"):
        error = _raised(read_table, path, KADER_FILE)
        assert isinstance(error, InputFileError)
        _bilingual(error)


def test_zscores_input_errors_are_bilingual(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"sex,age_days\n1,\xff\xfe\n")
    code, indonesian, english = _both(
        capsys, "zscores", str(source), "-o", str(tmp_path / "out.csv")
    )
    assert code == 2
    _swapped(indonesian, english, "bukan teks UTF-8", "is not UTF-8 text")


# -- describe and texts_of ---------------------------------------------------------

texts = st.text(st.characters(categories=("L", "N", "Zs")), min_size=1, max_size=20)


@given(
    message=texts,
    message_id=texts,
    fix=texts,
    fix_id=texts,
    row=st.integers(1, 10_000),
    field=st.sampled_from(["weight_kg", "nik", "output"]),
    value=st.integers(),
)
def test_describe_labels_follow_the_first_language(
    message: str,
    message_id: str,
    fix: str,
    fix_id: str,
    row: int,
    field: str,
    value: int,
) -> None:
    error = PosyanduError(
        message,
        message_id=message_id,
        fix=fix,
        fix_id=fix_id,
        row=row,
        field=field,
        value=value,
    )
    indonesian, english = error.describe("id"), error.describe("en")
    assert str(error) == indonesian
    assert indonesian.startswith(f"baris {row}, kolom {field!r}: {message_id}")
    assert english.startswith(f"row {row}, field {field!r}: {message}")
    assert f"(nilai {value!r})" in indonesian
    assert f"(value {value!r})" in english
    if message != message_id:
        assert f"{message_id} / {message}" in indonesian
        assert f"{message} / {message_id}" in english
    if fix != fix_id:
        assert indonesian.endswith(f"Perbaikan: {fix_id} / Fix: {fix}")
        assert english.endswith(f"Fix: {fix} / Perbaikan: {fix_id}")
    else:
        assert indonesian.endswith(f"Perbaikan / Fix: {fix}")
        assert english.endswith(f"Fix / Perbaikan: {fix}")


@given(message=texts, fix=texts, row=st.integers(1, 10_000))
def test_describe_without_indonesian_is_english_in_both(
    message: str, fix: str, row: int
) -> None:
    error = PosyanduError(message, fix=fix, row=row)
    expected = f"row {row}: {message}" + ("" if message.endswith(".") else ".")
    assert error.describe("id") == error.describe("en") == f"{expected} Fix: {fix}"


def test_describe_with_only_the_place_and_the_text() -> None:
    error = UsageError("no such report", message_id="laporan tidak ada")
    assert error.describe("id") == "laporan tidak ada / no such report"
    assert error.describe("en") == "no such report / laporan tidak ada"


def test_texts_of_quotes_each_language() -> None:
    bilingual = UsageError("bad date", message_id="tanggal salah", fix="x", fix_id="y")
    assert texts_of(bilingual) == ("tanggal salah", "bad date")
    assert texts_of(UsageError("bad date")) == ("bad date", "bad date")
    assert texts_of(ValueError("nope")) == ("nope", "nope")


@pytest.mark.parametrize(
    ("english", "indonesian"),
    [
        ("the following arguments are required: register", "argumen ini wajib diisi: register"),
        ("unrecognized arguments: --x", "argumen tidak dikenal: --x"),
        (
            "argument COMMAND: invalid choice: 'x' (choose from 'a', 'b')",
            "argumen COMMAND: pilihan tidak dikenal: 'x' (pilih dari 'a', 'b')",
        ),
        ("argument --port: expected one argument", "argumen --port: perlu satu nilai"),
        ("argument --baud: invalid int value: 'x'", "argumen --baud: nilai int tidak sah: 'x'"),
        (
            "argument --a: not allowed with argument --b",
            "argumen --a tidak boleh dipakai bersama argumen --b",
        ),
        ("ambiguous option: --p could match --port, --protocol",
         "opsi ambigu: --p bisa berarti --port, --protocol"),
        ("something argparse adds later", "perintah tidak sah: something argparse adds later"),
    ],
)  # fmt: skip
def test_argparse_messages_in_indonesian(english: str, indonesian: str) -> None:
    assert _argparse_id(english) == indonesian


def test_unrecognised_argument_through_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, indonesian, english = _both(capsys, "plugins", "--nosuch")
    assert code == 2
    _swapped(
        indonesian,
        english,
        "argumen tidak dikenal: --nosuch",
        "unrecognized arguments: --nosuch",
    )


def test_error_types_of_modules_the_registry_does_not_import_are_bilingual() -> None:
    """The source test knows the error types the plugins import; import them all.

    ``SendError`` (SATUSEHAT) lives in a module no plugin imports at start-up;
    once every module is imported, the source test's check covers it too.
    """
    import importlib
    import importlib.util
    import pkgutil

    import posyandu_core

    spec = importlib.util.spec_from_file_location(
        "_source_test", Path(__file__).with_name("test_bilingual_errors.py")
    )
    assert spec is not None
    assert spec.loader is not None
    source_test = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(source_test)
    for module in pkgutil.walk_packages(posyandu_core.__path__, "posyandu_core."):
        try:
            importlib.import_module(module.name)
        except ImportError:  # an optional extra that is not installed
            continue
    errors = source_test._error_classes()
    assert "SendError" in errors
    source = source_test.SOURCE
    missing = [
        f"{path.relative_to(source)}:{line} {name}"
        for path in source.rglob("*.py")
        if source_test._package(path) not in source_test.PENDING
        for line, name, keywords in source_test._calls(path, errors)
        if None not in keywords
        and (
            "message_id" not in keywords
            or ("fix" in keywords and "fix_id" not in keywords)
        )
    ]
    assert not missing, "\n".join(missing)


def test_an_internal_error_is_bilingual_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    cli_main = importlib.import_module("posyandu_core.cli._app")

    def broken() -> None:
        msg = "boom 3201010101900001"
        raise RuntimeError(msg)

    monkeypatch.setattr(cli_main, "_build_parser", broken)
    code, indonesian, english = _both(capsys, "plugins")
    assert code == 70
    assert indonesian.startswith("posyandu: kesalahan internal: RuntimeError: boom ")
    assert english.startswith("posyandu: internal error: RuntimeError: boom ")
    assert "POSYANDU_DEBUG=1" in indonesian
    assert "3201010101900001" not in indonesian + english  # masked
