"""Contradicting pairs counted exactly and listed within a bound, against brute force."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from claimdiff import Claim, Dataset, DateValue, Gap, Quantity, compare, reconcile
from claimdiff._curation.describe import Context
from claimdiff._model.sets import INF, Spans
from claimdiff._reconciler.clashes import clashes
from claimdiff._reconciler.compare import compare_claims
from claimdiff._reconciler.reconcile import _camp_order, _holds, _interval_camps, _Item, _stab_point
from claimdiff._reconciler.report import MAX_PAIRS
from claimdiff._render.explain import group_text
from claimdiff.testing import categories, date_values, propositions, quantities

_Key = tuple[int, float, float, str, str]


def _brute(claims: list[Claim]) -> tuple[list[_Key], tuple[object, object] | None]:
    """Every contradicting pair of ``claims`` with its sort key, by :func:`compare_claims`, and
    the furthest gap and relative gap: what the reconciler must report without listing pairs."""
    keys: list[_Key] = []
    best: tuple[tuple[float, float], tuple[object, object]] | None = None
    for a, b in itertools.combinations(claims, 2):
        rel = compare_claims(a, b)
        if rel.kind != "contradict":
            continue
        first, second = sorted((a.id, b.id))
        if rel.gap is None:
            keys.append((1, 0.0, 0.0, first, second))
            continue
        keys.append((0, -(rel.relative_gap or 0.0), -float(rel.gap), first, second))
        order = (rel.relative_gap or 0.0, float(rel.gap))
        if best is None or order > best[0]:
            best = (order, (rel.gap, rel.relative_gap))
    keys.sort()
    return keys, None if best is None else best[1]


def _values() -> st.SearchStrategy[st.SearchStrategy[Any]]:
    """Values of one kind at a time, so a group compares them all."""
    return st.sampled_from([quantities(), date_values(), categories(), propositions()])


@st.composite
def _group(draw: st.DrawFn) -> list[Claim]:
    """Up to 12 claims of one kind for one question, some repeated, some denied."""
    kind = draw(_values())
    pool = draw(st.lists(kind, min_size=1, max_size=5))
    n = draw(st.integers(1, 12))
    return [
        Claim(
            id=f"c{i:02d}",
            event="e",
            measure="strength",
            value=draw(st.sampled_from(pool)),
            claimant=f"s{i}",
            stance=draw(st.sampled_from(["asserts", "asserts", "denies"])),
        )
        for i in range(n)
    ]


@given(_group(), st.randoms(use_true_random=False))
def test_count_list_and_gap_match_brute_force(claims: list[Claim], rnd: random.Random) -> None:
    """The pair count, the listed pairs (furthest first, then by ids), the claims in some pair
    and the largest gap equal brute force over every pair, in any input order."""
    keys, gap = _brute(claims)
    shuffled = list(claims)
    rnd.shuffle(shuffled)
    group = reconcile(shuffled, rounding="exact").groups[0]
    expected = (
        len(keys),
        tuple((k[3], k[4]) for k in keys[:MAX_PAIRS]),
        tuple(sorted({c for k in keys for c in k[3:]})),
        gap,
    )
    found = None if group.gap is None else (group.gap.gap, group.gap.relative)
    assert expected == (group.pair_count, group.contradictions, group.contradicting, found)


def _span(lo: float, hi: float) -> Spans:
    return Spans("quantity", ((lo, hi),))


_bound = st.integers(-30, 60).map(float)


@st.composite
def _interval(draw: st.DrawFn) -> tuple[Spans, Spans]:
    """An interval as written and as widened (it holds the written one), ends sometimes open."""
    lo, hi = sorted((draw(_bound), draw(_bound)))
    lo = draw(st.sampled_from([lo, lo, -INF]))
    hi = draw(st.sampled_from([hi, hi, INF]))
    grow = draw(st.sampled_from([0.0, 0.0, 0.5, 3.0]))
    return _span(lo, hi), _span(lo - grow, hi + grow)


@st.composite
def _intervals(draw: st.DrawFn) -> list[tuple[str, Spans, Spans]]:
    pool = draw(st.lists(_interval(), min_size=1, max_size=8))
    n = draw(st.integers(1, 25))
    return [(f"c{i:02d}", *draw(st.sampled_from(pool))) for i in range(n)]


def _brute_spans(items: list[tuple[str, Spans, Spans]]) -> tuple[list[_Key], object]:
    keys: list[_Key] = []
    best: tuple[tuple[float, float], tuple[object, object]] | None = None
    for (a, raw_a, wide_a), (b, raw_b, wide_b) in itertools.combinations(items, 2):
        if wide_a.intersects(wide_b):
            continue
        gap, near_a, near_b = raw_a.gap(raw_b)
        scale = max(abs(near_a), abs(near_b))
        relative = None if scale == 0 else gap / scale
        first, second = sorted((a, b))
        keys.append((0, -(relative or 0.0), -gap, first, second))
        order = (relative or 0.0, gap)
        if best is None or order > best[0]:
            best = (order, (gap, relative))
    keys.sort()
    return keys, None if best is None else best[1]


@given(_intervals(), st.integers(0, 12), st.randoms(use_true_random=False))
def test_widened_and_negative_intervals_match_brute_force(
    items: list[tuple[str, Spans, Spans]], limit: int, rnd: random.Random
) -> None:
    """Widened intervals clash as widened and are measured as written, negative and open ends
    included; the list is the first ``limit`` pairs whatever the order the claims come in."""
    keys, gap = _brute_spans(items)
    rnd.shuffle(items)
    expected = (len(keys), tuple((k[3], k[4]) for k in keys[:limit]), gap)
    for sweep_from in (0, len(items) + 1):  # the sweep, and each pair compared
        found = clashes(
            [(cid, wide) for cid, _, wide in items],
            (),
            {cid: raw for cid, raw, _ in items},
            limit,
            sweep_from,
        )
        assert expected == (
            found.count,
            found.shown,
            None if found.gap is None else (found.gap.gap, found.gap.relative),
        )


def test_many_distinct_figures_are_counted_not_listed() -> None:
    """A group of 1,500 distinct figures has 1,124,250 pairs: counted, 100 listed, the furthest
    (10 against 1,509) first, and the wording says how many pairs there are in all."""
    n = 1500
    figures = [
        Claim(
            id=f"c{i:04d}",
            event="e",
            measure="strength",
            value=Quantity(low=11 + i, high=11 + i, text=str(11 + i)),
            claimant=f"s{i}",
        )
        for i in range(n)
    ]
    group = reconcile(figures, rounding="exact").groups[0]
    furthest = compare(figures[0].value, figures[-1].value)
    assert (n * (n - 1) // 2, MAX_PAIRS, ("c0000", "c1499"), n) == (
        group.pair_count,
        len(group.contradictions),
        group.contradictions[0],
        len(group.contradicting),
    )
    assert Gap(low=11, high=1510, gap=1499, relative=furthest.relative_gap) == group.gap


def test_explain_says_how_many_pairs_it_leaves_out() -> None:
    """``explain`` lists the first pairs and says how many there are in all."""
    claims = [
        Claim(
            id=f"c{i:03d}",
            event="e",
            measure="strength",
            value=Quantity(low=i + 1, high=i + 1, text=str(i + 1)),
            claimant=f"s{i}",
        )
        for i in range(20)
    ]
    group = reconcile(claims).groups[0]
    text = group_text(group, Context.of(Dataset(claims=tuple(claims))))
    assert "  contradicting pairs (190 in all, the first 100 shown):" in text.splitlines()


def test_dates_gap_in_days() -> None:
    """Dates are measured in days, with no relative gap, and the gap's ends are days."""
    days = [dt.date(2014, 5, 16), dt.date(2014, 5, 20), dt.date(2014, 6, 1)]
    claims = [
        Claim(
            id=f"d{i}",
            event="e",
            measure="date",
            value=DateValue(low=day, high=day, text=day.isoformat()),
            claimant=f"s{i}",
        )
        for i, day in enumerate(days)
    ]
    group = reconcile(claims).groups[0]
    assert Gap(low=days[0], high=days[2], gap=16, relative=None) == group.gap


def _loop_camps(items: list[_Item]) -> list[list[str]]:
    """Camps as the reconciler's general loop builds them: a pass over the rest per camp."""
    remaining = sorted(items, key=_camp_order)
    camps = []
    while remaining:
        point = _stab_point(remaining)
        camps.append([it.claim.id for it in remaining if _holds(it.allows, point)])
        remaining = [it for it in remaining if not _holds(it.allows, point)]
    return camps


@given(_intervals())
def test_interval_camps_equal_the_general_loop(items: list[tuple[str, Spans, Spans]]) -> None:
    """The sweep over single intervals builds the camps the general loop builds, in order."""
    prepared = [
        _Item(Claim(id=cid, event="e", measure="m", value=Quantity(low=1, high=1)), True, wide)
        for cid, _, wide in items
    ]
    found = [[it.claim.id for it in c] for c in _interval_camps(sorted(prepared, key=_camp_order))]
    assert _loop_camps(prepared) == found
