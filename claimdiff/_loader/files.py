"""What every reader shares: the raw record, reading bytes safely, and findings about files.

Readers turn a file into :class:`Record` objects (one per claim, actor, event, document or
``measures`` mapping, not yet structured) and :class:`~claimdiff.Finding` objects for what they
could not read. They never raise on bad input.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Generator, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO, Final

import attrs

from .._model.claims import Dataset
from .._model.codes import FindingCode, Severity
from .._model.findings import Finding, Location
from .convert import FILE_KEYS, format_path, show, unknown_field_message
from .convert import Path as FieldPath

#: Marks: field path inside a document -> (line, column), both 1-based.
Marks = Mapping[FieldPath, tuple[int, int]]

#: The last element of a path that marks a mapping's *key* rather than its value, where a
#: reader knows it (YAML): an unknown field is pointed at by its name.
KEY: Final = "\x00key"


@attrs.frozen(kw_only=True)
class Record:
    """One unstructured record as read from a file, with where its parts were.

    Args:
        section: ``claims``, ``actors``, ``events``, ``documents`` or ``measures``.
        index: its position in its section of its file.
        data: the plain data (mappings, lists, strings, numbers).
        line: where the record starts (1-based), when known.
        column: likewise.
        marks: ``(line, column)`` of fields inside the record, by path relative to it.
        problem: why the record could not be read at all (a malformed JSON line or CSV
            row); such a record still counts as read.
        count: how many records this one stands for: more than one only for records lost
            together with one ``problem`` (the rows of a corrupt Parquet row group, counted
            from the file's metadata), so that every record met is counted.
    """

    section: str
    index: int
    data: Any
    line: int | None = None
    column: int | None = None
    marks: Marks = attrs.field(factory=dict)
    problem: Finding | None = None
    count: int = 1

    @property
    def path(self) -> FieldPath:
        """The record's own path: ``("claims", 3)``, or ``("measures",)``."""
        return (self.section,) if self.section == "measures" else (self.section, self.index)

    def where(self, path: FieldPath) -> tuple[int | None, int | None]:
        """The line and column of the most specific marked part of ``path``."""
        for end in range(len(path), 0, -1):
            mark = self.marks.get(path[:end])
            if mark is not None:
                return mark
        return self.line, self.column


Item = Record | Finding


def file_finding(
    code: FindingCode,
    message: str,
    file: str,
    line: int | None = None,
    column: int | None = None,
    *,
    severity: Severity = "error",
    field: str | None = None,
) -> Finding:
    """A finding about a file or a place in it."""
    return Finding(
        code=code,
        message=message,
        severity=severity,
        location=Location(file=file, line=line, column=column, field=field),
    )


def open_regular(path: Path, name: str) -> BinaryIO | Finding:
    """``path`` opened for reading, or an ``unreadable-file`` finding: missing, or not a
    regular file (a named pipe would block the run, a device never ends). Opened without
    blocking, then checked, so a pipe swapped in after a check cannot hang it."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return file_finding("unreadable-file", f"cannot read the file: {error.strerror}", name)
    stream = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        stream.close()
        return file_finding("unreadable-file", "not a regular file (a pipe or a device)", name)
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return stream


def read_text(path: Path, name: str) -> str | Finding:
    """The file's text, or an ``unreadable-file`` finding (missing, not a regular file,
    binary, not UTF-8)."""
    stream = open_regular(path, name)
    if isinstance(stream, Finding):
        return stream
    try:
        with stream:
            data = stream.read()
    except OSError as error:
        return file_finding("unreadable-file", f"cannot read the file: {error.strerror}", name)
    if (nul := data.find(b"\x00")) >= 0:
        return _binary(name, data, nul, 0, 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _not_utf8(name, data, error, 0, 1)


def iter_lines(
    path: Path, name: str, *, keep_going: bool = False
) -> Iterator[tuple[int, str] | Finding]:
    """``(line number, text)`` for each line, streamed.

    A line with a NUL or bytes that are not UTF-8 is a finding; it ends the stream, unless
    ``keep_going``, when the reader goes on with the next line (each line of JSON Lines and
    CSV is its own record, so one bad byte must not lose the rest of the file).
    """
    for number, text, problem in decoded_lines(open_regular(path, name), name):
        if problem is None:
            yield number, text
            continue
        yield problem
        if not keep_going:
            return


def decoded_lines(
    stream: BinaryIO | Finding, name: str
) -> Generator[tuple[int, str, Finding | None], None, None]:
    """``(line number, text, problem)`` for each line of ``stream`` (from :func:`open_regular`).

    A line with a NUL or bytes that are not UTF-8 comes with its finding, and its text with
    those bytes replaced (U+FFFD): a reader of records that span lines (CSV's quoted cells)
    keeps its quoting in step and refuses the record, rather than read a quoted line as rows.
    """
    if isinstance(stream, Finding):
        yield 0, "", stream
        return
    with stream:
        offset = 0
        for number, raw in enumerate(stream, 1):
            problem: Finding | None = None
            if (nul := raw.find(b"\x00")) >= 0:
                problem = _binary(name, raw, nul, offset, number)
            else:
                try:
                    text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as error:
                    problem = _not_utf8(name, raw, error, offset, number)
            if problem is not None:
                text = raw.replace(b"\x00", b"\xef\xbf\xbd").decode("utf-8", "replace")
            offset += len(raw)
            yield number, text, problem


def _line_of(data: bytes, at: int, first_line: int) -> int:
    return first_line + data.count(b"\n", 0, at)


def _binary(name: str, data: bytes, at: int, offset: int, first_line: int) -> Finding:
    return file_finding(
        "unreadable-file",
        f"binary file: NUL byte at offset {offset + at}",
        name,
        _line_of(data, at, first_line),
    )


def _not_utf8(
    name: str, data: bytes, error: UnicodeDecodeError, offset: int, first_line: int
) -> Finding:
    bad = data[error.start]
    return file_finding(
        "unreadable-file",
        f"not UTF-8: byte 0x{bad:02x} at offset {offset + error.start} cannot be decoded",
        name,
        _line_of(data, error.start, first_line),
    )


def record_id(data: Any) -> str | None:
    """A record's ``id``, when it has one that is text."""
    rid = data.get("id") if isinstance(data, Mapping) else None
    return rid if isinstance(rid, str) else None


def repeated_key(
    key: object,
    path: FieldPath,
    name: str,
    line: int | None,
    column: int | None,
    *,
    in_record: bool = False,
) -> Finding:
    """The error for a mapping key written twice at ``path`` (the key's own path).

    Readers disagree on which of the two values counts (most keep the last, silently), so a
    repeated key can hide a value as a repeated ``claims:`` hides a list: the record that
    holds it is refused rather than read with a guess (:func:`split_document`).
    """
    where = format_path(path)
    held = in_record or len(path) > 1  # a key at the top of a document is in no record
    what = "the record that holds it is not read" if held else "one value is hidden"
    return file_finding(
        "duplicate-key",
        f"key {show(key if isinstance(key, str) else str(key))} appears twice, so which value "
        f"is meant is a guess: {what}; "
        f"keep one @ {where}",
        name,
        line,
        column,
        field=where or None,
    )


def split_document(
    data: Any,
    marks: Marks,
    name: str,
    counts: dict[str, int],
    repeated: Mapping[FieldPath, Finding] | None = None,
) -> Iterator[Item]:
    """The records of one parsed YAML or JSON document.

    A document is a mapping with any of the keys ``actors``, ``events``, ``documents``,
    ``measures`` and ``claims``, or a list of claims. ``counts`` numbers records per section
    across the documents of one file. ``repeated`` holds the :func:`repeated_key` errors by
    the path of the key: a record holding one is refused with it (still counted); the others
    (a key repeated at the top of the document) are yielded as they are.
    """
    if isinstance(data, list):
        repeated = {("claims", *path): f for path, f in (repeated or {}).items()}
    refusals: dict[FieldPath, Finding] = {}
    for path, finding in (repeated or {}).items():
        prefix = path[:1] if path[0] == "measures" else path[:2]
        # Placed as any finding about a record is: by its id and the field inside it.
        where = attrs.evolve(finding.location, field=format_path(path[len(prefix) :]) or None)
        refusals.setdefault(prefix, attrs.evolve(finding, location=where))
    used: set[FieldPath] = set()
    yield from _split(data, marks, name, counts, refusals, used)
    for prefix, finding in refusals.items():
        if prefix not in used:
            yield finding


def _split(
    data: Any,
    marks: Marks,
    name: str,
    counts: dict[str, int],
    refusals: Mapping[FieldPath, Finding],
    used: set[FieldPath],
) -> Iterator[Item]:
    if data is None:
        return
    if isinstance(data, list):
        data = {"claims": data}
        marks = {("claims", *path): mark for path, mark in marks.items()}
    if not isinstance(data, Mapping):
        line, column = marks.get((), (None, None))
        yield file_finding(
            "invalid-record",
            "expected a mapping with actors, events, documents, measures or claims, or a list "
            f"of claims, got {show(data)}",
            name,
            line,
            column,
        )
        return
    buckets: dict[FieldPath, dict[FieldPath, tuple[int, int]]] = {}
    for path, mark in marks.items():
        if len(path) > 2 or (len(path) == 2 and path[0] == "measures"):
            cut = 1 if path[0] == "measures" else 2
            buckets.setdefault(path[:cut], {})[path[cut:]] = mark
    for key, value in data.items():
        # JSON marks containers only: a scalar is placed at the document that holds it.
        line, column = marks.get((key,), marks.get((), (None, None)))
        if key not in FILE_KEYS:
            yield file_finding(
                "unknown-field",
                unknown_field_message(key, Dataset),
                name,
                line,
                column,
                field=str(key),
            )
            continue
        if value is None:
            continue
        if key == "measures":
            if (problem := refusals.get((key,))) is not None:
                used.add((key,))
            yield Record(
                section=key,
                index=counts.get(key, 0),
                data=value,
                line=line,
                column=column,
                marks=buckets.get((key,), {}),
                problem=problem,
            )
            counts[key] = counts.get(key, 0) + 1
            continue
        if not isinstance(value, list):
            yield file_finding(
                "invalid-record",
                f"expected a list of {key}, got {show(value)} @ {key}",
                name,
                line,
                column,
                field=key,
            )
            continue
        for i, item in enumerate(value):
            index = counts.get(key, 0)
            counts[key] = index + 1
            prefix = (key, i)
            ln, col = marks.get(prefix, (line, column))
            if (problem := refusals.get(prefix)) is not None:
                used.add(prefix)
                problem = attrs.evolve(
                    problem, location=attrs.evolve(problem.location, record=record_id(item))
                )
            yield Record(
                section=key,
                index=index,
                data=item,
                line=ln,
                column=col,
                marks=buckets.get(prefix, {}),
                problem=problem,
            )
