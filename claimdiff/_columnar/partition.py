"""One partition of claims through the engine, as :mod:`claimdiff.dask` runs it on a worker.

A partition holds every record of some events (the shuffle is on the event: transpositions
and contradictions across groups are found within one event, so an event's groups must be
together). Its records are written as a JSON Lines file, beside a declarations file when
there are declarations, and read and reconciled exactly as ``claimdiff check`` reads and
reconciles files: :func:`.read.read`, then :func:`.result.reconcile_claims`. What depends on
records outside the partition is handed back for the client to settle: the measures whose
categories name actors (learnt from every claim, as the loader learns them) and the claims
judged by them; the place in the input of every finding, to put them in input order.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final, NamedTuple

import attrs
import polars as pl

from .._actors import Actor
from .._claims import Claim, Document, Event
from .._convert import make_converter
from .._findings import Finding, Location
from .._io import _Checks
from .._overview import GroupSummary, Overview
from .._policy import ValuePolicy
from .._report import CrossContradiction, Group, Transposition
from .._rounding import RoundingPolicy
from .._values import Category
from .read import KEY, read
from .result import reconcile_claims

#: Sorts a claim's warnings about category members after its other findings, as the loader
#: notes them once every claim is in.
LAST: Final = 1 << 30
#: Where the first record of a duplicate id was, in the worker's own file: not said.
_FIRST_AT: Final = re.compile(r" \(first at [^)]*claims\.jsonl[^)]*\)")


@attrs.frozen
class Settings:
    """What every partition needs from the declarations."""

    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    documents: tuple[Document, ...]
    measures: dict[str, str]
    policy: ValuePolicy
    #: Measures declared cumulative or not (a dataset's ``cumulative``).
    cumulative: dict[str, bool] = attrs.field(factory=dict)
    #: The rounding policy, by name or a picklable callable (see claimdiff._rounding).
    rounding: str | RoundingPolicy | None = None

    def declarations(self) -> dict[str, object] | None:
        """The declarations as a declarations file holds them, or ``None`` when there are
        none (the engine then reads plain lines in columns)."""
        measures: dict[str, object] = {m: {"kind": k} for m, k in self.measures.items()}
        for measure, flag in self.cumulative.items():
            entry = measures.setdefault(measure, {})
            assert isinstance(entry, dict)
            entry["cumulative"] = flag
        unstructure = make_converter().unstructure
        sections: dict[str, object] = {
            "actors": unstructure(self.actors),
            "events": unstructure(self.events),
            "documents": unstructure(self.documents),
            "measures": measures,
        }
        found = {k: v for k, v in sections.items() if v}
        return found or None


class Part(NamedTuple):
    """What one partition gives back, each item keyed for the client to merge in order."""

    summaries: tuple[GroupSummary, ...]
    details: tuple[Group, ...]
    verdicts: Counter[str]
    #: Transpositions, by event and place in the partition's report order.
    transpositions: list[tuple[str, int, Transposition]]
    cross: tuple[CrossContradiction, ...]
    #: The reconciler's findings, by their group's key.
    keyed: list[tuple[tuple[str, ...], int, Finding]]
    #: The loader's findings, by the record's place in the input and their own order.
    findings: list[tuple[int, int, Finding]]
    claims: int
    rejected: int
    #: Measures whose categories name a declared actor here.
    learned: frozenset[str]
    #: Claims with category members in measures not learnt here, with their place in the
    #: input, for the warnings once every partition's ``learned`` is known.
    members: list[tuple[int, Claim]]


def run_part(
    records: Sequence[str],
    orders: Sequence[int],
    ids: Sequence[str],
    shared: Mapping[str, int],
    settings: Settings,
    check_names: bool,
) -> Part:
    """Read and reconcile the ``records`` (JSON text, in input order, each at its place
    ``orders`` in the input; ``ids`` as read before the shuffle) of whole events.

    ``shared`` maps each id that records of several events carry to the place of its first
    record: the loader keeps that one, so any other here is a duplicate. With
    ``check_names`` false (a dataset loaded already) no load finding is made again.
    """
    duplicates: list[tuple[int, int, Finding]] = []
    kept: list[tuple[str, int]] = []
    for text, order, claim_id in zip(records, orders, ids, strict=True):
        if shared.get(claim_id, order) != order:
            where = Location(record=claim_id, field="id")
            message = f"duplicate claim id {claim_id!r} @ id"
            duplicates.append(
                (order, 0, Finding(code="duplicate-id", message=message, location=where))
            )
            continue
        kept.append((text.rstrip("\n"), order))
    if not kept:
        return _empty(duplicates)
    with tempfile.TemporaryDirectory(prefix="claimdiff-part-") as folder:
        files = []
        declared = settings.declarations()
        if declared is not None:
            files.append(Path(folder) / "declarations.json")
            files[-1].write_text(json.dumps(declared), encoding="utf-8")
        lines = Path(folder) / "claims.jsonl"
        lines.write_text("".join(text + "\n" for text, _ in kept), encoding="utf-8")
        files.append(lines)
        claims = read([str(f) for f in files], settings.policy)
        found = reconcile_claims(claims, settings.policy.name, settings.rounding)
        overview = found.overview()
    place = [order for _, order in kept]
    load_findings = [
        (_order_of(f, place, str(lines)), seq, _without_file(f))
        for seq, f in enumerate(claims.findings)
        if check_names
    ]
    keys = {str(g.key): tuple(getattr(g.key, k) for k in KEY) for g in found.details}
    keyed = [
        (keys[f.location.record or ""], seq, f)
        for seq, f in enumerate(found.findings[len(claims.findings) :])
    ]
    learned: set[str] = set()
    members: list[tuple[int, Claim]] = []
    if check_names and settings.actors:
        built = claims.claims_of(claims.frame["id"])
        checks = _Checks(settings.actors, (), ())
        checks.learn(built.values())
        learned = checks.actor_measures
        for claim in built.values():
            if isinstance(claim.value, Category) and claim.measure not in learned:
                located = claims.locate(claim.id)
                line = located.line if located is not None else None
                members.append((place[line - 1] if line else 0, claim))
    summary = overview.summary
    return Part(
        summaries=overview.groups,
        details=overview.details,
        verdicts=Counter(g.verdict for g in overview.groups),
        transpositions=[(t.groups[0].event, i, t) for i, t in enumerate(overview.transpositions)],
        cross=overview.cross,
        keyed=keyed,
        findings=[*duplicates, *load_findings],
        claims=summary.claims,
        rejected=summary.rejected + len(duplicates),
        learned=frozenset(learned),
        members=members,
    )


def rows(part: Part) -> pl.DataFrame:
    """The groups of ``part`` as rows: the key, kind, verdict, range (as text) and counts."""
    columns: dict[str, list[object]] = {
        c: [] for c in (*KEY, "kind", "verdict", "low", "high", "claims", "origins")
    }
    for g in part.summaries:
        for k in KEY:
            columns[k].append(getattr(g.key, k))
        columns["kind"].append(g.kind)
        columns["verdict"].append(g.verdict)
        columns["low"].append(_bound_text(g.range.low) if g.range else None)
        columns["high"].append(_bound_text(g.range.high) if g.range else None)
        columns["claims"].append(g.claims)
        columns["origins"].append(g.origins)
    schema = {
        **dict.fromkeys((*KEY, "kind", "verdict", "low", "high"), pl.String),
        "claims": pl.Int64,
        "origins": pl.Int64,
    }
    return pl.DataFrame(columns, schema=schema)


def member_warnings(
    parts: Sequence[Part], actors: tuple[Actor, ...]
) -> list[tuple[int, int, Finding]]:
    """The warnings about category members that name no actor, in measures that some claim
    in any partition shows to hold actors (the loader learns them from every claim)."""
    checks = _Checks(actors, (), ())
    checks.actor_measures = set().union(*(p.learned for p in parts))
    found = []
    for part in parts:
        for order, claim in part.members:
            for code, message, _ in checks.of_value(claim):
                warning = Finding(
                    code=code,
                    message=f"{message} @ value",
                    severity="warning",
                    location=Location(record=claim.id, field="value"),
                )
                found.append((order, LAST, warning))
    return found


def overview_of(parts: Sequence[Part], **fields: object) -> Overview:
    """The :class:`Overview` of every partition's groups, in key order, with ``fields``."""

    def key(g: GroupSummary | Group) -> tuple[str, ...]:
        return tuple(getattr(g.key, k) for k in KEY)

    groups = sorted((g for p in parts for g in p.summaries), key=key)
    details = sorted((g for p in parts for g in p.details), key=key)
    return Overview(groups=tuple(groups), details=tuple(details), **fields)  # type: ignore[arg-type]


def _empty(findings: list[tuple[int, int, Finding]]) -> Part:
    return Part((), (), Counter(), [], (), [], findings, 0, len(findings), frozenset(), [])


def _order_of(finding: Finding, place: Sequence[int], lines: str) -> int:
    where = finding.location
    if where.file != lines or where.line is None or not 0 < where.line <= len(place):
        return -1  # about the declarations written here (none expected): first
    return place[where.line - 1]


def _without_file(finding: Finding) -> Finding:
    """A finding of the partition's files as the records make it: by record id and field
    only, no "(first at ...)" (the files are the worker's own, their lines not the input's)."""
    where = finding.location
    message = _FIRST_AT.sub("", finding.message)
    return attrs.evolve(
        finding, message=message, location=Location(record=where.record, field=where.field)
    )


def _bound_text(x: object) -> str | None:
    if x is None:
        return None
    return x.isoformat() if hasattr(x, "isoformat") else str(x)
