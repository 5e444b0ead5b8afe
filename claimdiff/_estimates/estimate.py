"""Best estimates per group: a low / best / high triple under a named rule, with its reasons.

An estimate sits *beside* a group's verdict and camps, never in place of them: a group whose
sources contradict each other stays a contradiction, and its estimate says which figure is most
defensible under a stated rule, which claims it rests on and which it set aside.

The triple follows UCDP GED's convention: ``low`` is the lowest figure the retained reports
support, ``best`` the most likely one under the rule, ``high`` the highest figure the retained
reports support. ``low``/``high`` span every retained source's own bounds (a source's range
"15,000-17,000" is never narrowed to its midpoint) and the intervals of vague words. Rules
(named ``rule``, so that ``policy`` keeps its one meaning, the :class:`ValuePolicy` values are
read with):

``conservative``
    ACLED's rule: when reports differ, code the most conservative (lowest) figure among the
    credible reports. ``best`` is the lowest point, ``low`` the lowest bound, ``high`` the
    highest bound (for dates: the earliest day).
``median-of-origins`` (the default)
    One vote per independent origin: echoes (the same claimant relayed by another outlet) are
    set aside, each origin's point is taken (see :mod:`claimdiff._estimates.ballot`), ``best`` is
    their median. When the origins split evenly between two figures (40 and 50), neither has more
    support: there is no ``best`` and ``tied`` holds both, unless only one of them lies within
    the consensus (then it is taken).
``third-party-first``
    The median of the origins that belong to no side of the conflict; when there are none, of
    all origins, and the reason says so. Claims of parties are set aside as
    ``party to the conflict``.
``weighted``
    The reliability-weighted median of origins, weights from a ``source -> weight`` mapping or
    a learned :class:`Reliability` (which also discounts sources that copy each other, and
    takes the learner's consensus: the weighted median, or the weighted kernel mode when it was
    learned with ``center="mode"``).

Every rule's ``best`` for numbers and dates is then *settled* the same way, so that it says no
more than the claims do:

1. when the claims have a consensus (what all of them allow together, as
   :attr:`Group.consensus`), ``best`` lies inside it: a figure outside is replaced by the stated
   figure inside it nearest to it, else by the consensus bound nearest to it;
2. when ``best`` is a figure nobody stated (the midpoint of a range), it is replaced by the
   stated figure nearest to it that the range (and the consensus) allows, when there is one;
3. when every figure of the group is whole (counts, days), so is ``best`` (a midpoint is
   rounded down).

The reason says which step moved it. Vague words ("hundreds") never give a point: when only
vague claims exist there is no ``best``, and the reason says so. Categories (and propositions)
under every rule: the label backed by the most origins (weighted by reliability under
``weighted``), ``low``/``high`` left empty; when two or more labels tie, there is no ``best``
and ``tied`` lists them. The consensus is the group's own (:attr:`Group.consensus`, the
rounding policy included), never a second computation of it.

A rule is any callable taking a :class:`Ballot` and returning an :class:`Estimate` (or
``None``); :data:`RULES` maps the built-in names to theirs, and ``estimate`` accepts either.

This module sits below the reconciler: it takes each group's consensus from the caller and
never imports the reconciler. The public ``estimate`` and ``estimate_groups``
(:mod:`claimdiff._reconciler.estimate`) work out a consensus the caller does not have, as
:func:`reconcile` does.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias, TypeVar

import attrs

from .._model.actors import Actor, ActorIndex
from .._model.claims import Claim
from .._model.words import figure_text, range_text
from .ballot import (
    Ballot,
    Point,
    TrustFunction,
    VagueVote,
    Vote,
    as_index,
    from_point,
    make_ballot,
    median_or_tie,
    plurality,
    trust_from,
)
from .reliability import CONFIGS, LearningConfig, Reliability, learn_reliability

if TYPE_CHECKING:
    from .._model.range import Range

Figure: TypeAlias = float | int | dt.date


@attrs.frozen(kw_only=True)
class Estimate:
    """A group's best estimate under one rule, and why.

    Args:
        rule: the estimation rule's name (``median-of-origins``, ...).
        kind: ``quantity``, ``date`` or ``category``.
        low: the lowest figure the retained claims support (``None`` for categories).
        best: the most likely figure, day or label under the rule; ``None`` when the claims
            name none: only vague words, labels tied for the most support, or origins split
            evenly between two figures.
        high: the highest figure the retained claims support (``None`` for categories).
        based_on: ids of the claims the estimate rests on, sorted.
        set_aside: ``(claim id, reason)`` for every claim it does not rest on, sorted.
        reason: one sentence for people.
        tied: what tied for the most support, sorted, when a tie left no ``best``: labels,
            or the two middle figures (days for dates) when the origins split evenly
            between them.
    """

    rule: str
    kind: str
    low: Figure | None
    best: Figure | str | None
    high: Figure | None
    based_on: tuple[str, ...]
    set_aside: tuple[tuple[str, str], ...] = ()
    reason: str = ""
    tied: tuple[Figure | str, ...] = ()

    # Display (claimdiff._render.display): a one-line repr, and a table for notebooks.

    def __repr__(self) -> str:
        from .._render.display import estimate_repr

        return estimate_repr(self)

    def _repr_html_(self) -> str:
        from .._render.display import estimate_html

        return estimate_html(self)

    def _repr_markdown_(self) -> str:
        from .._render.display import estimate_md

        return estimate_md(self)


#: A rule: a ballot in, an estimate (or ``None`` when nothing is informative) out.
Rule: TypeAlias = Callable[[Ballot], "Estimate | None"]
#: The former name of :data:`Rule`, kept for code that imported it.
Policy: TypeAlias = Rule


def _show(kind: str, point: Point | None) -> str:
    return figure_text(from_point(kind, point))  # type: ignore[arg-type]  # kind: a Ballot's


def _origins(votes: Iterable[Vote | VagueVote]) -> str:
    names = sorted({v.origin for v in votes})
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _figure(kind: str, point: Point | None) -> Figure | None:
    """A point as the figure or day it stands for (never a label: callers check the kind)."""
    value = from_point(kind, point)  # type: ignore[arg-type]  # kind comes from a Ballot
    return None if isinstance(value, str) else value


def _inside(x: float | int, consensus: tuple[float | int | None, float | int | None]) -> bool:
    lo, hi = consensus
    return (lo is None or x >= lo) and (hi is None or x <= hi)


def _nearest(candidates: Iterable[float | int], x: float | int) -> float | int | None:
    """The candidate nearest ``x``; between two equally near, the lower (the conservative)."""
    return min(candidates, key=lambda c: (abs(c - x), c), default=None)


def _settle(ballot: Ballot, used: Sequence[Vote], best: Point) -> tuple[Point, str]:
    """``best`` moved into the consensus, onto a stated figure and to a whole number where
    each applies (see the module docstring), with a note for the reason ("" when unmoved)."""
    if ballot.kind == "category" or isinstance(best, str):
        return best, ""
    notes = []
    stated = sorted({v.point for v in used if v.stated and not isinstance(v.point, str)})
    consensus = ballot.consensus
    bounds = [x for x in consensus or () if x is not None]
    if consensus is not None and not _inside(best, consensus):
        inside = [p for p in stated if _inside(p, consensus)]
        moved = _nearest(inside, best) if inside else _nearest(bounds, best)
        if moved is not None:
            notes.append(
                f"{_show(ballot.kind, best)} lies outside what all the claims allow "
                f"({_span(ballot.kind, consensus)}), so {_show(ballot.kind, moved)} is taken"
            )
            best = moved
    if best not in stated:
        ranges = [v for v in used if not v.stated and _within(best, v)]
        allowed = [
            p
            for p in stated
            if (consensus is None or _inside(p, consensus))
            and (not ranges or any(_within(p, v) for v in ranges))
        ]
        moved = _nearest(allowed, best)
        if moved is not None:
            notes.append(
                f"{_show(ballot.kind, best)} is a figure nobody stated, so the nearest stated "
                f"figure, {_show(ballot.kind, moved)}, is taken"
            )
            best = moved
        elif any(not v.stated and v.point == best for v in used):
            notes.append(
                f"{_show(ballot.kind, best)} is the middle of a range; no source stated it"
            )
        elif best in bounds:  # moved there by step 1
            notes.append(
                f"{_show(ballot.kind, best)} is an end of what all the claims allow; "
                f"no source stated it"
            )
    if ballot.whole and not float(best).is_integer():
        notes.append(f"rounded down from {best} to a whole number")
        best = math.floor(best)
    if isinstance(best, float) and best.is_integer() and ballot.whole:
        best = int(best)
    return best, "; ".join(notes)


def _within(x: Point, vote: Vote) -> bool:
    lo = vote.point if vote.low is None else vote.low
    hi = vote.point if vote.high is None else vote.high
    return lo <= x <= hi  # type: ignore[operator]  # one kind per ballot


def _span(kind: str, bounds: tuple[float | int | None, float | int | None]) -> str:
    """What all the claims allow, worded as a group's range is (``40–50``, ``at least 10``)."""
    lo, hi = (None if x is None else _figure(kind, x) for x in bounds)
    return range_text(lo, hi)


