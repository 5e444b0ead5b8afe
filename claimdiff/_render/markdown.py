"""Markdown for pull-request comments and job summaries: a summary table, then the
contradictions with one text range bar per camp on the group's shared axis::

    40 ▕█░░░░░░░░░▏ 50  40: MNLA via Le Point
    40 ▕░░░░░░░░░█▏ 50  50: Malian government via Reuters
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from .._curation.check import CheckResult
from .._curation.describe import (
    Context,
    camp_attribution,
    camp_entries,
    camp_value,
    estimate_text,
    gap_text,
    largest_gap,
    revision_text,
    sort_key,
)
from .._curation.diff import DatasetDiff
from .._model.findings import Finding, Severity
from .._model.words import open_bound_text
from .._reconciler.report import Bound, Group, Report
from .bars import range_bar
from .text import _MOVEMENT_WORDS, check_summary, one_line, report_summary

#: How a bar's axis labels an open end.
_OPEN_END = "\u2026"


def _axis(group: Group) -> tuple[Bound, Bound]:
    """The group's axis: its range, or the finite camp bounds where the range is open."""
    finite = [
        b
        for c in group.camps
        if c.consensus is not None
        for b in (c.consensus.low, c.consensus.high)
        if b is not None
    ]
    lo = group.range.low if group.range is not None else None
    hi = group.range.high if group.range is not None else None
    if lo is None and finite:
        lo = min(finite)
    if hi is None and finite:
        hi = max(finite)
    return lo, hi


def group_bars(group: Group, ctx: Context) -> list[str]:
    """One line per camp: the bar on the group's axis, the camp's value and who says it."""
    lo, hi = _axis(group)
    lines = []
    for i, (camp, entries) in enumerate(zip(group.camps, camp_entries(group), strict=True)):
        who = camp_attribution(group, i, ctx.actors, entries)
        value = camp_value(group, i, ctx.actors)
        if camp.consensus is None or lo is None or hi is None:
            lines.append(f"{value}: {who}")
            continue
        bar = range_bar(camp.consensus.low, camp.consensus.high, lo, hi)
        ends = open_bound_text(lo, _OPEN_END), open_bound_text(hi, _OPEN_END)
        lines.append(f"{ends[0]} {bar} {ends[1]}  {value}: {who}")
    return lines


#: Characters that start Markdown or HTML inline syntax anywhere: emphasis, links and images
#: (no ``[``, so ``(`` is plain), code, raw HTML, entities, table cells, strikethrough.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|!~&])")
#: What starts a block only at the start of a line: headings, lists, quotes, rules.
_BLOCK_START = re.compile(r"^(\s*|\s*\d+)((?<=\d)[.)]|(?<!\d)[#+\-=>])")
#: ``@name`` and ``#123`` notify people and link issues on GitHub; a word joiner after the sign
#: keeps the text as it reads and makes it no reference.
_REFERENCE = re.compile(r"([@#])(?=\w)")


def md_text(text: str) -> str:
    """``text`` as inert Markdown inline text, for a paragraph, a list item or a table cell.

    One line (:func:`~claimdiff._render.text.one_line`), every character that starts Markdown
    or HTML syntax backslash-escaped (CommonMark lets any ASCII punctuation be escaped, which
    also keeps ``|`` from splitting a table cell), and ``@mentions`` and ``#references``
    broken, so data cannot add headings, links, images, HTML or pings to a pull request.
    """
    escaped = _BLOCK_START.sub(r"\1\\\2", _MARKDOWN.sub(r"\\\1", one_line(text)))
    return _REFERENCE.sub("\\1\u2060", escaped)


def md_code(text: str, *, table: bool = False) -> str:
    """``text`` as an inline code span: delimited by more backticks than any run inside it,
    on one line, and with ``|`` escaped in a ``table`` cell (GitHub splits cells on it even
    inside code)."""
    text = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    span = f"{fence}{pad}{text}{pad}{fence}"
    return span.replace("|", "\\|") if table else span


