"""Showing results in a notebook or a console: short reprs, HTML fragments and Markdown.

Jupyter asks an object for ``_repr_html_`` (or ``_repr_markdown_``) and shows what comes
back inline, inside its own page; the fragment therefore carries its own ``<style>`` whose
every selector starts with the fragment's class, so nothing leaks into the notebook around it.
The words come from the same modules as the command line's (``_curation.describe``,
``_render.text``, ``_render.markdown``); this module lays them out.

The public renderers :func:`render_text` and :func:`render_markdown` print what
``claimdiff report --format text|markdown`` prints.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._curation.describe import Context
from .._model.actors import ActorIndex, MemoIndex
from .._model.words import open_bound_text
from .markdown import group_bars, md_code, md_fence, md_text, report_markdown
from .text import report_summary, report_text

if TYPE_CHECKING:
    from .._estimates.estimate import Estimate
    from .._model.claims import Dataset
    from .._reconciler.overview import GroupSummary, Overview
    from .._reconciler.report import Bound, Group, Range, Report, Summary

__all__ = ["render_markdown", "render_text"]

#: Rows an inline table shows before it says how many more there are: a notebook cell of
#: a million groups must stay a cell.
MAX_ROWS = 50

_CLASS = "claimdiff-frag"
# Every selector starts with the fragment's class: the notebook's own page is left alone.
_CSS = f"""
.{_CLASS} {{font: 13px/1.4 system-ui, sans-serif; color: inherit}}
.{_CLASS} table.cd-t {{border-collapse: collapse; margin: 4px 0}}
.{_CLASS} table.cd-t th, .{_CLASS} table.cd-t td {{padding: 2px 8px; text-align: left;
  border-bottom: 1px solid rgba(127,127,127,.25); vertical-align: middle}}
