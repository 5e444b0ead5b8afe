"""What the engine gives: the report's answers, with the whole group only where it matters."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, cast, overload

import attrs
import polars as pl

from .._curation.describe import Context
from .._grammar.rounding import RoundingPolicy, rounding_name, rounding_policy
from .._model.claims import Claim, is_cumulative
from .._model.findings import Finding, Location
from .._model.policy import ValuePolicy
from .._model.sets import INF
from .._model.values import said
from .._reconciler.clashes import gap_between
from .._reconciler.cross import cross_contradictions
from .._reconciler.overview import GroupSummary, Overview
from .._reconciler.ranges import common_range, consensus_range, interval_consensus
from .._reconciler.reconcile import Reconciler, gc_paused
from .._reconciler.report import (
    CrossContradiction,
    Entry,
    Gap,
    Group,
    GroupKey,
    Range,
    Summary,
    Transposition,
    summarize,
)
from .clashes import decide_clashes
from .groups import decide, transpositions
from .read import KEY, Claims, read
from .values import SPAN, value_table


@attrs.frozen(eq=False)
class Columnar:
    """A dataset reconciled by the engine.

    ``table`` has one row per group in the report's order; ``built`` the whole
    :class:`Group` of every group the reference reconciler built, in the same order;
    ``clashes`` one row per contradicting group decided in columns
    (:func:`.clashes.decide_clashes`) and ``members`` its informative claims, each with its
    camp. Those groups are built whole only when asked for (:attr:`details`).
    """

    claims: Claims
    table: pl.DataFrame
    built: tuple[Group, ...]
    clashes: pl.DataFrame
    members: pl.DataFrame
    transpositions: tuple[Transposition, ...]
    findings: tuple[Finding, ...]
    summary: Summary
    policy: str
    #: The claims of the groups built whole, by id (filled in as groups are built).
    detail_claims: dict[str, Claim]
    #: The rounding policy's name, recorded in the report.
    rounding: str = "trailing-zeros"
    #: The rounding policy itself, for the groups built when asked for.
    rounder: RoundingPolicy | None = None
    _cache: list[tuple[Group, ...]] = attrs.field(factory=list)

    @property
    def details(self) -> Sequence[Group]:
        """Every group built whole (every contradiction among them), in the report's order:
        those the reference reconciler built, and the contradictions decided in columns,
        built by it when the sequence is first read (a check that prints no group whole
        never builds them)."""
        return _Details(self)

    def _all_details(self) -> tuple[Group, ...]:
        if not self._cache:
            self._cache.append(tuple(sorted((*self.built, *self._build()), key=_key_order)))
        return self._cache[0]

    def _build(self) -> list[Group]:
        """The contradicting groups decided in columns, built by the reference reconciler."""
        if self.clashes.height == 0:
            return []
        members = self.claims.frame.join(
            self.clashes.select(KEY), on=list(KEY), how="semi", nulls_equal=True
        ).select(*KEY, "id")
        by_key: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for *key, claim_id in members.iter_rows():
            by_key[tuple(key)].append(claim_id)
        self.detail_claims.update(self.claims.claims_of(members["id"]))
        declared = self.claims.cumulative
        reconciler = Reconciler(
            self.claims.actors, lambda measure: is_cumulative(measure, declared), self.rounder
        )
        claims = self.detail_claims
        with gc_paused():
            return [
                reconciler.group(_group_key(key), [claims[i] for i in ids])
                for key, ids in by_key.items()
            ]

    @property
    def cross(self) -> tuple[CrossContradiction, ...]:
        """Contradictions between groups, read from every group's summary as the report's."""
        return tuple(cross_contradictions(self.summaries(), self.claims.actors.label))

    def contradictions(self) -> tuple[Group, ...]:
        """Every contradicting group, whole, in the report's order."""
        return tuple(g for g in self._all_details() if g.verdict == "contradiction")

    def contradicting(self) -> list[Group | Clash]:
        """Every contradicting group, in no set order: whole where the reference built it,
        else as the columns decided it (a :class:`Clash`, worded without a :class:`Group`)."""
        found: list[Group | Clash] = [g for g in self.built if g.verdict == "contradiction"]
        found.extend(self._column_clashes())
        return found

    def _column_clashes(self) -> list[Group | Clash]:
        """Each contradiction decided in columns as a :class:`Clash`.

        Its claims come sorted by group, camp and id as flat columns, read once; each camp
        is a slice of them (its start and length counted by a ``group_by``), each claim's
        value text and voice looked up through tables of the few distinct ones, so that
        Python only slices and words.
        """
        if self.clashes.height == 0:
            return []
        # Many small tuples and no cycle among them: the collector's passes would only
        # walk the heap again and again (a third of the time at 100,000 claims).
        with gc_paused():
            return self._clashes_worded()

    def _clashes_worded(self) -> list[Group | Clash]:
        """:meth:`_column_clashes`, the collector paused."""
        actors = self.claims.actors
        numbered = self.clashes.select(
            *KEY,
            _key_text().alias("key"),
            "kind",
            "form",
            "axis",
            "first",
            "rounded",
            "gap_low",
            "gap_high",
        ).with_row_index("group")
        ends = ("form", "axis", "label", "camp_lo", "camp_hi", "stated_lo", "stated_hi", "rounded")
        members = (
            self.members.join(
                numbered.select(*KEY, "group", "form", "axis", "rounded"),
                on=list(KEY),
                how="left",
                nulls_equal=True,
            )
            .sort("group", "camp", "id")
            .with_row_index("row")
        )
        # Camps: where each starts among the claims, how many, what it allows (its ends).
        camps = members.group_by("group", "camp", maintain_order=True).agg(
            pl.col("row").first().alias("start"),
            pl.len().alias("size"),
            *(pl.col(e).first() for e in ends),
        )
        # What a camp allows depends on its ends alone, few distinct among many camps: each
        # distinct one worded once (grouped, not joined: floats and nulls meet as they group).
        distinct = camps.with_row_index("at").group_by(ends, maintain_order=True).agg("at")
        words_of: list[str | None] = [None] * camps.height
        for form, axis, label, lo, hi, s_lo, s_hi, rounded, rows in distinct.iter_rows():
            word = _camp_value(form, axis, label, lo, hi, s_lo, s_hi, rounded, actors)
            for row in rows:
                words_of[row] = word
        ids, vids, origins = (members[c].to_list() for c in ("id", "vid", "origin"))
        # Few distinct value texts and voices among many claims: each made once, then mapped.
        values = self.claims.values
        said_of = {vid: said(values[vid]) for vid in set(vids)}
        texts = list(map(said_of.__getitem__, vids))
        voices = self.claims.voices(ids)
        who = list(zip(map(voices.__getitem__, ids), origins, strict=True))
        entry_of = {
            (voice, origin): Entry(
                claim="",  # who said it is all its wording reads
                value="",
                claimant=actors.resolve(voice[0]) if voice[0] else None,
                origin=origin,
                via=tuple(actors.resolve(o) for o in voice[1]),
            )
            for voice, origin in set(who)
        }
        said_by = list(zip(ids, texts, map(entry_of.__getitem__, who), strict=True))
        contradicting = members.group_by("group").agg(
            pl.col("id").filter(pl.col("contradicts")).sort().alias("contradicting")
        )
        spans = camps.group_by("group", maintain_order=True).agg(
            pl.col("camp").len().alias("camps"), pl.col("start"), pl.col("size")
        )
        table = (
            numbered.join(spans, on="group", how="left")
            .join(contradicting, on="group", how="left")
            .sort("group")
            .select(
                "key",
                "kind",
                "axis",
                "first",
                "gap_low",
                "gap_high",
                "contradicting",
                "camps",
                "start",
                "size",
            )
        )
        found: list[Group | Clash] = []
        camp = 0  # the group's first camp among all camps (both in the same order)
        for number, (
            key,
            kind,
            axis,
            first,
            gap_low,
            gap_high,
            against,
            count,
            starts,
            sizes,
        ) in enumerate(zip(*(table[c].to_list() for c in table.columns), strict=True)):
            words = words_of[camp : camp + (count or 0)]
            camp += count or 0
            if any(w is None for w in words):
                # A camp whose figures as written leave nothing in common: worded by the
                # reference, on the group built whole.
                group_key = _group_key(numbered.select(KEY).row(number))
                found.append(next(g for g in self._all_details() if g.key == group_key))
                continue
            found.append(
                Clash(
                    key=key,
                    kind=kind,
                    gap=None if gap_low is None else gap_between(axis, gap_low, gap_high),
                    first=first,
                    contradicting=tuple(against or ()),
                    camps=tuple(
                        (cast(str, word), tuple(said_by[start : start + size]))
                        for word, start, size in zip(words, starts or (), sizes or (), strict=True)
                    ),
                )
            )
        return found

    def context(self) -> Context:
        """What wording the contradictions needs: their claims and the actors."""
        return Context(self.detail_claims, self.claims.actors)

    def locate(self, claim_id: str) -> Location | None:
        """Where the claim with ``claim_id`` was read."""
        return self.claims.locate(claim_id)

    def verdict_of(self, key: str) -> str | None:
        """The verdict of the group whose key reads ``key``, or ``None`` when there is none."""
        for group in self.built:
            if str(group.key) == key:
                return group.verdict
        found = self.table.filter(_key_text() == key)
        return str(found["verdict"][0]) if found.height else None

    def summaries(self) -> list[GroupSummary]:
        """Every group summed up, in the report's order."""
        built = iter(self.built)
        labels_of = dict(
            zip(
                self.clashes.select(KEY).iter_rows(),
                self.clashes["labels"] if "labels" in self.clashes.columns else (),
                strict=False,
            )
        )
        ranges: dict[tuple[Any, ...], Range | None] = {}  # few distinct among many groups
        summaries = []
        columns = (
            *KEY,
            "claims",
            "origins",
            "kind",
            "form",
            "verdict",
            "reference",
            "clash",
            "label",
            "axis",
            "lo_min",
            "lo_max",
            "hi_min",
            "hi_max",
            "finite_min",
            "finite_max",
        )
        for row in self.table.select(columns).iter_rows(named=True):
            if row["reference"]:
                summaries.append(GroupSummary.of(next(built)))
                continue
            key = GroupKey(**{k: row[k] for k in KEY})
            span_range = consensus = None
            labels: tuple[str, ...] = ()
            common: tuple[str, ...] = ()
            if row["form"] == SPAN:
                lo_min, hi_max, axis = row["lo_min"], row["hi_max"], row["axis"]
                finite = [x for x in (row["finite_min"], row["finite_max"]) if x is not None]
                key_range = ("range", lo_min, hi_max, *finite, axis)
                if key_range not in ranges:
                    ranges[key_range] = common_range([lo_min], [hi_max], finite, axis)
                span_range = ranges[key_range]
                if not row["clash"]:
                    lo_max, hi_min = row["lo_max"], row["hi_min"]
                    key_consensus = ("consensus", lo_max, hi_min, axis)
                    if key_consensus not in ranges:
                        ranges[key_consensus] = consensus_range([(lo_max, hi_min)], [], axis)
                    consensus = ranges[key_consensus]
            elif row["clash"]:
                labels = tuple(labels_of[tuple(row[k] for k in KEY)])
            elif row["label"] is not None:
                labels = common = (row["label"],)
            summaries.append(
                GroupSummary(
                    key=key,
                    kind=row["kind"],
                    verdict=row["verdict"],
                    claims=row["claims"],
                    origins=row["origins"],
                    range=span_range,
                    consensus=consensus,
                    values=labels,
                    consensus_values=common,
                )
            )
        return summaries

    def overview(self) -> Overview:
        """The :class:`Overview`: every group summed up, the details whole."""
        summaries = self.summaries()
        cross = tuple(cross_contradictions(summaries, self.claims.actors.label))
        return Overview(
            # Contradictions between groups are found from every group's summary: counted here.
            summary=attrs.evolve(self.summary, cross_contradictions=len(cross)),
            groups=tuple(summaries),
            details=self._all_details(),
            transpositions=self.transpositions,
            findings=self.findings,
            policy=self.policy,
            cross=cross,
            rounding=self.rounding,
        )


