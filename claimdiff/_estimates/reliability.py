"""Learn how reliable each source is from how close its claims fall to the consensus.

``learn_reliability`` is an iterative truth-discovery estimator in the family of Sums,
TruthFinder and CRH, with three differences that matter for claims about figures and dates:

1. **Closeness, not equality.** A source that says 2:07 PM when the truth is 2:06 PM is nearly
   right; one that says 40 when the truth is 50 is closer than one that says 400. Closeness is a
   Cauchy kernel of the scale-normalised error, ``1 / (1 + (error / scale) ** 2)``: 1 for an
   exact match, 1/2 at one scale away, and heavy-tailed so that one wild figure does not sink a
   source. The scale is per measure (``scales``, in the value's unit: minutes for flight times,
   days for dates); measures without one use ``relative_scale`` times the consensus figure for
   quantities (relative error, right for counts) and one day for dates. Labels are close (1) or
   not (0).
2. **The consensus is a weighted median**, not a weighted vote among distinct values, so
   figures near each other support each other and the estimate is always a figure some origin
   gave.
3. **Copiers are discounted.** Following the intuition of Dong, Berti-Equille and Srivastava
   ("Integrating conflicting data: the role of source dependence", VLDB 2009) that sharing
   *rare false* values is evidence of copying while sharing true ones is not, the dependence of
   two sources is the share of the groups where either of them is off the first-pass consensus
   in which both give the identical off-consensus figure *and* at most a quarter of the group's
   origins give it (with two pseudo-errors in the denominator, so one shared slip proves
   little). Without the "rare" condition, independent sources that are right when the
   consensus is wrong look like copiers of one another. In a group, a vote is divided by
   ``1 + sum of its dependence with every other origin giving the identical point``: two
   perfect copies count as one source, six mirrors of one feed as one. This is a symmetric
   approximation of Dong et al.'s Bayesian model (no copy direction, no per-value
   probabilities), computed once against the unweighted consensus, which keeps a run linear in
   the number of claims per iteration. Only *rare* off-consensus figures count, in the
   denominator as in the numerator: a badly parsed stretch of data, where many sources are off
   together with the same wrong figure, is no evidence either way and cannot dilute the
   evidence of copying found elsewhere.

Each iteration (a) takes every group's consensus as the reliability-weighted median of its
votes and (b) sets each source's score to its mean closeness to those consensus values, blended
with a prior as pseudo-counts: ``(sum of closeness + strength * prior) / (votes + strength)``.
Priors come from ``priors`` (by source id, else by the source's side) and default to 1/2, so a
source seen once cannot reach the extremes. A vote's weight is the log-odds of its source's
score, as in Dong et al.'s accuracy vote (``ln(A / (1 - A))``), floored near zero: a source
right 95% of the time outvotes two right 75% of the time, and a source no better than chance
carries almost no weight. The consensus is the weighted median (``center="median"``, right
for figures whose errors spread on both sides, such as casualty counts) or the weighted kernel
mode (``center="mode"``: the figure with the most weighted support, neighbours within the scale
lending part of theirs; right when most sources repeat an exact figure and errors scatter, such
as flight times). The loop stops when no score moves by more than ``tol`` (``converged``) or after
``max_iter`` iterations.

**Starting points.** Such iterations can settle on different fixed points from different
starts, and on data with blocks of mirroring sources the start can decide the end. Two starts
are run (``starts``): ``trusted`` (every source fully trusted, so the first consensus is the
copy-discounted vote of all) and ``majority`` (each source starts at its agreement with the plain
majority: every claim counts, copies included). The rule for choosing is fixed and uses no gold:
the result whose consensus agrees best with the *independent* evidence, i.e. the higher mean
closeness of the copy-discounted votes to their group's consensus (ties: the first start). When
the starts end with different consensus values in more than 1% of the groups, the result carries
a ``reliability-starts-disagree`` finding with the share, and the scores should not be trusted
blindly; one that stopped at ``max_iter`` carries ``reliability-not-converged``.

**Uncertainty.** Each source's score comes with its support (the groups it gave a figure in)
and a 95% Wilson score interval on its score, taking the votes plus the prior's pseudo-votes as
the number of trials: a source seen in three groups gets a wide interval whatever its score.

**Configurations.** :data:`CONFIGS` names the settings for kinds of data (``default`` for counts
whose errors spread on both sides, ``repeated-figures`` when most sources repeat an exact figure
and errors scatter, ``flight-times``, ``crowd-edited``); ``learn_reliability(groups,
config="flight-times")`` uses one, and any argument given explicitly overrides it.

**Error models.** ``error_model`` (:data:`ERROR_MODELS`) says how a source's record is kept.
``single``: one mean closeness to the consensus over every group it speaks in. ``magnitude``:
also one per order of magnitude of the item (:func:`item_kind`: the decade of the group's
unweighted median figure), each shrunk toward the source's whole record with
``prior_strength`` pseudo-votes (a hierarchical prior), and a vote is weighed by its source's
record on the group's kind; the idea of an error parameter per source that depends on the item
comes from CRH and GTM. ``corroborated``: only groups where another origin gives a figure are
evidence, and a figure is judged by its closeness to the nearest figure another origin gives
(that origin's copy discount applied), not to a consensus the source helped make: a source
alone on an item always equals the consensus there, and counting that as agreement let a bot
that fills in thousands of items nobody else gives look near-perfect.

With ``pooled_prior=True`` the prior of a source that has none of its own is not 1/2 but the
pooled mean closeness of its **support class**, the sources seen in about as many groups as it
(1, 2-3, 4-7, 8-15, ... groups: powers of two, fixed in advance), re-estimated every iteration.
This is empirical-Bayes shrinkage: a source seen once is judged mostly by how sources seen once
have fared on this dataset (on crowd-edited data, mostly anonymous one-off edits), and a source
seen thousands of times by its own record, since one pseudo-vote barely moves it. Priors given
in ``priors`` (by id or side) are kept as they are.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from types import MappingProxyType

import attrs

from .._model.actors import Actor, ActorIndex
from .._model.claims import Claim
from .._model.findings import Finding
from .ballot import Ballot, Point, Vote, as_index, kernel_mode, make_ballot, weighted_median

#: Closeness below this counts as "off the consensus" when looking for copied errors.
_OFF = 0.5
#: A shared off-consensus figure is evidence of copying only when at most this share of the
#: group's origins give it: a figure half the sources give is a rival consensus, not a slip.
_RARE = 0.25
#: Pseudo-errors added to the denominator of a dependence score.
_DEPENDENCE_PSEUDO = 2.0
#: Scores are kept inside (0, 1) so that log-odds stay finite.
_EPS = 1e-3
#: Starts whose consensus values differ in more than this share of groups are reported.
_DISAGREE = 0.01
#: The normal quantile of a two-sided 95% interval.
_Z = 1.959963984540054

#: The starting points :func:`learn_reliability` knows (see the module docstring).
STARTS = ("trusted", "majority")
#: The per-source error models :func:`learn_reliability` knows (see the module docstring).
ERROR_MODELS = ("single", "magnitude", "corroborated")


def item_kind(votes: Sequence[Vote], error_model: str) -> str:
    """The kind of item a group's votes are about, under ``error_model``: the part of a
    source's record its vote in this group is weighed by (``""`` for the whole record).

    ``magnitude``: the decade of the group's unweighted median figure (``"1e3"`` for 1,000 to
    9,999), ``""`` for labels and for groups without a figure.
    """
    if error_model == "magnitude":
        middle = weighted_median((v.point, v.share) for v in votes)
        if middle is None or isinstance(middle, str):
            return ""
        return f"1e{math.floor(math.log10(max(abs(middle), 1.0)))}"
    return ""


def _frozen(scales: Mapping[str, float]) -> Mapping[str, float]:
    """A read-only copy, so that a named configuration cannot be edited in place."""
    return MappingProxyType(dict(scales))


@attrs.frozen(kw_only=True)
class LearningConfig:
    """Named settings of :func:`learn_reliability` for one kind of data.

    Args:
        center: ``"median"`` or ``"mode"``: how a group's consensus is taken.
        scales: closeness scale by measure, in the value's unit.
        relative_scale: for quantities without a scale, the scale as a share of the figure.
        prior_strength: how many votes a prior weighs.
        copying: whether to detect and discount sources that copy one another.
        pooled_prior: shrink sources toward their support class instead of toward 1/2.
        starts: the starting points to run, in order of preference on a tie.
        error_model: a name in :data:`ERROR_MODELS`: one score per source measured against
            the consensus (``single``), a score per source and order of magnitude
            (``magnitude``), or one measured only where another origin can check it
            (``corroborated``).
        why: how the settings were chosen, for people.
    """

    center: str = "median"
    scales: Mapping[str, float] = attrs.field(factory=dict, converter=_frozen)
    relative_scale: float = 0.05
    prior_strength: float = 1.0
    copying: bool = True
    pooled_prior: bool = False
    starts: tuple[str, ...] = STARTS
    error_model: str = "single"
    why: str = ""


_FLIGHT_TIMES = ("scheduled_departure", "actual_departure", "scheduled_arrival", "actual_arrival")

#: Named configurations for kinds of data; ``learn_reliability(..., config=name)``.
CONFIGS: Mapping[str, LearningConfig] = MappingProxyType(
    {
        "default": LearningConfig(
            why="Counts whose errors spread on both sides of the truth (casualty figures): the "
            "weighted median, closeness at 5% of the figure, copies discounted, both starts."
        ),
        "repeated-figures": LearningConfig(
            center="mode",
            why="Most sources repeat one exact figure and errors scatter around it: the "
            "consensus follows the largest cluster (weighted kernel mode), not the middle.",
        ),
        "crowd-edited": LearningConfig(
            pooled_prior=True,
            why="Many contributors seen once or a few times (wiki editors): each is shrunk "
            "toward how contributors seen as often fare, not toward 1/2.",
        ),
        "crowd-edited-by-magnitude": LearningConfig(
            pooled_prior=True,
            error_model="magnitude",
            why="crowd-edited, with a source's record kept per order of magnitude of the "
            "item (a bot filling in villages may do worse there than on cities), each shrunk "
            "toward its whole record: the per-source error model #19 asked for, by reasoning.",
        ),
        "crowd-edited-corroborated": LearningConfig(
            pooled_prior=True,
            error_model="corroborated",
            why="crowd-edited, with a source judged only where another origin gives a figure, "
            "by how near it comes to one of theirs (no self-confirmation on items it alone "
            "gives): the per-source error model #19 asked for, by reasoning.",
        ),
        "flight-times": LearningConfig(
            center="mode",
            scales=dict.fromkeys(_FLIGHT_TIMES, 1.0),
            why="Flight times (Li et al. 2013): sources repeat exact minutes from a few feeds "
            "and scatter around them, so the mode; a one-minute scale, the data's resolution. "
            "Chosen by looking at gold precision on 2011-12-01 to 12-08 only.",
        ),
    }
)


@attrs.frozen(kw_only=True)
class SourceReliability:
    """How reliable one source looked across a dataset.

    Args:
        source: the origin id.
        score: the learned reliability in (0, 1), prior included.
        support: in how many groups the source gave a usable figure.
        closeness: its mean closeness to the consensus (1 = always exactly on it).
        low: the lower end of a 95% Wilson interval on the score.
        high: its upper end.
    """

    source: str
    score: float
    support: int
    closeness: float
    low: float = 0.0
    high: float = 1.0


def wilson(score: float, trials: float) -> tuple[float, float]:
    """A 95% Wilson score interval for a proportion ``score`` seen over ``trials``."""
    if trials <= 0:
        return (0.0, 1.0)
    z2 = _Z * _Z
    centre = (score + z2 / (2 * trials)) / (1 + z2 / trials)
    half = _Z * math.sqrt(score * (1 - score) / trials + z2 / (4 * trials * trials))
    half /= 1 + z2 / trials
    return (max(0.0, centre - half), min(1.0, centre + half))


def vote_weight(score: float) -> float:
    """The voting weight of a reliability score: its log-odds, ``ln(score / (1 - score))``,
    floored at a tiny positive weight (a source no better than a coin flip barely counts)."""
    s = min(max(score, _EPS), 1 - _EPS)
    return max(math.log(s / (1 - s)), 0.0) + _EPS


@attrs.frozen(kw_only=True)
class Reliability:
    """Learned source reliabilities, usable as the ``reliability`` of :func:`estimate`.

    Args:
        sources: per-source results, by source id.
        dependence: ``(a, b) -> score`` for pairs of sources (ids sorted) found to share
            off-consensus figures; votes of such pairs are discounted where they coincide.
        iterations: how many iterations ran.
        converged: whether the largest score change fell below the tolerance.
        default: the score of a source never seen (its prior).
        center: the consensus the scores were learned with (``median`` or ``mode``).
        scales: the closeness scales by measure.
        relative_scale: the closeness scale of quantities without one, as a share.
        groups: how many groups the scores were learned from.
        start: the starting point chosen (see the module docstring).
        disagreement: the share of groups whose consensus differed between the starts.
        findings: ``reliability-starts-disagree`` and ``reliability-not-converged`` when they
            apply: the scores then deserve less trust than their intervals suggest.
        error_model: the per-source error model (a name in :data:`ERROR_MODELS`).
        kinds: under an error model other than ``single``, each source's record on one kind
            of item, by ``(source, kind)`` (see :func:`item_kind`); a vote is weighed by its
            source's record on the group's kind, or by its whole record when it has none.
    """

    sources: Mapping[str, SourceReliability]
    dependence: Mapping[tuple[str, str], float] = attrs.field(factory=dict)
    iterations: int = 0
    converged: bool = True
    default: float = 0.5
    center: str = "median"
    scales: Mapping[str, float] = attrs.field(factory=dict)
    relative_scale: float = 0.05
    groups: int = 0
    start: str = "trusted"
    disagreement: float = 0.0
    findings: tuple[Finding, ...] = ()
    error_model: str = "single"
    kinds: Mapping[tuple[str, str], SourceReliability] = attrs.field(factory=dict)

    def score(self, source: str, kind: str = "") -> float:
        """The reliability score of ``source`` on items of ``kind`` (its whole record for
        ``""`` or a kind it was not seen on; ``default`` for strangers)."""
        if kind:
            on_kind = self.kinds.get((source, kind))
            if on_kind is not None:
                return on_kind.score
        found = self.sources.get(source)
        return found.score if found else self.default

    def weights(self) -> dict[str, float]:
        """``source -> score`` for every source, e.g. to store or to edit by hand."""
        return {s: r.score for s, r in sorted(self.sources.items())}

    def consensus(self, ballot: Ballot, measure: str) -> Point | None:
        """The consensus of a ballot built with this reliability, as the learner takes it."""
        return _center(
            _Group(ballot, measure),
            [(v.point, v.weight) for v in ballot.votes],
            self.center,
            self.scales,
            self.relative_scale,
        )

    def __call__(self, votes: Sequence[Vote]) -> list[float]:
        """Trust weights for one group's votes: score log-odds, discounted for copying."""
        discounts = _discounts(votes, self.dependence)
        kind = item_kind(votes, self.error_model)
        return [
            vote_weight(self.score(v.origin, kind)) * d
            for v, d in zip(votes, discounts, strict=True)
        ]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _discounts(votes: Sequence[Vote], dependence: Mapping[tuple[str, str], float]) -> list[float]:
    """Per vote, ``1 / (1 + dependence with every other origin giving the same point)``."""
    if not dependence:
        return [1.0] * len(votes)
    by_point: dict[Point, list[str]] = defaultdict(list)
    for v in votes:
        by_point[v.point].append(v.origin)
    out = []
    for v in votes:
        dep = sum(
            dependence.get(_pair(v.origin, o), 0.0) for o in by_point[v.point] if o != v.origin
        )
        out.append(1.0 / (1.0 + dep))
    return out


