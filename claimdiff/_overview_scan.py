"""The lane :func:`claimdiff.overview` reads JSON Lines claims on: a few numbers per claim.

The reference path builds a ``Claim``, a ``Location`` and a report ``Entry`` per claim; at a
million claims that alone is over four times the polars floor. Here blocks of JSON lines are
decoded and type-checked by ``msgspec`` (:mod:`claimdiff._overview_rows`), and a line of the
common shape leaves behind only its row number, its origin and its value, in its group.
Everything else is the reference's own work, done by the fast loader this one extends:

* a line that is not of the common shape, or that would draw an error (bad JSON, a repeated
  key, an unknown field, a value that does not parse, an id used before, a category naming
  an unknown actor), is read by :meth:`_FastLoader.add_line`, as ``load_fast`` reads it; the
  group its claim joins is then reconciled claim by claim;
* warnings about unknown names are noted by the loader's own ``note_line``, so findings
  sort exactly as ``load`` sorts them;
* a group is summed up from its rows only when nothing in it can contradict: values of one
  kind, each a single interval, all sharing a point (or one label set, or one truth value).
  Any other group, every contradiction among them, is rebuilt from its lines and reconciled
  by the reconciler itself, which also finds the transpositions among them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Final, Literal

from ._actors import ActorIndex, MemoIndex
from ._claims import Claim, Relay
from ._convert import Path as FieldPath
from ._convert import _quiet_day, measure_kind, read_value
from ._fastload import (
    _DATED_KINDS,
    _columns,
    _day,
    _FastLoader,
    _Line,
    _read_lines,
    _UnusualRecordError,
    load_fast,
    name_notes,
)
from ._findings import Finding, Location
from ._io import Format, StrPath, _Checks, dataset_files
from ._io_files import Item
from ._overview import GroupSummary, Overview
from ._policy import ValuePolicy
from ._ranges import interval_consensus, interval_range
from ._reconcile import (
    _gc_paused,
    _group_key_of,
    _key_fields,
    _Reconciler,
    _transpositions,
    reconcile,
)
from ._report import Group, GroupKey, Range, Verdict, summarize
from ._sets import INF, Spans, allowed
from ._values import Category, DateValue, Proposition, Quantity


def scan(paths: Sequence[StrPath], *, policy: ValuePolicy, exclude: Iterable[StrPath]) -> Overview:
    """:func:`claimdiff.overview`'s work (see there)."""
    try:
        from . import _overview_rows as rows  # needs msgspec: claimdiff[fast]
    except ImportError:
        # Without msgspec: the same answers, from the full report.
        return Overview.of(reconcile(load_fast(*paths, policy=policy, exclude=exclude)))
    loader = _ScanLoader(policy, rows)
    was_enabled = gc.isenabled()
    gc.disable()  # millions of acyclic objects, as in load_fast
    try:
        dataset = loader.run(dataset_files(paths, exclude))
        return loader.overview(dataset.findings, dataset.records_read or 0, dataset.claims)
    finally:
        if was_enabled:
            gc.enable()


# -- what a value allows, in the few forms a group can be summed up from -----------------------

_Shape = Literal["span", "labels", "truth", "close"]


class _Info:
    """A value as a row needs it: its kind, and what it allows when that is simple enough.

    ``close`` marks a value the reconciler must place itself: a denial of a number or a
    label, a value of several intervals, an unknown.
    """

    __slots__ = ("axis", "high", "kind", "labels", "learn", "low", "shape", "truth", "unknown")

    def __init__(self, kind: str, shape: _Shape) -> None:
        self.kind = kind
        self.shape = shape
        self.low = self.high = 0.0
        self.axis = ""  # of the number or day axis, for spans
        self.labels: frozenset[str] = frozenset()
        self.truth = False
        self.unknown = False  # a category naming an actor nobody declared
        self.learn = False  # a category naming a declared actor


