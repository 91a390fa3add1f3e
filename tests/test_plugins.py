from __future__ import annotations

import importlib.metadata
import inspect
import pkgutil
import tomllib
import types
from pathlib import Path

import pytest

import posyandu_core.plugins
from posyandu_core import hookspecs
from posyandu_core.errors import DuplicateRegistrationError, PluginLoadWarning
from posyandu_core.hookspecs import Command, DemoSection, Rule, Service, hookimpl
from posyandu_core.model import Bidang, Taxonomy, TaxonomyGroup
from posyandu_core.plugins import make_plugin_manager
from posyandu_core.registry import Registry, get_registry
from posyandu_core.rules import ROW
from posyandu_core.testing import registered

ROOT = Path(__file__).parents[1]
HOOKS = sorted(n for n in dir(hookspecs) if n.startswith("register_"))


def declared_entry_points() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return data["project"]["entry-points"]["posyandu_core"]  # type: ignore[no-any-return]


def test_every_builtin_plugin_module_is_declared() -> None:
    modules = {
        f"posyandu_core.plugins.{m.name}"
        for m in pkgutil.iter_modules(posyandu_core.plugins.__path__)
        if not m.name.startswith("_")
    }
    assert modules <= set(declared_entry_points().values())


def test_builtins_load_through_entry_points() -> None:
    names = {p.name for p in get_registry().plugins if p.builtin}
    assert set(declared_entry_points()) <= names


def test_every_hook_has_a_test() -> None:
    tested = {
        name.removeprefix("test_hook_")
        for name in globals()
        if name.startswith("test_hook_")
    }
    assert set(HOOKS) == tested


def test_every_hook_is_documented() -> None:
    reference = (ROOT / "docs" / "reference" / "hookspecs.md").read_text()
    assert "::: posyandu_core.hookspecs" in reference
    for name in HOOKS:
        assert inspect.getdoc(getattr(hookspecs, name))


class Everything:
    """A test plugin contributing one item to every hook."""

    @hookimpl
    def register_taxonomies(self, register):  # type: ignore[no-untyped-def]
        register(
            Taxonomy(
                id="t-test",
                name="Test",
                source="test",
                groups=(
                    TaxonomyGroup(
                        id="all", label_id="Semua", label_en="All", bidang=list(Bidang)
                    ),
                ),
            )
        )

    @hookimpl
    def register_services(self, register):  # type: ignore[no-untyped-def]
        register(Service(id="s-test", bidang="sosial", name_id="Uji", name_en="Test"))

    @hookimpl
    def register_rules(self, register):  # type: ignore[no-untyped-def]
        register(
            Rule(id="r-test", target=ROW, check=lambda row: [], description="test")
        )

    @hookimpl
    def register_references(self, register):  # type: ignore[no-untyped-def]
        register(
            hookspecs.GrowthReference(
                id="ref-test",
                name="Test",
                indicators=("wfa",),
                age_range="0-1 d",
                source="test",
            )
        )

    @hookimpl
    def register_devices(self, register):  # type: ignore[no-untyped-def]
        register(
            hookspecs.DeviceDriver(
                id="dev-test",
                name="Test",
                transport="serial",
                device_class="baby_scale",
            )
        )

    @hookimpl
    def register_exporters(self, register):  # type: ignore[no-untyped-def]
        register(
            hookspecs.Exporter(
                id="exp-test",
                name="Test",
                suffix=".txt",
                write=lambda register, path: None,
            )
        )

    @hookimpl
    def register_commands(self, register):  # type: ignore[no-untyped-def]
        register(
            Command(
                name="cmd-test", help="test", configure=lambda p: None, run=lambda a: 0
            )
        )

    @hookimpl
    def register_demo_sections(self, register):  # type: ignore[no-untyped-def]
        register(DemoSection(id="demo-test", title="Test", render=lambda r: "ok"))


@pytest.fixture
def registry() -> Registry:
    with registered(Everything()) as pm:
        return Registry.from_plugin_manager(pm)


def test_hook_register_taxonomies(registry: Registry) -> None:
    assert "t-test" in registry.taxonomies
    assert "bontang" in registry.taxonomies


def test_hook_register_services(registry: Registry) -> None:
    assert registry.services["s-test"].bidang is Bidang.SOSIAL


def test_hook_register_rules(registry: Registry) -> None:
    assert "r-test" in {r.id for r in registry.rules_for(ROW)}


def test_hook_register_references(registry: Registry) -> None:
    assert "ref-test" in registry.references


def test_hook_register_devices(registry: Registry) -> None:
    assert "dev-test" in registry.devices


def test_hook_register_exporters(registry: Registry) -> None:
    assert "exp-test" in registry.exporters


def test_hook_register_commands(registry: Registry) -> None:
    assert registry.commands["cmd-test"].run(None) == 0  # type: ignore[arg-type]


def test_hook_register_demo_sections(registry: Registry) -> None:
    assert "demo-test" in registry.demo_sections


def test_contributions_are_attributed_to_their_plugin(registry: Registry) -> None:
    (info,) = [
        p for p in registry.plugins if "r-test" in p.contributions.get("rules", ())
    ]
    assert not info.builtin
    assert info.contributions["services"] == ("s-test",)


def test_duplicate_ids_are_refused() -> None:
    class Clash:
        @hookimpl
        def register_taxonomies(self, register):  # type: ignore[no-untyped-def]
            register(Taxonomy(id="bontang", name="x", source="x", groups=()))

    with (
        registered(Clash()) as pm,
        pytest.raises(DuplicateRegistrationError, match="bontang"),
    ):
        Registry.from_plugin_manager(pm)


def test_registered_unregisters_afterwards() -> None:
    pm = make_plugin_manager(autoload=False)
    plugin = Everything()
    with registered(plugin, pm=pm):
        assert pm.is_registered(plugin)
    assert not pm.is_registered(plugin)


class FakeDist:
    name = "posyandu-core-broken"


class FakeEntryPoint:
    def __init__(self, name: str, target: object) -> None:
        self.name, self.target, self.dist = name, target, FakeDist()

    def load(self) -> object:
        if isinstance(self.target, Exception):
            raise self.target
        return self.target


def _with_third_party(monkeypatch: pytest.MonkeyPatch, *eps: FakeEntryPoint) -> None:
    real = importlib.metadata.entry_points

    def fake(*, group: str) -> list[object]:
        return [*real(group=group), *eps]

    monkeypatch.setattr("posyandu_core.plugins.entry_points", fake)


def test_broken_third_party_plugin_warns_and_the_rest_works(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bad_hook = types.SimpleNamespace(register_nonsense=hookimpl(lambda: None))
    _with_third_party(
        monkeypatch,
        FakeEntryPoint("broken-import", ImportError("No module named 'numpyy'")),
        FakeEntryPoint("broken-hook", bad_hook),
    )
    with pytest.warns(PluginLoadWarning) as caught:
        pm = make_plugin_manager(autoload=True)
    messages = " ".join(str(w.message) for w in caught)
    assert "broken-import" in messages
    assert "broken-hook" in messages
    registry = Registry.from_plugin_manager(pm)
    assert "core.ranges" in registry.rules


def test_autoload_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_third_party(monkeypatch, FakeEntryPoint("broken-import", ImportError("x")))
    monkeypatch.setenv("POSYANDU_CORE_DISABLE_PLUGIN_AUTOLOAD", "1")
    pm = make_plugin_manager()  # no warning: third parties are not even imported
    assert pm.get_plugin("broken-import") is None
    assert pm.get_plugin("validation") is not None
