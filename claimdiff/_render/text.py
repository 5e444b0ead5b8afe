"""Plain text for people at a terminal: reports, check results and diffs.

Colour is ANSI and only on request (the command line asks for it when the stream is a
terminal and ``NO_COLOR`` is unset); the words never depend on it, so tests compare plain text.
"""

from __future__ import annotations

import attrs

from .._curation.check import CheckResult
from .._curation.describe import (
    Context,
    attribution,
    camp_attribution,
    camp_text,
    contradiction_text,
    estimate_text,
    revision_text,
    sort_key,
)
from .._curation.diff import DatasetDiff
from .._model.findings import Finding
from .._reconciler.report import Group, Report


def _escapes() -> dict[int, str]:
    table: dict[int, str] = {}
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]:
        table[code] = named.get(chr(code), f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    # Bidirectional overrides and isolates reorder what a reader sees (Trojan Source).
    for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
        table[code] = f"\\u{code:04x}"
    return table


_ESCAPES = _escapes()


def one_line(text: str) -> str:
    """``text`` safe to print as part of one line of a terminal or a CI log: every control
    character, line or paragraph separator and bidirectional override shown as its escape
    (``\\n``, ``\\x1b``, ``\\u2028``).

    Data comes from anyone who can open a pull request, and a CI log reads a line that starts
    with ``::error`` or ``::add-mask::`` as a command: no text from data may start a line, move
    the cursor or colour the terminal.
    """
    return text.translate(_ESCAPES)


_CODES = {"bold": "1", "red": "31", "green": "32", "yellow": "33", "cyan": "36", "dim": "2"}
_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}


@attrs.frozen
class Style:
    """Wraps text in ANSI codes when ``color`` is on, else leaves it alone."""

    color: bool = False

    def __call__(self, text: str, *names: str) -> str:
        if not self.color or not names:
            return text
        codes = ";".join(_CODES[n] for n in names)
        return f"\033[{codes}m{text}\033[0m"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def finding_line(finding: Finding, style: Style = Style()) -> str:
    """``claims.yaml:12, record k1, field value: error: expected a number [invalid-value]``."""
    severity = style(finding.severity, _SEVERITY_COLOUR[finding.severity], "bold")
    loc = finding.location
    if loc.record and finding.message.startswith(loc.record):
        loc = attrs.evolve(loc, record=None)  # the message names it already
    where = one_line(str(loc))
    head = f"{where}: " if where else ""
    message = one_line(finding.message)
    return f"{head}{severity}: {message} {style('[' + finding.code + ']', 'dim')}"


def report_summary(report: Report) -> str:
    """One line that accounts for every record and group."""
    s = report.summary
    verdicts = ", ".join(
        (
            _plural(s.contradictions, "contradiction"),
            _plural(s.agreements, "agreement"),
            _plural(s.singles, "single"),
            f"{s.unknowns} unknown",
        )
    )
    rejected = f" ({s.rejected} rejected)" if s.rejected else ""
    cross = (
        f"; {_plural(s.cross_contradictions, 'contradiction')} across groups"
        if s.cross_contradictions
        else ""
    )
    return (
        f"{_plural(s.records, 'record')}{rejected}, {_plural(s.claims, 'claim')} in "
        f"{_plural(s.groups, 'group')}: {verdicts}{cross}; "
        f"{_plural(s.transpositions, 'transposition')}; "
        f"{_plural(s.errors, 'error')}, {_plural(s.warnings, 'warning')}"
    )


def _is_range(group: Group) -> bool:
    r = group.range
    return r is not None and (r.low != r.high or r.low_open or r.high_open)


def _agreement_line(group: Group, ctx: Context) -> str:
    origins = _plural(group.independent_origins, "independent origin")
    if _is_range(group) and group.range is not None:
        consensus = group.consensus.text if group.consensus is not None else "nothing in common"
        who = camp_attribution(group, 0, ctx.actors) if group.camps else ""
        return f"{group.key}: {group.range.text}; all allow {consensus} ({who}); {origins}"
    return f"{group.key}: {camp_text(group, 0, ctx.actors)}; {origins}"


def report_text(report: Report, ctx: Context, *, style: Style = Style()) -> str:
    """The report for people: a summary line, then contradictions (furthest apart first),
    agreements, ranges, singles, unknowns, transpositions and findings."""
    contradictions = sorted(
        (g for g in report.groups if g.verdict == "contradiction"), key=lambda g: sort_key(g, ctx)
    )
    agreements = [g for g in report.groups if g.verdict == "agreement" and not _is_range(g)]
    ranges = [g for g in report.groups if g.verdict == "agreement" and _is_range(g)]
    singles = [g for g in report.groups if g.verdict == "single"]
    unknowns = [g for g in report.groups if g.verdict == "unknown"]
    sections: list[tuple[str, str, list[str]]] = [
        (
            "Contradictions",
            "red",
            [_with_estimate(contradiction_text(g, ctx), g) for g in contradictions],
        ),
        ("Agreements", "green", [_with_estimate(_agreement_line(g, ctx), g) for g in agreements]),
        ("Ranges", "green", [_with_estimate(_agreement_line(g, ctx), g) for g in ranges]),
        (
            "Singles",
            "cyan",
            [
                _with_estimate(f"{g.key}: {camp_text(g, 0, ctx.actors)}", g)
                for g in singles
                if g.camps
            ],
        ),
        ("Unknown", "dim", [one_line(f"{g.key}: {_unknown_line(g, ctx)}") for g in unknowns]),
        (
            "Revised tallies",
            "cyan",
            [
                one_line(f"{g.key}: {revision_text(r, ctx.actors)}")
                for g in report.groups
                for r in g.revisions
            ],
        ),
        ("Across groups", "red", [one_line(c.message) for c in report.cross]),
        ("Transpositions", "yellow", [one_line(t.message) for t in report.transpositions]),
        ("Findings", "yellow", [finding_line(f, style) for f in report.findings]),
    ]
    lines = [style(report_summary(report), "bold")]
    for title, colour, items in sections:
        if items:
            lines += ["", style(f"{title} ({len(items)})", colour, "bold")]
            lines += [f"  {item}" for item in items]
    return "\n".join(lines) + "\n"


