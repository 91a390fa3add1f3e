"""Every error the library raises on purpose speaks Indonesian first.

A kader reads messages in Indonesian by default and ``--lang en`` swaps the
order; that only works when an error carries its Indonesian text
(``message_id``) beside the English one, and its fix in both languages
(``fix_id`` beside ``fix``). This test reads the source: every call that
builds a ``PosyanduError`` (any subclass, the plugins' own included) must
pass ``message_id``, and ``fix_id`` whenever it passes ``fix``. A call that
forwards ``**kwargs`` is trusted to forward them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import posyandu_core
from posyandu_core.errors import PosyanduError
from posyandu_core.registry import get_registry

SOURCE = Path(posyandu_core.__file__).parent
#: Sub-packages whose errors are not bilingual yet (strict xfail: a package
#: made bilingual must leave this set).
PENDING: set[str] = set()


def _error_classes() -> set[str]:
    """Names of every PosyanduError subclass, plugins' included."""
    get_registry()  # import the built-in plugins and their error types
    names: set[str] = set()
    todo = [PosyanduError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


def _package(path: Path) -> str:
    """The sub-package a file belongs to (private folders such as ``_simulators``
    belong to their parent)."""
    parts = path.parent.relative_to(SOURCE).parts
    while parts and parts[-1].startswith("_"):
        parts = parts[:-1]
    return "/".join(parts) or "."


def _calls(path: Path, errors: set[str]) -> Iterator[tuple[int, str, set[str | None]]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in errors:
            yield node.lineno, name, {keyword.arg for keyword in node.keywords}


PACKAGES = sorted({_package(path) for path in SOURCE.rglob("*.py")})


@pytest.mark.parametrize(
    "package",
    [
        pytest.param(
            p, marks=pytest.mark.xfail(strict=True, reason="not yet bilingual")
        )
        if p in PENDING
        else p
        for p in PACKAGES
    ],
)
def test_every_error_has_its_indonesian_text(package: str) -> None:
    errors = _error_classes()
    missing = []
    for path in SOURCE.rglob("*.py"):
        if _package(path) != package:
            continue
        for line, name, keywords in _calls(path, errors):
            if None in keywords:  # **kwargs forwarded
                continue
            absent = [k for k in ("message_id",) if k not in keywords]
            if "fix" in keywords and "fix_id" not in keywords:
                absent.append("fix_id")
            if absent:
                where = path.relative_to(SOURCE)
                missing.append(f"{where}:{line} {name} without {', '.join(absent)}")
    assert not missing, "\n".join(missing)


#: Built-in exceptions the library may raise, as ``file:function`` → why. Each
#: is caught inside the library (or is a bug of posyandu_core itself): none
#: reaches a user, so none needs an Indonesian text.
BUILTIN_ALLOWED = {
    # a cell that cannot be read: the reader catches it and reports an Issue
    "register/_cells.py:parse_date": "caught by the reader (an Issue)",
    "register/_cells.py:parse_number": "caught by the reader (an Issue)",
    "register/_cells.py:parse_bool": "caught by the reader (an Issue)",
    "register/_build.py:_typed_value": "caught by the reader (an Issue)",
    "api.py:_typed": "caught three lines below, one bilingual error per type",
    # invariants between the library's own modules
    "register/_store.py:set_rows": "the validator gives rows built from the same values",
    "analysis/_survey.py:proportion_summary": "_table passes the start of a survey design",
    "registry.py:_settle": "a built-in plugin's bug; third-party ones are reported",
    # Python's sequence protocol: `in`, index() and old-style iteration stop on it
    "plugins/kesehatan/_lazy.py:__getitem__": "a list's IndexError, as a list raises",
    "hookspecs.py:__getitem__": "a list's IndexError, as a list raises (ColumnRows)",
}
BUILTINS = ("ValueError", "TypeError", "KeyError", "LookupError", "IndexError")


def _builtin_raises(path: Path) -> Iterator[tuple[int, str, str]]:
    """``raise ValueError(...)`` and kin in a file: line, function, exception."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Raise) or node.exc is None:
                continue
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(exc, ast.Name) and exc.id in BUILTINS:
                yield node.lineno, function.name, exc.id


def test_no_builtin_exception_reaches_a_user() -> None:
    found = {
        f"{path.relative_to(SOURCE).as_posix()}:{function}": (line, name)
        for path in SOURCE.rglob("*.py")
        for line, function, name in _builtin_raises(path)
    }
    unexpected = [
        f"{where} (line {line}) raises {name}: raise a PosyanduError subclass "
        "with message_id, or add it to BUILTIN_ALLOWED with the reason"
        for where, (line, name) in sorted(found.items())
        if where not in BUILTIN_ALLOWED
    ]
    assert not unexpected, "\n".join(unexpected)
    # an allow-list entry whose raise is gone must leave the list
    assert set(BUILTIN_ALLOWED) <= set(found)
