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
import functools
from collections.abc import Callable, Mapping, Sequence
from types import NoneType
from typing import Any, Final, Literal, get_args, get_origin

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

from .._estimates.estimate import Estimate
from .._model.actors import Actor
from .._model.claims import FILE_KEYS, Claim, Dataset, Document, Event, Relay
from .._model.findings import Finding, Location
from .._model.policy import DEFAULT_POLICY, ValuePolicy
from .._model.values import KINDS, VALUE_TYPES, Category, DateValue, Proposition, Quantity, Unknown
from .context import (
    FALLBACK_KINDS,
    MAX_VALUE_TEXT,
    ClaimContext,
    _as_text,
    _Parsed,
    _year_without_as_of,
    context_year,
    date_year,
    measure_kind,
    read_date_text,
    read_value,
    reference_day,
)
from .messages import (
    MAX_MESSAGE,
    Path,
    TooManyDigits,
    _add_note,
    _Expected,
    describe_exception,
    did_you_mean,
    format_exception,
    format_path,
    iter_errors,
    known_fields,
    show,
    unknown_field_message,
)
from .relays import relay_from_text, relay_from_text_or_none, relay_text, via_text
from .scalars import (
    ISO_DAY,
    _each,
    _is_literal,
    _is_optional,
    _is_sequence,
    _literal_hook,
    _optional,
    _structure_bool,
    _structure_day,
    _structure_int,
    _structure_number,
    _structure_str,
)

# The converter's helpers live in the _loader_* modules by job; the names other modules have
# always imported from here stay importable from here.
__all__ = [
    "FALLBACK_KINDS",
    "FILE_KEYS",
    "ISO_DAY",
    "MAX_MESSAGE",
    "MAX_VALUE_TEXT",
    "MEASURE_KINDS",
    "VALUE_UNION",
    "ClaimContext",
    "ContextCell",
    "Path",
    "TooManyDigits",
    "context_year",
    "date_year",
    "describe_exception",
    "did_you_mean",
    "format_exception",
    "format_path",
    "iter_errors",
    "known_fields",
    "make_converter",
    "make_converter_in",
    "measure_kind",
    "read_date_text",
    "read_value",
    "reference_day",
    "relay_from_text",
    "relay_from_text_or_none",
    "relay_text",
    "show",
    "structure_measure_declarations",
    "unknown_field_message",
    "unstructure_measures",
    "via_text",
]


#: The runtime type of a claim's value (``claimdiff._model.values.Value`` is a string alias).
VALUE_UNION: Final = Quantity | DateValue | Category | Proposition | Unknown
#: The kinds a measure may be declared with in ``measures``.
MEASURE_KINDS: Final = (
    "count", "quantity", "percent", "duration", "date", "category", "proposition"
)  # fmt: skip

_KIND_TO_CLASS: Final[dict[str, type[Any]]] = KINDS


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
    """:func:`make_converter`, reading claims in the context that ``cell`` holds when used.

    Each ``configure_*`` step registers the hooks of one part of the model, in this order:
    later steps build on the hooks earlier ones registered.
    """
    conv = make_json_converter(forbid_extra_keys=True, detailed_validation=True)
    configure_primitives(conv)
    configure_containers(conv)
    configure_values(conv)
    configure_relays(conv)
    read_claim = configure_claims(conv, cell, policy)
    configure_events(conv, policy)
    configure_records(conv)
    configure_datasets(conv, cell, read_claim)
    configure_unstructuring(conv)
    configure_estimates(conv)
    return conv


#: Reads one claim's plain data in a context: the claims hook with the context made explicit,
#: for a dataset's own claims (read in the context its declarations make).
ClaimReader = Callable[[object, ClaimContext], Claim]


def configure_primitives(conv: cattrs.Converter) -> None:
    """Strict scalars, so that YAML's and JSON's typed scalars do not slip through."""
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(dt.date, _structure_day)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    number: Any = int | float
    conv.register_structure_hook(number, _structure_number)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook_factory(_is_literal, _literal_hook)


def configure_containers(conv: cattrs.Converter) -> None:
    """``X | None`` and homogeneous tuples and frozensets, each refusing what is not one."""

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


def configure_values(conv: cattrs.Converter) -> None:
    """Values as mappings tagged by ``kind``, each class and their union; written with the
    parts that say what a value means kept even where they equal their defaults."""
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


