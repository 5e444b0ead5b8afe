"""Each distinct value, once: the interval or label it allows, as columns to join back.

A value is decided by the reference algebra (:func:`claimdiff._sets.allowed`), never by a
second reading of its own: a single interval becomes its two ends on the axis (days as
ordinals, open sides as infinities), one label or one truth value becomes that label, and
anything else (several intervals, several labels, a type the algebra knows only through its
bounds) is marked ``other``, which sends its group to the reference reconciler.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polars as pl

from .._actors import ActorIndex
from .._sets import Spans, allowed
from .._values import Value

#: What a value allows, as the engine decides it.
SPAN, LABEL, TRUTH, NOTHING, OTHER = "span", "label", "truth", "nothing", "other"

SCHEMA: dict[str, pl.DataType] = {
    "vid": pl.UInt32(),
    "kind": pl.String(),
    "form": pl.String(),
    "lo": pl.Float64(),
    "hi": pl.Float64(),
    "axis": pl.String(),
    "label": pl.String(),
    "figure": pl.Float64(),
}


class Values(list[Value]):
    """Values by ``vid``, with the rows of :func:`value_table` for the first
    ``known.height`` of them already made, by the reader that made those values
    (:func:`claimdiff._columnar.texts.read_texts`): for texts read in columns, asking the
    algebra value by value would cost more than reading them did."""

    __slots__ = ("known",)

    def __init__(self, values: Iterable[Value], known: pl.DataFrame) -> None:
        super().__init__(values)
        self.known = known


def value_table(values: Sequence[Value], actors: ActorIndex) -> pl.DataFrame:
    """One row per value, by its index in ``values`` (``vid``).

    ``label`` is a category's one (resolved) member, or ``holds`` / ``does not hold`` for a
    proposition as asserted; ``figure`` is the single figure a transposition compares
    (``low == high``), else null.
    """
    known = values.known if isinstance(values, Values) else None
    start = 0 if known is None else known.height
    rows: list[tuple[object, ...]] = []
    for vid, value in enumerate(values[start:], start):
        allows = allowed(value, actors.resolve)
        kind: str = value.kind
        lo = hi = figure = None
        axis = label = None
        if allows is None:
            form = NOTHING
        elif isinstance(allows, Spans) and len(allows.parts) == 1:
            form, axis = SPAN, allows.axis
            lo, hi = allows.parts[0]
            low = getattr(value, "low", None)
            if low is not None and low == getattr(value, "high", None):
                figure = lo
        elif isinstance(allows, frozenset) and len(allows) == 1:
            form, label = LABEL, next(iter(allows))
        elif isinstance(allows, bool):
            form, label = TRUTH, "holds" if allows else "does not hold"
        else:
            form = OTHER
        rows.append((vid, kind, form, lo, hi, axis, label, figure))
    table = pl.DataFrame(rows, schema=SCHEMA, orient="row")
    return table if known is None else pl.concat([known, table])