@attrs.frozen
class _Group:
    ballot: Ballot
    measure: str


def _scale(group: _Group, near: float, scales: Mapping[str, float], relative_scale: float) -> float:
    scale = scales.get(group.measure)
    if scale is None:
        scale = 1.0 if group.ballot.kind == "date" else relative_scale * max(abs(near), 1.0)
    return scale


def _center(
    group: _Group,
    pairs: Sequence[tuple[Point, float]],
    center: str,
    scales: Mapping[str, float],
    relative_scale: float,
) -> Point | None:
    if center == "median" or group.ballot.kind == "category":
        return weighted_median(pairs)
    middle = weighted_median(pairs)  # the scale of a relative kernel is taken at the median
    if middle is None:
        return None
    assert not isinstance(middle, str)
    scale = _scale(group, middle, scales, relative_scale)
    return kernel_mode(((p, w) for p, w in pairs if not isinstance(p, str)), scale)


def _closeness(
    group: _Group, truth: Point, scales: Mapping[str, float], relative_scale: float
) -> list[float]:
    """How close each vote of ``group`` is to ``truth`` (1 for the very point), in vote order;
    the kernel's scale depends on the group and the truth only, so it is taken once."""
    votes = group.ballot.votes
    if group.ballot.kind == "category":
        return [1.0 if v.point == truth else 0.0 for v in votes]
    # Only category ballots hold labels, so the points here are numbers.
    assert not isinstance(truth, str)
    scale = _scale(group, truth, scales, relative_scale)
    errors = ((v.point - truth) / scale for v in votes)  # type: ignore[operator]
    return [1.0 / (1.0 + e * e) for e in errors]


