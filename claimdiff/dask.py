"""Reconcile claims on a Dask cluster: same core code, same answers, data larger than one machine.

Install with ``pip install 'claimdiff[dask]'``. Claims come as JSON Lines files
(:func:`read_claims`), a Dask bag of claim records (mappings, as in a JSON Lines file) or a
Dask DataFrame with the claim fields as columns. :func:`reconcile_dask` then:

1. moves every claim to the partition of its **event** (a shuffle): all the groups of an
   event, and every pair of groups a transposition can join, end up in one partition;
2. reconciles each partition with the single-machine code (claims built as
   :func:`claimdiff._fastload.load_fast` builds them, grouped by
   :func:`claimdiff._reconcile.group_key`, each group made by ``_Reconciler.group``);
3. returns a :class:`DaskReport`: a Dask DataFrame of groups, one row per group, kept on the
   cluster, and the summary; :meth:`DaskReport.to_report` gathers the same
   :class:`~claimdiff._report.Report` that :func:`~claimdiff._reconcile.reconcile` gives on
   one machine.

On a real cluster, connect a client first; everything else is the same::

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")
    result = reconcile_dask(read_claims("s3://bucket/claims/*.jsonl"), actors=actors)
    result.groups.to_parquet("s3://bucket/report/")

Records that cannot be read become ``invalid-record`` findings (with the claim id, no file
line: blocks of a file are read without counting lines) and are counted as rejected. Claim
ids are checked for uniqueness within an event only.
"""

from __future__ import annotations

import base64
import importlib
import json
import pickle
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, TypeAlias

import attrs

from ._actors import Actor, ActorIndex
from ._claims import Claim, Dataset, Event
from ._convert import ClaimContext, format_exception, format_path, iter_errors, make_converter
from ._fastload import _Builder, _decode, _UnusualRecordError
from ._findings import Finding, Location
from ._policy import DEFAULT_POLICY, ValuePolicy
from ._reconcile import (
    _gc_paused,
    _group_key_of,
    _key_fields,
    _MemoIndex,
    _Reconciler,
    _transpositions,
)
from ._report import Group, Report, Summary, Transposition, summarize

try:
    # Imported as untyped modules: Dask and pandas ship no complete type information, and
    # the type check must pass where the extra is not installed.
    dask: Any = importlib.import_module("dask")
    db: Any = importlib.import_module("dask.bag")
    dd: Any = importlib.import_module("dask.dataframe")
    pd: Any = importlib.import_module("pandas")
    delayed: Any = importlib.import_module("dask.delayed").delayed
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "claimdiff.dask needs Dask and pandas: pip install 'claimdiff[dask]'"
    ) from error

#: A Dask DataFrame, bag or delayed object (Dask's own classes, untyped here).
DaskCollection: TypeAlias = Any

__all__ = ["DaskReport", "read_claims", "reconcile_dask", "reconcile_dataset"]

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
_META: Final = pd.DataFrame(
    {
        **{c: pd.Series([], dtype="string") for c in GROUP_COLUMNS[:9]},
        "claims": pd.Series([], dtype="int64"),
        "origins": pd.Series([], dtype="int64"),
        "contradictions": pd.Series([], dtype="string"),
        "group": pd.Series([], dtype="string"),
    }
)
_LINES_META: Final = pd.DataFrame(
    {
        "event": pd.Series([], dtype="string"),
        "record": pd.Series([], dtype="string"),
    }
)


def read_claims(*paths: str, blocksize: str | int | None = "64MB") -> DaskCollection:
    """The lines of JSON Lines files as a Dask bag, read in blocks of ``blocksize`` bytes.

    Args:
        paths: files or glob patterns, local or on any filesystem fsspec reaches
            (``s3://...``).
        blocksize: bytes per partition; ``None`` for one partition per file.

    Returns:
        A bag of JSON text, one claim record per item (blank lines left out).
    """
    lines = db.read_text(list(paths), blocksize=blocksize)
    return lines.filter(lambda line: bool(line.strip()))


