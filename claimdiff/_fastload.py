"""The fast path for loading large files of claims: same dataset, a fraction of the time.

:func:`claimdiff.load` reads every JSON line with the pure-Python decoder so that it can point
findings at a line and column, and structures every record through the cattrs converter with
detailed validation. Both are right for curated files and far too slow for the millions of
claims a news-extraction pipeline emits. :func:`load_fast` reads the same files into the same
:class:`~claimdiff.Dataset`:

* each line is decoded with the standard library's C decoder (a line that repeats a key,
  which the reference reader warns about, goes to the reference path);
* a record of the common shape (the claim fields, a value as a tagged mapping or as text, a
  ``via`` list of relay mappings) is built directly, with the converter's own checks;
  values are cached by what they were read from, so repeated figures, texts and relays are
  read once and shared, and repeated names are interned;
* **any** record that is not of that shape, or that would draw a finding (an unknown
  actor, a duplicate id, a value that does not parse), goes through the reference path,
  line for line as :func:`claimdiff.load` reads it;
* CSV and Parquet rows are read by the reference readers, then built by the same builder
  (``via`` chains read once per distinct chain) and kept by the reference loader's own
  ``accept``, which checks ids and notes warnings where the row has them.

So the semantics are defined once, by the reference path; ``tests/test_fastpath.py`` proves
that both give equal datasets and byte-identical reports on generated data.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import math
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final, cast, get_args

import attrs

from ._actors import ActorIndex
from ._claims import Claim, Dataset, Relay
from ._convert import (
    ClaimContext,
    _year_without_as_of,
    context_year,
    format_path,
    measure_kind,
    read_date_text,
    read_value,
    relay_from_text,
)
from ._convert import Path as FieldPath
from ._errors import DatasetError
from ._findings import Finding, Location
from ._io import Format, StrPath, _Checks, _Loader, dataset_files
from ._io_files import Item, Record, file_finding, iter_lines
from ._io_json import _decoder, _Lines, _marks, line_problem, read_jsonl
from ._policy import DEFAULT_POLICY, ValuePolicy
from ._values import Category, DateValue, Precision, Proposition, Qualifier, Quantity, Unknown

__all__ = ["load_fast"]

_CLAIM_KEYS: Final = frozenset(a.name for a in attrs.fields(Claim))
_RELAY_KEYS: Final = frozenset(a.name for a in attrs.fields(Relay))
_QUALIFIERS: Final = frozenset(get_args(Qualifier))
_PRECISIONS: Final = frozenset(get_args(Precision))
_STANCES: Final = frozenset({"asserts", "denies"})
_ISO_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_VALUE_KEYS: Final = {
    "quantity": frozenset({"kind", "low", "high", "text", "nominal", "qualifier", "options"}),
    "date": frozenset({"kind", "low", "high", "text", "precision", "qualifier", "options"}),
    "category": frozenset({"kind", "members", "text"}),
    "proposition": frozenset({"kind", "holds", "text"}),
    "unknown": frozenset({"kind", "text"}),
}
_intern = sys.intern
#: The measure kinds whose text values may need the claim's year (``None``: not declared).
_DATED_KINDS: Final = frozenset({None, "date"})


class _UnusualRecordError(Exception):
    """A record the fast path does not take: it goes through the reference path."""


def _unusual() -> _UnusualRecordError:
    return _UnusualRecordError()


def load_fast(
    *paths: StrPath, policy: ValuePolicy = DEFAULT_POLICY, exclude: Iterable[StrPath] = ()
) -> Dataset:
    """Read a dataset exactly as :func:`claimdiff.load` does, faster for JSON Lines claims.

    Args:
        paths: files and directories, as for :func:`claimdiff.load`; JSON Lines files take
            the fast path, every other format the reference one.
        policy: how approximate and vague values given as text are read.
        exclude: files not to read even when a directory holds them.

    Returns:
        A dataset equal to ``load(*paths, policy=policy)``, with the same findings and
        locations.

    Raises:
        DatasetError: when no path is given.
    """
    if not paths:
        raise DatasetError("load() needs at least one file or directory")
    was_enabled = gc.isenabled()
    # Millions of small acyclic objects: the cyclic collector would rescan them over and over.
    gc.disable()
    try:
        return _FastLoader(policy).run(dataset_files(paths, exclude))
    finally:
        if was_enabled:
            gc.enable()


@attrs.frozen
class _Line:
    """A JSON line not decoded yet: the reader's output on the fast path."""

    number: int
    text: str
    index: int


