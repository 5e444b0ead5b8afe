"""Notebook and console display: short reprs, HTML fragments, Markdown, public renderers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import claimdiff

ROOT = Path(__file__).resolve().parent.parent.parent
KIDAL = ROOT / "examples" / "kidal"


@pytest.fixture(scope="module")
def dataset() -> claimdiff.Dataset:
    """The Kidal example."""
    return claimdiff.load(KIDAL)


@pytest.fixture(scope="module")
def report(dataset: claimdiff.Dataset) -> claimdiff.Report:
    """The Kidal report, with estimates."""
    return claimdiff.reconcile(dataset, estimate="median-of-origins")


def _cli(*args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "claimdiff", *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_COLOR": "1"},
        cwd=ROOT,
    ).stdout


def test_report_repr_is_one_short_line(report: claimdiff.Report) -> None:
    """A report's repr is its counts on one line."""
    s = report.summary
    expected = (
        f"<Report: {s.claims} claims, {s.groups} groups, {s.contradictions} contradictions, "
        f"{s.agreements} agreements, {s.singles} singles, {s.unknowns} unknown, "
        f"{s.errors} errors, {s.warnings} warnings>"
    )
    assert expected == repr(report)


def test_group_repr(report: claimdiff.Report) -> None:
    """A group's repr names its key, verdict, range and counts."""
    group = report.group("kidal-2014/killed/fama")
    assert "<Group kidal-2014/killed/fama: contradiction, 40–50, 2 claims, 2 origins>" == repr(
        group
    )


def test_overview_and_estimate_reprs(report: claimdiff.Report) -> None:
    """An overview's and an estimate's reprs are one line each."""
    overview = claimdiff.overview(KIDAL)
    assert repr(overview).startswith(f"<Overview: {report.summary.claims} claims, ")
    estimate = report.group("kidal-2014/killed/fama").estimate
    assert estimate is not None
    assert "<Estimate median-of-origins: tie 40 / 50 (40 to 50), on 2 claims>" == repr(estimate)


def test_every_repr_is_short(report: claimdiff.Report) -> None:
    """No group's repr runs past one line of 200 characters."""
    longest = max(len(repr(g)) for g in report.groups)
    assert longest < 200
    assert "\n" not in "".join(repr(g) for g in report.groups)


def test_unknown_group_suggests_the_closest(report: claimdiff.Report) -> None:
    """A typo in a group key raises a KeyError that is a ClaimdiffError and names the key."""
    with pytest.raises(claimdiff.UnknownKeyError) as info:
        report.group("kidal-2014/kiled/fama")
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, claimdiff.ClaimdiffError)
    assert str(info.value).startswith(
        "no group 'kidal-2014/kiled/fama' (did you mean 'kidal-2014/killed/fama'"
    )


def test_unknown_claim_and_detail_suggest_too(report: claimdiff.Report) -> None:
    """group_of and Overview.detail raise the same error, with suggestions."""
    claim = report.groups[0].claims[0]
    with pytest.raises(KeyError) as info:
        report.group_of(claim + "x")
    assert f"(did you mean {claim!r}" in str(info.value)
    overview = claimdiff.overview(KIDAL)
    with pytest.raises(claimdiff.UnknownKeyError) as detail:
        overview.detail("nothing-like-it")
    assert "no detailed group 'nothing-like-it'" == str(detail.value)


def _styles(fragment: str) -> list[str]:
    css = "".join(re.findall(r"<style>(.*?)</style>", fragment, re.S))
    return [s.strip() for block in re.findall(r"([^{}]+)\{", css) for s in block.split(",")]


@pytest.mark.parametrize("what", ["report", "group", "overview", "estimate"])
def test_html_fragment_styles_only_itself(report: claimdiff.Report, what: str) -> None:
    """Every CSS selector of a notebook fragment starts with the fragment's own class."""
    group = report.group("kidal-2014/killed/fama")
    objects = {
        "report": report,
        "group": group,
        "overview": claimdiff.overview(KIDAL),
        "estimate": group.estimate,
    }
    fragment = objects[what]._repr_html_()  # type: ignore[union-attr]
    selectors = _styles(fragment)
    assert selectors
    assert [] == [s for s in selectors if not s.startswith(".claimdiff-frag")]
    assert fragment.startswith('<div class="claimdiff-frag">')
    assert "<html" not in fragment
    assert "<body" not in fragment