def _key_order(group: Group) -> tuple[str, ...]:
    key = group.key
    return (key.event, key.measure, key.party, key.place, key.as_of)


def _key_text() -> pl.Expr:
    """A group's key as text, as :meth:`GroupKey.__str__` writes it, from its columns."""
    return pl.concat_str(
        pl.col("event"),
        pl.lit("/"),
        pl.col("measure"),
        pl.when(pl.col("party") != "").then(pl.lit("/") + pl.col("party")).otherwise(pl.lit("")),
        pl.when(pl.col("place") != "").then(pl.lit("@") + pl.col("place")).otherwise(pl.lit("")),
        pl.when(pl.col("as_of") != "")
        .then(pl.lit("[") + pl.col("as_of") + pl.lit("]"))
        .otherwise(pl.lit("")),
    )


def _group_key(fields: Iterable[str]) -> GroupKey:
    return GroupKey(**dict(zip(KEY, fields, strict=True)))


def _camp_value(
    form: str,
    axis: str | None,
    label: str | None,
    lo: float | None,
    hi: float | None,
    stated_lo: float | None,
    stated_hi: float | None,
    rounded: bool,
    actors: Any,
) -> str | None:
    """What a camp allows, as :func:`claimdiff._curation.describe.camp_value` words it: its
    consensus (cut to the figures as written where they were widened), or its label;
    ``None`` when the consensus is empty."""
    if form != SPAN:
        return " or ".join(actors.label(v) for v in (label,))
    consensus = consensus_range([(cast(float, lo), cast(float, hi))], [], cast(str, axis))
    if rounded and consensus is not None:
        c_low = -INF if consensus.low is None else float(consensus.low)  # type: ignore[arg-type]
        c_high = INF if consensus.high is None else float(consensus.high)  # type: ignore[arg-type]
        consensus = interval_consensus(
            [c_low, -INF if stated_lo is None else stated_lo],
            [c_high, INF if stated_hi is None else stated_hi],
            "quantity",
        )
    return None if consensus is None else consensus.text


