"""``reconcile``: group claims by the question they answer and say how each group's claims fit."""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from operator import attrgetter
from typing import Any, cast

import attrs

from .._estimates.estimate import Policy, estimate_all
from .._estimates.reliability import Reliability
from .._grammar.rounding import RoundingPolicy, rounding_name, rounding_policy
from .._model.actors import Actor, ActorIndex, MemoIndex
from .._model.claims import Claim, Dataset, is_cumulative
from .._model.findings import Finding, Location
from .._model.origins import Perspective, origin_of, perspective_of
from .._model.policy import DEFAULT_POLICY, ValuePolicy
from .._model.sets import INF, Allowed, Spans, allowed, is_bound, subset
from .._model.values import DateValue, Proposition, Quantity, Unknown, Value, said
from ..errors import ClaimdiffTypeError, DatasetError
from .clashes import Clashes, clashes
from .cross import STATE_KINDS, cross_contradictions
from .ranges import interval_consensus, span_range, spans_consensus
from .report import (
    Bound,
    Camp,
    Entry,
    Group,
    GroupKey,
    Range,
    Report,
    Revision,
    Transposition,
    Verdict,
    summarize,
)

_BY_ID = attrgetter("id")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic objects.

    Reconciling a million claims allocates millions of small frozen objects, none of them in
    a reference cycle; left on, the collector re-scans the growing heap again and again and
    takes a large share of the time. The previous state is restored on the way out.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                # What was built lives on (the report): put it straight into the oldest
                # generation, as surviving two collections would, without the two walks over
                # it those would take (half a second for an overview of a million claims).
                # Only where nothing else is frozen: unfreezing thaws all that is.
                gc.freeze()
                gc.unfreeze()
            gc.enable()


@attrs.frozen
class _Item:
    """A claim prepared for reconciling: its stance folded in and its allowed set computed once."""

    claim: Claim
    asserts: bool
    allows: Allowed


def _prepare(claim: Claim, actors: ActorIndex) -> _Item:
    value, asserts = claim.value, claim.stance == "asserts"
    # Denying a proposition asserts its negation, which keeps the group's algebra to sets.
    if isinstance(value, Proposition) and not asserts:
        value, asserts = attrs.evolve(value, holds=not value.holds), True
    return _Item(claim, asserts, allowed(value, actors.resolve))


def _bounds(value: Value) -> tuple[Bound, Bound]:
    """An entry's ``low`` and ``high``: its value's bounds on the number or date axis (both
    ``None`` for labels and truth values, one ``None`` for an open side)."""
    low, high = getattr(value, "low", None), getattr(value, "high", None)
    return (low, high) if is_bound(low) and is_bound(high) else (None, None)


def group_key(claim: Claim, actors: ActorIndex) -> GroupKey:
    """The question ``claim`` answers: its event, measure, party, place and scope, with actor
    names resolved so that "FAMa" and "Malian army" fall in one group."""
    event, measure, party, place, as_of = key_fields(claim, actors)
    return GroupKey(event=event, measure=measure, party=party, place=place, as_of=as_of)


_KeyFields = tuple[str, str, str, str, str]


def key_fields(claim: Claim, actors: ActorIndex) -> _KeyFields:
    """The fields of :func:`group_key`, in :class:`GroupKey`'s order (which is its sort order)."""
    as_of = ""
    if claim.as_of is not None:
        as_of = _edtf(claim.as_of)
    return (
        claim.event,
        claim.measure,
        actors.resolve(claim.party) if claim.party else "",
        actors.resolve(claim.place) if claim.place else "",
        as_of,
    )


def _group_key_of(fields: _KeyFields) -> GroupKey:
    event, measure, party, place, as_of = fields
    return GroupKey(event=event, measure=measure, party=party, place=place, as_of=as_of)


def _edtf(value: DateValue) -> str:
    from .._grammar.dates import to_edtf  # the date grammar lives with the parser

    return to_edtf(value)


def _clashes(
    asserted: Sequence[_Item], denied: Sequence[_Item], raw: Sequence[_Item] = ()
) -> Clashes:
    """The contradicting pairs of a group, counted and bounded (see :func:`clashes`); ``raw``:
    the asserted items as written, where ``asserted`` holds figures the rounding policy widened."""
    return clashes(
        [(it.claim.id, it.allows) for it in asserted],
        [(it.claim.id, it.allows) for it in denied],
        {it.claim.id: it.allows for it in raw},
    )


