"""``check``: the findings a curator must look at before a dataset change goes in.

Contradictions are what a dataset is about, so they are findings only when nobody has reviewed
them: a contradiction that the baseline acknowledges is fine, a new one is an error. The result
is data; only the command line turns it into an exit code.

Its codes (``contradiction``, ``quote-not-found``, the baseline's ...) and their severities are
registered once in :mod:`claimdiff._model.codes` and described in docs/findings.md.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol

import attrs

from .._model.claims import Claim, Dataset
from .._model.codes import FindingCode
from .._model.findings import Finding, Location, Severity
from .._reconciler.overview import Overview
from .._reconciler.report import CrossContradiction, Group, Report, Summary, Transposition
from .baseline import (
    VERSION,
    Baseline,
    camps_fingerprint,
    contradicting_claims,
    cross_fingerprint,
    cross_group,
    fingerprint,
)
from .describe import (
    Context,
    camp_words,
    clash_order,
    clash_text,
    contradiction_text,
    sort_key,
    voices_text,
)

if TYPE_CHECKING:
    from .._engine.result import Clash
    from .._model.actors import ActorIndex

#: The largest source document a quote is looked for in (16 MiB; a long report is a few MB).
MAX_SOURCE_BYTES: Final = 16 * 1024 * 1024

#: Separators curators use to elide part of a quote; each remaining fragment must be found.
_ELISION = re.compile(r"\s*(?:\[\s*(?:\.\.\.|\u2026)\s*\]|\.\.\.|\u2026)\s*")


class Contradicting(Protocol):
    """What a check reads of a contradicting group: a :class:`Group` whole
    (:class:`GroupContradiction`), or one decided in columns that has none."""

    @property
    def key(self) -> str:
        """The group's key as text."""

    def order(self) -> tuple[float, float, str]:
        """Where it sorts: see :func:`claimdiff._curation.describe.sort_key`."""

    def first(self) -> str:
        """The first (smallest) id among the claims in some contradicting pair."""

    def fingerprint(self, version: int) -> str:
        """Its fingerprint in baseline format ``version``."""

    def text(self) -> str:
        """Its message: see :func:`claimdiff._curation.describe.contradiction_text`."""


@attrs.frozen
class GroupContradiction:
    """A contradicting :class:`Group`, whole, as a check reads it."""

    group: Group
    ctx: Context

    @property
    def key(self) -> str:
        """The group's key as text."""
        return str(self.group.key)

    def order(self) -> tuple[float, float, str]:
        """Where it sorts: furthest apart first."""
        return sort_key(self.group, self.ctx)

    def first(self) -> str:
        """The first id among the contradicting claims."""
        return contradicting_claims(self.group)[0]

    def fingerprint(self, version: int) -> str:
        """Its fingerprint in baseline format ``version``."""
        return fingerprint(self.group, version=version)

    def text(self) -> str:
        """Its message."""
        return contradiction_text(self.group, self.ctx)


@attrs.frozen
class ColumnContradiction:
    """A contradicting group decided in columns (:class:`claimdiff._engine.result.Clash`),
    as a check reads it: worded by the same functions as a whole group."""

    clash: Clash
    actors: ActorIndex

    @property
    def key(self) -> str:
        """The group's key as text."""
        return self.clash.key

    def order(self) -> tuple[float, float, str]:
        """Where it sorts: furthest apart first, by its gap."""
        return clash_order(self.clash.key, self.clash.gap, self.clash.kind)

    def first(self) -> str:
        """The first id among the contradicting claims."""
        return self.clash.first

    def fingerprint(self, version: int) -> str:
        """Its fingerprint in baseline format ``version``."""
        if version >= 2:
            camps = [[(cid, value) for cid, value, _ in claims] for _, claims in self.clash.camps]
            return camps_fingerprint(self.clash.key, camps)
        return fingerprint(self.clash.key, self.clash.contradicting, version=version)

    def text(self) -> str:
        """Its message."""
        words = [
            camp_words(value, voices_text((e for _, _, e in claims), self.actors))
            for value, claims in self.clash.camps
        ]
        return clash_text(self.clash.key, words, self.clash.gap, self.clash.kind)


