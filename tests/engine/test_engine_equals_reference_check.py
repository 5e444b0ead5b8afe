"""``claimdiff check --engine overview``: the check on the columnar engine is ``check``'s.

The engine keeps whole only the contradictions; a check words nothing else (plus findings,
transpositions and claim locations), so both engines must print the same bytes, exit the
same, and find the same baseline entries stale.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdiff import DEFAULT_POLICY, Baseline, BaselineEntry, check, cli, dump, load, reconcile
from claimdiff._curation.baseline import dump_baseline, entries_for
from claimdiff._engine.check import check_columnar
from tests.engine.test_overview_equals_report import EXAMPLES, _dataset, clean_files, plain_files

from .._cli_helpers import run

ROOT = Path(__file__).resolve().parent.parent.parent
KIDAL = ROOT / "examples" / "kidal"
FORMATS = ["text", "json", "markdown", "junit", "github"]


def _both(capsys: pytest.CaptureFixture[str], *argv: object) -> None:
    """Run ``claimdiff check *argv`` on both engines; assert the same code and streams."""
    here = run(capsys, "check", *argv, "--engine", "python")
    lane = run(capsys, "check", *argv, "--engine", "overview")
    assert (lane.code, lane.out, lane.err) == (here.code, here.out, here.err)


@pytest.mark.parametrize("fmt", FORMATS)
def test_kidal_every_format(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fmt: str,
) -> None:
    """The bundled example, with its baseline, checks alike in every format (and the GitHub
    step summary is the same)."""
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    here = run(capsys, "check", KIDAL, "--format", fmt, "--engine", "python")
    here_summary = summary.read_text(encoding="utf-8") if summary.exists() else None
    summary.unlink(missing_ok=True)
    lane = run(capsys, "check", KIDAL, "--format", fmt, "--engine", "overview")
    lane_summary = summary.read_text(encoding="utf-8") if summary.exists() else None
    assert (lane.code, lane.out, lane.err) == (here.code, here.out, here.err)
    assert lane_summary == here_summary
    assert here.out  # something was checked and printed


@pytest.fixture
def kidal_lines(tmp_path: Path) -> Path:
    """The Kidal claims as JSON Lines (the lane's format) beside their declarations."""
    dataset = load(KIDAL)
    folder = tmp_path / "kidal"
    folder.mkdir()
    dump(attrs.evolve(dataset, claims=()), folder / "declared.yaml")
    dump(
        attrs.evolve(dataset, actors=(), events=(), documents=(), measures={}),
        folder / "claims.jsonl",
    )
    return folder


def test_kidal_lines_against_a_stale_and_partial_baseline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kidal_lines: Path
) -> None:
    """A baseline that acknowledges every other contradiction and holds entries that match
    nothing: the same errors, the same stale warnings, the same exit code."""
    entries = entries_for(reconcile(load(kidal_lines)))
    assert len(entries) >= 4
    stale = [
        BaselineEntry(group="kidal-2014/killed/fama", fingerprint="0" * 16, claims=("x", "y")),
        BaselineEntry(group="kidal-1990/nothing", fingerprint="1" * 16),
    ]
    baseline = tmp_path / "baseline.yaml"
    baseline.write_text(dump_baseline([*entries[::2], *stale]), encoding="utf-8")
    for fmt in FORMATS[:4]:
        _both(capsys, kidal_lines, "--baseline", baseline, "--format", fmt)
    result = run(capsys, "check", kidal_lines, "--baseline", baseline, "--engine", "overview")
    assert result.code == 1
    assert "matches nothing: the group no longer exists" in result.out


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_kidal_as_a_table_every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    """The Kidal claims as CSV or Parquet (read by the reference loader, reconciled by the
    engine) check alike in every format but GitHub's."""
    pytest.importorskip("pyarrow")
    dataset = load(KIDAL)
    dump(attrs.evolve(dataset, claims=()), tmp_path / "declared.yaml")
    claims = attrs.evolve(dataset, actors=(), events=(), documents=(), measures={})
    dump(claims, tmp_path / f"claims.{suffix}")
    for fmt in FORMATS[:4]:
        _both(capsys, tmp_path, "--format", fmt)


