"""``check`` on the columnar engine: the files read and reconciled in columns, then checked by
curation's own rules (:func:`claimdiff._curation.check.check_parts`), worded alike."""

from __future__ import annotations

import os
from collections.abc import Sequence

from .._curation.baseline import Baseline
from .._curation.check import (
    CheckResult,
    ColumnContradiction,
    GroupContradiction,
    check_parts,
)
from .._curation.describe import Context
from .._grammar.rounding import RoundingPolicy
from .._loader.load import dataset_files
from .._model.policy import ValuePolicy
from .._reconciler.report import Group
from .result import Columnar, run


def check_columnar(
    paths: Sequence[str | os.PathLike[str]],
    *,
    policy: ValuePolicy,
    baseline: Baseline | None = None,
    rounding: str | RoundingPolicy | None = None,
) -> tuple[CheckResult, Columnar, Context]:
    """``check(load(*paths), reconcile(...), baseline=baseline)`` on the columnar engine
    (needs polars), without quote checks; with the engine's result, and the context its
    contradictions are worded in."""
    found = run(dataset_files(paths), policy, policy.name, rounding)
    ctx = found.context()
    result = check_parts(
        found.summary,
        found.findings,
        [
            GroupContradiction(c, ctx)
            if isinstance(c, Group)
            else ColumnContradiction(c, found.claims.actors)
            for c in found.contradicting()
        ],
        found.transpositions,
        found.locate,
        found.verdict_of,
        baseline=baseline,
        cross=found.cross,
    )
    return result, found, ctx
