"""A claim's reading context: the measure kinds and event years a dataset declares, the year
and reference day of one claim's text dates, and the reading of a value or date text in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs

from .._grammar.edtf import parse_edtf
from .._grammar.parse import parse_value
from .._model.claims import DEFAULT_MEASURE_KINDS, Event
from .._model.policy import ValuePolicy
from .._model.values import DateValue
from ..errors import ValueParseError
from .messages import show
from .scalars import _structure_day

#: The kinds tried, in order, for a measure that neither the dataset nor the defaults know.
FALLBACK_KINDS: Final = ("count", "date", "category")
#: The longest text read as a value or a date: value texts are phrases ("about 40 killed,
#: including 12 civilians"); a longer one is refused before the grammar spends time on it.
MAX_VALUE_TEXT: Final = 1_000


@attrs.frozen
class ClaimContext:
    """What reading a claim's text value needs from its dataset.

    Args:
        measures: measure name to kind (``count``, ``date``, ...), overriding
            :data:`claimdiff._model.claims.DEFAULT_MEASURE_KINDS`.
        event_years: event id to the year its ``when`` falls in.
    """

    measures: Mapping[str, str] = attrs.field(factory=dict)
    event_years: Mapping[str, int] = attrs.field(factory=dict)

    @classmethod
    def of(cls, measures: Mapping[str, str] | None, events: Sequence[Event]) -> ClaimContext:
        """The context of a dataset with these measures and events."""
        years = {e.id: y for e in events if (y := date_year(e.when)) is not None}
        return cls(dict(measures or {}), years)

    def merged(self, other: ClaimContext) -> ClaimContext:
        """This context with ``other``'s entries added over it."""
        return ClaimContext(
            {**self.measures, **other.measures}, {**self.event_years, **other.event_years}
        )


def measure_kind(measure: str, measures: Mapping[str, str]) -> str | None:
    """The kind a measure's text values are read as; ``None`` when nobody declares it."""
    return measures.get(measure) or DEFAULT_MEASURE_KINDS.get(measure)


def date_year(value: DateValue | None) -> int | None:
    """The year a date value falls in (of its start, when it spans years)."""
    if value is None:
        return None
    day = value.low or value.high
    return day.year if day else None


def _as_text(value: object) -> str | None:
    """The text of a scalar written where text is expected (YAML and JSON type scalars)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    return None


def _quiet_day(value: object) -> dt.date | None:
    if value is None:
        return None  # absent, as most are: no exception made and caught (1.3 µs)
    try:
        return _structure_day(value, dt.date)
    except (TypeError, ValueError):
        return None


def _too_long(text: str) -> _Parsed | None:
    """Why ``text`` is too long to be read as a value, or ``None``."""
    if len(text) <= MAX_VALUE_TEXT:
        return None
    return _Parsed(
        error=ValueParseError(
            f"a value's text holds at most {MAX_VALUE_TEXT:,} characters, got "
            f"{len(text):,}: {show(text)}"
        )
    )


def read_date_text(
    text: str, year: int | None, policy: ValuePolicy, reference: dt.date | None = None
) -> _Parsed:
    """A date given as text (a claim's ``as_of``, an event's ``when``): the value grammar's
    date, else EDTF; or why it is not one."""
    if (refused := _too_long(text)) is not None:
        return refused
    try:
        value = parse_value(text, "date", policy=policy, year=year, reference=reference)
    except ValueParseError as error:
        try:
            return _Parsed(parse_edtf(text))
        except ValueError:
            return _Parsed(error=error)
    except ValueError as error:
        return _Parsed(error=error)
    if not isinstance(value, DateValue):
        return _Parsed(error=ValueParseError(f"expected a date, got {text!r}"))
    return _Parsed(value)


def context_year(data: Mapping[str, Any], as_of: object, ctx: ClaimContext) -> int | None:
    """The year a claim's dates without one fall in.

    From the claim's ``as_of``, else its event's ``when``, else ``stated``, else the first
    relay's ``published``.
    """
    if isinstance(as_of, DateValue) and (year := date_year(as_of)) is not None:
        return year
    return _year_without_as_of(data, ctx)


def reference_day(data: Mapping[str, Any]) -> dt.date | None:
    """The day a claim's relative dates ("yesterday", "Sunday") count from: its ``stated``
    date, else its first relay's ``published`` date."""
    if (stated := _quiet_day(data.get("stated"))) is not None:
        return stated
    via = data.get("via")
    if isinstance(via, list | tuple) and via and isinstance(via[0], Mapping):
        return _quiet_day(via[0].get("published"))
    return None


def _year_without_as_of(data: Mapping[str, Any], ctx: ClaimContext) -> int | None:
    event = data.get("event")
    if isinstance(event, str) and event in ctx.event_years:
        return ctx.event_years[event]
    if (stated := _quiet_day(data.get("stated"))) is not None:
        return stated.year
    via = data.get("via")
    if isinstance(via, list | tuple) and via and isinstance(via[0], Mapping):
        published = _quiet_day(via[0].get("published"))
        return published.year if published else None
    return None


@attrs.frozen
class _Parsed:
    """A field read from text ahead of structuring: its value, or why it could not be read."""

    value: Any = None
    error: Exception | None = None

    def get(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.value


def read_value(
    text: str,
    kind: str | None,
    year: int | None,
    policy: ValuePolicy,
    reference: dt.date | None = None,
) -> _Parsed:
    """Read a claim's text value with its measure's kind, or try the fallback kinds in turn.

    The columnar engine passes no ``reference``: a relative date is then an error there, and the
    record goes to the reference path, which passes the claim's reference day.
    """
    if (refused := _too_long(text)) is not None:
        return refused
    first: ValueParseError | None = None
    for attempt in (kind,) if kind else FALLBACK_KINDS:
        try:
            return _Parsed(
                parse_value(text, attempt, policy=policy, year=year, reference=reference)
            )
        except ValueParseError as error:
            first = first or error
    return _Parsed(error=first)
