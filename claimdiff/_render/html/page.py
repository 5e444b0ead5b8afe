"""``render_html``: a report as one self-contained HTML page with range charts and timelines.

The page works offline and alone: inline CSS and inline SVG, no fonts, images or scripts
fetched, a few lines of inline script for the filters and nothing that needs it to be read.
The same report and dataset always give the same bytes (no timestamps, everything sorted), so
a page can be committed and diffed.

What goes where:

* **Summary**: the counts, then the contradictions, biggest first. Figures are ranked by their
  relative gap (40 against 50 is 20%), dates by the days between them, then labels that simply
  differ. The gap is the group's :attr:`~claimdiff.Group.gap`, the furthest the reconciler
  found between two contradicting claims.
* **Figures and dates**: a range chart per group (see ``_render.html.charts``), its caption saying
in
  words what it shows, and the claims table with each quote and its source links.
* **Control**: groups whose measure is ``controller``. Groups of one event and place that differ
  only by their ``as_of`` scope are one story (who held Kidal when), so they share a timeline:
  one lane per independent origin, one band per claim spanning its ``as_of`` (or the event's
  date when the claim has no scope), coloured and shaped by the controller's side and labelled
  with the controller. Wherever two bands overlap in time and name controllers that share no
  member, the period is hatched across every lane: there the sources disagree. Claims with no
  period at all are listed, not drawn.
* **Other claims**: categories and propositions as a table of camps.
* **Revision history**: in the section of a group whose running tallies were revised, a step
  chart (see ``_render.html.steps``) of each origin's figures over the days stated, and a table of
  the same figures saying what became of each (superseded, latest, kept after a fall).
* **Across groups**: the report's contradictions between groups of different keys, each with
  both groups linked and the days their scopes share; each group's section links back.
* **Voices**: actors that speak for another (``speaks_for``) are named under the origin they
  speak for ("Government of the Philippines: AFP; Padilla"), never as origins of their own.

Every string that comes from data (quotes, names, notes, links) is escaped; links are kept
only when they are ``http`` or ``https``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence

import attrs

from ..._curation.describe import estimate_text
from ..._model.claims import Claim, Dataset
from ..._model.values import Category, DateValue, Quantity
from ..._model.words import fmt_number, fmt_period
from ..._model.words import page_range_text as _range_text
from ..._reconciler.report import Entry, Group, Report
from .charts import (
    Axis,
    AxisKind,
    Band,
    Callout,
    CampBox,
    Lane,
    Mark,
    MarkShape,
    Style,
    legend_swatch,
    make_axis,
    range_chart,
    timeline_chart,
)
from .context import NO_SIDE
from .context import Page as _Page
from .context import axis_value as _axis_value
from .context import camp_phrases as _camp_phrases
from .context import data_value as _data_value
from .context import edtf_span as _edtf_span
from .context import esc as _e
from .context import from_axis as _from_axis
from .context import legend_for as _legend_for
from .context import safe_url as _safe_url
from .context import slug as _slug
from .context import table_wrap as _table_wrap
from .cross import cross_note, cross_part
from .revisions import revision_figure

__all__ = ["render_html"]

VERDICTS = ("contradiction", "agreement", "single", "unknown")
VERDICT_LABEL = {
    "contradiction": "\u2715 contradiction",
    "agreement": "\u2713 agreement",
    "single": "\u25cf single origin",
    "unknown": "? unknown",
}


@attrs.frozen
class _GapInfo:
    """How far apart a contradiction's claims are, for ranking and for the chart's callout."""

    rank: tuple[object, ...]
    text: str
    low: float | None = None
    high: float | None = None


# --- summary ----------------------------------------------------------------------------


def _gap_info(page: _Page, group: Group) -> _GapInfo | None:
    """The widest contradiction of ``group``: by relative gap for figures, days for dates."""
    if group.verdict != "contradiction":
        return None
    if group.kind not in ("quantity", "date"):
        camps = sorted(group.camps, key=lambda c: (-c.origins, c.values))
        said = " vs ".join(
            " or ".join(page.label(v) for v in c.values) or "denial" for c in camps[:3]
        )
        return _GapInfo(rank=(2, -len(group.origins), str(group.key)), text=said)
    # The reconciler measured the furthest pair over every contradicting pair (Group.gap).
    g = group.gap
    best = None
    if g is not None:
        far = float(g.gap)
        best = ((g.relative or 0.0, far), far, g.relative, _axis_value(g.low), _axis_value(g.high))
    if best is None:
        return _GapInfo(rank=(2, -len(group.origins), str(group.key)), text="no value fits all")
    _, gap, relative, low, high = best
    if group.kind == "date":
        days = int(gap)
        text = f"gap {days} day{'s' if days != 1 else ''}"
        return _GapInfo(rank=(1, -gap, str(group.key)), text=text, low=low, high=high)
    text = f"gap {fmt_number(gap)}" + (f" ({relative:.0%})" if relative is not None else "")
    return _GapInfo(
        rank=(0, -(relative or 0.0), -gap, str(group.key)), text=text, low=low, high=high
    )


def _summary(page: _Page, gaps: dict[int, _GapInfo]) -> str:
    s = page.report.summary
    cards = [
        ("claims", s.claims),
        ("groups", s.groups),
        ("agreements", s.agreements),
        ("contradictions", s.contradictions),
        ("single origin", s.singles),
        ("transpositions", s.transpositions),
        ("findings", len(page.report.findings)),
    ]
    if s.cross_contradictions:
        cards.insert(4, ("across groups", s.cross_contradictions))
    if s.unknowns:
        cards.insert(5, ("unknown", s.unknowns))
    if s.rejected:
        cards.append(("rejected records", s.rejected))
    out = ['<section aria-labelledby="summary-h" class="summary"><h2 id="summary-h">Summary</h2>']
    out.append('<ul class="cards">')
    for name, n in cards:
        cls = " hot" if name in ("contradictions", "across groups") and n else ""
        out.append(
            f'<li class="card{cls}"><span class="n">{n}</span> <span class="k">{name}</span></li>'
        )
    out.append("</ul>")
    ranked = sorted(gaps.items(), key=lambda kv: kv[1].rank)
    if ranked:
        out.append('<h3 id="biggest-h">Where the sources disagree, biggest first</h3>')
        out.append('<ol class="biggest" aria-labelledby="biggest-h">')
        for index, info in ranked:
            group = page.report.groups[index]
            camps = _camp_phrases(page, group)
            out.append(
                f'<li><a href="#g{index}">{_e(page.title(group))}</a>'
                f' <span class="gap">{_e(info.text)}</span>'
                f'<span class="camps">{_e(camps)}</span></li>'
            )
        out.append("</ol>")
    elif page.report.cross:
        out.append(
            "<p>No two claims of one group contradict each other; some groups do: see "
            '<a href="#cross-h">Across groups</a>.</p>'
        )
    else:
        out.append("<p>No two claims contradict each other.</p>")
    out.append("</section>")
    return "".join(out)


# --- claims table -----------------------------------------------------------------------


def _sources(page: _Page, claim: Claim | None) -> str:
    if claim is None:
        return ""
    links = []
    for relay in claim.via:
        name = page.label(relay.outlet)
        extra = f", {relay.title}" if relay.title else ""
        extra += f", {relay.published.isoformat()}" if relay.published else ""
        url = _safe_url(relay.url)
        if url:
            links.append(f'<li><a href="{_e(url)}" rel="noreferrer">{_e(name + extra)}</a></li>')
        else:
            links.append(f"<li>{_e(name + extra)}{_e(f' ({relay.url})') if relay.url else ''}</li>")
    if claim.document:
        doc = page.documents.get(claim.document)
        name = f"document: {doc.title or doc.id}" if doc else f"document: {claim.document}"
        url = _safe_url(doc.url) if doc else None
        if url:
            links.append(f'<li><a href="{_e(url)}" rel="noreferrer">{_e(name)}</a></li>')
        else:
            links.append(f"<li>{_e(name)}</li>")
    return f'<ul class="links">{"".join(links)}</ul>' if links else ""


def _camp_cell(entry: Entry) -> str:
    if entry.superseded_by is not None:
        return f"superseded by <code>{_e(entry.superseded_by)}</code>"
    return "" if entry.camp is None else str(entry.camp + 1)


def _claims_table(page: _Page, group: Group, caption: str) -> str:
    rows = []
    for e in sorted(group.entries, key=lambda e: (e.camp is None, e.camp or 0, e.claim)):
        claim = page.claims.get(e.claim)
        name = page.who(e)[0]
        voiced = page.voiced_by(e)
        if voiced is not None:
            name += f" (for {page.label(voiced)})"
        relays = " \u203a ".join(page.label(v) for v in e.via) or "\u2014"
        style = page.style(e.side)
        says = ("denies " if e.stance == "denies" else "") + e.value
        quote = claim.quote if claim else ""
        notes = claim.notes if claim else ""
        body = f"<blockquote>{_e(quote)}</blockquote>" if quote else "<p>No quote recorded.</p>"
        if claim and claim.stated:
            body += f"<p>Stated {_e(claim.stated.isoformat())}.</p>"
        if notes:
            body += f'<p class="note">Note: {_e(notes)}</p>'
        body += _sources(page, claim)
        rows.append(
            f'<tr data-claim="{_e(e.claim)}"><td><code>{_e(e.claim)}</code></td>'
            f"<td>{_e(name)}</td>"
            f'<td class="side">{legend_swatch(style)} {_e(e.side or "no side")}</td>'
            f"<td>{_e(relays)}</td>"
            f"<td>{_e(says)}</td>"
            f"<td>{_camp_cell(e)}</td>"
            f"<td><details><summary>Quote and sources</summary>{body}</details></td></tr>"
        )
    return _table_wrap(
        caption,
        '<table class="claims">'
        f'<caption class="visually-hidden">{_e(caption)}</caption>'
        '<thead><tr><th scope="col">Claim</th><th scope="col">Claimant</th>'
        '<th scope="col">Side</th><th scope="col">Relayed by</th><th scope="col">Says</th>'
        '<th scope="col">Camp</th><th scope="col">Quote</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>",
    )


def _camps_table(page: _Page, group: Group) -> str:
    rows = []
    for i, camp in enumerate(group.camps):
        if camp.values:
            says = " or ".join(page.label(v) for v in camp.values)
        elif camp.consensus is not None:
            says = _range_text(camp.consensus)
        else:
            says = " / ".join(sorted({e.value for e in group.entries if e.camp == i}))
        who = page.voices((e for e in group.entries if e.camp == i), short=False) or "\u2014"
        rows.append(
            f"<tr><td>{i + 1}</td><td>{_e(says)}</td><td>{_e(who)}</td>"
            f"<td>{camp.origins}</td><td>{_e(', '.join(camp.sides) or 'no side')}</td></tr>"
        )
    return _table_wrap(
        "Camps",
        '<table class="camps">'
        f"<caption>Camps: claims that can all be true together</caption>"
        '<thead><tr><th scope="col">Camp</th><th scope="col">Says</th>'
        '<th scope="col">Claimants</th><th scope="col">Independent origins</th>'
        '<th scope="col">Sides</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>",
    )


# --- sections ---------------------------------------------------------------------------


def _verdict_line(page: _Page, group: Group, gap: _GapInfo | None) -> str:
    n_claims, n_origins = len(group.claims), len(group.origins)
    badge = (
        f'<span class="badge {group.verdict}">{_e(VERDICT_LABEL.get(group.verdict, group.verdict))}'
        "</span>"
    )
    if group.verdict == "contradiction":
        said = f"{len(group.camps)} camps that cannot all be right"
        if gap is not None and group.kind in ("quantity", "date"):
            said += f"; {gap.text}"
    elif group.verdict == "agreement":
        said = "the claims can all be true together"
        if group.consensus is not None:
            said += f"; every claim allows {_range_text(group.consensus)}"
        elif group.consensus_values:
            said += "; every claim allows " + " or ".join(
                page.label(v) for v in group.consensus_values
            )
    elif group.verdict == "single":
        said = f"only {page.label(group.origins[0])} stands behind it" if group.origins else ""
    else:
        said = "no claim gives any information"
    counts = (
        f"{n_claims} claim{'s' if n_claims != 1 else ''} from {n_origins} independent "
        f"origin{'s' if n_origins != 1 else ''}"
    )
    if n_claims > n_origins:
        counts += " (a claim repeated by several outlets counts once)"
    voiced = [e for e in group.entries if page.voiced_by(e) is not None]
    if voiced:
        # Why three named people are one origin: they speak for it (``speaks_for``).
        counts += (
            f"; voices counted as the origin they speak for: {page.voices(voiced, short=False)}"
        )
    line = f'<p class="verdict">{badge} {_e(said[:1].upper() + said[1:])}. {_e(counts)}.</p>'
    estimate = estimate_text(group)
    if estimate:
        # Beside the verdict, never instead of it: the camps above stay what they are.
        line += f'\n<p class="estimate">{_e(estimate[:1].upper() + estimate[1:])}</p>'
    return line


def _mark_for(page: _Page, group: Group, entry: Entry) -> Mark:
    name, via = page.who(entry, short=True)
    style = page.style(entry.side)
    claim = page.claims.get(entry.claim)
    value = claim.value if claim else None
    common: dict[str, object] = {
        "claim": entry.claim,
        "label": name,
        "relay": via,
        "text": entry.value,
        "style": style,
        "camp": entry.camp,
        "denies": entry.stance == "denies",
    }
    if isinstance(value, (Quantity, DateValue)):
        lo, hi = _axis_value(value.low), _axis_value(value.high)
        nominal = _axis_value(value.nominal) if isinstance(value, Quantity) else None
        options = tuple(
            (_axis_value(o.low) or 0.0, _axis_value(o.high) or 0.0) for o in value.options
        )
        shape: MarkShape
        if value.options:
            shape = "alternatives"
        elif lo is None and hi is None:
            shape = "unknown"
        elif lo is None:
            shape = "at_most"
        elif hi is None:
            shape = "at_least"
        elif value.qualifier in ("approximate", "vague"):
            shape = value.qualifier
        else:
            shape = "point" if lo == hi else "range"
        return Mark(
            **common,  # type: ignore[arg-type]
            shape=shape,
            low=lo,
            high=hi,
            nominal=nominal,
            options=options,
            data_low=_data_value(value.low),
            data_high=_data_value(value.high),
        )
    camp = group.camps[entry.camp] if entry.camp is not None else None
    r = camp.consensus if camp is not None else None
    if r is None or (r.low is None and r.high is None):
        return Mark(**common, shape="unknown")  # type: ignore[arg-type]
    # Without the dataset only the camp's consensus is known: draw that, honestly labelled.
    lo, hi = _axis_value(r.low), _axis_value(r.high)
    shape = (
        "at_most"
        if r.low is None
        else "at_least"
        if r.high is None
        else ("point" if lo == hi else "range")
    )
    return Mark(
        **common,  # type: ignore[arg-type]
        shape=shape,
        low=lo,
        high=hi,
        data_low=_data_value(r.low),
        data_high=_data_value(r.high),
    )


def _mark_order(m: Mark) -> tuple[float, str, str]:
    return (m.low if m.low is not None else float("-inf"), m.label, m.claim)


def _range_figure(page: _Page, index: int, group: Group, gap: _GapInfo | None) -> str:
    marks = [_mark_for(page, group, e) for e in group.entries]
    by_camp: dict[int | None, list[Mark]] = defaultdict(list)
    superseded: list[Mark] = []
    for e, m in zip(group.entries, marks, strict=True):
        # A figure its own origin revised upwards is in no camp, yet it said something.
        if e.superseded_by is not None:
            superseded.append(attrs.evolve(m, superseded=True))
        else:
            by_camp[m.camp].append(m)
    kind: AxisKind = "date" if group.kind == "date" else "quantity"
    values: list[float] = []
    open_ends = False
    for m in marks:
        values.extend(v for v in (m.low, m.high, m.nominal) if v is not None)
        values.extend(v for o in m.options for v in o)
        open_ends = open_ends or m.shape in ("at_least", "at_most")
    if not values:
        return ""
    axis: Axis = make_axis(kind, values, open_ends=open_ends)
    boxes = []
    single = len(group.camps) == 1
    for ci in sorted(by_camp, key=lambda c: (c is None, c or 0)):
        camp_marks = sorted(by_camp[ci], key=_mark_order)
        if ci is None:
            boxes.append(CampBox(index=None, title="No information", marks=tuple(camp_marks)))
            continue
        camp = group.camps[ci]
        r = camp.consensus
        origins = f"{camp.origins} origin{'s' if camp.origins != 1 else ''}"
        head = "All claims" if single else f"Camp {ci + 1}"
        says = f" \u00b7 says {_range_text(r)}" if r is not None and not single else ""
        boxes.append(
            CampBox(
                index=ci,
                title=f"{head}{says} \u00b7 {origins}",
                marks=tuple(camp_marks),
                low=_axis_value(r.low) if r and r.low is not None else None,
                high=_axis_value(r.high) if r and r.high is not None else None,
                data_low=_data_value(r.low) if r else "",
                data_high=_data_value(r.high) if r else "",
            )
        )
    if superseded:
        boxes.append(
            CampBox(
                index=None,
                title="Superseded: revised later by the same origin (see its history below)",
                marks=tuple(sorted(superseded, key=_mark_order)),
            )
        )
    consensus = None
    c = group.consensus
    distinct = {(m.low, m.high, m.options) for m in marks}
    # Over a single claim (or copies of one) the consensus is that claim: no band to show.
    if c is not None and c.low is not None and c.high is not None and len(distinct) > 1:
        lo, hi = _axis_value(c.low), _axis_value(c.high)
        assert lo is not None
        assert hi is not None
        consensus = Callout(
            low=lo,
            high=hi,
            label=f"consensus {_range_text(c)}",
            data_low=_data_value(c.low),
            data_high=_data_value(c.high),
        )
    gaps = []
    if gap is not None and gap.low is not None and gap.high is not None:
        gaps.append(
            Callout(
                low=gap.low,
                high=gap.high,
                label=gap.text,
                data_low=_data_value(_from_axis(gap.low, kind)),
                data_high=_data_value(_from_axis(gap.high, kind)),
            )
        )
    chart_id = f"chart-g{index}"
    svg = range_chart(chart_id, boxes, axis, consensus=consensus, gaps=gaps)
    caption = _range_caption(page, group, gap)
    legend = _legend_for(page, [m.style for m in marks])
    return (
        f'<figure class="range"><div class="chart-wrap">{svg}</div>'
        f'<figcaption id="{chart_id}-caption">{_e(caption)}{legend}</figcaption></figure>'
    )


def _range_caption(page: _Page, group: Group, gap: _GapInfo | None) -> str:
    axis = "dates" if group.kind == "date" else "figures"
    text = f"Range chart of the {axis} claimed for {page.title(group)}. "
    text += _camp_phrases(page, group).replace(" \u00b7 ", "; ") + "."
    if group.consensus is not None:
        text += f" Consensus: {_range_text(group.consensus)}."
    if gap is not None and group.kind in ("quantity", "date"):
        text += f" Contradiction: {gap.text}."
    return text


def _section_attrs(page: _Page, index: int, group: Group) -> str:
    return (
        f'id="g{index}" class="group" data-verdict="{_e(group.verdict)}" '
        f'data-sides="{_e(" ".join(page.side_tokens(group)))}" '
        f'data-measure="{_e(_slug(group.key.measure))}" aria-labelledby="g{index}-h"'
    )


def _group_section(page: _Page, index: int, group: Group, gap: _GapInfo | None, level: int) -> str:
    title = page.title(group)
    out = [
        f"<section {_section_attrs(page, index, group)}>",
        f'<h{level} id="g{index}-h">{_e(title)}</h{level}>',
        _verdict_line(page, group, gap),
        cross_note(page, index),
    ]
    if group.kind in ("quantity", "date"):
        out.append(_range_figure(page, index, group, gap))
    elif group.camps:
        out.append(_camps_table(page, group))
    if group.revisions:
        out.append(revision_figure(page, index, group))
    out.append(_claims_table(page, group, f"Claims about {title}"))
    out.append("</section>")
    return "".join(out)


# --- control timelines ------------------------------------------------------------------


def _control_span(
    page: _Page, group: Group, entry: Entry
) -> tuple[dt.date | None, dt.date | None] | None:
    claim = page.claims.get(entry.claim)
    if claim is not None and claim.as_of is not None:
        if claim.as_of.low is None and claim.as_of.high is None:
            return None
        return claim.as_of.low, claim.as_of.high
    if claim is None and group.key.as_of:
        return _edtf_span(group.key.as_of)
    event = page.events.get(group.key.event)
    if event is not None and event.when is not None and (event.when.low or event.when.high):
        return event.when.low, event.when.high
    return None


def _members(page: _Page, entry: Entry) -> tuple[str, ...]:
    claim = page.claims.get(entry.claim)
    if claim is not None and isinstance(claim.value, Category):
        return tuple(sorted({page.actors.resolve(m) for m in claim.value.members}))
    return (entry.value,)


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _timeline_figure(page: _Page, n: int, place: str, groups: Sequence[Group]) -> str:
    lanes: dict[str, list[Band]] = defaultdict(list)
    spans: list[tuple[float | None, float | None, tuple[str, ...], str]] = []
    undrawn: list[str] = []
    full: dict[str, str] = {}  # the controllers' full names, for the caption
    voiced: dict[str, set[str]] = defaultdict(set)  # each origin's voices, for the caption
    for group in groups:
        for e in group.entries:
            span = _control_span(page, group, e) if e.stance == "asserts" else None
            if span is None:
                undrawn.append(e.claim)
                continue
            members = _members(page, e)
            sides = {page.side_of(m) for m in members}
            side = sides.pop() if len(sides) == 1 else None
            lo, hi = _axis_value(span[0]), _axis_value(span[1])
            lanes[e.origin].append(
                Band(
                    claim=e.claim,
                    label=" or ".join(page.short(m) for m in members),
                    style=page.style(side),
                    low=lo,
                    high=hi,
                    data_low=_data_value(span[0]),
                    data_high=_data_value(span[1]),
                    members=" ".join(members),
                )
            )
            spans.append((lo, hi, members, e.origin))
            if (speaks_for := page.voiced_by(e)) is not None:
                voiced[speaks_for].add(page.label(e.claimant))
            full[e.claim] = " or ".join(page.label(m) for m in members)
    if not lanes:
        return ""
    finite = [v for lo, hi, _, _ in spans for v in (lo, hi) if v is not None]
    axis = make_axis(
        "date", finite, open_ends=any(lo is None or hi is None for lo, hi, _, _ in spans)
    )
    clashes: list[tuple[float, float]] = []
    for i, (alo, ahi, am, _) in enumerate(spans):
        for blo, bhi, bm, _ in spans[i + 1 :]:
            if set(am) & set(bm):
                continue
            lo = max(alo if alo is not None else axis.lo, blo if blo is not None else axis.lo)
            hi = min(ahi if ahi is not None else axis.hi, bhi if bhi is not None else axis.hi)
            if lo <= hi:
                clashes.append((lo, hi))
    conflicts = [(lo, hi, f"sources disagree: {fmt_period(lo, hi)}") for lo, hi in _merge(clashes)]
    ordered = sorted(lanes.items(), key=lambda kv: (page.label(kv[0]), kv[0]))
    lane_list = [
        Lane(
            label=page.label(origin),
            bands=tuple(sorted(bands, key=lambda b: (b.low or 0.0, b.claim))),
        )
        for origin, bands in ordered
    ]
    chart_id = f"timeline-{n}"
    svg = timeline_chart(chart_id, lane_list, axis, conflicts=conflicts)
    words = []
    for (origin, _), lane in zip(ordered, lane_list, strict=True):
        periods = "; ".join(f"{b.label} ({fmt_period(b.low, b.high)})" for b in lane.bands)
        # A lane is an origin: the voices that speak for it are named, not given lanes.
        heard = sorted(voiced.get(origin, ()))
        who = f"{lane.label} (voices: {'; '.join(heard)})" if heard else lane.label
        words.append(f"{who}: {periods}")
    caption = f"Timeline of who controlled {place}, one lane per source. " + ". ".join(words) + "."
    if conflicts:
        caption += (
            " Sources disagree " + "; ".join(fmt_period(lo, hi) for lo, hi, _ in conflicts) + "."
        )
    if undrawn:
        caption += f" Not drawn (no period given): {', '.join(sorted(undrawn))}."
    legend = _legend_for(page, [b.style for lane in lane_list for b in lane.bands])
    return (
        f'<figure class="timeline"><div class="chart-wrap">{svg}</div>'
        f'<figcaption id="{chart_id}-caption">{_e(caption)}'
        f'<span class="legend-note">Colour and shape: the side of the controller.</span>'
        f"{legend}</figcaption></figure>"
    )


def _control_part(
    page: _Page, groups: Sequence[tuple[int, Group]], gaps: dict[int, _GapInfo]
) -> str:
    by_place: dict[tuple[str, str], list[tuple[int, Group]]] = defaultdict(list)
    for index, group in groups:
        by_place[(group.key.event, group.key.place)].append((index, group))
    out = []
    for n, ((event, place), members) in enumerate(sorted(by_place.items())):
        name = page.label(place) if place else page.event_name(event)
        heading = f"Who controlled {name}" + (f" ({page.event_name(event)})" if place else "")
        out.append(
            f'<section class="place" data-part="" aria-labelledby="place-{n}-h">'
            f'<h3 id="place-{n}-h">{_e(heading)}</h3>'
        )
        out.append(_timeline_figure(page, n, name, [g for _, g in members]))
        for index, group in members:
            out.append(_group_section(page, index, group, gaps.get(index), 4))
        out.append("</section>")
    return "".join(out)


# --- page -------------------------------------------------------------------------------


def _filters(page: _Page) -> str:
    groups = page.report.groups
    verdicts = {v: sum(g.verdict == v for g in groups) for v in VERDICTS}
    sides: dict[str, str] = {}
    for g in groups:
        for e in g.entries:
            sides[_slug(e.side) if e.side else NO_SIDE] = e.side or "no side"
    measures = sorted({g.key.measure for g in groups})

    def box(name: str, value: str, label: str, style: Style | None = None) -> str:
        swatch = legend_swatch(style) + " " if style else ""
        return (
            f'<label><input type="checkbox" name="{name}" value="{_e(value)}" checked> '
            f"{swatch}{_e(label)}</label>"
        )

    verdict_boxes = "".join(
        box("verdict", v, f"{VERDICT_LABEL[v]} ({n})") for v, n in verdicts.items() if n
    )
    side_boxes = "".join(
        box("side", token, label, page.style(None if token == NO_SIDE else label))
        for token, label in sorted(sides.items(), key=lambda kv: (kv[0] == NO_SIDE, kv[0]))
    )
    measure_boxes = "".join(box("measure", _slug(m), m.replace("_", " ")) for m in measures)
    return (
        '<form id="filters" class="filters" hidden aria-labelledby="filters-h">'
        '<h2 id="filters-h">Filter the groups</h2>'
        f"<fieldset><legend>Verdict</legend>{verdict_boxes}</fieldset>"
        f"<fieldset><legend>Claimant's side</legend>{side_boxes}</fieldset>"
        f"<fieldset><legend>Measure</legend>{measure_boxes}</fieldset>"
        '<p id="filter-status" role="status" aria-live="polite"></p>'
        "</form>"
    )


def _how_to_read(page: _Page) -> str:
    from .charts import CONSENSUS, INK, shape_svg

    def icon(body: str) -> str:
        return (
            '<svg class="key" width="56" height="18" viewBox="0 0 56 18" aria-hidden="true" '
            f'focusable="false">{body}</svg>'
        )

    st = page.style(page.sides[0] if page.sides else None)
    point = icon(shape_svg(st.shape, 28, 9, 5, st.colour))
    bar = icon(
        f'<rect x="8" y="4" width="40" height="10" rx="2" fill="{st.colour}" fill-opacity="0.75" '
        f'stroke="{INK}"/>'
    )
    arrow = icon(
        f'<line x1="10" y1="9" x2="50" y2="9" stroke="{INK}" stroke-width="2"/>'
        f'<path d="M44,4 L52,9 L44,14 z" fill="{INK}"/>' + shape_svg(st.shape, 10, 9, 5, st.colour)
    )
    band = icon(
        f'<rect x="14" y="1" width="28" height="16" rx="3" fill="{CONSENSUS}" fill-opacity="0.16" '
        f'stroke="{CONSENSUS}" stroke-dasharray="4 3"/>'
    )
    gap = icon(
        '<line x1="8" y1="12" x2="48" y2="12" stroke="#D55E00" stroke-width="2.5"/>'
        '<line x1="8" y1="2" x2="8" y2="16" stroke="#D55E00" stroke-dasharray="3 3"/>'
        '<line x1="48" y1="2" x2="48" y2="16" stroke="#D55E00" stroke-dasharray="3 3"/>'
    )
    revised = ""
    if any(g.revisions for g in page.report.groups):
        hollow = icon(shape_svg(st.shape, 28, 9, 5, st.colour, hollow=True))
        revised = (
            f"<li>{hollow} in the \u201cSuperseded\u201d box: a figure of a running tally "
            "that its source revised later; the group's revision history draws each "
            "source's figures over time as steps</li>"
        )
    return (
        '<details class="howto"><summary>How to read the charts</summary><ul>'
        f"<li>{point} one figure or day a source gives (\u201c40\u201d)</li>"
        f"<li>{bar} a range it gives (\u201c150\u2013200\u201d, \u201cNovember 2023\u201d)</li>"
        f"<li>{arrow} a bound: \u201cat least ten\u201d runs on to the right, "
        "\u201cby October 31\u201d to the left</li>"
        f"<li>{band} the consensus: what every claim allows</li>"
        f"<li>{gap} a contradiction: the gap between claims that cannot both be true</li>"
        "<li>Rows are boxed by camp (claims that can all be true together). Colour and shape "
        "give the claimant's side; the row names the claimant and the outlets that relayed "
        "it, left to right from the claimant.</li>"
        f"{revised}</ul></details>"
    )


CSS = """
:root{--ink:#1b1b1b;--muted:#555;--rule:#d9d9d9;--panel:#f6f7f9;--conflict:#a03c00;
--agree:#006648;--link:#0b57a4}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px}
header,main,footer{max-width:1080px;margin:0 auto;padding:0 20px}
header{padding-top:24px;border-bottom:1px solid var(--rule)}
h1{font-size:1.8rem;margin:0 0 4px}h2{font-size:1.35rem;margin:32px 0 12px}
h3{font-size:1.1rem;margin:24px 0 6px}h4{font-size:1rem;margin:20px 0 6px}
.sub{color:var(--muted);margin:0 0 16px}
a{color:var(--link)}
a:focus-visible,summary:focus-visible,input:focus-visible{outline:3px solid #0072B2;
outline-offset:2px}
nav ul{list-style:none;padding:0;margin:8px 0 16px;display:flex;flex-wrap:wrap;gap:6px 16px}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:8px;
grid-template-columns:repeat(auto-fill,minmax(112px,1fr))}
.card{border:1px solid var(--rule);border-radius:8px;padding:8px 12px;background:var(--panel)}
.card .n{display:block;font-size:1.7rem;font-weight:700;line-height:1.2}
.card .k{color:var(--muted);font-size:.9rem}
.card.hot{border-color:#d55e00;background:#fff4ec}.card.hot .n{color:var(--conflict)}
.biggest{padding-left:1.4em}.biggest li{margin:6px 0}
.biggest .gap{font-weight:700;color:var(--conflict);margin-left:6px}
.biggest .camps{display:block;color:var(--muted);font-size:.92rem}
.filters{border:1px solid var(--rule);border-radius:8px;padding:4px 16px 8px;margin:16px 0;
background:var(--panel)}
.filters h2{font-size:1rem;margin:8px 0}
fieldset{border:0;padding:0;margin:0 0 6px;display:flex;flex-wrap:wrap;gap:4px 14px;
align-items:center}
legend{font-weight:600;float:left;margin-right:12px;font-size:.92rem}
.filters label{white-space:nowrap;font-size:.92rem;display:inline-flex;align-items:center;gap:4px}
input[type=checkbox]{width:1.1em;height:1.1em}
#filter-status{margin:4px 0 0;color:var(--muted);font-size:.9rem}
.howto{margin:8px 0 16px}.howto ul{list-style:none;padding:0}
.howto li{display:flex;align-items:center;gap:8px;margin:4px 0}.key{flex:none}
section.group{border-top:1px solid var(--rule);padding-top:4px;margin-top:20px}
.verdict{margin:4px 0 8px}
.estimate{margin:0 0 8px;padding:4px 10px;border-left:3px solid var(--muted);
font-size:.95rem}
.badge{display:inline-block;font-size:.85rem;font-weight:700;border-radius:999px;
padding:1px 10px;border:1.5px solid currentColor;white-space:nowrap}
.badge.contradiction{color:var(--conflict);background:#fff4ec}
.badge.agreement{color:var(--agree);background:#eaf7f2}
.badge.single{color:#0b4f80;background:#eef5fb}.badge.unknown{color:#444;background:#f2f2f2}
figure{margin:8px 0 12px}
.chart-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch}
svg.chart{display:block;width:100%;min-width:620px;height:auto;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
figcaption{color:var(--muted);font-size:.9rem;margin-top:4px}
.legend{list-style:none;padding:0;margin:4px 0 0;display:flex;flex-wrap:wrap;gap:4px 16px;
color:var(--ink)}
.legend li,.side{white-space:nowrap}.swatch{vertical-align:-2px}
.legend-note{display:block;margin-top:4px}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:6px 0}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--rule);vertical-align:top}
th{background:var(--panel);font-weight:600}
td code{font-size:.85rem;word-break:break-all}
details summary{cursor:pointer;color:var(--link);white-space:nowrap}
blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid var(--rule);font-style:italic;
max-width:60ch}
.links{margin:4px 0;padding-left:1.2em}.note{color:var(--muted)}
.cross-list li,.cross-note li{margin:6px 0;overflow-wrap:anywhere}
.cross-list .camps{color:var(--muted)}.cross-note{margin:0 0 8px;padding-left:1.2em}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;overflow:hidden;
clip:rect(0 0 0 0);white-space:nowrap;border:0}
footer{border-top:1px solid var(--rule);margin-top:40px;padding:12px 20px 32px;
color:var(--muted);font-size:.9rem}
[hidden]{display:none!important}
@media (max-width:640px){body{font-size:15px}header,main,footer{padding:0 12px}
h1{font-size:1.45rem}.card .n{font-size:1.4rem}legend{float:none;width:100%}}
@media print{.filters,nav,.skip,details.howto{display:none!important}
body{font-size:11pt}a{color:inherit}section.group,figure{break-inside:avoid}
.chart-wrap,.table-wrap{overflow:visible}svg.chart{min-width:0}
.card.hot,.badge{background:none!important}}
"""

SCRIPT = """
(function(){
var form=document.getElementById('filters');if(!form)return;form.hidden=false;
var sections=document.querySelectorAll('section[data-verdict]');
var status=document.getElementById('filter-status');
function checked(name){var out=[];form.querySelectorAll('input[name="'+name+'"]').forEach(
function(i){if(i.checked)out.push(i.value);});return out;}
function any(tokens,wanted){return (tokens||'').split(' ').some(function(t){
return wanted.indexOf(t)>=0;});}
function apply(){var v=checked('verdict'),s=checked('side'),m=checked('measure'),shown=0;
sections.forEach(function(sec){var ok=any(sec.dataset.verdict,v)&&any(sec.dataset.sides,s)&&
any(sec.dataset.measure,m);sec.hidden=!ok;if(ok)shown++;});
document.querySelectorAll('[data-part]').forEach(function(p){
p.hidden=!p.querySelector('section[data-verdict]:not([hidden])');});
status.textContent=shown+' of '+sections.length+' groups shown';}
form.addEventListener('change',apply);apply();
window.addEventListener('beforeprint',function(){
document.querySelectorAll('details').forEach(function(d){d.open=true;});});
})();
"""

#: The page's Content-Security-Policy names its one script by hash (CSP level 2), so no other
#: script runs, even were some data to slip through the escaping as markup.
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()


def _others(page: _Page) -> str:
    report = page.report
    out = []
    if report.transpositions:
        out.append(
            '<section aria-labelledby="trans-h"><h2 id="trans-h">Transposed figures</h2><ul>'
        )
        for t in report.transpositions:
            out.append(f"<li>{_e(t.message)} <small>({_e(', '.join(t.claims))})</small></li>")
        out.append("</ul></section>")
    if report.findings:
        rows = "".join(
            f"<tr><td>{_e(f.severity)}</td><td><code>{_e(f.code)}</code></td>"
            f"<td>{_e(f.message)}</td><td>{_e(str(f.location))}</td></tr>"
            for f in sorted(
                report.findings, key=lambda f: (f.severity, f.code, str(f.location), f.message)
            )
        )
        out.append(
            '<section aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2>'
            + _table_wrap(
                "Findings",
                '<table><caption class="visually-hidden">Findings</caption>'
                '<thead><tr><th scope="col">Severity</th><th scope="col">Code</th>'
                '<th scope="col">Message</th><th scope="col">Where</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>",
            )
            + "</section>"
        )
    return "".join(out)


def render_html(
    report: Report, dataset: Dataset | None = None, *, title: str = "claimdiff report"
) -> str:
    """Render ``report`` as one self-contained, offline HTML page.

    Numeric and date groups get a range chart, control claims a timeline per place, the others
    a table of camps; revised running tallies a step chart of their history, contradictions
    across groups a list linking both groups; every claim's quote and source links sit one
    click away. The page needs
    no network and no script to be read (a small inline script adds filters), prints cleanly
    and reads on a phone. The output depends only on the arguments: the same report gives the
    same bytes.

    Args:
        report: what :func:`claimdiff.reconcile` returned.
        dataset: the dataset the report was made from. It supplies the claims' exact values,
            quotes and links and the actors' names; without it the charts draw each camp's
            consensus and the rows name actors by id.
        title: the page title and top heading.

    Returns:
        The page, as a string (write it with ``encoding="utf-8"``).
    """
    page = _Page(report, dataset)
    gaps = {
        i: info for i, g in enumerate(report.groups) if (info := _gap_info(page, g)) is not None
    }
    ranged = [
        (i, g)
        for i, g in enumerate(report.groups)
        if g.kind in ("quantity", "date") and g.key.measure != "controller"
    ]
    control = [(i, g) for i, g in enumerate(report.groups) if g.key.measure == "controller"]
    other = [
        (i, g)
        for i, g in enumerate(report.groups)
        if g.kind not in ("quantity", "date") and g.key.measure != "controller"
    ]
    parts: list[tuple[str, str, str]] = []
    if ranged:
        body = _how_to_read(page) + "".join(
            _group_section(page, i, g, gaps.get(i), 3) for i, g in ranged
        )
        parts.append(("figures", "Figures and dates", body))
    if control:
        parts.append(("control", "Control", _control_part(page, control, gaps)))
    if other:
        body = "".join(_group_section(page, i, g, gaps.get(i), 3) for i, g in other)
        parts.append(("other", "Other claims", body))
    if report.cross:
        parts.append(("cross", "Across groups", cross_part(page)))
    s = report.summary
    nav_items = [("summary-h", "Summary")] + [(f"{pid}-h", name) for pid, name, _ in parts]
    if report.transpositions:
        nav_items.append(("trans-h", "Transposed figures"))
    if report.findings:
        nav_items.append(("findings-h", "Findings"))
    nav = "".join(f'<li><a href="#{pid}">{_e(name)}</a></li>' for pid, name in nav_items)
    main = [_summary(page, gaps), _filters(page)]
    main.append(
        '<noscript><p class="sub">Filters need JavaScript; every group is shown.</p></noscript>'
    )
    for pid, name, body in parts:
        # A part of group sections hides when the filters hide all of them; the list across
        # groups holds no section of its own and always shows.
        filtered = "" if pid == "cross" else ' data-part=""'
        main.append(
            f'<section id="{pid}"{filtered} aria-labelledby="{pid}-h">'
            f'<h2 id="{pid}-h">{_e(name)}</h2>{body}</section>'
        )
    main.append(_others(page))
    sub = (
        f"{s.claims} claim{'s' if s.claims != 1 else ''} in {s.groups} "
        f"group{'s' if s.groups != 1 else ''} \u00b7 value policy {report.policy} "
        f"\u00b7 report schema {report.schema_version}"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="claimdiff">'
        # No network: the policy forbids every fetch but inline styles and images, and runs
        # only the one script whose hash it names, so no injected script could run.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        f"style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; img-src data:\">"
        f"<title>{_e(title)}</title><style>{CSS}</style></head>\n"
        '<body><a class="skip" href="#main">Skip to the report</a>'
        f'<header><h1>{_e(title)}</h1><p class="sub">{_e(sub)}</p>'
        f'<nav aria-label="Contents"><ul>{nav}</ul></nav></header>\n'
        f'<main id="main">{"".join(main)}</main>\n'
        "<footer><p>Made with claimdiff. Each claim is listed with who made it and the outlets "
        "that relayed it; quotes are the sources' own words.</p></footer>"
        f"<script>{SCRIPT}</script></body></html>\n"
    )