def _stab_point(remaining: Sequence[_Item]) -> object:
    """A value that the first camp is built around: the smallest upper end among the remaining
    spans (every span reaching it contains it), the most shared label, or a truth value."""
    first = remaining[0].allows
    if isinstance(first, Spans):
        spans = [it.allows for it in remaining]
        point = min(p[1] for s in spans for p in s.parts)  # type: ignore[union-attr]
        if point == INF:  # every span is open above: they all hold the largest lower end
            point = max(s.parts[-1][0] for s in spans)  # type: ignore[union-attr]
        return point
    if isinstance(first, frozenset):
        counts: Counter[str] = Counter(m for it in remaining for m in it.allows)  # type: ignore[union-attr]
        return min(counts, key=lambda m: (-counts[m], m))
    return first


def _holds(allows: Allowed, point: object) -> bool:
    if isinstance(allows, Spans):
        return allows.holds(point)  # type: ignore[arg-type]
    if isinstance(allows, frozenset):
        return point in allows
    return allows == point


def _camps(asserted: Sequence[_Item], denied: Sequence[_Item]) -> list[list[_Item]]:
    """Split claims into camps of mutually compatible claims.

    For one-dimensional spans, building each camp around the smallest remaining upper end is
    the classic greedy cover of an interval graph by cliques: it needs the fewest camps. The
    same rule on labels takes the label most claims share. Sorting first makes camps
    independent of input order.
    """
    remaining = sorted(asserted, key=_camp_order)
    camps: list[list[_Item]] = []
    if _one_interval_camp(remaining):
        # What the loop below would find, in one pass: pairwise compatible intervals all
        # hold the smallest upper end (or, all open above, the largest lower end).
        camps.append(remaining)
        remaining = []
    elif _single_intervals(remaining):
        camps, remaining = _interval_camps(remaining), []
    while remaining:
        point = _stab_point(remaining)
        camp = [it for it in remaining if _holds(it.allows, point)]
        remaining = [it for it in remaining if not _holds(it.allows, point)]
        camps.append(camp)
    homeless: list[_Item] = []
    for d in sorted(denied, key=lambda it: it.claim.id):
        home = next(
            (c for c in camps if not any(subset(it.allows, d.allows) for it in c if it.asserts)),
            None,
        )
        (home if home is not None else homeless).append(d)
    if homeless:  # denials never exclude each other
        camps.append(homeless)
    return camps


def _single_intervals(items: Sequence[_Item]) -> bool:
    """Whether every item allows one interval (no alternatives), so camps come by a sweep."""
    return all(isinstance(it.allows, Spans) and it.allows.convex() for it in items)


def _interval_camps(remaining: Sequence[_Item]) -> list[list[_Item]]:
    """The camps the loop of :func:`_camps` builds from single intervals (sorted by
    :func:`_camp_order`), in n log n rather than a pass over the rest per camp.

    Each camp's point is the smallest upper end among the intervals above the last point (their
    lower end beyond it), or, when all of those are open above, their largest lower end. An
    interval joins the first camp whose point reaches its lower end: every earlier point lies
    below it, and the point is at most its upper end because it is the smallest of those left.
    """
    spans = [cast(Spans, it.allows) for it in remaining]
    by_low = sorted(range(len(spans)), key=lambda k: spans[k].low)
    lows = [spans[k].low for k in by_low]
    least_high = [INF] * (len(by_low) + 1)  # least_high[k]: smallest upper end of by_low[k:]
    for k in range(len(by_low) - 1, -1, -1):
        least_high[k] = min(least_high[k + 1], spans[by_low[k]].high)
    points: list[float] = []
    start = 0
    while start < len(by_low):
        point = least_high[start]
        if point == INF:  # every one left is open above: they all hold the largest lower end
            point = lows[-1]
        points.append(point)
        start = bisect.bisect_right(lows, point)
    camps: list[list[_Item]] = [[] for _ in points]
    for it, span in zip(remaining, spans, strict=True):
        camps[bisect.bisect_left(points, span.low)].append(it)
    return camps


def _one_interval_camp(items: Sequence[_Item]) -> bool:
    """Whether ``items`` are all single intervals that share a value (max(low) <= min(high))."""
    if not items or not isinstance(items[0].allows, Spans):
        return False
    spans = [cast(Spans, it.allows).parts for it in items]
    if any(len(parts) != 1 for parts in spans):
        return False
    return max(p[0][0] for p in spans) <= min(p[0][1] for p in spans)


