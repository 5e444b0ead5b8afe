"""The report: for every question the claims answer, what the sources say and how it fits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeAlias

import attrs

from .._estimates.estimate import Estimate
from .._model.claims import Stance
from .._model.findings import Finding
from .._model.origins import Perspective

# Re-exported: the report is where the rest of claimdiff finds a group's range.
from .._model.range import Bound as Bound
from .._model.range import Range as Range
from ..errors import unknown_key

#: ``agreement``: at least two independent origins, no two claims incompatible.
#: ``contradiction``: some pair of claims cannot both be true.
#: ``single``: one informative origin (one claim, or one claimant echoed by many outlets).
#: ``unknown``: no claim gives information (every value is "Unknown").
Verdict: TypeAlias = Literal["agreement", "contradiction", "single", "unknown"]

#: The version of the report's JSON (``claimdiff schema report``): the major part moves when a
#: field is removed or renamed, the minor part when one is added. 2.0: ``Estimate.policy``
#: became ``rule``; added ``Report.cross``, ``Summary.cross_contradictions``,
#: ``Group.revisions``/``rounded``/``latest_stated``, ``Entry.superseded_by``,
#: ``Revision``, ``Report.rounding``, ``Estimate.tied``.
SCHEMA_VERSION = "2.0"

#: How many contradicting pairs a group lists (:attr:`Group.contradictions`); the exact count
#: is :attr:`Group.pair_count`. A group of 3,000 distinct figures has 4.5 million pairs: listing
#: them all took gigabytes, and said nothing the camps do not.
MAX_PAIRS = 100


@attrs.frozen(kw_only=True, order=True)
class GroupKey:
    """What a group of claims is about; claims with equal keys answer the same question."""

    event: str
    measure: str
    party: str = ""
    place: str = ""
    as_of: str = ""  # EDTF of the scope, "" when unscoped

    def __str__(self) -> str:
        text = f"{self.event}/{self.measure}"
        if self.party:
            text += f"/{self.party}"
        if self.place:
            text += f"@{self.place}"
        if self.as_of:
            text += f"[{self.as_of}]"
        return text


@attrs.frozen(kw_only=True)
class Entry:
    """One claim's place in its group: its value, who stands behind it, and from where."""

    claim: str
    value: str
    low: Bound = None  # the value's bounds on its axis (numbers and dates; None when open)
    high: Bound = None
    stance: Stance = "asserts"
    claimant: str | None = None
    side: str | None = None
    origin: str = ""
    via: tuple[str, ...] = ()
    perspective: Perspective = "unknown"
    camp: int | None = None  # index into Group.camps; None for claims that give no information
    #: The claim of the same origin that revised this running tally upwards (see
    #: :class:`Revision`), or whose latest figure an undated one is set aside for; a
    #: superseded claim is in no camp and plays no part in the verdict.
    superseded_by: str | None = None


@attrs.frozen(kw_only=True)
class Camp:
    """Claims that can all be true together, with who stands behind them."""

    claims: tuple[str, ...]
    claimants: tuple[str, ...]
    origins: int
    sides: tuple[str, ...]
    consensus: Range | None = None  # numbers and dates: what every claim of the camp allows
    values: tuple[str, ...] = ()  # categories: the labels every claim of the camp allows


@attrs.frozen(kw_only=True)
class Gap:
    """How far apart a group's furthest contradicting claims lie (numbers and dates).

    Furthest means the largest relative gap, then the largest gap, over every contradicting
    pair, with each claim's figure as written (see :func:`compare`).

    Args:
        low: the nearest value the lower claim allows (its upper end).
        high: the nearest value the upper claim allows (its lower end).
        gap: ``high - low``: a number, or days for dates.
        relative: ``gap`` over the larger of ``|low|`` and ``|high|``; ``None`` for dates.
    """

    low: Bound
    high: Bound
    gap: int | float
    relative: float | None = None


