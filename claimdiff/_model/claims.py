"""Claims with their attribution chain, and the datasets that hold them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal, TypeAlias

import attrs

from .actors import Actor
from .findings import Finding, Location
from .policy import DEFAULT_POLICY, ValuePolicy
from .values import VALUE_TYPES, DateValue, Value

Stance: TypeAlias = Literal["asserts", "denies"]

#: The kind of value a measure takes when the dataset does not say otherwise.
DEFAULT_MEASURE_KINDS: dict[str, str] = {
    "killed": "count",
    "wounded": "count",
    "captured": "count",
    "missing": "count",
    "displaced": "count",
    "strength": "count",
    "casualties": "count",
    "vehicles_captured": "count",
    "vehicles_destroyed": "count",
    "hostages": "count",
    "date": "date",
    "start": "date",
    "end": "date",
    "founded": "date",
    "controller": "category",
    "outcome": "category",
}

#: The measures that are running tallies unless the dataset says otherwise: a side's dead,
#: wounded, captured and displaced only grow as they are counted, so one origin's later,
#: larger figure revises its earlier one. ``missing`` is not among them: the missing are
#: found, and a smaller later figure is news, not a correction.
DEFAULT_CUMULATIVE: frozenset[str] = frozenset(
    {"killed", "wounded", "captured", "displaced", "casualties"}
)


def is_cumulative(measure: str, declared: Mapping[str, bool]) -> bool:
    """Whether ``measure`` is a running tally: as ``declared`` (a dataset's ``cumulative``)
    says, else as :data:`DEFAULT_CUMULATIVE` does."""
    found = declared.get(measure)
    return measure in DEFAULT_CUMULATIVE if found is None else found


@attrs.frozen(kw_only=True)
class Relay:
    """One outlet in the chain that carried a claim from its claimant to the reader.

    Args:
        outlet: who relayed it (``Reuters``, ``Le Point``, an encyclopedia).
        title: the relaying piece's title.
        url: where it was published.
        published: when it was published.
        ref: the citation marker the next link used for it (``[7]``, footnote ``3``).
    """

    outlet: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    ref: str | None = None


def _check_value(claim: Claim, value: object) -> None:
    # The built-in values pass at the cost of one isinstance; others are checked against the
    # Value protocol here, where the claim is made, rather than deep inside reconcile.
    if not isinstance(value, VALUE_TYPES):
        from .protocol import check_value

        check_value(claim.id, value)


@attrs.frozen(kw_only=True)
class Claim:
    """One thing one claimant said, as one document reports it.

    What the claim is about is ``event``, ``measure``, ``party``, ``place`` and ``as_of``;
    claims that agree on all five (after actor names are resolved) answer the same question
    and are reconciled together.

    Args:
        id: unique within a dataset.
        event: the event the claim is about (``kidal-2014``).
        measure: what is measured (``killed``, ``controller``, ``date`` or any string).
        value: what the claimant says it is: one of claimdiff's values, or any object that
            follows the :class:`~claimdiff.Value` protocol (checked here).
        party: whose losses, forces or action the figure counts (an actor name or a group
            such as ``civilians``).
        place: where, when the event spans several places.
        as_of: the date or span the claim holds for (control of Kidal "as of 2013").
        claimant: who asserts it: the origin of the claim, not the page it was read on.
        stated: when the claimant said it, when known.
        via: the outlets that relayed it, in order from the claimant to the document.
        quote: the verbatim text the claim was read from.
        document: the source document the quote is in.
        stance: ``asserts`` the value, or ``denies`` it.
        notes: free text for curators: why a claim is keyed as it is, doubts, context.

    Raises:
        ClaimdiffTypeError: when ``value`` does not follow the :class:`~claimdiff.Value`
            protocol (a ``str``, bounds that are not numbers or days); the message names the
            claim and what is missing.
    """

    id: str
    event: str
    measure: str
    value: Value = attrs.field(validator=lambda claim, _, value: _check_value(claim, value))
    party: str | None = None
    place: str | None = None
    as_of: DateValue | None = None
    claimant: str | None = None
    stated: dt.date | None = None
    via: tuple[Relay, ...] = attrs.field(default=(), converter=tuple)
    quote: str = ""
    document: str | None = None
    stance: Stance = "asserts"
    notes: str = ""


@attrs.frozen(kw_only=True)
class Event:
    """An event claims are about, declared once: its name and when it happened, for display and
    for the year of dates that come without one ("November 8" in a claim about 2023)."""

    id: str
    name: str = ""
    when: DateValue | None = None
    place: str | None = None
    notes: str = ""


@attrs.frozen(kw_only=True)
class Document:
    """A source document that claims quote: where it comes from and under what licence."""

    id: str
    title: str = ""
    author: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    url: str | None = None
    license: str | None = None
    file: str | None = None
    notes: str = ""


#: The top-level keys of a dataset file, in the order they are written.
FILE_KEYS: tuple[str, ...] = ("actors", "events", "documents", "measures", "claims")


@attrs.frozen(kw_only=True)
class Dataset:
    """Actors, events and claims, as loaded from one or more files."""

    claims: tuple[Claim, ...] = attrs.field(default=(), converter=tuple)
    actors: tuple[Actor, ...] = attrs.field(default=(), converter=tuple)
    events: tuple[Event, ...] = attrs.field(default=(), converter=tuple)
    documents: tuple[Document, ...] = attrs.field(default=(), converter=tuple)
    measures: dict[str, str] = attrs.field(factory=dict, hash=False)
    #: Measures declared cumulative (``true``) or not (``false``) in ``measures``, over
    #: :data:`DEFAULT_CUMULATIVE`; see :func:`is_cumulative`.
    cumulative: dict[str, bool] = attrs.field(factory=dict, hash=False)
    #: Problems met while loading: records that could not be used are here, not in ``claims``.
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=tuple)
    #: Where each claim was read, by claim id (absent for claims built in Python).
    locations: dict[str, Location] = attrs.field(factory=dict, hash=False, eq=False)
    #: How many claim records were read, valid or not: ``len(claims)`` plus the rejected ones.
    records_read: int | None = None
    #: The value policy the dataset's text values were read with (``load(..., policy=...)``);
    #: :func:`reconcile` records its name in the report. Not data: left out of equality.
    policy: ValuePolicy = attrs.field(default=DEFAULT_POLICY, eq=False, hash=False, repr=False)

    def __repr__(self) -> str:
        # One line: a notebook shows the repr of a million-claim dataset, too.
        from .._render.display import dataset_repr

        return dataset_repr(self)
