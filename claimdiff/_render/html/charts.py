"""Inline SVG charts for the HTML report: range charts for figures and dates, control timelines.

Every builder is a pure function from plain chart data (:class:`Mark`, :class:`CampBox`,
:class:`Lane`, ...) to an SVG string; the page assembly in ``_render.html.page`` turns a report into
that data. Keeping the geometry here, away from the report model, keeps both sides small and
lets the charts be tested without a browser.

Design choices, each for the person reading the chart:

* One horizontal axis per chart, numbers from zero when every figure is positive so that the
  distance between two marks reads as a proportion of the figures, not of a zoomed window.
* Colour by the claimant's side from the Okabe-Ito palette, which stays distinguishable under
  the common colour-vision deficiencies, and always together with a shape per side and the
  claimant's name written on the row: colour is never the only cue.
* Marks carry ``data-*`` attributes (claim id, camp, bounds in the data's own units) so that
  tests and scripts can check what is drawn from the rendered DOM.
* Output is deterministic: coordinates are rounded to one decimal and every list is drawn in
  the order given, which the caller sorts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape
from typing import Literal, TypeAlias

import attrs

from ..._model.words import fmt_day, fmt_number

#: How a mark is drawn: a point, an interval, an arrow open on one side, a set of alternatives,
#: a vague or approximate interval around a figure, or nothing (no information).
MarkShape: TypeAlias = Literal[
    "point", "range", "at_least", "at_most", "alternatives", "approximate", "vague", "unknown"
]
AxisKind: TypeAlias = Literal["quantity", "date"]
Shape: TypeAlias = Literal[
    "circle", "square", "diamond", "triangle", "triangle-down", "hexagon", "star", "ring"
]

#: Okabe & Ito (2008) colours, ordered so that neighbouring sides get the most distinct pair
#: first. Vermillion comes last because the charts use it to call out contradictions.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#D55E00",  # vermillion
)
SHAPES: tuple[Shape, ...] = ("circle", "square", "diamond", "triangle", "triangle-down", "hexagon")
NO_SIDE_COLOUR = "#8C8C8C"
CONFLICT = "#D55E00"
CONFLICT_TEXT = "#A03C00"  # vermillion darkened to reach 4.5:1 on white for small text
CONSENSUS = "#009E73"
CONSENSUS_TEXT = "#006648"
INK = "#1B1B1B"
MUTED = "#555555"
RULE = "#D9D9D9"

WIDTH = 760
LABEL_X = 16
PLOT_X0 = 250.0
PLOT_X1 = 724.0
ROW_H = 36
CAMP_HEAD = 22
CAMP_GAP = 8
TOP = 30
AXIS_H = 34
GAP_H = 30


@attrs.frozen
class Style:
    """How one side is drawn: its colour and shape, and the name the legend gives it."""

    key: str
    name: str
    colour: str
    shape: Shape


def side_styles(sides: Sequence[str]) -> dict[str, Style]:
    """A style for every side, in the given (sorted) order, plus ``""`` for no side.

    Sides beyond the palette reuse colours with the next shape, so a pair of sides never shares
    both colour and shape.
    """
    styles = {
        side: Style(
            key=side,
            name=side,
            colour=OKABE_ITO[i % len(OKABE_ITO)],
            shape=SHAPES[(i + i // len(OKABE_ITO)) % len(SHAPES)],
        )
        for i, side in enumerate(sides)
    }
    styles[""] = Style(key="", name="no side", colour=NO_SIDE_COLOUR, shape="ring")
    return styles


@attrs.frozen(kw_only=True)
class Mark:
    """One claim on a range chart, in axis units (numbers, or day ordinals for dates).

    ``low``/``high`` are ``None`` on an open side; ``options`` hold the alternatives of "1959 or
    1966"; ``nominal`` is the figure an approximate or vague value was built around.
    """

    claim: str
    label: str
    relay: str
    text: str
    shape: MarkShape
    style: Style
    low: float | None = None
    high: float | None = None
    nominal: float | None = None
    options: tuple[tuple[float, float], ...] = ()
    camp: int | None = None
    denies: bool = False
    #: Revised later by its own origin: drawn hollow, like a superseded step of a history.
    superseded: bool = False
    data_low: str = ""
    data_high: str = ""


@attrs.frozen(kw_only=True)
class CampBox:
    """A camp: the rows of its claims are drawn inside one box headed by ``title``."""

    index: int | None
    title: str
    marks: tuple[Mark, ...]
    low: float | None = None  # the camp's consensus, shaded lightly inside its box
    high: float | None = None
    data_low: str = ""
    data_high: str = ""


@attrs.frozen(kw_only=True)
class Callout:
    """A labelled span of the axis: the consensus band, or the gap of a contradiction.

    ``low``/``high`` are in axis units; ``data_low``/``data_high`` in the data's own (``40``,
    ``2023-11-08``), for the ``data-*`` attributes.
    """

    low: float
    high: float
    label: str
    data_low: str = ""
    data_high: str = ""


@attrs.frozen(kw_only=True)
class Band:
    """One period on a timeline lane: who a source says controlled the place then."""

    claim: str
    label: str
    style: Style
    low: float | None
    high: float | None
    data_low: str = ""
    data_high: str = ""
    members: str = ""


@attrs.frozen(kw_only=True)
class Lane:
    """One source's periods on a control timeline."""

    label: str
    bands: tuple[Band, ...]