@attrs.frozen(kw_only=True)
class Revision:
    """One origin's running tally over time: its dated figures for a cumulative measure, in
    the order it stated them (``185`` then ``269``).

    Every figure but those of the latest day is superseded by them when none of those falls
    below it; one that a later figure falls below stays in play (and is reported as
    ``revised-down``).

    Args:
        origin: the origin whose tally it is.
        claims: its dated claims' ids, in the order stated (then by id).
        values: their values as written, in the same order.
        stated: the day each was stated (``stated``, else the first relay's ``published``).
        superseded: the claims set aside for the latest figures, sorted.
        undated: the origin's figures that give no day and that none of its latest figures
            falls below, sorted: they cannot be ordered, but each is what an earlier figure
            of the tally would be, so they are set aside for the latest figures too (their
            entries' ``superseded_by`` says for which), never taken for the latest.
        falls: each fall of the tally, (earlier claim, later claim) ids, sorted: a later
            figure wholly under an earlier one, each reported as a ``revised-down`` finding.
    """

    origin: str
    claims: tuple[str, ...]
    values: tuple[str, ...]
    stated: tuple[dt.date, ...]
    superseded: tuple[str, ...]
    undated: tuple[str, ...] = ()
    falls: tuple[tuple[str, str], ...] = ()


@attrs.frozen(kw_only=True)
class Group:
    """Every claim about one question, and what they add up to.

    ``range`` spans what the asserting claims allow (numbers and dates); ``consensus`` is what
    all claims allow together, when anything is; ``values`` and ``consensus_values`` are their
    counterparts for categories and propositions. ``origins`` are the independent origins
    behind the claims: one claimant relayed by three outlets is one origin.

    Contradictions: ``pair_count`` is the exact number of pairs of claims that cannot both be
    true; ``contradictions`` lists at most :data:`MAX_PAIRS` of them (as claim ids, the smaller
    first), furthest apart first (relative gap, then gap), then by ids; pairs without a
    distance (labels, denials) come last. ``contradicting`` holds every claim in some pair, and
    ``gap`` the furthest pair's :class:`Gap`. The camps say who stands with whom, whatever the
    number of pairs.
    """

    key: GroupKey
    kind: str
    verdict: Verdict
    claims: tuple[str, ...]
    origins: tuple[str, ...]
    entries: tuple[Entry, ...]
    camps: tuple[Camp, ...] = ()
    contradictions: tuple[tuple[str, str], ...] = ()
    pair_count: int = 0
    contradicting: tuple[str, ...] = ()
    gap: Gap | None = None
    range: Range | None = None
    consensus: Range | None = None
    values: tuple[str, ...] = ()
    consensus_values: tuple[str, ...] = ()
    #: The best estimate under the policy asked for (``reconcile(..., estimate=...)``), beside
    #: the verdict and camps, never instead of them.
    estimate: Estimate | None = None
    #: The running tallies revised in this group, by origin (cumulative measures only).
    revisions: tuple[Revision, ...] = ()
    #: The claims whose figure was read as rounded ("2,500" for 2,450-2,549) because the
    #: figures as written contradicted and the rounding policy reconciled some of them.
    rounded: tuple[str, ...] = ()
    #: For a state whose scope is open at its end ("since July 2014"): the latest day one of
    #: its claims was stated (``stated``, else the first relay's ``published``), how far the
    #: open scope holds for certain; ``None`` otherwise, or when no claim gives a day.
    latest_stated: dt.date | None = None

    @property
    def independent_origins(self) -> int:
        """How many independent origins stand behind the group's claims."""
        return len(self.origins)

    # Display (claimdiff._render.display): a one-line repr, and tables for notebooks.

    def __repr__(self) -> str:
        from .._render.display import group_repr

        return group_repr(self)

    def _repr_html_(self) -> str:
        from .._render.display import group_html

        return group_html(self)

    def _repr_markdown_(self) -> str:
        from .._render.display import group_md

        return group_md(self)


@attrs.frozen(kw_only=True)
class Transposition:
    """Two origins whose figures for two measures are each other's swapped ("40 killed, 50
    wounded" against "50 killed, 40 wounded"): often a copying or reading error."""

    groups: tuple[GroupKey, GroupKey]
    origins: tuple[str, str]
    claims: tuple[str, ...]
    message: str


@attrs.frozen(kw_only=True)
class CrossContradiction:
    """Two groups that cannot both be right although their keys differ.

    ``overlapping-scopes``: a state (a controller, a proposition) said of one thing at times
    that share a day, with values that share nothing ("held by the MNLA since July 2014",
    said in March 2015, against "held by the army on 12 February 2015"; an open scope holds
    only up to the day it was said, see :attr:`Group.latest_stated`); ``overlap`` names the
    shared days in EDTF.
    ``event-span``: an event's start or end outside the span its ``date`` allows, or a start
    after its end.

    Args:
        rule: ``overlapping-scopes`` or ``event-span``.
        groups: the two groups' keys, sorted.
        overlap: the days both scopes cover (``overlapping-scopes``), else ``""``.
        message: the clash in words.
    """

    rule: Literal["overlapping-scopes", "event-span"]
    groups: tuple[GroupKey, GroupKey]
    overlap: str
    message: str


