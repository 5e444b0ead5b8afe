"""reconcile(): groups, verdicts, ranges, camps, origins and perspectives, and their laws."""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import math
import random
from typing import ClassVar

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from claimdiff import (
    Actor,
    ActorIndex,
    Category,
    Claim,
    DateValue,
    GroupKey,
    Proposition,
    Quantity,
    Range,
    Relay,
    Unknown,
    compare,
    reconcile,
)
from claimdiff._model.actors import MemoIndex
from claimdiff._model.sets import Spans, allowed
from claimdiff._reconciler.ranges import interval_consensus, spans_consensus
from claimdiff._reconciler.reconcile import Reconciler, gc_paused
from claimdiff.errors import DatasetError

from .test_compare import categories, date_values, quantities

ACTORS = (
    Actor(id="fama", name="Malian Armed Forces", aliases=("FAMa", "Malian army"), side="mali"),
    Actor(id="mali-gov", name="Malian government", side="mali"),
    Actor(id="mnla", name="MNLA", side="rebels"),
    Actor(id="csp-psd", name="CSP-PSD", aliases=("PSC-PSD",), side="rebels"),
    Actor(id="reuters", name="Reuters", kind="outlet"),
    Actor(id="rfi", name="RFI", kind="outlet"),
    Actor(id="medical-sources", name="medical sources"),
)
AT_LEAST_TEN = Quantity(low=10, high=None, qualifier="at_least", text="at least ten")


def kidal_claims() -> list[Claim]:
    """The motivating claims of the 2014 battle and the 2023 drone strike."""
    return [
        Claim(
            id="k.mnla",
            event="kidal-2014",
            measure="killed",
            party="FAMa",
            value=Quantity.exact(40),
            claimant="MNLA",
            via=(Relay(outlet="Le Point"), Relay(outlet="encyclopedia")),
        ),
        Claim(
            id="k.gov",
            event="kidal-2014",
            measure="killed",
            party="Malian army",
            value=Quantity.exact(50),
            claimant="Malian government",
            via=(Relay(outlet="Reuters"),),
        ),
        Claim(
            id="w.mnla",
            event="kidal-2014",
            measure="wounded",
            party="FAMa",
            value=Quantity.exact(50),
            claimant="MNLA",
        ),
        Claim(
            id="w.gov",
            event="kidal-2014",
            measure="wounded",
            party="fama",
            value=Quantity.exact(40),
            claimant="Malian government",
        ),
        Claim(
            id="civ.csp",
            event="drone-strike",
            measure="killed",
            party="civilians",
            value=Quantity.exact(14, "fourteen"),
            claimant="CSP-PSD",
        ),
        Claim(
            id="civ.med",
            event="drone-strike",
            measure="killed",
            party="civilians",
            value=AT_LEAST_TEN,
            claimant="medical sources",
            via=(Relay(outlet="RFI"),),
        ),
    ]


def test_kidal_2014_killed_contradicts() -> None:
    """40 (MNLA) against 50 (Malian government) is a contradiction spanning 40-50."""
    group = reconcile(kidal_claims(), actors=ACTORS).group("kidal-2014/killed/fama")
    assert "contradiction" == group.verdict
    assert Range(low=40, high=50, text="40\u201350") == group.range
    assert (("k.gov", "k.mnla"),) == group.contradictions
    assert [("k.mnla",), ("k.gov",)] == [c.claims for c in group.camps]
    assert [("mnla",), ("mali-gov",)] == [c.claimants for c in group.camps]


def test_perspectives() -> None:
    """The government on its army's losses is self-reported; the MNLA's figure is an adversary's."""
    group = reconcile(kidal_claims(), actors=ACTORS).group("kidal-2014/killed/fama")
    assert {"k.gov": "self_reported", "k.mnla": "adversary"} == {
        e.claim: e.perspective for e in group.entries
    }


def test_drone_strike_agreement_and_consensus() -> None:
    """ "Fourteen" and "at least ten" agree; the consensus is 14 and the range is open above."""
    group = reconcile(kidal_claims(), actors=ACTORS).group("drone-strike/killed/civilians")
    assert "agreement" == group.verdict
    assert Range(low=14, high=14, text="14") == group.consensus
    assert Range(low=10, high=14, high_open=True, text="10\u201314, open above") == group.range
    assert {"civ.csp": "partisan", "civ.med": "third_party"} == {
        e.claim: e.perspective for e in group.entries
    }


