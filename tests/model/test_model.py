"""How conflict reporting really works: spokespeople and revised running tallies."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff import (
    Actor,
    ActorIndex,
    Claim,
    Dataset,
    Quantity,
    Relay,
    diff,
    load,
    make_converter,
    reconcile,
)
from claimdiff._curation.describe import Context, camp_attribution, revision_text
from claimdiff._grammar.rounding import trailing_zeros
from claimdiff._render.text import report_text
from claimdiff.testing import datasets

UA = (
    Actor(id="ua-gov", name="Ukrainian government", side="ukraine"),
    Actor(id="poroshenko", name="Poroshenko", speaks_for="ua-gov"),
    Actor(id="general-staff", name="General Staff", speaks_for="ua-gov"),
    Actor(id="spokesman", name="ATO spokesman", speaks_for="general-staff"),
    Actor(id="dpr", name="DPR", side="separatists"),
    Actor(id="dpr-spokesman", name="Basurin", speaks_for="DPR"),
    Actor(id="osce", name="OSCE"),
)


def _claim(cid: str, value: int, claimant: str, **fields: object) -> Claim:
    parts: dict[str, object] = {
        "id": cid,
        "event": "battle",
        "measure": "killed",
        "party": "ua-gov",
        "value": Quantity.exact(value),
        "claimant": claimant,
        **fields,
    }
    return Claim(**parts)  # type: ignore[arg-type]


# -- spokespeople -----------------------------------------------------------------------------


def test_voices_count_as_the_origin_they_speak_for() -> None:
    """A president, a general staff and its spokesman are one origin: the government."""
    claims = [
        _claim("a", 40, "Poroshenko"),
        _claim("b", 40, "General Staff"),
        _claim("c", 40, "ATO spokesman"),
    ]
    group = reconcile(claims, actors=UA).group("battle/killed/ua-gov")
    assert ("single", ("ua-gov",)) == (group.verdict, group.origins)
    assert [1] == [camp.origins for camp in group.camps]


def test_voices_take_the_side_and_perspective_of_their_origin() -> None:
    """A separatist spokesman counting Ukrainian dead is an adversary, as the DPR would be."""
    group = reconcile([_claim("a", 40, "Basurin")], actors=UA).group("battle/killed/ua-gov")
    entry = group.entries[0]
    assert ("dpr-spokesman", "dpr", "separatists", "adversary") == (
        entry.claimant,
        entry.origin,
        entry.side,
        entry.perspective,
    )


def test_reports_name_the_voices_under_their_origin() -> None:
    """The camp's attribution names the government once, with the voices that spoke for it."""
    claims = [
        _claim("a", 40, "Poroshenko"),
        _claim("b", 40, "General Staff"),
        _claim("c", 40, "OSCE"),
    ]
    report = reconcile(claims, actors=UA)
    group = report.group("battle/killed/ua-gov")
    ctx = Context({c.id: c for c in claims}, ActorIndex.build(UA))
    assert "Ukrainian government: Poroshenko; General Staff; OSCE" == camp_attribution(
        group, 0, ctx.actors
    )


def test_a_circle_of_voices_is_refused_with_a_finding(tmp_path: Path) -> None:
    """Actors speaking for each other in a circle are reported, and each speaks for itself."""
    (tmp_path / "d.yaml").write_text(
        "actors:\n"
        "- {id: a, speaks_for: b}\n"
        "- {id: b, speaks_for: a}\n"
        "- {id: c, speaks_for: nobody}\n"
        "claims:\n"
        "- {id: x, event: e, measure: killed, value: '4', claimant: a}\n"
        "- {id: y, event: e, measure: killed, value: '4', claimant: b}\n",
        encoding="utf-8",
    )
    ds = load(tmp_path)
    found = [(f.code, f.severity, f.location.line, f.message) for f in ds.findings]
    assert [
        ("speaks-for-cycle", "warning", 2, "actors speak for each other in a circle: a -> b -> a"),
        (
            "undeclared-actor",
            "warning",
            4,
            "actor 'c' speaks for 'nobody', which is not declared",
        ),
    ] == found
    assert ("a", "b") == reconcile(ds).group("e/killed").origins


