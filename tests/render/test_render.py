"""Renderers: GitHub annotations and job summary, JUnit XML, Markdown bars, text colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff import Finding, Location, load, reconcile
from claimdiff._curation.describe import Context
from claimdiff._render.bars import range_bar
from claimdiff._render.github import annotation, append_step_summary
from claimdiff._render.markdown import group_bars
from claimdiff._render.text import Style, finding_line

from .._cli_helpers import KIDAL, KILLED, run


def test_github_annotations_and_step_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--format github` prints workflow commands and appends Markdown to the job summary."""
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run(capsys, "check", KIDAL, "--format", "github")
    assert result.code == 1
    assert result.out == (
        f"::error file={KIDAL / 'claims.yaml'},line=14,col=5,title=claimdiff contradiction::"
        f"{KILLED.replace('%', '%25')}\n"
    )
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## claimdiff check: failed\n")
    assert result.err == f"claimdiff: summary appended to {summary}\n"


def test_github_escapes_and_locationless_findings() -> None:
    """Properties escape `,` and `:`; messages escape newlines; no file means no file=."""
    finding = Finding(
        code="x",
        message="a\nb",
        severity="warning",
        location=Location(file="a,b:c.yaml", line=3),
    )
    assert "::warning file=a%2Cb%3Ac.yaml,line=3,title=claimdiff x::a%0Ab" == annotation(finding)
    assert "::notice title=claimdiff y::m" == annotation(
        Finding(code="y", message="m", severity="info")
    )


def test_step_summary_outside_github(tmp_path: Path) -> None:
    """Without $GITHUB_STEP_SUMMARY nothing is written."""
    assert append_step_summary("# x", environ={}) is None


def test_junit_parses_and_counts_failures(capsys: pytest.CaptureFixture[str]) -> None:
    """JUnit XML: one case per group and per file, one failure for the contradiction."""
    result = run(capsys, "check", KIDAL, "--format", "junit")
    root = ET.fromstring(result.out)
    assert (result.code, root.tag, root.get("tests"), root.get("failures")) == (
        1,
        "testsuites",
        "5",
        "1",
    )
    failures = root.findall(".//failure")
    assert [(f.get("type"), f.get("message")) for f in failures] == [("contradiction", KILLED)]
    cases = [c.get("name") for c in root.iter("testcase")]
    assert cases == [
        "kidal-2014/captured/fama",
        "kidal-2014/killed/fama",
        "kidal-2014/wounded/fama",
        str(KIDAL / "actors.yaml"),
        str(KIDAL / "claims.yaml"),
    ]


def test_range_bars() -> None:
    """A bar fills the cells of its span on the shared axis; open sides run to the end."""
    assert range_bar(40, 40, 40, 50) == "\u2595\u2588" + "\u2591" * 9 + "\u258f"
    assert range_bar(50, 50, 40, 50) == "\u2595" + "\u2591" * 9 + "\u2588\u258f"
    assert range_bar(45, None, 40, 50) == "\u2595" + "\u2591" * 5 + "\u2588" * 5 + "\u258f"


@given(
    bounds=st.lists(st.integers(-1000, 1000), min_size=4, max_size=4).map(sorted),
    open_low=st.booleans(),
    open_high=st.booleans(),
    width=st.integers(3, 40),
)
def test_a_range_bar_is_one_run_of_cells(
    bounds: list[int], open_low: bool, open_high: bool, width: int
) -> None:
    """A bar is ``width`` cells between its ends, and its span is one unbroken run of them."""
    axis_lo, lo, hi, axis_hi = bounds
    bar = range_bar(None if open_low else lo, None if open_high else hi, axis_lo, axis_hi, width)
    cells = bar[1:-1]
    runs = [r for r in cells.split("\u2591") if r]
    assert (width, "\u2595", "\u258f", 1) == (len(cells), bar[0], bar[-1], len(runs))


def test_markdown_bars_per_camp() -> None:
    """Each camp of a contradiction gets one line: axis, bar, value and who says it."""
    dataset = load(KIDAL)
    group = reconcile(dataset).group("kidal-2014/killed/fama")
    assert group_bars(group, Context.of(dataset)) == [
        "40 \u2595\u2588\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u258f 50  "
        "40: MNLA via Le Point, encyclopedia",
        "40 \u2595\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2588\u258f 50  "
        "50: Malian government via Reuters",
    ]


def test_markdown_check_comment(capsys: pytest.CaptureFixture[str]) -> None:
    """The pull-request comment has the verdict, a count table and the bars."""
    out = run(capsys, "check", KIDAL, "--format", "markdown").out
    assert out.startswith("## claimdiff check: failed\n")
    assert "| not acknowledged | 1 |" in out
    assert "**`kidal-2014/killed/fama`**: gap 10 (20%)" in out


def test_text_colour_is_optional() -> None:
    """The same finding line, plain and coloured."""
    finding = Finding(code="c", message="m", location=Location(file="f.yaml", line=2))
    assert finding_line(finding) == "f.yaml:2: error: m [c]"
    assert finding_line(finding, Style(color=True)) == (
        "f.yaml:2: \033[31;1merror\033[0m: m \033[2m[c]\033[0m"
    )