#: Bytes read at a time by the fast line reader.
_BLOCK = 1 << 24


def _read_lines(path: Path, name: str) -> Iterator[Item | _Line]:
    """Like :func:`claimdiff._io_json.read_jsonl`, without decoding the JSON yet.

    The file is read and decoded in blocks rather than line by line. Anything odd about the
    bytes (a NUL, bytes that are not UTF-8, a file that cannot be opened) hands the rest of
    the file to the reference line reader, so that its findings come out exactly.
    """
    index = number = 0  # claim lines yielded, lines read
    clean = True
    try:
        stream = path.open("rb")
    except OSError:
        clean = False
    else:
        with stream:
            rest, first = b"", True
            while True:
                chunk = stream.read(_BLOCK)
                data = rest + chunk
                if chunk:
                    cut = data.rfind(b"\n") + 1
                    data, rest = data[:cut], data[cut:]
                if data:
                    if first and data.startswith(b"\xef\xbb\xbf"):
                        data = data[3:]  # as the reference reader, which reads line 1 as utf-8-sig
                    first = False
                    if b"\x00" in data:
                        clean = False
                        break
                    try:
                        text = data.decode("utf-8")
                    except UnicodeDecodeError:
                        clean = False
                        break
                    pieces = text.split("\n")
                    last = pieces.pop()  # "" after a newline; else the end of the file
                    for piece in pieces:
                        number += 1
                        if piece.strip():
                            yield _Line(number, piece + "\n", index)
                            index += 1
                    if last:
                        number += 1
                        if last.strip():
                            yield _Line(number, last, index)
                            index += 1
                if not chunk:
                    break
    if clean:
        if index == 0:
            yield from read_jsonl(path, name)  # the same "empty file" finding
        return
    for item in iter_lines(path, name):
        if isinstance(item, Finding):
            yield item
            return
        line_number, line_text = item
        if line_number > number and line_text.strip():
            yield _Line(line_number, line_text, index)
            index += 1
    if index == 0:
        yield from read_jsonl(path, name)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _UnusualRecordError  # the reference reader warns about repeated keys
    return obj


_STDLIB_DECODER: Final = json.JSONDecoder(object_pairs_hook=_no_duplicate_keys)


_decode: Final = _STDLIB_DECODER.decode


@attrs.frozen
class _MemoNames(ActorIndex):
    """An actor index that remembers which names it knows (the checks ask for every claim)."""

    _known: dict[str, bool] = attrs.field(factory=dict, eq=False)

    def known(self, name: str) -> bool:
        found = self._known.get(name)
        if found is None:
            found = self._known[name] = super().known(name)
        return found