def _with_estimate(line: str, group: Group) -> str:
    """The group's line, and its best estimate under it when one was asked for."""
    estimate = estimate_text(group)
    line = one_line(line)
    return f"{line}\n    {one_line(estimate)}" if estimate else line


def _unknown_line(group: Group, ctx: Context) -> str:
    who = "; ".join(dict.fromkeys(attribution(e, ctx.actors) for e in group.entries))
    return f"no claim gives a value ({who})"


def check_summary(result: CheckResult, failed: bool) -> str:
    """``claimdiff check: failed: 6 claims in 3 groups; 2 contradictions (1 acknowledged,
    1 not); 1 error, 0 warnings``."""
    s = result.summary
    verdict = "failed" if failed else "passed"
    counts = f"{_plural(s.claims, 'claim')} in {_plural(s.groups, 'group')}"
    if s.records != s.claims:  # every record read is accounted for, the rejected ones too
        counts = f"{_plural(s.records, 'record')} read, {s.records - s.claims} rejected; " + counts
    return (
        f"claimdiff check: {verdict}: {counts}; "
        f"{_plural(s.contradictions, 'contradiction')} ({s.acknowledged} acknowledged, "
        f"{s.unacknowledged} not); {_plural(s.errors, 'error')}, {_plural(s.warnings, 'warning')}"
        + (f", {s.infos} info" if s.infos else "")
    )


def check_text(result: CheckResult, *, failed: bool, style: Style = Style()) -> str:
    """One line per finding, then the summary line."""
    lines = [finding_line(f, style) for f in result.findings]
    summary = check_summary(result, failed)
    lines.append(style(summary, "red" if failed else "green", "bold"))
    return "\n".join(lines) + "\n"


_MOVEMENT_WORDS = {
    "added": "new group",
    "removed": "group removed",
    "new-contradiction": "new contradiction",
    "resolved": "contradiction resolved",
    "contradiction-changed": "contradiction changed",
    "verdict": "verdict changed",
    "widened": "range widened",
    "narrowed": "range narrowed",
    "shifted": "range shifted",
    "claims": "claims changed",
}


def diff_text(d: DatasetDiff, *, style: Style = Style()) -> str:
    """Claims added (``+``), removed (``-``) and modified (``~``, field by field), then how
    each changed group moved."""
    if d.empty:
        return "no changes\n"
    lines = [
        style(
            f"claims: {len(d.added)} added, {len(d.removed)} removed, {len(d.modified)} modified; "
            f"{_plural(len(d.groups), 'group')} changed"
            + (
                f"; {_plural(len(d.declarations), 'declaration')} changed" if d.declarations else ""
            ),
            "bold",
        )
    ]
    lines += [style(f"+ {one_line(cid)}", "green") for cid in d.added]
    lines += [style(f"- {one_line(cid)}", "red") for cid in d.removed]
    for change in d.modified:
        fields = "; ".join(f"{f.field}: {f.old} \u2192 {f.new}" for f in change.fields)
        lines.append(style(f"~ {one_line(change.claim)}", "yellow") + f": {one_line(fields)}")
    for c in d.declarations:
        fields = "; ".join(f"{f.field}: {f.old} \u2192 {f.new}" for f in c.fields)
        mark = {"added": "+", "removed": "-", "modified": "~"}[c.change]
        lines.append(
            one_line(f"{mark} {c.section[:-1]} {c.id}" + (f": {fields}" if fields else ""))
        )
    for g in d.groups:
        words = ", ".join(_MOVEMENT_WORDS[m] for m in g.movements)
        colour = "red" if g.new_contradiction else "green" if "resolved" in g.movements else "cyan"
        detail = []
        if g.old_verdict != g.new_verdict:
            detail.append(f"{g.old_verdict or '(none)'} \u2192 {g.new_verdict or '(none)'}")
        if g.old_range != g.new_range:
            detail.append(f"{g.old_range or '(none)'} \u2192 {g.new_range or '(none)'}")
        if g.joined:
            detail.append("joined: " + ", ".join(g.joined))
        if g.left:
            detail.append("left: " + ", ".join(g.left))
        tail = one_line(f" ({'; '.join(detail)})") if detail else ""
        lines.append(f"{style(one_line(g.group), 'bold')}: {style(words, colour)}{tail}")
    return "\n".join(lines) + "\n"