def _corroboration(
    group: _Group, settings: LearningConfig, discounts: Sequence[float] | None
) -> list[float] | None:
    """Per vote, how close its figure comes to the nearest figure another origin gives (the
    closeness kernel, centred on the other figure), the other's copy discount applied so that
    a copier cannot vouch for its model; ``None`` when one origin alone gives figures."""
    votes = group.ballot.votes
    if len({v.origin for v in votes}) < 2:
        return None
    ds = list(discounts) if discounts else [1.0] * len(votes)
    out = []
    for v in votes:
        best = 0.0
        for o, d in zip(votes, ds, strict=True):
            if o.origin == v.origin:
                continue
            if group.ballot.kind == "category" or isinstance(o.point, str):
                near = 1.0 if o.point == v.point else 0.0
            else:
                scale = _scale(group, o.point, settings.scales, settings.relative_scale)
                error = (v.point - o.point) / scale  # type: ignore[operator]
                near = 1.0 / (1.0 + error * error)
            best = max(best, near * d)
        out.append(best)
    return out


def _dependence(
    groups: Sequence[_Group],
    truths: Sequence[Point | None],
    scales: Mapping[str, float],
    relative_scale: float,
) -> dict[tuple[str, str], float]:
    """Pairwise copying scores from identical off-consensus figures (see module docstring)."""
    off_shared: dict[tuple[str, str], int] = defaultdict(int)  # directed: first is off
    both_off: dict[tuple[str, str], int] = defaultdict(int)
    same_off: dict[tuple[str, str], int] = defaultdict(int)
    for group, truth in zip(groups, truths, strict=True):
        if truth is None:
            continue
        present = sorted({v.origin for v in group.ballot.votes})
        givers: dict[Point, int] = defaultdict(int)
        for v in group.ballot.votes:
            givers[v.point] += 1
        rare = max(2.0, _RARE * len(present))
        # Only rare off-consensus figures are evidence, for or against: a figure many sources
        # share off the consensus (a misread stretch of data) says nothing about copying.
        off: dict[str, set[Point]] = defaultdict(set)
        near = _closeness(group, truth, scales, relative_scale)
        for v, closeness in zip(group.ballot.votes, near, strict=True):
            if closeness < _OFF and givers[v.point] <= rare:
                off[v.origin].add(v.point)
        for s in off:
            for o in present:
                if o != s:
                    off_shared[(s, o)] += 1
        for a, b in combinations(sorted(off), 2):
            both_off[(a, b)] += 1
            if off[a] & off[b]:
                same_off[(a, b)] += 1
    dependence = {}
    for (a, b), same in same_off.items():
        either = off_shared[(a, b)] + off_shared[(b, a)] - both_off[(a, b)]
        dependence[(a, b)] = same / (either + _DEPENDENCE_PSEUDO)
    return dependence


