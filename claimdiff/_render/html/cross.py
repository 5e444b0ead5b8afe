"""Contradictions across groups in the HTML report: a part listing them, and a note in each
group's section linking to them.

``Report.cross`` holds pairs of groups whose keys differ but that cannot both be right (who
held a place on overlapping periods, an event's start outside its dates). The list names
both groups, links to their sections, says what each says and names the days they share.
"""

from __future__ import annotations

from ..._model.words import fmt_period
from ..._reconciler.report import GroupKey
from .context import Page, axis_value, camp_phrases, edtf_span, esc

CROSS_RULE = {
    "overlapping-scopes": "overlapping periods",
    "event-span": "an event's start or end against its dates",
}


def _overlap_text(overlap: str) -> str:
    """The overlap in words (``29 May 2017``), with its EDTF when that says more."""
    span = edtf_span(overlap) if overlap else None
    if span is None:
        return overlap
    return fmt_period(axis_value(span[0]), axis_value(span[1]))


def _group_link(page: Page, key: GroupKey) -> str:
    """A link to the section of the group with ``key``, titled as the page titles it."""
    index = page.index_of.get(key)
    if index is None:
        return f"<code>{esc(key)}</code>"  # a report edited by hand may name a missing group
    return f'<a href="#g{index}">{esc(page.title(page.report.groups[index]))}</a>'


def cross_part(page: Page) -> str:
    """Contradictions between groups of different keys: both groups, linked, what each says,
    and the days their scopes share."""
    items = []
    for n, cross in enumerate(page.report.cross):
        said = []
        for key in cross.groups:
            index = page.index_of.get(key)
            group = page.report.groups[index] if index is not None else None
            camps = camp_phrases(page, group) if group is not None else ""
            said.append(
                f"<li>{_group_link(page, key)}"
                + (f' <span class="camps">says {esc(camps)}</span>' if camps else "")
                + "</li>"
            )
        rule = CROSS_RULE.get(cross.rule, cross.rule)
        head = f'<span class="badge contradiction">\u2715 {esc(rule)}</span> '
        if cross.overlap:
            head += (
                f"Both cannot be right on <strong>{esc(_overlap_text(cross.overlap))}</strong>, "
                f"the days their scopes share (<code>{esc(cross.overlap)}</code>):"
            )
        else:
            head += "These two cannot both be right:"
        items.append(
            f'<li id="cross-{n}" class="cross" data-rule="{esc(cross.rule)}" '
            f'data-overlap="{esc(cross.overlap)}"><p>{head}</p><ul>{"".join(said)}</ul>'
            f'<p class="note">As the report says it: {esc(cross.message)}</p></li>'
        )
    return (
        "<p>Two groups whose keys differ can still contradict: a state said of one place at "
        "times that share a day, or an event's start outside its dates. Each pair below "
        "names both groups and the days they share.</p>"
        f'<ol class="cross-list">{"".join(items)}</ol>'
    )


def cross_note(page: Page, index: int) -> str:
    """In a group's section: the groups it contradicts across keys, linked both ways."""
    notes = []
    for n, cross in enumerate(page.report.cross):
        keys = [k for k in cross.groups if page.index_of.get(k) != index]
        if len(keys) == len(cross.groups):
            continue
        other = _group_link(page, keys[0]) if keys else "itself"
        when = f" on {esc(_overlap_text(cross.overlap))}" if cross.overlap else ""
        notes.append(f'<li>contradicts {other}{when} (<a href="#cross-{n}">across groups</a>)</li>')
    if not notes:
        return ""
    return f'<ul class="cross-note" aria-label="Across groups">{"".join(notes)}</ul>'
