"""``explain``: one claim or one group, with its attribution chain, its camp and its reasons."""

from __future__ import annotations

import attrs

from .._curation.describe import Context, attribution, camp_text, contradiction_text
from .._model.claims import Claim
from .._model.findings import Location
from .._model.words import span_text
from .._reconciler.compare import RelationKind, compare_claims
from .._reconciler.report import Entry, Group, Report
from .text import one_line


@attrs.frozen(kw_only=True)
class RelationTo:
    """How the explained claim relates to another claim of its group."""

    claim: str
    value: str
    attribution: str
    kind: RelationKind
    gap: int | float | None = None
    relative_gap: float | None = None
    reason: str = ""


@attrs.frozen(kw_only=True)
class ClaimExplanation:
    """A claim in context: where it was read, its group's verdict, its camp and relations."""

    claim: Claim
    entry: Entry
    group: str
    verdict: str
    camp: str | None
    location: Location | None
    relations: tuple[RelationTo, ...]


def explain_claim(
    claim_id: str, report: Report, ctx: Context, location: Location | None = None
) -> ClaimExplanation:
    """Explain the claim ``claim_id``.

    Raises:
        KeyError: when no claim has that id.
    """
    claim = ctx.claims[claim_id]
    group = report.group_of(claim_id)
    entry = next(e for e in group.entries if e.claim == claim_id)
    relations = []
    for other in group.entries:
        if other.claim == claim_id:
            continue
        rel = compare_claims(claim, ctx.claims[other.claim], ctx.actors.resolve)
        relations.append(
            RelationTo(
                claim=other.claim,
                value=other.value,
                attribution=attribution(other, ctx.actors),
                kind=rel.kind,
                gap=rel.gap,
                relative_gap=rel.relative_gap,
                reason=rel.reason,
            )
        )
    camp = camp_text(group, entry.camp, ctx.actors) if entry.camp is not None else None
    return ClaimExplanation(
        claim=claim,
        entry=entry,
        group=str(group.key),
        verdict=group.verdict,
        camp=camp,
        location=location,
        relations=tuple(relations),
    )


def _bounds(claim: Claim) -> str:
    value = claim.value
    low, high = value.low, value.high
    if isinstance(low, tuple):  # categories: their members
        return ", ".join(low)
    if low is None and high is None:
        return "any value"
    if isinstance(low, bool):
        return "holds" if low else "does not hold"
    return span_text(low, high)  # type: ignore[arg-type]


def claim_text(ex: ClaimExplanation, ctx: Context) -> str:
    """The explanation as aligned ``label: value`` lines."""
    c, e = ex.claim, ex.entry
    via = " > ".join(ctx.actors.label(r.outlet) + (f" {r.ref}" if r.ref else "") for r in c.via)
    claimant = ctx.actors.label(c.claimant) if c.claimant else "(none)"
    rows = [
        ("value", f"{c.value.text!s} ({c.value.kind}; {_bounds(c)})"),
        ("stance", c.stance),
        ("claimant", claimant + (f" (side {e.side})" if e.side else " (no side)")),
        ("perspective", e.perspective.replace("_", " ")),
        ("via", via or "(none)"),
        ("origin", ctx.actors.label(e.origin)),
        ("quote", repr(c.quote) if c.quote else "(none)"),
        ("document", c.document or "(none)"),
        ("read from", str(ex.location) if ex.location else "(not from a file)"),
        ("group", f"{ex.group} ({ex.verdict})"),
        ("camp", ex.camp or "(none: gives no information)"),
    ]
    if c.notes:
        rows.append(("notes", c.notes))
    width = max(len(label) for label, _ in rows)
    lines = [f"claim {c.id}"] + [f"  {label.ljust(width)}  {value}" for label, value in rows]
    if ex.relations:
        lines.append("  relations:")
        for r in ex.relations:
            share = f" ({r.relative_gap:.0%})" if r.relative_gap is not None else ""
            lines.append(
                f"    {r.kind:<10}  {r.claim}: {r.value} ({r.attribution}): {r.reason}{share}"
            )
    # Each line holds data (names, quotes, notes): one line each, whatever the data holds.
    return "\n".join(one_line(line) for line in lines) + "\n"


def group_text(group: Group, ctx: Context) -> str:
    """A group: key, verdict, range and consensus, camps, claims and contradicting pairs."""
    lines = [f"group {group.key}", f"  verdict      {group.verdict} ({group.kind})"]
    if group.range is not None:
        lines.append(f"  range        {group.range.text}")
    if group.values:
        lines.append(f"  values       {' or '.join(group.values)}")
    consensus = (
        group.consensus.text
        if group.consensus is not None
        else " or ".join(group.consensus_values) or "(none)"
    )
    lines.append(f"  consensus    {consensus}")
    lines.append(f"  origins      {', '.join(ctx.actors.label(o) for o in group.origins)}")
    if group.verdict == "contradiction":
        lines.append(f"  summary      {contradiction_text(group, ctx)}")
    for i in range(len(group.camps)):
        lines.append(f"  camp {i + 1:<7} {camp_text(group, i, ctx.actors)}")
    lines.append("  claims:")
    for e in group.entries:
        camp = f"camp {e.camp + 1}" if e.camp is not None else "no camp"
        stance = "" if e.stance == "asserts" else " (denies)"
        lines.append(
            f"    {e.claim}: {e.value}{stance} ({attribution(e, ctx.actors)}; "
            f"{e.perspective.replace('_', ' ')}; {camp})"
        )
    if group.contradictions:
        more = len(group.contradictions) < group.pair_count
        shown = f" ({group.pair_count:,} in all, the first {len(group.contradictions)} shown)"
        lines.append("  contradicting pairs" + (shown if more else "") + ":")
        lines += [f"    {a} \u2194 {b}" for a, b in group.contradictions]
    # Each line holds data (names, quotes, notes): one line each, whatever the data holds.
    return "\n".join(one_line(line) for line in lines) + "\n"
