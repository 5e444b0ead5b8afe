"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, GitLab, Azure DevOps).

One run of the tool ``claimdiff``; one rule per finding code met (its id the code,
``invalid-value``); one result per finding, at its file, line and column where known, and
at its record (a claim id or a group key) as a logical location. Levels: ``error`` and
``warning`` as the finding's severity, ``note`` for ``info``. Each result carries a partial
fingerprint of its code, file, record and field, so that a code-scanning alert follows its
finding when lines move. ``tests/render/test_sarif.py`` validates the output against the OASIS
schema, vendored under ``tests/vendor/sarif``.
"""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from collections.abc import Sequence
from pathlib import PurePath, PurePosixPath
from typing import Any, Final

import attrs

from .._curation.check import CheckResult
from .._model.findings import Finding

SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS: Final = {"error": "error", "warning": "warning", "info": "note"}


def _uri(file: str) -> str:
    """A file as a SARIF artifact URI: relative paths stay relative (to the checkout, where
    code scanning resolves them), with ``/`` separators and percent-escapes."""
    path = PurePath(file)
    if path.is_absolute():
        return path.as_uri()
    return urllib.parse.quote(PurePosixPath(*path.parts).as_posix(), safe="/")


def _fingerprint(finding: Finding) -> str:
    where = finding.location
    key = "\x1f".join(
        (finding.code, where.file or "", where.record or "", where.field or "", finding.message)
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _result(finding: Finding, rule_index: int, fallback: str | None) -> dict[str, Any]:
    where = finding.location
    if not where.file and fallback is not None:
        # Code scanning refuses a result without a file ("expected at least one location"):
        # a finding about the whole dataset points at the first file read.
        where = attrs.evolve(where, file=fallback, line=None, column=None)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "partialFingerprints": {"claimdiffFinding/v1": _fingerprint(finding)},
    }
    location: dict[str, Any] = {}
    if where.file:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(where.file)}}
        if where.line is not None and where.line >= 1:
            region: dict[str, Any] = {"startLine": where.line}
            if where.column is not None and where.column >= 1:
                region["startColumn"] = where.column
            physical["region"] = region
        location["physicalLocation"] = physical
    if where.record:
        logical: dict[str, Any] = {"name": where.record, "kind": "object"}
        if where.field:
            logical["fullyQualifiedName"] = f"{where.record}.{where.field}"
        location["logicalLocations"] = [logical]
    if location:
        result["locations"] = [location]
    return result


def check_sarif(result: CheckResult, *, version: str, files: Sequence[str] = ()) -> str:
    """The check as a SARIF 2.1.0 log (JSON text ending with a newline).

    Args:
        result: the check's result.
        version: claimdiff's version, named as the tool's.
        files: the files read; a finding about no file in particular is placed at the first.
    """
    fallback = files[0] if files else None
    codes = sorted({f.code for f in result.findings})
    index = {code: i for i, code in enumerate(codes)}
    rules = [
        {
            "id": code,
            "name": "".join(part.capitalize() for part in code.split("-")),
            "shortDescription": {"text": f"claimdiff finding {code}"},
        }
        for code in codes
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimdiff",
                        "version": version,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index[f.code], fallback) for f in result.findings],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
