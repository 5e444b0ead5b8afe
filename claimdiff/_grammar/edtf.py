"""EDTF (ISO 8601-2 Extended Date/Time Format) in and out, levels 0 and 1, plus sets.

Level 0: ``2014-05-16``, ``2023-11``, ``2014``, date-times ``2004-01-01T10:10:10Z`` (the day
as written, in the zone written), intervals ``2014-05-16/2014-05-21``. Level 1: seasons
``2023-21`` (spring) to ``2023-24`` (winter); open ends ``../2023-10-31``, ``2014/..`` and
unknown ends ``/2023``, ``2014/`` (read as open: an unknown end bounds nothing); qualifiers
``?`` (uncertain), ``~`` (approximate) and ``%`` (both), on dates and interval ends;
unspecified digits from the right ``201X``, ``19XX``, ``2004-XX``, ``2004-06-XX``,
``2004-XX-XX`` (the span they allow); ``Y`` years. Level 2's set ``[1959,1966]`` is read for
alternatives. Refused, each with its reason: years a ``datetime.date`` cannot hold (before
0001, after 9999: ``-0999``, ``0000``, ``Y170000002``), and level 2's other forms
(``1999-1X``, ``XXXX-12``, ``2004-XX-11``, ``2004?-06``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

from .._model.values import DateValue, Precision, Qualifier
from ..errors import EdtfRefusedError, ValueParseError

#: Northern meteorological seasons, as EDTF season codes: (first month, last month).
#: Winter YYYY-24 runs from December of YYYY to February of YYYY+1.
SEASONS: dict[int, tuple[int, int]] = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}

_DATE = re.compile(
    r"(?P<y>Y-?[0-9]+|-?[0-9X]{4})(?:-(?P<m>[0-9X]{2})(?:-(?P<d>[0-9X]{2}))?)?"
    # A time of day never narrows below the day: "T10:10:10Z", "T10:10:10.5+05:00".
    r"(?:T(?:[01][0-9]|2[0-4])(?::[0-5][0-9](?::(?:[0-5][0-9]|60)(?:[.,][0-9]+)?)?)?"
    r"(?:Z|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)?)?"
    r"(?P<q>[~?%]?)"
)
_UNSPECIFIED = re.compile(r"[0-9]*X*")
_SET_RANGE = re.compile(r"[0-9-]+\.\.[0-9-]+")
_MESSAGE = (
    "expected an EDTF date or interval such as '2014-05-16', '2023-11', '2014/..'"
    " or '2014-05-16/2014-05-21', got {!r}"
)

Span = tuple[dt.date, dt.date]

_YEARS = (
    "{!r} names a year outside 0001-9999, which a date cannot hold: write the span of years it"
    " means within those years, or leave the value out"
)
_LEVEL_2 = (
    "{!r} uses EDTF level 2 (unspecified digits left of specified ones, or a qualifier inside"
    " a date), which claimdiff does not read: write the span of days it allows as an interval"
)


def last_day(year: int, month: int) -> int:
    """The number of days in ``month`` of ``year``."""
    return calendar.monthrange(year, month)[1]


def month_span(year: int, month: int) -> Span:
    """First and last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, last_day(year, month))


