"""Estimates per group: the Kidal example under every rule, and laws as properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff import (
    RULES,
    Actor,
    Category,
    Claim,
    DateValue,
    Estimate,
    Quantity,
    Relay,
    Unknown,
    estimate,
    make_converter,
    parse_value,
    reconcile,
)
from claimdiff._curation.describe import estimate_text

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
    """The MNLA's echo adds no origin: two origins split evenly, a tie with no best."""
    est = estimate(kidal(), actors=ACTORS)
    assert est == Estimate(
        rule="median-of-origins",
        kind="quantity",
        low=40,
        best=None,
        high=50,
        based_on=("lepoint", "reuters"),
        set_aside=(("encyclo", "echo of origin mnla"),),
        reason="40 and 50 tie: the 2 independent origins (echoes count once) split evenly "
        "between them, so no figure is best (the conservative rule takes the lower); low and "
        "high are the lowest and highest of their figures.",
        tied=(40, 50),
    )


def test_an_odd_number_of_origins_has_a_median() -> None:
    """A third origin breaks the even split: its figure is the median."""
    un = Claim(
        id="un", event="kidal", measure="killed", value=Quantity.exact(45), claimant="MINUSMA"
    )
    est = estimate([*kidal(), un], actors=ACTORS)
    assert est is not None
    assert ((40, 45, 50), ()) == ((est.low, est.best, est.high), est.tied)


def test_the_group_consensus_under_rounding_holds_the_best() -> None:
    """ "2,500", "2,500" and "2,475" agree on 2,475 in the report, so the best is 2,475."""
    claims = [
        _count("a", "x", Quantity.exact(2500)),
        _count("b", "y", Quantity.exact(2500)),
        _count("c", "z", Quantity.exact(2475)),
    ]
    group = reconcile(claims, estimate="median-of-origins").groups[0]
    assert group.consensus is not None
    assert group.estimate is not None
    assert (2475, 2475, 2475) == (group.consensus.low, group.consensus.high, group.estimate.best)
    assert 2475 == getattr(estimate(claims), "best", None)


def test_an_exact_rounding_policy_leaves_no_consensus_to_hold_the_best() -> None:
    """Reconciled with exact figures the group has no consensus, and the median stands."""
    claims = [
        _count("a", "x", Quantity.exact(2500)),
        _count("b", "y", Quantity.exact(2500)),
        _count("c", "z", Quantity.exact(2475)),
    ]
    group = reconcile(claims, estimate="median-of-origins", rounding="exact").groups[0]
    assert group.consensus is None
    assert group.estimate is not None
    assert 2500 == group.estimate.best


def test_conservative_gives_the_lowest_figure() -> None:
    """ACLED's rule picks 40 and keeps 50 as the high end."""
    est = estimate(kidal(), rule="conservative", actors=ACTORS)
    assert est is not None
    assert (40, 40, 50) == (est.low, est.best, est.high)


def test_third_party_first_falls_back_and_says_so() -> None:
    """No third party reported a figure, so every origin counts and the reason says it."""
    est = estimate(kidal(), rule="third-party-first", actors=ACTORS)
    assert est is not None
    assert (None, (40, 50)) == (est.best, est.tied)
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
        Claim(id="f", event="e", measure="killed", value=Quantity.exact(20), claimant="v"),
    ]
    est = estimate(claims)
    assert est is not None
    assert est.set_aside == (("b", "unknown value"), ("c", "open-ended bound"))
    assert (est.low, est.best, est.high) == (10, 20, 30)


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
    """low <= best <= high under every rule; a tie's two figures lie between them too."""
    est = estimate(_claims(pairs), rule=rule)
    assert est is not None
    assert est.low is not None
    assert est.high is not None
    for figure in (est.best,) if est.best is not None else est.tied:
        assert est.low <= figure <= est.high  # type: ignore[operator]


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


def _count(id_: str, claimant: str, value: Quantity, event: str = "e") -> Claim:
    return Claim(id=id_, event=event, measure="killed", value=value, claimant=claimant)


def test_an_upper_bound_counts_as_its_stated_figure() -> None:
    """ "Up to 8,000" is 8,000 someone gave, not the 4,000 between the count's floor and it."""
    claim = _count("a", "x", parse_value("up to 8,000", "count"))
    est = estimate([claim])
    assert est is not None
    assert (8000, 8000, 8000) == (est.low, est.best, est.high)