def _info(value: Any, asserts: bool, index: ActorIndex, checks: _Checks) -> _Info:
    kind = value.kind
    if isinstance(value, Category):
        info = _Info(kind, "labels" if asserts else "close")
        info.labels = frozenset(index.resolve(m) for m in value.members)
        if checks.index is not None:
            known = [checks.index.known(m) for m in value.members]
            info.unknown, info.learn = not all(known), any(known)
        return info
    if not asserts and not isinstance(value, Proposition):
        return _Info(kind, "close")  # a denial: the reconciler places it
    if isinstance(value, (Quantity, DateValue)):
        spans = allowed(value)
        assert isinstance(spans, Spans)
        if len(spans.parts) != 1:
            return _Info(kind, "close")
        info = _Info(kind, "span")
        info.axis = spans.axis
        info.low, info.high = spans.parts[0]
        return info
    if isinstance(value, Proposition):
        info = _Info(kind, "truth")
        info.truth = value.holds if asserts else not value.holds
        return info
    return _Info(kind, "close")  # unknown: it counts, but gives no information


# -- where the scanned rows' lines are -----------------------------------------------------------


class _Block:
    """Lines taken as a block: where they are in their file, to read them again if needed.

    The bytes are kept only while the block is scanned; a million lines would otherwise
    hold the whole file in memory to the end.
    """

    __slots__ = ("data", "first_row", "index", "lines", "name", "number", "path", "size", "start")

    def __init__(self, data: bytes, path: Path, name: str, start: int, first_row: int) -> None:
        self.data: bytes | None = data
        self.path, self.name, self.start, self.size = path, name, start, len(data)
        self.first_row = first_row
        self.number = self.index = 0  # lines and claim lines before it
        self.lines: list[bytes] | None = None

    def text(self, offset: int) -> str:
        """Line ``offset`` of the block being scanned, as ``_read_lines`` gives it."""
        if self.lines is None:
            assert self.data is not None
            self.lines = self.data.split(b"\n")
        end = "\n" if offset < len(self.lines) - 1 else ""  # the file's last line may lack it
        return self.lines[offset].decode("utf-8") + end

    def scanned(self) -> None:
        self.data = self.lines = None

    def read(self) -> list[bytes]:
        """The block's lines, read again from its file."""
        with self.path.open("rb") as stream:
            stream.seek(self.start)
            return stream.read(self.size).split(b"\n")


