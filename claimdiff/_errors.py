"""Exceptions, raised only when a run cannot go on. Problems in data are findings, not errors."""

from __future__ import annotations

import difflib


class ClaimdiffError(Exception):
    """Base class of every exception claimdiff raises on purpose."""


class ValueParseError(ClaimdiffError, ValueError):
    """A value's text does not fit the grammar of its kind.

    The message says what was expected and shows the text: ``expected a number or range,
    got 'fourty'``.
    """


class DatasetError(ClaimdiffError, ValueError):
    """A dataset could not be read at all (no file, no readable content)."""


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
        self.key = key
        self.close = close
        hint = ""
        if close:
            hint = " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
        self.message = f"no {what} {str(key)!r}{hint}"

    def __str__(self) -> str:
        # KeyError's own __str__ shows the repr of its argument; the message reads better.
        return self.message


def unknown_key(what: str, key: object, keys: list[str]) -> UnknownKeyError:
    """An :class:`UnknownKeyError` for ``key`` among ``keys``, with the closest three."""
    close = difflib.get_close_matches(str(key), keys, n=3, cutoff=0.6)
    return UnknownKeyError(what, key, tuple(close))
