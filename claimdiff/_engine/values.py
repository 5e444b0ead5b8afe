"""Each distinct value, once: the interval or label it allows, as columns to join back.

A value is decided by the reference algebra (:func:`claimdiff._model.sets.allowed`), never by a
second reading of its own: a single interval becomes its two ends on the axis (days as
ordinals, open sides as infinities), one label or one truth value becomes that label, and
anything else (several intervals, several labels, a type the algebra knows only through its
bounds) is marked ``other``, which sends its group to the reference reconciler.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import overload

import polars as pl

from .._model.actors import ActorIndex
from .._model.sets import Spans, allowed
from .._model.values import Value

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


class Values(Sequence[Value]):
    """Values by ``vid``: first those read in columns, made only when asked for, then ``rest``.

    The reader of the first ones (:func:`claimdiff._engine.texts.read_texts`) gives their
    rows of :func:`value_table` (``known``) and how to make each value (``make``): most
    groups are decided on the table alone, so most of those objects are never needed.
    """

    __slots__ = ("_made", "_make", "_rest", "known")

    def __init__(
        self, known: pl.DataFrame, make: Callable[[int], Value], rest: Iterable[Value]
    ) -> None:
        self.known = known
        self._make = make
        self._made: dict[int, Value] = {}  # one object per value, however often asked for
        self._rest = list(rest)

    def __len__(self) -> int:
        return self.known.height + len(self._rest)

    def plus(self, more: Iterable[Value]) -> Values:
        """These values followed by ``more``; the objects made so far are shared."""
        joined = Values(self.known, self._make, [*self._rest, *more])
        joined._made = self._made
        return joined

    @overload
    def __getitem__(self, index: int) -> Value: ...

    @overload
    def __getitem__(self, index: slice) -> list[Value]: ...

    def __getitem__(self, index: int | slice) -> Value | list[Value]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        made = self.known.height
        if index >= made:
            return self._rest[index - made]
        value = self._made.get(index)
        if value is None:
            value = self._made[index] = self._make(index)
        return value


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
