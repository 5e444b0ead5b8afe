"""Contradicting groups decided in columns: camps, pair counts, gaps and contradicting claims.

A group that goes to the reference reconciler *only* because it contradicts (its claims are
single intervals on one axis, or single labels, or truth values; one informative claim per
origin; no denial, no value of several options, no scope open at its end) is decided here
for every such group at once, by the reference's own rules (:mod:`claimdiff._reconciler.clashes`,
:func:`claimdiff._reconciler.reconcile._camps`), as polars expressions:

* **pairs**: claim ``i`` lies below claim ``j`` when ``high(i) < low(j)``; a group's pair count
  is, over its claims, the number of lower ends above each upper end (one sort of both ends);
* **rounding**: where the figures as written contradict, each distinct figure is widened once
  by the rounding policy (a Python call per distinct value, the policy's own) and the pairs
  counted again; the widened claims are taken when they contradict less, as the reconciler
  takes them;
* **camps**: the greedy sweep of :func:`claimdiff._reconciler.reconcile._interval_camps` (each
camp's point
  is the smallest upper end among the intervals whose lower end lies beyond the last point),
  one round of a ``group_by`` per camp for every group at once; labels by how many claims
  share them, then by name; a truth value "holds" before "does not hold";
* **gap**: for each upper claim, the lowest figure as written among the claims below it
  (a cumulative minimum over both ends sorted), ranked by relative gap then gap, the furthest
  kept.

What cannot be said exactly this way goes to the reference reconciler, never to a second
approximate copy: a group whose figures are negative (its distances do not shrink with the
lower end), whose widened figure does not contain the figure as written, whose widened
figures stop contradicting, whose furthest gap is reached by two different pairs, or that
needs more than :data:`MAX_ROUNDS` camps. The property in ``tests/engine/test_columnar_clashes.py``
holds every decided group equal to the reference's, on generated groups of every kind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

import polars as pl

from .._model.sets import INF
from .._model.values import Quantity, Value
from .read import KEY
from .values import LABEL, NOTHING, SPAN, TRUTH

#: Camps found in columns for a group at most: a group with more (thousands of distinct
#: figures, each a camp) is swept by the reference, which does it in one pass.
MAX_ROUNDS: Final = 16

_GID: Final = "gid"
_CAMPS: Final = {_GID: pl.UInt32, "id": pl.String, "camp": pl.Int32}


def plain_but_contradicting() -> pl.Expr:
    """Whether a group (a row of :func:`claimdiff._engine.groups.decide`'s aggregates)
    goes to the reference only because it may contradict: one kind, one axis, no denial, no
    value of several options, one informative claim per origin, no scope open at its end."""
    return ~(
        (pl.col("kinds") > 1)
        | pl.col("other")
        | pl.col("denied")
        | (pl.col("axes") > 1)
        | (pl.col("informative") > pl.col("informative_origins"))
        | pl.col("as_of").str.ends_with("/..")
    ).fill_null(True) & pl.col("form").is_in([SPAN, LABEL, TRUTH])


def _pair_count(claims: pl.DataFrame, lo: str, hi: str) -> pl.DataFrame:
    """Per ``gid``, the number of pairs ``(i, j)`` with ``hi(i) < lo(j)``: each upper end
    meets the lower ends above it, both ends sorted downwards (an upper end before an equal
    lower end, which does not lie above it)."""
    ends = pl.concat(
        [
            claims.select(_GID, pl.col(lo).alias("at"), pl.lit(1, pl.Int64).alias("low")),
            claims.select(_GID, pl.col(hi).alias("at"), pl.lit(0, pl.Int64).alias("low")),
        ]
    ).sort(_GID, "at", "low", descending=[False, True, False])
    return (
        ends.with_columns(pl.col("low").cum_sum().over(_GID).alias("above"))
        .filter(pl.col("low") == 0)
        .group_by(_GID)
        .agg(pl.col("above").sum().alias("pairs"))
    )


def _camps(claims: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Each claim's camp by the sweep, and the groups that need more than
    :data:`MAX_ROUNDS` camps (``gid`` only)."""
    left = claims.select(_GID, "id", "clo", "chi")
    placed = []
    for camp in range(MAX_ROUNDS):
        if left.height == 0:
            break
        points = left.group_by(_GID).agg(
            pl.when(pl.col("chi").min() == INF)
            # Every one left is open above: they all hold the largest lower end.
            .then(pl.col("clo").max())
            .otherwise(pl.col("chi").min())
            .alias("point")
        )
        left = left.join(points, on=_GID)
        inside = pl.col("clo") <= pl.col("point")
        placed.append(left.filter(inside).select(_GID, "id", pl.lit(camp, pl.Int32).alias("camp")))
        left = left.filter(~inside).drop("point")
    camps = pl.concat(placed) if placed else pl.DataFrame(schema=_CAMPS)
    return camps, left.select(_GID).unique()


def decide_clashes(
    rows: pl.DataFrame,
    groups: pl.DataFrame,
    values: Sequence[Value],
    rounding: Callable[[Quantity], tuple[float, float] | None],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The contradicting groups decided in columns.

    Args:
        rows: the claims joined with their values (:func:`.groups.decide`'s first frame).
        groups: the groups' aggregates, with ``reference`` set for those the columns of
            :func:`.groups.decide` do not decide.
        values: the values by ``vid`` (the rounding policy reads each distinct figure once).
        rounding: the rounding policy.

    Returns:
        One row per group decided (its key, ``pairs``, ``first`` contradicting claim, the
        gap's ``gap_low`` and ``gap_high`` as written, ``rounded``, ``labels`` asserted) and
        one row per informative claim of those groups (key, ``id``, ``vid``, ``origin``,
        ``camp``, ``contradicts``, ``widened``, the camp's consensus ends ``camp_lo`` and
        ``camp_hi`` as the reconciler widens and cuts them).
    """
    wanted = (
        groups.filter(pl.col("reference") & plain_but_contradicting())
        .select(*KEY, "kind", "form", "axis")
        .with_row_index(_GID)
    )
    claims = (
        rows.join(wanted.select(*KEY, _GID), on=list(KEY), how="inner", nulls_equal=True)
        .filter(pl.col("form") != NOTHING)
        .select(_GID, "id", "vid", "origin", "form", "lo", "hi", "label")
    )
    spans = _span_groups(claims.filter(pl.col("form") == SPAN), wanted, values, rounding)
    labels = _label_groups(claims.filter(pl.col("form") != SPAN))
    decided_claims = pl.concat([spans[1], labels[1]], how="diagonal_relaxed")
    decided = pl.concat([spans[0], labels[0]], how="diagonal_relaxed")
    decided = wanted.join(decided, on=_GID, how="inner").drop(_GID).sort(KEY)
    members = decided_claims.join(wanted.select(_GID, *KEY), on=_GID).drop(_GID).sort(*KEY, "id")
    return decided, members


def _span_groups(
    claims: pl.DataFrame,
    wanted: pl.DataFrame,
    values: Sequence[Value],
    rounding: Callable[[Quantity], tuple[float, float] | None],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Groups of single intervals: see the module's docstring."""
    quantity = wanted.filter(pl.col("kind") == "quantity").select(_GID)
    claims = claims.join(wanted.select(_GID, (pl.col("axis") == "date").alias("dated")), on=_GID)
    # Each distinct figure of a quantity group widened once, by the policy itself.
    vids = claims.join(quantity, on=_GID, how="semi")["vid"].unique().sort()
    widths: list[tuple[int, float | None, float | None]] = []
    for vid in vids:
        value = values[vid]
        span = rounding(value) if isinstance(value, Quantity) else None
        widths.append((vid, None, None) if span is None else (vid, float(span[0]), float(span[1])))
    widened = pl.DataFrame(
        widths, schema={"vid": pl.UInt32, "wlo": pl.Float64, "whi": pl.Float64}, orient="row"
    )
    claims = claims.join(widened, on="vid", how="left").with_columns(
        pl.col("wlo").is_not_null().alias("widened"),
        pl.col("wlo").fill_null(pl.col("lo")),
        pl.col("whi").fill_null(pl.col("hi")),
    )
    raw = _pair_count(claims, "lo", "hi")
    wide = _pair_count(claims.join(quantity, on=_GID, how="semi"), "wlo", "whi").rename(
        {"pairs": "wide_pairs"}
    )
    counted = raw.join(wide, on=_GID, how="left").with_columns(
        (pl.col("wide_pairs") < pl.col("pairs")).fill_null(False).alias("rounded")
    )
    # Out of the columns' reach, to the reference: negative figures (a pair's distance then
    # does not shrink as the lower figure grows), a widening that leaves the figure as
    # written, widened figures that no longer contradict.
    refused = (
        claims.group_by(_GID)
        .agg(
            ((pl.col("hi") < 0) & ~pl.col("dated")).any().alias("negative"),
            ((pl.col("wlo") > pl.col("lo")) | (pl.col("whi") < pl.col("hi"))).any().alias("out"),
        )
        .join(counted, on=_GID)
        .filter(
            pl.col("negative") | (pl.col("rounded") & (pl.col("out") | (pl.col("wide_pairs") == 0)))
        )
        .select(_GID)
    )
    counted = counted.join(refused, on=_GID, how="anti").select(
        _GID,
        pl.when(pl.col("rounded"))
        .then(pl.col("wide_pairs"))
        .otherwise(pl.col("pairs"))
        .alias("pairs"),
        "rounded",
    )
    claims = claims.join(counted.select(_GID, "rounded"), on=_GID).with_columns(
        pl.when(pl.col("rounded")).then(pl.col("wlo")).otherwise(pl.col("lo")).alias("clo"),
        pl.when(pl.col("rounded")).then(pl.col("whi")).otherwise(pl.col("hi")).alias("chi"),
    )
    camps, crowded = _camps(claims)
    claims = claims.join(crowded, on=_GID, how="anti").join(camps, on=["gid", "id"])
    # The furthest pair: for each claim, the lowest upper end as written among the claims
    # below it (widened ends compared; an upper end after an equal lower end).
    ends = pl.concat(
        [
            claims.select(
                _GID,
                pl.col("clo").alias("at"),
                pl.lit(0, pl.Int64).alias("upper"),
                pl.lit(INF).alias("figure"),
                pl.col("lo").alias("top"),
            ),
            claims.select(
                _GID,
                pl.col("chi").alias("at"),
                pl.lit(1, pl.Int64).alias("upper"),
                pl.col("hi").alias("figure"),
                pl.lit(None, pl.Float64).alias("top"),
            ),
        ]
    ).sort(_GID, "at", "upper")
    low, high = pl.col("low"), pl.col("top")
    scale = pl.max_horizontal(low.abs(), high.abs())
    pairs = (
        ends.with_columns(pl.col("figure").cum_min().over(_GID).alias("low"))
        .filter((pl.col("upper") == 0) & (pl.col("low") < INF))
        .join(claims.select(_GID, "dated").unique(), on=_GID)
        .select(
            _GID,
            low,
            high,
            (high - low).alias("gap"),
            pl.when(pl.col("dated") | (scale == 0))
            .then(pl.lit(0.0))
            .otherwise((high - low) / scale)
            .alias("relative"),
        )
    )
    # Furthest: the largest relative gap, then the largest gap.
    best = pairs.filter(pl.col("relative") == pl.col("relative").max().over(_GID))
    best = best.filter(pl.col("gap") == pl.col("gap").max().over(_GID))
    # Two different pairs equally far apart: which one the reference names depends on its
    # order of comparison, so it says.
    gaps = best.group_by(_GID).agg(
        pl.struct("low", "top").n_unique().alias("tied"),
        pl.col("low").first().alias("gap_low"),
        pl.col("top").first().alias("gap_high"),
    )
    claims = claims.join(gaps.filter(pl.col("tied") > 1).select(_GID), on=_GID, how="anti")
    bounds = claims.group_by(_GID).agg(
        pl.col("clo").max().alias("top_low"), pl.col("chi").min().alias("bottom_high")
    )
    claims = claims.join(bounds, on=_GID).with_columns(
        ((pl.col("clo") > pl.col("bottom_high")) | (pl.col("chi") < pl.col("top_low"))).alias(
            "contradicts"
        )
    )
    # Each camp's consensus: what all its claims allow; where figures were widened, cut to
    # the figures as written (as ``_within_stated`` cuts it).
    camp_ends = claims.group_by(_GID, "camp").agg(
        pl.col("clo").max().alias("camp_lo"),
        pl.col("chi").min().alias("camp_hi"),
        pl.col("lo").min().alias("stated_lo"),
        pl.col("hi").max().alias("stated_hi"),
    )
    claims = claims.join(camp_ends, on=[_GID, "camp"])
    decided = (
        claims.group_by(_GID)
        .agg(
            pl.col("id").filter(pl.col("contradicts")).min().alias("first"),
            pl.col("rounded").first(),
        )
        .join(counted.select(_GID, "pairs"), on=_GID)
        .join(gaps.select(_GID, "gap_low", "gap_high"), on=_GID)
    )
    members = claims.select(
        _GID,
        "id",
        "vid",
        "origin",
        "camp",
        "contradicts",
        "widened",
        "camp_lo",
        "camp_hi",
        "stated_lo",
        "stated_hi",
    )
    return decided, members


def _label_groups(claims: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Groups of single labels or truth values: a camp per label, the most shared first
    (then by name); "holds" before "does not hold". Every claim is in some pair."""
    counts = claims.group_by(_GID, "label").agg(
        pl.len().cast(pl.Int64).alias("n"), pl.col("form").first()
    )
    ranked = counts.sort(
        _GID,
        pl.when(pl.col("form") == TRUTH).then(pl.col("label") != "holds").otherwise(False),
        pl.when(pl.col("form") == TRUTH).then(0).otherwise(-pl.col("n")),
        "label",
    ).with_columns(pl.int_range(pl.len()).over(_GID).cast(pl.Int32).alias("camp"))
    decided = ranked.group_by(_GID).agg(
        ((pl.col("n").sum() ** 2 - (pl.col("n") ** 2).sum()) // 2).cast(pl.Int64).alias("pairs"),
        pl.col("label").sort().alias("labels"),
    )
    members = claims.join(ranked.select(_GID, "label", "camp"), on=[_GID, "label"]).select(
        _GID, "id", "vid", "origin", "camp", "label", pl.lit(True).alias("contradicts")
    )
    first = members.group_by(_GID).agg(pl.col("id").min().alias("first"))
    return decided.join(first, on=_GID).with_columns(pl.lit(False).alias("rounded")), members
