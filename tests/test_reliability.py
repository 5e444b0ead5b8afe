"""Learned reliability: convergence, consistent sources above noisy ones, copiers discounted."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff import Actor, Claim, Quantity
from claimdiff._estimate import estimate
from claimdiff._reliability import learn_reliability


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
