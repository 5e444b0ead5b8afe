"""What the object model costs on its own, next to the polars floor, in one process.

    python benchmarks/floors.py               # 1M claims
    python benchmarks/floors.py --claims 100k

The end-to-end targets of issue 6 (at most half the pandas baseline, within 4 times the polars
floor) leave a budget per claim. This script measures, on the benchmark's generated claims,
the steps no implementation built on the present public types can skip, each in isolation:

* ``polars floor``: ``read_ndjson`` of the numeric file and the ``group_by`` of the benchmark;
* ``polars read, claimdiff's file``: ``read_ndjson`` of the file the other cases read, where
  values are text or tagged mappings (what a columnar engine would start from);
* ``json decode``: the standard library decoding every line (the fast path's decoder);
* ``claims``: one frozen :class:`claimdiff.Claim` per line from already decoded fields (no
  validation, values and relays shared), as a :class:`~claimdiff.Dataset` holds them;
* ``locations``: one :class:`claimdiff.Location` per claim, as ``Dataset.locations`` holds;
* ``entries``: one report :class:`claimdiff.Entry` per claim, as ``Report.groups`` holds.

Each is timed with the cyclic garbage collector paused, as the loader and the reconciler run,
and printed with its ratio to the polars floor. The sum of the last three is what building the
present ``Dataset`` and ``Report`` costs before any reading, checking or reconciling is done.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402 -- the sibling script, importable once HERE is on the path

from claimdiff import Claim, Entry, Location, Quantity, Relay  # noqa: E402


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        out = fn()
        return time.perf_counter() - start, out
    finally:
        gc.enable()


def main(argv: list[str] | None = None) -> int:
    """Make the data if needed, time each step and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", default="1M")
    args = parser.parse_args(argv)
    n = generate.parse_size(args.claims)
    path = generate.write(n, "jsonl")
    numeric = generate.write(n, "numeric.jsonl")  # the benchmark's: values already numeric
    lines = path.read_bytes().splitlines()

    import polars as pl  # imported before the clock starts, as in the benchmark's cases

    def polars_floor() -> int:
        frame = pl.read_ndjson(numeric)
        groups = frame.group_by(["event", "measure", "party", "place"]).agg(
            pl.col("low").min(), pl.col("high").max(), pl.col("claimant").n_unique()
        )
        return groups.height

    floor, _ = _timed(polars_floor)
    # The file claimdiff reads, values as text or tagged mappings: polars reads the mixed
    # column as strings, and the mix costs it a multiple of the numeric file's time.
    polars_read, _ = _timed(lambda: pl.read_ndjson(path).height)
    decode, records = _timed(lambda: [json.loads(line) for line in lines])
    value = Quantity(low=40, high=40, text="40")
    via = (Relay(outlet="Reuters"),)

    def claims() -> list[Claim]:
        return [
            Claim(
                id=r["id"],
                event=r["event"],
                measure=r["measure"],
                value=value,
                party=r.get("party"),
                place=r.get("place"),
                claimant=r.get("claimant"),
                via=via,
                document=r.get("document"),
            )
            for r in records
        ]

    def locations() -> dict[str, Location]:
        return {
            r["id"]: Location(file="claims.jsonl", line=i, column=1, record=r["id"])
            for i, r in enumerate(records, 1)
        }

    def entries() -> list[Entry]:
        return [
            Entry(
                claim=r["id"],
                value="40",
                low=40,
                high=40,
                claimant=r.get("claimant"),
                origin=r.get("claimant") or "",
                via=("Reuters",),
                perspective="third_party",
                camp=0,
            )
            for r in records
        ]

    rows = [("polars floor", floor), ("polars read, claimdiff's file", polars_read)]
    rows.append(("json decode", decode))
    for name, fn in (("claims", claims), ("locations", locations), ("entries", entries)):
        rows.append((name, _timed(fn)[0]))
    objects = sum(s for name, s in rows[3:])
    rows.append(("claims + locations + entries", objects))
    print(f"# {n:,} claims from {path.name}")
    print(f"{'step':<30} {'seconds':>8} {'us/claim':>9} {'vs polars':>9}")
    print("-" * 59)
    for name, seconds in rows:
        print(f"{name:<30} {seconds:>8.2f} {seconds / n * 1e6:>9.2f} {seconds / floor:>9.2f}")
    print(f"{'budget at 4x the polars floor':<30} {4 * floor:>8.2f} {4 * floor / n * 1e6:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
