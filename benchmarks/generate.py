"""Deterministic synthetic claim datasets for the benchmarks and the fast-path tests.

``generate(n, seed=...)`` yields claim records (plain dicts, the unstructured form the converter
reads) spread over about ``n / 8`` questions, with the mix a news-extraction pipeline produces:
exact counts, ranges, lower and upper bounds, approximations, vague words, dates of every
precision, controllers and outcomes, propositions asserted and denied, claimants on both sides
and third parties, relay chains, and about 5% of questions with a contradicting claim. A share of
values (``text_ratio``) is written as text, the way sources phrase them, to exercise the parser.

Run as a script to write files into ``benchmarks/.data/``::

    python benchmarks/generate.py --claims 1M --format jsonl,csv,parquet

The same ``n``, ``seed`` and ``text_ratio`` always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimdiff._grammar.numbers import _EN_UNITS

DATA = Path(__file__).resolve().parent / ".data"

#: Actors with their sides: claimants, parties and controllers come from here.
_OUTLETS = [
    "Reuters",
    "AFP",
    "RFI",
    "Le Point",
    "Jeune Afrique",
    "Al Jazeera",
    "Wikipedia",
    "Le Monde",
    "BBC",
    "AP",
]
ACTORS: list[dict[str, Any]] = [
    {
        "id": "fama",
        "name": "Malian Armed Forces",
        "aliases": ["FAMa", "Malian army"],
        "side": "mali",
    },
    {"id": "wagner", "name": "Wagner Group", "aliases": ["Wagner", "Africa Corps"], "side": "mali"},
    {
        "id": "gov-mali",
        "name": "Government of Mali",
        "aliases": ["Malian government"],
        "side": "mali",
    },
    {
        "id": "mnla",
        "name": "MNLA",
        "aliases": ["National Movement for the Liberation of Azawad"],
        "side": "rebels",
    },
    {
        "id": "csp",
        "name": "CSP-PSD",
        "aliases": ["CSP", "Permanent Strategic Framework"],
        "side": "rebels",
    },
    {"id": "hcua", "name": "HCUA", "aliases": [], "side": "rebels"},
    {
        "id": "jnim",
        "name": "JNIM",
        "aliases": ["Jama'at Nasr al-Islam wal Muslimin"],
        "side": "jihadists",
    },
    {"id": "minusma", "name": "MINUSMA", "aliases": ["UN mission"], "kind": "organisation"},
    {"id": "medical", "name": "medical sources", "aliases": ["hospital sources"]},
    {"id": "acled", "name": "ACLED", "kind": "organisation"},
    {"id": "hrw", "name": "Human Rights Watch", "aliases": ["HRW"], "kind": "organisation"},
    *({"id": o.lower().replace(" ", "-"), "name": o, "kind": "outlet"} for o in _OUTLETS),
]
#: Names as sources write them, so that resolution through aliases is exercised.
_NAMES = {a["id"]: [a["id"], a["name"], *a.get("aliases", ())] for a in ACTORS}
_SIDES = ["fama", "wagner", "mnla", "csp", "hcua", "jnim"]
_CLAIMANTS = [a["id"] for a in ACTORS]
#: An outlet nobody declared: the loader warns about it (about 1 claim in 100).
_UNDECLARED_OUTLET = "Radio Kidal"
_PLACES = ["Kidal", "Gao", "Tessalit", "Anefis", "Aguelhok", "Ber", "Menaka", "Timbuktu"]
_COUNT_MEASURES = ["killed", "wounded", "captured", "displaced", "vehicles_captured", "missing"]
_OUTCOMES = ["victory", "retreat", "stalemate", "withdrawal", "capture"]
_PROPOSITIONS = ["advanced", "used_drones", "civilians_targeted"]
#: English number words the parser reads, zero to nineteen: some figures are written out.
_ONES = sorted(_EN_UNITS, key=_EN_UNITS.__getitem__)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_VAGUE = {"a few": (2, 9), "several": (3, 19), "dozens": (24, 199), "hundreds": (200, 1999)}


def _qty(
    low: int | None, high: int | None, text: str, qualifier: str, nominal: int | None = None
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "kind": "quantity",
        "low": low,
        "high": high,
        "text": text,
        "qualifier": qualifier,
    }
    if nominal is not None:
        record["nominal"] = nominal
    return record


def _count_text(n: int, rng: random.Random) -> str:
    if n < len(_ONES) and rng.random() < 0.5:
        return _ONES[n]
    return f"{n:,}"


def _count(truth: int, rng: random.Random, as_text: bool) -> dict[str, Any] | str:
    """A figure that allows ``truth``: exact, a range around it, a bound, "about", vague."""
    roll = rng.random()
    if roll < 0.45:
        text = _count_text(truth, rng)
        return text if as_text else _qty(truth, truth, text, "exact", truth)
    if roll < 0.6:
        lo, hi = max(0, truth - rng.randint(0, 5)), truth + rng.randint(1, 10)
        text = f"{lo:,}\u2013{hi:,}" if rng.random() < 0.5 else f"between {lo:,} and {hi:,}"
        return text if as_text else _qty(lo, hi, text, "range")
    if roll < 0.75:
        lo = max(0, truth - rng.randint(0, 5))
        text = f"at least {_count_text(lo, rng)}" if rng.random() < 0.7 else f"{lo:,}+"
        return text if as_text else _qty(lo, None, text, "at_least")
    if roll < 0.82:
        hi = truth + rng.randint(0, 10)
        text = f"up to {hi:,}"
        return text if as_text else _qty(None, hi, text, "at_most")
    if roll < 0.95 and truth >= 10:
        # "about N" with N within the default 10% tolerance of the truth.
        nominal = max(10, round(truth / 10) * 10)
        lo, hi = int(nominal * 0.9), -(-nominal * 11 // 10)
        if not lo <= truth <= hi:
            nominal, lo, hi = truth, int(truth * 0.9), -(-truth * 11 // 10)
        text = f"about {nominal:,}"
        return text if as_text else _qty(lo, hi, text, "approximate", nominal)
    for word, (lo, hi) in _VAGUE.items():
        if lo <= truth <= hi:
            return word if as_text else _qty(lo, hi, word, "vague")
    text = f"{truth:,}"
    return text if as_text else _qty(truth, truth, text, "exact", truth)


def _date_value(
    low: dt.date,
    high: dt.date | None,
    text: str,
    precision: str,
    qualifier: str,
    *,
    low_open: bool = False,
) -> dict[str, Any]:
    return {
        "kind": "date",
        "low": None if low_open else low.isoformat(),
        "high": None if high is None else high.isoformat(),
        "text": text,
        "precision": precision,
        "qualifier": qualifier,
    }


def _date(truth: dt.date, rng: random.Random, as_text: bool) -> dict[str, Any] | str:
    """A date that allows ``truth``: the day, its month, its year, a span, "by", "since"."""
    roll = rng.random()
    month = _MONTHS[truth.month - 1]
    if roll < 0.4:
        text = f"{truth.day} {month} {truth.year}" if rng.random() < 0.5 else truth.isoformat()
        return text if as_text else _date_value(truth, truth, text, "day", "exact")
    if roll < 0.6:
        first = truth.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        text = f"{month} {truth.year}"
        return text if as_text else _date_value(first, last, text, "month", "exact")
    if roll < 0.7:
        text = str(truth.year)
        return (
            text
            if as_text
            else _date_value(
                dt.date(truth.year, 1, 1), dt.date(truth.year, 12, 31), text, "year", "exact"
            )
        )
    if roll < 0.85:
        lo = truth - dt.timedelta(days=rng.randint(0, 3))
        hi = truth + dt.timedelta(days=rng.randint(1, 3))
        if lo.month != hi.month or lo.year != hi.year:
            lo = hi = truth
            text = truth.isoformat()
            return text if as_text else _date_value(lo, hi, text, "day", "exact")
        text = f"{lo.day}\u2013{hi.day} {_MONTHS[lo.month - 1]} {lo.year}"
        return text if as_text else _date_value(lo, hi, text, "interval", "range")
    if roll < 0.93:
        hi = truth + dt.timedelta(days=rng.randint(0, 20))
        text = f"by {_MONTHS[hi.month - 1]} {hi.day}, {hi.year}"
        return text if as_text else _date_value(hi, hi, text, "day", "at_most", low_open=True)
    text = f"since {truth.year}"
    return (
        text if as_text else _date_value(dt.date(truth.year, 1, 1), None, text, "year", "at_least")
    )


def _category(member: str, rng: random.Random, as_text: bool) -> dict[str, Any] | str:
    names = _NAMES.get(member, [member])
    text = rng.choice(names)
    return text if as_text else {"kind": "category", "members": [text], "text": text}


def _relays(rng: random.Random) -> list[dict[str, Any]]:
    chain: list[dict[str, Any]] = []
    for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3))):
        outlet = _UNDECLARED_OUTLET if rng.random() < 0.008 else rng.choice(_OUTLETS)
        relay: dict[str, Any] = {"outlet": outlet}
        if rng.random() < 0.3:
            relay["url"] = f"https://news.example/{rng.randrange(10**8):08d}"
        chain.append(relay)
    return chain


def _question(g: int, rng: random.Random) -> tuple[dict[str, Any], str]:
    """The key fields of question ``g`` and the kind of value that answers it."""
    event = f"event-{g // 6:07d}"
    roll = rng.random()
    key: dict[str, Any] = {"event": event}
    if roll < 0.6:
        key["measure"] = rng.choice(_COUNT_MEASURES)
        key["party"] = rng.choice([*_SIDES, "civilians"])
        if rng.random() < 0.3:
            key["place"] = rng.choice(_PLACES)
        return key, "count"
    if roll < 0.78:
        key["measure"] = rng.choice(["date", "start", "end"])
        return key, "date"
    if roll < 0.9:
        key["measure"] = "controller"
        key["place"] = rng.choice(_PLACES)
        return key, "controller"
    if roll < 0.95:
        key["measure"] = "outcome"
        return key, "outcome"
    key["measure"] = rng.choice(_PROPOSITIONS)
    key["party"] = rng.choice(_SIDES)
    return key, "proposition"


def generate(n: int, *, seed: int = 0, text_ratio: float = 0.2) -> Iterator[dict[str, Any]]:
    """Yield ``n`` claim records over about ``n / 8`` questions, deterministically.

    Args:
        n: how many claims.
        seed: the seed of the one ``random.Random`` everything is drawn from.
        text_ratio: the share of values written as text rather than in structured form.
    """
    rng = random.Random(seed)
    made, g = 0, 0
    while made < n:
        key, kind = _question(g, rng)
        size = min(n - made, max(1, int(rng.expovariate(1 / 8)) or 1))
        contradict = rng.random() < 0.05 and size > 1
        truth_n = int(rng.lognormvariate(3, 1.2))
        truth_d = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(4400))
        truth_c = rng.choice(_SIDES) if kind == "controller" else rng.choice(_OUTCOMES)
        for i in range(size):
            as_text = rng.random() < text_ratio
            outlier = contradict and i == size - 1
            record: dict[str, Any] = {"id": f"c{made:09d}", **key}
            stance = "asserts"
            value: dict[str, Any] | str
            if kind == "count":
                value = _count(truth_n * 3 + 50 if outlier else truth_n, rng, as_text)
                if rng.random() < 0.01:
                    value, stance = _count(truth_n * 3 + 50, rng, False), "denies"
            elif kind == "date":
                value = _date(
                    truth_d + dt.timedelta(days=400) if outlier else truth_d, rng, as_text
                )
            elif kind in ("controller", "outcome"):
                pool = _SIDES if kind == "controller" else _OUTCOMES
                member = rng.choice([m for m in pool if m != truth_c]) if outlier else truth_c
                value = _category(member, rng, as_text)
            else:
                value = {
                    "kind": "proposition",
                    "holds": True,
                    "text": key["measure"].replace("_", " "),
                }
                if outlier or rng.random() < 0.15:
                    stance = "denies"
            record["value"] = value
            if stance != "asserts":
                record["stance"] = stance
            claimant = rng.choice(_CLAIMANTS) if rng.random() < 0.9 else None
            if claimant is not None:
                record["claimant"] = rng.choice(_NAMES[claimant])
            via = _relays(rng)
            if via:
                record["via"] = via
            if rng.random() < 0.5:
                record["document"] = f"doc-{rng.randrange(max(1, n // 20)):07d}"
            if rng.random() < 0.2:
                record["quote"] = f"{record['value'] if as_text else 'figures'} reported"
            yield record
            made += 1
        g += 1


def _flat(record: dict[str, Any]) -> dict[str, str]:
    """A CSV row: ``via`` as the chain ``A > B`` (URLs dropped), a structured value as JSON
    text, missing fields empty."""
    row = {}
    for field in CSV_FIELDS:
        v = record.get(field)
        if field == "via" and v:
            row[field] = " > ".join(r["outlet"] for r in v)
        else:
            row[field] = "" if v is None else v if isinstance(v, str) else json.dumps(v)
    return row


CSV_FIELDS = [
    "id",
    "event",
    "measure",
    "party",
    "place",
    "value",
    "stance",
    "claimant",
    "via",
    "document",
    "quote",
]


def _flat_numeric(record: dict[str, Any]) -> dict[str, Any]:
    """The record reduced to its key and numeric bounds (dates as day numbers): the input of
    the polars floor, which gets the values already numeric."""
    value = record["value"]
    low = high = None
    if value["kind"] in ("quantity", "date"):
        low, high = value["low"], value["high"]
        if value["kind"] == "date":
            low = None if low is None else dt.date.fromisoformat(low).toordinal()
            high = None if high is None else dt.date.fromisoformat(high).toordinal()
    return {
        "id": record["id"],
        "event": record["event"],
        "measure": record["measure"],
        "party": record.get("party", ""),
        "place": record.get("place", ""),
        "claimant": record.get("claimant"),
        "low": low,
        "high": high,
    }


def dataset_path(n: int, fmt: str, *, seed: int = 0, text_ratio: float = 0.2) -> Path:
    """Where the dataset with these parameters is (or would be) written."""
    return DATA / f"claims-{n}-s{seed}-t{round(text_ratio * 100)}.{fmt}"


def actors_path() -> Path:
    """The actor declarations every generated dataset uses, as a JSON file."""
    return DATA / "actors.json"


def write(
    n: int, fmt: str = "jsonl", *, seed: int = 0, text_ratio: float = 0.2, force: bool = False
) -> Path:
    """Write the dataset once (reusing an existing file unless ``force``) and return its path."""
    DATA.mkdir(parents=True, exist_ok=True)
    actors = actors_path()
    if not actors.exists() or force:
        actors.write_text(json.dumps({"actors": ACTORS}, indent=1) + "\n", encoding="utf-8")
    path = dataset_path(n, fmt, seed=seed, text_ratio=text_ratio)
    if path.exists() and not force:
        return path
    tmp = path.with_suffix(path.suffix + ".tmp")
    records = generate(n, seed=seed, text_ratio=text_ratio)
    if fmt == "jsonl":
        with tmp.open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    elif fmt == "numeric.jsonl":
        # The same claims (text_ratio only decides how values are written, not which).
        with tmp.open("w", encoding="utf-8") as f:
            f.writelines(
                json.dumps(_flat_numeric(r)) + "\n" for r in generate(n, seed=seed, text_ratio=0.0)
            )
    elif fmt == "pipeline.jsonl":
        with tmp.open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(_as_pipeline(r, i)) + "\n" for i, r in enumerate(records))
    elif fmt == "csv":
        with tmp.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, CSV_FIELDS)
            writer.writeheader()
            writer.writerows(_flat(r) for r in records)
    elif fmt == "parquet":
        _write_parquet(records, tmp)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    tmp.replace(path)
    return path


def _as_pipeline(record: dict[str, Any], i: int) -> dict[str, Any]:
    """The claim as an extraction pipeline writes it: with the day it was stated, exact
    figures as JSON numbers, and (through ``json.dumps``'s defaults, by the caller) every
    character beyond ASCII escaped."""
    out = dict(record)
    value = out["value"]
    if (
        isinstance(value, dict)
        and value.get("kind") == "quantity"
        and isinstance(value.get("low"), int)
        and value["low"] == value.get("high")
        and value.get("text", str(value["low"])) == str(value["low"])
        and value.get("qualifier", "exact") == "exact"
        and value.get("nominal", value["low"]) == value["low"]
    ):
        out["value"] = value["low"]  # the very Quantity the figure's text reads as
    out["stated"] = (_STATED_FROM + dt.timedelta(days=(i * 7919) % 4000)).isoformat()
    return out


_STATED_FROM = dt.date(2012, 1, 1)


def _write_parquet(records: Iterator[dict[str, Any]], path: Path, batch: int = 200_000) -> None:
    """Parquet with the CSV's flat columns (value and via as JSON text), in row groups."""
    import pyarrow as pa  # optional: the ``parquet`` extra
    import pyarrow.parquet as pq

    schema = pa.schema([(f, pa.string()) for f in CSV_FIELDS])
    with pq.ParquetWriter(path, schema) as writer:
        rows: list[dict[str, str]] = []
        for r in records:
            rows.append({k: (v or None) for k, v in _flat(r).items()})
            if len(rows) == batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))


def parse_size(text: str) -> int:
    """``100k`` -> 100000, ``1M`` -> 1000000, ``2500`` -> 2500."""
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


def main(argv: list[str] | None = None) -> int:
    """Write the datasets asked for and print their paths."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", default="100k", help="sizes, comma-separated: 100k,1M")
    parser.add_argument("--format", default="jsonl", help="jsonl, csv, parquet, comma-separated")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--text-ratio", type=float, default=0.2)
    parser.add_argument("--force", action="store_true", help="rewrite existing files")
    args = parser.parse_args(argv)
    for size in args.claims.split(","):
        for fmt in args.format.split(","):
            path = write(
                parse_size(size), fmt, seed=args.seed, text_ratio=args.text_ratio, force=args.force
            )
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
