"""Public entry points: a value's text to a typed value, and a typed value to canonical text."""

from __future__ import annotations

import datetime as dt

from .._model.policy import DEFAULT_POLICY, ValuePolicy
from .._model.text import fold
from .._model.values import Category, DateValue, Number, Proposition, Quantity, Unknown, Value
from ..errors import AmbiguousFigureError, ValueParseError
from .dates import parse_date
from .edtf import last_day, to_edtf, unit
from .numbers import format_number
from .quantities import parse_quantity
from .units import parse_duration, parse_percent

#: What sources write when they do not know; any kind accepts these.
UNKNOWN_WORDS = frozenset(
    ["unknown", "unclear", "not known", "inconnu", "inconnue", "n/a", "non connu", "indéterminé"]
)
_TRUE = frozenset(["yes", "true", "oui", "vrai"])
_FALSE = frozenset(["no", "false", "non", "faux"])
KINDS = ("quantity", "count", "percent", "duration", "date", "category", "proposition")

# What a refusal of each numeric kind says was expected, as the grammar's own refusals do.
_EXPECTED = {
    "quantity": "a number, range or bound",
    "count": "a number, range or bound",
    "percent": "a number, range or bound",
    "duration": "a duration such as 'five weeks' or '1 month and 4 days'",
}


