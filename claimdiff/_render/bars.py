"""The range bar: a claim's span drawn in a line of characters, for Markdown and terminals.

``range_bar(40, 45, 40, 50)`` gives ``▕██████░░░░▏`` scaled to the group's axis, so a pull
request comment shows at a glance where each camp sits next to the others on one shared axis.
The characters are block elements that monospace fonts draw one cell wide: ``█`` for the
span, ``░`` for the rest of the axis, ``▕`` and ``▏`` for its ends. The one range bar of
claimdiff: Markdown reports and check comments draw it; the HTML page draws its own SVG.
"""

from __future__ import annotations

import datetime as dt

from .._reconciler.report import Bound

__all__ = ["BAR_WIDTH", "range_bar"]

BAR_WIDTH = 10
_FULL, _EMPTY, _LEFT, _RIGHT = "\u2588", "\u2591", "\u2595", "\u258f"


def _num(b: Bound) -> float | None:
    if b is None:
        return None
    return float(b.toordinal()) if isinstance(b, dt.date) else float(b)


def range_bar(lo: Bound, hi: Bound, axis_lo: Bound, axis_hi: Bound, width: int = BAR_WIDTH) -> str:
    """``▕█████░░░░░▏``: the span ``lo`` to ``hi`` on the axis ``axis_lo`` to ``axis_hi``.

    A ``None`` bound is an open side and runs to the end of the axis; values outside the axis
    are clamped to it.

    >>> range_bar(40, 40, 40, 50)
    '▕█░░░░░░░░░▏'
    """
    a_lo, a_hi = _num(axis_lo), _num(axis_hi)
    f_lo, f_hi = _num(lo), _num(hi)

    def cell(x: float) -> int:
        if a_lo is None or a_hi is None or a_hi <= a_lo:
            return 0
        t = (min(max(x, a_lo), a_hi) - a_lo) / (a_hi - a_lo)
        return min(width - 1, int(t * (width - 1) + 0.5))

    start = 0 if f_lo is None else cell(f_lo)
    end = width - 1 if f_hi is None or a_hi == a_lo else cell(f_hi)
    return _LEFT + _EMPTY * start + _FULL * (end - start + 1) + _EMPTY * (width - 1 - end) + _RIGHT
