"""Strict readers of plain scalars and containers, the converter's primitive hooks: a string
field refuses ``40``, a number refuses ``true``, a day is ``YYYY-MM-DD``; and the generic hook
factories (literals, optionals, sequences)."""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections.abc import Callable
from types import NoneType, UnionType
from typing import Any, Final, Literal, TypeVar, Union, get_args, get_origin

from cattrs.errors import (
    IterableValidationError,
    IterableValidationNote,
)

from .messages import _add_note, _Expected, did_you_mean

T = TypeVar("T")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: The largest number a range can hold (comparisons are made in floats).
_LARGEST: Final = sys.float_info.max


def _structure_str(value: object, _: Any) -> str:
    if not isinstance(value, str):
        raise _Expected("a string", value)
    return value


def _structure_number(value: object, _: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Expected("a number", value)
    if isinstance(value, float) and not math.isfinite(value):
        raise _Expected("a finite number", value)
    if isinstance(value, int) and abs(value) > _LARGEST:
        # Ranges and comparisons work in floats: a whole number beyond them cannot be placed.
        raise _Expected(f"a number of at most {_LARGEST:.3g}", value)
    return value


def _structure_int(value: object, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Expected("a whole number", value)
    return value


def _structure_bool(value: object, _: Any) -> bool:
    if not isinstance(value, bool):
        raise _Expected("true or false", value)
    return value


def _structure_day(value: object, _: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _Expected("a date as YYYY-MM-DD", value)


def _optional(hook: Callable[[Any, Any], T]) -> Callable[[Any, Any], T | None]:
    def structure(value: object, type_: Any) -> T | None:
        return None if value is None else hook(value, type_)

    return structure


def _is_literal(type_: Any) -> bool:
    return get_origin(type_) is Literal


def _literal_hook(type_: Any) -> Callable[[Any, Any], str]:
    allowed = tuple(str(a) for a in get_args(type_))
    listed = ", ".join(repr(a) for a in allowed)

    def structure(value: object, _: Any) -> str:
        if isinstance(value, str) and value in allowed:
            return value
        hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
        raise _Expected(f"one of {listed}", value, hint)

    return structure


def _is_optional(type_: Any) -> bool:
    if get_origin(type_) not in (Union, UnionType):
        return False
    args = get_args(type_)
    return len(args) == 2 and NoneType in args


def _is_sequence(type_: Any) -> bool:
    origin = get_origin(type_)
    args = get_args(type_)
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return origin is frozenset and len(args) == 1


def _each(
    items: list[Any] | tuple[Any, ...], structure: Callable[[Any], Any], what: str, cls: type[Any]
) -> tuple[Any, ...]:
    """Structure every item, collecting every item's error (with its index) rather than
    stopping at the first, so that one bad option or claim never hides the others."""
    errors: list[Exception] = []
    out = []
    for i, item in enumerate(items):
        try:
            out.append(structure(item))
        except Exception as e:
            _add_note(e, IterableValidationNote(f"Structuring {what} @ index {i}", i, cls))
            errors.append(e)
    if errors:
        raise IterableValidationError(f"While structuring {what}s", errors, tuple)
    return tuple(out)