def year_span(year: int) -> Span:
    """First and last day of a year."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def season_span(year: int, code: int) -> Span:
    """First and last day of an EDTF season (21 spring ... 24 winter, into the next year)."""
    first, last = SEASONS[code]
    return month_span(year, first)[0], month_span(year + (last < first), last)[1]


@attrs.frozen
class _Point:
    low: dt.date
    high: dt.date
    precision: Precision
    approximate: bool
    uncertain: bool = False


def _year(y: str, text: str) -> tuple[int, int]:
    """The first and last year ``y`` allows ("19XX": 1900, 1999)."""
    if y.startswith("Y"):
        y = y[1:]
    elif "X" in y and not _UNSPECIFIED.fullmatch(y):
        raise EdtfRefusedError(_LEVEL_2.format(text))  # "1X99"
    first, last = int(y.replace("X", "0")), int(y.replace("X", "9"))
    if y.startswith("-") or first < 1 or last > 9999:
        if y == "XXXX":
            raise EdtfRefusedError(_LEVEL_2.format(text))  # any year at all
        raise EdtfRefusedError(_YEARS.format(text))
    return first, last


def _point(s: str, text: str) -> _Point:
    m = _DATE.fullmatch(s)
    if m is None:
        if re.fullmatch(r"[0-9X?~%-]+", s) and re.search(r"[?~%]-|-[?~%]", s):
            raise EdtfRefusedError(_LEVEL_2.format(text))  # "2004?-06-11", "2004-~06"
        raise ValueError(s)
    (first, last), mo, d = _year(m["y"], text), m["m"], m["d"]
    # Level 1 leaves digits unspecified only from the right: a month or day is wholly
    # unspecified, and then so is everything after it.
    if (mo is not None and "X" in mo and mo != "XX") or (d is not None and "X" in d and d != "XX"):
        raise EdtfRefusedError(_LEVEL_2.format(text))
    if (first != last and mo not in (None, "XX")) or (mo == "XX" and d not in (None, "XX")):
        raise EdtfRefusedError(_LEVEL_2.format(text))
    precision: Precision
    month = None if mo is None or mo == "XX" else int(mo)
    if first != last or mo == "XX":
        low, high = year_span(first)[0], year_span(last)[1]
        precision = "year"
    elif month is None:
        (low, high), precision = year_span(first), "year"
    elif d == "XX":
        (low, high), precision = month_span(first, month), "month"
    elif d is not None:
        low = high = dt.date(first, month, int(d))
        precision = "day"
    elif month in SEASONS:
        (low, high), precision = season_span(first, month), "season"
    else:
        (low, high), precision = month_span(first, month), "month"
    q = m["q"]
    return _Point(low, high, precision, q in ("~", "%"), q in ("?", "%"))


def alternatives(options: tuple[DateValue, ...], text: str) -> DateValue:
    """One of several dates ("1959 or 1966"): bounds are the options' hull, the precision
    theirs when they share one."""
    found = {o.precision for o in options}
    return DateValue(
        low=min(o.low for o in options if o.low is not None),
        high=max(o.high for o in options if o.high is not None),
        text=text,
        precision=found.pop() if len(found) == 1 else "interval",
        qualifier="alternatives",
        options=options,
    )


def parse_edtf(text: str) -> DateValue:
    """Read an EDTF date, interval or set (see the module docstring for what is supported).

    Args:
        text: EDTF text such as ``"2023-11"`` or ``"../2023-10-31"``.

    Returns:
        The date value, with ``text`` kept as given.

    Raises:
        ValueParseError: if ``text`` is not EDTF this module supports.
    """
    return read_edtf(text.strip(), text)


def read_edtf(s: str, text: str) -> DateValue:
    """:func:`parse_edtf` on ``s``, a cleaned form of ``text``; messages and the value show
    ``text``."""
    try:
        # Lower case is read too: "19xx", "2004-01-01t10:10z".
        return _parse(s.upper(), text)
    except EdtfRefusedError:
        raise
    except ValueError:  # bad digits, day 31 in a 30-day month, backwards interval
        raise ValueParseError(_MESSAGE.format(text)) from None


def _precision(*points: _Point) -> Precision:
    found = {p.precision for p in points}
    return found.pop() if len(found) == 1 else "interval"


def _parse(s: str, text: str) -> DateValue:
    qualifier: Qualifier
    if s.startswith("[") and s.endswith("]"):
        # Level 2 sets may hold ranges, "2023-10-22..2023-10-31": read them as intervals.
        parts = [p.strip() for p in s[1:-1].split(",")]
        options = tuple(
            _parse(p.replace("..", "/") if _SET_RANGE.fullmatch(p) else p, p) for p in parts
        )
        if len(options) < 2 or any(
            o.qualifier not in ("exact", "approximate", "range") for o in options
        ):
            raise ValueError(s)
        return alternatives(options, text)
    if "/" not in s:
        p = _point(s, text)
        qualifier = "approximate" if p.approximate else "exact"
        return DateValue(
            low=p.low, high=p.high, text=text, precision=p.precision, qualifier=qualifier,
            uncertain=p.uncertain,
        )  # fmt: skip
    start, _, end = s.partition("/")
    a = None if start in ("..", "") else _point(start, text)
    b = None if end in ("..", "") else _point(end, text)
    if a is not None and b is not None:
        if a.low > b.low or a.high > b.high:
            raise ValueError(s)
        qualifier = "approximate" if a.approximate or b.approximate else "range"
        precision = _precision(a, b)
    elif (a is not None and a.approximate) or (b is not None and b.approximate):
        raise ValueError(s)  # "2014~/..": an approximate open bound has no value to carry it
    else:
        qualifier = "at_most" if a is None and b is not None else "at_least"
        qualifier = "range" if a is b is None else qualifier
        precision = _precision(*(p for p in (a, b) if p is not None)) if a or b else "interval"
    return DateValue(
        low=None if a is None else a.low,
        high=None if b is None else b.high,
        text=text,
        precision=precision,
        qualifier=qualifier,
        uncertain=any(p is not None and p.uncertain for p in (a, b)),
    )


def unit(low: dt.date, high: dt.date, precision: Precision) -> str | None:
    """EDTF for a span that is one day, or the whole month, season or year ``precision`` names.

    Precision decides, so that "1-30 November" (precision ``day``) stays an interval of days
    rather than becoming ``2023-11``. Returns ``None`` for any other span.
    """
    if low == high:
        return low.isoformat()
    if precision == "month" and (low, high) == month_span(low.year, low.month):
        return f"{low.year:04d}-{low.month:02d}"
    if precision == "year" and (low, high) == year_span(low.year):
        return f"{low.year:04d}"
    if precision == "year" and (low.month, low.day, high.month, high.day) == (1, 1, 12, 31):
        # A decade, century or millennium: EDTF's unspecified digits, "199X", "19XX".
        for digits in (1, 2, 3):
            size = 10**digits
            if low.year % size == 0 and high.year == low.year + size - 1:
                return f"{low.year:04d}"[: 4 - digits] + "X" * digits
    if precision == "season":
        for code in SEASONS:
            if low.year < dt.MAXYEAR and (low, high) == season_span(low.year, code):
                return f"{low.year:04d}-{code}"
    return None


def _end(day: dt.date, precision: Precision, first: bool) -> str:
    # Write an interval end at the source's precision when the day is that unit's edge.
    if precision == "year" and (day.month, day.day) == ((1, 1) if first else (12, 31)):
        return f"{day.year:04d}"
    edge = 1 if first else last_day(day.year, day.month)
    if precision == "month" and day.day == edge:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def to_edtf(value: DateValue) -> str:
    """Write a date value as EDTF; ``parse_edtf(to_edtf(v))`` has the same bounds as ``v``.

    A whole day, month, season or year stated at that precision becomes ``2023-11-14``,
    ``2023-11``, ``2023-21``, ``2014``, and a whole decade or century at year precision
    ``199X``, ``19XX``; any other span becomes ``low/high``; open sides are ``..``;
    approximate values carry ``~``, uncertain ones ``?``, both ``%``; alternatives become a
    set ``[1959,1966]``.

    Args:
        value: the date value.

    Returns:
        EDTF text.

    An approximate value with an open side ("around 2014 or later") is written without the
    ``~``: its bounds survive, its approximation cannot be said in EDTF.
    """
    if value.qualifier == "alternatives":
        return "[" + ",".join(to_edtf(o).replace("/", "..") for o in value.options) + "]"
    low, high = value.low, value.high
    closed = low is not None and high is not None
    approximate = value.qualifier == "approximate" and closed
    mark = ("%" if approximate else "?") if value.uncertain else "~" if approximate else ""
    if value.qualifier in ("exact", "approximate") and low is not None and high is not None:
        single = unit(low, high, value.precision)
        if single is not None:
            return single + mark
    start = ".." if low is None else _end(low, value.precision, first=True) + mark
    end = ".." if high is None else _end(high, value.precision, first=False) + mark
    if low is not None and high is not None and not _reads_back(f"{start}/{end}", low, high):
        # Ends at the precision would overlap ("2000-01/2000-01-01"): days say it exactly.
        start, end = low.isoformat() + mark, high.isoformat() + mark
    return f"{start}/{end}"


def _reads_back(text: str, low: dt.date, high: dt.date) -> bool:
    try:
        found = _parse(text, text)
    except ValueError:
        return False
    return (found.low, found.high) == (low, high)
