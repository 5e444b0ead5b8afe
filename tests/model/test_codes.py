"""The finding-code registry, held to the type of ``Finding.code``, the docs and real runs."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

from claimdiff import Finding, check, load, reconcile
from claimdiff._model.codes import CODES, FindingCode

from .._cli_helpers import KIDAL, SOURCES

DOCS = Path(__file__).resolve().parent.parent.parent / "docs"
BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "kidal"

#: A table row whose first cell is one code in backticks: ``| `code` | severity | ...``.
_ROW = re.compile(r"^\| `([a-z]+(?:-[a-z]+)*)` \|")

Entry = tuple[str, str, str]


def _documented(page: Path) -> set[Entry]:
    """(code, stage, severity) of every code row of the tables in ``page``.

    A table without a ``stage`` column takes its stage from the section heading above it
    (``## Loading``: ``load``); the doc and the registry name stages alike.
    """
    found: set[Entry] = set()
    header: list[str] = []
    section = ""
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip().lower()
        if not line.startswith("|"):
            header = []  # a table ends at its first line that is not a row
        elif line.startswith("| code |"):
            header = [c.strip() for c in line.strip("|").split("|")]
        elif header and (m := _ROW.match(line)) is not None:
            cells = dict(
                zip(header, (c.strip() for c in line.strip("|").split(" | ")), strict=False)
            )
            stage = cells.get("stage", "load" if section == "loading" else section)
            found.add((m.group(1), stage, cells["severity"]))
    return found


def _registered() -> set[Entry]:
    return {(e.code, e.stage, e.severity) for e in CODES}


def test_the_registry_lists_exactly_the_codes_of_the_type() -> None:
    """Every code of ``FindingCode`` has a registry entry, and every entry's code is one of them."""
    assert set(typing.get_args(FindingCode)) == {e.code for e in CODES}


def test_a_code_has_one_entry_per_stage() -> None:
    """No (code, stage) is registered twice, so a code's severity at a stage is one fact."""
    keys = [(e.code, e.stage) for e in CODES]
    assert sorted(set(keys)) == sorted(keys)


def test_finding_code_is_typed_with_the_registry() -> None:
    """``Finding.code`` carries ``FindingCode``, so mypy strict refuses an unregistered code."""
    assert FindingCode == typing.get_type_hints(Finding)["code"]


def test_findings_page_documents_exactly_the_registry() -> None:
    """docs/findings.md lists the same codes, at the same stages, with the same severities."""
    assert _registered() == _documented(DOCS / "findings.md")


def test_other_pages_quote_registered_codes_and_severities() -> None:
    """A code table on any other docs page names a registered code with a severity it has."""
    pairs = {(code, severity) for code, _, severity in _registered()}
    quoted = {
        (code, severity)
        for page in sorted(DOCS.glob("*.md"))
        if page.name not in ("findings.md", "api.md")
        for code, _, severity in _documented(page)
    }
    assert set() == quoted - pairs


def test_the_loader_emits_registered_codes_at_their_severity() -> None:
    """Loading the broken fixtures gives only findings registered for loading, at that severity."""
    findings = load(BAD).findings
    emitted = {(f.code, "load", f.severity) for f in findings}
    assert findings
    assert set() == emitted - _registered()


@pytest.mark.parametrize("folder", [KIDAL, EXAMPLE], ids=["cli-fixture", "kidal-example"])
def test_check_emits_registered_codes_at_their_severity(folder: Path) -> None:
    """Checking a dataset (with its quotes) gives only registered (code, severity) pairs."""
    dataset = load(folder)
    result = check(dataset, reconcile(dataset), sources=SOURCES)
    pairs = {(code, severity) for code, _, severity in _registered()}
    emitted = {(f.code, f.severity) for f in (*dataset.findings, *result.findings)}
    assert result.findings
    assert set() == emitted - pairs
