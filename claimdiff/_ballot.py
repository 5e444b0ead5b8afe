"""One vote per independent origin: how a group's claims become the points estimates are made of.

Every estimation policy and the reliability learner start from the same ballot, so what counts
as "one source" and what is set aside (echoes, unknowns, denials) is decided once, here.

A vote's *point* is the single figure that stands for a value:

- a number or day given as such (``nominal`` for quantities, one day for dates);
- the midpoint of a closed interval ("150-200" stands for 175; a date span for its middle day,
  rounded down); alternatives ("1959 or 1966") count as their hull, like the interval they span;
- the finite bound of a value open on one side ("at least 30" stands for 30): the only figure
  the source committed to;
- nothing for a value open on both sides: it is set aside as an ``open-ended bound``.

Dates are handled as day ordinals (:meth:`datetime.date.toordinal`) and turned back into days
by the caller. Categories vote for their member labels and propositions for ``holds`` /
``does not hold``. Each origin holds one vote in total: when an origin gave several different
figures (or a category with two members), its vote is split equally among them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Literal, TypeAlias

import attrs

from ._actors import Actor, ActorIndex, MemoIndex
from ._claims import Claim
from ._origins import origin_of
from ._values import Category, DateValue, Proposition, Quantity, Value

#: A vote's point: a number (quantities), a day ordinal (dates) or a label (categories).
Point: TypeAlias = "float | int | str"
BallotKind: TypeAlias = Literal["quantity", "date", "category"]

HOLDS = "holds"
DOES_NOT_HOLD = "does not hold"


@attrs.frozen(kw_only=True)
class Vote:
    """What one origin says about one group, reduced to a point.

    Args:
        origin: the independent origin (resolved claimant, else first relay, ...).
        point: the figure, day ordinal or label the vote is for.
        share: the part of the origin's single vote that goes to ``point`` (1 unless the
            origin gave several points).
        low: the lowest figure the origin's claims for this point allow (the point itself when
            open below); unused for categories.
        high: the highest figure they allow (the point itself when open above).
        claims: ids of the claims this vote rests on (one per point; echoes are set aside).
        side: the origin's side in the conflict, ``None`` for third parties.
        trust: the reliability weight given to this vote, ``None`` when no reliability is known.
    """

    origin: str
    point: Point
    share: float = 1.0
    low: float | int | None = None
    high: float | int | None = None
    claims: tuple[str, ...] = ()
    side: str | None = None
    trust: float | None = None

    @property
    def weight(self) -> float:
        """The vote's weight: its share times its trust (trust 1 when unknown)."""
        return self.share * (1.0 if self.trust is None else self.trust)


@attrs.frozen(kw_only=True)
class Ballot:
    """A group's votes, one origin at a time, with what was set aside and why.

    Args:
        kind: ``quantity``, ``date`` or ``category`` (propositions vote as categories).
        votes: sorted by origin then point, so results never depend on claim order.
        set_aside: ``(claim id, reason)`` pairs, sorted.
        sides_known: whether actor declarations were given (without them every origin looks
            like a third party, and policies say so).
    """

    kind: BallotKind
    votes: tuple[Vote, ...]
    set_aside: tuple[tuple[str, str], ...] = ()
    sides_known: bool = False


#: Turns one group's votes into trust weights (the reliability's job; see ``_reliability``).
TrustFunction: TypeAlias = Callable[[Sequence[Vote]], Sequence[float]]


def as_index(actors: ActorIndex | Iterable[Actor] | None) -> ActorIndex:
    """An :class:`ActorIndex` for ``actors`` (an empty one for ``None``) that remembers the
    names it resolved: every claim of every group resolves its claimant."""
    if isinstance(actors, ActorIndex):
        return MemoIndex.of(actors)
    return MemoIndex.of(ActorIndex.build(actors or ()))