def md_fence(lines: Iterable[str], info: str = "text") -> list[str]:
    """``lines`` as a fenced code block that no line of data can close: each line made one
    line, the fence longer than any run of backticks in them."""
    body = [one_line(line) for line in lines]
    longest = max((len(run) for line in body for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + info, *body, fence]


def _cell(text: str) -> str:
    return md_text(text)


def _contradiction_block(group: Group, ctx: Context) -> list[str]:
    gap = gap_text(largest_gap(group, ctx), group.kind)
    head = f"**{md_code(str(group.key))}**" + (f": {md_text(gap)}" if gap else "")
    return [head, "", *md_fence(group_bars(group, ctx)), ""]


def _findings_table(findings: Iterable[Finding]) -> list[str]:
    rows = [
        f"| {f.severity} | {md_code(f.code, table=True)} | {_cell(str(f.location))} | "
        f"{_cell(f.message)} |"
        for f in findings
    ]
    if not rows:
        return []
    return ["| severity | code | where | message |", "|---|---|---|---|", *rows, ""]


def report_markdown(report: Report, ctx: Context) -> str:
    """The report as Markdown: summary, contradictions with bars, then every other group."""
    s = report.summary
    lines = [
        "## claimdiff report",
        "",
        report_summary(report),
        "",
        "| | count |",
        "|---|---:|",
        f"| records | {s.records} |",
        f"| claims | {s.claims} |",
        f"| groups | {s.groups} |",
        f"| contradictions | {s.contradictions} |",
        # Only where there are some, so that a report without any reads as it always did.
        *(
            [f"| contradictions across groups | {s.cross_contradictions} |"]
            if s.cross_contradictions
            else []
        ),
        f"| agreements | {s.agreements} |",
        f"| singles | {s.singles} |",
        f"| unknown | {s.unknowns} |",
        f"| transpositions | {s.transpositions} |",
        "",
    ]
    contradictions = sorted(
        (g for g in report.groups if g.verdict == "contradiction"), key=lambda g: sort_key(g, ctx)
    )
    if contradictions:
        lines += ["### Contradictions", ""]
        for g in contradictions:
            lines += _contradiction_block(g, ctx)
            estimate = estimate_text(g)
            if estimate:
                lines += [f"_{md_text(estimate)}_", ""]
    others = [g for g in report.groups if g.verdict != "contradiction"]
    if others:
        lines += [
            "### Other groups",
            "",
            "| group | verdict | value | origins |",
            "|---|---|---|---:|",
        ]
        for g in others:
            value = (
                g.consensus.text
                if g.consensus is not None
                else " or ".join(g.consensus_values or g.values) or "\u2014"
            )
            key = md_code(str(g.key), table=True)
            lines.append(f"| {key} | {g.verdict} | {_cell(value)} | {g.independent_origins} |")
        lines.append("")
    revised = [
        f"- `{g.key}`: {_cell(revision_text(r, ctx.actors))}"
        for g in report.groups
        for r in g.revisions
    ]
    if revised:
        lines += ["### Revised tallies", "", *revised, ""]
    if report.cross:
        lines += ["### Across groups", "", *[f"- {_cell(c.message)}" for c in report.cross], ""]
    if report.transpositions:
        lines += [
            "### Transpositions",
            "",
            *[f"- {_cell(t.message)}" for t in report.transpositions],
            "",
        ]
    if report.findings:
        lines += ["### Findings", "", *_findings_table(report.findings)]
    return "\n".join(lines).rstrip("\n") + "\n"


def check_markdown(
    result: CheckResult, groups: Iterable[Group], ctx: Context, *, fail_on: Collection[Severity]
) -> str:
    """The check as a pull-request comment: verdict, counts, unacknowledged contradictions
    with their bars, and a table of findings.

    ``groups`` holds at least the report's contradicting groups (a report's groups, or an
    overview's details); the others are passed over.
    """
    s = result.summary
    failed = bool(result.failing(fail_on))
    lines = [
        f"## claimdiff check: {'failed' if failed else 'passed'}",
        "",
        check_summary(result, failed),
        "",
        "| | count |",
        "|---|---:|",
        f"| records read | {s.records} |",
        f"| claims | {s.claims} |",
        f"| groups | {s.groups} |",
        f"| contradictions | {s.contradictions} |",
        f"| acknowledged in the baseline | {s.acknowledged} |",
        f"| not acknowledged | {s.unacknowledged} |",
        f"| stale baseline entries | {s.stale} |",
        f"| errors | {s.errors} |",
        f"| warnings | {s.warnings} |",
        "",
    ]
    acknowledged = set(result.acknowledged)
    open_ = sorted(
        (g for g in groups if g.verdict == "contradiction" and str(g.key) not in acknowledged),
        key=lambda g: sort_key(g, ctx),
    )
    if open_:
        lines += ["### Contradictions not acknowledged", ""]
        for g in open_:
            lines += _contradiction_block(g, ctx)
    if result.findings:
        lines += ["### Findings", "", *_findings_table(result.findings)]
    return "\n".join(lines).rstrip("\n") + "\n"


def _moved(old: str | None, new: str | None) -> str:
    dash = "\u2014"
    return (new or dash) if old == new else f"{old or dash} \u2192 {new or dash}"


def diff_markdown(d: DatasetDiff) -> str:
    """The diff as Markdown: counts, claim lists, and a table of group movements."""
    lines = ["## claimdiff diff", ""]
    if d.empty:
        return "## claimdiff diff\n\nNo changes.\n"
    lines += [
        f"{len(d.added)} added, {len(d.removed)} removed, {len(d.modified)} modified; "
        f"{len(d.groups)} group{'' if len(d.groups) == 1 else 's'} changed",
        "",
    ]
    if d.added:
        lines += ["**Added:** " + ", ".join(md_code(c) for c in d.added), ""]
    if d.removed:
        lines += ["**Removed:** " + ", ".join(md_code(c) for c in d.removed), ""]
    if d.modified:
        lines += ["| claim | field | old | new |", "|---|---|---|---|"]
        for change in d.modified:
            for f in change.fields:
                claim = md_code(change.claim, table=True)
                lines.append(f"| {claim} | {_cell(f.field)} | {_cell(f.old)} | {_cell(f.new)} |")
        lines.append("")
    if d.groups:
        lines += ["| group | change | verdict | range |", "|---|---|---|---|"]
        for g in d.groups:
            words = ", ".join(_MOVEMENT_WORDS[m] for m in g.movements)
            if g.new_contradiction:
                words = f"**{words}**"
            verdict = _moved(g.old_verdict, g.new_verdict)
            rng = _moved(g.old_range, g.new_range)
            group = md_code(g.group, table=True)
            lines.append(f"| {group} | {words} | {_cell(verdict)} | {_cell(rng)} |")
        lines.append("")
    if d.declarations:
        lines += ["| declaration | change | field | old | new |", "|---|---|---|---|---|"]
        for c in d.declarations:
            name = f"{c.section[:-1]} {md_code(c.id, table=True)}"
            rows = [(_cell(f.field), _cell(f.old), _cell(f.new)) for f in c.fields] or [
                ("", "", "")
            ]
            for cells in rows:
                lines.append(f"| {name} | {c.change} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
