"""The converter between claimdiff's model and plain data (dicts, lists, strings, numbers).

One factory, :func:`make_converter`, builds a fresh cattrs converter each call; nothing is
registered globally. Structuring is strict (a string field rejects ``40``, a number rejects
``true``, unknown keys are refused with a did-you-mean) and uses cattrs' detailed validation,
so every problem carries the path of the field it is in. :func:`format_exception` turns those
errors into the messages findings carry; pass it to :func:`cattrs.transform_error`.

Decisions worth knowing:

* A value is a mapping tagged by ``kind`` (``quantity``, ``date``, ``category``,
  ``proposition``, ``unknown``), or -- in a claim -- plain text read with the grammar of the
  claim's measure (see :func:`measure_kind`) and the year of its context (see
  :func:`context_year`). ``as_of`` and ``Event.when`` likewise take date text.
* ``via`` takes a list of relays or the text chain ``"Le Point [2] > encyclopedia"``: outlets
  separated by ``>``, each with an optional trailing citation marker that becomes ``ref``. A
  relay given as a string is a relay with only an outlet (and maybe a ref).
* Unstructuring a :class:`Dataset` gives the file format: ``actors``, ``events``,
  ``documents``, ``measures`` and ``claims``. ``findings``, ``locations`` and
  ``records_read`` are bookkeeping of one load, not data, and are left out; so
  ``structure(unstructure(ds))`` equals ``ds`` for datasets built in Python or read and then
  stripped of findings.
* Fields equal to their defaults are left out when unstructuring, except the parts of a value
  that say what it means (``kind``, ``text``, ``low``, ``high``, ``qualifier``,
  ``precision``, ``members``, ``holds``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import NoneType, UnionType
from typing import Any, Final, Literal, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import list_structure_factory
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter as make_json_converter

from ._actors import Actor
from ._claims import DEFAULT_MEASURE_KINDS, Claim, Dataset, Document, Event, Relay
from ._edtf import parse_edtf
from ._errors import ValueParseError
from ._estimate import Estimate
from ._findings import Finding, Location
from ._parse import parse_value
from ._policy import DEFAULT_POLICY, ValuePolicy
from ._values import KINDS, VALUE_TYPES, Category, DateValue, Proposition, Quantity, Unknown

T = TypeVar("T")

#: The runtime type of a claim's value (``claimdiff._values.Value`` is a string alias).
VALUE_UNION: Final = Quantity | DateValue | Category | Proposition | Unknown
#: The kinds a measure may be declared with in ``measures``.
MEASURE_KINDS: Final = (
    "count", "quantity", "percent", "duration", "date", "category", "proposition"
)  # fmt: skip
#: The kinds tried, in order, for a measure that neither the dataset nor the defaults know.
FALLBACK_KINDS: Final = ("count", "date", "category")
#: The top-level keys of a dataset file, in the order they are written.
FILE_KEYS: Final = ("actors", "events", "documents", "measures", "claims")

_KIND_TO_CLASS: Final[dict[str, type[Any]]] = KINDS
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_RELAY_TEXT = re.compile(r"(?P<outlet>.*?)\s*(?P<ref>\[[^\[\]]*\])?")
#: The longest text read as a value or a date: value texts are phrases ("about 40 killed,
#: including 12 civilians"); a longer one is refused before the grammar spends time on it.
MAX_VALUE_TEXT: Final = 1_000
#: The longest message of a finding about a field.
MAX_MESSAGE: Final = 300
#: The largest number a range can hold (comparisons are made in floats).
_LARGEST: Final = sys.float_info.max
_REF = re.compile(r"\[[^\[\]]*\]")
Path = tuple[str | int, ...]


# -- messages ---------------------------------------------------------------------------------


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


# -- context for values given as text --------------------------------------------------------


@attrs.frozen
class ClaimContext:
    """What reading a claim's text value needs from its dataset.

    Args:
        measures: measure name to kind (``count``, ``date``, ...), overriding
            :data:`claimdiff._claims.DEFAULT_MEASURE_KINDS`.
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


# -- primitive hooks --------------------------------------------------------------------------


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
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
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


