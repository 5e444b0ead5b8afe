"""Reconcile claims on a Dask cluster: the engine of ``claimdiff check`` on every partition.

Install with ``pip install 'claimdiff[dask]'``. Claims come as JSON Lines files
(:func:`read_claims`), a Dask bag of claim records (JSON text or mappings) or a Dask DataFrame
with the claim fields as columns. :func:`reconcile_dask` shuffles them by **event** (a
transposition, or a contradiction across groups, joins groups of one event), reads and
reconciles each partition with the columnar engine as ``claimdiff check`` reads files
(``claimdiff._engine.partition``), settles between partitions the ids several events use
and the measures whose categories are actors, and returns a :class:`DaskReport`: the groups
as a Dask DataFrame kept on the cluster, the summary, findings, transpositions and
contradictions across groups; :meth:`DaskReport.to_overview` gathers the
:class:`~claimdiff.Overview` :func:`claimdiff.overview` gives on one machine. On a real
cluster, connect a client first; everything else is the same::

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")
    result = reconcile_dask(read_claims("s3://bucket/claims/*.jsonl"), actors=actors)
    result.groups.to_parquet("s3://bucket/report/")

Findings are those :func:`claimdiff.load` makes for the same records (codes, severities,
record ids, fields, messages; counted and rejected alike), located by record id and field
only: a partition's file is the worker's own, so there is no file, line or column, messages
end with ``@ value`` where the loader says ``@ claims[3].value``, and a duplicate id's does
not say where the first was. See docs/performance.md for how it works and what it costs.
"""

from __future__ import annotations

import importlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, TypeAlias

import attrs

from ._grammar.rounding import RoundingPolicy, rounding_name, rounding_policy
from ._loader.convert import make_converter
from ._model.actors import Actor
from ._model.claims import Dataset, Document, Event
from ._model.findings import Finding
from ._model.policy import DEFAULT_POLICY, ValuePolicy
from ._reconciler.overview import Overview
from ._reconciler.report import CrossContradiction, Summary, Transposition, summarize

try:
    # Imported as untyped modules: Dask and pandas ship no complete type information, and
    # the type check must pass where the extra is not installed.
    dask: Any = importlib.import_module("dask")
    db: Any = importlib.import_module("dask.bag")
    dd: Any = importlib.import_module("dask.dataframe")
    pd: Any = importlib.import_module("pandas")
    delayed: Any = importlib.import_module("dask.delayed").delayed
    pl: Any = importlib.import_module("polars")
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "claimdiff.dask needs Dask, pandas and polars: pip install 'claimdiff[dask]'"
    ) from error