.{_CLASS} table.cd-t td.cd-n {{text-align: right; font-variant-numeric: tabular-nums}}
.{_CLASS} .cd-v {{font-weight: 600; padding: 0 4px; border-radius: 3px}}
.{_CLASS} .cd-contradiction {{color: #b00020}}
.{_CLASS} .cd-agreement {{color: #1b7a2e}}
.{_CLASS} .cd-single {{color: #1f5fa8}}
.{_CLASS} .cd-unknown {{color: #767676}}
.{_CLASS} p.cd-s {{margin: 2px 0 6px}}
"""
_CAMP_COLOURS = ("#1f5fa8", "#d95f02", "#7570b3", "#1b9e77", "#e7298a", "#66a61e")
_BAR_WIDTH, _BAR_HEIGHT = 120, 12


def _context(dataset: Dataset | None) -> Context:
    if dataset is not None:
        return Context.of(dataset)
    return Context({}, MemoIndex.of(ActorIndex.build(())))


def render_text(report: Report, dataset: Dataset | None = None) -> str:
    """The report as ``claimdiff report`` prints it: a summary line, then contradictions
    (furthest apart first), agreements, ranges, singles, unknowns, transpositions, findings.

    Args:
        report: what :func:`claimdiff.reconcile` returned.
        dataset: the dataset the report was made from; it supplies actors' names and the
            claims that size each contradiction's gap (``gap 10 (20%)``). Without it, actors
            are named by id and gaps are left out.

    Returns:
        Plain text, one item per line, ending with a newline.
    """
    return report_text(report, _context(dataset))


def render_markdown(report: Report, dataset: Dataset | None = None) -> str:
    """The report as Markdown, as ``claimdiff report --format markdown`` prints it: a table of
    counts, every contradiction with a text range bar per camp, then every other group.

    Args:
        report: what :func:`claimdiff.reconcile` returned.
        dataset: the dataset the report was made from, as for :func:`render_text`.

    Returns:
        GitHub-flavoured Markdown, ending with a newline.
    """
    return report_markdown(report, _context(dataset))


# -- short reprs ------------------------------------------------------------------------------


def summary_words(s: Summary) -> str:
    """``296 claims, 190 groups, 19 contradictions, ...``: the counts of a summary."""
    parts = [
        f"{s.claims} claims",
        f"{s.groups} groups",
        f"{s.contradictions} contradictions",
        *([f"{s.cross_contradictions} across groups"] if s.cross_contradictions else []),
        f"{s.agreements} agreements",
        f"{s.singles} singles",
        f"{s.unknowns} unknown",
    ]
    if s.rejected:
        parts.append(f"{s.rejected} rejected")
    parts += [f"{s.errors} errors", f"{s.warnings} warnings"]
    return ", ".join(parts)


def dataset_repr(dataset: Dataset) -> str:
    """``<Dataset: 296 claims, 61 actors, 9 events, 5 documents; 0 findings>``."""
    return (
        f"<Dataset: {len(dataset.claims)} claims, {len(dataset.actors)} actors, "
        f"{len(dataset.events)} events, {len(dataset.documents)} documents; "
        f"{len(dataset.findings)} findings>"
    )


def report_repr(report: Report) -> str:
    """``<Report: 296 claims, 190 groups, 19 contradictions, ...>``."""
    return f"<Report: {summary_words(report.summary)}>"


def overview_repr(overview: Overview) -> str:
    """``<Overview: 296 claims, 190 groups, ...; 19 groups in detail>``."""
    return f"<Overview: {summary_words(overview.summary)}; {len(overview.details)} in detail>"


def _value_words(group: Group | GroupSummary) -> str:
    if group.range is not None:
        return group.range.text
    return " or ".join(group.values) or "-"


def group_repr(group: Group) -> str:
    """``<Group kidal-2014/killed/fama: contradiction, 40–50, 2 claims, 2 origins>``."""
    return (
        f"<Group {group.key}: {group.verdict}, {_value_words(group)}, "
        f"{len(group.claims)} claims, {len(group.origins)} origins>"
    )


def estimate_repr(estimate: Estimate) -> str:
    """``<Estimate median-of-origins: 45 (40 to 50), on 2 claims>``."""
    span = ""
    if estimate.low is not None or estimate.high is not None:
        span = f" ({open_bound_text(estimate.low)} to {open_bound_text(estimate.high)})"
    return (
        f"<Estimate {estimate.rule}: {_best_of(estimate)}{span}, "
        f"on {len(estimate.based_on)} claims>"
    )


def _best_of(estimate: Estimate) -> str:
    """The best figure, or the figures or labels that tie for it ("tie 40 / 50")."""
    if estimate.best is None and estimate.tied:
        return "tie " + " / ".join(_best(t) for t in estimate.tied)
    return _best(estimate.best)


def _best(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, int | float | dt.date):
        return open_bound_text(value)
    return str(value)


# -- HTML fragments ---------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _x(value: Bound) -> float | None:
    if value is None:
        return None
    return float(value.toordinal()) if isinstance(value, dt.date) else float(value)


def _bar(spans: Sequence[tuple[Bound, Bound, str]], axis: Range | None) -> str:
    """An inline SVG: each span (low, high, colour) on the axis of the group's range."""
    if axis is None:
        return ""
    lo, hi = _x(axis.low), _x(axis.high)
    finite = [x for s in spans for x in (_x(s[0]), _x(s[1])) if x is not None]
    if lo is None and finite:
        lo = min(finite)
    if hi is None and finite:
        hi = max(finite)
    if lo is None or hi is None:
        return ""
    pad = (hi - lo) * 0.05 or 1.0
    lo, hi = lo - pad, hi + pad
    scale = _BAR_WIDTH / (hi - lo)
    rects = [
        f'<rect x="0" y="{_BAR_HEIGHT // 2 - 1}" width="{_BAR_WIDTH}" height="2" '
        'fill="rgba(127,127,127,.35)"/>'
    ]
    for low, high, colour in spans:
        a = _x(low)
        b = _x(high)
        left = (lo if a is None else a) - lo
        right = (hi if b is None else b) - lo
        x = left * scale
        width = max((right - left) * scale, 3.0)
        rects.append(
            f'<rect x="{min(x, _BAR_WIDTH - 3):.1f}" y="2" width="{width:.1f}" '
            f'height="{_BAR_HEIGHT - 4}" rx="2" fill="{colour}" fill-opacity=".8"/>'
        )
    return (
        f'<svg width="{_BAR_WIDTH}" height="{_BAR_HEIGHT}" role="img" '
        f'aria-label="range {_e(axis.text)}">{"".join(rects)}</svg>'
    )


def _group_spans(group: Group | GroupSummary) -> list[tuple[Bound, Bound, str]]:
    camps = getattr(group, "camps", ())
    spans = [
        (c.consensus.low, c.consensus.high, _CAMP_COLOURS[i % len(_CAMP_COLOURS)])
        for i, c in enumerate(camps)
        if c.consensus is not None
    ]
    if not spans and group.range is not None:
        spans.append((group.range.low, group.range.high, _CAMP_COLOURS[0]))
    return spans


def _verdict(verdict: str) -> str:
    return f'<span class="cd-v cd-{_e(verdict)}">{_e(verdict)}</span>'


def _claims_of(group: Group | GroupSummary) -> int:
    return group.claims if isinstance(group.claims, int) else len(group.claims)


def _origins_of(group: Group | GroupSummary) -> int:
    return group.origins if isinstance(group.origins, int) else len(group.origins)


def _groups_table(groups: Sequence[Group | GroupSummary]) -> str:
    """Contradictions first, then the others in report order, at most :data:`MAX_ROWS`."""
    ordered = [g for g in groups if g.verdict == "contradiction"]
    ordered += [g for g in groups if g.verdict != "contradiction"]
    rows = []
    for g in ordered[:MAX_ROWS]:
        rows.append(
            f"<tr><td><code>{_e(g.key)}</code></td><td>{_verdict(g.verdict)}</td>"
            f"<td>{_bar(_group_spans(g), g.range)}</td><td>{_e(_value_words(g))}</td>"
            f'<td class="cd-n">{_claims_of(g)}</td><td class="cd-n">{_origins_of(g)}</td></tr>'
        )
    more = ""
    if len(ordered) > MAX_ROWS:
        more = f'<p class="cd-s">... and {len(ordered) - MAX_ROWS:,} more groups</p>'
    return (
        '<table class="cd-t"><thead><tr><th>group</th><th>verdict</th><th>range</th>'
        "<th>value</th><th>claims</th><th>origins</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{more}"
    )


def _fragment(body: str) -> str:
    return f'<div class="{_CLASS}"><style>{_CSS}</style>{body}</div>'


def report_html(report: Report) -> str:
    """A report as a notebook shows it: its summary, then a table of groups with bars."""
    head = f'<p class="cd-s"><b>claimdiff report</b>: {_e(report_summary(report))}</p>'
    return _fragment(head + _groups_table(report.groups))


def overview_html(overview: Overview) -> str:
    """An overview as a notebook shows it, like a report."""
    head = f'<p class="cd-s"><b>claimdiff overview</b>: {_e(summary_words(overview.summary))}</p>'
    return _fragment(head + _groups_table(overview.groups))


def group_html(group: Group) -> str:
    """One group: its verdict and range, then one row per claim with its camp's colour."""
    head = (
        f'<p class="cd-s"><code>{_e(group.key)}</code> {_verdict(group.verdict)} '
        f"{_e(_value_words(group))} &middot; {len(group.origins)} origins</p>"
    )
    rows = []
    for entry in group.entries:
        colour = (
            _CAMP_COLOURS[entry.camp % len(_CAMP_COLOURS)] if entry.camp is not None else "#999"
        )
        span = _bar([(entry.low, entry.high, colour)], group.range)
        via = ", ".join(entry.via)
        rows.append(
            f"<tr><td><code>{_e(entry.claim)}</code></td><td>{_e(entry.value)}</td>"
            f"<td>{span}</td><td>{_e(entry.claimant or '')}</td><td>{_e(via)}</td>"
            f"<td>{_e(entry.perspective)}</td>"
            f'<td class="cd-n">{"" if entry.camp is None else entry.camp}</td></tr>'
        )
    table = (
        '<table class="cd-t"><thead><tr><th>claim</th><th>value</th><th>range</th>'
        "<th>claimant</th><th>via</th><th>perspective</th><th>camp</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _fragment(head + table)


def estimate_html(estimate: Estimate) -> str:
    """An estimate: its figures and its reason."""
    cells = "".join(
        f"<td>{_e(v)}</td>"
        for v in (open_bound_text(estimate.low), _best_of(estimate), open_bound_text(estimate.high))
    )
    table = (
        '<table class="cd-t"><thead><tr><th>low</th><th>best</th><th>high</th></tr></thead>'
        f"<tbody><tr>{cells}</tr></tbody></table>"
    )
    head = f'<p class="cd-s"><b>estimate</b> ({_e(estimate.rule)})</p>'
    reason = f'<p class="cd-s">{_e(estimate.reason)}</p>' if estimate.reason else ""
    return _fragment(head + table + reason)


# -- Markdown ---------------------------------------------------------------------------------


def report_md(report: Report) -> str:
    """A report as Markdown: :func:`render_markdown`'s page while it is short, the counts and
    a table of the first groups (contradictions first) beyond :data:`MAX_ROWS` groups."""
    if len(report.groups) <= MAX_ROWS:
        return render_markdown(report)
    return _groups_md("claimdiff report", report.summary, report.groups)


def overview_md(overview: Overview) -> str:
    """An overview as Markdown: its counts and a table of its groups."""
    return _groups_md("claimdiff overview", overview.summary, overview.groups)


def _groups_md(title: str, summary: Summary, groups: Sequence[Group | GroupSummary]) -> str:
    lines = [f"**{title}**: {summary_words(summary)}", ""]
    lines += ["| group | verdict | value | claims | origins |", "|---|---|---|---:|---:|"]
    ordered = [g for g in groups if g.verdict == "contradiction"]
    ordered += [g for g in groups if g.verdict != "contradiction"]
    for g in ordered[:MAX_ROWS]:
        key, value = md_code(str(g.key), table=True), md_text(_value_words(g))
        lines.append(f"| {key} | {g.verdict} | {value} | {_claims_of(g)} | {_origins_of(g)} |")
    if len(ordered) > MAX_ROWS:
        lines += ["", f"... and {len(ordered) - MAX_ROWS:,} more groups"]
    return "\n".join(lines) + "\n"


def group_md(group: Group) -> str:
    """A group as Markdown: its verdict and range, then a text bar per camp."""
    head = f"**{md_code(str(group.key))}**: {group.verdict}, {md_text(_value_words(group))}"
    return "\n".join([head, "", *md_fence(group_bars(group, _context(None))), ""])


def estimate_md(estimate: Estimate) -> str:
    """An estimate as one Markdown line."""
    return f"**estimate** ({estimate.rule}): {_best_of(estimate)}. {estimate.reason}\n"