def parse_value(
    text: str,
    kind: str = "quantity",
    *,
    policy: ValuePolicy = DEFAULT_POLICY,
    year: int | None = None,
    reference: dt.date | None = None,
) -> Value:
    """Read the text of a claim's value as a typed value of ``kind``.

    Args:
        text: the value as the source gave it; kept verbatim in the result's ``text``.
        kind: ``"quantity"``, ``"count"`` (a quantity read as whole things: "more than 30" is
            at least 31, "up to 50" starts at 0), ``"percent"`` (a quantity of percentage
            points: "80%"), ``"duration"`` (a quantity of days: "five weeks" is 35),
            ``"date"``, ``"category"`` or ``"proposition"``.
        policy: how approximate and vague words and partial months become bounds.
        year: the claim's context year, for dates written without one.
        reference: the day relative dates ("yesterday", "Sunday") count from: the claim's
            ``stated`` date, else its first relay's ``published`` date.

    Returns:
        A :class:`Quantity` (for the four numeric kinds), :class:`DateValue`,
        :class:`Category`, :class:`Proposition`, or :class:`Unknown` when the text says the
        source does not know.

    Raises:
        ValueParseError: if ``text`` does not fit the grammar of ``kind``.
        ValueError: if ``kind`` is not one of the kinds above.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(map(repr, KINDS))}, got {kind!r}")
    folded = fold(text)
    if folded in UNKNOWN_WORDS:
        return Unknown(text=text)
    try:
        if kind in ("quantity", "count"):
            return parse_quantity(text, count=kind == "count", policy=policy)
        if kind == "percent":
            return parse_percent(text, policy=policy)
        if kind == "duration":
            return parse_duration(text, policy=policy)
    except AmbiguousFigureError as e:
        # The grammar notes an ambiguous figure where it reads one; a path that only looks
        # (a hint, a part of a compound duration) lets it through, and the refusal must still
        # name the whole text, as every other refusal does.
        raise ValueParseError(f"expected {_EXPECTED[kind]}, got {text!r}; {e}") from None
    if kind == "date":
        return parse_date(text, policy=policy, year=year, reference=reference)
    if kind == "category":
        members = [m.strip() for m in _split_members(text)]
        if not folded or not all(members):
            raise ValueParseError(
                f"expected a category such as 'MNLA' or 'MNLA or HCUA', got {text!r}"
            )
        return Category(members=frozenset(members), text=text)
    if not folded:
        raise ValueParseError(
            f"expected a proposition such as 'yes', 'no' or a statement, got {text!r}"
        )
    return Proposition(holds=folded not in _FALSE, text=text)


def _split_members(text: str) -> list[str]:
    # "MNLA or HCUA", "MNLA ou HCUA", "MNLA / HCUA"; a hyphen is part of a name ("CSP-PSD").
    parts = [text]
    for sep in (" or ", " ou ", " OR ", " OU ", "/"):
        parts = [piece for part in parts for piece in part.split(sep)]
    return parts


def format_value(value: Value) -> str:
    """Write ``value`` as canonical text that :func:`parse_value` reads back to the same bounds.

    Quantities: ``40``, ``150-200``, ``at least 31``, ``at most 50``, ``about 1000 (900-1100)``
    (the stated figure and its bounds, so re-reading does not depend on the policy),
    ``vague (24-199)``, ``1959 or 1966``; ranges are written with an en dash. Dates: EDTF,
    except parts of months, which EDTF cannot say (``late October 2023 (21-31)``), and
    alternatives (``1959 or 1966``). Read the text back with the kind the value was read
    with: ``at most 50`` is 0-50 as a count and open below as a quantity.

    Args:
        value: any value.

    Returns:
        The canonical text.

    Raises:
        ValueError: for a value no text can say (an approximate date open on one side,
            vague bounds open on both sides).
    """
    if isinstance(value, Quantity):
        return _format_quantity(value)
    if isinstance(value, DateValue):
        return _format_date(value)
    if isinstance(value, Category):
        return " or ".join(value.low)
    if isinstance(value, Proposition):
        return "yes" if value.holds else "no"
    return "unknown"


def _bounds(low: Number | None, high: Number | None) -> str:
    # Not model.words' range_text: this is canonical text the grammar reads back (plain
    # figures, "≥40" as one token, no thousands separators, no "open above"), not words for
    # people, so it keeps its own form and parse_value(format_value(v)) stays the law.
    if low is not None and high is not None:
        return f"{format_number(low)}\u2013{format_number(high)}"
    if low is not None:
        return f"≥{format_number(low)}"
    if high is not None:
        return f"≤{format_number(high)}"
    raise ValueError("a value open on both sides has no bounds to write")


def _format_quantity(q: Quantity) -> str:
    if q.qualifier == "alternatives":
        return " or ".join(_format_quantity(o) for o in q.options)
    if q.qualifier == "vague":
        return f"vague ({_bounds(q.low, q.high)})"
    if q.qualifier == "approximate":
        if q.nominal is None:
            return f"about {_bounds(q.low, q.high)}"
        return f"about {format_number(q.nominal)} ({_bounds(q.low, q.high)})"
    if q.qualifier == "at_least" and q.low is not None:
        return f"at least {format_number(q.low)}"
    if q.qualifier == "at_most" and q.high is not None:
        return f"at most {format_number(q.high)}"
    if q.qualifier != "range" and q.low is not None and q.low == q.high:
        return format_number(q.low)
    return _bounds(q.low, q.high)


# English names, not the locale's (calendar.month_name follows LC_TIME).
_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


def _format_date(v: DateValue) -> str:
    if v.qualifier == "alternatives":
        return " or ".join(_format_date(o) for o in v.options)
    low, high = v.low, v.high
    if (
        v.precision == "part_of_month"
        and not v.uncertain  # EDTF's "?" keeps it; the words have no mark for it
        and v.qualifier in ("exact", "approximate")
        and low is not None
        and high is not None
        and (low.year, low.month) == (high.year, high.month)
        and unit(low, high, v.precision) is None
    ):
        # EDTF has no part of a month: write the words, with the days so no policy is needed.
        end = last_day(high.year, high.month)
        part = "early" if low.day == 1 else "late" if high.day == end else "mid"
        text = f"{part} {_MONTH_NAMES[low.month - 1]} {low.year:04d} ({low.day}\u2013{high.day})"
        return f"about {text}" if v.qualifier == "approximate" else text
    return to_edtf(v)