def _read_date(
    value: object, year: int | None, policy: ValuePolicy, reference: dt.date | None = None
) -> object:
    """A date field given as text (``as_of``, ``Event.when``), read ahead of structuring."""
    text = _as_text(value)
    if text is None:
        return value
    return read_date_text(text, year, policy, reference)


def _date_field_hook(conv: cattrs.Converter) -> Callable[[object, Any], DateValue | None]:
    """The hook of a date field: text read ahead (see :func:`_read_date`), or a date value's
    mapping; needs :func:`configure_values`' hooks."""
    date_hook = conv.get_structure_hook(DateValue)

    def structure_date_field(value: object, _: Any) -> DateValue | None:
        if value is None:
            return None
        if isinstance(value, _Parsed):
            return value.get()  # type: ignore[no-any-return]
        if isinstance(value, Mapping):
            return date_hook(value, DateValue)  # type: ignore[no-any-return]
        raise _Expected("a date: text, or a mapping with kind 'date'", value)

    return structure_date_field


def configure_relays(conv: cattrs.Converter) -> None:
    """A relay as a mapping or as an outlet's name with an optional ``[ref]``."""
    relay_fn = make_dict_structure_fn(Relay, conv)

    def structure_relay(data: object, _: Any) -> Relay:
        if isinstance(data, str):
            return relay_from_text(data)
        if not isinstance(data, Mapping):
            raise _Expected("a relay: an outlet's name, or a mapping with an outlet", data)
        return relay_fn(data, Relay)

    conv.register_structure_hook(Relay, structure_relay)


def configure_claims(conv: cattrs.Converter, cell: ContextCell, policy: ValuePolicy) -> ClaimReader:
    """Claims, whose text values are read with the measure's kind and the claim's year (in the
    context ``cell`` holds), and whose ``via`` may be the chain ``"A > B"``. Returns the
    reader with the context explicit, for :func:`configure_datasets`."""
    structure_value = conv.get_structure_hook(VALUE_UNION)
    structure_date_field = _date_field_hook(conv)
    relays = list_structure_factory(list[Relay], conv)

    def structure_via(value: object, _: Any) -> tuple[Relay, ...]:
        if isinstance(value, str):
            return tuple(relay_from_text(part) for part in value.split(">"))
        if not isinstance(value, list | tuple):
            raise _Expected("a list of relays or a chain 'A > B'", value)
        return tuple(relays(value, list[Relay]))

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
            prepared["as_of"] = _read_date(prepared["as_of"], year, policy, reference)
        if "value" in prepared and (text := _as_text(prepared["value"])) is not None:
            year = context_year(data, scope_of(prepared.get("as_of")), ctx)
            measure = data.get("measure")
            kind = measure_kind(measure, ctx.measures) if isinstance(measure, str) else None
            prepared["value"] = read_value(text, kind, year, policy, reference)
        return claim_fn(prepared, Claim)

    conv.register_structure_hook(Claim, lambda d, _: structure_claim_in(d, cell.context))
    return structure_claim_in


def configure_events(conv: cattrs.Converter, policy: ValuePolicy) -> None:
    """Events, whose ``when`` may be date text."""
    event_fn = make_dict_structure_fn(
        Event, conv, when=override(struct_hook=_date_field_hook(conv))
    )

    def structure_event(data: object, _: Any) -> Event:
        if not isinstance(data, Mapping):
            raise _Expected("an event (a mapping)", data)
        prepared = dict(data)
        if "when" in prepared:
            prepared["when"] = _read_date(prepared["when"], None, policy)
        return event_fn(prepared, Event)

    conv.register_structure_hook(Event, structure_event)


def configure_records(conv: cattrs.Converter) -> None:
    """Actors, documents, findings and locations: plain mappings of their fields."""

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


def configure_datasets(conv: cattrs.Converter, cell: ContextCell, read_claim: ClaimReader) -> None:
    """A dataset: the file format's keys (or a bare list of claims), its claims read in the
    context its own declarations add to ``cell``'s; every part's errors collected."""

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
        return _each(value, lambda item: read_claim(item, ctx), "claim", Claim)

    conv.register_structure_hook(Dataset, structure_dataset)


def configure_unstructuring(conv: cattrs.Converter) -> None:
    """Records written without their defaults, in field order (id first); a dataset as the
    file format."""
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


def configure_estimates(conv: cattrs.Converter) -> None:
    """Estimates, whose ``best`` is a number, a day or a label: JSON writes a day and a label
    alike, so the estimate's ``kind`` says which it is."""
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