@attrs.define
class _Builder:
    """Builds claims of the common shape directly, with the checks the converter makes."""

    policy: ValuePolicy
    ctx: ClaimContext
    values: dict[Any, Any] = attrs.field(factory=dict)
    texts: dict[tuple[str, str | None, int | None], Any] = attrs.field(factory=dict)
    vias: dict[tuple[str, ...], tuple[Relay, ...]] = attrs.field(factory=dict)
    chains: dict[str, tuple[Relay, ...]] = attrs.field(factory=dict)
    dates: dict[tuple[str, int | None], Any] = attrs.field(factory=dict)  # as_of texts read

    def claim(self, data: Any) -> Claim:
        if type(data) is not dict or not _CLAIM_KEYS.issuperset(data):
            raise _UnusualRecordError
        get = data.get
        cid, event, measure = get("id"), get("event"), get("measure")
        if type(cid) is not str or type(event) is not str or type(measure) is not str:
            raise _UnusualRecordError
        as_of = self.as_of(data["as_of"], data) if "as_of" in data else None
        fields: dict[str, Any] = {
            "id": cid,
            "event": _intern(event),
            "measure": _intern(measure),
            "value": self.value(get("value", _MISSING), data, measure, as_of),
        }
        if as_of is not None:
            fields["as_of"] = as_of
        for key in ("party", "place", "claimant", "document"):
            v = get(key)
            if v is not None:
                if type(v) is not str:
                    raise _UnusualRecordError
                fields[key] = _intern(v)
        for key in ("quote", "notes"):
            if key in data:
                v = data[key]
                if type(v) is not str:
                    raise _UnusualRecordError
                fields[key] = v
        if "stance" in data:
            stance = data["stance"]
            if type(stance) is not str or stance not in _STANCES:
                raise _UnusualRecordError
            fields["stance"] = _intern(stance)
        if "via" in data:  # null is no chain: the reference path reports it
            fields["via"] = self.via(data["via"])
        if "stated" in data:  # an ISO day or null; other forms go to the reference path
            fields["stated"] = _day(data["stated"])
        return Claim(**fields)

    def as_of(self, raw: Any, data: dict[str, Any]) -> DateValue | None:
        """A claim's scope: date text (read as the converter reads it, and remembered), a
        date mapping, or null."""
        if raw is None:
            return None
        if type(raw) is str:
            found = self.date_text(raw, _year_without_as_of(data, self.ctx))
            if found is None:
                raise _UnusualRecordError  # the reference path reports it
            return found
        if type(raw) is not dict or raw.get("kind") != "date":
            raise _UnusualRecordError
        return cast(DateValue, self.value(raw, data, ""))

    def date_text(self, raw: str, year: int | None) -> DateValue | None:
        """Date text read as the converter reads ``as_of`` (remembered); ``None`` if it is
        not a date."""
        parsed = self.dates.get((raw, year))
        if parsed is None:
            parsed = self.dates[raw, year] = read_date_text(raw, year, self.policy)
        return None if parsed.error is not None else cast(DateValue, parsed.value)

    def value(
        self, raw: Any, data: dict[str, Any], measure: str, as_of: DateValue | None = None
    ) -> Any:
        if type(raw) is int or type(raw) is float:
            raw = str(raw)  # a figure written as a JSON number reads as its text, as in load
        if type(raw) is str:
            kind = measure_kind(measure, self.ctx.measures)
            # Only dates read a year (and a measure of no kind may be one): the others are
            # cached without it.
            year = context_year(data, as_of, self.ctx) if kind in _DATED_KINDS else None
            key = (raw, kind, year)
            parsed = self.texts.get(key)
            if parsed is None:
                parsed = self.texts[key] = read_value(raw, kind, year, self.policy)
            if parsed.error is not None:
                raise _UnusualRecordError  # the reference path reports it
            return parsed.value
        if type(raw) is not dict:
            raise _UnusualRecordError
        kind = raw.get("kind")
        if type(kind) is not str or kind not in _VALUE_KEYS:
            raise _UnusualRecordError
        if not _VALUE_KEYS[kind].issuperset(raw):
            raise _UnusualRecordError
        key = _value_key(raw)
        value = self.values.get(key)
        if value is None:
            value = self.values[key] = _BUILDERS[kind](raw)
        return value

    def via(self, raw: Any) -> tuple[Relay, ...]:
        if type(raw) is str:  # the chain "Le Point [2] > encyclopedia" of CSV and Parquet
            chain = self.chains.get(raw)
            if chain is None:
                try:
                    chain = tuple(relay_from_text(part) for part in raw.split(">"))
                except (TypeError, ValueError):  # no outlet in a part
                    raise _UnusualRecordError from None
                self.chains[raw] = chain
            return chain
        if type(raw) is not list:
            raise _UnusualRecordError
        if not raw:
            return ()
        # Chains of bare outlets repeat endlessly and are shared; relays with a URL or a
        # title are mostly unique and are built as they come.
        outlets = [_bare_outlet(r) for r in raw]
        if None in outlets:
            return tuple(_relay(r) for r in raw)
        key = cast(tuple[str, ...], tuple(outlets))
        chain = self.vias.get(key)
        if chain is None:
            chain = self.vias[key] = tuple(Relay(outlet=_intern(o)) for o in key)
        return chain


def _bare_outlet(raw: Any) -> str | None:
    if type(raw) is dict and len(raw) == 1:
        outlet = raw.get("outlet")
        if type(outlet) is str:
            return outlet
    return None


