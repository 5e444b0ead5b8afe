"""The HTML report shows the model's notions: revised tallies as step charts, contradictions
across groups, and voices under the origin they speak for.

Example tests read the Marawi example (running tallies, AFP spokesmen, overlapping control
claims); a Hypothesis property renders generated tallies with hostile names anywhere in the
calendar and parses every page with html5lib's strict HTML5 parser.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

import attrs
import html5lib
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimdiff import (
    Actor,
    Category,
    Claim,
    Dataset,
    DateValue,
    Group,
    Quantity,
    Relay,
    Report,
    load,
    reconcile,
    render_html,
)

from .._cdp import CHROMIUM, Browser

REPO = Path(__file__).resolve().parent.parent.parent
MARAWI = REPO / "examples" / "marawi"
AXE = Path(__file__).parent.parent / "vendor" / "axe-core" / "axe.min.js"
MILITANTS = "marawi-2017/killed/maute-isis"


@pytest.fixture(scope="module")
def marawi() -> tuple[Report, Dataset, str]:
    """The Marawi example, its report and its page."""
    dataset = load(*sorted(MARAWI.glob("*.yaml")))
    report = reconcile(dataset)
    return report, dataset, render_html(report, dataset, title="Marawi")


def _section(html: str, report: Report, key: str) -> str:
    index = report.groups.index(report.group(key))
    start = html.index(f'<section id="g{index}"')
    return html[start : html.index("</section>", start)]


def _strict_parse(html: str) -> None:
    """Parse ``html`` as HTML5, failing on the first parse error."""
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)


# --- revisions ------------------------------------------------------------------------------


def test_militants_tally_is_a_step_chart(marawi: tuple[Report, Dataset, str]) -> None:
    """The militants' toll has a step chart with a line per origin that revised it, each
    step where its figure was stated, in the order stated."""
    report, _, html = marawi
    section = _section(html, report, MILITANTS)
    chart = section[section.index('<svg class="chart steps"') :]
    chart = chart[: chart.index("</svg>")]
    origins = re.findall(r'<g class="series" data-origin="([^"]+)"', chart)
    assert ["encyclopedia", "philippine-government"] == sorted(origins)
    government = next(
        part for part in chart.split('<g class="series"') if "philippine-government" in part[:40]
    )
    steps = re.findall(r'<g class="step" data-claim="([^"]+)" data-state="(\w+)"', government)
    # The government's tally runs from "at least 61" on 27 May to 920 on 23 October 2017.
    assert ("tally.militants-killed.padilla-61", "superseded") == steps[0]
    assert [
        ("tally.militants-killed.authorities-920", "latest"),
        ("tally.militants-killed.brawner-920", "latest"),
        ("tally.militants-killed.lorenzana-920", "latest"),
    ] == steps[-3:]
    revision = next(
        r for r in report.group(MILITANTS).revisions if r.origin == "philippine-government"
    )
    assert list(revision.claims) == [claim for claim, _ in steps]
    assert "<title id=" in chart
    assert "<desc id=" in chart


def test_step_chart_flags_the_fall(marawi: tuple[Report, Dataset, str]) -> None:
    """The AFP's "at least 138" on 10 June then 136 on 11 June is drawn as a fall and said
    so in the table, as the revised-down finding reports it."""
    report, _, html = marawi
    section = _section(html, report, MILITANTS)
    falls = re.findall(r'<g class="fall" data-from="([^"]+)" data-to="([^"]+)"', section)
    assert [("tally.militants-killed.afp-138", "tally.militants-killed.afp-136")] == falls
    row = re.search(r'<tr data-claim="tally.militants-killed.afp-136"[^>]*>(.*?)</tr>', section)
    assert row is not None
    assert "fell below tally.militants-killed.afp-138 (revised-down)" in row[1]


def test_revision_table_says_what_became_of_each_figure(
    marawi: tuple[Report, Dataset, str],
) -> None:
    """The table beside the step chart has a row per figure of every revision, with the
    claim that superseded it or why it still counts."""
    report, _, html = marawi
    for group in report.groups:
        if not group.revisions:
            continue
        section = _section(html, report, str(group.key))
        table = section[section.index('<table class="revisions">') :]
        rows = re.findall(r'<tr data-claim="([^"]+)" data-state="(\w+)"', table)
        expected = [
            (claim, "superseded" if claim in r.superseded else "latest")
            for r in group.revisions
            for claim, day in zip(r.claims, r.stated, strict=True)
            if claim in r.superseded or day == r.stated[-1]
        ]
        assert sorted(expected) == sorted(row for row in rows if row[1] in ("superseded", "latest"))


def test_superseded_figures_are_boxed_as_superseded(marawi: tuple[Report, Dataset, str]) -> None:
    """On the range chart, figures revised later are in a box of their own, not under "No
    information", and the claims table names what superseded each."""
    report, _, html = marawi
    section = _section(html, report, MILITANTS)
    assert "No information" not in section
    assert "Superseded: revised later by the same origin" in section
    hollow = re.findall(r'class="mark" data-claim="([^"]+)"[^>]*data-superseded="true">', section)
    gone = [e.claim for e in report.group(MILITANTS).entries if e.superseded_by is not None]
    assert sorted(gone) == sorted(hollow)
    assert (
        "superseded by <code>tally.militants-killed.authorities-920</code>"
        in section[section.index('<tr data-claim="tally.militants-killed.padilla-89">') :]
    )


