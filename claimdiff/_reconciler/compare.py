"""``compare``: how two values or two claims relate: equal, compatible, contradicting, unknown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, TypeAlias

import attrs

from .._model.claims import Claim
from .._model.sets import Allowed, Spans, allowed, subset
from .._model.values import Proposition, Value

RelationKind: TypeAlias = Literal["equal", "compatible", "contradict", "unknown"]
Side: TypeAlias = Literal["first", "second"]

_MIRROR: dict[Side | None, Side | None] = {"first": "second", "second": "first", None: None}


@attrs.frozen(kw_only=True)
class Relation:
    """How two values or claims relate.

    Args:
        kind: ``equal`` (they allow exactly the same truths), ``compatible`` (some truth fits
            both), ``contradict`` (none does) or ``unknown`` (one gives no information, or they
            measure different kinds of thing).
        contains: for ``compatible``, which side allows everything the other allows
            (``first``/``second``), or ``None`` when they merely overlap.
        gap: for contradicting numbers and dates, the distance between the nearest values they
            allow (days for dates): 40 and 50 killed are 10 apart.
        relative_gap: ``gap`` over the larger of the two nearest values (10 / 50 = 0.2);
            ``None`` for dates, where a ratio of day numbers means nothing.
        reason: one sentence for people.
    """

    kind: RelationKind
    contains: Side | None = None
    gap: int | float | None = None
    relative_gap: float | None = None
    reason: str = ""

    def mirrored(self) -> Relation:
        """The same relation seen from the other side: ``compare(b, a)``."""
        return attrs.evolve(self, contains=_MIRROR[self.contains])


def _number(x: float) -> int | float:
    return int(x) if x.is_integer() else x


def _compare_allowed(a: Allowed, b: Allowed) -> Relation:
    if a is None or b is None:
        return Relation(kind="unknown", reason="one side gives no information")
    if type(a) is not type(b) or (
        isinstance(a, Spans) and isinstance(b, Spans) and a.axis != b.axis
    ):
        return Relation(kind="unknown", reason="they measure different kinds of thing")
    if a == b:
        return Relation(kind="equal", reason="they allow exactly the same values")
    if isinstance(a, Spans) and isinstance(b, Spans):
        if a.intersects(b):
            return _compatible(a.contains(b), b.contains(a))
        gap, near_a, near_b = a.gap(b)
        scale = max(abs(near_a), abs(near_b))
        relative = None if a.axis == "date" or scale == 0 else gap / scale
        unit = " days" if a.axis == "date" else ""
        return Relation(
            kind="contradict",
            gap=_number(gap),
            relative_gap=relative,
            reason=f"no value fits both; the nearest are {_number(gap)}{unit} apart",
        )
    if isinstance(a, frozenset) and isinstance(b, frozenset):
        if a & b:
            return _compatible(a >= b, b >= a)
        return Relation(kind="contradict", reason="they name different values")
    return Relation(kind="contradict", reason="one holds what the other says does not")


def _compatible(a_contains_b: bool, b_contains_a: bool) -> Relation:
    contains: Side | None = "first" if a_contains_b else "second" if b_contains_a else None
    # The reason stays side-neutral so that mirroring a relation only swaps ``contains``.
    reason = (
        "they overlap: some values fit both"
        if contains is None
        else "one allows every value the other does, and more"
    )
    return Relation(kind="compatible", contains=contains, reason=reason)


def compare_claims(a: Claim, b: Claim, resolve: Callable[[str], str] | None = None) -> Relation:
    """Compare two claims, taking their stance into account (see :func:`compare`)."""
    va, vb = a.value, b.value
    # Denying a proposition asserts its negation: fold the stance into the value.
    if isinstance(va, Proposition) and a.stance == "denies":
        va, a = attrs.evolve(va, holds=not va.holds), attrs.evolve(a, stance="asserts")
    if isinstance(vb, Proposition) and b.stance == "denies":
        vb, b = attrs.evolve(vb, holds=not vb.holds), attrs.evolve(b, stance="asserts")
    sa, sb = allowed(va, resolve), allowed(vb, resolve)
    if a.stance == b.stance == "asserts":
        return _compare_allowed(sa, sb)
    if sa is None or sb is None:
        return Relation(kind="unknown", reason="one side gives no information")
    if a.stance == b.stance == "denies":
        if sa == sb:
            return Relation(kind="equal", reason="both deny the same values")
        return Relation(kind="compatible", reason="two denials never exclude each other")
    asserted, denied = (sa, sb) if a.stance == "asserts" else (sb, sa)
    if subset(asserted, denied):
        return Relation(kind="contradict", reason="one denies everything the other asserts")
    if _compare_allowed(asserted, denied).kind == "unknown":
        return Relation(kind="unknown", reason="they measure different kinds of thing")
    return Relation(kind="compatible", reason="what is denied leaves room for what is asserted")


def compare(
    a: Value | Claim, b: Value | Claim, *, resolve: Callable[[str], str] | None = None
) -> Relation:
    """How ``a`` and ``b`` relate: ``equal``, ``compatible``, ``contradict`` or ``unknown``.

    Values are compared as the sets of truths they allow: "at least ten" and "fourteen" are
    compatible (the first contains the second); 40 and 50 contradict with a gap of 10
    (relative 0.2); "Unknown" relates to nothing. Claims are compared by their values and
    stance: a claim denying "the army advanced" contradicts one asserting it. The relation is
    symmetric: ``compare(b, a) == compare(a, b).mirrored()``.

    Args:
        a: a value or a claim.
        b: a value or a claim (claims and values may not be mixed).
        resolve: maps category members to canonical names (actor ids), so that "FAMa" and
            "Malian army" compare equal; :meth:`ActorIndex.resolve` fits.

    Returns:
        The :class:`Relation`.

    Raises:
        TypeError: when one is a claim and the other a value.
    """
    if isinstance(a, Claim) and isinstance(b, Claim):
        return compare_claims(a, b, resolve)
    if isinstance(a, Claim) or isinstance(b, Claim):
        raise TypeError(f"compare takes two values or two claims, got {a!r} and {b!r}")
    return _compare_allowed(allowed(a, resolve), allowed(b, resolve))
