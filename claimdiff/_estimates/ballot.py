"""One vote per independent origin: how a group's claims become the points estimates are made of.

Every estimation policy and the reliability learner start from the same ballot, so what counts
as "one source" and what is set aside (echoes, unknowns, denials) is decided once, here.

A vote's *point* is the single figure that stands for a value:

- a number or day given as such (``nominal`` for quantities, one day for dates): *stated*;
- the stated bound of a one-sided value ("at least 30" stands for 30, "up to 8,000" for 8,000,
  even for a count whose floor of 0 makes it an interval): the only figure the source committed
  to, *stated*;
- each option of alternatives ("1959 or 1966"), the origin's vote split between them: *stated*;
- the midpoint of a closed interval ("150-200" stands for 175; a date span for its middle day,
  rounded down): *not stated*, and estimates replace it with a stated figure where one serves;
- nothing for a value open on both sides: it is set aside as an ``open-ended bound``.

A *vague* value ("hundreds", "dozens", "heavy losses") gives no point at all: no source stated
a figure, and the middle of a lexicon's interval would look like one. It goes into the ballot's
``vague`` list and contributes its interval to an estimate's ``low``/``high`` and to the
consensus. A vote's ``low``/``high`` are the bounds the source gave (the range "15,000-17,000"
keeps both), or its stated figure for a one-sided value.

The ballot also carries the group's **consensus**, what every claim allows together: the
group's own :attr:`Group.consensus`, given by the caller (the reconciler's, under its rounding
policy, so that "2,500", "2,500" and "2,475" agree on 2,475 here as in the report; ``None`` when
the claims cannot all be true). Ballots sit below the reconciler and never work it out
themselves. It also says whether every figure of the claims is a whole number, so that an
estimate of a count is one.

Dates are handled as day ordinals (:meth:`datetime.date.toordinal`) and turned back into days
by the caller. Categories vote for their member labels and propositions for ``holds`` /
``does not hold``. Each origin holds one vote in total: when an origin gave several different
figures (or a category with two members), its vote is split equally among them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal, TypeAlias

import attrs

from .._model.actors import Actor, ActorIndex, MemoIndex
from .._model.claims import Claim
from .._model.origins import origin_of
from .._model.values import Category, DateValue, Proposition, Quantity, Value

if TYPE_CHECKING:
    from .._model.range import Range

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
        stated: whether ``point`` is a figure the source stated (``False`` for the midpoint of
            a range it gave).
    """

    origin: str
    point: Point
    share: float = 1.0
    low: float | int | None = None
    high: float | int | None = None
    claims: tuple[str, ...] = ()
    side: str | None = None
    trust: float | None = None
    stated: bool = True

    @property
    def weight(self) -> float:
        """The vote's weight: its share times its trust (trust 1 when unknown)."""
        return self.share * (1.0 if self.trust is None else self.trust)


@attrs.frozen(kw_only=True)
class VagueVote:
    """What one origin said in words only ("hundreds"): an interval, never a point.

    Args:
        origin: the independent origin.
        low: the interval's lower bound on the ballot's axis (``None`` when open).
        high: its upper bound (``None`` when open).
        text: the source's words.
        claims: the claim the interval comes from.
        side: the origin's side in the conflict, ``None`` for third parties.
    """

    origin: str
    low: float | int | None
    high: float | int | None
    text: str = ""
    claims: tuple[str, ...] = ()
    side: str | None = None


@attrs.frozen(kw_only=True)
class Ballot:
    """A group's votes, one origin at a time, with what was set aside and why.

    Args:
        kind: ``quantity``, ``date`` or ``category`` (propositions vote as categories).
        votes: sorted by origin then point, so results never depend on claim order.
        set_aside: ``(claim id, reason)`` pairs, sorted.
        sides_known: whether actor declarations were given (without them every origin looks
            like a third party, and rules say so).
        vague: the intervals of vague claims, which vote for no point.
        consensus: ``(low, high)`` on the ballot's axis that every claim of the ballot's kind
            allows (``None`` on an open side), or ``None`` when the claims cannot all be true
            or the kind has no axis.
        whole: whether every figure the claims give is a whole number (counts, days).
    """

    kind: BallotKind
    votes: tuple[Vote, ...]
    set_aside: tuple[tuple[str, str], ...] = ()
    sides_known: bool = False
    vague: tuple[VagueVote, ...] = ()
    consensus: tuple[float | int | None, float | int | None] | None = None
    whole: bool = False


#: Turns one group's votes into trust weights (the reliability's job; see
# ``_estimates.reliability``).
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


Bound: TypeAlias = "float | int | None"
#: ``(point, low, high, stated)`` for one point a value votes for.
Pick: TypeAlias = "tuple[Point, Bound, Bound, bool]"


def _tidy(x: float | int) -> float | int:
    """A whole float as an int, so that 175.0 shows and compares as 175."""
    return int(x) if isinstance(x, float) and x.is_integer() else x


