"""Contradictions between groups: overlapping scopes of a state, and an event's span against its
start and end.

Claims answer the same question only when their keys are equal, ``as_of`` included; but "held by
the MNLA since July 2014" and "held by the army on 12 February 2015" are about one town on one
day, and "14 January - 20 February 2015" leaves no room for "began on 10 January". Both rules
here read only what every group carries (its key, kind, verdict and consensus), so they run on a
:class:`~claimdiff._reconciler.report.Report`'s groups and on an overview's summaries alike, and an
engine that keeps groups as rows can run them per bucket of keys.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from .._grammar.edtf import last_day, parse_edtf
from .report import CrossContradiction, GroupKey, Range, Verdict

#: The measures whose value is a state that holds over time, whatever kind a dataset gives them:
#: claims about them at overlapping times must agree. Categories and propositions are always
#: compared so; these names only document the common ones.
STATE_KINDS = ("category", "proposition")
#: An event's span, start and end measures.
SPAN_MEASURES = ("date", "start", "end")

_FAR_PAST, _FAR_FUTURE = dt.date.min, dt.date.max


class _GroupLike(Protocol):
    @property
    def key(self) -> GroupKey: ...
    @property
    def kind(self) -> str: ...
    @property
    def verdict(self) -> Verdict: ...
    @property
    def consensus(self) -> Range | None: ...
    @property
    def range(self) -> Range | None: ...
    @property
    def consensus_values(self) -> tuple[str, ...]: ...
    @property
    def latest_stated(self) -> dt.date | None: ...


def cross_contradictions(
    groups: Iterable[_GroupLike], label: Callable[[str], str] = str
) -> list[CrossContradiction]:
    """Every contradiction between groups, sorted by the groups' keys.

    Only groups that hold together on their own (``agreement`` or ``single``) are compared: a
    group that contradicts itself is a contradiction already, and has no consensus to compare.
    ``label`` words a value for people (``ActorIndex.label``: an actor's name, not its id).
    """
    scoped: dict[tuple[str, str, str, str], list[tuple[_Scope, _GroupLike]]] = defaultdict(list)
    spans: dict[tuple[str, str, str, str], dict[str, _GroupLike]] = defaultdict(dict)
    for g in groups:
        if g.verdict not in ("agreement", "single"):
            continue
        k = g.key
        if g.kind in STATE_KINDS and k.as_of and g.consensus_values:
            scope = _scope(k.as_of, g.latest_stated)
            if scope is not None:
                scoped[(k.event, k.measure, k.party, k.place)].append((scope, g))
        elif g.kind == "date" and k.measure in SPAN_MEASURES and g.consensus is not None:
            spans[(k.event, k.party, k.place, k.as_of)][k.measure] = g
    found: list[CrossContradiction] = []
    for members in scoped.values():
        if len(members) > 1:
            found.extend(_overlaps(members, label))
    for measures in spans.values():
        if len(measures) > 1:
            found.extend(_span_clashes(measures))
    return sorted(found, key=lambda c: (c.groups, c.rule))


# -- overlapping scopes ------------------------------------------------------------------------


class _Scope:
    """When a scoped claim holds: ``low``-``high``, throughout (``whole``) or on some day of it."""

    __slots__ = ("high", "low", "text", "whole")

    def __init__(self, low: dt.date, high: dt.date, whole: bool, text: str) -> None:
        self.low, self.high, self.whole, self.text = low, high, whole, text


def _scope(edtf: str, said: dt.date | None = None) -> _Scope | None:
    """The days a scope covers for certain. A span ("14 January - 20 February 2015") and a
    single day hold throughout; a month or a year alone ("in 2013") holds on some day of it,
    nobody says which.

    An open side holds only as far as the claims support it, never to the end of time:
    "since July 2014" holds from the end of July to the latest day its claims were stated
    (``said``; on that day alone when said within July), and on no day for certain when
    none was dated or it was said before July; "until July 2014" holds on the day before
    July, its last certain day (when the state began, nobody says)."""
    try:
        value = parse_edtf(edtf)
    except ValueError:
        return None
    if value.options or value.uncertain or value.qualifier == "approximate":
        return None  # "2013 or 2014", "around 3 July", "2014-07-03?": no day is certain
    low, high = value.low, value.high
    if value.qualifier == "at_least" and low is not None:
        if said is None or said < low:
            return None  # an open end nobody dated: no day after its start is certain
        return _Scope(min(_period_end(low, value.precision), said), said, True, edtf)
    if value.qualifier == "at_most" and high is not None:
        # "until July 2014": certain up to the day before July, the handover may be on the 1st.
        start = _period_start(high, value.precision)
        if value.precision in ("month", "year") and start > dt.date.min:
            start -= dt.timedelta(days=1)
        return _Scope(start, start, True, edtf)
    if low is None or high is None:
        return None
    # A span of days holds throughout; a span of months or years ("July - December 2014")
    # may start late in its first month and end early in its last, so it holds on some day
    # of it only, as a month or a year alone does.
    whole = (value.qualifier == "range" and value.precision == "day") or (
        low == high and value.precision == "day"
    )
    return _Scope(low, high, whole, edtf)


def _period_end(day: dt.date, precision: str) -> dt.date:
    if precision == "month":
        return day.replace(day=last_day(day.year, day.month))
    if precision == "year":
        return dt.date(day.year, 12, 31)
    return day


def _period_start(day: dt.date, precision: str) -> dt.date:
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return dt.date(day.year, 1, 1)
    return day


def _overlaps(
    members: Sequence[tuple[_Scope, _GroupLike]], label: Callable[[str], str]
) -> list[CrossContradiction]:
    """Pairs whose labels share nothing and whose scopes share a day for certain: both hold
    throughout and overlap, or one holds throughout a span that holds the other's whole scope.
    Sorted by start, each scope is compared only with those starting before it ends."""
    ordered = sorted(members, key=lambda m: (m[0].low, m[0].high, m[1].key))
    found = []
    for i, (a, ga) in enumerate(ordered):
        for b, gb in ordered[i + 1 :]:
            if b.low > a.high:
                break
            low, high = max(a.low, b.low), min(a.high, b.high)
            if not (a.whole and b.whole):
                inner = b if a.whole else a if b.whole else None
                if inner is None or (inner.low, inner.high) != (low, high):
                    continue  # some day of a month or a year: maybe not the same day
            if set(ga.consensus_values) & set(gb.consensus_values):
                continue
            when = _days(low, high)
            found.append(
                CrossContradiction(
                    rule="overlapping-scopes",
                    groups=tuple(sorted((ga.key, gb.key))),  # type: ignore[arg-type]
                    overlap=when,
                    message=f"{ga.key} says {_said(ga, label)} and {gb.key} "
                    f"says {_said(gb, label)}, both on {when}",
                )
            )
    return found


def _said(g: _GroupLike, label: Callable[[str], str]) -> str:
    """``Armed Forces of the Philippines or MNLA``: a group's agreed labels, actors by name."""
    return " or ".join(label(v) for v in g.consensus_values)


def _days(low: dt.date, high: dt.date) -> str:
    """``2015-02-12``, ``2014-07-31/2015-02-12``, or an open side as EDTF writes it."""
    start = "" if low == _FAR_PAST else low.isoformat()
    end = ".." if high == _FAR_FUTURE else high.isoformat()
    if low == high:
        return start
    return f"{start or '..'}/{end}"


# -- an event's span, start and end --------------------------------------------------------


def _bounds(g: _GroupLike, hull: bool = False) -> tuple[dt.date, dt.date]:
    # The date group by the hull of what its sources said (a start inside any source's span is
    # no clash); a start or an end by the days its sources agree on.
    c = g.range if hull and g.range is not None else g.consensus
    assert c is not None
    low = c.low if isinstance(c.low, dt.date) and not c.low_open else _FAR_PAST
    high = c.high if isinstance(c.high, dt.date) and not c.high_open else _FAR_FUTURE
    return low, high


def _span_clashes(measures: dict[str, _GroupLike]) -> list[CrossContradiction]:
    """A start or an end outside the days the event's ``date`` allows, or a start after the
    end: each group's consensus against the other's."""
    found = []
    date, start, end = (measures.get(m) for m in SPAN_MEASURES)
    for edge in (start, end):
        if date is None or edge is None:
            continue
        (dl, dh), (el, eh) = _bounds(date, hull=True), _bounds(edge)
        if eh < dl or el > dh:
            found.append(_span(edge, date, "falls outside the span of"))
    if start is not None and end is not None:
        (sl, _), (_, eh) = _bounds(start), _bounds(end)
        if sl > eh:
            found.append(_span(start, end, "is later than"))
    return found


def _span(edge: _GroupLike, other: _GroupLike, what: str) -> CrossContradiction:
    """``e/start (2015-01-10) falls outside the span of e/date (2015-01-14–2015-02-20)``."""
    ce = edge.consensus
    # The event's date is compared by the hull its sources give, and shown so.
    co = other.range if other.key.measure == "date" and other.range else other.consensus
    assert ce is not None
    assert co is not None
    return CrossContradiction(
        rule="event-span",
        groups=tuple(sorted((edge.key, other.key))),  # type: ignore[arg-type]
        overlap="",
        message=f"{edge.key} ({ce.text}) {what} {other.key} ({co.text})",
    )