def test_transposed_killed_and_wounded() -> None:
    """One origin's killed/wounded are the other's wounded/killed."""
    report = reconcile(kidal_claims(), actors=ACTORS)
    assert 1 == report.summary.transpositions
    assert (
        "Malian government gives 50 killed and 40 wounded; MNLA gives 40 killed and 50 wounded: "
        "the figures look transposed"
    ) == report.transpositions[0].message


def test_echo_is_one_origin() -> None:
    """One claimant relayed by two outlets is one origin: the verdict is single, not agreement."""
    claims = [
        Claim(
            id=f"c{i}",
            event="e",
            measure="killed",
            value=Quantity.exact(40),
            claimant="MNLA",
            via=(Relay(outlet=outlet),),
        )
        for i, outlet in enumerate(["Le Point", "encyclopedia", "Reuters"])
    ]
    group = reconcile(claims, actors=ACTORS).groups[0]
    assert ("single", ("mnla",)) == (group.verdict, group.origins)


def test_unclaimed_relay_is_the_origin() -> None:
    """Without a claimant, the first relay is the origin."""
    claims = [
        Claim(id="a", event="e", measure="m", value=Quantity.exact(1), via=(Relay(outlet="RFI"),)),
        Claim(id="b", event="e", measure="m", value=Quantity.exact(1), document="doc.txt"),
    ]
    assert ("document:doc.txt", "rfi") == reconcile(claims, actors=ACTORS).groups[0].origins


def test_denied_proposition() -> None:
    """The army "advanced further toward Kidal", a statement the CSP-PSD denies."""
    advanced = Proposition(text="advanced further toward Kidal")
    claims = [
        Claim(id="army", event="e", measure="advanced", value=advanced, claimant="FAMa"),
        Claim(
            id="csp",
            event="e",
            measure="advanced",
            value=advanced,
            claimant="CSP-PSD",
            stance="denies",
        ),
    ]
    group = reconcile(claims, actors=ACTORS).groups[0]
    assert ("contradiction", (("army", "csp"),)) == (group.verdict, group.contradictions)


def test_controller_aliases_agree() -> None:
    """ "CSP-PSD" and its misspelling "PSC-PSD" name one controller."""
    claims = [
        Claim(
            id="a",
            event="e",
            measure="controller",
            value=Category(members={"CSP-PSD"}),
            claimant="ICT",
        ),
        Claim(
            id="b",
            event="e",
            measure="controller",
            value=Category(members={"PSC-PSD"}),
            claimant="encyclopedia",
        ),
    ]
    group = reconcile(claims, actors=ACTORS).groups[0]
    assert ("agreement", ("csp-psd",), ("csp-psd",)) == (
        group.verdict,
        group.values,
        group.consensus_values,
    )


def test_unknown_values_only() -> None:
    """A group where every source says "Unknown" has the verdict unknown and no camp."""
    claims = [Claim(id=i, event="e", measure="strength", value=Unknown(), claimant=i) for i in "ab"]
    group = reconcile(claims).groups[0]
    assert ("unknown", ()) == (group.verdict, group.camps)


def test_date_bound_contradiction() -> None:
    """MINUSMA left "by October 31" against "November 8"."""
    claims = [
        Claim(
            id="ency",
            event="minusma-kidal",
            measure="date",
            value=DateValue(low=None, high=dt.date(2023, 10, 31), qualifier="at_most"),
        ),
        Claim(
            id="ict",
            event="minusma-kidal",
            measure="date",
            value=DateValue.day(dt.date(2023, 11, 8)),
        ),
    ]
    group = reconcile(claims).groups[0]
    assert "contradiction" == group.verdict
    assert (
        Range(
            low=dt.date(2023, 10, 31),
            high=dt.date(2023, 11, 8),
            low_open=True,
            text="2023-10-31\u20132023-11-08, open below",
        )
        == group.range
    )


def test_mixed_kinds_warns() -> None:
    """Values of different kinds in one group are reported, not silently compared."""
    claims = [
        Claim(id="a", event="e", measure="m", value=Quantity.exact(1)),
        Claim(id="b", event="e", measure="m", value=DateValue.day(dt.date(2014, 1, 1))),
    ]
    report = reconcile(claims)
    assert ["mixed-kinds"] == [f.code for f in report.findings]
    assert ("a", "b") == report.groups[0].claims


