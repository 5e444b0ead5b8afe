"""Three generated data shapes for ``bench_reconcile.py``, every value written as text.

* ``contradiction``: about eight claims a question from a few dozen claimants, half of
  the questions with a claim far off the others;
* ``news``: a news pipeline: tens of thousands of claimants and outlets, most questions
  asked once (a single claim), relay chains;
* ``diverse``: values in many wordings and figures ("about 1,250", "at least 37 people",
  "between 40 and 55"), so that most value texts are distinct.

``write(shape, n, path)`` always writes the same bytes for the same arguments.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

SHAPES = ("contradiction", "news", "diverse")
_MEASURES = ("killed", "wounded", "displaced", "missing")


def _contradiction(n: int, rng: random.Random) -> Iterator[dict[str, Any]]:
    claimants = [f"source-{i}" for i in range(40)]
    for g in range(n // 8 + 1):
        truth = rng.randint(5, 500)
        far = g % 2 == 0
        for k in range(8):
            figure = truth * 3 + 7 if far and k == 7 else truth + rng.randint(0, 3)
            text = rng.choice([f"{figure}", f"about {figure}", f"at least {figure - 2}"])
            yield {
                "event": f"event-{g // 4}",
                "measure": _MEASURES[g % 4],
                "value": text,
                "claimant": claimants[(g + k * 7) % len(claimants)],
            }


def _news(n: int, rng: random.Random) -> Iterator[dict[str, Any]]:
    outlets = [f"outlet-{i}" for i in range(300)]
    for g in range(int(n * 0.8) + 1):
        repeats = 1 if rng.random() < 0.85 else rng.randint(2, 4)
        truth = rng.randint(1, 200)
        for _ in range(repeats):
            yield {
                "event": f"story-{g // 3}",
                "measure": _MEASURES[g % 3],
                "party": rng.choice(["civilians", "army", "rebels"]),
                "value": str(truth + rng.randint(0, 2)),
                "claimant": f"claimant-{rng.randint(0, 50_000)}",
                "via": f"{rng.choice(outlets)} > {rng.choice(outlets)}",
                "stated": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            }


def _diverse(n: int, rng: random.Random) -> Iterator[dict[str, Any]]:
    forms: list[Callable[[int], str]] = [
        lambda x: f"{x:,}",
        lambda x: f"about {x:,}",
        lambda x: f"at least {x} people",
        lambda x: f"between {x} and {x + rng.randint(1, 50)}",
        lambda x: f"{x}-{x + rng.randint(1, 9)}",
        lambda x: f"up to {x}",
    ]
    for g in range(n // 4 + 1):
        truth = rng.randint(10, 900_000)
        for _ in range(4):
            yield {
                "event": f"event-{g}",
                "measure": _MEASURES[g % 4],
                "value": rng.choice(forms)(truth + rng.randint(0, 5)),
                "claimant": f"source-{rng.randint(0, 2000)}",
            }


_MAKERS = {"contradiction": _contradiction, "news": _news, "diverse": _diverse}


def records(shape: str, n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` claim records of ``shape``, with ids ``c0``, ``c1``, ..."""
    rng = random.Random(seed)
    for i, record in enumerate(_MAKERS[shape](n, rng)):
        if i == n:
            return
        yield {"id": f"c{i}", **record}


def write(shape: str, n: int, path: Path, seed: int = 0) -> Path:
    """Write ``n`` claims of ``shape`` as JSON Lines to ``path`` (once: kept if present)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records(shape, n, seed))
        tmp.rename(path)
    return path
