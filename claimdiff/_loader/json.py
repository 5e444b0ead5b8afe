"""Reading JSON and JSON Lines dataset files, with the line and column of every record.

The standard library's decoder is used with its pure-Python scanner so that each object can
note where it starts; duplicate keys, which ``json`` silently resolves to the last one, are
reported. JSON Lines files are streamed one line at a time.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from .._model.findings import Finding
from .convert import FILE_KEYS, TooManyDigits, format_path
from .convert import Path as FieldPath
from .files import (
    Item,
    Record,
    file_finding,
    iter_lines,
    read_text,
    record_id,
    repeated_key,
    split_document,
)

#: The top-level keys that hold lists of records.
SECTIONS: Final = frozenset(FILE_KEYS) - {"measures"}


class _Object(dict[str, Any]):
    """A decoded JSON object that knows where it started and which keys it repeated."""

    pos: int = 0
    repeated: tuple[str, ...] = ()
    pairs: list[tuple[str, Any]] | None = None

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, Any]]) -> _Object:
        obj = cls(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            obj.repeated = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
            obj.pairs = pairs
        return obj

    def merge_sections(self) -> frozenset[str]:
        """Read every list of a section key repeated at the top of the document, not only
        the last (which would hide the records of the others); the keys merged."""
        merged: set[str] = set()
        for key in SECTIONS.intersection(self.repeated):
            lists = [v for k, v in self.pairs or () if k == key]
            if all(isinstance(v, list) for v in lists):
                self[key] = [item for v in lists for item in v]
                merged.add(key)
        return frozenset(merged)


# The pure-Python object parser, which the stubs do not declare.
_JSON_OBJECT: Callable[..., tuple[Any, int]] = json.decoder.JSONObject  # type: ignore[attr-defined]


def _parse_int(text: str) -> int | TooManyDigits:
    try:
        return int(text)
    except ValueError:  # more digits than int() reads: the record is refused, not the file
        return TooManyDigits(len(text.lstrip("-")))


def _decoder() -> json.JSONDecoder:
    decoder = json.JSONDecoder(object_pairs_hook=_Object.from_pairs, parse_int=_parse_int)

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        obj, end = _JSON_OBJECT(s_and_end, *args)
        if isinstance(obj, _Object):
            obj.pos = s_and_end[1] - 1
        return obj, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder


class _Lines:
    """Offsets to (line, column), 1-based."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.first_line = first_line

    def at(self, pos: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, pos) - 1
        return self.first_line + index, pos - self.starts[index] + 1


def _marks(
    data: Any,
    path: FieldPath,
    lines: _Lines,
    out: dict[FieldPath, tuple[int, int]],
    findings: list[Finding],
    name: str,
    merged: frozenset[str] = frozenset(),
    repeated: dict[FieldPath, Finding] | None = None,
) -> None:
    """Mark where each part of ``data`` starts; note what is wrong in ``findings``, and each
    key written twice in ``repeated`` (its record is refused), or in ``findings`` without it.
    """
    if repeated is None:
        repeated = {}
        _marks(data, path, lines, out, findings, name, merged, repeated)
        findings.extend(repeated.values())
        return
    if isinstance(data, _Object):
        out[path] = line, column = lines.at(data.pos)
        for key in dict.fromkeys(data.repeated):
            if not path and key in merged:
                findings.append(
                    file_finding(
                        "duplicate-key",
                        f"key {key!r} appears twice at the top of the document; both lists "
                        "are read here, but other JSON readers keep only the last: merge them",
                        name,
                        line,
                        column,
                        field=key,
                    )
                )
                continue
            where = (*path, key)
            repeated.setdefault(where, repeated_key(key, where, name, line, column))
        for key, value in data.items():
            _marks(value, (*path, key), lines, out, findings, name, repeated=repeated)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _marks(value, (*path, i), lines, out, findings, name, repeated=repeated)


def read_json(path: Path, name: str) -> Iterator[Item]:
    """The records of a JSON file: an object with dataset keys, or a list of claims."""
    text = read_text(path, name)
    if isinstance(text, Finding):
        yield text
        return
    if not text.strip():
        yield file_finding("empty-file", "the file holds no data", name, severity="warning")
        return
    try:
        data = _decoder().decode(text)
    except json.JSONDecodeError as error:
        yield file_finding(
            "malformed-file", f"invalid JSON: {error.msg}", name, error.lineno, error.colno
        )
        return
    except RecursionError:
        yield file_finding("too-deep", "the data is nested too deeply to read", name)
        return
    merged = data.merge_sections() if isinstance(data, _Object) else frozenset()
    marks: dict[FieldPath, tuple[int, int]] = {}
    findings: list[Finding] = []
    repeated: dict[FieldPath, Finding] = {}
    _marks(data, (), _Lines(text), marks, findings, name, merged, repeated)
    yield from findings
    yield from split_document(data, marks, name, {}, repeated)


def read_jsonl(path: Path, name: str, only: Container[int] | None = None) -> Iterator[Item]:
    """The claims of a JSON Lines file, one per non-blank line, read one line at a time;
    with ``only``, those of the lines numbered in it (the others are counted, not read)."""
    decoder = _decoder()
    index = 0
    for item in iter_lines(path, name, keep_going=True):
        if isinstance(item, Finding) and item.location.line is None:
            yield item  # the file itself could not be opened
            return
        number = item.location.line if isinstance(item, Finding) else item[0]
        if only is not None and number not in only:
            index += isinstance(item, Finding) or bool(item[1].strip())
            continue
        if isinstance(item, Finding):
            # The line is a record that could not be read: counted, and the next one read.
            yield Record(
                section="claims",
                index=index,
                data=None,
                line=item.location.line,
                column=1,
                problem=item,
            )
            index += 1
            continue
        number, line = item
        if not line.strip():
            continue
        problem: Finding | None = None
        data: Any = None
        try:
            data = decoder.decode(line)
        except json.JSONDecodeError as error:
            problem = file_finding(
                "malformed-file", f"invalid JSON: {error.msg}", name, number, error.colno
            )
        except RecursionError:
            problem = file_finding(
                "too-deep", "the data is nested too deeply to read", name, number
            )
        marks: dict[FieldPath, tuple[int, int]] = {}
        if problem is None:
            findings: list[Finding] = []
            repeated: dict[FieldPath, Finding] = {}
            _marks(data, (), _Lines(line, number), marks, findings, name, repeated=repeated)
            yield from findings
            problem = line_problem(repeated, index, name, data)
        yield Record(
            section="claims",
            index=index,
            data=data,
            line=number,
            column=1,
            marks=marks,
            problem=problem,
        )
        index += 1
    if index == 0:
        yield file_finding("empty-file", "the file holds no data", name, severity="warning")


def line_problem(
    repeated: Mapping[FieldPath, Finding], index: int | None, name: str, data: Any
) -> Finding | None:
    """The error that refuses the JSON Lines record ``index`` (a line is one record; ``None``
    where its place is not known) when a key is written twice anywhere in it (``repeated``,
    from :func:`_marks`), else ``None``."""
    if not repeated:
        return None
    where, first = next(iter(repeated.items()))
    path = where if index is None else ("claims", index, *where)
    line, column = first.location.line, first.location.column
    found = repeated_key(where[-1], path, name, line, column, in_record=True)
    place = attrs.evolve(found.location, record=record_id(data), field=format_path(where))
    return attrs.evolve(found, location=place)


def json_lines(items: Sequence[Any]) -> Iterator[str]:
    """Each item as one line of compact JSON."""
    for item in items:
        yield json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n"
