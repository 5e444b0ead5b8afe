"""The revision history of a running tally in the HTML report: a step chart and its table.

For a group whose cumulative figures an origin revised (``Group.revisions``), each origin's
figures over the days it stated them are drawn by ``_render.html.steps`` and listed in a table that
says what became of each: superseded by a later figure, among the latest (which count in the
verdict), kept in play because a later figure fell below it, or undated and set aside. The
rules are the reconciler's: this module reads them from the report, never recomputes them.
"""

from __future__ import annotations

import datetime as dt

from ..._curation.describe import revision_text
from ..._model.words import fmt_day
from ..._reconciler.report import Bound, Group, Revision
from .context import Page, esc, legend_for, table_wrap
from .steps import Series, Step, StepState, step_chart


def _count(bound: Bound) -> float | None:
    """A bound on the count axis; ``None`` when open or not a number."""
    return float(bound) if isinstance(bound, (int, float)) else None


def _step_state(revision: Revision, claim: str, day: dt.date) -> StepState:
    """What became of one figure of ``revision``, as the report says it."""
    if claim in revision.superseded:
        return "superseded"
    return "latest" if day == revision.stated[-1] else "kept"


STEP_STATE_TEXT = {
    "superseded": "superseded by {by}",
    "latest": "latest: counts in the verdict",
    "kept": "kept in play: a later figure fell below it",
}


def revision_figure(page: Page, index: int, group: Group) -> str:
    """Each origin's running tally as a step chart over the days stated, with a table of the
    same figures beside it (the chart's text equivalent)."""
    entries = {e.claim: e for e in group.entries}
    series: list[Series] = []
    rows: list[str] = []
    for revision in sorted(group.revisions, key=lambda r: (page.label(r.origin), r.origin)):
        steps: list[Step] = []
        falls = revision.falls
        fell_to = {b: a for a, b in falls}
        for claim, value, day in zip(
            revision.claims, revision.values, revision.stated, strict=False
        ):
            e = entries.get(claim)
            state = _step_state(revision, claim, day)
            low, high = (_count(e.low), _count(e.high)) if e is not None else (None, None)
            if low is not None or high is not None:
                steps.append(
                    Step(
                        claim=claim,
                        day=float(day.toordinal()),
                        low=low,
                        high=high,
                        text=value,
                        state=state,
                        data_day=day.isoformat(),
                    )
                )
            who = page.who(e)[0] if e is not None else ""
            status = STEP_STATE_TEXT[state].format(
                by=e.superseded_by if e is not None and e.superseded_by else "a later figure"
            )
            if claim in fell_to:
                status += f"; fell below {fell_to[claim]} (revised-down)"
            rows.append(
                f'<tr data-claim="{esc(claim)}" data-state="{state}">'
                f"<td>{esc(page.label(revision.origin))}</td>"
                f"<td>{esc(fmt_day(day.toordinal()))}</td><td>{esc(value)}</td>"
                f"<td>{esc(who)}</td><td>{esc(status)}</td></tr>"
            )
        # Figures that give no day cannot be placed on the chart; the table still lists those
        # the reconciler set aside for the latest.
        for claim in revision.undated:
            e = entries.get(claim)
            by = e.superseded_by if e is not None and e.superseded_by else "a later figure"
            rows.append(
                f'<tr data-claim="{esc(claim)}" data-state="undated">'
                f"<td>{esc(page.label(revision.origin))}</td><td>no day given</td>"
                f"<td>{esc(e.value if e is not None else '')}</td>"
                f"<td>{esc(page.who(e)[0] if e is not None else '')}</td>"
                f"<td>{esc(f'undated: set aside for the latest figures (superseded by {by})')}"
                "</td></tr>"
            )
        if steps:
            series.append(
                Series(
                    origin=revision.origin,
                    label=page.short(revision.origin),
                    style=page.style(page.side_of(revision.origin)),
                    steps=tuple(steps),
                    falls=falls,
                )
            )
    title = page.title(group)
    table = table_wrap(
        f"Revision history of {title}",
        '<table class="revisions">'
        f"<caption>Revision history of {esc(title)}, as a table</caption>"
        '<thead><tr><th scope="col">Origin</th><th scope="col">Stated</th>'
        '<th scope="col">Figure</th><th scope="col">Said by</th>'
        '<th scope="col">What became of it</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>",
    )
    histories = "; ".join(
        revision_text(r, page.actors)
        for r in sorted(group.revisions, key=lambda r: (page.label(r.origin), r.origin))
    )
    caption = (
        f"Revision history of {title}: each origin's running tally over the days it stated "
        f"it: {histories}."
    )
    if not series:
        return f'<div class="history"><p>{esc(caption)}</p>{table}</div>'
    chart_id = f"steps-g{index}"
    svg = step_chart(
        chart_id,
        series,
        title=f"Revision history of {title}",
        desc=caption,
    )
    legend = legend_for(page, [one.style for one in series])
    return (
        f'<figure class="history"><div class="chart-wrap">{svg}</div>'
        f'<figcaption id="{chart_id}-caption">{esc(caption)}'
        '<span class="legend-note">Solid: the latest figures, which count in the verdict; '
        "hollow: figures a later one superseded; ringed: a figure a later one fell below, "
        "kept in play. A dashed arrow marks a fall (revised-down).</span>"
        f"{legend}</figcaption></figure>{table}"
    )