def _relay(raw: Any) -> Relay:
    if type(raw) is str:  # just the outlet's name (and a citation marker), as the converter
        try:
            return relay_from_text(raw)
        except (TypeError, ValueError):  # no outlet
            raise _UnusualRecordError from None
    if type(raw) is not dict or not _RELAY_KEYS.issuperset(raw):
        raise _UnusualRecordError
    fields: dict[str, Any] = {}
    for name, v in raw.items():
        if v is None:
            continue
        if name == "published":
            fields[name] = _day(v)
        elif type(v) is not str:
            raise _UnusualRecordError
        else:
            fields[name] = _intern(v) if name == "outlet" else v
    if "outlet" not in fields:
        raise _UnusualRecordError
    return Relay(**fields)


_MISSING: Final = object()


def _value_key(raw: dict[str, Any]) -> tuple[Any, ...]:
    # Types are part of the key: 1, 1.0 and True are equal, but read back differently.
    parts: list[Any] = []
    for k, v in sorted(raw.items()):
        if type(v) is list:
            if all(type(m) is str for m in v):  # a category's members
                v = tuple(v)
            elif all(type(m) is dict for m in v):  # the options of "40 or 50"
                v = tuple(_value_key(m) for m in v)
            else:
                raise _UnusualRecordError
        elif type(v) is dict:
            raise _UnusualRecordError
        parts.append((k, type(v), v))
    return tuple(parts)


def _number(v: Any) -> int | float | None:
    if v is None:
        return None
    t = type(v)
    if t is int or (t is float and math.isfinite(v)):
        return v  # type: ignore[no-any-return]
    raise _UnusualRecordError


def _day(v: Any) -> dt.date | None:
    if v is None:
        return None
    if type(v) is not str or not _ISO_DAY.fullmatch(v):
        raise _UnusualRecordError
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        raise _UnusualRecordError from None


def _text(raw: dict[str, Any]) -> dict[str, Any]:
    if "text" not in raw:
        return {}
    text = raw["text"]
    if type(text) is not str:
        raise _UnusualRecordError
    return {"text": text}


def _literal(raw: dict[str, Any], key: str, allowed: frozenset[str]) -> dict[str, Any]:
    if key not in raw:
        return {}
    v = raw[key]
    if type(v) is not str or v not in allowed:
        raise _UnusualRecordError
    return {key: _intern(v)}


def _options(raw: dict[str, Any], kind: str, build: Callable[[dict[str, Any]], Any]) -> Any:
    """The alternatives of "40 or 50", as the converter reads them: a list of mappings of the
    value's own kind (which each may leave out), built as the value is."""
    if "options" not in raw:
        return {}
    items = raw["options"]
    if type(items) is not list:
        raise _UnusualRecordError
    for item in items:
        if type(item) is not dict or item.get("kind", kind) != kind:
            raise _UnusualRecordError
        if not _VALUE_KEYS[kind].issuperset(item):
            raise _UnusualRecordError
    return {"options": tuple([build(item) for item in items])}


def _quantity(raw: dict[str, Any]) -> Quantity:
    if "low" not in raw or "high" not in raw:
        raise _UnusualRecordError
    extra: dict[str, Any] = {
        **_text(raw),
        **_literal(raw, "qualifier", _QUALIFIERS),
        **_options(raw, "quantity", _quantity),
    }
    if "nominal" in raw:
        extra["nominal"] = _number(raw["nominal"])
    try:
        return Quantity(low=_number(raw["low"]), high=_number(raw["high"]), **extra)
    except ValueError:
        raise _UnusualRecordError from None


def _date(raw: dict[str, Any]) -> DateValue:
    if "low" not in raw or "high" not in raw:
        raise _UnusualRecordError
    extra = {
        **_text(raw),
        **_literal(raw, "qualifier", _QUALIFIERS),
        **_literal(raw, "precision", _PRECISIONS),
        **_options(raw, "date", _date),
    }
    try:
        return DateValue(low=_day(raw["low"]), high=_day(raw["high"]), **extra)
    except ValueError:
        raise _UnusualRecordError from None


def _category(raw: dict[str, Any]) -> Category:
    members = raw.get("members")
    if type(members) is not list or not members or not all(type(m) is str for m in members):
        raise _UnusualRecordError
    return Category(members=frozenset(_intern(m) for m in members), **_text(raw))


def _proposition(raw: dict[str, Any]) -> Proposition:
    holds = raw.get("holds", True)
    if type(holds) is not bool:
        raise _UnusualRecordError
    return Proposition(holds=holds, **_text(raw))


