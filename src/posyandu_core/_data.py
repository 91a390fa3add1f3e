"""Packaged data files: rule tables (TOML) read lazily and cached."""

from __future__ import annotations

import functools
import tomllib
from importlib.resources import files
from typing import Any

from posyandu_core.errors import RuleDataError


@functools.cache
def load_rule_table(name: str, package: str = "posyandu_core") -> dict[str, Any]:
    """Return the parsed TOML file ``data/rules/<name>.toml`` of ``package``.

    Plugins that ship their own tables pass their own package name.
    """
    resource = files(package).joinpath("data", "rules", f"{name}.toml")
    try:
        with resource.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        msg = f"rule table {name!r} is not packaged in {package!r}"
        raise RuleDataError(msg, fix="reinstall the package") from exc
    except tomllib.TOMLDecodeError as exc:
        msg = f"rule table {name!r} of {package!r} is not valid TOML: {exc}"
        raise RuleDataError(msg) from exc