def make_converter(
    *,
    policy: ValuePolicy = DEFAULT_POLICY,
    measures: Mapping[str, str] | None = None,
    events: Sequence[Event] = (),
) -> cattrs.Converter:
    """A new converter for claimdiff's model, with detailed validation and no extra keys.

    Args:
        policy: how approximate and vague values given as text are read.
        measures: measure kinds for claims structured on their own (a dataset's own
            ``measures`` are used when a whole :class:`Dataset` is structured).
        events: events whose ``when`` gives the year of claims' text dates, likewise.

    Returns:
        A converter that structures and unstructures every model class losslessly.
    """
    return make_converter_in(ContextCell(ClaimContext.of(measures, events)), policy=policy)


@attrs.define
class ContextCell:
    """The context a converter reads claims' text values in; :func:`load` sets it once it has
    read every file's declarations, so that one converter serves both passes."""

    context: ClaimContext


def make_converter_in(cell: ContextCell, *, policy: ValuePolicy) -> cattrs.Converter:
    """:func:`make_converter`, reading claims in the context that ``cell`` holds when used."""
    conv = make_json_converter(forbid_extra_keys=True, detailed_validation=True)

    # Primitives: strict, so that YAML's and JSON's typed scalars do not slip through.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(dt.date, _structure_day)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    number: Any = int | float
    conv.register_structure_hook(number, _structure_number)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook_factory(_is_literal, _literal_hook)

    def optional_factory(type_: Any) -> Callable[[Any, Any], Any]:
        inner = next(a for a in get_args(type_) if a is not NoneType)
        hook = conv.get_structure_hook(inner)

        def structure(value: object, _: Any) -> Any:
            return None if value is None else hook(value, inner)

        return structure

    conv.register_structure_hook_factory(_is_optional, optional_factory)

    def sequence_factory(type_: Any) -> Callable[[Any, Any], Any]:
        elem = get_args(type_)[0]
        items = list_structure_factory(list[elem], conv)  # type: ignore[valid-type]
        frozen = get_origin(type_) is frozenset

        def structure(value: object, _: Any) -> Any:
            if not isinstance(value, list | tuple):
                raise _Expected("a list", value)
            out = items(value, type_)
            return frozenset(out) if frozen else tuple(out)

        return structure

    conv.register_structure_hook_factory(_is_sequence, sequence_factory)

    # Values: tagged by kind.
    value_fns: dict[type[Any], Callable[[Any, Any], Any]] = {}

    def kind_hook(cls: type[Any]) -> Callable[[Any, Any], Any]:
        def structure(data: object, _: Any) -> Any:
            if not isinstance(data, Mapping):
                raise _Expected(f"a mapping ({cls.__name__})", data)
            if "kind" in data:
                if data["kind"] != cls.kind:
                    raise _Expected(f"kind {cls.kind!r}", data["kind"])
                data = {k: v for k, v in data.items() if k != "kind"}
            return value_fns[cls](data, cls)

        return structure

    def structure_value(data: object, _: Any = None) -> Any:
        if isinstance(data, _Parsed):
            return data.get()
        if not isinstance(data, Mapping):
            raise _Expected("a value: text, or a mapping with a kind", data)
        kind = data.get("kind")
        if kind not in _KIND_TO_CLASS:
            kinds = ", ".join(repr(k) for k in _KIND_TO_CLASS)
            hint = did_you_mean(kind, tuple(_KIND_TO_CLASS)) if isinstance(kind, str) else ""
            raise _Expected(f"a value kind: one of {kinds}", kind, hint)
        cls = _KIND_TO_CLASS[kind]
        return kind_hook(cls)(data, cls)

    def options_hook(cls: type[Any]) -> Callable[[Any, Any], Any]:
        def structure(value: object, _: Any) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise _Expected("a list", value)
            return _each(value, lambda item: kind_hook(cls)(item, cls), "option", cls)

        return structure

    opt_number = _optional(_structure_number)
    opt_day = _optional(_structure_day)
    value_fns[Quantity] = make_dict_structure_fn(
        Quantity,
        conv,
        low=override(struct_hook=opt_number),
        high=override(struct_hook=opt_number),
        nominal=override(struct_hook=opt_number),
        options=override(struct_hook=options_hook(Quantity)),
    )
    value_fns[DateValue] = make_dict_structure_fn(
        DateValue,
        conv,
        low=override(struct_hook=opt_day),
        high=override(struct_hook=opt_day),
        options=override(struct_hook=options_hook(DateValue)),
    )
    value_fns[Category] = make_dict_structure_fn(Category, conv)
    value_fns[Proposition] = make_dict_structure_fn(Proposition, conv)
    value_fns[Unknown] = make_dict_structure_fn(Unknown, conv)
    for cls in VALUE_TYPES:
        conv.register_structure_hook(cls, kind_hook(cls))
    conv.register_structure_hook(VALUE_UNION, structure_value)

    def value_unstructurer(cls: type[Any], **keep: Any) -> Callable[[Any], dict[str, Any]]:
        always: dict[str, Any] = {name: override(omit_if_default=False) for name in keep}
        fn = make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **always)

        def unstructure(value: Any) -> dict[str, Any]:
            return {"kind": cls.kind, "text": value.text, **fn(value)}

        return unstructure

    conv.register_unstructure_hook(
        Quantity, value_unstructurer(Quantity, text=1, low=1, high=1, qualifier=1)
    )
    conv.register_unstructure_hook(
        DateValue, value_unstructurer(DateValue, text=1, low=1, high=1, qualifier=1, precision=1)
    )
    category_fn = value_unstructurer(Category, text=1)
    conv.register_unstructure_hook(
        Category, lambda c: {**category_fn(c), "members": sorted(c.members)}
    )
    conv.register_unstructure_hook(Proposition, value_unstructurer(Proposition, text=1, holds=1))
    conv.register_unstructure_hook(Unknown, value_unstructurer(Unknown, text=1))

    # Dates given as text: as_of and Event.when.
    def read_date(value: object, year: int | None, reference: dt.date | None = None) -> object:
        text = _as_text(value)
        if text is None:
            return value
        return read_date_text(text, year, policy, reference)

    def structure_date_field(value: object, _: Any) -> DateValue | None:
        if value is None:
            return None
        if isinstance(value, _Parsed):
            return value.get()  # type: ignore[no-any-return]
        if isinstance(value, Mapping):
            return kind_hook(DateValue)(value, DateValue)  # type: ignore[no-any-return]
        raise _Expected("a date: text, or a mapping with kind 'date'", value)

    # Relays and via chains.
    relay_fn = make_dict_structure_fn(Relay, conv)

    def structure_relay(data: object, _: Any) -> Relay:
        if isinstance(data, str):
            return relay_from_text(data)
        if not isinstance(data, Mapping):
            raise _Expected("a relay: an outlet's name, or a mapping with an outlet", data)
        return relay_fn(data, Relay)

    conv.register_structure_hook(Relay, structure_relay)
    relays = list_structure_factory(list[Relay], conv)

    def structure_via(value: object, _: Any) -> tuple[Relay, ...]:
        if isinstance(value, str):
            return tuple(relay_from_text(part) for part in value.split(">"))
        if not isinstance(value, list | tuple):
            raise _Expected("a list of relays or a chain 'A > B'", value)
        return tuple(relays(value, list[Relay]))

    # Claims: text values are read with the measure's kind and the claim's year.
    claim_fn = make_dict_structure_fn(
        Claim,
        conv,
        value=override(struct_hook=structure_value),
        as_of=override(struct_hook=structure_date_field),
        via=override(struct_hook=structure_via),
    )

    def scope_of(as_of: object) -> DateValue | None:
        """The scope read so far, for its year: date text already read, or a date mapping
        (an unreadable one is reported when the field is structured)."""
        if isinstance(as_of, _Parsed):
            return as_of.value  # type: ignore[no-any-return]
        if isinstance(as_of, Mapping):
            try:
                return structure_date_field(as_of, DateValue)
            except (ClassValidationError, ForbiddenExtraKeysError, ValueError, TypeError):
                return None
        return None

    def structure_claim_in(data: object, ctx: ClaimContext) -> Claim:
        if not isinstance(data, Mapping):
            raise _Expected("a claim (a mapping)", data)
        prepared = dict(data)
        reference = reference_day(data)
        if "as_of" in prepared:
            year = _year_without_as_of(data, ctx)
            prepared["as_of"] = read_date(prepared["as_of"], year, reference)
        if "value" in prepared and (text := _as_text(prepared["value"])) is not None:
            year = context_year(data, scope_of(prepared.get("as_of")), ctx)
            measure = data.get("measure")
            kind = measure_kind(measure, ctx.measures) if isinstance(measure, str) else None
            prepared["value"] = read_value(text, kind, year, policy, reference)
        return claim_fn(prepared, Claim)

    conv.register_structure_hook(Claim, lambda d, _: structure_claim_in(d, cell.context))

    event_fn = make_dict_structure_fn(Event, conv, when=override(struct_hook=structure_date_field))

    def structure_event(data: object, _: Any) -> Event:
        if not isinstance(data, Mapping):
            raise _Expected("an event (a mapping)", data)
        prepared = dict(data)
        if "when" in prepared:
            prepared["when"] = read_date(prepared["when"], None)
        return event_fn(prepared, Event)

    conv.register_structure_hook(Event, structure_event)

    def plain_hook(cls: type[Any]) -> Callable[[Any, Any], Any]:
        fn = make_dict_structure_fn(cls, conv)
        label = cls.__name__.lower()
        article = "an" if label[0] in "aeiou" else "a"

        def structure(data: object, _: Any) -> Any:
            if not isinstance(data, Mapping):
                raise _Expected(f"{article} {label} (a mapping)", data)
            return fn(data, cls)

        return structure

    for cls in (Actor, Document, Location, Finding):
        conv.register_structure_hook(cls, plain_hook(cls))

    def structure_dataset(data: object, _: Any) -> Dataset:
        if isinstance(data, list | tuple):
            data = {"claims": data}
        if not isinstance(data, Mapping):
            raise _Expected("a dataset: a mapping, or a list of claims", data)
        errors: list[Exception] = []
        parts: dict[str, Any] = {}

        def attempt(key: str, type_: Any, fn: Callable[[], Any]) -> None:
            try:
                parts[key] = fn()
            except Exception as e:
                note = AttributeValidationNote(f"Structuring Dataset @ {key}", key, type_)
                _add_note(e, note)
                errors.append(e)

        extra = set(data) - set(FILE_KEYS)
        if extra:
            errors.append(ForbiddenExtraKeysError("", Dataset, extra))
        for key, type_ in (
            ("actors", tuple[Actor, ...]),
            ("events", tuple[Event, ...]),
            ("documents", tuple[Document, ...]),
        ):
            if data.get(key) is not None:
                attempt(key, type_, functools.partial(conv.structure, data[key], type_))
        if data.get("measures") is not None:
            attempt("measures", dict, lambda: structure_measure_declarations(data["measures"]))
            if "measures" in parts:
                parts["measures"], parts["cumulative"] = parts["measures"]
        ctx = cell.context.merged(ClaimContext.of(parts.get("measures"), parts.get("events", ())))
        if data.get("claims") is not None:
            attempt("claims", tuple, lambda: structure_claims(data["claims"], ctx))
        if errors:
            raise ClassValidationError("While structuring Dataset", errors, Dataset)
        return Dataset(**parts)

    def structure_claims(value: object, ctx: ClaimContext) -> tuple[Claim, ...]:
        if not isinstance(value, list | tuple):
            raise _Expected("a list of claims", value)
        return _each(value, lambda item: structure_claim_in(item, ctx), "claim", Claim)

    conv.register_structure_hook(Dataset, structure_dataset)

    # Unstructuring: leave defaults out, keep field order (id first).
    for cls in (Relay, Actor, Event, Document, Location):
        conv.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
        )
    conv.register_unstructure_hook(
        Claim,
        make_dict_unstructure_fn(
            Claim,
            conv,
            _cattrs_omit_if_default=True,
            value=override(omit_if_default=False, unstruct_hook=conv.unstructure),
        ),
    )

    def unstructure_dataset(ds: Dataset) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in FILE_KEYS:
            items = getattr(ds, key)
            if key == "measures" and (items or ds.cumulative):
                out[key] = unstructure_measures(items, ds.cumulative)
            elif items:
                out[key] = conv.unstructure(items)
        return out

    conv.register_unstructure_hook(Dataset, unstructure_dataset)
    # An estimate's ``best`` is a number, a day or a label, and JSON writes a day and a label
    # alike: the estimate's ``kind`` says which it is.
    estimate_fn = make_dict_structure_fn(Estimate, conv)

    def structure_estimate(data: Mapping[str, Any], _: Any) -> Estimate:
        best = data.get("best")
        tied = tuple(data.get("tied") or ())  # labels, or two figures (days for dates)
        if data.get("kind") == "date":
            best = None if best is None else _structure_day(best, dt.date)
            tied = tuple(_structure_day(t, dt.date) for t in tied)
        plain = estimate_fn({**data, "best": None, "tied": ()}, Estimate)
        return attrs.evolve(plain, best=best, tied=tied)

    conv.register_structure_hook(Estimate, structure_estimate)
    return conv