def _unknown(raw: dict[str, Any]) -> Unknown:
    return Unknown(**_text(raw))


_BUILDERS: Final[Mapping[str, Callable[[dict[str, Any]], Any]]] = {
    "quantity": _quantity,
    "date": _date,
    "category": _category,
    "proposition": _proposition,
    "unknown": _unknown,
}


class _FastLoader(_Loader):
    """:class:`claimdiff._io._Loader` with JSON Lines claims taken on the fast path."""

    def __init__(self, policy: ValuePolicy) -> None:
        super().__init__(policy)
        self.notes_memo: dict[Any, list[_Note]] = {}

    def read(self, fmt: Format, path: Path, name: str) -> Iterable[Item]:
        if fmt == "jsonl":
            # Lines stay undecoded until add(): the builder decodes them in one pass.
            return cast(Iterable[Item], _read_lines(path, name))
        return super().read(fmt, path, name)

    def prepare(self, checks: _Checks) -> None:
        if checks.index is not None:
            checks.index = _MemoNames(checks.index.actors, checks.index._by_name)
        self.builder = _Builder(self.policy, self.cell.context)

    def add(
        self, item: Any, name: str, structure: Callable[[Any, Any], Any], checks: _Checks
    ) -> None:
        if isinstance(item, _Line):
            self.add_line(item, name, self.builder, structure, checks)
        else:
            self.add_record(item, name, structure, checks)

    def add_record(
        self, record: Record, name: str, structure: Callable[[Any, Any], Any], checks: _Checks
    ) -> None:
        """A CSV or Parquet row: built directly when it is of the common shape, then kept as
        load keeps it (same duplicate check, locations and warnings); else as load reads it."""
        if record.problem is None:
            try:
                claim = self.builder.claim(record.data)
            except (_UnusualRecordError, ValueError, RecursionError):
                pass
            else:
                self.accept(claim, record, name, _notes(claim, checks, self.notes_memo))
                return
        self.add_claim(record, name, structure, checks)

    def add_line(
        self,
        line: _Line,
        name: str,
        builder: _Builder,
        structure: Callable[[Any, Any], Any],
        checks: _Checks,
    ) -> None:
        try:
            claim = builder.claim(_decode(line.text))
            key = ("claim", claim.id)
            if key in self.first:
                raise _UnusualRecordError
            notes = _notes(claim, checks, self.notes_memo)
        except (_UnusualRecordError, ValueError, RecursionError):
            for item in _reference_items(line, name):
                if isinstance(item, Finding):
                    self.note(item)
                else:
                    self.add_claim(item, name, structure, checks)
            return
        number = line.number
        location = Location(file=name, line=number, column=1, record=claim.id)
        self.first[key] = location  # only its file and line are ever shown
        self.claims.append(claim)
        self.locations[claim.id] = location
        unknown_members = _unknown_members(claim, checks)
        if unknown_members:
            # What add_claim keeps for the warnings about category members (see run).
            columns = _columns(line.text)
            self.paths[claim.id] = f"claims[{line.index}]"
            self.value_marks[claim.id] = (number, columns.get(("value",), 1))
        self.note_line(line, name, claim.id, notes)

    def note_line(
        self,
        line: _Line,
        name: str,
        claim_id: str,
        notes: list[_Note],
        columns: Callable[[str], dict[FieldPath, int]] | None = None,
    ) -> None:
        """Note the warnings about the names of the claim on ``line``, as add_claim marks
        them: strings where the mapping that holds them starts (``columns`` finds them)."""
        if notes:
            where = note_columns(line.text, notes, columns or _columns)
            self.note_at(line.number, line.index, name, claim_id, notes, where)

    def note_at(
        self,
        number: int,
        index: int,
        name: str,
        claim_id: str,
        notes: list[_Note],
        where: dict[FieldPath, int],
    ) -> None:
        """:meth:`note_line` for line ``number``, claim line ``index``, whose mappings start
        at the columns ``where`` gives."""
        for code, message, path in notes:
            field = format_path(path)
            self.note(
                Finding(
                    code=code,
                    message=f"{message} @ claims[{index}].{field}",
                    severity="warning",
                    location=Location(
                        file=name,
                        line=number,
                        column=where.get(path[:2], 1),
                        record=claim_id,
                        field=field,
                    ),
                )
            )


