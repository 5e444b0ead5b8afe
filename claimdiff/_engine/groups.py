"""Verdicts, ranges and consensus per group, decided in columns where the rule is plain.

A group of single intervals is compatible exactly when ``max(low) <= min(high)``: then it has
one camp, no contradicting pair, the range of its intervals and their intersection as its
consensus, which is what :class:`claimdiff._reconciler.reconcile.Reconciler` finds for it. A group
of one label (or one truth value) is the same on labels. Every other group goes to the reference
reconciler, claim by claim: which ones is :func:`needs_reference`, the one place to extend.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Final, NamedTuple, cast

import polars as pl

from .._model.actors import ActorIndex
from .._model.claims import Claim
from .._model.values import Unknown, Value
from .._reconciler.reconcile import Figures, find_transpositions, group_figures
from .._reconciler.report import Group, GroupKey, Transposition
from .read import KEY
from .values import LABEL, NOTHING, OTHER, SPAN, TRUTH

_INFORMATIVE: Final = pl.col("form") != NOTHING


def needs_reference() -> pl.Expr:
    """Whether a group (a row of :func:`decide`'s aggregates) is reconciled claim by claim.

    The columns decide only groups that cannot contradict and whose every rule is the
    plain one; the reference reconciler decides, and words, the rest:

    * values of several kinds (the reference notes a ``mixed-kinds`` finding);
    * a value of several intervals or several labels (``40 or 50``, ``MNLA or HCUA``);
    * a denial (of a figure, a date or a label: a complement to cut from the consensus);
    * values on two axes;
    * a contradiction (whose pairs, camps and wording need the claims);
    * an origin with several informative claims in the group: how one origin's claims
      count (revisions of a tally, spokespeople) is the reference's to say;
    * a scope open at its end ("since July 2014"): how far it holds is the latest day its
      claims were stated, which the reference reads.
    """
    return (
        (pl.col("kinds") > 1)
        | pl.col("other")
        | pl.col("denied")
        | (pl.col("axes") > 1)
        | (pl.col("form").is_in([SPAN]) & (pl.col("lo_max") > pl.col("hi_min")))
        | (pl.col("form").is_in([LABEL, TRUTH]) & (pl.col("labels") > 1))
        | (pl.col("informative") > pl.col("informative_origins"))
        | pl.col("as_of").str.ends_with("/..")
    )


def decide(frame: pl.DataFrame, values: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The claims joined with their values, and one row per group sorted by key with its
    aggregates, ``verdict`` (for groups decided here) and ``reference`` (the others)."""
    rows = frame.join(values, on="vid", how="left").with_columns(
        # Denying a proposition asserts its negation (as the reference prepares it).
        pl.when((pl.col("form") == TRUTH) & ~pl.col("asserts"))
        .then(
            pl.when(pl.col("label") == "holds")
            .then(pl.lit("does not hold"))
            .otherwise(pl.lit("holds"))
        )
        .otherwise(pl.col("label"))
        .alias("label"),
        (~pl.col("asserts") & (pl.col("form") != TRUTH) & _INFORMATIVE).alias("denial"),
    )
    lo, hi = pl.col("lo"), pl.col("hi")
    groups = (
        rows.group_by(KEY)
        .agg(
            pl.len().alias("claims"),
            pl.col("origin").n_unique().alias("origins"),
            pl.col("kind").filter(_INFORMATIVE).n_unique().alias("kinds"),
            pl.col("kind").filter(_INFORMATIVE).min().alias("kind"),
            pl.col("form").filter(_INFORMATIVE).min().alias("form"),
            (pl.col("form") == OTHER).any().alias("other"),
            pl.col("denial").any().alias("denied"),
            _INFORMATIVE.sum().alias("informative"),
            pl.col("origin").filter(_INFORMATIVE).n_unique().alias("informative_origins"),
            pl.col("axis").drop_nulls().n_unique().alias("axes"),
            pl.col("axis").drop_nulls().min().alias("axis"),
            pl.col("label").filter(_INFORMATIVE).n_unique().alias("labels"),
            pl.col("label").filter(_INFORMATIVE).min().alias("label"),
            lo.min().alias("lo_min"),
            lo.max().alias("lo_max"),
            hi.min().alias("hi_min"),
            hi.max().alias("hi_max"),
            pl.min_horizontal(
                lo.filter(lo.is_finite()).min(), hi.filter(hi.is_finite()).min()
            ).alias("finite_min"),
            pl.max_horizontal(
                lo.filter(lo.is_finite()).max(), hi.filter(hi.is_finite()).max()
            ).alias("finite_max"),
        )
        .with_columns(
            pl.col("kind").fill_null(Unknown.kind),
            pl.when(pl.col("informative_origins") >= 2)
            .then(pl.lit("agreement"))
            .when(pl.col("informative_origins") == 1)
            .then(pl.lit("single"))
            .otherwise(pl.lit("unknown"))
            .alias("verdict"),
        )
        .with_columns(needs_reference().fill_null(False).alias("reference"))
        .sort(KEY)
    )
    return rows, groups


def _as_float(figure: Any) -> float:
    """A figure as a float, one too large for a float as an infinity of its sign: figures
    equal as numbers stay equal."""
    try:
        return float(figure)
    except OverflowError:
        return math.inf if figure > 0 else -math.inf


class _Keyed(NamedTuple):
    """What :func:`claimdiff._reconciler.reconcile.find_transpositions` reads of a group: key and
    kind."""

    key: GroupKey
    kind: str


def transpositions(
    rows: pl.DataFrame,
    groups: pl.DataFrame,
    built: Mapping[GroupKey, Group],
    claims: Mapping[str, Claim],
    values: Sequence[Value],
    actors: ActorIndex,
) -> list[Transposition]:
    """The report's transpositions: each origin's single figure per quantity group found in
    columns (or by the reference, for the groups it ``built``), compared by the reference."""
    base = ["event", "party", "place", "as_of"]
    quantity = groups.filter(pl.col("kind") == "quantity").select(*KEY, "reference")
    # A swap needs two origins that each assert something in two quantity groups of one
    # event, party, place and scope: only such bases are compared, in the report's order.
    compared = (
        rows.filter(pl.col("asserts"))
        .join(quantity, on=list(KEY), how="semi")
        .select(*base, "measure", "origin")
        .unique()
        .group_by(*base, "origin")
        .len()
        .filter(pl.col("len") >= 2)
        .group_by(base)
        .len()
        .filter(pl.col("len") >= 2)
        .select(base)
    )
    candidates = quantity.join(compared, on=base, how="semi", nulls_equal=True).sort(KEY)
    if candidates.height == 0:
        return []
    figures: dict[GroupKey, Figures] = defaultdict(dict)
    plain = candidates.filter(~pl.col("reference")).select(KEY)
    found = (
        rows.join(plain, on=list(KEY), how="semi")
        .filter(pl.col("asserts") & pl.col("figure").is_not_null())
        .group_by(*KEY, "origin")
        .agg(
            pl.col("figure").n_unique().alias("figures"),
            pl.col("id").min().alias("first"),
            pl.col("vid").sort_by("id").first().alias("vid"),
        )
        .filter(pl.col("figures") == 1)
    )
    lows: dict[int, Any] = {}  # few distinct figures among many origins: each made once
    for vid in found["vid"].unique().to_list():
        lows[vid] = cast(Any, values[vid]).low
    # Only bases where a swap may lie are compared (by the reference, as ever): those with a
    # group the reference built, and those where one origin's figures for two measures are
    # (x, y) and another's (y, x). Figures meet here as floats: figures equal as numbers
    # are equal floats, so no swap is missed; a base kept in vain only costs a comparison.
    figured = found.join(
        pl.DataFrame(
            {"vid": list(lows), "low": [_as_float(low) for low in lows.values()]},
            schema={"vid": pl.UInt32, "low": pl.Float64},
        ),
        on="vid",
    ).select(*base, "measure", "origin", "low")
    pairs = (
        figured.join(figured, on=[*base, "origin"], suffix="_2", nulls_equal=True)
        .filter((pl.col("measure") < pl.col("measure_2")) & (pl.col("low") != pl.col("low_2")))
        .select(*base, "measure", "measure_2", "low", "low_2")
        .unique()
    )
    swapped = pairs.join(
        pairs,
        left_on=[*base, "measure", "measure_2", "low", "low_2"],
        right_on=[*base, "measure", "measure_2", "low_2", "low"],
        how="semi",
        nulls_equal=True,
    )
    bases = pl.concat(
        [swapped.select(base), candidates.filter(pl.col("reference")).select(base)]
    ).unique()
    candidates = candidates.join(bases, on=base, how="semi", nulls_equal=True).sort(KEY)
    found = found.join(bases, on=base, how="semi", nulls_equal=True)
    keys: dict[tuple[str, ...], GroupKey] = {}  # and a key per group, not per origin

    def key_of(fields: tuple[str, ...]) -> GroupKey:
        group_key = keys.get(fields)
        if group_key is None:
            group_key = keys[fields] = GroupKey(**dict(zip(KEY, fields, strict=True)))
        return group_key

    for *key, origin, _, first, vid in found.iter_rows():
        figures[key_of(tuple(key))][origin] = (first, lows[vid])
    keyed: list[_Keyed | Group] = []
    for *key, reference in candidates.iter_rows():
        group_key = key_of(tuple(key))
        if reference:
            group = built[group_key]
            figures[group_key] = group_figures(group, claims)
            keyed.append(group)
        else:
            figures.setdefault(group_key, {})
            keyed.append(_Keyed(group_key, "quantity"))
    return find_transpositions(cast(Sequence[Group], keyed), {}, actors, figures=figures)