class _Rows:
    """Row number to line: the lines of blocks, and lines scanned one by one."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.starts: list[int] = []
        self.single: dict[int, tuple[_Line, str]] = {}

    def block(self, row: int) -> _Block:
        return self.blocks[bisect.bisect_right(self.starts, row) - 1]

    def where(self, row: int) -> tuple[str, int]:
        """The file and line number of ``row``."""
        found = self.single.get(row)
        if found is not None:
            return found[1], found[0].number
        block = self.block(row)
        return block.name, block.number + row - block.first_row + 1

    def fetch(self, rows: Iterable[int]) -> dict[int, str | bytes]:
        """The lines of ``rows`` as text or bytes, each block read once."""
        out: dict[int, str | bytes] = {}
        wanted: dict[int, list[int]] = defaultdict(list)
        for row in rows:
            found = self.single.get(row)
            if found is not None:
                out[row] = found[0].text
            else:
                wanted[bisect.bisect_right(self.starts, row) - 1].append(row)
        for i, block_rows in wanted.items():
            block = self.blocks[i]
            lines = block.read()
            for row in block_rows:
                out[row] = lines[row - block.first_row]
        return out

    def line(self, row: int, raw: str | bytes) -> _Line:
        """The :class:`_Line` of ``row``, whose text or bytes :meth:`fetch` gave."""
        found = self.single.get(row)
        if found is not None:
            return found[0]
        block = self.block(row)
        offset = row - block.first_row
        assert isinstance(raw, bytes)
        # The file's last line may lack its newline; the column of its value is the same.
        return _Line(block.number + offset + 1, raw.decode("utf-8") + "\n", block.index + offset)


class _FirstSeen(dict[tuple[str, str], Location]):
    """The loader's ids seen so far, with the scanned rows' ids looked up where they are kept.

    The reference loader keeps a location per claim id to report a later duplicate; the
    scanned rows keep only their row number, and their location is made when asked for.
    """

    def __init__(self, ids: dict[str, int], rows: _Rows) -> None:
        super().__init__()
        self.ids, self.rows = ids, rows

    def _row(self, key: object) -> Location | None:
        if not (isinstance(key, tuple) and len(key) == 2 and key[0] == "claim"):
            return None
        row = self.ids.get(key[1])
        if row is None:
            return None
        name, number = self.rows.where(row)
        return Location(file=name, line=number, column=1, record=key[1])

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or self._row(key) is not None

    def __getitem__(self, key: tuple[str, str]) -> Location:
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        found = self._row(key)
        if found is None:
            raise KeyError(key)
        return found

    def setdefault(self, key: tuple[str, str], default: Location) -> Location:
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        found = self._row(key)
        if found is not None:
            return found
        dict.__setitem__(self, key, default)
        return default


#: The structural tokens of a line without backslashes, and its strings.
_VIA_TOKEN: Final = re.compile(r'"[^"]*"|[{}\[\]]')
#: The key of the relays: a string followed by a colon is a key, and only claims have "via".
_VIA_KEY: Final = re.compile(r'"via"\s*:')


def _via_columns(text: str) -> dict[FieldPath, int]:
    """``_fastload._columns`` for the relays of a scanned line (no backslash, ``via`` once)."""
    out: dict[FieldPath, int] = {}
    found = _VIA_KEY.search(text)
    if found is None:
        return out
    depth, relay = 0, 0
    for match in _VIA_TOKEN.finditer(text, found.end()):
        token = match.group()
        if token in "{[":
            depth += 1
            if token == "{" and depth == 2:
                out[("via", relay)] = match.start() + 1
                relay += 1
        elif token in "}]":
            depth -= 1
            if depth == 0:
                break
    return out


_Key = tuple[str, str, str, str, str]
#: One scanned row in its group: its row number, its origin and its value's _Info.
_Row = tuple[int, str, _Info]


class _ScanLoader(_FastLoader):
    """:class:`_FastLoader` with lines of the common shape kept as rows, not claims."""

    def __init__(self, policy: ValuePolicy, rows: ModuleType) -> None:
        super().__init__(policy)
        self.decode_block: Callable[[bytes], list[Any] | None] = rows.decode_block
        self.read_row: Callable[[str], Any] = rows.read_row
        self.decode_row: Callable[[str | bytes], Any] = rows.decode_row
        self.value_mapping: Callable[[Any], dict[str, Any]] = rows.value_mapping
        self.unset: Any = rows.UNSET
        self.rows = _Rows()
        self.row_count = 0
        self.ids: dict[str, int] = {}
        self.first = _FirstSeen(self.ids, self.rows)
        self.groups: dict[_Key, list[_Row]] = defaultdict(list)
        self.asserted: dict[int, _Info] = {}  # by the id of a shared value
        self.denied: dict[int, _Info] = {}
        self.values: dict[Any, Any] = {}
        self.kinds: dict[str, str | None] = {}
        self.years: dict[Any, int | None] = {}
        self.days: dict[str, bool] = {}
        self.name_notes: dict[Any, list[Any]] = {}
        self.known_outlets: set[str] = set()
        self.relays: dict[str, Relay] = {}
        self.members: list[tuple[int, str]] = []  # rows whose categories name unknown actors

    def read(self, fmt: Format, path: Path, name: str) -> Iterable[Item]:
        if fmt != "jsonl":
            return super().read(fmt, path, name)

        def take(data: bytes, number: int, index: int, start: int) -> int | None:
            return self.take_block(_Block(data, path, name, start, self.row_count), number, index)

        return _read_lines(path, name, take)  # type: ignore[return-value]

    def prepare(self, checks: _Checks) -> None:
        super().prepare(checks)
        self.checks = checks
        # The index reconcile() builds from the dataset's actors.
        self.index = MemoIndex.of(ActorIndex.build(self.declared["actors"]))
        self.resolve = self.index.resolve
        self.events_declared, self.documents_declared = bool(checks.events), bool(checks.documents)

    def add(
        self, item: Any, name: str, structure: Callable[[Any, Any], Any], checks: _Checks
    ) -> None:
        if isinstance(item, _Line):
            row = self.read_row(item.text)
            if row is not None:
                notes = self.keep(row, self.row_count)
                if notes is not None:
                    self.rows.single[self.row_count] = (item, name)
                    self.row_count += 1
                    if notes:
                        self.note_line(item, name, row.id, notes, _via_columns)
                    return
        super().add(item, name, structure, checks)

    def take_block(self, block: _Block, number: int, index: int) -> int | None:
        """Keep every line of ``block`` that is of the common shape, and read the others as
        ``load_fast`` does; ``None`` when the block must be read line by line."""
        assert block.data is not None
        rows = self.decode_block(block.data)
        if rows is None:
            return None  # some line must be read on its own: all of them, to tell which
        block.number, block.index = number, index
        self.rows.blocks.append(block)
        self.rows.starts.append(self.row_count)
        self.records_read += len(rows)
        keep, name = self.keep, block.name
        for offset, row in enumerate(rows):
            notes = keep(row, self.row_count + offset)
            if notes is None:
                line = _Line(number + offset + 1, block.text(offset), index + offset)
                structure = self.converter.get_structure_hook(Claim)
                self.add_line(line, name, self.builder, structure, self.checks)
            elif notes:
                line = _Line(number + offset + 1, block.text(offset), index + offset)
                self.note_line(line, name, row.id, notes, _via_columns)
        block.scanned()
        self.row_count += len(rows)  # a row number for every line of the block
        return len(rows)

    def keep(self, row: Any, number: int) -> list[Any] | None:
        """Keep ``row`` as row ``number`` of its group, and return the warnings about its
        names; ``None`` if the reference path must read its line."""
        unset = self.unset
        via = row.via
        if via is unset or via is None:
            via = ()
        raw = row.value
        if type(raw) is str:
            value = self.text_value(row, via)
        else:
            value = self.values.get(raw, _MISSING)
            if value is _MISSING:
                value = self.struct_value(row)
        if value is None:
            return None
        if row.stance is unset or row.stance == "asserts":
            info = self.asserted.get(id(value))
            if info is None:
                info = self.asserted[id(value)] = _info(value, True, self.index, self.checks)
        else:
            info = self.denied.get(id(value))
            if info is None:
                info = self.denied[id(value)] = _info(value, False, self.index, self.checks)
        outlets: tuple[str, ...] = ()
        if via:
            for relay in via:
                published = relay.published
                if type(published) is str and not self.day(published):
                    return None
            outlets = tuple([r.outlet for r in via])
        cid, ids = row.id, self.ids
        if ids.setdefault(cid, number) != number:
            return None  # the id of a kept row: the reference path reports the duplicate
        if self.locations and cid in self.locations:
            del ids[cid]
            return None  # the id of a claim read by the reference path
        event, measure = row.event, row.measure
        if info.learn:
            self.checks.actor_measures.add(measure)
        party, place, claimant, document = row.party, row.place, row.claimant, row.document
        if party is unset:
            party = None
        if place is unset:
            place = None
        if claimant is unset:
            claimant = None
        if document is unset:
            document = None
        if not outlets or self.known_outlets.issuperset(outlets):
            # Events and documents count only where some are declared (see _Checks.of).
            names = (
                claimant,
                party,
                event if self.events_declared else None,
                document if self.documents_declared else None,
            )
            notes = self.name_notes.get(names)
            if notes is None:
                notes = self.notes_of(event, claimant, party, outlets, document)
        else:
            notes = self.notes_of(event, claimant, party, outlets, document)
        resolve = self.resolve
        if claimant:
            origin = resolve(claimant)
        elif outlets:
            origin = resolve(outlets[0])
        elif document:
            origin = f"document:{document}"
        else:
            origin = f"claim:{cid}"
        key = (event, measure, resolve(party) if party else "", resolve(place) if place else "", "")
        self.groups[key].append((number, origin, info))
        if info.unknown:
            self.members.append((number, measure))  # see before_values
        return notes

    def before_values(self, checks: _Checks) -> None:
        """Warn about the unknown members of the rows' categories, as the loader does for its
        claims, where the measure's categories turn out to be actors."""
        checks.learn(self.claims)
        rows = [number for number, measure in self.members if measure in checks.actor_measures]
        lines = self.rows.fetch(rows)
        for number in rows:
            line = self.rows.line(number, lines[number])
            claim = self.rebuild(lines[number])
            name, _ = self.rows.where(number)
            self.locations[claim.id] = Location(
                file=name, line=line.number, column=1, record=claim.id
            )
            self.paths[claim.id] = f"claims[{line.index}]"
            self.value_marks[claim.id] = (line.number, _columns(line.text).get(("value",), 1))
            self.note_values(claim, checks)
            for kept in (self.locations, self.paths, self.value_marks):
                del kept[claim.id]  # not a claim of the dataset: its rows stay rows

    def notes_of(
        self,
        event: str,
        claimant: str | None,
        party: str | None,
        outlets: tuple[str, ...],
        document: str | None,
    ) -> list[Any]:
        """``name_notes``, remembered by the few names that matter when every outlet is
        known (the common case: relay chains are too many to remember one by one)."""
        checks = self.checks
        if outlets and not self.known_outlets.issuperset(outlets):
            index = checks.index
            self.known_outlets.update(o for o in outlets if index is None or index.known(o))
            if not self.known_outlets.issuperset(outlets):
                return name_notes(
                    checks, self.notes_memo, event, claimant, party, outlets, document
                )
        names = (
            claimant,
            party,
            event if self.events_declared else None,
            document if self.documents_declared else None,
        )
        notes = self.name_notes[names] = name_notes(
            checks, self.notes_memo, event, claimant, party, (), document
        )
        return notes

    def day(self, text: str) -> bool:
        """Whether ``text`` is a day the builder reads."""
        found = self.days.get(text)
        if found is None:
            try:
                _day(text)
                found = True
            except _UnusualRecordError:
                found = False
            self.days[text] = found
        return found

    def struct_value(self, row: Any) -> Any:
        """The row's value given as a mapping, as the fast builder reads it (and remembers
        it); ``None`` if it draws an error."""
        raw = row.value
        try:
            found = self.builder.value(self.value_mapping(raw), {}, row.measure)
        except (_UnusualRecordError, ValueError):
            found = None
        self.values[raw] = found
        return found

    def text_value(self, row: Any, via: Sequence[Any]) -> Any:
        """The row's value given as text, as the fast builder reads it (shared); ``None``
        if it draws an error."""
        raw = row.value
        measure = row.measure
        kind = self.kinds.get(measure, _MISSING)
        if kind is _MISSING:
            kind = self.kinds[measure] = measure_kind(measure, self.builder.ctx.measures)
        year = self.builder.ctx.event_years.get(row.event) if kind in _DATED_KINDS else None
        if year is None and via and kind in _DATED_KINDS:
            # As the converter finds it: the first relay's day of publication.
            published = via[0].published
            year = self.years.get(published, _MISSING)
            if year is _MISSING:
                day = _quiet_day(None if published is self.unset else published)
                year = self.years[published] = day.year if day else None
        key = (raw, kind, year)
        parsed = self.builder.texts.get(key)
        if parsed is None:
            parsed = self.builder.texts[key] = read_value(raw, kind, year, self.policy)
        return None if parsed.error is not None else parsed.value

    # -- after the last line ----------------------------------------------------------------

    def overview(
        self, findings: Sequence[Finding], records_read: int, claims: Sequence[Claim]
    ) -> Overview:
        """Sum up the groups of rows; reconcile the others claim by claim."""
        index = self.index
        held: dict[_Key, list[Claim]] = defaultdict(list)
        for claim in claims:  # read by the reference path: their groups are built whole
            held[_key_fields(claim, index)].append(claim)
        rows = self.groups
        keys = sorted(rows.keys() | held.keys())
        ranges: dict[Any, Range | None] = {}
        summaries: dict[_Key, GroupSummary | None] = {
            key: None if key in held else _summary(_group_key_of(key), rows[key], ranges)
            for key in keys
        }
        # The groups the reconciler builds whole: their rows' lines are read again, each
        # block of the file once.
        whole = [k for k, summary in summaries.items() if summary is None]
        lines = self.rows.fetch(r[0] for k in whole for r in rows.get(k, ()))
        worker = _Reconciler(index)
        details: list[Group] = []
        verdicts: Counter[str] = Counter()
        quantity_keys: list[GroupKey] = []
        counted = len(claims)
        by_id: dict[str, Claim] = {}
        with _gc_paused():
            for key in keys:
                group_rows = rows.get(key, ())
                counted += len(group_rows)
                summary = summaries[key]
                if summary is None:
                    members = held.get(key, [])
                    members.extend(self.rebuild(lines.pop(r[0])) for r in group_rows)
                    group = worker.group(_group_key_of(key), members)
                    details.append(group)
                    by_id.update((c.id, c) for c in members)
                    summary = summaries[key] = GroupSummary.of(group)
                verdicts[summary.verdict] += 1
                if summary.kind == "quantity":
                    quantity_keys.append(summary.key)
            transpositions = tuple(_transpositions(details, by_id, index, order=quantity_keys))
        all_findings = (*findings, *worker.findings)
        return Overview(
            summary=summarize(
                verdicts,
                len(transpositions),
                all_findings,
                claims=counted,
                rejected=records_read - counted,
            ),
            groups=tuple(s for s in summaries.values() if s is not None),
            details=tuple(details),
            transpositions=transpositions,
            findings=all_findings,
        )

    def rebuild(self, line: str | bytes) -> Claim:
        """The claim on the line of a scanned row, as the fast builder builds it."""
        decoded = self.decode_row(line)
        fields: dict[str, Any] = {
            "id": decoded.id,
            "event": decoded.event,
            "measure": decoded.measure,
        }
        via = decoded.via
        if via is self.unset or via is None:
            via = ()
        raw = decoded.value
        fields["value"] = self.text_value(decoded, via) if type(raw) is str else self.values[raw]
        unset = self.unset
        for key in ("party", "place", "claimant", "document", "quote", "notes", "stance"):
            v = getattr(decoded, key)
            if v is not unset and v is not None:
                fields[key] = v
        if via:
            fields["via"] = tuple(self.relay(r) for r in via)
        return Claim(**fields)

    def relay(self, raw: Any) -> Relay:
        """A relay as the fast builder builds it; one with only an outlet is shared."""
        unset = self.unset
        if raw.title is unset and raw.url is unset and raw.ref is unset and raw.published is unset:
            found = self.relays.get(raw.outlet)
            if found is None:
                found = self.relays[raw.outlet] = Relay(outlet=raw.outlet)
            return found
        return _relay(raw, unset)


