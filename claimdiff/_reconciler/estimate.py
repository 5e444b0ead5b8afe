"""Estimates of claims as the reconciler sees them: the public :func:`estimate` and
:func:`estimate_groups`.

An estimate's best figure must lie within its group's consensus, what all the claims allow
together (:attr:`Group.consensus`). The estimation rules (:mod:`claimdiff._estimates.estimate`) sit
below the reconciler and take that consensus as given; when a caller has none (``estimate(claims)``
outside a report), it is worked out here by the reconciler itself, under the same rounding
policy as :func:`reconcile`: one semantics, never a second computation that could disagree with
the report ("2,500", "2,500" and "2,475" agree on 2,475 there, so they must here).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from .._estimates.ballot import as_index
from .._estimates.estimate import Estimate, Rule, estimate_all, estimate_claims
from .._estimates.reliability import LearningConfig, Reliability
from .._grammar.rounding import RoundingPolicy, rounding_policy
from .._model.actors import Actor, ActorIndex
from .._model.claims import Claim
from .._model.values import DateValue, Quantity
from .reconcile import Reconciler, group_key
from .report import Range

K = TypeVar("K")


def group_consensus(
    claims: Sequence[Claim], actors: ActorIndex, rounding: RoundingPolicy
) -> Range | None:
    """The consensus of one group's claims exactly as :func:`reconcile` reports it
    (:attr:`Group.consensus`, under ``rounding``)."""
    if not claims:
        return None
    first = claims[0].value
    if (
        isinstance(first, Quantity | DateValue)
        and not first.options
        and first.qualifier != "vague"
        and all(c.stance == "asserts" and c.value == first for c in claims)
    ):
        # The common case (every source gives the same figure): what that figure allows, which
        # is what the reconciler finds, without building a group.
        return Range(low=first.low, high=first.high)
    reconciler = Reconciler(actors, rounding=rounding)
    ordered = sorted(claims, key=lambda c: c.id)
    return reconciler.group(group_key(ordered[0], actors), ordered).consensus


def estimate(
    claims: Iterable[Claim],
    *,
    rule: str | Rule = "median-of-origins",
    actors: ActorIndex | Iterable[Actor] | None = None,
    reliability: Reliability | Mapping[str, float] | None = None,
    consensus: Range | bool | None = True,
    rounding: str | RoundingPolicy | None = None,
) -> Estimate | None:
    """Estimate the answer to one group's question.

    Args:
        claims: the claims of one group (claims that answer the same question).
        rule: a name in :data:`RULES` or a callable taking a :class:`Ballot`.
        actors: declarations that resolve claimants to origins and give their sides.
        reliability: source weights for ``weighted``: a learned :class:`Reliability` or a plain
            ``source -> weight`` mapping (sources missing from it weigh 1).
        consensus: the group's consensus as reconciled (:attr:`Group.consensus`), which the
            best estimate must lie within; ``True`` (the default) works it out as
            :func:`reconcile` does, under ``rounding``; ``None`` or ``False`` for none.
        rounding: the rounding policy of a consensus worked out here, as for
            :func:`reconcile` (``trailing-zeros`` when ``None``, ``exact``, or a callable).

    Returns:
        The :class:`Estimate`, or ``None`` when no claim carries a usable figure, label or
        vague interval.

    Raises:
        KeyError: when ``rule`` names no built-in rule.
        ValueError: when ``rounding`` names no rounding policy.
    """
    claims = list(claims)
    policy = rounding_policy(rounding)  # a bad name fails here, whatever the claims
    index = as_index(actors)
    found = (
        group_consensus(claims, index, policy)
        if consensus is True
        else (consensus if isinstance(consensus, Range) else None)
    )
    return estimate_claims(
        claims, consensus=found, rule=rule, actors=index, reliability=reliability
    )


def estimate_groups(
    groups: Mapping[K, Sequence[Claim]],
    *,
    rule: str | Rule = "median-of-origins",
    actors: ActorIndex | Iterable[Actor] | None = None,
    reliability: Reliability | Mapping[str, float] | None = None,
    config: str | LearningConfig = "default",
    learn_from: Iterable[Sequence[Claim]] | None = None,
    consensus: Mapping[K, Range | None] | None = None,
    rounding: str | RoundingPolicy | None = None,
) -> dict[K, Estimate | None]:
    """Estimate every group of a dataset under one rule.

    Args:
        groups: claims by group key.
        rule: as for :func:`estimate`.
        actors: as for :func:`estimate`.
        reliability: as for :func:`estimate`. For ``weighted`` without one, reliability is
            learned with the named ``config`` from ``learn_from``, and every estimate's reason
            says from how many groups.
        config: a name in :data:`CONFIGS` or a :class:`LearningConfig`, used only when
            reliability is learned here.
        learn_from: the groups to learn reliability from; ``groups`` when ``None``. Pass every
            group of the dataset when estimating a few of them: reliability learned from a
            subset alone judges each source on that subset only.
        consensus: each group's consensus as reconciled (:attr:`Group.consensus`) by key;
            groups missing from it (all when ``None``) have theirs worked out as
            :func:`reconcile` does, under ``rounding``.
        rounding: as for :func:`estimate`.

    Returns:
        The estimate of each group, by the same keys.

    Raises:
        KeyError: when ``rule`` or ``config`` names nothing built in.
        ValueError: when ``rounding`` names no rounding policy.
    """
    policy = rounding_policy(rounding)
    index = as_index(actors)
    given = dict(consensus or {})
    found = {
        k: given[k] if k in given else group_consensus(list(g), index, policy)
        for k, g in groups.items()
    }
    return estimate_all(
        groups,
        consensus=found,
        rule=rule,
        actors=index,
        reliability=reliability,
        config=config,
        learn_from=learn_from,
    )