@attrs.frozen
class DaskReport:
    """What :func:`reconcile_dask` returns.

    Args:
        groups: one row per group, kept on the cluster: the key (``event``, ``measure``,
            ``party``, ``place``, ``as_of``), ``kind``, ``verdict``, the range's ``low`` and
            ``high`` as text (ISO days for dates; empty when open or absent), the number of
            ``claims`` and of independent ``origins``, the ``contradictions`` as JSON text
            (a list of pairs of claim ids), and ``group``, the whole group (pickled,
            compressed, base64: :meth:`to_report` reads it back).
        summary: the counts, as in the single-machine report.
        transpositions: figures that look swapped between measures, in report order.
        findings: records that could not be read, and warnings of the reconciler.
        policy: the value policy's name, recorded in the report.
    """

    groups: DaskCollection
    summary: Summary
    transpositions: tuple[Transposition, ...] = ()
    findings: tuple[Finding, ...] = ()
    policy: str = "default"

    def to_report(self) -> Report:
        """Gather every group and return the report :func:`reconcile` would give.

        This brings all groups to the client: fine for millions of claims on a machine with
        the memory for the report, not for billions (write :attr:`groups` out instead).
        """
        frame = self.groups[["event", "measure", "party", "place", "as_of", "group"]].compute()
        frame = frame.sort_values(["event", "measure", "party", "place", "as_of"])
        groups = tuple(_unpack(blob) for blob in frame["group"])
        return Report(
            summary=self.summary,
            groups=groups,
            transpositions=self.transpositions,
            findings=self.findings,
            policy=self.policy,
        )


def reconcile_dask(
    claims: DaskCollection,
    *,
    actors: Iterable[Actor] = (),
    events: Sequence[Event] = (),
    measures: Mapping[str, str] | None = None,
    policy: ValuePolicy = DEFAULT_POLICY,
    npartitions: int | None = None,
) -> DaskReport:
    """Reconcile claims on the current Dask scheduler (a ``dask.distributed`` client if one is
    connected).

    Args:
        claims: a bag of claim records (JSON text as from :func:`read_claims`, or mappings)
            or a Dask DataFrame whose columns are claim fields (``value`` and ``via`` as
            text or as structured values).
        actors: actor declarations; names resolve through them as on one machine.
        events: event declarations (their ``when`` gives the year of text dates).
        measures: measure kinds, as a dataset's ``measures``.
        policy: how text values are read; its name is recorded in the report.
        npartitions: partitions after the shuffle; by default as many as the input has.

    Returns:
        A :class:`DaskReport`; ``to_report()`` equals ``reconcile(claims, actors=actors)``
        on one machine for the same claims.
    """
    frame = _as_event_frame(claims)
    shuffled = frame.shuffle("event", npartitions=npartitions or frame.npartitions)
    actor_list = tuple(actors)
    settings = (actor_list, tuple(events), dict(measures or {}), policy)
    parts = [delayed(_reconcile_partition)(part, *settings) for part in shuffled.to_delayed()]
    parts = list(dask.persist(*parts))
    groups = dd.from_delayed([_first(p) for p in parts], meta=_META, verify_meta=False)
    extras = dask.compute(*[_rest(p) for p in parts])
    return _summarise(groups, extras, policy.name)


