from __future__ import annotations

import importlib.metadata
import inspect
import pkgutil
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

import posyandu_core.plugins
import posyandu_core.plugins.kesehatan
from posyandu_core import hookspecs
from posyandu_core.errors import PluginFaultWarning, PluginLoadWarning
from posyandu_core.hookspecs import (
    Column,
    Command,
    DemoSection,
    Reader,
    RegisterColumn,
    Report,
    Rule,
    Service,
    Table,
    hookimpl,
    hookspec,
)
from posyandu_core.model import Bidang, Taxonomy, TaxonomyGroup
from posyandu_core.plugins import make_plugin_manager
from posyandu_core.register import read_register
from posyandu_core.register.sample import load_sample_register
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
        # what the core does with a contribution, and a runnable example
        assert f'--8<-- "examples/hook_{name}.py"' in reference
        assert (ROOT / "examples" / f"hook_{name}.py").is_file()


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

    @hookimpl
    def register_reports(self, register):  # type: ignore[no-untyped-def]
        register(
            Report(
                id="rep-test",
                title_id="Uji",
                title_en="Test",
                build=lambda register, options: Table(
                    title_id="Uji",
                    title_en="Test",
                    columns=(Column(key="n", label_id="jumlah", label_en="count"),),
                    rows=[{"n": len(register)}],
                ),
            )
        )

    @hookimpl
    def register_columns(self, register):  # type: ignore[no-untyped-def]
        register(
            RegisterColumn(
                name="col_test", type="number", label_id="Uji", label_en="Test"
            )
        )

    @hookimpl
    def register_readers(self, register):  # type: ignore[no-untyped-def]
        register(
            Reader(id="read-test", name="Test", suffixes=(".tst",), read=read_register)
        )


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


def test_hook_register_reports(registry: Registry) -> None:
    table = registry.reports["rep-test"].build(load_sample_register(), {})
    assert table.to_rows() == [{"n": len(load_sample_register())}]


def test_hook_register_columns(registry: Registry) -> None:
    assert registry.columns["col_test"].type == "number"


def test_hook_register_readers(registry: Registry) -> None:
    assert registry.readers["read-test"].suffixes == (".tst",)


def test_contributions_are_attributed_to_their_plugin(registry: Registry) -> None:
    (info,) = [
        p for p in registry.plugins if "r-test" in p.contributions.get("rules", ())
    ]
    assert not info.builtin
    assert info.contributions["services"] == ("s-test",)


def test_a_duplicate_id_is_skipped_with_a_warning_and_the_builtin_kept() -> None:
    class Clash:
        @hookimpl(tryfirst=True)
        def register_taxonomies(self, register):  # type: ignore[no-untyped-def]
            register(Taxonomy(id="bontang", name="x", source="x", groups=()))

    with (
        registered(Clash()) as pm,
        pytest.warns(
            PluginFaultWarning, match="taxonomy 'bontang' is already registered"
        ),
    ):
        registry = Registry.from_plugin_manager(pm)
    assert registry.taxonomies["bontang"].name != "x"
    (problem,) = registry.problems
    assert problem.state == "skipped"


# -- pluggy as designed ---------------------------------------------------------


def _order_plugin(
    label: str, *, tryfirst: bool = False, trylast: bool = False
) -> object:
    class Plugin:
        @hookimpl(tryfirst=tryfirst, trylast=trylast)
        def register_demo_sections(self, register):  # type: ignore[no-untyped-def]
            register(DemoSection(id=label, title=label, render=str))

    return Plugin()


def test_hooks_run_in_pluggy_call_order_tryfirst_first_trylast_last() -> None:
    plugins = (
        _order_plugin("late", trylast=True),
        _order_plugin("early", tryfirst=True),
        _order_plugin("plain"),
    )
    with registered(*plugins) as pm:
        order = list(Registry.from_plugin_manager(pm).demo_sections)
    assert order[0] == "early"
    assert order[-1] == "late"
    assert order.index("plain") < order.index("overview")  # registered last: first


def test_wrappers_wrap_every_plugin_call() -> None:
    seen: list[int] = []

    class Counter:
        @hookimpl(wrapper=True)
        def register_services(self, register):  # type: ignore[no-untyped-def]
            result = yield
            seen.append(1)
            return result

    with registered(Counter()) as pm:
        registry = Registry.from_plugin_manager(pm)
    providers = [p for p in registry.plugins if "services" in p.contributions]
    assert len(seen) == len(providers) == 2  # bidang and kesehatan


def test_tracing_and_monitoring_see_each_call() -> None:
    calls: list[tuple[str, list[str]]] = []
    with registered() as pm:
        undo = pm.add_hookcall_monitoring(
            lambda name, impls, kwargs: calls.append(
                (name, [i.plugin_name for i in impls])
            ),
            lambda outcome, name, impls, kwargs: None,
        )
        Registry.from_plugin_manager(pm)
        undo()
    assert ("register_rules", ["validation"]) in calls
    assert ("register_rules", ["kesehatan"]) in calls


def test_a_hook_can_gain_an_argument_without_breaking_plugins() -> None:
    class NewSpecs:
        @hookspec
        def register_services(self, register, host):  # type: ignore[no-untyped-def]
            """The next version passes ``host`` too."""

    specs = types.SimpleNamespace(
        **{name: getattr(hookspecs, name) for name in HOOKS},
    )
    specs.register_services = NewSpecs.register_services
    received: list[str] = []

    class NewPlugin:
        @hookimpl
        def register_services(self, register, host):  # type: ignore[no-untyped-def]
            received.append(host)

    pm = posyandu_core.plugins.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(specs)  # type: ignore[arg-type]
    pm.register(posyandu_core.plugins.kesehatan, name="kesehatan")  # old signature
    pm.register(NewPlugin())
    registry = Registry.from_plugin_manager(pm, hook_args={"host": "posyandu 2"})
    assert "kesehatan.imunisasi" in registry.services
    assert received == ["posyandu 2"]


def test_registered_unregisters_afterwards() -> None:
    pm = make_plugin_manager(autoload=False)
    plugin = Everything()
    with registered(plugin, pm=pm):
        assert pm.is_registered(plugin)
    assert not pm.is_registered(plugin)


class FakeDist:
    name = "posyandu-core-broken"
    version = "0.0.1"


class FakeEntryPoint:
    def __init__(self, name: str, target: object) -> None:
        self.name, self.target, self.dist = name, target, FakeDist()
        self.value = f"posyandu_core_{name.replace('-', '_')}"

    def load(self) -> object:
        if isinstance(self.target, Exception):
            raise self.target
        return self.target


def _with_third_party(monkeypatch: pytest.MonkeyPatch, *eps: FakeEntryPoint) -> None:
    real = importlib.metadata.entry_points

    def fake(*, group: str) -> list[object]:
        return [*real(group=group), *eps]

    monkeypatch.setattr("posyandu_core._loader.entry_points", fake)


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


def test_the_contract_imports_no_implementation() -> None:
    code = (
        "import sys, posyandu_core.hookspecs; "
        "print(sorted(m for m in sys.modules if m.startswith("
        "('posyandu_core.devices', 'posyandu_core.growth', 'posyandu_core.register'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