def _kind_of(value: Value, stance: str) -> BallotKind | None:
    if isinstance(value, Quantity):
        return None if stance == "denies" else "quantity"
    if isinstance(value, DateValue):
        return None if stance == "denies" else "date"
    if isinstance(value, Category):
        return None if stance == "denies" else "category"
    if isinstance(value, Proposition):
        return "category"
    return None


def _number_point(
    low: float | int | None, high: float | int | None, nominal: float | int | None
) -> float | int | None:
    if nominal is not None:
        return nominal
    if low is not None and high is not None:
        mid = (low + high) / 2
        return int(mid) if float(mid).is_integer() else mid
    return low if low is not None else high


Bound: TypeAlias = "float | int | None"


def _points(value: Value, stance: str) -> list[tuple[Point, Bound, Bound]]:
    """``(point, low, high)`` for each point ``value`` votes for; empty when it has none."""
    if isinstance(value, Quantity):
        point = _number_point(value.low, value.high, value.nominal)
        if point is None:
            return []
        return [
            (
                point,
                point if value.low is None else value.low,
                point if value.high is None else value.high,
            )
        ]
    if isinstance(value, DateValue):
        lo = value.low.toordinal() if value.low else None
        hi = value.high.toordinal() if value.high else None
        day = _number_point(lo, hi, None)
        if day is None:
            return []
        day = int(day)  # the middle day of an even span: the earlier of the two
        return [(day, day if lo is None else lo, day if hi is None else hi)]
    if isinstance(value, Category):
        return [(m, None, None) for m in sorted(value.members)]
    if isinstance(value, Proposition):
        holds = value.holds != (stance == "denies")
        return [(HOLDS if holds else DOES_NOT_HOLD, None, None)]
    return []


def _why_not(value: Value, stance: str) -> str:
    if stance == "denies" and not isinstance(value, Proposition):
        return "denial, not a figure"
    if isinstance(value, Quantity | DateValue):
        return "open-ended bound"
    return "unknown value"


def make_ballot(
    claims: Iterable[Claim],
    *,
    actors: ActorIndex | Iterable[Actor] | None = None,
    trust: TrustFunction | None = None,
) -> Ballot:
    """Reduce one group's claims to one vote per independent origin.

    Args:
        claims: the claims of one group (one question).
        actors: declarations used to resolve claimants to origins and to find their sides.
        trust: turns the group's votes into reliability weights; ``None`` leaves trust unknown.

    Returns:
        The group's :class:`Ballot`. Claims that carry no point (unknown values, denials of
        figures, values open on both sides, values of a minority kind) are in ``set_aside``
        with the reason; so is every echo: a second claim of the same origin for the same point,
        typically the same claimant relayed by another outlet.
    """
    index = as_index(actors)
    ordered = sorted(claims, key=lambda c: (len(c.via), c.id))  # direct reports before relays
    kinds = [_kind_of(c.value, c.stance) for c in ordered]
    counted = [k for k in kinds if k is not None]
    # A group should hold one kind; when it does not, the kind most claims have wins.
    kind: BallotKind = max(sorted(set(counted)), key=counted.count) if counted else "quantity"
    set_aside: list[tuple[str, str]] = []
    by_origin: dict[str, dict[Point, list[tuple[str, float | int | None, float | int | None]]]]
    by_origin = defaultdict(dict)
    for claim, claim_kind in zip(ordered, kinds, strict=True):
        points = _points(claim.value, claim.stance) if claim_kind == kind else []
        if not points:
            reason = (
                _why_not(claim.value, claim.stance)
                if claim_kind is None or claim_kind == kind
                else f"{claim_kind} value in a {kind} group"
            )
            set_aside.append((claim.id, reason))
            continue
        origin = origin_of(claim, index)
        for point, low, high in points:
            seen = by_origin[origin].setdefault(point, [])
            if seen:
                set_aside.append((claim.id, f"echo of origin {origin}"))
            seen.append((claim.id, low, high))
    votes: list[Vote] = []
    for origin in sorted(by_origin):
        points_of = by_origin[origin]
        side = index.side(origin)
        for point in sorted(points_of, key=str):
            entries = points_of[point]
            lows = [lo for _, lo, _ in entries if lo is not None]
            highs = [hi for _, _, hi in entries if hi is not None]
            votes.append(
                Vote(
                    origin=origin,
                    point=point,
                    share=1.0 / len(points_of),
                    low=min(lows) if lows else None,
                    high=max(highs) if highs else None,
                    claims=(entries[0][0],),
                    side=side,
                )
            )
    if trust is not None and votes:
        # Built directly, not with attrs.evolve (which walks the fields): once for every vote.
        votes = [
            Vote(
                origin=v.origin,
                point=v.point,
                share=v.share,
                low=v.low,
                high=v.high,
                claims=v.claims,
                side=v.side,
                trust=w,
            )
            for v, w in zip(votes, trust(votes), strict=True)
        ]
    # Keep only the first reason per claim (a two-member category echo is one echo).
    reasons = dict(reversed(set_aside))
    return Ballot(
        kind=kind,
        votes=tuple(votes),
        set_aside=tuple(sorted(reasons.items())),
        sides_known=bool(index.actors),
    )


