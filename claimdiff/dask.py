"""Reconcile claims on a Dask cluster: same core code, same answers, data larger than one machine.

Install with ``pip install 'claimdiff[dask]'``. Claims come as JSON Lines files
(:func:`read_claims`), a Dask bag of claim records (mappings, as in a JSON Lines file) or a
Dask DataFrame with the claim fields as columns. :func:`reconcile_dask` then:

1. moves every claim to the partition of its **event** (a shuffle): all the groups of an
   event, and every pair of groups a transposition can join, end up in one partition;
2. reconciles each partition with the single-machine code (``claimdiff._dask_partition``:
   claims built by the reference converter, grouped by
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

Findings are those :func:`claimdiff.load` makes for the same records (codes, severities,
record ids, fields, messages; counted and rejected alike): records that cannot be read
(``unknown-field``, ``invalid-value``, ``invalid-record``, ``malformed-file``, ...), names
that match no declaration (the measures whose categories are actors are learned from every
partition before members are judged, as the loader learns them from every claim) and
duplicate ids. They point at a record id and a field only: blocks are read without counting
lines, so there is no file, line or column, messages end with ``@ value`` where the loader
says ``@ claims[3].value``, and a duplicate id's does not say where the first was.

Of the records of an id, the first in input order is kept: within an event after sorting
the partition by input position; across events through a pass over the ids, events and
positions of the input partitions (``claimdiff._dask_ids``: split by the id's hash, the
records themselves not moved). One difference remains: when an id is used by several events
and its first record cannot be read, ``load`` keeps the next one, this path rejects it too.
"""

from __future__ import annotations

import importlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, TypeAlias

import attrs

from ._actors import Actor, ActorIndex
from ._claims import Dataset, Document, Event
from ._convert import make_converter
from ._cross import cross_contradictions
from ._findings import Finding
from ._policy import DEFAULT_POLICY, ValuePolicy
from ._report import Report, Summary, Transposition, summarize
from ._rounding import RoundingPolicy, rounding_name, rounding_policy

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

# After the check above, which says what to install: these need Dask and pandas too.
from ._dask_ids import cross_event_firsts
from ._dask_partition import (
    GROUP_META,
    Settings,
    lenient,
    partition_extras,
    reconcile_partition,
    unpack,
)

#: A Dask DataFrame, bag or delayed object (Dask's own classes, untyped here).
DaskCollection: TypeAlias = Any

__all__ = ["DaskReport", "read_claims", "reconcile_dask", "reconcile_dataset"]

