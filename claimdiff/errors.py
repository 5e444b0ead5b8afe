"""Exceptions, raised only when a run cannot go on. Problems in data are findings, not errors.

Every exception claimdiff raises on purpose is defined here, under one base
:class:`ClaimdiffError`, each also deriving from the closest builtin so that ``except
ValueError`` keeps working. This module imports nothing from claimdiff: every layer may raise
from it.
"""

from __future__ import annotations

import difflib

__all__ = [
    "AmbiguousFigureError",
    "BaselineError",
    "ClaimdiffError",
    "ClaimdiffTypeError",
    "ConfigError",
    "DatasetError",
    "EdtfRefusedError",
    "GitError",
    "UnknownKeyError",
    "UnreadableCellError",
    "UsageError",
    "ValueParseError",
]


class ClaimdiffError(Exception):
    """Base class of every exception claimdiff raises on purpose."""


class ValueParseError(ClaimdiffError, ValueError):
    """A value's text does not fit the grammar of its kind.

    The message says what was expected and shows the text: ``expected a number or range,
    got 'fourty'``.
    """


class AmbiguousFigureError(ValueParseError):
    """A figure such as ``1.500`` that reads differently in English and French.

    A :class:`ValueParseError` with its own message, so that a reading path which does not
    catch it (a hint, a compound duration) still refuses the text rather than crash.
    """

    def __init__(self, figure: str) -> None:
        super().__init__(f"{figure!r} is ambiguous: write '1,500' or '1.5'")
        self.figure = figure

    def __reduce__(self) -> tuple[type[AmbiguousFigureError], tuple[str]]:
        # Pickle (a Dask worker's error) rebuilds from __init__'s argument, not the message.
        return type(self), (self.figure,)


class EdtfRefusedError(ValueParseError):
    """EDTF that claimdiff understands and refuses: the message says why."""


class UnreadableCellError(ValueParseError):
    """A Flight cell holds a time or a date that cannot be read (``25:10``, ``2/30/2011``)."""


class DatasetError(ClaimdiffError, ValueError):
    """A dataset could not be read at all (no file, no readable content)."""


class ConfigError(ClaimdiffError, ValueError):
    """A configuration file or a flag's value that cannot be used; the message says where."""


class BaselineError(ClaimdiffError, ValueError):
    """A baseline file could not be read: bad YAML or entries of the wrong shape."""


class GitError(ClaimdiffError, ValueError):
    """A ``REV:path`` could not be read: no git, not a repository, a bad revision or path, or a
    tree whose paths would leave the folder it is checked out into."""


class UsageError(ClaimdiffError, ValueError):
    """The command line asks for something that cannot be done; exit code 2."""


class ClaimdiffTypeError(ClaimdiffError, TypeError):
    """An argument of the wrong type: a claim value that does not follow the
    :class:`~claimdiff.Value` protocol, a value policy that is not a
    :class:`~claimdiff.ValuePolicy`. The message names the claim and what is missing."""


class UnknownKeyError(ClaimdiffError, KeyError):
    """A key (a group, a claim id) that the report or overview does not hold.

    A :class:`KeyError`, so ``except KeyError`` still catches it; its message names the
    closest keys, as the command line does: ``no group 'kidal-2014/kiled/fama' (did you mean
    'kidal-2014/killed/fama'?)``.

    Args:
        what: what was looked up (``group``, ``claim``).
        key: the key asked for.
        close: the closest keys that exist, best first (may be empty).
    """

    def __init__(self, what: str, key: object, close: tuple[str, ...] = ()) -> None:
        super().__init__(key)
        self.what = what
        self.key = key
        self.close = close
        hint = ""
        if close:
            hint = " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
        self.message = f"no {what} {str(key)!r}{hint}"

    def __reduce__(self) -> tuple[type[UnknownKeyError], tuple[str, object, tuple[str, ...]]]:
        # Pickle (a Dask worker's error) rebuilds from __init__'s arguments, not ``args``.
        return type(self), (self.what, self.key, self.close)

    def __str__(self) -> str:
        # KeyError's own __str__ shows the repr of its argument; the message reads better.
        return self.message


def unknown_key(what: str, key: object, keys: list[str]) -> UnknownKeyError:
    """An :class:`UnknownKeyError` for ``key`` among ``keys``, with the closest three."""
    close = difflib.get_close_matches(str(key), keys, n=3, cutoff=0.6)
    return UnknownKeyError(what, key, tuple(close))
