"""How a group of scanned rows is summed up without its claims (``overview``'s lane).

Each distinct value is read once into a :class:`RowValue`: its kind, and what it allows when
that is one interval, one label set or one truth value. A group whose values cannot
contradict each other is summed up from those and its rows' origins; any other group is left
to the reconciler.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Literal

from ._actors import ActorIndex
from ._io import _Checks
from ._overview import GroupSummary
from ._ranges import interval_consensus, interval_range
from ._report import GroupKey, Range, Verdict
from ._sets import INF, Spans, allowed
from ._values import Category, DateValue, Proposition, Quantity

__all__ = [
    "Row",
    "RowSummary",
    "RowValue",
    "row_summary",
    "row_value",
    "summary_of",
]

_Shape = Literal["span", "cut", "labels", "truth", "close"]
#: The shapes of values on the number or day axis: an interval asserted, or one denied.
_ON_AXIS: Final = ("span", "cut")


class RowValue:
    """A value as a row needs it: its kind, and what it allows when that is simple enough.

    ``cut`` marks the denial of one interval; ``close``, a value the reconciler must place
    itself: a denial of a label, a value of several intervals, an unknown.
    """

    __slots__ = ("axis", "high", "kind", "labels", "learn", "low", "shape", "truth", "unknown")

    def __init__(self, kind: str, shape: _Shape) -> None:
        self.kind = kind
        self.shape = shape
        self.low = self.high = 0.0
        self.axis = ""  # of the number or day axis, for spans
        self.labels: frozenset[str] = frozenset()
        self.truth = False
        self.unknown = False  # a category naming an actor nobody declared
        self.learn = False  # a category naming a declared actor


def row_value(value: Any, asserts: bool, index: ActorIndex, checks: _Checks) -> RowValue:
    kind = value.kind
    if isinstance(value, Category):
        info = RowValue(kind, "labels" if asserts else "close")
        info.labels = frozenset(index.resolve(m) for m in value.members)
        if checks.index is not None:
            known = [checks.index.known(m) for m in value.members]
            info.unknown, info.learn = not all(known), any(known)
        return info
    if isinstance(value, (Quantity, DateValue)):
        spans = allowed(value)
        assert isinstance(spans, Spans)
        if len(spans.parts) != 1:
            return RowValue(kind, "close")
        info = RowValue(kind, "span" if asserts else "cut")
        info.axis = spans.axis
        info.low, info.high = spans.parts[0]
        return info
    if isinstance(value, Proposition):
        info = RowValue(kind, "truth")
        info.truth = value.holds if asserts else not value.holds
        return info
    return RowValue(kind, "close")  # unknown: it counts, but gives no information


#: One scanned row in its group: its row number, its origin and its value.
Row = tuple[int, str, RowValue]


#: A group summed up from its rows, without its key: :class:`GroupSummary`'s fields from kind
#: to values (its consensus values are its values). Plain, to be cheap to send.
RowSummary = tuple[str, Verdict, int, int, Range | None, Range | None, tuple[str, ...]]


def summary_of(key: GroupKey, found: RowSummary) -> GroupSummary:
    """The :class:`GroupSummary` of the group ``key`` summed up as ``found``."""
    kind, verdict, claims, origins, span, consensus, values = found
    return GroupSummary(
        key=key,
        kind=kind,
        verdict=verdict,
        claims=claims,
        origins=origins,
        range=span,
        consensus=consensus,
        values=values,
        consensus_values=values,
    )


def row_summary(rows: Sequence[Row], ranges: dict[Any, Range | None]) -> RowSummary | None:
    """The summary of a group of rows when nothing in it can contradict, else ``None``.

    ``ranges`` remembers the ranges made so far: groups of one size of figures share them.
    """
    _, row_origins, row_infos = zip(*rows, strict=True)
    first = row_infos[0]
    kind, shape = first.kind, first.shape
    if shape == "close":
        return None
    infos = set(row_infos)  # distinct values (by identity); what follows needs no order
    if shape in _ON_AXIS:
        axis = first.axis
        for info in infos:
            if info.kind != kind or info.shape not in _ON_AXIS or info.axis != axis:
                return None
    else:
        for info in infos:
            if info.kind != kind or info.shape != shape:
                return None
    origins = len(set(row_origins))
    verdict: Verdict = "agreement" if origins >= 2 else "single"
    span: Range | None
    consensus: Range | None
    values: tuple[str, ...]
    if shape in _ON_AXIS:
        asserted = [i for i in infos if i.shape == "span"]
        if not asserted:
            return None  # denials alone: the reconciler words them
        lows, highs = [i.low for i in asserted], [i.high for i in asserted]
        low, high = max(lows), min(highs)
        if low > high:
            return None  # a contradiction: the reconciler lists its pairs and camps
        cuts = sorted({(i.low, i.high) for i in infos if i.shape == "cut"})
        for cut_low, cut_high in cuts:
            if any(cut_low <= i.low and i.high <= cut_high for i in asserted):
                return None  # a denial of every value a claim allows: a contradiction
        # What interval_range and interval_consensus depend on.
        finite = [x for x in (*lows, *highs) if -INF < x < INF]
        extremes = (min(finite), max(finite)) if finite else None
        spread = (axis, min(lows), max(highs), extremes)
        common = (axis, low, high, *cuts)
        if spread not in ranges:
            ranges[spread] = interval_range(lows, highs, axis)
        if common not in ranges:
            ranges[common] = interval_consensus(lows, highs, axis, cuts)
        span, consensus, values = ranges[spread], ranges[common], ()
    elif shape == "labels":
        labels = first.labels
        if any(i.labels != labels for i in infos):
            return None
        span, consensus, values = None, None, tuple(sorted(labels))
    else:
        truth = first.truth
        if any(i.truth != truth for i in infos):
            return None
        span, consensus, values = None, None, ("holds" if truth else "does not hold",)
    return kind, verdict, len(rows), origins, span, consensus, values