def test_only_vague_claims_give_no_best_and_say_so() -> None:
    """ "Hundreds" and "thousands" span 200-19,999 and name no figure, so there is no best."""
    claims = [
        _count("a", "x", parse_value("hundreds", "count")),
        _count("b", "y", parse_value("thousands", "count")),
    ]
    est = estimate(claims)
    assert est is not None
    assert (200, None, 19999) == (est.low, est.best, est.high)
    assert ("a", "b") == est.based_on
    assert est.reason.startswith("Only vague claims ('hundreds'; 'thousands', from x, y)")


def test_a_source_range_is_not_narrowed() -> None:
    """A lone "15,000-17,000" keeps both bounds; its midpoint is the best and says so."""
    est = estimate([_count("a", "x", parse_value("15,000-17,000", "count"))])
    assert est is not None
    assert (15000, 16000, 17000) == (est.low, est.best, est.high)
    assert "16,000 is the middle of a range; no source stated it" in est.reason


def test_a_midpoint_gives_way_to_a_stated_figure_inside_the_range() -> None:
    """The median lands on the midpoint 175 of "150-200"; 160, stated inside it, is taken."""
    claims = [
        _count("a", "x", parse_value("150-200", "count")),
        _count("b", "y", Quantity.exact(160)),
        _count("c", "z", Quantity.exact(300)),
    ]
    est = estimate(claims)
    assert est is not None
    assert (150, 160, 300) == (est.low, est.best, est.high)


def test_the_best_moves_into_the_consensus() -> None:
    """ "About 500", "about 500" and "at least 508" allow 508-550: the median 500 moves to 508."""
    claims = [
        _count("a", "x", parse_value("about 500", "count")),
        _count("b", "y", parse_value("at least 508", "count")),
        _count("c", "z", parse_value("about 500", "count")),
    ]
    est = estimate(claims)
    assert est is not None
    assert 508 == est.best
    assert "500 lies outside what all the claims allow (508\u2013550)" in est.reason


def test_a_tie_that_the_consensus_breaks_has_a_best() -> None:
    """ "About 500" and "at least 508" split evenly, but only 508 lies within 508-550."""
    claims = [
        _count("a", "x", parse_value("about 500", "count")),
        _count("b", "y", parse_value("at least 508", "count")),
    ]
    est = estimate(claims)
    assert est is not None
    assert (508, ()) == (est.best, est.tied)
    assert "only 508 lies within what all the claims allow (508\u2013550)" in est.reason


def test_a_bound_of_the_consensus_is_not_called_the_middle_of_a_range() -> None:
    """ "Up to 8,000" against "hundreds": 1,999 ends what both allow, and is said to be that."""
    claims = [
        _count("a", "x", parse_value("up to 8,000", "count")),
        _count("b", "y", parse_value("hundreds", "count")),
    ]
    est = estimate(claims)
    assert est is not None
    assert 1999 == est.best
    assert "1,999 is an end of what all the claims allow; no source stated it" in est.reason
    assert "middle of a range" not in est.reason


def test_a_tie_between_labels_has_no_best() -> None:
    """Two labels backed by one origin each tie: no best, both listed."""
    claims = [
        Claim(id="a", event="e", measure="c", value=Category(members={"mnla"}), claimant="x"),
        Claim(id="b", event="e", measure="c", value=Category(members={"fama"}), claimant="y"),
    ]
    est = estimate(claims)
    assert est is not None
    assert (None, ("fama", "mnla")) == (est.best, est.tied)
    assert "fama and mnla tie for the most" in est.reason


def test_an_unknown_rule_names_the_rules() -> None:
    """A typo in the rule's name lists the rules there are."""
    with pytest.raises(KeyError) as err:
        estimate(kidal(), rule="median")
    assert (
        "\"no estimation rule 'median'; the rules are conservative, median-of-origins, "
        'third-party-first, weighted"'
    ) == str(err.value)


#: Count values as the parser makes them, with whole bounds: exact, approximate, ranges,
#: one-sided bounds (an upper bound of a count has the floor 0) and vague words.
LEXICON = [(24, 199), (200, 1999), (2000, 19999), (10, None)]


