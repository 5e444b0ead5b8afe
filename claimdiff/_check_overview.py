"""``check`` on :func:`claimdiff.overview`'s lane (``claimdiff check --engine overview``).

A check words only the contradictions, the transpositions and the findings, and locates
claims; the lane keeps exactly those whole, so the check it gives is :func:`check`'s, to the
byte, without a ``Claim`` and an ``Entry`` per claim. Quote checks read every claim and
estimates need every group whole: this engine does neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ._baseline import Baseline
from ._check import CheckResult, check_parts
from ._describe import Context
from ._io import StrPath
from ._overview import Overview
from ._overview_scan import scan_for_check
from ._policy import ValuePolicy


def check_by_overview(
    paths: Sequence[StrPath],
    *,
    policy: ValuePolicy,
    exclude: Iterable[StrPath] = (),
    baseline: Baseline | None = None,
    workers: int | None = None,
) -> tuple[CheckResult, Overview, Context]:
    """``check(load(*paths), reconcile(...), baseline=baseline)``, from an overview (on
    ``workers`` processes, as :func:`claimdiff.overview`); with the overview, and the context
    its contradictions are worded in."""
    found, ctx, locate = scan_for_check(paths, policy=policy, exclude=exclude, workers=workers)
    verdicts = {str(g.key): g.verdict for g in found.groups}
    result = check_parts(
        found.summary,
        found.findings,
        found.contradictions(),
        found.transpositions,
        ctx,
        locate,
        verdicts.get,
        baseline=baseline,
        cross=found.cross,
    )
    return result, found, ctx