def _camp_order(it: _Item) -> tuple[object, ...]:
    a = it.allows
    if isinstance(a, Spans):
        return (a.parts[0][1], a.parts[0][0], it.claim.id)
    if isinstance(a, frozenset):
        return (tuple(sorted(a)), it.claim.id)
    return (not a, it.claim.id)


def _labels(items: Sequence[_Item]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """All labels asserted, and those every assertion allows (minus any denied)."""
    sets = [_label_set(it.allows) for it in items if it.asserts]
    denied = [_label_set(it.allows) for it in items if not it.asserts]
    every = frozenset().union(*sets) if sets else frozenset()
    common = frozenset.intersection(*sets) if sets else frozenset()
    for d in denied:
        common -= d
    return tuple(sorted(every)), tuple(sorted(common))


def _label_set(allows: Allowed) -> frozenset[str]:
    if isinstance(allows, frozenset):
        return allows
    return frozenset({"holds" if allows else "does not hold"})


def _stated(claim: Claim) -> dt.date | None:
    """When the claimant said it: ``stated``, else the first relay's ``published``."""
    if claim.stated is not None:
        return claim.stated
    return claim.via[0].published if claim.via else None


def _extent(allows: Spans) -> tuple[float, float]:
    return allows.parts[0][0], allows.parts[-1][1]


def _revise(
    asserted: Sequence[_Item], origins: Mapping[str, str]
) -> tuple[dict[str, str], list[Revision], list[tuple[str, _Item, _Item]], list[_Undated]]:
    """The running tallies among a cumulative measure's asserted figures, origin by origin.

    An origin's figures of the latest day it stated one supersede its earlier dated figures
    when none of them falls below the earlier one (its whole span lies under the earlier
    span's low end). An earlier figure that some latest figure falls below stays in play, and
    the fall is returned. An origin's single dated figure has nothing to order.

    An undated figure cannot be ordered, so it is never taken for the latest. Where its
    origin has dated figures and none of the latest falls below it, it is what an earlier
    figure of the tally would be (one the latest supersedes wherever it is placed before it):
    it is set aside for the latest like a superseded one, and listed as undated. One that a
    latest figure falls below cannot be earlier without the tally falling: it stays in play,
    as do the undated figures of an origin with no dated one. Each is returned, to be named
    in an ``undated-figure`` finding.
    Only dates and ids order, never the claims' order: the result is the same in any order.

    Returns:
        The superseded claims' ids, each with the claim that supersedes it (the smallest id of
        the latest day's); the revisions, by origin; the falls, as (origin, earlier, later);
        the undated figures of origins with several figures, by origin.
    """
    dated: dict[str, list[tuple[dt.date, str, _Item]]] = defaultdict(list)
    undated: dict[str, list[_Item]] = defaultdict(list)
    for it in sorted(asserted, key=lambda it: it.claim.id):
        day = _stated(it.claim)
        if day is not None:
            dated[origins[it.claim.id]].append((day, it.claim.id, it))
        else:
            undated[origins[it.claim.id]].append(it)
    superseded: dict[str, str] = {}
    revisions: list[Revision] = []
    falls: list[tuple[str, _Item, _Item]] = []
    unordered: list[_Undated] = []
    for origin in sorted(undated.keys() - dated.keys()):
        if len(undated[origin]) > 1:
            unordered.append(_Undated(origin, (), tuple(undated[origin]), ()))
    for origin in sorted(dated):
        told = sorted(dated[origin], key=lambda t: (t[0], t[1]))
        last = told[-1][0]
        latest = [it for day, _, it in told if day == last]
        by = latest[0].claim.id
        aside = [
            u
            for u in undated.get(origin, ())
            if not any(_extent(cast(Spans, x.allows))[1] < _below(u) for x in latest)
        ]
        kept = {u.claim.id for u in aside}
        above = [u for u in undated.get(origin, ()) if u.claim.id not in kept]
        if aside or above:
            unordered.append(_Undated(origin, tuple(aside), tuple(above), tuple(latest)))
        superseded.update((u.claim.id, by) for u in aside)
        if told[0][0] == last and not aside:
            continue  # one day: nothing to order
        # A fall between two earlier days is reported too, though a later rise supersedes
        # both: 100, then 50, then 150 is a tally that went down once.
        days = sorted({t[0] for t in told})
        for before, after in itertools.pairwise(days[:-1]):
            earlier = [it for day, _, it in told if day == before]
            later = [it for day, _, it in told if day == after]
            falls.extend(
                (origin, e, x)
                for e in earlier
                for x in later
                if _extent(cast(Spans, x.allows))[1] < _below(e)
            )
        gone: list[str] = []
        for day, cid, it in told:
            if day == last:
                break
            fell = [x for x in latest if _extent(cast(Spans, x.allows))[1] < _below(it)]
            if fell:
                falls.extend((origin, it, x) for x in fell)
            else:
                superseded[cid] = by
                gone.append(cid)
        revisions.append(
            Revision(
                origin=origin,
                claims=tuple(t[1] for t in told),
                values=tuple(said(t[2].claim.value) for t in told),
                stated=tuple(t[0] for t in told),
                superseded=tuple(sorted(gone)),
                undated=tuple(u.claim.id for u in aside),
                falls=tuple(sorted({(e.claim.id, x.claim.id) for o, e, x in falls if o == origin})),
            )
        )
    return superseded, revisions, falls, unordered


def _below(it: _Item) -> float:
    """The low end of a figure: a later figure wholly under it means the tally fell."""
    return _extent(cast(Spans, it.allows))[0]


@attrs.frozen
class _Undated:
    """One origin's undated figures in a running tally: those set aside for its ``latest``
    dated figures, and those ``above`` them (kept in play)."""

    origin: str
    aside: tuple[_Item, ...]
    above: tuple[_Item, ...]
    latest: tuple[_Item, ...]


def _within_stated(consensus: Range | None, claims: Sequence[Claim]) -> Range | None:
    """``consensus`` cut to the hull of the figures as stated: "2,500" (2,450-2,549) with
    "2,475" agree on 2,475, not on what "2,500" alone might stand for."""
    if consensus is None:
        return None
    values = [cast(Quantity, c.value) for c in claims]  # only quantities are rounded
    lows = [v.low for v in values]
    highs = [v.high for v in values]
    low = -INF if None in lows else float(min(x for x in lows if x is not None))
    high = INF if None in highs else float(max(x for x in highs if x is not None))
    c_low = -INF if consensus.low is None else float(consensus.low)  # type: ignore[arg-type]
    c_high = INF if consensus.high is None else float(consensus.high)  # type: ignore[arg-type]
    return interval_consensus([c_low, low], [c_high, high], "quantity")


class Reconciler:
    def __init__(
        self,
        actors: ActorIndex,
        cumulative: Callable[[str], bool] | None = None,
        rounding: RoundingPolicy | None = None,
    ) -> None:
        self.actors = actors
        #: The interval a figure written rounded stands for (see claimdiff._grammar.rounding).
        self.rounding = rounding or rounding_policy(None)
        #: Whether a measure is a running tally (see is_cumulative).
        self.cumulative = cumulative or (lambda m: is_cumulative(m, {}))
        self.findings: list[Finding] = []
        # perspective_of depends on the claimant and the party only.
        self._perspectives: dict[tuple[str | None, str | None], Perspective] = {}
        # What a value allows, by the value's identity: loaders share one value object among
        # the claims that say the same. The value is kept with its entry, so that its id
        # cannot be another's while the entry lives.
        self._allows: dict[tuple[int, bool], tuple[Value, bool, Allowed]] = {}

    def prepare(self, claim: Claim) -> _Item:
        """:func:`_prepare`, each value's allowed set worked out once."""
        value, asserts = claim.value, claim.stance == "asserts"
        known = self._allows.get((id(value), asserts))
        if known is None or known[0] is not value:
            item = _prepare(claim, self.actors)
            self._allows[id(value), asserts] = (value, item.asserts, item.allows)
            return item
        return _Item(claim, known[1], known[2])

    def group(self, key: GroupKey, claims: list[Claim]) -> Group:
        actors = self.actors
        items = [self.prepare(c) for c in sorted(claims, key=_BY_ID)]
        informative = [it for it in items if it.allows is not None]
        kinds = sorted({it.claim.value.kind for it in informative})
        if len(kinds) > 1:
            self.findings.append(
                Finding(
                    code="mixed-kinds",
                    severity="warning",
                    message=f"claims about {key} carry values of different kinds "
                    f"({', '.join(kinds)}); only values of one kind are compared",
                    location=Location(record=str(key)),
                )
            )
        kind = kinds[0] if kinds else Unknown.kind
        # Values of another kind cannot be compared; they still count as claims of the group.
        comparable = [it for it in informative if it.claim.value.kind == kind]
        asserted = [it for it in comparable if it.asserts]
        denied = [it for it in comparable if not it.asserts]
        origins = {c.id: origin_of(c, actors) for c in claims}
        informative_origins = {origins[it.claim.id] for it in comparable}
        superseded: Mapping[str, str] = {}
        revisions: Sequence[Revision] = ()
        if kind == "quantity" and len(asserted) > 1 and self.cumulative(key.measure):
            superseded, revisions, falls, undated = _revise(asserted, origins)
            for origin, before, after in falls:
                self.findings.append(self.fall(key, origin, before.claim, after.claim, superseded))
            self.findings.extend(self.undated(key, u) for u in undated)
            if superseded:  # each origin is heard by its latest figures
                asserted = [it for it in asserted if it.claim.id not in superseded]
                comparable = [it for it in comparable if it.claim.id not in superseded]
        found = _clashes(asserted, denied)
        stated = asserted  # the figures as written: the range shows them
        rounded: tuple[str, ...] = ()
        if found.count and kind == "quantity":
            # Only where the figures as written contradict: a rounded figure ("2,500") stands
            # for those that round to it, under the rounding policy.
            widened, rounded = self.widen(asserted)
            fewer = _clashes(widened, denied, asserted) if rounded else found
            if fewer.count < found.count:
                found, asserted = fewer, widened
            else:
                rounded = ()
        camp_lists = _camps(asserted, denied)
        camp_of = {it.claim.id: i for i, camp in enumerate(camp_lists) for it in camp}
        verdict: Verdict
        if found.count:
            verdict = "contradiction"
        elif len(informative_origins) >= 2:
            verdict = "agreement"
        elif informative_origins:
            verdict = "single"
        else:
            verdict = "unknown"
        span_range_: Range | None = None
        consensus: Range | None = None
        values: tuple[str, ...] = ()
        common: tuple[str, ...] = ()
        if asserted and isinstance(asserted[0].allows, Spans):
            spans = [cast(Spans, it.allows) for it in asserted]
            cuts = [cast(Spans, it.allows) for it in denied]
            axis = spans[0].axis
            span_range_ = span_range([cast(Spans, it.allows) for it in stated], axis)
            consensus = None if found.count else spans_consensus(spans, cuts, axis)
            if rounded:
                consensus = _within_stated(consensus, [it.claim for it in asserted])
            # A camp of every comparable claim has the group's consensus (an intersection
            # does not depend on order): computed once.
            camps = tuple(
                self.camp(
                    c, origins, consensus if len(c) == len(comparable) else None, bool(rounded)
                )
                for c in camp_lists
            )
        else:
            camps = tuple(self.camp(c, origins) for c in camp_lists)
            values, common = _labels(comparable)
        latest_stated = None
        if key.as_of.endswith("/..") and kind in STATE_KINDS:
            # "since July 2014" holds as far as it was said (see claimdiff._reconciler.cross).
            days = [d for it in comparable if (d := _stated(it.claim)) is not None]
            latest_stated = max(days, default=None)
        # Built in one go, not with attrs.evolve: this runs once per group.
        return Group(
            key=key,
            kind=kind,
            verdict=verdict,
            claims=tuple(it.claim.id for it in items),
            origins=tuple(sorted(set(origins.values()))),
            entries=tuple(
                self.entry(it.claim, origins[it.claim.id], camp_of, superseded) for it in items
            ),
            camps=camps,
            contradictions=found.shown,
            pair_count=found.count,
            contradicting=found.claims,
            gap=found.gap,
            range=span_range_,
            consensus=consensus,
            values=values,
            consensus_values=() if found.count else common,
            revisions=tuple(revisions),
            rounded=rounded,
            latest_stated=latest_stated,
        )

    def widen(self, asserted: Sequence[_Item]) -> tuple[list[_Item], tuple[str, ...]]:
        """``asserted`` with each figure the rounding policy reads as rounded widened to the
        figures it stands for, and the ids of those claims, sorted."""
        widened: list[_Item] = []
        ids: list[str] = []
        for it in asserted:
            value = it.claim.value
            span = self.rounding(value) if isinstance(value, Quantity) else None
            if span is None:
                widened.append(it)
            else:
                low, high = float(span[0]), float(span[1])  # the axis is of floats
                widened.append(_Item(it.claim, it.asserts, Spans("quantity", ((low, high),))))
                ids.append(it.claim.id)
        return widened, tuple(sorted(ids))

    def fall(
        self,
        key: GroupKey,
        origin: str,
        before: Claim,
        after: Claim,
        superseded: Mapping[str, str],
    ) -> Finding:
        """The finding for a running tally that fell: ``after`` lies under ``before``."""
        when_before, when_after = _stated(before), _stated(after)
        outcome = (
            f"a later figure ({superseded[after.id]}) supersedes both"
            if before.id in superseded and after.id in superseded
            else "both are compared"
        )
        return Finding(
            code="revised-down",
            severity="warning",
            message=f"{self.actors.label(origin)} gave {before.value.text} ({before.id}, "
            f"{when_before}) and later {after.value.text} ({after.id}, {when_after}) for "
            f"{key}: a cumulative count cannot fall; {outcome}",
            location=Location(record=str(key)),
        )

    def undated(self, key: GroupKey, found: _Undated) -> Finding:
        """The finding naming one origin's undated figures in a running tally."""

        def figures(items: Sequence[_Item]) -> str:
            return ", ".join(f"{it.claim.value.text} ({it.claim.id})" for it in items)

        who = self.actors.label(found.origin)
        latest = figures(found.latest)
        parts = []
        if found.aside:
            parts.append(
                f"{figures(found.aside)} set aside: none lies above its latest figure "
                f"{latest} ({_stated(found.latest[0].claim)}), so each is what an earlier "
                "figure of its tally would be"
            )
        if found.above:
            parts.append(
                f"{figures(found.above)} compared as stated: "
                + (
                    f"its latest figure {latest} falls below them, so they are not earlier "
                    "figures of its tally"
                    if found.latest
                    else "it dated none of its figures"
                )
            )
        return Finding(
            code="undated-figure",
            severity="info",
            message=f"{who} gave undated figures for {key}, a running tally; an undated "
            f"figure cannot be ordered: {'; '.join(parts)}",
            location=Location(record=str(key)),
        )

    def entry(
        self,
        claim: Claim,
        origin: str,
        camp_of: dict[str, int],
        superseded: Mapping[str, str] | None = None,
    ) -> Entry:
        actors = self.actors
        who = (claim.claimant, claim.party)
        perspective = self._perspectives.get(who)
        if perspective is None:
            perspective = self._perspectives[who] = perspective_of(claim, actors)
        low, high = _bounds(claim.value)
        return Entry(
            claim=claim.id,
            value=said(claim.value),  # the source's words; an EDTF '?' also in words
            low=low,
            high=high,
            stance=claim.stance,
            claimant=actors.resolve(claim.claimant) if claim.claimant else None,
            side=actors.side(claim.claimant),
            origin=origin,
            via=tuple(actors.resolve(r.outlet) for r in claim.via) if claim.via else (),
            perspective=perspective,
            camp=camp_of.get(claim.id),
            superseded_by=superseded.get(claim.id) if superseded else None,
        )

    def camp(
        self,
        items: list[_Item],
        origins: dict[str, str],
        consensus: Range | None = None,
        rounded: bool = False,
    ) -> Camp:
        """The camp of ``items``; ``consensus``, when known already, is not computed again.
        ``rounded``: some figures stand for those they round from (shown within the stated)."""
        actors = self.actors
        claims = [it.claim for it in items]
        claimants = sorted({actors.resolve(c.claimant) for c in claims if c.claimant})
        sides = sorted({s for c in claims if (s := actors.side(c.claimant)) is not None})
        ids = tuple(sorted(c.id for c in claims))
        n_origins = len({origins[c.id] for c in claims})
        asserted = [it.allows for it in items if it.asserts]
        if asserted and isinstance(asserted[0], Spans):
            if consensus is None:
                spans = [cast(Spans, a) for a in asserted]
                cuts = [cast(Spans, it.allows) for it in items if not it.asserts]
                consensus = spans_consensus(spans, cuts, spans[0].axis)
                if rounded:
                    consensus = _within_stated(consensus, [it.claim for it in items if it.asserts])
            return Camp(
                claims=ids,
                claimants=tuple(claimants),
                origins=n_origins,
                sides=tuple(sides),
                consensus=consensus,
            )
        return Camp(
            claims=ids,
            claimants=tuple(claimants),
            origins=n_origins,
            sides=tuple(sides),
            values=_labels(items)[1] if asserted else (),
        )


def find_transpositions(
    groups: Sequence[Group],
    claims: Mapping[str, Claim],
    actors: ActorIndex,
    order: Iterable[GroupKey] = (),
    figures: Mapping[GroupKey, Figures] | None = None,
) -> list[Transposition]:
    """Origins whose figures for two measures of one event and party are each other's swapped.

    Only single-figure claims count: a swap of "about 40" and "dozens" says nothing. ``order``
    gives the keys of every quantity group of the report when ``groups`` holds only some of
    them (``overview``): transpositions then come in the report's order all the same.
    ``figures`` gives the :func:`group_figures` of groups whose claims are not in ``claims`` (found
    by another process).
    """
    known: dict[GroupKey, Figures] = dict(figures or {})

    def figures_of(group: Group) -> Figures:
        found = known.get(group.key)
        if found is None:
            found = known[group.key] = group_figures(group, claims)
        return found

    by_base: dict[tuple[str, str, str, str], dict[str, Group]] = defaultdict(dict)
    for key in order:
        by_base[(key.event, key.party, key.place, key.as_of)]  # its place in the report's order
    for g in groups:
        if g.kind == "quantity":
            by_base[(g.key.event, g.key.party, g.key.place, g.key.as_of)][g.key.measure] = g
    found: list[Transposition] = []
    for measures in by_base.values():
        names = sorted(measures)
        for i, m1 in enumerate(names):
            for m2 in names[i + 1 :]:
                g1, g2 = measures[m1], measures[m2]
                found.extend(_swaps(g1, g2, figures_of(g1), figures_of(g2), actors))
    return found


#: Each origin's single asserted figure in a group: the claim's id and the figure.
Figures = dict[str, tuple[str, Any]]


def group_figures(group: Group, claims: Mapping[str, Claim]) -> Figures:
    """Each origin's single asserted figure in ``group`` (origins with several are skipped)."""
    seen: dict[str, list[Claim]] = defaultdict(list)
    for e in group.entries:
        if e.superseded_by is not None:
            continue  # an origin's revised tally is its latest figure
        c = claims[e.claim]
        if c.stance == "asserts" and c.value.low is not None and c.value.low == c.value.high:
            seen[e.origin].append(c)
    return {
        o: (cs[0].id, cs[0].value.low)
        for o, cs in seen.items()
        if len({c.value.low for c in cs}) == 1
    }


def _swaps(
    g1: Group, g2: Group, f1: Figures, f2: Figures, actors: ActorIndex
) -> list[Transposition]:
    both = sorted(set(f1) & set(f2))
    found = []
    for i, a in enumerate(both):
        if f1[a][1] == f2[a][1]:
            continue  # equal figures cannot be told apart from their swap
        for b in both[i + 1 :]:
            if f1[a][1] == f2[b][1] and f2[a][1] == f1[b][1]:
                ids = (f1[a][0], f2[a][0], f1[b][0], f2[b][0])
                found.append(
                    Transposition(
                        groups=(g1.key, g2.key),
                        origins=(a, b),
                        claims=ids,
                        message=(
                            f"{actors.label(a)} gives {f1[a][1]} {g1.key.measure} and "
                            f"{f2[a][1]} {g2.key.measure}; {actors.label(b)} gives "
                            f"{f1[b][1]} {g1.key.measure} and {f2[b][1]} "
                            f"{g2.key.measure}: the figures look transposed"
                        ),
                    )
                )
    return found


def reconcile(
    claims: Dataset | Iterable[Claim],
    *,
    actors: Iterable[Actor] | ActorIndex | None = None,
    policy: ValuePolicy | None = None,
    estimate: str | Policy | None = None,
    reliability: Reliability | Mapping[str, float] | None = None,
    rounding: str | RoundingPolicy | None = None,
) -> Report:
    """Group claims by the question they answer and report how each group's claims fit.

    Args:
        claims: a :class:`Dataset` (its actors, load findings and record count are used) or
            any iterable of claims.
        actors: actor declarations, when ``claims`` is not a dataset or to override its own.
            Names resolve through them everywhere: claimants, parties, places, categories.
        policy: the value policy the claims' text values were read with, whose name the
            report records; by default the dataset's own (:func:`load` records it), and
            :data:`DEFAULT_POLICY` for claims that are not a dataset.
        estimate: a best-estimate rule (``conservative``, ``median-of-origins``,
            ``third-party-first``, ``weighted`` or a callable, see :func:`estimate`): each
            group then carries its :class:`Estimate` with the claims it rests on and those it
            set aside. The verdict and camps are reported all the same.
        reliability: source weights for the ``weighted`` estimate; learned from the whole
            dataset with :func:`learn_reliability` when not given.
        rounding: the precision a figure written rounded carries where the figures as
            written contradict: ``trailing-zeros`` (the default: "2,500" stands for
            2,450-2,549, "13,000" for 12,500-13,499, figures under 1,000 are exact),
            ``exact``, or a callable from a :class:`Quantity` to the interval it stands for
            (or ``None``). See docs/reconcile.md, "Rounded figures".

    Returns:
        A :class:`Report` in which every claim appears in exactly one group, groups sorted by
        key and claims by id, so the same claims always give the same report.

    Raises:
        DatasetError: when two claims share an id (load files with :func:`load`, which turns
            that into a finding instead).
        ClaimdiffTypeError: (a ``TypeError``) when ``policy`` is not a :class:`ValuePolicy`
            (a name alone is not one).
        ValueError: when ``rounding`` names no rounding policy.
    """
    rounder = rounding_policy(rounding)
    if policy is None:
        policy = claims.policy if isinstance(claims, Dataset) else DEFAULT_POLICY
    if not isinstance(policy, ValuePolicy):
        raise ClaimdiffTypeError(
            f"policy= is the ValuePolicy the values were read with, got {policy!r}; "
            "load(..., policy=...) records it on the dataset, so reconcile(dataset) needs none"
        )
    with gc_paused():
        report = _reconcile(claims, actors, policy.name, rounder)
    report = attrs.evolve(report, rounding=rounding_name(rounding))  # recorded, as the policy is
    if estimate is None:
        return report
    return _with_estimates(report, claims, actors, estimate, reliability)


def _with_estimates(
    report: Report,
    claims: Dataset | Iterable[Claim],
    actors: Iterable[Actor] | ActorIndex | None,
    policy: str | Policy,
    reliability: Reliability | Mapping[str, float] | None,
) -> Report:
    dataset = claims if isinstance(claims, Dataset) else None
    by_id = {c.id: c for c in (claims.claims if isinstance(claims, Dataset) else claims)}
    if actors is None:
        actors = dataset.actors if dataset else ()
    index = actors if isinstance(actors, ActorIndex) else ActorIndex.build(actors)
    # An origin's revised tally counts by its latest figures only.
    members = {
        g.key: [by_id[e.claim] for e in g.entries if e.superseded_by is None] for g in report.groups
    }
    # The estimates hold the groups' own consensus, reached under this run's rounding policy.
    consensus = {g.key: g.consensus for g in report.groups}
    found = estimate_all(
        members, rule=policy, actors=index, reliability=reliability, consensus=consensus
    )
    groups = tuple(attrs.evolve(g, estimate=found[g.key]) for g in report.groups)
    return attrs.evolve(report, groups=groups)


def _reconcile(
    claims: Dataset | Iterable[Claim],
    actors: Iterable[Actor] | ActorIndex | None,
    policy: str,
    rounding: RoundingPolicy | None = None,
) -> Report:
    dataset = claims if isinstance(claims, Dataset) else None
    # A dataset's claims are already a tuple: no copy of a million-claim list.
    claim_list = claims.claims if isinstance(claims, Dataset) else tuple(claims)
    if actors is None:
        actors = dataset.actors if dataset else ()
    index = MemoIndex.of(actors if isinstance(actors, ActorIndex) else ActorIndex.build(actors))
    by_id = {c.id: c for c in claim_list}
    if len(by_id) != len(claim_list):
        dupes = sorted(cid for cid, n in Counter(c.id for c in claim_list).items() if n > 1)
        raise DatasetError(f"claim ids must be unique, got duplicates {dupes!r}")
    # Grouped under plain tuples, which hash and sort faster than GroupKey and in the same
    # order: GroupKey orders by its fields, in this order.
    grouped: dict[_KeyFields, list[Claim]] = defaultdict(list)
    for claim in claim_list:
        grouped[key_fields(claim, index)].append(claim)
    declared = dataset.cumulative if dataset else {}
    worker = Reconciler(index, lambda measure: is_cumulative(measure, declared), rounding)
    groups = tuple(worker.group(_group_key_of(k), grouped[k]) for k in sorted(grouped))
    del grouped
    transpositions = tuple(find_transpositions(groups, by_id, index))
    findings = (*(dataset.findings if dataset else ()), *worker.findings)
    rejected = (dataset.records_read or len(claim_list)) - len(claim_list) if dataset else 0
    verdicts: Counter[str] = Counter(g.verdict for g in groups)
    cross = tuple(cross_contradictions(groups, index.label))
    summary = summarize(
        verdicts,
        len(transpositions),
        findings,
        claims=len(claim_list),
        rejected=rejected,
        cross=len(cross),
    )
    return Report(
        summary=summary,
        groups=groups,
        transpositions=transpositions,
        findings=findings,
        policy=policy,
        cross=cross,
    )