# --- numbers and axes ---------------------------------------------------------------------


def _c(x: float) -> str:
    """A coordinate rounded to a tenth, so output is byte-stable and small."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


@attrs.frozen
class Axis:
    """A linear scale from data units to x coordinates, with its ticks."""

    kind: AxisKind
    lo: float
    hi: float
    x0: float = PLOT_X0
    x1: float = PLOT_X1

    def x(self, v: float) -> float:
        """The x coordinate of ``v``, clamped to the plot."""
        t = (v - self.lo) / (self.hi - self.lo) if self.hi > self.lo else 0.5
        return self.x0 + min(max(t, 0.0), 1.0) * (self.x1 - self.x0)

    def ticks(self) -> list[tuple[float, str]]:
        """Round values along the axis with their labels."""
        if self.kind == "date":
            return _date_ticks(self.lo, self.hi)
        step = _nice_step((self.hi - self.lo) / 6)
        first = math.ceil(self.lo / step) * step
        count = math.floor((self.hi - first) / step + 1e-9) + 1
        return [(first + i * step, fmt_number(round(first + i * step, 10))) for i in range(count)]


def _nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return float(max(m * power, 1))  # counts: never a tick step below one
    return float(10 * power)


def _date_ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    # The axis is padded: near 0001-01-01 or 9999-12-31 it reaches past the calendar, where
    # there are no days to tick.
    first, last = 1, dt.date.max.toordinal()
    lo, hi = min(max(lo, first), last), max(min(hi, last), first)
    start, end = dt.date.fromordinal(math.ceil(lo)), dt.date.fromordinal(int(hi))
    span = hi - lo
    ticks: list[tuple[float, str]] = []
    if span <= 70:
        # About six ticks, a week apart when that is enough; the year only on the first.
        step = next(s for s in (1, 2, 3, 7, 14) if span / s <= 7)
        day = start
        while day <= end:
            ticks.append((float(day.toordinal()), fmt_day(day.toordinal(), with_year=not ticks)))
            if (end - day).days < step:
                break
            day += dt.timedelta(days=step)
        return ticks
    if span <= 3 * 365:
        months = next(m for m in (1, 2, 3, 6) if span / 30.4 / m <= 7)
        y, m = start.year, start.month
        if start.day != 1:
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        while (m - 1) % months:
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        while y <= dt.MAXYEAR and dt.date(y, m, 1) <= end:
            day = dt.date(y, m, 1)
            ticks.append((float(day.toordinal()), day.strftime("%b %Y")))
            for _ in range(months):
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return ticks
    years = next((n for n in (1, 2, 5, 10, 20, 50, 100) if span / 365.25 / n <= 8), 200)
    y = start.year if start == dt.date(start.year, 1, 1) else start.year + 1
    y += -y % years
    while y <= dt.MAXYEAR and dt.date(y, 1, 1) <= end:
        ticks.append((float(dt.date(y, 1, 1).toordinal()), str(y)))
        y += years
    return ticks


def make_axis(kind: AxisKind, values: Sequence[float], *, open_ends: bool = False) -> Axis:
    """An axis that holds ``values`` with room either side (more when arrows run off it).

    Counts start at zero when every value is positive: distances then read as proportions.
    """
    lo, hi = min(values), max(values)
    if kind == "quantity" and lo >= 0:
        lo = 0.0
    span = hi - lo
    if span == 0:
        span = 14.0 if kind == "date" else abs(hi) * 0.5 or 10.0
        lo, hi = lo - span / 2, hi + span / 2
    if kind == "date" and span < 14:
        mid = (lo + hi) / 2
        lo, hi, span = mid - 7, mid + 7, 14.0
    pad = span * (0.14 if open_ends else 0.06)
    new_lo = lo if kind == "quantity" and lo == 0 else lo - pad
    return Axis(kind, new_lo, hi + pad)


# --- shapes -------------------------------------------------------------------------------


def shape_svg(
    shape: Shape, x: float, y: float, r: float, fill: str, *, hollow: bool = False
) -> str:
    """One marker centred on ``x``, ``y``; outlined in ink so it holds 3:1 against any fill."""
    paint = "#FFFFFF" if hollow else fill
    stroke = fill if hollow or shape == "ring" else INK
    attrs_ = f'fill="{paint}" stroke="{stroke}" stroke-width="{1.5 if not hollow else 2}"'
    if shape == "ring":
        return (
            f'<circle cx="{_c(x)}" cy="{_c(y)}" r="{_c(r * 0.85)}" fill="#FFFFFF" '
            f'stroke="{fill}" stroke-width="3"/>'
        )
    if shape == "circle":
        return f'<circle cx="{_c(x)}" cy="{_c(y)}" r="{_c(r)}" {attrs_}/>'
    if shape == "square":
        s = r * 1.7
        return (
            f'<rect x="{_c(x - s / 2)}" y="{_c(y - s / 2)}" width="{_c(s)}" height="{_c(s)}" '
            f"{attrs_}/>"
        )
    points: list[tuple[float, float]]
    if shape == "diamond":
        d = r * 1.35
        points = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
    elif shape == "triangle":
        d = r * 1.35
        points = [(x, y - d), (x + d, y + d * 0.75), (x - d, y + d * 0.75)]
    elif shape == "triangle-down":
        d = r * 1.35
        points = [(x, y + d), (x + d, y - d * 0.75), (x - d, y - d * 0.75)]
    elif shape == "hexagon":
        d = r * 1.15
        points = [
            (x + d * math.cos(math.pi / 3 * k), y + d * math.sin(math.pi / 3 * k)) for k in range(6)
        ]
    else:  # star
        points = [
            (
                x + (r * 1.4 if k % 2 == 0 else r * 0.6) * math.sin(math.pi / 5 * k),
                y - (r * 1.4 if k % 2 == 0 else r * 0.6) * math.cos(math.pi / 5 * k),
            )
            for k in range(10)
        ]
    coords = " ".join(f"{_c(px)},{_c(py)}" for px, py in points)
    return f'<polygon points="{coords}" {attrs_}/>'


def legend_swatch(style: Style, size: int = 14) -> str:
    """A small standalone SVG of a side's marker, for HTML legends (decorative)."""
    half = size / 2
    return (
        f'<svg class="swatch" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
        f'aria-hidden="true" focusable="false">'
        f"{shape_svg(style.shape, half, half, size / 3.2, style.colour)}</svg>"
    )


