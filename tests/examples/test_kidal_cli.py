"""The Kidal example end to end: it checks clean, and a conflicting edit fails clearly."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .._cli_helpers import run

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "kidal"
BASELINE = EXAMPLE / "baseline.yaml"
SEEDS = Path(os.environ.get("CLAIMDIFF_SEEDS", REPO.parent / "shared" / "seeds"))

pytestmark = pytest.mark.skipif(
    not BASELINE.exists(), reason="examples/kidal and its baseline are not there yet"
)

#: A claim that contradicts the MNLA's 70 captured soldiers: the edit a curator could make.
CONFLICT = """\
claims:
  - id: kidal-2014.fama-captured.test-conflict
    event: kidal-2014
    measure: captured
    party: fama
    value: "20"
    claimant: mali
"""


def _sources() -> list[str]:
    if SEEDS.is_dir():
        return ["--sources", str(SEEDS)]
    if os.environ.get("CI"):
        pytest.fail(f"the source documents are missing: {SEEDS}")
    return []


def test_kidal_checks_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """`claimdiff check examples/kidal --baseline ... --sources ...` exits 0."""
    result = run(capsys, "check", EXAMPLE, "--baseline", BASELINE, *_sources())
    assert (result.code, result.err) == (0, ""), result.out


def test_kidal_report_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's first command, `claimdiff report examples/kidal`, exits 0."""
    result = run(capsys, "report", EXAMPLE)
    assert result.code == 0
    assert result.out.splitlines()[2].startswith("Contradictions (")


def test_conflicting_edit_fails_clearly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A new claim contradicting the MNLA's 70 captured fails the check, naming both camps."""
    data = tmp_path / "kidal"
    shutil.copytree(EXAMPLE, data)
    (data / "conflict.yaml").write_text(CONFLICT, encoding="utf-8")
    result = run(capsys, "check", data, "--baseline", data / "baseline.yaml")
    assert result.code == 1
    errors = [line for line in result.out.splitlines() if ": error: " in line]
    assert len(errors) == 1
    assert ": error: kidal-2014/captured/fama: 20 (" in errors[0]
    assert ") against 70 (" in errors[0]
    assert "gap 50 (71%) (not in the baseline; fingerprint " in errors[0]
