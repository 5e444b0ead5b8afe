"""Wording groups for people: who stands in which camp, and how far apart the camps are.

The check's contradiction messages, the text and Markdown renderers and ``explain`` all say
"40 (MNLA via Le Point) against 50 (Malian government via Reuters), gap 10 (20%)"; the words
are chosen once, here, so every output tells the same story.

Bounds, ranges and spans of days are worded one layer down, in :mod:`claimdiff._model.words`
(``at least 10``, ``150–200``, ``May 2013``, ``40 to open``), because the reconciler words a
group's range when it builds it. Renderers lay out; they take their words from these two.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from .._model.actors import ActorIndex, MemoIndex
from .._model.claims import Claim, Dataset
from .._model.words import figure_text, number_text
from .._reconciler.compare import Relation
from .._reconciler.report import Entry, Gap, Group, Revision


@attrs.frozen
class Context:
    """What wording a group needs beyond the report: the claims by id and the actor names."""

    claims: Mapping[str, Claim]
    actors: ActorIndex

    @classmethod
    def of(cls, dataset: Dataset) -> Context:
        """The context of ``dataset``."""
        actors = MemoIndex.of(ActorIndex.build(dataset.actors))  # for the length of one wording
        return cls({c.id: c for c in dataset.claims}, actors)


def attribution(entry: Entry, actors: ActorIndex) -> str:
    """Who stands behind an entry and who carried it: ``MNLA via Le Point, encyclopedia``.

    Without a claimant the first relay is the origin (as in the reconciler), so it leads.
    """
    # A claimant that published its own claim ("Le Point, via Le Point") is said once.
    relays = [actors.label(v) for v in entry.via if v != entry.claimant]
    if entry.claimant:
        who = actors.label(entry.claimant)
        return f"{who} via {', '.join(relays)}" if relays else who
    if relays:
        return f"{relays[0]} via {', '.join(relays[1:])}" if relays[1:] else relays[0]
    if entry.origin.startswith("document:"):
        return f"document {entry.origin.removeprefix('document:')}"
    return "unattributed"


def camp_value(group: Group, index: int, actors: ActorIndex | None = None) -> str:
    """What camp ``index`` of ``group`` allows, as people read it: ``40``, ``40-45``, ``MNLA``."""
    camp = group.camps[index]
    if camp.consensus is not None:
        return camp.consensus.text
    if camp.values:
        return " or ".join(actors.label(v) if actors else v for v in camp.values)
    # A camp of denials only: show what its claims say.
    texts = sorted({e.value for e in group.entries if e.camp == index})
    return " / ".join(f"not {t}" for t in texts)


def camp_attribution(
    group: Group, index: int, actors: ActorIndex, entries: Sequence[Entry] | None = None
) -> str:
    """Everyone behind camp ``index``, deduplicated, in claim order, joined by ``; ``.

    Voices that speak for one origin (``speaks_for``) are named under it, as one origin:
    ``Ukrainian government: Poroshenko; General Staff``. ``entries``: the camp's entries,
    when the caller has them (see :func:`camp_entries`).
    """
    return voices_text(
        (e for e in (group.entries if entries is None else entries) if e.camp == index), actors
    )


def camp_entries(group: Group) -> list[list[Entry]]:
    """Each camp's entries, in claim order: one pass, where wording every camp of a group of
    thousands of camps would otherwise walk every entry once per camp."""
    found: list[list[Entry]] = [[] for _ in group.camps]
    for entry in group.entries:
        if entry.camp is not None:
            found[entry.camp].append(entry)
    return found


def camp_text(
    group: Group, index: int, actors: ActorIndex, entries: Sequence[Entry] | None = None
) -> str:
    """``40 (MNLA via Le Point)``; ``entries``: the camp's, when the caller has them."""
    who = camp_attribution(group, index, actors, entries)
    return camp_words(camp_value(group, index, actors), who)


def largest_gap(group: Group, ctx: Context | None = None) -> Relation | None:
    """The contradicting pair of ``group`` that lies furthest apart, as a relation.

    Furthest means the largest relative gap, then the largest gap; ``None`` when the group has
    no contradiction or its values have no distance (categories, propositions). The reconciler
    measured it over every pair (:attr:`Group.gap`); ``ctx`` is not needed any more.
    """
    return gap_relation(group.gap, group.kind)


def _gap_order(rel: Relation) -> tuple[float, float]:
    return (rel.relative_gap or 0.0, float(rel.gap or 0))


def gap_text(rel: Relation | None, kind: str) -> str:
    """``gap 10 (20%)`` for numbers, ``gap 12 days`` for dates, ``""`` without a gap."""
    if rel is None or rel.gap is None:
        return ""
    if kind == "date":
        return f"gap {rel.gap} day" + ("" if rel.gap == 1 else "s")
    gap = number_text(rel.gap)
    if rel.relative_gap is None:
        return f"gap {gap}"
    return f"gap {gap} ({rel.relative_gap:.0%})"