def test_report_fragment_lists_contradictions_first(report: claimdiff.Report) -> None:
    """The report's table puts contradictions first, each with a range bar."""
    fragment = report._repr_html_()
    rows = re.findall(r"<tr><td><code>(.*?)</code></td><td>.*?>(\w+)</span>", fragment)
    verdicts = [v for _, v in rows]
    n = report.summary.contradictions
    assert ["contradiction"] * n == verdicts[:n]
    assert "<svg" in fragment
    assert f"... and {report.summary.groups - 50:,} more groups" in fragment


def test_fragment_escapes_what_it_shows() -> None:
    """Keys and values with markup are escaped in the fragment."""
    dataset = claimdiff.Dataset(
        claims=[
            claimdiff.Claim(
                id="a",
                event="<b>e</b>",
                measure="killed",
                value=claimdiff.parse_value("40", "count"),
            )
        ]
    )
    fragment = claimdiff.reconcile(dataset)._repr_html_()
    assert "<b>e</b>" not in fragment
    assert "&lt;b&gt;e&lt;/b&gt;" in fragment


def test_render_text_is_what_the_cli_prints(
    report: claimdiff.Report, dataset: claimdiff.Dataset
) -> None:
    """render_text(report, dataset) is ``claimdiff report``'s output."""
    plain = claimdiff.reconcile(dataset)
    assert _cli("report", "examples/kidal") == claimdiff.render_text(plain, dataset)


def test_render_markdown_is_what_the_cli_prints(dataset: claimdiff.Dataset) -> None:
    """render_markdown(report, dataset) is ``claimdiff report --format markdown``'s output."""
    plain = claimdiff.reconcile(dataset)
    expected = _cli("report", "examples/kidal", "--format", "markdown")
    assert expected == claimdiff.render_markdown(plain, dataset)


def test_markdown_reprs(report: claimdiff.Report) -> None:
    """Report and group give Markdown for front ends that prefer it; a long report a table of
    its first groups, contradictions first."""
    markdown = report._repr_markdown_()
    assert markdown.startswith(f"**claimdiff report**: {report.summary.claims} claims, ")
    assert f"... and {report.summary.groups - 50:,} more groups" in markdown
    small = claimdiff.Report(summary=report.summary, groups=report.groups[:3])
    assert small._repr_markdown_() == claimdiff.render_markdown(small)
    group_md = report.group("kidal-2014/killed/fama")._repr_markdown_()
    assert group_md.startswith("**`kidal-2014/killed/fama`**: contradiction, 40–50\n")


def test_version_is_the_installed_one() -> None:
    """claimdiff.__version__ is the installed distribution's version."""
    from importlib.metadata import version

    assert version("claimdiff") == claimdiff.__version__


def test_dataset_repr_is_one_line(dataset: claimdiff.Dataset) -> None:
    """A dataset's repr is its counts."""
    expected = (
        f"<Dataset: {len(dataset.claims)} claims, {len(dataset.actors)} actors, "
        f"{len(dataset.events)} events, {len(dataset.documents)} documents; "
        f"{len(dataset.findings)} findings>"
    )
    assert expected == repr(dataset)


def test_markdown_display_escapes_what_data_holds() -> None:
    """A key holding a pipe, HTML and a line break cannot split the table or add a heading."""
    claim = claimdiff.make_converter().structure(
        {"id": "a", "event": "e", "measure": "controller", "value": "x", "claimant": "A",
         "place": "P|<i>\n# Heading"},
        claimdiff.Claim,
    )  # fmt: skip
    report = claimdiff.reconcile([claim])
    for shown in (
        claimdiff.Overview.of(report)._repr_markdown_(),
        report.groups[0]._repr_markdown_(),
    ):
        lines = shown.splitlines()
        assert [] == [line for line in lines if line.startswith("#")]
        assert [] == [line for line in lines if "<i>" in line and "`" not in line]