def weighted_median(pairs: Iterable[tuple[Point, float]]) -> Point | None:
    """The weighted median of ``(point, weight)`` pairs; ``None`` when no weight is positive.

    When the weight splits exactly in half between two points, the lower one is returned: a
    figure some origin actually gave (never an average nobody stated), and the conservative one.
    """
    # Points of one ballot share one type, so they order among themselves.
    items = sorted(((p, w) for p, w in pairs if w > 0), key=lambda pw: pw[0])
    total = sum(w for _, w in items)
    if not items:
        return None
    running = 0.0
    for point, weight in items:
        running += weight
        # A relative epsilon so that float sums such as 0.1 + 0.2 still count as half.
        if running >= total / 2 - 1e-12 * total:
            return point
    return items[-1][0]


def kernel_mode(pairs: Iterable[tuple[float | int, float]], scale: float) -> float | int | None:
    """The point with the most weighted support, where a point at distance ``d`` lends
    ``1 / (1 + (d / scale) ** 2)`` of its weight; ties go to the lower point.

    Unlike the median, this follows the largest cluster of agreeing figures, so scattered
    errors on both sides of it cannot drag the estimate off it. ``None`` without positive weight.
    """
    totals: dict[float | int, float] = defaultdict(float)
    for point, weight in pairs:
        if weight > 0:
            totals[point] += weight
    best, best_support = None, -1.0
    for c in sorted(totals):
        support = sum(w / (1.0 + ((p - c) / scale) ** 2) for p, w in totals.items())
        if support > best_support * (1 + 1e-12):
            best, best_support = c, support
    return best


def plurality(pairs: Iterable[tuple[Point, float]]) -> tuple[Point | None, bool]:
    """The label with the most weight, and whether it tied with another (ties: first label)."""
    totals: dict[Point, float] = defaultdict(float)
    for label, weight in pairs:
        if weight > 0:
            totals[label] += weight
    if not totals:
        return None, False
    ranked = sorted(totals.items(), key=lambda lw: (-lw[1], str(lw[0])))
    tied = len(ranked) > 1 and abs(ranked[0][1] - ranked[1][1]) <= 1e-12 * ranked[0][1]
    return ranked[0][0], tied


def from_point(kind: BallotKind, point: Point | None) -> float | int | dt.date | str | None:
    """Turn a point back into what the group's values hold: days for dates, numbers as given."""
    if point is None or kind == "category":
        return point
    if kind == "date":
        return dt.date.fromordinal(int(point))
    return point


def trust_from(weights: Mapping[str, float], default: float = 1.0) -> TrustFunction:
    """A :data:`TrustFunction` reading a plain ``source -> weight`` mapping."""

    def trust(votes: Sequence[Vote]) -> list[float]:
        return [float(weights.get(v.origin, default)) for v in votes]

    return trust