class _Details(Sequence[Group]):
    """:attr:`Columnar.details`, built when first read."""

    __slots__ = ("_of",)

    def __init__(self, of: Columnar) -> None:
        self._of = of

    def __len__(self) -> int:
        return len(self._of._all_details())

    @overload
    def __getitem__(self, index: int) -> Group: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Group]: ...

    def __getitem__(self, index: int | slice) -> Group | Sequence[Group]:
        return self._of._all_details()[index]

    def __iter__(self) -> Iterator[Group]:
        return iter(self._of._all_details())


@attrs.frozen(eq=False)
class Clash:
    """A contradicting group decided in columns, as a check words it: its key, kind,
    furthest gap, first contradicting claim, every contradicting claim (sorted), and each
    camp's words for what it allows with its claims (id, value as said, an entry naming who
    said it), camps in order."""

    key: str
    kind: str
    gap: Gap | None
    first: str
    contradicting: tuple[str, ...]
    camps: tuple[tuple[str, tuple[tuple[str, str, Entry], ...]], ...]


def run(
    files: Sequence[str],
    policy: ValuePolicy,
    policy_name: str = "default",
    rounding: str | RoundingPolicy | None = None,
) -> Columnar:
    """Read ``files`` and reconcile them: :func:`claimdiff.reconcile` of
    :func:`claimdiff.load`'s dataset (with ``rounding``), in columns where the rule allows."""
    return reconcile_claims(read(files, policy), policy_name, rounding)


