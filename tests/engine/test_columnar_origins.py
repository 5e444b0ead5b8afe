"""The engine's origins in columns equal the reference rule (``origin_of``) on every distinct
claimant, relay chain and document, aliases and spokespeople included."""

from __future__ import annotations

import polars as pl
from hypothesis import assume, given
from hypothesis import strategies as st

from claimdiff import Actor, ActorIndex, Claim, Unknown
from claimdiff._engine.origins import NO_ORIGIN, PLACEHOLDER, origins
from claimdiff._model.actors import MemoIndex
from claimdiff._model.origins import origin_of

# A few names, so that claimants, outlets, aliases and spokespeople meet.
_NAMES = ["FAMa", "fama", "Army", "Government", "Spokesman", "Reuters", "AFP", "Goïta", "Goita"]
_IDS = ["army", "government", "spokesman", "reuters"]
_OPTIONAL_NAME = st.one_of(st.none(), st.just(""), st.sampled_from(_NAMES))


@st.composite
def _actors(draw: st.DrawFn) -> ActorIndex:
    ids = draw(st.lists(st.sampled_from(_IDS), unique=True, max_size=4))
    declared = [
        Actor(
            id=actor_id,
            name=draw(st.sampled_from(_NAMES)),
            aliases=tuple(draw(st.lists(st.sampled_from(_NAMES), max_size=2))),
            speaks_for=draw(st.one_of(st.none(), st.sampled_from(_IDS))),
        )
        for actor_id in ids
    ]
    try:
        return MemoIndex.of(ActorIndex.build(declared))
    except ValueError:  # one name declared for two actors: no dataset to compare on
        assume(False)
        raise


_LINK = st.builds(
    lambda name, ref: f"{name}{ref}",
    st.sampled_from(_NAMES),
    st.sampled_from(["", " [2]", "[a]", " "]),
)
_CHAINS = st.one_of(st.none(), st.lists(_LINK, min_size=1, max_size=3).map(" > ".join))


@given(
    st.lists(st.tuples(_OPTIONAL_NAME, _CHAINS, _OPTIONAL_NAME), min_size=1, max_size=20),
    _actors(),
)
def test_origins_in_columns_equal_the_reference_rule(
    triples: list[tuple[str | None, str | None, str | None]], actors: ActorIndex
) -> None:
    """Each distinct triple's origin is what ``origin_of`` gives a claim with those fields."""
    rows = pl.DataFrame(
        triples,
        schema={"claimant": pl.String, "via": pl.String, "document": pl.String},
        orient="row",
    )
    chains: dict[str, tuple] = {}  # type: ignore[type-arg]  # relays, as origins() fills it
    found = origins(rows, actors, chains)
    actual = {(c, v, d): o for c, v, d, o in found.iter_rows()}
    expected = {
        (c, v, d): origin_of(
            Claim(
                id=PLACEHOLDER,
                event="",
                measure="",
                value=Unknown(),
                claimant=c,
                via=() if v is None else chains[v],
                document=d,
            ),
            actors,
        )
        for c, v, d in set(triples)
    }
    assert expected == actual


def test_a_claim_with_no_claimant_relay_or_document_is_its_own_origin() -> None:
    """With nothing to trace, the origin is the placeholder the caller replaces with the id."""
    rows = pl.DataFrame(
        {"claimant": [""], "via": [None], "document": [""]},
        schema={"claimant": pl.String, "via": pl.String, "document": pl.String},
    )
    found = origins(rows, MemoIndex.of(ActorIndex.build(())), {})
    assert [NO_ORIGIN] == found["origin"].to_list()


def test_a_chain_link_without_an_outlet_is_left_to_the_reference_loader() -> None:
    """A chain with a link that names no outlet is not among the chains read (its lines are
    the reference loader's, which words the finding); the other chains are."""
    rows = pl.DataFrame(
        {"claimant": [None, None], "via": ["Reuters > [2]", "Reuters"], "document": [None, None]},
        schema={"claimant": pl.String, "via": pl.String, "document": pl.String},
    )
    chains: dict[str, tuple] = {}  # type: ignore[type-arg]  # relays, as origins() fills it
    origins(rows, MemoIndex.of(ActorIndex.build(())), chains)
    assert ["Reuters"] == list(chains)
