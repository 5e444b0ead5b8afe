"""Messages of the loader: a value shown short, did-you-mean hints, and cattrs' validation
errors flattened into one line each with the path of the field (``claims[3].value``)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

import attrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from .._model.claims import FILE_KEYS, Dataset
from .._model.values import VALUE_TYPES

#: The longest message of a finding about a field.
MAX_MESSAGE: Final = 300
Path = tuple[str | int, ...]


class _Expected(TypeError):  # noqa: N818 -- reads as "expected ..., got ..."
    """A value of the wrong shape; the message says what was expected and shows what came."""

    def __init__(self, what: str, got: object, hint: str = "") -> None:
        super().__init__(f"expected {what}, got {show(got)}{hint}")


def _add_note(error: BaseException, note: str) -> None:
    # BaseException.add_note is 3.11+; cattrs reads ``__notes__`` on every version.
    error.__notes__ = [*getattr(error, "__notes__", []), note]  # type: ignore[attr-defined]


@attrs.frozen
class TooManyDigits:
    """A whole number in a file with more digits than Python reads (4,300): kept as this
    marker, so that the record it is in is refused with a message rather than the file."""

    digits: int


def show(value: object, limit: int = 60) -> str:
    """A short, JSON-flavoured rendering of a bad value for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 3] + "..."
        return repr(text)
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        # repr() of a huge whole number fails past 4,300 digits and would swamp the message.
        return f"a whole number of about {value.bit_length() * 0.30103:,.0f} digits"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, TooManyDigits):
        return f"a whole number of {value.digits:,} digits"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def did_you_mean(name: str, candidates: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def known_fields(cls: type[Any]) -> tuple[str, ...]:
    """The keys a mapping for ``cls`` may have."""
    if cls is Dataset:
        return FILE_KEYS
    names = tuple(a.name for a in attrs.fields(cls))
    return ("kind", *names) if cls in VALUE_TYPES else names


def unknown_field_message(field: object, cls: type[Any]) -> str:
    """``unknown field 'claimnt' (did you mean 'claimant'?)``."""
    hint = did_you_mean(field, known_fields(cls)) if isinstance(field, str) else ""
    return f"unknown field {field!r}{hint}"


def _describe(type_: Any) -> str:
    if type_ is str:
        return "a string"
    if type_ in (int, float) or type_ == int | float:
        return "a number"
    if type_ is dt.date:
        return "a date as YYYY-MM-DD"
    if attrs.has(type_):
        return f"a mapping ({type_.__name__})"
    return "a different value"


def format_exception(exc: BaseException, type_: Any) -> str:
    """:func:`describe_exception`, at most :data:`MAX_MESSAGE` characters long: a message
    echoes the bad text, which may be megabytes."""
    message = describe_exception(exc, type_)
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 3] + "..."


def describe_exception(exc: BaseException, type_: Any) -> str:
    """Describe one structuring error; a ``format_exception`` for :func:`cattrs.transform_error`.

    Args:
        exc: the error a hook raised.
        type_: the type that was being structured, when cattrs knows it.

    Returns:
        ``expected a string, got 40``, ``unknown field 'claimnt' (did you mean
        'claimant'?)``, ``required field missing``, or the parser's own message.
    """
    if isinstance(exc, ForbiddenExtraKeysError):
        return "; ".join(unknown_field_message(f, exc.cl) for f in sorted(exc.extra_fields))
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, _Expected | ValueError) and str(exc):
        return str(exc)
    if isinstance(exc, TypeError | ValueError):
        return f"expected {_describe(type_)}" if type_ is not None else f"invalid value ({exc})"
    return f"unexpected error ({type(exc).__name__}: {exc})"


def iter_errors(exc: BaseException, path: Path = ()) -> Iterator[tuple[Path, BaseException, Any]]:
    """Walk a detailed-validation error as :func:`cattrs.transform_error` does.

    Yields ``(path, error, type)`` for every leaf error; ``path`` is a tuple of field names
    and list indices (``("via", 0, "outlet")``).
    """
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, inote in with_notes:
            yield from _leaf_or_walk(sub, (*path, inote.index), inote.type)
        for sub in without:
            yield path, sub, None
    elif isinstance(exc, ClassValidationError):
        with_cnotes, without = exc.group_exceptions()
        for sub, cnote in with_cnotes:
            yield from _leaf_or_walk(sub, (*path, cnote.name), cnote.type)
        for sub in without:
            yield path, sub, None
    else:
        yield path, exc, None


def _leaf_or_walk(
    exc: BaseException, path: Path, type_: Any
) -> Iterator[tuple[Path, BaseException, Any]]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        yield from iter_errors(exc, path)
    else:
        yield path, exc, type_


def format_path(path: Path) -> str:
    """``("claims", 3, "via", 0, "outlet")`` as ``claims[3].via[0].outlet``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