# Generating whole datasets is slow: twenty of them in every profile keep this test short.
@settings(max_examples=20)
@given(datasets(max_claims=8))
def test_speaking_for_never_adds_origins(ds: Dataset) -> None:
    """Counting through spokespeople never makes more origins than counting without them."""
    alone = attrs.evolve(ds, actors=[attrs.evolve(a, speaks_for=None) for a in ds.actors])
    with_voices, without = reconcile(ds), reconcile(alone)
    assert [g.key for g in without.groups] == [g.key for g in with_voices.groups]
    for a, b in zip(with_voices.groups, without.groups, strict=True):
        assert len(a.origins) <= len(b.origins)


# -- revised tallies --------------------------------------------------------------------------

D1, D2, D3 = dt.date(2014, 8, 2), dt.date(2014, 8, 5), dt.date(2014, 8, 9)


def test_a_later_larger_figure_revises_the_earlier_one() -> None:
    """185 then 269 from one government is a revision, not a contradiction; the DPR's 500 is."""
    claims = [
        _claim("g1", 185, "Poroshenko", stated=D1),
        _claim("g2", 269, "General Staff", via=(Relay(outlet="Reuters", published=D2),)),
        _claim("d", 500, "DPR", stated=D2),
    ]
    report = reconcile(claims, actors=UA)
    group = report.group("battle/killed/ua-gov")
    assert ("contradiction", (("d", "g2"),)) == (group.verdict, group.contradictions)
    assert {"g1": "g2"} == {e.claim: e.superseded_by for e in group.entries if e.superseded_by}
    assert (269, 500) == (group.range.low, group.range.high)  # type: ignore[union-attr]
    (revision,) = group.revisions
    assert "185 \u2192 269, revised by Ukrainian government (2014-08-02 \u2192 2014-08-05)" == (
        revision_text(revision, ActorIndex.build(UA))
    )
    assert not [f for f in report.findings if f.code == "revised-down"]


def test_the_revision_is_shown_in_the_text_report() -> None:
    """The text report lists each revised tally under its own heading."""
    claims = [_claim("g1", 6, "Poroshenko", stated=D1), _claim("g2", 13, "Poroshenko", stated=D2)]
    report = reconcile(claims, actors=UA)
    text = report_text(report, Context({c.id: c for c in claims}, ActorIndex.build(UA)))
    assert (
        "Revised tallies (1)\n  battle/killed/ua-gov: 6 \u2192 13, revised by Ukrainian "
        "government (2014-08-02 \u2192 2014-08-05)\n"
    ) in text
    assert "single" == report.group("battle/killed/ua-gov").verdict


def test_a_later_smaller_figure_is_a_finding_and_both_are_compared() -> None:
    """A running tally that falls is reported, and both figures stay in play."""
    claims = [
        _claim("g1", 300, "Poroshenko", stated=D1),
        _claim("g2", 269, "Poroshenko", stated=D2),
    ]
    report = reconcile(claims, actors=UA)
    group = report.group("battle/killed/ua-gov")
    assert ("contradiction", ()) == (
        group.verdict,
        tuple(e.superseded_by for e in group.entries if e.superseded_by),
    )
    assert [
        "Ukrainian government gave 300 (g1, 2014-08-02) and later 269 (g2, 2014-08-05) for "
        "battle/killed/ua-gov: a cumulative count cannot fall; both are compared"
    ] == [f.message for f in report.findings if f.code == "revised-down"]


def test_undated_figures_and_other_measures_stay_as_they_were() -> None:
    """An undated figure takes no part in ordering; a measure that is no tally is not revised."""
    claims = [
        _claim("g1", 185, "Poroshenko", stated=D1),
        _claim("g2", 269, "Poroshenko"),
        _claim("s1", 185, "Poroshenko", stated=D1, measure="strength"),
        _claim("s2", 269, "Poroshenko", stated=D2, measure="strength"),
    ]
    report = reconcile(claims, actors=UA)
    assert ["contradiction", "contradiction"] == [g.verdict for g in report.groups]
    assert [(), ()] == [g.revisions for g in report.groups]