def test_lines_with_findings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Odd lines (a repeated key, bad JSON, a duplicate id...) are reported alike, with their
    files and lines, and fail alike under every --fail-on."""
    claims = tmp_path / "claims.jsonl"
    claims.write_text("\n".join(line for case in EXAMPLES.values() for line in case) + "\n")
    for fail_on in ("error", "warning", "none"):
        _both(capsys, tmp_path, "--fail-on", fail_on, "--format", "json")
    _both(capsys, tmp_path)


def test_nothing_readable_exits_2_alike(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Input of which nothing could be read is a usage error on both engines."""
    (tmp_path / "claims.yaml").write_text("claims: [[[\n", encoding="utf-8")
    here = run(capsys, "check", tmp_path, "--engine", "python")
    lane = run(capsys, "check", tmp_path, "--engine", "overview")
    assert here.code == lane.code == 2
    assert lane.err == here.err


@pytest.mark.parametrize(
    ("flags", "says"),
    [
        (["--sources", str(ROOT / "tests")], "does not check quotes"),
        (["--estimate", "conservative"], "gives no estimates"),
    ],
)
def test_what_the_lane_does_not_do(
    capsys: pytest.CaptureFixture[str], flags: list[str], says: str
) -> None:
    """Quote checks and estimates need every claim: asking the lane for them exits 2 and
    says what to use instead."""
    result = run(capsys, "check", KIDAL, *flags, "--engine", "overview")
    assert result.code == 2
    assert says in result.err
    assert "--engine python" in result.err


# -- the library function behind it ---------------------------------------------------------


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    claim_lines=clean_files(),
    declare=st.sampled_from(["nothing", "actors", "everything"]),
    split=st.integers(0, 50),
    acknowledged=st.lists(st.booleans(), max_size=12),
)
def test_check_columnar_equals_check(
    claim_lines: list[str],
    declare: str,
    split: int,
    acknowledged: list[bool],
) -> None:
    """On generated files, with a baseline that acknowledges a drawn part of the
    contradictions and names a group that is gone, the result is ``check``'s."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = _dataset(Path(tmp), claim_lines, declare, split)
        dataset = load(*paths)
        report = reconcile(dataset)
        entries = [e for e, keep in zip(entries_for(report), acknowledged, strict=False) if keep]
        stale = BaselineEntry(group="kidal-1990/nothing", fingerprint="1" * 16)
        baseline = Baseline(entries=(*entries, stale), path="baseline.yaml")
        expected = check(dataset, report, baseline=baseline)
        actual, found, ctx = check_columnar(paths, policy=DEFAULT_POLICY, baseline=baseline)
        assert actual == expected
        # Every contradiction's claims are at hand to word it.
        assert {c for g in found.contradictions() for c in g.claims} <= set(ctx.claims)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(claim_lines=plain_files(), acknowledged=st.lists(st.booleans(), max_size=12))
def test_check_on_plain_lines_equals_check(
    claim_lines: list[str], acknowledged: list[bool]
) -> None:
    """On JSON Lines of the plain shape (read by polars), with a baseline that acknowledges a
    drawn part of the contradictions, the engine's check is ``check``'s."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.jsonl"
        path.write_text("\n".join(claim_lines) + "\n", encoding="utf-8")
        dataset = load(path)
        report = reconcile(dataset)
        entries = [e for e, keep in zip(entries_for(report), acknowledged, strict=False) if keep]
        baseline = Baseline(entries=tuple(entries), path="baseline.yaml")
        expected = check(dataset, report, baseline=baseline)
        actual, _, _ = check_columnar([str(path)], policy=DEFAULT_POLICY, baseline=baseline)
        assert expected == actual


def test_without_polars(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kidal_lines: Path
) -> None:
    """Where polars is not installed, the default check takes the reference path (the same
    output), and asking for the engine exits 2 and says what it needs."""
    here = run(capsys, "check", kidal_lines, "--format", "json")
    monkeypatch.setattr(cli, "columnar", lambda: False)
    monkeypatch.setattr(cli, "check_columnar", None)  # the engine, were it taken
    reference = run(capsys, "check", kidal_lines, "--format", "json")
    assert (reference.code, reference.out) == (here.code, here.out)
    assert json.loads(here.out)["summary"]["contradictions"] >= 4
    lane = run(capsys, "check", kidal_lines, "--engine", "overview")
    assert 2 == lane.code
    assert "--engine overview needs polars" in lane.err


def test_the_engine_is_the_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kidal_lines: Path
) -> None:
    """With polars installed, ``check`` without quote checks or estimates runs on the engine,
    and with them on the reference path."""
    from claimdiff._engine import result

    runs: list[int] = []
    original = result.reconcile_claims

    def spy(*args: Any) -> result.Columnar:
        runs.append(1)
        return original(*args)

    monkeypatch.setattr(result, "reconcile_claims", spy)
    run(capsys, "check", kidal_lines)
    assert [1] == runs
    run(capsys, "check", kidal_lines, "--estimate", "conservative")
    assert [1] == runs
