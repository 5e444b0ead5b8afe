"""The documentation's examples run, and its excerpts of real output have not drifted."""

from __future__ import annotations

import doctest
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("page", DOCS, ids=lambda p: p.name)
def test_doc_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``>>>`` example in the README and docs/ gives the output shown."""
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
    )
    assert 0 == result.failed


def test_readme_report_excerpt_is_real(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's excerpt of the Kidal report is what ``claimdiff report`` prints."""
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- readme-report:start -->\n```text\n(.*?)```", readme, re.S)
    assert block is not None
    out = subprocess.run(
        [sys.executable, "-m", "claimdiff", "report", "examples/kidal"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_COLOR": "1"},
    ).stdout
    excerpt = block.group(1).strip().splitlines()
    assert excerpt == out.splitlines()[: len(excerpt)]


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_scripts_run(script: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every script in examples/ runs to the end."""
    monkeypatch.chdir(ROOT)
    runpy.run_path(str(script), run_name="__main__")


def test_quickstart_prints_every_contradiction(capsys: pytest.CaptureFixture[str]) -> None:
    """examples/quickstart.py prints the report's counts and one heading per contradiction."""
    import claimdiff

    runpy.run_path(str(ROOT / "examples" / "quickstart.py"), run_name="__main__")
    out = capsys.readouterr().out.splitlines()
    report = claimdiff.reconcile(claimdiff.load(ROOT / "examples" / "kidal"))
    s = report.summary
    assert f"{s.claims} claims, {s.contradictions} contradictions" == out[0]
    headings = [line.split("  (")[0] for line in out if line and not line.startswith(" ")][1:]
    expected = [str(g.key) for g in report.groups if g.verdict == "contradiction"]
    assert expected == headings


def test_api_reference_is_current() -> None:
    """docs/api.md is what docs/make_api.py generates from the docstrings today."""
    api = runpy.run_path(str(ROOT / "docs" / "make_api.py"))
    assert api["render"]() == (ROOT / "docs" / "api.md").read_text(encoding="utf-8")


def test_every_public_name_is_documented() -> None:
    """Every public function and class has a docstring."""
    api = runpy.run_path(str(ROOT / "docs" / "make_api.py"))
    assert [] == api["undocumented"]()