def test_a_dataset_declares_which_measures_are_tallies(tmp_path: Path) -> None:
    """``measures`` takes a mapping with ``cumulative``; ``false`` turns a default off."""
    (tmp_path / "d.yaml").write_text(
        "measures:\n"
        "  killed: {kind: count, cumulative: false}\n"
        "  tanks_lost: {kind: count, cumulative: true}\n"
        "  vehicles: count\n"
        "claims:\n"
        "- {id: a, event: e, measure: killed, value: '6', claimant: X, stated: 2014-08-02}\n"
        "- {id: b, event: e, measure: killed, value: '13', claimant: X, stated: 2014-08-05}\n"
        "- {id: c, event: e, measure: tanks_lost, value: '6', claimant: X, stated: 2014-08-02}\n"
        "- {id: d, event: e, measure: tanks_lost, value: '13', claimant: X, stated: 2014-08-05}\n",
        encoding="utf-8",
    )
    ds = load(tmp_path)
    assert ((), {"killed": "count", "tanks_lost": "count", "vehicles": "count"}) == (
        ds.findings,
        ds.measures,
    )
    assert {"killed": False, "tanks_lost": True} == ds.cumulative
    report = reconcile(ds)
    assert ["contradiction", "single"] == [g.verdict for g in report.groups]
    assert {"killed": {"kind": "count", "cumulative": False}} == {
        k: v for k, v in make_converter().unstructure(ds)["measures"].items() if k == "killed"
    }


def test_a_bad_measure_declaration_is_a_finding(tmp_path: Path) -> None:
    """A declaration mapping with an unknown key or a cumulative that is no truth value is
    refused with the path of the field."""
    (tmp_path / "d.yaml").write_text(
        "measures:\n  killed: {kind: count, cumulativ: true}\n  held: {cumulative: 'yes'}\n",
        encoding="utf-8",
    )
    messages = sorted(f.message for f in load(tmp_path).findings)
    assert 2 == len(messages)
    assert any("cumulativ" in m for m in messages)
    assert any("expected true or false, got 'yes'" in m for m in messages)


tallies = st.lists(
    st.tuples(
        st.sampled_from(["Poroshenko", "General Staff", "DPR", "OSCE"]),
        st.integers(0, 400),
        st.one_of(st.none(), st.sampled_from([D1, D2, D3])),
    ),
    max_size=8,
)


@given(tallies, st.randoms(use_true_random=False))
def test_revisions_do_not_depend_on_the_order_of_claims(
    told: list[tuple[str, int, dt.date | None]], rnd: random.Random
) -> None:
    """A revision never turns into a contradiction (or back) by reordering the claims."""
    claims = [_claim(f"c{i}", v, who, stated=day) for i, (who, v, day) in enumerate(told)]
    shuffled = list(claims)
    rnd.shuffle(shuffled)
    assert reconcile(claims, actors=UA) == reconcile(shuffled, actors=UA)


@given(tallies)
def test_a_growing_tally_of_one_origin_never_contradicts_itself(
    told: list[tuple[str, int, dt.date | None]],
) -> None:
    """One origin's figures stated on distinct days, never falling, are one figure: its latest."""
    days = [D1, D2, D3]
    figures = sorted({v for _, v, _ in told})[:3]
    claims = [_claim(f"c{i}", v, "Poroshenko", stated=days[i]) for i, v in enumerate(figures)]
    group = reconcile(claims, actors=UA).groups
    if claims:
        (only,) = group
        assert ("single", (figures[-1], figures[-1])) == (
            only.verdict,
            (only.range.low, only.range.high),  # type: ignore[union-attr]
        )


# -- overlapping scopes and event spans -------------------------------------------------------


_CONVERTER = make_converter()


def _scoped(
    cid: str,
    value: object,
    as_of: str | None,
    measure: str = "controller",
    stated: str | None = None,
) -> Claim:
    data: dict[str, object] = {
        "id": cid,
        "event": "e",
        "measure": measure,
        "place": "Donetsk airport",
        "value": value,
        "claimant": cid,
    }
    if as_of is not None:
        data["as_of"] = as_of
    if stated is not None:
        data["stated"] = stated
    return _CONVERTER.structure(data, Claim)


