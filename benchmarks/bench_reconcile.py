"""Load and reconcile generated claims, next to pandas and polars baselines, in one command.

    python benchmarks/bench_reconcile.py --rounds 3           # three shapes, 100k and 1M claims
    python benchmarks/bench_reconcile.py --shapes generated   # the project's own generator
    python benchmarks/bench_reconcile.py --sizes 1M --dask    # with the Dask path
    python benchmarks/bench_reconcile.py --sizes 10M --dask --cases dask
    python benchmarks/bench_reconcile.py --cases claimdiff,claimdiff-csv,claimdiff-parquet
    python benchmarks/bench_reconcile.py --sizes 1M --cases overview,pandas --rounds 5

Every measured case runs in a fresh interpreter (so peak memory is its own), timed from
just before reading the file to the finished result; interpreter start and imports are not
counted. With ``--rounds N`` the cases run in turn N times (A, B, A, B, ...): a machine whose
speed drifts then weighs on every case alike. Each row gives the median seconds and CPU
seconds, the largest peak, and the median of the rounds' own ratios (each case against the
baseline of its round); each case's ratios to pandas, round by round, follow the table.
Shapes (``--shapes``, see ``shapes.py``; every value written as text): ``contradiction``,
``news`` and ``diverse``, with the cases ``engine``, ``reference`` (100k only by default),
``pandas-text`` and ``polars-text``; or ``generated`` (``generate.py``), with the cases below.

* ``engine``: :func:`claimdiff._engine.result.run`, the columnar engine: every group's
  verdict and range, contradictions decided in columns (a group built whole only where the
  rule needs the reference); also prints the distinct value texts it read and how many it
  read a second (the time of ``claimdiff._engine.texts.read_texts``: the patterns, the
  grammar and its processes).
* ``pandas-text``: ``read_json(lines=True)`` and ``groupby`` on the question's key with the
  number of distinct values and claimants (pandas cannot read the value texts).
* ``polars-text``: the same with ``read_ndjson`` and ``group_by``: the floor for the job.

Cases on ``generated``:

* ``claimdiff``: the dataset as ``claimdiff report`` reads it (``load``'s dataset, read by the
  engine's reader where it can, ``claimdiff._engine.read.dataset``) then :func:`reconcile`.
* ``overview``: :func:`claimdiff.overview` on the same files: the same answers (summary,
  every group's verdict and range, findings, transpositions, every contradiction whole)
  without a ``Claim`` and an ``Entry`` per claim; needs polars (``claimdiff[fast]``).
* ``claimdiff-csv``, ``claimdiff-parquet``: the same on the same claims written as CSV and as
  Parquet (``via`` as chain text, values as text or JSON text cells; not run by default).
* ``claimdiff-pipeline``, ``overview-pipeline``: the same on the same claims written as an
  extraction pipeline writes them: ``json.dumps`` with its defaults (characters beyond ASCII
  escaped), the day each claim was stated, exact figures as JSON numbers (not run by
  default; inputs that once fell off the fast paths, kept in view).
* ``reference``: :func:`claimdiff.load` then :func:`reconcile` (100k only by default: slow).
* ``pandas``: ``read_json(lines=True)`` on the same file, then ``groupby`` on the question's
  key with min of ``low``, max of ``high`` and the number of distinct claimants.
* ``polars``: ``read_ndjson`` of the same claims with values already numeric, then the
  same ``group_by``: the floor for this job in Python.
* ``dask``: :func:`claimdiff.dask.reconcile_dask` on a ``LocalCluster`` of two worker
  processes with one thread each, from the JSON Lines file; peak memory is the sum over the
  process tree (client, scheduler and workers), sampled.

Peak memory is the process's peak resident set size (``ru_maxrss``), interpreter included;
where ``overview`` forks children (one per further core, see ``docs/performance.md``), the
largest child's peak is added to it, an upper bound: pages shared after the fork count twice.
CPU seconds count the children's too.
The Dask case reads ``BENCH_WORKER_MEMORY`` (each worker's limit, default ``4GB``) and
``BENCH_BLOCKSIZE`` (bytes of JSON Lines per partition, default ``64MB``; use ``16MB`` with
2 GB workers) from the environment.
Data files are generated on first use into ``benchmarks/.data/`` (see ``generate.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402 -- the sibling script, importable once HERE is on the path
import shapes  # noqa: E402 -- the sibling module, importable once HERE is on the path

CASES = (
    "engine",
    "pandas-text",
    "polars-text",
    "claimdiff",
    "overview",
    "claimdiff-csv",
    "claimdiff-parquet",
    "claimdiff-pipeline",
    "overview-pipeline",
    "reference",
    "pandas",
    "polars",
    "dask",
)
#: The file each case reads, by suffix: the same generated claims in each format.
FORMATS = {
    "claimdiff-csv": "csv",
    "claimdiff-parquet": "parquet",
    "claimdiff-pipeline": "pipeline.jsonl",
    "overview-pipeline": "pipeline.jsonl",
}


# -- the measured cases, each run in its own interpreter --------------------------------------


def _case_claimdiff(path: Path, actors: Path) -> dict[str, Any]:
    from claimdiff import DEFAULT_POLICY, reconcile
    from claimdiff._engine.read import dataset as read_dataset

    dataset = read_dataset([str(actors), str(path)], DEFAULT_POLICY)
    report = reconcile(dataset)
    return {"claims": report.summary.claims, "groups": report.summary.groups}


def _case_overview(path: Path, actors: Path) -> dict[str, Any]:
    from claimdiff import overview

    result = overview(actors, path)
    return {"claims": result.summary.claims, "groups": result.summary.groups}


def _case_engine(path: Path, actors: Path) -> dict[str, Any]:
    from claimdiff import DEFAULT_POLICY
    from claimdiff._engine import read
    from claimdiff._engine.result import run

    parsing = [0.0]
    reader = read.read_texts

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return reader(*args, **kwargs)
        finally:
            parsing[0] += time.perf_counter() - start

    read.read_texts = timed  # type: ignore[assignment]  # measured, not changed
    result = run([str(path)], DEFAULT_POLICY)
    return {
        "claims": result.summary.claims,
        "groups": result.summary.groups,
        "texts": len(result.claims.values),
        "parse_seconds": parsing[0],
    }


def _case_pandas_text(path: Path, actors: Path) -> dict[str, Any]:
    import pandas as pd

    df = pd.read_json(path, lines=True, dtype=False)
    for column in ("party", "place"):
        if column not in df:
            df[column] = ""
        df[column] = df[column].fillna("")
    groups = df.groupby(["event", "measure", "party", "place"], sort=True).agg(
        values=("value", "nunique"), claimants=("claimant", "nunique"), claims=("id", "size")
    )
    return {"claims": int(groups["claims"].sum()), "groups": len(groups)}


def _case_polars_text(path: Path, actors: Path) -> dict[str, Any]:
    import polars as pl

    df = pl.read_ndjson(path)
    keys = [k for k in ("event", "measure", "party", "place") if k in df.columns]
    groups = df.group_by(keys).agg(
        pl.col("value").n_unique(), pl.col("claimant").n_unique(), pl.len().alias("claims")
    )
    return {"claims": int(groups["claims"].sum()), "groups": groups.height}


def _case_claimdiff_csv(path: Path, actors: Path) -> dict[str, Any]:
    return _case_claimdiff(path, actors)  # the driver passes the CSV file


def _case_claimdiff_parquet(path: Path, actors: Path) -> dict[str, Any]:
    return _case_claimdiff(path, actors)  # the driver passes the Parquet file


def _case_claimdiff_pipeline(path: Path, actors: Path) -> dict[str, Any]:
    return _case_claimdiff(path, actors)  # the driver passes the pipeline-shaped file


def _case_overview_pipeline(path: Path, actors: Path) -> dict[str, Any]:
    return _case_overview(path, actors)  # the driver passes the pipeline-shaped file


def _case_reference(path: Path, actors: Path) -> dict[str, Any]:
    from claimdiff import load, reconcile

    # The shapes declare no actors: the driver passes the claims as ``actors`` too.
    report = reconcile(load(*dict.fromkeys([actors, path])))
    return {"claims": report.summary.claims, "groups": report.summary.groups}


def _case_pandas(path: Path, actors: Path) -> dict[str, Any]:
    import pandas as pd

    df = pd.read_json(path, lines=True, dtype=False)
    values = df["value"]
    # Structured values are dicts, text values strings (NaN bounds): pandas cannot read them.
    df["low"] = pd.to_numeric(values.str.get("low"), errors="coerce")
    df["high"] = pd.to_numeric(values.str.get("high"), errors="coerce")
    for column in ("party", "place"):
        df[column] = df[column].fillna("")
    groups = df.groupby(["event", "measure", "party", "place"], sort=True).agg(
        low=("low", "min"),
        high=("high", "max"),
        claimants=("claimant", "nunique"),
        claims=("id", "size"),
    )
    return {"claims": int(groups["claims"].sum()), "groups": len(groups)}


def _case_polars(path: Path, actors: Path) -> dict[str, Any]:
    import polars as pl

    numeric = path.with_name(path.name.replace(".jsonl", ".numeric.jsonl"))
    df = pl.read_ndjson(numeric)
    groups = df.group_by(["event", "measure", "party", "place"]).agg(
        pl.col("low").min(),
        pl.col("high").max(),
        pl.col("claimant").n_unique(),
        pl.len().alias("claims"),
    )
    return {"claims": int(groups["claims"].sum()), "groups": groups.height}


def _case_dask(path: Path, actors: Path) -> dict[str, Any]:
    from dask.distributed import Client, LocalCluster

    from claimdiff import load
    from claimdiff.dask import read_claims, reconcile_dask

    memory_limit = os.environ.get("BENCH_WORKER_MEMORY", "4GB")
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            memory_limit=memory_limit,
            dashboard_address=None,
        ) as cluster,
        Client(cluster),
    ):
        start = time.perf_counter()
        # The shapes declare no actors (the driver passes their claims as ``actors``): each
        # partition's plain lines are then read in columns by the engine.
        declared = load(actors).actors if actors != path else ()
        claims = read_claims(str(path), blocksize=os.environ.get("BENCH_BLOCKSIZE", "64MB"))
        result = reconcile_dask(claims, actors=declared)
        summary = result.summary
        return {
            "claims": summary.claims,
            "groups": summary.groups,
            "seconds": time.perf_counter() - start,
        }


def _tree_rss() -> int:
    import psutil

    me = psutil.Process()
    total = 0
    for proc in [me, *me.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):  # a process that just ended
            total += proc.memory_info().rss
    return total


def run_case(case: str, path: Path, actors: Path) -> dict[str, Any]:
    """Run one case here and now; returns its figures."""
    fn = globals()[f"_case_{case.replace('-', '_')}"]
    peak = [0]
    stop = threading.Event()
    if case == "dask":

        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], _tree_rss())
                stop.wait(0.25)

        threading.Thread(target=sample, daemon=True).start()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, start = time.process_time(), time.perf_counter()
    out = fn(path, actors)
    out.setdefault("seconds", time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    out["cpu_seconds"] = (
        time.process_time()
        - cpu
        + (after.ru_utime - children.ru_utime)
        + (after.ru_stime - children.ru_stime)
    )
    stop.set()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    forked = after.ru_maxrss * 1024 if case != "dask" else 0  # the Dask case samples its tree
    out["peak_rss"] = max(own + forked, peak[0])
    return out


# -- the driver ------------------------------------------------------------------------------


def measure(case: str, path: Path, actors: Path) -> dict[str, Any]:
    """Run ``case`` in a fresh interpreter and return its figures."""
    proc = subprocess.run(
        [
            sys.executable,
            __file__,
            "--run-case",
            case,
            "--path",
            str(path),
            "--actors",
            str(actors),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _positive(text: str) -> int:
    """A count of rounds: a whole number of at least 1."""
    try:
        count = int(text)
    except ValueError:
        count = 0  # said below, with what was expected
    if count < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return count


def _ratios(rounds: list[dict[str, dict[str, Any]]], case: str, baseline: str) -> list[float]:
    """``case``'s time over ``baseline``'s, round by round (none if either is missing)."""
    return [
        r[case]["seconds"] / r[baseline]["seconds"]
        for r in rounds
        if "seconds" in r.get(baseline, {}) and "seconds" in r[case]
    ]


def _mb(n: float) -> str:
    return f"{n / 2**20:,.0f}"


def _table(
    n: int, cases: list[str], path: Path, actors: Path, count: int, pandas: str, polars: str
) -> list[dict[str, Any]]:
    """Run ``cases`` in turn ``count`` times on ``path``; print a row each, with the median
    of each round's own ratio to the ``pandas`` and ``polars`` baselines."""
    rows = []
    rounds: list[dict[str, dict[str, Any]]] = [
        {
            case: measure(
                case,
                path.with_suffix(f".{FORMATS[case]}") if case in FORMATS else path,
                actors,
            )
            for case in cases
        }
        for _ in range(count)
    ]
    paired: dict[str, list[float]] = {}
    for case in cases:
        runs = [r[case] for r in rounds]
        failed = next((r["error"] for r in runs if "error" in r), None)
        if failed is not None:
            print(f"{n:>10,} {case:<17} failed: {failed}")
            continue
        secs = statistics.median(r["seconds"] for r in runs)
        cpu = statistics.median(r["cpu_seconds"] for r in runs)
        peak = max(r["peak_rss"] for r in runs)
        columns = []
        for baseline in (pandas, polars):
            ratios = _ratios(rounds, case, baseline)
            columns.append(f"{statistics.median(ratios):>9.2f}" if ratios else f"{'':>9}")
            if baseline == pandas and ratios and case != pandas:
                paired[case] = ratios
        print(
            f"{n:>10,} {case:<17} {secs:>8.2f} {cpu:>8.2f} "
            f"{secs / n * 1e6:>9.1f} {n / secs:>10,.0f} {_mb(peak):>8} "
            f"{peak / n:>8,.0f} {columns[0]} {columns[1]}"
        )
        if "texts" in runs[0]:
            texts = runs[0]["texts"]
            rate = statistics.median(r["texts"] / max(r["parse_seconds"], 1e-9) for r in runs)
            print(f"#   {n:>10,} {case:<17} {texts:,} distinct value texts, {rate:,.0f} a second")
        rows.append({"claims": n, "case": case, "rounds": runs})
    if count > 1:
        for case, ratios in paired.items():
            listed = " ".join(f"{r:.2f}" for r in ratios)
            print(f"#   {n:>10,} {case:<17} vs pandas, round by round: {listed}")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, make the data, run the cases and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1M")
    parser.add_argument(
        "--shapes",
        default=",".join(shapes.SHAPES),
        help=f"comma-separated, from {', '.join(shapes.SHAPES)}, generated",
    )
    parser.add_argument("--cases", default="", help=f"comma-separated, from {', '.join(CASES)}")
    parser.add_argument("--dask", action="store_true", help="add the Dask case")
    parser.add_argument("--text-ratio", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="also print the rows as JSON")
    parser.add_argument(
        "--rounds", type=_positive, default=1, help="run the cases in turn this many times"
    )
    parser.add_argument("--run-case", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--actors", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run_case:
        print(json.dumps(run_case(args.run_case, Path(args.path), Path(args.actors))))
        return 0

    sizes = [generate.parse_size(s) for s in args.sizes.split(",")]
    print(
        f"# machine: {os.cpu_count()} cores, {_cpu_model()}, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f}"
    )
    header = (
        f"{'claims':>10} {'case':<17} {'seconds':>8} {'cpu s':>8} {'us/claim':>9} "
        f"{'claims/s':>10} {'peak MB':>8} {'B/claim':>8} {'vs pandas':>9} "
        f"{'vs polars':>9}"
    )
    print(header)
    print("-" * len(header))
    rows = []
    for shape, n in [(shape, n) for shape in args.shapes.split(",") for n in sizes]:
        if shape != "generated":
            print(f"# shape: {shape}")
            path = shapes.write(shape, n, generate.DATA / f"{shape}-{n}.jsonl", seed=args.seed)
            default = [
                "engine",
                *(["reference"] if n <= 100_000 else []),
                "pandas-text",
                "polars-text",
            ]
            cases = args.cases.split(",") if args.cases else default
            rows.extend(_table(n, cases, path, path, args.rounds, "pandas-text", "polars-text"))
            continue
        path = generate.write(n, "jsonl", seed=args.seed, text_ratio=args.text_ratio)
        actors = generate.actors_path()
        cases = (
            args.cases.split(",")
            if args.cases
            else [
                "claimdiff",
                "overview",
                *(["reference"] if n <= 100_000 else []),
                "pandas",
                "polars",
                *(["dask"] if args.dask else []),
            ]
        )
        if "polars" in cases:
            generate.write(n, "numeric.jsonl", seed=args.seed, text_ratio=args.text_ratio)
        for fmt in {FORMATS[c] for c in cases if c in FORMATS}:
            generate.write(n, fmt, seed=args.seed, text_ratio=args.text_ratio)
        rows.extend(_table(n, cases, path, actors, args.rounds, "pandas", "polars"))
    if args.json:
        print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