# --- across groups --------------------------------------------------------------------------


def test_cross_section_lists_both_groups(marawi: tuple[Report, Dataset, str]) -> None:
    """Each contradiction across groups links both groups and names the days they share."""
    report, _, html = marawi
    assert report.cross
    part = html[html.index('<section id="cross"') :]
    part = part[: part.index("</section>")]
    for n, cross in enumerate(report.cross):
        item = part[part.index(f'<li id="cross-{n}"') :]
        item = item[: item.index("</li></ul>")]
        links = re.findall(r'<a href="#g(\d+)">', item)
        assert [str(report.groups.index(report.group(k))) for k in cross.groups] == links
        assert f"<code>{cross.overlap}</code>" in item
    first = part[part.index('<li id="cross-0"') :]
    assert "Both cannot be right on <strong>29 May 2017</strong>" in first
    assert '<span class="n">2</span> <span class="k">across groups</span>' in html


def test_groups_link_to_their_cross_contradiction(marawi: tuple[Report, Dataset, str]) -> None:
    """Both groups of a contradiction across groups say so and link to it."""
    report, _, html = marawi
    for n, cross in enumerate(report.cross):
        a, b = (str(k) for k in cross.groups)
        for key in (a, b):
            note = _section(html, report, key)
            assert f'(<a href="#cross-{n}">across groups</a>)' in note


# --- voices ---------------------------------------------------------------------------------


def test_voices_are_named_under_their_origin(marawi: tuple[Report, Dataset, str]) -> None:
    """A spokesman is shown as speaking for his government: in the camps table, in the
    claims table and on the chart's row."""
    report, _, html = marawi
    status = _section(html, report, "marawi-2017/status@Marawi[2017-10-23]")
    assert "<td>Government of the Philippines: Delfin Lorenzana</td>" in status
    assert "<td>Delfin Lorenzana (for Government of the Philippines)</td>" in status
    militants = _section(html, report, MILITANTS)
    assert ">for Government of the Philippines</text>" in militants
    assert ">for ARMM, via CNN Philippines</text>" in html
    assert "voices counted as the origin they speak for: Government of the Philippines: " in (
        militants
    )


