"""Best estimates per group: a low / best / high triple under a named policy, with its reasons.

An estimate sits *beside* a group's verdict and camps, never in place of them: a group whose
sources contradict each other stays a contradiction, and its estimate says which figure is most
defensible under a stated rule, which claims it rests on and which it set aside.

The triple follows UCDP GED's convention: ``low`` is the lowest figure the retained reports
support, ``best`` the most likely one under the policy, ``high`` the highest figure the retained
reports support. Policies:

``conservative``
    ACLED's rule: when reports differ, code the most conservative (lowest) figure among the
    credible reports. ``best`` is the lowest point, ``low`` the lowest bound, ``high`` the
    highest bound (for dates: the earliest day).
``median-of-origins`` (the default)
    One vote per independent origin: echoes (the same claimant relayed by another outlet) are
    set aside, each origin's point is taken (see :mod:`claimdiff._ballot` for intervals and open
    bounds), ``best`` is their median (the lower of the two middle points when the count is
    even), ``low``/``high`` the lowest and highest origin points.
``third-party-first``
    The median of the origins that belong to no side of the conflict; when there are none, of
    all origins, and the reason says so. Claims of parties are set aside as
    ``party to the conflict``.
``weighted``
    The reliability-weighted median of origins, weights from a ``source -> weight`` mapping or
    a learned :class:`Reliability` (which also discounts sources that copy each other, and
    takes the learner's consensus: the weighted median, or the weighted kernel mode when it was
    learned with ``center="mode"``).

Categories (and propositions) under every policy: the label backed by the most origins
(weighted by reliability under ``weighted``), ``low``/``high`` left empty.

A policy is any callable taking a :class:`Ballot` and returning an :class:`Estimate` (or
``None``); :data:`POLICIES` maps the built-in names to theirs, and ``estimate`` accepts either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeAlias, TypeVar

import attrs

from ._actors import Actor, ActorIndex
from ._ballot import (
    Ballot,
    Point,
    TrustFunction,
    Vote,
    as_index,
    from_point,
    make_ballot,
    plurality,
    trust_from,
    weighted_median,
)
from ._claims import Claim
from ._reliability import Reliability, learn_reliability

Figure: TypeAlias = float | int | dt.date


@attrs.frozen(kw_only=True)
class Estimate:
    """A group's best estimate under one policy, and why.

    Args:
        policy: the policy's name.
        kind: ``quantity``, ``date`` or ``category``.
        low: the lowest figure the retained claims support (``None`` for categories).
        best: the most likely figure, day or label under the policy.
        high: the highest figure the retained claims support (``None`` for categories).
        based_on: ids of the claims the estimate rests on, sorted.
        set_aside: ``(claim id, reason)`` for every claim it does not rest on, sorted.
        reason: one sentence for people.
    """

    policy: str
    kind: str
    low: Figure | None
    best: Figure | str | None
    high: Figure | None
    based_on: tuple[str, ...]
    set_aside: tuple[tuple[str, str], ...] = ()
    reason: str = ""

    # Display (claimdiff._display): a one-line repr, and a table for notebooks.

    def __repr__(self) -> str:
        from ._display import estimate_repr

        return estimate_repr(self)

    def _repr_html_(self) -> str:
        from ._display import estimate_html

        return estimate_html(self)

    def _repr_markdown_(self) -> str:
        from ._display import estimate_md

        return estimate_md(self)


#: A policy: a ballot in, an estimate (or ``None`` when nothing is informative) out.
Policy: TypeAlias = Callable[[Ballot], "Estimate | None"]


def _show(kind: str, point: Point | None) -> str:
    value = from_point(kind, point)  # type: ignore[arg-type]  # kind comes from a Ballot
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _origins(votes: Iterable[Vote]) -> str:
    names = sorted({v.origin for v in votes})
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _figure(kind: str, point: Point | None) -> Figure | None:
    """A point as the figure or day it stands for (never a label: callers check the kind)."""
    value = from_point(kind, point)  # type: ignore[arg-type]  # kind comes from a Ballot
    return None if isinstance(value, str) else value


def _make(
    name: str,
    ballot: Ballot,
    votes: Sequence[Vote],
    best: Point | None,
    reason: str,
    extra_aside: Iterable[tuple[str, str]] = (),
) -> Estimate:
    """Assemble an estimate: low/high from the votes' points, based_on from their claims."""
    used = [v for v in votes if v.weight > 0]
    low = high = None
    if ballot.kind != "category" and used:
        points = sorted(v.point for v in used)  # one kind per ballot, so points order
        low, high = _figure(ballot.kind, points[0]), _figure(ballot.kind, points[-1])
    based_on = sorted({c for v in used for c in v.claims})
    unused = {
        c: f"zero weight for origin {v.origin}" for v in votes if v.weight <= 0 for c in v.claims
    }
    aside = sorted({*ballot.set_aside, *extra_aside, *unused.items()})
    return Estimate(
        policy=name,
        kind=ballot.kind,
        low=low,
        best=from_point(ballot.kind, best),
        high=high,
        based_on=tuple(based_on),
        set_aside=tuple(aside),
        reason=reason,
    )


