"""The date grammar: how a source's words for a day, a span or a bound become a DateValue.

A text is normalized (``_date_words.normalize``), then translated phrase by phrase into
canonical English by each language's lexicon in turn (``_grammar.date_words``); the rules below read
only that canonical English. A text is read in the first language where every word is known
and the rules accept it; otherwise it is refused, naming the words no language read.

In canonical form a text is tried, in order, as EDTF, as alternatives ("1959 or 1966"), as a
range or a single date, as a bound ("by October 31", "since 2014") and as an approximate date
("around 14 November"). A time of day is taken off first: it never narrows a value below a
day. Relative dates ("yesterday", "Sunday", "two days ago") are resolved against the claim's
reference day. docs/values.md lists every form and what it gives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import attrs

from .._model.policy import ValuePolicy
from .._model.values import DateValue, Precision, Qualifier
from ..errors import EdtfRefusedError, ValueParseError
from .date_words import (
    ENGLISH_MONTHS,
    ENGLISH_WEEKDAYS,
    LANGUAGES,
    Lexicon,
    lexicons,
    normalize,
)
from .edtf import (
    alternatives,
    month_span,
    parse_edtf,
    read_edtf,
    season_span,
    to_edtf,
    year_span,
)

# parse_edtf and to_edtf live in _edtf; they are re-exported here because callers look for
# the date grammar's EDTF functions next to it.
__all__ = [
    "MESSAGE", "NEEDS_REFERENCE", "NEEDS_YEAR", "parse_date", "parse_edtf", "to_edtf",
]  # fmt: skip

MESSAGE = "expected a date such as '14 November 2023', '2023-11' or 'late October 2023', got {!r}"
NEEDS_YEAR = "a date without a year needs the claim's context year, got {!r}"
NEEDS_REFERENCE = (
    "a relative date needs a reference day (the claim's 'stated' date or its first relay's"
    " 'published' date), got {!r}"
)
_UNREAD = "; did not read {}"
_AMBIGUOUS = (
    "{!r} could be day {a} of month {b} or day {b} of month {a}: write the month's name"
    " or ISO 8601 (YYYY-MM-DD)"
)

MONTHS: dict[str, int] = {name: n for n, name in enumerate(ENGLISH_MONTHS, 1)}
_WEEKDAYS: dict[str, int] = {name: n for n, name in enumerate(ENGLISH_WEEKDAYS)}
_PARTS: dict[str, str] = {"early": "early", "mid": "mid", "late": "late"}
_SEASON_CODES: dict[str, int] = {"spring": 21, "summer": 22, "autumn": 23, "winter": 24}


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_M = rf"(?P<month>{_alt(MONTHS)})\.?"
# Ordinal marks: 1st, 1er, 1re, 1º, 1.º, and German "22." (the dot makes a day ordinal).
_D = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th|er|re|\.?º|\.)?"
_Y = r"(?:of )?(?P<year>[0-9]{4})"
_WEEKDAY = _alt(_WEEKDAYS)
# "el pasado miércoles 21 de mayo": "last" adds nothing to a written day (its weekday is checked).
_WD = rf"(?:(?:last )?(?P<weekday>{_WEEKDAY}),? )?"
_ART = r"(?:the )?"
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        # A weekday after the date: Turkish "30 Nisan 2054 Perşembe".
        ("day", rf"{_WD}{_ART}{_D}(?: of)? {_M}(?:,? {_Y})?(?:,? (?P<weekday2>{_WEEKDAY}))?"),
        ("day", rf"{_WD}{_M} (?:the )?{_D}(?:,? {_Y})?"),
        # Dots are written day first ("22.07.2014", Czech "10. 8. 2083"); slashes either way.
        ("day", r"(?P<day>[0-9]{1,2})\. ?(?P<nmonth>[0-9]{1,2})\. ?(?P<year>[0-9]{4})"),
        ("numeric", r"(?P<a>[0-9]{1,2})(?P<sep>[/-])(?P<b>[0-9]{1,2})(?P=sep)(?P<year>[0-9]{4})"),
        # Year first reads one way only: "2014/07/22", "2014.07.22".
        ("day", r"(?P<year>[0-9]{4})(?P<sep>[/.])(?P<nmonth>[0-9]{1,2})(?P=sep)"
                r"(?P<day>[0-9]{1,2})"),
        ("day", rf"{_D}-{_M}-(?P<year>[0-9]{{4}})"),  # "22-Jul-2014"
        ("part", rf"(?P<part>{_alt(_PARTS)})(?:-| )(?:of )?{_M}(?:,? {_Y})?"
                 r"(?: \((?P<d1>[0-9]{1,2})\u2013(?P<d2>[0-9]{1,2})\))?"),
        ("month", rf"{_M}(?:,? {_Y})?"),
        ("season", rf"(?:the )?(?P<season>{_alt(_SEASON_CODES)})(?: of)? {_Y}"
                   r"(?: ?[/\u2013-] ?(?P<year2>[0-9]{2}|[0-9]{4}))?"),
        ("year", r"(?P<year>[0-9]{4})"),
        # A decade: "the 1990s", "les années 1990", "die 1990er Jahre" ("the 1900s" refused).
        ("decade", r"(?:the )?(?:decade (?:of )?(?P<d1>[0-9]{3}0)|(?P<d2>[0-9]{3}0)(?:s|'s|er))"),
        ("iso", r"[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?"),
        # Relative to the reference day.
        ("relative", r"(?P<word>yesterday|today|tomorrow|daybefore)"),
        ("relative", rf"(?:(?:last|the) )?(?P<weekday>{_alt(_WEEKDAYS)})(?: last)?"),
        ("relative", r"(?:ago|before) (?P<n>[0-9]{1,3}|a) (?P<unit>days?|weeks?)"),
        ("relative", r"(?P<n>[0-9]{1,3}|a) (?P<unit>days?|weeks?) ago"),
        ("relative", r"(?P<which>last|this) (?P<unit>month|year)"),
        ("relative", r"(?:the )?(?P<unit>month|year) (?P<which>last)"),
    )
)  # fmt: skip
# Only as the first end of a range, completed by the other end: "16" in "16-21 May",
# "14, 2023" in "November 10-14, 2023".
_RANGE_ENDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day", re.compile(rf"{_ART}{_D}")),
    ("day", re.compile(rf"{_D}, {_Y}")),
)
_SEP = re.compile(r" ?[\u2013-] ?| (?:to|and|until|till|through|thru|on) (?:the )?")
# Dutch joins a night's two days with "op": "de nacht van zaterdag op zondag".
_NIGHT_SEPS = frozenset({"to", "and", "on", "\u2013", "-"})
_OPENERS: tuple[tuple[str, frozenset[str], bool], ...] = (
    ("the night between", frozenset({"and"}), True),
    ("night between", frozenset({"and"}), True),
    ("on the night of", _NIGHT_SEPS, True),
    ("the night of", _NIGHT_SEPS, True),
    ("night of", _NIGHT_SEPS, True),
    ("between", frozenset({"and"}), False),
    ("from", frozenset({"to", "\u2013", "-", "until", "till", "through", "thru"}), False),
    # "de mars à mai", "del 10 al 14 de mayo": French and Spanish "from" reads as "of".
    ("of", frozenset({"to"}), False),
    ("", frozenset({"\u2013", "-", "to", "through", "thru"}), False),
)
_LEADS = ("on ", "in ", "during ", "the ")
# (phrase, qualifier, strict): "before X" excludes X, "by X" includes it.
_BOUNDS: tuple[tuple[str, Qualifier, bool], ...] = (
    ("no later than", "at_most", False), ("not later than", "at_most", False),
    ("on or before", "at_most", False), ("on or after", "at_least", False),
    ("by", "at_most", False), ("until", "at_most", False), ("before", "at_most", True),
    ("prior to", "at_most", True),
    ("no earlier than", "at_least", False), ("not earlier than", "at_least", False),
    ("since", "at_least", False), ("from", "at_least", False), ("not before", "at_least", False),
    ("not after", "at_most", False),
    ("after", "at_least", True),
)  # fmt: skip
_APPROXIMATE = ("on or about", "approximately", "around", "about", "circa", "c.", "ca.")
_HEDGE = re.compile(rf"(?:{'|'.join(map(re.escape, _APPROXIMATE))}) ")
_CITATIONS = re.compile(r"(?: ?\[[0-9]+\])+$")

# Times of day. A clock needs a mark that a day number lacks: minutes, "h" or am/pm.
_CLOCK = (
    r"[0-9]{1,2}(?:(?::[0-9]{2}){1,2}(?:\.[0-9]+)?(?: ?(?:am|pm|h))?"
    r"|\.[0-9]{2} ?(?:am|pm|h)| ?(?:am|pm)| ?h(?: ?[0-9]{2})?)"
)
_ZONES = (
    "utc gmt z cet cest eet eest wet west bst est edt cst cdt mst mdt pst pdt wat eat cat"
    " sast ist msk"
)
_ZONE = (
    rf"(?: (?:local time|{_alt(_ZONES.split())})(?: ?[+-][0-9]{{1,2}}(?::?[0-9]{{2}})?)?"
    r"| ?[+-][0-9]{2}:?[0-9]{2})?"  # "22:31:20 +0000" (RFC 2822)
)
_TIME_WORDS = (
    "midnight", "noon", "midday", "dawn", "dusk", "daybreak", "sunrise", "sunset",
    "nightfall", "morning", "afternoon", "evening", "early hours",
)  # fmt: skip
_TIME = rf"(?:(?:{_CLOCK}){_ZONE}|{_alt(_TIME_WORDS)})"
# "at dawn on 15 February", "midnight on ...", "in the early hours of ...": a bound or hedge
# in front stays with the day ("since dawn on 15 May" is since 15 May); "before" and "after"
# do not, because "before midnight on 15 May" is not a bound on 15 May's day.
_TIME_FIRST = re.compile(
    rf"^(?P<keep>(?:around|about|circa|since|from) )?(?:(?:at|in|on|during|shortly after"
    rf"|just after|early|late) )*(?:the )?{_TIME}(?:,? (?:on|of|the))*,? "
)
# "15 February 2015, 14:40", "22 janvier 2015 à 14h40", "22 July 2014 in the morning".
_TIME_LAST = re.compile(
    rf",? (?:(?:at|to|around|about|towards|in|on|shortly after|just after|early|late) )*"
    rf"(?:the )?{_TIME}$"
)
_TIME_AFTER_DAY = re.compile(
    rf"\b(?P<day>{_alt([*_WEEKDAYS, 'yesterday', 'today', 'tomorrow', 'daybefore'])})"
    r" (?:morning|afternoon|evening|night)\b"
)
# "early Sunday", "late on Tuesday": a time in that day, not a part of a month.
_EARLY_DAY = re.compile(
    rf"^(?:early|late)(?: on)? (?=(?:{_alt([*_WEEKDAYS, 'yesterday', 'today', 'tomorrow'])})$)"
)
# ISO 8601 date-times: the day as written, in the time zone written.
_HOUR = r"(?:[01][0-9]|2[0-4])"
_SECONDS = r"(?:[0-5][0-9]|60)(?:[.,][0-9]+)?"
_ISO_TIME = re.compile(
    r"\b(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})"
    # "T" with or without colons; a space only before "hh:mm", so "2014-05-16 2014" is no time.
    rf"(?:t{_HOUR}(?::?[0-5][0-9](?::?{_SECONDS})?)?| {_HOUR}:[0-5][0-9](?::{_SECONDS})?)"
    r"(?: ?(?:z|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?))?\b"
)
_EDTF_CHARS = re.compile(r"[0-9xy~?%./\[\], -]+")

#: Every word the canonical grammar reads; anything else in a translated text is unread.
_CANONICAL = frozenset(
    " ".join(
        [
            *MONTHS, *_WEEKDAYS, *_PARTS, *_SEASON_CODES, *_TIME_WORDS, *_APPROXIMATE,
            *(opener for opener, _, _ in _OPENERS), *(phrase for phrase, _, _ in _BOUNDS),
            "of the or and to until till through thru on in during at shortly just towards",
            "yesterday today tomorrow daybefore last this ago day days week weeks month year",
            "a night am pm h local time decade not", _ZONES,
        ]
    ).split()
)  # fmt: skip


class _NeedsYearError(Exception):
    """A date matched the grammar but names no year and no context year was given."""


class _NeedsReferenceError(Exception):
    """A relative date matched the grammar but no reference day was given."""


class _WrongWeekdayError(Exception):
    """A day was written with a weekday it does not fall on."""

    def __init__(self, day: dt.date, weekday: int) -> None:
        super().__init__(day, weekday)
        self.day, self.weekday = day, weekday


@attrs.frozen
class _Context:
    """What a text is read against: the claim's year, its reference day, the policy."""

    year: int | None
    reference: dt.date | None
    policy: ValuePolicy


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
    relative: dict[str, str] | None = attrs.field(default=None, hash=False)


