"""What the engine gives: the report's answers, with the whole group only where it matters."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import attrs
import polars as pl

from .._claims import Claim, is_cumulative
from .._cross import cross_contradictions
from .._describe import Context
from .._findings import Finding, Location
from .._overview import GroupSummary, Overview
from .._policy import ValuePolicy
from .._ranges import _consensus, _range
from .._reconcile import _gc_paused, _Reconciler
from .._report import CrossContradiction, Group, GroupKey, Range, Summary, Transposition, summarize
from .._rounding import RoundingPolicy, rounding_name, rounding_policy
from .groups import decide, transpositions
from .read import KEY, Claims, read
from .values import SPAN, value_table


@attrs.frozen(eq=False)
class Columnar:
    """A dataset reconciled by the engine.

    ``table`` has one row per group in the report's order; ``details`` the whole
    :class:`Group` of every group the reference reconciler built (every contradiction among
    them), in the same order.
    """

    claims: Claims
    table: pl.DataFrame
    details: tuple[Group, ...]
    transpositions: tuple[Transposition, ...]
    findings: tuple[Finding, ...]
    summary: Summary
    policy: str
    #: The claims of ``details``, by id.
    detail_claims: dict[str, Claim]
    #: The rounding policy's name, recorded in the report.
    rounding: str = "trailing-zeros"

    @property
    def cross(self) -> tuple[CrossContradiction, ...]:
        """Contradictions between groups, read from every group's summary as the report's."""
        return self.overview().cross

    def contradictions(self) -> tuple[Group, ...]:
        """Every contradicting group, whole, in the report's order."""
        return tuple(g for g in self.details if g.verdict == "contradiction")

    def context(self) -> Context:
        """What wording the contradictions needs: their claims and the actors."""
        return Context(self.detail_claims, self.claims.actors)

    def locate(self, claim_id: str) -> Location | None:
        """Where the claim with ``claim_id`` was read."""
        return self.claims.locate(claim_id)

    def verdict_of(self, key: str) -> str | None:
        """The verdict of the group whose key reads ``key``, or ``None`` when there is none."""
        for group in self.details:
            if str(group.key) == key:
                return group.verdict
        text = pl.concat_str(
            pl.col("event"),
            pl.lit("/"),
            pl.col("measure"),
            pl.when(pl.col("party") != "")
            .then(pl.lit("/") + pl.col("party"))
            .otherwise(pl.lit("")),
            pl.when(pl.col("place") != "")
            .then(pl.lit("@") + pl.col("place"))
            .otherwise(pl.lit("")),
            pl.when(pl.col("as_of") != "")
            .then(pl.lit("[") + pl.col("as_of") + pl.lit("]"))
            .otherwise(pl.lit("")),
        )
        found = self.table.filter(text == key)
        return str(found["verdict"][0]) if found.height else None

    def overview(self) -> Overview:
        """The :class:`Overview`: every group summed up, the details whole."""
        details = iter(self.details)
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
                summaries.append(GroupSummary.of(next(details)))
                continue
            key = GroupKey(**{k: row[k] for k in KEY})
            span_range = consensus = None
            labels: tuple[str, ...] = ()
            if row["form"] == SPAN:
                lo_min, hi_max, axis = row["lo_min"], row["hi_max"], row["axis"]
                finite = [x for x in (row["finite_min"], row["finite_max"]) if x is not None]
                key_range = ("range", lo_min, hi_max, *finite, axis)
                if key_range not in ranges:
                    ranges[key_range] = _range([lo_min], [hi_max], finite, axis)
                lo_max, hi_min = row["lo_max"], row["hi_min"]
                key_consensus = ("consensus", lo_max, hi_min, axis)
                if key_consensus not in ranges:
                    ranges[key_consensus] = _consensus([(lo_max, hi_min)], [], axis)
                span_range, consensus = ranges[key_range], ranges[key_consensus]
            elif row["label"] is not None:
                labels = (row["label"],)
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
                    consensus_values=labels,
                )
            )
        cross = tuple(cross_contradictions(summaries, self.claims.actors.label))
        return Overview(
            # Contradictions between groups are found from every group's summary: counted here.
            summary=attrs.evolve(self.summary, cross_contradictions=len(cross)),
            groups=tuple(summaries),
            details=self.details,
            transpositions=self.transpositions,
            findings=self.findings,
            policy=self.policy,
            cross=cross,
            rounding=self.rounding,
        )


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
    referred = groups.filter(pl.col("reference")).select(KEY)
    members = rows.join(referred, on=list(KEY), how="semi").select(*KEY, "id")
    by_key: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for *key, claim_id in members.iter_rows():
        by_key[tuple(key)].append(claim_id)
    detail_claims = claims.claims_of(members["id"])
    declared = claims.cumulative
    reconciler = _Reconciler(
        claims.actors, lambda measure: is_cumulative(measure, declared), rounding_policy(rounding)
    )
    with _gc_paused():
        details = tuple(
            reconciler.group(
                GroupKey(**dict(zip(KEY, key, strict=True))),
                [detail_claims[i] for i in by_key[tuple(key)]],
            )
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
        details=details,
        transpositions=found,
        findings=findings,
        summary=summary,
        policy=policy_name,
        detail_claims=detail_claims,
        rounding=rounding_name(rounding),
    )