def _make(
    name: str,
    ballot: Ballot,
    votes: Sequence[Vote],
    best: Point | None,
    reason: str,
    extra_aside: Iterable[tuple[str, str]] = (),
    vague: Sequence[VagueVote] | None = None,
) -> Estimate:
    """Assemble an estimate: ``best`` settled, low/high from the votes' own bounds and the
    vague intervals, based_on from their claims."""
    used = [v for v in votes if v.weight > 0]
    vague = ballot.vague if vague is None else vague
    low = high = None
    if ballot.kind != "category" and (used or vague):
        # Every finite bound of every retained claim lies within low-high, so a vague word
        # open on one side ("many": 10 or more) still widens the span by its finite bound.
        bounds = [b for v in used for b in (v.point, v.low, v.high) if b is not None]
        bounds += [b for w in vague for b in (w.low, w.high) if b is not None]
        low = _figure(ballot.kind, min(bounds)) if bounds else None
        high = _figure(ballot.kind, max(bounds)) if bounds else None
    if best is not None:
        best, note = _settle(ballot, used, best)
        if note:
            reason = f"{reason.rstrip('.')}; {note}."
        if vague:
            words = "; ".join(sorted({repr(w.text) if w.text else "a vague word" for w in vague}))
            reason = f"{reason.rstrip('.')}; vague words ({words}) count in low and high only."
    based_on = sorted({c for v in used for c in v.claims} | {c for w in vague for c in w.claims})
    unused = {
        c: f"zero weight for origin {v.origin}" for v in votes if v.weight <= 0 for c in v.claims
    }
    aside = sorted({*ballot.set_aside, *extra_aside, *unused.items()})
    return Estimate(
        rule=name,
        kind=ballot.kind,
        low=low,
        best=from_point(ballot.kind, best),
        high=high,
        based_on=tuple(based_on),
        set_aside=tuple(aside),
        reason=reason,
    )