@st.composite
def counts(draw: st.DrawFn) -> Quantity:
    shape = draw(st.sampled_from(["exact", "approximate", "range", "at_least", "at_most", "vague"]))
    n = draw(st.integers(min_value=1, max_value=3000))
    if shape == "exact":
        return Quantity.exact(n)
    if shape == "approximate":
        return Quantity(low=n * 9 // 10, high=-(-n * 11 // 10), nominal=n, qualifier="approximate")
    if shape == "range":
        return Quantity(low=n, high=n + draw(st.integers(1, 500)), qualifier="range")
    if shape == "at_least":
        return Quantity(low=n, high=None, qualifier="at_least")
    if shape == "at_most":
        return Quantity(low=0, high=n, qualifier="at_most")
    low, high = draw(st.sampled_from(LEXICON))
    return Quantity(low=low, high=high, qualifier="vague", text="words")


count_claims = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", "d", "e"]), counts()), min_size=1, max_size=7
).map(lambda pairs: [_count(f"c{i}", s, v) for i, (s, v) in enumerate(pairs)])


def _stated(claims: list[Claim]) -> set[float | int]:
    out: set[float | int] = set()
    for c in claims:
        q = c.value
        assert isinstance(q, Quantity)
        if q.nominal is not None:
            out.add(q.nominal)
        elif q.qualifier == "at_least" and q.low is not None:
            out.add(q.low)
        elif q.qualifier == "at_most" and q.high is not None:
            out.add(q.high)
    return out


@pytest.mark.parametrize("rule", sorted(RULES))
@given(claims=count_claims)
def test_counts_are_whole_and_inside_the_consensus(rule: str, claims: list[Claim]) -> None:
    """A count's best is a whole number, inside the group's consensus when there is one."""
    group = reconcile(claims, estimate=rule).groups[0]
    est = group.estimate
    assert est is not None
    assert est.best is None or isinstance(est.best, int)
    if group.consensus is not None and est.best is not None:
        low, high = group.consensus.low, group.consensus.high
        assert low is None or low <= est.best  # type: ignore[operator]
        assert high is None or est.best <= high  # type: ignore[operator]


@pytest.mark.parametrize("rule", sorted(RULES))
@given(claims=count_claims)
def test_the_best_is_a_stated_figure_where_one_serves(rule: str, claims: list[Claim]) -> None:
    """Best is a stated figure, unless none is allowed (a range's middle, a consensus bound)."""
    est = estimate(claims, rule=rule)
    assert est is not None
    stated = _stated(claims)
    if est.best is None and est.tied:
        assert " tie: " in est.reason
    elif est.best is None:
        assert not stated
        assert est.reason.startswith("Only vague claims")
    elif est.best not in stated:
        assert (
            "nobody stated" in est.reason
            or "middle of a range" in est.reason
            or ("outside what all the claims allow" in est.reason)
        )


@pytest.mark.parametrize("rule", sorted(RULES))
@given(claims=count_claims)
def test_low_and_high_never_narrow_a_source_range(rule: str, claims: list[Claim]) -> None:
    """Every range, bound and vague interval the estimate rests on lies within low-high."""
    est = estimate(claims, rule=rule)
    assert est is not None
    assert est.low is not None
    assert est.high is not None
    for c in claims:
        q = c.value
        assert isinstance(q, Quantity)
        if c.id not in est.based_on:
            continue
        for bound in _stated([c]) if q.qualifier in ("at_least", "at_most") else (q.low, q.high):
            if bound is not None:
                assert est.low <= bound <= est.high  # type: ignore[operator]


@given(
    labels=st.lists(
        st.tuples(st.sampled_from("abcdef"), st.sampled_from(["x", "y", "z"])),
        min_size=1,
        max_size=8,
    )
)
def test_a_label_tie_is_a_tie(labels: list[tuple[str, str]]) -> None:
    """When labels share the most origins there is no best and all of them are listed."""
    claims = [
        Claim(id=f"c{i}", event="e", measure="c", value=Category(members={lb}), claimant=who)
        for i, (who, lb) in enumerate(labels)
    ]
    est = estimate(claims)
    assert est is not None
    support: dict[str, float] = {}
    by_origin: dict[str, set[str]] = {}
    for who, lb in labels:
        by_origin.setdefault(who, set()).add(lb)
    for chosen in by_origin.values():
        for lb in chosen:
            support[lb] = support.get(lb, 0.0) + 1 / len(chosen)
    top = max(support.values())
    leaders = sorted(lb for lb, n in support.items() if abs(n - top) < 1e-9)
    if len(leaders) > 1:
        assert (None, tuple(leaders)) == (est.best, est.tied)
    else:
        assert (leaders[0], ()) == (est.best, est.tied)