_MISSING: Final[Any] = object()


def _relay(raw: Any, unset: Any) -> Relay:
    fields: dict[str, Any] = {"outlet": raw.outlet}
    for key in ("title", "url", "ref"):
        v = getattr(raw, key)
        if v is not unset and v is not None:
            fields[key] = v
    published = raw.published
    if published is not unset and published is not None:
        fields["published"] = dt.date.fromisoformat(published)
    return Relay(**fields)


def _summary(
    key: GroupKey, rows: Sequence[_Row], ranges: dict[Any, Range | None]
) -> GroupSummary | None:
    """The summary of a group of rows when nothing in it can contradict, else ``None``.

    ``ranges`` remembers the ranges made so far: groups of one size of figures share them.
    """
    infos = list({id(r[2]): r[2] for r in rows}.values())
    first = infos[0]
    kind, shape = first.kind, first.shape
    if shape == "close" or any(i.kind != kind or i.shape != shape for i in infos):
        return None
    origins = len({r[1] for r in rows})
    verdict: Verdict = "agreement" if origins >= 2 else "single"
    span: Range | None
    consensus: Range | None
    values: tuple[str, ...]
    if shape == "span":
        axis = first.axis
        if any(i.axis != axis for i in infos):
            return None
        lows, highs = [i.low for i in infos], [i.high for i in infos]
        if max(lows) > min(highs):
            return None  # a contradiction: the reconciler lists its pairs and camps
        # What interval_range and interval_consensus depend on.
        finite = [x for x in (*lows, *highs) if -INF < x < INF]
        extremes = (min(finite), max(finite)) if finite else None
        spread = (axis, min(lows), max(highs), extremes)
        common = (axis, max(lows), min(highs))
        if spread not in ranges:
            ranges[spread] = interval_range(lows, highs, axis)
        if common not in ranges:
            ranges[common] = interval_consensus(lows, highs, axis)
        span, consensus, values = ranges[spread], ranges[common], ()
    elif shape == "labels":
        labels = first.labels
        if any(i.labels != labels for i in infos):
            return None
        span, consensus, values = None, None, tuple(sorted(labels))
    else:
        truth = first.truth
        if any(i.truth != truth for i in infos):
            return None
        span, consensus, values = None, None, ("holds" if truth else "does not hold",)
    return GroupSummary(
        key=key,
        kind=kind,
        verdict=verdict,
        claims=len(rows),
        origins=origins,
        range=span,
        consensus=consensus,
        values=values,
        consensus_values=values,
    )
