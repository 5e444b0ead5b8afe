"""The columnar engine: ``reconcile(load(...))``'s answers from polars columns.

One row per claim, one parse per *distinct* value text, one polars ``group_by`` for the
verdicts and ranges of every group whose claims are plain enough to decide in columns; the
reference reconciler (``claimdiff._reconciler.reconcile``) for every other group, claim by claim.
The modules, in the order the data flows through them:

* :mod:`.read`: files to a frame of claims (JSON Lines of the plain shape read by polars;
  anything else read by the reference loader), with the load findings and claim locations;
* :mod:`.texts`: each distinct value text read once, the plainest forms by polars patterns
  checked against the grammar, the rest by the grammar on every core;
* :mod:`.origins`: each distinct claimant, relay chain and document to its origin;
* :mod:`.values`: each distinct value to the bounds or label it allows, joined back by id;
* :mod:`.groups`: verdicts, ranges and consensus per group, which groups go to the
  reference reconciler (:func:`.groups.needs_reference`), and the transpositions;
* :mod:`.clashes`: the groups that go there only because they contradict (single
  intervals or labels, one claim per origin) decided in columns after all: camps, pair
  counts, furthest gaps, contradicting claims, by the reference's rules;
* :mod:`.result`: what a caller reads (:class:`.result.Columnar`): the summary, the
  findings, the contradictions as a check words them (from the columns where they were
  decided there), whole groups and an :class:`~claimdiff.Overview` built when asked.

polars is imported here and in these modules only; the package works without it through
the reference path (:func:`available` tells which).

:func:`claimdiff.overview` (:mod:`.overview`) reads files into an Overview on this engine.
"""

from __future__ import annotations

import importlib.util


def available() -> bool:
    """Whether polars, which the engine runs on, is installed."""
    return importlib.util.find_spec("polars") is not None