def _axis_bounds(value: Quantity | DateValue) -> tuple[Bound, Bound]:
    if isinstance(value, DateValue):
        return (
            value.low.toordinal() if value.low else None,
            value.high.toordinal() if value.high else None,
        )
    return value.low, value.high


def _figure_points(value: Quantity | DateValue) -> list[Pick]:
    """The points of a numeric or date value (see the module docstring)."""
    if value.options:
        picks = [p for option in value.options for p in _figure_points(option)]
        return sorted({p[0]: p for p in picks}.values(), key=lambda p: p[0])
    low, high = _axis_bounds(value)
    nominal = value.nominal if isinstance(value, Quantity) else None
    if nominal is not None:
        return [(nominal, nominal if low is None else low, nominal if high is None else high, True)]
    if value.qualifier == "at_least" and low is not None:
        return [(low, low, low, True)]
    if value.qualifier == "at_most" and high is not None:
        return [(high, high, high, True)]
    if low is not None and high is not None:
        if low == high:
            return [(low, low, high, True)]
        mid = (low + high) / 2
        if isinstance(value, DateValue):
            mid = int(mid)  # the middle day of an even span: the earlier of the two
        return [(_tidy(mid), low, high, False)]
    bound = low if low is not None else high
    return [] if bound is None else [(bound, bound, bound, True)]


def _points(value: Value, stance: str) -> list[Pick]:
    """The points ``value`` votes for; empty when it has none (vague values included)."""
    if isinstance(value, Quantity | DateValue):
        return [] if value.qualifier == "vague" else _figure_points(value)
    if isinstance(value, Category):
        return [(m, None, None, True) for m in sorted(value.members)]
    if isinstance(value, Proposition):
        holds = value.holds != (stance == "denies")
        return [(HOLDS if holds else DOES_NOT_HOLD, None, None, True)]
    return []


def _is_vague(value: Value, stance: str) -> bool:
    return (
        isinstance(value, Quantity | DateValue)
        and value.qualifier == "vague"
        and stance != "denies"
        and (value.low is not None or value.high is not None)
    )


def _whole(values: Iterable[Value]) -> bool:
    """Whether every figure of these numeric values is a whole number (dates always are)."""
    for v in values:
        if isinstance(v, Quantity):
            for x in (v.low, v.high, v.nominal, *(b for o in v.options for b in (o.low, o.high))):
                if x is not None and not float(x).is_integer():
                    return False
    return True


def _on_axis(
    found: Range | None, kind: BallotKind
) -> tuple[float | int | None, float | int | None] | None:
    """A group's consensus as ``(low, high)`` on the ballot's axis (day ordinals for dates);
    ``None`` when there is none or it is of another kind than the ballot (mixed groups)."""
    if found is None or kind == "category":
        return None
    lo, hi = found.low, found.high
    if kind == "date":
        if not all(b is None or isinstance(b, dt.date) for b in (lo, hi)):
            return None
        return (
            lo.toordinal() if isinstance(lo, dt.date) else None,
            hi.toordinal() if isinstance(hi, dt.date) else None,
        )
    if isinstance(lo, dt.date) or isinstance(hi, dt.date):
        return None
    return lo, hi


def _why_not(value: Value, stance: str) -> str:
    if stance == "denies" and not isinstance(value, Proposition):
        return "denial, not a figure"
    if isinstance(value, Quantity | DateValue):
        return "open-ended bound"
    return "unknown value"


def _vague(claim: Claim, origin: str, side: str | None) -> VagueVote:
    value = claim.value
    assert isinstance(value, Quantity | DateValue)  # checked by _is_vague
    low, high = _axis_bounds(value)
    return VagueVote(
        origin=origin, low=low, high=high, text=value.text, claims=(claim.id,), side=side
    )


