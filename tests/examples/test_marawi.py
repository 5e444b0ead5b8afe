"""The Marawi example end to end: it loads, every quote is verbatim in its stored document,
every claim is accounted for, it checks clean against its baseline, and the README's report
section is the real report.

The example declares spokespeople (``speaks_for``) and cumulative measures (``{kind: count,
cumulative: true}``). A claimdiff that does not know these spellings reports exactly those
records (and the spokespeople's names as unknown actors, since their records are dropped);
``_explained`` names that set, and every other finding fails the tests. Once the features are
there, ``test_loads_without_any_finding`` runs and requires none at all.
"""

from __future__ import annotations

import contextlib
import io
import runpy
from pathlib import Path

import attrs
import pytest
import yaml

import claimdiff
from claimdiff import Finding
from claimdiff._curation.check import normalize_text, quote_found
from claimdiff.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
MARAWI = ROOT / "examples" / "marawi"
SOURCES = MARAWI / "sources"

DATASET = claimdiff.load(MARAWI)
REPORT = claimdiff.reconcile(DATASET)
CLAIMS = {c.id: c for c in DATASET.claims}
SPEAKS_FOR = "speaks_for" in attrs.fields_dict(claimdiff.Actor)
DECLARED_ACTORS = {
    a["id"] for a in yaml.safe_load((MARAWI / "actors.yaml").read_text(encoding="utf-8"))["actors"]
}


def _explained(finding: Finding) -> bool:
    """Whether ``finding`` only says that this claimdiff lacks a spelling the example uses."""
    where = finding.location
    if finding.code == "unknown-field":
        return where.field == "speaks_for"
    if finding.code == "invalid-record":
        mapping = "got a mapping" in finding.message
        return mapping and str(where.file).endswith("measures-cumulative.yaml")
    if finding.code == "unknown-actor":
        # A record with an unknown field is dropped, so its actor's names are unknown too.
        name = finding.message.split("'")[1]
        return not SPEAKS_FOR and name in DECLARED_ACTORS
    return False


def _document(name: str) -> str:
    return normalize_text((SOURCES / name).read_text(encoding="utf-8"))


def test_loads_without_unexplained_findings() -> None:
    """Every record loads; the only findings are those of spellings this claimdiff lacks."""
    assert [] == [str(f) for f in DATASET.findings if not _explained(f)]


@pytest.mark.skipif(not SPEAKS_FOR, reason="this claimdiff does not know `speaks_for` yet")
def test_loads_without_any_finding() -> None:
    """With spokespeople and cumulative measures known, the example loads without a finding."""
    assert [] == [str(f) for f in DATASET.findings]


def test_has_over_a_hundred_claims_from_stored_documents() -> None:
    """The example holds more than 100 claims, each quoting a document stored in sources/."""
    documents = {d.id for d in DATASET.documents}
    stored = {p.name for p in SOURCES.glob("*.txt")}
    assert len(CLAIMS) > 100
    assert (documents, set()) == (stored, {c.document for c in CLAIMS.values()} - documents)


def test_every_document_says_where_it_comes_from() -> None:
    """Each document in sources.yaml has a title, a publisher, a URL, a licence and notes."""
    missing = [
        d.id
        for d in DATASET.documents
        if not (d.title and d.publisher and d.url and d.license and d.notes and d.file == d.id)
    ]
    assert [] == missing


def test_every_claim_record_is_accounted_for() -> None:
    """The report accounts for every claim record in the files, each in exactly one group."""
    records = sum(
        len((yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("claims", []))
        for p in MARAWI.glob("claims-*.yaml")
    )
    grouped = [cid for g in REPORT.groups for cid in g.claims]
    assert (records, records, 0) == (REPORT.summary.records, len(grouped), REPORT.summary.rejected)
    assert sorted(grouped) == sorted(CLAIMS)


@pytest.mark.parametrize("claim_id", sorted(CLAIMS))
def test_quote_is_verbatim(claim_id: str) -> None:
    """Each claim's quote occurs in its stored document (whitespace-normalised, nothing else)."""
    claim = CLAIMS[claim_id]
    assert claim.quote, "every Marawi claim carries a quote"
    assert claim.document, "every Marawi claim names its document"
    assert quote_found(claim.quote, _document(claim.document)), (
        f"{claim.quote!r} is not in {claim.document}"
    )


def test_checks_clean_with_its_baseline_and_sources() -> None:
    """Every contradiction is reviewed and every quote found: the check fails on nothing else."""
    result = claimdiff.check(
        DATASET,
        REPORT,
        baseline=claimdiff.read_baseline(MARAWI / "baseline.yaml"),
        sources=SOURCES,
    )
    assert [] == [str(f) for f in result.findings if f.severity == "error" and not _explained(f)]


def test_baseline_reasons_are_reviewed() -> None:
    """No acknowledged contradiction keeps the placeholder reason `claimdiff baseline` writes."""
    baseline = claimdiff.read_baseline(MARAWI / "baseline.yaml")
    assert [] == [e.group for e in baseline.entries if e.reason.startswith("TODO")]


def test_the_sides_disagree_on_the_soldiers_killed() -> None:
    """Amaq's "at least 200" troops dead stands in another camp than the AFP's final 165."""
    group = REPORT.group("marawi-2017/killed/government-forces")
    camp_of = {cid: i for i, camp in enumerate(group.camps) for cid in camp.claims}
    amaq, afp = "tally.forces-killed.amaq-200", "tally.forces-killed.authorities-165"
    assert ("contradiction", True) == (group.verdict, camp_of[amaq] != camp_of[afp])


def test_liberated_or_still_fighting() -> None:
    """On 17 October the President's "liberated" and the armed forces' "fighting" contradict."""
    group = REPORT.group("marawi-2017/status@Marawi[2017-10-17]")
    values = sorted(" ".join(camp.values) for camp in group.camps)
    assert ("contradiction", ["fighting", "liberated"]) == (group.verdict, values)


def test_omar_maute_was_reported_dead_too_early() -> None:
    """ "By July 2017" against 16 October: the military's report came 77 days too early."""
    relation = claimdiff.compare(
        CLAIMS["leaders.omar-died.afp-reported"], CLAIMS["leaders.omar-died.mindanews"]
    )
    assert ("contradict", 77) == (relation.kind, relation.gap)


def test_echoed_statement_is_one_origin() -> None:
    """Galvez's 20 per cent, relayed by Reuters, DWIZ and Myanmar TV, is one origin."""
    group = REPORT.group("marawi-2017/area_held_percent@Marawi[2017-06-13]")
    assert (3, 1) == (len(group.claims), group.independent_origins)


def test_report_command_runs() -> None:
    """`claimdiff report examples/marawi` prints the report, all 227 claims accounted for."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["report", str(MARAWI)])
    first = out.getvalue().splitlines()[0]
    assert (0, True) == (code, first.startswith(f"{len(CLAIMS)} records, {len(CLAIMS)} claims"))


def test_readme_report_is_the_real_report() -> None:
    """examples/marawi/README.md shows what readme_report.py writes from today's report."""
    script = runpy.run_path(str(MARAWI / "readme_report.py"))
    readme = (MARAWI / "README.md").read_text(encoding="utf-8")
    assert script["with_section"](readme, script["section"]()) == readme
