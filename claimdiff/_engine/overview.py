"""``overview``: a dataset's files to an :class:`Overview`, on the columnar engine where it can.

The :class:`Overview` and :class:`GroupSummary` types are the reconciler's
(:mod:`claimdiff._reconciler.overview`); this function reads files, so it sits above the
loader, with the engine it runs on.
"""

from __future__ import annotations

from collections.abc import Iterable

from .._grammar.rounding import RoundingPolicy, rounding_policy
from .._loader.load import StrPath, dataset_listing, load
from .._model.policy import DEFAULT_POLICY, ValuePolicy
from .._reconciler.overview import Overview
from .._reconciler.reconcile import reconcile
from ..errors import DatasetError

__all__ = ["overview"]


def overview(
    *paths: StrPath,
    policy: ValuePolicy = DEFAULT_POLICY,
    exclude: Iterable[StrPath] = (),
    rounding: str | RoundingPolicy | None = None,
) -> Overview:
    """Read a dataset and reconcile it as ``reconcile(load(*paths))`` does, keeping the whole
    group only where the claims contradict or need a close look.

    With polars installed (``pip install 'claimdiff[fast]'``) this runs on the columnar
    engine: JSON Lines of the plain shape (every field a string) are read by polars, each
    distinct value text is parsed once, and a group whose claims cannot contradict (single
    intervals sharing a point, one label, one truth value, one claim per origin) is summed
    up in columns; every other group, each contradiction among them, is reconciled claim by
    claim by the reference reconciler. Other files, and a JSON Lines file with any line off
    the plain shape, are read by :func:`claimdiff.load`. Without polars the overview is made
    from the full report.

    Args:
        paths: files and directories, as for :func:`claimdiff.load`.
        policy: how approximate and vague values given as text are read.
        exclude: files not to read even when a directory holds them.
        rounding: the rounding policy, as for :func:`claimdiff.reconcile`.

    Returns:
        An :class:`Overview` equal to ``Overview.of(reconcile(load(*paths, policy=policy),
        rounding=rounding))`` in its summary, groups, transpositions, findings and ``policy``
        (the name of ``policy``); :attr:`Overview.details` holds at least every contradiction.

    Raises:
        DatasetError: when no path is given.
        ValueError: when ``rounding`` names no rounding policy.
    """
    if not paths:
        raise DatasetError("load() needs at least one file or directory")
    # Asked at call time, so a test can stand in for a machine without polars.
    from . import available

    rounding_policy(rounding)  # an unknown name is refused before any file is read
    files, refused = dataset_listing(paths, exclude)
    # A folder's entries that are not read (links out of it) are findings load() makes.
    if not available() or refused:
        return Overview.of(
            reconcile(load(*paths, policy=policy, exclude=exclude), rounding=rounding)
        )
    # polars is optional: the engine's modules import it, so they wait until it is there.
    from .result import run

    return run(files, policy, policy.name, rounding).overview()