@attrs.frozen(kw_only=True)
class Summary:
    """Counts that account for every claim record read."""

    records: int  # claim records read: claims + rejected
    claims: int  # claims reconciled, each in exactly one group
    rejected: int  # claim records that could not be used (see findings)
    groups: int
    agreements: int
    contradictions: int
    singles: int
    unknowns: int
    transpositions: int
    errors: int
    warnings: int
    #: Contradictions between groups (``Report.cross``); ``contradictions`` counts groups, so
    #: a check's count of contradictions is the two added.
    cross_contradictions: int = 0


def summarize(
    verdicts: Mapping[str, int],
    transpositions: int,
    findings: Sequence[Finding],
    *,
    claims: int,
    rejected: int,
    cross: int = 0,
) -> Summary:
    """The counts of a report from its groups' verdicts (how many of each): every claim
    record read is either reconciled (``claims``) or ``rejected``; ``cross`` contradictions
    between groups."""
    return Summary(
        records=claims + rejected,
        claims=claims,
        rejected=rejected,
        groups=sum(verdicts.values()),
        agreements=verdicts.get("agreement", 0),
        contradictions=verdicts.get("contradiction", 0),
        singles=verdicts.get("single", 0),
        unknowns=verdicts.get("unknown", 0),
        transpositions=transpositions,
        errors=sum(f.severity == "error" for f in findings),
        warnings=sum(f.severity == "warning" for f in findings),
        cross_contradictions=cross,
    )


@attrs.frozen(kw_only=True)
class Report:
    """What :func:`reconcile` returns; plain data once unstructured (see ``make_converter``)."""

    summary: Summary
    groups: tuple[Group, ...]
    transpositions: tuple[Transposition, ...] = ()
    findings: tuple[Finding, ...] = ()
    policy: str = "default"
    schema_version: str = SCHEMA_VERSION
    #: Contradictions between groups of different keys (see :class:`CrossContradiction`).
    cross: tuple[CrossContradiction, ...] = ()
    #: The rounding policy the figures were read with (``reconcile(..., rounding=)``): its
    #: name, or a callable policy's ``__name__``.
    rounding: str = "trailing-zeros"

    def group(self, key: GroupKey | str) -> Group:
        """The group with ``key`` (a :class:`GroupKey` or its ``str``).

        Raises:
            UnknownKeyError: (a ``KeyError``) when no group has that key; its message names
                the closest keys.
        """
        for group in self.groups:
            if group.key == key or str(group.key) == key:
                return group
        raise unknown_key("group", key, [str(g.key) for g in self.groups])

    def group_of(self, claim_id: str) -> Group:
        """The group that holds the claim ``claim_id``.

        Raises:
            UnknownKeyError: (a ``KeyError``) when no group holds it; its message names the
                closest claim ids.
        """
        for group in self.groups:
            if claim_id in group.claims:
                return group
        raise unknown_key("claim", claim_id, [c for g in self.groups for c in g.claims])

    # Display (claimdiff._render.display): a one-line repr, and tables for notebooks.

    def __repr__(self) -> str:
        from .._render.display import report_repr

        return report_repr(self)

    def _repr_html_(self) -> str:
        from .._render.display import report_html

        return report_html(self)

    def _repr_markdown_(self) -> str:
        from .._render.display import report_md

        return report_md(self)

    def to_frame(self, table: str = "groups", *, backend: str = "pandas") -> Any:
        """A table of the report as a DataFrame (needs the ``frames`` extra).

        Args:
            table: ``groups`` (one row per group), ``entries`` (one row per claim) or
                ``findings``; see :func:`claimdiff.from_frame`'s page, docs/frames.md.
            backend: ``pandas``, ``polars`` or ``pyarrow``.

        Returns:
            A native DataFrame of ``backend``.

        Raises:
            DatasetError: when narwhals or the backend is missing, or the table is unknown.
        """
        from .._loader.frames import to_frame

        return to_frame(self, table, backend)  # type: ignore[arg-type]