@attrs.frozen(kw_only=True)
class CheckSummary:
    """Counts behind a check: what was read, what contradicts, what was found."""

    records: int
    claims: int
    groups: int
    contradictions: int
    acknowledged: int
    unacknowledged: int
    stale: int
    errors: int
    warnings: int
    infos: int


@attrs.frozen(kw_only=True)
class CheckResult:
    """What :func:`check` returns: every finding, in a stable order, and the counts.

    ``acknowledged`` holds the keys of the groups whose contradiction the baseline covers.
    """

    findings: tuple[Finding, ...]
    summary: CheckSummary
    acknowledged: tuple[str, ...] = ()

    def failing(self, fail_on: Collection[Severity]) -> tuple[Finding, ...]:
        """The findings whose severity is in ``fail_on``."""
        return tuple(f for f in self.findings if f.severity in fail_on)


def check(
    dataset: Dataset,
    report: Report | Overview,
    *,
    baseline: Baseline | None = None,
    sources: str | Path | None = None,
) -> CheckResult:
    """Check a loaded dataset and its report.

    Args:
        dataset: the dataset as loaded (its load findings and claim locations are used).
        report: ``reconcile(dataset)``, or an :class:`Overview` of it (as
            ``claimdiff.dask.reconcile_dataset`` gives); its findings include the load
            findings.
        baseline: the acknowledged contradictions; without one every contradiction is an error.
        sources: a directory of source texts; when given, every claim's quote must occur in
            ``sources/<document>`` (whitespace-normalised; ``...`` elides).

    Returns:
        A :class:`CheckResult` with findings sorted by file, line, code and message.
    """
    verdicts = {str(g.key): g.verdict for g in report.groups}
    ctx = Context.of(dataset)
    whole = report.details if isinstance(report, Overview) else report.groups
    return check_parts(
        report.summary,
        report.findings,
        [GroupContradiction(g, ctx) for g in whole if g.verdict == "contradiction"],
        report.transpositions,
        dataset.locations.get,
        verdicts.get,
        baseline=baseline,
        more=check_quotes(dataset, Path(sources)) if sources is not None else (),
        cross=report.cross,
    )


def check_parts(
    summary: Summary,
    findings: Iterable[Finding],
    contradictions: Sequence[Contradicting],
    transpositions: Iterable[Transposition],
    locate: Callable[[str], Location | None],
    verdict_of: Callable[[str], str | None],
    *,
    baseline: Baseline | None,
    more: Iterable[Finding] = (),
    cross: Sequence[CrossContradiction] = (),
) -> CheckResult:
    """:func:`check` from the parts of a report it reads, so that an engine that keeps no
    whole report (``claimdiff check --engine overview``) checks exactly as it does.

    ``contradictions`` are the report's contradicting groups, ``locate`` gives a claim's
    location and ``verdict_of`` a group's verdict by its key.
    """
    found: list[Finding] = list(findings)
    matched: set[str] = set()
    acknowledged: list[str] = []
    reviewed_groups = {e.group for e in baseline.entries} if baseline is not None else set()
    for group in sorted(contradictions, key=lambda g: g.order()):
        fp = group.fingerprint(baseline.version if baseline is not None else VERSION)
        entry = baseline.find(fp) if baseline is not None else None
        if entry is not None:
            matched.add(fp)
            acknowledged.append(group.key)
            continue
        where = locate(group.first()) or Location()
        note = ""
        if group.key in reviewed_groups:
            note = (
                f" (changed since it was reviewed: its camps or values differ from the "
                f"baseline's; fingerprint now {fp}; review it and re-run `claimdiff baseline`)"
            )
        elif baseline is not None:
            note = f" (not in the baseline; fingerprint {fp})"
        found.append(
            Finding(
                code="contradiction",
                severity="error",
                message=group.text() + note,
                location=attrs.evolve(where, record=group.key, field=None),
            )
        )
    for c in cross:
        fp = cross_fingerprint(c)
        if baseline is not None and baseline.find(fp) is not None:
            matched.add(fp)
            acknowledged.append(cross_group(c))
            continue
        found.append(
            Finding(
                code="cross-contradiction",
                severity="error",
                message=c.message
                + (f" (not in the baseline; fingerprint {fp})" if baseline is not None else ""),
                location=Location(record=cross_group(c)),
            )
        )
    if baseline is not None:
        found.extend(_baseline_findings(baseline, matched, verdict_of))
    for t in transpositions:
        where = (locate(t.claims[0]) if t.claims else None) or Location()
        found.append(
            Finding(
                code="transposed-figures",
                severity="warning",
                message=t.message,
                location=attrs.evolve(where, record=" + ".join(str(k) for k in t.groups)),
            )
        )
    found.extend(more)
    found.sort(key=_finding_order)
    count = {s: sum(f.severity == s for f in found) for s in ("error", "warning", "info")}
    counts = CheckSummary(
        records=summary.records,
        claims=summary.claims,
        groups=summary.groups,
        contradictions=len(contradictions) + len(cross),
        acknowledged=len(acknowledged),
        unacknowledged=len(contradictions) + len(cross) - len(acknowledged),
        stale=len(baseline.entries) - len(matched) if baseline is not None else 0,
        errors=count["error"],
        warnings=count["warning"],
        infos=count["info"],
    )
    return CheckResult(
        findings=tuple(found), summary=counts, acknowledged=tuple(sorted(acknowledged))
    )


