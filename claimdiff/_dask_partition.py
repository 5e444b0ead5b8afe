"""What one partition of :mod:`claimdiff.dask` does on a worker: the single-machine code.

A partition holds every record of some events. Its records are built into claims by the
reference converter and checked as :func:`claimdiff.load` checks them, grouped with
:func:`claimdiff._reconcile.group_key` and reconciled with ``_Reconciler.group``; the groups
leave the worker as rows of :data:`GROUP_COLUMNS`, each with the whole group packed.
"""

from __future__ import annotations

import base64
import importlib
import json
import pickle
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Final, NamedTuple

import attrs

from ._actors import Actor, ActorIndex, MemoIndex
from ._claims import Claim, Document, Event, is_cumulative
from ._convert import format_path, make_converter
from ._findings import Finding, Location
from ._io import _Checks, _record_id, error_findings
from ._io_json import _decoder, _Lines, _marks, line_problem
from ._policy import ValuePolicy
from ._reconcile import _gc_paused, _group_key_of, _key_fields, _Reconciler, _transpositions
from ._report import Group, Transposition
from ._rounding import RoundingPolicy, rounding_policy
from ._values import Category

# Untyped: pandas ships no complete type information (imported by claimdiff.dask first,
# which says what to install when it is missing).
pd: Any = importlib.import_module("pandas")

#: The columns of :attr:`DaskReport.groups`.
GROUP_COLUMNS: Final = (
    "event",
    "measure",
    "party",
    "place",
    "as_of",
    "kind",
    "verdict",
    "low",
    "high",
    "claims",
    "origins",
    "contradictions",
    "group",
)
GROUP_META: Final = pd.DataFrame(
    {
        **{c: pd.Series([], dtype="string") for c in GROUP_COLUMNS[:9]},
        "claims": pd.Series([], dtype="int64"),
        "origins": pd.Series([], dtype="int64"),
        "contradictions": pd.Series([], dtype="string"),
        "group": pd.Series([], dtype="string"),
    }
)


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


class PartitionResult(NamedTuple):
    """What one partition gives back."""

    rows: Any  # the groups, as rows of the groups frame
    verdicts: Counter[str]
    #: Transpositions, with their event and place in the partition's report order.
    swaps: list[tuple[str, int, Transposition]]
    #: The reconciler's findings, with their group's key.
    keyed: list[tuple[Any, Finding]]
    #: What the loader would find in the records, with each record's order and sequence.
    findings: list[tuple[int, int, Finding]]
    claims: int
    rejected: int
    #: Measures whose categories name a declared actor here.
    learned: set[str]
    #: Claims with category members that name no actor, for the warnings once every
    #: partition's ``learned`` is known.
    members: list[tuple[int, Claim]]


def reconcile_partition(
    frame: Any, firsts: dict[str, int], settings: Settings, check_names: bool
) -> PartitionResult:
    frame = frame.sort_values("order")  # the shuffle mixes the input's order
    with _gc_paused():
        return _reconcile_records(
            zip(frame["record"], frame["order"], strict=True), firsts, settings, check_names
        )


def _reconcile_records(
    records: Iterable[tuple[str, int]],
    firsts: dict[str, int],
    settings: Settings,
    check_names: bool,
) -> PartitionResult:
    actors = ActorIndex.build(settings.actors)
    index = MemoIndex.of(actors)
    checks = _Checks(settings.actors, settings.events, settings.documents)
    built, findings, rejected = _claims(records, settings)
    grouped: dict[Any, list[Claim]] = defaultdict(list)
    by_id: dict[str, Claim] = {}
    members: list[tuple[int, Claim]] = []
    for order, claim in built:
        first = firsts.get(claim.id, order)
        if claim.id in by_id or first != order:
            # As the loader: the first record of an id is kept, every later one reported.
            rejected += 1
            duplicate = Finding(
                code="duplicate-id",
                message=f"duplicate claim id {claim.id!r} @ id",
                location=Location(record=claim.id, field="id"),
            )
            findings.append((order, 0, duplicate))
            continue
        by_id[claim.id] = claim
        grouped[_key_fields(claim, index)].append(claim)
        if not check_names:
            continue
        for seq, (code, message, path) in enumerate(checks.of(claim)):
            field = format_path(path)
            warning = Finding(
                code=code,
                message=f"{message} @ {field}",
                severity="warning",
                location=Location(record=claim.id, field=field),
            )
            findings.append((order, 1 + seq, warning))
        if checks.index is not None and isinstance(claim.value, Category):
            members.append((order, claim))  # warned about once every partition has learnt
    if check_names:
        checks.learn(by_id.values())
    declared = settings.cumulative
    worker = _Reconciler(
        index, lambda measure: is_cumulative(measure, declared), rounding_policy(settings.rounding)
    )
    groups = []
    keyed: list[tuple[Any, Finding]] = []
    for k in sorted(grouped):
        seen = len(worker.findings)
        groups.append(worker.group(_group_key_of(k), grouped[k]))
        keyed.extend((k, f) for f in worker.findings[seen:])
    swaps = [(t.groups[0].event, i, t) for i, t in enumerate(_transpositions(groups, by_id, index))]
    verdicts: Counter[str] = Counter(g.verdict for g in groups)
    return PartitionResult(
        rows=_group_rows(groups),
        verdicts=verdicts,
        swaps=swaps,
        keyed=keyed,
        findings=findings,
        claims=len(by_id),
        rejected=rejected,
        learned=checks.actor_measures,
        members=members,
    )