def test_a_report_says_when_there_is_no_best() -> None:
    """The reports' estimate line shows a tie as a tie rather than leaving the estimate out."""
    claims = [
        Claim(id="a", event="e", measure="c", value=Category(members={"mnla"}), claimant="x"),
        Claim(id="b", event="e", measure="c", value=Category(members={"fama"}), claimant="y"),
    ]
    report = reconcile(claims, estimate="median-of-origins")
    assert (
        "no best estimate (median-of-origins): fama and mnla tie for the most independent "
        "origins (echoes count once) among 2; no label is best."
    ) == estimate_text(report.groups[0])


@pytest.mark.parametrize("rule", ["median-of-origins", "third-party-first", "weighted"])
@given(
    figures=st.lists(st.integers(min_value=0, max_value=999), min_size=1, max_size=8, unique=True)
)
def test_an_even_split_between_two_figures_is_a_tie(rule: str, figures: list[int]) -> None:
    """One origin per distinct figure: an odd count has its middle figure as best, an even
    count ties its two middle figures, with no best (figures under 1,000 are never rounded)."""
    claims = [_count(f"c{i}", f"s{i}", Quantity.exact(n)) for i, n in enumerate(figures)]
    est = estimate(claims, rule=rule)
    assert est is not None
    ordered = sorted(figures)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        assert (ordered[middle], ()) == (est.best, est.tied)
    else:
        assert (None, (ordered[middle - 1], ordered[middle])) == (est.best, est.tied)
        assert est.reason.startswith(f"{ordered[middle - 1]:,} and {ordered[middle]:,} tie: ")


@given(figures=st.lists(st.integers(min_value=0, max_value=999), min_size=2, max_size=6))
def test_a_tie_survives_the_report_round_trip(figures: list[int]) -> None:
    """A report's estimate, tie or not, reads back from JSON equal to itself."""
    claims = [_count(f"c{i}", f"s{i}", Quantity.exact(n)) for i, n in enumerate(figures)]
    group = reconcile(claims, estimate="median-of-origins").groups[0]
    converter = make_converter()
    assert group.estimate == converter.structure(converter.unstructure(group.estimate), Estimate)


def test_a_date_tie_is_broken_by_the_group_consensus() -> None:
    """ "May 2014" and "17-31 May 2014" split evenly; only the second's middle day lies in
    what both allow (17-31 May), so it is the best, in the report as alone."""
    may = DateValue(low=dt.date(2014, 5, 1), high=dt.date(2014, 5, 31), precision="month")
    late = DateValue(low=dt.date(2014, 5, 17), high=dt.date(2014, 5, 31))
    claims = [
        Claim(id="a", event="e", measure="date", value=may, claimant="x"),
        Claim(id="b", event="e", measure="date", value=late, claimant="y"),
    ]
    group = reconcile(claims, estimate="median-of-origins").groups[0]
    assert group.estimate is not None
    expected = (dt.date(2014, 5, 24), ())
    assert expected == (group.estimate.best, group.estimate.tied)
    alone = estimate(claims)
    assert alone is not None
    assert expected == (alone.best, alone.tied)


def test_an_estimate_alone_takes_the_rounding_policy_a_report_would() -> None:
    """estimate(rounding="exact") reads "2,500" as exact, as reconcile(rounding="exact") does."""
    claims = [
        _count("a", "x", Quantity.exact(2500)),
        _count("b", "y", Quantity.exact(2500)),
        _count("c", "z", Quantity.exact(2475)),
    ]
    alone = estimate(claims, rounding="exact")
    assert alone is not None
    assert 2500 == alone.best
    with pytest.raises(ValueError, match="sideways"):
        estimate(claims, rounding="sideways")


def test_estimates_never_import_the_reconciler() -> None:
    """Ballots, rules and learning sit below the reconciler: none of them imports it, even
    inside a function (the consensus comes from the caller)."""
    import ast
    import importlib.util
    from pathlib import Path

    found = []
    for name in ("_estimates.ballot", "_estimates.estimate", "_estimates.reliability"):
        spec = importlib.util.find_spec(f"claimdiff.{name}")
        assert spec is not None
        assert spec.origin is not None
        tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("reconcile"):
                found.append((name, node.lineno))
    assert [] == found
