"""The date grammar: how a source's words for a day, a span or a bound become a DateValue.

Rules work on folded text (``_text.fold``). A text is tried, in order, as EDTF, as
alternatives ("1959 or 1966"), as a range or a single date, as a bound ("by October 31",
"since 2014") and as an approximate date ("around 14 November"). docs/values.md lists every
form and what it gives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import attrs

from ._edtf import alternatives, month_span, parse_edtf, season_span, to_edtf, year_span
from ._errors import ValueParseError
from ._policy import ValuePolicy
from ._text import fold
from ._values import DateValue, Precision, Qualifier

# parse_edtf and to_edtf live in _edtf; they are re-exported here because callers look for
# the date grammar's EDTF functions next to it.
__all__ = ["MESSAGE", "MONTHS", "NEEDS_YEAR", "parse_date", "parse_edtf", "to_edtf"]

MESSAGE = "expected a date such as '14 November 2023', '2023-11' or 'late October 2023', got {!r}"
NEEDS_YEAR = "a date without a year needs the claim's context year, got {!r}"

_MONTH_NAMES = (
    "january jan february feb march mar april apr may june jun july jul august aug"
    " september sep sept october oct november nov december dec",
    "janvier janv février fevrier févr fevr mars avril avr mai juin juillet juil août aout"
    " septembre octobre novembre décembre decembre déc",
)
_NUMBERS = (1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 6, 7, 7, 8, 8, 9, 9, 9, 10, 10, 11, 11, 12, 12)
_FR_NUMBERS = (1, 1, 2, 2, 2, 2, 3, 4, 4, 5, 6, 7, 7, 8, 8, 9, 10, 11, 12, 12, 12)
MONTHS: dict[str, int] = {
    **dict(zip(_MONTH_NAMES[0].split(), _NUMBERS, strict=True)),
    **dict(zip(_MONTH_NAMES[1].split(), _FR_NUMBERS, strict=True)),
}
_WEEKDAY_NAMES = (
    "monday tuesday wednesday thursday friday saturday sunday",
    "lundi mardi mercredi jeudi vendredi samedi dimanche",
)
_WEEKDAYS: dict[str, int] = {
    **{d: i for i, d in enumerate(_WEEKDAY_NAMES[0].split())},
    **{d: i for i, d in enumerate(_WEEKDAY_NAMES[1].split())},
}
_PARTS: dict[str, str] = {
    **dict.fromkeys(["early", "beginning of", "the beginning of", "début", "debut"], "early"),
    **dict.fromkeys(["mid", "middle of", "the middle of", "mi"], "mid"),
    **dict.fromkeys(["late", "end of", "the end of", "fin"], "late"),
}
_SEASON_CODES: dict[str, int] = {
    "spring": 21, "printemps": 21, "summer": 22, "été": 22, "ete": 22,
    "autumn": 23, "fall": 23, "automne": 23, "winter": 24, "hiver": 24,
}  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_M = rf"(?P<month>{_alt(MONTHS)})\.?"
_D = r"(?P<day>[0-9]{1,2})(?:er|st|nd|rd|th)?"
_Y = r"(?P<year>[0-9]{4})"
_WD = rf"(?:(?P<weekday>{_alt(_WEEKDAYS)}),? )?"
_ART = r"(?:the |le )?"
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("day", rf"{_WD}{_ART}{_D}(?: of)? {_M}(?:,? {_Y})?"),
        ("day", rf"{_WD}{_M} (?:the )?{_D}(?:,? {_Y})?"),
        ("part", rf"(?P<part>{_alt(_PARTS)})(?:-| )(?:of )?{_M}(?:,? {_Y})?"
                 r"(?: \((?P<d1>[0-9]{1,2})\u2013(?P<d2>[0-9]{1,2})\))?"),
        ("month", rf"{_M}(?:,? {_Y})?"),
        ("season", rf"(?:the |l')?(?P<season>{_alt(_SEASON_CODES)})(?: of| de)? {_Y}"
                   r"(?: ?[/\u2013-] ?(?P<year2>[0-9]{2}|[0-9]{4}))?"),
        ("year", _Y),
        ("iso", r"[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?"),
    )
)  # fmt: skip
# Only as the first end of a range, completed by the other end: "16" in "16-21 May",
# "14, 2023" in "November 10-14, 2023".
_RANGE_ENDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day", re.compile(rf"{_ART}{_D}")),
    ("day", re.compile(rf"{_D}, {_Y}")),
)
_SEP = re.compile(r" ?[\u2013-] ?| (?:to|and|et|au|à|until|till|through|thru) (?:le )?")
_NIGHT_SEPS = frozenset({"to", "and", "\u2013", "-", "au", "et"})
_OPENERS: tuple[tuple[str, frozenset[str], bool], ...] = (
    ("the night between", frozenset({"and"}), True),
    ("on the night of", _NIGHT_SEPS, True),
    ("the night of", _NIGHT_SEPS, True),
    ("night of", _NIGHT_SEPS, True),
    ("dans la nuit du", frozenset({"au"}), True),
    ("la nuit du", frozenset({"au"}), True),
    ("la nuit entre le", frozenset({"et"}), True),
    ("la nuit entre", frozenset({"et"}), True),
    ("between", frozenset({"and"}), False),
    ("entre le", frozenset({"et"}), False),
    ("entre", frozenset({"et"}), False),
    ("from", frozenset({"to", "\u2013", "-", "until", "till", "through", "thru"}), False),
    ("du", frozenset({"au"}), False),
    ("de", frozenset({"à"}), False),
    ("", frozenset({"\u2013", "-", "to", "through", "thru"}), False),
)
_LEADS = ("on the ", "on ", "in ", "en ", "during ", "au cours de ")
# (phrase, qualifier, strict): "before X" excludes X, "by X" includes it.
_BOUNDS: tuple[tuple[str, Qualifier, bool], ...] = (
    ("no later than", "at_most", False), ("not later than", "at_most", False),
    ("au plus tard le", "at_most", False), ("au plus tard", "at_most", False),
    ("by", "at_most", False), ("before", "at_most", True), ("prior to", "at_most", True),
    ("avant le", "at_most", True), ("avant", "at_most", True),
    ("no earlier than", "at_least", False), ("not earlier than", "at_least", False),
    ("since", "at_least", False), ("from", "at_least", False), ("depuis le", "at_least", False),
    ("depuis", "at_least", False), ("à partir du", "at_least", False),
    ("à partir de", "at_least", False), ("à compter du", "at_least", False),
    ("after", "at_least", True), ("après le", "at_least", True), ("après", "at_least", True),
)  # fmt: skip
_APPROXIMATE = ("approximately", "around", "about", "circa", "c.", "ca.", "vers le", "vers")
_HEDGE = re.compile(rf"\s*(?:{'|'.join(map(re.escape, _APPROXIMATE))})\s+", re.IGNORECASE)
_CITATIONS = re.compile(r"(?: ?\[[0-9]+\])+$")


class _NeedsYearError(Exception):
    """A date matched the grammar but names no year and no context year was given."""


@attrs.frozen(kw_only=True)
class _Partial:
    """One date as written, before a year (maybe borrowed) turns it into days."""

    kind: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    part: str | None = None
    days: tuple[int, int] | None = None
    season: int | None = None
    weekday: int | None = None
    iso: str | None = None


@attrs.frozen
class _Span:
    low: dt.date
    high: dt.date
    precision: Precision


def _partial(s: str, range_end: bool) -> _Partial | None:
    for kind, pattern in _FORMS + (_RANGE_ENDS if range_end else ()):
        m = pattern.fullmatch(s)
        if m is None:
            continue
        g = m.groupdict()
        if kind == "iso":
            return _Partial(kind=kind, iso=s, year=int(s[:4]))
        day = int(g["day"]) if g.get("day") else None
        if day is not None and not 1 <= day <= 31:
            return None
        season = _SEASON_CODES[g["season"]] if g.get("season") else None
        if g.get("year2"):
            # Only winter straddles two years: "winter 2023/24", "hiver 2023-2024".
            year, year2 = int(g["year"]), g["year2"]
            if season != 24 or int(year2) not in (year + 1, (year + 1) % 100):
                return None
        elif season == 24:
            return None  # "winter 2023" could end either 2023's or 2024's winter: refused
        return _Partial(
            kind=kind,
            day=day,
            month=MONTHS[g["month"]] if g.get("month") else None,
            year=int(g["year"]) if g.get("year") else None,
            part=_PARTS[g["part"]] if g.get("part") else None,
            days=(int(g["d1"]), int(g["d2"])) if g.get("d1") else None,
            season=season,
            weekday=_WEEKDAYS[g["weekday"]] if g.get("weekday") else None,
        )
    return None


def _resolve(
    p: _Partial, context: int | None, policy: ValuePolicy, year: int | None = None
) -> _Span | None:
    """``p`` in days: in ``year`` (an end of a range may borrow the other's), else in its own,
    else in the context year."""
    if year is None:
        year = p.year if p.year is not None else context
    if year is None:
        raise _NeedsYearError
    try:
        return _days(p, year, policy)
    except (ValueError, OverflowError):  # 30 February, year 0
        return None


def _days(p: _Partial, year: int, policy: ValuePolicy) -> _Span | None:
    if p.iso is not None:
        v = parse_edtf(p.iso)
        assert v.low is not None
        assert v.high is not None
        return _Span(v.low, v.high, v.precision)
    if p.kind == "year":
        return _Span(*year_span(year), "year")
    if p.kind == "season":
        assert p.season is not None
        return _Span(*season_span(year, p.season), "season")
    assert p.month is not None
    first, last = month_span(year, p.month)
    if p.kind == "month":
        return _Span(first, last, "month")
    if p.kind == "day":
        assert p.day is not None
        day = dt.date(year, p.month, p.day)
        if p.weekday is not None and p.weekday != day.weekday():
            return None
        return _Span(day, day, "day")
    lo, hi = (
        p.days
        or {
            "early": (1, policy.early_days),
            "mid": (policy.early_days + 1, policy.late_from - 1),
            "late": (policy.late_from, last.day),
        }[p.part or ""]
    )
    if not 1 <= lo <= hi <= last.day:
        return None
    return _Span(first.replace(day=lo), first.replace(day=hi), "part_of_month")


def _combine(a: _Partial, b: _Partial, context: int | None, policy: ValuePolicy) -> _Span | None:
    """Join two ends of a range, each borrowing what it lacks from the other."""
    if a.kind == "day" and a.month is None:
        a = attrs.evolve(a, month=b.month)  # "16-21 May"
    if b.kind == "day" and b.month is None:
        b = attrs.evolve(b, month=a.month)  # "November 10-14"
    if (a.kind == "day" and a.month is None) or (b.kind == "day" and b.month is None):
        return None
    year_a = a.year if a.year is not None else b.year
    year_b = b.year if b.year is not None else year_a
    lo = _resolve(a, context, policy, year_a)
    hi = _resolve(b, context, policy, year_b)
    crosses_new_year = a.month is not None and b.month is not None and a.month > b.month
    if lo and hi and a.year is None and b.year is not None and crosses_new_year:
        # "28 December - 2 January 2014": the first end is in the year before.
        lo = _resolve(a, context, policy, b.year - 1)
    if lo is None or hi is None or lo.low > hi.low or lo.high > hi.high:
        return None
    precision = lo.precision if lo.precision == hi.precision else "interval"
    return _Span(lo.low, hi.high, precision)


def _range(s: str, context: int | None, policy: ValuePolicy) -> _Span | None:
    for opener, seps, night in _OPENERS:
        if opener and not s.startswith(opener + " "):
            continue
        rest = s[len(opener) :].strip()
        for m in _SEP.finditer(rest):
            if m.group().strip().removesuffix(" le") not in seps:
                continue
            a = _partial(rest[: m.start()], range_end=True)
            b = _partial(rest[m.end() :], range_end=True)
            if a is None or b is None:
                continue
            span = _combine(a, b, context, policy)
            if span is None:
                continue
            if night and (span.precision != "day" or (span.high - span.low).days != 1):
                continue  # a night runs from one day into the next
            return span
    return None


def _span(s: str, context: int | None, policy: ValuePolicy) -> tuple[_Span, Qualifier] | None:
    for lead in _LEADS:
        s = s.removeprefix(lead)
    span = _range(s, context, policy)
    if span is not None:
        return span, "range"
    p = _partial(s, range_end=False)
    span = None if p is None else _resolve(p, context, policy)
    return None if span is None else (span, "exact")


def _value(s: str, text: str, context: int | None, policy: ValuePolicy) -> DateValue | None:
    found = _span(s, context, policy)
    if found is not None:
        span, qualifier = found
        return DateValue(
            low=span.low, high=span.high, text=text, precision=span.precision, qualifier=qualifier
        )
    for phrase, bound, strict in _BOUNDS:
        if s.startswith(phrase + " ") and (found := _span(s[len(phrase) + 1 :], context, policy)):
            span = found[0]
            one = dt.timedelta(days=1)
            if bound == "at_most":
                low, high = None, span.low - one if strict else span.high
            else:
                low, high = span.high + one if strict else span.low, None
            return DateValue(
                low=low, high=high, text=text, precision=span.precision, qualifier=bound
            )
    for phrase in _APPROXIMATE:
        if s.startswith(phrase + " ") and (found := _span(s[len(phrase) + 1 :], context, policy)):
            span = found[0]
            return DateValue(
                low=span.low, high=span.high, text=text, precision=span.precision,
                qualifier="approximate",
            )  # fmt: skip
    return None


def _alternatives(text: str, context: int | None, policy: ValuePolicy) -> DateValue | None:
    # "born around 1959 or 1966": a leading hedge applies to every option.
    hedge = _HEDGE.match(text)
    rest = text[hedge.end() :] if hedge else text
    parts = re.split(r"\s+(?:or|ou)\s+", rest.strip(), flags=re.IGNORECASE)
    if len(parts) < 2:
        return None
    found = [_parse(part, context, policy) for part in parts]
    options = tuple(
        attrs.evolve(o, qualifier="approximate") if hedge else o
        for o in found
        if o is not None and o.qualifier in ("exact", "approximate", "range")
    )
    if len(options) < len(parts):
        return None
    return alternatives(options, text)


def _parse(text: str, context: int | None, policy: ValuePolicy) -> DateValue | None:
    s = _CITATIONS.sub("", fold(text)).rstrip(".,").strip()
    if s and re.fullmatch(r"[0-9~?%./\[\], -]+", s):
        try:
            return attrs.evolve(parse_edtf(s), text=text)
        except ValueParseError:
            pass  # "2014-2016" is not EDTF but is a range of years
    return _alternatives(text, context, policy) or _value(s, text, context, policy)


def parse_date(text: str, *, policy: ValuePolicy, year: int | None) -> DateValue:
    """Read a date, a span of days, a bound on one, or alternatives.

    Args:
        text: the source's words, or EDTF.
        policy: how many days "early" and "late" in a month cover.
        year: the claim's context year, for dates written without one ("early December").

    Returns:
        The date value, keeping ``text`` exactly as given.

    Raises:
        ValueParseError: if the text fits no form, or names no year and ``year`` is ``None``.
    """
    try:
        value = _parse(text, year, policy)
    except _NeedsYearError:
        raise ValueParseError(NEEDS_YEAR.format(text)) from None
    except OverflowError:  # "before 0001-01-01"
        value = None
    if value is None:
        raise ValueParseError(MESSAGE.format(text))
    return value
