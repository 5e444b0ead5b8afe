"""``claimdiff check --format sarif``: a SARIF 2.1.0 log that the OASIS schema accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import claimdiff
from claimdiff._render.sarif import check_sarif
from tests._cli_helpers import KIDAL, copy_kidal, run

SCHEMA = json.loads(
    (Path(__file__).parent.parent / "vendor" / "sarif" / "sarif-schema-2.1.0.json").read_text(
        "utf-8"
    )
)
BAD = Path(__file__).parent.parent / "data" / "bad"


def _validate(log: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_vendored_schema_refuses_a_log_without_runs() -> None:
    """The schema used here does reject what is not SARIF (the test can fail)."""
    with pytest.raises(jsonschema.ValidationError):
        _validate({"version": "2.1.0"})


def test_check_of_the_fixture_is_valid_sarif(capsys: pytest.CaptureFixture[str]) -> None:
    """The check of a dataset with a contradiction is a valid log with one result for it."""
    result = run(capsys, "check", KIDAL, "--format", "sarif")
    log = json.loads(result.out)
    _validate(log)
    assert 1 == result.code
    (sarif_run,) = log["runs"]
    results = sarif_run["results"]
    assert ["contradiction"] == [r["ruleId"] for r in results if r["level"] == "error"]
    assert claimdiff.__version__ == sarif_run["tool"]["driver"]["version"]


def test_bad_files_give_valid_sarif_with_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Every finding of the bad-file fixtures becomes a valid result at its file and line."""
    result = run(capsys, "check", BAD, "--format", "sarif")
    log = json.loads(result.out)
    _validate(log)
    dataset = claimdiff.load(BAD)
    results = log["runs"][0]["results"]
    assert len(results) >= len(dataset.findings)
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert sorted(set(rules)) == rules
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results)
    lines = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in results
        if "region" in r.get("locations", [{}])[0].get("physicalLocation", {})
    ]
    assert lines
    assert all(line >= 1 for line in lines)


def test_levels_follow_severities() -> None:
    """error, warning and info findings become error, warning and note results."""
    findings = tuple(
        claimdiff.Finding(code="c", message=m, severity=m)  # type: ignore[arg-type]
        for m in ("error", "warning", "info")
    )
    result = claimdiff.CheckResult(
        findings=findings,
        summary=claimdiff.CheckSummary(
            **dict.fromkeys((a.name for a in attrs.fields(claimdiff.CheckSummary)), 0)
        ),
    )
    log = json.loads(check_sarif(result, version="0"))
    _validate(log)
    assert ["error", "warning", "note"] == [r["level"] for r in log["runs"][0]["results"]]


def test_paths_with_spaces_are_escaped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A data folder with a space in its name gives percent-escaped, valid relative URIs."""
    data = copy_kidal(tmp_path)
    spaced = data.rename(tmp_path / "my data")
    result = run(capsys, "check", spaced, "--format", "sarif")
    log = json.loads(result.out)
    _validate(log)
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
        for loc in r.get("locations", [])
        if "physicalLocation" in loc
    }
    assert uris
    assert all("my%20data" in uri for uri in uris)


def test_fingerprints_survive_moved_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A blank line added at the top of a file moves results, not their fingerprints."""
    data = copy_kidal(tmp_path)
    before = json.loads(run(capsys, "check", data, "--format", "sarif").out)
    for path in data.glob("*.yaml"):
        path.write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(run(capsys, "check", data, "--format", "sarif").out)

    def prints(log: dict[str, Any]) -> list[str]:
        return [r["partialFingerprints"]["claimdiffFinding/v1"] for r in log["runs"][0]["results"]]

    assert prints(before) == prints(after)
    assert before != after


def test_a_finding_without_a_file_is_placed_at_the_first_file_read() -> None:
    """Code scanning refuses a result without a location: a finding about no file in
    particular is placed at the first file read, without a line."""
    finding = claimdiff.Finding(code="c", message="about the whole dataset")
    result = claimdiff.CheckResult(
        findings=(finding,),
        summary=claimdiff.CheckSummary(
            **dict.fromkeys((a.name for a in attrs.fields(claimdiff.CheckSummary)), 0)
        ),
    )
    log = json.loads(check_sarif(result, version="0", files=["data/a b.yaml", "data/c.yaml"]))
    _validate(log)
    (only,) = log["runs"][0]["results"]
    assert [{"physicalLocation": {"artifactLocation": {"uri": "data/a%20b.yaml"}}}] == only[
        "locations"
    ]
