"""Claim ids that records of more than one event carry, found without moving the records.

:mod:`claimdiff.dask` shuffles records by event, so a partition sees the ids of its events
only. This pass reads the same input blocks and sends only (id, event, order) on, split by the
id's hash, to find the ids several events share and where each was first met: the loader keeps
the first record of an id in input order.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, Final

# Untyped: Dask and pandas ship no complete type information (imported by claimdiff.dask
# first, which says what to install when they are missing).
delayed: Any = importlib.import_module("dask.delayed").delayed
pd: Any = importlib.import_module("pandas")

#: How many parts the ids are split into to find those that several events share: each
#: part is a task over an eighth of the id space, so none holds every id.
_ID_BUCKETS: Final = 8


def cross_event_firsts(inputs: Sequence[Any]) -> Any:
    """A delayed mapping: each id that records of more than one event carry, to the ``order``
    of its first record.

    Only ids, events and orders travel (a few dozen bytes a record, split by the id's
    hash), not the records; in clean data the mapping is empty.
    """
    k = max(1, min(_ID_BUCKETS, len(inputs)))
    split = [delayed(_id_buckets, nout=k)(block, k) for block in inputs]
    buckets = [delayed(_shared_ids)(*(parts[i] for parts in split)) for i in range(k)]
    return delayed(_merged)(*buckets)


def _id_buckets(frame: Any, k: int) -> tuple[Any, ...]:
    ids = frame.loc[frame["id"] != "", ["id", "event", "order"]]
    bucket = pd.util.hash_pandas_object(ids["id"], index=False).to_numpy() % k
    return tuple(ids[bucket == i] for i in range(k))


def _shared_ids(*frames: Any) -> dict[str, int]:
    ids = pd.concat(frames, ignore_index=True)
    ids = ids[ids["id"].duplicated(keep=False)]
    if ids.empty:
        return {}
    seen = ids.groupby("id", observed=True).agg(events=("event", "nunique"), first=("order", "min"))
    shared = seen[seen["events"] > 1]
    return {str(i): int(o) for i, o in zip(shared.index, shared["first"], strict=True)}


def _merged(*parts: dict[str, int]) -> dict[str, int]:
    return {k: v for part in parts for k, v in part.items()}
