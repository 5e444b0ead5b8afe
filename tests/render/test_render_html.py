"""The HTML report: self-contained, deterministic and escaped, and right as a browser shows it.

The first half reads the HTML as text. The second half opens the Kidal report in headless
Chromium (Debian's ``chromium``) through the DevTools protocol and checks what a person would
see: the charts drawn, the filters working, no network request, no serious accessibility
violation (axe-core, vendored under ``tests/vendor/axe-core``).
"""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from claimdiff import Dataset, Quantity, Relay, Report, load, reconcile, render_html

from .. import _html_data
from .._cdp import CHROMIUM, Browser

REPO = Path(__file__).resolve().parent.parent.parent
KIDAL = REPO / "examples" / "kidal"
AXE = Path(__file__).parent.parent / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def mini() -> tuple[Report, Dataset]:
    """The small Kidal-like dataset of ``_html_data`` and its report."""
    dataset = _html_data.dataset()
    return reconcile(dataset), dataset


@pytest.fixture(scope="module")
def kidal() -> tuple[Report, Dataset]:
    """The curated Kidal example and its report."""
    dataset = load(KIDAL)
    return reconcile(dataset), dataset


def _section(html: str, report: Report, key: str) -> str:
    index = report.groups.index(report.group(key))
    start = html.index(f'id="g{index}"')
    return html[start : html.index("</section>", start)]


# --- the page as text ---------------------------------------------------------------------


def test_self_contained(mini: tuple[Report, Dataset]) -> None:
    """Nothing is loaded from elsewhere: the only web addresses are the sources' links."""
    report, dataset = mini
    html = render_html(report, dataset)
    source_urls = {r.url for c in dataset.claims for r in c.via if r.url}
    source_urls |= {d.url for d in dataset.documents if d.url}
    assert "<link" not in html
    assert re.search(r"<script[^>]*\bsrc=", html) is None
    assert "@import" not in html
    assert re.search(r"url\((?!#)", html) is None  # only references to ids in the page
    assert re.search(r"\bsrc=", html) is None
    for tag, url in re.findall(r"<(\w+)[^>]*\bhref=\"([^\"]*)\"", html):
        if url.startswith("#"):
            continue
        assert ("a", True) == (tag, url in source_urls)
    assert re.search(r"\s(?:xlink:)?href=\"//", html) is None


def test_deterministic(mini: tuple[Report, Dataset]) -> None:
    """The same claims in any order give byte-identical pages."""
    report, dataset = mini
    shuffled = list(dataset.claims)
    random.Random(7).shuffle(shuffled)
    other = attrs.evolve(dataset, claims=tuple(shuffled))
    assert render_html(report, dataset) == render_html(reconcile(other), other)


def test_escapes_data() -> None:
    """Quotes, names and links from sources cannot inject markup or script."""
    hostile = _html_data.claims()[0]
    hostile = attrs.evolve(
        hostile,
        quote='<script>alert("x")</script> & "quoted"',
        notes="<img src=x onerror=alert(1)>",
        value=Quantity.exact(40, "<b>40</b>"),
        via=(Relay(outlet="<i>Outlet</i>", url="javascript:alert(1)"),),
    )
    dataset = Dataset(claims=(hostile,), actors=_html_data.ACTORS)
    html = render_html(reconcile(dataset), dataset, title="<Title>")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot;" in html
    assert "<img" not in html
    assert "<b>40</b>" not in html
    assert "<i>Outlet</i>" not in html
    assert 'href="javascript:' not in html
    assert "<title>&lt;Title&gt;</title>" in html


def test_every_claim_appears(mini: tuple[Report, Dataset]) -> None:
    """Every claim has its row in a claims table and, for figures and dates, its mark."""
    report, dataset = mini
    html = render_html(report, dataset)
    for claim in dataset.claims:
        assert f'<tr data-claim="{claim.id}">' in html
    for group in report.groups:
        if group.kind in ("quantity", "date"):
            for cid in group.claims:
                assert f'<g class="mark" data-claim="{cid}"' in html


def test_range_chart_shows_camps_and_gap(mini: tuple[Report, Dataset]) -> None:
    """The 2014 killed chart boxes 40 and 50 in two camps and calls out the gap between them."""
    report, dataset = mini
    section = _section(render_html(report, dataset), report, "kidal-2014/killed/fama")
    camps = re.findall(
        r'<g class="camp" data-camp="(\d)" data-low="(\d+)" data-high="(\d+)"', section
    )
    assert [("0", "40", "40"), ("1", "50", "50")] == camps
    assert 'data-verdict="contradiction"' in section
    assert "gap 10 (20%)" in section
    assert "MNLA" in section
    assert "via Le Point \u203a encyclopedia" in section


def test_open_bound_and_consensus(mini: tuple[Report, Dataset]) -> None:
    """ "At least ten" is an arrow and the consensus 14 is shaded."""
    report, dataset = mini
    section = _section(render_html(report, dataset), report, "kidal-drone-2023/killed/civilians")
    assert 'data-claim="civ-medical" data-camp="0" data-side="" data-shape="at_least"' in section
    assert '<g class="consensus" data-low="14" data-high="14">' in section


def test_control_timeline(mini: tuple[Report, Dataset]) -> None:
    """Control claims share one timeline for Kidal, with a lane per source and 2013 hatched."""
    report, dataset = mini
    html = render_html(report, dataset)
    timeline = html[html.index('<svg class="chart timeline"') :]
    timeline = timeline[: timeline.index("</svg>")]
    lanes = re.findall(r'<g class="lane" data-lane="([^"]+)"', timeline)
    assert ["Human Rights Watch", "ICT", "MNLA", "Malian government"] == lanes
    assert '<g class="conflict" data-low="2013-01-01" data-high="2013-12-31">' in timeline
    assert "sources disagree: 2013" in timeline


