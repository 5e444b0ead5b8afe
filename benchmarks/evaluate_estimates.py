"""Precision of claimdiff's estimates against gold truth, next to majority voting and the
algorithms of the ``truthdiscovery`` package, on the Flight and Population data sets.

Run from the repository root (see docs/estimates.md for the environment)::

    python benchmarks/evaluate_estimates.py --data ../shared/datasets

Every method sees the same normalised claims (the adapters in ``claimdiff.datasets``). The
``truthdiscovery`` algorithms treat values as labels; a source that gives one item two values
is reduced to its first one for them (the package refuses more). Precision is the share of gold
items (that have at least one claim) whose estimate equals the gold value; "near" is the share
within 10 minutes (flights) or 1% (population). Time is wall-clock seconds for the method alone
(for learned reliability: learning plus estimating), after loading.

Flight parameters (closeness scale, consensus centre) were chosen on the gold of the first seven
crawl days (2011-12-01 to 2011-12-08); the ``held-out`` table reports the remaining eight days
alone, which played no part in that choice.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from claimdiff._ballot import as_index
from claimdiff._estimate import POLICIES, estimate
from claimdiff._reliability import learn_reliability
from claimdiff._values import Quantity
from claimdiff.datasets import GoldData, ItemKey, load_flight, load_population

Answers = Mapping[ItemKey, Any]
FLIGHT_TIMES = ("scheduled_departure", "actual_departure", "scheduled_arrival", "actual_arrival")
#: Chosen on days 1-7 (see the module docstring): whole-minute closeness, mode consensus.
FLIGHT_LEARNING = {"scales": dict.fromkeys(FLIGHT_TIMES, 1.0), "center": "mode"}
TUNING_DAYS = (
    "2011-12-01",
    "2011-12-02",
    "2011-12-03",
    "2011-12-04",
    "2011-12-05",
    "2011-12-07",
    "2011-12-08",
)


def _point(claim_value: object) -> Any:
    return claim_value.nominal if isinstance(claim_value, Quantity) else claim_value


def majority(groups: Mapping[ItemKey, Sequence[Any]]) -> dict[ItemKey, Any]:
    """Plain majority voting over claims (ties: the lowest value)."""
    out = {}
    for key, claims in groups.items():
        counts = Counter(_point(c.value) for c in claims)
        out[key] = min(counts, key=lambda v: (-counts[v], v))
    return out


def claimdiff_methods(name: str) -> dict[str, Callable[[dict[ItemKey, list[Any]]], Answers]]:
    """The claimdiff policies, plus ``weighted`` on reliability learned from the whole data set."""
    index = as_index(None)
    methods: dict[str, Callable[[dict[ItemKey, list[Any]]], Answers]] = {}
    for policy in POLICIES:
        if policy == "weighted":
            continue

        def run(groups: dict[ItemKey, list[Any]], policy: str = policy) -> Answers:
            out = {}
            for k, g in groups.items():
                est = estimate(g, policy=policy, actors=index)
                out[k] = est.best if est else None
            return out

        methods[f"claimdiff {policy}"] = run
    settings: list[tuple[str, dict[str, Any]]] = [
        ("median", {}),
        ("mode", {"center": "mode"}),
        # The pooled prior on top of each data set's own setting (defaults for population,
        # the days 1-7 choice for flights); its support classes are fixed, not tuned.
        ("median, pooled prior", {"pooled_prior": True}),
    ]
    if name == "flight":
        settings = [
            ("median", {"scales": FLIGHT_LEARNING["scales"]}),
            ("mode", FLIGHT_LEARNING),
            ("mode, pooled prior", {**FLIGHT_LEARNING, "pooled_prior": True}),
        ]
    for label, kwargs in settings:

        def learned(groups: dict[ItemKey, list[Any]], kwargs: dict[str, Any] = kwargs) -> Answers:
            rel = learn_reliability(groups.values(), actors=index, **kwargs)
            out = {}
            for k, g in groups.items():
                est = estimate(g, policy="weighted", actors=index, reliability=rel)
                out[k] = est.best if est else None
            return out

        methods[f"claimdiff weighted (learned, {label})"] = learned
    return methods


def peer_methods() -> dict[str, Callable[[dict[ItemKey, list[Any]]], Answers]]:
    """The ``truthdiscovery`` algorithms, or nothing (with a message) when it is not installed."""
    try:
        import truthdiscovery as td  # type: ignore[import-not-found]  # benchmark-only peer
    except ImportError:
        print(
            "truthdiscovery is not installed: peer algorithms skipped "
            "(see docs/estimates.md for how to install it beside claimdiff).",
            file=sys.stderr,
        )
        return {}
    names = [
        "MajorityVoting",
        "Sums",
        "AverageLog",
        "Investment",
        "PooledInvestment",
        "TruthFinder",
    ]
    out: dict[str, Callable[[dict[ItemKey, list[Any]]], Answers]] = {}
    for algo_name in names:
        algo_cls = getattr(td, algo_name, None)
        if algo_cls is None:
            continue

        def run(groups: dict[ItemKey, list[Any]], algo_cls: Any = algo_cls) -> Answers:
            keys = list(groups)
            triples = [
                (c.claimant, i, _point(c.value)) for i, k in enumerate(keys) for c in groups[k]
            ]
            data = td.Dataset(triples, allow_multiple=True)
            result = algo_cls().run(data)
            answers = {}
            for i, k in enumerate(keys):
                if i in result.belief:
                    answers[k] = min(result.get_most_believed_values(i))
            return answers

        out[f"truthdiscovery {algo_name}"] = run
    return out


def _near(answer: Any, gold: Any, name: str) -> bool:
    if answer is None or isinstance(answer, str):
        return False
    if name == "flight":
        return bool(abs(answer - gold) <= 10)
    return bool(abs(answer - gold) <= 0.01 * abs(gold))


def evaluate(data: GoldData, *, split: bool) -> None:
    """Print one table per data set (and the held-out flight days)."""
    groups = data.groups()
    gold = {k: _point(v) for k, v in data.truth.items() if k in groups}
    print(
        f"\n## {data.name}: {len(data.claims)} claims, {len(groups)} items, "
        f"{len(gold)} gold items with claims\n"
    )
    methods = {
        "majority (claims)": lambda g: majority({k: g[k] for k in gold}),
        **claimdiff_methods(data.name),
        **peer_methods(),
    }
    subsets = {"all": list(gold)}
    if split:
        subsets["held-out days"] = [k for k in gold if k[0].rsplit("@", 1)[1] not in TUNING_DAYS]
    rows = []
    for label, method in methods.items():
        start = time.perf_counter()
        answers = method(groups)
        seconds = time.perf_counter() - start
        cells = []
        for keys in subsets.values():
            ok = sum(1 for k in keys if answers.get(k) is not None and answers[k] == gold[k])
            near = sum(1 for k in keys if _near(answers.get(k), gold[k], data.name))
            cells.append(f"{ok / len(keys):.3f} | {near / len(keys):.3f} | {len(keys)}")
        rows.append(f"| {label} | {' | '.join(cells)} | {seconds:.1f} |")
        print(rows[-1], flush=True)
    head = " | ".join(f"precision ({s}) | near ({s}) | items ({s})" for s in subsets)
    print(f"\n| method | {head} | time (s) |")
    print("|---" * (2 + 3 * len(subsets)) + "|")
    print("\n".join(rows))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/datasets", help="folder of the data sets")
    parser.add_argument("--only", choices=["flight", "population"], help="one data set")
    args = parser.parse_args(argv)
    if args.only in (None, "population"):
        evaluate(load_population(args.data), split=False)
    if args.only in (None, "flight"):
        evaluate(load_flight(args.data), split=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