_LINES_META: Final = pd.DataFrame(
    {
        "event": pd.Series([], dtype="string"),
        "record": pd.Series([], dtype="string"),
        "order": pd.Series([], dtype="int64"),
        "id": pd.Series([], dtype="string"),
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
        actors: the actor declarations, which name actors in contradictions across groups.
        rounding: the rounding policy's name, recorded in the report.
    """

    groups: DaskCollection
    summary: Summary
    transpositions: tuple[Transposition, ...] = ()
    findings: tuple[Finding, ...] = ()
    policy: str = "default"
    #: The actor declarations, to word contradictions between groups by actors' names.
    actors: tuple[Actor, ...] = ()
    #: The rounding policy's name, recorded in the report.
    rounding: str = "trailing-zeros"

    def to_report(self) -> Report:
        """Gather every group and return the report :func:`reconcile` would give.

        This brings all groups to the client: fine for millions of claims on a machine with
        the memory for the report, not for billions (write :attr:`groups` out instead).
        """
        frame = self.groups[["event", "measure", "party", "place", "as_of", "group"]].compute()
        frame = frame.sort_values(["event", "measure", "party", "place", "as_of"])
        groups = tuple(unpack(blob) for blob in frame["group"])
        cross = tuple(cross_contradictions(groups, ActorIndex.build(self.actors).label))
        return Report(
            # Contradictions between groups need every group: counted once they are gathered.
            summary=attrs.evolve(self.summary, cross_contradictions=len(cross)),
            groups=groups,
            transpositions=self.transpositions,
            findings=self.findings,
            policy=self.policy,
            cross=cross,
            rounding=self.rounding,
        )


def reconcile_dask(
    claims: DaskCollection,
    *,
    actors: Iterable[Actor] = (),
    events: Sequence[Event] = (),
    documents: Sequence[Document] = (),
    measures: Mapping[str, str] | None = None,
    policy: ValuePolicy = DEFAULT_POLICY,
    npartitions: int | None = None,
    rounding: str | RoundingPolicy | None = None,
) -> DaskReport:
    """Reconcile claims on the current Dask scheduler (a ``dask.distributed`` client if one is
    connected).

    Args:
        claims: a bag of claim records (JSON text as from :func:`read_claims`, or mappings)
            or a Dask DataFrame whose columns are claim fields (``value`` and ``via`` as
            text or as structured values).
        actors: actor declarations; names resolve through them as on one machine.
        events: event declarations (their ``when`` gives the year of text dates).
        documents: document declarations; claims naming others draw warnings.
        measures: measure kinds, as a dataset's ``measures``.
        policy: how text values are read; its name is recorded in the report.
        npartitions: partitions after the shuffle; by default as many as the input has.
        rounding: the rounding policy, as for :func:`claimdiff.reconcile` (a callable must
            be picklable: a function defined at a module's top level).

    Returns:
        A :class:`DaskReport`; ``to_report()`` equals ``reconcile(claims, actors=actors)``
        on one machine for the same claims, and its findings those :func:`claimdiff.load`
        gives for the same records (without file, line and column).
    """
    rounding_policy(rounding)  # an unknown name is refused here, not on a worker
    settings = Settings(
        tuple(actors),
        tuple(events),
        tuple(documents),
        dict(measures or {}),
        policy,
        rounding=rounding,
    )
    return _run(claims, settings, npartitions, check_names=True)


def reconcile_dataset(
    dataset: Dataset,
    *,
    policy: str = "default",
    npartitions: int | None = None,
    rounding: str | RoundingPolicy | None = None,
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
        rounding: the rounding policy, as for :func:`claimdiff.reconcile`.

    Returns:
        The report ``reconcile(dataset, policy=policy, rounding=rounding)`` returns.
    """
    rounding_policy(rounding)  # an unknown name is refused here, not on a worker
    converter = make_converter(measures=dataset.measures, events=dataset.events)
    records = [json.dumps(converter.unstructure(c), ensure_ascii=False) for c in dataset.claims]
    parts = npartitions or max(1, len(records) // 50_000)
    settings = Settings(
        tuple(dataset.actors),
        tuple(dataset.events),
        (),
        dict(dataset.measures),
        DEFAULT_POLICY,
        dict(dataset.cumulative),
        rounding,
    )
    # The loaded dataset's findings already warn about its names and ids: not again.
    result = _run(db.from_sequence(records, npartitions=parts), settings, None, check_names=False)
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


def _run(
    claims: DaskCollection, settings: Settings, npartitions: int | None, *, check_names: bool
) -> DaskReport:
    inputs = _event_frames(claims)
    frame = dd.from_delayed(inputs, meta=_LINES_META, verify_meta=False)
    shuffled = frame.shuffle("event", npartitions=npartitions or frame.npartitions)
    # A loaded dataset's ids are unique already; elsewhere ids shared by events are found
    # from the input partitions, which the shuffle reads anyway (no second read, no shuffle
    # of the records).
    firsts = cross_event_firsts(inputs) if check_names else {}
    parts = [
        delayed(reconcile_partition)(part, firsts, settings, check_names)
        for part in shuffled.to_delayed()
    ]
    parts = list(dask.persist(*parts))
    groups = dd.from_delayed([_rows(p) for p in parts], meta=GROUP_META, verify_meta=False)
    # Which measures hold actors is learned from every claim, as the loader learns it.
    learned = set().union(*dask.compute(*[_learned(p) for p in parts]))
    extras = dask.compute(*[_extras(p, learned, settings.actors) for p in parts])
    return attrs.evolve(
        _summarise(groups, extras, settings.policy.name),
        actors=settings.actors,
        rounding=rounding_name(settings.rounding),
    )


def _rows(part: DaskCollection) -> DaskCollection:
    return delayed(lambda p: p.rows)(part)


def _learned(part: DaskCollection) -> DaskCollection:
    return delayed(lambda p: p.learned)(part)


def _extras(part: DaskCollection, learned: set[str], actors: tuple[Actor, ...]) -> DaskCollection:
    return delayed(partition_extras)(part, learned, actors)


def _summarise(groups: DaskCollection, extras: Sequence[Any], policy: str) -> DaskReport:
    verdicts: Counter[str] = Counter()
    transpositions: list[tuple[str, int, Transposition]] = []
    group_findings: list[tuple[tuple[str, ...], Finding]] = []
    load_findings: list[tuple[int, int, Finding]] = []
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
        # In input order, as on one machine (within a record, in the order they were met).
        *(f for _, _, f in sorted(load_findings, key=lambda x: (x[0], x[1]))),
        # As on one machine: in the order of the groups that raised them.
        *(f for _, f in sorted(group_findings, key=lambda x: x[0])),
    )
    summary = summarize(verdicts, len(ordered), findings, claims=claims, rejected=rejected)
    return DaskReport(
        groups=groups, summary=summary, transpositions=ordered, findings=findings, policy=policy
    )


# -- getting every claim next to the others of its event -------------------------------------


def _event_frames(claims: DaskCollection) -> list[DaskCollection]:
    """Claims as delayed pandas frames of (event, record as JSON text, order, id), one per
    input partition; ``order`` is the record's place in the input."""
    if isinstance(claims, dd.DataFrame):
        return [delayed(_frame_records)(p, i) for i, p in enumerate(claims.to_delayed())]
    if isinstance(claims, db.Bag):
        return [delayed(_bag_records)(p, i) for i, p in enumerate(claims.to_delayed())]
    raise TypeError(f"expected a Dask DataFrame or bag of claims, got {claims!r}")


def _field(record: Any, key: str) -> str:
    value = record.get(key) if isinstance(record, dict) else None
    # Records without a readable event still need a home: they become findings there.
    return value if isinstance(value, str) else ""


#: ``order`` is the partition's index in the high bits, the place in the partition in the low.
_PLACE_BITS: Final = 32


def _bag_records(items: Iterable[Any], partition: int) -> Any:
    events, records, ids = [], [], []
    for item in items:
        if isinstance(item, str):
            text, data = item, lenient(item)
        else:
            data, text = item, json.dumps(item, ensure_ascii=False, default=str)
        events.append(_field(data, "event"))
        ids.append(_field(data, "id"))
        records.append(text)
    first = partition << _PLACE_BITS
    return pd.DataFrame(
        {
            "event": pd.array(events, dtype="string"),
            "record": pd.array(records, dtype="string"),
            "order": pd.array(range(first, first + len(records)), dtype="int64"),
            "id": pd.array(ids, dtype="string"),
        }
    )


def _frame_records(frame: pd.DataFrame, partition: int) -> Any:
    rows = []
    for row in frame.to_dict(orient="records"):
        record = {k: _cell(k, v) for k, v in row.items() if not _missing(v)}
        rows.append(record)
    return _bag_records(rows, partition)


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