def test_overlapping_scopes_of_a_state_contradict_on_the_overlap() -> None:
    """Held by A since July 2014 (said in March 2015) and by B on 12 February 2015 cannot
    both be true that day."""
    report = reconcile(
        [
            _scoped("a", "A", "since July 2014", stated="2015-03-01"),
            _scoped("b", "B", "12 February 2015"),
        ]
    )
    assert [
        (
            "overlapping-scopes",
            "2015-02-12",
            "e/controller@Donetsk airport[2014-07/..] says A and "
            "e/controller@Donetsk airport[2015-02-12] says B, both on 2015-02-12",
        )
    ] == [(c.rule, c.overlap, c.message) for c in report.cross]
    assert report.group("e/controller@Donetsk airport[2014-07/..]").latest_stated == (
        dt.date(2015, 3, 1)
    )


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        # Said in September 2014: it held until then; B's February is a later change of hands.
        ("2014-09-10", []),
        # Said by nobody on a known day: no day after its start is certain.
        (None, []),
        # Said before its own start: it supports no day.
        ("2014-06-01", []),
        # Said on 12 February 2015: both hold that day.
        ("2015-02-12", ["2015-02-12"]),
    ],
)
def test_an_open_scope_holds_only_as_far_as_it_was_said(
    stated: str | None, expected: list[str]
) -> None:
    """ "Since July 2014" holds up to the latest day its claims were stated, not forever."""
    report = reconcile(
        [
            _scoped("a", "A", "since July 2014", stated=stated),
            _scoped("b", "B", "12 February 2015"),
        ]
    )
    assert expected == [c.overlap for c in report.cross]


def test_an_open_scope_said_within_its_first_month_holds_on_that_day() -> None:
    """ "Since July 2014" said on 20 July holds on 20 July: a claim of B that day clashes, one
    of 25 July does not."""
    claims = [
        _scoped("a", "A", "since July 2014", stated="2014-07-20"),
        _scoped("b", "B", "20 July 2014"),
        _scoped("c", "B", "25 July 2014"),
    ]
    assert ["2014-07-20"] == [c.overlap for c in reconcile(claims).cross]


def test_an_open_start_holds_only_on_its_last_certain_day() -> None:
    """ "Until July 2014" holds on 30 June; when the state began nobody says, so a claim of
    2013 does not clash with it."""
    claims = [
        _scoped("a", "A", "until July 2014"),
        _scoped("b", "B", "12 May 2013"),
        _scoped("c", "B", "30 June 2014"),
    ]
    assert ["2014-06-30"] == [c.overlap for c in reconcile(claims).cross]


def test_scopes_that_may_not_share_a_day_do_not_contradict() -> None:
    """ "In 2013" (some day of it) against "in May 2013", and spans that do not meet, are no
    clash; a span against a day inside it is."""
    claims = [
        _scoped("a", "A", "2013"),
        _scoped("b", "B", "May 2013"),
        _scoped("c", "C", "1-10 June 2014"),
        _scoped("d", "D", "11-20 June 2014"),
        _scoped("f", "F", "5 June 2014"),
    ]
    cross = reconcile(claims).cross
    assert [("2014-06-05", ("2014-06-01/2014-06-10", "2014-06-05"))] == [
        (c.overlap, tuple(k.as_of for k in c.groups)) for c in cross
    ]


def test_an_event_start_outside_its_span_is_a_contradiction() -> None:
    """A start before the span the date claims give, and a start after the end, clash."""
    claims = [
        _scoped("d", "14 January - 20 February 2015", None, "date"),
        _scoped("s", "10 January 2015", None, "start"),
        _scoped("t", "18 February 2015", None, "end"),
    ]
    report = reconcile(claims)
    assert [
        "e/start@Donetsk airport (2015-01-10) falls outside the span of e/date@Donetsk airport "
        "(2015-01-14\u20132015-02-20)"
    ] == [c.message for c in report.cross]
    inside = [*claims[:1], _scoped("s", "16-17 January 2015", None, "start"), claims[2]]
    assert () == reconcile(inside).cross
    late = [_scoped("s", "19 February 2015", None, "start"), claims[2]]
    assert [
        "e/start@Donetsk airport (2015-02-19) is later than e/end@Donetsk airport (2015-02-18)"
    ] == [c.message for c in reconcile(late).cross]


scopes = st.sampled_from(
    ["2013", "May 2013", "12 May 2013", "since April 2013", "1-20 May 2013", "June 2013"]
)


