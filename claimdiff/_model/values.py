"""Typed values: what a claim says, with the bounds it allows and the words it was said in.

Every value keeps the source's own text (``text``) and exposes ``low`` and ``high``. A value
denotes a *set of possible truths*: an interval of numbers or days, a set of categories, a truth
value, or everything (``Unknown``). Comparison and reconciliation work on those sets only, so two
values that allow the same truths compare equal in substance whatever words they came in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import ClassVar, Literal, TypeAlias

import attrs

Number: TypeAlias = int | float

#: How a numeric or date value was qualified by its source.
Qualifier: TypeAlias = Literal[
    "exact",  # "40", "14 November 2023"
    "approximate",  # "about 1,000", "une cinquantaine"
    "at_least",  # "at least ten", "31+", "more than 30", "since 2014"
    "at_most",  # "up to 50", "fewer than 10", "by October 31"
    "range",  # "150-200", "16-21 May 2014", "between 150 and 200"
    "vague",  # "dozens", "several", "heavy losses"
    "alternatives",  # "1959 or 1966"
]

#: The finest unit a date value was given in.
Precision: TypeAlias = Literal["day", "part_of_month", "month", "season", "year", "interval"]


def _members(members: Iterable[str]) -> frozenset[str]:
    return frozenset(members)


def _check_order(low: object, high: object) -> None:
    if low is not None and high is not None and low > high:  # type: ignore[operator]
        raise ValueError(f"low {low!r} is greater than high {high!r}")


@attrs.frozen(kw_only=True)
class Quantity:
    """A number, an interval of numbers, or a bound on one.

    ``low``/``high`` are inclusive; ``None`` means open on that side. ``nominal`` is the figure
    the source stated when it stated one ("about 1,000" has nominal 1000 and bounds from the
    policy's tolerance). ``options`` holds the alternatives of "1959 or 1966"; the value then
    allows exactly the union of its options and ``low``/``high`` are their hull.
    """

    kind: ClassVar[str] = "quantity"

    low: Number | None
    high: Number | None
    text: str = ""
    nominal: Number | None = None
    qualifier: Qualifier = "exact"
    options: tuple[Quantity, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_order(self.low, self.high)

    @classmethod
    def exact(cls, n: Number, text: str | None = None) -> Quantity:
        """A single figure, as in "40 killed"."""
        return cls(low=n, high=n, nominal=n, text=str(n) if text is None else text)


@attrs.frozen(kw_only=True)
class DateValue:
    """A day, a span of days, or a bound on one, with the precision the source used.

    ``low``/``high`` are inclusive days; ``None`` means open ("since 2014" has no ``high``).
    "November 2023" is ``2023-11-01``–``2023-11-30`` with precision ``month``.

    Args:
        low: the first day allowed, or ``None`` when open below.
        high: the last day allowed, or ``None`` when open above.
        text: the source's own words.
        precision: the finest unit the source used.
        qualifier: how the source qualified the date.
        options: the alternatives of "1959 or 1966".
        uncertain: EDTF's ``?`` (``%`` with the qualifier ``approximate``): the source
            doubts the date; the bounds stay the days it names, and reports say "uncertain".
    """

    kind: ClassVar[str] = "date"

    low: dt.date | None
    high: dt.date | None
    text: str = ""
    precision: Precision = "day"
    qualifier: Qualifier = "exact"
    options: tuple[DateValue, ...] = ()
    uncertain: bool = False

    def __attrs_post_init__(self) -> None:
        _check_order(self.low, self.high)

    @classmethod
    def day(cls, day: dt.date, text: str | None = None) -> DateValue:
        """One known day."""
        return cls(low=day, high=day, text=day.isoformat() if text is None else text)


@attrs.frozen(kw_only=True)
class Category:
    """One of a set of labels: a controller, an outcome.

    ``members`` are the labels the source allows (normally one; "the MNLA or the HCUA" gives
    two). Actor names are resolved to actor ids when a dataset is loaded.
    """

    kind: ClassVar[str] = "category"

    members: frozenset[str] = attrs.field(converter=_members)
    text: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.members:
            raise ValueError("a category needs at least one member")

    @property
    def low(self) -> tuple[str, ...]:
        """The members, sorted: a category's bounds are its members."""
        return tuple(sorted(self.members))

    @property
    def high(self) -> tuple[str, ...]:
        """The members, sorted: a category's bounds are its members."""
        return self.low


@attrs.frozen(kw_only=True)
class Proposition:
    """A statement that holds or not: "the army advanced further toward Kidal"."""

    kind: ClassVar[str] = "proposition"

    holds: bool = True
    text: str = ""

    @property
    def low(self) -> bool:
        """A proposition's bounds are its truth value."""
        return self.holds

    @property
    def high(self) -> bool:
        """A proposition's bounds are its truth value."""
        return self.holds


@attrs.frozen(kw_only=True)
class Unknown:
    """The source said it does not know ("Unknown", "unclear"): no information at all."""

    kind: ClassVar[str] = "unknown"

    text: str = "unknown"

    @property
    def low(self) -> None:
        """Unknown allows everything: no bound."""
        return None

    @property
    def high(self) -> None:
        """Unknown allows everything: no bound."""
        return None


#: Every value a claim can carry.
Value: TypeAlias = Quantity | DateValue | Category | Proposition | Unknown

VALUE_TYPES: tuple[type, ...] = (Quantity, DateValue, Category, Proposition, Unknown)
KINDS: dict[str, type] = {t.kind: t for t in VALUE_TYPES}  # type: ignore[attr-defined]


def said(value: Value) -> str:
    """A value's text as reports show it: the source's own words, and for a date the source
    marked uncertain (EDTF ``1984?``, ``1984%``) what the mark means, in words."""
    if isinstance(value, DateValue) and value.uncertain and "uncertain" not in value.text:
        both = value.qualifier == "approximate"
        return f"{value.text} ({'approximate and uncertain' if both else 'uncertain'})"
    return value.text