def _vague_only(name: str, ballot: Ballot, vague: Sequence[VagueVote] | None = None) -> Estimate:
    """No origin stated a figure: the span the vague words allow, and no best."""
    vague = ballot.vague if vague is None else vague
    words = "; ".join(sorted({f"{v.text!r}" if v.text else "a vague word" for v in vague}))
    open_ = any(w.low is None or w.high is None for w in vague)
    reason = (
        f"Only vague claims ({words}, from {_origins(vague)}): nobody stated a figure, so there "
        f"is no best estimate; low and high span the finite bounds the words allow"
        f"{' (some are open-ended)' if open_ else ''}."
    )
    return _make(name, ballot, [], None, reason, vague=vague)


def _category(name: str, ballot: Ballot, votes: Sequence[Vote], how: str) -> Estimate | None:
    label, tied = plurality((v.point, v.weight) for v in votes)
    n = len({v.origin for v in votes})
    if tied:
        shown = " and ".join(str(t) for t in tied)
        reason = f"{shown} tie for the most {how} among {n}; no label is best."
        return attrs.evolve(
            _make(name, ballot, votes, None, reason), tied=tuple(str(t) for t in tied)
        )
    if label is None:
        return None
    backers = [v for v in votes if v.point == label]
    reason = f"{label!s} is backed by the most {how} ({_origins(backers)}) among {n}."
    return _make(name, ballot, votes, label, reason)


def conservative(ballot: Ballot) -> Estimate | None:
    """ACLED's rule: the lowest figure among the reports; the range spans all of them."""
    votes = ballot.votes
    if not votes:
        return _vague_only("conservative", ballot) if ballot.vague else None
    if ballot.kind == "category":
        return _category("conservative", ballot, votes, "origins (labels have no lowest)")
    best = min(v.point for v in votes)  # one kind per ballot, so points order
    givers = [v for v in votes if v.point == best]
    reason = (
        f"The most conservative figure among {len({v.origin for v in votes})} origins is "
        f"{_show(ballot.kind, best)} ({_origins(givers)}), as ACLED codes differing reports; "
        f"the range spans every report's bounds."
    )
    return _make("conservative", ballot, votes, best, reason)