@given(st.lists(st.tuples(st.sampled_from(["A", "B"]), scopes), max_size=6))
def test_overlapping_scope_comparison_is_symmetric(told: list[tuple[str, str]]) -> None:
    """Which claim comes first never changes the clashes found between scopes."""
    claims = [_scoped(f"c{i}", v, s) for i, (v, s) in enumerate(told)]
    forward = reconcile(claims).cross
    backward = reconcile(list(reversed(claims))).cross
    assert forward == backward
    for c in forward:
        assert c.groups == tuple(sorted(c.groups))


# -- rounded figures --------------------------------------------------------------------------


def _strength(cid: str, text: str) -> Claim:
    return _CONVERTER.structure(
        {"id": cid, "event": "e", "measure": "strength", "value": text, "claimant": cid}, Claim
    )


def test_a_rounded_figure_agrees_with_the_figures_that_round_to_it() -> None:
    """ "13,000" and "12,944" agree on 12,944 under the default policy; "15,000" does not."""
    group = reconcile([_strength("a", "13,000"), _strength("b", "12,944")]).groups[0]
    assert ("agreement", ("a",), "12,944") == (
        group.verdict,
        group.rounded,
        group.consensus.text,  # type: ignore[union-attr]
    )
    assert "12,944\u201313,000" == group.range.text  # type: ignore[union-attr]
    three = reconcile(
        [_strength(c, t) for c, t in (("a", "13,000"), ("b", "12,944"), ("c", "15,000"))]
    )
    # Furthest first, measured between the figures as written: 12,944 lies further from 15,000.
    assert (("b", "c"), ("a", "c")) == three.groups[0].contradictions


def test_small_and_exact_figures_are_read_as_written() -> None:
    """40 against 50 killed stays a contradiction, and so does every pair under ``exact``."""
    assert (
        "contradiction" == reconcile([_strength("a", "40"), _strength("b", "50")]).groups[0].verdict
    )
    pair = [_strength("a", "2,500"), _strength("b", "2,475")]
    assert ["agreement", "contradiction"] == [
        reconcile(pair).groups[0].verdict,
        reconcile(pair, rounding="exact").groups[0].verdict,
    ]


@pytest.mark.parametrize(("a", "b"), [("2,500", "2,600"), ("13,000", "14,000"), ("2,500", "2,550")])
def test_two_different_round_figures_still_contradict(a: str, b: str) -> None:
    """A rounded figure stands for a half-open span, so two different round figures share no
    figure: no agreement on a boundary figure that nobody stated."""
    group = reconcile([_strength("a", a), _strength("b", b)]).groups[0]
    assert ("contradiction", None) == (group.verdict, group.consensus)


@given(st.integers(10, 10**5), st.integers(1, 50))
def test_round_figures_of_one_precision_never_overlap(hundreds: int, step: int) -> None:
    """Two different figures rounded to the same hundred (of 1,000 or more) never share a
    figure; a coarser round figure ("5,000") may hold a finer one ("4,800") it rounds."""
    figures = [100 * h for h in (hundreds, hundreds + step) if h % 10]
    spans = [trailing_zeros(Quantity.exact(n)) for n in figures]
    if len(spans) == 2 and all(s is not None for s in spans):
        (_, high), (low, _) = spans  # type: ignore[misc]
        assert high < low


def test_the_rounding_policy_is_swappable() -> None:
    """A callable policy decides what a figure stands for; an unknown name is refused."""
    pair = [_strength("a", "40"), _strength("b", "50")]

    def tens(value: Quantity) -> tuple[float, float] | None:
        return (value.low - 5, value.low + 5) if isinstance(value.low, int) else None

    assert "agreement" == reconcile(pair, rounding=tens).groups[0].verdict
    with pytest.raises(ValueError, match="unknown rounding policy 'tenths'"):
        reconcile(pair, rounding="tenths")


@given(st.integers(1000, 10**7))
def test_a_rounded_figure_stands_for_at_most_five_percent_of_itself(n: int) -> None:
    """Whatever the figure, the policy's interval holds it and spans at most 5% either side."""
    span = trailing_zeros(Quantity.exact(n))
    if span is not None:
        low, high = span
        assert low <= n <= high
        assert high - n <= 0.05 * n