_Note = tuple[str, str, tuple[str | int, ...]]


def note_columns(
    text: str, notes: list[_Note], columns: Callable[[str], dict[FieldPath, int]]
) -> dict[FieldPath, int]:
    """Where the mappings the ``notes`` point into start on the line ``text``: only relays
    are marked, so a line is searched only for notes about them."""
    return columns(text) if any(path[0] == "via" for _, _, path in notes) else {}


def _notes(claim: Claim, checks: _Checks, memo: dict[Any, list[_Note]]) -> list[_Note]:
    """What the reference path would note about ``claim`` while adding it."""
    outlets = tuple(r.outlet for r in claim.via) if claim.via else ()
    return name_notes(
        checks, memo, claim.event, claim.claimant, claim.party, outlets, claim.document
    )


def name_notes(
    checks: _Checks,
    memo: dict[Any, list[_Note]],
    event: str,
    claimant: str | None,
    party: str | None,
    outlets: tuple[str, ...],
    document: str | None,
) -> list[_Note]:
    """What the reference path would note about a claim with these names while adding it.

    The checks look at names only, and the same few names come again and again: their
    notes are remembered by the names they depend on.
    """
    index = checks.index
    if index is None or all(index.known(o) for o in outlets):
        outlets = ()
    key = (
        claimant,
        party,
        outlets,
        event if checks.events else None,
        document if checks.documents else None,
    )
    notes = memo.get(key)
    if notes is None:
        fields: dict[str, Any] = {"via": tuple(Relay(outlet=o) for o in outlets)}
        probe = Claim(
            id="-",
            event=event,
            measure="-",
            value=Unknown(),
            claimant=claimant,
            party=party,
            document=document,
            **fields,
        )
        notes = memo[key] = list(checks.of(probe))
    return notes


def _unknown_members(claim: Claim, checks: _Checks) -> bool:
    """Whether the loader may warn, once every claim is in, about the members of the value."""
    index = checks.index
    value = claim.value
    return (
        index is not None
        and type(value) is Category
        and not all(index.known(m) for m in value.members)
    )


_TOKEN: Final = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def _columns(text: str) -> dict[FieldPath, int]:
    """The columns where the value mapping and the relay mappings of a claim line start, as
    the reference reader marks them (1-based): ``{("value",): 40, ("via", 0): 95}``."""
    out: dict[FieldPath, int] = {}
    depth, key, last, in_via, relay = 0, None, "", False, 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first == '"':
            last = token
        elif first == ":":
            if depth == 1:
                key = json.loads(last)
        elif first == ",":
            if depth == 1:
                key = None
            elif depth == 2 and in_via:
                relay += 1  # relays given by name count, though only mappings are marked
        elif first in "{[":
            depth += 1
            if first == "{" and depth == 2 and key == "value":
                out[("value",)] = match.start() + 1
            elif first == "{" and depth == 3 and in_via:
                out[("via", relay)] = match.start() + 1
            elif first == "[" and depth == 2 and key == "via":
                in_via = True
        else:
            depth -= 1
            if depth == 1:
                in_via = False
    return out


_REFERENCE_DECODER: Final = _decoder()


def _reference_items(line: _Line, name: str) -> list[Item]:
    """What :func:`claimdiff._io_json.read_jsonl` yields for this line."""
    number = line.number
    problem: Finding | None = None
    data: Any = None
    try:
        data = _REFERENCE_DECODER.decode(line.text)
    except json.JSONDecodeError as error:
        problem = file_finding(
            "malformed-file", f"invalid JSON: {error.msg}", name, number, error.colno
        )
    except RecursionError:
        problem = file_finding("too-deep", "the data is nested too deeply to read", name, number)
    marks: dict[FieldPath, tuple[int, int]] = {}
    findings: list[Item] = []
    if problem is None:
        repeated: dict[FieldPath, Finding] = {}
        _marks(data, (), _Lines(line.text, number), marks, findings, name, repeated=repeated)  # type: ignore[arg-type]
        problem = line_problem(repeated, line.index, name, data)
    findings.append(
        Record(
            section="claims",
            index=line.index,
            data=data,
            line=number,
            column=1,
            marks=marks,
            problem=problem,
        )
    )
    return findings