def make_ballot(
    claims: Iterable[Claim],
    *,
    actors: ActorIndex | Iterable[Actor] | None = None,
    trust: TrustFunction | None = None,
    consensus: Range | None = None,
) -> Ballot:
    """Reduce one group's claims to one vote per independent origin.

    Args:
        claims: the claims of one group (one question).
        actors: declarations used to resolve claimants to origins and to find their sides.
        trust: turns the group's votes into reliability weights; ``None`` leaves trust unknown.
        consensus: the group's consensus as the reconciler reports it
            (:attr:`Group.consensus`, under whatever rounding policy it was reconciled with),
            ``None`` for none. Ballots never work it out themselves: they sit below the
            reconciler, and a second computation could disagree with the report.

    Returns:
        The group's :class:`Ballot`. Claims that carry no point (unknown values, denials of
        figures, values open on both sides, values of a minority kind) are in ``set_aside``
        with the reason; so is every echo: a second claim of the same origin for the same point,
        typically the same claimant relayed by another outlet. Vague claims are in ``vague``.
    """
    index = as_index(actors)
    ordered = sorted(claims, key=lambda c: (len(c.via), c.id))  # direct reports before relays
    kinds = [_kind_of(c.value, c.stance) for c in ordered]
    counted = [k for k in kinds if k is not None]
    # A group should hold one kind; when it does not, the kind most claims have wins.
    kind: BallotKind = max(sorted(set(counted)), key=counted.count) if counted else "quantity"
    set_aside: list[tuple[str, str]] = []
    by_origin: dict[str, dict[Point, list[tuple[str, Bound, Bound, bool]]]]
    by_origin = defaultdict(dict)
    vague: dict[tuple[str, Bound, Bound], VagueVote] = {}
    for claim, claim_kind in zip(ordered, kinds, strict=True):
        if claim_kind == kind and _is_vague(claim.value, claim.stance):
            origin = origin_of(claim, index)
            said = _vague(claim, origin, index.side(origin))
            if (origin, said.low, said.high) in vague:
                set_aside.append((claim.id, f"echo of origin {origin}"))
            else:
                vague[origin, said.low, said.high] = said
            continue
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
        for point, low, high, stated in points:
            seen = by_origin[origin].setdefault(point, [])
            if seen:
                set_aside.append((claim.id, f"echo of origin {origin}"))
            seen.append((claim.id, low, high, stated))
    votes: list[Vote] = []
    for origin in sorted(by_origin):
        points_of = by_origin[origin]
        side = index.side(origin)
        for point in sorted(points_of, key=str):
            entries = points_of[point]
            lows = [lo for _, lo, _, _ in entries if lo is not None]
            highs = [hi for _, _, hi, _ in entries if hi is not None]
            votes.append(
                Vote(
                    origin=origin,
                    point=point,
                    share=1.0 / len(points_of),
                    low=min(lows) if lows else None,
                    high=max(highs) if highs else None,
                    claims=(entries[0][0],),
                    side=side,
                    stated=any(stated for _, _, _, stated in entries),
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
                stated=v.stated,
            )
            for v, w in zip(votes, trust(votes), strict=True)
        ]
    # Keep only the first reason per claim (a two-member category echo is one echo).
    reasons = dict(reversed(set_aside))
    mine = [c for c, k in zip(ordered, kinds, strict=True) if k == kind]
    found = _on_axis(consensus, kind)
    return Ballot(
        kind=kind,
        votes=tuple(votes),
        set_aside=tuple(sorted(reasons.items())),
        sides_known=bool(index.actors),
        vague=tuple(vague[k] for k in sorted(vague, key=str)),
        consensus=found,
        whole=kind == "date" or _whole(c.value for c in mine),
    )


def weighted_median(pairs: Iterable[tuple[Point, float]]) -> Point | None:
    """The weighted median of ``(point, weight)`` pairs; ``None`` when no weight is positive.

    When the weight splits exactly in half between two points, the lower one is returned (the
    learner needs one point per group; estimates use :func:`median_or_tie`, which says so).
    """
    best, tied = median_or_tie(pairs)
    return tied[0] if tied else best


def median_or_tie(
    pairs: Iterable[tuple[Point, float]],
) -> tuple[Point | None, tuple[Point, ...]]:
    """The weighted median of ``(point, weight)`` pairs, or ``None`` and the two middle points
    when the weight splits exactly in half between them (two origins saying 40 and 50): no
    figure has more support than the other, and their average is a figure nobody gave.

    Returns:
        ``(median, ())``, or ``(None, (lower, upper))`` on an even split, or ``(None, ())``
        when no weight is positive.
    """
    # Points of one ballot share one type, so they order among themselves.
    totals: dict[Point, float] = defaultdict(float)
    for p, w in pairs:
        if w > 0:
            totals[p] += w
    items = sorted(totals.items(), key=lambda pw: pw[0])
    if not items:
        return None, ()
    total = sum(w for _, w in items)
    # A relative epsilon so that float sums such as 0.1 + 0.2 still count as half.
    eps = 1e-12 * total
    running = 0.0
    for i, (point, weight) in enumerate(items):
        running += weight
        if running >= total / 2 - eps:
            if abs(running - total / 2) <= eps and i + 1 < len(items):
                return None, (point, items[i + 1][0])
            return point, ()
    return items[-1][0], ()


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


def plurality(pairs: Iterable[tuple[Point, float]]) -> tuple[Point | None, tuple[Point, ...]]:
    """The label with the most weight, or ``None`` and the tied labels (sorted) when two or
    more share the most weight: labels have no order, so no rule could break the tie."""
    totals: dict[Point, float] = defaultdict(float)
    for label, weight in pairs:
        if weight > 0:
            totals[label] += weight
    if not totals:
        return None, ()
    top = max(totals.values())
    # A relative epsilon so that float sums of shares (1/3 + 1/3 + 1/3) still tie with 1.
    tied = sorted((lb for lb, w in totals.items() if w >= top - 1e-9 * top), key=str)
    if len(tied) > 1:
        return None, tuple(tied)
    return tied[0], ()


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
