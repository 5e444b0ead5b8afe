"""``check`` on the columnar engine (:mod:`claimdiff._columnar`).

A check words only the contradictions, the transpositions and the findings, and locates
claims; the engine keeps exactly those whole, so the check it gives is :func:`check`'s, to
the byte, without a ``Claim`` and an ``Entry`` per claim. Quote checks read every claim and
estimates need every group whole: this engine does neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ._baseline import Baseline
from ._check import CheckResult, check_parts
from ._describe import Context
from ._io import StrPath, dataset_files
from ._policy import ValuePolicy
from ._rounding import RoundingPolicy

if TYPE_CHECKING:
    from ._columnar.result import Columnar


def check_by_overview(
    paths: Sequence[StrPath],
    *,
    policy: ValuePolicy,
    exclude: Iterable[StrPath] = (),
    baseline: Baseline | None = None,
    rounding: str | RoundingPolicy | None = None,
) -> tuple[CheckResult, Columnar, Context]:
    """``check(load(*paths), reconcile(...), baseline=baseline)`` from the columnar engine
    (needs polars); with the engine's result, and the context its contradictions are worded
    in."""
    from ._columnar.result import run

    found = run(dataset_files(paths, exclude), policy, policy.name, rounding)
    ctx = found.context()
    result = check_parts(
        found.summary,
        found.findings,
        found.contradictions(),
        found.transpositions,
        ctx,
        found.locate,
        found.verdict_of,
        baseline=baseline,
        cross=found.cross,
    )
    return result, found, ctx
