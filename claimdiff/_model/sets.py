"""The sets of possible truths that values denote, and the few operations the algebra needs.

A numeric or date value is a union of closed intervals on one axis (dates as day ordinals, open
sides as infinities); a category is a set of labels; a proposition is a truth value. Keeping
this in one place lets ``compare`` and the reconciler agree, by construction, on what "allows
the same truths" means.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TypeAlias

import attrs

from .values import Category, DateValue, Proposition, Quantity, Unknown, Value

Span: TypeAlias = tuple[float, float]

INF = math.inf


def _axis(bound: object, default: float) -> float:
    if bound is None:
        return default
    if isinstance(bound, dt.date):
        return float(bound.toordinal())
    return float(bound)  # type: ignore[arg-type]


@attrs.frozen
class Spans:
    """A union of closed intervals on one axis, merged and sorted. ``axis`` names the unit."""

    axis: str  # "quantity" or "date"
    parts: tuple[Span, ...]

    @property
    def low(self) -> float:
        return self.parts[0][0]

    @property
    def high(self) -> float:
        return self.parts[-1][1]

    def convex(self) -> bool:
        return len(self.parts) == 1

    def intersects(self, other: Spans) -> bool:
        return any(a <= d and c <= b for a, b in self.parts for c, d in other.parts)

    def contains(self, other: Spans) -> bool:
        return all(any(a <= c and d <= b for a, b in self.parts) for c, d in other.parts)

    def gap(self, other: Spans) -> tuple[float, float, float]:
        """The smallest distance between the two sets, with the two nearest endpoints."""
        best = (INF, 0.0, 0.0)
        for a, b in self.parts:
            for c, d in other.parts:
                if b < c:
                    best = min(best, (c - b, b, c))
                elif d < a:
                    best = min(best, (a - d, d, a))
        return best

    def holds(self, point: float) -> bool:
        return any(a <= point <= b for a, b in self.parts)


def _merge(parts: list[Span]) -> tuple[Span, ...]:
    parts.sort()
    merged: list[Span] = []
    for lo, hi in parts:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return tuple(merged)


def is_bound(x: object) -> bool:
    """Whether ``x`` is a bound on the number or date axis (``None`` meaning open)."""
    return x is None or (isinstance(x, (int, float, dt.date)) and not isinstance(x, bool))


def spans_of(value: Quantity | DateValue | object) -> Spans:
    """The intervals a numeric or date value allows.

    Any value type with numeric or date ``low``/``high`` (and optionally ``options``) works:
    that is the hook for custom value types. Numbers of another ``kind`` get their own axis,
    so a percentage never compares with a death toll; every date-bounded value shares the
    date axis.
    """
    low, high = getattr(value, "low", None), getattr(value, "high", None)
    if isinstance(low, dt.date) or isinstance(high, dt.date):
        axis = "date"
    else:
        axis = (
            "quantity" if isinstance(value, Quantity) else str(getattr(value, "kind", "quantity"))
        )
    options = getattr(value, "options", ())
    if not options:  # the common case: one interval, nothing to merge
        return Spans(axis, ((_axis(low, -INF), _axis(high, INF)),))
    parts = [(_axis(o.low, -INF), _axis(o.high, INF)) for o in options]
    return Spans(axis, _merge(parts))


#: What a value allows, in a form that can be compared: spans, labels, a truth value, or
#: ``None`` for no information.
Allowed: TypeAlias = "Spans | frozenset[str] | bool | None"


def allowed(value: Value | object, resolve: object = None) -> Allowed:
    """The set of truths ``value`` allows; category members pass through ``resolve`` if given."""
    if isinstance(value, (Quantity, DateValue)):
        return spans_of(value)
    if isinstance(value, Category):
        if callable(resolve):
            return frozenset(resolve(m) for m in value.members)
        return value.members
    if isinstance(value, Proposition):
        return value.holds
    if isinstance(value, Unknown):
        return None
    low, high = getattr(value, "low", None), getattr(value, "high", None)
    if hasattr(value, "kind") and is_bound(low) and is_bound(high):
        return None if low is None and high is None else spans_of(value)
    raise TypeError(f"not a claimdiff value: {value!r}")


def subset(a: Allowed, b: Allowed) -> bool:
    """Whether every truth ``a`` allows is also allowed by ``b`` (spans on one axis, or sets of
    labels); ``False`` for anything else, including spans on two axes."""
    if isinstance(a, Spans) and isinstance(b, Spans):
        return a.axis == b.axis and b.contains(a)
    if isinstance(a, frozenset) and isinstance(b, frozenset):
        return a <= b
    return False
