"""How a group of scanned rows is summed up without its claims (``overview``'s lane).

Each distinct value is read once into a :class:`RowValue`: its kind, and what it allows when
that is one interval, one label set or one truth value. A group whose values cannot
contradict each other is summed up from those and its rows' origins; any other group is left
to the reconciler.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from ._actors import ActorIndex
from ._io import _Checks
from ._overview import GroupSummary
from ._ranges import interval_consensus, interval_range
from ._report import GroupKey, Range, Verdict
from ._sets import INF, Spans, allowed
from ._values import Category, DateValue, Proposition, Quantity

__all__ = ["Row", "RowValue", "row_value", "summarize_rows"]

_Shape = Literal["span", "labels", "truth", "close"]


class RowValue:
    """A value as a row needs it: its kind, and what it allows when that is simple enough.

    ``close`` marks a value the reconciler must place itself: a denial of a number or a
    label, a value of several intervals, an unknown.
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
    if not asserts and not isinstance(value, Proposition):
        return RowValue(kind, "close")  # a denial: the reconciler places it
    if isinstance(value, (Quantity, DateValue)):
        spans = allowed(value)
        assert isinstance(spans, Spans)
        if len(spans.parts) != 1:
            return RowValue(kind, "close")
        info = RowValue(kind, "span")
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


def summarize_rows(
    key: GroupKey, rows: Sequence[Row], ranges: dict[Any, Range | None]
) -> GroupSummary | None:
    """The summary of a group of rows when nothing in it can contradict, else ``None``.

    ``ranges`` remembers the ranges made so far: groups of one size of figures share them.
    """
    infos = list({id(info): info for _, _, info in rows}.values())
    first = infos[0]
    kind, shape = first.kind, first.shape
    if shape == "close":
        return None
    for info in infos:
        if info.kind != kind or info.shape != shape:
            return None
    origins = len({origin for _, origin, _ in rows})
    verdict: Verdict = "agreement" if origins >= 2 else "single"
    span: Range | None
    consensus: Range | None
    values: tuple[str, ...]
    if shape == "span":
        axis = first.axis
        if any(i.axis != axis for i in infos):
            return None
        lows, highs = [i.low for i in infos], [i.high for i in infos]
        if max(lows) > min(highs):
            return None  # a contradiction: the reconciler lists its pairs and camps
        # What interval_range and interval_consensus depend on.
        finite = [x for x in (*lows, *highs) if -INF < x < INF]
        extremes = (min(finite), max(finite)) if finite else None
        spread = (axis, min(lows), max(highs), extremes)
        common = (axis, max(lows), min(highs))
        if spread not in ranges:
            ranges[spread] = interval_range(lows, highs, axis)
        if common not in ranges:
            ranges[common] = interval_consensus(lows, highs, axis)
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
    return GroupSummary(
        key=key,
        kind=kind,
        verdict=verdict,
        claims=len(rows),
        origins=origins,
        range=span,
        consensus=consensus,
        values=values,
        consensus_values=values,
    )