@attrs.frozen
class _Span:
    low: dt.date
    high: dt.date
    precision: Precision


def _numeric(text: str, a: int, b: int) -> tuple[int, int] | None:
    """(day, month) of "22/07/2014" or "22.07.2014"; refused when either order would do."""
    if a > 12 >= b:
        return a, b
    if b > 12 >= a:
        return b, a  # "07/22/2014": month first
    if a == b:
        return a, b
    if a > 12 and b > 12:
        return None
    raise ValueParseError(_AMBIGUOUS.format(text, a=a, b=b))


def _int(s: str | None) -> int | None:
    return None if s is None else int(s)


def _partial(s: str, range_end: bool) -> _Partial | None:
    for kind, pattern in _FORMS + (_RANGE_ENDS if range_end else ()):
        m = pattern.fullmatch(s)
        if m is None:
            continue
        g = m.groupdict()
        if kind == "iso":
            return _Partial(kind=kind, iso=s, year=int(s[:4]))
        if kind == "decade":
            decade = int(g["d1"] or g["d2"])
            # "the 1900s" is also the century: refused rather than read one way.
            return None if decade % 100 == 0 else _Partial(kind=kind, year=decade)
        if kind == "relative":
            return _Partial(kind=kind, relative={k: v for k, v in g.items() if v is not None})
        if kind == "numeric":
            found = _numeric(s, int(g["a"]), int(g["b"]))
            if found is None:
                return None
            return _Partial(kind="day", day=found[0], month=found[1], year=int(g["year"]))
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
            month=MONTHS[g["month"]] if g.get("month") else _int(g.get("nmonth")),
            year=int(g["year"]) if g.get("year") else None,
            part=_PARTS[g["part"]] if g.get("part") else None,
            days=(int(g["d1"]), int(g["d2"])) if g.get("d1") else None,
            season=season,
            weekday=_WEEKDAYS[wd] if (wd := g.get("weekday") or g.get("weekday2")) else None,
        )
    return None


