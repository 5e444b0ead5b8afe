"""The benchmark's generated files: the pipeline-shaped one holds the same claims.

``benchmarks/bench_reconcile.py`` compares cases that read the same claims written in
different shapes; a case is only comparable if its file means the same thing.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import attrs
import pytest

from claimdiff import load, reconcile
from claimdiff._model.claims import DEFAULT_CUMULATIVE

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def generate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """``benchmarks/generate.py``, writing into a temporary folder."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "generate", module)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "DATA", tmp_path)
    return module


def test_pipeline_file_holds_the_same_claims(generate: ModuleType) -> None:
    """Escapes, statement days and figures as JSON numbers: the same groups, verdicts and
    ranges as the standard file, and the shapes the case is there to keep in view."""
    standard = generate.write(3_000, "jsonl")
    pipeline = generate.write(3_000, "pipeline.jsonl")
    actors = generate.actors_path()
    records = [json.loads(line) for line in pipeline.read_text(encoding="utf-8").splitlines()]
    assert all("stated" in r for r in records)
    assert any(type(r["value"]) is int for r in records)
    assert "\\u" in pipeline.read_text(encoding="utf-8")  # characters beyond ASCII, escaped
    # The pipeline file's statement days are spread at random, and running tallies would read
    # them as revisions: compare both as the standard file is read, without tallies.
    as_written = dict.fromkeys(DEFAULT_CUMULATIVE, False)
    expected = reconcile(attrs.evolve(load(actors, standard), cumulative=as_written))
    actual = reconcile(attrs.evolve(load(actors, pipeline), cumulative=as_written))
    assert expected.summary == actual.summary
    assert [(g.key, g.verdict, g.range) for g in expected.groups] == [
        (g.key, g.verdict, g.range) for g in actual.groups
    ]