def reconcile_dataset(
    dataset: Dataset, *, policy: str = "default", npartitions: int | None = None
) -> Report:
    """:func:`claimdiff.reconcile` of a loaded dataset, computed on the current Dask scheduler.

    For a dataset already in memory (what ``claimdiff check --engine dask`` has): its claims
    are sent to the cluster, reconciled there, and the report gathered, with the dataset's
    load findings and record count as :func:`~claimdiff.reconcile` uses them.

    Args:
        dataset: a loaded dataset; its actors, events and measures are used.
        policy: the name of the value policy, recorded in the report.
        npartitions: how many partitions to send the claims in; by default about one per
            50,000 claims.

    Returns:
        The report ``reconcile(dataset, policy=policy)`` returns.
    """
    converter = make_converter(measures=dataset.measures, events=dataset.events)
    records = [json.dumps(converter.unstructure(c), ensure_ascii=False) for c in dataset.claims]
    parts = npartitions or max(1, len(records) // 50_000)
    result = reconcile_dask(
        db.from_sequence(records, npartitions=parts),
        actors=dataset.actors,
        events=dataset.events,
        measures=dataset.measures,
    )
    report = result.to_report()
    claims = len(dataset.claims)
    rejected = (dataset.records_read or claims) - claims
    findings = (*dataset.findings, *report.findings)
    summary = attrs.evolve(
        report.summary,
        records=claims + rejected,
        rejected=rejected,
        errors=sum(f.severity == "error" for f in findings),
        warnings=sum(f.severity == "warning" for f in findings),
    )
    return attrs.evolve(report, summary=summary, findings=findings, policy=policy)


def _first(part: DaskCollection) -> DaskCollection:
    return delayed(lambda p: p[0])(part)


def _rest(part: DaskCollection) -> DaskCollection:
    return delayed(lambda p: p[1:])(part)


def _summarise(groups: DaskCollection, extras: Sequence[Any], policy: str) -> DaskReport:
    verdicts: Counter[str] = Counter()
    transpositions: list[tuple[str, int, Transposition]] = []
    group_findings: list[tuple[tuple[str, ...], Finding]] = []
    load_findings: list[Finding] = []
    claims = rejected = 0
    for counts, swaps, keyed, findings, n_claims, n_rejected in extras:
        verdicts.update(counts)
        transpositions.extend(swaps)
        group_findings.extend(keyed)
        load_findings.extend(findings)
        claims += n_claims
        rejected += n_rejected
    # An event's transpositions come from one partition, in report order; events in order.
    ordered = tuple(t for _, _, t in sorted(transpositions, key=lambda x: (x[0], x[1])))
    findings = (
        *sorted(load_findings, key=lambda f: (f.location.record or "", f.message)),
        # As on one machine: in the order of the groups that raised them.
        *(f for _, f in sorted(group_findings, key=lambda x: x[0])),
    )
    summary = summarize(verdicts, len(ordered), findings, claims=claims, rejected=rejected)
    return DaskReport(
        groups=groups, summary=summary, transpositions=ordered, findings=findings, policy=policy
    )


# -- getting every claim next to the others of its event -------------------------------------


def _as_event_frame(claims: DaskCollection) -> DaskCollection:
    """Claims as a Dask DataFrame of (event, record as JSON text)."""
    if isinstance(claims, dd.DataFrame):
        return claims.map_partitions(_frame_records, meta=_LINES_META)
    if isinstance(claims, db.Bag):
        parts = [delayed(_bag_records)(p) for p in claims.to_delayed()]
        return dd.from_delayed(parts, meta=_LINES_META, verify_meta=False)
    raise TypeError(f"expected a Dask DataFrame or bag of claims, got {claims!r}")


def _event_of(record: Any) -> str:
    event = record.get("event") if isinstance(record, dict) else None
    # Records without a readable event still need a home: they become findings there.
    return event if isinstance(event, str) else ""


def _bag_records(items: Iterable[Any]) -> Any:
    events, records = [], []
    for item in items:
        if isinstance(item, str):
            text = item
            try:
                data = _decode(text)
            except ValueError:
                data = None
        else:
            data, text = item, json.dumps(item, ensure_ascii=False, default=str)
        events.append(_event_of(data))
        records.append(text)
    return pd.DataFrame(
        {"event": pd.array(events, dtype="string"), "record": pd.array(records, dtype="string")}
    )


def _frame_records(frame: pd.DataFrame) -> Any:
    rows = []
    for row in frame.to_dict(orient="records"):
        record = {k: _cell(k, v) for k, v in row.items() if not _missing(v)}
        rows.append(record)
    return _bag_records(rows)


def _missing(v: Any) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):  # lists and mappings
        return False


def _cell(key: str, v: Any) -> Any:
    """A DataFrame cell as the record holds it: JSON text in value and via cells is read."""
    if key in ("value", "via", "as_of") and isinstance(v, str) and v[:1] in ("{", "["):
        try:
            return json.loads(v)
        except ValueError:
            return v
    if hasattr(v, "tolist"):  # numpy scalars and arrays
        return v.tolist()
    return v


# -- one partition, with the single-machine code ---------------------------------------------

