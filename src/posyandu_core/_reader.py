"""The one ``Reader`` type: a way to read a register from one kind of source.

It lives at the bottom of the package so that both the plugin contract
(``posyandu_core.hookspecs``, which imports no implementation) and the
register (which runs the readers) use this very class: the built-in readers
are ``Reader`` objects exactly like a plugin's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from posyandu_core.register import CellTable, Register

__all__ = ["Reader"]


@attrs.frozen(kw_only=True)
class Reader:
    """A register source: a file format or an in-memory object.

    Parameters
    ----------
    id : str
        Unique id, e.g. ``"xlsx"``.
    name : str
        Label for ``posyandu plugins``.
    suffixes : tuple of str
        File name endings it reads, lower case with the dot (``".xlsx"``).
    read : callable
        ``read(source) -> CellTable`` (headers and cells, which the core then
        types, resolves and validates like any file) or a ready ``Register``.
    accepts : callable or None
        For in-memory sources: ``accepts(obj) -> bool``.

    Examples
    --------
    >>> Reader(id="tsv", name="Tab-separated", suffixes=(".tsv",), read=print).suffixes
    ('.tsv',)
    """

    id: str
    name: str
    suffixes: tuple[str, ...] = ()
    read: Callable[[Any], CellTable | Register]
    accepts: Callable[[object], bool] | None = None