def _category(name: str, ballot: Ballot, votes: Sequence[Vote], how: str) -> Estimate | None:
    label, tied = plurality((v.point, v.weight) for v in votes)
    if label is None:
        return None
    backers = [v for v in votes if v.point == label]
    tie = " (tied; the first label alphabetically is shown)" if tied else ""
    reason = (
        f"{label!s} is backed by the most {how} ({_origins(backers)}) "
        f"among {len({v.origin for v in votes})}{tie}."
    )
    return _make(name, ballot, votes, label, reason)


def conservative(ballot: Ballot) -> Estimate | None:
    """ACLED's rule: the lowest figure among the reports; the range spans all of them."""
    votes = ballot.votes
    if not votes:
        return None
    if ballot.kind == "category":
        return _category("conservative", ballot, votes, "origins (labels have no lowest)")
    best = min(v.point for v in votes)  # one kind per ballot, so points order
    est = _make("conservative", ballot, votes, best, "")
    lows = [v.low for v in votes if v.low is not None]
    highs = [v.high for v in votes if v.high is not None]
    givers = [v for v in votes if v.point == best]
    reason = (
        f"The most conservative figure among {len({v.origin for v in votes})} origins is "
        f"{_show(ballot.kind, best)} ({_origins(givers)}), as ACLED codes differing reports; "
        f"the range spans every report's bounds."
    )
    return attrs.evolve(
        est,
        reason=reason,
        low=_figure(ballot.kind, min(lows)) if lows else est.low,
        high=_figure(ballot.kind, max(highs)) if highs else est.high,
    )


def _median(
    name: str,
    ballot: Ballot,
    votes: Sequence[Vote],
    what: str,
    extra_aside: Iterable[tuple[str, str]] = (),
) -> Estimate | None:
    if not votes:
        return None
    if ballot.kind == "category":
        return _category(name, ballot, votes, what)
    best = weighted_median((v.point, v.weight) for v in votes)
    n = len({v.origin for v in votes if v.weight > 0})
    reason = (
        f"{_show(ballot.kind, best)} is the median of {n} {what}; "
        f"low and high are the lowest and highest of their figures."
    )
    return _make(name, ballot, votes, best, reason, extra_aside)


def median_of_origins(ballot: Ballot) -> Estimate | None:
    """One vote per independent origin; the median of their points."""
    plain = [attrs.evolve(v, trust=None) for v in ballot.votes]
    return _median("median-of-origins", ballot, plain, "independent origins (echoes count once)")


def third_party_first(ballot: Ballot) -> Estimate | None:
    """The median of third-party origins, falling back to every origin when there is none."""
    plain = [attrs.evolve(v, trust=None) for v in ballot.votes]
    third = [v for v in plain if v.side is None]
    if not ballot.sides_known:
        return _median(
            "third-party-first",
            ballot,
            plain,
            "origins (no actors declared, so no side is known and none is set aside)",
        )
    if not third:
        return _median(
            "third-party-first",
            ballot,
            plain,
            "origins, all parties to the conflict (no third party reported it)",
        )
    aside = [
        (c, f"party to the conflict ({v.side})")
        for v in plain
        if v.side is not None
        for c in v.claims
    ]
    return _median(
        "third-party-first",
        ballot,
        third,
        "third-party origins (parties to the conflict set aside)",
        aside,
    )


