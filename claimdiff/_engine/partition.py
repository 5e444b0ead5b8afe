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
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

import attrs
import polars as pl

from .._grammar.rounding import RoundingPolicy
from .._loader.convert import make_converter
from .._loader.load import Checks
from .._model.actors import Actor
from .._model.claims import Claim, Dataset
from .._model.findings import Finding, Location
from .._model.policy import ValuePolicy
from .._model.values import Category
from .._reconciler.overview import GroupSummary, Overview
from .._reconciler.report import CrossContradiction, Group, Transposition
from .read import KEY, Claims, read
from .result import Columnar, reconcile_claims

#: Sorts a claim's warnings about category members after its other findings, as the loader
#: notes them once every claim is in.
LAST: Final = 1 << 30
#: Where the first record of a duplicate id was, in the worker's own file: not said.
_FIRST_AT: Final = re.compile(r" \(first at [^)]*claims\.jsonl[^)]*\)")


@attrs.frozen
class Settings:
    """What every partition needs: the declarations (a dataset without claims) and how
    values are read and rounded."""

    declared: Dataset
    policy: ValuePolicy
    #: The rounding policy, by name or a picklable callable (see claimdiff._grammar.rounding).
    rounding: str | RoundingPolicy | None = None


@attrs.frozen(eq=False)
class Part:
    """What one partition gives back, each item keyed for the client to merge in order.

    A class, not a tuple: Dask would read a tuple's items as tasks to run.
    """

    #: The engine's result, less the claims (:func:`summaries` reads it), or ``None``.
    result: Columnar | None
    #: The groups as rows (see :func:`rows`).
    rows: pl.DataFrame
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


@attrs.frozen(eq=False)
class Read:
    """A partition's records read by the engine's reader, before any is reconciled."""

    #: ``None`` when the partition holds no record.
    claims: Claims | None
    #: The loader's findings, by the record's place in the input and their own order.
    findings: list[tuple[int, int, Finding]]
    #: The place in the input of each line of the partition's file.
    place: list[int]


def read_part(records: Sequence[str], orders: Sequence[int], settings: Settings) -> Read:
    """Read the ``records`` (JSON text, in input order, each at its place ``orders`` in the
    input) of whole events as ``claimdiff check`` reads a file of them."""
    kept = [(text.rstrip("\n"), order) for text, order in zip(records, orders, strict=True)]
    if not any(text.strip() for text, _ in kept):
        return Read(None, [], [])  # no file of records here: nothing to say about one
    with tempfile.TemporaryDirectory(prefix="claimdiff-part-") as folder:
        files = []
        # Without declarations the engine reads plain lines in columns.
        declared = make_converter().unstructure(settings.declared)
        if declared:
            files.append(Path(folder) / "declarations.json")
            files[-1].write_text(json.dumps(declared), encoding="utf-8")
        lines = Path(folder) / "claims.jsonl"
        lines.write_text("".join(text + "\n" for text, _ in kept), encoding="utf-8")
        files.append(lines)
        claims = read([str(f) for f in files], settings.policy)
    # The input's place of each line of the file: a record given as text may span lines.
    place = [order for text, order in kept for _ in range(text.count("\n") + 1)]
    found = [(_order_of(f, place, str(lines)), seq, f) for seq, f in enumerate(claims.findings)]
    return Read(claims, found, place)


def kept_ids(part: Read, among: Iterable[str]) -> dict[str, int]:
    """Each id ``among`` those of the claims the partition's reader kept (the first record of
    each id here that could be read), to that record's place in the input."""
    if part.claims is None:
        return {}
    wanted = part.claims.frame.filter(pl.col("id").is_in(list(among)))["id"]
    return {claim_id: _place_of(part, claim_id) for claim_id in wanted}


def run_part(part: Read, shared: Mapping[str, int], settings: Settings, check_names: bool) -> Part:
    """Reconcile a partition read by :func:`read_part` with the engine.

    ``shared`` maps each id that claims of several partitions carry to the place of the
    first: the loader keeps that one, so any other here is a duplicate. With
    ``check_names`` false (a dataset loaded already) no load finding is made again.
    """
    if part.claims is None:
        return _empty()
    claims, load_findings = _first_of_each_id(part, shared)
    found = reconcile_claims(claims, settings.policy.name, settings.rounding)
    overview = found.overview()
    if not check_names:
        load_findings = []
    keys = {str(g.key): tuple(getattr(g.key, k) for k in KEY) for g in found.details}
    keyed = [
        (keys[f.location.record or ""], seq, f)
        for seq, f in enumerate(found.findings[len(claims.findings) :])
    ]
    learned: set[str] = set()
    members: list[tuple[int, Claim]] = []
    if check_names and settings.declared.actors:
        built = claims.claims_of(claims.frame["id"])
        checks = Checks(settings.declared.actors, (), ())
        checks.learn(built.values())
        learned = checks.actor_measures
        for claim in built.values():
            if isinstance(claim.value, Category) and claim.measure not in learned:
                members.append((_place_of(part, claim.id), claim))
    summary = overview.summary
    # Every claim and value of the partition is let go: a summary of each group is made
    # again from the engine's table of groups when asked for (:func:`summaries`).
    slim = Claims(
        frame=claims.frame.clear(),
        values=(),
        actors=claims.actors,
        findings=(),
        records_read=0,
        claims_of=_no_claims,
        locate=dict[str, Location]().get,
    )
    return Part(
        result=attrs.evolve(found, claims=slim, detail_claims={}),
        rows=rows(overview.groups),
        verdicts=Counter(g.verdict for g in overview.groups),
        transpositions=[(t.groups[0].event, i, t) for i, t in enumerate(overview.transpositions)],
        cross=overview.cross,
        keyed=keyed,
        findings=[(order, seq, _without_file(f)) for order, seq, f in load_findings],
        claims=summary.claims,
        rejected=summary.rejected,
        learned=frozenset(learned),
        members=members,
    )