def with_findings(result: CheckResult, more: Sequence[Finding]) -> CheckResult:
    """``result`` with ``more`` findings in their place, counted (findings an engine never
    met, such as the files of a folder that are not read)."""
    if not more:
        return result
    found = sorted((*result.findings, *more), key=_finding_order)
    count = {s: sum(f.severity == s for f in found) for s in ("error", "warning", "info")}
    summary = attrs.evolve(
        result.summary, errors=count["error"], warnings=count["warning"], infos=count["info"]
    )
    return attrs.evolve(result, findings=tuple(found), summary=summary)


def _baseline_findings(
    baseline: Baseline, matched: set[str], verdict_of: Callable[[str], str | None]
) -> list[Finding]:
    """Stale entries, acknowledged ones still without a reviewed reason, an outdated file."""
    found = []
    if baseline.version < VERSION:
        found.append(
            Finding(
                code="outdated-baseline",
                severity="warning",
                message=baseline.upgrade_message(),
                location=Location(file=baseline.path, line=1),
            )
        )
    for entry in baseline.entries:
        where = Location(file=baseline.path, line=entry.line, record=entry.group)
        if entry.fingerprint not in matched:
            message = _stale_message(entry.group, entry.fingerprint, verdict_of)
            found.append(
                Finding(code="stale-baseline", severity="warning", message=message, location=where)
            )
        elif entry.reason.strip().startswith("TODO") or not entry.reason.strip():
            found.append(
                Finding(
                    code="unreviewed-baseline",
                    severity="warning",
                    message=f"baseline entry {entry.fingerprint} for {entry.group} acknowledges "
                    f"a contradiction nobody has reviewed (reason: {entry.reason.strip()!r}); "
                    "write why it is expected",
                    location=where,
                )
            )
    return found


def _stale_message(group: str, fp: str, verdict_of: Callable[[str], str | None]) -> str:
    verdict = verdict_of(group)
    if verdict is None and " & " in group:
        return f"baseline entry {fp} for {group} matches nothing: the two groups no longer clash"
    if verdict is None:
        return f"baseline entry {fp} for {group} matches nothing: the group no longer exists"
    if verdict == "contradiction":
        return (
            f"baseline entry {fp} for {group} matches nothing: the group's camps or their "
            "values changed; review the contradiction and re-run `claimdiff baseline`"
        )
    return (
        f"baseline entry {fp} for {group} matches nothing: the group no longer contradicts "
        f"(now {verdict})"
    )