def weighted_by(reliability: Reliability, measure: str) -> Policy:
    """The ``weighted`` policy under a learned reliability: its consensus (median or mode)."""

    def policy(ballot: Ballot) -> Estimate | None:
        if ballot.kind == "category" or reliability.center == "median":
            return weighted(ballot)
        best = reliability.consensus(ballot, measure)
        n = len({v.origin for v in ballot.votes if v.weight > 0})
        reason = (
            f"{_show(ballot.kind, best)} has the most reliability-weighted support among "
            f"{n} origins (figures within the closeness scale support each other)."
        )
        return _make("weighted", ballot, ballot.votes, best, reason)

    return policy


def weighted(ballot: Ballot) -> Estimate | None:
    """The reliability-weighted median of origins (equal weights when no reliability is known)."""
    if ballot.votes and all(v.trust is None for v in ballot.votes):
        return _median(
            "weighted",
            ballot,
            ballot.votes,
            "origins with equal weights (no reliability was given)",
        )
    return _median("weighted", ballot, ballot.votes, "origins weighted by source reliability")


#: The built-in policies by name. Pass a callable of your own to ``estimate`` to use another.
POLICIES: dict[str, Policy] = {
    "conservative": conservative,
    "median-of-origins": median_of_origins,
    "third-party-first": third_party_first,
    "weighted": weighted,
}


def _trust(reliability: Reliability | Mapping[str, float] | None) -> TrustFunction | None:
    if reliability is None:
        return None
    if isinstance(reliability, Reliability):
        return reliability
    return trust_from(reliability)


def estimate(
    claims: Iterable[Claim],
    *,
    policy: str | Policy = "median-of-origins",
    actors: ActorIndex | Iterable[Actor] | None = None,
    reliability: Reliability | Mapping[str, float] | None = None,
) -> Estimate | None:
    """Estimate the answer to one group's question.

    Args:
        claims: the claims of one group (claims that answer the same question).
        policy: a name in :data:`POLICIES` or a callable taking a :class:`Ballot`.
        actors: declarations that resolve claimants to origins and give their sides.
        reliability: source weights for ``weighted``: a learned :class:`Reliability` or a plain
            ``source -> weight`` mapping (sources missing from it weigh 1).

    Returns:
        The :class:`Estimate`, or ``None`` when no claim carries a usable figure or label.

    Raises:
        KeyError: when ``policy`` names no built-in policy.
    """
    claims = list(claims)
    chosen = POLICIES[policy] if isinstance(policy, str) else policy
    if policy == "weighted" and isinstance(reliability, Reliability) and claims:
        chosen = weighted_by(reliability, claims[0].measure)
    ballot = make_ballot(claims, actors=actors, trust=_trust(reliability))
    return chosen(ballot) if ballot.votes else None


K = TypeVar("K")


def estimate_groups(
    groups: Mapping[K, Sequence[Claim]],
    *,
    policy: str | Policy = "median-of-origins",
    actors: ActorIndex | Iterable[Actor] | None = None,
    reliability: Reliability | Mapping[str, float] | None = None,
) -> dict[K, Estimate | None]:
    """Estimate every group of a dataset under one policy.

    Args:
        groups: claims by group key.
        policy: as for :func:`estimate`.
        actors: as for :func:`estimate`.
        reliability: as for :func:`estimate`; for ``weighted`` without one, reliability is
            learned from these groups with :func:`learn_reliability` defaults.

    Returns:
        The estimate of each group, by the same keys.
    """
    index = as_index(actors)
    if reliability is None and policy == "weighted":
        reliability = learn_reliability(groups.values(), actors=index)
    return {
        k: estimate(g, policy=policy, actors=index, reliability=reliability)
        for k, g in groups.items()
    }
