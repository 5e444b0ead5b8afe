"""The overview: every group's verdict and range for millions of claims, without the entries.

A :class:`Report` holds one :class:`Entry` per claim and a :class:`Camp` per camp: right for a
curated dataset, and the larger part of the cost for the millions of claims a news-extraction
pipeline emits (building one ``Claim``, ``Location`` and ``Entry`` per claim alone takes over
four times the polars floor of ``benchmarks/floors.py``). An :class:`Overview` keeps what a
check at that scale reads: the summary, every finding, one :class:`GroupSummary` per group, the
transpositions, and the whole :class:`Group` for every group the reconciler had to look at
closely, every contradiction among them. Its answers are the report's: ``overview(*paths) ==
Overview.of(reconcile(load(*paths)))`` is what ``tests/engine/test_overview_equals_report.py``
proves on generated datasets. :func:`claimdiff.overview` (in :mod:`claimdiff._engine.overview`)
makes one from files on the columnar engine.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from .._model.findings import Finding
from ..errors import unknown_key
from .report import (
    CrossContradiction,
    Group,
    GroupKey,
    Range,
    Report,
    Summary,
    Transposition,
    Verdict,
)

__all__ = ["GroupSummary", "Overview"]


@attrs.frozen(kw_only=True)
class GroupSummary:
    """One group of a report without its entries and camps: what it is about and how it fits.

    The fields are the :class:`Group`'s own, with ``claims`` and ``origins`` counted.
    """

    key: GroupKey
    kind: str
    verdict: Verdict
    claims: int
    origins: int
    range: Range | None = None
    consensus: Range | None = None
    values: tuple[str, ...] = ()
    consensus_values: tuple[str, ...] = ()
    latest_stated: dt.date | None = None

    @classmethod
    def of(cls, group: Group) -> GroupSummary:
        """The summary of ``group``."""
        return cls(
            key=group.key,
            kind=group.kind,
            verdict=group.verdict,
            claims=len(group.claims),
            origins=len(group.origins),
            range=group.range,
            consensus=group.consensus,
            values=group.values,
            consensus_values=group.consensus_values,
            latest_stated=group.latest_stated,
        )


@attrs.frozen(kw_only=True)
class Overview:
    """What :func:`overview` returns: a report's answers, with entries only where they matter.

    Plain data once unstructured (``make_converter().unstructure(overview)``), as a report is.

    Args:
        summary: the counts, equal to the report's: every claim record read is accounted for.
        groups: one :class:`GroupSummary` per group, in the report's order.
        details: the whole :class:`Group` of every contradiction, and of any other group the
            reconciler built claim by claim (mixed kinds, denials, values of several
            intervals, records read by the reference path), in the report's order.
        transpositions: figures that look swapped between measures, as in the report.
        findings: the report's findings, in its order.
        policy: the value policy's name, recorded in the report.
        cross: contradictions between groups, as in the report (they read only summaries).
        rounding: the rounding policy's name, recorded in the report.
    """

    summary: Summary
    groups: tuple[GroupSummary, ...]
    details: tuple[Group, ...] = ()
    transpositions: tuple[Transposition, ...] = ()
    findings: tuple[Finding, ...] = ()
    policy: str = "default"
    cross: tuple[CrossContradiction, ...] = ()
    rounding: str = "trailing-zeros"

    @classmethod
    def of(cls, report: Report) -> Overview:
        """The overview of ``report``, with every contradiction in :attr:`details`."""
        return cls(
            summary=report.summary,
            groups=tuple(GroupSummary.of(g) for g in report.groups),
            details=tuple(g for g in report.groups if g.verdict == "contradiction"),
            transpositions=report.transpositions,
            findings=report.findings,
            policy=report.policy,
            cross=report.cross,
            rounding=report.rounding,
        )

    def detail(self, key: GroupKey | str) -> Group:
        """The whole group with ``key`` (a :class:`GroupKey` or its ``str``), when kept.

        Raises:
            UnknownKeyError: (a ``KeyError``) when :attr:`details` has no such group (it
                agrees, or there is none); its message names the closest kept keys.
        """
        for group in self.details:
            if group.key == key or str(group.key) == key:
                return group
        raise unknown_key("detailed group", key, [str(g.key) for g in self.details])

    def contradictions(self) -> tuple[Group, ...]:
        """Every group whose claims contradict each other, whole, in the report's order."""
        return tuple(g for g in self.details if g.verdict == "contradiction")

    # Display (claimdiff._render.display): a one-line repr, and tables for notebooks.

    def __repr__(self) -> str:
        from .._render.display import overview_repr

        return overview_repr(self)

    def _repr_html_(self) -> str:
        from .._render.display import overview_html

        return overview_html(self)

    def _repr_markdown_(self) -> str:
        from .._render.display import overview_md

        return overview_md(self)

    def to_frame(self, table: str = "groups", *, backend: str = "pandas") -> Any:
        """A table of the overview as a DataFrame (needs the ``frames`` extra).

        Args:
            table: ``groups`` (one row per group) or ``findings``.
            backend: ``pandas``, ``polars`` or ``pyarrow``.

        Returns:
            A native DataFrame of ``backend``.

        Raises:
            DatasetError: when narwhals or the backend is missing, or the table is unknown.
        """
        from .._loader.frames import to_frame

        return to_frame(self, table, backend)  # type: ignore[arg-type]