def _median(
    name: str,
    ballot: Ballot,
    votes: Sequence[Vote],
    what: str,
    extra_aside: Iterable[tuple[str, str]] = (),
    vague: Sequence[VagueVote] | None = None,
) -> Estimate | None:
    if not votes:
        vague = ballot.vague if vague is None else vague
        return _vague_only(name, ballot, vague) if vague else None
    if ballot.kind == "category":
        return _category(name, ballot, votes, what)
    best, tied = median_or_tie((v.point, v.weight) for v in votes)
    n = len({v.origin for v in votes if v.weight > 0})
    if tied:
        return _tie(name, ballot, votes, tied, n, what, extra_aside, vague)
    reason = (
        f"{_show(ballot.kind, best)} is the median of {n} {what}; "
        f"low and high are the lowest and highest of their figures."
    )
    return _make(name, ballot, votes, best, reason, extra_aside, vague)


def _tie(
    name: str,
    ballot: Ballot,
    votes: Sequence[Vote],
    tied: tuple[Point, ...],
    n: int,
    what: str,
    extra_aside: Iterable[tuple[str, str]],
    vague: Sequence[VagueVote] | None,
) -> Estimate:
    """The weight splits evenly between two figures: a tie, unless the consensus (what all
    the claims allow) admits only one of them."""
    shown = " and ".join(_show(ballot.kind, t) for t in tied)
    consensus = ballot.consensus
    # Only category ballots hold labels, and they never reach a median.
    figures = [t for t in tied if not isinstance(t, str)]
    inside = [t for t in figures if consensus is not None and _inside(t, consensus)]
    if consensus is not None and len(inside) == 1:
        reason = (
            f"The {n} {what} split evenly between {shown}; only "
            f"{_show(ballot.kind, inside[0])} lies within what all the claims allow "
            f"({_span(ballot.kind, consensus)}); low and high are the lowest and highest of "
            f"their figures."
        )
        return _make(name, ballot, votes, inside[0], reason, extra_aside, vague)
    midpoints = [t for t in tied if any(not v.stated and v.point == t for v in votes)]
    middle = (
        f" ({' and '.join(_show(ballot.kind, t) for t in midpoints)} the middle of a range)"
        if midpoints
        else ""
    )
    reason = (
        f"{shown} tie: the {n} {what} split evenly between them{middle}, so no figure is "
        f"best (the conservative rule takes the lower); low and high are the lowest and "
        f"highest of their figures."
    )
    est = _make(name, ballot, votes, None, reason, extra_aside, vague)
    if est.best is None and vague:
        words = "; ".join(sorted({repr(w.text) if w.text else "a vague word" for w in vague}))
        est = attrs.evolve(
            est, reason=f"{reason.rstrip('.')}; vague words ({words}) count in low and high only."
        )
    shown_tied = tuple(f for f in (_figure(ballot.kind, t) for t in figures) if f is not None)
    return attrs.evolve(est, tied=shown_tied)


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
    parties = [(v.side, v.claims) for v in plain] + [(w.side, w.claims) for w in ballot.vague]
    aside = [
        (c, f"party to the conflict ({side})")
        for side, claims in parties
        if side is not None
        for c in claims
    ]
    return _median(
        "third-party-first",
        ballot,
        third,
        "third-party origins (parties to the conflict set aside)",
        aside,
        [v for v in ballot.vague if v.side is None],
    )


def weighted_by(reliability: Reliability, measure: str) -> Rule:
    """The ``weighted`` rule under a learned reliability: its consensus (median or mode)."""

    def rule(ballot: Ballot) -> Estimate | None:
        if ballot.kind == "category" or reliability.center == "median" or not ballot.votes:
            return weighted(ballot)
        best = reliability.consensus(ballot, measure)
        n = len({v.origin for v in ballot.votes if v.weight > 0})
        reason = (
            f"{_show(ballot.kind, best)} has the most reliability-weighted support among "
            f"{n} origins (figures within the closeness scale support each other)."
        )
        return _make("weighted", ballot, ballot.votes, best, reason)

    return rule


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


class _RuleTable(dict[str, Rule]):
    """A plain dict whose repr names the functions (no memory addresses in the docs)."""

    def __repr__(self) -> str:
        return "{" + ", ".join(f"{k!r}: {getattr(v, '__name__', v)}" for k, v in self.items()) + "}"