def structure_measures(value: object, _: Any = None) -> dict[str, str]:
    """A ``measures`` mapping: measure names to kinds (``count``, ``date``, ...)."""
    return structure_measure_declarations(value)[0]


_MEASURE_KEYS: Final = ("kind", "cumulative")


def structure_measure_declarations(value: object) -> tuple[dict[str, str], dict[str, bool]]:
    """A ``measures`` mapping, each name declared by a kind (``vehicles: count``) or by a
    mapping (``killed: {kind: count, cumulative: true}``): the kinds, and the measures
    declared cumulative or not."""
    if not isinstance(value, Mapping):
        raise _Expected("a mapping of measure names to kinds", value)
    kind_hook_ = _literal_hook(Literal[MEASURE_KINDS])
    errors: list[Exception] = []
    kinds: dict[str, str] = {}
    cumulative: dict[str, bool] = {}
    for name, declared in value.items():
        try:
            measure = _structure_str(name, str)
            if not isinstance(declared, Mapping):
                kinds[measure] = kind_hook_(declared, str)
                continue
            extra = sorted(str(k) for k in set(declared) - set(_MEASURE_KEYS))
            if extra:
                raise ValueError(
                    f"unknown field {extra[0]!r}{did_you_mean(extra[0], _MEASURE_KEYS)}"
                )
            if "kind" in declared:
                kinds[measure] = kind_hook_(declared["kind"], str)
            if "cumulative" in declared:
                cumulative[measure] = _structure_bool(declared["cumulative"], bool)
        except (_Expected, ValueError) as e:
            _add_note(e, IterableValidationNote(f"measure {name}", str(name), str))
            errors.append(e)
    if errors:
        raise IterableValidationError("While structuring measures", errors, dict)
    return kinds, cumulative