def _claims(
    records: Iterable[tuple[str, int]], settings: Settings
) -> tuple[list[tuple[int, Claim]], list[tuple[int, int, Finding]], int]:
    """The claims that could be built, with their order; findings about the rest, as the
    loader makes them (no file, line or column); how many records were rejected."""
    structure = make_converter(
        policy=settings.policy, measures=settings.measures, events=settings.events
    ).get_structure_hook(Claim)
    claims: list[tuple[int, Claim]] = []
    findings: list[tuple[int, int, Finding]] = []
    rejected = 0
    for text, order in records:
        data, problems = _reference_decode(text)
        findings.extend((order, i, f) for i, f in enumerate(problems))
        if data is _UNREADABLE:
            rejected += 1
            continue
        try:
            claims.append((order, structure(data, Claim)))
        except Exception as error:  # every problem becomes a finding
            rejected += 1
            found = error_findings(error, (), _record_id(data))
            findings.extend((order, i, f) for i, (f, _) in enumerate(found))
    return claims, findings, rejected


_UNREADABLE: Final = object()


def _reference_decode(text: str) -> tuple[Any, list[Finding]]:
    """A record read as :func:`claimdiff.load` reads a line of JSON Lines: the data
    (or ``_UNREADABLE``) and the findings, located by field only."""
    try:
        data = _decoder().decode(text)
    except json.JSONDecodeError as error:
        return _UNREADABLE, [Finding(code="malformed-file", message=f"invalid JSON: {error.msg}")]
    except RecursionError:
        too_deep = Finding(code="too-deep", message="the data is nested too deeply to read")
        return _UNREADABLE, [too_deep]
    found: list[Finding] = []
    repeated: dict[Any, Finding] = {}
    _marks(data, (), _Lines(text), {}, found, "", repeated=repeated)
    found = [attrs.evolve(f, location=Location(field=f.location.field)) for f in found]
    # A key written twice refuses the line, as the loader refuses it.
    problem = line_problem(repeated, None, "", data)
    if problem is not None:
        where = Location(record=problem.location.record, field=problem.location.field)
        return _UNREADABLE, [*found, attrs.evolve(problem, location=where)]
    return data, found


def lenient(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # reported where the record is built
        return None


def _pack(group: Group) -> str:
    # Text, not bytes: Dask keeps string columns in Arrow, which holds no Python bytes.
    return base64.b64encode(zlib.compress(pickle.dumps(group, pickle.HIGHEST_PROTOCOL), 1)).decode()


def unpack(text: str) -> Group:
    group: Group = pickle.loads(zlib.decompress(base64.b64decode(text)))
    return group


def _bound_text(x: object) -> str | None:
    if x is None:
        return None
    return x.isoformat() if hasattr(x, "isoformat") else str(x)


def _group_rows(groups: Sequence[Group]) -> Any:
    cols: dict[str, list[Any]] = {c: [] for c in GROUP_COLUMNS}
    for g in groups:
        k = g.key
        cols["event"].append(k.event)
        cols["measure"].append(k.measure)
        cols["party"].append(k.party)
        cols["place"].append(k.place)
        cols["as_of"].append(k.as_of)
        cols["kind"].append(g.kind)
        cols["verdict"].append(g.verdict)
        cols["low"].append(_bound_text(g.range.low) if g.range else None)
        cols["high"].append(_bound_text(g.range.high) if g.range else None)
        cols["claims"].append(len(g.claims))
        cols["origins"].append(len(g.origins))
        cols["contradictions"].append(json.dumps([list(p) for p in g.contradictions]))
        cols["group"].append(_pack(g))
    frame = pd.DataFrame(cols)
    return frame.astype({c: GROUP_META[c].dtype for c in GROUP_COLUMNS})


def partition_extras(
    part: PartitionResult, learned: set[str], actors: tuple[Actor, ...]
) -> tuple[Any, ...]:
    """What the client needs of one partition: counts and findings, not the groups."""
    findings = list(part.findings)
    if part.members:
        checks = _Checks(actors, (), ())
        checks.actor_measures = learned
        for order, claim in part.members:
            for code, message, _ in checks.of_value(claim):
                warning = Finding(
                    code=code,
                    message=f"{message} @ value",
                    severity="warning",
                    location=Location(record=claim.id, field="value"),
                )
                findings.append((order, _LAST, warning))
    return (part.verdicts, part.swaps, part.keyed, findings, part.claims, part.rejected)


#: Sorts a claim's warnings about category members after its other findings, as on one
#: machine, where they are noted once every claim is in.
_LAST: Final = 1 << 30
