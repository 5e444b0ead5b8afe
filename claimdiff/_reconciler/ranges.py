"""Turning spans on the number or day axis back into ranges people read: "40–50 killed"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from .._model.sets import INF, Span, Spans
from .._model.words import range_text
from .report import Bound, Range

#: The calendar's first and last days, as ordinals on the day axis.
_FIRST_DAY: Final = float(dt.date.min.toordinal())
_LAST_DAY: Final = float(dt.date.max.toordinal())


def _bound(x: float, kind: str) -> Bound:
    if x in (INF, -INF):
        return None
    if kind == "date":
        return dt.date.fromordinal(int(x))
    return int(x) if x.is_integer() else x


def span_range(spans: Sequence[Spans], kind: str) -> Range:
    """The range a set of asserted spans covers, its open sides marked.

    Open sides do not swallow the figures: "at least ten" next to "fourteen" gives 10–14,
    open above, because "10–infinity" would hide the one figure anybody stated.
    """
    lows = [s.low for s in spans]
    highs = [s.high for s in spans]
    finite = [x for s in spans for p in s.parts for x in p if x not in (INF, -INF)]
    return common_range(lows, highs, finite, kind)


def common_range(
    lows: Sequence[float], highs: Sequence[float], finite: Sequence[float], kind: str
) -> Range:
    low_open, high_open = -INF in lows, INF in highs
    lo = min(finite) if low_open and finite else min(lows)
    hi = max(finite) if high_open and finite else max(highs)
    lo_b, hi_b = _bound(lo, kind), _bound(hi, kind)
    # An open side is said only past a finite end: with no end at all the words say it.
    text = range_text(
        lo_b,
        hi_b,
        low_open=low_open and lo_b is not None,
        high_open=high_open and hi_b is not None,
    )
    return Range(low=lo_b, high=hi_b, low_open=low_open, high_open=high_open, text=text)


def interval_consensus(
    lows: Sequence[float], highs: Sequence[float], kind: str, cuts: Sequence[Span] = ()
) -> Range | None:
    """:func:`spans_consensus` of single intervals, denied single intervals ``cuts``."""
    lo, hi = max(lows), min(highs)
    if lo > hi:
        return None
    if cuts:
        return consensus_range([(lo, hi)], [(cut,) for cut in cuts], kind)
    lo_b, hi_b = _bound(lo, kind), _bound(hi, kind)
    text = range_text(lo_b, hi_b)
    return Range(low=lo_b, high=hi_b, low_open=lo_b is None, high_open=hi_b is None, text=text)


def _intersect(a: Sequence[Span], b: Sequence[Span]) -> list[Span]:
    out = []
    for lo1, hi1 in a:
        for lo2, hi2 in b:
            lo, hi = max(lo1, lo2), min(hi1, hi2)
            if lo <= hi:
                out.append((lo, hi))
    return sorted(out)


def _subtract(a: Sequence[Span], cut: Sequence[Span], step: float) -> list[Span]:
    """``a`` minus ``cut``; ``step`` is the grid (1 for days and counts) so that removing 40–45
    from 40–50 leaves 46–50 rather than an open interval."""
    out = list(a)
    for clo, chi in cut:
        nxt = []
        for lo, hi in out:
            if chi < lo or hi < clo:
                nxt.append((lo, hi))
                continue
            if lo < clo:
                nxt.append((lo, clo - step))
            if chi < hi:
                nxt.append((chi + step, hi))
        out = [(lo, hi) for lo, hi in nxt if lo <= hi]
    return out


def spans_consensus(asserted: Sequence[Spans], denied: Sequence[Spans], kind: str) -> Range | None:
    """What every asserted span allows and no denial excludes, or ``None`` when nothing is."""
    if not asserted:
        return None
    common: list[Span] = list(asserted[0].parts)
    for s in asserted[1:]:
        common = _intersect(common, s.parts)
    return consensus_range(common, [d.parts for d in denied], kind)


def consensus_range(
    common: list[Span], denied: Sequence[Sequence[Span]], kind: str
) -> Range | None:
    """What the intersection ``common`` of the asserted spans keeps once ``denied`` are cut."""
    step = (
        1.0
        if kind == "date"
        or all(float(x).is_integer() for p in common for x in p if x not in (INF, -INF))
        else 0.0
    )
    for d in denied:
        common = _subtract(common, d, step)
    if kind == "date":
        # A cut at the calendar's first or last day leaves days it has not: the day before
        # 0001-01-01 is no day, and what holds only such days holds none.
        common = [
            (lo, hi) for lo, hi in common if not (-INF < hi < _FIRST_DAY or _LAST_DAY < lo < INF)
        ]
    if not common:
        return None
    lo, hi = _bound(common[0][0], kind), _bound(common[-1][1], kind)
    text = " or ".join(range_text(_bound(a, kind), _bound(b, kind)) for a, b in common)
    return Range(low=lo, high=hi, low_open=lo is None, high_open=hi is None, text=text)