def test_timeline_lane_names_its_voices() -> None:
    """A control timeline has one lane per origin, and its caption names the voices that
    spoke for it rather than giving them lanes of their own."""
    actors = (
        Actor(id="kyiv", name="Ukrainian government"),
        Actor(id="poroshenko", name="Poroshenko", speaks_for="kyiv"),
        Actor(id="staff", name="General Staff", speaks_for="kyiv"),
    )
    claims = tuple(
        Claim(
            id=f"c-{who}",
            event="e",
            measure="controller",
            place="Debaltseve",
            value=Category(members=frozenset({"kyiv"}), text="Kyiv"),
            claimant=who,
            as_of=DateValue.day(dt.date(2015, 2, day)),
        )
        for who, day in (("poroshenko", 12), ("staff", 14))
    )
    dataset = Dataset(claims=claims, actors=actors)
    html = render_html(reconcile(dataset), dataset)
    timeline = html[html.index('<figure class="timeline">') :]
    lanes = re.findall(r'<g class="lane" data-lane="([^"]+)"', timeline)
    caption = timeline[timeline.index("<figcaption") : timeline.index("</figcaption>")]
    assert ["Ukrainian government"] == lanes
    assert "Ukrainian government (voices: General Staff; Poroshenko): " in caption


def test_marawi_page_is_deterministic_and_parses(marawi: tuple[Report, Dataset, str]) -> None:
    """The Marawi page parses as HTML5 and is the same bytes whatever the claims' order."""
    _, dataset, html = marawi
    _strict_parse(html)
    shuffled = list(dataset.claims)
    random.Random(18).shuffle(shuffled)
    other = attrs.evolve(dataset, claims=tuple(shuffled))
    assert html == render_html(reconcile(other), other, title="Marawi")


# --- generated tallies ----------------------------------------------------------------------

#: Names and words made of markup fragments, joined: what a hostile dataset may hold.
HOSTILE = st.lists(
    st.sampled_from([*"ab<>&\"' /=", "<script>", "</svg>", "<!--", "]]>"]), min_size=1, max_size=6
).map("".join)


@st.composite
def tallies(draw: st.DrawFn) -> Dataset:
    """A government and voices speaking for it that revise a running count of the killed over
    days anywhere in the calendar, under hostile names, with overlapping control claims."""
    words = draw(st.lists(HOSTILE, min_size=3, max_size=3))
    actors = (
        Actor(id="gov", name=f"{words[0]} gov"),
        Actor(id="voice", name=f"{words[1]} voice", speaks_for="gov"),
        Actor(id="other", name=f"{words[2]} other"),
    )
    n = draw(st.integers(2, 6))
    claims = []
    for i in range(n):
        low = draw(st.integers(0, 10**6))
        high = draw(st.sampled_from([low, low + draw(st.integers(1, 500)), None]))
        claims.append(
            Claim(
                id=f"k{i}{draw(HOSTILE)}",
                event="e",
                measure="killed",
                value=Quantity(low=low, high=high, text=draw(HOSTILE)),
                claimant=draw(st.sampled_from(["gov", "voice", "other"])),
                stated=draw(st.dates()),
                quote=draw(HOSTILE),
                via=(Relay(outlet=draw(HOSTILE)),),
            )
        )
    # Two claims of who held the place, on scopes that share their middle day.
    a, shared, b = sorted(draw(st.lists(st.dates(), min_size=3, max_size=3)))
    holders = draw(
        st.sampled_from([(), ("gov",), ("gov", "gov"), ("gov", "other"), ("other", "gov")])
    )
    scopes = [(a, shared), (shared, b)][: len(holders)]
    for i, (who, (low, high)) in enumerate(zip(holders, scopes, strict=True)):
        claims.append(
            Claim(
                id=f"c{i}",
                event="e",
                measure="controller",
                place="p",
                value=Category(members=frozenset({who}), text=who),
                claimant=who,
                as_of=DateValue(low=low, high=high, text=f"{low}/{high}"),
            )
        )
    return Dataset(claims=tuple(claims), actors=actors)