def test_duplicate_ids_refused() -> None:
    """Two claims with one id cannot both be accounted for."""
    claim = Claim(id="x", event="e", measure="m", value=Quantity.exact(1))
    with pytest.raises(DatasetError, match=r"claim ids must be unique, got duplicates \['x'\]"):
        reconcile([claim, claim])


def test_group_key_string() -> None:
    """A group key reads event/measure/party@place[as_of]."""
    assert "kidal/controller/x@Kidal[2013]" == str(
        GroupKey(event="kidal", measure="controller", party="x", place="Kidal", as_of="2013")
    )


# --- laws -------------------------------------------------------------------------------------

CLAIMANTS = ["MNLA", "FAMa", "Malian army", "CSP-PSD", "medical sources", "ICT", None]


@st.composite
def claim_sets(draw: st.DrawFn) -> list[Claim]:
    """Claims over a few questions, with every kind of value, stance and attribution."""
    n = draw(st.integers(0, 12))
    value_for = {
        "killed": quantities(),
        "date": date_values(),
        "controller": categories,
        "advanced": st.builds(Proposition, holds=st.booleans()),
    }
    claims = []
    for i in range(n):
        measure = draw(st.sampled_from(sorted(value_for)))
        value = draw(st.one_of(value_for[measure], st.just(Unknown())))
        claims.append(
            Claim(
                id=f"c{i:02d}",
                event=draw(st.sampled_from(["e1", "e2"])),
                measure=measure,
                party=draw(st.sampled_from([None, "FAMa", "fama", "civilians"])),
                value=value,
                claimant=draw(st.sampled_from(CLAIMANTS)),
                stance=draw(st.sampled_from(["asserts", "asserts", "denies"])),
            )
        )
    return claims


@given(claim_sets(), st.randoms())
def test_order_independent(claims: list[Claim], rnd: object) -> None:
    """Reconciling is independent of claim order."""
    shuffled = list(claims)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert reconcile(claims, actors=ACTORS) == reconcile(shuffled, actors=ACTORS)


@given(claim_sets(), st.randoms())
def test_claims_sharing_a_value_object_reconcile_as_copies_do(
    claims: list[Claim], rnd: random.Random
) -> None:
    """Loaders give the claims that say the same thing one value object, and the reconciler
    works out what a value allows once per object: sharing changes nothing."""
    pool = [c.value for c in claims]
    shared = [attrs.evolve(c, value=rnd.choice(pool)) for c in claims]
    copies = [attrs.evolve(c, value=attrs.evolve(c.value)) for c in shared]
    assert all(a.value is not b.value for a, b in zip(shared, copies, strict=True))
    assert reconcile(shared, actors=ACTORS) == reconcile(copies, actors=ACTORS)


def test_a_value_remembered_under_a_reused_id_is_worked_out_again() -> None:
    """An id outlives its object: what was remembered under it belongs to another value."""
    worker = Reconciler(MemoIndex.of(ActorIndex.build(ACTORS)))
    claim = Claim(id="c1", event="e", measure="killed", value=Quantity.exact(40))
    gone = Quantity.exact(50)  # as if it had had the id of claim.value before
    worker._allows[id(claim.value), True] = (gone, True, allowed(gone, worker.actors.resolve))
    assert worker.prepare(claim).allows == allowed(claim.value, worker.actors.resolve)
    denied = attrs.evolve(claim, id="c2", stance="denies")
    assert worker.prepare(denied).asserts is False  # remembered apart from the assertion
    truth = Claim(id="c3", event="e", measure="advanced", value=Proposition(holds=True))
    assert worker.prepare(truth).allows is True
    assert worker.prepare(attrs.evolve(truth, id="c4", stance="denies")).allows is False


@given(claim_sets())
def test_every_claim_exactly_once(claims: list[Claim]) -> None:
    """Every input claim appears in exactly one group, and in at most one camp."""
    report = reconcile(claims, actors=ACTORS)
    grouped = [cid for g in report.groups for cid in g.claims]
    assert sorted(c.id for c in claims) == sorted(grouped)
    camped = [cid for g in report.groups for camp in g.camps for cid in camp.claims]
    assert len(camped) == len(set(camped))
    assert report.summary.claims == len(claims) == report.summary.records


