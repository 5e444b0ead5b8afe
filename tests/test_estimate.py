"""Estimates per group: the Kidal example under every rule, and laws as properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff import Actor, Category, Claim, DateValue, Quantity, Relay, Unknown
from claimdiff import RULES, Estimate, estimate

ACTORS = [Actor(id="mnla", side="rebels"), Actor(id="government", side="mali"), Actor(id="minusma")]


def kidal() -> list[Claim]:
    """40 by the MNLA via Le Point and via an encyclopedia, 50 by the government via Reuters."""
    return [
        Claim(
            id="lepoint",
            event="kidal",
            measure="killed",
            value=Quantity.exact(40),
            claimant="MNLA",
            via=[Relay(outlet="Le Point")],
        ),
        Claim(
            id="encyclo",
            event="kidal",
            measure="killed",
            value=Quantity.exact(40),
            claimant="mnla",
            via=[Relay(outlet="Le Point"), Relay(outlet="Wikipedia")],
        ),
        Claim(
            id="reuters",
            event="kidal",
            measure="killed",
            value=Quantity.exact(50),
            claimant="government",
            via=[Relay(outlet="Reuters")],
        ),
    ]


def test_median_of_origins_counts_two_origins_not_three() -> None:
    """The MNLA's echo adds no origin: the median is over two origins, the echo set aside."""
    est = estimate(kidal(), actors=ACTORS)
    assert est == Estimate(
        rule="median-of-origins",
        kind="quantity",
        low=40,
        best=40,
        high=50,
        based_on=("lepoint", "reuters"),
        set_aside=(("encyclo", "echo of origin mnla"),),
        reason="40 is the median of 2 independent origins (echoes count once); "
        "low and high are the lowest and highest of their figures.",
    )


def test_conservative_gives_the_lowest_figure() -> None:
    """ACLED's rule picks 40 and keeps 50 as the high end."""
    est = estimate(kidal(), rule="conservative", actors=ACTORS)
    assert est is not None
    assert (40, 40, 50) == (est.low, est.best, est.high)


def test_third_party_first_falls_back_and_says_so() -> None:
    """No third party reported a figure, so every origin counts and the reason says it."""
    est = estimate(kidal(), rule="third-party-first", actors=ACTORS)
    assert est is not None
    assert est.best == 40
    assert "all parties to the conflict" in est.reason


def test_third_party_first_sets_parties_aside() -> None:
    """With a UN figure present, the parties' claims are set aside as parties."""
    un = Claim(
        id="un", event="kidal", measure="killed", value=Quantity.exact(45), claimant="MINUSMA"
    )
    est = estimate([*kidal(), un], rule="third-party-first", actors=ACTORS)
    assert est is not None
    assert (est.best, est.based_on) == (45, ("un",))
    assert ("reuters", "party to the conflict (mali)") in est.set_aside


def test_weighted_follows_the_heavier_source() -> None:
    """A mapping of weights moves the weighted median to the trusted origin."""
    est = estimate(
        kidal(), rule="weighted", actors=ACTORS, reliability={"government": 3.0, "mnla": 1.0}
    )
    assert est is not None
    assert est.best == 50


def test_unknown_and_open_values_are_set_aside() -> None:
    """An unknown value and a value open on both sides carry no point."""
    claims = [
        Claim(id="a", event="e", measure="killed", value=Quantity.exact(10), claimant="x"),
        Claim(id="b", event="e", measure="killed", value=Unknown(), claimant="y"),
        Claim(
            id="c", event="e", measure="killed", value=Quantity(low=None, high=None), claimant="z"
        ),
        Claim(id="d", event="e", measure="killed", value=Quantity(low=30, high=None), claimant="w"),
    ]
    est = estimate(claims)
    assert est is not None
    assert est.set_aside == (("b", "unknown value"), ("c", "open-ended bound"))
    assert (est.low, est.best, est.high) == (10, 10, 30)


def test_nothing_informative_gives_none() -> None:
    """Only unknowns: no estimate."""
    claims = [Claim(id="a", event="e", measure="killed", value=Unknown(), claimant="x")]
    assert estimate(claims) is None


def test_dates_estimate_days() -> None:
    """Dates are estimated on day ordinals and come back as days."""
    days = [dt.date(2014, 5, 17), dt.date(2014, 5, 21), dt.date(2014, 5, 18)]
    claims = [
        Claim(id=str(i), event="e", measure="date", value=DateValue.day(d), claimant=str(i))
        for i, d in enumerate(days)
    ]
    est = estimate(claims)
    assert est is not None
    assert (est.low, est.best, est.high) == (days[0], days[2], days[1])


def test_categories_take_the_plurality_of_origins() -> None:
    """A label repeated by one origin's echoes still counts once."""
    claims = [
        Claim(
            id="a",
            event="e",
            measure="controller",
            value=Category(members={"mnla"}),
            claimant="mnla",
            via=[Relay(outlet="x")],
        ),
        Claim(
            id="b",
            event="e",
            measure="controller",
            value=Category(members={"mnla"}),
            claimant="mnla",
            via=[Relay(outlet="y")],
        ),
        Claim(
            id="c", event="e", measure="controller", value=Category(members={"fama"}), claimant="un"
        ),
        Claim(
            id="d",
            event="e",
            measure="controller",
            value=Category(members={"fama"}),
            claimant="hrw",
        ),
    ]
    est = estimate(claims)
    assert est is not None
    assert (est.best, est.low, est.high) == ("fama", None, None)


def test_a_custom_rule_is_a_callable() -> None:
    """Any callable taking a ballot is a rule."""
    est = estimate(kidal(), rule=lambda ballot: None)
    assert est is None


figures = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", "d", "e"]), st.integers(min_value=0, max_value=500)),
    min_size=1,
    max_size=8,
)


def _claims(pairs: list[tuple[str, int]]) -> list[Claim]:
    return [
        Claim(id=f"c{i}", event="e", measure="killed", value=Quantity.exact(n), claimant=s)
        for i, (s, n) in enumerate(pairs)
    ]


@pytest.mark.parametrize("rule", sorted(RULES))
@given(pairs=figures, data=st.data())
def test_estimates_do_not_depend_on_claim_order(
    rule: str, pairs: list[tuple[str, int]], data: st.DataObject
) -> None:
    """Shuffling the claims never changes the estimate."""
    claims = _claims(pairs)
    shuffled = data.draw(st.permutations(claims))
    assert estimate(claims, rule=rule) == estimate(shuffled, rule=rule)


@pytest.mark.parametrize("rule", sorted(RULES))
@given(pairs=figures)
def test_low_best_high_are_ordered(rule: str, pairs: list[tuple[str, int]]) -> None:
    """low <= best <= high under every rule."""
    est = estimate(_claims(pairs), rule=rule)
    assert est is not None
    assert est.low is not None
    assert est.high is not None
    assert est.low <= est.best <= est.high  # type: ignore[operator]


@given(pairs=figures, pick=st.integers(min_value=0), outlet=st.text(min_size=1, max_size=5))
def test_another_relay_of_the_same_origin_changes_nothing(
    pairs: list[tuple[str, int]], pick: int, outlet: str
) -> None:
    """Duplicating a claim through another relay never moves median-of-origins."""
    claims = _claims(pairs)
    original = claims[pick % len(claims)]
    echo = Claim(
        id="echo",
        event="e",
        measure="killed",
        value=original.value,
        claimant=original.claimant,
        via=[Relay(outlet=outlet)],
    )
    before, after = estimate(claims), estimate([*claims, echo])
    assert before is not None
    assert after is not None
    assert (before.low, before.best, before.high) == (after.low, after.best, after.high)