def _finding_order(f: Finding) -> tuple[str, int, str, str, str]:
    loc = f.location
    return (loc.file or "", loc.line or 0, f.code, loc.record or "", f.message)


def normalize_text(text: str) -> str:
    """Text as quotes are matched: NFC, every run of whitespace one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def quote_found(quote: str, document: str) -> bool:
    """Whether ``quote`` occurs in ``document`` (already normalised), fragment by fragment.

    Curators elide with ``...``, ``…`` or ``[...]``; each fragment must occur, in order.
    """
    start = 0
    for fragment in _ELISION.split(normalize_text(quote)):
        if not fragment:
            continue
        at = document.find(fragment, start)
        if at < 0:
            return False
        start = at + len(fragment)
    return True


def _document_path(claim: Claim, dataset: Dataset, sources: Path) -> Path:
    """The file a claim's document is read from: its declared ``file``, else its id."""
    declared = next((d for d in dataset.documents if d.id == claim.document), None)
    name = declared.file if declared is not None and declared.file else str(claim.document)
    return sources / name


@attrs.frozen
class _Unread:
    """Why a source document was not read: the finding's code and reason."""

    code: FindingCode
    reason: str


def read_source(path: Path, sources: Path) -> str | _Unread:
    """The text of ``path``, a document under the folder ``sources``, or why it is not read.

    The path comes from the data (a document's ``file``), which anyone opening a pull request
    writes, and a quote check answers whether a string is in the file: so only a regular file
    that lies, links resolved, inside ``sources`` is read, and only its first
    :data:`MAX_SOURCE_BYTES` bytes (no ``/proc``, devices or pipes, which never end or block).
    """
    try:
        root = sources.resolve(strict=True)
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a loop of links
        return _Unread("unknown-document", f"no file {str(path)!r}")
    if not real.is_relative_to(root):
        return _Unread(
            "unreadable-document", f"{str(path)!r} is outside the sources folder {str(sources)!r}"
        )
    try:
        # Not blocking: a pipe put there after the check below must not hang the run.
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return _Unread("unreadable-document", f"cannot read {str(path)!r}: {error.strerror}")
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            return _Unread("unreadable-document", f"{str(path)!r} is not a regular file")
        if info.st_size > MAX_SOURCE_BYTES:
            return _Unread(
                "unreadable-document",
                f"{str(path)!r} holds {info.st_size:,} bytes, more than the "
                f"{MAX_SOURCE_BYTES:,} a source document may",
            )
        data = stream.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:  # it grew while being read
        return _Unread("unreadable-document", f"{str(path)!r} grew while it was read")
    return data.decode("utf-8", errors="replace")


def check_quotes(dataset: Dataset, sources: Path) -> list[Finding]:
    """``quote-not-found``, ``unknown-document`` and ``unreadable-document`` findings for the
    claims of ``dataset``.

    Claims without a quote or without a document are not checked: there is nothing to find.
    """
    texts: dict[Path, str | _Unread] = {}
    findings: list[Finding] = []
    for claim in sorted(dataset.claims, key=lambda c: c.id):
        if not claim.quote.strip() or not claim.document:
            continue
        path = _document_path(claim, dataset, sources)
        if path not in texts:
            read = read_source(path, sources)
            texts[path] = normalize_text(read) if isinstance(read, str) else read
        text = texts[path]
        where = dataset.locations.get(claim.id, Location(record=claim.id))
        if isinstance(text, _Unread):
            prefix = "not found" if text.code == "unknown-document" else "not read"
            findings.append(
                Finding(
                    code=text.code,
                    severity="error",
                    message=f"document {claim.document!r} {prefix}: {text.reason}",
                    location=attrs.evolve(where, record=claim.id, field="document"),
                )
            )
        elif not quote_found(claim.quote, text):
            shown = normalize_text(claim.quote)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            findings.append(
                Finding(
                    code="quote-not-found",
                    severity="error",
                    message=f"quote {shown!r} not found in {str(path)!r}",
                    location=attrs.evolve(where, record=claim.id, field="quote"),
                )
            )
    return findings
