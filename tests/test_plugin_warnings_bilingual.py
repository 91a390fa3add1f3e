"""A plugin's fault is told in the reader's language: Indonesian first by default.

The warning lines the command line prints for a faulty plugin (a hook that
raises, a wrong type, a duplicate id, a command that cannot be configured)
carry both languages; ``--lang en`` puts English first.
"""

from __future__ import annotations

import argparse
import io
import warnings

import pytest

from posyandu_core.cli import main
from posyandu_core.cli._messages import install_warning_lines
from posyandu_core.errors import PluginFaultWarning, PosyanduWarning, UsageError
from posyandu_core.hookspecs import (
    Command,
    Registrar,
    Report,
    Service,
    Taxonomy,
    hookimpl,
)
from posyandu_core.registry import Registry
from posyandu_core.testing import installed, registered


class Faulty:
    @hookimpl
    def register_services(self, register: Registrar[Service]) -> None:
        register("not a service")  # type: ignore[arg-type]

    @hookimpl
    def register_taxonomies(self, register: Registrar[Taxonomy]) -> None:
        register(Taxonomy(id="bontang", name="x", source="x", groups=()))

    @hookimpl
    def register_reports(self, register: Registrar[Report]) -> None:
        msg = "the report file is missing"
        raise UsageError(msg, message_id="berkas laporan tidak ada")


class BadCommand:
    @hookimpl
    def register_commands(self, register: Registrar[Command]) -> None:
        def configure(parser: argparse.ArgumentParser) -> None:
            msg = "bad option"
            raise UsageError(msg, message_id="opsi salah")

        register(Command(name="rusak", help="x", configure=configure, run=lambda a: 0))


def _lines(lang: str) -> str:
    """The warning lines of building a registry with the faulty plugin."""
    out = io.StringIO()
    showwarning = warnings.showwarning
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        install_warning_lines(out, lang)
        try:
            with registered(Faulty()) as pm:
                Registry.from_plugin_manager(pm)
        finally:
            warnings.showwarning = showwarning
    return out.getvalue()


def test_plugin_faults_are_told_in_indonesian_first() -> None:
    text = _lines("id")
    for line in (
        "posyandu: peringatan: plugin 'tests.test_plugin_warnings_bilingual.Faulty' "
        "dilewati: mendaftarkan str padahal yang diharapkan Service / plugin",
        "skipped: registered a str where a Service is expected",
        "dilewati: taksonomi 'bontang' sudah didaftarkan oleh plugin 'bidang'",
        "gagal: berkas laporan tidak ada (laporan darinya tidak dipakai) / plugin",
        "failed: the report file is missing (its reports are left out)",
    ):
        assert line in text, (line, text)


def test_plugin_faults_are_told_in_english_first_on_request() -> None:
    text = _lines("en")
    assert (
        "posyandu: warning: plugin 'tests.test_plugin_warnings_bilingual.Faulty' "
        in text
    )
    assert "skipped: registered a str where a Service is expected / plugin" in text
    assert (
        "failed: the report file is missing (its reports are left out) / plugin" in text
    )


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "id",
            "posyandu: peringatan: opsi salah (perintahnya tidak dipakai) / bad option",
        ),
        ("en", "posyandu: warning: bad option (the command is left out) / opsi salah"),
    ],
)
def test_a_command_that_cannot_be_configured(
    capsys: pytest.CaptureFixture[str], lang: str, line: str
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        with installed(BadCommand()):
            assert main(["--lang", lang, "plugins"]) == 0
    assert line in capsys.readouterr().err


def test_a_warning_of_an_error_keeps_its_fix_in_each_language() -> None:
    error = UsageError("bad", message_id="salah", fix="fix it", fix_id="perbaiki")
    warning = PluginFaultWarning.of_error(error)
    assert warning.describe("id") == error.describe("id")
    assert warning.describe("en") == error.describe("en")
    assert str(PosyanduWarning("only english")) == "only english"
