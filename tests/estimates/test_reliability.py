"""Learned reliability: convergence, consistent sources above noisy ones, copiers discounted."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff import (
    CONFIGS,
    Actor,
    Claim,
    LearningConfig,
    Quantity,
    Vote,
    estimate,
    estimate_groups,
    learn_reliability,
)


def _group(g: int, values: dict[str, int]) -> list[Claim]:
    """One question (event ``e{g}``), one exact figure per source."""
    return [
        Claim(id=f"{g}-{s}", event=f"e{g}", measure="killed", value=Quantity.exact(v), claimant=s)
        for s, v in values.items()
    ]


def _dataset(seed: int, n_groups: int = 30) -> tuple[list[list[Claim]], dict[int, int]]:
    """Three sources: ``good`` always exact, ``fair`` off by a little, ``noisy`` off by a lot."""
    rng = random.Random(seed)
    groups, truth = [], {}
    for g in range(n_groups):
        t = rng.randint(50, 500)
        truth[g] = t
        values = {
            "good": t,
            "fair": t + rng.choice([-2, 0, 0, 2]),
            "noisy": t + rng.randint(-200, 200),
        }
        groups.append(_group(g, values))
    return groups, truth


@settings(max_examples=10)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_converges_and_ranks_the_consistent_source_first(seed: int) -> None:
    """Within max_iter, a perfectly consistent source scores above a noisy one."""
    groups, _ = _dataset(seed)
    rel = learn_reliability(groups, max_iter=100, tol=1e-6)
    assert rel.converged
    assert rel.iterations <= 100
    assert rel.score("good") > rel.score("noisy")
    assert rel.sources["good"].support == 30


def test_priors_blend_in_as_pseudo_counts() -> None:
    """A low prior lowers a source's score, given by the source's id or by its side."""
    groups, _ = _dataset(1)
    plain = learn_reliability(groups)
    doubted = learn_reliability(groups, priors={"good": 0.05}, prior_strength=10)
    assert doubted.score("good") < plain.score("good")
    partisan = [Actor(id="good", side="rebels")]
    by_side = learn_reliability(groups, actors=partisan, priors={"rebels": 0.05}, prior_strength=10)
    assert by_side.score("good") == doubted.score("good")


def test_copiers_of_a_rare_error_are_found_and_discounted() -> None:
    """Two sources repeating each other's rare wrong figures are scored as dependent."""
    groups = []
    for g in range(20):
        t = 100 + g
        wrong = t + 37 if g % 3 == 0 else t  # the pair's shared slip, a third of the time
        values = {"a": t, "b": t, "c": t, "d": t, "e": t, "copy1": wrong, "copy2": wrong}
        groups.append(_group(g, values))
    rel = learn_reliability(groups)
    assert rel.dependence[("copy1", "copy2")] > 0.5
    assert ("a", "b") not in rel.dependence
    assert estimate(groups[0], rule="weighted", reliability=rel).best == 100  # type: ignore[union-attr]


def test_max_iter_bounds_the_run() -> None:
    """With max_iter=1 the learner stops after one iteration."""
    groups, _ = _dataset(2)
    rel = learn_reliability(groups, max_iter=1, tol=0.0)
    assert (rel.iterations, rel.converged) == (1, False)


def _one_offs(seed: int, n_groups: int = 20) -> list[list[Claim]]:
    """Three steady sources on the truth, plus one source per group seen nowhere else, which
    is wildly off except in the groups ``rng`` spares."""
    rng = random.Random(seed)
    groups = []
    for g in range(n_groups):
        t = rng.randint(100, 1000)
        lucky = g == 0 or rng.random() < 0.2
        values = {"a": t, "b": t, "c": t, f"once{g}": t if lucky else t * 3}
        groups.append(_group(g, values))
    return groups


def test_pooled_prior_judges_a_one_off_source_by_its_class() -> None:
    """A source seen once scores lower when one-off sources are mostly wrong on the dataset."""
    groups = _one_offs(3)
    fixed = learn_reliability(groups)
    pooled = learn_reliability(groups, pooled_prior=True)
    assert 0.75 == fixed.score("once0")  # (closeness 1 + prior 1/2) / (1 vote + 1)
    assert pooled.score("once0") < fixed.score("once0")
    # The steady sources' class is always right, so it lifts them, by at most 1 pseudo-vote in 21.
    assert 0 <= pooled.score("a") - fixed.score("a") <= 1 / 21


