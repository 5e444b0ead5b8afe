"""Findings: problems and facts about a dataset, reported as data with a stable code."""

from __future__ import annotations

import attrs

from .codes import FindingCode, Severity

__all__ = ["Finding", "FindingCode", "Location", "Severity"]


@attrs.frozen(kw_only=True)
class Location:
    """Where a finding points: a file and line, a record, a field. Every part is optional."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [where] if where else []
        if self.record is not None:
            parts.append(f"record {self.record}")
        if self.field is not None:
            parts.append(f"field {self.field}")
        return ", ".join(parts)


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a curator should look at.

    Args:
        code: a stable slug (``invalid-value``, ``duplicate-id``, ``contradiction``); the
            catalogue is in docs/findings.md. Typed as a ``Literal`` of every code claimdiff
            emits, so a type checker refuses a misspelt one.
        message: what is wrong and what was expected, for people.
        severity: ``error`` (the record could not be used), ``warning`` (used, but suspect),
            ``info``.
        location: where.
    """

    code: FindingCode
    message: str
    severity: Severity = "error"
    location: Location = attrs.field(factory=Location)

    def __str__(self) -> str:
        where = str(self.location)
        return (
            f"{where}: {self.message} [{self.code}]" if where else f"{self.message} [{self.code}]"
        )
