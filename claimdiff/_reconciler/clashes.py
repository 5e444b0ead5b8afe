"""Contradicting pairs, counted exactly and listed within a bound.

A group of n claims that all differ has up to n(n-1)/2 contradicting pairs: 4.5 million for
3,000 figures. The reconciler keeps the count, the claims in some pair, the furthest pair's
:class:`Gap` and the first :data:`MAX_PAIRS` pairs, never the whole list. Claims that allow the
same set are one class, so duplicates cost nothing. Single intervals (the common case) are
counted with a sort and a bisection per class, and their pairs come out furthest first from a
heap, one entry per upper class: n log n, whatever the number of pairs. Everything else
(labels, alternatives, denials) compares each pair of *classes* once, counting without
storing.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections.abc import Callable, Iterator, Mapping, Sequence

import attrs

from .._model.sets import INF, Allowed, Spans, subset
from .report import MAX_PAIRS, Bound, Gap

#: How a pair sorts in a group's list: ``(0, -relative gap, -gap)`` for pairs with a distance,
#: ``(1, 0.0, 0.0)`` for the rest; ids break ties.
_Rank = tuple[int, float, float]
_NO_GAP: _Rank = (1, 0.0, 0.0)
_Key = tuple[int, float, float, str, str]


@attrs.frozen
class Clashes:
    """What a group's contradicting pairs add up to (see :class:`Group`)."""

    count: int = 0
    shown: tuple[tuple[str, str], ...] = ()
    claims: tuple[str, ...] = ()
    gap: Gap | None = None


@attrs.define
class _Class:
    """Claims that allow the same set (and, when figures were widened, said the same)."""

    allows: Allowed
    raw: Allowed  # as written, before the rounding policy widened it
    ids: list[str]


