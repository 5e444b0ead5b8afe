"""Text range bars: a claim's span drawn in a line of characters, for Markdown and terminals.

``text_range_bar(40, 50, 0, 60)`` gives ``·············━━━━···`` scaled to the axis, so a pull
request comment shows at a glance where each claim sits next to the others on one shared axis.
The characters are plain Unicode that monospace fonts draw one cell wide: ``·`` for the axis,
``━`` for a span, ``●`` for a single value, ``◀``/``▶`` for a side left open ("at least ten").
"""

from __future__ import annotations

import datetime as dt
import math

__all__ = ["text_range_bar"]

AXIS = "\u00b7"  # middle dot: light enough that the span stands out
SPAN = "\u2501"  # heavy horizontal line
POINT = "\u25cf"  # black circle
OPEN_LOW = "\u25c0"  # pointing left: the claim allows anything below
OPEN_HIGH = "\u25b6"  # pointing right: the claim allows anything above


def _num(x: float | dt.date) -> float:
    # Dates sit on the day axis so that bars of dates and of their bounds share one scale.
    return float(x.toordinal()) if isinstance(x, dt.date) else float(x)


def text_range_bar(
    lo: float | dt.date | None,
    hi: float | dt.date | None,
    axis_lo: float | dt.date,
    axis_hi: float | dt.date,
    width: int = 20,
) -> str:
    """Draw the span ``lo`` to ``hi`` on the axis ``axis_lo`` to ``axis_hi`` in ``width`` cells.

    A ``None`` bound is an open side: the bar runs to that end of the axis and ends in an arrow.
    A span narrower than one character, or a single value, is drawn as ``●``. Values outside
    the axis are clamped to it, so a caller may pass a shared axis that does not contain every
    claim.

    Args:
        lo: the lowest value the claim allows, or ``None`` when it is open below.
        hi: the highest value the claim allows, or ``None`` when it is open above.
        axis_lo: the value at the left end of the bar.
        axis_hi: the value at the right end of the bar.
        width: the number of characters, at least 3.

    Returns:
        A string of exactly ``width`` characters.

    Raises:
        ValueError: when ``width`` is below 3, ``axis_hi`` is below ``axis_lo``, ``lo`` is
            above ``hi``, or both bounds are ``None``.

    >>> text_range_bar(40, 40, 0, 60, width=13)
    '········●····'
    >>> text_range_bar(10, None, 0, 20, width=11)
    '·····━━━━━▶'
    """
    if width < 3:
        raise ValueError(f"width must be at least 3, got {width!r}")
    if lo is None and hi is None:
        raise ValueError("a range bar needs at least one finite bound, got lo=None and hi=None")
    a_lo, a_hi = _num(axis_lo), _num(axis_hi)
    if a_hi < a_lo:
        raise ValueError(f"axis_hi {axis_hi!r} is below axis_lo {axis_lo!r}")
    f_lo = a_lo if lo is None else _num(lo)
    f_hi = a_hi if hi is None else _num(hi)
    if f_hi < f_lo:
        raise ValueError(f"lo {lo!r} is above hi {hi!r}")

    def cell(x: float) -> int:
        if a_hi == a_lo:
            return width // 2
        t = (min(max(x, a_lo), a_hi) - a_lo) / (a_hi - a_lo)
        # Round half up so that the same value always lands in the same cell.
        return min(width - 1, math.floor(t * (width - 1) + 0.5))

    start = 0 if lo is None else cell(f_lo)
    end = width - 1 if hi is None else cell(f_hi)
    cells = [AXIS] * width
    if start == end and lo is not None and hi is not None:
        cells[start] = POINT
        return "".join(cells)
    for i in range(start, end + 1):
        cells[i] = SPAN
    if lo is None:
        cells[0] = OPEN_LOW
    if hi is None:
        cells[width - 1] = OPEN_HIGH
    return "".join(cells)