def test_summary_ranks_contradictions(mini: tuple[Report, Dataset]) -> None:
    """The biggest contradictions come first: figures by relative gap, then dates, then labels."""
    report, dataset = mini
    html = render_html(report, dataset)
    listed = html[html.index('<ol class="biggest"') : html.index("</ol>")]
    gaps = re.findall(r'<span class="gap">([^<]*)</span>', listed)
    assert ["gap 10 (20%)", "gap 8 days", "CSP-PSD vs Malian government"] == gaps
    assert '<span class="n">3</span> <span class="k">contradictions</span>' in html


def test_without_dataset(mini: tuple[Report, Dataset]) -> None:
    """A report alone still renders, drawing each camp's consensus."""
    report, _ = mini
    html = render_html(report)
    assert '<g class="camp" data-camp="1" data-low="50" data-high="50">' in html
    assert 'data-lane="hrw"' in html


# --- the page in a browser ----------------------------------------------------------------


def _need_chromium() -> None:
    if not os.access(CHROMIUM, os.X_OK):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium) to test the page as shown")


@pytest.fixture(scope="module")
def page(
    kidal: tuple[Report, Dataset], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Browser, Report, str]]:
    """The Kidal report, opened in headless Chromium."""
    _need_chromium()
    report, dataset = kidal
    path = tmp_path_factory.mktemp("html") / "kidal.html"
    path.write_text(render_html(report, dataset, title="Kidal"), encoding="utf-8")
    with Browser() as browser:
        browser.open(path.as_uri())
        yield browser, report, path.as_uri()


def test_browser_draws_the_camps(page: tuple[Browser, Report, str]) -> None:
    """The 2014 killed chart is drawn with two camps, at 40 and at 50."""
    browser, report, _ = page
    index = report.groups.index(report.group("kidal-2014/killed/fama"))
    camps = browser.evaluate(
        f"""Array.from(document.querySelectorAll('#g{index} svg g.camp')).map(g => ({{
            low: g.dataset.low, high: g.dataset.high,
            width: Math.round(g.getBoundingClientRect().width),
            marks: g.querySelectorAll('g.mark').length}}))"""
    )
    assert [("40", "40", 1), ("50", "50", 1)] == [(c["low"], c["high"], c["marks"]) for c in camps]
    assert all(c["width"] > 300 for c in camps)


def test_browser_filters_hide_sections(page: tuple[Browser, Report, str]) -> None:
    """Unticking "agreement" hides every agreeing group and nothing else; ticking shows them."""
    browser, report, _ = page
    script = """(() => {
        const box = document.querySelector('#filters input[name=verdict][value=agreement]');
        box.click();
        const shown = v => Array.from(document.querySelectorAll(
            `section[data-verdict=${v}]`)).filter(s => s.offsetParent !== null).length;
        const out = {form: !document.getElementById('filters').hidden,
                     agreement: shown('agreement'), contradiction: shown('contradiction'),
                     status: document.getElementById('filter-status').textContent};
        box.click();
        out.after = shown('agreement');
        return out;
    })()"""
    result = browser.evaluate(script)
    agreements = sum(g.verdict == "agreement" for g in report.groups)
    contradictions = sum(g.verdict == "contradiction" for g in report.groups)
    total = len(report.groups)
    assert {
        "form": True,
        "agreement": 0,
        "contradiction": contradictions,
        "status": f"{total - agreements} of {total} groups shown",
        "after": agreements,
    } == result


def test_browser_made_no_network_request(page: tuple[Browser, Report, str]) -> None:
    """Loading the page requested nothing but the page itself."""
    browser, _, url = page
    assert [url] == browser.requests()


def test_browser_phone_width(page: tuple[Browser, Report, str]) -> None:
    """On a 390-pixel phone the page does not scroll sideways: wide charts scroll in place."""
    browser, _, _ = page
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
        page=True,
    )
    try:
        width = browser.evaluate("document.documentElement.scrollWidth")
    finally:
        browser.send("Emulation.clearDeviceMetricsOverride", page=True)
    assert width <= 390


def test_browser_screenshot(page: tuple[Browser, Report, str], tmp_path: Path) -> None:
    """A screenshot of the top of the page is a real 1200 by 2400 PNG."""
    browser, _, _ = page
    shot = tmp_path / "kidal.png"
    browser.screenshot(shot, width=1200, height=2400)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert (1200, 2400) == (
        int.from_bytes(data[16:20], "big"),
        int.from_bytes(data[20:24], "big"),
    )


@pytest.fixture(scope="module")
def mini_page(
    mini: tuple[Report, Dataset], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Browser]:
    """The small report, opened in headless Chromium: every kind of chart and table on a page
    small enough for axe-core to check in a second (the full Kidal page takes it ~40 s)."""
    _need_chromium()
    report, dataset = mini
    path = tmp_path_factory.mktemp("html") / "mini.html"
    path.write_text(render_html(report, dataset), encoding="utf-8")
    with Browser() as browser:
        browser.open(path.as_uri())
        yield browser


def test_browser_accessibility(mini_page: Browser) -> None:
    """axe-core finds no serious or critical accessibility violation."""
    browser = mini_page
    browser.evaluate(AXE.read_text(encoding="utf-8"))
    violations = browser.evaluate(
        """axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(
            v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.html)})))"""
    )
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert [] == serious, json.dumps(serious, indent=1)
