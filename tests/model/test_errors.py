"""One errors module: every exception claimdiff raises is defined in ``errors``, under one base."""

from __future__ import annotations

import ast
import builtins
import inspect
import pickle
from pathlib import Path

import pytest

import claimdiff
from claimdiff import errors as _errors
from claimdiff.errors import (
    AmbiguousFigureError,
    ClaimdiffError,
    UnknownKeyError,
    unknown_key,
)

PACKAGE = Path(claimdiff.__file__).resolve().parent

#: Names of the builtin exception classes, which a class statement may derive from directly.
_BUILTIN_EXCEPTIONS = {
    name
    for name, obj in vars(builtins).items()
    if isinstance(obj, type) and issubclass(obj, BaseException)
}


def _exception_classes() -> list[tuple[str, str, list[str]]]:
    """(module path, class name, base names) of every class statement in the package whose
    bases name an exception: a builtin one, an ``...Error`` or ``...Exception``."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = [ast.unparse(b).rsplit(".", 1)[-1] for b in node.bases]
            if any(
                b in _BUILTIN_EXCEPTIONS or b.endswith(("Error", "Exception", "Warning"))
                for b in bases
            ):
                found.append((path.relative_to(PACKAGE).as_posix(), node.name, bases))
    return found


def _public_exceptions() -> list[type[BaseException]]:
    """The exception classes defined in ``errors``."""
    return [
        obj
        for obj in vars(_errors).values()
        if inspect.isclass(obj)
        and issubclass(obj, BaseException)
        and obj.__module__ == _errors.__name__
    ]


def test_the_walk_finds_exceptions() -> None:
    """The walk over the package sees the classes of ``errors`` (so the next test can fail)."""
    names = {name for module, name, _ in _exception_classes() if module == "errors.py"}
    assert {"ClaimdiffError", "ConfigError", "UsageError"} <= names


def test_every_exception_is_defined_in_errors() -> None:
    """Outside ``errors`` only private control-flow exceptions are defined, none a ClaimdiffError.

    They never leave the module that raises them (a reader's ``_Refused``, a date's
    ``_NeedsYearError``), so they are its mechanism, not part of what callers catch.
    """
    elsewhere = [
        (module, name, bases)
        for module, name, bases in _exception_classes()
        if module != "errors.py"
        and (not name.startswith("_") or any(b not in _BUILTIN_EXCEPTIONS for b in bases))
    ]
    assert [] == elsewhere


def test_errors_imports_nothing_from_claimdiff() -> None:
    """``errors`` is the leaf every layer may import: it imports no claimdiff module."""
    tree = ast.parse((PACKAGE / "errors.py").read_text(encoding="utf-8"))
    imported = [
        node.module or "."
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and (node.level > 0 or (node.module or "").startswith("claimdiff"))
    ] + [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name.startswith("claimdiff")
    ]
    assert [] == imported


def test_one_base_and_the_closest_builtin() -> None:
    """Every exception derives from ``ClaimdiffError`` and (but the base) from a builtin one."""
    for cls in _public_exceptions():
        assert issubclass(cls, ClaimdiffError), cls
        if cls is not ClaimdiffError:
            builtin = [
                b for b in cls.__mro__ if b.__module__ == "builtins" and b is not BaseException
            ]
            assert builtin[0] is not Exception, cls  # a ValueError, TypeError, KeyError


def _instance(cls: type[BaseException]) -> BaseException:
    if cls is AmbiguousFigureError:
        return AmbiguousFigureError("1.500")
    if cls is UnknownKeyError:
        return unknown_key("group", "kidal-2014/kiled/fama", ["kidal-2014/killed/fama"])
    return cls("a message naming 'the value'")


@pytest.mark.parametrize("cls", _public_exceptions(), ids=lambda c: c.__name__)
def test_exceptions_pickle(cls: type[BaseException]) -> None:
    """An exception survives pickling (a Dask worker's error) with its type and message."""
    error = _instance(cls)
    again = pickle.loads(pickle.dumps(error))
    assert (type(error), str(error)) == (type(again), str(again))


def test_unknown_key_keeps_its_fields_through_pickle() -> None:
    """``UnknownKeyError`` keeps what was looked up, the key and the close keys."""
    error = unknown_key("group", "kidal-2014/kiled/fama", ["kidal-2014/killed/fama"])
    again = pickle.loads(pickle.dumps(error))
    assert (error.what, error.key, error.close) == (again.what, again.key, again.close)


def test_the_errors_module_lists_every_exception_it_defines() -> None:
    """``claimdiff.errors.__all__`` is exactly its exception classes, for users who catch them
    (five of them, such as ``GitError`` and ``UsageError``, are not in ``claimdiff.__all__``)."""
    expected = sorted(cls.__name__ for cls in _public_exceptions())
    assert expected == sorted(_errors.__all__)
    assert all(hasattr(_errors, name) for name in _errors.__all__)