def test_voices_repeating_a_figure_on_one_day_are_one_step() -> None:
    """Two voices giving the latest figure the same day show as one step of the history."""
    claims = [
        _claim("g1", 185, "Poroshenko", stated=D1),
        _claim("g2", 269, "General Staff", stated=D2),
        _claim("g3", 269, "Poroshenko", stated=D2),
    ]
    (revision,) = reconcile(claims, actors=UA).groups[0].revisions
    assert (
        ("g1",),
        "185 \u2192 269, revised by Ukrainian government (2014-08-02 \u2192 2014-08-05)",
    ) == (
        revision.superseded,
        revision_text(revision, ActorIndex.build(UA)),
    )


def test_diff_reports_a_measure_declared_cumulative() -> None:
    """Declaring a measure a running tally is a declaration change in ``diff``."""
    old = Dataset(claims=(_claim("a", 4, "DPR"),))
    new = attrs.evolve(old, cumulative={"killed": False})
    (change,) = diff(old, new).declarations
    assert ("measures", "killed", "added", [("cumulative", "(none)", "False")]) == (
        change.section,
        change.id,
        change.change,
        [(f.field, f.old, f.new) for f in change.fields],
    )


def _held(cid: str, measure: str, value: str, as_of: str | None = None) -> Claim:
    data = {"id": cid, "event": "e", "measure": measure, "value": value, "claimant": cid}
    if as_of is not None:
        data |= {"as_of": as_of, "place": "Kidal"}
    return _CONVERTER.structure(data, Claim)


@pytest.mark.parametrize(
    "claims",
    [
        # A span of months may begin late in its first month.
        [("a", "controller", "MNLA", "July - December 2014"),
         ("b", "controller", "army", "3 July 2014")],
        # "around" a day, or a day marked uncertain, holds on no day for certain.
        [("a", "controller", "MNLA", "around 3 July 2014"),
         ("b", "controller", "army", "1-5 July 2014")],
        [("a", "controller", "MNLA", "2014-07-03?"), ("b", "controller", "army", "1-5 July 2014")],
        # "until July" may end on 1 July.
        [("a", "controller", "MNLA", "until July 2014"), ("b", "controller", "army", "2014-07-01")],
        # A start inside the span one source gives for the event is no clash.
        [("a", "date", "14 January - 20 February 2015", None), ("b", "date", "February 2015", None),
         ("c", "start", "16 January 2015", None)],
    ],
)  # fmt: skip
def test_no_clash_across_groups_on_a_day_nobody_is_certain_of(
    claims: list[tuple[str, str, str, str | None]],
) -> None:
    """Scopes and spans clash only on days both sources are certain of."""
    assert () == reconcile([_held(*c) for c in claims]).cross


def test_a_span_of_days_clashes_with_a_day_inside_it() -> None:
    """Held by the MNLA throughout July, and by the army on 3 July: a clash on 3 July."""
    report = reconcile(
        [
            _held("a", "controller", "MNLA", "1-31 July 2014"),
            _held("b", "controller", "army", "3 July 2014"),
        ]
    )
    assert ["2014-07-03"] == [c.overlap for c in report.cross]


def test_a_fall_between_earlier_days_is_reported_though_a_later_rise_supersedes_it() -> None:
    """100, then 50, then 150 from one origin: the tally is 150, and the fall is a warning."""
    claims = [
        _CONVERTER.structure(
            {"id": f"c{i}", "event": "e", "measure": "killed", "value": v, "claimant": "X",
             "stated": day},
            Claim,
        )
        for i, (v, day) in enumerate([("100", "2020-01-01"), ("50", "2020-01-03"),
                                      ("150", "2020-01-05")])
    ]  # fmt: skip
    report = reconcile(claims)
    assert ("single", ("c0", "c1")) == (
        report.groups[0].verdict,
        report.groups[0].revisions[0].superseded,
    )
    assert [
        "X gave 100 (c0, 2020-01-01) and later 50 (c1, 2020-01-03) for e/killed: a cumulative "
        "count cannot fall; a later figure (c2) supersedes both"
    ] == [f.message for f in report.findings if f.code == "revised-down"]