@given(claim_sets())
def test_contradictions_are_exactly_the_incompatible_pairs(claims: list[Claim]) -> None:
    """The fast verdict lists exactly the pairs that compare() says contradict."""
    index = ActorIndex.build(ACTORS)
    for group in reconcile(claims, actors=ACTORS).groups:
        members = [c for c in claims if c.id in group.claims]
        kind = group.kind
        expected = {
            tuple(sorted((a.id, b.id)))
            for a, b in itertools.combinations(members, 2)
            if a.value.kind == b.value.kind == kind
            and compare(a, b, resolve=index.resolve).kind == "contradict"
        }
        assert expected == set(group.contradictions)
        assert (group.verdict == "contradiction") == bool(expected)


@given(claim_sets())
def test_camps_are_mutually_compatible(claims: list[Claim]) -> None:
    """No two claims of one camp contradict each other."""
    index = ActorIndex.build(ACTORS)
    by_id = {c.id: c for c in claims}
    for group in reconcile(claims, actors=ACTORS).groups:
        for camp in group.camps:
            for a, b in itertools.combinations(camp.claims, 2):
                assert "contradict" != compare(by_id[a], by_id[b], resolve=index.resolve).kind


@given(claim_sets(), claim_sets())
def test_adding_claims_never_resolves_a_contradiction(
    base: list[Claim], extra: list[Claim]
) -> None:
    """Adding claims never turns a contradiction into an agreement."""
    extra = [Claim(**{**_fields(c), "id": "x" + c.id}) for c in extra]
    before = {g.key: g.verdict for g in reconcile(base, actors=ACTORS).groups}
    after = {g.key: g.verdict for g in reconcile(base + extra, actors=ACTORS).groups}
    for key, verdict in before.items():
        if verdict == "contradiction":
            assert "contradiction" == after[key]


def _fields(claim: Claim) -> dict[str, object]:
    import attrs

    return attrs.asdict(claim, recurse=False)


@attrs.frozen
class Share:
    """A custom value type: a share in percent, with its own axis."""

    kind: ClassVar[str] = "share"
    low: float
    high: float
    text: str = ""


def test_custom_value_type_joins_the_algebra() -> None:
    """Any value with a ``kind`` and numeric bounds is reconciled on its own axis."""
    claims = [
        Claim(id="a", event="e", measure="turnout", value=Share(low=30.0, high=35.0)),  # type: ignore[arg-type]
        Claim(id="b", event="e", measure="turnout", value=Share(low=40.0, high=40.0)),  # type: ignore[arg-type]
    ]
    group = reconcile(claims).groups[0]
    assert ("share", "contradiction", "30\u201340") == (group.kind, group.verdict, group.range.text)  # type: ignore[union-attr]
    assert "unknown" == compare(Share(low=40.0, high=40.0), Quantity.exact(40)).kind  # type: ignore[arg-type]


def test_whole_years_read_as_years() -> None:
    """Rebel control of Kidal "since 2012" against "since 2014" spans 2012–2014, not day numbers."""
    year = lambda y: DateValue(low=dt.date(y, 1, 1), high=dt.date(y, 12, 31), precision="year")  # noqa: E731
    claims = [
        Claim(id="ict", event="kidal", measure="rebel_control_since", value=year(2012)),
        Claim(id="news", event="kidal", measure="rebel_control_since", value=year(2014)),
    ]
    group = reconcile(claims).groups[0]
    assert ("2012\u20132014", ["2012", "2014"]) == (
        group.range.text,  # type: ignore[union-attr]
        [camp.consensus.text for camp in group.camps],  # type: ignore[union-attr]
    )


def test_estimates_sit_beside_the_verdict() -> None:
    """Asked for an estimate, a contradicting group keeps its verdict and camps, and an echo
    of the MNLA through a second outlet is one vote, not two."""
    claims = [
        *kidal_claims(),
        Claim(
            id="k.mnla.echo",
            event="kidal-2014",
            measure="killed",
            party="FAMa",
            value=Quantity.exact(40),
            claimant="MNLA",
            via=(Relay(outlet="RFI"),),
        ),
    ]
    plain = reconcile(claims, actors=ACTORS).group("kidal-2014/killed/fama")
    group = reconcile(claims, actors=ACTORS, estimate="median-of-origins").group(
        "kidal-2014/killed/fama"
    )
    assert attrs.evolve(group, estimate=None) == plain
    assert group.estimate is not None
    assert (40, None, 50) == (group.estimate.low, group.estimate.best, group.estimate.high)
    echoes = [c for c, why in group.estimate.set_aside if why == "echo of origin mnla"]
    assert 1 == len(echoes)
    assert echoes[0] in {"k.mnla", "k.mnla.echo"}


