"""The protocol a claim's value follows, for values of your own kind.

claimdiff's values (``Quantity``, ``DateValue``, ``Category``, ``Proposition``, ``Unknown``)
follow it, and so may any other: the reconciler compares values through the set of truths
each allows, which it reads from ``low`` and ``high`` (inclusive bounds on one axis of numbers
or of days; ``None`` for an open side). A value with bounds of another type (a string, a
tuple) cannot be placed on an axis and is refused where a claim is made, with the claim's id
and what is missing, rather than deep inside the reconciler.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol, runtime_checkable

from ..errors import ClaimdiffTypeError
from .values import VALUE_TYPES

__all__ = ["Value", "check_value"]


@runtime_checkable
class Value(Protocol):
    """What a claim's value offers: its kind, its bounds and the words it was said in.

    Implement it to reconcile values of your own (an amount of money, a distance): claims whose
    values allow no common truth contradict, ranges span the bounds, and the report shows
    ``text``. ``isinstance(x, claimdiff.Value)`` tells whether ``x`` has the four attributes.

    Attributes:
        kind: the kind of value (``quantity``, ``date``, or a name of your own such as
            ``money``); claims of different kinds in one group are a ``mixed-kinds`` finding.
        low: the lowest truth the value allows: an ``int``, ``float`` or ``datetime.date``
            (inclusive), or ``None`` when open below.
        high: the highest, likewise; ``None`` when open above.
        text: the source's own words (``"10 to 20 dollars"``).

    For example, amounts of money::

        >>> import attrs, claimdiff
        >>> @attrs.frozen
        ... class Money:
        ...     low: float | None
        ...     high: float | None
        ...     text: str = ""
        ...     kind = "money"
        >>> report = claimdiff.reconcile([
        ...     claimdiff.Claim(id="a", event="e", measure="cost", value=Money(10, 20, "$10-20")),
        ...     claimdiff.Claim(id="b", event="e", measure="cost", value=Money(30, 30, "$30")),
        ... ])
        >>> report.groups[0].verdict, report.groups[0].range.text
        ('contradiction', '10–30')

    mypy knows claimdiff's own value types only: a value of your own needs a
    ``typing.cast`` where a :class:`Claim` is made.
    """

    @property
    def kind(self) -> str:
        """The kind of value."""

    @property
    def low(self) -> Any:
        """The lowest truth allowed, or ``None``."""

    @property
    def high(self) -> Any:
        """The highest truth allowed, or ``None``."""

    @property
    def text(self) -> str:
        """The source's own words."""


def _bound(x: object) -> bool:
    return x is None or (isinstance(x, int | float | dt.date) and not isinstance(x, bool))


def value_problem(value: object) -> str | None:
    """What ``value`` lacks to be a claim's value, or ``None`` when it is one."""
    if isinstance(value, VALUE_TYPES):
        return None
    missing = [name for name in ("kind", "low", "high", "text") if not hasattr(value, name)]
    if missing:
        hint = (
            " (parse text with claimdiff.parse_value(text, kind))" if isinstance(value, str) else ""
        )
        return (
            f"{value!r} is a {type(value).__name__}, not a value: it has no "
            f"{', '.join(missing)}{hint}"
        )
    if not isinstance(value.kind, str):  # type: ignore[attr-defined]
        return f"{value!r} has a kind that is not a string: {value.kind!r}"  # type: ignore[attr-defined]
    for side in ("low", "high"):
        bound = getattr(value, side)
        if not _bound(bound):
            return (
                f"{value!r} has {side} {bound!r}; bounds are numbers, days (datetime.date) or None"
            )
    return None


def check_value(claim_id: object, value: object) -> None:
    """Refuse a value that does not follow :class:`Value`.

    Raises:
        ClaimdiffTypeError: naming the claim and what the value lacks.
    """
    problem = value_problem(value)
    if problem is not None:
        raise ClaimdiffTypeError(f"claim {claim_id!r}: {problem}")