def _blend(close: float, votes: float, prior: float, strength: float) -> float:
    """Mean closeness blended with a prior as ``strength`` pseudo-votes, kept inside (0, 1)."""
    return min(max(_EPS, (close + strength * prior) / (votes + strength)), 1 - _EPS)


@attrs.frozen
class _Scores:
    """One scoring step: scores, the sums they came from, the prior used, and by kind."""

    score: dict[str, float]
    close_sum: dict[str, float]
    weight_sum: dict[str, float]
    prior: dict[str, float]
    by_kind: dict[tuple[str, str], float]
    kind_sums: dict[tuple[str, str], tuple[float, float]]


@attrs.frozen
class _Run:
    """One start's fixed point."""

    score: dict[str, float]
    mean_close: dict[str, float]
    weight_sum: dict[str, float]
    truths: list[Point | None]
    iterations: int
    converged: bool
    by_kind: dict[tuple[str, str], float]
    kind_sums: dict[tuple[str, str], tuple[float, float]]


class _Learner:
    """The iteration of :func:`learn_reliability`, from any start."""

    def __init__(
        self,
        prepared: Sequence[_Group],
        settings: LearningConfig,
        prior: dict[str, float],
        explicit: Mapping[str, float],
        discounts: Sequence[Sequence[float]] | None,
    ) -> None:
        self.prepared = prepared
        self.settings = settings
        self.prior = prior
        self.explicit = explicit
        self.discounts = discounts
        self.sources = sorted({v.origin for g in prepared for v in g.ballot.votes})
        self.support: dict[str, int] = defaultdict(int)
        for g in prepared:
            for origin in {v.origin for v in g.ballot.votes}:
                self.support[origin] += 1
        # Each group's kind of item is fixed by its votes, so it is taken once.
        self.kinds = [item_kind(g.ballot.votes, settings.error_model) for g in prepared]
        # Under ``corroborated``, a vote's evidence is fixed by the other origins' figures.
        self.corroboration = (
            [
                _corroboration(g, settings, discounts[i] if discounts else None)
                for i, g in enumerate(prepared)
            ]
            if settings.error_model == "corroborated"
            else None
        )
        self.kind_support: dict[tuple[str, str], int] = defaultdict(int)
        for g, kind in zip(prepared, self.kinds, strict=True):
            for origin in {v.origin for v in g.ballot.votes} if kind else ():
                self.kind_support[origin, kind] += 1

    def consensus(
        self,
        score: Mapping[str, float],
        discounts: Sequence[Sequence[float]] | None,
        by_kind: Mapping[tuple[str, str], float] | None = None,
    ) -> list[Point | None]:
        cfg = self.settings
        weight = {s: vote_weight(score[s]) for s in self.sources}  # once a source, not a vote
        on_kind = {unit: vote_weight(x) for unit, x in (by_kind or {}).items()}
        out = []
        for i, g in enumerate(self.prepared):
            ds = discounts[i] if discounts else [1.0] * len(g.ballot.votes)
            kind = self.kinds[i]
            pairs = [
                (v.point, v.share * on_kind.get((v.origin, kind), weight[v.origin]) * d)
                for v, d in zip(g.ballot.votes, ds, strict=True)
            ]
            out.append(_center(g, pairs, cfg.center, cfg.scales, cfg.relative_scale))
        return out

    def scores(self, truths: Sequence[Point | None], prior: Mapping[str, float]) -> _Scores:
        """New scores from the consensus values, with the closeness sums they came from."""
        cfg = self.settings
        close_sum: dict[str, float] = defaultdict(float)
        weight_sum: dict[str, float] = defaultdict(float)
        kind_close: dict[tuple[str, str], float] = defaultdict(float)
        kind_weight: dict[tuple[str, str], float] = defaultdict(float)
        for i, (g, kind, truth) in enumerate(zip(self.prepared, self.kinds, truths, strict=True)):
            if truth is None:
                continue
            if self.corroboration is None:
                near = _closeness(g, truth, cfg.scales, cfg.relative_scale)
            elif (found := self.corroboration[i]) is not None:
                near = found
            else:  # a source alone on an item: nothing to check it against
                continue
            for v, closeness in zip(g.ballot.votes, near, strict=True):
                close_sum[v.origin] += v.share * closeness
                weight_sum[v.origin] += v.share
                if kind:
                    kind_close[v.origin, kind] += v.share * closeness
                    kind_weight[v.origin, kind] += v.share
        if cfg.pooled_prior:
            prior = {**_pooled(self.sources, self.support, close_sum, weight_sum), **self.explicit}
        k = cfg.prior_strength
        new = {s: _blend(close_sum[s], weight_sum[s], prior[s], k) for s in self.sources}
        # A source's record on one kind of item is shrunk toward its whole record, so a kind
        # seen a few times barely departs from it (a hierarchical prior).
        by_kind = {
            unit: _blend(kind_close[unit], w, new[unit[0]], k) for unit, w in kind_weight.items()
        }
        sums = {unit: (kind_close[unit], w) for unit, w in kind_weight.items()}
        return _Scores(new, dict(close_sum), dict(weight_sum), dict(prior), by_kind, sums)

    def run(
        self,
        start: Mapping[str, float],
        max_iter: int,
        tol: float,
        start_by_kind: Mapping[tuple[str, str], float] | None = None,
    ) -> _Run:
        score = dict(start)
        by_kind = dict(start_by_kind or {})
        prior = dict(self.prior)
        iterations, converged = 0, False
        mean_close = dict.fromkeys(self.sources, 0.0)
        weight_sum: dict[str, float] = {}
        kind_sums: dict[tuple[str, str], tuple[float, float]] = {}
        truths: list[Point | None] = []
        while iterations < max_iter and not converged:
            iterations += 1
            truths = self.consensus(score, self.discounts, by_kind)
            found = self.scores(truths, prior)
            weight_sum, prior, kind_sums = found.weight_sum, found.prior, found.kind_sums
            moved = [abs(found.score[s] - score[s]) for s in self.sources]
            moved += [abs(x - by_kind.get(u, score[u[0]])) for u, x in found.by_kind.items()]
            converged = max(moved, default=0.0) < tol
            score, by_kind = found.score, found.by_kind
            mean_close = {
                s: found.close_sum.get(s, 0.0) / weight_sum[s] if weight_sum.get(s) else 0.0
                for s in self.sources
            }
        if converged or not truths:
            truths = self.consensus(score, self.discounts, by_kind)
        return _Run(
            score, mean_close, weight_sum, truths, iterations, converged, by_kind, kind_sums
        )

    def fit(self, run: _Run) -> float:
        """Mean closeness of the copy-discounted votes to their consensus: agreement with the
        independent evidence, the gold-free rule for choosing between starts."""
        cfg = self.settings
        total = weight = 0.0
        for i, (g, truth) in enumerate(zip(self.prepared, run.truths, strict=True)):
            if truth is None:
                continue
            ds = self.discounts[i] if self.discounts else [1.0] * len(g.ballot.votes)
            near = _closeness(g, truth, cfg.scales, cfg.relative_scale)
            for v, d, c in zip(g.ballot.votes, ds, near, strict=True):
                total += v.share * d * c
                weight += v.share * d
        return total / weight if weight else 0.0


