"""Each claim's independent origin, in columns: the reference rule, one name at a time.

:func:`claimdiff._model.origins.origin_of` says a claim's origin is the actor its claimant speaks
for, else the one its first relay's outlet speaks for, else its document, else the claim
itself. Asked per claim (or per distinct claimant, chain and document), it builds a
:class:`~claimdiff.Claim` each time; here the order of those fields is a polars
``when``/``then`` chain, and the one part that needs the actors (a name's aliases and the
``speaks_for`` links, :meth:`claimdiff._model.actors.ActorIndex.origin`) is asked once per distinct
name, not at all when no actor is declared (every name is then its own origin). A property
in ``tests/engine/test_columnar_origins.py`` checks the result against ``origin_of`` on every
triple of generated claims, aliases and spokespeople included.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from .._loader.convert import relay_from_text
from .._model.actors import ActorIndex
from .._model.claims import Relay

#: The placeholder claim id of a claim with no claimant, relay or document: its origin is
#: then the claim's own id, which the caller puts in place of this one.
PLACEHOLDER: Final = "\x00"
NO_ORIGIN: Final = f"claim:{PLACEHOLDER}"


def origins(
    rows: pl.DataFrame, actors: ActorIndex, chains: dict[str, tuple[Relay, ...]]
) -> pl.DataFrame:
    """Each distinct (``claimant``, ``via``, ``document``) of ``rows`` with its ``origin``.

    Args:
        rows: claims with the text columns ``claimant``, ``via`` (a chain ``"A > B [2]"``)
            and ``document``, nulls where absent.
        actors: the dataset's actors.
        chains: filled with each distinct chain's relays, read once each.

    Returns:
        One row per distinct triple. A chain with a link that names no outlet is not in
        ``chains``: its lines are the reference loader's to read (it notes a finding).
    """
    links: dict[str, Relay] = {}  # a few outlets relay most claims: each link read once
    for via in rows["via"].drop_nulls().unique():
        try:
            chains[via] = tuple(
                links[part] if part in links else links.setdefault(part, relay_from_text(part))
                for part in via.split(">")
            )
        except TypeError:
            continue  # a link without an outlet: its lines are the reference loader's to read
    triples = rows.select("claimant", "via", "document").unique()
    first = pl.DataFrame(
        {"via": list(chains), "outlet": [chain[0].outlet for chain in chains.values()]},
        schema={"via": pl.String, "outlet": pl.String},
    )
    triples = triples.join(first, on="via", how="left")
    claimant, outlet = pl.col("claimant"), pl.col("outlet")
    names = pl.concat([triples["claimant"], triples["outlet"]]).drop_nulls().unique()
    if actors.actors and names.len():  # aliases and spokespeople: each distinct name once
        resolved = {name: actors.origin(name) for name in names}
        claimant = claimant.replace_strict(resolved, default=None, return_dtype=pl.String)
        outlet = outlet.replace_strict(resolved, default=None, return_dtype=pl.String)
    origin = (
        # A field counts when it is given and not empty, as ``if claim.claimant:`` reads it.
        pl.when(pl.col("claimant").is_not_null() & (pl.col("claimant") != ""))
        .then(claimant)
        .when(pl.col("via").is_not_null())
        .then(outlet)
        .when(pl.col("document").is_not_null() & (pl.col("document") != ""))
        .then(pl.lit("document:") + pl.col("document"))
        .otherwise(pl.lit(NO_ORIGIN))
    )
    return triples.select("claimant", "via", "document", origin.alias("origin"))
