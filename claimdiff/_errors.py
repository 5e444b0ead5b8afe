"""Exceptions, raised only when a run cannot go on. Problems in data are findings, not errors."""

from __future__ import annotations


class ClaimdiffError(Exception):
    """Base class of every exception claimdiff raises on purpose."""


class ValueParseError(ClaimdiffError, ValueError):
    """A value's text does not fit the grammar of its kind.

    The message says what was expected and shows the text: ``expected a number or range,
    got 'fourty'``.
    """


class DatasetError(ClaimdiffError, ValueError):
    """A dataset could not be read at all (no file, no readable content)."""
