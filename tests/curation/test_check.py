"""``check()``: findings as data, with exact messages and stable order."""

from __future__ import annotations

from pathlib import Path

import attrs

from claimdiff import (
    Baseline,
    BaselineEntry,
    Claim,
    Dataset,
    Finding,
    Location,
    Quantity,
    check,
    load,
    reconcile,
)
from claimdiff._curation.baseline import entries_for
from claimdiff._curation.check import quote_found

from .._cli_helpers import KIDAL, KILLED, SOURCES


def _checked(dataset: Dataset, **kwargs: object) -> tuple[Finding, ...]:
    return check(dataset, reconcile(dataset), **kwargs).findings  # type: ignore[arg-type]


def test_unacknowledged_contradiction_is_an_error() -> None:
    """Without a baseline the contradiction is an error naming camps, claimants and gap."""
    dataset = load(KIDAL)
    result = check(dataset, reconcile(dataset))
    expected = Finding(
        code="contradiction",
        severity="error",
        message=KILLED,
        location=Location(
            file=str(KIDAL / "claims.yaml"), line=14, column=5, record="kidal-2014/killed/fama"
        ),
    )
    assert (expected,) == result.findings
    assert (1, 0, 1) == (
        result.summary.contradictions,
        result.summary.acknowledged,
        result.summary.errors,
    )


def test_acknowledged_contradiction_is_not_a_finding() -> None:
    """A contradiction whose fingerprint is in the baseline gives no finding."""
    dataset = load(KIDAL)
    report = reconcile(dataset)
    result = check(dataset, report, baseline=Baseline(entries=_reviewed(entries_for(report))))
    assert ((), ("kidal-2014/killed/fama",)) == (result.findings, result.acknowledged)


def _reviewed(entries: tuple[BaselineEntry, ...]) -> tuple[BaselineEntry, ...]:
    return tuple(attrs.evolve(e, reason="reviewed") for e in entries)


def test_an_acknowledged_contradiction_without_a_reason_is_unreviewed() -> None:
    """An entry whose reason is still TODO is reported as unreviewed, a warning."""
    dataset = load(KIDAL)
    report = reconcile(dataset)
    (entry,) = entries_for(report)
    result = check(
        dataset, report, baseline=Baseline(entries=(attrs.evolve(entry, line=6),), path="b.yaml")
    )
    assert [
        Finding(
            code="unreviewed-baseline",
            severity="warning",
            message=f"baseline entry {entry.fingerprint} for kidal-2014/killed/fama acknowledges "
            "a contradiction nobody has reviewed (reason: 'TODO: why this contradiction is "
            "expected'); write why it is expected",
            location=Location(file="b.yaml", line=6, record="kidal-2014/killed/fama"),
        )
    ] == list(result.findings)
    assert ("kidal-2014/killed/fama",) == result.acknowledged


def test_stale_entry_is_a_warning_never_dropped() -> None:
    """A baseline entry that matches nothing is reported as a stale-baseline warning."""
    dataset = load(KIDAL)
    report = reconcile(dataset)
    stale = BaselineEntry(group="kidal-2014/wounded/fama", fingerprint="0123456789abcdef", line=9)
    baseline = Baseline(entries=(*_reviewed(entries_for(report)), stale), path="baseline.yaml")
    result = check(dataset, report, baseline=baseline)
    expected = Finding(
        code="stale-baseline",
        severity="warning",
        message="baseline entry 0123456789abcdef for kidal-2014/wounded/fama matches nothing: "
        "the group no longer contradicts (now agreement)",
        location=Location(file="baseline.yaml", line=9, record="kidal-2014/wounded/fama"),
    )
    assert ((expected,), 1) == (result.findings, result.summary.stale)


def test_changed_claims_unacknowledge_the_contradiction() -> None:
    """When a group's contradicting claims change, the old entry is stale and the
    contradiction is an error again."""
    dataset = load(KIDAL)
    old_entries = entries_for(reconcile(dataset))
    extra = Claim(
        id="killed-extra",
        event="kidal-2014",
        measure="killed",
        party="fama",
        value=Quantity.exact(60),
        claimant="reuters",
    )
    changed = attrs.evolve(dataset, claims=(*dataset.claims, extra))
    findings = check(changed, reconcile(changed), baseline=Baseline(entries=old_entries)).findings
    assert ["contradiction", "stale-baseline"] == sorted(f.code for f in findings)
    error = next(f for f in findings if f.code == "contradiction")
    assert "(changed since it was reviewed: its camps or values differ" in error.message
    stale = next(f for f in findings if f.code == "stale-baseline")
    assert stale.message.endswith(
        "the group's camps or their values changed; review the contradiction and re-run "
        "`claimdiff baseline`"
    )


def test_missing_quote_is_found(tmp_path: Path) -> None:
    """With sources, a quote that is not in its document is a quote-not-found error."""
    dataset = load(KIDAL)
    claims = tuple(
        attrs.evolve(c, quote="41 killed") if c.id == "killed-mnla" else c for c in dataset.claims
    )
    findings = _checked(attrs.evolve(dataset, claims=claims), sources=SOURCES)
    missing = [f for f in findings if f.code == "quote-not-found"]
    assert [
        Finding(
            code="quote-not-found",
            message=f"quote '41 killed' not found in '{SOURCES / 'kidal.txt'}'",
            location=Location(
                file=str(KIDAL / "claims.yaml"),
                line=4,
                column=5,
                record="killed-mnla",
                field="quote",
            ),
        )
    ] == missing


def test_missing_document_is_unknown_document(tmp_path: Path) -> None:
    """A document with no file in the sources folder is an unknown-document error."""
    dataset = load(KIDAL)
    findings = _checked(dataset, sources=tmp_path)
    assert {"unknown-document"} == {f.code for f in findings if f.code != "contradiction"}
    assert (
        f"document 'kidal.txt' not found: no file '{tmp_path / 'kidal.txt'}'"
        == next(f for f in findings if f.code == "unknown-document").message
    )


def test_quotes_are_matched_whitespace_normalised_with_elisions() -> None:
    """Runs of whitespace match any whitespace; `...` skips text between fragments."""
    text = "Mali said 50 soldiers were killed in the fighting"
    assert quote_found("Mali said 50\n  soldiers", text)
    assert quote_found("Mali said ... in the fighting", text)
    assert quote_found("Mali […] killed", text)
    assert not quote_found("in the fighting ... Mali said", text)  # fragments in order
    assert not quote_found("Mali said 40", text)


def test_transposed_figures_are_warnings() -> None:
    """Swapped figures of two measures give a transposed-figures warning."""
    claims = [
        Claim(
            id=f"{m}-{who}",
            event="e",
            measure=m,
            party="fama",
            value=Quantity.exact(n),
            claimant=who,
        )
        for m, who, n in (
            ("killed", "mnla", 40),
            ("wounded", "mnla", 50),
            ("killed", "mali", 50),
            ("wounded", "mali", 40),
        )
    ]
    findings = _checked(Dataset(claims=claims))
    assert [("transposed-figures", "warning")] == [
        (f.code, f.severity) for f in findings if f.code != "contradiction"
    ]