# After the check above, which says what to install: the engine needs polars.
from ._engine.partition import (
    Part,
    Read,
    Settings,
    kept_ids,
    member_warnings,
    overview_of,
    read_part,
    run_part,
    summaries,
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
#: The columns of :attr:`DaskReport.groups`.
_GROUPS_META: Final = pd.DataFrame(
    {
        **{
            c: pd.Series([], dtype="string")
            for c in (
                "event",
                "measure",
                "party",
                "place",
                "as_of",
                "kind",
                "verdict",
                "low",
                "high",
            )
        },
        "claims": pd.Series([], dtype="int64"),
        "origins": pd.Series([], dtype="int64"),
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
            ``claims`` and of independent ``origins``.
        summary: the counts, as in the single-machine report.
        transpositions: figures that look swapped between measures, in report order.
        findings: records that could not be read, and warnings of the reconciler.
        policy: the value policy's name, recorded in the report.
        cross: contradictions between groups, as in the single-machine report.
        rounding: the rounding policy's name, recorded in the report.
        partitions: the reconciled partitions, kept on the cluster for
            :meth:`to_overview`.
    """

    groups: DaskCollection
    summary: Summary
    transpositions: tuple[Transposition, ...] = ()
    findings: tuple[Finding, ...] = ()
    policy: str = "default"
    cross: tuple[CrossContradiction, ...] = ()
    rounding: str = "trailing-zeros"
    partitions: tuple[DaskCollection, ...] = attrs.field(default=(), repr=False)

    def to_overview(self) -> Overview:
        """Gather every group's summary and the whole groups the engine built: the
        :class:`~claimdiff.Overview` :func:`claimdiff.overview` gives on one machine.

        This brings a summary of every group to the client: fine for millions of claims on
        a machine with the memory for them, not for billions (write :attr:`groups` out
        instead).

        Returns:
            The overview; its :attr:`~claimdiff.Overview.details` hold every contradiction.
        """
        pieces = dask.compute(*(delayed(summaries)(p) for p in self.partitions))
        return overview_of(
            pieces,
            summary=self.summary,
            transpositions=self.transpositions,
            findings=self.findings,
            policy=self.policy,
            cross=self.cross,
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
        A :class:`DaskReport`; ``to_overview()`` equals ``overview(...)`` of the same
        claims and declarations on one machine, and its findings those
        :func:`claimdiff.load` gives for the same records (without file, line and column).

    Raises:
        ValueError: when ``rounding`` names no rounding policy.
        TypeError: when ``claims`` is neither a Dask bag nor a Dask DataFrame.
    """
    rounding_policy(rounding)  # an unknown name is refused here, not on a worker
    parts: dict[str, Any] = {  # typed loosely: attrs' converters confuse mypy's plugin
        "actors": actors,
        "events": events,
        "documents": documents,
        "measures": dict(measures or {}),
    }
    settings = Settings(Dataset(**parts), policy, rounding)
    return _run(claims, settings, npartitions, check_names=True)


def reconcile_dataset(
    dataset: Dataset,
    *,
    policy: str = "default",
    npartitions: int | None = None,
    rounding: str | RoundingPolicy | None = None,
) -> Overview:
    """:func:`claimdiff.reconcile` of a loaded dataset, computed on the current Dask
    scheduler, as an :class:`~claimdiff.Overview`.

    For a dataset already in memory (what ``claimdiff check --engine dask`` has): its claims
    are sent to the cluster, reconciled there, and the overview gathered, with the dataset's
    load findings and record count as :func:`~claimdiff.reconcile` uses them.

    Args:
        dataset: a loaded dataset; its actors, events and measures are used.
        policy: the name of the value policy, recorded in the overview.
        npartitions: how many partitions to send the claims in; by default about one per
            50,000 claims.
        rounding: the rounding policy, as for :func:`claimdiff.reconcile`.

    Returns:
        ``Overview.of(reconcile(dataset, rounding=rounding))`` in its summary, groups,
        transpositions, findings, contradictions across groups and policy; its
        :attr:`~claimdiff.Overview.details` hold at least every contradiction.

    Raises:
        ValueError: when ``rounding`` names no rounding policy.
    """
    rounding_policy(rounding)  # an unknown name is refused here, not on a worker
    converter = make_converter(measures=dataset.measures, events=dataset.events)
    records = [json.dumps(converter.unstructure(c), ensure_ascii=False) for c in dataset.claims]
    parts = npartitions or max(1, len(records) // 50_000)
    declared = attrs.evolve(dataset, claims=(), findings=(), locations={}, records_read=None)
    settings = Settings(declared, DEFAULT_POLICY, rounding)
    # The loaded dataset's findings already warn about its names and ids: not again.
    result = _run(db.from_sequence(records, npartitions=parts), settings, None, check_names=False)
    found = result.to_overview()
    claims = len(dataset.claims)
    rejected = (dataset.records_read or claims) - claims
    findings = (*dataset.findings, *found.findings)
    summary = attrs.evolve(
        found.summary,
        records=claims + rejected,
        rejected=rejected,
        errors=sum(f.severity == "error" for f in findings),
        warnings=sum(f.severity == "warning" for f in findings),
    )
    return attrs.evolve(found, summary=summary, findings=findings, policy=policy)


def _run(
    claims: DaskCollection, settings: Settings, npartitions: int | None, *, check_names: bool
) -> DaskReport:
    frame = dd.from_delayed(_event_frames(claims), meta=_LINES_META, verify_meta=False)
    # A loaded dataset's ids are unique already. Elsewhere, the ids that records of several
    # events carry (read from the records' text, a group-by of ids and events: none in clean
    # data) are the only ones partitions must agree on.
    suspects = dask.compute(_suspect_ids(frame))[0] if check_names else set()
    shuffled = frame.shuffle("event", npartitions=npartitions or frame.npartitions)
    read = [delayed(_read_part)(part, settings) for part in shuffled.to_delayed()]
    shared: Any = {}
    if suspects:
        # Which record of such an id keeps it is the first that can be read: every partition
        # is read, and held, before any is reconciled.
        read = list(dask.persist(*read))
        shared = _shared_ids(read, suspects)
    parts = list(
        dask.persist(*(delayed(run_part)(part, shared, settings, check_names) for part in read))
    )
    del read  # released on the cluster once every partition is reconciled
    groups = dd.from_delayed(
        [delayed(_group_rows)(p) for p in parts], meta=_GROUPS_META, verify_meta=False
    )
    gathered: tuple[Part, ...] = dask.compute(*[delayed(_light)(p) for p in parts])
    return _summarise(groups, gathered, parts, settings, check_names)


def _read_part(frame: Any, settings: Settings) -> Read:
    frame = frame.sort_values("order")  # the shuffle mixes the input's order
    return read_part(frame["record"].tolist(), frame["order"].tolist(), settings)


def _suspect_ids(frame: DaskCollection) -> Any:
    """A delayed set: the ids that records of more than one event carry."""
    ids = frame[~frame["id"].isna()][["id", "event"]].drop_duplicates(split_out=True)
    counts = ids["id"].value_counts(split_out=True)
    return delayed(set)(counts[counts > 1].index.to_series())


def _shared_ids(read: Sequence[DaskCollection], suspects: set[str]) -> Any:
    """A delayed mapping: each of the ``suspects`` that claims of several partitions carry,
    to the ``order`` of the first (few: ids that records of several events carry)."""
    return delayed(_firsts)(*(delayed(kept_ids)(p, suspects) for p in read))


def _firsts(*kept: dict[str, int]) -> dict[str, int]:
    seen: defaultdict[str, list[int]] = defaultdict(list)
    for claim_id, order in (item for part in kept for item in part.items()):
        seen[claim_id].append(order)
    return {claim_id: min(orders) for claim_id, orders in seen.items() if len(orders) > 1}


def _group_rows(part: Part) -> Any:
    return part.rows.to_pandas().astype(dict(_GROUPS_META.dtypes))


def _light(part: Part) -> Part:
    """What the client needs of a partition now: counts and findings, not the groups."""
    return attrs.evolve(part, result=None, rows=part.rows.clear())


def _summarise(
    groups: DaskCollection,
    parts: Sequence[Part],
    persisted: Sequence[DaskCollection],
    settings: Settings,
    check_names: bool,
) -> DaskReport:
    verdicts = sum((p.verdicts for p in parts), Counter[str]())
    transpositions = sorted((t for p in parts for t in p.transpositions), key=lambda x: x[:2])
    load_findings = [f for p in parts for f in p.findings]
    if check_names:
        load_findings.extend(member_warnings(parts, settings.declared.actors))
    group_findings = sorted((f for p in parts for f in p.keyed), key=lambda x: x[:2])
    findings = (
        # In input order, as on one machine (within a record, in the order they were met).
        *(f for _, _, f in sorted(load_findings, key=lambda x: x[:2])),
        # As on one machine: in the order of the groups that raised them.
        *(f for _, _, f in group_findings),
    )
    cross = tuple(sorted((c for p in parts for c in p.cross), key=lambda c: (c.groups, c.rule)))
    summary = summarize(
        verdicts,
        len(transpositions),
        findings,
        claims=sum(p.claims for p in parts),
        rejected=sum(p.rejected for p in parts),
        cross=len(cross),
    )
    return DaskReport(
        groups=groups,
        summary=summary,
        transpositions=tuple(t for _, _, t in transpositions),
        findings=findings,
        policy=settings.policy.name,
        cross=cross,
        rounding=rounding_name(settings.rounding),
        partitions=tuple(persisted),
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


#: ``order`` is the partition's index in the high bits, the place in the partition in the low.
_PLACE_BITS: Final = 32


def _bag_records(items: Iterable[Any], partition: int) -> Any:
    records = [
        item if isinstance(item, str) else json.dumps(item, ensure_ascii=False, default=str)
        for item in items
    ]
    # Each record's event, read by polars: a record whose event is not text, or that is not
    # a JSON object, still needs a home (its findings are made there).
    texts = pl.Series(records, dtype=pl.String)
    # No id stays missing (<NA>): an empty id "" is an id like any other, which load() holds
    # to be unique as it holds every id.
    events = texts.str.json_path_match("$.event").to_list()
    ids = texts.str.json_path_match("$.id").to_list()
    for at in (i for i, event in enumerate(events) if event is None):
        # polars reads strict JSON only; the loader reads what Python's json reads too
        # (Infinity, NaN), so such a record's event and id are read the loader's way.
        events[at], ids[at] = _event_and_id(records[at])
    first = partition << _PLACE_BITS
    return pd.DataFrame(
        {
            "event": pd.array([event or "" for event in events], dtype="string"),
            "record": pd.array(records, dtype="string"),
            "order": pd.array(range(first, first + len(records)), dtype="int64"),
            "id": pd.array(ids, dtype="string"),
        }
    )


def _event_and_id(record: str) -> tuple[str, str | None]:
    """A record's event and id as the loader's JSON reader reads them: ``""`` and ``None``
    where the record is not an object of text fields (its findings are made where it lands)."""
    try:
        data = json.loads(record)
    except ValueError:
        return "", None
    if not isinstance(data, dict):
        return "", None
    event, claim_id = data.get("event"), data.get("id")
    return (
        event if isinstance(event, str) else "",
        claim_id if isinstance(claim_id, str) else None,
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
