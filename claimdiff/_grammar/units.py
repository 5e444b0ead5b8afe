"""Figures with a unit: percents and durations, read by the count grammar and kept as quantities.

A percent is a :class:`Quantity` of percentage points ("80%" is 80); a duration is a
:class:`Quantity` of days ("five weeks" is 35). The measure's kind says which unit a
quantity is in, as ``count`` says a quantity is of whole things, so both reconcile, render and
round-trip exactly like other quantities: ``format_value`` writes the bare figure and
``parse_value(text, "percent")`` or ``"duration"`` reads it back in that unit.

A duration keeps the precision it was given in through its bounds: a week is 7 days, but a
month is 28 to 31 days and a year 365 to 366, so "2 months" allows 56-62 days and "1 month and
4 days" 32-35. docs/values.md has the table.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Callable
from fractions import Fraction

from .._model.policy import ValuePolicy
from .._model.values import Number, Quantity
from ..errors import ValueParseError
from .nouns import DURATION_UNITS, PERCENT_PHRASES, split_words
from .numbers import as_number, figures, tokenize, word
from .quantities import parse_quantity, unread_after

_PERCENT = tuple(tuple(tokenize(p)) for p in PERCENT_PHRASES)
# The words that join the parts of "1 month and 4 days", "un mois et quatre jours", ...
_JOINERS = frozenset({"and", "et", "y", "e", "und", "en", ","})
# "a week", "un mois", "eine Woche": the article is one.
_ONE = frozenset(split_words("a an one un une uno una um uma ein eine einen een"))


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces, so token offsets stay where they were."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def parse_percent(text: str, *, policy: ValuePolicy) -> Quantity:
    """Read a percent: "80%", "about 40 per cent", "30–40 %", "plus de 20 pour cent".

    The sign or word may follow each figure or the last one, or be left out (the measure says
    it is a percent): "80" reads as 80 %. The figure grammar is that of a plain quantity.

    Args:
        text: the source's words.
        policy: tolerance, lexicon and trailing words.

    Returns:
        A quantity of percentage points, keeping ``text``.

    Raises:
        ValueParseError: if the text is no figure expression once its percent signs are read.
    """
    ts = tokenize(text)
    spans = []
    i = 0
    while i < len(ts):
        for phrase in _PERCENT:
            end = i + len(phrase)
            if tuple(t.norm for t in ts[i:end]) == tuple(t.norm for t in phrase):
                spans.append((ts[i].start, ts[end - 1].end))
                i = end
                break
        else:
            i += 1
    blanked = _blank(text, spans)
    return _with_text(
        _reword(lambda: parse_quantity(blanked, count=False, policy=policy), blanked, text), text
    )


def _reword(read: Callable[[], Quantity], blanked: str, text: str) -> Quantity:
    """``read()``, with a refusal naming the source's text rather than the blanked one."""
    try:
        return read()
    except ValueParseError as e:
        raise ValueParseError(str(e).replace(repr(blanked), repr(text))) from None


def _with_text(q: Quantity, text: str) -> Quantity:
    return Quantity(
        low=q.low,
        high=q.high,
        text=text,
        nominal=q.nominal,
        qualifier=q.qualifier,
        options=q.options,
    )


def _frac(n: Number | None) -> Fraction | None:
    return None if n is None else Fraction(str(n)) if isinstance(n, float) else Fraction(n)


def _num(v: Fraction | None) -> Number | None:
    return None if v is None else as_number(v)


#: Months in a unit of the calendar: its days depend on which months it runs over.
_CALENDAR_UNITS: dict[tuple[Fraction, Fraction], int] = {
    (Fraction(28), Fraction(31)): 1,
    (Fraction(365), Fraction(366)): 12,
}


