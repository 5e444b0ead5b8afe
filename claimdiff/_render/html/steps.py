"""Inline SVG step charts for the HTML report: one origin's running tally over time.

A cumulative count (killed, displaced) is revised by the source that keeps it: 185 on one day,
269 three days later. The chart draws each origin's figures as a step line over the days they
were stated, so a revision reads as a step up and a fall as a step down. Like the other charts
(``_render.html.charts``), the builder is a pure function from plain chart data to SVG; the page
assembly in ``_render.html.revisions`` decides what each step is (superseded, latest, fallen) from
the report, never by comparing figures here.

Design choices:

* Days run left to right on a date axis, figures bottom to top from zero, so the height of a
  step reads as a proportion of the tally.
* A figure given as a range ("about 600") is a vertical bar between its bounds, an open figure
  ("at least 61") an arrow from its bound; the step line runs through each figure's middle
  (its bound when open).
* Superseded figures are hollow, the latest figures solid; a figure that a later one fell
  below (kept in play by the reconciler) is ringed in vermillion, and every fall the report
  names is drawn as a vermillion arrow labelled "revised down". Colour is never the only
  cue: the states differ in fill and ring, and the table beside the chart says them in words.
* Each series is labelled with its origin at its right end, and the SVG carries a ``<title>``
  and ``<desc>`` for assistive technology besides the figure caption.
* Output is deterministic: coordinates are rounded to a tenth, series and steps are drawn in
  the order given, which the caller sorts.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from html import escape
from typing import Literal, TypeAlias

import attrs

from .charts import (
    CONFLICT,
    CONFLICT_TEXT,
    INK,
    MUTED,
    RULE,
    WIDTH,
    Axis,
    Style,
    make_axis,
    shape_svg,
)

#: What became of one figure of a running tally, as the report says it.
StepState: TypeAlias = Literal["superseded", "latest", "kept"]

PLOT_LEFT = 70.0
PLOT_RIGHT = 540.0
PLOT_TOP = 24.0
PLOT_BOTTOM = 224.0
HEIGHT = 266


@attrs.frozen(kw_only=True)
class Step:
    """One figure of a running tally: the day it was stated and its bounds on the count axis.

    ``low``/``high`` are ``None`` on an open side ("at least 61" has no high). ``state`` says
    whether a later figure superseded it, it is among the latest, or it stays in play because
    a later figure fell below it.
    """

    claim: str
    day: float  # a day ordinal
    low: float | None
    high: float | None
    text: str
    state: StepState
    data_day: str = ""


@attrs.frozen(kw_only=True)
class Series:
    """One origin's running tally: its steps in the order stated, and the falls among them.

    ``falls`` are pairs of claim ids (earlier, later) whose later figure fell below the
    earlier one, as the report's ``revised-down`` findings name them.
    """

    origin: str
    label: str
    style: Style
    steps: tuple[Step, ...]
    falls: tuple[tuple[str, str], ...] = ()


def _c(x: float) -> str:
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _level(step: Step) -> float:
    """Where the step line crosses a figure: its middle, or its one bound when open."""
    if step.low is None:
        return step.high if step.high is not None else 0.0
    if step.high is None:
        return step.low
    return (step.low + step.high) / 2


def _text(x: float, y: float, text: str, *, size: int = 11, fill: str = INK, **kw: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in kw.items())
    return (
        f'<text x="{_c(x)}" y="{_c(y)}" font-size="{size}" fill="{fill}"{extra}>'
        f"{escape(text)}</text>"
    )


def step_axes(series: Sequence[Series]) -> tuple[Axis, Axis]:
    """The day axis (x) and the count axis (y, bottom to top) that hold every step."""
    days = [s.day for one in series for s in one.steps]
    counts = [v for one in series for s in one.steps for v in (s.low, s.high) if v is not None]
    days_axis = attrs.evolve(make_axis("date", days), x0=PLOT_LEFT, x1=PLOT_RIGHT)
    # A tally of open figures only ("at least 10") still needs a scale: zero and its bounds.
    count_axis = make_axis(
        "quantity",
        counts or [0.0, 1.0],
        open_ends=any(s.low is None or s.high is None for one in series for s in one.steps),
    )
    return days_axis, attrs.evolve(count_axis, x0=PLOT_BOTTOM, x1=PLOT_TOP)


def step_chart(chart_id: str, series: Sequence[Series], *, title: str, desc: str) -> str:
    """An SVG step chart: each origin's figures over the days it stated them.

    Args:
        chart_id: unique in the page; prefixes the SVG ids.
        series: the origins' tallies, in drawing order, each with at least one step.
        title: the chart's accessible name (its ``<title>``).
        desc: what it shows in words (its ``<desc>``).

    Returns:
        An ``<svg>`` element with ``role="img"``, named by its title and described by its desc.
    """
    days, counts = step_axes(series)
    parts: list[str] = [
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<defs><marker id="{chart_id}-arrow" viewBox="0 0 10 10" refX="8" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker>'
        f'<marker id="{chart_id}-fall" viewBox="0 0 10 10" refX="8" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{CONFLICT}"/></marker></defs>',
    ]
    # Grid and axes first, so the data is drawn over them.
    for value, label in counts.ticks():
        y = counts.x(value)
        parts.append(
            f'<line x1="{_c(PLOT_LEFT)}" y1="{_c(y)}" x2="{_c(PLOT_RIGHT)}" y2="{_c(y)}" '
            f'stroke="{RULE}"/>' + _text(PLOT_LEFT - 6, y + 4, label, fill=MUTED, text_anchor="end")
        )
    for value, label in days.ticks():
        x = days.x(value)
        parts.append(
            f'<line x1="{_c(x)}" y1="{_c(PLOT_BOTTOM)}" x2="{_c(x)}" y2="{_c(PLOT_BOTTOM + 5)}" '
            f'stroke="{MUTED}"/>'
            + _text(x, PLOT_BOTTOM + 18, label, fill=MUTED, text_anchor="middle")
        )
    parts.append(
        f'<line x1="{_c(PLOT_LEFT)}" y1="{_c(PLOT_BOTTOM)}" x2="{_c(PLOT_RIGHT)}" '
        f'y2="{_c(PLOT_BOTTOM)}" stroke="{MUTED}"/>'
    )
    label_ys: list[float] = []
    for n, one in enumerate(series):
        parts.append(_series_svg(chart_id, n, one, days, counts, label_ys))
    return (
        f'<svg class="chart steps" id="{chart_id}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        'preserveAspectRatio="xMinYMin meet" data-axis="date">' + "".join(parts) + "</svg>"
    )


def _series_svg(
    chart_id: str, n: int, one: Series, days: Axis, counts: Axis, label_ys: list[float]
) -> str:
    st = one.style
    # Series of one side share a colour: a dash pattern per series tells them apart.
    dash = ("", ' stroke-dasharray="6 3"', ' stroke-dasharray="2 3"')[n % 3]
    points = [(days.x(s.day), counts.x(_level(s))) for s in one.steps]
    path = [f"M{_c(points[0][0])},{_c(points[0][1])}"]
    for (_, y0), (x1, y1) in itertools.pairwise(points):
        path.append(f"H{_c(x1)}")
        if y1 != y0:
            path.append(f"V{_c(y1)}")
    # The latest figure holds until the next is stated: the line runs on to the plot's edge.
    path.append(f"H{_c(PLOT_RIGHT)}")
    out = [
        f'<g class="series" data-origin="{escape(one.origin)}">',
        f'<path d="{"".join(path)}" fill="none" stroke="{st.colour}" stroke-width="2.5"{dash}/>',
    ]
    where = {s.claim: p for s, p in zip(one.steps, points, strict=True)}
    for before, after in one.falls:
        if before not in where or after not in where:
            continue
        (x0, y0), (x1, y1) = where[before], where[after]
        out.append(
            f'<g class="fall" data-from="{escape(before)}" data-to="{escape(after)}">'
            f'<line x1="{_c(x0)}" y1="{_c(y0)}" x2="{_c(x1)}" y2="{_c(y1)}" stroke="{CONFLICT}" '
            f'stroke-width="2" stroke-dasharray="4 2" marker-end="url(#{chart_id}-fall)"/>'
            + _text(
                (x0 + x1) / 2 + 4,
                max(y0, y1) + 14,
                "revised down",
                fill=CONFLICT_TEXT,
                font_weight="700",
            )
            + "</g>"
        )
    for step, (x, y) in zip(one.steps, points, strict=True):
        out.append(
            f'<g class="step" data-claim="{escape(step.claim)}" data-state="{step.state}" '
            f'data-day="{escape(step.data_day)}">'
        )
        if step.low is not None and step.high is not None and step.low != step.high:
            y_lo, y_hi = counts.x(step.low), counts.x(step.high)
            out.append(
                f'<line x1="{_c(x)}" y1="{_c(y_lo)}" x2="{_c(x)}" y2="{_c(y_hi)}" '
                f'stroke="{st.colour}" stroke-width="5" stroke-opacity="0.45"/>'
            )
        elif step.low is None or step.high is None:
            end = PLOT_TOP if step.high is None else PLOT_BOTTOM
            if abs(end - y) > 8:
                out.append(
                    f'<line x1="{_c(x)}" y1="{_c(y)}" x2="{_c(x)}" '
                    f'y2="{_c(y + (-14 if step.high is None else 14))}" stroke="{INK}" '
                    f'stroke-width="1.5" marker-end="url(#{chart_id}-arrow)"/>'
                )
        if step.state == "kept":
            out.append(
                f'<circle cx="{_c(x)}" cy="{_c(y)}" r="9" fill="none" stroke="{CONFLICT}" '
                'stroke-width="2"/>'
            )
        out.append(shape_svg(st.shape, x, y, 4.5, st.colour, hollow=step.state == "superseded"))
        out.append("</g>")
    # The origin's name at the right end of its line, nudged down past labels already placed.
    y = points[-1][1] + 4
    for placed in sorted(label_ys):
        if abs(placed - y) < 14:
            y = placed + 14
    label_ys.append(y)
    out.append(_text(PLOT_RIGHT + 8, y, _clip(one.label, 27), size=12, font_weight="600"))
    out.append("</g>")
    return "".join(out)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