def test_entries_carry_their_values_bounds() -> None:
    """Each entry gives its value's bounds, open sides as None; labels have none."""
    kidal_2024 = DateValue(low=dt.date(2024, 7, 1), high=dt.date(2024, 7, 31), precision="month")
    claims = [
        Claim(id="q", event="e", measure="killed", value=AT_LEAST_TEN),
        Claim(id="d", event="e", measure="date", value=kidal_2024),
        Claim(id="c", event="e", measure="controller", value=Category(members=frozenset({"fama"}))),
    ]
    bounds = {
        e.claim: (e.low, e.high) for g in reconcile(claims, actors=ACTORS).groups for e in g.entries
    }
    assert {
        "q": (10, None),
        "d": (dt.date(2024, 7, 1), dt.date(2024, 7, 31)),
        "c": (None, None),
    } == bounds


@given(st.lists(quantities(), min_size=1, max_size=6))
def test_entry_bounds_are_the_values_bounds(values: list[Quantity]) -> None:
    claims = [Claim(id=f"c{i}", event="e", measure="killed", value=v) for i, v in enumerate(values)]
    (group,) = reconcile(claims).groups
    assert [(v.low, v.high) for v in values] == [(e.low, e.high) for e in group.entries]


#: Ends on the number or day axis (days are ordinals from 1), open or not.
_ends = st.one_of(st.integers(1, 60).map(float), st.just(-math.inf), st.just(math.inf))
_interval = st.tuples(_ends, _ends).map(sorted).map(tuple)


@given(
    asserted=st.lists(_interval, min_size=1, max_size=5),
    cuts=st.lists(_interval, max_size=5),
    kind=st.sampled_from(["quantity", "date"]),
    order=st.randoms(use_true_random=False),
)
# Found by Hypothesis: a cut at the calendar's first day left only the day before it.
@example(asserted=[(-math.inf, 1.0)], cuts=[(1.0, 1.0)], kind="date", order=random.Random(0))
def test_consensus_of_intervals_and_cuts(
    asserted: list[tuple[float, float]],
    cuts: list[tuple[float, float]],
    kind: str,
    order: random.Random,
) -> None:
    """``overview`` sums up a group of single intervals and denied single intervals with
    ``interval_consensus`` on the distinct cuts, sorted; the reconciler subtracts them in the
    order of its claims: the consensus is the same."""
    shuffled = list(cuts)
    order.shuffle(shuffled)
    lows, highs = [lo for lo, _ in asserted], [hi for _, hi in asserted]
    expected = spans_consensus(
        [Spans(kind, (a,)) for a in asserted], [Spans(kind, (c,)) for c in shuffled], kind
    )
    assert interval_consensus(lows, highs, kind, sorted(set(shuffled))) == expected


def test_a_cut_at_the_calendars_ends_leaves_no_day_beyond_them() -> None:
    """ "Until 0001-01-01" denied on that day holds no day (there is none before it), where it
    used to fail to make the day before; the same at 9999-12-31. Days left stay."""
    first, last = dt.date.min.toordinal(), dt.date.max.toordinal()
    until_first = Spans("date", ((-math.inf, float(first)),))
    from_last = Spans("date", ((float(last), math.inf),))
    assert spans_consensus([until_first], [Spans("date", ((first, first),))], "date") is None
    assert spans_consensus([from_last], [Spans("date", ((last, last),))], "date") is None
    two_days = Spans("date", ((float(first), first + 1.0),))
    kept = spans_consensus([two_days], [Spans("date", ((first, first),))], "date")
    assert kept is not None
    assert (dt.date(1, 1, 2), dt.date(1, 1, 2)) == (kept.low, kept.high)


# -- the collector, paused while building ---------------------------------------------------


def test_what_is_built_with_the_collector_paused_goes_to_the_oldest_generation() -> None:
    """Nothing young is left for the next collections to walk; the collector is on again."""
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        built = [[i] for i in range(5000)]
    assert gc.isenabled()
    assert gc.get_count()[0] < 100
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(x) in oldest for x in built)


def test_what_others_froze_stays_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            built = [[i] for i in range(100)]
        assert gc.get_freeze_count() == frozen
        assert gc.isenabled()
        assert built
    finally:
        gc.unfreeze()


def test_a_collector_off_stays_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