@functools.cache
def _month_lengths() -> tuple[int, ...]:
    # The Gregorian calendar repeats every 400 years (4,800 months).
    return tuple(calendar.monthrange(2000 + m // 12, m % 12 + 1)[1] for m in range(4800))


@functools.cache
def calendar_span(months: int) -> tuple[int, int]:
    """The fewest and most days in any ``months`` consecutive calendar months: 3 months are
    89 to 92 days, not 84 to 93, and 12 are 365 to 366."""
    lengths = _month_lengths()
    cycles, rest = divmod(months, len(lengths))
    if rest == 0:
        return cycles * 146097, cycles * 146097
    ring = lengths + lengths[:rest]
    total = sum(ring[:rest])
    low = high = total
    for start in range(1, len(lengths)):
        total += ring[start + rest - 1] - ring[start - 1]
        low, high = min(low, total), max(high, total)
    return cycles * 146097 + low, cycles * 146097 + high


def unit_days(
    value: Fraction, low_days: Fraction, high_days: Fraction
) -> tuple[Fraction, Fraction]:
    """The fewest and most days ``value`` of a unit allows: whole months and years by the
    calendar's consecutive months, other figures by the unit's shortest and longest."""
    months = _CALENDAR_UNITS.get((low_days, high_days))
    if months is not None and value.denominator == 1 and value >= 0:
        low, high = calendar_span(int(value) * months)
        return Fraction(low), Fraction(high)
    return value * low_days, value * high_days


def _in_days(q: Quantity, low_days: Fraction, high_days: Fraction, text: str) -> Quantity:
    """A quantity in a unit turned into days: each bound by the unit's shortest or longest."""
    low, high, nominal = _frac(q.low), _frac(q.high), _frac(q.nominal)
    precise = low_days == high_days
    qualifier = q.qualifier
    if not precise and qualifier == "exact":
        qualifier = "range"  # "2 months" is 56-62 days, no single figure
    options: tuple[Quantity, ...] = ()
    if q.options and precise:
        options = tuple(_in_days(o, low_days, high_days, o.text) for o in q.options)
    elif q.options:
        qualifier = "range"  # "two or three months": the hull, for a month has no one length
    return Quantity(
        low=_num(None if low is None else unit_days(low, low_days, high_days)[0]),
        high=_num(None if high is None else unit_days(high, low_days, high_days)[1]),
        text=text,
        nominal=_num(nominal * low_days) if precise and nominal is not None else None,
        qualifier=qualifier,
        options=options,
    )


def parse_duration(text: str, *, policy: ValuePolicy) -> Quantity:
    """Read a duration in days: "five weeks", "48 hours", "about 3 months", "1 month and 4 days".

    A bare figure is in days (what ``format_value`` writes). One unit after a figure
    expression scales its bounds; several units ("1 month and 4 days") add whole figures.

    Args:
        text: the source's words.
        policy: tolerance, lexicon and trailing words.

    Returns:
        A quantity of days, keeping ``text``.

    Raises:
        ValueParseError: if the text is no duration: the units do not follow figures, a part of
            a compound duration is not a whole figure, or a word is not accounted for.
    """
    ts = tokenize(text)
    units = [k for k, t in enumerate(ts) if t.kind == "word" and t.norm in DURATION_UNITS]
    if not units:
        return parse_quantity(text, count=False, policy=policy)
    message = f"expected a duration such as 'five weeks' or '1 month and 4 days', got {text!r}"
    if len(units) == 1:
        k = units[0]
        if k == 0:
            raise ValueParseError(message)
        low_days, high_days = DURATION_UNITS[ts[k].norm]
        blanked = _blank(text, [(ts[k].start, ts[k].end)])
        if k == 1 and word(ts, 0) in _ONE:  # "a week", "un mois": the article is one
            blanked = _blank(blanked, [(ts[0].start, ts[0].end)])
            blanked = blanked[: ts[0].start] + "1" + blanked[ts[0].start + 1 :]
        q = _reword(lambda: parse_quantity(blanked, count=False, policy=policy), blanked, text)
        return _in_days(q, low_days, high_days, text)
    # A compound: "1 month and 4 days", "2 weeks, 3 days": whole figures, each with its unit.
    low = high = Fraction(0)
    start = 0
    for n, k in enumerate(units):
        i = start
        while i < k and ts[i].norm in _JOINERS and n > 0:
            i += 1
        if k - i == 1 and word(ts, i) in _ONE:
            value: Fraction | None = Fraction(1)
        else:
            reads = [f for f in figures(ts, i) if f.end == k]
            value = reads[0].value if reads else None
        if value is None:
            raise ValueParseError(f"{message}; each part of a compound duration is a figure")
        lo, hi = unit_days(value, *DURATION_UNITS[ts[k].norm])
        low, high = low + lo, high + hi
        start = k + 1
    unread = unread_after(text, start, policy)  # only words that do not change it may follow
    if unread is not None:
        raise ValueParseError(f"{message}; not read: {unread!r}")
    exact = low == high
    return Quantity(
        low=as_number(low),
        high=as_number(high),
        text=text,
        nominal=as_number(low) if exact else None,
        qualifier="exact" if exact else "range",
    )