def unstructure_measures(
    kinds: Mapping[str, str], cumulative: Mapping[str, bool]
) -> dict[str, Any]:
    """The ``measures`` mapping of a dataset: a kind alone, or a mapping where the measure
    is also declared cumulative or not; sorted by name."""
    out: dict[str, Any] = {}
    for name in sorted(kinds.keys() | cumulative.keys()):
        if name not in cumulative:
            out[name] = kinds[name]
        else:
            kind = {"kind": kinds[name]} if name in kinds else {}
            out[name] = {**kind, "cumulative": cumulative[name]}
    return out


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


def relay_from_text(text: str) -> Relay:
    """``"Le Point [2]"`` as ``Relay(outlet="Le Point", ref="[2]")``."""
    if "\n" in text or "\r" in text:
        # A line break is not part of a name; two relays are written "A > B".
        raise _Expected("an outlet's name on one line (a chain is written 'A > B')", text)
    match = _RELAY_TEXT.fullmatch(text.strip())
    if match is None or not match["outlet"]:
        raise _Expected("an outlet's name in the via chain", text)
    return Relay(outlet=match["outlet"], ref=match["ref"])


def relay_from_text_or_none(text: str) -> Relay | None:
    """:func:`relay_from_text`, or ``None`` for text without an outlet."""
    try:
        return relay_from_text(text)
    except _Expected:
        return None


def relay_text(relay: Relay) -> str | None:
    """The chain text of a relay, or ``None`` when the chain form cannot hold all of it."""
    if relay.title is not None or relay.url is not None or relay.published is not None:
        return None
    outlet = relay.outlet
    if relay_from_text_or_none(outlet) != Relay(outlet=outlet) or ">" in outlet:
        return None
    if relay.ref is None:
        return outlet
    return f"{outlet} {relay.ref}" if _REF.fullmatch(relay.ref) else None


def via_text(via: Sequence[Relay]) -> str | None:
    """The chain ``"Le Point [2] > encyclopedia"``, or ``None`` when it would lose something."""
    parts = [relay_text(r) for r in via]
    if not parts or any(p is None for p in parts):
        return None
    return " > ".join(p for p in parts if p is not None)