def learn_reliability(
    groups: Iterable[Sequence[Claim]],
    *,
    actors: ActorIndex | Iterable[Actor] | None = None,
    priors: Mapping[str, float] | None = None,
    config: str | LearningConfig = "default",
    max_iter: int = 100,
    tol: float = 1e-6,
    scales: Mapping[str, float] | None = None,
    relative_scale: float | None = None,
    prior_strength: float | None = None,
    copying: bool | None = None,
    center: str | None = None,
    pooled_prior: bool | None = None,
    starts: Sequence[str] | None = None,
    error_model: str | None = None,
) -> Reliability:
    """Learn each source's reliability from a whole dataset of groups.

    Args:
        groups: the claims of each group (one question per group), e.g. the values of a
            grouping by :func:`group_key`.
        actors: declarations that resolve claimants to origins and give their sides.
        priors: prior reliability in (0, 1) by source id or by side (``{"mnla": 0.3}``,
            ``{"government": 0.4}``); blended in as ``prior_strength`` pseudo-votes.
        config: a name in :data:`CONFIGS` or a :class:`LearningConfig`: the settings below
            that are not given explicitly.
        max_iter: the most iterations to run, per start.
        tol: stop when no score changes by more than this.
        scales: closeness scale by measure, in the value's unit (``{"actual_departure": 5}``).
        relative_scale: for quantities without a scale, the scale as a share of the consensus.
        prior_strength: how many votes a prior weighs.
        copying: whether to detect and discount sources that copy one another.
        center: ``"median"`` or ``"mode"``: how a group's consensus is taken (see above); the
            ``weighted`` rule uses the same centre when given the result.
        pooled_prior: shrink a source that has no prior of its own toward the pooled mean
            closeness of the sources in its support class (those seen in 1, 2-3, 4-7, 8-15,
            ... groups), re-estimated every iteration, instead of toward 1/2 (see above).
        starts: the starting points to run (``trusted``, ``majority``), best fit chosen.
        error_model: ``single`` (one score per source, against the consensus),
            ``magnitude`` (a score per source and order of magnitude of the item, shrunk
            toward its whole record) or ``corroborated`` (evidence only from items where
            another origin gives a figure, against the nearest such figure); see above.

    Returns:
        A :class:`Reliability` with every source's score, support, mean closeness and
        interval, the copying scores, the number of iterations, whether the scores converged,
        the start chosen and how much the starts disagreed (with a finding when materially).

    Raises:
        KeyError: when ``config`` names no configuration.
        ValueError: when ``starts`` is empty or names an unknown start, or ``error_model``
            names no error model.
    """
    base = CONFIGS[config] if isinstance(config, str) else config
    cfg = LearningConfig(
        center=base.center if center is None else center,
        scales=base.scales if scales is None else scales,
        relative_scale=base.relative_scale if relative_scale is None else relative_scale,
        prior_strength=base.prior_strength if prior_strength is None else prior_strength,
        copying=base.copying if copying is None else copying,
        pooled_prior=base.pooled_prior if pooled_prior is None else pooled_prior,
        starts=base.starts if starts is None else tuple(starts),
        error_model=base.error_model if error_model is None else error_model,
        why=base.why,
    )
    if cfg.error_model not in ERROR_MODELS:
        raise ValueError(f"expected an error model among {ERROR_MODELS!r}, got {cfg.error_model!r}")
    if not cfg.starts or any(s not in STARTS for s in cfg.starts):
        raise ValueError(f"expected starts among {STARTS!r}, got {cfg.starts!r}")
    index = as_index(actors)
    priors = dict(priors or {})
    prepared = [
        _Group(ballot, claims[0].measure)
        for claims in groups
        if claims and (ballot := make_ballot(claims, actors=index)).votes
    ]
    sources = sorted({v.origin for g in prepared for v in g.ballot.votes})
    prior = {s: _prior(s, priors, index) for s in sources}
    explicit = {s: p for s, p in prior.items() if s in priors or index.side(s) in priors}

    plain = [
        _center(
            g,
            [(v.point, v.share) for v in g.ballot.votes],
            cfg.center,
            cfg.scales,
            cfg.relative_scale,
        )
        for g in prepared
    ]
    dependence: dict[tuple[str, str], float] = {}
    discounts: list[list[float]] | None = None
    if cfg.copying:
        dependence = _dependence(prepared, plain, cfg.scales, cfg.relative_scale)
        discounts = [_discounts(g.ballot.votes, dependence) for g in prepared]
    learner = _Learner(prepared, cfg, prior, explicit, discounts)

    runs: dict[str, _Run] = {}
    for name in cfg.starts:
        start_by_kind: dict[tuple[str, str], float] = {}
        if name == "trusted":
            start = dict(prior) if priors else dict.fromkeys(sources, 1 - _EPS)
        else:  # majority: agreement with the plain vote, every copy counted
            first = learner.scores(plain, prior)
            start, start_by_kind = first.score, first.by_kind
        runs[name] = learner.run(start, max_iter, tol, start_by_kind)
    fits = {name: learner.fit(run) for name, run in runs.items()}
    chosen = max(cfg.starts, key=lambda n: (fits[n], -cfg.starts.index(n)))
    run = runs[chosen]
    disagreement = 0.0
    if len(runs) > 1 and prepared:
        differ = sum(
            1
            for values in zip(*(r.truths for r in runs.values()), strict=True)
            if len(set(values)) > 1
        )
        disagreement = differ / len(prepared)
    findings = []
    if disagreement > _DISAGREE:
        shown = ", ".join(f"{n} {fits[n]:.3f}" for n in cfg.starts)
        findings.append(
            Finding(
                code="reliability-starts-disagree",
                severity="warning",
                message=f"the starting points end with different consensus values in "
                f"{disagreement:.1%} of {len(prepared):,} groups; '{chosen}' was chosen by its "
                f"agreement with the copy-discounted votes ({shown}): check the sources with "
                f"wide intervals before relying on the scores",
            )
        )
    if not run.converged:
        findings.append(
            Finding(
                code="reliability-not-converged",
                severity="warning",
                message=f"scores still moved by more than {tol} after {run.iterations} "
                f"iterations (start '{chosen}')",
            )
        )
    k = cfg.prior_strength
    results = {
        s: SourceReliability(
            source=s,
            score=run.score[s],
            support=learner.support[s],
            closeness=run.mean_close[s],
            low=wilson(run.score[s], run.weight_sum.get(s, 0.0) + k)[0],
            high=wilson(run.score[s], run.weight_sum.get(s, 0.0) + k)[1],
        )
        for s in sources
    }
    kinds = {
        unit: SourceReliability(
            source=unit[0],
            score=x,
            support=learner.kind_support[unit],
            closeness=run.kind_sums[unit][0] / w if (w := run.kind_sums[unit][1]) else 0.0,
            low=wilson(x, run.kind_sums[unit][1] + k)[0],
            high=wilson(x, run.kind_sums[unit][1] + k)[1],
        )
        for unit, x in sorted(run.by_kind.items())
    }
    kept = {pair: d for pair, d in sorted(dependence.items()) if d > 0}
    return Reliability(
        sources=results,
        dependence=kept,
        iterations=run.iterations,
        converged=run.converged,
        center=cfg.center,
        scales=dict(cfg.scales),
        relative_scale=cfg.relative_scale,
        groups=len(prepared),
        start=chosen,
        disagreement=disagreement,
        findings=tuple(findings),
        error_model=cfg.error_model,
        kinds=kinds,
    )


def _pooled(
    sources: Iterable[str],
    support: Mapping[str, int],
    close_sum: Mapping[str, float],
    weight_sum: Mapping[str, float],
) -> dict[str, float]:
    """Each source's empirical-Bayes prior: the pooled mean closeness of its support class."""
    pooled_close: dict[int, float] = defaultdict(float)
    pooled_votes: dict[int, float] = defaultdict(float)
    for s in sources:
        cls = support[s].bit_length()  # 1 | 2-3 | 4-7 | 8-15 | ...
        pooled_close[cls] += close_sum.get(s, 0.0)
        pooled_votes[cls] += weight_sum.get(s, 0.0)
    out = {}
    for s in sources:
        cls = support[s].bit_length()
        out[s] = pooled_close[cls] / pooled_votes[cls] if pooled_votes[cls] else 0.5
    return out


def _prior(source: str, priors: Mapping[str, float], index: ActorIndex) -> float:
    if source in priors:
        return priors[source]
    side = index.side(source)
    if side is not None and side in priors:
        return priors[side]
    return 0.5
