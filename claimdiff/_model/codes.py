"""The finding codes: every code claimdiff can emit, once, with its severity and stage.

``FindingCode`` types :attr:`claimdiff.Finding.code`, so mypy strict refuses a misspelt or
unregistered code wherever a finding is made. ``CODES`` is the registry that
``docs/findings.md`` describes in prose; ``tests/model/test_codes.py`` holds the two to the same
codes and severities. The doc stays the place for the words (when a code fires, an example
message), the registry the place for the facts a program needs.

A code has one severity per stage: ``unknown-document`` is a warning when loading (a claim
names a document not declared) and an error when checking (a quote's document is not in
``sources``), so the registry keys on (code, stage).
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

import attrs

Severity: TypeAlias = Literal["error", "warning", "info"]

Stage: TypeAlias = Literal["load", "reconcile", "check", "reliability"]

FindingCode: TypeAlias = Literal[
    # load
    "unreadable-file",
    "malformed-file",
    "empty-file",
    "invalid-record",
    "unknown-field",
    "invalid-value",
    "duplicate-id",
    "duplicate-name",
    "duplicate-key",
    "unknown-actor",
    "undeclared-actor",
    "speaks-for-cycle",
    "unknown-event",
    "unknown-document",
    "too-many-aliases",
    "alias-bomb",
    "too-deep",
    # reconcile
    "mixed-kinds",
    "revised-down",
    "undated-figure",
    # check
    "contradiction",
    "cross-contradiction",
    "transposed-figures",
    "quote-not-found",
    "unreadable-document",
    "stale-baseline",
    "unreviewed-baseline",
    "outdated-baseline",
    # reliability
    "reliability-starts-disagree",
    "reliability-not-converged",
]


@attrs.frozen
class CodeEntry:
    """One code as one stage emits it: the severity its findings carry there."""

    code: FindingCode
    stage: Stage
    severity: Severity


CODES: Final[tuple[CodeEntry, ...]] = (
    CodeEntry("unreadable-file", "load", "error"),
    CodeEntry("malformed-file", "load", "error"),
    CodeEntry("empty-file", "load", "warning"),
    CodeEntry("invalid-record", "load", "error"),
    CodeEntry("unknown-field", "load", "error"),
    CodeEntry("invalid-value", "load", "error"),
    CodeEntry("duplicate-id", "load", "error"),
    CodeEntry("duplicate-name", "load", "error"),
    CodeEntry("duplicate-key", "load", "error"),
    CodeEntry("unknown-actor", "load", "warning"),
    CodeEntry("undeclared-actor", "load", "warning"),
    CodeEntry("speaks-for-cycle", "load", "warning"),
    CodeEntry("unknown-event", "load", "warning"),
    CodeEntry("unknown-document", "load", "warning"),
    CodeEntry("too-many-aliases", "load", "error"),
    CodeEntry("alias-bomb", "load", "error"),
    CodeEntry("too-deep", "load", "error"),
    CodeEntry("mixed-kinds", "reconcile", "warning"),
    CodeEntry("revised-down", "reconcile", "warning"),
    CodeEntry("undated-figure", "reconcile", "info"),
    CodeEntry("contradiction", "check", "error"),
    CodeEntry("cross-contradiction", "check", "error"),
    CodeEntry("transposed-figures", "check", "warning"),
    CodeEntry("quote-not-found", "check", "error"),
    CodeEntry("unknown-document", "check", "error"),
    CodeEntry("unreadable-document", "check", "error"),
    CodeEntry("stale-baseline", "check", "warning"),
    CodeEntry("unreviewed-baseline", "check", "warning"),
    CodeEntry("outdated-baseline", "check", "warning"),
    CodeEntry("reliability-starts-disagree", "reliability", "warning"),
    CodeEntry("reliability-not-converged", "reliability", "warning"),
)