@settings(max_examples=30, deadline=None)
@given(tallies())
@example(
    Dataset(
        claims=tuple(
            Claim(
                id=f"k{i}",
                event="e",
                measure="killed",
                value=Quantity.exact(n),
                claimant="voice",
                stated=day,
            )
            for i, (n, day) in enumerate(
                [(5, dt.date.min), (3, dt.date.min + dt.timedelta(1)), (9, dt.date.max)]
            )
        ),
        actors=(Actor(id="gov", name="gov"), Actor(id="voice", name="v", speaks_for="gov")),
    )
)
def test_pages_with_revisions_parse_as_html(dataset: Dataset) -> None:
    """A page with revised tallies, voices and overlapping claims parses as strict HTML5,
    lets no markup through from the data, shows every figure of every revision, and is the
    same bytes whatever the order of the claims."""
    report = reconcile(dataset)
    html = render_html(report, dataset)
    _strict_parse(html)
    reversed_ = attrs.evolve(dataset, claims=dataset.claims[::-1])
    assert html == render_html(reconcile(reversed_), reversed_)
    # The page's own script is the only one; no comment or script comes from the data.
    assert 1 == html.count("<script")
    assert "<!--" not in html
    for group in report.groups:
        for revision in group.revisions:
            for claim in revision.claims:
                assert f'<tr data-claim="{escape(claim)}" data-state=' in html
    falls = any(f.code == "revised-down" for f in report.findings)
    assert falls == ('<g class="fall"' in html)
    for n, _ in enumerate(report.cross):
        assert f'<li id="cross-{n}" class="cross"' in html


# --- in a browser ---------------------------------------------------------------------------


def _need_chromium() -> None:
    if not os.access(CHROMIUM, os.X_OK):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium) to test the page as shown")


def _part(report: Report, keys: set[str]) -> Report:
    groups: tuple[Group, ...] = tuple(g for g in report.groups if str(g.key) in keys)
    return attrs.evolve(report, groups=groups)


@pytest.fixture(scope="module")
def marawi_page(
    marawi: tuple[Report, Dataset, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Browser]:
    """A page of the militants' tally and the groups that contradict across keys, in headless
    Chromium: small enough for axe-core to check in seconds."""
    _need_chromium()
    report, dataset, _ = marawi
    keys = {MILITANTS} | {str(k) for c in report.cross for k in c.groups}
    path = tmp_path_factory.mktemp("html") / "marawi.html"
    path.write_text(render_html(_part(report, keys), dataset), encoding="utf-8")
    with Browser() as browser:
        browser.open(path.as_uri())
        yield browser


def test_browser_draws_the_steps(marawi_page: Browser) -> None:
    """The step chart is laid out: each step sits right of the one stated before it."""
    xs = marawi_page.evaluate(
        """Array.from(document.querySelectorAll(
            'svg.steps g.series[data-origin="philippine-government"] g.step')).map(
            g => ({day: g.dataset.day, x: g.getBoundingClientRect().x}))"""
    )
    assert len(xs) > 10
    ordered = sorted(xs, key=lambda s: s["day"])
    assert [s["x"] for s in ordered] == sorted(s["x"] for s in xs)
    assert ordered[0]["x"] < ordered[-1]["x"]


def test_browser_cross_part_stays_shown(marawi_page: Browser) -> None:
    """Unticking every verdict hides the groups but not the list of contradictions across
    groups, which holds no group of its own."""
    result = marawi_page.evaluate(
        """(() => {
            const boxes = document.querySelectorAll('#filters input[name=verdict]');
            boxes.forEach(b => b.click());
            const out = document.getElementById('cross').offsetParent !== null;
            boxes.forEach(b => b.click());
            return out;
        })()"""
    )
    assert result is True


def test_browser_phone_width_with_history_and_cross(marawi_page: Browser) -> None:
    """On a 390-pixel phone the step chart, its table and the list across groups (long keys
    in it) do not make the page scroll sideways."""
    marawi_page.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
        page=True,
    )
    try:
        width = marawi_page.evaluate("document.documentElement.scrollWidth")
    finally:
        marawi_page.send("Emulation.clearDeviceMetricsOverride", page=True)
    assert width <= 390


def test_browser_accessibility_of_history_and_cross(marawi_page: Browser) -> None:
    """axe-core finds no serious or critical violation on the step chart and cross list."""
    marawi_page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = marawi_page.evaluate(
        """axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(
            v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.html)})))"""
    )
    assert [] == [v for v in violations if v["impact"] in ("serious", "critical")]
