"""EDTF (ISO 8601-2 Extended Date/Time Format) in and out, levels 0 and 1, plus sets.

Supported: ``2014-05-16``, ``2023-11``, ``2014``, seasons ``2023-21`` (spring) to ``2023-24``
(winter), intervals ``2014-05-16/2014-05-21``, open ends ``../2023-10-31`` and ``2014/..``
(an empty end, EDTF's "unknown", is read as open too), approximate ``2023-11~``, and the
level-2 set ``[1959,1966]`` for alternatives. Refused: uncertain ``?``/``%`` (a value has no
qualifier for "uncertain"), unspecified digits ``201X``, and years beyond four digits.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

from ._errors import ValueParseError
from ._values import DateValue, Precision, Qualifier

#: Northern meteorological seasons, as EDTF season codes: (first month, last month).
#: Winter YYYY-24 runs from December of YYYY to February of YYYY+1.
SEASONS: dict[int, tuple[int, int]] = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}

_DATE = re.compile(r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?(?P<q>[~?%]?)")
_SET_RANGE = re.compile(r"[0-9-]+\.\.[0-9-]+")
_MESSAGE = (
    "expected an EDTF date or interval such as '2014-05-16', '2023-11', '2014/..'"
    " or '2014-05-16/2014-05-21', got {!r}"
)

Span = tuple[dt.date, dt.date]


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


def _point(s: str) -> _Point:
    m = _DATE.fullmatch(s)
    if m is None or m["q"] in ("?", "%"):
        raise ValueError(s)
    y, mo, d = int(m["y"]), m["m"], m["d"]
    precision: Precision
    if d is not None:
        low = high = dt.date(y, int(mo), int(d))
        precision = "day"
    elif mo is not None and int(mo) in SEASONS:
        (low, high), precision = season_span(y, int(mo)), "season"
    elif mo is not None:
        (low, high), precision = month_span(y, int(mo)), "month"
    else:
        (low, high), precision = year_span(y), "year"
    return _Point(low, high, precision, m["q"] == "~")


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
    try:
        return _parse(text.strip(), text)
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
        p = _point(s)
        qualifier = "approximate" if p.approximate else "exact"
        return DateValue(
            low=p.low, high=p.high, text=text, precision=p.precision, qualifier=qualifier
        )
    start, _, end = s.partition("/")
    a = None if start in ("..", "") else _point(start)
    b = None if end in ("..", "") else _point(end)
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
    ``2023-11``, ``2023-21``, ``2014``; any other span becomes ``low/high``; open sides are
    ``..``; approximate values carry ``~``; alternatives become a set ``[1959,1966]``.

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
    mark = "~" if value.qualifier == "approximate" and closed else ""
    if value.qualifier in ("exact", "approximate") and low is not None and high is not None:
        single = unit(low, high, value.precision)
        if single is not None:
            return single + mark
    start = ".." if low is None else _end(low, value.precision, first=True) + mark
    end = ".." if high is None else _end(high, value.precision, first=False) + mark
    return f"{start}/{end}"
