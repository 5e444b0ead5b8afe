"""Every output format escapes data for its medium, and renders data at the edges of its range."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import attrs
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from claimdiff import (
    CheckResult,
    CheckSummary,
    Finding,
    Location,
    check,
    load,
    reconcile,
    render_html,
)
from claimdiff._render.github import annotation
from claimdiff._render.junit import check_junit
from claimdiff._render.markdown import md_code, md_fence, md_text
from claimdiff._render.text import check_text, one_line


@settings(max_examples=25, deadline=None)
@given(st.dates(), st.dates())
@example(dt.date.min, dt.date.max)
@example(dt.date.max - dt.timedelta(days=1), dt.date.max)
@example(dt.date.min, dt.date.min + dt.timedelta(days=1))
@example(dt.date(1, 1, 1), dt.date(1, 12, 31))
def test_html_report_renders_dates_anywhere_in_the_calendar(
    tmp_path_factory: object, a: dt.date, b: dt.date
) -> None:
    """The HTML page draws a date group whose figures lie anywhere from 0001-01-01 to
    9999-12-31, the calendar's edges included."""
    folder = Path(str(tmp_path_factory.mktemp("dates")))  # type: ignore[attr-defined]
    path = folder / "claims.yaml"
    path.write_text(
        "claims:\n"
        f"  - {{id: c1, event: e, measure: date, value: {a.isoformat()}, claimant: x}}\n"
        f"  - {{id: c2, event: e, measure: date, value: {b.isoformat()}, claimant: y}}\n",
        encoding="utf-8",
    )
    dataset = load(path)
    page = render_html(reconcile(dataset), dataset)
    assert page.startswith("<!DOCTYPE html>")


def check_result(findings: tuple[Finding, ...]) -> CheckResult:
    """A check result holding ``findings`` and no counts."""
    counts = dict.fromkeys(attrs.fields_dict(CheckSummary), 0)
    return CheckResult(findings=findings, summary=CheckSummary(**counts))


_EMPTY_REPORT = reconcile(load(Path(__file__).resolve().parent.parent / "data" / "cli" / "kidal"))


# -- escaping, one helper per medium -------------------------------------------------------

#: Text that tries every trick: workflow commands, ANSI, Markdown and HTML, XML-illegal bytes.
HOSTILE = (
    "MNLA\n::error file=README.md,line=1::forged\r\n::add-mask::x\x07\x1b[31m"
    "```\n# Heading ![x](http://e/x.png) @someone #12 <b>x</b> &amp; | cell"
    "\x00\x01\ufffe\u2028\u202e\x85 ~~s~~ **b** _i_ [l](u) `c`"
)
texts = st.text() | st.sampled_from([HOSTILE, "`", "``", " ` ", "|", "- x", "12. x", "\\"])
UNSAFE_CATEGORIES = {"Cc", "Zl", "Zp"}


@given(texts)
def test_one_line_leaves_no_control_or_line_break(text: str) -> None:
    """Text made one line holds no control character, line or paragraph separator or
    bidirectional override, and reads back as the text when the escapes are undone (when the
    text has no backslash of its own)."""
    line = one_line(text)
    assert [] == [
        c for c in line if unicodedata.category(c) in UNSAFE_CATEGORIES or "\u202a" <= c <= "\u202e"
    ]
    if "\\" not in text:  # a backslash is kept as it is, so only then is it unambiguous
        assert text == line.encode("latin-1", "backslashreplace").decode("unicode_escape")


def _inline_children(source: str) -> list[Any]:
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(source)
    assert ["paragraph_open", "inline", "paragraph_close"] == [t.type for t in tokens]
    return list(tokens[1].children or [])


@given(texts.filter(lambda t: t.strip()))
def test_md_text_is_one_paragraph_of_plain_text(text: str) -> None:
    """Markdown-escaped text parses as one paragraph of plain text that reads as the text
    made one line (less the word joiners that break mentions)."""
    children = _inline_children(md_text(text))
    assert {"text"} >= {t.type for t in children}
    shown = "".join(t.content for t in children).replace("\u2060", "")
    assert one_line(text).strip() == shown.strip()