#: Groups as rows, verdict counts, transpositions (with their event and order), the
#: reconciler's findings (with their group's key), records that could not be read, how many
#: claims were reconciled and how many records rejected.
_PartitionResult = tuple[
    Any,
    Counter[str],
    list[tuple[str, int, Transposition]],
    list[tuple[Any, Finding]],
    list[Finding],
    int,
    int,
]


def _reconcile_partition(
    frame: Any,
    actors: tuple[Actor, ...],
    events: tuple[Event, ...],
    measures: dict[str, str],
    policy: ValuePolicy,
) -> _PartitionResult:
    with _gc_paused():
        return _reconcile_records(frame["record"], actors, events, measures, policy)


def _reconcile_records(
    records: Iterable[str],
    actors: tuple[Actor, ...],
    events: tuple[Event, ...],
    measures: dict[str, str],
    policy: ValuePolicy,
) -> _PartitionResult:
    index = _MemoIndex.of(ActorIndex.build(actors))
    claims, findings, rejected = _claims(records, events, measures, policy)
    grouped: dict[Any, list[Claim]] = defaultdict(list)
    by_id: dict[str, Claim] = {}
    for claim in claims:
        if claim.id in by_id:
            rejected += 1
            findings.append(
                Finding(
                    code="invalid-record",
                    message=f"duplicate claim id {claim.id!r}",
                    location=Location(record=claim.id, field="id"),
                )
            )
            continue
        by_id[claim.id] = claim
        grouped[_key_fields(claim, index)].append(claim)
    worker = _Reconciler(index)
    groups = []
    keyed: list[tuple[Any, Finding]] = []  # the reconciler's findings, by their group's key
    for k in sorted(grouped):
        seen = len(worker.findings)
        groups.append(worker.group(_group_key_of(k), grouped[k]))
        keyed.extend((k, f) for f in worker.findings[seen:])
    swaps = [(t.groups[0].event, i, t) for i, t in enumerate(_transpositions(groups, by_id, index))]
    verdicts: Counter[str] = Counter(g.verdict for g in groups)
    return (_group_rows(groups), verdicts, swaps, keyed, findings, len(by_id), rejected)


def _claims(
    records: Iterable[str],
    events: tuple[Event, ...],
    measures: dict[str, str],
    policy: ValuePolicy,
) -> tuple[list[Claim], list[Finding], int]:
    builder = _Builder(policy, ClaimContext.of(measures, events))
    structure = None
    claims: list[Claim] = []
    findings: list[Finding] = []
    rejected = 0
    for text in records:
        try:
            data = _decode(text)
        except (_UnusualRecordError, ValueError):
            data = _lenient(text)
            if data is None:
                rejected += 1
                findings.append(
                    Finding(code="invalid-record", message="invalid JSON", location=Location())
                )
                continue
        try:
            claims.append(builder.claim(data))
            continue
        except _UnusualRecordError:
            pass
        if structure is None:
            structure = make_converter(
                policy=policy, measures=measures, events=events
            ).get_structure_hook(Claim)
        try:
            claims.append(structure(data, Claim))
        except Exception as error:  # every problem becomes a finding
            rejected += 1
            rid = data.get("id") if isinstance(data, dict) else None
            for path, exc, type_ in iter_errors(error):
                findings.append(
                    Finding(
                        code="invalid-record",
                        message=f"{format_exception(exc, type_)} @ {format_path(path) or 'claim'}",
                        location=Location(
                            record=rid if isinstance(rid, str) else None,
                            field=format_path(path) or None,
                        ),
                    )
                )
    return claims, findings, rejected


def _lenient(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _pack(group: Group) -> str:
    # Text, not bytes: Dask keeps string columns in Arrow, which holds no Python bytes.
    return base64.b64encode(zlib.compress(pickle.dumps(group, pickle.HIGHEST_PROTOCOL), 1)).decode()


def _unpack(text: str) -> Group:
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
    return frame.astype({c: _META[c].dtype for c in GROUP_COLUMNS})


def _iter_groups(report: DaskReport) -> Iterator[Group]:
    """Every group, partition by partition (not sorted), without gathering them all at once."""
    for part in report.groups.to_delayed():
        for blob in part.compute()["group"]:
            yield _unpack(blob)
