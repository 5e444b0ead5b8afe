"""Words for figures, days, bounds and ranges: the one place a bound or a range is worded.

A range is worded here for every output, in one of two named styles:

- ``"text"``, for the text, JSON, Markdown, GitHub, JUnit and SARIF outputs (a group's
  :attr:`Range.text <claimdiff._model.range.Range>` and an estimate's reasons): days in ISO
  form, whole years and months as people write them (``2014``, ``2023-11``), an open side
  said after the span (``10–14, open above``, ``10, open above``);
- ``"page"``, for the HTML page, which reads as prose: ``8 Nov 2023``, figures rounded to two
  decimals, a single figure open on one side as ``≥ 10``.

It sits in the model, the lowest layer, because the reconciler words a group's range when it
builds it and the curation and the renderers word ranges after: all of them call down here.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypeAlias

from .range import Bound, Range

#: How a range is worded: for the text outputs or for the HTML page (see the module).
Style: TypeAlias = Literal["text", "page"]


def figure_text(x: object) -> str:
    """A figure or a day as the text outputs write it: ``1,500``, ``2.5``, ``2014-05-17``."""
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def fmt_number(x: float) -> str:
    """A figure as people write it: ``1,200``, ``2.5``."""
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def fmt_day(ordinal: float, with_year: bool = True) -> str:
    """A day ordinal as ``8 Nov 2023``."""
    day = dt.date.fromordinal(int(ordinal))
    text = f"{day.day} {day.strftime('%b')}"
    return f"{text} {day.year}" if with_year else text


def fmt_period(lo: float | None, hi: float | None) -> str:
    """A span of days as people say it: ``2013``, ``May 2013``, ``8 Nov 2023``,
    ``2013\u20132014``, ``since 14 Nov 2023``."""
    if lo is None and hi is None:
        return "any time"
    if lo is None:
        return f"until {fmt_day(hi)}"  # type: ignore[arg-type]
    if hi is None:
        return f"since {fmt_day(lo)}"
    a, b = dt.date.fromordinal(int(lo)), dt.date.fromordinal(int(hi))
    whole_years = (a.month, a.day, b.month, b.day) == (1, 1, 12, 31)
    if whole_years:
        return str(a.year) if a.year == b.year else f"{a.year}\u2013{b.year}"
    next_day = b + dt.timedelta(days=1)
    if a.day == 1 and next_day.day == 1:
        first, last = a.strftime("%b %Y"), b.strftime("%b %Y")
        return first if first == last else f"{first}\u2013{last}"
    if a == b:
        return fmt_day(lo)
    return f"{fmt_day(lo)}\u2013{fmt_day(hi)}"


def bound_text(bound: Bound, style: Style = "text") -> str:
    """A bound as ``style`` words it: ``1,200`` or ``8 Nov 2023`` on the page, ``1,200`` or
    ``2023-11-08`` in the text outputs; empty when open."""
    if bound is None:
        return ""
    if style == "text":
        return figure_text(bound)
    if isinstance(bound, dt.date):
        return fmt_day(bound.toordinal())
    return fmt_number(bound)


def _whole(lo: dt.date, hi: dt.date) -> str | None:
    """``2014``, ``2014–2015`` for whole years, ``2023-11`` for a whole month: as people write."""
    # 9999-12-31 has no next day: it ends its month by itself.
    if lo.day != 1 or (hi != dt.date.max and (hi + dt.timedelta(days=1)).day != 1):
        return None
    if (lo.month, hi.month) == (1, 12):
        return str(lo.year) if lo.year == hi.year else f"{lo.year}\u2013{hi.year}"
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year:04d}-{lo.month:02d}"
    return None


def range_text(
    low: Bound,
    high: Bound,
    *,
    low_open: bool = False,
    high_open: bool = False,
    style: Style = "text",
) -> str:
    """A range as people read it: ``40``, ``150–200``, ``at least 10``, ``10–14, open above``.

    ``low``/``high`` are the finite ends (``None``: no claim states one); ``low_open`` or
    ``high_open`` say that some claim leaves that side open beyond its finite end. ``style``
    chooses the text outputs' words or the HTML page's (see the module).
    """
    if low is None and high is None:
        return "any value"
    if low is None:
        return f"at most {bound_text(high, style)}"
    if high is None:
        return f"at least {bound_text(low, style)}"
    lo, hi = bound_text(low, style), bound_text(high, style)
    if style == "page" and low == high and (low_open or high_open):
        # The page says a figure open on one side as a sign, the way a caption would.
        return f"\u2265 {lo}" if high_open else f"\u2264 {hi}"
    whole = None
    if style == "text" and isinstance(low, dt.date) and isinstance(high, dt.date):
        whole = _whole(low, high)
    text = whole or (lo if low == high else f"{lo}\u2013{hi}")
    if low_open:
        text += ", open below"
    if high_open:
        text += ", open above"
    return text


def page_range_text(r: Range) -> str:
    """A group's or a camp's range as the HTML page words it (:func:`range_text`, ``"page"``):
    its hull, low to high, where :attr:`Range.text` may name its pieces (``40 or 50``)."""
    return range_text(r.low, r.high, low_open=r.low_open, high_open=r.high_open, style="page")


def number_text(x: float) -> str:
    """A number as the text outputs write a gap or a bound: ``1,500``, ``2.5``."""
    return f"{x:,}" if isinstance(x, int) else f"{x:g}"


def open_bound_text(bound: Bound, open_side: str = "open") -> str:
    """A bound as the text outputs write it: ``1,500``, ``2014-05-17``, or ``open_side``
    (``open``; a range bar's axis says ``…``)."""
    if bound is None:
        return open_side
    if isinstance(bound, dt.date):
        return bound.isoformat()
    return number_text(bound)


def span_text(low: Bound, high: Bound) -> str:
    """``40 to 50``, ``10 to open``: a value's bounds, either side possibly open."""
    return f"{open_bound_text(low)} to {open_bound_text(high)}"


def exact_bounds_text(low: object, high: object) -> str:
    """`` [40, 50.5]``: bounds exactly as held, for telling apart values worded alike."""
    return f" [{'…' if low is None else low}, {'…' if high is None else high}]"