@given(texts.filter(lambda t: t.strip()))
def test_md_code_is_one_code_span(text: str) -> None:
    """A code span holds the text made one line, whatever backticks it has."""
    children = _inline_children(md_code(text))
    assert [("code_inline", one_line(text).strip())] == [
        (t.type, t.content.strip()) for t in children
    ]


@given(st.lists(texts, max_size=4))
def test_md_fence_cannot_be_closed_by_data(lines: list[str]) -> None:
    """A fenced block holds exactly its lines, made one line each: no line closes it."""
    tokens = MarkdownIt("commonmark").parse("\n".join(md_fence(lines)) + "\n")
    body = "".join(one_line(line) + "\n" for line in lines)
    assert [("fence", body)] == [(t.type, t.content) for t in tokens]


@given(texts, texts, texts)
def test_annotation_is_one_command_that_reads_back(message: str, file: str, record: str) -> None:
    """A GitHub annotation is one line whose properties and message decode, with the
    runner's escapes, back to the finding's own, other control characters shown as in text
    output."""
    finding = Finding(
        code="contradiction",
        message=message,
        location=Location(file=file or None, line=3, record=record or None),
    )
    command = annotation(finding)
    head, _, data = command[2:].partition("::")
    props = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))
    codes = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}

    def unescape(text: str) -> str:
        return re.sub("%25|%0D|%0A|%3A|%2C", lambda m: codes[m[0]], text)

    def visible(text: str) -> str:
        return "".join(c if c in "\r\n" else one_line(c) for c in text)

    expected_message = message if not record or record in message else f"{record}: {message}"
    assert ("\n" not in command and "\r" not in command) is True
    assert (visible(file) or None, visible(expected_message)) == (
        unescape(props["file"]) if "file" in props else None,
        unescape(data),
    )


@settings(max_examples=30, deadline=None)
@given(texts, texts)
def test_junit_is_well_formed_xml(event: str, message: str) -> None:
    """The JUnit document parses as XML whatever the data holds."""
    finding = Finding(code="contradiction", message=message, location=Location(file=event))
    result = check_result((finding,))
    document = check_junit(result, _EMPTY_REPORT, fail_on=("error",), files=[event])
    root = ET.fromstring(document.split("\n", 1)[1])
    assert "testsuites" == root.tag


def test_text_check_output_forges_no_workflow_command(tmp_path: Path) -> None:
    """The issue's actor name, in text output, starts no line with ``::``."""
    path = tmp_path / "claims.yaml"
    path.write_text(
        "actors:\n"
        '  - {id: a, name: "MNLA\\n::error file=README.md,line=1::forged\\n::add-mask::x"}\n'
        "claims:\n"
        "  - {id: c1, event: e, measure: killed, value: 4, claimant: a}\n"
        "  - {id: c2, event: e, measure: killed, value: 300, claimant: a}\n",
        encoding="utf-8",
    )
    dataset = load(path)
    result = check(dataset, reconcile(dataset))
    text = check_text(result, failed=True)
    assert [] == [line for line in text.splitlines() if line.startswith("::")]
    assert "(MNLA\\n::error file=README.md,line=1::forged\\n::add-mask::x)" in text


def test_html_policy_names_the_script_by_hash(tmp_path: Path) -> None:
    """The page's CSP allows no inline script but the page's own, by its SHA-256."""
    dataset = load(Path(__file__).resolve().parent.parent / "data" / "cli" / "kidal")
    page = render_html(reconcile(dataset), dataset)
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    policy = re.search(r'Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    assert (1, f"script-src 'sha256-{digest}'", False) == (
        len(scripts),
        next(p.strip() for p in policy[1].split(";") if "script-src" in p),
        "unsafe-inline" in policy[1].split("script-src")[1].split(";")[0],
    )