def contradiction_text(group: Group, ctx: Context) -> str:
    """``kidal-2014/killed/fama: 40 (MNLA via Le Point) against 50 (Malian government via
    Reuters), gap 10 (20%)``: the group, its camps in order, and the largest gap."""
    by_camp = camp_entries(group)
    camps = [camp_text(group, i, ctx.actors, entries) for i, entries in enumerate(by_camp)]
    return clash_text(str(group.key), camps, group.gap, group.kind)


def sort_key(group: Group, ctx: Context) -> tuple[float, float, str]:
    """Contradictions furthest apart first (relative gap, then gap), then by key: stable."""
    return clash_order(str(group.key), group.gap, group.kind)


def estimate_text(group: Group) -> str | None:
    """``best estimate (median-of-origins): 40 (low 40, high 50): 40 is the median of 2
    independent origins ...``, ``no best estimate (...): ...`` when the claims name none (a tie
    of labels, vague words only), or ``None`` when the group carries no estimate."""
    e = group.estimate
    if e is None:
        return None
    if e.best is None:
        # Said, not hidden: a tie or vague words only is what the reader needs to know.
        return f"no best estimate ({e.rule}): {e.reason}"
    shown = [figure_text(x) for x in (e.best, e.low, e.high)]
    bounds = f" (low {shown[1]}, high {shown[2]})" if e.low is not None and e.low != e.high else ""
    return f"best estimate ({e.rule}): {shown[0]}{bounds}; {e.reason}"


def revision_text(revision: Revision, actors: ActorIndex) -> str:
    """``185 → 269, revised by Ukrainian government (2014-08-02 → 2014-08-05)``: one
    origin's running tally in the order stated; a figure that a later one fell below is said
    so (it stays in play, see ``revised-down``)."""
    # Voices repeating one figure on one day are one step of the history.
    steps = list(dict.fromkeys(zip(revision.stated, revision.values, strict=True)))
    chain = " \u2192 ".join(value for _, value in steps)
    days = " \u2192 ".join(day.isoformat() for day, _ in steps)
    fell = len(revision.superseded) < len(revision.claims) - _latest_count(revision)
    tail = ", then lowered (a running tally cannot fall)" if fell else ""
    n = len(revision.undated)
    if n:
        tail += f"; {n} undated figure{'s' * (n > 1)} set aside (see undated-figure)"
    return f"{chain}, revised by {actors.label(revision.origin)} ({days}){tail}"


def _latest_count(revision: Revision) -> int:
    return sum(day == revision.stated[-1] for day in revision.stated)


# -- contradictions worded from plain inputs (a group decided in columns has no Group) -------


def voices_text(entries: Iterable[Entry], actors: ActorIndex) -> str:
    """Everyone behind ``entries`` (one camp's, in claim order), deduplicated, joined by
    ``; ``, voices that speak for one origin named under it (see :func:`camp_attribution`)."""
    # (is a voiced origin, its id or the attribution) -> the voices' attributions
    seen: dict[tuple[bool, str], dict[str, None]] = {}
    for entry in entries:
        said = attribution(entry, actors)
        if entry.claimant is not None and entry.origin != entry.claimant:
            seen.setdefault((True, entry.origin), {}).setdefault(said, None)
        else:
            seen.setdefault((False, said), {})
    return "; ".join(
        f"{actors.label(key)}: {'; '.join(voices)}" if voiced else key
        for (voiced, key), voices in seen.items()
    )


def camp_words(value: str, who: str) -> str:
    """``40 (MNLA via Le Point)``: what a camp allows, and who stands behind it."""
    return f"{value} ({who})"


def gap_relation(gap: Gap | None, kind: str) -> Relation | None:
    """A group's furthest gap (of a group of ``kind``) as a relation, ``None`` without one."""
    if gap is None:
        return None
    unit = " days" if kind == "date" else ""
    return Relation(
        kind="contradict",
        gap=gap.gap,
        relative_gap=gap.relative,
        reason=f"no value fits both; the nearest are {gap.gap}{unit} apart",
    )


def clash_text(key: str, camps: Sequence[str], gap: Gap | None, kind: str) -> str:
    """A contradiction's message from its key, its camps' words (:func:`camp_words`, in
    camp order) and its furthest gap: see :func:`contradiction_text`."""
    said = gap_text(gap_relation(gap, kind), kind)
    return f"{key}: {' against '.join(camps)}" + (f", {said}" if said else "")


def clash_order(key: str, gap: Gap | None, kind: str) -> tuple[float, float, str]:
    """Where a contradiction sorts: furthest apart first (relative gap, then gap), then by
    key (see :func:`sort_key`)."""
    rel = gap_relation(gap, kind)
    relative, size = _gap_order(rel) if rel is not None else (0.0, 0.0)
    return (-relative, -size, key)
