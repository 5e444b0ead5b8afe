"""Hypothesis strategies for claimdiff's model, for property tests of pipelines built on it.

This module imports Hypothesis, so it is only importable where Hypothesis is installed (it
is a test dependency: ``pip install claimdiff[test]``); the rest of claimdiff never imports it.

Every strategy builds valid objects by construction: values with ``low <= high``, claims whose
relays have outlets, datasets with unique ids and actor names that belong to one actor each.
Texts are short and printable; optional texts are absent or non-empty (CSV cannot tell an
empty string from an absent one). Every new model field is added here.

Example::

    from hypothesis import given
    from claimdiff.testing import datasets

    @given(datasets())
    def test_my_pipeline_keeps_every_claim(ds):
        assert len(my_pipeline(ds).claims) == len(ds.claims)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from ._grammar.parse import format_value, parse_value
from ._model.actors import Actor, normalize_name
from ._model.claims import Claim, Dataset, Document, Event, Relay
from ._model.values import Category, DateValue, Proposition, Quantity, Unknown, Value

__all__ = [
    "actors",
    "categories",
    "claims",
    "datasets",
    "date_values",
    "days",
    "documents",
    "durations",
    "events",
    "identifiers",
    "percents",
    "propositions",
    "quantities",
    "relays",
    "texts",
    "unknowns",
    "values",
]

T = TypeVar("T")
_V = TypeVar("_V", Quantity, DateValue, Category, Proposition, Unknown)

_QUALIFIERS = ("exact", "approximate", "at_least", "at_most", "range", "vague")
_PRECISIONS = ("day", "part_of_month", "month", "season", "year", "interval")


def texts(min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[str]:
    """Short printable text: letters, digits, punctuation and spaces (no control characters)."""
    return st.text(
        st.characters(categories=("L", "N", "P", "Zs"), exclude_characters="\u2028\u2029\x85"),
        min_size=min_size,
        max_size=max_size,
    )


def identifiers() -> st.SearchStrategy[str]:
    """Ids as curators write them: ``kidal-2014.fama-killed.mnla``."""
    return st.from_regex(r"[a-z][a-z0-9]{0,6}([.-][a-z0-9]{1,6}){0,3}", fullmatch=True)


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def days() -> st.SearchStrategy[dt.date]:
    """Days from 1900 to 2100."""
    return st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


def _with_text(value: _V) -> _V:
    try:
        return attrs.evolve(value, text=format_value(value))
    except Exception:  # values the formatter cannot write keep their own text
        return value


@st.composite
def _bounds(draw: st.DrawFn, element: st.SearchStrategy[Any]) -> tuple[Any, Any]:
    low, high = sorted((draw(element), draw(element)))
    if draw(st.booleans()):
        low, high = draw(st.sampled_from([(low, high), (None, high), (low, None), (low, low)]))
    return low, high


@st.composite
def _quantity(draw: st.DrawFn, options: bool) -> Quantity:
    number: st.SearchStrategy[Any] = (
        st.integers(0, 10**7)
        if draw(st.booleans())
        else st.floats(0, 1e7, allow_nan=False, allow_infinity=False)
    )
    low, high = draw(_bounds(number))
    return Quantity(
        low=low,
        high=high,
        text=draw(texts()),
        nominal=draw(_optional(number)),
        qualifier=draw(st.sampled_from(_QUALIFIERS)),
        options=tuple(draw(st.lists(_quantity(False), max_size=2))) if options else (),
    )


def quantities() -> st.SearchStrategy[Quantity]:
    """Numbers, ranges and bounds, ints or floats, sometimes with alternatives."""
    return _quantity(True).map(_with_text)


_PERCENT_FORMS = (
    "{a}%", "{a} %", "about {a} per cent", "{a}–{b} %", "{a}% to {b}%", "at least {a}%",
    "{a} pour cent", "{a} Prozent", "{a} por ciento", "up to {b} percent",
)  # fmt: skip
_DURATION_FORMS = (
    "{a} days", "{a} weeks", "{a} months", "{a} years", "{a} hours", "about {a} weeks",
    "{a} to {b} months", "{a} months and {b} days", "{a} semaines", "{a} Tage", "a week",
    "more than {a} months", "several weeks", "{a} or {b} weeks",
)  # fmt: skip


@st.composite
def _unit_value(draw: st.DrawFn, kind: str, forms: tuple[str, ...], top: int) -> Quantity:
    a, b = sorted((draw(st.integers(0, top)), draw(st.integers(0, top))))
    text = draw(st.sampled_from(forms)).format(a=a, b=b + 1)
    value = parse_value(text, kind)
    assert isinstance(value, Quantity)  # the forms above are all read as figures
    return value


def percents() -> st.SearchStrategy[Quantity]:
    """Percents as sources write them ("80%", "about 40 per cent", "30–40 %"), read."""
    return _unit_value("percent", _PERCENT_FORMS, 100)


def durations() -> st.SearchStrategy[Quantity]:
    """Durations as sources write them ("five weeks", "1 month and 4 days"), read in days."""
    return _unit_value("duration", _DURATION_FORMS, 60)


@st.composite
def _date_value(draw: st.DrawFn, options: bool) -> DateValue:
    low, high = draw(_bounds(days()))
    return DateValue(
        low=low,
        high=high,
        text=draw(texts()),
        precision=draw(st.sampled_from(_PRECISIONS)),
        qualifier=draw(st.sampled_from(_QUALIFIERS)),
        options=tuple(draw(st.lists(_date_value(False), max_size=2))) if options else (),
        uncertain=draw(st.booleans()),
    )


def date_values() -> st.SearchStrategy[DateValue]:
    """Days, spans and open-ended dates."""
    return _date_value(True).map(_with_text)


def categories() -> st.SearchStrategy[Category]:
    """One to three labels."""
    return st.builds(
        Category, members=st.frozensets(texts(1, 12), min_size=1, max_size=3), text=texts()
    ).map(_with_text)


def propositions() -> st.SearchStrategy[Proposition]:
    """Statements that hold or not."""
    return st.builds(Proposition, holds=st.booleans(), text=texts())


def unknowns() -> st.SearchStrategy[Unknown]:
    """The source does not know."""
    return st.builds(Unknown, text=st.sampled_from(["unknown", "unclear", "Unknown"]))


def values() -> st.SearchStrategy[Value]:
    """Any value."""
    return st.one_of(quantities(), date_values(), categories(), propositions(), unknowns())


def relays() -> st.SearchStrategy[Relay]:
    """An outlet, sometimes with a title, URL, date and citation marker."""
    return st.builds(
        Relay,
        outlet=texts(1, 15),
        title=_optional(texts(1)),
        url=_optional(st.just("https://example.org/a")),
        published=_optional(days()),
        ref=_optional(st.sampled_from(["[2]", "[7]", "3"])),
    )


def claims(ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Claim]:
    """Claims with any value and up to three relays."""
    return st.builds(
        Claim,
        id=ids or identifiers(),
        event=identifiers(),
        measure=st.sampled_from(["killed", "date", "controller", "outcome", "held"]),
        value=values(),
        party=_optional(texts(1)),
        place=_optional(texts(1)),
        as_of=_optional(date_values()),
        claimant=_optional(texts(1)),
        stated=_optional(days()),
        via=st.lists(relays(), max_size=3).map(tuple),
        quote=texts(),
        document=_optional(identifiers()),
        stance=st.sampled_from(["asserts", "denies"]),
        notes=texts(),
    )


def actors() -> st.SearchStrategy[Actor]:
    """Actors with a few aliases."""
    return st.builds(
        Actor,
        id=identifiers(),
        name=texts(),
        aliases=st.lists(texts(1), max_size=3).map(tuple),
        side=_optional(st.sampled_from(["mali", "rebels", "jihadists"])),
        kind=_optional(st.sampled_from(["state", "armed_group", "outlet"])),
        notes=texts(),
        speaks_for=_optional(identifiers()),
    )


def events() -> st.SearchStrategy[Event]:
    """Events, sometimes with a date."""
    return st.builds(
        Event,
        id=identifiers(),
        name=texts(),
        when=_optional(date_values()),
        place=_optional(texts(1)),
        notes=texts(),
    )


def documents() -> st.SearchStrategy[Document]:
    """Source documents."""
    return st.builds(
        Document,
        id=identifiers(),
        title=texts(),
        author=_optional(texts(1)),
        publisher=_optional(texts(1)),
        published=_optional(days()),
        url=_optional(st.just("https://example.org/d")),
        license=_optional(st.just("CC-BY-4.0")),
        file=_optional(texts(1)),
        notes=texts(),
    )


def _names_unique(actor_list: list[Actor]) -> bool:
    owner: dict[str, str] = {}
    for actor in actor_list:
        for name in actor.names():
            if owner.setdefault(normalize_name(name), actor.id) != actor.id:
                return False
    return True


@st.composite
def datasets(draw: st.DrawFn, max_claims: int = 6) -> Dataset:
    """Datasets with unique ids per kind, actor names owned by one actor, and no findings."""
    actor_list = draw(
        st.lists(actors(), max_size=3, unique_by=lambda a: a.id).filter(_names_unique)
    )
    # A voice speaks for an actor declared before it, or for nobody: no circles, no strangers.
    actor_list = [
        attrs.evolve(a, speaks_for=draw(st.sampled_from([None, *(b.id for b in actor_list[:i])])))
        for i, a in enumerate(actor_list)
    ]
    claim_list: list[Claim] = draw(
        st.lists(claims(), max_size=max_claims, unique_by=lambda c: c.id)
    )
    event_list: list[Event] = draw(st.lists(events(), max_size=3, unique_by=lambda e: e.id))
    document_list: list[Document] = draw(
        st.lists(documents(), max_size=2, unique_by=lambda d: d.id)
    )
    measures = draw(
        st.dictionaries(
            st.sampled_from(["killed", "held", "outcome", "pop"]),
            st.sampled_from(
                ["count", "quantity", "percent", "duration", "date", "category", "proposition"]
            ),
            max_size=3,
        )
    )
    cumulative = draw(
        st.dictionaries(st.sampled_from(["killed", "missing", "pop"]), st.booleans(), max_size=2)
    )
    # Passed as a mapping: mypy's attrs plugin cannot type the fields' tuple converters.
    parts: dict[str, Any] = {
        "cumulative": cumulative,
        "claims": claim_list,
        "actors": actor_list,
        "events": event_list,
        "documents": document_list,
        "measures": measures,
    }
    return Dataset(**parts)
