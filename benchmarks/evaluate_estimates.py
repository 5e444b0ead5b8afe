"""Precision of claimdiff's estimates against gold truth, next to majority voting and every
algorithm of the ``truthdiscovery`` package, on the Flight and Population data sets.

Run from the repository root (see docs/estimates.md for the environment)::

    python benchmarks/evaluate_estimates.py --data ../shared/datasets

Only public names of claimdiff are used. Every method sees the same normalised claims (the
adapters in ``claimdiff.datasets``). The ``truthdiscovery`` algorithms treat values as labels; a
source that gives one item two values is reduced to its first one for them (the package refuses
more). Precision is the share of gold items (that have at least one claim) whose answer equals
the gold value; "near" is the share within 10 minutes (flights) or 1% (population). Time is
wall-clock seconds for the method alone (for learned reliability: learning, both starts, plus
estimating), after loading.

**Ties are scored alike for every method.** A method that leaves several values tied for the
most belief (a ``truthdiscovery`` result whose ``get_most_believed_values`` holds several, a
majority vote with several values at the top, a claimdiff estimate with ``tied``) has not
answered: ``precision`` counts it as wrong. ``ties → lowest`` scores the same answers with
every tie broken toward the lowest tied value, for every method alike (earlier versions of this
script broke the peers' ties that way and counted claimdiff's as wrong), and ``ties`` counts
them.

**How the recommended configuration is chosen.** claimdiff's rows are the rules that need no
learning, then ``weighted`` learned with each named configuration in ``claimdiff.CONFIGS``
(learning never reads gold). The configuration marked ``**chosen**`` is the one with the best
precision on the *choice* half of the gold items only, ties to the first in ``CONFIGS``; the
``held-out`` columns score the other half, which played no part in the choice. Flight: the
choice half is the first seven crawl days (2011-12-01 to 12-08), the days the ``flight-times``
settings were designed on; held out are 12-09 to 12-16. Population: the gold items split in two
by a seeded shuffle (seed 19), choice half first. The line under each table names the chosen
configuration and its precision on the choice half.

The flight stability table scores the chosen configuration and every peer on one fixed set of
flight days (2011-12-05 to 2011-12-12) while the days learned from change: all 15 days, three
removed at either end or scattered, the core alone, and all 15 plus three *misread* days (copies
of 2011-12-13 to 12-15 in which every cell written without a year is read a year early, as the
adapter did before it took the year from the crawl day). Population has no days: its stability
table scores the chosen configuration and every peer on the gold items while, in seeded rounds,
a tenth of the other items, or a twentieth of the sources (with every claim they made, gold
items included), is removed at random.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

import claimdiff
from claimdiff.datasets import GoldData, ItemKey, load_flight, load_population

Groups = Mapping[ItemKey, Sequence[claimdiff.Claim]]
Answers = Mapping[ItemKey, Any]
Method = Callable[[Groups], Answers]


@attrs.frozen
class Tied:
    """Several values tied for the most belief: no answer (see the docstring)."""

    values: tuple[Any, ...]


#: The seed of Population's split and stability rounds.
SEED = 19
#: The days the flight configuration is chosen on (the first seven crawl days).
TUNING_DAYS = frozenset(f"2011-12-{d:02d}" for d in (1, 2, 3, 4, 5, 7, 8))
#: The days the stability table scores, whatever the days learned from.
CORE_DAYS = frozenset(f"2011-12-{d:02d}" for d in (5, 7, 8, 9, 10, 11, 12))
MISREAD_DAYS = ("2011-12-13", "2011-12-14", "2011-12-15")
_YEAR_MINUTES = 365 * 1440
_HAS_YEAR = re.compile(r"\b\d{4}\b|\b\d{1,2}[/-]\d{1,2}[/-]\d{2}\b")
#: The package's algorithm names; CRH is attempted only below this many distinct claims.
PEERS = (
    "MajorityVoting",
    "Sums",
    "AverageLog",
    "Investment",
    "PooledInvestment",
    "TruthFinder",
    "UnboundedSums",
    "CRH",
)
_CRH_LIMIT = 4_000


def _point(value: object) -> Any:
    return value.nominal if isinstance(value, claimdiff.Quantity) else value


def _day(key: ItemKey) -> str:
    return key[0].rsplit("@", 1)[-1]


def _answer(values: Iterable[Any]) -> Any:
    """The one value, or :class:`Tied` when several tie."""
    top = sorted(set(values))
    return top[0] if len(top) == 1 else Tied(tuple(top))


def majority(groups: Groups) -> dict[ItemKey, Any]:
    """Plain majority voting over claims; several values at the top are a tie."""
    out = {}
    for key, claims in groups.items():
        counts = Counter(_point(c.value) for c in claims)
        most = max(counts.values())
        out[key] = _answer(v for v, n in counts.items() if n == most)
    return out


def _best(claims: Sequence[claimdiff.Claim], **kwargs: Any) -> Any:
    est = claimdiff.estimate(claims, **kwargs)
    if est is None:
        return None
    return Tied(tuple(est.tied)) if est.best is None and est.tied else est.best


def claimdiff_methods(score: Sequence[ItemKey]) -> dict[str, Method]:
    """The rules that need no learning, then ``weighted`` under every named configuration,
    each estimating the ``score`` groups (learning always sees every group)."""
    methods: dict[str, Method] = {}
    for rule in claimdiff.RULES:
        if rule == "weighted":  # without reliability it is median-of-origins
            continue

        def run(groups: Groups, rule: str = rule) -> Answers:
            return {k: _best(groups[k], rule=rule) for k in score}

        methods[f"claimdiff {rule}"] = run
    for config in claimdiff.CONFIGS:
        methods[f"claimdiff weighted, {config}"] = learned(config, score)
    return methods


def learned(config: str, score: Iterable[ItemKey] | None = None) -> Method:
    """``weighted`` with reliability learned from every group given, estimates for ``score``
    (every group when ``None``)."""

    def run(groups: Groups) -> Answers:
        rel = claimdiff.learn_reliability(groups.values(), config=config)
        for finding in rel.findings:
            print(f"  [{config}] {finding.code}: {finding.message}", file=sys.stderr)
        keys = groups if score is None else [k for k in score if k in groups]
        return {k: _best(groups[k], rule="weighted", reliability=rel) for k in keys}

    return run


def peer_methods() -> dict[str, Method]:
    """The ``truthdiscovery`` algorithms, or nothing (with a message) when it is not installed."""
    try:
        import truthdiscovery as td  # type: ignore[import-not-found,import-untyped,unused-ignore]  # optional peer
    except ImportError:
        print(
            "truthdiscovery is not installed: peer algorithms skipped "
            "(see docs/estimates.md for how to install it beside claimdiff).",
            file=sys.stderr,
        )
        return {}
    out: dict[str, Method] = {}
    for algo_name in PEERS:
        algo_cls = getattr(td, algo_name)

        def run(groups: Groups, algo_cls: Any = algo_cls, algo_name: str = algo_name) -> Answers:
            keys = list(groups)
            triples = [
                (c.claimant, i, _point(c.value)) for i, k in enumerate(keys) for c in groups[k]
            ]
            data = td.Dataset(triples, allow_multiple=True)
            if algo_name == "CRH" and data.num_claims > _CRH_LIMIT:
                gib = 3 * 8 * data.num_claims**2 / 2**30
                print(
                    f"  CRH not run: it builds dense {data.num_claims:,} x {data.num_claims:,} "
                    f"matrices (about {gib:,.0f} GiB)",
                    file=sys.stderr,
                )
                return {}
            result = algo_cls().run(data)
            answers = {}
            for i, k in enumerate(keys):
                if i in result.belief:
                    answers[k] = _answer(result.get_most_believed_values(i))
            return answers

        out[f"truthdiscovery {algo_name}"] = run
    return out


def _near(answer: Any, gold: Any, name: str) -> bool:
    if answer is None or isinstance(answer, str | Tied):
        return False
    if name == "flight":
        return bool(abs(answer - gold) <= 10)
    return bool(abs(answer - gold) <= 0.01 * abs(gold))


def _lowest(answer: Any) -> Any:
    return answer.values[0] if isinstance(answer, Tied) else answer


def _precision(
    answers: Answers, gold: Mapping[ItemKey, Any], keys: Sequence[ItemKey], *, low: bool = False
) -> float:
    """The share of ``keys`` answered with the gold value; ties wrong unless ``low``."""
    pick = _lowest if low else (lambda a: a)
    ok = sum(1 for k in keys if k in answers and pick(answers[k]) == gold[k])
    return ok / len(keys) if keys else 0.0


def split(data: GoldData, keys: Sequence[ItemKey]) -> tuple[list[ItemKey], list[ItemKey], str]:
    """The choice half and the held-out half of the gold items, and how they were drawn."""
    if data.name == "flight":
        choice = [k for k in keys if _day(k) in TUNING_DAYS]
        rest = [k for k in keys if _day(k) not in TUNING_DAYS]
        return choice, rest, "choice: days 12-01 to 12-08; held out: 12-09 to 12-16"
    shuffled = sorted(keys, key=repr)
    random.Random(SEED).shuffle(shuffled)
    half = len(shuffled) // 2
    return (
        shuffled[:half],
        shuffled[half:],
        f"choice: {half} gold items drawn with seed {SEED}; held out: the other {len(keys) - half}",
    )


def evaluate(data: GoldData) -> str:
    """Print one table per data set; return the configuration chosen on the choice half."""
    groups = data.groups()
    gold = {k: _point(v) for k, v in data.truth.items() if k in groups}
    print(
        f"\n## {data.name}: {len(data.claims):,} claims, {len(groups):,} items, "
        f"{len(gold):,} gold items with claims; cells skipped: {dict(data.skipped)}, "
        f"unreadable: {data.unreadable}\n",
        flush=True,
    )
    methods: dict[str, Method] = {
        "majority (claims)": lambda g: majority({k: g[k] for k in gold}),
        **claimdiff_methods(list(gold)),
        **peer_methods(),
    }
    choice, held_out, how = split(data, list(gold))
    subsets = {"all": list(gold), "held-out": held_out}
    head = " | ".join(
        f"precision ({s}) | ties \u2192 lowest ({s}) | near ({s}) | items ({s})" for s in subsets
    )
    print(f"| method | {head} | ties (all) | time (s) |")
    print("|---" * (3 + 4 * len(subsets)) + "|", flush=True)
    rows: dict[str, str] = {}
    on_choice: dict[str, float] = {}
    for label, method in methods.items():
        start = time.perf_counter()
        answers = method(groups)
        seconds = time.perf_counter() - start
        if not answers:
            rows[label] = f"| {label} | not run (see above) |"
            continue
        cells = []
        for keys in subsets.values():
            near = sum(1 for k in keys if _near(answers.get(k), gold[k], data.name))
            precision = _precision(answers, gold, keys)
            lowest = _precision(answers, gold, keys, low=True)
            cells.append(f"{precision:.3f} | {lowest:.3f} | {near / len(keys):.3f} | {len(keys)}")
        ties = sum(1 for k in gold if isinstance(answers.get(k), Tied))
        rows[label] = f"| {label} | {' | '.join(cells)} | {ties} | {seconds:.1f} |"
        on_choice[label] = _precision(answers, gold, choice)
    configs = [f"claimdiff weighted, {c}" for c in claimdiff.CONFIGS]
    chosen = max(configs, key=lambda c: (on_choice.get(c, -1.0), -configs.index(c)))
    for label, row in rows.items():
        mark = " **chosen**" if label == chosen else ""
        print(row.replace(f"| {label} |", f"| {label}{mark} |", 1), flush=True)
    shown = ", ".join(f"{c.rsplit(', ', 1)[1]} {on_choice.get(c, 0.0):.3f}" for c in configs)
    config = chosen.rsplit(", ", 1)[1]
    print(
        f"\nChosen configuration: {config}, the best precision on the choice half ({how}): "
        f"{shown}. How each configuration's settings were chosen:\n",
        flush=True,
    )
    for name, settings in claimdiff.CONFIGS.items():
        print(f"- {name}: {settings.why}", flush=True)
    return config


def misread(groups: Groups, days: Sequence[str]) -> dict[ItemKey, list[claimdiff.Claim]]:
    """Copies of ``days`` as the old adapter read them: every time written without a year
    one year early. The copies are new items (``...@<day>~misread``) without gold."""
    out: dict[ItemKey, list[claimdiff.Claim]] = {}
    for key, claims in groups.items():
        if _day(key) not in days:
            continue
        copied = []
        for c in claims:
            value = c.value
            if isinstance(value, claimdiff.Quantity) and not _HAS_YEAR.search(value.text):
                assert value.nominal is not None
                value = claimdiff.Quantity.exact(value.nominal - _YEAR_MINUTES, text=value.text)
            copied.append(
                attrs.evolve(c, id=f"{c.id}~misread", event=f"{c.event}~misread", value=value)
            )
        out[(f"{key[0]}~misread", key[1], key[2])] = copied
    return out


def stability(data: GoldData, config: str) -> None:
    """Precision on the core days while the days learned from change (see the docstring)."""
    groups = data.groups()
    gold = {k: _point(v) for k, v in data.truth.items() if k in groups}
    core = [k for k in gold if _day(k) in CORE_DAYS]
    days = sorted({_day(k) for k in groups})
    variants: dict[str, set[str]] = {
        "all 15 days": set(days),
        "without 12-01, 12-02, 12-03": set(days) - {"2011-12-01", "2011-12-02", "2011-12-03"},
        "without 12-14, 12-15, 12-16": set(days) - {"2011-12-14", "2011-12-15", "2011-12-16"},
        "without 12-01, 12-13, 12-16": set(days) - {"2011-12-01", "2011-12-13", "2011-12-16"},
        "core days alone": set(CORE_DAYS),
        "all 15 + 3 misread days": set(days),
    }
    methods: dict[str, Method] = {
        "majority (claims)": majority,
        f"claimdiff weighted, {config}": learned(config, core),
        **{k: v for k, v in peer_methods().items() if not k.endswith("CRH")},
    }
    print(f"\n## flight stability: precision on the {len(core):,} gold items of the core days\n")
    print("| method | " + " | ".join(variants) + " | spread |")
    print("|---" * (len(variants) + 2) + "|", flush=True)
    for label, method in methods.items():
        cells = []
        for variant, chosen in variants.items():
            sub: dict[ItemKey, Sequence[claimdiff.Claim]] = {
                k: g for k, g in groups.items() if _day(k) in chosen
            }
            if "misread" in variant:
                sub.update(misread(groups, MISREAD_DAYS))
            cells.append(_precision(method(sub), gold, core))
        spread = max(cells) - min(cells)
        shown = " | ".join(f"{c:.3f}" for c in cells)
        print(f"| {label} | {shown} | {100 * spread:.1f} points |", flush=True)


def population_stability(data: GoldData, config: str, rounds: int) -> None:
    """Precision on the gold items while items or sources are removed (see the docstring)."""
    groups = data.groups()
    gold = {k: _point(v) for k, v in data.truth.items() if k in groups}
    others = sorted((k for k in groups if k not in gold), key=repr)
    sources = sorted({c.claimant or "" for g in groups.values() for c in g})
    rng = random.Random(SEED)
    variants: dict[str, dict[ItemKey, Sequence[claimdiff.Claim]]] = {"all items": dict(groups)}
    for r in range(1, rounds + 1):
        dropped = set(rng.sample(others, len(others) // 10))
        variants[f"items -10% ({r})"] = {k: g for k, g in groups.items() if k not in dropped}
    for r in range(1, rounds + 1):
        gone = set(rng.sample(sources, len(sources) // 20))
        kept = {k: [c for c in g if c.claimant not in gone] for k, g in groups.items()}
        variants[f"sources -5% ({r})"] = {k: g for k, g in kept.items() if g}
    methods: dict[str, Method] = {
        "majority (claims)": majority,
        f"claimdiff weighted, {config}": learned(config, list(gold)),
        **{k: v for k, v in peer_methods().items() if not k.endswith("CRH")},
    }
    print(
        f"\n## population stability: precision on the {len(gold):,} gold items (one a round left "
        f"without claims counts as wrong), seed {SEED}\n"
    )
    print("| method | " + " | ".join(variants) + " | spread |")
    print("|---" * (len(variants) + 2) + "|", flush=True)
    for label, method in methods.items():
        cells = [_precision(method(sub), gold, list(gold)) for sub in variants.values()]
        spread = max(cells) - min(cells)
        shown = " | ".join(f"{c:.3f}" for c in cells)
        print(f"| {label} | {shown} | {100 * spread:.1f} points |", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; see the module docstring."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", default="../shared/datasets", help="folder of the data sets")
    parser.add_argument("--only", choices=["flight", "population"], help="one data set")
    parser.add_argument("--no-stability", action="store_true", help="skip the stability tables")
    parser.add_argument("--rounds", type=int, default=3, help="Population stability rounds")
    args = parser.parse_args(argv)
    if args.only in (None, "population"):
        population = load_population(args.data)
        config = evaluate(population)
        if not args.no_stability:
            population_stability(population, config, args.rounds)
    if args.only in (None, "flight"):
        flight = load_flight(args.data)
        config = evaluate(flight)
        if not args.no_stability:
            stability(flight, config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
