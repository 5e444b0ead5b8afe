"""How fast the value grammar reads distinct texts, where its time goes, and a corpus to diff.

    python benchmarks/grammar.py                       # texts a second, diverse shape, 20k texts
    python benchmarks/grammar.py --shape news --n 50000
    python benchmarks/grammar.py --profile             # cProfile's top functions, by own time
    python benchmarks/grammar.py --dump out.jsonl      # every corpus text's reading, to diff
    python benchmarks/grammar.py --check-patterns      # the engine's patterns against it

The texts are the distinct value texts of a generated shape (``shapes.py``), read the way the
engine reads them (:func:`claimdiff._loader.convert.read_value` with the measure's kind). ``--dump``
writes, for the shapes' texts and every phrasing in the test suites' string literals, the
reading as ``repr`` of the value or the error message: run it on two checkouts and compare the
files to show that a change to the grammar's speed changed nothing it accepts or says.
``--check-patterns`` reads the same corpus with the engine's polars patterns
(:mod:`claimdiff._engine.texts`) under several policies and counts the texts they accept
whose value differs from the grammar's (it must be none).
"""

from __future__ import annotations

import argparse
import ast
import cProfile
import json
import pstats
import sys
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import shapes  # noqa: E402 -- the sibling module, importable once HERE is on the path

from claimdiff import (  # noqa: E402
    DEFAULT_POLICY,
    Category,
    ValuePolicy,
)
from claimdiff._loader.convert import measure_kind, read_value  # noqa: E402

KINDS = ("count", "quantity", "percent", "duration", "date", "category", "proposition")


def shape_texts(shape: str, n: int) -> list[tuple[str, str | None]]:
    """The distinct (value text, kind) pairs of ``n`` claims of ``shape``, in first-seen order."""
    seen: dict[tuple[str, str | None], None] = {}
    for record in shapes.records(shape, n):
        seen.setdefault((record["value"], measure_kind(record["measure"], {})), None)
    return list(seen)


def suite_phrasings(tests: Path) -> Iterator[str]:
    """Every short string literal in the test suites: the phrasings the tests read."""
    for path in sorted(tests.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and 0 < len(text) <= 80 and "\n" not in text:
                yield text


def reading(text: str, kind: str | None) -> str:
    """What the grammar makes of ``text``: the value's repr, or the error's type and message."""
    try:
        parsed = read_value(text, kind, 2024, DEFAULT_POLICY)
    except Exception as error:  # a crash is a reading too, to be diffed
        return f"raised {type(error).__name__}: {error}"
    if parsed.error is not None:
        return f"{type(parsed.error).__name__}: {parsed.error}"
    if isinstance(parsed.value, Category):  # a set's order changes with the hash seed
        return f"Category({sorted(parsed.value.members)!r}, {parsed.value.text!r})"
    return repr(parsed.value)


def corpus(n: int) -> list[str]:
    """The shapes' distinct texts at ``n`` claims and the test suites' phrasings."""
    texts: dict[str, None] = {}
    for shape in shapes.SHAPES:
        texts.update(dict.fromkeys(text for text, _ in shape_texts(shape, n)))
    texts.update(dict.fromkeys(suite_phrasings(HERE.parent / "tests")))
    return list(texts)


def check_patterns(n: int) -> None:
    """Read the corpus with the engine's patterns and print how many differ from the grammar."""
    import polars as pl

    from claimdiff._engine.texts import PLAIN_KINDS, plain_values, read_texts

    texts = corpus(n)
    rows = [(text, kind, None) for text in texts for kind in PLAIN_KINDS]
    frame = pl.DataFrame(
        rows,
        schema={"value": pl.String, "measure_kind": pl.String, "value_year": pl.Int32},
        orient="row",
    )
    policies = [
        DEFAULT_POLICY,
        ValuePolicy(tolerance=0.15, integer_counts=False),
        ValuePolicy(tolerance=0.123),
    ]
    for policy in policies:
        accepted = plain_values(frame, policy).select("value", "measure_kind")
        found = read_texts(accepted.with_columns(value_year=pl.lit(None, pl.Int32)), policy)
        values, vids = found
        differ = 0
        for text, kind, _, vid in vids.iter_rows():
            expected = read_value(text, kind or None, None, policy)
            if expected.error is not None or repr(expected.value) != repr(values[vid]):
                differ += 1
                print(f"differs: {text!r} as {kind or 'no kind'}: {values[vid]!r}")
        print(
            f"tolerance {policy.tolerance}, integer counts {policy.integer_counts}: "
            f"{accepted.height:,} of {frame.height:,} (text, kind) read by the patterns, "
            f"{differ} differ from the grammar"
        )


def dump(path: Path, n: int) -> int:
    """Write every corpus text's reading under every kind to ``path``; the number written."""
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for text in corpus(n):
            for kind in (*KINDS, None):
                line = {"text": text, "kind": kind, "reading": reading(text, kind)}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                written += 1
    return written


def main() -> None:
    """Parse the command line and measure, profile or dump."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", choices=shapes.SHAPES, default="diverse")
    parser.add_argument("--n", type=int, default=20_000, help="claims generated (default 20k)")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--dump", type=Path, help="write the corpus's readings to this file")
    parser.add_argument(
        "--check-patterns", action="store_true", help="the engine's patterns against the grammar"
    )
    args = parser.parse_args()
    if args.check_patterns:
        check_patterns(args.n)
        return
    if args.dump:
        written = dump(args.dump, args.n)
        print(f"{written:,} readings written to {args.dump}")
        return
    texts = shape_texts(args.shape, args.n)
    profiler = cProfile.Profile() if args.profile else None
    start, cpu = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    for text, kind in texts:
        read_value(text, kind, None, DEFAULT_POLICY)
    if profiler is not None:
        profiler.disable()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"{args.shape}: {len(texts):,} distinct texts in {seconds:.2f} s ({cpu:.2f} CPU s), "
        f"{len(texts) / cpu:,.0f} a CPU second"
    )
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
