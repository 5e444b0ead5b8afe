"""Where a claim comes from: its independent origin, and how its claimant stands to its party.

One rule, shared by the reconciler (camps, verdicts) and the estimators (one vote per origin),
so that what counts as corroboration is the same everywhere.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

from .actors import ActorIndex
from .claims import Claim

#: How a claimant stands to what it counts. ``self_reported``: a side about its own losses or
#: forces; ``adversary``: a side about the other side's; ``third_party``: a claimant on no side;
#: ``partisan``: a claimant on a side, about something that belongs to no side (civilians, a
#: date, who controls a town); ``unknown``: no claimant given.
Perspective: TypeAlias = Literal["self_reported", "adversary", "third_party", "partisan", "unknown"]


def origin_of(claim: Claim, actors: ActorIndex) -> str:
    """The independent origin of ``claim``: its claimant, else its first relay, else its
    document. The same claimant relayed by Reuters and by an encyclopedia is one origin, and
    so are a government and its spokesperson (the actor a claimant ``speaks_for``)."""
    if claim.claimant:
        return actors.origin(claim.claimant)
    if claim.via:
        return actors.origin(claim.via[0].outlet)
    if claim.document:
        return f"document:{claim.document}"
    return f"claim:{claim.id}"


def perspective_of(claim: Claim, actors: ActorIndex) -> Perspective:
    """Whether ``claim`` is self-reported, an adversary's, a third party's or partisan; a
    voice stands where the actor it speaks for stands."""
    if not claim.claimant:
        return "unknown"
    claimant_side = actors.side(claim.claimant)
    if claimant_side is None:
        return "third_party"
    party_side = actors.side(claim.party)
    if party_side is None:
        return "partisan"
    return "self_reported" if party_side == claimant_side else "adversary"
