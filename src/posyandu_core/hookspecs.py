"""The plugin contract: every hook posyandu_core calls, in one place.

A plugin is a module (or any object) with functions marked ``@hookimpl``
whose names match the hooks below. It is found through the ``posyandu_core``
entry-point group — the built-in plugins are declared there too, exactly as a
third-party package declares its own::

    [project.entry-points.posyandu_core]
    myplugin = "posyandu_core_myplugin"

Contributions use ``register_<plural>(register)``: the host passes a
``register`` callback and the plugin calls it once per item. Registering two
items with the same id raises :class:`~posyandu_core.errors.DuplicateRegistrationError`.
Hook signatures are public API: a plugin may accept fewer arguments than the
spec names, and new arguments may be added; removing or renaming one is a
breaking change.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

import attrs
import pluggy

from posyandu_core.devices._driver import DeviceDriver
from posyandu_core.model._convert import to_str_set
from posyandu_core.model.bidang import Bidang, Taxonomy
from posyandu_core.rules._rule import Rule

if TYPE_CHECKING:
    from posyandu_core.register import Register

__all__ = [
    "Command",
    "DemoSection",
    "DeviceDriver",
    "Exporter",
    "GrowthReference",
    "Registrar",
    "Rule",
    "Service",
    "Taxonomy",
    "hookimpl",
    "hookspec",
]

PROJECT = "posyandu_core"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

T_contra = TypeVar("T_contra", contravariant=True)


class Registrar(Protocol[T_contra]):
    """The callback a ``register_*`` hook receives."""

    def __call__(self, item: T_contra, /) -> None:
        """Register one item."""


@attrs.frozen(kw_only=True)
class Service:
    """A service a Posyandu offers in one bidang, e.g. growth monitoring.

    Parameters
    ----------
    id : str
        Unique id, e.g. ``"kesehatan.pemantauan_pertumbuhan"``.
    bidang : Bidang
        The canonical bidang it belongs to.
    name_id, name_en : str
        Indonesian and English name.
    sasaran : tuple of str
        Life-stage codes it serves (``"BALITA"``, ``"BUMIL"`` …).
    tags : frozenset of str
        Free tags; taxonomies use them to place the service (e.g. ``"kb"``).
    """

    id: str
    bidang: Bidang = attrs.field(converter=Bidang)
    name_id: str
    name_en: str
    sasaran: tuple[str, ...] = ()
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=to_str_set)
    description: str = ""


@attrs.frozen(kw_only=True)
class GrowthReference:
    """A growth reference (standard) and the indicators it covers."""

    id: str
    name: str
    indicators: tuple[str, ...]
    age_range: str
    source: str


@attrs.frozen(kw_only=True)
class Exporter:
    """An export format: writes a register (or a report) to a file."""

    id: str
    name: str
    suffix: str
    write: Callable[[Register, str], None]


@attrs.frozen(kw_only=True)
class Command:
    """A ``posyandu`` subcommand.

    ``configure(parser)`` adds arguments (or sub-subcommands);
    ``run(args)`` does the work and returns the exit code. Raise a
    :class:`~posyandu_core.errors.PosyanduError` for unusable input: the CLI
    prints it in one line and exits 2.
    """

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


@attrs.frozen(kw_only=True)
class DemoSection:
    """One section of ``posyandu demo``: text rendered from the sample register."""

    id: str
    title: str
    render: Callable[[Register], str]
    order: int = 100


@hookspec
def register_taxonomies(register: Registrar[Taxonomy]) -> None:
    """Offer bidang taxonomies (ways of grouping the six bidang).

    Parameters
    ----------
    register : Registrar[Taxonomy]
        Call ``register(taxonomy)`` once per taxonomy.
    """


@hookspec
def register_services(register: Registrar[Service]) -> None:
    """Offer the services of a bidang.

    Parameters
    ----------
    register : Registrar[Service]
        Call ``register(service)`` once per service.
    """


@hookspec
def register_rules(register: Registrar[Rule]) -> None:
    """Offer validation rules.

    Parameters
    ----------
    register : Registrar[Rule]
        Call ``register(rule)`` once per rule; ``rule.target`` says what
        it checks (``"row"``, ``"register"`` or a plugin-defined target).
    """


@hookspec
def register_references(register: Registrar[GrowthReference]) -> None:
    """Offer growth references.

    Parameters
    ----------
    register : Registrar[GrowthReference]
        Call ``register(reference)`` once per reference.
    """


@hookspec
def register_devices(register: Registrar[DeviceDriver]) -> None:
    """Offer device drivers.

    Parameters
    ----------
    register : Registrar[DeviceDriver]
        Call ``register(driver)`` once per device model.
    """


@hookspec
def register_exporters(register: Registrar[Exporter]) -> None:
    """Offer export formats.

    Parameters
    ----------
    register : Registrar[Exporter]
        Call ``register(exporter)`` once per format.
    """


@hookspec
def register_commands(register: Registrar[Command]) -> None:
    """Offer ``posyandu`` subcommands.

    Parameters
    ----------
    register : Registrar[Command]
        Call ``register(command)`` once per subcommand.
    """


@hookspec
def register_demo_sections(register: Registrar[DemoSection]) -> None:
    """Offer sections for ``posyandu demo``.

    Parameters
    ----------
    register : Registrar[DemoSection]
        Call ``register(section)`` once per section.
    """