def test_pooled_prior_keeps_a_given_prior() -> None:
    """A prior given by source id is not replaced by the pooled one."""
    groups = _one_offs(3)
    rel = learn_reliability(groups, pooled_prior=True, priors={"once0": 0.9}, prior_strength=9)
    assert abs(rel.score("once0") - (1 + 9 * 0.9) / 10) < 1e-9


@settings(max_examples=10)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_pooled_prior_shrinks_toward_the_support_class(seed: int) -> None:
    """A one-claim source's score lies between its own closeness and its class's pooled one."""
    groups = _one_offs(seed)
    rel = learn_reliability(groups, pooled_prior=True)
    once = [r for r in rel.sources.values() if r.support == 1]
    pooled = sum(r.closeness for r in once) / len(once)
    for r in once:
        assert abs(r.score - (r.closeness + pooled) / 2) < 1e-3 + 1e-9
        assert min(r.closeness, pooled) - 1e-3 <= r.score <= max(r.closeness, pooled) + 1e-3


def _mirrors(n_groups: int = 30) -> list[list[Claim]]:
    """Three sources on the truth, three mirrors of a feed that is 7 low on three groups in
    four, and six sources scattered above the truth."""
    groups = []
    for g in range(n_groups):
        t = 1000 + 100 * g
        values = {f"true{i}": t for i in range(3)}
        values.update({f"mirror{i}": t - 7 if g % 4 else t for i in range(3)})
        values.update({f"scatter{i}": t + 11 * (i + 1) + g for i in range(6)})
        groups.append(_group(g, values))
    return groups


def test_starts_that_end_apart_are_reported() -> None:
    """Trusting everyone first lets the discounted mirrors tip the median onto the scatter;
    seeding with the majority does not. The finding gives the share of groups apart, and
    the start that fits the copy-discounted votes better is kept."""
    rel = learn_reliability(_mirrors(), scales={"killed": 1.0})
    assert (1.0, "majority") == (rel.disagreement, rel.start)
    assert ["reliability-starts-disagree"] == [f.code for f in rel.findings]
    assert "in 100.0% of 30 groups; 'majority' was chosen" in rel.findings[0].message
    assert rel.score("true0") > rel.score("mirror0") > rel.score("scatter0")


def test_one_start_alone_reports_no_disagreement() -> None:
    """With only the trusted start nothing is compared, and nothing is flagged."""
    rel = learn_reliability(_mirrors(), scales={"killed": 1.0}, starts=["trusted"])
    assert (0.0, "trusted", ()) == (rel.disagreement, rel.start, rel.findings)
    assert rel.score("true0") < 0.5


def test_unknown_starts_are_refused() -> None:
    """A start that does not exist is a clear error, not a silent default."""
    groups, _ = _dataset(1)
    with pytest.raises(ValueError, match="expected starts among"):
        learn_reliability(groups, starts=["random"])


def test_misread_groups_do_not_switch_copy_detection_off() -> None:
    """Groups where most sources share one wrong figure (a misread stretch of data) leave the
    copiers' dependence as it was: such a figure is no evidence either way."""
    copied = []
    for g in range(20):
        t = 100 + g
        wrong = t + 37 if g % 3 == 0 else t
        values = {"a": t, "b": t, "c": t, "d": t, "e": t, "copy1": wrong, "copy2": wrong}
        copied.append(_group(g, values))
    misread = []
    for g in range(20, 35):
        t = 100 + g
        values = {"a": t, "b": t - 500, "c": t - 500, "d": t - 500, "e": t}
        values.update({"copy1": t - 500, "copy2": t})
        misread.append(_group(g, values))
    before = learn_reliability(copied).dependence[("copy1", "copy2")]
    after = learn_reliability([*copied, *misread]).dependence[("copy1", "copy2")]
    assert before == after
    assert before > 0.5


@settings(max_examples=10)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_every_score_has_an_interval_that_narrows_with_support(seed: int) -> None:
    """low <= score <= high, and the wider interval belongs to the source seen less."""
    groups = _one_offs(seed)
    rel = learn_reliability(groups)
    for r in rel.sources.values():
        assert r.low <= r.score <= r.high
    steady, once = rel.sources["a"], rel.sources["once0"]
    assert (steady.support, once.support) == (20, 1)
    assert steady.high - steady.low < once.high - once.low


def test_named_configurations_set_the_learning_and_arguments_override_them() -> None:
    """config="flight-times" learns with the mode and one-minute scales; center= overrides."""
    groups, _ = _dataset(4)
    rel = learn_reliability(groups, config="flight-times")
    assert ("mode", 1.0) == (rel.center, rel.scales["actual_departure"])
    assert "median" == learn_reliability(groups, config="flight-times", center="median").center
    assert set(CONFIGS) >= {"default", "repeated-figures", "crowd-edited", "flight-times"}
    assert all(c.why for c in CONFIGS.values())
    assert isinstance(CONFIGS["default"], LearningConfig)


