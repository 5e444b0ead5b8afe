"""What the HTML report's page knows beyond the report, and how it says it in words.

:class:`Page` holds the actors' names and sides, the claims, documents and events of the
dataset (when there is one) and the styles of the sides; it names who stands behind a claim,
voices under the origin they speak for included. The helpers here turn bounds and EDTF
scopes into the ``data-*`` values every part of the page uses (words come from
:mod:`._describe`, EDTF is read by :mod:`._edtf`), and escape what comes from data. The parts
of the page (``_render.html.page``, ``_render.html.revisions``, ``_render.html.cross``) lay out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from html import escape

from ..._grammar.edtf import parse_edtf
from ..._model.actors import ActorIndex
from ..._model.claims import Claim, Dataset
from ..._model.words import fmt_period, page_range_text
from ..._reconciler.report import Entry, Group, GroupKey, Report
from ...errors import ValueParseError
from .charts import Style, legend_swatch, side_styles

NO_SIDE = "none"  # the filter token of claims whose claimant is on no side


def slug(text: str) -> str:
    """A token for ids and filter values: lower case letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


def esc(text: object) -> str:
    """``text`` escaped for HTML text and attribute values (quotes included)."""
    return escape(str(text), quote=True)


def table_wrap(label: str, table: str) -> str:
    """A table in a box that scrolls sideways on narrow screens. A box that scrolls must take the
    keyboard's focus and have a name (WCAG 2.1.1; axe's ``scrollable-region-focusable``), or a
    keyboard user cannot read its hidden columns."""
    return (
        f'<div class="table-wrap" tabindex="0" role="region" aria-label="{esc(label)}">'
        f"{table}</div>"
    )


def axis_value(bound: object) -> float | None:
    """A bound on a chart axis: the number, or the day ordinal of a date."""
    if bound is None:
        return None
    if isinstance(bound, dt.date):
        return float(bound.toordinal())
    return float(bound)  # type: ignore[arg-type]


def from_axis(x: float, kind: str) -> object:
    """The bound an axis value stands for (a date on a date axis)."""
    return dt.date.fromordinal(int(x)) if kind == "date" else x


def data_value(bound: object) -> str:
    """A bound as written into ``data-*`` attributes: ``40``, ``2023-11-08``, or empty."""
    if bound is None:
        return ""
    if isinstance(bound, dt.date):
        return bound.isoformat()
    if isinstance(bound, float) and bound.is_integer():
        return str(int(bound))
    return str(bound)


def safe_url(url: str | None) -> str | None:
    """The URL if it is a web address; anything else (``javascript:``) is not made a link."""
    if url and re.match(r"(?i)^https?://[^\s<>\"']+$", url):
        return url
    return None


def edtf_span(text: str) -> tuple[dt.date | None, dt.date | None] | None:
    """The span of an EDTF scope (``2013``, ``2013-05``, ``2013/2014``, ``2023-11-14/..``),
    read by the one EDTF reader (:func:`~claimdiff._grammar.edtf.parse_edtf`), used only when the
    claims themselves are not at hand; ``None`` when it cannot tell."""
    try:
        value = parse_edtf(text)
    except ValueParseError:
        return None
    if value.low is None and value.high is None:
        return None
    return value.low, value.high