def _relative(p: _Partial, reference: dt.date | None) -> _Span:
    """A relative date's days: see docs/values.md "Relative dates" for what each means."""
    if reference is None:
        raise _NeedsReferenceError
    r = p.relative or {}
    if "word" in r:
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "daybefore": -2}[r["word"]]
        day = reference + dt.timedelta(days=offset)
        return _Span(day, day, "day")
    if "weekday" in r:
        # The latest such weekday before the reference. The reference's own weekday is
        # refused: wire copy says "on Wednesday" of the day it is filed as often as of the
        # week before, so either reading would be a guess.
        back = (reference.weekday() - _WEEKDAYS[r["weekday"]] - 1) % 7 + 1
        if back == 7:
            raise ValueParseError(
                f"{r['weekday']!r} said on a {reference:%A} ({reference.isoformat()}) may be "
                "that day or a week before: write the date"
            )
        day = reference - dt.timedelta(days=back)
        return _Span(day, day, "day")
    if "n" in r:
        n = 1 if r["n"] == "a" else int(r["n"])
        day = reference - dt.timedelta(days=n * (7 if r["unit"].startswith("week") else 1))
        return _Span(day, day, "day")
    back = 1 if r["which"] == "last" else 0
    if r["unit"] == "year":
        return _Span(*year_span(reference.year - back), "year")
    months = reference.year * 12 + reference.month - 1 - back
    return _Span(*month_span(months // 12, months % 12 + 1), "month")


def _resolve(p: _Partial, ctx: _Context, year: int | None = None) -> _Span | None:
    """``p`` in days: in ``year`` (an end of a range may borrow the other's), else in its own,
    else in the context year."""
    try:
        if p.kind == "relative":
            return _relative(p, ctx.reference)
        if year is None:
            year = p.year if p.year is not None else ctx.year
        if year is None:
            raise _NeedsYearError
        return _days(p, year, ctx.policy)
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
    if p.kind == "decade":
        return _Span(year_span(year)[0], year_span(year + 9)[1], "year")
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
            raise _WrongWeekdayError(day, p.weekday)
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


def _combine(a: _Partial, b: _Partial, ctx: _Context) -> _Span | None:
    """Join two ends of a range, each borrowing what it lacks from the other."""
    if a.kind == "day" and a.month is None:
        a = attrs.evolve(a, month=b.month)  # "16-21 May"
    if b.kind == "day" and b.month is None:
        b = attrs.evolve(b, month=a.month)  # "November 10-14"
    if (a.kind == "day" and a.month is None) or (b.kind == "day" and b.month is None):
        return None
    year_a = a.year if a.year is not None else b.year
    year_b = b.year if b.year is not None else year_a
    lo = _resolve(a, ctx, year_a)
    hi = _resolve(b, ctx, year_b)
    crosses_new_year = a.month is not None and b.month is not None and a.month > b.month
    if lo and hi and a.year is None and b.year is not None and crosses_new_year:
        # "28 December - 2 January 2014": the first end is in the year before.
        lo = _resolve(a, ctx, b.year - 1)
    if lo is None or hi is None or lo.low > hi.low or lo.high > hi.high:
        return None
    precision = lo.precision if lo.precision == hi.precision else "interval"
    return _Span(lo.low, hi.high, precision)


def _range(s: str, ctx: _Context) -> _Span | None:
    for opener, seps, night in _OPENERS:
        if opener and not s.startswith(opener + " "):
            continue
        rest = s[len(opener) :].strip()
        for m in _SEP.finditer(rest):
            if m.group().strip().removesuffix(" the") not in seps:
                continue
            a = _partial(rest[: m.start()], range_end=True)
            b = _partial(rest[m.end() :], range_end=True)
            if a is None or b is None:
                continue
            span = _combine(a, b, ctx)
            if span is None:
                continue
            if night and (span.precision != "day" or (span.high - span.low).days != 1):
                continue  # a night runs from one day into the next
            return span
    return None


def _strip_leads(s: str) -> str:
    while True:
        for lead in _LEADS:
            if s.startswith(lead):
                s = s[len(lead) :]
                break
        else:
            return s


def _span(s: str, ctx: _Context) -> tuple[_Span, Qualifier] | None:
    s = _strip_leads(s)
    span = _range(s, ctx)
    if span is not None:
        return span, "range"
    if s.startswith("night before "):
        # German "in der Nacht zum Sonntag": the night that ends on that day.
        found = _span(s.removeprefix("night before "), ctx)
        if found is None or found[0].precision != "day" or found[0].low != found[0].high:
            return None
        day = found[0].low
        return _Span(day - dt.timedelta(days=1), day, "day"), "range"
    p = _partial(s, range_end=False)
    span = None if p is None else _resolve(p, ctx)
    return None if span is None else (span, "exact")


def _value(s: str, text: str, ctx: _Context) -> DateValue | None:
    found = _span(s, ctx)
    if found is not None:
        span, qualifier = found
        return DateValue(
            low=span.low, high=span.high, text=text, precision=span.precision, qualifier=qualifier
        )
    for phrase, bound, strict in _BOUNDS:
        if s.startswith(phrase + " ") and (found := _span(s[len(phrase) + 1 :], ctx)):
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
        if s.startswith(phrase + " ") and (found := _span(s[len(phrase) + 1 :], ctx)):
            span = found[0]
            return DateValue(
                low=span.low, high=span.high, text=text, precision=span.precision,
                qualifier="approximate",
            )  # fmt: skip
    return None


def _alternatives(s: str, text: str, ctx: _Context) -> DateValue | None:
    # "born around 1959 or 1966": a leading hedge applies to every option.
    hedge = _HEDGE.match(s)
    rest = s[hedge.end() :] if hedge else s
    parts = rest.split(" or ")
    if len(parts) < 2:
        return None
    found = [_option(part.strip(" ,"), text, ctx) for part in parts]
    options = tuple(
        attrs.evolve(o, qualifier="approximate") if hedge else o
        for o in found
        if o is not None and o.qualifier in ("exact", "approximate", "range")
    )
    if len(options) < len(parts):
        return None
    return alternatives(
        tuple(attrs.evolve(o, text=p) for o, p in zip(options, parts, strict=True)), text
    )


def _option(s: str, text: str, ctx: _Context) -> DateValue | None:
    """One of several dates: canonical words, or EDTF as format_value writes it ("1959?")."""
    if _EDTF_CHARS.fullmatch(s):
        try:
            return read_edtf(s, s)
        except ValueParseError:
            pass  # "2014-2016": a range of years, read by the grammar
    return _canonical(s, text, ctx)


def _untimed(s: str) -> str:
    """``s`` without its time of day: a time never narrows a value below its day."""
    s = _TIME_AFTER_DAY.sub(r"\g<day>", s)
    s = _EARLY_DAY.sub("", s, count=1)
    s = _TIME_FIRST.sub(lambda m: m["keep"] or "", s, count=1)
    return _TIME_LAST.sub("", s, count=1)


def _canonical(s: str, text: str, ctx: _Context) -> DateValue | None:
    """Read canonical English ``s``; the value keeps ``text``."""
    return _alternatives(s, text, ctx) or _value(_untimed(s), text, ctx)


#: Day counts that Romance languages use for weeks: "huit jours" is a week and "quinze jours"
#: (quince días, quindici giorni, quinze dias) a fortnight, so either reading would be a guess.
_IDIOMS: dict[str, tuple[int, ...]] = dict.fromkeys(("fr", "es", "it", "pt"), (8, 15))


def _numbers(s: str, language: str) -> str:
    """Number words read as digits ("deux jours" -> "2 jours"), for "two days ago"."""
    # The figures' reader of number words (text2num under its refusals), imported late: most
    # dates never leave a word unread.
    from .numbers import text_number

    def digits(m: re.Match[str]) -> str:
        n = text_number(m.group(), language)
        if n in _IDIOMS.get(language, ()):
            return m.group()  # left unread, so refused: "quinze jours" is two weeks, not 15 days
        return str(n) if n is not None and 0 < n < 1000 else m.group()

    return re.sub(r"[a-z]+(?:-[a-z]+)*", digits, s)


_COUNTED = re.compile(r"\b(?:days?|weeks?)\b")


def _unread(s: str) -> list[str]:
    words = (w.strip(".,;:()") for w in s.split())
    return [w for w in words if w and w not in _CANONICAL and not re.search(r"[0-9\u2013-]", w)]


def _in_language(lexicon: Lexicon, s: str, text: str, ctx: _Context) -> DateValue | list[str]:
    """``s`` read in one language: the value, or the words that language does not know."""
    canonical = lexicon.translate(s)
    unread = _unread(canonical)
    # Number words matter only in "two days ago", "il y a deux semaines".
    if unread and _COUNTED.search(canonical) and lexicon.language in LANGUAGES:
        # Number words are read in the source's words: a canonical word such as "ago" may
        # be another language's abbreviation ("ago." for agosto).
        canonical = lexicon.translate(_numbers(s, lexicon.language))
        unread = _unread(canonical)
    if unread:
        return unread
    return _canonical(canonical, text, ctx) or []


def _parse(text: str, ctx: _Context) -> DateValue | None:
    s = _CITATIONS.sub("", normalize(text)).rstrip(".,").strip()
    s = _ISO_TIME.sub(r"\g<day>", s)
    if s and _EDTF_CHARS.fullmatch(s):
        try:
            return read_edtf(s, text)
        except EdtfRefusedError:
            raise  # EDTF read and refused: its message says why
        except ValueParseError:
            pass  # "2014-2016" is not EDTF but is a range of years
    fewest: list[str] | None = None
    for lexicon in lexicons():
        found = _in_language(lexicon, s, text, ctx)
        if isinstance(found, DateValue):
            return found
        if fewest is None or len(found) < len(fewest):
            fewest = found  # empty when one language knew every word but not their order
    if fewest:
        raise ValueParseError(
            MESSAGE.format(text) + _UNREAD.format(", ".join(map(repr, dict.fromkeys(fewest))))
        )
    return None


def parse_date(
    text: str, *, policy: ValuePolicy, year: int | None, reference: dt.date | None = None
) -> DateValue:
    """Read a date, a span of days, a bound on one, or alternatives.

    Args:
        text: the source's words, or EDTF.
        policy: how many days "early" and "late" in a month cover.
        year: the claim's context year, for dates written without one ("early December").
        reference: the day relative dates count from ("yesterday", "Sunday").

    Returns:
        The date value, keeping ``text`` exactly as given.

    Raises:
        ValueParseError: if the text fits no form (naming the words no language read), names
            no year and ``year`` is ``None``, or is relative and ``reference`` is ``None``.
    """
    try:
        value = _parse(text, _Context(year, reference, policy))
    except _NeedsYearError:
        raise ValueParseError(NEEDS_YEAR.format(text)) from None
    except _NeedsReferenceError:
        raise ValueParseError(NEEDS_REFERENCE.format(text)) from None
    except _WrongWeekdayError as e:
        said, was = ENGLISH_WEEKDAYS[e.weekday], ENGLISH_WEEKDAYS[e.day.weekday()]
        raise ValueParseError(
            MESSAGE.format(text) + f"; {e.day.isoformat()} was a {was.title()},"
            f" not a {said.title()}"
        ) from None
    except OverflowError:  # "before 0001-01-01"
        value = None
    if value is None:
        raise ValueParseError(MESSAGE.format(text))
    return value