def _arrow_defs(chart_id: str) -> str:
    return (
        f'<defs><marker id="{chart_id}-arrow" viewBox="0 0 10 10" refX="8" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker>'
        f'<pattern id="{chart_id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="{CONFLICT}" fill-opacity="0.10"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{CONFLICT}" stroke-width="3" '
        'stroke-opacity="0.45"/></pattern></defs>'
    )


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 12,
    fill: str = INK,
    anchor: str = "start",
    weight: str = "",
    italic: bool = False,
    cls: str = "",
) -> str:
    extra = f' font-weight="{weight}"' if weight else ""
    extra += ' font-style="italic"' if italic else ""
    extra += f' text-anchor="{anchor}"' if anchor != "start" else ""
    extra += f' class="{cls}"' if cls else ""
    return (
        f'<text x="{_c(x)}" y="{_c(y)}" font-size="{size}" fill="{fill}"{extra}>'
        f"{escape(text)}</text>"
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


# --- range chart --------------------------------------------------------------------------


def _mark_svg(mark: Mark, axis: Axis, y: float, chart_id: str) -> str:
    """The marks of one claim on its row, and the source's own words beside them."""
    st = mark.style
    parts: list[str] = []
    hollow = mark.denies or mark.superseded
    dash = ' stroke-dasharray="4 3"' if mark.denies else ""
    left: float
    right: float
    if mark.shape == "unknown":
        return _text(
            axis.x0 + 4, y + 4, f"{mark.text} \u2014 no figure", size=12, fill=MUTED, italic=True
        )
    if mark.shape in ("at_least", "at_most"):
        start = mark.low if mark.shape == "at_least" else mark.high
        assert start is not None
        x = axis.x(start)
        end = axis.x1 if mark.shape == "at_least" else axis.x0
        parts.append(
            f'<line x1="{_c(x)}" y1="{_c(y)}" x2="{_c(end)}" y2="{_c(y)}" stroke="{INK}" '
            f'stroke-width="2"{dash} marker-end="url(#{chart_id}-arrow)"/>'
        )
        parts.append(shape_svg(st.shape, x, y, 6, st.colour, hollow=hollow))
        left, right = (x, end) if mark.shape == "at_least" else (end, x)
        # The open side runs to the edge of the plot: the words go on the closed side.
        label_side = "left" if mark.shape == "at_least" else "right"
    elif mark.shape == "alternatives":
        xs = [axis.x((lo + hi) / 2) for lo, hi in mark.options]
        left, right = min(xs), max(xs)
        parts.append(
            f'<line x1="{_c(left)}" y1="{_c(y)}" x2="{_c(right)}" y2="{_c(y)}" stroke="{INK}" '
            'stroke-width="1.5" stroke-dasharray="2 3"/>'
        )
        parts.extend(shape_svg(st.shape, x, y, 6, st.colour, hollow=hollow) for x in xs)
        label_side = "right"
    else:
        assert mark.low is not None
        assert mark.high is not None
        left, right = axis.x(mark.low), axis.x(mark.high)
        if mark.shape != "point" and right - left >= 2:
            opacity = "0.35" if mark.shape in ("approximate", "vague") else "0.75"
            vague = ' stroke-dasharray="3 2"' if mark.shape == "vague" else dash
            parts.append(
                f'<rect x="{_c(left)}" y="{_c(y - 5)}" width="{_c(right - left)}" height="10" '
                f'rx="2" fill="{st.colour}" fill-opacity="{opacity}" stroke="{INK}" '
                f'stroke-width="1"{vague}/>'
            )
        centre = axis.x(mark.nominal) if mark.nominal is not None else (left + right) / 2
        if mark.shape in ("point", "approximate", "vague") or right - left < 2:
            parts.append(shape_svg(st.shape, centre, y, 6, st.colour, hollow=hollow))
        else:
            parts.append(shape_svg(st.shape, centre, y, 4.5, st.colour, hollow=hollow))
        label_side = "right"
    words = ("not " if mark.denies else "") + _clip(mark.text, 28)
    room_right = axis.x1 + 30 - right
    if label_side == "right" and room_right < 7 * len(words) + 12:
        label_side = "left"
    if (
        label_side == "left"
        and left - axis.x0 < 7 * len(words) + 12
        and room_right > left - axis.x0
    ):
        label_side = "right"
    if label_side == "right":
        parts.append(_text(right + 10, y + 4, words, size=12, cls="v"))
    else:
        parts.append(_text(left - 10, y + 4, words, size=12, anchor="end", cls="v"))
    return "".join(parts)


def range_chart(
    chart_id: str,
    camps: Sequence[CampBox],
    axis: Axis,
    *,
    consensus: Callout | None = None,
    gaps: Sequence[Callout] = (),
) -> str:
    """An SVG range chart: one row per claim, rows boxed per camp, one shared axis.

    Args:
        chart_id: unique in the page; prefixes the SVG ids and names the caption the chart
            is labelled by (``{chart_id}-caption``).
        camps: the camps in drawing order, each with its claims' marks.
        axis: the scale (see :func:`make_axis`).
        consensus: the span every claim allows, with its label, shaded across all rows.
        gaps: contradictions to call out under the rows.

    Returns:
        An ``<svg>`` element with ``role="img"``, labelled by the figure caption.
    """
    rows: list[str] = []
    y = float(TOP)
    for i, camp in enumerate(camps):
        top = y
        height = CAMP_HEAD + ROW_H * len(camp.marks) + 4
        fill = "#F3F4F6" if i % 2 == 0 else "#FAFAFA"
        box = [
            f'<g class="camp" data-camp="{"" if camp.index is None else camp.index}" '
            f'data-low="{escape(camp.data_low)}" data-high="{escape(camp.data_high)}">',
            f'<rect x="6" y="{_c(top)}" width="{WIDTH - 12}" height="{_c(height)}" rx="6" '
            f'fill="{fill}" stroke="{RULE}"/>',
        ]
        if camp.low is not None and camp.high is not None and camp.index is not None:
            cl, ch = axis.x(camp.low), axis.x(camp.high)
            box.append(
                f'<rect x="{_c(cl - 3)}" y="{_c(top + 3)}" width="{_c(ch - cl + 6)}" '
                f'height="{_c(height - 6)}" rx="4" fill="{INK}" fill-opacity="0.06"/>'
            )
        box.append(_text(LABEL_X, top + 15, camp.title, size=12, weight="600", fill="#333333"))
        y = top + CAMP_HEAD
        for mark in camp.marks:
            cy = y + ROW_H / 2
            box.append(
                f'<g class="mark" data-claim="{escape(mark.claim)}" '
                f'data-camp="{"" if mark.camp is None else mark.camp}" '
                f'data-side="{escape(mark.style.key)}" data-shape="{mark.shape}" '
                f'data-low="{escape(mark.data_low)}" data-high="{escape(mark.data_high)}"'
                + (' data-superseded="true">' if mark.superseded else ">")
            )
            box.append(
                f'<line x1="{_c(axis.x0)}" y1="{_c(cy)}" x2="{_c(axis.x1)}" y2="{_c(cy)}" '
                f'stroke="{RULE}" stroke-width="1"/>'
            )
            relay = mark.relay
            box.append(
                _text(
                    LABEL_X + 8,
                    cy - (2 if relay else -4),
                    _clip(mark.label, 30),
                    size=13,
                    weight="600",
                )
            )
            if relay:
                box.append(_text(LABEL_X + 8, cy + 12, _clip(relay, 36), size=11, fill=MUTED))
            box.append(_mark_svg(mark, axis, cy, chart_id))
            box.append("</g>")
            y += ROW_H
        y = top + height + CAMP_GAP
        box.append("</g>")
        rows.append("".join(box))
    rows_bottom = y - CAMP_GAP
    gap_svg: list[str] = []
    for g in gaps:
        gx0, gx1 = axis.x(g.low), axis.x(g.high)
        gy = y + 14
        gap_svg.append(
            f'<g class="gap" data-low="{escape(g.data_low)}" data-high="{escape(g.data_high)}">'
            f'<line x1="{_c(gx0)}" y1="{_c(TOP)}" x2="{_c(gx0)}" y2="{_c(gy + 6)}" '
            f'stroke="{CONFLICT}" stroke-width="1" stroke-dasharray="3 3"/>'
            f'<line x1="{_c(gx1)}" y1="{_c(TOP)}" x2="{_c(gx1)}" y2="{_c(gy + 6)}" '
            f'stroke="{CONFLICT}" stroke-width="1" stroke-dasharray="3 3"/>'
            f'<line x1="{_c(gx0)}" y1="{_c(gy)}" x2="{_c(gx1)}" y2="{_c(gy)}" '
            f'stroke="{CONFLICT}" stroke-width="2.5"/>'
            + _text(
                (gx0 + gx1) / 2,
                gy - 5,
                g.label,
                size=12,
                fill=CONFLICT_TEXT,
                anchor="middle",
                weight="700",
            )
            + "</g>"
        )
        y += GAP_H
    axis_y = y + 6
    ticks = [
        f'<line x1="{_c(axis.x0)}" y1="{_c(axis_y)}" x2="{_c(axis.x1)}" y2="{_c(axis_y)}" '
        f'stroke="{MUTED}"/>'
    ]
    for value, label in axis.ticks():
        tx = axis.x(value)
        ticks.append(
            f'<line x1="{_c(tx)}" y1="{_c(TOP)}" x2="{_c(tx)}" y2="{_c(rows_bottom)}" '
            f'stroke="#FFFFFF" stroke-opacity="0.9" stroke-width="1"/>'
            f'<line x1="{_c(tx)}" y1="{_c(axis_y)}" x2="{_c(tx)}" y2="{_c(axis_y + 5)}" '
            f'stroke="{MUTED}"/>'
            + _text(tx, axis_y + 18, label, size=11, fill=MUTED, anchor="middle")
        )
    band = ""
    if consensus is not None:
        bx0, bx1 = axis.x(consensus.low), axis.x(consensus.high)
        label = consensus.label
        band = (
            f'<g class="consensus" data-low="{escape(consensus.data_low)}" '
            f'data-high="{escape(consensus.data_high)}">'
            f'<rect x="{_c(bx0 - 4)}" y="{_c(TOP - 4)}" width="{_c(bx1 - bx0 + 8)}" '
            f'height="{_c(rows_bottom - TOP + 8)}" rx="4" fill="{CONSENSUS}" fill-opacity="0.16" '
            f'stroke="{CONSENSUS}" stroke-dasharray="4 3"/>'
            + _text(
                (bx0 + bx1) / 2,
                TOP - 10,
                label,
                size=12,
                fill=CONSENSUS_TEXT,
                anchor="middle",
                weight="700",
            )
            + "</g>"
        )
    total = axis_y + AXIS_H
    return (
        f'<svg class="chart" id="{chart_id}" viewBox="0 0 {WIDTH} {_c(total)}" '
        f'role="img" aria-labelledby="{chart_id}-caption" '
        f'preserveAspectRatio="xMinYMin meet" data-axis="{axis.kind}">'
        + _arrow_defs(chart_id)
        + "".join(rows)
        + "".join(ticks[1:])
        + band
        + "".join(gap_svg)
        + ticks[0]
        + "</svg>"
    )


# --- control timeline ---------------------------------------------------------------------


def _pack_lane(lane: Lane, axis: Axis) -> list[tuple[Band, int, tuple[float, float, float, str]]]:
    """Place each band of a lane and its label, stacking bands in sub-rows where a label would
    run into the next band: greedy first-fit by start, which keeps the rows few and stable."""
    placed: list[tuple[Band, int, tuple[float, float, float, str]]] = []
    row_ends: list[float] = []
    for band in lane.bands:
        x0 = axis.x0 if band.low is None else axis.x(band.low)
        x1 = axis.x1 if band.high is None else axis.x(band.high)
        x1 = max(x1, x0 + 6)  # a single day still shows
        width = 7.2 * len(_clip(band.label, 28))
        if x1 - x0 >= width + 26:
            geometry, left, right = (x0, x1, x0 + 19, "start"), x0, x1
        elif axis.x1 + 30 - x1 >= width + 6:
            geometry, left, right = (x0, x1, x1 + 5, "start"), x0, x1 + 5 + width
        else:
            geometry, left, right = (x0, x1, x0 - 5, "end"), x0 - 5 - width, x1
        row = next((i for i, end in enumerate(row_ends) if end + 8 <= left), len(row_ends))
        if row == len(row_ends):
            row_ends.append(right)
        else:
            row_ends[row] = right
        placed.append((band, row, geometry))
    return placed


def timeline_chart(
    chart_id: str,
    lanes: Sequence[Lane],
    axis: Axis,
    *,
    conflicts: Sequence[tuple[float, float, str]] = (),
) -> str:
    """An SVG timeline: one lane per source, a band per period it names a controller for.

    Args:
        chart_id: unique in the page; the chart is labelled by ``{chart_id}-caption``.
        lanes: the sources, in drawing order.
        axis: a date axis.
        conflicts: periods in which two bands name controllers that cannot both be right,
            hatched across every lane with their label.

    Returns:
        An ``<svg>`` element with ``role="img"``.
    """
    sub_h = 30
    top = 34.0
    layouts = [_pack_lane(lane, axis) for lane in lanes]
    heights = [
        max(1, max((row for _, row, _ in lay), default=0) + 1) * sub_h + 12 for lay in layouts
    ]
    bottom = top + sum(heights)
    parts: list[str] = [_arrow_defs(chart_id)]
    for lo, hi, label in conflicts:
        x0, x1 = axis.x(lo), axis.x(hi)
        x1 = max(x1, x0 + 4)
        parts.append(
            f'<g class="conflict" data-low="{dt.date.fromordinal(int(lo)).isoformat()}" '
            f'data-high="{dt.date.fromordinal(int(hi)).isoformat()}">'
            f'<rect x="{_c(x0)}" y="{_c(top - 14)}" width="{_c(x1 - x0)}" '
            f'height="{_c(bottom - top + 18)}" fill="url(#{chart_id}-hatch)" stroke="{CONFLICT}" '
            f'stroke-width="1.5" stroke-dasharray="5 3"/>'
            + _text(
                x0,
                top - 20,
                label,
                size=12,
                fill=CONFLICT_TEXT,
                weight="700",
                anchor="start" if x0 < axis.x1 - 160 else "end",
            )
            + "</g>"
        )
    ly = top
    for i, (lane, layout, lane_h) in enumerate(zip(lanes, layouts, heights, strict=True)):
        parts.append(f'<g class="lane" data-lane="{escape(lane.label)}">')
        if i % 2 == 0:
            parts.append(
                f'<rect x="6" y="{_c(ly)}" width="{WIDTH - 12}" height="{lane_h}" fill="#F3F4F6" '
                'fill-opacity="0.8"/>'
            )
        parts.append(
            _text(LABEL_X, ly + 6 + sub_h / 2 + 4, _clip(lane.label, 32), size=13, weight="600")
        )
        for band, row, (x0, x1, label_x, anchor) in layout:
            st = band.style
            cy = ly + 6 + row * sub_h + sub_h / 2
            parts.append(
                f'<g class="band" data-claim="{escape(band.claim)}" '
                f'data-controller="{escape(band.members)}" data-side="{escape(st.key)}" '
                f'data-low="{escape(band.data_low)}" data-high="{escape(band.data_high)}">'
                f'<rect x="{_c(x0)}" y="{_c(cy - 10)}" width="{_c(x1 - x0)}" height="20" rx="3" '
                f'fill="{st.colour}" fill-opacity="0.30" stroke="{st.colour}" stroke-width="2"/>'
            )
            if band.high is None:
                parts.append(
                    f'<line x1="{_c(x1 - 14)}" y1="{_c(cy + 13)}" x2="{_c(x1 + 4)}" '
                    f'y2="{_c(cy + 13)}" stroke="{INK}" stroke-width="1.5" '
                    f'marker-end="url(#{chart_id}-arrow)"/>'
                )
            # The side's shape sits inside a band wide enough for it, on it otherwise.
            mx = x0 + 9 if x1 - x0 >= 18 else (x0 + x1) / 2
            parts.append(shape_svg(st.shape, mx, cy, 5, st.colour))
            parts.append(
                _text(label_x, cy + 4, _clip(band.label, 28), size=12, weight="600", anchor=anchor)
            )
            parts.append("</g>")
        parts.append("</g>")
        ly += lane_h
    axis_y = bottom + 8
    parts.append(
        f'<line x1="{_c(axis.x0)}" y1="{_c(axis_y)}" x2="{_c(axis.x1)}" y2="{_c(axis_y)}" '
        f'stroke="{MUTED}"/>'
    )
    for value, label in axis.ticks():
        tx = axis.x(value)
        parts.append(
            f'<line x1="{_c(tx)}" y1="{_c(top)}" x2="{_c(tx)}" y2="{_c(axis_y + 5)}" '
            f'stroke="{MUTED}" stroke-opacity="0.35"/>'
            + _text(tx, axis_y + 18, label, size=11, fill=MUTED, anchor="middle")
        )
    total = axis_y + AXIS_H
    return (
        f'<svg class="chart timeline" id="{chart_id}" viewBox="0 0 {WIDTH} {_c(total)}" '
        f'role="img" aria-labelledby="{chart_id}-caption" preserveAspectRatio="xMinYMin meet" '
        'data-axis="date">' + "".join(parts) + "</svg>"
    )