class Page:
    """What rendering needs to know beyond the report: names, sides, claims, documents."""

    def __init__(self, report: Report, dataset: Dataset | None) -> None:
        self.report = report
        self.dataset = dataset
        self.actors = ActorIndex.build(dataset.actors if dataset else ())
        self.claims: dict[str, Claim] = {c.id: c for c in dataset.claims} if dataset else {}
        self.documents = {d.id: d for d in dataset.documents} if dataset else {}
        self.events = {e.id: e for e in dataset.events} if dataset else {}
        sides = {a.side for a in (dataset.actors if dataset else ()) if a.side}
        sides |= {e.side for g in report.groups for e in g.entries if e.side}
        self.sides = sorted(sides)
        self.styles = side_styles(self.sides)
        self.index_of: dict[GroupKey, int] = {}
        for i, g in enumerate(report.groups):
            self.index_of.setdefault(g.key, i)

    # names ------------------------------------------------------------------------------

    def label(self, name: str | None) -> str:
        if not name:
            return ""
        if name.startswith("document:"):
            doc = self.documents.get(name[len("document:") :])
            return doc.title if doc and doc.title else name[len("document:") :]
        return self.actors.label(name)

    def short(self, name: str | None) -> str:
        """A name that fits a chart row: the actor's acronym when its full name is long."""
        full = self.label(name)
        actor = self.actors.get(name)
        if actor is None or len(full) <= 24:
            return full
        acronyms = [a for a in actor.aliases if a.isupper() and 2 <= len(a) <= 12]
        return acronyms[0] if acronyms else full

    def side_of(self, name: str) -> str | None:
        return self.actors.side(name)

    def style(self, side: str | None) -> Style:
        return self.styles.get(side or "", self.styles[""])

    def event_name(self, event: str) -> str:
        ev = self.events.get(event)
        return ev.name if ev and ev.name else event

    def title(self, group: Group) -> str:
        key = group.key
        text = f"{self.event_name(key.event)} \u00b7 {key.measure.replace('_', ' ')}"
        if key.party:
            text += f" \u00b7 {self.label(key.party)}"
        if key.place:
            text += f" @ {self.label(key.place)}"
        if key.as_of:
            span = edtf_span(key.as_of)
            when = fmt_period(axis_value(span[0]), axis_value(span[1])) if span else key.as_of
            text += f" \u00b7 {when}"
        return text

    def who(self, entry: Entry, *, short: bool = False) -> tuple[str, str]:
        """The row label of a claim: who says it, and through whom it reached us.

        An outlet that reports its own claim is not repeated as its first relay.
        """
        name = self.short if short else self.label
        relays = list(entry.via)
        if relays and relays[0] == (entry.claimant or entry.origin):
            relays = relays[1:]
        via = " \u203a ".join(name(v) for v in relays)
        if entry.claimant:
            voiced = self.voiced_by(entry)
            if voiced is not None:
                # A spokesman's claim counts as his government's: the row says so.
                speaks = f"for {name(voiced)}"
                full = f"{speaks}, via {via}" if via else speaks
                # A chart row has room for about 36 characters: whom a voice speaks for
                # matters more there than the outlets, which the claims table lists.
                return name(entry.claimant), speaks if short and len(full) > 36 else full
            return name(entry.claimant), f"via {via}" if via else ""
        return name(entry.origin), "no claimant named" + (f"; via {via}" if via else "")

    def voiced_by(self, entry: Entry) -> str | None:
        """The origin a claimant speaks for (``speaks_for``), when it is not its own origin."""
        if entry.claimant and entry.origin and entry.origin != entry.claimant:
            return entry.origin
        return None

    def voices(self, entries: Iterable[Entry], *, short: bool = True) -> str:
        """The origins behind ``entries``, each voice named under the origin it speaks for:
        ``MNLA, Ukrainian government: Poroshenko; General Staff``. Sorted by name, so the
        text does not depend on the order of the claims."""
        name = self.short if short else self.label
        heard: dict[str, set[str]] = defaultdict(set)
        for e in entries:
            origin = self.voiced_by(e)
            if origin is not None:
                heard[origin].add(name(e.claimant))
            else:
                heard[e.origin]
        # Voiced origins last: the colon's list of voices then runs to the end of the text.
        ordered = sorted(heard.items(), key=lambda kv: (bool(kv[1]), name(kv[0]), kv[0]))
        return ", ".join(
            f"{name(origin)}: {'; '.join(sorted(voices))}" if voices else name(origin)
            for origin, voices in ordered
        )

    def chain(self, entry: Entry) -> str:
        """``MNLA via Le Point \u203a encyclopedia``: the claim's relay chain in one string."""
        name, via = self.who(entry)
        return f"{name} {via}" if via.startswith(("via", "for")) else name

    # filters ----------------------------------------------------------------------------

    def side_tokens(self, group: Group) -> list[str]:
        return sorted({slug(e.side) if e.side else NO_SIDE for e in group.entries})


def camp_phrases(page: Page, group: Group) -> str:
    """``40 (MNLA) · 50 (Malian government)``: what each camp says and who says it."""
    phrases = []
    for i, camp in enumerate(group.camps):
        if camp.consensus is not None:
            said = page_range_text(camp.consensus)
        elif camp.values:
            said = " or ".join(page.label(v) for v in camp.values)
        else:
            said = " / ".join(sorted({e.value for e in group.entries if e.camp == i}))
        names = page.voices(e for e in group.entries if e.camp == i)
        phrases.append(f"{said} ({names})")
    return " \u00b7 ".join(phrases)


def legend_for(page: Page, styles: Iterable[Style]) -> str:
    """The legend of the sides drawn in a chart, each with its marker."""
    seen = sorted({s.key: s for s in styles}.values(), key=lambda s: (s.key == "", s.key))
    items = "".join(
        f"<li>{legend_swatch(s)} {esc(s.name if s.key else 'no side (third party)')}</li>"
        for s in seen
    )
    return f'<ul class="legend" aria-label="Sides">{items}</ul>'
