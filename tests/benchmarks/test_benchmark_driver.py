"""The benchmark's driver: cases run in turn, round after round, and the table they make.

A machine whose speed drifts (this project's runs at two speeds, ``docs/performance.md``)
makes one run of each case say little about their ratio. ``--rounds`` runs the cases in
turn and reports medians and each round's own ratio; these tests pin what the table says.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def bench(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """``benchmarks/bench_reconcile.py``, with its data written nowhere (the script puts its
    folder on ``sys.path`` and imports ``generate``: both are undone after the test)."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delitem(sys.modules, "generate", raising=False)
    path = ROOT / "benchmarks" / "bench_reconcile.py"
    spec = importlib.util.spec_from_file_location("bench_reconcile", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_reconcile", module)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module.generate, "write", lambda n, fmt, **_: tmp_path / f"c.{fmt}")
    monkeypatch.setattr(module.generate, "actors_path", lambda: tmp_path / "actors.json")
    return module


def _scripted(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, seconds: dict[str, list[float]]
) -> list[str]:
    """Make ``measure`` give each case its next time from ``seconds``; returns the calls."""
    calls: list[str] = []

    def measure(case: str, path: Path, actors: Path) -> dict[str, Any]:
        calls.append(case)
        took = seconds[case][calls.count(case) - 1]
        return {
            "claims": 1000,
            "groups": 10,
            "seconds": took,
            "cpu_seconds": took,
            "peak_rss": 2**20,
        }

    monkeypatch.setattr(bench, "measure", measure)
    return calls


def test_rounds_run_in_turn_and_report_medians(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three rounds: the cases alternate, each row is the median, and the ratio column is
    the median of each round's ratio (not the ratio of the medians: 0.5 here, not 0.4)."""
    calls = _scripted(bench, monkeypatch, {"overview": [1.0, 2.0, 6.0], "pandas": [2.0, 5.0, 12.0]})
    assert 0 == bench.main(
        ["--shapes", "generated", "--sizes", "1k", "--cases", "overview,pandas", "--rounds", "3"]
    )
    assert ["overview", "pandas"] * 3 == calls
    out = capsys.readouterr().out
    row = next(
        line.split() for line in out.splitlines() if " overview " in line and "#" not in line
    )
    assert ["1,000", "overview", "2.00", "2.00"] == row[:4]
    assert (
        "0.50" == row[-1]
    )  # no polars column; ratios 0.5, 0.4, 0.5; the medians' ratio would be 2/5
    assert "vs pandas, round by round: 0.50 0.40 0.50" in out


def test_one_round_is_the_single_run(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """By default each case runs once, and no round-by-round line is printed."""
    calls = _scripted(bench, monkeypatch, {"overview": [3.0], "pandas": [4.0]})
    assert 0 == bench.main(["--shapes", "generated", "--sizes", "1k", "--cases", "overview,pandas"])
    assert ["overview", "pandas"] == calls
    out = capsys.readouterr().out
    assert "round by round" not in out
    row = next(line.split() for line in out.splitlines() if " overview " in line)
    assert ["3.00", "0.75"] == [row[2], row[-1]]


def test_a_failed_round_is_reported(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case that fails in any round says so, rather than a median of the rounds left."""
    results = iter([{"seconds": 1.0}, {"error": "MemoryError"}])

    def measure(case: str, path: Path, actors: Path) -> dict[str, Any]:
        return {"cpu_seconds": 1.0, "peak_rss": 1, **next(results)}

    monkeypatch.setattr(bench, "measure", measure)
    assert 0 == bench.main(
        ["--shapes", "generated", "--sizes", "1k", "--cases", "overview", "--rounds", "2"]
    )
    assert "overview          failed: MemoryError" in capsys.readouterr().out


@pytest.mark.parametrize("rounds", ["0", "-1", "two", "1.5"])
def test_rounds_must_be_a_positive_count(
    bench: ModuleType, rounds: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A count that is not a whole number of at least 1 is a usage error that says so."""
    with pytest.raises(SystemExit) as exited:
        bench.main(["--rounds", rounds])
    assert 2 == exited.value.code  # argparse's usage error
    expected = f"argument --rounds: expected a whole number of at least 1, got {rounds!r}"
    assert expected in capsys.readouterr().err