def test_estimate_groups_learns_from_the_groups_it_is_told() -> None:
    """On a subset, reliability is learned from ``learn_from`` when given, and every reason
    says from how many groups."""
    groups, _ = _dataset(5)
    subset = {g: groups[g] for g in range(3)}
    whole = learn_reliability(groups)
    found = estimate_groups(subset, rule="weighted", learn_from=groups)
    for g, est in found.items():
        expected = estimate(groups[g], rule="weighted", reliability=whole)
        assert est is not None
        assert expected is not None
        assert expected.best == est.best
        assert est.reason.endswith("(Reliability learned from 30 groups.)")
    alone = estimate_groups(subset, rule="weighted")
    assert all(e is not None and e.reason.endswith("from 3 groups.)") for e in alone.values())


def _alone_and_contested(seed: int) -> list[list[Claim]]:
    """``solo`` alone on its own items; ``a``, ``b`` and ``c`` contest the others, ``c`` off."""
    rng = random.Random(seed)
    groups = [_group(g, {"solo": rng.randint(10, 90)}) for g in range(rng.randint(1, 15))]
    for g in range(100, 100 + rng.randint(3, 15)):
        t = rng.randint(100, 900)
        groups.append(_group(g, {"a": t, "b": t, "c": t + rng.randint(-300, 300)}))
    return groups


@settings(max_examples=10)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_corroborated_gives_no_credit_for_items_a_source_alone_gives(seed: int) -> None:
    """Under ``corroborated`` a source seen only alone on its items keeps its prior (no
    evidence), where ``single`` counts each lone figure as agreement with itself."""
    groups = _alone_and_contested(seed)
    corroborated = learn_reliability(groups, error_model="corroborated")
    single = learn_reliability(groups)
    assert 0.5 == corroborated.score("solo")
    assert single.score("solo") > 0.5
    assert corroborated.sources["solo"].support == single.sources["solo"].support


def test_corroborated_judges_a_figure_by_the_nearest_other_origin() -> None:
    """A source that always repeats another origin's figure scores high even where the
    consensus is someone else's, and one nobody repeats scores low."""
    groups = [_group(g, {"a": 100 + g, "b": 100 + g, "c": 100 + g, "d": 900}) for g in range(10)]
    groups += [_group(g, {"d": 900, "e": 900, "f": 100 + g}) for g in range(10, 20)]
    rel = learn_reliability(groups, error_model="corroborated", copying=False)
    assert rel.score("e") > 0.9
    assert rel.score("f") < 0.1


def test_magnitude_keeps_a_record_per_order_of_magnitude() -> None:
    """Under ``magnitude`` a source exact on large items and wrong on small ones has a lower
    score on the small kind, and a vote is weighed by its source's record on the group's kind."""
    groups = [_group(g, {"bot": 10_000 + g, "a": 10_000 + g, "b": 10_000 + g}) for g in range(20)]
    groups += [_group(g, {"bot": 90, "a": g, "b": g}) for g in range(20, 40)]
    rel = learn_reliability(groups, error_model="magnitude", copying=False)
    assert "magnitude" == rel.error_model
    assert rel.score("bot", "1e1") < rel.score("bot") < rel.score("bot", "1e4")
    assert rel.kinds[("bot", "1e1")].score == rel.score("bot", "1e1")
    assert rel.score("bot", "1e9") == rel.score("bot")  # a kind never seen: the whole record
    assert {("bot", "1e1"), ("bot", "1e4")} <= set(rel.kinds)
    in_small = rel([Vote(origin="bot", point=90), Vote(origin="a", point=20)])
    in_large = rel([Vote(origin="bot", point=10_090), Vote(origin="a", point=10_020)])
    assert in_small[0] < in_large[0]


def test_single_error_model_has_no_kinds() -> None:
    """The default error model keeps one score per source and no record by kind."""
    groups, _ = _dataset(3)
    rel = learn_reliability(groups)
    assert ("single", {}) == (rel.error_model, dict(rel.kinds))


def test_unknown_error_models_are_refused() -> None:
    """An error model that does not exist is refused with the known ones named."""
    with pytest.raises(
        ValueError,
        match=r"^expected an error model among \('single', "
        r"'magnitude', 'corroborated'\), got 'gaussian'$",
    ):
        learn_reliability([], error_model="gaussian")