def summaries(part: Part) -> tuple[tuple[GroupSummary, ...], tuple[Group, ...]]:
    """A summary of every group of ``part``, and the groups the engine built whole."""
    if part.result is None:
        return (), ()
    found = part.result.overview()
    return found.groups, found.details


def rows(groups: Sequence[GroupSummary]) -> pl.DataFrame:
    """The ``groups`` as rows: the key, kind, verdict, range (as text) and counts."""
    keys = [g.key for g in groups]
    ranges = [g.range for g in groups]
    columns = {
        **{k: [getattr(key, k) for key in keys] for k in KEY},
        "kind": [g.kind for g in groups],
        "verdict": [g.verdict for g in groups],
        "low": [None if r is None else _bound_text(r.low) for r in ranges],
        "high": [None if r is None else _bound_text(r.high) for r in ranges],
        "claims": [g.claims for g in groups],
        "origins": [g.origins for g in groups],
    }
    schema = {c: pl.Int64 if c in ("claims", "origins") else pl.String for c in columns}
    return pl.DataFrame(columns, schema=schema)


def member_warnings(
    parts: Sequence[Part], actors: tuple[Actor, ...]
) -> list[tuple[int, int, Finding]]:
    """The warnings about category members that name no actor, in measures that some claim
    in any partition shows to hold actors (the loader learns them from every claim)."""
    checks = Checks(actors, (), ())
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


def overview_of(
    pieces: Sequence[tuple[tuple[GroupSummary, ...], tuple[Group, ...]]], **fields: object
) -> Overview:
    """The :class:`Overview` of every partition's :func:`summaries`, in key order, with
    ``fields``."""

    def key(g: GroupSummary | Group) -> tuple[str, ...]:
        return tuple(getattr(g.key, k) for k in KEY)

    groups = sorted((g for p in pieces for g in p[0]), key=key)
    details = sorted((g for p in pieces for g in p[1]), key=key)
    return Overview(groups=tuple(groups), details=tuple(details), **fields)  # type: ignore[arg-type]


def _empty() -> Part:
    return Part(None, rows(()), Counter(), [], (), [], [], 0, 0, frozenset(), [])


def _no_claims(ids: Iterable[str]) -> dict[str, Claim]:
    return {}


#: The warnings the loader makes about a claim it keeps (none about a duplicate).
_NAME_CODES: Final = frozenset({"unknown-actor", "unknown-event", "unknown-document"})


def _first_of_each_id(
    part: Read, shared: Mapping[str, int]
) -> tuple[Claims, list[tuple[int, int, Finding]]]:
    """The partition's claims less those whose id a claim of another partition, earlier in
    the input, has (``shared``: the place of each shared id's first claim), each reported
    as the loader reports a duplicate: after what reading its record found, without
    warnings about its names; with the loader's findings (by place in the input) to match."""
    claims, findings = part.claims, part.findings
    assert claims is not None
    here = claims.frame.filter(pl.col("id").is_in(list(shared)))["id"].to_list() if shared else []
    dropped = {i: order for i in here if (order := _place_of(part, i)) != shared[i]}
    if not dropped:
        return claims, findings
    kept = [
        (order, seq, f)
        for order, seq, f in findings
        if not (f.code in _NAME_CODES and dropped.get(f.location.record or "") == order)
    ]
    for claim_id, order in dropped.items():
        where = Location(record=claim_id, field="id")
        message = f"duplicate claim id {claim_id!r} @ id"
        kept.append(
            (order, LAST - 1, Finding(code="duplicate-id", message=message, location=where))
        )
    kept.sort(key=lambda x: x[:2])
    frame = claims.frame.filter(~pl.col("id").is_in(list(dropped)))
    return attrs.evolve(claims, frame=frame, findings=tuple(f for _, _, f in kept)), kept


def _place_of(part: Read, claim_id: str) -> int:
    assert part.claims is not None
    located = part.claims.locate(claim_id)
    line = located.line if located is not None else None
    return part.place[line - 1] if line else -1


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