class _Shown:
    """The best ``limit`` pairs offered so far, by rank then ids: bounded whatever is offered."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.keys: list[_Key] = []

    def full_beyond(self, rank: _Rank) -> bool:
        """Whether no pair of ``rank`` can enter any more."""
        return len(self.keys) >= self.limit and (self.limit == 0 or rank > self.keys[-1][:3])

    def offer(self, key: _Key) -> bool:
        """Keep ``key`` if it is among the best; ``False`` when it is not."""
        if len(self.keys) >= self.limit and (self.limit == 0 or key >= self.keys[-1]):
            return False
        bisect.insort(self.keys, key)
        if len(self.keys) > self.limit:
            self.keys.pop()
        return True

    def offer_product(self, rank: _Rank, first: Sequence[str], second: Sequence[str]) -> None:
        """Offer every pair of an id of ``first`` with one of ``second`` (both sorted).

        For a fixed id, the pairs (smaller id first) grow with the other id, and so do the
        first pairs of successive ids: the loops stop at the first pair refused.
        """
        if self.full_beyond(rank):
            return
        r0, r1, r2 = rank
        for a in first:
            taken = 0
            for b in second:
                key = (r0, r1, r2, a, b) if a < b else (r0, r1, r2, b, a)
                if not self.offer(key):
                    break
                taken += 1
            if not taken:
                return


#: From how many distinct intervals the sweep pays off; fewer are compared pair by pair.
SWEEP_FROM = 24


def clashes(
    asserted: Sequence[tuple[str, Allowed]],
    denied: Sequence[tuple[str, Allowed]] = (),
    raw: Mapping[str, Allowed] | None = None,
    limit: int = MAX_PAIRS,
    sweep_from: int = SWEEP_FROM,
) -> Clashes:
    """The contradicting pairs among claims given as ``(id, allowed set)``.

    Two asserted claims contradict when their sets share nothing; a denial contradicts an
    assertion whose every allowed value it denies; denials never exclude each other.

    Args:
        asserted: the asserting claims (a proposition's denial folded into its negation).
        denied: the denying claims, with the set each denies.
        raw: the set a claim allows as written, where the rounding policy widened it: gaps
            are measured between the figures as written.
        limit: how many pairs to list.
        sweep_from: how many distinct single intervals take the sweep rather than a
            comparison of each pair (the answer is the same; tests sweep small groups too).

    Returns:
        The count, the first ``limit`` pairs, the claims in some pair and the largest gap.
    """
    if not denied and _one_camp(asserted):
        return Clashes()  # most groups: no pair to count, list or measure
    raw = raw or {}
    classes = _classes(asserted, raw)
    denials = _classes(denied, {})
    shown = _Shown(limit)
    marked: set[str] = set()
    count = 0
    gap: Gap | None = None
    if len(classes) >= max(sweep_from, 1) and all(_plain(c) for c in classes):
        count, gap = _intervals(classes, shown, marked)
    elif classes:
        count, gap = _general(classes, shown, marked)
    for d in denials:
        for a in classes:
            if subset(a.allows, d.allows):
                count += len(d.ids) * len(a.ids)
                marked.update(d.ids)
                marked.update(a.ids)
                shown.offer_product(_NO_GAP, a.ids, d.ids)
    return Clashes(
        count=count,
        shown=tuple((k[3], k[4]) for k in shown.keys),
        claims=tuple(sorted(marked)),
        gap=gap,
    )


def _one_camp(items: Sequence[tuple[str, Allowed]]) -> bool:
    """Whether ``items`` are single intervals that all share a value (max(low) <= min(high))."""
    top_low, bottom_high = -INF, INF
    for _, allows in items:
        if not isinstance(allows, Spans) or len(allows.parts) != 1:
            return False
        low, high = allows.parts[0]
        top_low, bottom_high = max(top_low, low), min(bottom_high, high)
    return top_low <= bottom_high


def _classes(items: Sequence[tuple[str, Allowed]], raw: Mapping[str, Allowed]) -> list[_Class]:
    """Claims grouped by what they allow, ids sorted, classes in order of their first id (so
    that the result does not depend on the claims' order)."""
    if not raw:  # the common case: figures as written, keyed by their set alone
        plain: dict[Allowed, list[str]] = {}
        for cid, allows in items:
            plain.setdefault(allows, []).append(cid)
        found = [_Class(a, a, sorted(ids)) for a, ids in plain.items()]
        found.sort(key=lambda c: c.ids[0])
        return found
    by_set: dict[tuple[Allowed, Allowed], list[str]] = {}
    for cid, allows in items:
        by_set.setdefault((allows, raw.get(cid, allows)), []).append(cid)
    found = [_Class(a, r, sorted(ids)) for (a, r), ids in by_set.items()]
    found.sort(key=lambda c: c.ids[0])
    return found


def _plain(c: _Class) -> bool:
    """Whether a class is one interval as written and as widened, whose distances to those
    above it shrink as its upper end grows (dates; figures whose upper end is not negative).
    """
    a, r = c.allows, c.raw
    if not (isinstance(a, Spans) and isinstance(r, Spans) and a.convex() and r.convex()):
        return False
    return a.axis == "date" or r.high >= 0


def _rank(axis: str, low: float, high: float) -> _Rank:
    """The rank of a pair whose nearest values are ``low`` < ``high`` (as :func:`compare`
    measures it: relative to the larger magnitude, none for dates)."""
    gap = high - low
    scale = max(abs(low), abs(high))
    relative = None if axis == "date" or scale == 0 else gap / scale
    return (0, -(relative or 0.0), -gap)


def gap_between(axis: str, low: float, high: float) -> Gap:
    gap = high - low
    scale = max(abs(low), abs(high))
    relative = None if axis == "date" or scale == 0 else gap / scale
    return Gap(low=_bound(axis, low), high=_bound(axis, high), gap=_number(gap), relative=relative)


def _bound(axis: str, x: float) -> Bound:
    if axis == "date":
        return dt.date.fromordinal(int(x))
    return _number(x)


def _number(x: float) -> int | float:
    return int(x) if x.is_integer() else x


def _intervals(classes: list[_Class], shown: _Shown, marked: set[str]) -> tuple[int, Gap | None]:
    """Pairs of single intervals: class ``i`` lies below class ``j`` when its upper end is under
    ``j``'s lower end (as widened); the gap is between the figures as written.

    Counting takes a bisection per class. Listing walks, for each upper class, the classes
    below it in order of their upper end as written, so each walk yields pairs furthest first
    (the distance shrinks as the lower end grows, see :func:`_plain`); a heap merges the walks
    and stops once the list is full.
    """
    lows = sorted((c.allows.low, len(c.ids)) for c in classes)  # type: ignore[union-attr]
    low_ends = [x for x, _ in lows]
    above = [0] * (len(lows) + 1)  # above[k]: claims in classes lows[k:]
    for k in range(len(lows) - 1, -1, -1):
        above[k] = above[k + 1] + lows[k][1]
    count = 0
    for c in classes:
        count += len(c.ids) * above[bisect.bisect_right(low_ends, c.allows.high)]  # type: ignore[union-attr]
    if not count:
        return 0, None
    top_low = max(c.allows.low for c in classes)  # type: ignore[union-attr]
    bottom_high = min(c.allows.high for c in classes)  # type: ignore[union-attr]
    for c in classes:
        s = c.allows
        if top_low > s.high or bottom_high < s.low:  # type: ignore[union-attr]
            marked.update(c.ids)
    axis = classes[0].allows.axis  # type: ignore[union-attr]
    below = sorted(range(len(classes)), key=lambda i: (classes[i].raw.high, i))  # type: ignore[union-attr]
    raw_highs = [classes[i].raw.high for i in below]  # type: ignore[union-attr]

    def walk(j: int) -> Iterator[int]:
        """The classes below class ``j``, furthest first."""
        upper = classes[j].allows.low  # type: ignore[union-attr]
        for k in range(bisect.bisect_left(raw_highs, upper)):
            # Widened, a class may reach ``j``'s lower end although its figure stays below.
            if classes[below[k]].allows.high < upper:  # type: ignore[union-attr]
                yield below[k]

    heap: list[tuple[_Rank, int, int, Iterator[int]]] = []
    for j, c in enumerate(classes):
        lower = walk(j)
        i = next(lower, None)
        if i is not None:
            rank = _rank(axis, classes[i].raw.high, c.raw.low)  # type: ignore[union-attr]
            heap.append((rank, j, i, lower))
    heapq.heapify(heap)
    best = heap[0]
    gap = gap_between(axis, classes[best[2]].raw.high, classes[best[1]].raw.low)  # type: ignore[union-attr]
    while heap and not shown.full_beyond(heap[0][0]):
        rank, j, i, lower = heapq.heappop(heap)
        shown.offer_product(rank, classes[i].ids, classes[j].ids)
        i2 = next(lower, None)
        if i2 is not None:
            rank = _rank(axis, classes[i2].raw.high, classes[j].raw.low)  # type: ignore[union-attr]
            heapq.heappush(heap, (rank, j, i2, lower))
    return count, gap


def _general(classes: list[_Class], shown: _Shown, marked: set[str]) -> tuple[int, Gap | None]:
    """Every pair of classes compared once: labels, alternatives, propositions, figures whose
    distances do not shrink with the lower end (negative figures), and small groups."""
    clash = _clash_of(classes[0].allows)
    count = 0
    best: tuple[_Rank, str, float, float] | None = None
    for n, a in enumerate(classes):
        for b in classes[n + 1 :]:
            if not clash(a.allows, b.allows):
                continue
            count += len(a.ids) * len(b.ids)
            marked.update(a.ids)
            marked.update(b.ids)
            rank = _NO_GAP
            ra, rb = a.raw, b.raw
            if isinstance(ra, Spans) and isinstance(rb, Spans) and ra.axis == rb.axis:
                if len(ra.parts) == 1 and len(rb.parts) == 1:
                    # Spans.gap for two single intervals: the lower one's top, the other's foot.
                    (a_low, a_high), (b_low, b_high) = ra.parts[0], rb.parts[0]
                    low, high = (a_high, b_low) if a_high < b_low else (b_high, a_low)
                else:
                    _, low, high = ra.gap(rb)  # the distance, the lower end, the upper end
                rank = _rank(ra.axis, low, high)
                if best is None or rank < best[0]:
                    best = (rank, ra.axis, low, high)
            shown.offer_product(rank, a.ids, b.ids)
    return count, None if best is None else gap_between(*best[1:])


def _spans_clash(a: Spans, b: Spans) -> bool:
    if len(a.parts) == 1 and len(b.parts) == 1:
        return a.parts[0][1] < b.parts[0][0] or b.parts[0][1] < a.parts[0][0]
    return not a.intersects(b)


def _clash_of(sample: Allowed) -> Callable[[Allowed, Allowed], bool]:
    if isinstance(sample, Spans):
        return _spans_clash  # type: ignore[return-value]
    if isinstance(sample, frozenset):
        return lambda a, b: not (a & b)  # type: ignore[operator]
    return lambda a, b: a != b  # propositions: "holds" against "does not hold"
