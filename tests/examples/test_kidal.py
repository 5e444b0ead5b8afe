"""The Kidal example end to end: it loads clean, every quote is verbatim, every claim is
accounted for, the findings the README describes are what the reconciler finds, and the README
has not drifted from the report.

Quotes are checked against the five source documents, which do not travel with the project
(examples/kidal/README.md says why). They are looked up in ``$CLAIMDIFF_SEEDS`` or else in
``<repo>/../shared/seeds``; without them the quote test is skipped, except under CI (``$CI``
set), where it fails.
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path

import pytest
import yaml

import claimdiff
from claimdiff._curation.check import normalize_text, quote_found

ROOT = Path(__file__).resolve().parent.parent.parent
KIDAL = ROOT / "examples" / "kidal"
SEEDS = Path(os.environ.get("CLAIMDIFF_SEEDS", ROOT.parent / "shared" / "seeds"))

DATASET = claimdiff.load(KIDAL)
REPORT = claimdiff.reconcile(DATASET)
CLAIMS = {c.id: c for c in DATASET.claims}
SIDES = {"mali", "rebels", "jihadists"}


def _seed(document: str) -> str:
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the source documents are missing: no folder {SEEDS}")
        pytest.skip(f"the source documents are not here ({SEEDS}); set CLAIMDIFF_SEEDS")
    return (SEEDS / document).read_text(encoding="utf-8")


def test_loads_without_findings() -> None:
    """Every record of the example loads: no error, no warning."""
    assert [] == [str(f) for f in DATASET.findings]


def test_every_claim_record_is_accounted_for() -> None:
    """The report accounts for every claim record in the files, each in exactly one group."""
    records = sum(
        len((yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("claims", []))
        for p in KIDAL.glob("*.yaml")
    )
    grouped = [cid for g in REPORT.groups for cid in g.claims]
    assert (records, records, 0) == (REPORT.summary.records, len(grouped), REPORT.summary.rejected)
    assert sorted(grouped) == sorted(CLAIMS)


@pytest.mark.parametrize("claim_id", sorted(CLAIMS))
def test_quote_is_verbatim(claim_id: str) -> None:
    """Each claim's quote occurs in its document (whitespace-normalised, nothing else)."""
    claim = CLAIMS[claim_id]
    assert claim.quote, "every Kidal claim carries a quote"
    assert claim.document, "every Kidal claim names its document"
    assert quote_found(claim.quote, normalize_text(_seed(claim.document))), (
        f"{claim.quote!r} is not in {claim.document}"
    )


def test_actors_are_on_known_sides() -> None:
    """Every actor is on one of the example's three sides, or on none (third parties)."""
    assert [] == [a.id for a in DATASET.actors if a.side not in SIDES | {None}]


def test_the_2014_figures() -> None:
    """Malian army killed in May 2014: 40 (MNLA, adversary) against 50 (government, self)."""
    group = REPORT.group("kidal-2014/killed/fama")
    assert ("contradiction", "40\u201350") == (group.verdict, group.range.text)  # type: ignore[union-attr]
    assert {"mnla": "adversary", "mali": "self_reported"} == {
        e.claimant: e.perspective for e in group.entries
    }
    assert [t.origins for t in REPORT.transpositions] == [("mali", "mnla")]


def test_the_drone_strike() -> None:
    """Civilians killed on 7 November 2023: "fourteen" and "at least ten" agree on 14."""
    group = REPORT.group("drone-strike-2023-11-07/killed/civilians")
    assert ("agreement", "14") == (group.verdict, group.consensus.text)  # type: ignore[union-attr]


def test_minusma_left_kidal() -> None:
    """ "By October 31" against "November 8": eight days apart."""
    group = REPORT.group("minusma-withdrawal-kidal/date")
    first, second = group.contradictions[0]
    assert 8 == claimdiff.compare(CLAIMS[first], CLAIMS[second]).gap


def test_echoes_are_not_corroboration() -> None:
    """Rebel control "since 2014" is repeated six times but stands on two origins."""
    group = REPORT.group("kidal-rebel-control/rebel_control_since@Kidal")
    camp_2014 = next(c for c in group.camps if c.consensus and c.consensus.text == "2014")
    assert (5, 2) == (len(camp_2014.claims), camp_2014.origins)


def test_checks_clean_with_its_baseline() -> None:
    """Every contradiction of the example is reviewed: checking it finds nothing to fail on."""
    result = claimdiff.check(
        DATASET, REPORT, baseline=claimdiff.read_baseline(KIDAL / "baseline.yaml")
    )
    assert [] == [str(f) for f in result.findings if f.severity == "error"]


def test_readme_findings_are_the_report() -> None:
    """examples/kidal/README.md shows what findings.py writes from today's report."""
    findings = runpy.run_path(str(KIDAL / "findings.py"))
    readme = (KIDAL / "README.md").read_text(encoding="utf-8")
    assert findings["with_findings"](readme, findings["findings_markdown"]()) == readme


def test_report_with_estimates_round_trips() -> None:
    """The Kidal report with weighted estimates survives JSON and back, dates and labels alike."""
    import json

    report = claimdiff.reconcile(DATASET, estimate="weighted")
    converter = claimdiff.make_converter()
    data = json.loads(json.dumps(converter.unstructure(report)))
    assert report == converter.structure(data, claimdiff.Report)
