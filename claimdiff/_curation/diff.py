"""``diff``: what a change did to a dataset, claim by claim and group by group.

Claims are matched by id. A claim whose fields changed is *modified*, field by field, unless
the change moves it to another group (its event, measure, party, place or scope changed, after
actor names are resolved): then it answers another question, and is reported as removed from
the old group and added to the new one. Groups are matched by key; each changed group says how
its verdict and range moved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal, TypeAlias

import attrs

from .._model.actors import ActorIndex
from .._model.claims import Claim, Dataset, Relay
from .._model.values import Quantity
from .._model.words import exact_bounds_text
from .._reconciler.reconcile import group_key, reconcile
from .._reconciler.report import Group, GroupKey, Range, Report, Verdict
from .baseline import fingerprint

#: How a group moved. ``added``/``removed``: the group appeared or went away;
#: ``new-contradiction``: it contradicts now and did not before; ``resolved``: it contradicted
#: and does not now; ``contradiction-changed``: it still contradicts, between other claims;
#: ``verdict``: another change of verdict (``single`` to ``agreement``); ``widened``,
#: ``narrowed``, ``shifted``: its range or labels moved; ``claims``: claims joined, left or
#: changed without moving any of that.
Movement: TypeAlias = Literal[
    "added",
    "removed",
    "new-contradiction",
    "resolved",
    "contradiction-changed",
    "verdict",
    "widened",
    "narrowed",
    "shifted",
    "claims",
]

_FIELDS = tuple(a.name for a in attrs.fields(Claim) if a.name != "id")


@attrs.frozen(kw_only=True)
class FieldChange:
    """One field of a claim, before and after, as people read it."""

    field: str
    old: str
    new: str


@attrs.frozen(kw_only=True)
class ClaimChange:
    """A claim that kept its id and its group but changed."""

    claim: str
    group: str
    fields: tuple[FieldChange, ...]


@attrs.frozen(kw_only=True)
class GroupChange:
    """How one group moved between the two versions.

    ``range`` is the span the group's claims allow (or their labels), as text; ``fingerprint``
    identifies the new side's contradiction, as in a baseline.
    """

    group: str
    movements: tuple[Movement, ...]
    old_verdict: Verdict | None = None
    new_verdict: Verdict | None = None
    old_range: str | None = None
    new_range: str | None = None
    joined: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    fingerprint: str | None = None

    @property
    def new_contradiction(self) -> bool:
        """Whether the new version has a contradiction here that the old one did not."""
        return "new-contradiction" in self.movements or "contradiction-changed" in self.movements


@attrs.frozen(kw_only=True)
class DeclarationChange:
    """An actor, event, document or measure kind added, removed or changed.

    Declarations change what claims mean without touching them: a new alias merges two
    parties, a changed side turns a self-report into an adversary's claim.
    """

    section: Literal["actors", "events", "documents", "measures"]
    id: str
    change: Literal["added", "removed", "modified"]
    fields: tuple[FieldChange, ...] = ()


@attrs.frozen(kw_only=True)
class DatasetDiff:
    """What :func:`diff` returns. Every list is sorted, so the same change reads the same."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    modified: tuple[ClaimChange, ...] = ()
    groups: tuple[GroupChange, ...] = ()
    declarations: tuple[DeclarationChange, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not (self.added or self.removed or self.modified or self.groups or self.declarations)

    def new_contradictions(self) -> tuple[GroupChange, ...]:
        """The groups where the change brings a contradiction that was not there."""
        return tuple(g for g in self.groups if g.new_contradiction)


def show(field: str, value: object) -> str:
    """A field's value as people read it in a diff."""
    if value is None:
        return "(none)"
    if field == "value":
        return str(getattr(value, "text", "")) or repr(value)
    if field == "as_of":
        return str(getattr(value, "text", "")) or repr(value)
    if field == "via":
        return " > ".join(_relay(r) for r in value) or "(none)"  # type: ignore[attr-defined]
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _relay(relay: Relay) -> str:
    return f"{relay.outlet} {relay.ref}" if relay.ref else relay.outlet


def _bounds(value: object) -> str:
    if isinstance(value, Quantity) or hasattr(value, "precision"):
        return exact_bounds_text(getattr(value, "low", None), getattr(value, "high", None))
    return f" [{value!r}]"


def claim_changes(old: Claim, new: Claim) -> tuple[FieldChange, ...]:
    """The fields that differ between two versions of a claim, in field order."""
    out = []
    for name in _FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if a == b:
            continue
        shown_a, shown_b = show(name, a), show(name, b)
        if shown_a == shown_b:  # same words, other meaning (bounds, a relay's url...)
            shown_a, shown_b = shown_a + _bounds(a), shown_b + _bounds(b)
        out.append(FieldChange(field=name, old=shown_a, new=shown_b))
    return tuple(out)


def declaration_changes(old: Dataset, new: Dataset) -> tuple[DeclarationChange, ...]:
    """Actors, events, documents and measure kinds that differ, by section and id."""
    out: list[DeclarationChange] = []
    for section in ("actors", "events", "documents"):
        before = {r.id: r for r in getattr(old, section)}
        after = {r.id: r for r in getattr(new, section)}
        for rid in sorted(before.keys() | after.keys()):
            a, b = before.get(rid), after.get(rid)
            if a == b:
                continue
            fields = () if a is None or b is None else _record_changes(a, b)
            out.append(
                DeclarationChange(section=section, id=rid, change=_change(a, b), fields=fields)
            )
    declared_old = old.measures.keys() | old.cumulative.keys()
    declared_new = new.measures.keys() | new.cumulative.keys()
    for measure in sorted(declared_old | declared_new):
        a_kind, b_kind = old.measures.get(measure), new.measures.get(measure)
        a_tally, b_tally = old.cumulative.get(measure), new.cumulative.get(measure)
        changed: list[FieldChange] = []
        if a_kind != b_kind:
            changed.append(
                FieldChange(field="kind", old=show("kind", a_kind), new=show("kind", b_kind))
            )
        if a_tally != b_tally:  # whether later figures revise earlier ones
            changed.append(
                FieldChange(
                    field="cumulative",
                    old=show("cumulative", a_tally),
                    new=show("cumulative", b_tally),
                )
            )
        if changed:
            a = (a_kind, a_tally) if measure in declared_old else None
            b = (b_kind, b_tally) if measure in declared_new else None
            out.append(
                DeclarationChange(
                    section="measures", id=measure, change=_change(a, b), fields=tuple(changed)
                )
            )
    return tuple(out)


def _record_changes(old: Any, new: Any) -> tuple[FieldChange, ...]:
    out = []
    for f in attrs.fields(type(old)):
        a, b = getattr(old, f.name), getattr(new, f.name)
        if a == b:
            continue
        if isinstance(a, tuple) and isinstance(b, tuple):
            # A list of names (aliases): what went and what came, not both lists whole.
            gone, came = [x for x in a if x not in b], [x for x in b if x not in a]
            out.append(
                FieldChange(
                    field=f.name,
                    old=", ".join(map(str, gone)) or "(none)",
                    new=", ".join(map(str, came)) or "(none)",
                )
            )
        else:
            out.append(FieldChange(field=f.name, old=show(f.name, a), new=show(f.name, b)))
    return tuple(out)


def _change(old: object, new: object) -> Literal["added", "removed", "modified"]:
    return "added" if old is None else "removed" if new is None else "modified"


def _range_text(group: Group) -> str | None:
    if group.range is not None:
        return group.range.text
    if group.values:
        return " or ".join(group.values)
    return None


def _edges(r: Range) -> tuple[float, float]:
    def num(b: object, default: float) -> float:
        if b is None:
            return default
        return float(b.toordinal()) if isinstance(b, dt.date) else float(b)  # type: ignore[arg-type]

    inf = float("inf")
    low = -inf if r.low_open else num(r.low, -inf)
    high = inf if r.high_open else num(r.high, inf)
    return low, high


def _range_movement(old: Group, new: Group) -> Movement | None:
    if old.range is not None and new.range is not None:
        (a, b), (c, d) = _edges(old.range), _edges(new.range)
        if (a, b) == (c, d):
            return None
        if c <= a and b <= d:
            return "widened"
        if a <= c and d <= b:
            return "narrowed"
        return "shifted"
    if old.range is None and new.range is None and old.values != new.values:
        before, after = set(old.values), set(new.values)
        if before < after:
            return "widened"
        if after < before:
            return "narrowed"
        return "shifted"
    if (old.range is None) != (new.range is None):
        return "shifted"
    return None


def _group_change(
    key: str, old: Group | None, new: Group | None, changed: Sequence[str]
) -> GroupChange | None:
    movements: list[Movement] = []
    old_claims = set(old.claims) if old else set()
    new_claims = set(new.claims) if new else set()
    fp = fingerprint(new) if new is not None and new.verdict == "contradiction" else None
    if old is None:
        movements.append("added")
        if new is not None and new.verdict == "contradiction":
            movements.append("new-contradiction")
    elif new is None:
        movements.append("removed")
    else:
        was, now = old.verdict == "contradiction", new.verdict == "contradiction"
        if now and not was:
            movements.append("new-contradiction")
        elif was and not now:
            movements.append("resolved")
        elif was and now and fingerprint(old) != fp:
            movements.append("contradiction-changed")
        elif old.verdict != new.verdict:
            movements.append("verdict")
        moved = _range_movement(old, new)
        if moved is not None:
            movements.append(moved)
        if not movements and (old_claims != new_claims or changed):
            movements.append("claims")
    if not movements:
        return None
    return GroupChange(
        group=key,
        movements=tuple(movements),
        old_verdict=old.verdict if old else None,
        new_verdict=new.verdict if new else None,
        old_range=_range_text(old) if old else None,
        new_range=_range_text(new) if new else None,
        joined=tuple(sorted(new_claims - old_claims)),
        left=tuple(sorted(old_claims - new_claims)),
        changed=tuple(sorted(changed)),
        fingerprint=fp,
    )


def diff(
    old: Dataset,
    new: Dataset,
    *,
    old_report: Report | None = None,
    new_report: Report | None = None,
) -> DatasetDiff:
    """What changed from ``old`` to ``new``.

    Args:
        old: the earlier version.
        new: the later version.
        old_report: ``reconcile(old)``, when the caller has it already.
        new_report: ``reconcile(new)``, likewise.

    Returns:
        A :class:`DatasetDiff`; ``diff(d, d).empty`` holds for every dataset ``d``.
    """
    old_report = old_report if old_report is not None else reconcile(old)
    new_report = new_report if new_report is not None else reconcile(new)
    old_actors, new_actors = ActorIndex.build(old.actors), ActorIndex.build(new.actors)
    old_claims = {c.id: c for c in old.claims}
    new_claims = {c.id: c for c in new.claims}
    added, removed, modified = [], [], []
    for cid in sorted(old_claims.keys() | new_claims.keys()):
        a, b = old_claims.get(cid), new_claims.get(cid)
        if a is None:
            added.append(cid)
        elif b is None:
            removed.append(cid)
        elif a != b:
            old_key, new_key = group_key(a, old_actors), group_key(b, new_actors)
            if old_key != new_key:
                removed.append(cid)
                added.append(cid)
            else:
                modified.append(
                    ClaimChange(claim=cid, group=str(new_key), fields=claim_changes(a, b))
                )
    old_groups: dict[GroupKey, Group] = {g.key: g for g in old_report.groups}
    new_groups: dict[GroupKey, Group] = {g.key: g for g in new_report.groups}
    changed_in: dict[str, list[str]] = {}
    for m in modified:
        changed_in.setdefault(m.group, []).append(m.claim)
    groups = []
    for key in sorted(old_groups.keys() | new_groups.keys()):
        moved = _group_change(
            str(key), old_groups.get(key), new_groups.get(key), changed_in.get(str(key), [])
        )
        if moved is not None:
            groups.append(moved)
    return DatasetDiff(
        added=tuple(added),
        removed=tuple(removed),
        modified=tuple(modified),
        groups=tuple(groups),
        declarations=declaration_changes(old, new),
    )