#: The built-in estimation rules by name. Pass a callable of your own to ``estimate`` to use
#: another.
RULES: dict[str, Rule] = _RuleTable(
    {
        "conservative": conservative,
        "median-of-origins": median_of_origins,
        "third-party-first": third_party_first,
        "weighted": weighted,
    }
)


def _trust(reliability: Reliability | Mapping[str, float] | None) -> TrustFunction | None:
    if reliability is None:
        return None
    if isinstance(reliability, Reliability):
        return reliability
    return trust_from(reliability)


def _rule(rule: str | Rule) -> Rule:
    if not isinstance(rule, str):
        return rule
    if rule not in RULES:
        raise KeyError(f"no estimation rule {rule!r}; the rules are {', '.join(sorted(RULES))}")
    return RULES[rule]


def estimate_claims(
    claims: Sequence[Claim],
    *,
    consensus: Range | None,
    rule: str | Rule = "median-of-origins",
    actors: ActorIndex | Iterable[Actor] | None = None,
    reliability: Reliability | Mapping[str, float] | None = None,
) -> Estimate | None:
    """Estimate one group's answer, its consensus given (see :func:`claimdiff.estimate`, which
    works the consensus out as the reconciler does when the caller has none: estimates sit
    below the reconciler and never compute it themselves).

    Args:
        claims: the claims of one group.
        consensus: the group's consensus as reconciled (:attr:`Group.consensus`), ``None``
            for none.
        rule: a name in :data:`RULES` or a callable taking a :class:`Ballot`.
        actors: declarations that resolve claimants to origins and give their sides.
        reliability: a learned :class:`Reliability` or a ``source -> weight`` mapping.

    Returns:
        The :class:`Estimate`, or ``None`` when no claim carries a usable figure, label or
        vague interval.

    Raises:
        KeyError: when ``rule`` names no built-in rule.
    """
    chosen = _rule(rule)
    if rule == "weighted" and isinstance(reliability, Reliability) and claims:
        chosen = weighted_by(reliability, claims[0].measure)
    ballot = make_ballot(claims, actors=actors, trust=_trust(reliability), consensus=consensus)
    return chosen(ballot) if ballot.votes or ballot.vague else None


K = TypeVar("K")


def estimate_all(
    groups: Mapping[K, Sequence[Claim]],
    *,
    consensus: Mapping[K, Range | None],
    rule: str | Rule = "median-of-origins",
    actors: ActorIndex | Iterable[Actor] | None = None,
    reliability: Reliability | Mapping[str, float] | None = None,
    config: str | LearningConfig = "default",
    learn_from: Iterable[Sequence[Claim]] | None = None,
) -> dict[K, Estimate | None]:
    """Estimate every group of a dataset, each group's consensus given (see
    :func:`claimdiff.estimate_groups`, which works out those the caller has not).

    Args:
        groups: claims by group key.
        consensus: each group's consensus as reconciled by key; a group missing from it has
            none.
        rule: as for :func:`estimate_claims`.
        actors: as for :func:`estimate_claims`.
        reliability: as for :func:`estimate_claims`. For ``weighted`` without one,
            reliability is learned with the named ``config`` from ``learn_from`` (``groups``
            when ``None``), and every estimate's reason says from how many groups.
        config: a name in :data:`CONFIGS` or a :class:`LearningConfig`.
        learn_from: the groups to learn reliability from.

    Returns:
        The estimate of each group, by the same keys.

    Raises:
        KeyError: when ``rule`` or ``config`` names nothing built in.
    """
    index = as_index(actors)
    chosen = _rule(rule)
    learned_from = 0
    if reliability is None and rule == "weighted":
        settings = CONFIGS[config] if isinstance(config, str) else config
        source = list(groups.values()) if learn_from is None else list(learn_from)
        reliability = learn_reliability(source, actors=index, config=settings)
        learned_from = reliability.groups
    out: dict[K, Estimate | None] = {}
    for k, g in groups.items():
        est = estimate_claims(
            g,
            rule=chosen if rule != "weighted" else rule,
            actors=index,
            reliability=reliability,
            consensus=consensus.get(k),
        )
        if est is not None and learned_from:
            est = attrs.evolve(
                est,
                reason=f"{est.reason} (Reliability learned from {learned_from:,} groups.)",
            )
        out[k] = est
    return out