def reconcile_claims(
    claims: Claims, policy_name: str = "default", rounding: str | RoundingPolicy | None = None
) -> Columnar:
    """Reconcile claims read as columns (see :func:`run`). Rounding plays a part only where
    figures as written contradict, which the reference reconciler decides."""
    values = value_table(claims.values, claims.actors)
    rows, groups = decide(claims.frame, values)
    rounder = rounding_policy(rounding)
    # Groups that go to the reference only because they contradict: decided in columns.
    clashes, clash_members = decide_clashes(rows, groups, claims.values, rounder)
    groups = (
        groups.join(
            clashes.select(*KEY, pl.lit(True).alias("clash")),
            on=list(KEY),
            how="left",
            nulls_equal=True,
        )
        .with_columns(pl.col("clash").fill_null(False))
        .with_columns(
            (pl.col("reference") & ~pl.col("clash")).alias("reference"),
            pl.when(pl.col("clash"))
            .then(pl.lit("contradiction"))
            .otherwise(pl.col("verdict"))
            .alias("verdict"),
        )
        .sort(KEY)
    )
    referred = groups.filter(pl.col("reference")).select(KEY)
    members = rows.join(referred, on=list(KEY), how="semi").select(*KEY, "id")
    by_key: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for *key, claim_id in members.iter_rows():
        by_key[tuple(key)].append(claim_id)
    detail_claims = claims.claims_of(members["id"])
    declared = claims.cumulative
    reconciler = Reconciler(
        claims.actors, lambda measure: is_cumulative(measure, declared), rounder
    )
    with gc_paused():
        details = tuple(
            reconciler.group(_group_key(key), [detail_claims[i] for i in by_key[tuple(key)]])
            for key in referred.iter_rows()
        )
    built = {g.key: g for g in details}
    found = tuple(transpositions(rows, groups, built, detail_claims, claims.values, claims.actors))
    findings = (*claims.findings, *reconciler.findings)
    verdicts: Counter[str] = Counter(
        dict(groups.filter(~pl.col("reference")).group_by("verdict").len().iter_rows())
    )
    verdicts.update(g.verdict for g in details)
    count = claims.frame.height
    summary = summarize(
        verdicts, len(found), findings, claims=count, rejected=claims.records_read - count
    )
    return Columnar(
        claims=claims,
        table=groups,
        built=details,
        clashes=clashes,
        members=clash_members,
        transpositions=found,
        findings=findings,
        summary=summary,
        policy=policy_name,
        detail_claims=detail_claims,
        rounding=rounding_name(rounding),
        rounder=rounder,
    )
